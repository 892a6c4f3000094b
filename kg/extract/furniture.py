"""What a page's masthead and footer say: the paper, its publisher, website, printer, editors.

Furniture is not news: no fact is read from it but where its own lines state one (the
printer's address, 承印单位：某某公司 地址：某某市…).  Its names are entities all the same —
the newspaper, its client app and website, the publishing organ and the editors — so that
an entity's documents include the pages that print it in their furniture.
"""
from __future__ import annotations

import re

from kg.extract.context import ORGANISATION_LABELS, ArticleContext
from kg.extract.places import extract_locations
from kg.records import Fact, Mention

# A website's name before its address: □某某网：http://…
_WEBSITE = re.compile(r"([\u4e00-\u9fff]{2,10}网)\s*[:：]")
# The paper's name in Latin letters, printed under the Chinese name (pinyin).
_LATIN_NAME = re.compile(r"[A-Z]{2,}(?: [A-Z]{2,})+")


def extract_furniture(ctx: ArticleContext) -> list[Fact]:
    """Mentions the furniture adds (websites, Latin names of the paper) and its address facts."""
    for match in _WEBSITE.finditer(ctx.text):
        start, end = match.span(1)
        if not ctx.mentions_between(start, end, ORGANISATION_LABELS):
            ctx.add(Mention(match.group(1), "Organization", ctx.evidence(start, end), start,
                            end, match.group(1)))
    _latin_names(ctx)
    return extract_locations(ctx)


def _latin_names(ctx: ArticleContext) -> None:
    """A line of Latin capitals right under an organisation's line is that name in pinyin."""
    for match in _LATIN_NAME.finditer(ctx.text):
        line_start = match.start()
        if ctx.text[line_start - 1:line_start] != "\n" or \
                ctx.text[match.end():match.end() + 1] not in ("\n", ""):
            continue
        previous_line = ctx.text.rfind("\n", 0, line_start - 1) + 1
        named = ctx.mentions_between(previous_line, line_start - 1)
        if len(named) == 1 and named[0].type == "Organization" and \
                named[0].end == line_start - 1 and named[0].start == previous_line:
            org = named[0]
            ctx.add(Mention(match.group(), org.type, ctx.evidence(match.start(), match.end()),
                            match.start(), match.end(), org.label))
