"""Short names of organisations in an article: declared, or written before a company post.

An article declares a short name for itself: 某某科技股份有限公司（以下简称“某某科技”).
Every later occurrence of the short name in the same article is the same organisation
or facility, so it becomes a candidate of the same type carrying the full name; the
linker then sees one entity.

A facility named in full may be named again by the end of its name (某县某某公司年产5万片
线路板项目 … 线路板项目位于…): that end is the facility where it stands as a name would.

Undeclared, a company's short name stands where a company is expected: before its
officers' posts (某某数科董事长某某: the words before 董事长/总经理/总裁 name the company
whose officer is meant), before 与/和 and another organisation (a party to an agreement),
between 由 and 投资/承建 (who invests or builds).  The words there are taken
as a short name of a company the article names in full when they abbreviate exactly one
of them (their first two characters are in the full name together, and all of them in
order, 某某数科 for 某省某某数字科技股份有限公司), there and wherever else the article
writes them; words ending in an organisation suffix are a name of their own, for the
recognisers of full names.  Before a post, words from the clause's start that abbreviate
no company of the article are a company's short name of their own: the linker may find
its full name in another article; so are words shaped like a short name (an unlisted
brand, then its trade: 某某|建设) in the other slots.  A project named after a company of
the article (its brand, then words of what it makes, then 项目) is a project's name even
when those words are everyday ones.  A university's news calls it 我校 or 本校: the one
university the article names.  Runs after those.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.organisations import kind_of_company
from kg.nlp.gazetteer import TOWN_SHORT_ENDINGS, Gazetteer
from kg.nlp.lexicon import (GENERIC_MODIFIERS, NAME_STOP_WORDS, STOCK_CODE, TRADE_ABBREVIATIONS,
                             common_words, listed_words, org_suffixes, verbs)
from kg.nlp.spans import Candidate, candidates, token_table

# （以下简称“某某”）, (下称某某), （简称：某某）
DECLARATION = re.compile(r"[（(](?:以下|下文)?(?:简称|下称|以下称)[为：:]?\s*[“\"「『]?"
                         r"([^（）()“”\"「」『』，,、。；\s]{2,12})[”\"」』]?[）)]")
# Types whose short names an article declares (persons and places have none).
DECLARED_TYPES = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization",
                            "ComputeCenter", "Project", "Zone", "Port"})


# Facilities an article may name again by the end of their name; and the least of that
# end, not counting the suffix (线路板|项目, not 板项目).
TAIL_TYPES = frozenset({"ComputeCenter", "Project"})
MIN_TAIL_BODY = 3

# The posts of a company's officers, before which its short name stands.
COMPANY_POSTS = ("副董事长", "董事长", "董事总经理", "副总经理", "总经理", "副总裁", "总裁",
                 "执行董事")
_BEFORE_POST = re.compile("|".join(sorted(COMPANY_POSTS, key=len, reverse=True)))
# A unit of a company written before a post (大中华区总裁, 投资部总经理): not the company.
UNIT_ENDS = ("区", "部", "处", "室", "中心")
_PARTNER = re.compile(r"[与和同]")
ADVERBS_BEFORE_PARTNER = ("还", "也", "又", "已", "将", "已经", "分别", "共同", "正式", "先后")
_BY_WHOM = re.compile(r"由[\u4e00-\u9fff]{2,8}?((?:投资|承建|建设|负责|出资|控股))")
PARTY_TYPES = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization"})
_LONGEST_SHORT_NAME = 8


@Language.component("kg_short_names")
def recognise_short_names(doc: Doc) -> Doc:
    found = candidates(doc)
    text = token_table(doc).text
    _declared(found, text)
    _undeclared(found, text, doc)
    _facility_tails(found, text)
    _own_university(found, text)
    return doc


# How a university's own news names it: 我校与某某公司签约, 我校某某学院院长.
SELF_REFERENCES = ("我校", "本校")
_SELF_REFERENCE = re.compile("|".join(SELF_REFERENCES))


def _opens_with_place(name: str) -> bool:
    lookup = Gazetteer.load().lookup
    return any(lookup(name[:size]) for size in (2, 3))


def _own_university(found: list[Candidate], text: str) -> None:
    """我校 and 本校 are the one university the article names in full (a university's news;
    or, with none, the one college named after its place: 某地学院), and 我校某某学院 is its
    college; with no such school, 我校 is no word of a name."""
    if not _SELF_REFERENCE.search(text):
        return
    schools = {c.attrs.get("name") or text[c.start:c.end] for c in found
               if c.label == "ResearchOrg" and not text.startswith(SELF_REFERENCES, c.start)}
    # a university first; else a college named after its place (某地学院: a school of its
    # own, where 化学与化工学院 is a university's college)
    universities = {n for n in schools if n.endswith("大学")} or {
        n for n in schools if n.endswith("学院") and _opens_with_place(n)}
    university = universities.pop() if len(universities) == 1 else None
    for index, c in enumerate(found):
        if c.label in PARTY_TYPES and text.startswith(SELF_REFERENCES, c.start) and \
                c.end - c.start > len(SELF_REFERENCES[0]) + 1:
            own = text[c.start + len(SELF_REFERENCES[0]):c.end]
            if university is not None:
                found[index] = Candidate(c.start, c.end, c.label, c.priority,
                                         {**c.attrs, "name": university + own})
            else:
                found[index] = Candidate(c.start + len(SELF_REFERENCES[0]), c.end, c.label,
                                         c.priority, dict(c.attrs))
    if university is None:
        return
    for reference in _SELF_REFERENCE.finditer(text):
        if not any(c.start <= reference.start() < c.end for c in found):
            found.append(Candidate(reference.start(), reference.end(), "ResearchOrg", priority=1,
                                   attrs={"name": university, "short_form": True}))


def _facility_tails(found: list[Candidate], text: str) -> None:
    """A facility named in full, then by the end of its name (某县某某公司年产5万片线路板项目
    … 线路板项目位于…): a tail of at least three characters before the suffix, opening
    with no word of a description (国际…, 绿色…), standing where a name may begin (after
    punctuation or 该), that ends exactly one facility's name, is that facility."""
    facilities = {}
    for c in found:
        if c.label in TAIL_TYPES and not c.attrs.get("short_form"):
            facilities.setdefault(c.attrs.get("name") or text[c.start:c.end], (c.label, c))
    if not facilities:
        return
    suffixes = _suffixes()
    tails: dict[str, list[str]] = {}
    for name, (_label, candidate) in facilities.items():
        suffix = candidate.attrs.get("suffix") or next(
            (s for s in suffixes if name.endswith(s)), "")
        if not suffix:
            continue
        for cut in range(1, len(name) - len(suffix) - MIN_TAIL_BODY + 1):
            if not name.startswith(_generic_openings(), cut):
                tails.setdefault(name[cut:], []).append(name)
    for tail in sorted(tails, key=len, reverse=True):
        names = tails[tail]
        if len(names) != 1 or tail in facilities:
            continue
        label = facilities[names[0]][0]
        at = text.find(tail)
        while at != -1:
            before = text[at - 1] if at else ""
            if not ("\u4e00" <= before <= "\u9fff") or before == "该":
                found.append(Candidate(at, at + len(tail), label, priority=1,
                                       attrs={"name": names[0], "short_form": True}))
            at = text.find(tail, at + len(tail))


