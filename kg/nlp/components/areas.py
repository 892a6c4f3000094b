"""Administrative areas: every written form of a division in the gazetteer.

The gazetteer's forms (full names, official and generated short forms, foreign states
and regions) are added to the tokenizer's dictionary, so a form is one token and is
found by a dictionary look-up per token; two-token forms are looked up too.  Which
division an ambiguous form means (阿勒泰 the prefecture or the city) is decided later,
with the whole article as context.
"""
from __future__ import annotations

from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer, beginnings
from kg.nlp.spans import Candidate, candidates, token_table


class AreaRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_areas"):
        self.gazetteer = Gazetteer.load()
        self.forms = {form for form, _level in self.gazetteer.surface_forms()}
        # What a form written as two tokens can start with.
        self.form_heads = beginnings(self.forms)
        if hasattr(nlp.tokenizer, "add_words"):
            nlp.tokenizer.add_words(sorted(self.forms))

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        is_form = self.forms.__contains__
        table = token_table(doc)
        words, starts = table.words, table.starts
        # Look-ups at C speed; Python only touches the tokens that begin a form.
        last = len(words) - 1
        for i in compress(range(len(words)), map(self.form_heads.__contains__, words)):
            word = words[i]
            if is_form(word):
                out.append(Candidate(starts[i], starts[i] + len(word), "AdminArea", 1))
            if i < last and is_form(word + words[i + 1]):
                out.append(Candidate(starts[i], starts[i + 1] + len(words[i + 1]), "AdminArea", 1))
        return doc


@Language.factory("kg_areas")
def make_area_recognizer(nlp: Language, name: str):
    return AreaRecognizer(nlp, name)
