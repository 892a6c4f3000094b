"""holdsPosition: who holds which post at which organisation.

A person's posts are written before the name as a chain of segments joined by 、 or ，:
``某某市委副书记、市长王某``.  Each segment is an organisation (recognised, or implied by
an abbreviation such as 某某市委) followed by one or more titles.  A segment with titles
only shares the organisation of the segment before it (党组书记、副局长), except a head of
government title (市长, 州长 …), which names that area's people's government.  Several
titles at one organisation make one fact, joined with 、.  A clause opened by 作为 right
before the name holds posts too (作为某公司董事长，王某表示).
"""
from __future__ import annotations

import re
from functools import cache

from kg.extract.context import FACILITY_LABELS, ORGANISATION_LABELS, ArticleContext
from kg.extract.organs import (BARE_ORGAN, CENTRAL_COMMITTEE, HEAD_TITLES, LEVEL_CHARACTERS,
                               PARTY_ABBREVIATION, administrative_office, area_stem,
                               government, party_committee, working_committee,
                               working_committee_owner)
from kg.nlp.gazetteer import Division
from kg.nlp.lexicon import org_abbreviations, org_suffixes, suffix_kind, titles
from kg.records import Fact, Mention

SEPARATORS = "、，,"
# Where a run of posts cannot reach back past: a bracket or a label closing before it
# (【同期声】某市委副书记、市长 某某, 包联领导：某县委常委…).
OPENERS = "】]：:“”\"\n"
# ——某市委常委某某: the dash that attributes a quote opens the post (one dash joins names).
ATTRIBUTION_DASH = "——"
LEADING_WORDS = re.compile(r"由|并")
# A remark in brackets after an organisation's name (（以下简称“某某”）).
REMARK = re.compile(r"（[^（）]*）")
# Characters after which the words of a sentence give way to a post (出席的有|市长某某,
# 某某与|省委书记某某会谈, 会见了|市长某某; not 和, which opens names: 和林格尔县).
INTRODUCING = "的有是为与同向见了"
HOLDER_LABELS = ORGANISATION_LABELS | FACILITY_LABELS | {"Zone", "Port"}
COMPANY_TITLES = frozenset({"总经理", "副总经理", "董事长", "副董事长", "经理", "厂长", "副厂长",
                            "生产厂长", "总监", "商务总监", "总裁", "副总裁", "总工程师"})
ORGAN_TITLE_PREFIXES = ("党工委", "党委", "管委会")
# Organs written by their standard short form alone (食安委 for 食品安全委员会).
ABBREVIATED_ORGANS = {short: full for full, short in reversed(org_abbreviations())}
COREFERENT_COMPANY = ("该公司", "公司", "该企业", "企业", "该集团", "集团", "该厂")


class _Segment:
    def __init__(self, start: int, end: int, org: Mention | None, title: str,
                 area: Division | None):
        self.start, self.end, self.org, self.title, self.area = start, end, org, title, area
        self.bare: str | None = None   # an organisation named without its place (工商联)
        self.written: str | None = None   # ... as written (地区食安委 for 食品安全委员会)


def _title_at_end(text: str, words: frozenset[str]) -> str | None:
    """The longest of ``words`` that ends ``text``."""
    for size in range(min(len(text), _longest(words)), 0, -1):
        if text[-size:] in words:
            return text[-size:]
    return None


@cache
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


# Posts the title table does not list (it serves recognition): heads of customs, banks,
# papers and museums, and the legal representative of an announcement's company.
EXTRA_POSTS = frozenset({"关长", "副关长", "行长", "副行长", "社长", "副社长", "台长", "副台长",
                         "馆长", "副馆长", "总经济师", "首席科学家", "法定代表人", "总会计师",
                         "副总工程师", "执行总裁", "财务总监", "技术总监", "第一书记", "副镇长",
                         "一级巡视员", "二级巡视员"})


@cache
def _post_words() -> frozenset[str]:
    """Titles of posts (not press credits or roles)."""
    return frozenset(t for t, v in titles().items() if v.kind not in ("press", "role")) | \
        EXTRA_POSTS


