#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the repository's fixtures (sample offers, team
files, schemas, templates, test fixtures) into OUT/<target>/. Standard library only.

usage: seeds.py OUT
"""
import glob
import hashlib
import json
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODT = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def write(out, target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def files(*patterns):
    for pattern in patterns:
        yield from sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))


def main(out):
    for path in files("offers/**/*.yaml"):
        text = open(path, encoding="utf-8").read()
        write(out, "FuzzYAML", text)
        # Smaller seeds: each top-level block on its own.
        for block in re.split(r"\n(?=[a-z_]+:)", text):
            write(out, "FuzzYAML", block)
    for path in files("offers/schema/*.json"):
        text = open(path, encoding="utf-8").read()
        write(out, "FuzzJSON", text)
        for key, value in json.loads(text).get("properties", {}).items():
            write(out, "FuzzJSON", json.dumps({key: value}, ensure_ascii=False))
    for seed in ['{"ref": "A", "n": 1.50, "e": -2e-3, "l": [true, false, null], "s": "\\u00e9\\ud83d\\ude00"}',
                 '[]', '{}', '"x"', '0', '-0.0e+1']:
        write(out, "FuzzJSON", seed)
    for path in files("templates/*.docx", "templates/*.odt", "Tests/Fixtures/**/*.odt"):
        data = open(path, "rb").read()
        write(out, "FuzzZip", data)
        with zipfile.ZipFile(path) as z:
            odt = "mimetype" in z.namelist()
            prefix = b"\x01" if odt else b"\x00"
            for name in z.namelist():
                if not re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml|content\.xml|styles\.xml", name):
                    continue
                part = z.read(name).decode("utf-8")
                write(out, "FuzzTemplate", prefix + part.encode("utf-8"))
                # Each paragraph and each table alone, in a minimal part.
                pattern = (r"<text:(?:p|h)\b.*?</text:(?:p|h)>|<table:table\b.*?</table:table>" if odt
                           else r"<w:p\b.*?</w:p>|<w:tbl>.*?</w:tbl>")
                for piece in re.findall(pattern, part, re.S):
                    if "{" not in piece:
                        continue
                    wrapped = (f"<office:document-content {ODT}><office:body><office:text>{piece}"
                               f"</office:text></office:body></office:document-content>" if odt
                               else f"<w:document {W}><w:body>{piece}</w:body></w:document>")
                    write(out, "FuzzTemplate", prefix + wrapped.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1])
