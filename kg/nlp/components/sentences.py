"""Sentence boundaries: after 。！？； and line breaks, never inside quotation marks' reach."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = frozenset("。！？；!?;")
CLOSERS = frozenset("”’」』）)")


@Language.component("kg_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    start_next = True
    for token in doc:
        text = token.text
        if start_next and text not in CLOSERS:
            token.is_sent_start = True
            start_next = False
        else:
            token.is_sent_start = False
        if text in SENTENCE_END or "\n" in text:
            start_next = True
    return doc
