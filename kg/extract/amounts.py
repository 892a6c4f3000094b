"""investmentAmount and computeCapacity: quantities tied to one facility, company or area.

A money amount is an investment when an investment word stands just before it (总投资,
投资, 投入, 累计完成投资).  Its subject is the facility the money builds (某公司投资5亿元
建设的某项目; 该项目由某公司投资3.2亿元建设), the one in the same place of its list
(甲、乙分别投资20亿元、8亿元), the nearest facility before it in the sentence, a company
the sentence is about, or the article's facility when the clause says 该项目 or names
nothing.  Amounts summed over several projects (98个项目总投资…, 三大项目总投资…,
甲、乙等重点项目…) and an area's totals (全市完成固定资产投资…, 我市…完成投资…) belong
to no facility; an amount for one phase (一期) keeps the phase.

The money model: every amount has a currency (CNY, or USD as written: 亿美元), a
``qualifier`` (total; phase, for 一期/二期; cumulative, 累计; planned, 计划/拟; completed,
已完成/完成投资) and a ``scope`` (project; programme, an amount summed over several
projects; signing, the amount of a signing round: 签约项目36个，总投资120亿元).  Only a
project-scoped amount that is not a part of another (其中一期投资…, after the total) is the
project's ``investmentAmount``: what has been spent so far (completed, cumulative), a
phase's share or a year's plan only when the article gives no total for it; a programme's
or signing round's total is a
``programmeInvestment`` of the area, zone or organ that holds it, with its project count.

A compute figure (2万P, 1.2EFLOPS) belongs to the nearest compute centre before it, else
the area the sentence is about when it names one as its subject (某市算力规模达…,
全市…; not one of a list, 在甲、乙等地…) or the zone it says 园区 of (园区算力…, the last
zone named) and no centre, else the article's compute centre.  A figure summed over
several facilities (算力项目3个…新增算力…) is no one's; nor is the country's (我国算力总规模…,
where no area or centre is named), a demand or gap, one card's or server's, a customer's
or a company's across its centres.  Its status is ``planned`` when
the wording looks forward (规划, 设计, 预计, 将, 建成后, 待建, 在建, 将形成, 新建, 计划, 目标) and
``current`` otherwise; ``qualifier`` tells the stage: planned, under construction (在建,
正在建设) or in operation.
"""
from __future__ import annotations

import re

from kg.extract.context import ArticleContext
from kg.records import Fact, Mention, Quantity

CURRENCIES = frozenset({"CNY", "USD"})

INVESTMENT_WORDS = ("总投资", "投资", "投入", "累计完成投资", "完成投资", "计划投资", "总投资额", "斥资")
PLANNED_WORDS = ("规划", "设计", "预计", "将", "建成后", "待建", "新建", "计划", "目标", "拟", "力争",
                 "达产后", "投产后", "到2030", "年内", "将形成")
SUM_PATTERN = re.compile(r"(\d+|[一二三四五六七八九十两几百]+)(个|大|项|批)(重点|重大)?(项目|工程)"
                         r"|项目\d+个|等(重点|重大)?项目|共计|合计|(以上|上述|名单内|清单内)(各)?项目")
# Money spent on something else than building: research, subsidies and awards.
NOT_INVESTED = re.compile(r"研发|补助|补贴|奖励|奖补")
# Totals of an area, not of one facility: 全市完成固定资产投资…, 我市…完成投资….
AGGREGATE_WORDS = ("固定资产投资",)
COLLECTIVE_SUBJECTS = ("我市", "全市", "我州", "全州", "我县", "全县", "我区", "全区", "我省", "全省",
                       "全疆", "我国", "全国", "全盟", "我盟", "全旗")