def extract_positions(ctx: ArticleContext) -> list[Fact]:
    post_words = _post_words()
    facts: list[Fact] = _labelled_posts(ctx)
    persons = [m for m in ctx.mentions if m.type == "Person"]
    previous_end = 0
    for person in persons:
        sentence = ctx.sentence_at(person.start)
        clause_start = max(sentence.start, previous_end)
        previous_end = person.end
        if ctx.text.startswith("总书记", person.end):
            name, aliases = CENTRAL_COMMITTEE
            org = ctx.add(Mention("总书记", "GovernmentBody", person.source, person.end,
                                  person.end + 3, name, None, aliases))
            facts.append(Fact(person, "holdsPosition", ctx.evidence(person.start, person.end),
                              object=org, title="总书记"))
            continue
        chain = _chain(ctx, clause_start, person.start, post_words) or \
            _chain_as(ctx, clause_start, person.start, post_words)
        if not chain:
            position = person.end
            while (after := _post_after_name(ctx, person, position, post_words)) is not None:
                org, title, position = after
                facts.append(Fact(person, "holdsPosition", ctx.evidence(person.start, person.end),
                                  object=org, title=title))
                # 任命某某为甲局副局长（正县级），兼任乙局局长: the post held besides
                concurrent = CONCURRENT.match(ctx.text, position)
                if concurrent is None:
                    break
                position = concurrent.end() - 1      # at 任, which opens a post
            continue
        by_org: dict[str, tuple[Mention, list[str]]] = {}
        for segment in chain:
            org = segment.org
            if org is None:
                continue
            key = org.label
            if key not in by_org:
                by_org[key] = (org, [])
            if segment.title not in by_org[key][1]:
                by_org[key][1].append(segment.title)
        source = ctx.evidence(person.start, person.end)
        for org, title_list in by_org.values():
            facts.append(Fact(person, "holdsPosition", source, object=org,
                              title="、".join(title_list)))
    return facts


LABELLED_POST = re.compile(r"(法定代表人|董事长|总经理|负责人|董事会秘书|证券事务代表)[：:]")
# Fields of a listed company's own officers, whose company is the announcement's when no
# record around the field names one (a 法定代表人 field may be a counterparty's).
ISSUER_POSTS = frozenset({"董事会秘书", "证券事务代表"})


def _labelled_posts(ctx: ArticleContext) -> list[Fact]:
    """名称：某公司…法定代表人：王某 (fields of an announcement, often run together): the
    person holds the post at the company its block names, or at the announcement's company
    (董事会秘书：王某 under its text)."""
    facts = []
    text = ctx.text
    for field in LABELLED_POST.finditer(text):
        person = ctx.mention_at(field.end(), ("Person",), end=field.end() + 12)
        if person is None:
            continue
        org = ctx.record_holder(field.start(), ORGANISATION_LABELS) or (
            ctx.issuer if field.group(1) in ISSUER_POSTS else None)
        if org is not None:
            facts.append(Fact(person, "holdsPosition", ctx.evidence(field.start(), person.end),
                              object=org, title=field.group(1)))
    return facts


# 王某，某公司董事长，…; 王某（某公司总经理）; 王某担任某公司总经理; 任命王某为某局局长.
AFTER_NAME = re.compile(r"[，,（(]|(?:现)?(?:担任|出任|任)")
APPOINTED_AS = re.compile("为")
APPOINTING = ("任命", "聘任", "聘请", "聘", "提名", "拟任")
POST_END = "，,）)。；、（("
# How long a post after 任 may be that names its organ only through its title.
IMPLIED_POST_LONGEST = 16
# How far after a post the next name may stand whose chain of posts it opens.
NEXT_HOLDER_REACH = 30
CLAUSE_ENDS = "，,。；;：:（("
# After a post, another held besides it: （正县级），兼任…, 、兼…
CONCURRENT = re.compile(r"(?:[（(][^（）()]{1,12}[）)])?[，,、]?兼任")


