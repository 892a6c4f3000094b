"""The last recognition step: candidates -> doc.ents.

Picks a non-overlapping set of candidates (longest, then strongest), makes their edges
token boundaries, resolves each administrative area to one division with the article as
context (a foreign town the merge proposed stays without one), and writes ``doc.ents`` with the attributes on ``span._.kg``.

A form that can name several divisions of one province (吉林: the province and its city)
puts that province in the context.  A county's bare short form needs the context's
support, or a place in a list of places (在某市、某某等地).
"""
from __future__ import annotations

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer
from kg.nlp.spans import ENTITY_ATTRS_KEY, candidates, choose, split_tokens_at, token_range, \
    token_table

# What ends a list of places: 在甲市、乙县等地.
PLACE_LIST_ENDS = ("等地", "等城市", "等省", "等市", "等县", "等省市", "等省区", "等市县", "等区县")


# spaCy's ENT_IOB codes (Token.iob_strings(): "", "I", "O", "B").
INSIDE, OUTSIDE, BEGIN = 1, 2, 3


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
                elif found:
                    provinces = {p.code for d in found
                                 if (p := self.gazetteer.province_of(d.code)) is not None}
                    if len(provinces) == 1:
                        context.extend(provinces)
        areas = {c.start: c.end for c in chosen if c.label == "AdminArea"}
        iob = [OUTSIDE] * len(doc)
        types = [0] * len(doc)
        labels = doc.vocab.strings
        attrs_by_offsets = doc.user_data.setdefault(ENTITY_ATTRS_KEY, {})
        for cand in chosen:
            tokens = token_range(table, cand.start, cand.end)
            if tokens is None:
                continue
            attrs = dict(cand.attrs)
            if cand.label == "AdminArea" and attrs.get("foreign"):
                pass       # a foreign town the gazetteer does not know: no code
            elif cand.label == "AdminArea":
                form = text[cand.start:cand.end]
                division = self.gazetteer.resolve(form, context)
                if division is None or not (self.gazetteer.plausible_form(
                        form, division, [c for c in context if c != division.code])
                        or _in_place_list(text, cand.start, cand.end, areas)):
                    continue
                attrs.update(code=division.code, name=division.name)
            first, end = tokens
            iob[first] = BEGIN
            iob[first + 1:end] = [INSIDE] * (end - first - 1)
            types[first:end] = [labels.add(cand.label)] * (end - first)
            attrs_by_offsets[cand.start, cand.end] = attrs
        # What doc.set_ents(spans, default="outside") writes, without a Span per entity.
        doc.from_array([ENT_IOB, ENT_TYPE], numpy.array([iob, types], dtype=numpy.uint64).T)
        return doc


def _in_place_list(text: str, start: int, end: int, areas: dict[int, int]) -> bool:
    """Is text[start:end] one of a list of places joined by 、 that ends in 等地 (甲市、乙等地)?
    ``areas``: the end of each area read, by its start."""
    listed = start >= 2 and text[start - 1] == "、" and start - 1 in areas.values()
    while text.startswith("、", end) and end + 1 in areas:
        listed = True
        end = areas[end + 1]
    return listed and text.startswith(PLACE_LIST_ENDS, end)


@Language.factory("kg_entities")
def make_entity_setter(nlp: Language, name: str):
    return EntitySetter(nlp, name)
