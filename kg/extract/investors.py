"""investor, builtBy and subsidiaryOf: who pays for a facility, who builds it, whose it is.

Investors: ``由X投资建设`` / ``X投资建设的Y`` / ``投资方为X``; ``X与Y合资建设Z`` and
``X与Y合资成立/共同出资设立/共同组建Z`` (``该公司由X与Y共同组建``: the company named last;
``Z是X与Y合资组建的``)
make both investors of Z (``三方/双方…共同出资设立Z``: the
parties the sentence names); ``X通过全资子公司Y投资建设Z`` makes X and Y investors;
``Z由X控股、Y参股`` makes each holder of a share one; ``由该公司投资建设Z`` and ``甲与乙签署
协议，后者将…投资建设Z`` name the investor by reference; ``X(作为项目主体，)负责Z的投资、
建设和运营``, ``设立X（以下简称“某某”），负责投资建设Z``, ``X出资/斥资N亿元建设Z``,
``X是Z的投资方``, ``投资建设主体为X`` and ``项目业主X…`` make X one; ``X投资8000万美元设立Y``
makes X an investor of the company Y.

Builders (contractors who are not named as investors): ``由X承建/施工/EPC总承包/负责建设``,
``机电安装/土建施工由X承担``,
``X承建`` / ``X承担(项目)EPC总承包`` / ``X施工总承包`` as a clause of their own,
``总承包方/施工方/承建方为X``, the role right before the name (``施工方X…``, ``据承建方X介绍``,
``作为项目总包方，X…``, ``委托X代建``; not ``委托X开展勘察设计``), a relative clause
(``负责项目施工的X``, ``承建该项目的X``), ``甲与乙签署协议，双方将共建Y`` (both),
``X中标Y`` and ``X与Y组成的联合体…中标``.  The subject of a
builder is always a facility: the one the sentence names before, else the one the article
is about (二期项目由X承建).

Parents: ``X全资子公司Y``, ``X控股子公司Y``, ``X旗下Y``, ``X所属Y`` make Y ``subsidiaryOf`` X
(an unscored predicate); the parent is then not the actor of the verb after Y.

Organisations in a relative clause (…等高校共建的联合实验室) or written as a person's
affiliation (某某院院士王某) are not the actors.
"""
from __future__ import annotations

import re

from kg.extract.context import (FACILITY_LABELS, FACILITY_REFERENCES, ORGANISATION_LABELS,
                                ArticleContext)
from kg.records import Fact, Mention

ACTOR_LABELS = ORGANISATION_LABELS
# Verbs after 由X, longest first.
VERBS = re.compile(r"(合资组建|合资建设|合资成立|合资设立|共同出资设立|共同投资设立|共同组建|共同成立|共同设立|"
                   r"出资设立|投资设立|共同投资建设|联合投资建设|投资建设|"
                   r"投资兴建|独资建设|全资建设|出资建设|共同出资|联合投资|共同投资|出资|合作建设|"
                   r"施工总承包|EPC总承包|工程总承包|总承包|负责建设|负责施工|投资|"
                   r"共同建设|承建|共建|建设|施工)")
# A part of the works, then 由: 机电安装由某公司承担/负责/施工, 土建施工由某公司实施.
WORKS_PART_BY = re.compile(r"(?:机电安装|土建施工|土建工程|土建|勘察设计|设备安装|安装工程)由$")
PART_VERBS = re.compile(rf"(承担|负责|实施|{VERBS.pattern[1:-1]})")
FOUNDING = ("合资组建", "合资成立", "合资设立", "共同出资设立", "共同投资设立", "共同组建", "共同成立",
            "共同设立", "出资设立", "投资设立")
INVESTING = ("合资组建", "合资建设", "合资成立", "合资设立", "共同出资设立", "共同投资设立", "共同组建",
             "共同成立", "共同设立", "出资设立", "投资设立", "共同投资建设", "联合投资建设",
             "投资建设", "投资兴建", "独资建设", "全资建设", "出资建设", "共同出资", "联合投资", "共同投资",
             "出资", "投资")
# A builder's clause without 由: X承建 / X承担项目EPC总承包 / X施工总承包 / X中标某项目.
ACTIVE_BUILDING = re.compile(r"(?:承担|负责)?(?:项目|工程|该项目|主体工程)?"
                             r"(施工总承包|EPC总承包|工程总承包|总承包|施工总包|承建|负责建设|负责施工)"
                             r"|(?:承担|负责)(?:项目|工程|该项目|主体工程)(?:的)?(施工|建设施工|土建施工)"
                             # (not 负责该项目施工期的…监督: a watch over the works' time)
                             r"(?![期])"
                             r"|负责(?:项目|工程)?(?:的)?(勘察设计|设计|机电安装|土建施工)(?=[，。；、])"
                             r"|(?<![由])(施工)(?=[，。；])")
# 由X建设运营的Y, X投资建设并运营的Y: running the facility too, in the same relative clause.
ALSO_RUNS = re.compile(r"(?:[、和并及]|并负责)?(?:运营|运维|管理|运行)")
INVESTED_BY = re.compile(r"(?:共同|联合)?(?:投资建设|投资兴建|出资建设|独资建设|全资建设|合资建设|投资|"
                         r"投资(?:约)?[\d.]+[亿万]元(?:建设|兴建|打造)?)"
                         rf"(?:{ALSO_RUNS.pattern})?的")