PHASE_PATTERN = re.compile(r"([一二三四五六七八九十]期)")
# 总投资：48.6亿元 as a field of a record (项目名称：…建设单位：…总投资：…).
LABELLED_AMOUNT = re.compile(r"(?:总投资|投资金额|计划总投资|项目总投资|投资总额)[：:]\s*(?:约|人民币)?\s*$")
# 其中一期投资…, 其中公司以货币出资…: a part of an amount given before it.
PART_OF = re.compile(r"^\s*其中")
# 签约项目36个, 86个项目: how many projects a programme's amount sums.
COUNT_PATTERN = re.compile(r"项目(\d+)个|(\d+)个(?:重点|重大)?项目")
SUBJECT_LABELS = frozenset({"ComputeCenter", "Project", "Company"})
# A sentence or clause that opens by referring to the facility the text is about (该项目,
# 项目, 该中心, 该风电项目, 本工程).
REFERRING_OPENING = re.compile(r"项目|(?:该|本|此)[\u4e00-\u9fff]{0,4}?(?:项目|中心|工程|电站|基地|平台|"
                               r"集群|电场)")
FUNDED_VERBS = ("用于建设", "建设", "新建", "打造", "建成", "设立", "成立", "组建")
# What the money founds is a company (投资8000万美元设立某某有限公司): that company's.
FOUNDING_VERBS = ("设立", "成立", "组建")
COMPUTE_SUBJECTS = frozenset({"ComputeCenter"})
AREA_LABELS = frozenset({"AdminArea", "Zone"})


def extract_amounts(ctx: ArticleContext) -> list[Fact]:
    facts = []
    parts = set()
    quantities = ctx.doc._.kg_quantities or []
    for q in quantities:
        if q.value is None:
            fact = None      # a vague number (数十亿元) gives no fact; cards are no compute
        elif q.kind == "money" and q.unit in CURRENCIES:
            fact = _investment(ctx, q)
            if fact is not None and fact.predicate == "investmentAmount" \
                    and fact.quantity.qualifier in PART_QUALIFIERS:
                before = ctx.text[max(0, q.start - 12):q.start]
                if "总" not in before[-6:] and (fact.quantity.qualifier != "planned"
                                                or YEAR_PLAN.search(before)):
                    parts.add(id(fact))
        elif q.kind == "compute":
            fact = _compute(ctx, q)
        else:
            fact = None
        if fact is not None:
            facts.append(fact)
    # A facility's total, once the article gives it, is its investmentAmount: what was
    # spent so far (累计完成投资), a phase's share (一期投资) or a year's plan (2025年计划投资)
    # beside it are parts of it, not other amounts (a planned total, 计划总投资, is a total).
    totals = {f.subject.label for f in facts if f.predicate == "investmentAmount"
              and id(f) not in parts}
    return [f for f in facts if id(f) not in parts or f.subject.label not in totals]


PART_QUALIFIERS = frozenset({"cumulative", "completed", "phase", "planned"})
# A year's plan (2025年计划投资, 今年计划完成投资), not a planned total (计划投资20亿元).
YEAR_PLAN = re.compile(r"今年|本年|年度|\d{4}年|明年")


def _clause_start(ctx: ArticleContext, position: int) -> int:
    sentence = ctx.sentence_at(position)
    cut = max(ctx.text.rfind(p, sentence.start, position) for p in "，,；：")
    return max(cut + 1, sentence.start)


def _investment(ctx: ArticleContext, q) -> Fact | None:
    sentence = ctx.sentence_at(q.start)
    before = ctx.text[max(sentence.start, q.start - 12):q.start]
    if not any(word in before[-8:] for word in INVESTMENT_WORDS) or \
            NOT_INVESTED.search(before[-8:]):
        return None       # (研发投入, 投资补助资金: a company's research, a subsidy)
    clause_start = _clause_start(ctx, q.start)
    clause = ctx.text[clause_start:q.start]
    window = ctx.text[max(sentence.start, q.start - 20):q.start]
    phase = PHASE_PATTERN.search(window)
    qualifier = _money_qualifier(before, phase)
    scope = _money_scope(ctx, sentence, q.start, clause)
    if scope != "project":
        return _programme(ctx, q, sentence, scope, qualifier)
    part = PART_OF.search(clause)
    if part and not ctx.mentions_between(clause_start + part.end(), q.start, SUBJECT_LABELS):
        return None       # 其中一期投资…: a part of the total given before it
    subject = _respective_subject(ctx, q, sentence) or \
        _subject(ctx, q.start, sentence.start, SUBJECT_LABELS)
    if subject is not None and subject.type == "Company" and \
            ctx.facility_item(q.start) is not None:
        # 6．某某项目。某公司投资4.2亿元…: in an item of a list of facilities the money is
        # the item's facility's (none, when its name was not read).
        subject = ctx.item_facility(q.start)
    if subject is None:
        return None
    quantity = Quantity(q.value, q.unit, q.text, phase=phase.group(1) if phase else None,
                        bound=q.bound, upper=q.upper, qualifier=qualifier, scope="project")
    # What has been spent so far (已完成投资, 累计投资) is an investment too, told apart by
    # its qualifier (the gold counts 累计完成投资 of a company).
    return Fact(subject, "investmentAmount", ctx.evidence(q.start, q.end), quantity=quantity)


def _respective_subject(ctx: ArticleContext, q, sentence) -> Mention | None:
    """甲项目、乙项目分别投资20亿元、8亿元: the facility in the same place of its list as
    the amount in its list, when the lists are as long."""
    text = ctx.text
    respectively = text.rfind("分别", sentence.start, q.start)
    if respectively == -1:
        return None
    listed = []
    cursor = respectively
    for m in reversed(ctx.mentions_between(sentence.start, respectively, SUBJECT_LABELS)):
        if text[m.end:cursor].strip() not in ("", "、", "和", "与", "及") or m.type == "Company":
            break
        listed.insert(0, m)
        cursor = m.start
    amounts = [a for a in ctx.doc._.kg_quantities or []
               if a.kind == "money" and respectively < a.start < sentence.end
               and not any(p in text[respectively:a.start] for p in "，。；")]
    if len(listed) < 2 or len(listed) != len(amounts) or q not in amounts:
        return None
    return listed[amounts.index(q)]


def _money_qualifier(before: str, phase) -> str:
    if "累计" in before:
        return "cumulative"
    if any(word in before for word in ("已完成", "完成投资", "已投资", "已投入", "完成投入")):
        return "completed"
    if phase is not None and "总" not in before[-6:]:
        return "phase"
    if any(word in before for word in ("计划", "拟", "规划", "预计")):
        return "planned"
    return "total"


def _money_scope(ctx: ArticleContext, sentence, position: int, clause: str) -> str:
    """project, programme (summed over several projects or an area's total) or signing
    (the total of a signing round)."""
    head = ctx.text[sentence.start:position]
    clause_start = _clause_start(ctx, position)
    summed = SUM_PATTERN.search(head) and not clause.startswith("该") and not any(
        m.type != "Company" for m in ctx.mentions_between(clause_start, position, SUBJECT_LABELS))
    # (…总投资150亿元，其中某中心总投资20亿元: a facility the clause names is the amount's)
    collective = min((at for at in (head.find(word) for word in COLLECTIVE_SUBJECTS) if at != -1),
                     default=-1)
    # 我市…完成投资: the area's total; 某项目落户我市，总投资…: the project's (a facility
    # named before the area is the sentence's subject).
    area_total = any(word in head[-14:] for word in AGGREGATE_WORDS) or (
        collective != -1
        and not ctx.mentions_between(clause_start, position, SUBJECT_LABELS)
        and not any(m.type != "Company" for m in ctx.mentions_between(
            sentence.start, sentence.start + collective, SUBJECT_LABELS)))
    if not summed and not area_total:
        return "project"
    return "signing" if "签约" in head else "programme"


def _programme(ctx: ArticleContext, q, sentence, scope: str, qualifier: str) -> Fact | None:
    """The total of a programme or signing round, a fact of the zone or area it is of (the
    one the sentence names first, else the article's own area)."""
    holder = next((m for m in ctx.mentions_between(sentence.start, q.start)
                   if m.type in ("Zone", "AdminArea")), None)
    if holder is None and ctx.home_areas:
        area = ctx.home_areas[0]
        holder = ctx.add(Mention(area.name, "AdminArea", ctx.evidence(q.start, q.end), -1, -1,
                                 area.name, area.code))
    if holder is None:
        return None
    count = COUNT_PATTERN.search(ctx.text, sentence.start, q.start)
    quantity = Quantity(q.value, q.unit, q.text, bound=q.bound, upper=q.upper,
                        qualifier=qualifier, scope=scope,
                        count=int(count.group(1) or count.group(2)) if count else None)
    return Fact(holder, "programmeInvestment", ctx.evidence(q.start, q.end), quantity=quantity)


