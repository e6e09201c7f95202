#!/usr/bin/env python3
"""Author the tender templates: memoire-technique, cv and bordereau-prix, in ODT and DOCX.

Requirements: Python 3.9+ (standard library only) and LibreOffice (`soffice`, 7.x) on PATH
for the ODT -> DOCX conversion. No third-party Python package is needed.

    python3 templates/src/make_templates.py            # writes templates/*.odt and templates/*.docx
    python3 templates/src/make_templates.py --pdf DIR  # also renders the eight files to PDF in DIR

How it works
- Each template is described once below (paragraphs, headings, tables) and written as raw
  OpenDocument XML: every Jinja tag is typed as one plain-text run with straight quotes, every
  paragraph and heading uses a named style (Heading 1/2/3, Text body, Table Contents...).
- LibreOffice converts each ODT to DOCX (`MS Word 2007 XML`) with a private profile.
- The DOCX is then tidied: every table gets the Word table style "Tableau offre" (borders,
  shaded header row) and the cell borders LibreOffice wrote directly are removed. (LibreOffice
  already tells Word that Carlito may be replaced by its metric twin Calibri.)

The committed templates are the files users edit; this script only makes the first version
reproducible. Re-running it overwrites the eight files in templates/.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.etree import ElementTree
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)  # templates/

NBSP = "\u00a0"
APOS = "\u2019"

# Palette: sober dark blue headings, light gray table headers.
BLUE = "#1F3864"
BLUE2 = "#2E5597"
GRAY_HEAD = "#E7E6E6"
GRAY_TOTAL = "#F2F2F2"
BLUE_GROUP = "#DEE6F2"
BORDER = "0.5pt solid #A6A6A6"
FONT = "Carlito"

# --------------------------------------------------------------------------------------------
# Document model
# --------------------------------------------------------------------------------------------


class Span:
    """A run of text in a named character style (a tag must never be cut across spans)."""

    def __init__(self, style, text):
        self.style, self.text = style, text


def strong(text):
    return Span("Strong_20_Emphasis", text)


TAB = object()
PAGE = object()
PAGES = object()


def inline(parts):
    """Paragraph content: str | Span | TAB | PAGE | PAGES, or a list of them."""
    if not isinstance(parts, (list, tuple)):
        parts = [parts]
    out = []
    for part in parts:
        if part is TAB:
            out.append("<text:tab/>")
        elif part is PAGE:
            out.append('<text:page-number text:select-page="current">1</text:page-number>')
        elif part is PAGES:
            out.append("<text:page-count>1</text:page-count>")
        elif isinstance(part, Span):
            out.append('<text:span text:style-name="%s">%s</text:span>' % (part.style, escape(part.text)))
        else:
            out.append(escape(part))
    return "".join(out)


class Doc:
    def __init__(self):
        self.body = []
        self.auto = []  # automatic styles for content.xml
        self.ntables = 0

    # paragraphs ------------------------------------------------------------------------
    def p(self, style, parts=""):
        self.body.append('<text:p text:style-name="%s">%s</text:p>' % (style, inline(parts)))

    def tag(self, text, style="Tag"):
        """A block tag alone in its own paragraph (removed or repeated by the engine)."""
        self.p(style, text)

    def bullets(self, *items):
        """A bullet list ("Tirets" list style, "List Bullet" paragraphs); one list per call."""
        self.body.append('<text:list text:style-name="Tirets">%s</text:list>' % "".join(
            '<text:list-item><text:p text:style-name="List_20_Bullet">%s</text:p></text:list-item>' % inline(i)
            for i in items))

    def toc(self, title, levels=2):
        """A table of contents of the headings down to `levels`. Its entries in the template are a
        placeholder: `tender build --pdf` has LibreOffice update the index before writing the PDF,
        and Word updates it when the document is opened (w:updateFields)."""
        entries = "".join(
            '<text:table-of-content-entry-template text:outline-level="%d" text:style-name="Contents_20_%d">'
            '<text:index-entry-link-start text:style-name="Index_20_Link"/><text:index-entry-chapter/>'
            '<text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
            '<text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template>'
            % (k, k) for k in range(1, levels + 1))
        self.body.append(
            '<text:table-of-content text:style-name="TocSection" text:protected="true" text:name="Sommaire">'
            '<text:table-of-content-source text:outline-level="%d" text:use-index-marks="false">'
            '<text:index-title-template text:style-name="Contents_20_Heading">%s</text:index-title-template>%s'
            '</text:table-of-content-source><text:index-body>'
            '<text:index-title text:style-name="TocSection" text:name="Sommaire_Head">'
            '<text:p text:style-name="Contents_20_Heading">%s</text:p></text:index-title>'
            '<text:p text:style-name="Contents_20_1">(le sommaire est mis à jour à la conversion en PDF et à l%souverture dans Word)</text:p>'
            '</text:index-body></text:table-of-content>' % (levels, title, entries, title, APOS))
        self.auto.append('<style:style style:name="TocSection" style:family="section">'
                         '<style:section-properties style:editable="false"/></style:style>')

    def h(self, level, parts, style=None):
        style = style or "Heading_20_%d" % level
        self.body.append('<text:h text:style-name="%s" text:outline-level="%d">%s</text:h>'
                         % (style, level, inline(parts)))

    def auto_paragraph(self, name, parent, para="", master=None):
        """An automatic paragraph style: a page break or a page style, nothing else."""
        m = ' style:master-page-name="%s"' % master if master else ""
        self.auto.append('<style:style style:name="%s" style:family="paragraph" style:parent-style-name="%s"%s>'
                         '<style:paragraph-properties %s/></style:style>' % (name, parent, m, para))

    def loop_paragraphs(self, expr, style="Text_20_body"):
        """Multi-paragraph prose: paragraphs separated by a blank line."""
        self.tag('{%%p for para in %s.split("\\n\\n") %%}' % expr)
        self.p(style, "{{ para }}")
        self.tag("{%p endfor %}")

    # tables ------------------------------------------------------------------------------
    def table(self, widths, rows, header=1):
        """rows: list of (kind, cells); kind in head|body|key|total|grand|group|task|tag.
        A cell is content, or a dict {c: content, r: right-aligned, span: n, small: second line}."""
        self.ntables += 1
        name = "Tableau%d" % self.ntables
        total = sum(widths)
        self.auto.append(
            '<style:style style:name="%s" style:family="table"><style:table-properties '
            'style:width="%.2fcm" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" '
            'table:border-model="collapsing" style:may-break-between-rows="true"/></style:style>'
            % (name, total))
        cols = []
        for i, w in enumerate(widths):
            cname = "%s.C%d" % (name, i + 1)
            self.auto.append('<style:style style:name="%s" style:family="table-column">'
                             '<style:table-column-properties style:column-width="%.2fcm"/></style:style>'
                             % (cname, w))
            cols.append('<table:table-column table:style-name="%s"/>' % cname)
        ncols = len(widths)
        xml_rows = []
        for kind, cells in rows:
            if kind == "tag":
                cells = [{"c": cells, "span": ncols}]
            xml_rows.append((kind, self._row(kind, cells, ncols)))
        head = "".join(x for k, x in xml_rows[:header] if k == "head")
        nhead = len([1 for k, _ in xml_rows[:header] if k == "head"])
        rest = "".join(x for _, x in xml_rows[nhead:])
        if head:
            head = "<table:table-header-rows>%s</table:table-header-rows>" % head
        self.body.append('<table:table table:name="%s" table:style-name="%s">%s%s%s</table:table>'
                         % (name, name, "".join(cols), head, rest))

    PSTYLE = {
        "head": ("Table_20_Heading", "Table_20_Heading_20_Right"),
        "body": ("Table_20_Contents", "Table_20_Number"),
        "key": ("Table_20_Key", "Table_20_Key"),
        "total": ("Table_20_Total", "Table_20_Total_20_Number"),
        "grand": ("Table_20_Total", "Table_20_Total_20_Number"),
        "group": ("Table_20_Group", "Table_20_Group"),
        "task": ("Table_20_Task", "Table_20_Task_20_Number"),
        "tag": ("Tag", "Tag"),
    }
    CSTYLE = {"head": "CellHead", "body": "CellBody", "key": "CellKey", "total": "CellTotal",
              "grand": "CellGrand", "group": "CellGroup", "task": "CellBody", "tag": "CellTag"}

    def _row(self, kind, cells, ncols):
        out = []
        used = 0
        for i, cell in enumerate(cells):
            if not isinstance(cell, dict):
                cell = {"c": cell}
            span = cell.get("span", 1)
            ckind = "key" if (kind == "body" and cell.get("key")) else kind
            pstyle = self.PSTYLE[ckind][1 if cell.get("r") else 0]
            cstyle = self.CSTYLE[ckind]
            content = cell["c"]
            paras = ['<text:p text:style-name="%s">%s</text:p>' % (pstyle, inline(content))]
            if cell.get("small"):
                paras.append('<text:p text:style-name="Table_20_Small">%s</text:p>' % inline(cell["small"]))
            attrs = ' table:number-columns-spanned="%d"' % span if span > 1 else ""
            out.append('<table:table-cell table:style-name="%s" office:value-type="string"%s>%s</table:table-cell>'
                       % (cstyle, attrs, "".join(paras)))
            out.extend(["<table:covered-table-cell/>"] * (span - 1))
            used += span
        if used != ncols:
            raise ValueError("row of %d columns in a %d-column table: %r" % (used, ncols, cells))
        return '<table:table-row table:style-name="RowKeep">%s</table:table-row>' % "".join(out)


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'office:version="1.3"')


def pstyle(name, display=None, parent=None, next_=None, cls="text", para="", text="", extra=""):
    a = ['style:name="%s"' % name, 'style:family="paragraph"']
    if display:
        a.append('style:display-name="%s"' % display)
    if parent:
        a.append('style:parent-style-name="%s"' % parent)
    if next_:
        a.append('style:next-style-name="%s"' % next_)
    a.append('style:class="%s"' % cls)
    a.append(extra)
    inner = ""
    if para:
        inner += "<style:paragraph-properties %s/>" % para
    if text:
        inner += "<style:text-properties %s/>" % text
    return "<style:style %s>%s</style:style>" % (" ".join(x for x in a if x), inner)


def tabs(*stops):
    inner = "".join('<style:tab-stop style:position="%.2fcm" style:type="%s"/>' % (pos, kind)
                    for pos, kind in stops)
    return "<style:tab-stops>%s</style:tab-stops>" % inner


def pstyle_tabs(name, display, parent, para, text, stops):
    return ('<style:style style:name="%s" style:display-name="%s" style:family="paragraph" '
            'style:parent-style-name="%s" style:class="extra"><style:paragraph-properties %s>%s'
            '</style:paragraph-properties><style:text-properties %s/></style:style>'
            % (name, display, parent, para, tabs(*stops), text))


def styles_xml(kind, body_width, landscape, header_parts, footer_parts, numbered, base_size):
    """kind: memoire | cv | bordereau | matrice."""
    s = base_size
    head_keep = 'fo:keep-with-next="always"'
    styles = [
        # defaults
        '<style:default-style style:family="paragraph"><style:paragraph-properties '
        'fo:orphans="2" fo:widows="2" style:writing-mode="lr-tb" style:tab-stop-distance="1.25cm"/>'
        '<style:text-properties style:font-name="%s" fo:font-size="%.1fpt" fo:language="fr" '
        'fo:country="FR" style:font-name-asian="%s" style:font-name-complex="%s" '
        'fo:hyphenate="false" fo:color="#262626"/></style:default-style>' % (FONT, s, FONT, FONT),
        '<style:default-style style:family="table"><style:table-properties table:border-model="collapsing"/>'
        '</style:default-style>',
        pstyle("Standard", cls="text", para='fo:margin-top="0cm" fo:margin-bottom="0.18cm" fo:line-height="112%"'),
        pstyle("Text_20_body", "Text body", "Standard", cls="text",
               para='fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="112%" fo:text-align="justify"'),
        pstyle("Text_20_Lead_2d_in", "Text Lead-in", "Text_20_body", "Text_20_body", cls="text",
               para='fo:keep-with-next="always"'),
        pstyle("Heading", None, "Standard", "Text_20_body",
               para='fo:margin-top="0.45cm" fo:margin-bottom="0.18cm" %s' % head_keep,
               text='fo:color="%s" fo:font-weight="bold" style:font-weight-complex="bold"' % BLUE),
    ]
    if kind == "memoire":
        styles += [
            pstyle("Contents_20_Heading", "Contents Heading", "Heading", cls="index",
                   para='fo:margin-top="0cm" fo:margin-bottom="0.4cm"', text='fo:font-size="17pt"'),
            pstyle_tabs("Contents_20_1", "Contents 1", "Standard", 'fo:margin-top="0.2cm" fo:margin-bottom="0.05cm"',
                        'fo:font-weight="bold" fo:color="%s"' % BLUE, [(body_width, "right")]),
            pstyle_tabs("Contents_20_2", "Contents 2", "Standard", 'fo:margin-left="0.6cm" fo:margin-top="0cm" fo:margin-bottom="0.03cm"',
                        'fo:color="#262626"', [(body_width - 0.6, "right")]),
        ]
    if kind == "cv":
        styles += [
            pstyle("Heading_20_1", "Heading 1", "Heading", "Text_20_body",
                   para='fo:margin-top="0.32cm" fo:margin-bottom="0.12cm" fo:padding-bottom="0.04cm" '
                        'fo:border-bottom="0.75pt solid %s" %s' % (BLUE2, head_keep),
                   text='fo:font-size="11.5pt" fo:letter-spacing="0.02cm" fo:text-transform="uppercase"',
                   extra='style:default-outline-level="1"'),
            pstyle("Heading_20_2", "Heading 2", "Heading", "Text_20_body",
                   para='fo:margin-top="0.2cm" fo:margin-bottom="0.1cm"', text='fo:font-size="10.5pt" fo:color="%s"' % BLUE2,
                   extra='style:default-outline-level="2"'),
        ]
    else:
        styles += [
            pstyle("Heading_20_1", "Heading 1", "Heading", "Text_20_body",
                   para='fo:margin-top="0.7cm" fo:margin-bottom="0.3cm" fo:padding-bottom="0.08cm" '
                        'fo:border-bottom="1pt solid %s" %s' % (BLUE2, head_keep),
                   text='fo:font-size="17pt"', extra='style:default-outline-level="1"'),
            pstyle("Heading_20_2", "Heading 2", "Heading", "Text_20_body",
                   para='fo:margin-top="0.5cm" fo:margin-bottom="0.18cm"',
                   text='fo:font-size="13pt" fo:color="%s"' % BLUE2, extra='style:default-outline-level="2"'),
            pstyle("Heading_20_3", "Heading 3", "Heading", "Text_20_body",
                   para='fo:margin-top="0.35cm" fo:margin-bottom="0.1cm"',
                   text='fo:font-size="11pt"', extra='style:default-outline-level="3"'),
        ]
    styles += [
        pstyle("Title", "Title", "Standard", "Subtitle", cls="chapter",
               para='fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:line-height="100%"',
               text='fo:font-size="%s" fo:font-weight="bold" fo:color="%s"' % ("22pt" if kind == "cv" else "26pt", BLUE)),
        pstyle("Subtitle", "Subtitle", "Standard", "Text_20_body", cls="chapter",
               para='fo:margin-top="0cm" fo:margin-bottom="0.3cm"',
               text='fo:font-size="%s" fo:color="%s"' % ("13pt" if kind == "cv" else "16pt", BLUE2)),
        # tables
        pstyle("Table_20_Contents", "Table Contents", "Standard", cls="extra",
               para='fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="105%"',
               text='fo:font-size="%.1fpt"' % (s - 1)),
        pstyle("Table_20_Number", "Table Number", "Table_20_Contents", cls="extra", para='fo:text-align="end"'),
        pstyle("Table_20_Small", "Table Small", "Table_20_Contents", cls="extra",
               text='fo:font-size="%.1fpt" fo:color="#595959"' % (s - 2)),
        pstyle("Table_20_Heading", "Table Heading", "Table_20_Contents", cls="extra",
               para='fo:keep-with-next="always"', text='fo:font-weight="bold" fo:color="%s"' % BLUE),
        pstyle("Table_20_Heading_20_Right", "Table Heading Right", "Table_20_Heading", cls="extra",
               para='fo:text-align="end"'),
        pstyle("Table_20_Key", "Table Key", "Table_20_Contents", cls="extra", text='fo:font-weight="bold" fo:color="%s"' % BLUE),
        pstyle("Table_20_Total", "Table Total", "Table_20_Contents", cls="extra", text='fo:font-weight="bold"'),
        pstyle("Table_20_Total_20_Number", "Table Total Number", "Table_20_Total", cls="extra", para='fo:text-align="end"'),
        pstyle("Table_20_Group", "Table Group", "Table_20_Contents", cls="extra",
               para='fo:keep-with-next="always"', text='fo:font-weight="bold" fo:color="%s"' % BLUE),
        pstyle("Table_20_Task", "Table Task", "Table_20_Contents", cls="extra", text='fo:font-weight="bold"'),
        pstyle("Table_20_Task_20_Number", "Table Task Number", "Table_20_Task", cls="extra", para='fo:text-align="end"'),
        # block tags, notes, figures
        pstyle("Tag", "Template Tag", "Standard", cls="extra",
               para='fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="100%"',
               text='fo:font-size="7.5pt" fo:color="#8C8C8C"'),
        pstyle("Note", "Note", "Standard", cls="text",
               para='fo:margin-top="0.25cm" fo:margin-bottom="0.2cm"',
               text='fo:font-size="%.1fpt" fo:font-style="italic" fo:color="#595959"' % (s - 1)),
        pstyle("Key_20_Figure", "Key Figure", "Standard", cls="text",
               para='fo:margin-top="0.25cm" fo:margin-bottom="0.3cm" fo:padding="0.18cm" '
                    'fo:border-left="3pt solid %s" fo:background-color="%s"' % (BLUE2, GRAY_TOTAL),
               text='fo:font-size="%.1fpt" fo:font-weight="bold" fo:color="%s"' % (s + 1, BLUE)),
        pstyle("Task_20_Meta", "Task Details", "Standard", cls="text",
               para='fo:margin-top="0cm" fo:margin-bottom="0.05cm" fo:margin-left="0.3cm" '
                    'fo:padding-left="0.2cm" fo:border-left="1.5pt solid %s" style:join-border="true"' % BLUE2,
               text='fo:font-size="%.1fpt" fo:color="#404040"' % (s - 0.5)),
        pstyle("Person_20_Name", "Person Name", "Standard", "Text_20_body", cls="text",
               para='fo:margin-top="0.25cm" fo:margin-bottom="0.05cm" fo:keep-with-next="always"',
               text='fo:font-weight="bold" fo:color="%s"' % BLUE),
        pstyle("List_20_Bullet", "List Bullet", "Standard", cls="list",
               para='fo:margin-top="0cm" fo:margin-bottom="0.08cm"',
               extra='style:list-style-name="Tirets"'),
        pstyle("Commitment", "Commitment", "Text_20_body", cls="text",
               para='fo:keep-with-next="always"'),
        pstyle("Signature", "Signature", "Standard", cls="text",
               para='fo:margin-left="9cm" fo:margin-top="0cm" fo:margin-bottom="0.05cm" fo:keep-with-next="always"'),
        pstyle("Signature_20_Tag", "Signature Tag", "Tag", cls="extra",
               para='fo:margin-left="9cm" fo:keep-with-next="always"'),
        pstyle("Signature_20_Space", "Signature Space", "Signature", cls="text",
               para='fo:margin-bottom="2.2cm" fo:keep-with-next="auto"', text='fo:font-size="%.1fpt" fo:color="#595959"' % (s - 1)),
        # cover page
        pstyle("Cover_20_Buyer", "Cover Buyer", "Standard", cls="text",
               para='fo:margin-top="0.3cm" fo:margin-bottom="0.05cm"',
               text='fo:font-size="15pt" fo:font-weight="bold" fo:color="%s"' % BLUE),
        pstyle("Cover_20_Small", "Cover Small", "Standard", cls="text",
               para='fo:margin-top="0cm" fo:margin-bottom="0.05cm"', text='fo:color="#595959"'),
        pstyle("Cover_20_Kicker", "Cover Kicker", "Standard", cls="text",
               para='fo:margin-top="4.5cm" fo:margin-bottom="0.3cm"',
               text='fo:font-size="11pt" fo:letter-spacing="0.05cm" fo:text-transform="uppercase" fo:color="%s"' % BLUE2),
        pstyle("Cover_20_Info", "Cover Info", "Standard", cls="text",
               para='fo:margin-top="0cm" fo:margin-bottom="0.12cm" fo:margin-left="0cm" '
                    'fo:padding-left="0.3cm" fo:border-left="3pt solid %s" style:join-border="true"' % BLUE2,
               text='fo:font-size="12pt"'),
        pstyle("Cover_20_Bidder", "Cover Bidder", "Standard", cls="text",
               para='fo:margin-top="0cm" fo:margin-bottom="0.1cm"',
               text='fo:font-size="18pt" fo:font-weight="bold" fo:color="%s"' % BLUE),
        # header / footer
        pstyle_tabs("Header", "Header", "Standard",
                    'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:padding-bottom="0.08cm" '
                    'fo:border-bottom="0.5pt solid #A6A6A6"',
                    'fo:font-size="8.5pt" fo:color="#595959"', [(body_width, "right")]),
        pstyle_tabs("Footer", "Footer", "Standard", 'fo:margin-top="0cm" fo:margin-bottom="0cm"',
                    'fo:font-size="8.5pt" fo:color="#595959"', [(body_width, "right")]),
        # character styles
        '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" '
        'style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/></style:style>',
        # bullet list
        '<text:list-style style:name="Tirets" style:display-name="Tirets">'
        '<text:list-level-style-bullet text:level="1" text:bullet-char="\u2013">'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" '
        'fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/></style:list-level-properties>'
        '<style:text-properties fo:color="%s"/></text:list-level-style-bullet></text:list-style>' % BLUE2,
    ]
    # outline numbering: "1" for Heading 1, "1.1" for Heading 2, nothing below
    levels = []
    for lvl in range(1, 11):
        if numbered and lvl <= 2:
            indent = 0.9 if lvl == 1 else 1.1
            levels.append(
                '<text:outline-level-style text:level="%d" style:num-format="1" text:display-levels="%d" '
                'style:num-suffix="%s"><style:list-level-properties '
                'text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment '
                'text:label-followed-by="listtab" text:list-tab-stop-position="%.1fcm" fo:text-indent="-%.1fcm" '
                'fo:margin-left="%.1fcm"/></style:list-level-properties></text:outline-level-style>'
                % (lvl, lvl, "." if lvl == 1 else "", indent, indent, indent))
        else:
            levels.append('<text:outline-level-style text:level="%d" style:num-format=""><style:list-level-properties '
                          'text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment '
                          'text:label-followed-by="nothing" fo:text-indent="0cm" fo:margin-left="0cm"/>'
                          '</style:list-level-properties></text:outline-level-style>' % lvl)
    styles.append('<text:outline-style style:name="Outline">%s</text:outline-style>' % "".join(levels))

    if landscape:
        pw, ph, orient = 29.7, 21.0, "landscape"
    else:
        pw, ph, orient = 21.0, 29.7, "portrait"
    lr = (pw - body_width) / 2
    tb = 1.5
    layout = (
        '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="%.1fcm" '
        'fo:page-height="%.1fcm" style:print-orientation="%s" fo:margin-top="%.1fcm" fo:margin-bottom="%.1fcm" '
        'fo:margin-left="%.2fcm" fo:margin-right="%.2fcm" style:writing-mode="lr-tb"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="%.1fcm"/>'
        '</style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-top="%.1fcm"/></style:footer-style></style:page-layout>'
        % (pw, ph, orient, tb, tb, lr, lr, 0.4 if kind == "cv" else 0.6, 0.3 if kind == "cv" else 0.5))
    header = '<style:header><text:p text:style-name="Header">%s</text:p></style:header>' % inline(header_parts)
    footer = '<style:footer><text:p text:style-name="Footer">%s</text:p></style:footer>' % inline(footer_parts)
    masters = '<style:master-page style:name="Standard" style:page-layout-name="pm1">%s%s</style:master-page>' % (header, footer)
    if kind == "memoire":
        masters += ('<style:master-page style:name="First_20_Page" style:display-name="First Page" '
                    'style:page-layout-name="pm1" style:next-style-name="Standard"/>')
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-styles %s>'
            '<office:font-face-decls><style:font-face style:name="%s" svg:font-family="%s" '
            'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>'
            '<office:styles>%s</office:styles><office:automatic-styles>%s</office:automatic-styles>'
            '<office:master-styles>%s</office:master-styles></office:document-styles>'
            % (NS, FONT, FONT, "".join(styles), layout, masters))


CELL_STYLES = ('<style:style style:name="RowKeep" style:family="table-row"><style:table-row-properties '
               'fo:keep-together="always"/></style:style>') + "".join(
    '<style:style style:name="%s" style:family="table-cell"><style:table-cell-properties '
    'fo:padding-top="0.07cm" fo:padding-bottom="0.07cm" fo:padding-left="0.12cm" fo:padding-right="0.12cm" '
    'fo:border="%s" style:vertical-align="%s"%s/></style:style>'
    % (name, BORDER, valign, ' fo:background-color="%s"' % bg if bg else "")
    for name, bg, valign in [
        ("CellHead", GRAY_HEAD, "bottom"),
        ("CellBody", None, "top"),
        ("CellKey", GRAY_TOTAL, "top"),
        ("CellTotal", GRAY_TOTAL, "top"),
        ("CellGrand", GRAY_HEAD, "top"),
        ("CellGroup", BLUE_GROUP, "top"),
        ("CellTag", None, "top"),
    ])


def content_xml(doc):
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s>'
            '<office:font-face-decls><style:font-face style:name="%s" svg:font-family="%s" '
            'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>'
            '<office:automatic-styles>%s%s</office:automatic-styles>'
            '<office:body><office:text>%s</office:text></office:body></office:document-content>'
            % (NS, FONT, FONT, CELL_STYLES, "".join(doc.auto), "".join(doc.body)))


def meta_xml(title):
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta %s><office:meta>'
            '<dc:title>%s</dc:title><meta:generator>tender templates/src/make_templates.py</meta:generator>'
            '<dc:language>fr-FR</dc:language></office:meta></office:document-meta>' % (NS, escape(title)))


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')

FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # reproducible zip entries


def write_odt(path, doc, styles, title):
    with zipfile.ZipFile(path, "w") as z:
        def add(name, data, compress=zipfile.ZIP_DEFLATED):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = compress
            z.writestr(info, data.encode("utf-8"))
        add("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        add("content.xml", content_xml(doc))
        add("styles.xml", styles)
        add("meta.xml", meta_xml(title))
        add("META-INF/manifest.xml", MANIFEST)


# --------------------------------------------------------------------------------------------
# Shared pieces
# --------------------------------------------------------------------------------------------

SIGN_PLACE = '{{ bidder.city }}'


def signature_block(d, stamp=False):
    d.p("Signature", "Fait à %s, le {{ today | date }}" % SIGN_PLACE)
    d.p("Signature", "Pour {{ bidder.name }}")
    d.tag("{%p if bidder.signatory %}", "Signature_20_Tag")
    d.p("Signature", strong("{{ bidder.signatory.name }}"))
    d.p("Signature", "{{ bidder.signatory.title }}")
    d.tag("{%p endif %}", "Signature_20_Tag")
    d.p("Signature_20_Space", "Signature et cachet" if stamp else "Signature")


def tranche_summary_table(d, width, first=4.4):
    """Per tranche: days, total, discount, mécénat, net, VAT, TTC; totals fixed / optional / all.
    One table per case, each under its paragraph condition: the discount column only when the
    offer has a discount, no VAT and TTC columns (and no HT) for a VAT-exempt bidder."""
    R = lambda c: {"c": c, "r": True}
    for exempt in (False, True):
        for discount in (False, True):
            ht = "net" if exempt else "HT"
            cols = [("Jours", "days", "num", 1.3), ("Total " + ht, "ht", "eur", 2.2)]
            if discount:
                cols.append(("Remise", "discount", "eur", 2.0))
            cols += [("Mécénat", "pro_bono", "eur", 2.1), ("Net à payer" if exempt else "Net HT", "net_ht", "eur", 2.2)]
            if not exempt:
                cols += [("TVA", "vat", "eur", 2.0), ("Montant TTC", "ttc", "eur", 2.4)]
            scale = (width - first) / sum(c[3] for c in cols)
            widths = [first] + [c[3] * scale for c in cols]

            def fig(prefix):
                return [R("{{ %s.%s | %s }}" % (prefix, key, f)) for _, key, f, _ in cols]
            d.tag("{%%p if %spricing.exempt and %spricing.discount %%}"
                  % ("" if exempt else "not ", "" if discount else "not "))
            d.table(widths, [
                ("head", ["Tranche"] + [R(c[0]) for c in cols]),
                ("tag", "{%tr for t in tranches %}"),
                ("body", [{"c": "{{ t.id }} — {{ t.title }}", "small": "{{ t.kind_label }}"}] + fig("t")),
                ("tag", "{%tr endfor %}"),
                ("total", ["Total tranche ferme"] + fig("pricing.fixed")),
                ("tag", "{%tr if pricing.optional.ht %}"),
                ("total", ["Total tranches optionnelles"] + fig("pricing.optional")),
                ("tag", "{%tr endif %}"),
                ("grand", ["Total général"] + fig("pricing.all")),
            ])
            d.tag("{%p endif %}")


TOTAL_SENTENCE = ("Montant total de l" + APOS + "offre" + NBSP + ": {% if pricing.exempt %}"
                  "{{ pricing.all.net_ht | eur }} net ({{ pricing.vat_label }}){% else %}"
                  "{{ pricing.all.ttc | eur }} TTC ({{ pricing.all.net_ht | eur }} net HT){% endif %}")


def doc_header(label):
    return ["{{ tender.reference }} — {{ bidder.name }}", TAB, label]


FOOTER = ["{{ tender.buyer }}", TAB, "Page ", PAGE, " / ", PAGES]

# --------------------------------------------------------------------------------------------
# Mémoire technique
# --------------------------------------------------------------------------------------------


def memoire():
    """The mémoire: a cover, then the call's response frame as the offer lists it
    (memoire.sections: a Heading 1 per section, its Markdown text, then the blocks it asks for),
    then the commitment. Only what every call shares is written here; what a call decides
    (its headings, the length of CVs...) comes from the offer."""
    d = Doc()
    W = 16.6
    R = lambda c: {"c": c, "r": True}
    K = lambda c: {"c": c, "key": True}
    d.auto_paragraph("CoverFirst", "Cover_20_Buyer", master="First_20_Page")
    d.auto_paragraph("CoverLast", "Cover_20_Small", 'fo:break-after="page"')
    d.auto_paragraph("CoverBy", "Cover_20_Kicker", 'fo:margin-top="5cm"')

    # Cover page ----------------------------------------------------------------------------
    d.p("CoverFirst", "{{ tender.buyer }}")
    d.tag("{%p if tender.buyer_address %}")
    d.p("Cover_20_Small", "{{ tender.buyer_address }}")
    d.tag("{%p endif %}")
    d.p("Cover_20_Kicker", "Réponse à la consultation")
    d.p("Title", "{{ tender.title }}")
    d.p("Subtitle", "Mémoire technique")
    d.p("Cover_20_Info", ["Référence" + NBSP + ": ", strong("{{ tender.reference }}")])
    d.p("Cover_20_Info", ["Date limite de remise des offres" + NBSP + ": ",
                          strong('{{ tender.deadline | date("long") }}')])
    d.p("CoverBy", "Offre présentée par")
    d.tag("{%p if bidder.logo %}")
    d.p("Cover_20_Bidder", '{{ bidder.logo | image(width="4cm") }}')
    d.tag("{%p endif %}")
    d.p("Cover_20_Bidder", "{{ bidder.name }}")
    d.p("Cover_20_Small", '{{ bidder.address.split("\\n") | join(", ") }}')
    d.p("CoverLast", "SIRET {{ bidder.siret_formatted }}")
    d.auto_paragraph("TocEnd", "Standard", 'fo:break-after="page"')
    d.toc("Sommaire")
    d.p("TocEnd", "")

    # The response frame: the offer's sections, in order ---------------------------------------
    d.tag("{%p for s in memoire.sections %}")
    d.h(1, "{{ s.title }}")
    d.p("Text_20_body", "{{ s.body | markdown }}")

    d.tag('{%p if "identity" in s.blocks %}')
    d.h(2, "Fiche d" + APOS + "identité")
    d.table([5.0, W - 5.0], [
        ("body", [K("Raison sociale"), "{{ bidder.name }}"]),
        ("body", [K("Forme juridique"), '{{ bidder.legal_form | default("") }}']),
        ("body", [K("SIRET"), "{{ bidder.siret_formatted }}"]),
        ("body", [K("Adresse"), '{{ bidder.address.split("\\n") | join(", ") }}']),
        ("body", [K("Courriel"), '{{ bidder.email | default("") }}']),
        ("body", [K("Téléphone"), '{{ bidder.phone | default("") }}']),
        ("body", [K("Chiffre d" + APOS + "affaires (dernier exercice)"),
                  "{% if bidder.turnover %}{{ bidder.turnover | eur(0) }}{% if not pricing.exempt %} HT{% endif %}{% endif %}"]),
        ("body", [K("Représentant habilité"),
                  "{% if bidder.signatory %}{{ bidder.signatory.name }}, {{ bidder.signatory.title }}{% endif %}"]),
    ], header=0)
    d.tag("{%p endif %}")

    d.tag('{%p if "key_figures" in s.blocks %}')
    d.h(2, "L" + APOS + "offre en chiffres")
    d.table([5.0, W - 5.0], [
        ("body", [K("Durée de la mission"),
                  "{{ schedule.duration_months | num }} mois, du {{ schedule.start | date }} au {{ schedule.end | date }}"]),
        ("body", [K("Volume d" + APOS + "intervention"), "{{ pricing.all.days | days }}"]),
        ("body", [K("{{ pricing.labels.total }}"), "{{ pricing.all.ht | eur }}"]),
        ("tag", "{%tr if pricing.discount %}"),
        ("body", [K("Remise commerciale"), "{{ pricing.all.discount | eur }} {{ pricing.labels.ht }} déduits du prix"]),
        ("tag", "{%tr endif %}"),
        ("tag", "{%tr if pricing.mecenat %}"),
        ("body", [K("Mécénat de compétences"),
                  "{{ pricing.mecenat.value_at_rate | eur }} {{ pricing.labels.ht }} déduits du prix (jours offerts" + NBSP
                  + ": {{ pricing.mecenat.days | days }})"]),
        ("tag", "{%tr endif %}"),
        ("body", [K("{{ pricing.labels.net }}"), "{{ pricing.all.net_ht | eur }}"]),
        ("tag", "{%tr if pricing.exempt %}"),
        ("body", [K("TVA"), "{{ pricing.vat_label }}"]),
        ("tag", "{%tr else %}"),
        ("body", [K("Montant TTC"), "{{ pricing.all.ttc | eur }} ({{ pricing.vat_label }})"]),
        ("tag", "{%tr endif %}"),
    ], header=0)
    d.tag("{%p endif %}")

    d.tag('{%p if "tasks" in s.blocks %}')
    d.tag("{%p for t in tranches %}")
    d.h(2, "{{ t.kind_label }} {{ t.id }} — {{ t.title }}")
    d.p("Note", "Volume" + NBSP + ": {{ t.days | days }} — montant" + NBSP + ": {{ t.ht | eur }} {{ pricing.labels.ht }}")
    d.tag("{%p if t.terms %}")
    d.p("Note", "{{ t.terms }}")
    d.tag("{%p endif %}")
    d.tag("{%p for task in t.tasks %}")
    d.h(3, "{{ task.title }}")
    d.tag("{%p if task.description %}")
    d.loop_paragraphs("task.description")
    d.tag("{%p endif %}")
    d.tag("{%p if task.deliverable %}")
    d.p("Task_20_Meta", [strong("Livrable" + NBSP + ": "), "{{ task.deliverable }}"])
    d.tag("{%p endif %}")
    d.tag("{%p if task.days %}")
    d.p("Task_20_Meta", [strong("Charge" + NBSP + ": "), "{{ task.days | days }}{% if not task.item and not task.lump_sum %}"
                         ", soit {{ task.amount | eur }} {{ pricing.labels.ht }}{% endif %}"])
    d.tag("{%p endif %}")
    d.tag("{%p if task.item %}")
    d.p("Task_20_Meta", [strong("Fournitures" + NBSP + ": "), "{{ task.item.quantity | num }} {{ task.item.unit }} à "
                         "{{ task.item.unit_price | eur }} {{ pricing.labels.ht }}, soit {{ task.item.amount | eur }} "
                         "{{ pricing.labels.ht }}"])
    d.tag("{%p endif %}")
    d.tag("{%p if task.lump_sum %}")
    d.p("Task_20_Meta", [strong("Forfait" + NBSP + ": "), "{{ task.lump_sum_amount | eur }} {{ pricing.labels.ht }}"])
    d.tag("{%p endif %}")
    d.tag("{%p if task.days and (task.item or task.lump_sum) or task.item and task.lump_sum %}")
    d.p("Task_20_Meta", [strong("Montant de la tâche" + NBSP + ": "), "{{ task.amount | eur }} {{ pricing.labels.ht }}"])
    d.tag("{%p endif %}")
    d.tag("{%p endfor %}")
    d.tag("{%p endfor %}")
    d.tag("{%p endif %}")

    d.tag('{%p if "planning" in s.blocks %}')
    d.p("Text_20_body", "La mission se déroule du {{ schedule.start | date }} au {{ schedule.end | date }}, "
                        "soit une durée de {{ schedule.duration_months | num }} mois.")
    d.tag("{%p if schedule.start_is_notification %}")
    d.p("Text_20_body", "Le démarrage court à compter de la notification du marché" + NBSP + "; les dates ci-dessous "
                        "sont calculées pour une notification au {{ schedule.start | date }} et seront recalées "
                        "sur la date effective de notification.")
    d.tag("{%p endif %}")
    d.table([W - 5.0, 5.0], [
        ("head", ["Étape", "Date"]),
        ("body", [strong("Démarrage de la mission"), "{{ schedule.start | date }}"]),
        ("tag", "{%tr for m in schedule.milestones %}"),
        ("body", ["{{ m.title }}", "{{ m.date | date }}"]),
        ("tag", "{%tr endfor %}"),
        ("body", [strong("Fin de la mission"), "{{ schedule.end | date }}"]),
    ])
    d.tag("{%p endif %}")

    d.tag('{%p if "team" in s.blocks %}')
    d.p("Text_20_Lead_2d_in", "L" + APOS + "équipe ci-dessous est engagée pour toute la durée de la mission. "
                        "Chaque intervenant est présenté par son CV, joint à l" + APOS + "offre.")
    d.table([4.3, 4.3, 4.0, 2.0, 2.0], [
        ("head", ["Intervenant", "Rôle dans la mission", "Qualification", R("Expérience"), R("Jours")]),
        ("tag", "{%tr for p in team %}"),
        ("body", [{"c": strong("{{ p.name }}"), "small": "{{ p.title }}"}, "{{ p.role }}", "{{ p.profile_label }}",
                  R("{{ p.years }} ans"), R("{{ p.days | num }}")]),
        ("tag", "{%tr endfor %}"),
        ("grand", [{"c": "Total", "span": 4}, R("{{ pricing.all.days | num }}")]),
    ])
    d.h(2, "Les intervenants")
    d.tag("{%p for p in team %}")
    d.p("Person_20_Name", "{{ p.name }} — {{ p.role }}")
    d.p("Text_20_body", "{{ p.summary }}")
    d.tag("{%p endfor %}")
    d.tag("{%p endif %}")

    d.tag('{%p if "references" in s.blocks %}')
    d.p("Text_20_Lead_2d_in", "Missions récentes comparables conduites par {{ bidder.name }}" + NBSP + ":")
    d.table([3.9, 7.0, 3.4, 2.3], [
        ("head", ["Client", "Objet de la mission", "Période", R("{{ pricing.labels.amount }}")]),
        ("tag", "{%tr for r in bidder.references %}"),
        ("body", [strong("{{ r.client }}"), "{{ r.subject }}",
                  '{{ r.start | date("short") }} – {{ r.end | date("short") }}',
                  R("{% if r.amount %}{{ r.amount | eur(0) }}{% endif %}")]),
        ("tag", "{%tr endfor %}"),
    ])
    d.tag("{%p endif %}")

    d.tag('{%p if "cvs" in s.blocks %}')
    d.p("Text_20_Lead_2d_in", "Les CV des intervenants que nous nous engageons à mobiliser "
                        "sont joints à la présente offre en documents séparés" + NBSP + ":")
    d.tag("{%p for p in team %}")
    d.bullets([strong("{{ p.name }}"), ", {{ p.title }} — {{ p.role }}"])
    d.tag("{%p endfor %}")
    d.tag("{%p endif %}")

    d.tag('{%p if "price" in s.blocks %}')
    d.h(2, "Coût par profil")
    d.p("Text_20_Lead_2d_in", "Prix de journée en euros {% if pricing.exempt %}nets{% else %}hors taxes{% endif %}, "
                              "par profil d" + APOS + "intervenant" + NBSP + ":")
    d.table([7.6, 3.2, 2.4, 3.4], [
        ("head", ["Profil", R("{{ pricing.labels.day_rate }}"), R("Jours"), R("{{ pricing.labels.amount }}")]),
        ("tag", "{%tr for pr in pricing.profiles %}"),
        ("body", ["{{ pr.label }}", R("{{ pr.rate | eur }}"), R("{{ pr.days | num }}"), R("{{ pr.amount | eur }}")]),
        ("tag", "{%tr endfor %}"),
    ])
    d.h(2, "Décomposition par tranche")
    tranche_summary_table(d, W)
    d.p("Note", "Montants en euros. Régime de TVA" + NBSP + ": {{ pricing.vat_label }}. "
                "La colonne «" + NBSP + "Mécénat" + NBSP + "» donne la valeur des jours offerts, déduite du prix."
                "{% if pricing.discount %} La colonne «" + NBSP + "Remise" + NBSP + "» est une remise commerciale, "
                "distincte du mécénat.{% endif %}")
    d.p("Key_20_Figure", TOTAL_SENTENCE)
    d.tag("{%p if pricing.mecenat %}")
    d.h(2, "Mécénat de compétences")
    d.p("Text_20_Lead_2d_in", "{{ bidder.name }} consacre {{ pricing.mecenat.days | days }} à la mission au titre du "
                        "mécénat de compétences. Ce temps n" + APOS + "est pas facturé" + NBSP + ": sa valeur est "
                        "déduite du prix ci-dessus.")
    d.bullets("Valeur aux prix de journée de l" + APOS + "offre" + NBSP
              + ": {{ pricing.mecenat.value_at_rate | eur }} {{ pricing.labels.ht }}",
              "Valeur au coût de revient" + NBSP + ": {{ pricing.mecenat.value_at_cost | eur }}",
              "Réduction d" + APOS + "impôt (60" + NBSP + "% de la valeur au coût de revient)" + NBSP
              + ": {{ pricing.mecenat.tax_reduction | eur }}, dans la limite de {{ pricing.mecenat.cap | eur }}")
    d.tag("{%p if pricing.mecenat.note %}")
    d.p("Text_20_body", "{{ pricing.mecenat.note }}")
    d.tag("{%p endif %}")
    d.tag("{%p endif %}")
    d.tag("{%p endif %}")
    d.tag("{%p endfor %}")

    # 9. Engagement ------------------------------------------------------------------------------
    d.h(1, "Engagement du candidat")
    d.p("Commitment", "{{ bidder.name }} s" + APOS + "engage à exécuter la mission conformément au présent mémoire "
                        "technique, avec l" + APOS + "équipe présentée et au prix indiqué ci-dessus, pour la "
                        "consultation «" + NBSP + "{{ tender.title }}" + NBSP + "» (référence {{ tender.reference }}).")
    signature_block(d)

    styles = styles_xml("memoire", W, False, doc_header("Mémoire technique"), FOOTER, True, 10.5)
    return d, styles, "Mémoire technique"


# --------------------------------------------------------------------------------------------
# CV
# --------------------------------------------------------------------------------------------


def cv():
    d = Doc()
    W = 17.0
    d.p("Title", "{{ person.name }}")
    d.p("Subtitle", "{{ person.title }}")
    d.table([7.2, 5.8, 4.0], [
        ("head", ["Rôle dans la mission", "Qualification", "Expérience"]),
        ("body", [strong("{{ person.role }}"), "{{ person.profile_label }}", "{{ person.years }} ans"]),
    ])
    d.h(1, "Profil")
    d.p("Text_20_body", "{{ person.summary }}")
    d.h(1, "Expériences significatives")
    d.table([3.2, 3.8, 6.7, 3.3], [
        ("head", ["Période", "Client", "Mission", "Rôle"]),
        ("tag", "{%tr for e in person.experiences %}"),
        ("body", ['{{ e.start | date("short") }} – {% if e.end %}{{ e.end | date("short") }}{% else %}en cours{% endif %}',
                  strong("{{ e.client }}"), "{{ e.subject }}", '{{ e.role | default("") }}']),
        ("tag", "{%tr endfor %}"),
    ])
    d.h(1, "Formation")
    d.table([1.6, 8.8, 6.6], [
        ("head", ["Année", "Diplôme", "Établissement"]),
        ("tag", "{%tr for ed in person.education %}"),
        ("body", ["{{ ed.year }}", strong("{{ ed.degree }}"), "{{ ed.school }}"]),
        ("tag", "{%tr endfor %}"),
    ])
    d.h(1, "Compétences et langues")
    d.p("Text_20_body", [strong("Compétences" + NBSP + ": "), '{{ person.skills | join(", ") }}'])
    d.p("Text_20_body", [strong("Langues" + NBSP + ": "), '{{ person.languages | join(", ") }}'])
    styles = styles_xml("cv", W, False, doc_header("Curriculum vitae"),
                        ["CV {{ person.name }}", TAB, "Page ", PAGE, " / ", PAGES], False, 10.0)
    return d, styles, "Curriculum vitae"


# --------------------------------------------------------------------------------------------
# Bordereau des prix (DPGF)
# --------------------------------------------------------------------------------------------


def bordereau():
    d = Doc()
    W = 25.7
    R = lambda c: {"c": c, "r": True}
    K = lambda c: {"c": c, "key": True}
    d.p("Title", "Bordereau des prix")
    d.p("Subtitle", "Décomposition du prix global et forfaitaire")
    d.table([4.5, W - 4.5], [
        ("body", [K("Acheteur"), "{{ tender.buyer }}"]),
        ("body", [K("Consultation"), "{{ tender.title }}"]),
        ("body", [K("Référence"), "{{ tender.reference }}"]),
        ("body", [K("Candidat"), "{{ bidder.name }} — SIRET {{ bidder.siret_formatted }}"]),
    ], header=0)
    d.h(1, "Décomposition par tranche, tâche et intervenant")
    # Every row with an amount is a priced line (a person's days on a task, an item, a lump sum),
    # so that each total row is the sum of the lines above it, as printed. Days and quantities
    # have columns of their own (the quantity column only when the offer has items), so that the
    # days column adds up too.
    for items in (False, True):
        widths = [7.6, 4.2, 4.2, 1.8, 1.8, 3.0, 3.1] if items else [8.6, 4.6, 4.6, 2.0, 2.9, 3.0]
        n = len(widths)
        qty = [R("{{ task.item.quantity | num }}")] if items else []
        d.tag("{%%p if %spricing.items %%}" % ("" if items else "not "))
        rows = [
            ("head", ["Tranche / tâche", "Intervenant", "Profil / unité", R("Jours")] + ([R("Qté")] if items else [])
             + [R("{{ pricing.labels.unit_price }}"), R("{{ pricing.labels.amount }}")]),
            ("tag", "{%tr for t in tranches %}"),
            ("group", [{"c": "{{ t.kind_label }} {{ t.id }} — {{ t.title }}", "span": n}]),
            ("tag", "{%tr for task in t.tasks %}"),
            ("task", [{"c": "{{ task.title }}", "span": n}]),
            ("tag", "{%tr for l in task.lines %}"),
            ("body", ["", "{{ l.name }}", "{{ l.profile_label }}", R("{{ l.days | num }}")] + ([""] if items else [])
             + [R("{{ l.rate | eur }}"), R("{{ l.amount | eur }}")]),
            ("tag", "{%tr endfor %}"),
        ]
        if items:
            rows += [
                ("tag", "{%tr if task.item %}"),
                ("body", ["", "Fournitures", "{{ task.item.unit }}", ""] + qty
                 + [R("{{ task.item.unit_price | eur }}"), R("{{ task.item.amount | eur }}")]),
                ("tag", "{%tr endif %}"),
            ]
        rows += [
            ("tag", "{%tr if task.lump_sum %}"),
            ("body", ["", "Forfait"] + [""] * (n - 3) + [R("{{ task.lump_sum_amount | eur }}")]),
            ("tag", "{%tr endif %}"),
            ("tag", "{%tr endfor %}"),
            ("total", [{"c": "Total {{ t.id }} — {{ t.title }}", "span": 3}, R("{{ t.days | num }}")] + [""] * (n - 5)
             + [R("{{ t.ht | eur }}")]),
            ("tag", "{%tr endfor %}"),
            ("grand", [{"c": "Total général {{ pricing.labels.ht }}", "span": 3}, R("{{ pricing.all.days | num }}")]
             + [""] * (n - 5) + [R("{{ pricing.all.ht | eur }}")]),
        ]
        d.table(widths, rows)
        d.tag("{%p endif %}")
    d.h(1, "Récapitulatif et montant de l" + APOS + "offre")
    tranche_summary_table(d, W, first=9.5)
    d.p("Note", "Montants en euros. Régime de TVA" + NBSP + ": {{ pricing.vat_label }}.")
    d.tag("{%p for t in tranches %}")
    d.tag("{%p if t.discount %}")
    d.p("Note", "{{ t.discount_label }} sur {{ t.kind_label | lower }} {{ t.id }}" + NBSP + ": "
                "{{ t.discount | eur }} {{ pricing.labels.ht }} déduits du prix (remise commerciale, distincte du mécénat).")
    d.tag("{%p endif %}")
    d.tag("{%p endfor %}")
    d.tag("{%p for t in tranches %}")
    d.tag("{%p if t.terms %}")
    d.p("Note", "{{ t.kind_label }} {{ t.id }}" + NBSP + ": {{ t.terms }}.")
    d.tag("{%p endif %}")
    d.tag("{%p endfor %}")
    d.tag("{%p if pricing.mecenat %}")
    d.p("Note", "Mécénat de compétences" + NBSP + ": la valeur des jours offerts ({{ pricing.mecenat.days | days }}), "
                "soit {{ pricing.mecenat.value_at_rate | eur }} {{ pricing.labels.ht }} aux prix de journée de l" + APOS
                + "offre, est déduite du {{ pricing.labels.total | lower }}.")
    d.tag("{%p endif %}")
    d.p("Key_20_Figure", TOTAL_SENTENCE)
    signature_block(d, stamp=True)
    styles = styles_xml("bordereau", W, True, doc_header("Bordereau des prix"), FOOTER, False, 10.0)
    return d, styles, "Bordereau des prix"


# --------------------------------------------------------------------------------------------
# Matrice de conformité
# --------------------------------------------------------------------------------------------


def matrice():
    """The compliance matrix: each requirement of the call, the sections of the mémoire that
    answer it and the page where each starts (`matrix`, offers/FORMAT.md). One row per answering
    section; the requirement's cells are written on its first row only (`r.first`)."""
    d = Doc()
    W = 17.0
    R = lambda c: {"c": c, "r": True}
    K = lambda c: {"c": c, "key": True}
    d.p("Title", "Matrice de conformité")
    d.p("Subtitle", "Exigences de la consultation et réponses du mémoire technique")
    d.table([4.0, W - 4.0], [
        ("body", [K("Acheteur"), "{{ tender.buyer }}{% if tender.reference %} — consultation {{ tender.reference }}{% endif %}"]),
        ("body", [K("Candidat"), "{{ bidder.name }} — SIRET {{ bidder.siret_formatted }}"]),
    ], header=0)
    # What the page numbers are (or why there are none), between the two tables: Word would
    # join adjacent tables into one.
    d.p("Text_20_Lead_2d_in", "{{ matrix.note }}")
    d.table([2.8, 6.9, 5.9, 1.4], [
        ("head", ["Exigence", "Intitulé", "Section du mémoire", R("Page")]),
        ("tag", "{%tr for r in matrix.rows %}"),
        ("body", [{"c": strong("{% if r.first %}{{ r.id }}{% endif %}"),
                   "small": '{% if r.first %}{{ r.source | default("") }}{% endif %}'},
                  "{% if r.first %}{{ r.text }}{% endif %}",
                  "{% if r.number %}{{ r.number }}. {% endif %}{{ r.title }}",
                  R("{{ r.page_label }}")]),
        ("tag", "{%tr endfor %}"),
    ])
    styles = styles_xml("matrice", W, False, doc_header("Matrice de conformité"), FOOTER, False, 10.0)
    return d, styles, "Matrice de conformité"