def _post_after_name(ctx: ArticleContext, person: Mention, at: int, post_words):
    """A post written at ``at``, right after the name or after a post before it, as an
    apposition or after 担任: (organisation, title, where the title ends), or None."""
    text = ctx.text
    opener = AFTER_NAME.match(text, at)
    if opener is None and at == person.end and \
            text[max(0, person.start - 2):person.start].endswith(APPOINTING):
        # 任命某某为某局局长: the post an appointment gives (免去…职务 gives none)
        opener = APPOINTED_AS.match(text, at)
    if opener is None:
        return None
    org = ctx.mention_at(opener.end(), HOLDER_LABELS, end=opener.end() + 40)
    if org is None:
        return _implied_post_after_name(ctx, opener.end(), post_words)
    end = min([i for i in (text.find(p, org.end, org.end + 12) for p in POST_END) if i != -1]
              or [-1])
    if end == -1:
        return None
    title = text[org.end:end].removeprefix("的")
    if not title or _title_at_end(title, post_words) is None or \
            len(title) > _longest(post_words) + 4:
        return None
    if _next_name_holds(ctx, end):
        return None
    return org, title, end


def _next_name_holds(ctx: ArticleContext, end: int) -> bool:
    """Does a name follow the post ending at ``end`` in its clause (某某，甲区党工委书记、
    管委会主任王某: the posts are the name's after them)?"""
    following = ctx.mentions_between(end, end + NEXT_HOLDER_REACH, ("Person",))
    return bool(following) and not any(c in CLAUSE_ENDS for c in ctx.text[end:following[0].start])


def _implied_post_after_name(ctx: ArticleContext, start: int, post_words):
    """A post after 任 that names its organ only through the title (某某任中共某市委书记, 某某任某市
    副市长): (organ, title, where the title ends), or None."""
    text = ctx.text
    end = min([i for i in (text.find(p, start, start + IMPLIED_POST_LONGEST) for p in POST_END)
               if i != -1] or [-1])
    if end == -1 or not _title_at_end(text[start:end], post_words):
        return None
    segment = _segment(ctx, start, end, text[start:end], post_words)
    if segment is None or segment.org is None or _next_name_holds(ctx, end):
        return None
    return segment.org, segment.title, end


def _chain(ctx: ArticleContext, start: int, end: int, post_words) -> list[_Segment]:
    """The post segments right before a name, left to right, with organisations resolved."""
    text = ctx.text
    segments: list[_Segment] = []
    right = end
    while right > start:
        left = right
        while left > start and text[left - 1] not in SEPARATORS + OPENERS and \
                not text.startswith(ATTRIBUTION_DASH, left - len(ATTRIBUTION_DASH)):
            opened = text.rfind("（", start, left - 1) if text[left - 1] == "）" else -1
            # 某公司（以下简称“某某”）董事长: the remark in brackets is passed over whole.
            left = opened if opened != -1 else left - 1
        # 均由某市委常委、…: the words that bring the post in are not the post's.
        left = _after_leading_words(ctx, left, right)
        piece = text[left:right].strip()
        if not piece:
            break
        title = _title_at_end(piece, post_words)
        if title is None:
            break
        segment = _segment(ctx, left, right, piece, post_words)
        opened = False
        if segment is None:
            # 出席活动的有|市委书记某某: the words that bring the post in end at a function
            # character; what follows it is the whole post.
            cut = max(piece.rfind(ch, 0, len(piece) - len(title)) for ch in INTRODUCING)
            if cut < 0:
                break
            segment = _segment(ctx, left + cut + 1, right, piece[cut + 1:], post_words)
            if segment is None:
                break
            opened = True
        segments.insert(0, segment)
        if opened:
            break
        right = left - 1
    _resolve_shared(ctx, segments)
    return segments


def _chain_as(ctx: ArticleContext, start: int, name_start: int, post_words) -> list[_Segment]:
    """作为某公司董事长，王某表示: the posts of the clause 作为 opens right before the name."""
    text = ctx.text
    if text[name_start - 1:name_start] not in ("，", ","):
        return []
    opener = text.rfind("作为", start, name_start - 1)
    if opener == -1 or any(p in text[opener:name_start - 1] for p in "，,。；"):
        return []
    return _chain(ctx, opener + 2, name_start - 1, post_words)


def _after_leading_words(ctx: ArticleContext, left: int, right: int) -> int:
    """Past the last 由/均由/并 in [left, right) that a place's name, a bare organ (市委) or
    the article's company (公司) follows (以上项目均由某市委常委…): the words before it bring
    the post in."""
    for lead in reversed(list(LEADING_WORDS.finditer(ctx.text, left, right))):
        after = lead.end()
        if any(ctx.gazetteer.lookup(ctx.text[after:after + size]) for size in (2, 3, 4)) or \
                BARE_ORGAN.match(ctx.text, after) or \
                ctx.text.startswith(COREFERENT_COMPANY, after):   # 合同由|公司董事长某某…签署
            return after
    return left