def _compute(ctx: ArticleContext, q) -> Fact | None:
    sentence = ctx.sentence_at(q.start)
    if SUM_PATTERN.search(ctx.text, sentence.start, q.start):
        return None          # 算力项目3个…新增算力1.5万P: summed over several facilities
    clause = ctx.text[_clause_start(ctx, q.start):q.start]
    if NOT_A_HOLDERS_COMPUTE.search(clause) or (
            NATIONAL_SCOPE.search(ctx.text, sentence.start, q.start)
            and not any(m.label not in OWN_COUNTRY for m in ctx.mentions_between(
                sentence.start, q.start, COMPUTE_SUBJECTS | AREA_LABELS))):
        return None          # a country's, a demand, a card's, a customer's: no holder's
    item = ctx.item_facility(q.start)
    if item is not None and item.type in COMPUTE_SUBJECTS and \
            not ctx.mentions_between(item.end, q.start, COMPUTE_SUBJECTS):
        subject = item       # 7．某某算力中心项目。…位于某工业园，规划算力500P: the item's
    else:
        subject = _area_subject(ctx, sentence, q.start) or \
            _subject(ctx, q.start, sentence.start, COMPUTE_SUBJECTS)
    if subject is None:
        areas = [m for m in ctx.mentions_between(sentence.start, q.start) if m.type in AREA_LABELS]
        if not areas or any(ctx.text.startswith("等", m.end) for m in areas):
            return None      # 在甲、乙等地布局…: where a company works, not whose compute
        subject = areas[0]
    window = ctx.text[max(sentence.start, q.start - 30):q.start]
    stage = _stage(clause, window)
    quantity = Quantity(q.value, "PFLOPS", q.text,
                        status="current" if stage == "in operation" else "planned",
                        bound=q.bound, upper=q.upper, qualifier=stage)
    return Fact(subject, "computeCapacity", ctx.evidence(q.start, q.end), quantity=quantity)


# Figures that are no facility's or area's capacity: a demand or a gap, one card's or one
# server's, what a customer rents or is given (向某实验室开放…), a company's across its
# centres.
NOT_A_HOLDERS_COMPUTE = re.compile(r"需求|缺口|单卡|每卡|单台|一台|每台|单颗|每颗|单芯片|单机柜|"
                                   r"租用|租赁了|向[^，。；]{1,20}(?:提供|开放)|(?:该|本)?公司(?:在全国|累计|共|旗下)|"
                                   r"(?:该|本)?集团(?:在全国|累计|共|旗下)")
# A figure for the whole country (我国算力总规模…, 全国在用算力…): not scored, and not the
# article's centre's.
NATIONAL_SCOPE = re.compile(r"我国|全国|国内|全球|世界|中国(?:智能)?算力")
OWN_COUNTRY = frozenset({"中华人民共和国", "中国"})
UNDER_CONSTRUCTION = ("在建", "正在建设", "建设中", "加紧建设", "施工中")
IN_OPERATION = ("已", "峰值", "现有", "目前", "投运", "上线", "运行", "投产", "建成算力")


# Words in the clause before the figure's that still make it a plan (项目建成投产后，可提供…).
PLANNED_BEFORE_THE_CLAUSE = ("规划", "建成后", "预计", "将形成", "在建", "投产后", "投运后", "达产后",
                             "届时")


def _stage(clause: str, window: str) -> str:
    """planned, under construction or in operation, from the words before the figure."""
    if any(w in clause for w in PLANNED_WORDS):
        return "planned"
    if any(w in clause for w in UNDER_CONSTRUCTION):
        return "under construction"
    if not any(w in clause for w in IN_OPERATION) and \
            any(w in window for w in PLANNED_BEFORE_THE_CLAUSE):
        return "planned"
    return "in operation"


