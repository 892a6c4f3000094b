"""Candidate entity spans shared by the recognisers, and their resolution into doc.ents.

Each recogniser appends :class:`Candidate` records (character offsets, type, attributes)
to ``doc._.kg_candidates``; the final component picks a non-overlapping set, splits
tokens where a name ends inside a token (jieba may glue a name to the next word), and
sets ``doc.ents`` with the attributes on ``span._.kg``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

if not Doc.has_extension("kg_candidates"):
    Doc.set_extension("kg_candidates", default=None)
if not Doc.has_extension("kg_context"):
    Doc.set_extension("kg_context", default=None)
if not Span.has_extension("kg"):
    Span.set_extension("kg", default=None)


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
    found = doc._.kg_candidates
    if found is None:
        found = []
        doc._.kg_candidates = found
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
    splits = []
    for token in doc:
        lo, hi = token.idx, token.idx + len(token.text)
        i = bisect.bisect_right(cuts, lo)
        inner = []
        while i < len(cuts) and cuts[i] < hi:
            inner.append(cuts[i] - lo)
            i += 1
        if inner:
            splits.append((token, inner))
    if not splits:
        return
    with doc.retokenize() as retokenizer:
        for token, inner in splits:
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads = [(token, 0)] * len(pieces)
            retokenizer.split(token, pieces, heads=heads)