# 总承包方为X, 施工单位为X; 投资方为X.
ROLE_IS = re.compile(r"(EPC总承包方|总承包方|总承包单位|总包单位|总包方|施工方|施工单位|承建方|承建单位|中标单位|"
                     r"EPC总承包|施工总承包|工程总承包|"
                     r"中标人|投资方|投资建设和运营主体|投资建设主体|投资主体|"
                     r"项目业主|业主单位|建设单位|业主)(?:同样|也|均)?(?:为|是|：|:)")
INVESTOR_ROLES = ("投资方", "投资主体", "项目业主", "业主单位", "业主", "建设单位", "投资建设和运营主体",
                  "投资建设主体")
# X作为项目业主 / X作为EPC总承包单位: the role follows the organisation.
ROLE_AFTER = re.compile(r"(?:作为|为|是)(?:该|本)?(?:项目|工程)?(?:的)?"
                        r"(EPC总承包单位|EPC总承包方|总承包单位|总承包方|总包单位|总包方|施工单位|施工方|承建单位|"
                        r"中标单位|"
                        r"业主|业主单位|投资方|投资主体|建设单位|投资建设和运营主体|投资建设主体)"
                        r"|承担(?:了)?(?:该|本)?(?:项目|工程)?(?:的)?(施工|建设|施工建设)任务")
# A builder's role written right before its name (施工方某公司, 作为项目总包方，某公司;
# 委托某公司建设: the one entrusted builds).
ROLE_BEFORE = re.compile(r"(?:(?<=[据，,。；])|^)(?:作为)?(?:该|本)?(?:项目|工程)?(?:的)?"
                         r"(EPC总承包方|总承包方|总包方|施工方|承建方|施工单位|承建单位|总承包单位|"
                         r"项目业主|投资方|投资主体)"
                         r"[，,]?|委托|负责(?:该|本)?(?:项目|工程)?(?:的)?(?:施工|承建|建设施工|施工建设)的"
                         r"|承建(?:该|本)?(?:项目|工程|[一二三四五六]期(?:工程|项目)?|主体工程)的"
                         r"|(?:承建|负责施工)[^，,。；：的]{1,12}的(?:是|为)", re.M)
# What the one entrusted (委托X…) must do to be a builder: designing or consulting is not.
ENTRUSTED_TO_BUILD = re.compile(r"(?:负责|承担|开展|进行)?(?:项目|工程)?(?:的)?(?:代建|建设|施工|承建)")
# X是Y的投资方: the role of the facility named between 是 and 的.
ROLE_OF = re.compile(r"(?:是|为|系)(?P<facility>.{2,40}?)的(投资方|投资主体|业主|项目业主|"
                     r"EPC总承包方|总承包方|总承包单位|施工方|施工单位|承建方|承建单位)")
FOUNDED = re.compile(r"(合资成立|合资组建|合资设立|共同出资设立|共同投资设立|出资设立|投资设立|共同组建|"
                     r"共同成立|共同设立|(?:投资|出资)(?:约)?[\d.]+[万亿]*(?:美元|欧元|元)[，,]?"
                     r"(?:设立|成立|组建|注册成立))(?:了)?(?:合资公司)?")
GROUP_SUBJECTS = ("三方", "双方", "各方", "四方")
PARENT_MARKS = re.compile(r"(?:的)?(全资子公司|控股子公司|全资孙公司|子公司|旗下|所属|下属|控股的)")
WON = re.compile(r"中标")
# The contract a consortium wins, named before its members (项目EPC总承包由…).
CONTRACT_BEFORE = re.compile(r"项目|工程|总承包|施工")
# A part of a facility read as a name of its own: the builder builds the facility.
GENERIC_PART = re.compile(r"(?:项目|该项目|本项目)?(?:主体工程|土建工程|[一二三四五六]期(?:工程|项目)?|"
                          r"配套工程|主体|机电安装工程)")
INVESTING_ACT = re.compile(r"合资建设|合资兴建|投资建设|投资兴建|投资新建|出资建设|投资|"
                           r"(?:出资|斥资)(?=[\d约])")
# 负责某项目的投资、建设和运营, 负责投资建设某项目: who is in charge of a facility's investment.
IN_CHARGE_OF = "负责"
REMARK_THEN_COMMA = re.compile(r"（[^（）]*）|[，,]")
IN_CHARGE_ACTS = re.compile(r"(?:项目的)?(?:投资建设|投资、建设|投资和建设)(?:和运营|及运营|、运营|并运营)?")
# The contract, then who took it: EPC总承包由X承担, 施工由X中标实施.
CONTRACT_BY = re.compile(r"(?:(?:EPC|epc)|施工|工程)?总承包由|施工由|勘察设计由")
CONTRACT_TAKEN = re.compile(r"承担|负责|中标|牵头实施|实施|承建")


def extract_investors(ctx: ArticleContext) -> list[Fact]:
    facts: list[Fact] = []
    parents = _parents(ctx)
    facts.extend(parents)
    parent_starts = {f.object.start for f in parents}
    for sentence in ctx.sentences:
        facts.extend(_by_clauses(ctx, sentence, parent_starts))
        facts.extend(_active_builders(ctx, sentence, parent_starts))
        facts.extend(_invested_by(ctx, sentence))
        facts.extend(_investing_subjects(ctx, sentence))
        facts.extend(_roles(ctx, sentence))
        facts.extend(_in_charge(ctx, sentence))
        facts.extend(_sides_building(ctx, sentence))
        facts.extend(_contracts(ctx, sentence))
        facts.extend(_founded_by(ctx, sentence))
        facts.extend(_consortium(ctx, sentence))
        facts.extend(_winners(ctx, sentence))
        facts.extend(_through_subsidiary(ctx, sentence, parents))
        facts.extend(_shareholders(ctx, sentence))
    return _investors_are_not_builders(facts)


# 由X控股、Y参股: each holder of a share after 由 invests in the facility.
SHARE_VERBS = re.compile(r"控股|参股|持股(?:\d+(?:\.\d+)?%)?")


def _shareholders(ctx: ArticleContext, sentence) -> list[Fact]:
    text = ctx.text
    by_at = text.find("由", sentence.start, sentence.end)
    if by_at == -1:
        return []
    clause_end = min([i for i in (text.find(p, by_at, sentence.end) for p in "，。；")
                      if i != -1] or [sentence.end])
    holders = []
    cursor = by_at + 1
    for m in ctx.mentions_between(by_at + 1, clause_end):
        if m.type not in ACTOR_LABELS or m.start != cursor:
            break
        share = SHARE_VERBS.match(text, m.end)
        if share is None:
            break
        holders.append(m)
        cursor = share.end() + (text[share.end():share.end() + 1] in "、和及")
    if not holders:
        return []
    if any(m.end == by_at for m in ctx.mentions_between(sentence.start, by_at, ACTOR_LABELS)):
        return []          # 某公司由甲控股: the company's shareholder, not a facility's investor
    subject = _subject(ctx, sentence.start, by_at, FACILITY_LABELS)
    if subject is None:
        return []
    source = ctx.evidence(by_at, cursor)
    return [Fact(subject, "investor", source, object=h) for h in holders]


# -- 由X…建设 -------------------------------------------------------------------------
AMOUNT_THEN_ACT = re.compile(r"(?:约|超|逾)?[\d.]+[万亿]*(?:美元|元)(?:建设|兴建|打造|新建)?")


def _by_clauses(ctx: ArticleContext, sentence, parent_starts) -> list[Fact]:
    facts = []
    text = ctx.text
    by_at = text.find("由", sentence.start, sentence.end)
    while by_at != -1:
        end = min(sentence.end, by_at + 120)
        verb, subject = _described(ctx, by_at + 1, end)
        if verb is None:
            verb = _main_verb(ctx, by_at + 1, end)
            if verb is None:
                break
            subject = None
        word = verb.group(1)
        predicate = "investor" if word in INVESTING else "builtBy"
        actors = [a for a in _actors(ctx, by_at + 1, verb.start()) if a.start not in parent_starts]
        if not actors:
            actors = [a for a in (_referred_actor(ctx, by_at + 1),) if a is not None]
        if subject is None:
            if word in FOUNDING:
                subject = _founded(ctx, sentence.start, by_at)
            if subject is None and word not in FOUNDING:
                # 由某公司投资建设某中心: the facility the verb names right after it.
                subject = _facility_named_or_referred(ctx, verb.end(), verb.end() + 40)
            if subject is None:
                subject = _subject(ctx, sentence.start, by_at,
                                   FACILITY_LABELS if predicate == "builtBy"
                                   else FACILITY_LABELS | {"Company"})
            if subject is None:
                # 一、某某项目。位于某市，由某公司投资建设: the item's facility.
                subject = ctx.item_facility(by_at)
        if actors and subject is not None:
            source = ctx.evidence(by_at, verb.end())
            for actor in actors:
                if actor.label != subject.label:
                    facts.append(Fact(subject, predicate, source, object=actor))
        by_at = text.find("由", verb.end(), sentence.end)
    return facts


def _contracts(ctx: ArticleContext, sentence) -> list[Fact]:
    """项目EPC总承包由X承担 / 施工由X中标实施: X builds the facility the sentence is about."""
    facts = []
    for contract in CONTRACT_BY.finditer(ctx.text, sentence.start, sentence.end):
        taken = CONTRACT_TAKEN.search(ctx.text, contract.end(), min(sentence.end,
                                                                     contract.end() + 60))
        if taken is None:
            continue
        actors = _actors(ctx, contract.end(), taken.start())
        subject = _subject(ctx, sentence.start, contract.start(), FACILITY_LABELS)
        if actors and subject is not None:
            source = ctx.evidence(contract.start(), taken.end())
            facts.extend(Fact(subject, "builtBy", source, object=a) for a in actors)
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
    if written in ("该公司", "该企业", "公司"):
        return ctx.last_before(clause_start, {"Company"})    # the company named last
    if 2 <= len(written) <= 10 and all("\u4e00" <= ch <= "\u9fff" for ch in written):
        start = ctx.text.index(written, clause_start)
        return ctx.add(Mention(written, "Company", ctx.evidence(start, by_at), start,
                               start + len(written), written))
    return None


def _relative_mark(text: str, position: int) -> int | None:
    """Where the facility starts when a relative clause's verb ends at ``position``
    (…建设的Y, …建设运营的Y), else None."""
    runs = ALSO_RUNS.match(text, position)
    if runs is not None:
        position = runs.end()
    return position + 1 if text.startswith("的", position) else None


def _described(ctx: ArticleContext, start: int, end: int):
    """由X投资建设的某某项目: the verb of the relative clause opened by 由 and the facility
    it describes, or (None, None)."""
    verb = next((v for v in VERBS.finditer(ctx.text, start, end) if not _inside_name(ctx, v.start())),
                None)
    if verb is None:
        return None, None
    # 由X投资35亿元建设的Y: the amount and the act it pays for stay in the clause.
    paid = AMOUNT_THEN_ACT.match(ctx.text, verb.end()) if verb.group(1) in INVESTING else None
    described_at = _relative_mark(ctx.text, paid.end() if paid else verb.end())
    if described_at is None:
        return None, None
    facility = ctx.mention_at(described_at, FACILITY_LABELS)
    return (verb, facility) if facility is not None else (None, None)


def _main_verb(ctx: ArticleContext, start: int, end: int):
    """The first investing/building verb outside any name and not in a relative clause,
    within the clause 由 opens (a part of the works before 由 makes 承担/负责 one:
    机电安装由某公司承担)."""
    clause_end = min([i for i in (ctx.text.find(p, start, end) for p in "，；。") if i != -1]
                     or [end])
    verbs = PART_VERBS if WORKS_PART_BY.search(ctx.text, max(0, start - 7), start) else VERBS
    for verb in verbs.finditer(ctx.text, start, clause_end):
        if _inside_name(ctx, verb.start()):
            continue
        if _relative_mark(ctx.text, verb.end()) is not None:
            continue
        return verb
    return None


def _inside_name(ctx: ArticleContext, position: int) -> bool:
    return any(m.start <= position < m.end for m in ctx.mentions_between(
        max(0, position - 40), position + 40))


REFERRING_WORDS = ("该公司", "该企业", "后者", "前者")


def _referred_actor(ctx: ArticleContext, position: int) -> Mention | None:
    """由该公司…, 后者/前者将…: the company named last before, or the second or first side
    of the pair the sentence before names (甲与乙签署协议，后者将…投资建设…)."""
    text = ctx.text
    if text.startswith(("该公司", "该企业"), position):
        return ctx.last_before(position, {"Company"})
    for word, index in (("后者", -1), ("前者", 0)):
        if text.startswith(word, position):
            clause_start = max(text.rfind(p, 0, position) for p in "。；") + 1
            pair = [m for m in ctx.mentions_between(clause_start, position)
                    if m.type in ACTOR_LABELS]
            return pair[index] if len(pair) >= 2 else None
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
        if _in_brackets(ctx, m):
            continue            # （以下简称“某某”）: the name given again, not another actor
        found.append(m)
    return found


def _in_brackets(ctx: ArticleContext, m: Mention) -> bool:
    opened = ctx.text.rfind("（", max(0, m.start - 12), m.start)
    return opened != -1 and ctx.text.find("）", opened, m.start) == -1


def _subject(ctx: ArticleContext, sentence_start: int, position: int, labels) -> Mention | None:
    item = ctx.own_item_start(sentence_start, position)
    if item is not None:       # 甲项目…；乙项目由某公司投资建设: 乙's, named or not
        named = [m for m in ctx.mentions_between(item, position) if m.type in labels]
        return named[-1] if named else None
    before = [m for m in ctx.mentions_between(sentence_start, position) if m.type in labels]
    if before and not GENERIC_PART.fullmatch(before[-1].text):
        return before[-1]
    if before:          # 项目主体工程由X承建: a part of the facility the text is about
        referent = ctx.referent(before[-1].start)
        return referent if referent is not None and referent.type in labels else None
    clause = ctx.text[sentence_start:position]
    if "该" in clause or "项目" in clause or "工程" in clause or "期" in clause or \
            not ctx.mentions_between(sentence_start, position) or \
            clause.strip().startswith(("本", "其")):
        referent = ctx.referent(position)
        return referent if referent is not None and referent.type in labels else None
    if labels == FACILITY_LABELS:     # a builder builds something: what the text is about
        referent = ctx.referent(position)
        return referent if referent is not None and referent.type in labels else None
    return None


# -- X承建 / X承担EPC总承包 ----------------------------------------------------------------
def _active_builders(ctx: ArticleContext, sentence, parent_starts) -> list[Fact]:
    """A clause of its own whose actors are organisations right before a building verb:
    ``…，中国某某局承担项目EPC总承包``; ``主体工程由X承建`` is read by 由."""
    facts = []
    text = ctx.text
    for verb in ACTIVE_BUILDING.finditer(text, sentence.start, sentence.end):
        if _inside_name(ctx, verb.start()):
            continue
        actors = _group_before(ctx, sentence.start, verb.start())
        if not actors or text[actors[0].start - 1:actors[0].start] == "由":
            continue
        actors = [a for a in actors if a.start not in parent_starts]
        described_at = _relative_mark(text, verb.end())
        described = ctx.mention_at(described_at, FACILITY_LABELS, end=described_at + 40) \
            if described_at is not None else None      # X承建的Y
        subject = described or _subject(ctx, sentence.start, actors[0].start, FACILITY_LABELS)
        if subject is None:
            continue
        source = ctx.evidence(actors[0].start, verb.end())
        facts.extend(Fact(subject, "builtBy", source, object=a) for a in actors
                     if a.label != subject.label)
    return facts


def _group_before(ctx: ArticleContext, start: int, position: int) -> list[Mention]:
    """Organisations joined by 、/与/和 that end right before ``position`` (at most two
    characters between the last and it), opening their clause."""
    mentions = [m for m in ctx.mentions_between(start, position)]
    group: list[Mention] = []
    cursor = position
    for m in reversed(mentions):
        gap = ctx.text[m.end:cursor]
        if m.type not in ACTOR_LABELS:
            if group and _in_brackets(ctx, m):
                continue
            break
        if _in_brackets(ctx, m):
            continue
        if (len(gap) > (4 if not group else 1) and not _bracketed(gap)) or \
                any(ch in gap for ch in "，。；,"):
            break
        group.insert(0, m)
        cursor = m.start
        if ctx.text[cursor - 1:cursor] not in ("、", "与", "和"):
            break
        cursor -= 1
    return group


def _bracketed(gap: str) -> bool:
    return gap.startswith("（") and "）" in gap


# -- X投资建设的Y / 投资方为X ---------------------------------------------------------------
def _invested_by(ctx: ArticleContext, sentence) -> list[Fact]:
    facts = []
    for verb in INVESTED_BY.finditer(ctx.text, sentence.start, sentence.end):
        if ctx.text[max(sentence.start, verb.start() - 30):verb.start()].rfind("由") != -1:
            continue                                     # 由X投资建设的Y: read above
        facility = ctx.mention_at(verb.end(), FACILITY_LABELS, end=verb.end() + 30)
        actors = _group_before(ctx, sentence.start, verb.start())
        if facility is None or not actors:
            continue
        source = ctx.evidence(actors[0].start, facility.end)
        facts.extend(Fact(facility, "investor", source, object=a) for a in actors)
    return facts


def _investing_subjects(ctx: ArticleContext, sentence) -> list[Fact]:
    """X(拟)在某地投资建设Y, X拟投资10亿元(在某地)建设Y: the organisation opening the
    clause invests in the facility the verb builds; 甲与乙…，双方将合资建设Y: both."""
    facts = []
    text = ctx.text
    for verb in INVESTING_ACT.finditer(text, sentence.start, sentence.end):
        if _inside_name(ctx, verb.start()) or _relative_mark(text, verb.end()) is not None:
            continue
        head = text[sentence.start:verb.start()]
        clause_start = max(head.rfind(p) for p in "，,；：") + 1 + sentence.start
        if "由" in text[clause_start:verb.start()]:
            continue                                  # 由X投资建设: read above
        actors = [m for m in ctx.mentions_between(clause_start, verb.start())
                  if m.type in ACTOR_LABELS and not _in_brackets(ctx, m)]
        actor_end = actors[-1].end if actors else clause_start
        group: list[Mention] = []
        if not actors and text.startswith(GROUP_SUBJECTS, clause_start):
            # 甲与乙签订协议，双方将合资建设…: the parties named before, in the same part of
            # the sentence.
            part_start = max(text.rfind("；", sentence.start, clause_start) + 1, sentence.start)
            actors = [m for m in ctx.mentions_between(part_start, clause_start)
                      if m.type in ACTOR_LABELS and not _in_brackets(ctx, m)]
            if len(actors) < 2:
                continue
            actor_end = clause_start + 2
            group = actors
        elif not actors:
            # 后者将在某区投资建设…, 该公司拟投资…: the side the words refer to.
            word = next((w for w in REFERRING_WORDS if text.startswith(w, clause_start)), None)
            referred = _referred_actor(ctx, clause_start) if word else None
            if referred is None:
                continue
            actors, actor_end = [referred], clause_start + len(word)
        elif actors[0].start - clause_start > 2:
            continue
        # The clause between the actor and the verb holds only places and adverbs.
        between = text[actor_end:verb.start()]
        for place in ctx.mentions_between(actor_end, verb.start()):
            between = between.replace(place.text, "")
        if len(re.sub(r"[在于拟将计划已共同合作正式还]", "", between)) > 0:
            continue
        facility = _built_object(ctx, verb.end(), sentence.end)
        if facility is None:
            # 8．某某项目。某公司投资14.1亿元，落户…: the item's facility.
            facility = ctx.item_facility(verb.start())
        if facility is None:
            continue
        group = group or (_group_before(ctx, clause_start, actor_end) if actor_end > clause_start
                          else []) or actors[:1]
        source = ctx.evidence(min(actors[0].start, clause_start), facility.end)
        facts.extend(Fact(facility, "investor", source, object=a) for a in group
                     if a.label != facility.label)
    return facts


def _built_object(ctx: ArticleContext, position: int, end: int) -> Mention | None:
    """The facility a verb at ``position`` builds: right after it, or after an amount and a
    place (投资10亿元(，)在某县建设某中心)."""
    text = ctx.text
    cursor = position
    for quantity in ctx.doc._.kg_quantities or []:
        if quantity.start in (cursor, cursor + 1) and quantity.kind == "money":
            cursor = quantity.end
            if text.startswith(("，", ","), cursor):
                cursor += 1
    while True:
        if text.startswith(("在", "于"), cursor):
            place = ctx.mention_at(cursor + 1, ("AdminArea", "Zone"), end=cursor + 30)
            if place is None:
                return None
            cursor = place.end
            while (more := ctx.mention_at(cursor, ("AdminArea", "Zone"),
                                          end=cursor + 30)) is not None:
                cursor = more.end
            continue
        verb = next((v for v in ("投资建设", "建设", "新建", "兴建", "打造", "建成") if
                     text.startswith(v, cursor)), None)
        if verb is not None:
            cursor += len(verb)
            continue
        break
    return _facility_named_or_referred(ctx, cursor, min(end, cursor + 40))


def _facility_named_or_referred(ctx: ArticleContext, position: int, end: int) -> Mention | None:
    """The facility named at ``position``, or the one 该项目 there refers to (…建设该项目)."""
    if ctx.text.startswith(FACILITY_REFERENCES, position):
        return ctx.referred_facility(position)
    return ctx.mention_at(position, FACILITY_LABELS, end=end)



def _roles(ctx: ArticleContext, sentence) -> list[Fact]:
    facts = []
    for role in ROLE_AFTER.finditer(ctx.text, sentence.start, sentence.end):
        actors = _group_before(ctx, sentence.start, role.start())
        if not actors and ctx.text[role.start() - 1:role.start()] in "，,":
            # …设立合资公司Y，作为项目的投资建设主体: Y, right before the comma.
            actors = [m for m in ctx.mentions_between(sentence.start, role.start() - 1)
                      if m.end == role.start() - 1 and m.type in ACTOR_LABELS]
        subject = _subject(ctx, sentence.start, actors[0].start, FACILITY_LABELS) \
            if actors else None
        if subject is None:
            continue
        word = role.group(1) or role.group(2)
        predicate = "investor" if word in INVESTOR_ROLES else "builtBy"
        facts.extend(Fact(subject, predicate, ctx.evidence(role.start(), role.end()), object=a)
                     for a in actors)
    for role in ROLE_BEFORE.finditer(ctx.text, sentence.start, sentence.end):
        # 施工方某公司组织…, 据承建方某公司介绍, 作为项目总包方，某公司…: the builder named
        # right after its role.
        actor = ctx.mention_at(role.end(), ACTOR_LABELS)
        if actor is not None and role.group().startswith("委托") and \
                not ENTRUSTED_TO_BUILD.match(ctx.text, actor.end):
            continue
        subject = _subject(ctx, sentence.start, role.start(), FACILITY_LABELS) \
            if actor is not None else None
        if subject is not None:
            predicate = "investor" if role.group(1) in INVESTOR_ROLES else "builtBy"
            facts.append(Fact(subject, predicate, ctx.evidence(role.start(), actor.end),
                              object=actor))
    for role in ROLE_OF.finditer(ctx.text, sentence.start, sentence.end):
        facility = ctx.mention_at(role.start("facility"), FACILITY_LABELS)
        actors = _group_before(ctx, sentence.start, role.start())
        if facility is None or facility.end != role.end("facility") or not actors:
            continue
        predicate = "investor" if role.group(2) in INVESTOR_ROLES else "builtBy"
        facts.extend(Fact(facility, predicate, ctx.evidence(role.start(), role.end()), object=a)
                     for a in actors)
    for role in ROLE_IS.finditer(ctx.text, sentence.start, sentence.end):
        actor = ctx.mention_at(role.end(), ACTOR_LABELS, end=role.end() + 40)
        if actor is None:
            continue
        predicate = "investor" if role.group(1) in INVESTOR_ROLES else "builtBy"
        subject = _subject(ctx, sentence.start, role.start(), FACILITY_LABELS)
        if subject is not None:
            facts.append(Fact(subject, predicate, ctx.evidence(role.start(), actor.end),
                              object=actor))
    return facts


# 甲与乙签署协议，双方将共建某中心: the sides build it together.
SIDES_BUILD = re.compile(r"(?:双方|三方|各方)(?:将|拟|计划|还将|共同)?(?:共建|共同建设|合作建设|联合建设|携手共建)")


def _sides_building(ctx: ArticleContext, sentence) -> list[Fact]:
    """甲与乙签署合作协议，双方将共建某某中心: each side the sentence names before builds
    the facility (an investment verb there makes them investors: read above)."""
    facts = []
    for act in SIDES_BUILD.finditer(ctx.text, sentence.start, sentence.end):
        part_start = max(ctx.text.rfind("；", sentence.start, act.start()) + 1, sentence.start)
        sides = [m for m in ctx.mentions_between(part_start, act.start())
                 if m.type in ACTOR_LABELS and not _in_brackets(ctx, m)]
        facility = _built_object(ctx, act.end(), sentence.end)
        if len(sides) < 2 or facility is None:
            continue
        source = ctx.evidence(act.start(), facility.end)
        facts.extend(Fact(facility, "builtBy", source, object=side) for side in sides)
    return facts


