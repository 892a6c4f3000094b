"""locatedIn: where a facility, company, zone, port or institute is.

Three readings, most specific place wins:
- the text says so: X位于/落户/地处/坐落于/建于/入驻/扎根 P, X在P建设/投运/开工, X于P开工, P境内,
  P的X (a facility), X所在的P, 地址：P (P may be 我市, 本县 …: the article's own city or
  county);
  a zone written right before a company or project (某某开发区某某公司) holds it;
- the name carries the place: 某某县某某中心 -> 某某县, 中国电信某某分公司 -> 某某
  (generic prefixes 中国/国家 are not places);
- the article is about one zone and lists its projects: each project is in that zone.
A place given by the name is dropped when the text gives a place inside it.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.extract.context import ArticleContext
from kg.nlp.gazetteer import Division, Gazetteer, beginnings, normalise
from kg.nlp.lexicon import national_bodies, org_suffixes
from kg.records import Fact, Mention

SUBJECT_LABELS = frozenset({"ComputeCenter", "Project", "Company", "Zone", "Port", "ResearchOrg"})
PLACE_LABELS = frozenset({"AdminArea", "Zone"})
LOCATION_TRIGGERS = ("位于", "落户", "地处", "坐落于", "坐落在", "选址", "落地", "建在", "地址:", "地址：",
                     "建于", "建设于", "布局在", "布局于", "入驻", "入园", "扎根", "花落")
# Written between a place and 的 in 位于某县境内的…
WITHIN_WORDS = ("辖区内", "境内", "辖区", "内")
# Verbs after 在+place whose object is the facility built there.
BUILDING_VERBS = ("投资建设", "建设", "新建", "建成", "打造", "布局")
BUILDING_ADVERBS = ("正式", "已", "将", "共同", "联合", "合作", "计划", "拟", "加快", "全力")
TRIGGER_ORDER = {trigger: order for order, trigger in enumerate(LOCATION_TRIGGERS)}
# Zero-width, so that overlapping triggers (落地处: 落地, 地处) are each found.
ANY_TRIGGER = re.compile("(?=(" + "|".join(map(re.escape, LOCATION_TRIGGERS)) + "))")
IN_PLACE_VERBS = ("投运", "投产", "建设", "开工", "建成", "落地", "动工", "运营", "揭牌", "成立",
                  "上线", "全容量并网", "并网", "投用", "竣工", "封顶", "开园", "破土动工", "落成",
                  "启用", "投入运营", "投入使用")
NOT_PLACES = frozenset({"中国", "中华人民共和国"})
COMPANY_REFERENCE = re.compile(r"该(?:公司|企业|集团)")
# What joins places listed after a trigger (位于某县甲镇和乙镇境内).
LIST_JOINS = frozenset({"和", "、", "及", "与", "以及"})
NOT_PLACE_BEGINNINGS = beginnings(NOT_PLACES)
MAX_FORM_IN_NAME = 12
# A place's short form followed by one of these names a river, lake or mountain (澜沧江).
NATURAL_FEATURES = frozenset("江河湖")
DIRECTIONS = frozenset("东西南北")


def extract_locations(ctx: ArticleContext) -> list[Fact]:
    text_facts = _from_text(ctx) + _zone_holds(ctx) + [
        Fact(holder, "locatedIn", holder.source, object=zone)
        for holder, zone in ctx.zones_in_names]
    given = {}
    for fact in text_facts:
        given.setdefault(fact.subject.label, []).append(fact.object)
    facts = list(text_facts)
    facts.extend(_zone_projects(ctx, given))
    places_in_names: dict = {}     # by name, and by (name, areas near it) for a county's
    zones_in_names = [zone for _, zone in ctx.zones_in_names]
    for mention in ctx.title_mentions + ctx.mentions + ctx.owners_in_names + zones_in_names:
        if mention.type not in SUBJECT_LABELS or mention.label in _national_names():
            continue     # a national group's name opens with no place (阿里云… is no 阿里地区's)
        if mention.text not in places_in_names:     # a name recurs through its article
            places_in_names[mention.text] = _place_in_name(ctx, mention.text)
        place = places_in_names[mention.text]
        if place is not None and _short_county(place):
            # read again in the province of the areas named before it in its sentence
            near = _areas_near(ctx, mention)
            if near and (mention.text, near) not in places_in_names:
                places_in_names[mention.text, near] = _place_in_name(ctx, mention.text, near)
            place = places_in_names[mention.text, near] if near else place
        if place is None:
            continue
        division, written, offset = place
        known = given.get(mention.label, [])
        if any(_inside(ctx, other, division) for other in known):
            continue
        if known and division.level == "province":
            continue     # 新疆某某项目 in a zone the text names: the zone is more specific
        start = mention.start + offset if mention.start >= 0 else -1
        area = Mention(written, "AdminArea", mention.source, start,
                       start + len(written) if start >= 0 else -1, division.name, division.code)
        ctx.add(area)
        if any(_apart(ctx, other, division) for other in known):
            continue     # the place the text gives says the name's place is not where it is
        facts.append(Fact(mention, "locatedIn", mention.source, object=area))
        given.setdefault(mention.label, []).append(area)
    return facts


@cache
def _national_names() -> frozenset[str]:
    """The full names of the national bodies and groups of the general tables."""
    return frozenset(full for full, _type in national_bodies().values())


def _inside(ctx: ArticleContext, other: Mention, division: Division) -> bool:
    """Is the place ``other`` (given by the text) at or inside ``division``?"""
    if other.code is None:
        return False   # a zone and an area are both recorded
    if other.code == division.code:
        return True
    return any(a.code == division.code for a in ctx.gazetteer.ancestors(other.code))


def _apart(ctx: ArticleContext, other: Mention, division: Division) -> bool:
    """Is the place ``other`` (given by the text) an area neither inside ``division`` nor
    holding it (某某云冈智算中心 built in 云州区西坪镇: not in 云冈区)?"""
    if other.code is None or not other.code[:1].isdigit() or not division.code[:1].isdigit():
        return False
    return not (ctx.gazetteer.contains(other.code, division.code)
                or ctx.gazetteer.contains(division.code, other.code)
                or other.code == division.code)


def _short_county(place: tuple[Division, str, int]) -> bool:
    """Is the place read in a name a county's or town's short form (read by context)?"""
    division, written, _ = place
    return division.level in ("county", "town") and written != division.name


def _areas_near(ctx: ArticleContext, mention: Mention) -> tuple[str, ...]:
    """The codes of the areas named before ``mention`` in its sentence."""
    if mention.start < 0:
        return ()
    sentence = ctx.sentence_at(mention.start)
    return tuple(m.code for m in ctx.mentions_between(sentence.start, mention.start)
                 if m.type == "AdminArea" and m.code and m.code.isdigit())


def _place_in_name(ctx: ArticleContext, name: str, near: tuple[str, ...] = ()
                   ) -> tuple[Division, str, int] | None:
    """The most specific division written inside the name, with its written form and offset.
    A county's short form is read in the province of an area named before the name in its
    sentence, when there is one (八月的某市，…某某数字产业园: not a county of the same
    name in another province the article also writes about)."""
    found: list[tuple[Division, str, int]] = []
    exact = normalise(name) == name      # else look every piece up (lookup normalises)
    i = 0
    while i < len(name) - 1:
        hit = None
        for size in _form_sizes(ctx.gazetteer, name, i) if exact else range(
                min(MAX_FORM_IN_NAME, len(name) - i), 1, -1):
            form = name[i:i + size]
            if form in NOT_PLACES:
                break
            division = _division_in_name(ctx, form, found[-1] if found else None, i)
            if division is not None and found and form != division.name and \
                    division.level in ("county", "town") and \
                    not _after_its_parent(found[-1], division):
                division = None     # 新疆天山云计算: after a place, a county's short form is a word
            if division is not None and form != division.name and \
                    name[i + size:i + size + 1] in NATURAL_FEATURES:
                division = None     # 某某江水电: a short form followed by 江/河/湖 names a river
            if division is not None and form != division.name and i > 0 and \
                    name[i - 1] in DIRECTIONS and not (found and found[-1][2] + len(found[-1][1]) == i):
                division = None     # 东天山, 南太湖: a direction before a short form names
                #                     a region or a mountain, not the division
            if division is not None and ctx.gazetteer.plausible_form(
                    form, division, near or [d.code for d in ctx.home_areas]):
                hit = (division, form, i)
                break
        if hit:
            found.append(hit)
            i += len(hit[1])
        else:
            i += 1
    if not found:
        return None
    # A town in a name is a place only right after its county (某县某镇…项目): alone, a
    # town's name is too often another word's.
    found = [f for i, f in enumerate(found) if f[0].level != "town" or (
        i > 0 and found[i - 1][0].code == f[0].parent
        and found[i - 1][2] + len(found[i - 1][1]) == f[2])] or found
    return max(found, key=lambda f: (len(ctx.gazetteer.ancestors(f[0].code)), -f[2]))


def _division_in_name(ctx: ArticleContext, form: str, previous, i: int) -> Division | None:
    """The division ``form`` names at offset ``i`` of a name: right after a place found
    before (庆阳|西峰), one inside that place is preferred to the article's reading."""
    candidates = ctx.gazetteer.lookup(form)
    if not candidates:
        return None
    if previous is not None and previous[2] + len(previous[1]) == i:
        inside = [d for d in candidates if d.parent == previous[0].code]
        if len(inside) == 1:
            return inside[0]
    return ctx.area_named(form)