# --------------------------------------------------------------------------------------------
# ODT -> DOCX
# --------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TABLE_STYLE = (
    '<w:style w:type="table" w:customStyle="1" w:styleId="Tableauoffre"><w:name w:val="Tableau offre"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="40"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
    '<w:tblPr><w:tblBorders>'
    + "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>' % b
              for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="68" w:type="dxa"/>'
    '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="68" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="1F3864"/></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr>'
    '</w:style>')


def look(m):
    """tblLook of one table: the style's header-row look only if the first row is a header row."""
    tbl = m.group(0)
    first = re.search(r"<w:tr>.*?</w:tr>", tbl, re.S).group(0)
    header = "1" if "<w:tblHeader" in first else "0"
    return tbl.replace("</w:tblPr>", '<w:tblLook w:val="%s" w:firstRow="%s" w:lastRow="0" w:firstColumn="0" '
                       'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                       % ("0420" if header == "1" else "0600", header), 1)


def tidy_docx(path):
    """Give every table the Word table style 'Tableau offre' and drop the direct cell borders."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml" or item.filename.startswith("word/header") \
                    or item.filename.startswith("word/footer"):
                xml = data.decode("utf-8")
                xml = re.sub(r"<w:tcBorders>.*?</w:tcBorders>", "", xml)
                xml = re.sub(r"<w:tblBorders>.*?</w:tblBorders>", "", xml)
                xml = re.sub(r"<w:tblStyle w:val=\"[^\"]*\"/>", "", xml)
                xml = xml.replace("<w:tblPr>", '<w:tblPr><w:tblStyle w:val="Tableauoffre"/>')
                xml = re.sub(r"<w:tblLook [^>]*/>", "", xml)
                xml = re.sub(r"<w:tbl>.*?</w:tbl>", look, xml, flags=re.S)
                data = xml.encode("utf-8")
            elif item.filename == "word/settings.xml" and b"<w:updateFields" not in data \
                    and "memoire" in os.path.basename(path):
                # only the mémoire holds a table of contents: Word refreshes it on opening.
                xml = data.decode("utf-8")
                # in the schema's order: before the compatibility settings
                mark = "<w:compat>" if "<w:compat>" in xml else "</w:settings>"
                xml = xml.replace(mark, '<w:updateFields w:val="true"/>' + mark, 1)
                data = xml.encode("utf-8")
            elif item.filename == "word/styles.xml":
                xml = data.decode("utf-8")
                if 'w:styleId="TableNormal"' not in xml:
                    xml = xml.replace("</w:styles>",
                                      '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
                                      '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
                                      '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
                                      '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                                      '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                                      '</w:tblCellMar></w:tblPr></w:style></w:styles>')
                xml = xml.replace("</w:styles>", TABLE_STYLE + "</w:styles>")
                data = xml.encode("utf-8")
            if item.filename.endswith(".xml"):
                ElementTree.fromstring(data)  # still well-formed
            info = zipfile.ZipInfo(item.filename, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)
    os.replace(tmp, path)


def soffice(args, profile):
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless"] + args
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdf", metavar="DIR", help="also convert the eight templates to PDF in DIR")
    ap.add_argument("--profile", default="/tmp/lo-templates", help="LibreOffice profile directory")
    ap.add_argument("--only", action="append", metavar="NAME", help="write only this template (repeatable)")
    args = ap.parse_args()

    names = {"memoire-technique": memoire, "cv": cv, "bordereau-prix": bordereau, "matrice-conformite": matrice}
    if args.only:
        names = {n: b for n, b in names.items() if n in args.only}
    odts = []
    for name, build in names.items():
        d, styles, title = build()
        path = os.path.join(OUT, name + ".odt")
        write_odt(path, d, styles, title)
        odts.append(path)
        print("wrote", os.path.relpath(path))
    with tempfile.TemporaryDirectory() as tmp:
        soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp] + odts, args.profile)
        for name in names:
            src = os.path.join(tmp, name + ".docx")
            dst = os.path.join(OUT, name + ".docx")
            shutil.copyfile(src, dst)
            tidy_docx(dst)
            print("wrote", os.path.relpath(dst))
    if args.pdf:
        os.makedirs(args.pdf, exist_ok=True)
        files = [os.path.join(OUT, n + ext) for n in names for ext in (".odt", ".docx")]
        # the DOCX and the ODT of a template share a name: convert them into separate folders
        for ext in (".odt", ".docx"):
            sub = os.path.join(args.pdf, ext[1:])
            soffice(["--convert-to", "pdf", "--outdir", sub] + [f for f in files if f.endswith(ext)], args.profile)
        print("PDF in", args.pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
