/* The copy-through floor: floor IN.docx OUT.docx K
 *
 * K times: open IN with libzip; for each text part tender compiles (word/document.xml,
 * word/header*.xml, word/footer*.xml, word/footnotes.xml, word/endnotes.xml, docProps/core.xml)
 * read and inflate it, parse it with libxml2 (xmlReadMemory), serialize it (xmlDocDumpMemory)
 * and add it deflated (zlib's default level) to a new zip OUT; every other entry is copied raw
 * (compressed bytes as they are), as tender's ArchiveWriter does. Nothing is changed.
 * Prints `median M mean A cpu C s per document`: the median and mean wall-clock time, and the
 * median CPU time (user + system of this process), each repetition timed on its own.
 *
 * cc -O2 -o floor floor.c $(pkg-config --cflags --libs libzip libxml-2.0)
 */
#include <fnmatch.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

static const char *text_parts[] = {"word/document.xml", "word/header*.xml", "word/footer*.xml",
                                    "word/footnotes.xml", "word/endnotes.xml", "docProps/core.xml", NULL};

static int is_text_part(const char *name) {
    for (int i = 0; text_parts[i]; i++)
        if (fnmatch(text_parts[i], name, FNM_PATHNAME) == 0) return 1;
    return 0;
}

static void die(const char *what, const char *detail) {
    fprintf(stderr, "floor: %s: %s\n", what, detail ? detail : "");
    exit(1);
}

static double clock_seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void copy_through(const char *in, const char *out) {
    int err = 0;
    zip_t *src = zip_open(in, ZIP_RDONLY, &err);
    if (!src) die("cannot open", in);
    zip_t *dst = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!dst) die("cannot create", out);
    zip_int64_t n = zip_get_num_entries(src, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(src, i, 0);
        zip_source_t *data;
        if (is_text_part(name)) {
            zip_stat_t st;
            zip_stat_index(src, i, 0, &st);
            char *bytes = malloc(st.size + 1);
            zip_file_t *f = zip_fopen_index(src, i, 0);
            if (!f || zip_fread(f, bytes, st.size) != (zip_int64_t)st.size) die("cannot read", name);
            zip_fclose(f);
            xmlDocPtr doc = xmlReadMemory(bytes, (int)st.size, name, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
            if (!doc) die("cannot parse", name);
            free(bytes);
            xmlChar *xml = NULL;
            int len = 0;
            xmlDocDumpMemory(doc, &xml, &len);
            xmlFreeDoc(doc);
            /* libzip frees the buffer (freep = 1) after writing; xmlFree is free here. */
            data = zip_source_buffer(dst, xml, (zip_uint64_t)len, 1);
            if (!data) die("cannot add", name);
            zip_int64_t j = zip_file_add(dst, name, data, ZIP_FL_ENC_UTF_8);
            if (j < 0) die("cannot add", name);
            zip_set_file_compression(dst, j, ZIP_CM_DEFLATE, 6);
        } else {
            data = zip_source_zip(dst, src, i, ZIP_FL_COMPRESSED, 0, -1);
            if (!data || zip_file_add(dst, name, data, ZIP_FL_ENC_UTF_8) < 0) die("cannot copy", name);
        }
    }
    if (zip_close(dst) != 0) die("cannot write", zip_strerror(dst));
    zip_discard(src);
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int k) {
    qsort(t, k, sizeof *t, cmp);
    return k % 2 ? t[k / 2] : (t[k / 2 - 1] + t[k / 2]) / 2;
}

int main(int argc, char **argv) {
    if (argc != 4) die("usage", "floor IN.docx OUT.docx K");
    int k = atoi(argv[3]);
    if (k < 1) k = 1;
    xmlInitParser();
    double *t = calloc(k, sizeof *t), *c = calloc(k, sizeof *c), sum = 0;
    for (int r = 0; r < k; r++) {
        double s = clock_seconds(CLOCK_MONOTONIC), cs = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        copy_through(argv[1], argv[2]);
        t[r] = clock_seconds(CLOCK_MONOTONIC) - s;
        c[r] = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cs;
        sum += t[r];
    }
    printf("median %.6f mean %.6f cpu %.6f s per document\n", median(t, k), sum / k, median(c, k));
    return 0;
}
