"""Quantities with normalised values: money (CNY), compute (PFLOPS), dates, percentages, areas.

Numbers are found in the text of the doc and kept on ``doc._.kg_quantities`` as
:class:`QuantityMention` records with character offsets; :func:`quantity_spans` makes
spans of them for display (the build never needs them, so they are not made for it).  Bounds written before a number (超, 约, 达, 突破)
are kept apart from the value, which is the number itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.spans import token_range, token_table

if not Doc.has_extension("kg_quantities"):
    Doc.set_extension("kg_quantities", default=None)

# Bounds written before a number, longest first so that 超过 is not read as 超.
BOUNDS = ("不低于", "不少于", "超过", "达到", "突破", "高达", "共计", "合计", "超", "约", "达", "近", "逾")
BOUND_ENDS = frozenset(bound[-1] for bound in BOUNDS)
NUMBER = r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)"
# Every quantity but a date starts with its number (bounds are read back from there), so
# one scan whose every match starts with a digit finds them all.
MEASURE = re.compile(
    NUMBER + r"(?:\s*(?P<money_scale>万亿|千亿|百亿|亿|千万|百万|万|千)?(?P<money_unit>元|美元)"
    r"|\s*(?P<compute_scale>万|千|亿)?\s*"
    r"(?P<compute_unit>EFLOPS|PFLOPS|TFLOPS|EFlops|PFlops|TFlops|E|P|T)(?![A-Za-z])"
    r"|(?P<percent>%)"
    r"|\s*(?P<area_scale>万)?(?P<area_unit>公顷|平方公里|平方米|亩))")
DATE = re.compile(r"(?=\d)(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")

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
    for m in MEASURE.finditer(text):
        number = _number(m["number"])
        if m["money_unit"]:
            start, bound = _bound_before(text, m.start())
            found.append(QuantityMention(start, m.end(), "money", number * SCALES[m["money_scale"]],
                                         MONEY_UNITS[m["money_unit"]], bound, text[start:m.end()]))
        elif m["compute_unit"]:
            unit, scale = m["compute_unit"], m["compute_scale"]
            if unit in ("E", "T") and not scale:
                continue  # a bare E or T after a number is too often something else
            start, bound = _bound_before(text, m.start())
            found.append(QuantityMention(start, m.end(), "compute",
                                         number * SCALES[scale] * COMPUTE_UNITS[unit], "PFLOPS",
                                         bound, text[start:m.end()]))
        elif m["percent"]:
            found.append(QuantityMention(m.start(), m.end(), "percent", number, "%", None,
                                         m.group()))
        else:
            found.append(QuantityMention(m.start(), m.end(), "area",
                                         number * SCALES[m["area_scale"]], m["area_unit"], None,
                                         m.group()))
    for m in DATE.finditer(text):
        y = int(m["year"]) if m["year"] else year
        month, day = int(m["month"]), int(m["day"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        value = f"{y:04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"
        found.append(QuantityMention(m.start(), m.end(), "date", value, "date", None, m.group()))
    found.sort(key=lambda q: (q.start, q.end))
    return found


def _bound_before(text: str, start: int) -> tuple[int, str | None]:
    if not start or text[start - 1] not in BOUND_ENDS:
        return start, None
    for bound in BOUNDS:
        if start >= len(bound) and text.startswith(bound, start - len(bound), start):
            return start - len(bound), bound
    return start, None


@Language.component("kg_quantities")
def recognise_quantities(doc: Doc) -> Doc:
    context = doc._.kg_context or {}
    date = context.get("date") or ""
    year = int(date[:4]) if date[:4].isdigit() else None
    table = token_table(doc)
    quantities = find_quantities(table.text, year)
    doc._.kg_quantities = quantities
    return doc


def quantity_spans(doc: Doc) -> list[Span]:
    """The doc's quantities as spans labelled with their kind, each over the tokens it
    touches."""
    table = token_table(doc)
    return [Span(doc, *token_range(table, q.start, q.end, expand=True), label=q.kind)
            for q in doc._.kg_quantities or []]