def _segment(ctx: ArticleContext, left: int, right: int, piece: str, post_words):
    remarks = [r.span() for r in REMARK.finditer(ctx.text, left, right)]
    orgs = [m for m in ctx.mentions_between(left, right, HOLDER_LABELS)
            if not any(a <= m.start < b for a, b in remarks)]       # （以下简称“某某”）
    if orgs:
        org = orgs[-1]
        title = REMARK.sub("", ctx.text[org.end:right], count=1).strip().removeprefix("的")
        word = _title_at_end(title, post_words) if title else None
        if word is None:
            return None
        if title[:-len(word)].endswith(SUB_UNIT_ENDINGS):
            title = word      # 某公司某事业部执行董事: the post is 执行董事, in a unit of the company
        organ = _organ_prefix(title)
        if organ is not None and org.type == "Zone":
            # 某某高新区党工委副书记: the zone's party working committee, not the zone.
            end = org.end + len(organ)
            name, aliases = working_committee(org.label) if organ == "党工委" else \
                (org.label + organ, ())
            org = ctx.add(Mention(org.text + organ, "GovernmentBody", ctx.evidence(org.start, end),
                                  org.start, end, name, None, aliases))
            title = title[len(organ):]
        implied = _implied_from_name(ctx, org)
        return _Segment(left, right, implied or org, title, _area_of(ctx, org.label, left))
    # No recognised organisation: peel titles off the end, the rest may be an abbreviation.
    rest = piece
    title_parts = []
    while rest:
        word = _title_at_end(rest, post_words)
        if word is None:
            break
        title_parts.insert(0, word)
        rest = rest[: -len(word)]
        if rest.endswith("党组") or rest.endswith("常务"):
            title_parts[0] = rest[-2:] + title_parts[0]
            rest = rest[:-2]
    title = "".join(title_parts)
    organ = _organ_prefix(title)
    if organ is not None:                    # 党委书记 at 某州 is 书记 at 某州党委
        rest, title = rest + organ, title[len(organ):]
    if not rest:
        return _Segment(left, right, None, title, None)
    project = re.fullmatch(r"(?:据|由|经)?(?:该|本)?项目(.{0,4})", rest)
    if project is not None:
        # 项目技术负责人王某, 该项目经理: a post at the facility the text is about.
        facility = ctx.referent(left)
        if facility is None:
            return None
        return _Segment(left, right, facility, project.group(1) + title, None)
    org = _implied_from_abbreviation(ctx, rest, left)
    if org is None:
        if rest in COREFERENT_COMPANY:
            # 集团副总经理: the company the article declared by the word, else named last.
            word = rest.removeprefix("该").removeprefix("本")
            return _Segment(left, right, ctx.declared_company(word)
                            or ctx.last_before(left, {"Company"}), title, None)
        relative = rest.removeprefix("地区").lstrip("州市县") if not ctx.gazetteer.lookup(
            rest[:2]) else rest
        expanded = ABBREVIATED_ORGANS.get(relative)
        suffix = next((s for s in org_suffixes() if rest.endswith(s)), None)
        if expanded or (suffix and len(rest) <= 6):
            segment = _Segment(left, right, None, title, None)
            segment.bare = expanded or rest
            segment.written = rest
            return segment
        named = ctx.mentions_between(left, left + len(rest), HOLDER_LABELS | {"AdminArea"})
        area = _area_written(ctx, named, left, rest)
        if area is None and title.endswith(HEAD_TITLES) and named \
                and named[-1].type == "AdminArea" and named[-1].end == left + len(rest):
            # 专访了某市副市长: words of the sentence before the area, not of the post
            left, rest = named[-1].start, named[-1].text
            area = _area_written(ctx, named[-1:], left, rest)
        if area is not None and (title.endswith(HEAD_TITLES) or (
                title.endswith("主席") and area.name.endswith("自治区"))):
            # 某市副市长, 某州副州长: the area's people's government.
            name, aliases = government(area)
            # The area's name is written, not the government's: its name is its text.
            org = ctx.add(Mention(name, "GovernmentBody", ctx.evidence(left, left + len(rest)),
                                  left, left + len(rest), name, None, aliases))
            return _Segment(left, right, org, title, area)
        if suffix and named and named[0].start == left:
            # 某某高新区党工委: an organ of a zone or an organisation named before it.
            owner = working_committee_owner(rest)
            name, aliases = working_committee(owner, rest) if owner else (rest, ())
            org = ctx.add(Mention(rest, "GovernmentBody", ctx.evidence(left, left + len(rest)),
                                  left, left + len(rest), name, None, aliases))
            return _Segment(left, right, org, title, _area_of(ctx, rest, left))
        if rest.endswith(UNIT_WORDS):
            # 某公司副总裁、某某业务军团负责人: a post in a unit of the organisation named
            # before (the unit's name is no organisation of its own)
            return _Segment(left, right, None, title, None)
        return None
    return _Segment(left, right, org, title, _area_of(ctx, rest, left))


