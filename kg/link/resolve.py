"""Linking: mentions from all articles -> one entity per thing, facts between entities.

Rules, each a reader's:
- administrative areas are their division code (阿勒泰 the prefecture is not 阿勒泰市),
  and every area gets its ancestors up to the province (partOf);
- other mentions with the same name are one entity; a name given with its aliases
  (an implied organ: 中共某某市委员会 = 某某市委) brings those aliases;
- a name without its place prefix (某某智算中心) is the prefixed entity (某县某某智算中心)
  when exactly one such entity exists in the same document or under an area the
  document is about, or when the name opens with a place inside that prefix (甘州某某园区
  = 某省张掖甘州某某园区, each place of the address left out in turn); a bracketed place
  may be left out (新疆(某某)产业园 = 新疆产业园);
  two such entities are one when the name opens with a place of its own inside both
  prefixes (贵州都匀某某园 = 黔南州都匀某某园 = 都匀某某园), and two zones are one
  when their prefixes lie on one line of containment (某省某市某区某某开发区 =
  某省某市某某开发区);
- standard abbreviations inside names are the same name (发展和改革委员会 = 发改委);
- a place written in its short form is the same place (某某绿色中心 = 某某市绿色中心) when
  no second full form of that place competes; a generic reference (某某市智算中心项目,
  某某市项目) is the one facility of its kind (of any kind) under that place in the same
  article;
- a zone's abbreviation (某某开发区, 某某农高区) is the zone with the same core; a zone
  described by where it lies is abbreviated without it (某某临港经济开发区 = 某某开发区) when
  某某 is a name of its own, not a place; the organs of one zone (管委会, 党工委) are one;
- a phase of a facility (某某矿一期…项目) is the facility when its document names it;
- a company's branch is named with or without the company's legal form
  (某某股份有限公司某省分公司 = 某某某省分公司);
- a short name of two characters is the one legal name its own articles begin with it;
- a facility written as a project (某某智算中心项目, 某某生产基地项目, 某某物流园项目) has its
  own name as an alias;
- persons with the same name are one person unless their posts are at different
  organisations in different documents (organs of one place, or of a place and a place
  inside it — a district's government and its city's — are one official's posts:
  promoted, or holding both);
- last, a name an entity is known by (a short name such as 某某智算, part of its legal or
  organ name, distinctive, no other entity's) written in an article where recognition did
  not read it (no suffix, no slot) is a mention of the entity there.
Every merge and every rejected candidate is recorded for the link report.
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import combinations
from operator import itemgetter
from pathlib import Path
from typing import Iterable

from kg.extract import ArticleFacts
from kg.extract.context import PHASE_ENDING
from kg.extract.organs import BARE_ORGAN, RELATIVE_PREFIXES, party_committee
from kg.link.iri import entity_key, normalise_name
from kg.nlp.components.latin import chinese_endings
from kg.nlp.components.national import trie_pattern
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.lexicon import (GENERIC_MODIFIERS, family_name_length, listed_words, longest_suffix,
                            national_bodies, org_abbreviations, org_full_forms,
                            org_suffixes)
from kg.records import (RELATION_PREDICATES, ArticleInfo, Entity, KnowledgeGraph, LinkedFact,
                        Mention, Source)

TYPE_PRIORITY = ("ComputeCenter", "Project", "Port", "Zone", "Company", "ResearchOrg",
                 "GovernmentBody", "Organization", "Person")
ABBREVIATING_TYPES = frozenset({"GovernmentBody", "Organization"})
BRACKETED = re.compile(r"[(（][^()（）]{1,8}[)）]")
# 某某股份有限公司某省分公司 is 某某某省分公司: a branch is named by the brand without its legal form.
BRANCH = re.compile(r"(?P<brand>.{2,12}?)(?:集团)?(?:股份有限公司|有限责任公司|有限公司)"
                    r"(?P<branch>.{2,10}分(?:公司|行|院|局))")
UNIT_OF = re.compile(r"(?P<brand>.{2,12}?)(?:股份有限公司|有限责任公司|有限公司)"
                     r"(?P<unit>.{2,10}(?:局|院|所|中心|厂|分公司|分行))")
# The State Grid's city companies, under its province's: 国网某省电力有限公司某市供电公司.
STATE_GRID = "国网"
GRID_UNIT = re.compile(r"(?:国网|国家电网)(?P<province>.{2,8}?)电力有限公司(?P<unit>.{2,10}供电公司)")
# A phase of a facility, with what it adds: 某某矿一期1000万吨/年项目, 某某中心二期工程.
PHASE_OF = re.compile(r"(?P<core>.{2,}?)[一二三四五六七八九十]期.{0,16}(?:项目|工程)")
ZONE_FAMILIES = (
    ("经济技术开发区", "经济开发区", "临港经济开发区", "临空经济开发区", "经开区", "开发区"),
    ("高新技术产业开发区", "高新区"),
    ("农业高新技术产业示范区", "农高区"),
)


# Suffixes that describe a zone by where it lies: 某某临港经济开发区 is 某某开发区 only when
# 某某 is a name of its own (a city's 临港经济开发区 is not its 经济技术开发区).
DESCRIBED_ZONE_SUFFIXES = frozenset({"临港经济开发区", "临空经济开发区"})
ZONE_SUFFIXES = sorted(((suffix, index) for index, family in enumerate(ZONE_FAMILIES)
                       for suffix in family), key=lambda pair: -len(pair[0]))

# Words that say what power a facility runs on, left out of its name as writers shorten it
# (某某绿电智算中心: 某某智算中心); linking only — in recognition they may begin a trade name.
FACILITY_MODIFIERS = frozenset({"绿电", "零碳"})
# A shorter name found again in another article would too often be part of another word.
RECOVERED_MIN_LENGTH = 3
# A bay named after its city (某市湾) opens names of the city's zones and centres, and a
# port named after its city (某市港) the names of its port areas, written without it as
# without a place.
BAY = "湾"
PORT = "港"
PORT_AREA_ENDS = ("港区", "作业区", "码头")
OPENING_PLACES_KEPT = 65_536       # distinct names whose opening places are kept
PARTY = "中共"

_BARE = Mention("", "", Source("", "", 0, 0, ""))


@dataclass
class _Group:
    key: str
    names: Counter = field(default_factory=Counter)
    texts: set = field(default_factory=set)
    aliases: set = field(default_factory=set)
    types: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    code: str | None = None

    @property
    def main_type(self) -> str:
        """The type the group's mentions have most often, the first counted among equals
        (``types.most_common(1)``, without its heap machinery: asked about 270,000 times
        while linking the 10 MB benchmark)."""
        return max(self.types.items(), key=itemgetter(1))[0]


@dataclass(frozen=True)
class LinkDecision:
    kind: str        # merged | rejected
    rule: str
    names: tuple[str, ...]
    reason: str


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Linker:
    """Collects the mentions and facts of articles; :meth:`result` links them."""

    def __init__(self):
        self.gazetteer = Gazetteer.load()
        self.groups: dict[str, _Group] = {}
        self.facts: list[tuple] = []
        self.articles: list[ArticleInfo] = []
        self.doc_areas: dict[str, Counter] = defaultdict(Counter)
        self.decisions: list[LinkDecision] = []
        self.person_orgs: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        # article id -> (doc, its text with every mention blanked, compressed)
        self.unclaimed: dict[str, tuple[str, bytes]] = {}
        # the key of a place or name -> the articles of names opening with it (中共某市委:
        # 某市; 某某开发区管委会: 某某开发区)
        self.places_in_names: dict[str, set[str]] = defaultdict(set)
        self.latin_names: list[tuple[str, str]] = []     # (article id, name in Latin letters)
        self._opening_places: dict[str, tuple] = {}
        self._place_prefixes: dict[str, tuple[str, list] | None] = {}

    @staticmethod
    def load_tables() -> None:
        """Read the word lists :meth:`result` uses; a build calls it while its workers
        still read, so that the reading is not left to after the last document."""
        listed_words()

    # -- collecting -------------------------------------------------------------------
    def mention_key(self, mention: Mention) -> str:
        if mention.type == "AdminArea" and mention.code:
            return f"area:{mention.code}"
        name = normalise_name(mention.label)
        if mention.type == "Person":
            return f"person:{name}:{mention.source.doc}"
        return f"name:{name}"

    def add(self, article_facts: ArticleFacts) -> None:
        article = article_facts.article
        self.articles.append(ArticleInfo.of(article))
        for mention in article_facts.mentions:
            self._add_mention(mention)
        for fact in article_facts.facts:
            subject = self._add_mention(fact.subject)
            obj = self._add_mention(fact.object) if fact.object is not None else None
            # Keep the fact without its mentions: only keys, values and the source.
            self.facts.append((subject, replace(fact, subject=_BARE, object=None), obj))
            if fact.predicate == "holdsPosition" and obj is not None:
                self.person_orgs[normalise_name(fact.subject.label)][fact.source.doc].add(
                    (obj, fact.title or ""))
        self.unclaimed[article.id] = (article.doc, _unclaimed_text(article_facts))
        # Names in Latin letters, kept to read the places and persons they spell
        self.latin_names.extend((article.id, m.text) for m in article_facts.mentions
                                if m.text[:1].isascii() and m.text[:1].isalpha())
        for mention in article_facts.mentions:
            if mention.type not in ("AdminArea", "Person"):
                for division in self._places_opening(mention.text):
                    self.places_in_names[f"area:{division.code}"].add(article.id)
                for name in _names_opening(mention.text) + self._committee_opening(mention.text):
                    self.places_in_names[f"name:{name}"].add(article.id)

    def _committee_opening(self, name: str) -> tuple[str, ...]:
        """The party committee a name opens with (中共某市委宣传部 -> 中共某市委员会), by the
        full name it is known by."""
        match = COMMITTEE_OPENING.match(name)
        if match is None or len(match.group(0)) == len(name):
            return ()
        areas = self.gazetteer.lookup(match["area"])
        return (normalise_name(party_committee(areas[0])[0]),) if len(areas) == 1 else ()

    def _places_opening(self, name: str) -> tuple:
        """The places a name opens with, each inside the one before (中共某市委 -> 某市;
        某省某县某某公司 -> 某省, 某县), where the name says which divisions they are."""
        found = self._opening_places.get(name)
        if found is not None:
            return found
        places = []
        split = self._place_prefix(name.removeprefix(PARTY))
        while split:
            rest, divisions = split
            if places:
                outer = places[-1].code
                divisions = [d for d in divisions
                             if self.gazetteer.contains(outer, d.code) and d.code != outer]
            if len(divisions) != 1:
                break
            places.append(divisions[0])
            split = self._place_prefix(rest) if len(rest) >= 3 else None
        if len(self._opening_places) < OPENING_PLACES_KEPT:
            self._opening_places[name] = tuple(places)
        return tuple(places)

    def _add_mention(self, mention: Mention) -> str:
        key = self.mention_key(mention)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = _Group(key, code=mention.code)
        group.names[mention.label] += 1
        group.texts.add(mention.text)
        group.aliases.update(mention.aliases)
        group.types[mention.type] += 1
        group.docs.add(mention.source.doc)
        group.articles.add(mention.source.article_id)
        if mention.code:
            self.doc_areas[mention.source.doc][mention.code] += 1
        return key

    # -- linking ----------------------------------------------------------------------
    def result(self) -> KnowledgeGraph:
        doc_of = {info.id: info.doc for info in self.articles}
        for key, seen in self.places_in_names.items():
            group = self.groups.get(key)
            if group is not None:       # a thing named elsewhere, written inside a name here
                group.docs.update(doc_of[article] for article in seen)
                group.articles.update(seen)
        self.places_in_names.clear()
        uf = _UnionFind()
        for key in self.groups:
            uf.find(key)
        self._link_by_alias(uf)
        self._link_place_variants(uf)
        self._link_without_prefix(uf)
        self._link_zones(uf)
        self._link_parks_written_short(uf)
        self._link_zone_bodies(uf)
        self._link_phases(uf)
        self._link_short_names(uf)
        self._link_declared(uf)
        self._link_relative_organs(uf)
        self._link_latin_names(uf)
        self._link_facility_forms(uf)
        self._link_persons(uf)
        self._recover_names(uf)
        return self._build(uf)

    def _named(self):
        return [(k, g) for k, g in self.groups.items() if not k.startswith("area:")]

    def _link_by_alias(self, uf: _UnionFind) -> None:
        """Names and specific aliases (with a place in them) identify an entity."""
        owners: dict[str, list[str]] = defaultdict(list)
        for key, group in self._named():
            if key.startswith("person:"):
                continue
            for name in self._identifying_names(group):
                owners[name].append(key)
        # (in the names' order, not the sets': the report names the same name on every run)
        for name, keys in sorted(owners.items()):
            for other in keys[1:]:
                if uf.find(keys[0]) != uf.find(other):
                    uf.union(keys[0], other)
                    self._record("merged", "same name or alias", (keys[0], other), name)

    def _identifying_names(self, group: _Group) -> set[str]:
        names = {normalise_name(n) for n in group.names}
        for alias in group.aliases | group.texts:
            norm = normalise_name(alias)
            if self._starts_with_place(norm) or norm.startswith("中共"):
                names.add(norm)
        names |= {BRACKETED.sub("", n) for n in names if BRACKETED.search(n)}
        main_type = group.main_type
        if main_type in ABBREVIATING_TYPES:
            names |= {_abbreviated(n) for n in names}
        if main_type == "GovernmentBody":
            # 某市政府 is 某市人民政府 (the key keeps the full form, so IRIs stay as they were)
            names |= {n.removesuffix("人民政府") + "政府" for n in names
                      if n.endswith("人民政府") and self._starts_with_place(n)}
        if main_type == "Company":
            branches = [m for n in names if (m := BRANCH.fullmatch(n))]
            names |= {m["brand"] + m["branch"] for m in branches}
            # 某某集团某省有限公司某市分公司 is 某某集团某市分公司: the province's company left out
            names |= {brand + m["branch"] for m in branches
                      if (brand := self._without_province(m["brand"], m["branch"]))}
            names |= {v for n in list(names) if n.endswith(BRANCH_ENDS)
                      for v in self._branch_forms(n)}
            # 国网某省电力有限公司某市供电公司 is 国网某市供电公司
            names |= {STATE_GRID + m["unit"] for n in names if (m := GRID_UNIT.fullmatch(n))}
        # 某某电网有限责任公司某某供电局 is 某某电网某某供电局: a unit named with or without
        # its company's legal form (typed as a company or, by its 局, an organ).
        names |= {m["brand"] + m["unit"] for n in names if (m := UNIT_OF.fullmatch(n))}
        return names

    def _without_province(self, brand: str, branch: str) -> str | None:
        """``brand`` without the place it ends with (中国某某集团|辽宁), when the branch's
        place (营口分公司) lies inside it; else None."""
        inner = self._place_prefix(branch)
        if inner is None:
            return None
        for size in range(min(len(brand) - 2, 9), 1, -1):
            outer = self.gazetteer.lookup(brand[-size:])
            if outer:
                inside = any(self.gazetteer.contains(o.code, d.code) and o.code != d.code
                             for o in outer for d in inner[1])
                return brand[:-size] if inside else None
        return None

    def _branch_forms(self, name: str) -> set[str]:
        """A branch's name with its national brand and its place each written in full and
        short (农行赣州分行 = 中国农业银行赣州分行; 某行新疆分行 = 某行新疆维吾尔自治区分行)."""
        suffix = next(s for s in BRANCH_ENDS if name.endswith(s))
        body = name[: -len(suffix)]
        brands = {body}
        for size in range(min(len(body) - 2, 8), 1, -1):
            found = national_bodies().get(body[:size])
            if found is not None:
                full = found[0]
                brand = next((full[: -len(f)] for f in LEGAL_FORMS if full.endswith(f)), full)
                brands.add(brand + body[size:])
                break
        forms = set()
        for brand in brands:
            for size in range(min(len(brand) - 2, 9), 1, -1):
                divisions = self.gazetteer.lookup(brand[-size:])
                if len(divisions) == 1:
                    division = divisions[0]
                    for written in {division.name, division.short} - {None, ""}:
                        forms.add(brand[:-size] + written + suffix)
                    break
            forms.add(brand + suffix)
        return forms - {name}

    def _starts_with_place(self, name: str) -> bool:
        for size in range(min(len(name) - 1, 9), 1, -1):
            if self.gazetteer.lookup(name[:size]):
                return True
        return False

    def _place_prefix(self, name: str) -> tuple[str, list] | None:
        """The rest of ``name`` after the longest place opening it, with that place's
        divisions (a list the caller must not change), or None."""
        if name in self._place_prefixes:
            return self._place_prefixes[name]
        split = None
        for size in range(min(len(name) - 2, 9), 1, -1):
            found = self.gazetteer.lookup(name[:size])
            if found:
                split = name[size:], found
                break
        if len(self._place_prefixes) < OPENING_PLACES_KEPT:
            self._place_prefixes[name] = split
        return split

    def _town_prefix(self, name: str, inside: list | None, proper) -> tuple[str, list] | None:
        """A town written without 镇 or 乡 opening ``name`` right after its county (伊吾|淖毛湖…),
        with the town's division, when the name after it is ``proper`` (not 某镇|共享储能电站:
        there the town's name is the facility's own word)."""
        if not inside:
            return None
        for size in range(min(len(name) - 2, 4), 1, -1):
            towns = [d for d in self.gazetteer.towns_written_short(name[:size])
                     if any(self.gazetteer.contains(o.code, d.code) for o in inside)]
            if towns:
                return (name[size:], towns) if proper(name[size:]) else None
        return None

    def _address_prefix(self, name: str) -> tuple[str, list] | None:
        """The rest of ``name`` after the places that open it, each inside the one before
        (山西灵丘|滑车岭…电站, 抚州临川|云溪…产业园), with the innermost place's divisions."""
        split = self._place_prefix(name)
        while split:
            rest, found = split
            inner = self._place_prefix(rest) if len(rest) >= 6 else None
            if inner is None:
                break
            nested = [d for d in inner[1] if any(self.gazetteer.contains(o.code, d.code)
                                                  and o.code != d.code for o in found)]
            if not nested:
                break
            split = inner[0], nested
        return split

    def _link_place_variants(self, uf: _UnionFind) -> None:
        """Names that differ only in how their place is written, and generic references."""
        facility_suffixes = _facility_suffixes()
        buckets: dict[tuple[str, str], list[tuple[str, str, bool]]] = defaultdict(list)
        generic: list[tuple[str, str, str]] = []
        zone_left_out: dict[tuple[str, str], list[tuple[str, str, bool]]] = defaultdict(list)
        for key, group in self._named():
            if key.startswith("person:"):
                continue
            for name in sorted({normalise_name(n) for n in group.names}):
                split = self._address_prefix(name)
                if not split:
                    continue
                rest, found = split
                prefix = name[: len(name) - len(rest)]
                core = rest.removesuffix("项目")
                after_zone = _after_zone(core) if group.main_type in (
                    "Project", "ComputeCenter") else None
                for stem in sorted({d.short or d.name for d in found}):
                    entry = (key, prefix, any(d.name == prefix for d in found))
                    buckets[(stem, core)].append(entry)
                    if after_zone and after_zone not in facility_suffixes \
                            and after_zone not in GENERIC_MODIFIERS:
                        zone_left_out[(stem, after_zone)].append(entry)
                    if core in facility_suffixes or not core and rest == "项目":
                        generic.append((key, stem, core, found))     # 某市智算中心, 某市项目
        # 某县经济开发区某某项目 is 某县某某项目 (the zone left out), when only one name
        # with a zone leads to the name written without one.
        for bucket, entries in zone_left_out.items():
            if bucket in buckets and len({key for key, _, _ in entries}) == 1:
                buckets[bucket].extend(entries)
        for (stem, core), members in sorted(buckets.items()):
            keys = sorted({k for k, _, _ in members})
            full_forms = {p for _, p, full in members if full}
            if len(keys) < 2 or core in facility_suffixes:
                continue
            if len(full_forms) > 1:
                self._record("rejected", "place written short", tuple(keys),
                             f"{stem}{core}: two places ({'、'.join(sorted(full_forms))})")
                continue
            for other in keys[1:]:
                if uf.find(keys[0]) != uf.find(other):
                    uf.union(keys[0], other)
                    self._record("merged", "place written short", (keys[0], other), stem + core)
        by_stem: dict[str, list[tuple[str, list]]] = defaultdict(list)
        for (stem, core), members in buckets.items():
            by_stem[stem].append((core, members))
        located = None
        for key, stem, suffix, divisions in generic:
            articles = self.groups[key].articles
            targets = {uf.find(k) for core, members in by_stem[stem]
                       if core != suffix and core.endswith(suffix)
                       for k, _, _ in members if self.groups[k].articles & articles
                       and (suffix or self.groups[k].main_type in
                            ("Project", "ComputeCenter"))}
            if not targets and suffix:
                # 某市智算中心 for the article's one such centre the text places in 某市
                # (某某滨海智算中心, located in its district), its name opening otherwise.
                located = located if located is not None else self._located_facilities()
                targets = {uf.find(k) for k, codes in located.items()
                           if k != key and self.groups[k].articles & articles
                           and any(n.endswith(suffix) for n in self.groups[k].names)
                           and any(self.gazetteer.contains(d.code, c)
                                   for d in divisions for c in codes)}
            if len(targets) == 1:
                target = targets.pop()
                if uf.find(key) != target:
                    uf.union(key, target)
                    self._record("merged", "generic reference", (key, target), stem + suffix)
            elif len(targets) > 1:
                self._record("rejected", "generic reference", tuple(sorted(targets)),
                             f"{stem}{suffix}: more than one such facility in the article")

    def _located_facilities(self) -> dict[str, set[str]]:
        """The division codes each facility is read to be in (locatedIn), by key."""
        located: dict[str, set[str]] = defaultdict(set)
        for subject, fact, obj in self.facts:
            if fact.predicate == "locatedIn" and obj and obj.startswith("area:") and \
                    self.groups[subject].main_type in ("Project", "ComputeCenter"):
                located[subject].add(obj.removeprefix("area:"))
        return located

    def _link_without_prefix(self, uf: _UnionFind) -> None:
        """某某智算中心 is 某县某某智算中心 when that is the one such entity in reach."""
        by_rest: dict[str, list[tuple[str, list]]] = defaultdict(list)
        named = [(k, g) for k, g in self._named() if not k.startswith("person:")]
        for key, group in named:
            for name in sorted({normalise_name(n) for n in group.names}):
                split = self._place_prefix(name)
                outer = True
                while split:
                    # 某省某市某县某某园区: the name after each place of its address.
                    rest, divisions = split
                    if outer or len(rest) >= 4:
                        by_rest[rest].append((key, divisions))
                    bare = rest.removesuffix("项目")     # 某县某某中心项目 = 某某中心
                    if outer and bare != rest and len(bare) >= 4:
                        by_rest[bare].append((key, divisions))
                    if outer and len(rest) >= 5 and (rest[:1] == BAY or rest[:1] == PORT
                                                     and rest.endswith(PORT_AREA_ENDS)):
                        by_rest[rest[1:]].append((key, divisions))   # 某市湾|某某中心,
                                                                     # 某市港|某某港区
                    outer = False
                    split = self._place_prefix(rest) if len(rest) >= 6 else None
        self._link_addresses(uf, named)
        for key, group in named:
            for name in sorted({normalise_name(n) for n in group.names}):
                targets = by_rest.get(name, [])
                in_reach = []
                prefixes = []
                reached: dict[str, set[str]] = defaultdict(set)   # root -> docs it is in reach of
                for target, divisions in targets:
                    # 甘州某某园区 and 张掖甘州某某园区: the name opens with a place inside
                    # the other's address.
                    docs = group.docs if self._one_chain([divisions], name) else {
                        d for d in group.docs if d in self.groups[target].docs
                        or any(self.doc_areas[d].get(div.code) for div in divisions)}
                    if docs:
                        in_reach.append(target)
                        prefixes.append(divisions)
                        reached[uf.find(target)] |= docs
                roots = {uf.find(t) for t in in_reach}
                if len(roots) > 1 and self._one_chain(prefixes, name):
                    # 贵州都匀某某产业园 and 黔南州都匀某某产业园: one park, its place written
                    # at two levels above the place its name opens with.
                    for other in in_reach[1:]:
                        if uf.find(in_reach[0]) != uf.find(other):
                            uf.union(in_reach[0], other)
                            self._record("merged", "place prefix at another level",
                                         (in_reach[0], other), name)
                    roots = {uf.find(t) for t in in_reach}
                if len(roots) > 1 and (only := self._in_reach_throughout(reached)):
                    # 某某中心 in three articles, two naming 营口某某中心 alone and one naming
                    # it beside 盖州某某中心: the one name is the centre every article reaches.
                    in_reach = [only]
                    roots = {only}
                if len(roots) == 1:
                    target = in_reach[0]
                    if uf.find(key) != uf.find(target):
                        uf.union(key, target)
                        self._record("merged", "place prefix left out", (key, target), name)
                elif len(roots) > 1:
                    self._record("rejected", "place prefix left out", tuple(sorted(roots)),
                                 f"{name}: more than one prefixed entity in reach")

    def _after_place(self, name: str) -> str:
        """``name`` after the place it opens with, if it does; else ""."""
        split = self._place_prefix(name + "X")        # X: leave a rest
        return split[0][:-1] if split else ""

    def _docs_by_root(self, uf: _UnionFind) -> dict[str, set[str]]:
        """The documents of each thing linked so far (root key -> documents)."""
        docs: dict[str, set[str]] = defaultdict(set)
        for key, group in self.groups.items():
            docs[uf.find(key)] |= group.docs
        return docs

    def _met_throughout(self, uf: _UnionFind, keys: list[str], candidates: list[str]
                        ) -> list[str]:
        """Of the things a shorter name may be (``candidates``, more than one), the one
        named in every document of the name that names another, and in one that names no
        other (:meth:`_in_reach_throughout`): as a list of its keys, else empty."""
        if len({uf.find(c) for c in candidates}) < 2:
            return []
        root_docs = self._docs_by_root(uf)      # (rarely: names that may be two things)
        docs = set().union(*(self.groups[k].docs for k in keys))
        reached = {uf.find(c): root_docs[uf.find(c)] & docs for c in candidates}
        only = self._in_reach_throughout(reached)
        return [c for c in candidates if uf.find(c) == only] if only else []

    @staticmethod
    def _in_reach_throughout(reached: dict[str, set[str]]) -> str | None:
        """Of the things a short name may be (root -> the short name's documents that reach
        it), the one that every document reaching another reaches too, and some document
        reaches alone; else None."""
        ranked = sorted(reached.items(), key=lambda item: (-len(item[1]), item[0]))
        (best, found), others = ranked[0], ranked[1:]
        covered = set().union(*(other for _, other in others))
        return best if covered <= found and found - covered else None

    def _link_addresses(self, uf: _UnionFind, named: list) -> None:
        """某省某市某区某某开发区 and 某省某市某某开发区: one zone, its address written at two
        lengths, when every place of both addresses lies on one line of containment (广西 ⊃
        防城港市 ⊃ 港口区) and the name after the address is a proper one (not 经济开发区): a
        city has one zone of a name; so with a facility whose name after its address opens
        with a word no dictionary lists and holds no figure (青海某某共享储能电站 =
        德令哈某某共享储能电站, not 某省100MW光伏项目).  (Not for organs: a city's bureau and
        its district's bureau are two.)"""
        addressed: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
        for key, group in named:
            kind = group.main_type
            if kind not in ADDRESSED_TYPES:
                continue
            for name in sorted({normalise_name(n) for n in group.names}):
                # The innermost place of the address, read inside the places before it
                # (大同 may be several divisions; 大同云州区 only the city's district).
                rest, inner = name, None
                proper = self._proper_zone_name if kind == "Zone" else _proper_facility_name
                while (split := self._place_prefix(rest) or self._town_prefix(rest, inner,
                                                                             proper)) \
                        is not None and len(split[0]) >= 4:
                    found = split[1]
                    if inner is not None:
                        found = [d for d in found if any(self.gazetteer.contains(o.code, d.code)
                                                         for o in inner)]
                        if not found:
                            break    # 细河区|玉龙数字产业园: a place's name outside it is a word
                    rest, inner = split[0], found
                if inner and proper(rest):
                    addressed[(kind, rest)].append((key, [d.code for d in inner]))
        located = None
        for (kind, rest), entries in sorted(addressed.items()):
            keys = sorted({key for key, _ in entries})
            if len({uf.find(k) for k in keys}) < 2 or not all(
                    self._on_one_line(a, b) for (_, a), (_, b) in combinations(entries, 2)):
                continue
            if kind != "Zone":
                located = located if located is not None else self._located_facilities()
            for other in keys[1:]:
                if kind != "Zone" and self._placed_apart(located, keys[0], other):
                    # 营口某某中心 in 某区 and 盖州某某中心 in 盖州市: one operator's two
                    # centres, named after the city and the county
                    self._record("rejected", "address at two lengths", (keys[0], other),
                                 f"{rest}: the text places them apart")
                    continue
                if uf.find(keys[0]) != uf.find(other):
                    uf.union(keys[0], other)
                    self._record("merged", "address at two lengths", (keys[0], other), rest)

    def _placed_apart(self, located: dict[str, set[str]], key: str, other: str) -> bool:
        """Are the most specific places the text gives two facilities apart?"""
        places = [self._innermost(located.get(k, set())) for k in (key, other)]
        return all(places) and not self._on_one_line(*places)

    def _innermost(self, codes: set[str]) -> list[str]:
        """The codes no other of ``codes`` lies inside."""
        return sorted(c for c in codes if not any(
            o != c and self.gazetteer.contains(c, o) for o in codes))

    def _on_one_line(self, codes: list[str], others: list[str]) -> bool:
        """Can a division of ``codes`` and one of ``others`` be one inside the other?"""
        return any(self.gazetteer.contains(a, b) or self.gazetteer.contains(b, a)
                   for a in codes for b in others)

    @staticmethod
    def _proper_zone_name(name: str) -> bool:
        """Does the zone's name hold words of its own before its suffix (某某湾临港开发区,
        not 经济开发区 or 工业园区)?"""
        suffix = next((s for s in _zone_suffixes() if name.endswith(s)), "")
        body = name[: len(name) - len(suffix)]
        return len(body) >= 2 and body not in GENERIC_ZONE_CORES and body not in GENERIC_MODIFIERS

    def _one_chain(self, prefixes: list[list], name: str) -> bool:
        """Does ``name`` open with a place of its own that lies inside every place written
        before the longer names (each written form read as one division only)?  Then those
        are addresses of one thing, not the organs of two places (某省食品安全委员会 and
        某州食品安全委员会 name no place of their own after the prefix)."""
        own = self._place_prefix(name)
        if own is None or len(own[1]) != 1 or any(len(divisions) != 1 for divisions in prefixes):
            return False
        inner = own[1][0].code
        return all(self.gazetteer.contains(divisions[0].code, inner) for divisions in prefixes)

    def _link_parks_written_short(self, uf: _UnionFind) -> None:
        """某某园区 or 某某产业园 written short in a document that names the park in full
        (储潭园区 = 某市储潭数字经济产业园; 稀金锂电产业园 = 某县稀金锂电新材料产业园): the one
        park of the document whose name after its place opens with the same two characters
        and holds the short form's in order."""
        # (key, name after its place, the place's codes)
        parks: list[tuple[str, str, list[str]]] = []
        for key, group in self._named():
            if group.main_type != "Zone":
                continue
            for name in sorted({normalise_name(n) for n in group.names}):
                if name.endswith(PARK_ENDS + ("园区",)):
                    split = self._address_prefix(name)
                    parks.append((key, split[0], [d.code for d in split[1]]) if split
                                 else (key, name, []))
        by_opening: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
        for park in parks:
            by_opening[park[1][:2]].append(park)
        for key, short, places in parks:
            body = short.removesuffix("园区").removesuffix("园")
            if len(body) < 2 or body in GENERIC_ZONE_CORES or body in GENERIC_MODIFIERS:
                continue
            docs = self.groups[key].docs
            # (a park with a place of its own is no short form of a park placed apart:
            # 甲市某某产业园 and 乙市某某数字经济产业园 are two)
            longer = [other for other, name, where in by_opening[body[:2]]
                      if len(name) > len(short)
                      and _in_order(short.removesuffix("区"), name)
                      and self.groups[other].docs & docs
                      and (not places or not where or self._on_one_line(places, where))]
            if len({uf.find(other) for other in longer}) == 1:
                self._join_unique(uf, [key], longer, "park written short", short)
            elif not places:
                self._park_named_elsewhere(uf, key, short, by_opening[body[:2]])

    def _park_named_elsewhere(self, uf: _UnionFind, key: str, short: str, parks: list) -> None:
        """某某园区 in documents that do not name one park in full: the park named in full
        that its documents are about (they name it, or its place or a place inside), when
        no other such park is reached but where it is too."""
        docs = self.groups[key].docs
        reached: dict[str, set[str]] = defaultdict(set)
        for other, name, where in parks:
            if len(name) <= len(short) or not _in_order(short.removesuffix("区"), name):
                continue
            found = {d for d in docs if d in self.groups[other].docs
                     or any(self._inside_any(code, where) for code in self.doc_areas[d])}
            if found:
                reached[uf.find(other)] |= found
        target = next(iter(reached)) if len(reached) == 1 else \
            self._in_reach_throughout(reached) if reached else None
        if target is not None and uf.find(key) != target:
            self._record("merged", "park written short", (key, target),
                         f"{short}: the park its documents are about")
            uf.union(key, target)
        elif len(reached) > 1:
            self._record("rejected", "park written short", tuple(sorted(reached)),
                         f"{short}: more than one")

    def _inside_any(self, code: str, places: list[str]) -> bool:
        return any(code == place or self.gazetteer.contains(place, code) for place in places)

    def _link_zones(self, uf: _UnionFind) -> None:
        cores: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key, group in self._named():
            if group.main_type != "Zone":
                continue
            for name in group.names:
                core = self._zone_core(normalise_name(name))
                if core and core[0] not in GENERIC_ZONE_CORES:
                    cores[core].append(key)
                elif core:
                    self._record("rejected", "zone abbreviation", (key,),
                                 f"{name}: {core[0]} is no name of its own")
        for core, keys in cores.items():
            for other in keys[1:]:
                if uf.find(keys[0]) != uf.find(other):
                    uf.union(keys[0], other)
                    self._record("merged", "zone abbreviation", (keys[0], other), core[0])

    def _link_zone_bodies(self, uf: _UnionFind) -> None:
        """A zone's organs are named by the zone: 某某开发区管委会 is 某某临港经济开发区管理委员会
        when the two zones are one (as linked), and so are its party working committees."""
        zones: dict[str, set[str]] = defaultdict(set)
        cores: dict[tuple, set[str]] = defaultdict(set)
        for key, group in self._named():
            if group.main_type == "Zone":
                for name in group.names:
                    zones[normalise_name(name)].add(uf.find(key))
                    core = self._zone_core(normalise_name(name))
                    if core is not None and core[0] not in GENERIC_ZONE_CORES:
                        cores[core].add(uf.find(key))
        bodies: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, group in self._named():
            if group.main_type != "GovernmentBody":
                continue
            for name in sorted({normalise_name(n).removeprefix("中共") for n in group.names}):
                for suffix, kind in ZONE_BODY_SUFFIXES:
                    if name.endswith(suffix):
                        zone = name[:-len(suffix)]
                        roots = zones.get(zone) or cores.get(self._zone_core(zone), set())
                        if len(roots) == 1:
                            bodies[(next(iter(roots)), kind)].append(key)
                        break
        for (zone, _kind), keys in sorted(bodies.items()):
            for other in keys[1:]:
                if uf.find(keys[0]) != uf.find(other):
                    uf.union(keys[0], other)
                    self._record("merged", "organ of one zone", (keys[0], other),
                                 self.groups[zone].names.most_common(1)[0][0])

    def _link_phases(self, uf: _UnionFind) -> None:
        """某某矿一期1000万吨/年项目 is 某某矿 when the same document names 某某矿, else
        when one facility of that name is in the corpus."""
        facilities = {}
        for key, group in self._named():
            if group.main_type in ("Project", "ComputeCenter"):
                for name in group.names:
                    facilities.setdefault(normalise_name(name), []).append(key)
        for key, group in self._named():
            for name in group.names:
                phase = PHASE_OF.fullmatch(normalise_name(name))
                if phase is None:
                    continue
                candidates = [k for k in facilities.get(phase["core"], ()) if k != key]
                in_doc = [k for k in candidates if self.groups[k].docs & group.docs] or (
                    candidates if len({uf.find(k) for k in candidates}) == 1 else [])
                if len({uf.find(k) for k in in_doc}) == 1 and uf.find(key) != uf.find(in_doc[0]):
                    uf.union(key, in_doc[0])
                    self._record("merged", "phase of a facility", (key, in_doc[0]), name)

    def _link_short_names(self, uf: _UnionFind) -> None:
        """A company's short name (某某股份, 某某数产集团, 中建某局) is the legal name that
        holds it, after the place and legal form are dropped (黔数科技 for 贵州黔数科技股份
        有限公司), as its beginning or as an abbreviation (its characters in order, the first
        and last kept: 察哈尔数产集团 for 察哈尔数字产业集团); a legal name written short is
        the one it abbreviates (中建三局集团有限公司 for 中国建筑第三工程局有限公司).  Two legal
        names that could hold it: no link, both logged."""
        legal: list[tuple[str, str]] = []            # (key, core)
        short: list[tuple[str, str, bool]] = []      # (key, written, a legal name's)
        two: list[tuple[str, str]] = []              # (key, a two-character short name)
        for key, group in self._named():
            if key.startswith("person:") or group.main_type not in SHORT_NAMED:
                continue
            for name in sorted({normalise_name(n) for n in group.names}):
                form = next((f for f in LEGAL_FORMS if name.endswith(f)), None)
                if BRANCH_WORDS.search(name):
                    continue
                if form is None:
                    if len(name) >= 3:
                        short.append((key, name, False))
                    elif len(name) == 2 and name not in NO_BRANDS:
                        two.append((key, name))
                    continue
                core = self._company_core(name[: -len(form)])
                legal.extend((key, c) for c in {core, name[: -len(form)]})
                abbreviation = core.removesuffix("集团")
                if 3 <= len(abbreviation) <= 5 and abbreviation.endswith(NUMBERED_UNITS):
                    short.append((key, abbreviation, True))   # 中建三局集团有限公司: 中建三局
        # A short form and the core it abbreviates open with the same character.
        by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, core in legal:
            by_first[core[:1]].append((key, core))
        parents = ([(subject, obj) for subject, fact, obj in self.facts
                    if fact.predicate == "subsidiaryOf" and obj is not None],
                   {key for key, _ in legal
                    if any(_is_parent_form(normalise_name(n)) for n in self.groups[key].names)})
        for key, written, of_legal in short:
            # 某某公司: the short name with the word for a company after it.
            own = self._company_core(_without_company_word(written))
            # (赣州某某 opens 赣州某某数据科技有限公司 with its place: 某某 alone says too little)
            forms = {own} if len(own) >= 3 or own == written else {own, written}
            place = self._place_prefix(written)
            places = [d.code for d in place[1]] if place else None
            targets = {uf.find(k) for form in forms for k, core in by_first.get(form[:1], ())
                       if k != key and uf.find(k) != uf.find(key)
                       and _abbreviates(form, core, prefix=not of_legal)
                       and self._places_agree(places, k)}
            targets = self._parent_among(uf, targets, parents)
            if len(targets) == 1:
                target = targets.pop()
                uf.union(key, target)
                self._record("merged", "short name of a company", (key, target), written)
            elif len(targets) > 1:
                self._record("rejected", "short name of a company", tuple(sorted(targets)),
                             f"{written}: two legal names could hold it")
        # Two characters (华岳 for 华岳某某集团有限公司) say too little across articles: only
        # the legal name its own articles begin with, when no other company there does.
        for key, written in two:
            docs = self.groups[key].docs
            targets = {uf.find(k) for k, core in by_first.get(written[:1], ())
                       if self.groups[k].docs & docs and core.startswith(written)}
            targets = self._parent_among(uf, targets, parents)
            if len(targets) == 1 and uf.find(key) not in targets:
                target = targets.pop()
                uf.union(key, target)
                self._record("merged", "short name of a company in its articles", (key, target),
                             written)

    def _places_agree(self, codes: list[str] | None, key: str) -> bool:
        """A short name opening with a place (某市城投集团, ``codes`` its divisions; None
        when it opens with none) is no short name of a legal name whose own place lies apart
        from it (某县城市发展投资集团有限公司)."""
        if codes is None:
            return True
        for name in self.groups[key].names:
            own = self._place_prefix(normalise_name(name))
            if own is not None and not self._on_one_line(codes, [d.code for d in own[1]]):
                return False
        return True

    def _parent_among(self, uf: _UnionFind, targets: set[str],
                      parents: tuple[list[tuple[str, str]], set[str]]) -> set[str]:
        """Of legal names competing for one short name, the parent: a brand alone names the
        group, not its subsidiaries (某某集团有限公司 over 某省某某科技有限公司) — the one the
        others are read as subsidiaries of, else the one group or joint-stock company.
        ``parents``: the (subsidiary, parent) keys read in the text, and the keys whose
        legal form is a group's or a joint-stock company's."""
        if len(targets) < 2:
            return targets
        pairs, group_keys = parents
        read = [(uf.find(child), uf.find(parent)) for child, parent in pairs]
        above = {parent for child, parent in read if child in targets and parent in targets}
        below = {child for child, parent in read if parent in above}
        if len(above) == 1 and targets - above <= below:
            return above
        groups = targets & {uf.find(k) for k in group_keys}
        return groups if len(groups) == 1 else targets

    def _link_latin_names(self, uf: _UnionFind) -> None:
        """A name in Latin letters that opens with the pinyin of an organisation's Chinese
        name (Qingyang Huachu Cloud = 庆阳华楚云计算有限公司, Huayue Group = 华岳…集团有限公司)
        is that organisation: the one whose name opens so, else the one whose name after
        its place does; two of them, no link, both logged."""
        latin = [(key, _latin_kind(group), words, chinese_endings(name))
                 for key, group in self._named()
                 if not key.startswith("person:") and _latin_kind(group) in LATIN_KINDS
                 and (words := _latin_words(name := group.names.most_common(1)[0][0]))]
        if not latin:
            return
        # (key, kind, name, name after its place)
        chinese: list[tuple[str, str, str, str]] = []
        for key, group in self._named():
            kind = _latin_kind(group)
            if key.startswith("person:") or kind not in LATIN_KINDS:
                continue
            for name in sorted({normalise_name(n) for n in group.names}):
                if _HAN_NAME.fullmatch(name):
                    core = self._company_core(name)
                    chinese.append((key, kind, name, core))
                    split = self._place_prefix(name)
                    if split is not None:
                        # (Shenzhen Pengqing: 深圳市鹏擎… with its place written short)
                        rest, divisions = split
                        chinese.extend((key, kind, d.short + rest, core) for d in divisions[:1]
                                       if d.short and name.startswith(d.name))
        for key, kind, words, endings in latin:
            for whole in (True, False):
                # (a zone, port or centre only by a Chinese name of its kind: Some Science
                # City is 某某科学城, not 某某产业园)
                stems: dict[str, set[str]] = defaultdict(set)
                for k, other_kind, name, after_place in chinese:
                    if other_kind == kind and uf.find(k) != uf.find(key) \
                            and (endings is None or _without_phase(name).endswith(endings)) \
                            and _spells(words, name if whole else after_place, self.gazetteer):
                        stems[uf.find(k)].add(_without_phase(name))
                targets = set(stems)
                if len(targets) > 1 and kind != "organisation" and \
                        len(set.union(*stems.values())) == 1:
                    targets = {min(targets)}  # 某某中心 and 某某中心项目: one thing, linked later
                if len(targets) > 1 and kind == "organisation":
                    # (Some Digital Technology: the one whose trade the words go on to spell)
                    spelled = {t: max(_spelled_length(words, form) for stem in stems[t]
                                      for form in (stem, self._company_core(stem)))
                               for t in targets}
                    most = max(spelled.values())
                    if list(spelled.values()).count(most) == 1:
                        targets = {t for t, n in spelled.items() if n == most}
                if len(targets) == 1:
                    target = targets.pop()
                    uf.union(key, target)
                    self._record("merged", "Latin letters of a name", (key, target),
                                 " ".join(words))
                    break
                if len(targets) > 1:
                    self._record("rejected", "Latin letters of a name", tuple(sorted(targets)),
                                 f"{' '.join(words)}: more than one name opens so")
                    break

    def _link_relative_organs(self, uf: _UnionFind) -> None:
        """An organ written relative to a place (市发展改革委) where nothing says which place
        (a page's furniture: 来源：市发展改革委) is the organ the same document writes so and
        names in full (大同市发展改革委), when it is one."""
        expanded: dict[tuple[str, str], set[str]] = defaultdict(set)
        bare = []
        for key, group in self._named():
            if group.main_type not in ORGANISATION_TYPES:
                continue
            names = {normalise_name(n) for n in group.names}
            for text in group.texts:
                if text.startswith(RELATIVE_PREFIXES):
                    written = normalise_name(text)
                    if names == {written}:
                        bare.append((key, written, group.docs))
                    elif written not in names:
                        for doc in group.docs:
                            expanded[doc, written].add(key)
        for key, written, docs in sorted(bare, key=lambda b: b[0]):
            # (each document that writes it must name the one organ: the same words in a
            # document that names none may be another city's)
            if not all(expanded.get((doc, written)) for doc in docs):
                continue
            targets = {uf.find(k) for doc in docs for k in expanded.get((doc, written), ())}
            if len(targets) == 1:
                target = targets.pop()
                if uf.find(key) != target:
                    uf.union(key, target)
                    self._record("merged", "relative organ in its document", (key, target),
                                 written)

    def _link_declared(self, uf: _UnionFind) -> None:
        """A short name one article declares (以下简称“某某电信”) is that organisation where
        another article writes it alone, when only one organisation was given it."""
        declared: dict[str, set[str]] = defaultdict(set)
        for key, group in self._named():
            if key.startswith("person:") or group.main_type not in \
                    ORGANISATION_TYPES:
                continue
            names = {normalise_name(n) for n in group.names}
            for text in sorted(group.texts):
                written = normalise_name(text)
                if written not in names and written not in GENERIC_DECLARED and len(written) >= 3:
                    declared[written].add(key)
        for key, group in self._named():
            for name in sorted({normalise_name(n) for n in group.names}):
                holders = declared.get(name, set()) - {key}
                roots = {uf.find(h) for h in holders}
                if len(roots) == 1 and uf.find(key) not in roots:
                    target = roots.pop()
                    uf.union(key, target)
                    self._record("merged", "declared short name", (key, target), name)
                elif len(roots) > 1:
                    self._record("rejected", "declared short name", tuple(sorted(roots)),
                                 f"{name}: declared for more than one organisation")

    def _company_core(self, name: str) -> str:
        """The name without its place prefixes: what a short name is read in."""
        while (split := self._place_prefix(name)) is not None and len(split[0]) >= 2:
            name = split[0]
        return name

    def _link_facility_forms(self, uf: _UnionFind) -> None:
        """某某中心 and 某某中心项目 are one facility; so is a facility named with and without
        its operator before it (某某科技某地智算中心项目 = 某地智算中心项目), or its
        operator's brand (the first characters of a company's core name, after its place or
        not: 某某金昌智算中心 = 金昌智算中心 when a 某省某某新能源集团有限公司 is in the build),
        when one such name leads to the shorter one; and the brand and the place written in
        either order (某某湘潭智算中心 = 湘潭某某智算中心) when just those two names are."""
        facilities: dict[str, list[str]] = defaultdict(list)
        parks: dict[str, list[str]] = defaultdict(list)
        for key, group in self._named():
            kind = group.main_type
            if kind in ("Project", "ComputeCenter"):
                for name in sorted({normalise_name(n) for n in group.names}):
                    facilities[name].append(key)
            elif kind == "Zone":
                for name in sorted({normalise_name(n) for n in group.names}):
                    if name.endswith(PARK_ENDS):
                        parks[name].append(key)
        # Each way a facility's name may open with its operator, and the operators it is.
        operators: dict[str, set[str]] = defaultdict(set)
        brands: dict[str, set[str]] = defaultdict(set)
        for key, group in self._named():
            if group.main_type in ("Company", "Organization"):
                names = {normalise_name(n) for n in set(group.names) | group.texts}
                for name in names:
                    operators[name].add(key)
                    form = next((f for f in LEGAL_FORMS if name.endswith(f)), None)
                    if form is None:
                        continue
                    core = self._company_core(name[: -len(form)])
                    operators[core].add(key)
                    for brand in self._brands(name, core):
                        brands[brand].add(key)
        suffixes = sorted(_facility_suffixes(), key=len, reverse=True)
        # The facility names by their first two characters and each suffix they end with:
        # the only ones a name with a word left out can be compared with.
        alike: dict[tuple[str, str], list[str]] = defaultdict(list)
        for name in facilities:
            address = self._address_prefix(name)
            # (and by the first characters after its place: 某县龙潭坪…电站 for 龙潭坪电站)
            openings = {name[:2]} | ({address[0][:2]} if address else set())
            for suffix in suffixes:
                if name.endswith(suffix):
                    for opening in openings:
                        alike[opening, suffix].append(name)
        kinds = {name: next((f for f in suffixes if name.endswith(f)), None)
                 for name in facilities}
        with_operator: dict[str, list[str]] = defaultdict(list)
        operated_by: dict[str, set[str]] = defaultdict(set)
        for name, keys in sorted(facilities.items()):
            # 某某曲靖智算中心 for 某某曲靖星河智算中心: a word left out, the rest in order,
            # in a document that names both (across documents it would hang on which
            # pages a build has; a generic modifier left out is joined across them below).
            suffix = kinds[name]
            if suffix and len(name) - len(suffix) >= 3:
                docs = set().union(*(self.groups[k].docs for k in keys))
                longer = [k for other in alike[name[:2], suffix]
                          if len(other) > len(name) and _in_order(name, other)
                          for k in facilities[other] if self.groups[k].docs & docs]
                if len({uf.find(k) for k in longer}) == 1:
                    self._join_unique(uf, keys, longer, "facility with a word left out", name)
            for ending in PROJECT_ENDINGS:
                bare = name.removesuffix(ending)
                if bare != name and len(bare) >= 4:
                    # (某某物流园项目 is the park being built: 某某物流园 written alone)
                    self._join_unique(uf, keys, facilities.get(bare) or parks.get(bare, []),
                                      "facility with 项目", name)
                    break
            for size in range(2, len(name) - 3):
                prefix, rest = name[:size], name[size:]
                if (prefix in operators and size >= 3 or prefix in brands) and not (
                        suffix and len(rest) - len(suffix) < 2) and rest in facilities:
                    with_operator[rest].extend(keys)
                    operated_by[rest] |= operators.get(prefix, set()) if size >= 3 else set()
                    operated_by[rest] |= brands.get(prefix, set())
        # Joined once every longer name is known: two operators' centres of one name
        # leave the name without an operator alone — unless the two are one company
        # written two ways (某省某某集团有限公司金昌…项目, 某某集团金昌…项目).
        for rest, keys in sorted(with_operator.items()):
            if len({uf.find(k) for k in keys}) > 1 and \
                    len({uf.find(k) for k in operated_by[rest]}) == 1:
                self._join_unique(uf, keys[1:], keys[:1], "facility named with one operator two "
                                  "ways", rest)
            self._join_unique(uf, facilities[rest], keys, "facility named with its operator",
                              rest)
        # 某某曲靖绿色智算中心 = 某某曲靖智算中心 (a generic modifier or a capacity left out
        # before the kind),
        # and 某某智算中心 for 某某曲靖智算中心 (the place after the operator's brand left out):
        # joined when one longer name leads to the shorter one, in any article.
        modifiers = sorted((m for m in GENERIC_MODIFIERS | FACILITY_MODIFIERS if len(m) >= 2),
                           key=len, reverse=True)
        shorter: dict[str, list[str]] = defaultdict(list)
        for name, keys in sorted(facilities.items()):
            kind = kinds[name]
            if kind is None:
                continue
            body = name[: -len(kind)]
            plain = CAPACITY_IN_NAME.sub("", body)     # 某某1000P智算中心 = 某某智算中心
            shortest = 2 if plain != body else 3
            for modifier in modifiers:
                plain = plain.replace(modifier, "")
            forms = {plain + kind} if plain != body and len(plain) >= shortest else set()
            # 某县某某200兆瓦…电站: its place left out too; 某市某某绿电智算中心: its brand's
            # centre (某某智算中心)
            for words in (plain, self._after_place(plain)) if plain != body else ():
                if words in brands or len(words) >= shortest and words != plain:
                    forms.add(words + kind)
            brand = body[:2]
            if brand in brands:
                place = self._place_prefix(body[2:] + kind)
                if place is not None and len(place[0]) >= len(kind):
                    forms.add(brand + place[0])
            for form in forms - {name}:
                if form in facilities:
                    shorter[form].extend(keys)
        for form, keys in sorted(shorter.items()):
            keys = self._met_throughout(uf, facilities[form], keys) or keys
            self._join_unique(uf, facilities[form], keys, "facility with a word left out", form)
        # 某某湘潭智算中心 = 湘潭某某智算中心: the operator's brand and the place in either order.
        swapped: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(dict)
        brand_words: dict[str, set[str]] = defaultdict(set)     # brand -> its companies' cores
        for word, keys in operators.items():
            if len(word) > 2 and keys & brands.get(word[:2], set()) and \
                    not _ends_with_suffix(word):
                brand_words[word[:2]].add(word)
        for name, keys in sorted(facilities.items()):
            # The brands written in the name's first six characters, looked up, not scanned.
            for brand in {name[i:i + 2] for i in range(min(len(name), 6) - 1)} & brands.keys():
                split = self._brand_and_place(name, brand, brand_words[brand])
                if split is not None:
                    swapped[split][name] = keys
        for (place, brand, rest), by_name in sorted(swapped.items()):
            if len(by_name) == 2:              # just the two orders of one name
                first, second = by_name.values()
                self._join_unique(uf, first, second, "facility with its brand and place in "
                                  "the other order", f"{brand}{place}{rest}")
        self._link_works_of_one_operator(uf, facilities, operators, brands)

    def _link_works_of_one_operator(self, uf: _UnionFind, facilities: dict[str, list[str]],
                                    operators: dict[str, set[str]],
                                    brands: dict[str, set[str]]) -> None:
        """某地某某5GW光伏组件项目 = 某地某某新能源科技有限公司5GW光伏组件项目: the same works,
        with a figure in them, after two ways of writing one operator (its legal name, its
        brand after its place), when the operators the two names may mean have just one
        company in common."""
        by_work: dict[str, list[tuple[list[str], set[str]]]] = defaultdict(list)
        for name, keys in sorted(facilities.items()):
            address = self._address_prefix(name)
            for opened in sorted({name, address[0]} if address else {name}):
                for size in range(2, len(opened) - 3):
                    prefix, rest = opened[:size], opened[size:]
                    owners = (operators.get(prefix, set()) if size >= 3 else set()) | \
                        brands.get(prefix, set())
                    if owners and any(ch.isdigit() for ch in rest) and len(rest) >= 6:
                        by_work[rest].append((keys, owners))
        for rest, entries in sorted(by_work.items()):
            keys = sorted({k for named, _ in entries for k in named})
            if len({uf.find(k) for k in keys}) < 2:
                continue
            common = set.intersection(*({uf.find(o) for o in owners} for _, owners in entries))
            if len(common) == 1:
                for other in keys[1:]:
                    if uf.find(keys[0]) != uf.find(other):
                        uf.union(keys[0], other)
                        self._record("merged", "works of one operator", (keys[0], other), rest)

    def _brand_and_place(self, name: str, brand: str, operator_words: set[str]
                         ) -> tuple[str, str, str] | None:
        """(place, brand, rest) of a facility named 某地+brand+rest, brand+某地+rest or
        operator+某地+rest, the operator written short (某某科技宿州智算中心 for 某省某某智算
        科技有限公司; ``operator_words`` are the core names of the brand's companies)."""
        at = name.find(brand)
        if at > 0:
            place, rest = name[:at], name[at + len(brand):]
        else:
            opening = next((k for k in range(len(brand) + 4, len(brand), -1)
                            if any(_in_order(name[len(brand):k], word[len(brand):])
                                   for word in operator_words)), len(brand))
            rest = self._after_place(name[opening:])
            if not rest:
                return None
            place = name[opening: len(name) - len(rest)]
        if not place or not self.gazetteer.lookup(place) or len(rest) < 2:
            return None
        return place, brand, rest

    def _brands(self, legal_name: str, core: str) -> set[str]:
        """How a facility's name may open with its operator's brand: the first two
        characters of the company's core name, alone or after the place its legal name
        opens with (橙乡, 赣州橙乡 for 赣州橙乡数据科技有限公司)."""
        brand = core[:2]
        if len(brand) < 2 or brand in NO_BRANDS or brand in GENERIC_MODIFIERS \
                or self.gazetteer.lookup(brand):
            return set()
        opening = legal_name[: legal_name.find(core)] if core in legal_name else ""
        return {brand, opening + brand} if opening else {brand}

    def _join_unique(self, uf: _UnionFind, keys: list[str], targets: list[str], rule: str,
                     name: str) -> None:
        roots = {uf.find(t) for t in targets}
        if len(roots) > 1:
            self._record("rejected", rule, tuple(sorted(roots)), f"{name}: more than one")
            return
        for key in keys:
            for target in targets:
                if uf.find(key) != uf.find(target):
                    uf.union(key, target)
                    self._record("merged", rule, (key, target), name)

    def _zone_core(self, name: str):
        # The longest suffix first: 高新技术产业开发区 also ends with 开发区.
        for suffix, family_index in ZONE_SUFFIXES:
            if name.endswith(suffix):
                stem = name[: -len(suffix)]
                rest = stem                   # the address left out, place by place
                while rest and (split := self._place_prefix(rest + "X")) is not None:
                    rest = split[0][:-1]
                if len(rest) < 2:
                    rest = ""                 # a place, or a place and a character (防城|港)
                rest = rest.removeprefix("国家")
                if not rest and suffix in DESCRIBED_ZONE_SUFFIXES:
                    return None
                return (rest or stem, family_index) if (rest or stem) else None
        return None

    def _link_persons(self, uf: _UnionFind) -> None:
        """One name in two documents is one person when their posts agree: an organisation
        (as linked) or a title in common; or when one document gives no post to compare.
        Posts in both that share neither keep two persons, and the report says so.  A
        document joins the first person of the name whose documents it agrees with one of
        (a director moved to a zone, written in two articles after, is the director)."""
        by_name: dict[str, list[str]] = defaultdict(list)
        for key in self.groups:
            if key.startswith("person:"):
                by_name[key.split(":")[1]].append(key)
        organs: dict[str, list[str]] = defaultdict(list)     # root -> its organs' groups
        for key, group in self.groups.items():
            if group.main_type == "GovernmentBody":
                organs[uf.find(key)].append(key)
        areas: dict[str, str | None] = {}

        def area_of(organ: str) -> str | None:
            """The place of an organ as linked (市数据资源管理局 joined to 某市's)."""
            root = uf.find(organ)
            if root not in areas:
                areas[root] = next((a for k in sorted(organs.get(root, [organ]))
                                    if (a := self._organ_area(k))), None)
            return areas[root]

        for name, keys in by_name.items():
            posts = self.person_orgs.get(name, {})
            persons: list[list[str]] = [keys[:1]]
            for other in keys[1:]:
                joined = next((person for person in persons
                               if any(self._posts_agree(posts, member, other, uf, area_of)
                                      for member in person)), None)
                if joined is None:
                    self._record("rejected", "same person name", (keys[0], other),
                                 f"{name}: posts at different organisations with no title "
                                 f"in common")
                    persons.append([other])
                    continue
                given = [bool(posts.get(key.split(":")[2])) for key in (joined[0], other)]
                reason = (f"{name}: posts agree" if all(given) else
                          f"{name}: one document gives no post to compare")
                uf.union(joined[0], other)
                joined.append(other)
                self._record("merged", "same person name", (joined[0], other), reason)

    def _posts_agree(self, posts: dict[str, set], key: str, other: str, uf: _UnionFind,
                     area_of) -> bool:
        """Do the posts of one name in two documents allow one person (either gives none,
        or they share an organisation, a title, or places on one line: ``area_of`` gives an
        organ's place)?"""
        a, b = posts.get(key.split(":")[2], set()), posts.get(other.split(":")[2], set())
        if not a or not b:
            return True
        orgs_a, orgs_b = {uf.find(o) for o, _ in a}, {uf.find(o) for o, _ in b}
        titles_a = {t for _, t in a for t in t.split("、") if t}
        titles_b = {t for _, t in b for t in t.split("、") if t}
        areas_a = {area_of(o) for o, _ in a} - {None}
        areas_b = {area_of(o) for o, _ in b} - {None}
        return bool(orgs_a & orgs_b or titles_a & titles_b
                    or self._on_one_line(list(areas_a), list(areas_b)))

    def _organ_area(self, key: str) -> str | None:
        """The division whose government, party committee, congress or CPPCC the group is
        (某县人民政府, 中共某县委员会: the county), or whose organ it is by the place its name
        opens with (某市某某局), else None: posts at organs of one place, or of a place and
        one inside it, are one official's, promoted or holding both."""
        group = self.groups.get(key)
        if group is None or group.main_type != "GovernmentBody":
            return None
        name = normalise_name(group.names.most_common(1)[0][0]).removeprefix("中共")
        for suffix in AREA_ORGAN_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                found = self.gazetteer.lookup(name[:-len(suffix)])
                if found:
                    return found[0].code if len(found) == 1 else None
                break
        # 某市数据资源管理局, 某市某某产业园管理委员会: an organ of the place its name opens with
        # (any name it is written by: 市数据资源管理局 read as 某市's too)
        for written in sorted({normalise_name(n) for n in (*group.names, *group.aliases)}):
            split = self._place_prefix(written)
            if split is not None and len(split[1]) == 1:
                return split[1][0].code
        return None

    def _recover_names(self, uf: _UnionFind) -> None:
        """An entity's name written in an article where recognition did not read it (a
        short name such as 某某智算 with no suffix or slot to mark it) is a mention there,
        when another article established the name: a name or alias of the entity, part of
        its legal or organ name, distinctive, and no other entity's."""
        forms, articles = self._recoverable_forms(uf)
        latin = None       # the spellings, made when an article first writes Latin words
        pattern = re.compile(trie_pattern(sorted(forms))) if forms else None
        latin_names = defaultdict(list)
        for article_id, name in self.latin_names:
            latin_names[article_id].append(name)
        for article_id, (doc, packed) in self.unclaimed.items():
            text = zlib.decompress(packed).decode("utf-8")
            found = [(m.group(), forms[m.group()]) for m in pattern.finditer(text)] \
                if pattern is not None else []
            # (and the places a Latin name spells: Shenyang Yunzhan Information Technology)
            words = [word for written in (text, *latin_names[article_id])
                     for word in _latin_words_of(written)]
            if words:
                latin = self._latin_forms(uf, articles) if latin is None else latin
                found += [(word, latin[word]) for word in words if word in latin]
            for written, root in found:
                if article_id in articles[root]:
                    continue
                articles[root].add(article_id)
                group = self.groups[root]
                group.docs.add(doc)
                group.articles.add(article_id)
                self._record("merged", "name read again", (root,), f"{written} in {article_id}")

    def _recoverable_forms(self, uf: _UnionFind) -> tuple[dict[str, str], dict[str, set]]:
        """The forms worth looking for again, as written (form -> root key), and each root's
        articles."""
        written: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        articles: dict[str, set[str]] = defaultdict(set)
        for key, group in self._named():
            if key.startswith("person:"):
                continue
            root = uf.find(key)
            for name in (*group.names, *group.texts, *group.aliases):
                written[root][normalise_name(name)].add(name)
            articles[root] |= group.articles
        owners: dict[str, set[str]] = defaultdict(set)
        for root, names in written.items():
            full = [n for n in names if _ends_with_suffix(n)]
            for form in names:
                if any(form in name for name in full) and self._distinctive(form):
                    owners[form].add(root)
            # a company's short name no article wrote, made as writers make them: its legal
            # name without its place and legal form, and without its last generic word or
            # 国际 (某省晶曜光能股份有限公司: 晶曜光能; 某市天驰国际物流有限公司: 天驰物流)
            for name in full:
                for form in self._short_forms(name) - set(names):
                    if self._distinctive(form):
                        owners[form].add(root)
                        written[root][form].add(form)
        forms = {}
        for form, roots in sorted(owners.items()):
            if len(roots) == 1:
                root = roots.pop()
                forms.update(dict.fromkeys(written[root][form], root))
        return forms, articles

    def _short_forms(self, name: str) -> set[str]:
        """The short names a company's legal name is written by: the words between its
        place and its legal form, less a generic last word (科技, 集团) or 国际."""
        form = next((f for f in LEGAL_FORMS if name.endswith(f)), None)
        if form is None:
            return set()
        core = name[: -len(form)]
        split = self._address_prefix(core)
        core = split[0] if split else core
        forms = {core}
        for generic in SHORT_FORM_DROPS:
            forms |= {f.removesuffix(generic) for f in forms} | {f.replace(generic, "")
                                                                for f in forms}
        return {f for f in forms if len(f) >= SHORT_FORM_LENGTH}

    def _latin_forms(self, uf: _UnionFind, articles: dict[str, set]) -> dict[str, str]:
        """Places and persons the corpus names in Chinese, spelled in pinyin as an English
        text writes them (绵阳 Mianyang, 林启航 Lin Qihang or Qihang Lin) -> root key; a
        spelling two of them share is read for neither.  Adds their roots' articles to
        ``articles``."""
        owners: dict[str, set[str]] = defaultdict(set)
        for key, group in self.groups.items():
            spelled: tuple = ()
            if key.startswith("area:"):
                division = self.gazetteer.by_code(key.removeprefix("area:"))
                spelled = _spelled_place(division.short) if division is not None else ()
            elif key.startswith("person:"):
                spelled = tuple(s for name in group.names for s in _spelled_person(name))
            if spelled:
                root = uf.find(key)
                articles[root] |= group.articles
                for form in spelled:
                    owners[form].add(root)
        return {form: roots.pop() for form, roots in sorted(owners.items()) if len(roots) == 1}

    def _distinctive(self, form: str) -> bool:
        """A form that names one thing wherever it is written: long enough, not a place,
        a relative organ (市发展改革委, 县委), a bare suffix or a common word."""
        if (len(form) < RECOVERED_MIN_LENGTH or form.startswith(RELATIVE_PREFIXES)
                or BARE_ORGAN.fullmatch(form) or self.gazetteer.lookup(form)):
            return False
        core, kinds = _without_suffixes(form)
        if "GovernmentBody" in kinds and self.gazetteer.lookup(core):
            return True                  # 某县委, 某市人民政府: the one such organ of a place
        split = self._address_prefix(core)
        core = split[0] if split else core
        # 合资公司, 项目公司, 某市智算中心项目: no name of their own
        return (len(core) >= 2 and core not in org_suffixes() and core not in GENERIC_MODIFIERS
                and core not in listed_words())

    def _record(self, kind, rule, keys, reason):
        self.decisions.append(LinkDecision(kind, rule, tuple(keys), reason))

    # -- output -----------------------------------------------------------------------
    def _build(self, uf: _UnionFind) -> KnowledgeGraph:
        members: dict[str, list[_Group]] = defaultdict(list)
        for key, group in self.groups.items():
            members[uf.find(key)].append(group)
        key_to_id: dict[str, str] = {}
        entities: dict[str, Entity] = {}
        for root, groups in sorted(members.items()):
            entity = self._entity(groups)
            if entity.id in entities and entity.type == "Person":
                # Same name, kept apart by conflicting posts: a second person.
                entity.id = entity_key("Person", f"{entity.label}@{entity.docs[0]}")
            if entity.id in entities:
                _merge_into(entities[entity.id], entity)
            else:
                entities[entity.id] = entity
            for g in groups:
                key_to_id[g.key] = entity.id
        self._add_ancestors(entities)
        _drop_shared_relative_aliases(entities.values())
        facts: dict[tuple, LinkedFact] = {}
        for subject_key, fact, object_key in self.facts:
            subject = key_to_id[subject_key]
            obj = key_to_id[object_key] if object_key else None
            if obj == subject:
                continue
            q = fact.quantity
            linked = LinkedFact(subject, fact.predicate, [fact.source], object=obj,
                                value=q.value if q else None, unit=q.unit if q else None,
                                status=q.status if q else None, phase=q.phase if q else None,
                                title=fact.title, topic=fact.topic,
                                qualifier=q.qualifier if q else None,
                                scope=q.scope if q else None,
                                count=q.count if q else None,
                                bound=q.bound if q else None,
                                upper=q.upper if q else None,
                                signing=self._linked_signing(fact.signing, key_to_id))
            if fact.predicate == "agreementWith" and obj is not None and obj < subject:
                linked.subject, linked.object = obj, subject
            existing = facts.get(linked.key())
            if existing is None:
                facts[linked.key()] = linked
            elif all(s.article_id != fact.source.article_id for s in existing.sources):
                existing.sources.append(fact.source)      # one source per article
                existing.topic = existing.topic or fact.topic
        for linked in facts.values():
            for entity_id in (linked.subject, linked.object):
                if entity_id:
                    entity = entities[entity_id]
                    for source in linked.sources:
                        if source.doc not in entity.docs:
                            entity.docs.append(source.doc)
        for entity in entities.values():
            entity.docs.sort()
            entity.articles.sort()
            entity.aliases = sorted(set(entity.aliases) - {entity.label})
        ordered = sorted(entities.values(), key=lambda e: e.id)
        fact_list = sorted(facts.values(), key=lambda f: (f.subject, f.predicate, str(f.object),
                                                          f.value or 0, f.title or ""))
        articles = sorted(self.articles, key=lambda a: (a.doc, int(a.id.rpartition("#")[2])))
        relations = [f for f in fact_list if f.predicate in RELATION_PREDICATES]
        fact_list = [f for f in fact_list if f.predicate not in RELATION_PREDICATES]
        return KnowledgeGraph(ordered, fact_list, articles, relations)

    def _linked_signing(self, signing, key_to_id: dict[str, str]):
        """The signing with its parties as entity ids (parties not linked are left out)."""
        if signing is None:
            return None
        parties = []
        for name in signing.parties:
            entity_id = key_to_id.get(f"name:{normalise_name(name)}")
            if entity_id is not None and entity_id not in parties:
                parties.append(entity_id)
        return replace(signing, parties=tuple(sorted(parties)))

    def _entity(self, groups: list[_Group]) -> Entity:
        types = Counter()
        names = Counter()
        aliases, docs, articles = set(), set(), set()
        code = None
        for g in groups:
            types.update(g.types)
            names.update(g.names)
            aliases |= g.texts | g.aliases | set(g.names)
            docs |= g.docs
            articles |= g.articles
            code = code or g.code
        if code:
            division = self.gazetteer.by_code(code)
            parent = next((a.code for a in self.gazetteer.ancestors(code)), None)
            aliases.add(division.name)
            return Entity(entity_key("AdminArea", division.name, code), "AdminArea",
                          division.name, sorted(aliases), sorted(docs), sorted(articles),
                          code=code, parent=f"area/{parent}" if parent else None)
        best_type = max(types, key=lambda t: (types[t], -TYPE_PRIORITY.index(t)
                                              if t in TYPE_PRIORITY else -99))
        label = _canonical(names, best_type)
        # The key reads standard parts short, so that a fuller form seen later (发改委 ->
        # 发展和改革委员会) leaves the IRI as it was.
        identity = _abbreviated(normalise_name(label)) if best_type in ABBREVIATING_TYPES \
            else label
        if best_type == "GovernmentBody" and self._place_prefix(label) is not None:
            # An organ is called by its full name, however the articles wrote it
            # (某市发展改革委: 某市发展和改革委员会); the written forms stay aliases.
            full = _expanded(identity)
            label = full if full != identity else label
        # 市委, 县政府 as written where the place is understood name no one organ.
        aliases = {a for a in aliases if a == label or not BARE_ORGAN.fullmatch(a)}
        if best_type in ("ComputeCenter", "Project"):
            # 某某智算中心项目 is the centre 某某智算中心, 某某生产基地项目 the base: the
            # facility's own name is an alias too.
            aliases |= {a[: -len("项目")] for a in aliases | {label}
                        if a.endswith("项目") and len(a) > 6
                        and a[: -len("项目")].endswith(_named_facility_suffixes())}
        return Entity(entity_key(best_type, identity), best_type, label, sorted(aliases),
                      sorted(docs), sorted(articles))

    def _add_ancestors(self, entities: dict[str, Entity]) -> None:
        for entity in list(entities.values()):
            if not entity.code:
                continue
            for ancestor in self.gazetteer.ancestors(entity.code):
                key = f"area/{ancestor.code}"
                if key in entities:
                    continue
                parent = next((a.code for a in self.gazetteer.ancestors(ancestor.code)), None)
                entities[key] = Entity(key, "AdminArea", ancestor.name, [], [], [],
                                       code=ancestor.code,
                                       parent=f"area/{parent}" if parent else None)


