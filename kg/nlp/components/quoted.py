"""Names in quotation marks: “某某智算中心” has exactly the boundaries the quotes give; a
paper in title marks named as a source (《某某报》记者) is an organisation."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import GENERIC_MODIFIERS, NAME_STOP_WORDS, org_suffixes
from kg.nlp.spans import Candidate, candidates, token_table

# A quoted name right after these is a name however plain (重点项目“绿色智算中心”).
NAME_CUES = ("项目", "工程", "中心", "名为", "简称")
QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,30})[”\"」』]")
# A paper or magazine in title marks, named as a source (《某某报》记者, 据《某某》报道).
MEDIA_TITLE = re.compile(r"《([^《》\n]{2,20}(?:报|刊|杂志))》(?=记者|报道|讯|消息|刊发|刊登|发表|"
                         r"编辑部|评论员|特约)")
# “一号工程”, “头号工程”, “一把手工程”: a rank given to a task, not a name.
RANK = re.compile(r"(?:[一二三四五六七八九十百0-9]+号|头号|一把手|第[一二三四五六七八九十0-9]+)")
# “某建设工程有限公司”: a name the writer withholds (某某 stands for a name in examples).
WITHHELD = re.compile(r"某(?!某)")
# A clause mark inside quotation marks: a quote of speech, not a name.
SPEECH = re.compile(r"[，。；！？：,;!?]")
# A clause mark inside quotation marks: a quote of speech, not a name.
SPEECH = re.compile(r"[，。；！？：,;!?]")
# “十大标志性项目”, “百个重点项目”: a count of several, a programme, not one thing's name.
SEVERAL = re.compile(r"(?:[一二三四五六七八九十百千两几数多]+|\d+)[大个项批类]")


class QuotedNameRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_quoted"):
        self.suffixes = org_suffixes()
        self.longest = max(map(len, self.suffixes))

    def _suffix_of(self, inner: str) -> str | None:
        """The longest suffix that ends ``inner`` and leaves a name before it."""
        for size in range(min(len(inner) - 1, self.longest), 0, -1):
            if inner[-size:] in self.suffixes:
                return inner[-size:]
        return None

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        text = token_table(doc).text
        for m in MEDIA_TITLE.finditer(text):
            # 《某某能源报》记者某某, 据《某某周刊》报道: the paper, an organisation.
            out.append(Candidate(m.start(1), m.end(1), "Organization", priority=5,
                                 attrs={"quoted": True}))
        for m in QUOTED.finditer(text):
            inner = m.group(1)
            suffix = self._suffix_of(inner)
            if suffix is None or SPEECH.search(inner):
                continue     # “…，将是集团在西部最大的生产基地”: words said, not a name
            body = inner[:-len(suffix)]
            if all(ch in NAME_STOP_WORDS for ch in body) or RANK.fullmatch(body) or \
                    SEVERAL.match(body) or WITHHELD.match(inner):
                continue     # 简称“本项目”, “该公司”: a reference; “一号工程”: a rank;
                             # “十大标志性项目”: several; “某公司”: withheld
            if not text.endswith(NAME_CUES, 0, m.start()) and \
                    self._generic(doc, m.start(1), m.end(1) - len(suffix)):
                continue     # 打造“绿色算力示范区”: a goal, not a name
            out.append(Candidate(m.start(1), m.end(1), self.suffixes[suffix], priority=5,
                                 attrs={"quoted": True, "suffix": suffix}))
        return doc

    @staticmethod
    def _generic(doc: Doc, start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        words = [t.text for t in span] if span is not None else []
        return bool(words) and all(w in GENERIC_MODIFIERS or w in NAME_STOP_WORDS for w in words)


@Language.factory("kg_quoted")
def make_quoted_recognizer(nlp: Language, name: str):
    return QuotedNameRecognizer(nlp, name)
