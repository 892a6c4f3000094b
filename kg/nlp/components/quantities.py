"""Quantities with normalised values: money (CNY), compute (PFLOPS), dates, percentages, areas.

Numbers are found in the text of the doc and kept on ``doc._.kg_quantities`` as
:class:`QuantityMention` records with character offsets; ``doc.spans["quantities"]``
holds the same as spans for display.  Bounds written before a number (超, 约, 达, 突破)
are kept apart from the value, which is the number itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import token_table

if not Doc.has_extension("kg_quantities"):
    Doc.set_extension("kg_quantities", default=None)

BOUND = r"(?P<bound>超过|超|约|达到|达|近|逾|突破|不低于|不少于|高达|共计|合计)?"
NUMBER = r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)"
MONEY = re.compile(BOUND + NUMBER + r"\s*(?P<scale>万亿|千亿|百亿|亿|千万|百万|万|千)?(?P<unit>元|美元)")
COMPUTE = re.compile(BOUND + NUMBER + r"\s*(?P<scale>万|千|亿)?\s*"
                     r"(?P<unit>EFLOPS|PFLOPS|TFLOPS|EFlops|PFlops|TFlops|E|P|T)(?![A-Za-z])")
DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
PERCENT = re.compile(NUMBER + r"%")
AREA = re.compile(NUMBER + r"\s*(?P<scale>万)?(?P<unit>公顷|平方公里|平方米|亩)")

SCALES = {None: 1, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "百亿": 1e10,
          "千亿": 1e11, "万亿": 1e12}
COMPUTE_UNITS = {"EFLOPS": 1000.0, "EFlops": 1000.0, "E": 1000.0, "PFLOPS": 1.0,
                 "PFlops": 1.0, "P": 1.0, "TFLOPS": 0.001, "TFlops": 0.001, "T": 0.001}
# An exchange rate would be a guess; US dollars keep their own unit.
MONEY_UNITS = {"元": "CNY", "美元": "USD"}


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    kind: str          # money | compute | date | percent | area
    value: float | str
    unit: str
    bound: str | None
    text: str


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_quantities(text: str, year: int | None = None) -> list[QuantityMention]:
    found: list[QuantityMention] = []
    for m in MONEY.finditer(text):
        value = _number(m["number"]) * SCALES[m["scale"]]
        found.append(QuantityMention(m.start(), m.end(), "money", value,
                                     MONEY_UNITS[m["unit"]], m["bound"], m.group()))
    for m in COMPUTE.finditer(text):
        if m["unit"] in ("E", "T") and not m["scale"]:
            continue  # a bare E or T after a number is too often something else
        value = _number(m["number"]) * SCALES[m["scale"]] * COMPUTE_UNITS[m["unit"]]
        found.append(QuantityMention(m.start(), m.end(), "compute", value, "PFLOPS",
                                     m["bound"], m.group()))
    for m in DATE.finditer(text):
        y = int(m["year"]) if m["year"] else year
        month, day = int(m["month"]), int(m["day"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        value = f"{y:04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"
        found.append(QuantityMention(m.start(), m.end(), "date", value, "date", None, m.group()))
    for m in PERCENT.finditer(text):
        found.append(QuantityMention(m.start(), m.end(), "percent", _number(m["number"]), "%",
                                     None, m.group()))
    for m in AREA.finditer(text):
        value = _number(m["number"]) * SCALES[m["scale"]]
        found.append(QuantityMention(m.start(), m.end(), "area", value, m["unit"], None,
                                     m.group()))
    found.sort(key=lambda q: (q.start, q.end))
    return found


@Language.component("kg_quantities")
def recognise_quantities(doc: Doc) -> Doc:
    context = doc._.kg_context or {}
    date = context.get("date") or ""
    year = int(date[:4]) if date[:4].isdigit() else None
    quantities = find_quantities(token_table(doc).text, year)
    doc._.kg_quantities = quantities
    spans = []
    for q in quantities:
        span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["quantities"] = spans
    return doc
