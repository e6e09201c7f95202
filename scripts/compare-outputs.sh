#!/bin/sh
# Builds the sample offers and renders a corpus of templates with two tender binaries, then
# compares every file written byte for byte. Written for issue 12 (formats behind one
# protocol): the move must not change one byte of any DOCX or ODT tender writes.
#
#   scripts/compare-outputs.sh OLD_TENDER NEW_TENDER [WORK_FOLDER]
#
# The corpus: the four sample offers (`tender build`, and `tender build --draft` for the
# annotations), every template of templates/ and Tests/Fixtures rendered with a data file,
# and small DOCX/ODT templates written here that use what the sample templates do not:
# split tags, loops over drawings and bookmarks, column loops, hm/vm/colspan/cellbg,
# ODT spaces, lists, headers and properties. Exit 0 when every file is identical.
set -eu
old=$(realpath "$1"); new=$(realpath "$2")
work=${3:-$(mktemp -d /tmp/tender-compare.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/corpus"
cd "$root"

python3 - "$work/corpus" <<'PY'
import json, os, sys, zipfile
out = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def p(*runs): return '<w:p>' + ''.join(runs) + '</w:p>'
def r(t, bold=False): return '<w:r>' + ('<w:rPr><w:b/></w:rPr>' if bold else '') + '<w:t xml:space="preserve">' + t + '</w:t></w:r>'
def tc(*ps, props=''): return '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>' + props + '</w:tcPr>' + ''.join(ps) + '</w:tc>'
def tr(*cells): return '<w:tr>' + ''.join(cells) + '</w:tr>'
def tbl(cols, *rows): return '<w:tbl><w:tblPr/><w:tblGrid>' + '<w:gridCol w:w="2000"/>' * cols + '</w:tblGrid>' + ''.join(rows) + '</w:tbl>'
drawing = '<w:r><w:drawing><wp:inline><wp:docPr id="7" name="Image 7"/></wp:inline></w:drawing></w:r>'
body = ''.join([
    p(r('Offre {{ cli'), r('ent }}', True), r(' — réf. {'), r('{ ref }}')),
    p(r('{% for x in xs %}')),
    p('<w:bookmarkStart w:id="3" w:name="mark"/>', r('Point {{ x }} {{ loop.index }}'), '<w:bookmarkEnd w:id="3"/>', drawing),
    p(r('{% endfor %}')),
    p(r('{{ notes }}')),
    tbl(2, tr(tc(p(r('Nom'))), tc(p(r('Jours')))),
        tr(tc(p(r('{%tr for m in team %}')))),
        tr(tc(p(r('{{ m.name }}'))), tc(p(r('{{ m.days }}')))),
        tr(tc(p(r('{%tr endfor %}'))))),
    tbl(1, tr(tc(p(r('{%tc for c in cols %}'))), tc(p(r('{{ c }}'))), tc(p(r('{%tc endfor %}'))))),
    tbl(2, tr(tc(p(r('{%tc for c in cols %}'))), tc(p(r('{% hm %}{{ c }}'))), tc(p(r('{%tc endfor %}')))),
        tr(tc(p(r('{% colspan span %}large')), props='<w:shd w:val="clear" w:fill="FFFFFF"/>'), tc(p(r('{% cellbg color %}fond'))))),
    tbl(2, tr(tc(p(r('{%tr for m in team %}')))),
        tr(tc(p(r('{% vm %}Groupe'))), tc(p(r('{{ m.name }}')))),
        tr(tc(p(r('{%tr endfor %}'))))),
    p(r('{%p if show %}')), p(r('Shown')), p(r('{%p endif %}')),
    p(r('tab'), '<w:r><w:tab/></w:r>', r('{{ ref }}'), '<w:r><w:br/></w:r>', r('{_{ literal }_}')),
    '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr>',
])
doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + W + '><w:body>' + body + '</w:body></w:document>'
header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ' + W + '>' + p(r('En-tête {{ ref }}')) + '</w:hdr>'
core = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Offre {{ client }}</dc:title><cp:keywords>{{ ref }}</cp:keywords></cp:coreProperties>'
styles = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ' + W + '><w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style></w:styles>'
types = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
docrels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>'
with zipfile.ZipFile(os.path.join(out, 'corpus.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
    for n, t in [('[Content_Types].xml', types), ('_rels/.rels', rels), ('word/_rels/document.xml.rels', docrels),
                 ('word/document.xml', doc), ('word/header1.xml', header), ('word/styles.xml', styles), ('docProps/core.xml', core)]:
        z.writestr(n, t)

O = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
     'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
     'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
     'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"')
def tp(t): return '<text:p>' + t + '</text:p>'
def cell(t): return '<table:table-cell>' + tp(t) + '</table:table-cell>'
def row(*c): return '<table:table-row>' + ''.join(c) + '</table:table-row>'
content = ''.join([
    '<text:h text:outline-level="1">Offre {{ client }}</text:h>',
    tp('Bonjour <text:span text:style-name="T1">{{ na</text:span>me }},<text:s text:c="3"/>{{ xs | join(" ") }}<text:tab/>{{ notes }}'),
    '<text:list>' + ''.join('<text:list-item>' + tp(t) + '</text:list-item>' for t in ['{% for x in xs %}', '- {{ x }}', '{% endfor %}']) + '</text:list>',
    tp('{% for x in xs %}'), tp('<draw:frame draw:name="f1"/>Image {{ x }}'), tp('{% endfor %}'),
    '<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>' +
    row(cell('Nom'), cell('Jours')) + row(cell('{%tr for m in team %}')) + row(cell('{{ m.name }}'), cell('{{ m.days }}')) +
    row(cell('{%tr endfor %}')) + '</table:table>',
    '<table:table table:name="T2"><table:table-column/>' +
    row(cell('{%tc for c in cols %}'), cell('{{ c }}'), cell('{%tc endfor %}')) + '</table:table>',
    tp('{%p if show %}'), tp('Shown'), tp('{%p endif %}'),
])
odt_content = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ' + O + '><office:body><office:text>' + content + '</office:text></office:body></office:document-content>'
odt_styles = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ' + O + '><office:master-styles><style:master-page style:name="Standard"><style:header>' + tp('Réf. {{ ref }}') + '</style:header></style:master-page></office:master-styles></office:document-styles>'
odt_meta = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ' + O + '><office:meta><dc:title>Offre {{ client }}</dc:title><meta:keyword>{{ ref }}</meta:keyword></office:meta></office:document-meta>'
manifest = '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
with zipfile.ZipFile(os.path.join(out, 'corpus.odt'), 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text')
    for n, t in [('content.xml', odt_content), ('styles.xml', odt_styles), ('meta.xml', odt_meta), ('META-INF/manifest.xml', manifest)]:
        z.writestr(n, t)

data = {"client": "ACME & <Co>", "ref": "CUF-2021", "reference": "CUF-2021", "name": "Ana", "place": "Paris",
        "amount": "1 250,00", "notes": "net  30\tdays\nsee terms", "xs": ["a", "b", "c"], "items": ["i1", "i2", "i3"],
        "team": [{"name": "Alice", "days": "1.5"}, {"name": "Bob", "days": 3}], "cols": ["c1", "c2", "c3", "c4", "c5"],
        "span": 2, "color": "FF0000", "show": True, "show_terms": False}
json.dump(data, open(os.path.join(out, 'data.json'), 'w'), ensure_ascii=False)
PY

status=0
[ "${COMPARE_ONLY:-}" ] || for side in old new; do
    bin=$old; [ "$side" = new ] && bin=$new
    mkdir -p "$work/$side"
    for offer in offers/*/offer.yaml; do
        name=$(basename "$(dirname "$offer")")
        "$bin" build "$offer" -o "$work/$side/build-$name" --today 2021-11-05 > "$work/$side/build-$name.log" 2>&1 || echo "$side build $name: exit $?" >> "$work/$side/status"
        "$bin" build "$offer" -o "$work/$side/draft-$name" --today 2021-11-05 --draft > "$work/$side/draft-$name.log" 2>&1 || echo "$side draft $name: exit $?" >> "$work/$side/status"
    done
    for template in "$work"/corpus/corpus.docx "$work"/corpus/corpus.odt Tests/Fixtures/odt/libreoffice.odt templates/*.docx templates/*.odt; do
        base=$(basename "$template")
        ext=${base##*.}
        "$bin" render "$template" "$work/corpus/data.json" -o "$work/$side/render-$base" --lenient \
            > "$work/$side/render-$base.log" 2>&1 || echo "$side render $base: exit $?" >> "$work/$side/status"
        "$bin" lint "$template" > "$work/$side/lint-$base.log" 2>&1 || echo "$side lint $base: exit $?" >> "$work/$side/status"
    done
done

# Every file written, compared byte for byte (logs and status lines too: they name the
# side's folder, which is replaced by the other's before comparing).
for side in old new; do echo "$side" > "$work/$side/.side"; sed -i "s/^$side //" "$work/$side/status" 2>/dev/null || true; done
compared=0
list=$(mktemp)
(cd "$work/old" && find . -type f ! -name .side | sort) > "$list"
while IFS= read -r f; do
    compared=$((compared + 1))
    if [ ! -f "$work/new/$f" ]; then echo "only in old: $f"; status=1; continue; fi
    cmp -s "$work/old/$f" "$work/new/$f" && continue
    sed "s#$work/new#$work/old#g" "$work/new/$f" | cmp -s "$work/old/$f" - && continue
    echo "differs: $f"; status=1
done < "$list"
(cd "$work/new" && find . -type f ! -name .side | sort) | while IFS= read -r f; do
    [ -f "$work/old/$f" ] || echo "only in new: $f"
done | tee "$list.new"
[ -s "$list.new" ] && status=1
echo "$compared files compared in $work: $(find "$work/old" -name '*.docx' | wc -l) DOCX, $(find "$work/old" -name '*.odt' | wc -l) ODT, $(find "$work/old" -name '*.md' | wc -l) review.md, the rest logs and lint reports"
rm -f "$list" "$list.new"
[ $status = 0 ] && echo "all identical"
exit $status