def _after_its_parent(previous, division: Division) -> bool:
    """庆阳西峰…, 韶关浈江…, 赣州某某信丰…: a county's short form written after its own
    prefecture is that county (the name gives city, then district, a brand between them
    or not), not a word; after a province (新疆天山…) it may well be a word."""
    return division.parent == previous[0].code


def _form_sizes(gazetteer: Gazetteer, name: str, i: int) -> list[int]:
    """The lengths, longest first, of the pieces of ``name`` at ``i`` that may be place
    names or NOT_PLACES: reading stops where no form begins with what was read."""
    known = gazetteer.form_beginnings()
    sizes = []
    for size in range(1, min(MAX_FORM_IN_NAME, len(name) - i) + 1):
        piece = name[i:i + size]
        if piece not in known and piece not in NOT_PLACE_BEGINNINGS:
            break
        if size > 1:
            sizes.append(size)
    return sizes[::-1]


def _from_text(ctx: ArticleContext) -> list[Fact]:
    facts = []
    text = ctx.text
    for sentence in ctx.sentences:
        mentions = ctx.mentions_between(sentence.start, sentence.end)
        # Trigger by trigger, each left to right (the order facts were always read in).
        found = sorted((TRIGGER_ORDER[m[1]], m.start()) for m in
                       ANY_TRIGGER.finditer(text, sentence.start, sentence.end))
        for order, at in found:
            after = at + len(LOCATION_TRIGGERS[order])
            own = OWN_PLACE.match(text, after)
            places = _places_after(ctx, mentions, own.end() if own else after)
            if own and not places:
                places = [p for p in (ctx.relative_area_mention(own.group(1), *own.span()),)
                          if p is not None]
            described = _described_after(ctx, mentions, places)
            subject = described or _subject_before(ctx, mentions, at, sentence.start)
            if subject is not None:
                for place in places:
                    facts.append(Fact(subject, "locatedIn", ctx.evidence(at, after),
                                      object=place))
            if described is not None and described.type == "Zone":
                # 该中心位于某市某区的某某产业园: the centre is in the park and its area.
                holder = _subject_before(ctx, mentions, at, sentence.start)
                if holder is not None and holder.label != described.label:
                    facts.extend(Fact(holder, "locatedIn", ctx.evidence(at, after), object=place)
                                 for place in [*places, described])
        for chain in _place_chains(ctx.gazetteer, mentions):
            first, last = chain[0], chain[-1]
            places = _most_specific(ctx.gazetteer, chain)
            tail = text[last.end:last.end + 8]
            after_zai = text[first.start - 1:first.start] in ("在", "于") and \
                text[first.start - 2:first.start] not in LOCATION_TRIGGERS
            built = _built_after(ctx, mentions, last) if after_zai else None
            within = next((w for w in WITHIN_WORDS if text.startswith(w, last.end)), "")
            # 某县境内的某某口岸, 某县某镇的某某中心: the place holds what 的 describes.
            held = _described_at(mentions, last.end + len(within) + 1) \
                if text.startswith("的", last.end + len(within)) and (within or _placed_facility(
                    mentions, last.end + 1)) else None
            if held is not None:         # 某县境内的某某口岸
                subject = held
            elif text[first.start - 3:first.start] == "所在的":     # 某某中心所在的某开发区
                subject = next((m for m in mentions if m.end == first.start - 3
                                and m.type in FACILITY_SUBJECTS | {"Company"}), None)
            elif built or within == "境内" or (
                    after_zai and tail.lstrip("正式已").startswith(IN_PLACE_VERBS)):
                subject = built or _subject_before(ctx, mentions, first.start, sentence.start)
            elif after_zai and text.startswith("，", last.end) and \
                    text[sentence.start:first.start].strip() in ("在", "此外，在", "同时，在"):
                subject = _first_facility(mentions, last.end)     # 在某区，…某中心…投运
            else:
                subject = None
            if subject is not None:
                for place in places:
                    facts.append(Fact(subject, "locatedIn", place.source, object=place))
    facts.extend(_labelled_fields(ctx))
    facts.extend(_brought_in(ctx))
    facts.extend(_registered(ctx))
    return facts