def _area_written(ctx: ArticleContext, named: list[Mention], left: int, rest: str):
    """The division ``rest`` names when it is an area and nothing else (某市, 某州, and
    自治区 or 省 alone: the article's)."""
    if rest in ("自治区", "省"):
        return ctx.relative_area(rest, left)
    area = next((m for m in named if m.type == "AdminArea" and m.start == left
                 and m.end == left + len(rest) and m.code), None)
    if area is not None and area.code.isdigit():
        return ctx.gazetteer.by_code(area.code)
    return ctx.area_named(rest) if ctx.gazetteer.lookup(rest) else None


def _head_area(ctx: ArticleContext, title: str, position: int):
    """副市长王某 with no organisation written: the city (county, prefecture) the sentence
    names before it, else the article's."""
    word = next((h for h in HEAD_TITLES if title.endswith(h)), "")[:1]
    return ctx.relative_area(word, position)


SCHOOL_TITLES = ("校长", "副校长", "常务副校长")
SCHOOL_ENDS = ("大学", "学院", "学校")
# 校党委书记, 校纪委书记: the school's own organs, written after 校.
SCHOOL_ORGANS = frozenset({"", "党委", "纪委", "团委", "工会"})


def _own_school(ctx: ArticleContext, segment: _Segment) -> tuple[Mention, str] | None:
    """校长, 校党委书记 with no school written: a post at the university the article is
    about (a university's news site writes 我校), the party organ in the title."""
    written = segment.written or segment.bare or ""
    if not (segment.title in SCHOOL_TITLES and not written
            or written[:1] == "校" and written[1:] in SCHOOL_ORGANS):
        return None
    # (a university before a college: 共建某某产业学院 is the university's and a partner's)
    schools = [m for m in ctx.title_mentions + ctx.mentions if m.type == "ResearchOrg"
               and m.label.endswith(SCHOOL_ENDS)]
    school = next((m for end in SCHOOL_ENDS for m in schools if m.label.endswith(end)), None)
    if school is None:
        return None
    return school, written[1:] + segment.title


# A company written by the word for its kind (集团, 公司), where the article names it.
COMPANY_WORDS = ("集团公司", "集团", "公司")


def _company_word(bare: str) -> str:
    return next((w for w in COMPANY_WORDS if bare.startswith(w)), "")


def _company_written_short(ctx: ArticleContext, segment) -> Mention | None:
    """The company 集团 or 公司 (with its party organ after it: 集团党委) stands for in the
    post: the one the article declared by that word (以下简称“集团”), else the company
    named last before it."""
    bare = segment.bare or ""
    word = _company_word(bare)
    if not word or bare[len(word):] not in OWN_PARTY_ORGANS | {""}:
        return None
    return ctx.declared_company(word) or ctx.last_before(segment.start, {"Company"})