# The organs of an administrative area, longest first (see Linker._organ_area).
AREA_ORGAN_SUFFIXES = ("人民代表大会常务委员会", "人大常委会", "人民政府", "委员会", "政府", "政协",
                       "人大", "党委", "委")
# The words a facility's name ends with when it is written as its project: 某某平台建设项目
# and 某某中心项目 are 某某平台 and 某某中心.
PROJECT_ENDINGS = ("建设项目", "项目")
# A park is built as a project: 某某物流园项目 is 某某物流园.
PARK_ENDS = ("园",)
# The organs a zone's name is written before: its administration and its party committee.
ZONE_BODY_SUFFIXES = (("管理委员会", "administration"), ("管委会", "administration"),
                      ("工作委员会", "party"), ("党工委", "party"))
# Words a zone's name carries after its place that name no zone (某市经济开发区, 某县工业园区):
# two such zones of two places are two zones.
GENERIC_ZONE_CORES = frozenset({"经济", "经济技术", "高新", "高新技术", "工业", "产业", "综合", "农业",
                                "现代农业", "临空", "临港", "保税", "物流", "新区", "开发"})
SHORT_NAMED = frozenset({"Company", "Organization"})
ORGANISATION_TYPES = frozenset({"Company", "Organization", "GovernmentBody", "ResearchOrg"})
# Short names every announcement declares for its own parties: never evidence across articles.
GENERIC_DECLARED = frozenset({"公司", "本公司", "项目公司", "合资公司", "本项目", "该项目", "甲方", "乙方",
                              "丙方", "丁方", "招标人", "中标人", "联合体", "上市公司", "子公司"})