def _declared(found: list[Candidate], text: str) -> None:
    for declaration in DECLARATION.finditer(text):
        full = max((c for c in found if c.end == declaration.start()
                    and c.label in DECLARED_TYPES), key=lambda c: c.length, default=None)
        short = declaration.group(1)
        if full is None or short == text[full.start:full.end]:
            continue
        name = full.attrs.get("name") or text[full.start:full.end]
        at = text.find(short, declaration.start())
        while at != -1:
            found.append(Candidate(at, at + len(short), full.label, priority=3,
                                   attrs={"name": name, "short_form": True}))
            at = text.find(short, at + len(short))


def _party_slots(found: list[Candidate], text: str) -> list[int]:
    """Where an undeclared short name of a company ends: before an officer's post
    (某某数科董事长), before 与/和/同 and another organisation (某某数字与某某学院签署…),
    and between 由 and 投资/承建/建设/负责 (由某某橙乡投资建设)."""
    slots = [post.start() for post in _BEFORE_POST.finditer(text)]
    organisations = {c.start for c in found if c.label in PARTY_TYPES}
    for partner in _PARTNER.finditer(text):
        if partner.end() in organisations:
            slots.append(partner.start())
            # 某某数字还与…: an adverb between the short name and 与
            slots += [partner.start() - len(a) for a in ADVERBS_BEFORE_PARTNER
                      if text.endswith(a, 0, partner.start())]
    slots += [m.start(1) for m in _BY_WHOM.finditer(text)]
    return sorted(set(slots))


