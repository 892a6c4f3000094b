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
_WORD = r"[A-Z][A-Za-z0-9&\-]*"
COMPANY = re.compile(rf"(?<![A-Za-z0-9])((?:{_WORD} ){{1,3}}(?:"
                     + "|".join(re.escape(k) for k in sorted(COMPANY_KINDS, key=len, reverse=True))
                     + r"))(?![A-Za-z0-9])")
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
            attrs = {"latin": True}
            legal = _legal_name_in_brackets(text, match.end(1))
            if legal:
                attrs["name"] = legal      # the company its Chinese legal name names
            found.append(Candidate(match.start(1), match.end(1), "Company", priority=3,
                                   attrs=attrs))
        for match in PERSON.finditer(text):
            if text.endswith(self.titles, 0, match.start()):
                found.append(Candidate(match.start(1), match.end(1), "Person", priority=3,
                                       attrs={"latin": True}))
        return doc


@Language.factory("kg_latin")
def make_latin_recognizer(nlp: Language, name: str):
    return LatinNameRecognizer(nlp, name)