# A legal name is the short form of another only as a numbered unit: 中建三局 (局), 某某二院.
NUMBERED_UNITS = ("局", "院", "所", "处")
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
# Words a company's short name leaves out (某某氢能科技 → 某某氢能, 某某国际物流 → 某某物流), and
# the least length of a short name made so.
SHORT_FORM_DROPS = ("科技", "集团", "国际", "控股", "实业", "发展")
SHORT_FORM_LENGTH = 4
# The legal forms of a group or a joint-stock company: what a brand alone names.
PARENT_FORMS = ("集团有限公司", "集团股份有限公司", "股份有限公司", "集团有限责任公司")
# Openings of company names that are no brand of one company.
NO_BRANDS = frozenset({"中国", "中华", "国家", "全国"})
# The ends of a branch's name, after its brand and its place (某行某省分行).
BRANCH_ENDS = ("分行", "支行", "分公司")
# A branch, office or subsidiary is not what its brand's short name stands for.
BRANCH_WORDS = re.compile(r"分公司|分行|分院|分局|子公司|办事处|分中心")


# Types whose names are compared with their addresses left out (see _link_addresses).
ADDRESSED_TYPES = frozenset({"Zone", "Project", "ComputeCenter"})


def _proper_facility_name(name: str) -> bool:
    """Does a facility's name (its address left out) open with a word no dictionary lists,
    or run to a long description of its own (煤制烯烃耦合绿氢示范项目), and hold no figure
    (a capacity describes; it does not name)?"""
    return len(name) >= 6 and (name[:2] not in listed_words()
                               or len(name) >= LONG_DESCRIPTION) and \
        not any(ch.isdigit() for ch in name)


# A facility's name after its address this long is its own, though it opens with a listed
# word (煤制烯烃耦合绿氢示范项目, not 风光储一体化项目).
LONG_DESCRIPTION = 12


# A name in Latin letters: two words or more, each capitalised (Some Port & Shipping AI
# Computing Center; joined by &, and, of).
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?:(?: & | and | of | |-)[A-Z][A-Za-z0-9]*)+")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{4,}")
# The kinds of entity named in Latin letters that are linked to Chinese names; organisations
# are one kind among themselves.
LATIN_KINDS = frozenset({"organisation", "ComputeCenter", "Zone", "Port"})


def _latin_kind(group: _Group) -> str:
    kind = group.main_type
    return "organisation" if kind in ORGANISATION_TYPES else kind


def _without_phase(name: str) -> str:
    return PHASE_ENDING.sub("", name)


# Words an English name translates where the Chinese name spells them: directions (East
# Tianshan: 东天山), features of the land (Zhanjiang Bay: 湛江湾), a port's trade (Port &
# Shipping: 港航).
TRANSLATED_WORDS = {"east": "dong", "west": "xi", "south": "nan", "north": "bei",
                    "central": "zhong", "bay": "wan", "lake": "hu", "island": "dao",
                    "port": "gang", "shipping": "hang"}
