"""investor and builtBy: who pays for a facility and who builds it.

``由X投资建设`` / ``X投资建设`` make X an investor; ``由X(、Y)共同建设/承建/共建`` make
them builders; ``X与Y合资组建/合资建设Z`` makes both investors of Z.  Organisations in a
relative clause (…等高校共建的联合实验室) or written as a person's affiliation
(某某院院士王某) are not the actors.
"""
from __future__ import annotations

import re

from kg.extract.context import FACILITY_LABELS, ORGANISATION_LABELS, ArticleContext
from kg.records import Fact, Mention

ACTOR_LABELS = ORGANISATION_LABELS
VERBS = re.compile(r"(合资组建|合资建设|合资成立|共同投资建设|投资建设|投资兴建|出资建设|共同出资|投资|"
                   r"共同建设|承建|共建|建设|施工)")
FOUNDING = ("合资组建", "合资成立")
INVESTING = ("合资组建", "合资建设", "合资成立", "共同投资建设", "投资建设", "投资兴建", "出资建设",
             "共同出资", "投资")


def extract_investors(ctx: ArticleContext) -> list[Fact]:
    facts = []
    text = ctx.text
    for sentence in ctx.sentences:
        by_at = text.find("由", sentence.start, sentence.end)
        while by_at != -1:
            end = min(sentence.end, by_at + 120)
            verb, subject = _described(ctx, by_at + 1, end)
            if verb is None:
                verb = _main_verb(ctx, by_at + 1, end)
                if verb is None:
                    break
                subject = _subject(ctx, sentence.start, by_at)
            actors = _actors(ctx, by_at + 1, verb.start())
            if verb.group(1) in FOUNDING:
                subject = _founded(ctx, sentence.start, by_at) or subject
            if actors and subject is not None:
                predicate = "investor" if verb.group(1) in INVESTING else "builtBy"
                source = ctx.evidence(by_at, verb.end())
                for actor in actors:
                    if actor.label != subject.label:
                        facts.append(Fact(subject, predicate, source, object=actor))
            by_at = text.find("由", verb.end(), sentence.end)
    return facts


def _founded(ctx: ArticleContext, sentence_start: int, by_at: int) -> Mention | None:
    """某某数科由X与Y合资组建: the name right before 由 is the joint venture, a company,
    even where recognition found no suffix on it."""
    clause_start = max([ctx.text.rfind(p, sentence_start, by_at) for p in "，,；：。"] +
                       [sentence_start - 1]) + 1
    named = ctx.mentions_between(clause_start, by_at, ACTOR_LABELS | FACILITY_LABELS)
    if named:
        return named[-1]
    written = ctx.text[clause_start:by_at].strip()
    if 2 <= len(written) <= 10 and all("\u4e00" <= ch <= "\u9fff" for ch in written):
        start = ctx.text.index(written, clause_start)
        return ctx.add(Mention(written, "Company", ctx.evidence(start, by_at), start,
                               start + len(written), written))
    return None


def _described(ctx: ArticleContext, start: int, end: int):
    """由X投资建设的某某项目: the verb of the relative clause opened by 由 and the facility
    it describes, or (None, None)."""
    verb = next((v for v in VERBS.finditer(ctx.text, start, end)
                 if not any(m.start <= v.start() < m.end for m in ctx.mentions)), None)
    if verb is None or not ctx.text.startswith("的", verb.end()):
        return None, None
    facility = next((m for m in ctx.mentions if m.start == verb.end() + 1
                     and m.type in FACILITY_LABELS), None)
    return (verb, facility) if facility is not None else (None, None)


def _main_verb(ctx: ArticleContext, start: int, end: int):
    """The first investing/building verb outside any name and not in a relative clause."""
    for verb in VERBS.finditer(ctx.text, start, end):
        if any(m.start <= verb.start() < m.end for m in ctx.mentions):
            continue
        if ctx.text.startswith("的", verb.end()):
            continue
        return verb
    return None


def _actors(ctx: ArticleContext, start: int, end: int) -> list[Mention]:
    relative = ctx.text.rfind("的", start, end)
    if relative != -1:
        start = relative + 1
    found = []
    for m in ctx.mentions_between(start, end):
        if m.type not in ACTOR_LABELS:
            continue
        if any(ctx.text.startswith(w, m.end) for w in ("院士", "专家", "教授", "主任", "总经理")):
            continue
        found.append(m)
    return found


def _subject(ctx: ArticleContext, sentence_start: int, position: int) -> Mention | None:
    before = [m for m in ctx.mentions_between(sentence_start, position)
              if m.type in FACILITY_LABELS | {"Company"}]
    if before:
        return before[-1]
    clause = ctx.text[sentence_start:position]
    if "该" in clause or "项目" in clause or not clause.strip():
        return ctx.referent(position)
    return None