# 落户我市, 位于本县…: the place the article is written in (or about).
OWN_PLACE = re.compile(r"[我本]([市县区州省旗])")



# 某市已吸引甲、乙、丙等企业落户; 先后引进甲、乙等企业: each is in the place that drew it.
BROUGHT_IN = re.compile(r"(?:吸引|引进|引入|招引)(?:了)?")
LIST_END = re.compile(r"等(?:\d+家|多家|一批)?(?:企业|公司|龙头企业|知名企业)")


def _brought_in(ctx: ArticleContext) -> list[Fact]:
    facts = []
    text = ctx.text
    for verb in BROUGHT_IN.finditer(text):
        sentence = ctx.sentence_at(verb.start())
        end = LIST_END.search(text, verb.end(), min(sentence.end, verb.end() + 80))
        if end is None:
            continue
        listed = ctx.mentions_between(verb.end(), end.start())
        if not listed or listed[0].start != verb.end() or any(
                m.type not in ("Company", "Organization", "ResearchOrg") for m in listed) or \
                any(text[a.end:b.start] not in ("、", "和", "及") for a, b in zip(listed, listed[1:])) \
                or listed[-1].end != end.start():
            continue
        areas = [m for m in ctx.mentions_between(sentence.start, verb.start())
                 if m.type in ("AdminArea", "Zone")]
        if not areas:
            continue
        place = areas[-1]
        facts.extend(Fact(m, "locatedIn", ctx.evidence(verb.start(), end.end()), object=place)
                     for m in listed)
    return facts