# A company's trade words, translated in its English name (Some Digital Technology: 某某数字科技):
# read after the words it spells, to tell apart names that open alike.
TRADE_WORDS = {"digital": "shuzi", "technology": "keji", "technologies": "keji",
               "group": "jituan", "holdings": "konggu", "energy": "nengyuan", "new": "xin",
               "power": "dianli", "logistics": "wuliu", "investment": "touzi", "data": "shuju",
               "cloud": "yun", "information": "xinxi", "materials": "cailiao",
               "electronics": "dianzi", "semiconductor": "bandaoti", "construction": "jianshe",
               "engineering": "gongcheng", "storage": "chuneng", "hydrogen": "qingneng"}


def _latin_words(name: str) -> list[str]:
    if not _LATIN_NAME.fullmatch(name):
        return []
    words = (w.lower() for w in re.split(r" & | and | of |[ -]", name))
    return [TRANSLATED_WORDS.get(w, w) for w in words]


def _spells(words: list[str], name: str, gazetteer: Gazetteer) -> bool:
    """Do the first Latin words spell, in pinyin, the first two characters or more of
    ``name`` — more than a place's name alone?"""
    readings = _readings(name[:8])
    for count in range(1, len(words) + 1):
        spelled = "".join(words[:count])
        for chars in _consumed(spelled, readings):
            if chars >= 2 and not gazetteer.lookup(name[:chars]):
                return True
    return False