def _undeclared(found: list[Candidate], text: str, doc: Doc) -> None:
    full_names = [c for c in found if c.label == "Company" and not c.attrs.get("short_form")]
    # (某某集团 inside 某某集团有限公司 is a reading of the same name, not another company)
    companies = {c.attrs.get("name") or text[c.start:c.end] for c in full_names
                 if not any(o.start <= c.start and c.end <= o.end and o.length > c.length
                            for o in full_names)}
    if companies:
        _abbreviations(found, text, companies)
    _brands_before_posts(found, text, companies)
    _brands_in_slots(found, text, lambda: set(token_table(doc).starts) | {len(text)})
    # (a zone's and a town's brand name facilities too: 某某经开区 … 某某共享储能电站)
    namers = full_names + [c for c in found if c.label == "Zone" and text[
        c.start:c.end].endswith(ADMINISTERED_ZONE_ENDS) or c.label == "AdminArea"
                           and text[c.start:c.end].endswith(TOWN_SHORT_ENDINGS)]
    if namers:
        _brand_projects(found, text, doc, namers)


def _abbreviations(found: list[Candidate], text: str, companies: set[str]) -> None:
    """The words in a company's slot that abbreviate exactly one company the article names
    in full are that company, wherever the article writes them."""
    suffixes = _suffixes()
    ends = {c.end for c in found}
    for at in _party_slots(found, text):
        if at in ends:
            continue                      # a name the recognisers found stands there
        run = at
        while run > 0 and at - run < _LONGEST_SHORT_NAME and "\u4e00" <= text[run - 1] <= "\u9fff":
            run -= 1
        for start in range(run, at - 1):
            short = text[start:at]
            if short.endswith(suffixes):
                continue
            full = [name for name in companies if _abbreviates(short, name)]
            if len(full) == 1:
                # found so, the short name is that company wherever the article writes it
                elsewhere = text.find(short)
                while elsewhere != -1:
                    found.append(Candidate(elsewhere, elsewhere + len(short), "Company",
                                           priority=3,
                                           attrs={"name": full[0], "short_form": True}))
                    elsewhere = text.find(short, elsewhere + len(short))
                break


# Words before an officer's post that name no company (公司董事长, 项目总经理, 时任总经理).
NOT_BRANDS = frozenset({"公司", "集团", "企业", "该公司", "该集团", "该企业", "本公司", "项目", "该项目",
                        "现任", "时任", "原", "前", "新任", "首任", "常务", "执行", "董事会", "监事会",
                        "党委", "合资公司", "子公司", "母公司", "工厂", "厂"})
BRAND_BOUNDARY = "。，；：！？、“”‘’\"（）()【】《》 \u3000\n"
# Prepositions that open a clause before the name of a post's company (据某某数字副总裁…介绍).
LEADING_PREPOSITIONS = "据由经在从对向"


def _brands_before_posts(found: list[Candidate], text: str, companies: set[str]) -> None:
    """寒川数智董事长某某 where the article names no company they abbreviate: the words
    between the clause's start and the post are a company's short name (the linker may find
    its full name in another article), when they are two to eight characters of no everyday
    word, no suffix, no unit (大中华区总裁) and no name already read, and the post is
    followed by its holder's name (or by another post): in 某某董事长表示 the words before
    the post are the person."""
    suffixes = _suffixes()
    common = common_words()
    taken = [(c.start, c.end) for c in found]
    persons = {c.start for c in found if c.label == "Person"}
    for post in _BEFORE_POST.finditer(text):
        if post.end() not in persons and text[post.end():post.end() + 1] != "、":
            continue                  # 某某董事长表示: no officer named after it; 某某 is one
        at = post.start()
        start = at
        while start > 0 and at - start <= _LONGEST_SHORT_NAME and \
                "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        if (start == 0 or text[start - 1] in BRAND_BOUNDARY) and \
                text[start:start + 1] in LEADING_PREPOSITIONS:
            start += 1                # 据|某某数字副总裁…介绍: the words bringing the name in
        short = text[start:at]
        if not 2 <= len(short) <= _LONGEST_SHORT_NAME or \
                (start > 0 and text[start - 1] not in BRAND_BOUNDARY + LEADING_PREPOSITIONS):
            continue
        if short in NOT_BRANDS or short in common or short.endswith(suffixes + UNIT_ENDS) or \
                any(a < at and start < b for a, b in taken) or \
                any(_abbreviates(short, name) for name in companies):
            continue
        found.append(Candidate(start, at, "Company", priority=1,
                               attrs={"name": short, "short_form": True}))