# 某公司…注册地在某市: the company's seat.
REGISTERED = re.compile(r"注册地(?:在|为|位于)|注册于|注册在")


def _registered(ctx: ArticleContext) -> list[Fact]:
    facts = []
    for phrase in REGISTERED.finditer(ctx.text):
        sentence = ctx.sentence_at(phrase.start())
        companies = [m for m in ctx.mentions_between(sentence.start, phrase.start())
                     if m.type == "Company"]
        places = _most_specific(ctx.gazetteer, next(iter(_place_chains(
            ctx.gazetteer, ctx.mentions_between(phrase.end(), phrase.end() + 30))), []))
        if companies and places and places[0].start - phrase.end() <= 1:
            facts.extend(Fact(companies[0], "locatedIn", ctx.evidence(phrase.start(),
                                                                       phrase.end()), object=p)
                         for p in places)
    return facts


def _place_chains(gazetteer, mentions: list[Mention]) -> list[list[Mention]]:
    """Places written one right after the other (宜昌市夷陵区, 某市某区某产业园), each
    place inside the one before, as chains in text order."""
    chains: list[list[Mention]] = []
    for m in mentions:
        if m.type not in PLACE_LABELS:
            continue
        if chains and chains[-1][-1].end == m.start and _nests(gazetteer, chains[-1][-1], m):
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def _nests(gazetteer, outer: Mention, inner: Mention) -> bool:
    if outer.type == "Zone":
        return False
    if inner.type == "Zone":
        return True
    return bool(outer.code and inner.code and outer.code != inner.code
                and gazetteer.contains(outer.code, inner.code))


def _most_specific(gazetteer, places: list[Mention]) -> list[Mention]:
    """The most specific of nested areas, and every zone."""
    return [m for m in places if not any(
        o is not m and o.code and m.code and o.code != m.code and gazetteer.contains(m.code, o.code)
        for o in places)]


def _described_at(mentions: list[Mention], position: int) -> Mention | None:
    return next((m for m in mentions if m.start == position and m.type in SUBJECT_LABELS), None)


def _placed_facility(mentions: list[Mention], position: int) -> bool:
    """Does a facility's name start at ``position`` (某县某镇的|某某中心)?"""
    return any(m.start == position and m.type in FACILITY_SUBJECTS for m in mentions)


FACILITY_SUBJECTS = frozenset({"ComputeCenter", "Project", "Zone", "Port"})


