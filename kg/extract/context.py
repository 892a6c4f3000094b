"""What every extractor needs to know about one analysed article.

Wraps the article and its spaCy doc: the mentions (one per entity span, with the name it
stands for), the sentences, the article's home areas (the prefecture the page is about,
used to read 地区教育局 as 某某地区教育局), and the facility the article is about (the
referent of 该项目 and of an omitted subject).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

from kg.extract.organs import (GOVERNMENT_ABBREVIATION, PARTY_ABBREVIATION,
                               PARTY_COMMITTEE_ENDINGS, RELATIVE_PREFIXES, party_committee,
                               working_committee)
from kg.nlp.gazetteer import Division, Gazetteer
from kg.nlp.lexicon import STOCK_CODE, org_suffixes
from kg.nlp.spans import token_table
from kg.records import Article, Mention, Source

ORGANISATION_LABELS = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization"})
FACILITY_LABELS = frozenset({"ComputeCenter", "Project"})
# 公司全称：某某股份有限公司 on an announcement or an investor Q&A page.
ISSUER_FIELD = re.compile(r"(?:公司全称|公司名称|发行人)[：:]\s*$")
# What follows an announcing company's name on a line of its own: its board signing, or the
# rest of the announcement's title.
ISSUER_LINE = re.compile(r"董事会\s*$|关于[^\n]*公告\s*$", re.M)
# A project described, not named, after what builds it (该公司投资建设的高端铜箔项目).
DESCRIBED_PROJECT = re.compile(r"(?:建设|投建|实施|推进)的([\u4e00-\u9fff]{4,20})项目")
# Words that refer back to a facility named before (…建设该项目).
FACILITY_REFERENCES = ("该项目", "本项目", "该中心", "该基地", "该工程")
# What opens a part of a sentence that refers back rather than naming its subject.
ITEM_REFERENCE = re.compile(r"该|本|此|其|项目|工程|同时|另外|此外|并|且|[一二三四五六七八九十]期")
# A part of a sentence opening with a facility's name of its own (乙冷链物流中心项目由…).
OWN_ITEM_SUBJECT = re.compile(r"[^，。；：,;:\d]{2,40}?(?:项目|中心|工程|基地|电站|电场|园|平台|集群)")
NAMED_AFTER_PLACES = ORGANISATION_LABELS | FACILITY_LABELS | {"Zone", "Port"}
# Relative names: 地区教育局 on a prefecture's page means that prefecture's bureau; the
# levels of the area each word may stand for, in order of preference.
RELATIVE_AREA_LEVELS = {"自治区": ("province",), "省": ("province",), "地区": ("prefecture",),
                        "地": ("prefecture",), "州": ("prefecture",),
                        "市": ("county", "prefecture"), "县": ("county",), "区": ("county",),
                        "旗": ("county",)}
# Verbs of an official's visit to a place: the place is not the official's own.
VISIT_VERBS = ("赴", "到", "前往", "来到", "深入", "走进")


# （以下简称“某某”） and （以下简称“公司”或“某某”）, after other words in the bracket too.
DECLARED = re.compile(r"(?:以下|下文)?(?:简称|下称|以下称)[为：:]?[“\"]([^“”\"（）]{1,12})[”\"]"
                      r"(?:或[“\"]([^“”\"（）]{1,12})[”\"])?")


GENERIC_SHORT_NAMES = frozenset({"公司", "集团", "企业"})

# A numbered item of a list (2．, 3、, （四）) whose heading is a facility's name, up to its
# first full stop (2．年产5万吨某某项目。由某公司投资…).
ITEM_OPENING = re.compile(r"[ 　]*(?:\d{1,2}[．.、](?!\d)|[一二三四五六七八九十]{1,3}、"
                          r"|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)])"
                          r"[ 　]*")
FACILITY_HEADING = re.compile(r"[^，。；：,;:\n]{2,48}?(?:项目|中心|工程|基地|电站|电场|园|平台|集群)"
                              r"(?:[（(][^）)\n]{1,12}[）)])?[。；;]")
# A line of a record's labelled fields: 名称：…, 2.注册资本：…, （三）住所：….
FIELD_LINE = re.compile(r"[ 　]*(?:[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]?[.、．]?[ 　]*)?"
                        r"[\u4e00-\u9fff]{2,8}[ 　]*[:：]")
# Where fields run together in one line (名称：甲公司住所：某市), a numbered heading ends a block.
INLINE_RECORD_BREAK = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.\s")
# A line heading a record (（一）某某有限公司) is short and ends no sentence.
RECORD_HEADING_CHARS = 40
NAME_FIELDS = ("名称：", "名称:")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


class ArticleContext:
    def __init__(self, article: Article, doc: Doc):
        self.article = article
        self.doc = doc
        self.text = token_table(doc).text    # doc.text would rebuild it token by token
        self.gazetteer = Gazetteer.load()
        self._sources: dict[int, Source] = {}
        self.mentions: list[Mention] = [self._mention(span) for span in doc.ents]
        self.extra_mentions: list[Mention] = []
        title_doc = (doc._.kg_context or {}).get("title")
        self.title_mentions: list[Mention] = [] if title_doc is None else [
            self._title_mention(span) for span in title_doc.ents]

    # -- sentences --------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        # doc.sents would build a Token per token; the first sentence starts at the first
        # token whatever its mark, the others where the mark is 1.
        marks = self.doc.to_array([SENT_START, IDX])
        if not len(marks):
            return []
        starts = [0, *marks[1:, 1][marks[1:, 0] == 1].tolist()]
        ends = starts[1:] + [len(self.text)]
        return [Sentence(start, end, self.text[start:end]) for start, end in zip(starts, ends)]

    def sentence_at(self, position: int) -> Sentence:
        i = bisect.bisect_right(self._sentence_starts, position) - 1
        if 0 <= i and position < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1] if i >= 0 else self.sentences[0]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def evidence(self, start: int, end: int):
        """The Source of a fact read at text[start:end]: its sentence, mapped to the file."""
        sentence = self.sentence_at(start)
        source = self._sources.get(sentence.start)
        if source is None:    # one Source per sentence, shared by its mentions and facts
            source = self.article.source(sentence.start, sentence.end, sentence.text.strip())
            self._sources[sentence.start] = source
        return source

    def mentions_between(self, start: int, end: int, labels=None) -> list[Mention]:
        # Mentions are in text order and do not overlap: look only from the first at start.
        first = bisect.bisect_left(self._mention_starts, start)
        out = []
        for m in self.mentions[first:]:
            if m.start >= end:
                break
            if m.end <= end and (labels is None or m.type in labels):
                out.append(m)
        return out

    def mention_at(self, position: int, labels, end: int | None = None) -> Mention | None:
        """The mention of one of ``labels`` that begins at ``position`` (and ends by
        ``end``, if given), or None; mentions do not overlap, so at most one begins there."""
        i = bisect.bisect_left(self._mention_starts, position)
        if i < len(self.mentions):
            m = self.mentions[i]
            if m.start == position and m.type in labels and (end is None or m.end <= end):
                return m
        return None

    def record_holder(self, position: int, labels) -> Mention | None:
        """The organisation (of ``labels``) that the record holding the field at
        ``position`` names: the one written after 名称： nearest before the field, else the
        first the record names.  A record is the run of field lines up to the field's
        (名称：… / 法定代表人：…), with the short line heading them (（一）某某有限公司)."""
        text = self.text
        line_start = text.rfind("\n", 0, position) + 1
        breaks = [b.end() for b in INLINE_RECORD_BREAK.finditer(text, line_start, position)]
        start = breaks[-1] if breaks else line_start
        while not breaks and start > 0:
            previous = text.rfind("\n", 0, start - 1) + 1
            line = text[previous:start - 1]
            if any(field in line for field in NAME_FIELDS):
                start = previous      # the record's 名称 field, run together with what
                break                 # heads it (四、某某基本情况公司名称：…): its start
            if FIELD_LINE.match(line):
                start = previous
                continue
            if len(line) <= RECORD_HEADING_CHARS and "。" not in line:
                start = previous
            break
        named = [m for m in self.mentions_between(start, position) if m.type in labels]
        titled = [m for m in named if text[max(0, m.start - 3):m.start].endswith(NAME_FIELDS)]
        return titled[-1] if titled else named[0] if named else None

    def last_before(self, position: int, labels) -> Mention | None:
        found = None
        for m in self.mentions:
            if m.end <= position and m.type in labels:
                found = m
        return found

    @cached_property
    def issuer(self) -> Mention | None:
        """The listed company an announcement or an investor Q&A is by, which it calls 公司:
        the company written in a 公司全称/公司名称 field, or the first followed by its stock
        code (某某科技（688592）), or signing for its board or heading the announcement on a
        line of its own (某某股份有限公司董事会, 某某股份有限公司关于…的公告)."""
        for m in self.mentions:
            if m.type == "Company" and (
                    ISSUER_FIELD.search(self.text, max(0, m.start - 8), m.start)
                    or STOCK_CODE.match(self.text, m.end)
                    or (m.start == 0 or self.text[m.start - 1] == "\n")
                    and ISSUER_LINE.match(self.text, m.end)):
                return m
        return None

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    # -- areas ------------------------------------------------------------------------
    @cached_property
    def home_areas(self) -> list[Division]:
        """The areas the article is most about: those it names, most mentioned first, then
        those its organisations and facilities carry at the start of their names
        (某某经济技术开发区, 某某市某某有限公司) when the text names them only there, then
        the place its page's paper is named after (某市日报)."""
        counts, in_names = self._area_counts
        named = [code for code, _n in counts.most_common()]
        codes = named + [code for code, _n in in_names.most_common() if code not in counts]
        # (last, the place the page's paper is named after: 某市日报's articles are 某市's)
        paper = self._leading_place(self.article.newspaper, named) \
            if self.article.newspaper else None
        if paper is not None and paper.code not in codes:
            codes.append(paper.code)
        return [self.gazetteer.by_code(code) for code in codes]

    @cached_property
    def _area_counts(self) -> tuple[Counter, Counter]:
        """How often the article names each area by itself, and how often at the start of
        the names of its organisations and facilities."""
        counts = Counter(m.code for m in self.mentions if m.type == "AdminArea" and m.code)
        named = [code for code, _n in counts.most_common()]
        in_names = Counter()
        for m in self.mentions:
            if m.type in NAMED_AFTER_PLACES:
                division = self._leading_place(m.text, named)
                if division is not None:
                    in_names[division.code] += 1
        return counts, in_names

    def _leading_place(self, name: str, context: list[str]) -> Division | None:
        """The division whose name opens ``name``, its longest such form."""
        beginnings = self.gazetteer.form_beginnings()
        found = None
        for size in range(2, len(name)):
            if name[:size] not in beginnings:
                break
            if self.gazetteer.lookup(name[:size]):
                found = name[:size]
        if found is None:
            return None
        division = self.gazetteer.resolve(found, context)
        if division is None or not self.gazetteer.plausible_form(found, division, context):
            return None
        return division

    def home_area(self, level: str) -> Division | None:
        """The most mentioned area of a level, or the parent of that level of one."""
        for division in self.home_areas:
            if division.level == level:
                return division
        for division in self.home_areas:
            for ancestor in self.gazetteer.ancestors(division.code):
                if ancestor.level == level:
                    return ancestor
        return None

    def area_named(self, form: str) -> Division | None:
        codes = [d.code for d in self.home_areas]
        return self.gazetteer.resolve(form, codes)

    def committee_area(self, written: str, position: int) -> Division | None:
        """The area whose party committee ``written`` (某某州党委, 中共某某市委, 自治区党委)
        names, or None."""
        match = PARTY_ABBREVIATION.match(written)
        if not match or not written.endswith(PARTY_COMMITTEE_ENDINGS):
            return None
        area = self.area_named(match["area"]) if len(match["area"]) > 1 else None
        return area or self.relative_area(match["area"], position)

    def relative_area(self, word: str, position: int | None = None) -> Division | None:
        """The area 自治区, 省, 地区, 州, 市 or 县 written alone stands for: the area of that
        level the sentence names last before ``position`` (吉林省委书记某某，省委副书记…),
        else the article's area of that level, one whose name ends in the word if there is
        one (for 市, the city the article names most, county-level or prefecture-level; else
        the prefecture-level city of a county it names)."""
        levels = RELATIVE_AREA_LEVELS.get(word)
        if levels is None:
            return None
        if position is not None:
            named = self._named_before(position, levels, "地区" if word == "地" else word)
            if named is not None:
                return named
        if word == "市":
            named = next((a for a in self.home_areas if a.level in levels
                          and a.name.endswith("市")), None)
            if named is not None and named.level == "county":
                # 市委书记 on a page that names two county-level cities of one prefecture
                # (a visit to 甲市 and 乙市): the prefecture's city, not the first county's
                counties = [a for a in self.home_areas if a.level == "county"
                            and a.name.endswith("市")]
                parents = {p.code: p for a in counties for p in self.gazetteer.ancestors(a.code)
                           if p.level == "prefecture" and p.name.endswith("市")}
                if len(parents) == 1 and len(counties) >= 2:
                    return next(iter(parents.values()))
                # and one whose prefecture's city the article writes more often, mostly in
                # the names of its organisations (某市大数据局, 中国电信某市分公司)
                counts, in_names = self._area_counts
                if len(parents) == 1:
                    [(code, prefecture)] = parents.items()
                    if counts[code] + in_names[code] > counts[named.code] + in_names[named.code]:
                        return prefecture
                    # 市长某某赴某县级市调研: the official visits that city from its prefecture's
                    if position is not None and self._visits(position, named):
                        return prefecture
            if named is not None:
                return named
        areas = [a for a in map(self.home_area, levels) if a is not None]
        ending = "地区" if word == "地" else word
        if word in ("州", "地区", "地", "盟") and not any(a.name.endswith(ending) for a in areas):
            # 州委 in an article that names a city more often than its prefecture (运往某市;
            # 某某自治州委): the prefecture of that kind it names, or holds a county of.
            areas = [a for a in self._areas_and_ancestors(levels)
                     if a.name.endswith(ending)] + areas
        return next((a for a in areas if a.name.endswith(ending)), areas[0] if areas else None)

    def _visits(self, position: int, place: Division) -> bool:
        """Does the sentence from ``position`` on say its subject goes to ``place``
        (赴/到/前往/来到/深入 某市)?"""
        sentence = self.sentence_at(position)
        clause = self.text[position:min(sentence.end, position + 40)]
        return any(f"{verb}{form}" in clause for verb in VISIT_VERBS
                   for form in {place.name, place.short} - {None, ""})

    def _named_before(self, position: int, levels, ending: str) -> Division | None:
        """The area of ``levels`` whose name ends in ``ending`` that the sentence holding
        ``position`` names last before it."""
        sentence = self.sentence_at(position)
        for m in reversed(self.mentions_between(sentence.start, position,
                                                ("AdminArea", "GovernmentBody"))):
            division = self._organ_area(m) if m.type == "GovernmentBody" else \
                self.gazetteer.by_code(m.code) if m.code and m.code.isdigit() else None
            if division is not None and division.level in levels and \
                    division.name.endswith(ending):
                return division
        return None

    def _organ_area(self, organ: Mention) -> Division | None:
        """The area whose party committee or people's government ``organ`` is (中共某市委,
        某市人民政府), or None."""
        match = GOVERNMENT_ABBREVIATION.fullmatch(organ.text)
        if match:
            return self.area_named(match["area"]) if self.gazetteer.lookup(match["area"]) \
                else None
        return self.committee_area(organ.text, organ.start) if len(organ.text) > 3 else None

    def _areas_and_ancestors(self, levels) -> list[Division]:
        out = []
        for division in self.home_areas:
            for area in (division, *self.gazetteer.ancestors(division.code)):
                if area.level in levels and area not in out:
                    out.append(area)
        return out

    def relative_area_mention(self, word: str, start: int, end: int) -> Mention | None:
        """The article's area that ``word`` (市, 县 …) stands for, as a mention of the text
        written at [start, end) (我市, 全县), or None."""
        area = self.relative_area(word)
        if area is None:
            return None
        return self.add(Mention(self.text[start:end], "AdminArea", self.evidence(start, end),
                                start, end, area.name, area.code))

    def expand_relative(self, name: str) -> str:
        """地区教育局 -> 某某地区教育局, 州工商联 -> 某某州工商联, 自治区党委 -> 某某自治区党委
        (by the article's areas)."""
        for prefix in RELATIVE_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix) + 1 and \
                    not self.gazetteer.lookup(name[:len(prefix) + 1]):
                area = self.relative_area(prefix)
                if area is None:
                    return name
                if prefix == "地区" and area.name.endswith("地区"):
                    return area.name + name[2:]
                if prefix == "州" and area.name.endswith("州"):
                    return area.short + "州" + name[1:] if not area.short.endswith("州") \
                        else area.short + name[1:]
                if prefix in ("自治区", "省", "市", "县") and area.name.endswith(prefix):
                    return area.name + name[len(prefix):]
                return name
        return name

    # -- the article's subject ----------------------------------------------------------
    @cached_property
    def topic_facility(self) -> Mention | None:
        """The facility the article is about: the one its title names, else the most
        mentioned, earliest on ties."""
        titled = [m for m in self.title_mentions if m.type in FACILITY_LABELS]
        if len(titled) == 1:
            return titled[0]
        facilities = [m for m in self.mentions if m.type in FACILITY_LABELS]
        if not facilities:
            return None
        counts = Counter(_core(m.label) for m in facilities)
        best = max(facilities, key=lambda m: (counts[_core(m.label)], -m.start))
        return best

    def referred_facility(self, position: int) -> Mention | None:
        """The facility 该项目 (本项目, 该中心 …) written at ``position`` refers to, if any
        (…建设该项目)."""
        if not self.text.startswith(FACILITY_REFERENCES, position):
            return None
        referent = self.referent(position)
        return referent if referent is not None and referent.type in FACILITY_LABELS else None

    def facility_item(self, position: int) -> int | None:
        """Where the numbered item holding ``position`` starts, when the item is headed by
        a facility's name (2．某某项目。由…投资…), recognised or not; else None."""
        text = self.text
        line_start = text.rfind("\n", 0, position) + 1
        opening = ITEM_OPENING.match(text, line_start)
        if opening is None or FACILITY_HEADING.match(text, opening.end()) is None:
            return None
        return line_start

    def item_facility(self, position: int) -> Mention | None:
        """The facility that heads the numbered item holding ``position``, if recognised."""
        item = self.facility_item(position)
        if item is None:
            return None
        heading_end = self.text.find("。", item, position)
        named = self.mentions_between(item, heading_end + 1 if heading_end != -1 else position,
                                      FACILITY_LABELS)
        return named[0] if named else None

    def own_item_start(self, sentence_start: int, position: int) -> int | None:
        """In a sentence that lists items between ；, the start of the item holding
        ``position`` when the item opens with a facility's name of its own (甲项目总投资…；
        乙项目由…投资建设), not with a reference (该项目, 其中, 项目) or a verb, else None:
        what the item says is about what it names, not what an item before it names."""
        at = self.text.rfind("；", max(0, sentence_start - 1), position)
        if at == -1:
            return None
        opening = self.text[at + 1:position].lstrip(" 　")
        if ITEM_REFERENCE.match(opening) or not OWN_ITEM_SUBJECT.match(opening):
            return None
        return at + 1

    def referent(self, position: int) -> Mention | None:
        """What 该项目 / 该中心 / an omitted subject at ``position`` refers to: the facility
        named last before it within the two sentences before, else the article's facility.
        In an item of a list of facilities, only the item's own facility."""
        item = self.facility_item(position)
        if item is not None:
            named = self.mentions_between(item, position, FACILITY_LABELS)
            return named[-1] if named else None
        sentence = self.sentence_at(position)
        index = self.sentences.index(sentence)
        window_start = self.sentences[max(0, index - 2)].start
        named = [m for m in self.mentions_between(window_start, position, FACILITY_LABELS)]
        described = [m for m in DESCRIBED_PROJECT.finditer(
            self.text, named[-1].end if named else window_start, position)
            if not self.mentions_between(m.start(1), m.end())]
        if described:
            return None     # 该公司投资建设的某某新材料项目…。该项目…: a project not named
        if named:
            return named[-1]
        topic = self.topic_facility
        if topic is not None and topic.start > position and \
                not any(m.label == topic.label for m in self.title_mentions) and \
                not any(m.label == topic.label and m.start < position for m in self.mentions):
            return None     # a facility first named after this point is not referred back to
        return topic

    # -- mentions ---------------------------------------------------------------------
    def _mention(self, span: Span) -> Mention:
        attrs = span._.kg or {}
        start, end = span.start_char, span.end_char
        text = self.text[start:end]
        return Mention(text=text, type=span.label_, source=self.evidence(start, end), start=start,
                       end=end, name=attrs.get("name") or text, code=attrs.get("code"))

    def _title_mention(self, span: Span) -> Mention:
        attrs = span._.kg or {}
        source = self.article.title_source(span.start_char, span.end_char)
        return Mention(text=span.text, type=span.label_, source=source, start=-1, end=-1,
                       name=attrs.get("name") or span.text, code=attrs.get("code"))

    def finalise(self) -> None:
        """Expand relative organisation names once all areas of the article are known, and
        give a declared short name (以下简称“合资公司”) the full name it was declared for."""
        mentions = [self._declared_as(self._expanded(m)) for m in self.mentions
                    if not self._inside_a_word(m)]
        written = {m.text for m in mentions}
        for short, full in self.declared.items():
            if short not in written and short not in GENERIC_SHORT_NAMES:
                # The declaration itself names the short form: an alias of the full name.
                at = self.text.find(short, full.end)
                self.add(Mention(short, full.type, self.evidence(at, at + len(short)), at,
                                 at + len(short), full.label, full.code, (short,)))
        self.mentions = mentions
        self.__dict__.pop("_mention_starts", None)      # indexed the list before this one
        self.title_mentions = [self._expanded(m) for m in self.title_mentions]

    def _inside_a_word(self, m: Mention) -> bool:
        """A declared short name such as 公司 read inside 全资子公司 or 分公司 is no mention."""
        return m.text in GENERIC_SHORT_NAMES and self.text[m.start - 1:m.start] in "子分孙母总" \
            and m.start > 0

    @cached_property
    def declared(self) -> dict[str, Mention]:
        """Short names the article declares for a name written right before the bracket:
        甲公司（暂定名，以下简称“合资公司”）, 乙公司（以下简称“公司”或“乙科技”）."""
        out: dict[str, Mention] = {}
        for match in DECLARED.finditer(self.text):
            opened = self.text.rfind("（", max(0, match.start() - 40), match.start())
            if opened == -1 or self.text.find("）", opened, match.start()) != -1:
                continue
            full = next((m for m in self.mentions_between(max(0, opened - 60), opened)
                         if m.end == opened), None)
            if full is None:
                continue
            for short in match.groups():
                if short and short != full.text:
                    out.setdefault(short, full)
        return out

    def declared_company(self, written: str) -> Mention | None:
        """The company a declared short name ending ``written`` (…公司) stands for."""
        for short, full in self.declared.items():
            if written.endswith(short) and full.type == "Company":
                return full
        return None

    def _declared_as(self, m: Mention) -> Mention:
        full = self.declared.get(m.text)
        if full is None or m.label != m.text or full.start == m.start or full.type != m.type \
                and not (m.type in ORGANISATION_LABELS and full.type in ORGANISATION_LABELS):
            return m
        return Mention(m.text, full.type, m.source, m.start, m.end, full.label, full.code,
                       (m.text,))

    def _expanded(self, m: Mention) -> Mention:
        if m.type == "GovernmentBody" and (area := self.committee_area(m.text, m.start)):
            # 中共某某市委, 某某州党委 written as a name: the area's party committee.
            name, aliases = party_committee(area, m.text)
            return Mention(m.text, m.type, m.source, m.start, m.end, name, None, aliases)
        if m.type in ORGANISATION_LABELS | {"Zone"}:
            expanded = self.expand_relative(m.text)
            if m.type == "GovernmentBody" and expanded.endswith("党工委") and len(expanded) > 3:
                # 某某开发区党工委: 中共某某开发区工作委员会, as a city's 市委 is its 委员会.
                name, aliases = working_committee(expanded[:-len("党工委")], m.text)
                return Mention(m.text, m.type, m.source, m.start, m.end, name, m.code, aliases)
            if expanded != m.text:
                return Mention(m.text, m.type, m.source, m.start, m.end, expanded, m.code,
                               (m.text,))
        return m

    @cached_property
    def owners_in_names(self) -> list[Mention]:
        """Companies that open facility names (某某有限公司80万吨煤制烯烃项目): the owner
        is named inside the facility's name, so it is mentioned too."""
        owners = []
        for m in self.title_mentions + self.mentions:
            if m.type not in FACILITY_LABELS:
                continue
            owner = _owner_prefix(m.text)
            if owner and m.start >= 0 and m.start + len(owner) not in self._token_starts:
                continue      # 某某产业园标准化厂|房…: a suffix inside a word is none
            if owner:
                start = m.start if m.start >= 0 else -1
                owners.append(Mention(owner, "Company", m.source, start,
                                      start + len(owner) if start >= 0 else -1, owner))
        return owners

    @cached_property
    def _token_starts(self) -> frozenset[int]:
        return frozenset(token.idx for token in self.doc)

    @cached_property
    def zones_in_names(self) -> list[tuple[Mention, Mention]]:
        """(named thing, zone) for zones that open facility, company and park names
        (某某经济开发区智算产业园项目, 某某高新区某某产业园): the zone is named inside the
        name, so it is mentioned too, and holds the thing."""
        pairs = []
        for m in self.title_mentions + self.mentions:
            if m.type not in FACILITY_LABELS and m.type != "Company" and m.type != "Zone":
                continue
            zone = _zone_prefix(m.text)
            if zone:
                start = m.start if m.start >= 0 else -1
                pairs.append((m, Mention(zone, "Zone", m.source, start,
                                         start + len(zone) if start >= 0 else -1, zone)))
        return pairs

    def add(self, mention: Mention) -> Mention:
        self.extra_mentions.append(mention)
        return mention


