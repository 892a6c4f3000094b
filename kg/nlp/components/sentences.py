"""Sentence boundaries: after 。！？； and line breaks, never inside quotation marks' reach."""
from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import token_table

SENTENCE_END = frozenset("。！？；!?;")
CLOSERS = frozenset("”’」』）)")
END_CHARACTER = re.compile("[" + "".join(sorted(SENTENCE_END)) + "\n]")


@Language.component("kg_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    table = token_table(doc)
    words, token_starts = table.words, table.starts
    n = len(words)
    if not n:
        return doc
    # A sentence starts at the first token after an end (and at the doc's first token)
    # that is not a closing quote or bracket.  Ends are found in the text, not per token.
    ends = {-1}
    for match in END_CHARACTER.finditer(table.text):
        i = bisect.bisect_right(token_starts, match.start()) - 1
        if words[i] in SENTENCE_END or "\n" in words[i]:
            ends.add(i)
    starts = numpy.full((n, 1), -1, dtype="int32")
    for end in sorted(ends):
        j = end + 1
        while j < n and words[j] in CLOSERS:
            j += 1
        if j < n:
            starts[j, 0] = 1
    # One array write: setting token.is_sent_start checks the whole doc each time (O(n²)).
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc
