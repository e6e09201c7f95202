#!/usr/bin/env python3
"""Differential test: every case of tender's own compatibility corpus (corpus.py) is rendered
by docxtpl and by tender, and the two documents must hold the same text, paragraph for
paragraph (body with table cells, then headers, then footers).

usage: differential.py [--keep DIR] [--case NAME]... TENDER
Run with a Python that has docxtpl (requirements.txt): .ci/test makes that venv.
Prints one PASS/FAIL line per case, then 'N passed, M failed'; exit 1 if any failed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

import docx
import docxtpl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import CASES  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraphs(element):
    """Texts of the paragraphs under `element`, in document order."""
    out = []
    for p in element.iter(W + "p"):
        text = []
        for node in p.iter():
            if node.tag == W + "t":
                text.append(node.text or "")
            elif node.tag == W + "tab" and node is not p:
                text.append("\t")
            elif node.tag in (W + "br", W + "cr"):
                text.append("\n")
        out.append("".join(text))
    return out


def document_text(path):
    """The document's paragraphs: body, then headers, then footers (natural order of names)."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        def order(kind):
            found = [n for n in names if re.fullmatch(r"word/%s\d*\.xml" % kind, n)]
            return sorted(found, key=lambda n: int(re.sub(r"\D", "", n) or 0))
        out = []
        for name in ["word/document.xml"] + order("header") + order("footer"):
            root = ET.fromstring(z.read(name))
            texts = paragraphs(root)
            out += ["%s: %s" % (name.split("/")[-1], t) for t in texts]
        return out



def compare(expected, actual):
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            return "paragraph %d: docxtpl %r, tender %r" % (i + 1, e, a)
    if len(expected) != len(actual):
        longer, who = (expected, "docxtpl") if len(expected) > len(actual) else (actual, "tender")
        return "%s has %d more paragraph(s), first %r" % (who, abs(len(expected) - len(actual)),
                                                         longer[min(len(expected), len(actual))])
    return None


def run_case(name, tender, folder):
    document = docx.Document()
    context = CASES[name](document)
    template = os.path.join(folder, name + ".docx")
    document.save(template)
    data = os.path.join(folder, name + ".json")
    with open(data, "w", encoding="utf-8") as f:
        json.dump(context, f, ensure_ascii=False)

    reference = os.path.join(folder, name + ".docxtpl.docx")
    tpl = docxtpl.DocxTemplate(template)
    tpl.render(context, autoescape=True)
    tpl.save(reference)

    output = os.path.join(folder, name + ".tender.docx")
    proc = subprocess.run([tender, "render", template, data, "-o", output],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        return "tender exited %d: %s" % (proc.returncode, proc.stderr.strip().splitlines()[-1:])
    return compare(document_text(reference), document_text(output))


def main(argv):
    keep, only = None, []
    while argv and argv[0].startswith("--"):
        option = argv.pop(0)
        if option == "--keep" and argv:
            keep = argv.pop(0)
        elif option == "--case" and argv:
            only.append(argv.pop(0))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    tender = os.path.abspath(argv[0])
    folder = keep or tempfile.mkdtemp(prefix="tender-differential-")
    os.makedirs(folder, exist_ok=True)
    passed = failed = 0
    try:
        for name in CASES:
            if only and name not in only:
                continue
            problem = run_case(name, tender, folder)
            print("%s %s%s" % ("FAIL" if problem else "PASS", name, ": " + problem if problem else ""))
            if problem:
                failed += 1
            else:
                passed += 1
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("differential: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
