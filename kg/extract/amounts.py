"""investmentAmount and computeCapacity: quantities tied to one facility, company or area.

A money amount is an investment when an investment word stands just before it (总投资,
投资, 投入, 累计完成投资).  Its subject is the nearest facility before it in the sentence,
a company the sentence is about, or the article's facility when the clause says 该项目 or
names nothing.  Amounts summed over several projects (98个项目总投资…, 三大项目总投资…,
甲、乙等重点项目…) and an area's totals (全市完成固定资产投资…, 我市…完成投资…) belong
to no facility; an amount for one phase (一期) keeps the phase.

A compute figure (2万P, 1.2EFLOPS) belongs to the nearest compute centre before it, else
the article's compute centre, else the area or zone the sentence is about.  Its status is
``planned`` when the wording looks forward (规划, 预计, 将, 建成后, 待建, 新建, 计划, 目标)
and ``current`` otherwise.
"""
from __future__ import annotations

import re

from kg.extract.context import ArticleContext
from kg.records import Fact, Mention, Quantity

INVESTMENT_WORDS = ("总投资", "投资", "投入", "累计完成投资", "完成投资", "计划投资", "总投资额")
PLANNED_WORDS = ("规划", "预计", "将", "建成后", "待建", "新建", "计划", "目标", "拟", "力争",
                 "达产后", "投产后", "到2030", "年内")
SUM_PATTERN = re.compile(r"(\d+|[一二三四五六七八九十两几百]+)(个|大|项|批)(重点|重大)?(项目|工程)"
                         r"|项目\d+个|等(重点|重大)?项目|共计|合计")
# Totals of an area, not of one facility: 全市完成固定资产投资…, 我市…完成投资….
AGGREGATE_WORDS = ("固定资产投资",)
COLLECTIVE_SUBJECTS = ("我市", "全市", "我州", "全州", "我县", "全县", "我区", "全区", "我省", "全省",
                       "全疆", "我国", "全国", "全盟", "我盟", "全旗")
PHASE_PATTERN = re.compile(r"([一二三四五六七八九十]期)")
SUBJECT_LABELS = frozenset({"ComputeCenter", "Project", "Company"})
FUNDED_VERBS = ("用于建设", "建设", "新建", "打造", "建成")
COMPUTE_SUBJECTS = frozenset({"ComputeCenter"})
AREA_LABELS = frozenset({"AdminArea", "Zone"})


def extract_amounts(ctx: ArticleContext) -> list[Fact]:
    facts = []
    quantities = ctx.doc._.kg_quantities or []
    for q in quantities:
        if q.value is None:
            fact = None      # a vague number (数十亿元) gives no fact; cards are no compute
        elif q.kind == "money" and q.unit == "CNY":
            fact = _investment(ctx, q)
        elif q.kind == "compute":
            fact = _compute(ctx, q)
        else:
            fact = None
        if fact is not None:
            facts.append(fact)
    return facts


def _clause_start(ctx: ArticleContext, position: int) -> int:
    sentence = ctx.sentence_at(position)
    cut = max(ctx.text.rfind(p, sentence.start, position) for p in "，,；：")
    return max(cut + 1, sentence.start)


def _investment(ctx: ArticleContext, q) -> Fact | None:
    sentence = ctx.sentence_at(q.start)
    before = ctx.text[max(sentence.start, q.start - 12):q.start]
    if not any(word in before[-8:] for word in INVESTMENT_WORDS):
        return None
    clause_start = _clause_start(ctx, q.start)
    clause = ctx.text[clause_start:q.start]
    if SUM_PATTERN.search(ctx.text[sentence.start:q.start]) and not clause.startswith("该"):
        return None
    if any(word in before for word in AGGREGATE_WORDS) or (
            any(word in ctx.text[sentence.start:q.start] for word in COLLECTIVE_SUBJECTS)
            and not ctx.mentions_between(clause_start, q.start, SUBJECT_LABELS)):
        return None       # the area's total, unless the clause names what it is about
    subject = _subject(ctx, q.start, sentence.start, SUBJECT_LABELS)
    if subject is None:
        return None
    phase = PHASE_PATTERN.search(ctx.text[max(sentence.start, q.start - 20):q.start])
    quantity = Quantity(q.value, "CNY", q.text, phase=phase.group(1) if phase else None,
                        bound=q.bound, upper=q.upper)
    return Fact(subject, "investmentAmount", ctx.evidence(q.start, q.end), quantity=quantity)


