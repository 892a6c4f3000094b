"""Builds the spaCy Language that recognises entities and quantities in articles.

``spacy.blank("zh")`` with the jieba tokenizer of :mod:`kg.nlp.tokenizer`, then one
registered component per job: sentences, administrative areas, organisations and
facilities by suffix, national organs, quoted names, persons, names in lists, short names
an article declares (以下简称), the step that turns candidates into ``doc.ents``, and
quantities.  :func:`analyse` runs it over
articles, giving each doc the article's date as context; a title is read as a doc of
its own.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the modules registers the tokenizer and the components.
from kg.nlp import tokenizer as _tokenizer  # noqa: F401
from kg.nlp.components import (areas, entities, lists, national,  # noqa: F401
                               organisations, persons, quantities, quoted, sentences,
                               short_names)
from kg.nlp.spans import candidates
from kg.records import Article

MAX_ARTICLE_CHARACTERS = 50_000_000
# Components whose results are not read from a title.
NOT_FOR_TITLES = frozenset({"kg_sentences", "kg_quantities"})
# Quantities come after kg_entities, which may split tokens: spans made before a split
# would point at the wrong tokens.
COMPONENTS = ("kg_sentences", "kg_areas", "kg_organisations", "kg_national_bodies",
              "kg_quoted", "kg_persons", "kg_lists", "kg_short_names", "kg_entities",
              "kg_quantities")


def create_pipeline() -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.JiebaTokenizer.v1"}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    # spaCy's 10^6 limit guards parsers that need memory per character; ours are linear.
    nlp.max_length = MAX_ARTICLE_CHARACTERS
    return nlp


@cache
def shared_pipeline() -> Language:
    return create_pipeline()


def analyse(articles: Iterable[Article], nlp: Language | None = None,
            batch_size: int = 64) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles; yields (article, doc) in order."""
    nlp = nlp or shared_pipeline()
    for article in articles:
        context = {"date": article.date, "doc": article.doc}
        if article.title:
            # The title is read on its own (it is not part of the text) and rides along;
            # only its names are read.
            context["title"] = _run(nlp, article.title, dict(context), skip=NOT_FOR_TITLES)
        yield article, _run(nlp, article.text, context)


def _run(nlp: Language, text: str, context: dict, skip: frozenset[str] = frozenset()) -> Doc:
    doc = nlp.make_doc(text)
    doc._.kg_context = context
    candidates(doc)
    for name, component in nlp.pipeline:
        if name not in skip:
            doc = component(doc)
    return doc