def _in_charge(ctx: ArticleContext, sentence) -> list[Fact]:
    """某公司(作为项目主体，)负责某项目的投资、建设和运营: the company invests in it."""
    facts = []
    text = ctx.text
    duty = text.find(IN_CHARGE_OF, sentence.start, sentence.end)
    while duty != -1:
        after = duty + len(IN_CHARGE_OF)
        acts = IN_CHARGE_ACTS.match(text, after)      # 负责投资建设某项目
        facility = _facility_named_or_referred(ctx, acts.end(), acts.end() + 40) if acts else \
            ctx.mention_at(after, FACILITY_LABELS, end=after + 40)
        if facility is not None and (acts or text.startswith("的投资", facility.end)):
            clause_start = max(text.rfind(p, sentence.start, duty) for p in "，,；") + 1
            opener = [m for m in ctx.mentions_between(max(clause_start, sentence.start), duty)
                      if m.type in ACTOR_LABELS]
            before = [m for m in ctx.mentions_between(sentence.start, duty)
                      if m.type in ACTOR_LABELS and not _in_brackets(ctx, m)]
            if not opener and before and not REMARK_THEN_COMMA.sub(
                    "", text[before[-1].end:clause_start]):
                opener = before[-1:]   # …设立某公司（以下简称“某某”），负责投资建设…
            if not opener:             # 某公司作为项目主体，负责…: the clause before opens with it
                opener = before[:1]
            facts.extend(Fact(facility, "investor", ctx.evidence(duty, facility.end), object=a)
                         for a in opener[:1])
        duty = text.find(IN_CHARGE_OF, after, sentence.end)
    return facts


# -- joint ventures --------------------------------------------------------------------
def _founded_by(ctx: ArticleContext, sentence) -> list[Fact]:
    """X与Y合资成立Z; 三方拟共同出资设立Z (the parties named before in the sentence)."""
    facts = []
    text = ctx.text
    for verb in FOUNDED.finditer(text, sentence.start, sentence.end):
        described = text.startswith("的", verb.end())     # …合资组建的Z
        if not described and \
                text[max(sentence.start, verb.start() - 40):verb.start()].rfind("由") != -1:
            continue                                     # 由X与Y合资成立: read above
        venture = ctx.mention_at(verb.end() + described, ("Company", "Organization"),
                                 end=verb.end() + 40)
        if venture is None and described:
            venture = _company_it_is(ctx, sentence.start, verb.start())
        if venture is None:
            continue
        clause_start = max(text.rfind(p, sentence.start, verb.start()) for p in "，,；") + 1
        clause = text[max(clause_start, sentence.start):verb.start()]
        if any(word in clause for word in GROUP_SUBJECTS):
            partners = [m for m in ctx.mentions_between(sentence.start, verb.start())
                        if m.type in ACTOR_LABELS and not _in_brackets(ctx, m)]
        else:
            partners = _group_before(ctx, sentence.start, _before_adverbs(text, verb.start()))
        source = ctx.evidence(verb.start(), venture.end)
        facts.extend(Fact(venture, "investor", source, object=p) for p in partners
                     if p.label != venture.label)
    return facts


def _company_it_is(ctx: ArticleContext, start: int, position: int) -> Mention | None:
    """某某科技是甲与乙合资组建的: the company the sentence opens with, before 是."""
    opener = next(iter(ctx.mentions_between(start, position, ("Company",))), None)
    if opener is None or not ctx.text.startswith("是", opener.end) or \
            ctx.text[start:opener.start].strip("“\" "):
        return None
    return opener


def _before_adverbs(text: str, position: int) -> int:
    for adverb in ("拟", "将", "共同", "已", "计划"):
        if text[:position].endswith(adverb):
            return _before_adverbs(text, position - len(adverb))
    return position


def _consortium(ctx: ArticleContext, sentence) -> list[Fact]:
    """X与Y组成的联合体…中标Z (or 确认联合体为Z…的中标单位): X and Y build Z."""
    text = ctx.text
    union = text.find("组成的联合体", sentence.start, sentence.end)
    won = WON.search(text, sentence.start, sentence.end)
    if union == -1 or won is None:
        return []
    members = [m for m in ctx.mentions_between(sentence.start, union)
               if m.type in ACTOR_LABELS and not _in_brackets(ctx, m)]
    members = _group_tail(ctx, members, union)
    facilities = [m for m in ctx.mentions_between(union, sentence.end) if m.type in FACILITY_LABELS]
    if not facilities and members and \
            CONTRACT_BEFORE.search(text, sentence.start, members[0].start):
        # 项目一期EPC总承包由X与Y组成的联合体中标: the facility the sentence is about
        facilities = [m for m in ctx.mentions_between(sentence.start, members[0].start)
                      if m.type in FACILITY_LABELS][-1:]
        referred = ctx.referent(sentence.start)
        if not facilities and referred is not None and referred.type in FACILITY_LABELS:
            facilities = [referred]
    if not members or not facilities:
        return []
    source = ctx.evidence(union, won.end())
    return [Fact(facilities[0], "builtBy", source, object=m) for m in members]


