"""National organs named by their usual short forms: 党中央, 国务院, 工信部 …

These names carry no suffix the organisation recogniser could read (党中央) or are
written without the country (国务院 for 中华人民共和国国务院), so they come from a short
table of general knowledge; the candidate carries the full name.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import national_bodies
from kg.nlp.spans import Candidate, candidates, token_table


class NationalBodyRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_national_bodies"):
        self.table = national_bodies()
        forms = sorted(self.table, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, forms)))

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for match in self.pattern.finditer(token_table(doc).text):
            full, entity_type = self.table[match.group()]
            found.append(Candidate(match.start(), match.end(), entity_type, priority=3,
                                   attrs={"name": full}))
        return doc


@Language.factory("kg_national_bodies")
def make_national_body_recognizer(nlp: Language, name: str):
    return NationalBodyRecognizer(nlp, name)