# 全市算力规模…: the area of that level the sentence names, else the article's.
COLLECTIVE_AREA = re.compile(r"全(市|区|县|州|省|盟|旗)")
# 园区算力规模…, 全园区…: the zone the text is about.
OWN_ZONE = re.compile(r"(?:该|全|本)?(?:园区|开发区|新区|产业园)(?:内)?(?:的)?"
                      r"(?:规划|已建成|建成|在用|现有)?(?:总)?算力")


def _area_subject(ctx: ArticleContext, sentence, position: int) -> Mention | None:
    """某市(已建成…)算力规模达…, 全市算力规模…: an area's total, when the sentence names
    no compute centre before the figure and does not open with 该/项目/一期."""
    head = ctx.text[sentence.start:position]
    clause_start = _clause_start(ctx, position)
    own_zone = OWN_ZONE.match(ctx.text, clause_start, position)
    if own_zone is not None:
        # …，园区规划算力规模1万P: the clause opens with the zone, whatever was named before
        return ctx.last_before(own_zone.start(), {"Zone"})
    collective = COLLECTIVE_AREA.search(ctx.text, clause_start, position)
    if collective is not None and ctx.mentions_between(clause_start, position, COMPUTE_SUBJECTS):
        collective = None
    if collective is None and (ctx.mentions_between(sentence.start, position, COMPUTE_SUBJECTS)
                               or "项目" in head or head.lstrip("“\" ").startswith(
                                   ("该", "项目", "一期", "二期", "三期", "本项目"))):
        return None
    areas = [m for m in ctx.mentions_between(sentence.start, position) if m.type == "AdminArea"]
    if collective is not None:
        # (全市算力规模…: the area's, though a centre is named in a clause before)
        word = collective.group(1)
        named = [m for m in areas if m.label.endswith("自治区" if word == "区" and
                                                       m.label.endswith("自治区") else word)]
        if named:
            return named[-1]
        return ctx.relative_area_mention(word, *collective.span())
    zones = [m for m in ctx.mentions_between(sentence.start, position) if m.type == "Zone"]
    nearest = max(areas + zones, key=lambda m: m.start, default=None)
    own_zone = OWN_ZONE.search(ctx.text, clause_start, position)
    if own_zone is not None and (nearest is None or nearest.end <= own_zone.start()):
        # 园区算力规模将突破5万P: the zone the text is about (the last one named).
        return ctx.last_before(own_zone.start(), {"Zone"})
    if nearest is not None and ctx.text[nearest.end:position].startswith(("算力", "总算力",
                                                                            "智能算力", "已建成算力")):
        return nearest            # 某新区算力总规模达到…: the zone's, or the area's
    if nearest is not None and "算力" in ctx.text[nearest.end:position] \
            and not ctx.text.startswith("等", nearest.end):
        return nearest            # the nearest area or zone before the figure, the clause's
                                  # subject (not one of a list of places: 在甲、乙等地布局…)
    return None


