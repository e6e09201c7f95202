"""tender's own docxtpl compatibility corpus: templates written here with python-docx, each
with its data, covering the docxtpl features tender implements. differential.py renders every
case with docxtpl and with tender and compares the texts.

Each case is a function that fills a python-docx Document and returns the render context.

Left out on purpose, where tender differs from docxtpl by design: numbers are decimals, so
`{{ 6 / 2 }}` is `3` (Python: `3.0`), `| float` adds no `.0`, and `| round` rounds half up
(Python rounds half to even). `{{-` and `-}}` (Jinja's whitespace control on expressions) are
refused with an error; `{%-` and `-%}` join paragraphs as in docxtpl.
"""
import docx
from docx.shared import Pt

CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


def runs(paragraph, *pieces):
    """Adds runs, alternating plain and bold, so that tags are split across runs as Word does."""
    for i, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        run.bold = i % 2 == 1
    return paragraph


def table(document, rows):
    t = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    return t


@case
def variables(d):
    d.add_paragraph("Bonjour {{ client.name }}, réf. {{ ref }}.")
    d.add_paragraph("Deuxième : {{ items[1] }} ; clé : {{ client['city'] }}")
    d.add_paragraph("Littéraux : {{ 'texte' }} {{ 42 }} {{ true }}")
    d.add_paragraph("Calcul : {{ n + 2 }} {{ n * 3 }} {{ n - 10 }} {{ n // 2 }} {{ n % 3 }} {{ 7 / 2 }}")
    d.add_paragraph("Concaténation : {{ 'a' ~ ref ~ 'b' }} {{ ref + '!' }}")
    d.add_paragraph("Sans espaces :{{ref}}:{{n}}:")
    return {"ref": "CUF-2021", "n": 7, "items": ["zéro", "un", "deux"],
            "client": {"name": "Cités Unies France", "city": "Paris"}}


@case
def escaping(d):
    d.add_paragraph("Qui : {{ who }}")
    d.add_paragraph("Balises : {{ markup }}")
    d.add_paragraph("Guillemets : {{ quotes }}")
    return {"who": "Ana & Léo", "markup": "<w:t>x</w:t> a < b > c", "quotes": "« l'offre » \"citée\""}


@case
def split_runs(d):
    runs(d.add_paragraph(), "Offre {{ ", "ref", " }} pour {{ cli", "ent }}.")
    runs(d.add_paragraph(), "{% if ", "flag %}", "oui", "{% else %}non{% ", "endif %}")
    p = d.add_paragraph()
    runs(p, "Début ", "{{ ref }}", " fin")
    p.add_run(" — ").font.size = Pt(14)
    runs(p, "{{ client | upper }}")
    return {"ref": "R-1", "client": "ville", "flag": True}


@case
def filters(d):
    d.add_paragraph("{{ name | upper }} {{ name | lower }} {{ name | title }} {{ 'mot' | capitalize }}")
    d.add_paragraph("{{ items | length }} {{ items | join(', ') }} {{ items | first }} {{ items | last }}")
    d.add_paragraph("{{ items | sort | join('/') }} {{ items | reverse | join('/') }}")
    d.add_paragraph("{{ '  espacé  ' | trim }}|{{ name | replace('a', 'A') }}")
    d.add_paragraph("{{ missing | default('défaut') }} {{ name | default('x') }}")
    d.add_paragraph("{{ numbers | sum }} {{ numbers | min }} {{ numbers | max }} {{ -3 | abs }}")
    d.add_paragraph("{{ '12' | int + 1 }} {{ numbers | map('string') | join('') }}")
    d.add_paragraph("{{ team | map(attribute='name') | join(', ') }}")
    d.add_paragraph("{{ team | selectattr('lead') | map(attribute='name') | join(', ') }}")
    d.add_paragraph("{{ team | sort(attribute='days') | map(attribute='name') | join(', ') }}")
    d.add_paragraph("{{ numbers | unique | list | length }} {{ 'un deux trois' | wordcount }}")
    d.add_paragraph("{{ '%s a %d jours' | format(name, 12) }}")
    return {"name": "jeanne martin", "items": ["pomme", "abricot", "cerise"], "numbers": [3, 1, 4, 1, 5],
            "team": [{"name": "Ana", "days": 12, "lead": True}, {"name": "Léo", "days": 3, "lead": False},
                     {"name": "Zoé", "days": 7, "lead": True}]}


@case
def inline_control(d):
    d.add_paragraph("{% if n > 5 %}grand{% elif n > 2 %}moyen{% else %}petit{% endif %}")
    d.add_paragraph("{% if flag and not other %}et{% endif %} {% if flag or other %}ou{% endif %}")
    d.add_paragraph("{% if 'b' in items %}contient{% endif %} {% if 'z' not in items %}absent{% endif %}")
    d.add_paragraph("{% for i in items %}{{ loop.index }}.{{ i }}{% if not loop.last %}, {% endif %}{% endfor %}")
    d.add_paragraph("{% for i in items %}{% if loop.first %}[{% endif %}{{ loop.index0 }}/{{ loop.length }}"
                    "{% if loop.last %}]{% endif %}{% endfor %}")
    d.add_paragraph("{{ 'vrai' if flag else 'faux' }} {{ 'vrai' if other else 'faux' }}")
    d.add_paragraph("{% set total = n * 2 %}total={{ total }}")
    d.add_paragraph("{% for i in [] %}x{% else %}vide{% endfor %}")
    d.add_paragraph("{% if none_value is none %}nul{% endif %} {% if n is number %}nombre{% endif %}"
                    " {% if missing is defined %}déf{% else %}indéf{% endif %}")
    d.add_paragraph("{% for k, v in prices | dictsort %}{{ k }}={{ v }} {% endfor %}")
    return {"n": 4, "flag": True, "other": False, "items": ["a", "b", "c"], "none_value": None,
            "prices": {"b": 2, "a": 1, "c": 3}}


