"""Builds the spaCy Language that recognises entities and quantities in articles.

``spacy.blank("zh")`` with the jieba tokenizer of :mod:`kg.nlp.tokenizer`, then one
registered component per job: sentences, the statistical model's evidence (LAC, in the
``hybrid`` recogniser only), administrative areas, organisations and facilities by
suffix, national organs, quoted names, names in labelled fields (来源：, 作者：), names in
Latin letters, persons, names in lists, short names an article declares (以下简称), the
merge of the model's names with the rules' (hybrid only), the step that turns candidates
into ``doc.ents``, and quantities.

Two recognisers: ``hybrid`` (the default) runs the model under the rules; ``rules`` is the
same list without the model and the merge, faster and blind to names without a suffix.
:func:`analyse` runs a pipeline over articles in batches (the model reads the clauses of a
whole batch together), giving each doc the article's date as context; a title is read as
a doc of its own.
"""
from __future__ import annotations

from functools import cache
from itertools import islice
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the modules registers the tokenizer and the components.
from kg.nlp import tokenizer as _tokenizer  # noqa: F401
from kg.nlp.components import (areas, entities, fields, lac_tagger, latin, lists,  # noqa: F401
                               merge, national, organisations, persons, quantities, quoted,
                               sentences, short_names)
from kg.nlp.lac import shared_model
from kg.nlp.spans import candidates
from kg.records import Article

MAX_ARTICLE_CHARACTERS = 50_000_000
# Components whose results are not read from a title.
NOT_FOR_TITLES = frozenset({"kg_sentences", "kg_quantities"})
# Quantities come after kg_entities, which may split tokens: spans made before a split
# would point at the wrong tokens.
RULE_COMPONENTS = ("kg_areas", "kg_organisations", "kg_national_bodies", "kg_quoted",
                   "kg_fields", "kg_latin", "kg_persons", "kg_lists", "kg_short_names")
COMPONENTS = {
    "hybrid": ("kg_sentences", "kg_lac", *RULE_COMPONENTS, "kg_merge", "kg_entities",
               "kg_quantities"),
    "rules": ("kg_sentences", *RULE_COMPONENTS, "kg_entities", "kg_quantities"),
}
RECOGNISERS = tuple(COMPONENTS)
DEFAULT_RECOGNISER = "hybrid"


def create_pipeline(recogniser: str = DEFAULT_RECOGNISER) -> Language:
    if recogniser not in COMPONENTS:
        raise ValueError(f"unknown recogniser {recogniser!r}: one of {', '.join(RECOGNISERS)}")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.JiebaTokenizer.v1"}}})
    for name in COMPONENTS[recogniser]:
        nlp.add_pipe(name)
    # spaCy's 10^6 limit guards parsers that need memory per character; ours are linear.
    nlp.max_length = MAX_ARTICLE_CHARACTERS
    return nlp


@cache
def shared_pipeline(recogniser: str = DEFAULT_RECOGNISER) -> Language:
    return create_pipeline(recogniser)


def release_models() -> None:
    """Free the statistical model's memory until a pipeline next uses it (the pipelines
    stay loaded; see :meth:`kg.nlp.lac.LacModel.release`)."""
    if shared_model.cache_info().currsize:
        shared_model().release()


def analyse(articles: Iterable[Article], nlp: Language | None = None,
            batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles; yields (article, doc) in order.

    Articles go through in batches of ``batch_size``: each component takes the batch's
    docs (and titles) in turn, through its ``pipe`` when it has one.
    """
    nlp = nlp or shared_pipeline()
    articles = iter(articles)
    while batch := list(islice(articles, batch_size)):
        docs, titles = [], []
        for article in batch:
            context = {"date": article.date, "doc": article.doc,
                       "furniture": article.kind == "furniture"}
            if article.title:
                # The title is read on its own (it is not part of the text) and rides
                # along; only its names are read.
                context["title"] = _make(nlp, article.title, dict(context))
                titles.append(context["title"])
            docs.append(_make(nlp, article.text, context))
        for name, component in nlp.pipeline:
            _apply(component, docs)
            if name not in NOT_FOR_TITLES:
                _apply(component, titles)
        yield from zip(batch, docs)


def _make(nlp: Language, text: str, context: dict) -> Doc:
    doc = nlp.make_doc(text)
    doc._.kg_context = context
    candidates(doc)
    return doc


def _apply(component, docs: list[Doc]) -> None:
    """Run one component over docs in place (components return the doc they were given)."""
    if not docs:
        return
    pipe = getattr(component, "pipe", None)
    if pipe is not None:
        for _ in pipe(docs):
            pass
    else:
        for doc in docs:
            component(doc)
