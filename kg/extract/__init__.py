"""Extraction: from an analysed article to its mentions and facts.

:func:`extract` runs every family of extractor over one article (places, amounts,
posts, agreements, investors, tables) and returns the article's mentions — recognised
ones and those the extractors implied (organs, places read inside names) — with its
facts.  No fact crosses an article boundary: each extractor sees one article only.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.agreements import extract_agreements
from kg.extract.amounts import extract_amounts
from kg.extract.context import ArticleContext
from kg.extract.furniture import extract_furniture
from kg.extract.investors import extract_investors
from kg.extract.places import extract_locations
from kg.extract.posts import extract_positions
from kg.extract.tables import extract_tables
from kg.nlp.gazetteer import Gazetteer
from kg.records import Article, Fact, Mention

EXTRACTORS = (extract_locations, extract_amounts, extract_positions, extract_agreements,
              extract_investors, extract_tables)


@dataclass
class ArticleFacts:
    article: Article
    mentions: list[Mention]
    facts: list[Fact]


def extract(article: Article, doc: Doc) -> ArticleFacts:
    ctx = ArticleContext(article, doc)
    ctx.finalise()
    for owner in ctx.owners_in_names:
        ctx.add(owner)
    for _, zone in ctx.zones_in_names:
        ctx.add(zone)
    facts: list[Fact] = []
    for extractor in (extract_furniture,) if article.kind == "furniture" else EXTRACTORS:
        facts.extend(extractor(ctx))
    mentions = ctx.title_mentions + ctx.mentions + ctx.extra_mentions + _byline(ctx)
    return ArticleFacts(article, mentions, _most_specific_places(_unique(facts), ctx.gazetteer))


def _byline(ctx: ArticleContext) -> list[Mention]:
    """Reporters named in the byline are persons even where the text does not repeat them."""
    named = {m.text for m in ctx.mentions if m.type == "Person"}
    out = []
    for name in ctx.article.byline:
        if name in named:
            continue
        at = ctx.text.find(name)
        if at == -1:
            source = ctx.article.source(0, 0, name)
            out.append(Mention(name, "Person", source, 0, 0, name))
        else:
            out.append(Mention(name, "Person", ctx.evidence(at, at + len(name)), at,
                               at + len(name), name))
    return out


def _most_specific_places(facts: list[Fact], gazetteer: Gazetteer) -> list[Fact]:
    """An article that places a thing in a county and in the county's city records the
    county only (the most specific place it gives: the city often comes from the name's
    prefix, the county from the text)."""
    areas: dict[str, list[str]] = {}
    for fact in facts:
        if _in_area(fact):
            areas.setdefault(fact.subject.label, []).append(fact.object.code)
    return [fact for fact in facts if not (_in_area(fact) and any(
        other != fact.object.code and gazetteer.contains(fact.object.code, other)
        for other in areas[fact.subject.label]))]


def _in_area(fact: Fact) -> bool:
    return fact.predicate == "locatedIn" and fact.object.type == "AdminArea" \
        and bool(fact.object.code)


def _unique(facts: list[Fact]) -> list[Fact]:
    seen = set()
    out = []
    for fact in facts:
        key = (fact.subject.label, fact.predicate,
               fact.object.label if fact.object else None,
               fact.quantity.value if fact.quantity else None, fact.title)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
