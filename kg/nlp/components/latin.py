"""Names written in Latin letters: foreign companies by their English form, and persons
named in English after a title.

Chinese tech and business pages keep a foreign company's English name (``某某 Cloud``,
``某某 Semiconductor``) and write its people's names in English after their posts
(``大中华区总裁 Firstname Lastname``).  Neither has a Chinese suffix for the organisation
recogniser, and the statistical model reads Latin words one at a time.  Structure decides:

- a company is one to three capitalised words followed by an English word for a kind of
  company (Cloud, Semiconductor, Technologies, Group, Inc. …): the kind word is its
  suffix, as 有限公司 is a Chinese name's;
- a person is two or three capitalised words right after a title of office (总裁, CEO,
  创始人 …), with at most a space between.

A bracket right after a company's English name that gives its Chinese legal name
(``某某 Cloud（某某，工商注册名某某有限公司）``) makes the English name that company's.

A capitalised word alone is not a name: it is as often a product, a region or a term
(GPU, Region, RoCE).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import titles
from kg.nlp.spans import Candidate, candidates, token_table

# English words for a kind of company, ending its name (generic knowledge).
COMPANY_KINDS = ("Cloud", "Semiconductor", "Semiconductors", "Technologies", "Technology",
                 "Group", "Inc.", "Inc", "Corporation", "Corp.", "Corp", "Ltd.", "Ltd",
                 "Limited", "Holdings", "Systems", "Networks", "Labs", "Computing",
                 "Electronics", "Microsystems", "Software", "Robotics", "Energy", "Motors")
# English words for kinds of facility, zone and port, with the Chinese words that end the
# same names (a Chinese name is that thing's only if it ends so): generic knowledge.
PLACE_KINDS = {
    "Computing Center": ("ComputeCenter", ("算中心", "算力中心", "计算中心")),
    "Computing Centre": ("ComputeCenter", ("算中心", "算力中心", "计算中心")),
    "Data Center": ("ComputeCenter", ("数据中心",)),
    "Data Centre": ("ComputeCenter", ("数据中心",)),
    "Science City": ("Zone", ("科学城",)),
    "Development Zone": ("Zone", ("开发区", "经开区", "高新区")),
    "Economic and Technological Development Zone": ("Zone", ("经济技术开发区", "经开区")),
    "High-tech Zone": ("Zone", ("高新区", "高新技术产业开发区")),
    "Industrial Park": ("Zone", ("产业园", "工业园", "产业园区", "工业园区")),
    "Free Trade Zone": ("Zone", ("自贸区", "自由贸易区", "自由贸易试验区")),
    "Bonded Zone": ("Zone", ("保税区", "综合保税区", "综保区")),
    "Port": ("Port", ("港", "港区", "口岸")),
}
# A word of a name: capitalised; a hyphen joins only capitalised parts (Shenyang-based and
# Shanghai-listed describe the name after them).
_WORD = r"[A-Z][A-Za-z0-9]*(?:-[A-Z0-9][A-Za-z0-9]*)*"
_KINDS = "|".join(re.escape(k) for k in sorted((*COMPANY_KINDS, *PLACE_KINDS), key=len,
                                                 reverse=True))
COMPANY = re.compile(rf"(?<![A-Za-z0-9\-])((?:{_WORD} (?:& )?){{1,5}}(?:{_KINDS}))(?![A-Za-z0-9])")
# Words that describe a kind but name nothing: a name holds a word besides these (the
# Laboratory for Intelligent Computing names no company).
DESCRIPTIVE = frozenset({"The", "A", "An", "AI", "Intelligent", "Digital", "Information", "Smart",
                         "Green", "New", "Advanced", "International", "Global", "National",
                         "Data", "Cloud", "High-performance", "Shipping", "Industrial"})
# After a kind of place, these make the name a company's (Some Port Co., Ltd., Some Port Group).
COMPANY_AFTER = re.compile(r" (?:Co\b|Company|Group|Holdings|Corporation|Ltd)")
PERSON = re.compile(r"[ \u3000]?([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?![A-Za-z])")
# English titles written in Chinese text (CEO Firstname Lastname).
ENGLISH_TITLES = ("CEO", "CTO", "CFO", "COO", "VP", "President", "Founder")


_BRACKET = re.compile(r" ?[（(]([^（）()]{2,60})[）)]")
_LEGAL_NAME = re.compile(r"[\u4e00-\u9fff（）()]{2,40}?(?:股份有限公司|有限责任公司|有限公司)")


def _legal_name_in_brackets(text: str, end: int) -> str | None:
    """The Chinese legal name a bracket right after an English name gives (某某 Cloud（某某，
    工商注册名某某有限公司）), if it gives one."""
    bracket = _BRACKET.match(text, end)
    if bracket is None:
        return None
    names = [m.group(0) for m in _LEGAL_NAME.finditer(bracket.group(1))]
    if not names:
        return None
    # The name is the legal name without the words before it (工商注册名, 即).
    return re.sub(r"^.*?(?:注册名|全称|即|为)", "", names[-1]) or None


def _chinese_name_in_brackets(text: str, end: int, endings: tuple[str, ...]) -> str | None:
    """The Chinese name a bracket right after an English name gives (Some Science City
    (某某科学城)), when it ends as names of its kind do."""
    bracket = _BRACKET.match(text, end)
    name = bracket.group(1) if bracket else ""
    return name if _HAN.fullmatch(name) and name.endswith(endings) else None


_HAN = re.compile(r"[\u4e00-\u9fff]{3,30}")


def chinese_endings(latin_name: str) -> tuple[str, ...] | None:
    """The Chinese words that end names of the kind a Latin name's last words say (Science
    City: 科学城), or None when they say no such kind."""
    kind = next((k for k in PLACE_KINDS if latin_name.endswith(" " + k)), None)
    return PLACE_KINDS[kind][1] if kind else None


# Every name read here holds a capital letter: a doc without one is skipped.
_CAPITAL = re.compile("[A-Z]")


class LatinNameRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_latin"):
        self.titles = tuple(sorted({t for t in titles() if len(t) >= 2} | set(ENGLISH_TITLES),
                                   key=len, reverse=True))

    def __call__(self, doc: Doc) -> Doc:
        text = token_table(doc).text
        if _CAPITAL.search(text) is None:
            return doc
        found = candidates(doc)
        for match in COMPANY.finditer(text):
            words = match.group(1).replace("& ", "").split()
            start = match.start(1) + (len(words[0]) + 1 if words[0] == "The" else 0)
            kind = next((k for k in PLACE_KINDS if match.group(1).endswith(" " + k)), None)
            if all(w in DESCRIPTIVE for w in words[:len(words) - len((kind or "x").split())]):
                continue
            if kind and COMPANY_AFTER.match(text, match.end(1)):
                kind = None
            attrs = {"latin": True}
            entity_type = PLACE_KINDS[kind][0] if kind else "Company"
            chinese = _legal_name_in_brackets(text, match.end(1)) if kind is None else \
                _chinese_name_in_brackets(text, match.end(1), PLACE_KINDS[kind][1])
            if chinese:
                attrs["name"] = chinese    # the thing its Chinese name names
            found.append(Candidate(start, match.end(1), entity_type, priority=3, attrs=attrs))
        for match in PERSON.finditer(text):
            if text.endswith(self.titles, 0, match.start()):
                found.append(Candidate(match.start(1), match.end(1), "Person", priority=3,
                                       attrs={"latin": True}))
        return doc


@Language.factory("kg_latin")
def make_latin_recognizer(nlp: Language, name: str):
    return LatinNameRecognizer(nlp, name)
