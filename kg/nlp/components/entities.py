"""The last recognition step: candidates -> doc.ents.

Picks a non-overlapping set of candidates (longest, then strongest), makes their edges
token boundaries, resolves each administrative area to one division with the article as
context, and writes ``doc.ents`` with the attributes on ``span._.kg``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.gazetteer import Gazetteer
from kg.nlp.spans import ENTITY_ATTRS_KEY, candidates, choose, split_tokens_at, token_range, \
    token_table


class EntitySetter:
    def __init__(self, nlp: Language, name: str = "kg_entities"):
        self.gazetteer = Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        chosen = choose(candidates(doc))
        split_tokens_at(doc, [p for c in chosen for p in (c.start, c.end)])
        context: list[str] = []     # codes of the areas named unambiguously
        table = token_table(doc)     # doc.text is rebuilt from the tokens on each access
        text = table.text
        for cand in chosen:   # unambiguous areas first: they are the context of the rest
            if cand.label == "AdminArea":
                found = self.gazetteer.lookup(text[cand.start:cand.end])
                if len(found) == 1:
                    context.append(found[0].code)
        spans = []
        attrs_by_offsets = doc.user_data.setdefault(ENTITY_ATTRS_KEY, {})
        for cand in chosen:
            tokens = token_range(table, cand.start, cand.end)
            if tokens is None:
                continue
            attrs = dict(cand.attrs)
            if cand.label == "AdminArea":
                form = text[cand.start:cand.end]
                division = self.gazetteer.resolve(form, context)
                if division is None or not self.gazetteer.plausible_form(
                        form, division, [c for c in context if c != division.code]):
                    continue
                attrs.update(code=division.code, name=division.name)
            spans.append(Span(doc, *tokens, label=cand.label))
            attrs_by_offsets[cand.start, cand.end] = attrs
        doc.set_ents(spans, default="outside")
        return doc


@Language.factory("kg_entities")
def make_entity_setter(nlp: Language, name: str):
    return EntitySetter(nlp, name)