def _first_facility(mentions: list[Mention], position: int) -> Mention | None:
    return next((m for m in mentions if m.start >= position
                 and m.type in ("ComputeCenter", "Project")), None)


# Labelled fields of announcements: a company's seat, a project's site.
SEAT_LABELS = ("住所", "注册地址", "注册地", "办公地址", "公司地址")
SITE_LABELS = ("建设地点", "项目地点", "项目地址", "项目选址", "实施地点", "建设地址")
FIELD = re.compile("(" + "|".join(SEAT_LABELS + SITE_LABELS) + ")[：:]")
SECTION = re.compile(r"[一二三四五六七八九十]+、")
ORGANISATION_SUBJECTS = frozenset({"Company", "ResearchOrg"})


def _labelled_fields(ctx: ArticleContext) -> list[Fact]:
    """住所：某省某市某区… locates the company its block names (名称：…, or the block's
    heading); 建设地点：… the project its block names.  Within a block only."""
    facts = []
    text = ctx.text
    for field in FIELD.finditer(text):
        label = field.group(1)
        line_end = min(field.end() + 40, len(text))
        chain = next(iter(_place_chains(ctx.gazetteer, ctx.mentions_between(field.end(),
                                                                           line_end))), [])
        if not chain or chain[0].start - field.end() > 2:
            continue
        places = _most_specific(ctx.gazetteer, chain)
        if not places:
            continue
        if label in SEAT_LABELS:
            subject = ctx.record_holder(field.start(), ORGANISATION_SUBJECTS)
        else:        # the project named last in its section (项目名称：…。2. 建设地点：…)
            section_start = max([h.end() for h in SECTION.finditer(
                text, max(0, field.start() - 160), field.start())] + [field.start() - 160, 0])
            named = [m for m in ctx.mentions_between(section_start, field.start())
                     if m.type in ("ComputeCenter", "Project")]
            subject = named[-1] if named else _record_facility(ctx, field.start())
        if subject is None:
            continue
        facts.extend(Fact(subject, "locatedIn", ctx.evidence(field.start(), line_end), object=p)
                     for p in places)
    return facts


# How far back a notice's 项目名称 field may stand from its site (一、项目名称：…五、项目地点：…).
RECORD_REACH = 500


def _record_facility(ctx: ArticleContext, position: int) -> Mention | None:
    """The facility of the notice's 项目名称 field before ``position``, when each field is
    an item of its own (一、项目名称：某某中心二期项目 … 五、项目地点：某市某区)."""
    record = ctx.text.rfind("项目名称", max(0, position - RECORD_REACH), position)
    if record == -1:
        return None
    line_end = ctx.text.find("\n", record, position)
    named = [m for m in ctx.mentions_between(record, line_end if line_end != -1 else position)
             if m.type in ("ComputeCenter", "Project")]
    return named[0] if named else None


def _built_after(ctx: ArticleContext, mentions: list[Mention], place: Mention) -> Mention | None:
    """在某某区(共同)建设某某中心: the facility the verb after the place builds."""
    verb_at = place.end
    while (adverb := next((a for a in BUILDING_ADVERBS if ctx.text.startswith(a, verb_at)),
                          None)) is not None:
        verb_at += len(adverb)
    verb = next((v for v in BUILDING_VERBS if ctx.text.startswith(v, verb_at)), None)
    if verb is None:
        return None
    return next((m for m in mentions if m.start == verb_at + len(verb)
                 and m.type in ("ComputeCenter", "Project")), None)


def _described_after(ctx: ArticleContext, mentions: list[Mention],
                     places: list[Mention]) -> Mention | None:
    """位于某某县(境内)的某某中心: the facility right after 位于 P 的."""
    if not places:
        return None
    at = places[-1].end
    at += next((len(w) for w in WITHIN_WORDS if ctx.text.startswith(w, at)), 0)
    if not ctx.text.startswith("的", at):
        return None
    return next((m for m in mentions if m.start == at + 1 and m.type in SUBJECT_LABELS), None)