def _winners(ctx: ArticleContext, sentence) -> list[Fact]:
    """X中标Y(施工总承包): the winner of a facility's tender builds it."""
    facts = []
    text = ctx.text
    for won in WON.finditer(text, sentence.start, sentence.end):
        facility = ctx.mention_at(won.end(), FACILITY_LABELS, end=won.end() + 40)
        if facility is None and text.startswith(("该项目", "本项目"), won.end()):
            facility = ctx.referent(won.start())
            facility = facility if facility is not None and facility.type in FACILITY_LABELS \
                else None
        winners = _group_before(ctx, sentence.start, won.start())
        if facility is None or not winners:
            continue
        source = ctx.evidence(winners[0].start, facility.end)
        facts.extend(Fact(facility, "builtBy", source, object=w) for w in winners)
    return facts


def _group_tail(ctx: ArticleContext, members: list[Mention], position: int) -> list[Mention]:
    """The members joined by 与/、 that end at ``position`` (brackets between allowed)."""
    group: list[Mention] = []
    cursor = position
    for m in reversed(members):
        gap = re.sub(r"（[^（）]*）", "", ctx.text[m.end:cursor])
        if gap not in ("", "、", "与", "和"):
            break
        group.insert(0, m)
        cursor = m.start
    return group


# -- parents -----------------------------------------------------------------------------
def _parents(ctx: ArticleContext) -> list[Fact]:
    """X全资子公司Y / X旗下Y / X所属Y: Y is a subsidiary of X."""
    facts = []
    text = ctx.text
    companies = [m for m in ctx.mentions if m.type in ("Company", "Organization")]
    for child in companies:
        before = text[max(0, child.start - 8):child.start]
        mark = None
        for match in PARENT_MARKS.finditer(before):
            if match.end() == len(before):
                mark = match
        if mark is None:
            continue
        mark_start = child.start - len(before) + mark.start()
        if text[max(0, mark_start - 2):mark_start] == "通过":
            parent = _clause_subject(ctx, mark_start)
            if parent is not None and parent.label != child.label:
                facts.append(Fact(child, "subsidiaryOf", ctx.evidence(mark_start, child.end),
                                  object=parent))
            continue
        parent = next((m for m in reversed(ctx.mentions_between(max(0, mark_start - 40), mark_start))
                       if m.type in ("Company", "Organization")), None)
        if parent is None:
            parent = ctx.declared_company(text[max(0, mark_start - 3):mark_start])
        elif text[parent.end:mark_start].strip("（）") and \
                not re.fullmatch(r"（[^（）]*）", text[parent.end:mark_start]):
            parent = None
        if parent is None or parent.label == child.label:
            continue
        facts.append(Fact(child, "subsidiaryOf", ctx.evidence(mark_start, child.end),
                          object=parent))
    return facts


def _clause_subject(ctx: ArticleContext, position: int) -> Mention | None:
    """The company opening the clause of ``position``: named, or a declared short name
    (公司拟通过…: 公司 as the article declared it)."""
    sentence = ctx.sentence_at(position)
    clause_start = max([ctx.text.rfind(p, sentence.start, position) for p in "，,；"] +
                       [sentence.start - 1]) + 1
    named = [m for m in ctx.mentions_between(clause_start, position) if m.type == "Company"]
    if named:
        return named[0]
    written = re.match(r"(?:本|该)?[\u4e00-\u9fff]{1,6}?(?=拟|将|已|计划|通过)",
                       ctx.text[clause_start:position])
    return ctx.declared_company(written.group(0)) if written else None


def _through_subsidiary(ctx: ArticleContext, sentence, parents: list[Fact]) -> list[Fact]:
    """X通过全资子公司Y…投资建设Z: X and Y are Z's investors."""
    text = ctx.text
    through = text.find("通过", sentence.start, sentence.end)
    if through == -1:
        return []
    verb = re.compile(r"投资建设|投资兴建").search(text, through, sentence.end)
    if verb is None:
        return []
    children = [f for f in parents if through < f.subject.start < verb.start()]
    if not children:
        return []
    facility = next((m for m in ctx.mentions_between(verb.end(), verb.end() + 30)
                     if m.start <= verb.end() + 1 and m.type in FACILITY_LABELS), None)
    if facility is None:
        facility = _subject(ctx, sentence.start, verb.end(), FACILITY_LABELS) \
            if text.startswith(("本项目", "该项目", "项目"), verb.end()) else None
    if facility is None:
        return []
    source = ctx.evidence(through, verb.end())
    out = []
    for child in children:
        out.append(Fact(facility, "investor", source, object=child.subject))
        out.append(Fact(facility, "investor", source, object=child.object))
    return out


def _investors_are_not_builders(facts: list[Fact]) -> list[Fact]:
    """A builder named as investor of the same facility is its investor only."""
    investors = {(f.subject.label, f.object.label) for f in facts if f.predicate == "investor"}
    return [f for f in facts if f.predicate != "builtBy"
            or (f.subject.label, f.object.label) not in investors]
