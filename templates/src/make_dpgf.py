#!/usr/bin/env python3
"""Author the buyer-style price schedule templates/dpgf.xlsx and templates/dpgf.ods.

Requirements: Python 3.9+ (standard library only) and LibreOffice (`soffice`) on PATH for the
XLSX -> ODS conversion.

    python3 templates/src/make_dpgf.py

The workbook is written as raw SpreadsheetML, the way Excel lays it out (shared strings,
styles with number formats, a print area), one sheet "DPGF":
- a header: buyer, call, reference, bidder;
- one row per priced line (designation, unit, quantity, unit price, amount = quantity x unit
  price as a formula), inside `{%tr for t in tranches %}` / `{%tr for task in t.tasks %}` /
  `{%tr for l in task.lines %}` row loops, with the task's item and lump sum under `{%tr if %}`;
- per tranche a subtotal (SUM over its lines), its discount and pro-bono share when it has them,
  and its VAT rounded to the cent on its net HT, as `tender price` computes it;
- with a discount or a mécénat, the total HT (SUM of the lines) before them; the (net) total HT (SUM
  over the tranche totals), VAT (the sum of the tranches' VAT) and TTC as formulas.
Cells holding a lone `{{ number }}` become numeric cells keeping their number format, so the
formulas compute in Excel and LibreOffice. LibreOffice then converts the XLSX to ODS.
Re-running it overwrites both files.
"""

import os
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)  # templates/

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NBSP = "\u00a0"