@lru_cache(maxsize=65536)
def _names_opening(text: str) -> tuple[str, ...]:
    """The names a name opens with, each ending in a suffix with words after it
    (某某开发区管委会 -> 某某开发区; 某市人民政府办公室 -> 某市人民政府), normalised."""
    name = normalise_name(text)
    return tuple(name[:end] for end in range(len(name) - 2, MIN_OPENING_NAME - 1, -1)
                 if longest_suffix(name[:end], 2) is not None)


# A capacity written inside a facility's name (某某1000P智算中心, 某某20万千瓦光伏电站).
CAPACITY_IN_NAME = re.compile(r"\d+(?:\.\d+)?(?:P|PFLOPS|EFLOPS|万千瓦|千瓦|MW|GW|兆瓦)")
# 中共某市委… or 某县委… opening a longer name: the place's party committee.
COMMITTEE_OPENING = re.compile(r"(?:中共)?(?P<area>\w{1,12}?[省市县区州旗盟])委(?!员)")
# A name opening a longer one is at least this long (four characters: 某某集团).
MIN_OPENING_NAME = 4
# A capitalised Latin word, or two of them (Mianyang, Lin Qihang), or a word in capitals
# (MIANYANG in a dateline), read whole.
_LATIN_WORDS = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{5,})(?![A-Za-z])")


