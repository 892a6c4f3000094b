"""Sentence boundaries: after 。！？； and line breaks, never inside quotation marks' reach."""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import token_table

SENTENCE_END = frozenset("。！？；!?;")
CLOSERS = frozenset("”’」』）)")


@Language.component("kg_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    # One array write: setting token.is_sent_start checks the whole doc each time (O(n²)).
    starts = numpy.empty((len(doc), 1), dtype="int32")
    start_next = True
    for i, text in enumerate(token_table(doc).words):
        if start_next and text not in CLOSERS:
            starts[i, 0] = 1
            start_next = False
        else:
            starts[i, 0] = -1
        if text in SENTENCE_END or "\n" in text:
            start_next = True
    if len(doc):
        doc.from_array([SENT_START], starts.astype("uint64"))
    return doc