def _owner_prefix(name: str) -> str | None:
    """The longest beginning of ``name`` that is a company's name (a body of two
    characters or more and a company suffix), leaving a facility name after it."""
    suffixes = _company_suffixes()
    for end in range(len(name) - 2, 2, -1):
        prefix = name[:end]
        if prefix.endswith(suffixes):
            suffix = next(s for s in suffixes if prefix.endswith(s))
            if len(prefix) - len(suffix) >= 2:
                return prefix
    return None


def _zone_prefix(name: str) -> str | None:
    """The shortest beginning of ``name`` that is a zone's name (a body of two characters
    or more and a zone suffix), when what follows it names a thing of its own (not only
    项目 or a phase: 某某产业园一期项目 is the park's own project)."""
    suffixes = _suffixes_of("Zone")
    for end in range(3, len(name) - 1):
        prefix = name[:end]
        if not prefix.endswith(suffixes):
            continue
        suffix = next(s for s in suffixes if prefix.endswith(s))
        if len(prefix) - len(suffix) < 2:
            continue
        rest = PHASE_ENDING.sub("", name[end:])
        return prefix if len(rest) >= 2 else None
    return None


# A phase and 项目 ending a facility's name (某某产业园一期项目): no name of their own.
PHASE_ENDING = re.compile(r"(?:[一二三四五六七八九十]期)?(?:项目|工程)?$")


def _company_suffixes() -> tuple[str, ...]:
    return _suffixes_of("Company")


@cache
def _suffixes_of(entity_type: str) -> tuple[str, ...]:
    return tuple(sorted((s for s, t in org_suffixes().items() if t == entity_type),
                        key=len, reverse=True))


def _core(label: str) -> str:
    return re.sub(r"项目$", "", label)