def _places_after(ctx: ArticleContext, mentions: list[Mention], position: int) -> list[Mention]:
    """The place mentions right after a trigger (a zone and its area may both be named), in
    the same clause (落户某园区，由某市的某公司…: the city is the company's)."""
    gazetteer = ctx.gazetteer
    out = []
    cursor = position
    for m in mentions:
        if m.start < position:
            continue
        if m.start - cursor > 2 or m.type not in PLACE_LABELS or \
                any(ch in "，,。；;" for ch in ctx.text[cursor:m.start]):
            break
        listed = ctx.text[cursor:m.start] in LIST_JOINS      # 某镇和某镇(境内)
        if out and m.type == "AdminArea" and out[-1].code and m.code and m.code != out[-1].code \
                and not gazetteer.contains(out[-1].code, m.code) and not listed:
            break   # 某市北京南路: a second area right after the first is a street name,
            #         unless it lies inside the first (某市某区) or is listed with it
        out.append(m)
        cursor = m.end
    # 某市某区: only the most specific of nested areas
    return [m for m in out if not any(
        o is not m and o.code and m.code and o.code != m.code and gazetteer.contains(m.code, o.code)
        for o in out)]


def _subject_before(ctx: ArticleContext, mentions: list[Mention], position: int,
                    sentence_start: int) -> Mention | None:
    """What a location clause is about: the sentence's first facility, else an organisation
    right before the trigger, else the article's facility when the clause says 该项目, or
    the item's in a list of facilities (3．某某项目。某公司投资…，落户某园区)."""
    before = [m for m in mentions if m.end <= position and m.type in SUBJECT_LABELS]
    facilities = [m for m in before if m.type in ("ComputeCenter", "Project", "Port", "Zone")]
    if facilities:
        return facilities[0]
    if before and position - before[-1].end <= 2:
        return before[-1]
    clause = ctx.text[sentence_start:position].strip()
    if COMPANY_REFERENCE.search(clause):
        return None     # 该公司拟在某区建设…: where a company builds is not its facility's place
    if not clause or "该" in clause or clause.startswith("项目") or \
            ctx.facility_item(position) is not None:
        return ctx.referent(position)
    return None


def _zone_holds(ctx: ArticleContext) -> list[Fact]:
    """某某开发区某某公司…: a zone written right before a company or project holds it, and
    the company's facility written right after the company (某开发区某集团某煤矿); so
    does a county written before a name that opens with its province (某县某省某某公司)."""
    facts = []
    ordered = sorted(ctx.mentions, key=lambda m: m.start)
    for left, right, after in zip(ordered, ordered[1:], ordered[2:] + [None]):
        if right.type not in ("Company", "Project", "ComputeCenter") or right.start != left.end:
            continue
        if left.type == "Zone" or (left.type == "AdminArea" and left.code and
                                   _opens_with_area_above(ctx, right.text, left.code)):
            facts.append(Fact(right, "locatedIn", right.source, object=left))
            if left.type == "Zone" and right.type == "Company" and after is not None \
                    and after.type in ("Project", "ComputeCenter") and after.start == right.end:
                # 某开发区某集团某煤矿: the owner's facility is in the zone too
                facts.append(Fact(after, "locatedIn", after.source, object=left))
    return facts


def _opens_with_area_above(ctx: ArticleContext, name: str, code: str) -> bool:
    """Does ``name`` open with a division that contains the division ``code``?"""
    above = {a.code for a in ctx.gazetteer.ancestors(code)}
    return any(d.code in above for size in _form_sizes(ctx.gazetteer, name, 0)
               for d in ctx.gazetteer.lookup(name[:size]))


def _zone_projects(ctx: ArticleContext, given: dict) -> list[Fact]:
    """An article about one zone (in its title, or named five times) locates its projects."""
    zones = [m for m in ctx.mentions if m.type == "Zone"]
    counts = Counter(_zone_core(ctx, m.text) for m in zones)
    if not counts:
        return []
    core, count = counts.most_common(1)[0]
    title = ctx.article.title or ""
    if count < 3 or (core not in title and count < 5):
        return []
    zone = max((z for z in zones if _zone_core(ctx, z.text) == core), key=lambda z: len(z.text))
    facts = []
    for m in ctx.mentions:
        if m.type == "Project" and m.label not in given:
            facts.append(Fact(m, "locatedIn", m.source, object=zone))
            given[m.label] = [zone]
    return facts


def _zone_core(ctx: ArticleContext, name: str) -> str:
    """新疆某某经济技术开发区 and 某某开发区 share the core 某某."""
    for suffix in sorted(org_suffixes(), key=len, reverse=True):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    for size in range(min(len(name) - 1, 9), 1, -1):
        if ctx.gazetteer.lookup(name[:size]):
            return name[size:]
    return name