# Where a company's short name stands with no post after it: between 由 and what it does
# (由某某建设担任总承包, 由某某绿能投资建设), before 牵头 or a plan to invest at a clause's
# start (某某智能牵头的联合体, 某某物流将投资9.8亿元), after 与/跟/同 before a signing
# (跟某某绿能签了…协议), after a party's role (项目投资方某某数智在…); and before a stock
# code (某某数智（603817）公告称) whatever it is made of.
_COMPANY_SLOT = re.compile(
    r"由([\u4e00-\u9fff]{4,6}?)(?=投资|承建|担任|负责|牵头|出资|控股|运营|中标)"
    r"|(?:^|(?<=[，。；：！？\s]))([\u4e00-\u9fff]{4,6}?)(?=牵头|(?:将|拟|计划)?投资\d)"
    r"|[与跟同]([\u4e00-\u9fff]{4,6}?)(?=签|合资|共建)"
    r"|(?:投资方|运营方|建设方|承建方|施工方|业主方|合作方)(?:为|是)?([\u4e00-\u9fff]{4,6}?)"
    r"(?=[，。、；在将已于与和的]|$)", re.M)
# A listed company's short name before its stock code, from a clause's start.
_BEFORE_STOCK_CODE = re.compile(r"(?:^|(?<=[，。；：、！？\s“”|｜]))([\u4e00-\u9fff]{2,8})"
                                + STOCK_CODE.pattern, re.M)
# Prepositions and conjunctions a run before a stock code holds when it is more than a name.
_FUNCTION_CHARACTERS = frozenset("由与和及在为将对向从于把被是的")
# A list of companies by their short names: 甲乙新能、丙丁物流等企业.
_COMPANY_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{4,6})"
                           r"等(?:\d+家)?(?:企业|公司)")


def _brands_in_slots(found: list[Candidate], text: str,
                     token_edges: Callable[[], set[int]]) -> None:
    """Words in a company's slot (see _COMPANY_SLOT) shaped like a short name — a brand of
    two or three characters no dictionary lists and that name no place, then a listed word
    of its trade (某某|建设, 某某某|绿能) — on the segmenter's token edges (not 汽|车零部件),
    and the words before a stock code, are a company's short name of their own: the linker
    may find its full name in another article."""
    taken = [(c.start, c.end) for c in found if c.label != "AdminArea"]
    # (a place read inside the words is their place: 赣州|某某; one across their edge is not)
    places = [(c.start, c.end) for c in found if c.label == "AdminArea"]
    _before_stock_codes(found, text, taken, places)
    shaped = _ShortNameShape()
    suffixes = _suffixes()
    spans = _slot_spans(text)
    edges = token_edges() if spans else set()
    for start, end in spans:
        short = text[start:end]
        if not 4 <= len(short) <= 6 or start not in edges or end not in edges or \
                not shaped(short) or short.endswith(suffixes) or \
                _overlaps(start, end, taken, places):
            continue
        taken.append((start, end))
        found.append(Candidate(start, end, "Company", priority=1,
                               attrs={"name": short, "short_form": True}))


def _slot_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the words in a company's slots and in lists of companies."""
    spans = [slot.span(next(g for g in range(1, 5) if slot.group(g)))
             for slot in _COMPANY_SLOT.finditer(text)]
    for listing in (_COMPANY_LIST.finditer(text) if "等" in text and "、" in text else ()):
        at = listing.start(1)
        for k, item in enumerate(listing.group(1).split("、")):
            # (the first item may hold the words before the list: 积极争取|甲乙新能)
            cut = next((len(item) - size for size in (4, 5, 6) if size <= len(item)), 0) \
                if k == 0 else 0
            spans.append((at + cut, at + len(item)))
            at += len(item) + 1
    return spans