def _latin_words_of(text: str) -> Iterable[str]:
    """Each Latin word or pair of words of ``text`` as a place or a person may be spelled:
    the pair, and each of its words."""
    for match in _LATIN_WORDS.finditer(text):
        words = match.group()
        yield words
        if " " in words:
            yield from words.split(" ")


# Latin spellings shorter than this name too many things (Xi, Lin).
MIN_SPELLED_PLACE = 5


@lru_cache(maxsize=65536)
def _spelled_place(short: str) -> tuple[str, ...]:
    """A place's short form in pinyin as an English text writes it (绵阳 -> Mianyang, and
    MIANYANG in a dateline), in each reading of its characters (成都: Chengdu)."""
    if len(short) < 2:
        return ()
    return tuple(form for spelled in _spellings(short)
                 if len(spelled) >= MIN_SPELLED_PLACE and spelled.isalpha()
                 for form in (spelled.capitalize(), spelled.upper()))


@lru_cache(maxsize=65536)
def _spelled_person(name: str) -> tuple[str, ...]:
    """A Chinese name in pinyin, family name first and last (林启航 -> Lin Qihang, Qihang Lin)."""
    size = family_name_length(name)
    if not size or not 2 <= len(name) <= 4 or not all(_is_han(c) for c in name):
        return ()
    return tuple(form for family in _spellings(name[:size]) for given in _spellings(name[size:])
                 if (family + given).isalpha()
                 for form in (f"{family.capitalize()} {given.capitalize()}",
                              f"{given.capitalize()} {family.capitalize()}"))


