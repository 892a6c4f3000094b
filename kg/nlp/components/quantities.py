"""Quantities with normalised values: money (CNY, or USD as written), compute (PFLOPS),
accelerator cards, dates, percentages, areas.

Numbers are found in the text of the doc and kept on ``doc._.kg_quantities`` as
:class:`QuantityMention` records with character offsets; :func:`quantity_spans` makes
spans of them for display (the build never needs them, so they are not made for it).

A number is written in Arabic digits, Chinese numerals or both (500, 二十, 两千, 1.2万亿,
百亿), read by :mod:`kg.nlp.numbers`.  What the value is, following the GUIDELINES (where
the text gives a bound, the number itself is the value):

- a bound before the number (超, 约, 达, 突破, 逾), inside it (20余亿, 十多亿) or after its
  unit (以上, 及以上, 左右, 级: 5000P以上, 百亿元级) is kept in ``bound``, apart from the
  value;
- a range (50亿—80亿元, 50-80亿元, 50至80亿元, 50亿元—80亿元) has the lower number as its
  value, the upper in ``upper`` and bound ``range``: like 超 or 以上, the lower end is a
  number the text states and commits to, and a value read from a range is never more
  than the text says;
- a vague number (数十亿元, 几百P, 上百亿元, 十几亿元, 三四十亿元) is a quantity whose value is
  None: it is marked, so that no part of it (十亿元 of 数十亿元) is read as a number, and
  no fact is made of it.

Cards of accelerators (10万卡, 1000张GPU卡, 500块GPU) are a kind of their own, unit
``cards``: a count of cards is no measure of compute.  Operations per second in Chinese
(每秒百亿亿次, 百亿亿次 = 10^18 a second) are compute, 1 EFLOPS = 1000 PFLOPS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.numbers import more_than, parse_number, read_range
from kg.nlp.spans import token_range, token_table

if not Doc.has_extension("kg_quantities"):
    Doc.set_extension("kg_quantities", default=None)

# Bounds written before a number, longest first so that 超过 is not read as 超.
BOUNDS = ("不低于", "不少于", "超过", "达到", "突破", "高达", "共计", "合计", "超", "约", "达", "近", "逾")
BOUND_ENDS = frozenset(bound[-1] for bound in BOUNDS)
# A number: it starts with a digit or a numeral other than a zero, and goes on through
# digits, numerals, a decimal point, thousands separators and 余/多/几 (so that 十几亿 is
# read whole, as a vague number, not as 亿 after 十几).  Possessive, since no unit
# character can be part of it: a match that fails after the number fails at once.
NUMERAL = (r"[\d一二两三四五六七八九十百千万亿]"
           r"(?:[\d〇零一二两三四五六七八九十百千万亿几余多]|\.(?=\d)|,(?=\d{3}(?!\d)))*+"
           r"(?:\s+[十百千万亿]++)?")
RANGE_SEPARATOR = r"——?|[-–~～－]|至|到"
# Every quantity but a date starts with its number (bounds are read back from there);
# the pattern opens with one character class, so the scan skips to the next digit or
# numeral in C.
MEASURE = re.compile(
    rf"(?P<number>{NUMERAL})(?:\s*(?:{RANGE_SEPARATOR})\s*(?P<upper>{NUMERAL}))?"
    r"(?:\s*(?:(?P<money_unit>美元|元)"
    r"|(?P<compute_unit>EFLOPS|PFLOPS|TFLOPS|EFlops|PFlops|TFlops|E|P|T)(?![A-Za-z])"
    r"|(?P<area_unit>公顷|平方公里|平方米|亩)"
    r"|(?P<card_unit>[张块片](?:GPU|NPU|加速|算力|显)?卡|[张块片](?:GPU|NPU)|卡(?![通车片位号口]))"
    r"|(?P<operations_unit>次))"
    r"|(?P<percent>[%％]))"
    r"(?P<after>及以上|以上|以下|以内|左右|级)?")
# 2024年3月5日 or 3月5日; it opens with one character class, like MEASURE.
DATE = re.compile(r"(?P<first>\d)(?:(?P<year_rest>\d{3})年(?P<long_month>\d{1,2})|(?P<month_rest>\d?))"
                  r"月(?P<day>\d{1,2})日")
GLOSS_OPENING = re.compile(r"\s*[（(]\s*")
# 50亿元—80亿元: two quantities of one unit with a dash between them are a range.
JOINED_RANGE = re.compile(r"\s*(?:——?|[-–~～－]|至)\s*")

COMPUTE_UNITS = {"EFLOPS": 1000.0, "EFlops": 1000.0, "E": 1000.0, "PFLOPS": 1.0,
                 "PFlops": 1.0, "P": 1.0, "TFLOPS": 0.001, "TFlops": 0.001, "T": 0.001}
# An exchange rate would be a guess; US dollars keep their own unit.
MONEY_UNITS = {"元": "CNY", "美元": "USD"}
OPERATIONS_PER_PFLOPS = 1e15
OPERATIONS_PER_TFLOPS = 1e12
SINGLE_NUMERALS = frozenset("一二两三四五六七八九")
LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Written just before a numeral, these make it vague: 数十, 几百, 上百.
VAGUE_BEFORE = frozenset("数几上")
SMALLEST_BARE_CARD_COUNT = 100      # 一卡通 is no count of cards; 千卡 and 10万卡 are


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    kind: str          # money | compute | cards | date | percent | area
    value: float | str | None     # None: a vague number (数十亿元)
    unit: str
    bound: str | None  # 超, 约, 以上, 余, 级 ... as written; "range" for a range
    text: str
    upper: float | None = None    # the upper end of a range, normalised like the value


def find_quantities(text: str, year: int | None = None) -> list[QuantityMention]:
    found: list[QuantityMention] = []
    for m in MEASURE.finditer(text):
        quantity = _measure(text, m)
        if quantity is not None:
            found.append(quantity)
    found = _join_ranges(text, _without_glosses(text, found))
    for m in DATE.finditer(text):
        if m["year_rest"] is None:
            y, month = year, int(m["first"] + m["month_rest"])
        else:
            y, month = int(m["first"] + m["year_rest"]), int(m["long_month"])
        day = int(m["day"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        value = f"{y:04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"
        found.append(QuantityMention(m.start(), m.end(), "date", value, "date", None, m.group()))
    found.sort(key=lambda q: (q.start, q.end))
    return found


def _measure(text: str, m: re.Match) -> QuantityMention | None:
    """The quantity of one match of MEASURE, or None when it is no quantity."""
    start, number, upper = m.start(), m["number"], m["upper"]
    if start and text[start - 1] in LATIN and number[0].isdigit():
        return None              # H800, A100: a number inside a model's name
    vague = bool(start) and text[start - 1] in VAGUE_BEFORE and not number[0].isdigit()
    if vague:
        start -= 1
    last = upper or number         # the number the unit is written after
    if len(last) <= 2 and last.strip("余多") in SINGLE_NUMERALS:
        return None              # 一元化, 三元, 一亩: a lone numeral is rarely a measure
    lower_value = upper_value = None
    if not vague:
        if upper:
            ends = read_range(number, upper)
            if ends is not None:
                lower_value, upper_value = ends
            elif parse_number(number) is not None and parse_number(upper) is not None:
                # A larger number before a smaller one is no range: the quantity is the
                # number written before the unit.
                start, number, upper = m.start("upper"), upper, None
                lower_value = parse_number(number)
        else:
            lower_value = parse_number(number)
    kind, unit, multiplier, divisor = _unit(m)
    if kind is None:
        return None
    if kind in ("money", "area", "percent") and number[0] in "万亿" and not vague:
        return None              # 万元 and 亿元 alone are units of account (单位：万元)
    if m["compute_unit"] in ("E", "T") and last[-1] not in "万千亿":
        return None              # a bare E or T after a number is too often something else
    if m["card_unit"] == "卡" and not vague and (lower_value or 0) < SMALLEST_BARE_CARD_COUNT:
        return None
    start, bound = _bound_before(text, start)
    end = m.end()
    if kind == "operations":
        per_second = start >= 2 and text.startswith("每秒", start - 2)
        if per_second:           # 每秒百亿亿次, 达到每秒百亿亿次
            start -= 2
            if bound is None:
                start, bound = _bound_before(text, start)
        if not per_second and text.startswith(("/秒", "每秒"), end):
            per_second, end = True, end + 2
        if lower_value is None or lower_value < OPERATIONS_PER_TFLOPS or not (
                per_second or lower_value >= OPERATIONS_PER_PFLOPS):
            return None          # 3次, 每秒10亿次: counts and rates too small to be compute
        kind = "compute"
    if upper_value is not None:
        bound = "range"
    elif bound is None:
        bound = more_than(number) or m["after"]
    normalised = [None if v is None else v * multiplier / divisor
                  for v in (lower_value, upper_value)]
    return QuantityMention(start, end, kind, normalised[0], unit, bound, text[start:end],
                           normalised[1])


def _unit(m: re.Match) -> tuple[str | None, str, float, float]:
    """Kind, unit, and what the number written is multiplied and divided by to be in the
    unit (operations per second divide, so that 10^18 a second is exactly 1000 PFLOPS)."""
    if m["money_unit"]:
        return "money", MONEY_UNITS[m["money_unit"]], 1.0, 1.0
    if m["compute_unit"]:
        return "compute", "PFLOPS", COMPUTE_UNITS[m["compute_unit"]], 1.0
    if m["percent"]:
        return "percent", "%", 1.0, 1.0
    if m["area_unit"]:
        return "area", m["area_unit"], 1.0, 1.0
    if m["card_unit"]:
        return "cards", "cards", 1.0, 1.0
    if m["operations_unit"]:
        return "operations", "PFLOPS", 1.0, OPERATIONS_PER_PFLOPS
    return None, "", 1.0, 1.0


def _without_glosses(text: str, found: list[QuantityMention]) -> list[QuantityMention]:
    """2万P（每秒千万亿次浮点运算）: operations per second in brackets right after a
    compute figure say what its unit is; they are no quantity of their own."""
    kept: list[QuantityMention] = []
    for q in found:
        before = kept[-1] if kept else None
        if (before is not None and before.kind == q.kind == "compute" and "次" in q.text
                and GLOSS_OPENING.fullmatch(text, before.end, q.start)):
            continue
        kept.append(q)
    return kept


def _join_ranges(text: str, found: list[QuantityMention]) -> list[QuantityMention]:
    """50亿元—80亿元: a quantity, a dash and a larger one of the same unit are one range."""
    joined: list[QuantityMention] = []
    for q in found:
        before = joined[-1] if joined else None
        if (before is not None and before.kind == q.kind and before.unit == q.unit
                and before.bound != "range" and q.bound is None
                and before.value is not None and q.value is not None and before.value < q.value
                and JOINED_RANGE.fullmatch(text, before.end, q.start)):
            joined[-1] = QuantityMention(before.start, q.end, q.kind, before.value, q.unit,
                                         "range", text[before.start:q.end], q.value)
        else:
            joined.append(q)
    return joined


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
