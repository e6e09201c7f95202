#!/usr/bin/env python3
"""Lists every type a folder of Sources/TenderKit takes from a folder below it in the layer
order of the README's code-layout table (a rough check: it matches type names as words, so
an extension method called across layers goes unseen).

    scripts/layers.py            # exit 1 when a folder uses a folder below it

The one allowed exception: `Formats/DocumentFormat.swift` names each format's adapter, the
one place a new format is registered.
"""
import collections, os, re, sys

ORDER = ["Support", "Archive", "XML", "Engine", "Formats", "Formats/OPC", "Formats/Docx", "Formats/Odt",
         "Formats/Spreadsheet", "Formats/Xlsx", "Formats/Ods",
         "Offer", "Pricing", "Rendering", "Build", "Checks", "Review", "Intake"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "TenderKit")
DECLARATION = re.compile(r"^\s*(?:(?:public|internal|private|fileprivate|final|indirect)\s+)*"
                         r"(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z]\w*)", re.M)

def folder(path):
    parts = os.path.relpath(path, ROOT).split(os.sep)
    return "/".join(parts[:2]) if parts[0] == "Formats" and len(parts) > 2 else parts[0]

files = [os.path.join(d, f) for d, _, fs in os.walk(ROOT) for f in fs if f.endswith(".swift")]
owners = collections.defaultdict(set)
for path in files:
    for name in DECLARATION.findall(open(path).read()):
        owners[name].add(folder(path))
rank = {name: i for i, name in enumerate(ORDER)}
found = 0
for other in sorted({folder(path) for path in files} - set(ORDER)):
    print(f"{other} is not in the layer order: add it to ORDER and to the README's table")
    found += 1
for path in sorted(files):
    here = folder(path)
    if os.path.relpath(path, ROOT) == os.path.join("Formats", "DocumentFormat.swift"):
        continue
    text = re.sub(r'"""[\s\S]*?"""', '""', re.sub(r"//.*", "", open(path).read()))
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    for word in sorted(set(re.findall(r"\b[A-Z]\w*\b", text))):
        where = owners.get(word, set())
        if here in where or not where:
            continue  # its own type, or a type of the standard library (or nested, declared in several folders)
        for other in where:
            if rank.get(other, -1) > rank.get(here, len(ORDER)):
                print(f"{here} uses {word} of {other} ({os.path.relpath(path, ROOT)})")
                found += 1
print(f"{found} use(s) of a lower layer" if found else "every folder uses only the layers above it")
sys.exit(1 if found else 0)