def _before_stock_codes(found: list[Candidate], text: str, taken: list[tuple[int, int]],
                        places: list[tuple[int, int]]) -> None:
    """某某数智（603817）: the words from a clause's start before a stock code are a listed
    company's short name, whatever words they are made of."""
    if not STOCK_CODE.search(text):
        return
    common = common_words()
    for listed_code in _BEFORE_STOCK_CODE.finditer(text):
        start, end = listed_code.span(1)
        while end - start > 4 and (text[start:start + 2] in NAME_STOP_WORDS
                                   or text[start] in NAME_STOP_WORDS):
            start += 2 if text[start:start + 2] in NAME_STOP_WORDS else 1
                                       # 由|某某科技（688592）, 这家|…
        short = text[start:end]
        if not _FUNCTION_CHARACTERS.isdisjoint(short[1:]) or kind_of_company(short):
            continue                   # 电站由某某数科（688592）: the model's to read;
                                       # 创业板公司（301627）: a kind of company
        if short not in common and short not in NOT_BRANDS and \
                not _overlaps(start, end, taken, places):
            taken.append((start, end))
            found.append(Candidate(start, end, "Company", priority=1,
                                   attrs={"name": short, "short_form": True}))


# What a project named after its company's brand holds between the brand and 项目: no
# verb, function word or figure of money (恒锐|镁合金精密压铸件|项目, not 恒锐|投资3.5亿元…).
NOT_IN_BRAND_PROJECTS = frozenset({"投资", "建设", "总投资", "投资建设", "签约", "落户", "开工", "由",
                                   "的", "与", "和", "及", "在", "将", "已", "为", "是", "等", "了",
                                   "对", "向", "把", "从", "于", "以", "并", "其", "该", "个"})
MAX_BRAND_PROJECT = 20
# A count (三个, 5个): several things, not one thing's name.
COUNT = re.compile(r"[\d一二三四五六七八九十两几]+[个项座家]")
# What a facility named after a brand ends with, and the compute facilities among them.
COMPUTE_KINDS = ("智算中心", "算力中心", "数据中心", "智算基地", "算力基地")
BRAND_FACILITY_KINDS = ("项目", "电站") + COMPUTE_KINDS
# Zones an administration names (某某经济技术开发区, 某某科学城): their own word is a brand.
ADMINISTERED_ZONE_ENDS = ("经济技术开发区", "经济开发区", "高新技术产业开发区", "开发区", "经开区",
                          "高新区", "新区", "科学城", "综合保税区", "保税区")


def _brand_projects(found: list[Candidate], text: str, doc: Doc,
                    namers: list[Candidate]) -> None:
    """A project named after a company, zone or town of the article (某某精工股份有限公司 …
    某某镁合金精密压铸件项目; 某某经济技术开发区 … 某某共享储能电站): its brand (the first
    two characters of its name after its place; a town's name without 镇), then words of
    what it makes, then 项目 or 电站, at token edges, overlapping no name read — a name
    the recognisers leave unread when its words are everyday ones (高端铜箔)."""
    brands = {b for c in namers if (b := _brand(text[c.start:c.end])) is not None}
    if not brands:
        return
    table = token_table(doc)
    starts = set(table.starts)
    edges = starts | {len(text)}
    taken = [(c.start, c.end) for c in found]
    words = dict(zip(table.starts, table.words))
    for brand in sorted(brands):
        at = text.find(brand)
        while at != -1:
            for kind in BRAND_FACILITY_KINDS:
                end = text.find(kind, at + len(brand), at + MAX_BRAND_PROJECT) + len(kind)
                if at in starts and end > len(kind) and end in edges \
                        and _product_words(text, words, at + len(brand), end - len(kind)) \
                        and not (kind in COMPUTE_KINDS and _acts(words, at + len(brand),
                                                                 end - len(kind))) \
                        and not any(a < end and at < b and not (
                                        kind in COMPUTE_KINDS and at <= a and b <= end)
                                    for a, b in taken):
                    # (a name read inside a centre's is a part: 某地智算中心, the brand alone)
                    found.append(Candidate(at, end, "ComputeCenter" if kind in COMPUTE_KINDS
                                           else "Project", priority=1))
                    taken.append((at, end))
                    break
            at = text.find(brand, at + len(brand))