def _compute(ctx: ArticleContext, q) -> Fact | None:
    sentence = ctx.sentence_at(q.start)
    subject = _subject(ctx, q.start, sentence.start, COMPUTE_SUBJECTS)
    if subject is None:
        areas = [m for m in ctx.mentions_between(sentence.start, q.start) if m.type in AREA_LABELS]
        if not areas:
            return None
        subject = areas[0]
    clause = ctx.text[_clause_start(ctx, q.start):q.start]
    window = ctx.text[max(sentence.start, q.start - 30):q.start]
    planned = any(w in clause for w in PLANNED_WORDS) or (
        not any(w in clause for w in ("已", "峰值", "现有", "目前")) and
        any(w in window for w in ("规划", "建成后", "预计")))
    quantity = Quantity(q.value, "PFLOPS", q.text, status="planned" if planned else "current",
                        bound=q.bound, upper=q.upper)
    return Fact(subject, "computeCapacity", ctx.evidence(q.start, q.end), quantity=quantity)


def _subject(ctx: ArticleContext, position: int, sentence_start: int, labels) -> Mention | None:
    """What a quantity is about, in order: a facility right after it (总投资N亿元的某项目,
    投资N亿元建设某项目),
    the nearest fitting mention in its clause, the article's facility when the sentence
    opens with 该…, the company when it says 该企业/该公司, the sentence's first facility,
    else the article's facility."""
    text = ctx.text
    end_of_number = next((q.end for q in ctx.doc._.kg_quantities or [] if q.start == position),
                         position)
    if text.startswith("的", end_of_number):
        following = [m for m in ctx.mentions if m.start == end_of_number + 1 and m.type in labels]
        if following:
            return following[0]
    verb = next((v for v in FUNDED_VERBS if text.startswith(v, end_of_number)), None)
    if verb is not None:       # 投资8亿元建设某某基地: the facility the money builds
        built = [m for m in ctx.mentions if m.start == end_of_number + len(verb)
                 and m.type in labels and m.type != "Company"]
        if built:
            return built[0]
    clause_start = _clause_start(ctx, position)
    in_clause = [m for m in ctx.mentions_between(clause_start, position) if m.type in labels]
    if in_clause:
        return in_clause[-1]
    sentence_text = text[sentence_start:position].lstrip("“\" ")
    topic = ctx.referent(position)
    if sentence_text.startswith(("该项目", "该中心", "项目", "该工程")) and topic is not None \
            and topic.type in labels:
        return topic
    if topic is None and _clause_opens_with_project(ctx, position):
        return None      # 项目计划总投资…, with no project named: nothing to pin it on
    if "该企业" in sentence_text or "该公司" in sentence_text:
        company = ctx.last_before(position, {"Company"})
        if company is not None and "Company" in labels:
            return company
    in_sentence = [m for m in ctx.mentions_between(sentence_start, position) if m.type in labels]
    facilities = [m for m in in_sentence if m.type != "Company"]
    if facilities:
        return facilities[0]
    if topic is not None and topic.type in labels:
        return topic
    return in_sentence[0] if in_sentence else None


def _clause_opens_with_project(ctx: ArticleContext, position: int) -> bool:
    clause = ctx.text[_clause_start(ctx, position):position].lstrip("“\" ")
    return clause.startswith(("该项目", "项目", "该工程"))
