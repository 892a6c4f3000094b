"""Candidate entity spans shared by the recognisers, and their resolution into doc.ents.

Each recogniser appends :class:`Candidate` records (character offsets, type, attributes)
to the doc's candidate list (:func:`candidates`); the final component picks a
non-overlapping set, splits tokens where a name ends inside a token (jieba may glue a name
to the next word), and sets ``doc.ents`` with the attributes on ``span._.kg``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

# Recognition's working data rides in doc.user_data under these keys: every component
# reads them, and a ``doc._`` extension builds an Underscore object on each access.
TOKENS_KEY = "kg.tokens"
CANDIDATES_KEY = "kg.candidates"
# An entity's attributes, by its character offsets; read as ``span._.kg``.
ENTITY_ATTRS_KEY = "kg.entity_attrs"


def _entity_attrs(span: Span) -> dict | None:
    return span.doc.user_data.get(ENTITY_ATTRS_KEY, {}).get((span.start_char, span.end_char))


if not Doc.has_extension("kg_context"):
    Doc.set_extension("kg_context", default=None)
if not Span.has_extension("kg"):
    Span.set_extension("kg", getter=_entity_attrs)


@dataclass(frozen=True)
class TokenTable:
    """The doc's text and its tokens as plain strings and offsets.

    Iterating a spaCy Doc builds a Token object per token; the recognisers read each
    token's text and offset several times over, so they read this table instead.
    """
    text: str
    starts: list[int]
    words: list[str]


def token_table(doc: Doc) -> TokenTable:
    table = doc.user_data.get(TOKENS_KEY)
    if table is None or len(table.words) != len(doc):
        text = doc.text
        starts = doc.to_array([IDX]).tolist() if len(doc) else []
        ends = starts[1:] + [len(text)]
        # Our tokenizer gives no token trailing whitespace: a token runs to the next one.
        words = [text[a:b] for a, b in zip(starts, ends)]
        table = TokenTable(text, starts, words)
        doc.user_data[TOKENS_KEY] = table
    return table


def token_range(table: TokenTable, start: int, end: int,
                expand: bool = False) -> tuple[int, int] | None:
    """The tokens [i, j) of the characters [start, end), found as ``doc.char_span`` finds
    them but without building Token objects.  Strict (the default): the edges must be
    token edges, else None.  ``expand``: every token the characters touch."""
    starts = table.starts
    if expand:
        return bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, end)
    i = bisect.bisect_left(starts, start)
    if i == len(starts) or starts[i] != start:
        return None
    j = bisect.bisect_left(starts, end, i)
    if j == len(starts) and end == len(table.text):
        return i, j
    return (i, j) if j < len(starts) and starts[j] == end else None


@dataclass
class Candidate:
    start: int                   # character offsets in doc.text
    end: int
    label: str
    priority: int = 0            # higher wins among spans of equal length
    attrs: dict = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def candidates(doc: Doc) -> list[Candidate]:
    found = doc.user_data.get(CANDIDATES_KEY)
    if found is None:
        found = []
        doc.user_data[CANDIDATES_KEY] = found
    return found


def choose(found: list[Candidate]) -> list[Candidate]:
    """Longest first, then priority, then leftmost; drop anything overlapping a choice."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (-c.length, -c.priority, c.start)):
        i = bisect.bisect_left(taken, (cand.start, cand.end))
        if i > 0 and taken[i - 1][1] > cand.start:
            continue
        if i < len(taken) and taken[i][0] < cand.end:
            continue
        taken.insert(i, (cand.start, cand.end))
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


def split_tokens_at(doc: Doc, positions: list[int]) -> None:
    """Make every character position in ``positions`` a token boundary."""
    cuts = sorted(set(positions))
    if not cuts:
        return
    table = token_table(doc)
    starts = table.starts
    inner_cuts: dict[int, list[int]] = {}
    for cut in cuts:
        i = bisect.bisect_right(starts, cut) - 1
        if i < 0 or starts[i] == cut or cut >= starts[i] + len(table.words[i]):
            continue
        inner_cuts.setdefault(i, []).append(cut - starts[i])
    if not inner_cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in sorted(inner_cuts.items()):
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads = [(token, 0)] * len(pieces)
            retokenizer.split(token, pieces, heads=heads)
    doc.user_data.pop(TOKENS_KEY, None)


# ------------------------------------------------------------------ the model's evidence
MODEL_KEY = "kg.model"
# Model tags of names: persons, places, organisations, other proper nouns, titles of works.
NAME_TAGS = frozenset({"PER", "LOC", "ORG", "nz", "nw"})
# Model tags a name never starts on: verbs, adverbs, prepositions, conjunctions,
# particles, pronouns, numerals, measure words, times, other function words.  (Punctuation is
# the rules' own business: names hold some, 某某·某某, 80万吨/年…项目.)
VETO_TAGS = frozenset({"v", "vd", "d", "ad", "p", "c", "u", "r", "m", "q", "xc", "TIME", "t"})


@dataclass(frozen=True)
class ModelWords:
    """What the statistical model read in a doc: its words as character offsets into
    doc.text with their tags (``PER``, ``ORG``, ``n``, ``v`` …), in order.  Only the
    clauses the model was run on have words; elsewhere :meth:`at` finds none."""
    starts: list[int]
    ends: list[int]
    tags: list[str]

    def at(self, position: int) -> int | None:
        """The index of the word covering ``position``, if the model read it."""
        i = bisect.bisect_right(self.starts, position) - 1
        return i if i >= 0 and position < self.ends[i] else None

    def tag_at(self, position: int) -> str | None:
        i = self.at(position)
        return None if i is None else self.tags[i]

    def within_name(self, start: int, end: int) -> bool:
        """Does one name word of the model cover [start, end)?"""
        i = self.at(start)
        return i is not None and self.tags[i] in NAME_TAGS and end <= self.ends[i]

    def vetoes(self, start: int, end: int) -> bool:
        """Is every character of [start, end) in a word the model tags as a function word,
        verb, adverb, numeral … (``VETO_TAGS``)?  Unread text is never vetoed."""
        i = self.at(start)
        if i is None:
            return False
        while True:
            if self.tags[i] not in VETO_TAGS:
                return False
            if self.ends[i] >= end:
                return True
            i += 1
            if i == len(self.starts) or self.starts[i] != self.ends[i - 1]:
                return False

    def names(self, tags: frozenset[str] = NAME_TAGS):
        """(start, end, tag) of the model's words with one of ``tags``."""
        return [(s, e, t) for s, e, t in zip(self.starts, self.ends, self.tags) if t in tags]


def model_words(doc: Doc) -> ModelWords | None:
    """The model's words of the doc, or None when the pipeline runs without a model."""
    return doc.user_data.get(MODEL_KEY)