def _organisation_with_own_party_organ(ctx: ArticleContext, segment
                                       ) -> tuple[Mention, str] | bool | None:
    """(the organisation, the title with its organ) for 某某大学党委 / 某某院党委 written short:
    an organisation that is not an organ, with its own party committee after it (the one
    the article declared by that word, else by its suffix); False when the words before
    the organ are a proper name of no known kind (no organ of the city: 某市西北院党委);
    None when they are a place or an organ's."""
    bare = segment.bare or ""
    organ = next((o for o in sorted(OWN_PARTY_ORGANS, key=len, reverse=True)
                  if bare.endswith(o)), None)
    owner = bare[:-len(organ)] if organ else ""
    if len(owner) < 2 or _company_word(owner) == owner:
        return None
    declared = ctx.declared.get(owner)
    if declared is not None:
        return declared, organ + segment.title
    kind = suffix_kind(owner)
    if owner[0] in LEVEL_CHARACTERS or kind == "GovernmentBody" or \
            kind is None and ctx.gazetteer.lookup(owner[:2]):
        return None
    if kind is None:
        return False      # 某某院党委 of a name the text never gives in full: no organ to tell
    start = ctx.text.find(owner, segment.start, segment.end)
    org = ctx.add(Mention(owner, kind, ctx.evidence(start, start + len(owner)), start,
                          start + len(owner), owner))
    return org, organ + segment.title


def _organ_of_area(area: Division, bare: str) -> tuple[str, tuple[str, ...]] | None:
    """The full name and short forms of an area's government or political consultative
    conference written without the area (市政府, 县人民政府, 市政协), else None."""
    organ = bare[1:] if bare[:1] in LEVEL_CHARACTERS and area.name.endswith(bare[0]) else bare
    if organ in ("政府", "人民政府"):
        return government(area)
    if organ in ("政协", "政治协商会议"):
        stem = area_stem(area)
        return (f"中国人民政治协商会议{area.name}委员会",
                tuple(dict.fromkeys((f"{stem}政协", f"{area.name}政协"))))
    return None


def _organ_prefix(title: str) -> str | None:
    """The organ a title opens with (党委 in 党委书记), when a title follows it."""
    return next((o for o in ORGAN_TITLE_PREFIXES if title.startswith(o) and len(title) > len(o)),
                None)


RELATIVE_ORGANS = frozenset({"委", "政府", "人民政府"})
# Units inside a company named without it (某某业务军团, 某某事业群).
UNIT_WORDS = ("军团", "事业群", "事业部", "业务部", "业务线", "业务板块", "板块", "产品线", "研发中心")
# A unit inside an organisation, written between it and a title.
SUB_UNIT_ENDINGS = ("事业部", "部", "处", "科", "室", "站", "车间", "分厂", "工区")
# Party organs every organisation has: after a company's title they are the company's.
OWN_PARTY_ORGANS = frozenset({"党委", "党组", "纪委", "党支部", "党总支"})


def _area_of(ctx: ArticleContext, written: str, position: int | None = None
             ) -> Division | None:
    written = written.removeprefix("中共")      # 中共某市委: the party committee of 某市
    for size in range(min(len(written), 10), 1, -1):
        division = ctx.area_named(written[:size])
        if division is not None:
            return division
    if written.startswith(("地区", "地委")):
        return ctx.home_area("prefecture")
    if written.startswith("州"):
        return ctx.home_area("prefecture")
    if written[:1] in ("市", "县", "区", "旗") and written[1:] in RELATIVE_ORGANS:
        # 市委, 县政府: the article's city or county (the sentence read from ``position``)
        return ctx.relative_area(written[0], position)
    return None


def _implied_from_name(ctx: ArticleContext, org: Mention) -> Mention | None:
    """A recognised 某某州党委 is the party committee; 地区行署 the administrative office."""
    written = org.text
    if written.endswith("行署"):
        area = _area_of(ctx, written[:-2]) or ctx.home_area("prefecture")
        if area is not None:
            name, aliases = administrative_office(area, written)
            return ctx.add(Mention(written, "GovernmentBody", org.source, org.start, org.end,
                                   name, None, aliases))
    area = ctx.committee_area(written, org.start)
    if area is not None:
        name, aliases = party_committee(area, written)
        return ctx.add(Mention(written, "GovernmentBody", org.source, org.start, org.end,
                               name, None, aliases))
    return None


def _implied_from_abbreviation(ctx: ArticleContext, written: str, position: int):
    source = ctx.evidence(position, position + len(written))
    if written in ("地委", "中共地委"):
        area = ctx.home_area("prefecture")
    else:
        match = PARTY_ABBREVIATION.match(written)
        if not match or not written.endswith("委"):
            return None
        area_text = match["area"]
        if len(area_text) > 2 and area_text[-1] in "市县区旗" and area_text[-2] == area_text[-1]:
            area_text = area_text[:-1]         # 某县县委: the county's committee
        area = ctx.area_named(area_text)
        if area is None:
            area = ctx.relative_area(area_text, position)
    if area is None:
        return None
    name, aliases = party_committee(area, written)
    return ctx.add(Mention(written, "GovernmentBody", source, position, position + len(written),
                           name, None, aliases))


