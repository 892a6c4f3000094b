"""agreementWith: the two sides of a signed agreement, letter of intent or cooperation.

``A与B签订X协议``; ``A分别与B、C签订X协议、Y协议`` (one agreement each, topics in
order); ``A、B已与C、D签订协议`` (every pair).  The topic is what stands between the
signing verb and 协议, unless that is only 合作.
"""
from __future__ import annotations

import re

from kg.extract.context import FACILITY_LABELS, ORGANISATION_LABELS, ArticleContext
from kg.extract.organs import government
from kg.records import Fact, Mention

PARTY_LABELS = ORGANISATION_LABELS | FACILITY_LABELS | {"Zone"}
SIGN = re.compile(r"(签订|签署|签约|共同签订|正式签订)(了)?")
DOCUMENT = re.compile(r"(协议书|协议|意向书|备忘录|合同|框架协议)")
GENERIC_TOPICS = frozenset({"", "合作", "战略合作", "框架", "合作框架", "相关", "项目"})
# Words after the parties: 在某地 and 于某地 are places, not parties.
AFTER_PARTIES = re.compile(r"在|于|就|举行|举办|围绕|共同|正式|现场|成功")
# A与B举行会谈，并签署…协议 keeps its parties across one clause break; after several
# (甲与乙、丙地方间互访…，举办…，建立…，签订…) the signing is a summary of many acts by
# sides the sentence does not name.
MAX_CLAUSES = 1


def extract_agreements(ctx: ArticleContext) -> list[Fact]:
    facts = []
    text = ctx.text
    for sentence in ctx.sentences:
        for sign in SIGN.finditer(text, sentence.start, sentence.end):
            document = DOCUMENT.search(text, sign.end(), min(sentence.end, sign.end() + 40))
            if document is None and sign.group(1) != "签约":
                continue      # 签署 needs what was signed; A与B签约 is itself an agreement
            with_at = _conjunction(ctx, sentence.start, sign.start())
            if with_at == -1 or _clauses_between(text, with_at, sign.start()) > MAX_CLAUSES:
                continue
            left = [_as_party(ctx, m) for m in _group_before(ctx, sentence.start, with_at)]
            right = [_as_party(ctx, m)
                     for m in ctx.mentions_between(with_at, _parties_end(ctx, with_at, sign.start()))
                     if m.type in PARTY_LABELS | {"AdminArea"}]
            if not left or not right:
                continue
            signed_end = document.end() if document else sign.end()
            clause_end = min([i for i in (text.find(p, signed_end, sentence.end)
                                          for p in "，。；") if i != -1] or [sentence.end])
            last = max((m.end() for m in DOCUMENT.finditer(text, sign.end(), clause_end)),
                       default=signed_end)
            topics = _topics(text[sign.end():last])
            respectively = "分别" in text[with_at - 3:with_at + 1]
            source = ctx.evidence(sign.start(), sign.end())
            for i, other in enumerate(right):
                topic = topics[i] if respectively and len(topics) == len(right) else (
                    topics[0] if len(topics) == 1 else None)
                for party in left:
                    if party.label != other.label:
                        facts.append(Fact(party, "agreementWith", source, object=other,
                                          topic=topic))
    return facts


def _parties_end(ctx: ArticleContext, start: int, end: int) -> int:
    """Where the parties after 与 end: at the first word that sets the place, topic or act
    (A与B在某地举行…, A与B就…), outside a name."""
    for marker in AFTER_PARTIES.finditer(ctx.text, start + 1, end):
        if not any(m.start <= marker.start() < m.end for m in ctx.mentions):
            return marker.start()
    return end


def _clauses_between(text: str, start: int, end: int) -> int:
    return sum(text.count(mark, start, end) for mark in "，；,;")


def _conjunction(ctx: ArticleContext, start: int, end: int) -> int:
    """The last 与 (or 和) before the verb that is not inside a name."""
    for word in ("与", "和"):
        at = ctx.text.rfind(word, start, end)
        while at != -1 and any(m.start <= at < m.end for m in ctx.mentions):
            at = ctx.text.rfind(word, start, at)
        if at != -1:
            return at
    return -1


def _group_before(ctx: ArticleContext, start: int, position: int) -> list[Mention]:
    """The parties joined by 、 right before 与 (A、B已与 …)."""
    mentions = [m for m in ctx.mentions_between(start, position)
                if m.type in PARTY_LABELS | {"AdminArea"}]
    group: list[Mention] = []
    cursor = position
    for m in reversed(mentions):
        gap = ctx.text[m.end:cursor]
        if len(gap) > 4 or any(ch in gap for ch in "，。；"):
            break
        group.insert(0, m)
        cursor = m.start
        if ctx.text[cursor - 1:cursor] != "、":
            break
    return group


def _as_party(ctx: ArticleContext, mention: Mention) -> Mention:
    """A place that signs (某某市与某公司签约) signs through its people's government."""
    if mention.type != "AdminArea" or not mention.code or not mention.code.isdigit():
        return mention      # a foreign state signs as itself
    name, aliases = government(ctx.gazetteer.by_code(mention.code))
    return ctx.add(Mention(mention.text, "GovernmentBody", mention.source, mention.start,
                           mention.end, name, None, aliases))


def _topics(phrase: str) -> list[str | None]:
    out = []
    for part in re.split(r"[、和及]", phrase):
        part = DOCUMENT.sub("", part).strip("《》“”\"' ")
        out.append(None if part in GENERIC_TOPICS else part)
    return [t for t in out] or [None]