def _subject(ctx: ArticleContext, position: int, sentence_start: int, labels) -> Mention | None:
    """What a quantity is about, in order: a facility right after it (总投资N亿元的某项目,
    投资N亿元建设某项目),
    the nearest fitting mention in its clause, the article's facility when the sentence
    opens with 该…, the company when it says 该企业/该公司, the sentence's first facility,
    else the article's facility."""
    text = ctx.text
    if LABELLED_AMOUNT.search(text, max(0, position - 10), position):
        # 项目名称：甲项目…总投资：48亿元 (fields run together): the record's project.
        record = text.rfind("项目名称", max(0, position - 300), position)
        start = record if record != -1 else max(sentence_start, position - 120)
        named = [m for m in ctx.mentions_between(start, position)
                 if m.type in labels and m.type != "Company"]
        if named:
            return named[0] if record != -1 else named[-1]
    end_of_number = next((q.end for q in ctx.doc._.kg_quantities or [] if q.start == position),
                         position)
    if text.startswith("的", end_of_number):
        following = ctx.mention_at(end_of_number + 1, labels)
        if following is not None:
            return following
    comma = text.startswith(("，", ","), end_of_number)
    after = _after_places(ctx, end_of_number + comma)
    verb = next((v for v in FUNDED_VERBS if text.startswith(v, after)), None)
    if verb is not None:       # 投资8亿元(，)(在某县)建设(的)某某基地: the facility the money builds
        at = after + len(verb)
        built = ctx.mention_at(at + text.startswith("的", at), labels, end=after + 60)
        if built is None:
            built = ctx.referred_facility(at)          # 拟投资25亿元建设该项目
            built = built if built is not None and built.type in labels else None
        if built is not None and (built.type != "Company" or verb in FOUNDING_VERBS):
            return built
    clause_start = _clause_start(ctx, position)
    in_clause = [m for m in ctx.mentions_between(clause_start, position) if m.type in labels]
    if in_clause and in_clause[-1].type == "Company" and \
            text.endswith("由", 0, in_clause[-1].start):
        # 该项目由某公司投资3.2亿元建设: the money builds the facility, not the company.
        facility = _built_by_company(ctx, sentence_start, in_clause[-1].start)
        if facility is not None:
            return facility
    if in_clause:
        return in_clause[-1]
    item = ctx.own_item_start(sentence_start, position)
    if item is not None:       # 甲项目…；乙项目由某公司投资建设，总投资…: 乙's, named or not
        named = [m for m in ctx.mentions_between(item, position)
                 if m.type in labels and m.type != "Company"]
        return named[0] if named else None
    sentence_text = text[sentence_start:position].lstrip("“\" ")
    topic = ctx.referent(position)
    if REFERRING_OPENING.match(sentence_text) and topic is not None and topic.type in labels:
        return topic
    if topic is None and (_clause_opens_with_project(ctx, position) or
                          REFERRING_OPENING.match(sentence_text)):
        return None      # 项目计划总投资…, with no project named: nothing to pin it on
    if "该企业" in sentence_text or "该公司" in sentence_text:
        company = ctx.last_before(position, {"Company"})
        if company is not None and "Company" in labels:
            return company
    in_sentence = [m for m in ctx.mentions_between(sentence_start, position) if m.type in labels]
    facilities = [m for m in in_sentence if m.type != "Company"]
    if facilities:
        return facilities[0]
    if topic is not None and topic.type in labels and (
            ctx.facility_item(position) is not None or not any(
                m.type in ("AdminArea", "GovernmentBody") for m in ctx.mentions_between(
                    sentence_start, position))):
        return topic     # not when the sentence is about an area (某省…累计投入资金…), but
                         # in an item of a list of facilities, the places are its own
    company = in_sentence[0] if in_sentence else None
    if company is not None and re.search(r"项目|工程|中心|基地|电站", text[company.end:position]):
        return None      # 甲公司与乙合资建设的某某项目，总投资…: the project's, not named
    return company


def _built_by_company(ctx: ArticleContext, sentence_start: int, by_at: int) -> Mention | None:
    """The facility before 由 in the sentence, else the one 该项目 refers to."""
    facilities = [m for m in ctx.mentions_between(sentence_start, by_at)
                  if m.type in ("ComputeCenter", "Project")]
    if facilities:
        return facilities[-1]
    clause = ctx.text[_clause_start(ctx, by_at):by_at]
    topic = ctx.referent(by_at)
    if REFERRING_OPENING.match(clause.lstrip()) and topic is not None \
            and topic.type in ("ComputeCenter", "Project"):
        return topic
    return None


def _after_places(ctx: ArticleContext, position: int) -> int:
    """Past 在某市某县 written right after ``position``, if any."""
    if not ctx.text.startswith(("在", "于"), position):
        return position
    cursor = position + 1
    for m in ctx.mentions_between(cursor, cursor + 30):
        if m.start != cursor or m.type not in ("AdminArea", "Zone"):
            break
        cursor = m.end
    return cursor if cursor > position + 1 else position


def _clause_opens_with_project(ctx: ArticleContext, position: int) -> bool:
    clause = ctx.text[_clause_start(ctx, position):position].lstrip("“\" ")
    return clause.startswith(("该项目", "项目", "该工程"))
