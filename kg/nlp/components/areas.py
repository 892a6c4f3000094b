"""Administrative areas: every written form of a division in the gazetteer.

The gazetteer's forms (full names, official and generated short forms, foreign states
and regions) are added to the tokenizer's dictionary, so a form is one token and is
found by a dictionary look-up per token; two-token forms are looked up too.  Which
division an ambiguous form means (阿勒泰 the prefecture or the city) is decided later,
with the whole article as context.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer
from kg.nlp.spans import Candidate, candidates, token_table


class AreaRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_areas"):
        self.gazetteer = Gazetteer.load()
        self.forms = {form for form, _level in self.gazetteer.surface_forms()}
        if hasattr(nlp.tokenizer, "add_words"):
            nlp.tokenizer.add_words(sorted(self.forms))

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        forms = self.forms
        table = token_table(doc)
        previous = ""
        for start, text in zip(table.starts, table.words):
            if text in forms:
                out.append(Candidate(start, start + len(text), "AdminArea", 1))
            if previous and previous + text in forms:
                out.append(Candidate(start - len(previous), start + len(text), "AdminArea", 1))
            previous = text
        return doc


@Language.factory("kg_areas")
def make_area_recognizer(nlp: Language, name: str):
    return AreaRecognizer(nlp, name)
