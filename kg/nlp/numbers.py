"""Reads numbers written in Chinese numerals, Arabic digits or a mix of both.

>>> [parse_number(t) for t in ("二十", "两千", "三十五", "一百二十", "十", "百", "千")]
[20.0, 2000.0, 35.0, 120.0, 10.0, 100.0, 1000.0]
>>> [parse_number(t) for t in ("1.2万亿", "5千", "2030.44亿", "3百万", "2,000")]
[1200000000000.0, 5000.0, 203044000000.0, 3000000.0, 2000.0]
>>> [parse_number(t) for t in ("一百零五", "两万五", "三亿五千万", "百亿亿", "二〇二四", "〇")]
[105.0, 25000.0, 350000000.0, 1e+18, 2024.0, 0.0]

余 and 多 (\"more than\") read as the number before them; whoever reads the number keeps
them as its bound:

>>> parse_number("20余亿"), parse_number("十多亿"), parse_number("3亿多")
(2000000000.0, 1000000000.0, 300000000.0)

Vague numbers and what is no number at all have no value:

>>> [parse_number(t) for t in ("数十", "几百", "上百", "十几", "三四十", "两三", "十四五", "")]
[None, None, None, None, None, None, None, None]

A range whose scale is written once, after its upper end, has that scale at both ends:

>>> read_range("50", "80亿"), read_range("五十", "八十亿"), read_range("3", "5千万")
((5000000000.0, 8000000000.0), (5000000000.0, 8000000000.0), (30000000.0, 50000000.0))
>>> read_range("5000万", "1亿"), read_range("80", "50") is None
((50000000.0, 100000000.0), True)
"""
from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
ZEROS = frozenset("〇零")
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = (("亿", 1e8), ("万", 1e4))        # the larger first
SCALE_CHARACTERS = frozenset("十百千万亿")
# "More than": 20余亿, 十多亿.  Read as the number without them.
MORE_THAN = "余多"
# Marks of a number that is no number: 数十, 几百, 上百, 十几.
VAGUE_MARKS = frozenset("数几上")
ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
ARABIC_OR_CHARACTER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|.", re.S)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of ``text``, a number in Arabic digits, Chinese numerals or both; None
    for a vague number (数十, 几百, 十几, 三四十) or text that is no number."""
    text = "".join(text.split())
    if not text or any(c in VAGUE_MARKS for c in text):
        return None
    more = [i for i, c in enumerate(text) if c in MORE_THAN]
    if len(more) > 1 or (more and more[0] == 0):
        return None
    if more:
        text = text[:more[0]] + text[more[0] + 1:]
    return _value(text)


def more_than(text: str) -> str | None:
    """余 or 多 when ``text`` says "more than" the number it writes (20余亿, 十多亿)."""
    return "余" if "余" in text else "多" if "多" in text else None


def has_big_scale(text: str) -> bool:
    """Whether ``text`` writes 万 or 亿, the scales that stand after a whole number."""
    return "万" in text or "亿" in text


def read_range(lower: str, upper: str) -> tuple[float, float] | None:
    """The two ends of a range written ``lower``, a separator, ``upper`` (50—80亿, 五十至
    八十亿); None unless both are numbers and the lower is the smaller.

    A scale written only after the upper end belongs to both: a bare lower end (50, 1.5,
    三) takes the whole scale of the upper (3-5千万: 3千万), a lower end with units of its
    own below 万 (五十) only the 万 and 亿 that close the upper (五十至八十亿: 50亿).
    """
    low, high = parse_number(lower), parse_number(upper)
    if low is None or high is None:
        return None
    if not has_big_scale(lower):
        low *= _scale_after(lower, upper)
    return (low, high) if low < high else None


def _scale_after(lower: str, upper: str) -> float:
    bare = ARABIC.fullmatch(lower) or (len(lower) == 1 and lower in DIGITS)
    head = ARABIC.match(upper) or (re.match(r"[一二两三四五六七八九]", upper))
    if bare and head and all(c in SCALE_CHARACTERS for c in upper[head.end():]):
        return parse_number("1" + upper[head.end():]) or 1.0
    scale = 1.0
    for c in reversed(upper):
        if c == "万":
            scale *= 1e4
        elif c == "亿":
            scale *= 1e8
        else:
            break
    return scale


def _value(text: str) -> float | None:
    """A number with big units: split at the last 亿 (or else 万), the part before it
    multiplies the unit, the part after it is added (and must be smaller than the unit)."""
    for unit, size in BIG_UNITS:
        cut = text.rfind(unit)
        if cut < 0:
            continue
        head, tail = text[:cut], text[cut + 1:]
        multiplier = _value(head) if head else 1.0
        if not multiplier:
            return None
        if not tail:
            return multiplier * size
        if len(tail) == 1 and tail in DIGITS and tail not in ZEROS:
            rest = DIGITS[tail] * size / 10      # 两万五: the 五 is 五千
        else:
            rest = _value(tail)
            if rest is None or rest >= size:
                return None
        return multiplier * size + rest
    return _section(text)


def _section(text: str) -> float | None:
    """A number below 万: Arabic digits, digit by digit (二〇二四), or digits and 十百千."""
    if not text:
        return None
    if ARABIC.fullmatch(text):
        return float(text.replace(",", ""))
    if all(c in DIGITS for c in text):
        if len(text) == 1:
            return float(DIGITS[text])
        if ZEROS.intersection(text) or len(text) >= 3:
            return float("".join(str(DIGITS[c]) for c in text))
        return None              # 两三, 三四: "two or three", no one number
    total = 0.0
    pending: float | None = None     # a digit waiting for its unit
    pending_is_character = False
    last_unit: int | None = None
    zero = False
    for token in ARABIC_OR_CHARACTER.findall(text):
        if token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            if last_unit is not None and unit >= last_unit:
                return None
            total += (1.0 if pending is None else pending) * unit
            pending, last_unit, zero = None, unit, False
        elif token in ZEROS:
            if pending is not None:
                return None
            zero = True
        elif token in DIGITS or ARABIC.fullmatch(token):
            if pending is not None:
                return None          # 十四五: two digits with no unit between them
            pending = float(DIGITS[token]) if token in DIGITS else float(token.replace(",", ""))
            pending_is_character = token in DIGITS
        else:
            return None
    if pending is None:
        return None if zero else total
    if last_unit and last_unit >= 100 and not zero and pending_is_character:
        return total + pending * last_unit / 10      # 一百五: the 五 is 五十
    return total + pending