def _acts(words: dict[int, str], start: int, end: int) -> bool:
    """Is a word in text[start:end] a verb (某某智算|加速布局|自有算力中心: what the company
    does, not its centre's name)?"""
    verb_words = verbs()
    return any(words.get(position) in verb_words for position in range(start, end))


def _brand(name: str) -> str | None:
    """The brand of a company's legal name or a zone's: its first two characters after its
    place; of a town (某某镇): its name."""
    gazetteer = Gazetteer.load()
    if name.endswith(TOWN_SHORT_ENDINGS):
        brand = name[:-1]      # (a town's name may be an everyday word: 擂鼓镇)
        return brand if len(brand) == 2 else None
    rest = name
    for size in range(min(len(name) - 2, 9), 1, -1):
        if gazetteer.lookup(name[:size]):
            rest = name[size:]
            break
    brand = rest[:2]
    if name.endswith(ADMINISTERED_ZONE_ENDS) and rest[2:] not in ADMINISTERED_ZONE_ENDS:
        return None      # 某县光伏产业园: a zone named by its trade, not by a brand
    if len(brand) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in brand) or \
            brand in common_words() or brand in GENERIC_MODIFIERS or gazetteer.lookup(brand) or \
            rest.startswith(_suffixes()):
        return None
    return brand


def _product_words(text: str, words: dict[int, str], start: int, end: int) -> bool:
    """Are text[start:end] two or more characters of words naming a product or a kind of
    facility: Chinese or Latin letters and figures of capacity, no verb or function word?"""
    if end - start < 2:
        return False
    position = start
    while position < end:
        word = words.get(position)
        if word is None or word in NOT_IN_BRAND_PROJECTS or word in org_suffixes() or \
                COUNT.fullmatch(word) or not all(ch.isalnum() or ch in "/." for ch in word):
            return False
        position += len(word)
    return position == end


class _ShortNameShape:
    """A brand of two or three characters, then its trade (某某|绿能, 某某某|绿能); or a
    place, then a brand (赣州|某某).  A brand holds no listed word (目前|已), no function
    word and no place."""

    def __init__(self):
        self.listed = listed_words()
        self.gazetteer = Gazetteer.load()

    def proper(self, brand: str) -> bool:
        return not any(brand[j:j + 2] in self.listed for j in range(len(brand) - 1)) and \
            NAME_STOP_WORDS.isdisjoint(brand) and not self.gazetteer.lookup(brand)

    def __call__(self, short: str) -> bool:
        return any(self.proper(short[:k])
                   and (short[k:] in self.listed or short[k:] in TRADE_ABBREVIATIONS)
                   for k in (2, 3) if len(short) - k >= 2) or (
            len(short) == 4 and bool(self.gazetteer.lookup(short[:2])) and self.proper(short[2:]))


def _overlaps(start: int, end: int, taken: list[tuple[int, int]],
              places: list[tuple[int, int]]) -> bool:
    """Does [start, end) overlap a name read, or a place not inside it?"""
    return any(a < end and start < b for a, b in taken) or any(
        a < end and start < b and not (start <= a and b <= end) for a, b in places)


def _abbreviates(short: str, name: str) -> bool:
    """Is ``short`` a short form of ``name``: its first two characters in it together,
    and every character in order?"""
    if short == name or short[:2] not in name:
        return False
    position = name.find(short[:2]) + 2
    for char in short[2:]:
        position = name.find(char, position) + 1
        if position == 0:
            return False
    return True


@cache
def _generic_openings() -> tuple[str, ...]:
    """Words that open descriptions (国际滑雪度假区, 绿色数据中心): no tail starts with one."""
    return tuple(word for word in GENERIC_MODIFIERS if len(word) > 1)


@cache
def _suffixes() -> tuple[str, ...]:
    """The organisation and facility suffixes, longest first."""
    return tuple(sorted(org_suffixes(), key=len, reverse=True))