# At most this many spellings of a name in its characters' readings (长春: chang-, zhang-).
MAX_SPELLINGS = 8


def _spellings(chars: str) -> list[str]:
    """``chars`` spelled in pinyin without tones, in each combination of its characters'
    readings (at most MAX_SPELLINGS, the most common readings first)."""
    table = _character_readings()
    spellings = [""]
    for char in chars:
        readings = list(dict.fromkeys(_toneless(r) for r in table[ord(char)].split(","))) \
            if ord(char) in table else [char]
        spellings = [s + r for s in spellings for r in readings][:MAX_SPELLINGS]
    return spellings


@cache
def _character_readings() -> dict[int, str]:
    """pypinyin's table of single characters (code point -> readings with tones), read
    from its file without importing pypinyin: its import loads a table of phrases of some
    50 MB, which a build needs only for names in Latin letters."""
    origin = importlib.util.find_spec("pypinyin").origin
    spec = importlib.util.spec_from_file_location(
        "kg_pinyin_characters", Path(origin).parent / "pinyin_dict.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pinyin_dict


def _toneless(reading: str) -> str:
    """lǚ -> lv, as pypinyin writes ü without tones."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@lru_cache(maxsize=65536)
def _readings(name: str) -> tuple[tuple[str, ...], ...]:
    """Every pinyin reading of each character of ``name`` (without tones)."""
    from pypinyin import Style, pinyin

    return tuple(tuple(r) for r in pinyin(name, style=Style.NORMAL, heteronym=True))


def _spelled_length(words: list[str], name: str) -> int:
    """How many characters of ``name``, from its start, the Latin words spell, their trade
    words translated (Suanwan Digital: 算湾数字, four)."""
    readings = _readings(name[:12])
    best = 0
    for count in range(1, len(words) + 1):
        spelled = "".join(TRADE_WORDS.get(w, w) for w in words[:count])
        best = max([best, *_consumed(spelled, readings)])
    return best


def _consumed(spelled: str, readings, at: int = 0) -> Iterable[int]:
    """How many characters' readings, one each in order, make up ``spelled`` exactly."""
    if not spelled:
        yield at
        return
    if at == len(readings):
        return
    for reading in readings[at]:
        if spelled.startswith(reading):
            yield from _consumed(spelled[len(reading):], readings, at + 1)


def _without_company_word(name: str) -> str:
    """某某公司 → 某某: a short name written with 公司 after it (not 分公司, 子公司)."""
    bare = name.removesuffix("公司")
    return bare if bare != name and len(bare) >= 3 and not BRANCH_WORDS.search(name) else name


def _abbreviates(short: str, core: str, prefix: bool = True) -> bool:
    """``short`` begins ``core`` (when ``prefix``), or is an abbreviation of it: its
    characters in order, the first and the last of each the same (or, the first two the
    same, the last the first of the core's last word), at least three, not the whole of it
    and not its beginning (a parent's name begins its subsidiaries')."""
    if len(short) < 2 or not core or short == core:
        return short == core and len(short) >= 2
    if core.startswith(short):
        return prefix and len(short) >= 3
    if len(short) < 3 or short[0] != core[0] or len(short) >= len(core):
        return False
    # The first and the last character kept, the rest in order (察哈尔数产集团); or the
    # brand kept whole and the last word cut to its first character (某某数字科技: 某某数科).
    last_kept = short[-1] == core[-1] or (short[:2] == core[:2] and short[-1] == core[-2])
    return last_kept and _in_order(short, core)


def _in_order(short: str, long: str) -> bool:
    """Are the characters of ``short`` in ``long``, in order?"""
    at = 0
    for ch in short:
        at = long.find(ch, at)
        if at == -1:
            return False
        at += 1
    return True


def _canonical(names: Counter, entity_type: str) -> str:
    """The fullest form: longest, but 某某中心 over 某某中心项目 for a compute centre, and a
    name in Chinese over one in Latin letters."""
    candidates = list(names)
    if entity_type != "Project":
        trimmed = [n for n in candidates if not n.endswith("项目")]
        candidates = trimmed or candidates
    # (a name in Chinese over its Latin letters, however long those are)
    return max(candidates, key=lambda n: (any("\u4e00" <= ch <= "\u9fff" for ch in n),
                                          len(normalise_name(n)), names[n], n))


def _after_zone(name: str) -> str | None:
    """What follows the shortest beginning of ``name`` that ends with a zone suffix
    (经济开发区|智算产业园 -> 智算产业园), if two characters or more follow."""
    suffixes = _zone_suffixes()
    for end in range(2, len(name) - 1):
        if name[:end].endswith(suffixes):
            return name[end:]
    return None


@cache
def _zone_suffixes() -> tuple[str, ...]:
    """The suffixes of zones' names, longest first."""
    return tuple(sorted((s for s, t in org_suffixes().items() if t == "Zone"),
                        key=len, reverse=True))


@cache
def _named_facility_suffixes() -> tuple[str, ...]:
    """Kinds of facility a name may end with before 项目 (智算中心, 生产基地, 电站)."""
    return tuple(s for s, t in org_suffixes().items()
                 if t in ("ComputeCenter", "Project") and s not in ("项目", "工程"))



def _facility_suffixes() -> frozenset[str]:
    return frozenset(s for s, t in org_suffixes().items()
                     if t in ("ComputeCenter", "Project", "Zone", "Port"))


def _abbreviated(name: str) -> str:
    """某某州发展和改革委员会 -> 某某州发改委: every standard part in its short form."""
    for full, short in org_abbreviations():
        name = name.replace(full, short)
    return name


# Short forms whose full form varies too much to be written for an organ (大数据局: 大数据
# 管理局, 大数据发展管理局…), or is no name by itself (某市政协: 中国人民政治协商会议某市委员会).
NOT_EXPANDED = frozenset({"大数据局", "政协"})


def _expanded(name: str) -> str:
    """某市发改委 -> 某市发展和改革委员会: each standard short form of ``name`` (as
    :func:`_abbreviated` leaves it) in the full form the table lists first for it."""
    for short, full in org_full_forms().items():
        if short in name and short not in NOT_EXPANDED:
            name = name.replace(short, full)
    return name


def _unclaimed_text(article_facts: ArticleFacts) -> bytes:
    """The article's title and text with every mention's words blanked out, so that no
    name is found again inside a name already read; compressed, as the linker keeps it for
    every article until the end."""
    article = article_facts.article
    text = f"{article.title or ''}\n{article.text}"
    written = {m.text for m in article_facts.mentions}
    written.update(m.text for f in article_facts.facts for m in (f.subject, f.object) if m)
    for words in sorted(written, key=len, reverse=True):
        if words:
            text = text.replace(words, "\0" * len(words))
    return zlib.compress(text.encode("utf-8"), 1)


def _ends_with_suffix(name: str) -> bool:
    return bool(_without_suffixes(name)[1])


def _without_suffixes(name: str) -> tuple[str, list[str]]:
    """``name`` without the organisation and facility suffixes it ends with (智算中心项目:
    项目, then 智算中心), and the types those suffixes give."""
    kinds = []
    # (a suffix of name[1:]: one shorter than the name, which keeps a body)
    while len(name) > 1 and (suffix := longest_suffix(name[1:])) is not None:
        kinds.append(org_suffixes()[suffix])
        name = name[:-len(suffix)]
    return name, kinds


def _is_parent_form(name: str) -> bool:
    return name.endswith(PARENT_FORMS) and not BRANCH_WORDS.search(name)


def _drop_shared_relative_aliases(entities) -> None:
    """市发展改革委 written in two cities' articles is an alias of each city's commission:
    a relative form two entities share names neither, so neither keeps it."""
    owners = Counter(alias for entity in entities for alias in set(entity.aliases)
                     if alias != entity.label and alias.startswith(RELATIVE_PREFIXES))
    shared = {alias for alias, count in owners.items() if count > 1}
    if shared:
        for entity in entities:
            entity.aliases = [a for a in entity.aliases if a not in shared]


def _merge_into(target: Entity, other: Entity) -> None:
    target.aliases = sorted(set(target.aliases) | set(other.aliases))
    target.docs = sorted(set(target.docs) | set(other.docs))
    target.articles = sorted(set(target.articles) | set(other.articles))


def link(results: Iterable[ArticleFacts]) -> tuple[KnowledgeGraph, list[LinkDecision]]:
    linker = Linker()
    for article_facts in results:
        linker.add(article_facts)
    return linker.result(), linker.decisions