@case
def paragraph_blocks(d):
    d.add_paragraph("Avant")
    d.add_paragraph("{%p for m in team %}")
    d.add_paragraph("{{ m.name }} : {{ m.days }} jours")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p if flag %}")
    d.add_paragraph("Affiché")
    d.add_paragraph("{%p else %}")
    d.add_paragraph("Caché")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p if other %}")
    d.add_paragraph("Jamais")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("Après")
    return {"team": [{"name": "Ana", "days": 12}, {"name": "Léo", "days": 3}], "flag": True, "other": False}


@case
def nested_loops(d):
    d.add_paragraph("{%p for lot in lots %}")
    d.add_paragraph("Lot {{ loop.index }} : {{ lot.title }}")
    d.add_paragraph("{%p for t in lot.tasks %}")
    d.add_paragraph("- {{ t }} ({{ loop.index }}/{{ loop.length }})")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p endfor %}")
    return {"lots": [{"title": "Cadrage", "tasks": ["réunion", "note"]},
                     {"title": "Rapport", "tasks": ["rédaction"]}]}


@case
def table_rows(d):
    table(d, [["Nom", "Jours", "Taux"],
              ["{%tr for m in team %}", "", ""],
              ["{{ m.name }}", "{{ m.days }}", "{{ m.rate }} €"],
              ["{%tr endfor %}", "", ""],
              ["Total", "{{ team | sum(attribute='days') }}", ""]])
    d.add_paragraph("Fin")
    return {"team": [{"name": "Ana", "days": 12, "rate": 900}, {"name": "Léo", "days": 3, "rate": 650}]}


@case
def table_rows_conditional(d):
    table(d, [["Poste", "Montant"],
              ["{%tr if optional %}", ""],
              ["Option", "{{ optional }}"],
              ["{%tr endif %}", ""],
              ["{%tr if missing_row %}", ""],
              ["Jamais", "x"],
              ["{%tr endif %}", ""],
              ["Fin", "ok"]])
    return {"optional": 1500, "missing_row": False}


@case
def table_columns(d):
    table(d, [["Tâche", "{%tc for m in team %}", "{{ m.name }}", "{%tc endfor %}", "Fin"],
              ["Jours", "{%tc for m in team %}", "{{ m.days }}", "{%tc endfor %}", "—"]])
    return {"team": [{"name": "Ana", "days": 12}, {"name": "Léo", "days": 3}, {"name": "Zoé", "days": 5}]}


@case
def comments(d):
    d.add_paragraph("Texte {# un commentaire #}visible")
    d.add_paragraph("{#p un paragraphe de commentaire #}")
    d.add_paragraph("Suite")
    table(d, [["a", "b"], ["{#tr une ligne de commentaire #}", ""], ["c", "d"]])
    return {}


@case
def docxtpl_escapes(d):
    d.add_paragraph("Littéral : {_% pas une balise %_} et {_{ pas une variable }_}")
    d.add_paragraph("Mélange : {{ ref }} {_{ ref }_}")
    return {"ref": "R"}


@case
def whitespace_control(d):
    # docxtpl's `{%-` joins a paragraph to the one before, `-%}` to the one after.
    d.add_paragraph("Début")
    d.add_paragraph("{%- if flag %} suite{% endif %}")
    d.add_paragraph("{% for i in items %}{{ i }} -%}")
    d.add_paragraph("{%- endfor %}")
    d.add_paragraph("a  {{ ref }}  b")
    return {"flag": True, "ref": "R", "items": ["x", "y"]}


@case
def breaks_and_tabs(d):
    d.add_paragraph("Adresse : {{ address }}")
    d.add_paragraph("Colonnes : {{ columns }}")
    return {"address": "1 rue de la Paix\n75002 Paris", "columns": "a\tb"}


@case
def header_and_footer(d):
    section = d.sections[0]
    section.header.paragraphs[0].text = "En-tête {{ ref }} — {{ client | upper }}"
    section.footer.paragraphs[0].text = "{{ client }} & associés, {{ year }}"
    d.add_paragraph("Corps {{ ref }}")
    return {"ref": "CUF-2021", "client": "Cités Unies", "year": 2021}


@case
def numbers(d):
    d.add_paragraph("{{ whole }} {{ negative }} {{ half }} {{ big }}")
    d.add_paragraph("{{ whole + half }} {{ whole * 2 }} {{ (whole + 1) * 3 }} {{ 2 ** 10 }}")
    d.add_paragraph("{{ whole > 3 }} {{ whole == 12 }} {{ whole != 12 }}")
    d.add_paragraph("{{ 2.345 | round(2) }} {{ 3.9 | int }} {{ -2 ** 2 }} {{ 2 ** 3 ** 2 }} {{ -half | abs }}")
    return {"whole": 12, "negative": -4, "half": 2.5, "big": 1234567}