# Styles (cellXfs indexes).
TEXT, TITLE, HEAD, GROUP, MONEY, QTY, BOLD, BOLD_MONEY, PERCENT, TAG, PLAIN, WRAP = range(12)

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS}"><numFmts count="3"><numFmt numFmtId="164" formatCode="[$-40C]#,##0.00\\ &quot;€&quot;"/><numFmt numFmtId="165" formatCode="[$-40C]#,##0.0#"/><numFmt numFmtId="166" formatCode="[$-40C]0\\ %"/></numFmts>\
<fonts count="4"><font><sz val="10"/><name val="Carlito"/></font><font><b/><sz val="14"/><color rgb="FF1F3864"/><name val="Carlito"/></font><font><b/><sz val="10"/><name val="Carlito"/></font><font><sz val="8"/><color rgb="FF808080"/><name val="Carlito"/></font></fonts>\
<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDEE6F2"/></patternFill></fill></fills>\
<borders count="2"><border/><border><left style="thin"><color rgb="FFA6A6A6"/></left><right style="thin"><color rgb="FFA6A6A6"/></right><top style="thin"><color rgb="FFA6A6A6"/></top><bottom style="thin"><color rgb="FFA6A6A6"/></bottom></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="12">\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"><alignment wrapText="1" vertical="center"/></xf>\
<xf numFmtId="0" fontId="2" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"><alignment wrapText="1" vertical="top"/></xf>\
<xf numFmtId="164" fontId="2" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
</cellXfs></styleSheet>"""


def build_rows():
    """(row number, height or None, [(column, style, kind, value)]) with kind s (shared string),
    n (number) or f (formula)."""
    L = []

    def row(r, *cells, ht=None):
        L.append((r, ht, list(cells)))

    def s(col, text, style=TEXT):
        return (col, style, "s", text)

    def f(col, formula, style=MONEY):
        return (col, style, "f", formula)

    def n(col, value, style=QTY):
        return (col, style, "n", value)

    def blank(col, style=MONEY):
        return (col, style, "blank", None)

    def line(r, designation, unit, qty, price):
        # Each line's amount rounded to the cent, as `tender price` prints and sums it.
        row(r, s("A", designation, TEXT), s("B", unit), qty, price, f("E", f"ROUND(C{r}*D{r},2)"), blank("F"), blank("G"))

    row(1, s("A", "Décomposition du prix global et forfaitaire (DPGF)", TITLE), ht=24)
    row(2, s("A", "Acheteur" + NBSP + ": {{ tender.buyer }}", PLAIN))
    # A call's title runs to 250 characters or more: the merged row wraps on three lines (a merged
    # cell is not given its height by LibreOffice or Excel, so the row has a fixed one).
    row(3, s("A", "Consultation" + NBSP + ": {{ tender.title }}", WRAP), ht=40)
    row(4, s("A", "Référence" + NBSP + ": {{ tender.reference }}", PLAIN))
    row(5, s("A", "Candidat" + NBSP + ": {{ bidder.name }} — SIRET {{ bidder.siret_formatted }}", PLAIN))
    row(7, s("A", "Désignation", HEAD), s("B", "Unité", HEAD), s("C", "Quantité", HEAD),
        s("D", "{{ pricing.labels.unit_price }}", HEAD), s("E", "{{ pricing.labels.amount }}", HEAD),
        s("F", "Total tranche {{ pricing.labels.ht }}", HEAD),
        s("G", "{% if not pricing.exempt %}TVA tranche{% endif %}", HEAD), ht=28)
    row(8, s("A", "{%tr for t in tranches %}", TAG))
    row(9, s("A", "{{ t.kind_label }} {{ t.id }} — {{ t.title }}", GROUP), s("B", "", GROUP), s("C", "", GROUP),
        s("D", "", GROUP), s("E", "", GROUP), s("F", "", GROUP), s("G", "", GROUP))
    row(10, s("A", "{%tr for task in t.tasks %}", TAG))
    row(11, s("A", "{%tr for l in task.lines %}", TAG))
    line(12, "{{ task.title }} — {{ l.name }} ({{ l.profile_label }})", "jour",
         s("C", "{{ l.days }}", QTY), s("D", "{{ l.rate }}", MONEY))
    row(13, s("A", "{%tr endfor %}", TAG))
    row(14, s("A", "{%tr if task.item %}", TAG))
    line(15, "{{ task.title }}", "{{ task.item.unit }}",
         s("C", "{{ task.item.quantity }}", QTY), s("D", "{{ task.item.unit_price }}", MONEY))
    row(16, s("A", "{%tr endif %}", TAG))
    row(17, s("A", "{%tr if task.lump_sum %}", TAG))
    line(18, "{{ task.title }}", "forfait", n("C", 1), s("D", "{{ task.lump_sum_amount }}", MONEY))
    row(19, s("A", "{%tr endif %}", TAG))
    row(20, s("A", "{%tr endfor %}", TAG))
    row(21, s("A", "Sous-total {{ t.kind_label | lower }} {{ t.id }}", BOLD), s("B", "", BOLD), s("C", "", BOLD),
        s("D", "", BOLD), s("E", "", BOLD), f("F", "SUM(E11:E20)", BOLD_MONEY), s("G", "", BOLD))
    # The discount and the mécénat as negative amounts in the tranche's column: the amount column
    # holds the priced lines alone, so that their sum is the total before deductions.
    row(22, s("A", "{%tr if t.discount %}", TAG))
    row(23, s("A", "{{ t.discount_label }}"), blank("E"), s("F", "{{ -t.discount }}", MONEY), blank("G"))
    row(24, s("A", "{%tr endif %}", TAG))
    row(25, s("A", "{%tr if t.pro_bono %}", TAG))
    row(26, s("A", "Mécénat de compétences ({{ t.pro_bono_days | num }} j)"), blank("E"), s("F", "{{ -t.pro_bono }}", MONEY),
        blank("G"))
    row(27, s("A", "{%tr endif %}", TAG))
    # The VAT of each tranche, rounded to the cent on its net HT, as `tender price` computes it:
    # the total VAT is their sum (VAT on the grand total could differ by a cent).
    row(28, s("A", "{%tr if not pricing.exempt %}", TAG))
    row(29, s("A", "{{ pricing.vat_label }} — {{ t.kind_label | lower }} {{ t.id }}"), s("D", "{{ pricing.vat_rate }}", PERCENT),
        blank("E"), blank("F"), f("G", "ROUND(SUM(F21:F27)*D29,2)"))
    row(30, s("A", "{%tr endif %}", TAG))
    row(31, s("A", "{%tr endfor %}", TAG))
    # With a discount or a mécénat: the total before them (the sum of the lines), then the net.
    row(33, s("A", "{%tr if pricing.all.net_ht != pricing.all.ht %}", TAG))
    row(34, s("A", "{{ pricing.labels.total }}", BOLD), s("B", "", BOLD), s("C", "", BOLD), s("D", "", BOLD), s("E", "", BOLD),
        f("F", "SUM(E9:E30)", BOLD_MONEY))
    row(35, s("A", "{%tr endif %}", TAG))
    row(36, s("A", "{% if pricing.all.net_ht != pricing.all.ht %}{{ pricing.labels.net }}{% else %}"
                   "{{ pricing.labels.total }}{% endif %}", BOLD),
        s("B", "", BOLD), s("C", "", BOLD), s("D", "", BOLD), s("E", "", BOLD), f("F", "SUM(F21:F30)", BOLD_MONEY))
    row(37, s("A", "{%tr if not pricing.exempt %}", TAG))
    row(38, s("A", "{{ pricing.vat_label }}"), blank("D"), blank("E"), f("F", "SUM(G21:G30)"))
    row(39, s("A", "{{ pricing.labels.ttc }}", BOLD), s("B", "", BOLD), s("C", "", BOLD), s("D", "", BOLD), s("E", "", BOLD),
        f("F", "F36+F38", BOLD_MONEY))
    row(40, s("A", "{%tr endif %}", TAG))
    row(41, s("A", "{%tr if pricing.exempt %}", TAG))
    row(42, s("A", "{{ bidder.vat.exemption }}", PLAIN))
    row(43, s("A", "{%tr endif %}", TAG))
    row(45, s("A", "Fait à {{ bidder.city }}, le {{ today | date }} — signature et cachet du candidat", PLAIN))
    return L


def workbook_parts():
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    rows_xml = []
    for r, ht, cells in build_rows():
        attrs = f' r="{r}"' + (f' ht="{ht}" customHeight="1"' if ht else "")
        out = []
        for col, style, kind, value in cells:
            ref = f"{col}{r}"
            if kind == "s":
                if value == "":
                    out.append(f'<c r="{ref}" s="{style}"/>')
                else:
                    out.append(f'<c r="{ref}" s="{style}" t="s"><v>{sst(value)}</v></c>')
            elif kind == "n":
                out.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
            elif kind == "f":
                out.append(f'<c r="{ref}" s="{style}"><f>{escape(value)}</f><v>0</v></c>')
            else:
                out.append(f'<c r="{ref}" s="{style}"/>')
        rows_xml.append(f"<row{attrs}>{''.join(out)}</row>")
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<worksheet xmlns="{NS}" xmlns:r="{REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
             f'<dimension ref="A1:G45"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
             f'<sheetFormatPr defaultRowHeight="14"/><cols><col min="1" max="1" width="100" customWidth="1"/>'
             f'<col min="2" max="3" width="10" customWidth="1"/><col min="4" max="7" width="15" customWidth="1"/></cols>'
             f'<sheetData>{"".join(rows_xml)}</sheetData>'
             f'<mergeCells count="5"><mergeCell ref="A1:G1"/><mergeCell ref="A2:G2"/><mergeCell ref="A3:G3"/>'
             f'<mergeCell ref="A4:G4"/><mergeCell ref="A5:G5"/></mergeCells>'
             f'<pageMargins left="0.6" right="0.6" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>'
             f'<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>')
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{NS}" count="{len(strings)}" '
              f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>")
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{NS}" xmlns:r="{REL}">'
                f'<sheets><sheet name="DPGF" sheetId="1" r:id="rId1"/></sheets><definedNames>'
                f'<definedName name="_xlnm.Print_Area" localSheetId="0">DPGF!$A$1:$G$45</definedName></definedNames>'
                f'<calcPr calcId="191029"/></workbook>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
              f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
              f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", wbrels), ("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet)]


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def main():
    xlsx = os.path.join(OUT, "dpgf.xlsx")
    write_zip(xlsx, workbook_parts())
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "ods",
                        "--outdir", tmp, xlsx], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # LibreOffice stamps the zip entries with the time of the conversion: rewritten with a
        # fixed time (mimetype first and stored, as ODF wants), the file is the same at each run.
        with zipfile.ZipFile(os.path.join(tmp, "dpgf.ods")) as z:
            entries = [(i, z.read(i.filename)) for i in z.infolist()]
        with zipfile.ZipFile(os.path.join(OUT, "dpgf.ods"), "w") as out:
            for info, data in entries:
                fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" or info.is_dir() else zipfile.ZIP_DEFLATED
                fixed.external_attr = info.external_attr
                out.writestr(fixed, data)
    print("wrote", xlsx, "and", os.path.join(OUT, "dpgf.ods"))


if __name__ == "__main__":
    main()