def _resolve_shared(ctx: ArticleContext, segments: list[_Segment]) -> None:
    """Title-only segments take the organisation of the segment before them."""
    for i, segment in enumerate(segments):
        if segment.org is not None:
            continue
        school = _own_school(ctx, segment)
        if school is not None:
            segment.org, segment.title = school
            continue
        before = next((s for s in reversed(segments[:i]) if s.org is not None), None)
        if segment.bare in OWN_PARTY_ORGANS and before is not None \
                and before.org.type != "GovernmentBody":
            # 某公司执行董事、党委书记: the company's own party committee; the post is the
            # company's, titled with the organ.
            segment.org = before.org
            segment.title = (segment.written or segment.bare) + segment.title
            continue
        if segment.bare in ("管委会", "管理委员会") and before is not None \
                and working_committee_owner(before.org.label):
            # 某园区党工委书记、管委会主任: the committee of the same zone.
            owner = working_committee_owner(before.org.label)
            segment.org = ctx.add(Mention(
                segment.written or segment.bare, "GovernmentBody",
                ctx.evidence(segment.start, segment.end), segment.start, segment.end,
                owner + "管理委员会", None, (owner + "管委会",)))
            continue
        owned = _organisation_with_own_party_organ(ctx, segment)
        if owned is False:
            del segments[i:]          # the posts after it are at that organisation too
            return
        if owned is not None:
            # 某某院党委副书记: the post is at that organisation (titled with its organ), not
            # at an organ of the article's city.
            segment.org, segment.title = owned
            continue
        company = _company_written_short(ctx, segment)
        if company is not None:
            # 集团副总经理, 集团党委书记 (the article's 集团, declared or named last): the
            # company's post, titled with its own party organ where one is written.
            organ = segment.bare.removeprefix(_company_word(segment.bare))
            segment.org = company
            segment.title = organ + segment.title
            continue
        if segment.bare:
            # 省政府秘书长, 县委常委: the article's area of the level written, else the area
            # of the post before, else the article's city.
            level = next((w for w in ("自治区", *LEVEL_CHARACTERS) if segment.bare.startswith(w)),
                         None)
            area = (ctx.relative_area(level, segment.start) if level else None) or \
                (before.area if before else None) or ctx.home_area("prefecture")
            if area is not None:
                written = segment.written or segment.bare
                own = _organ_of_area(area, segment.bare)
                if own is not None:       # 市政府秘书长, 市政协主席: the area's own organ
                    name, aliases = own
                    segment.org = ctx.add(Mention(
                        written, "GovernmentBody", ctx.evidence(segment.start, segment.end),
                        segment.start, segment.end, name, None, aliases))
                    segment.area = area
                    continue
                name = area_stem(area) + segment.bare
                # A bare organ word (市委, 旗委, 县政府): an organ of the area, typed by
                # its suffix where the table has one.
                suffix = next((s for s in org_suffixes() if segment.bare.endswith(s)), None)
                segment.org = ctx.add(Mention(
                    written, org_suffixes()[suffix] if suffix else "GovernmentBody",
                    ctx.evidence(segment.start, segment.end), segment.start, segment.end,
                    name, None, tuple(dict.fromkeys((written, segment.bare)))))
                segment.area = area
            continue
        if segment.title.endswith(HEAD_TITLES) and "委" not in segment.title:
            area = (before.area if before else None) or \
                _head_area(ctx, segment.title, segment.start)
            if area is not None:
                name, aliases = government(area)
                # Nothing names the government here; its written form is its name.
                segment.org = ctx.add(Mention(name, "GovernmentBody",
                                              ctx.evidence(segment.start, segment.end),
                                              segment.start, segment.end, name, None, aliases))
                continue
        if before is not None:
            segment.org = before.org
            segment.area = before.area
        elif segment.title in COMPANY_TITLES:
            segment.org = ctx.last_before(segment.start, {"Company"})
