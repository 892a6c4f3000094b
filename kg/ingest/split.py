"""Splitting a cleaned page into articles: boundaries, titles, bylines, offsets.

An article starts at a lead (``本报讯…``), a byline line (``□记者 某某``), a jump line
(``（上接第一版）``), or a title block followed by text.  A deeper markdown heading inside
an article (``###`` under a ``#`` title), or a plain short line that shares no wording with
the text after it, is a section heading of the same article; a heading followed by a
picture caption and a photo credit is a photo piece of its own.

Titles: a block with markdown headings gives its highest-level heading.  Plain title lines
may be printed far from their article (some layouts put every headline at the end of the
page), so each plain title line goes to the nearby article whose first paragraph shares
the most of its wording — or to none, in which case it is simply dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.ingest.clean import (
    BYLINE, CAPTION, CREDIT, FURNITURE, HEADING, JUMP, LEAD, REPEAT, SIGNOFF, TEXT, Paragraph,
    Span,
    add_span, slice_spans, typed_paragraphs,
)
from kg.records import Article, OffsetMap, Page

_PHOTO_LOOKAHEAD = 4     # caption paragraphs a photo piece may have before its credit
_TITLE_REACH = 10        # articles before/after a title block that it may belong to
_TITLE_MIN_SHARED = 3    # shared character pairs for a plain title to match an article
_WINDOW = 300            # characters of an article's opening that a title is compared with
_WORD_RUNS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.%]+")


class _Piece(NamedTuple):
    """Text of one paragraph of an article, and the source newline that ends it."""
    spans: list[Span]
    newline: int | None


@dataclass
class _TitleUnit:
    paragraph: Paragraph
    block: int
    next_draft: int | None = None


@dataclass
class _Draft:
    heads: list[Paragraph]
    byline: list[str] = field(default_factory=list)
    paragraphs: list[_Piece] = field(default_factory=list)
    title: str | None = None
    title_parts: list[Paragraph] = field(default_factory=list)
    level: int | None = None          # level of the markdown title, if any
    photo: bool = False
    captions: list[Paragraph] = field(default_factory=list)

    def add(self, paragraph: Paragraph, spans: list[Span] | None = None) -> None:
        spans = paragraph.spans if spans is None else spans
        if spans:
            self.paragraphs.append(_Piece(spans, paragraph.newline))

    @property
    def fresh(self) -> bool:
        return not self.paragraphs


def split_articles(page: Page, furniture: bool = False) -> list[Article]:
    """The articles of ``page`` in page order, ids ``"<doc>#1"``, ``"<doc>#2"``, …

    With ``furniture``, the page's masthead and footer lines follow as one more article
    of kind ``"furniture"`` and id ``"<doc>#0"`` (names in them are entities too: the
    newspaper, its publisher, printer and editors), when the page has any.
    """
    typed = typed_paragraphs(page.text)
    paragraphs = [p for p in typed if p.kind not in (FURNITURE, REPEAT)]
    drafts, units = _segment(paragraphs)
    _assign_plain_titles(page.text, drafts, units)
    articles: list[Article] = []
    for draft in drafts:
        article = _article(page, draft, f"{page.doc}#{len(articles) + 1}")
        if article is not None:
            articles.append(article)
    if furniture:
        lines = _Draft(heads=[])
        for paragraph in typed:
            if paragraph.kind == FURNITURE:
                lines.add(paragraph)
        footer = _article(page, lines, f"{page.doc}#0", kind="furniture")
        if footer is not None:
            articles.append(footer)
    return articles


def _article(page: Page, draft: _Draft, article_id: str, kind: str = "article") -> Article | None:
    spans = _article_spans(draft, len(page.text))
    text = "".join(page.text[s:e] for s, e in spans)
    if not text.strip():
        return None
    return Article(
        id=article_id, doc=page.doc, path=page.path, title=draft.title,
        byline=tuple(dict.fromkeys(draft.byline)), date=page.date, newspaper=page.newspaper,
        text=text, offsets=_offset_map(spans), kind=kind,
        title_offsets=_title_map(draft.title_parts) if draft.title else None)


# ---------------------------------------------------------------------------- boundaries

def _segment(paragraphs: list[Paragraph]) -> tuple[list[_Draft], list[_TitleUnit]]:
    drafts: list[_Draft] = []
    units: list[_TitleUnit] = []
    pending: list[Paragraph] = []
    block = 0
    current: _Draft | None = None

    def start(byline: tuple[str, ...] = (), photo: bool = False) -> _Draft:
        nonlocal pending, block
        draft = _Draft(heads=pending, byline=list(byline), photo=photo)
        _title_from_headings(draft)
        if draft.level is None:
            for head in pending:
                units.append(_TitleUnit(head, block, len(drafts)))
        block += 1
        pending = []
        drafts.append(draft)
        return draft

    index = 0
    count = len(paragraphs)
    while index < count:
        paragraph = paragraphs[index]
        kind = paragraph.kind
        if kind == HEADING:
            pending.append(paragraph)
        elif kind == LEAD:
            if current is not None and current.fresh and not pending:
                current.byline.extend(paragraph.byline)
            else:
                current = start(paragraph.byline)
            current.add(paragraph, paragraph.body_spans())
        elif kind == BYLINE:
            if current is not None and current.fresh and not pending:
                current.byline.extend(paragraph.byline)
            else:
                current = start(paragraph.byline)
        elif kind == SIGNOFF:
            if current is not None:
                current.byline.extend(paragraph.byline)
        elif kind == JUMP:
            if pending or current is None or not current.fresh or current.photo:
                current = start()
            current.add(paragraph, paragraph.body_spans())
        elif kind in (TEXT, CAPTION):
            if pending:
                credit = _photo_credit(paragraphs, index)
                if credit is not None:
                    after = _next_structural(paragraphs, credit + 1)
                    if after in (LEAD, BYLINE):
                        index = credit + 1      # the lead's own picture: keep its title
                        continue
                    current = start(paragraphs[credit].byline, photo=True)
                    for caption in paragraphs[index:credit]:
                        current.add(caption, _caption_spans(caption))
                    index = credit + 1
                    continue
                if kind == CAPTION:
                    index += 1
                    continue
                if _opens_article(pending, current, paragraph):
                    current = start()
                else:
                    for head in pending:         # section headings of the same article
                        current.add(head)
                    pending = []
            elif kind == CAPTION:
                if current is not None:         # a picture inside an article: its caption
                    current.captions.append(paragraph)     # goes after the article's text
                    current.byline.extend(paragraph.byline)
                index += 1
                continue
            if current is None or current.photo:
                current = start()
            current.add(paragraph)
        elif kind == CREDIT and current is not None:
            # a picture's credit after an article's text: the article's picture, its
            # photographer credited with it
            current.byline.extend(paragraph.byline)
        index += 1
    if pending:
        for head in pending:
            units.append(_TitleUnit(head, block, None))
    return drafts, units


def _opens_article(pending: list[Paragraph], current: _Draft | None,
                   following: Paragraph) -> bool:
    if current is None or current.photo:
        return True
    levels = [p.level for p in pending if p.level]
    if levels:
        return current.level is None or min(levels) <= current.level
    # Plain short lines followed by text: a headline only if it speaks of that text.
    opening = _pairs(following.text[:_WINDOW])
    return any(len(_pairs(head.text) & opening) >= _TITLE_MIN_SHARED for head in pending)


def _photo_credit(paragraphs: list[Paragraph], index: int) -> int | None:
    """Index of the photo credit closing the captions that start at ``index``, if any."""
    for ahead in range(index, min(len(paragraphs), index + _PHOTO_LOOKAHEAD + 1)):
        kind = paragraphs[ahead].kind
        if kind == CREDIT:
            return ahead
        if kind not in (TEXT, CAPTION):
            return None
    return None


def _next_structural(paragraphs: list[Paragraph], index: int) -> str | None:
    return paragraphs[index].kind if index < len(paragraphs) else None


def _caption_spans(paragraph: Paragraph) -> list[Span]:
    """A caption without its inline credit (``…图为会议现场。 □本报记者 某某摄``)."""
    cut = max(paragraph.text.rfind("□"), paragraph.text.rfind("■"))
    if paragraph.kind == CAPTION and paragraph.byline and cut > 0:
        return slice_spans(paragraph.spans, 0, len(paragraph.text[:cut].rstrip()))
    return paragraph.spans


def _title_from_headings(draft: _Draft) -> None:
    marked = [p for p in draft.heads if p.level]
    if marked:
        main = min(marked, key=lambda p: p.level)
        draft.title = main.text
        draft.title_parts = [main]
        draft.level = main.level


# ---------------------------------------------------------------------------- plain titles

def _pairs(text: str) -> set[str]:
    pairs: set[str] = set()
    for run in _WORD_RUNS.findall(text):
        pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    return pairs


def _assign_plain_titles(page_text: str, drafts: list[_Draft], units: list[_TitleUnit]) -> None:
    """Give plain title lines to the articles they headline (see the module docstring)."""
    if not units:
        return
    openings: dict[int, set[str]] = {}

    def opening(d: int) -> set[str]:
        if d not in openings:
            first = drafts[d].paragraphs[0].spans if drafts[d].paragraphs else []
            openings[d] = _pairs("".join(page_text[s:e] for s, e in first)[:_WINDOW])
        return openings[d]

    taken: set[int] = set()
    assigned: dict[int, int] = {}
    blocks: dict[int, list[int]] = {}
    for u, unit in enumerate(units):
        blocks.setdefault(unit.block, []).append(u)
    for block, members in blocks.items():
        anchor = units[members[0]].next_draft
        anchor = len(drafts) if anchor is None else anchor
        nearby = [d for d in range(max(0, anchor - _TITLE_REACH),
                                   min(len(drafts), anchor + _TITLE_REACH + 1))
                  if drafts[d].title is None and drafts[d].paragraphs]
        scores: dict[int, dict[int, int]] = {}
        for u in members:
            title_pairs = _pairs(units[u].paragraph.text)
            row = {}
            for d in nearby:
                shared = len(title_pairs & opening(d))
                if shared >= _TITLE_MIN_SHARED:
                    row[d] = shared + (1 if d == units[u].next_draft else 0)
            scores[u] = row
        _greedy_by_margin(members, scores, taken, assigned)
        _attach_subtitles(members, scores, assigned)
    titles: dict[int, list[Paragraph]] = {}
    for u in sorted(assigned):
        titles.setdefault(assigned[u], []).append(units[u].paragraph)
    for d, parts in titles.items():
        drafts[d].title = " ".join(p.text for p in parts)
        drafts[d].title_parts = parts


def _greedy_by_margin(members: list[int], scores: dict[int, dict[int, int]],
                      taken: set[int], assigned: dict[int, int]) -> None:
    """One title line per article, the most clear-cut matches first."""
    remaining = [u for u in members if scores[u]]
    while remaining:
        best = None
        for u in remaining:
            options = sorted(((s, -d) for d, s in scores[u].items() if d not in taken),
                             reverse=True)
            if not options:
                continue
            margin = options[0][0] - (options[1][0] if len(options) > 1 else 0)
            key = (margin, options[0][0], -u)
            if best is None or key > best[0]:
                best = (key, u, -options[0][1])
        if best is None:
            return
        _, u, d = best
        assigned[u] = d
        taken.add(d)
        remaining.remove(u)


def _attach_subtitles(members: list[int], scores: dict[int, dict[int, int]],
                      assigned: dict[int, int]) -> None:
    """A title line next to an assigned one that also matches its article is its subtitle."""
    changed = True
    while changed:
        changed = False
        for position, u in enumerate(members):
            if u in assigned:
                continue
            for neighbour in (position - 1, position + 1):
                if 0 <= neighbour < len(members) and members[neighbour] in assigned:
                    d = assigned[members[neighbour]]
                    if d in scores[u]:
                        assigned[u] = d
                        changed = True
                        break


# ---------------------------------------------------------------------------- assembly

def _article_spans(draft: _Draft, size: int) -> list[Span]:
    spans: list[Span] = []
    previous: _Piece | None = None
    captions = [_Piece(_caption_spans(c), c.newline) for c in draft.captions]
    for paragraph in draft.paragraphs + [c for c in captions if c.spans]:
        if previous is not None and previous.newline is not None and previous.newline < size:
            add_span(spans, previous.newline, previous.newline + 1)   # the source's own \n
        for start, end in paragraph.spans:
            add_span(spans, start, end)
        previous = paragraph
    return spans


def _title_map(parts: list[Paragraph]) -> OffsetMap | None:
    """Title parts are joined with a space, which maps to the line break after a part."""
    positions: list[int] = []
    for k, part in enumerate(parts):
        if k:
            positions.append(parts[k - 1].newline if parts[k - 1].newline is not None
                             else positions[-1])
        for start, end in part.spans:
            positions.extend(range(start, end))
    return OffsetMap.from_positions(positions) if positions else None


def _offset_map(spans: list[Span]) -> OffsetMap:
    starts: list[int] = []
    sources: list[int] = []
    position = 0
    for start, end in spans:
        starts.append(position)
        sources.append(start)
        position += end - start
    return OffsetMap(tuple(starts), tuple(sources))
