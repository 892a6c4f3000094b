"""The administrative-division gazetteer: every place name the recogniser and linker know.

Owns reading ``kg/nlp/data/divisions.tsv`` (China: provinces, prefectures, counties,
towns), ``foreign.tsv`` (countries and first-level units of western China's neighbours)
and ``division_stopforms.txt`` (written forms too common as words to be matched), the
rules that derive the short forms a text may use for a division (``伊犁哈萨克自治州`` ->
``伊犁州``, ``伊犁``), and choosing the one division a written name denotes.

>>> gazetteer = Gazetteer.load()
>>> gazetteer.resolve("新疆").code
'650000'
>>> [d.name for d in gazetteer.ancestors("650000")]
['中华人民共和国']
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Division", "Gazetteer", "GazetteerError", "UnknownDivisionCode", "LEVELS",
           "FULL", "OFFICIAL_SHORT", "GENERATED", "generated_forms", "normalise", "beginnings"]

DATA = Path(__file__).parent / "data"
DIVISIONS_FILE = DATA / "divisions.tsv"
FOREIGN_FILE = DATA / "foreign.tsv"
STOPFORMS_FILE = DATA / "division_stopforms.txt"
COLUMNS = ("code", "name", "short", "level", "parent_code")

LEVELS = ("country", "province", "prefecture", "county", "town", "foreign-region")
# Smaller is higher; a foreign first-level unit sits where a province does.
LEVEL_RANK = {"country": 0, "province": 1, "foreign-region": 1, "prefecture": 2,
              "county": 3, "town": 4}
TOWN_SUFFIXES = ("街道", "镇", "乡", "苏木")
# What a town's name may be written without (三塘湖 for 三塘湖镇).
TOWN_SHORT_ENDINGS = ("镇", "乡")

# How a written form was obtained; a smaller number is stronger evidence.
FULL, OFFICIAL_SHORT, GENERATED = 0, 1, 2

# The 56 recognised ethnic groups, written as they appear inside the names of autonomous
# areas; "各族" appears as in 龙胜各族自治县.  Names of one character only ever occur
# with 族, longer ones also without it (伊犁哈萨克自治州, 新疆维吾尔自治区).
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 "
    "怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC = "|".join(
    [f"{g}族?" if len(g) > 1 else f"{g}族" for g in sorted(ETHNIC_GROUPS, key=len, reverse=True)]
    + ["各族"]
)
_AUTONOMOUS = re.compile(rf"^(?P<stem>.+?)(?:{_ETHNIC})+自治(?P<kind>区|州|县|旗)$")
_SUFFIX_STEMS = (
    # (levels, suffix) -> the bare stem is a written form of the division
    (("province",), "特别行政区"),
    (("province",), "自治区"),
    (("province",), "省"),
    (("province", "prefecture", "county"), "市"),
    (("prefecture",), "地区"),
    (("prefecture",), "盟"),
    (("county",), "林区"),
    (("county",), "县"),
    (("county",), "旗"),
    (("county",), "区"),
)


class GazetteerError(ValueError):
    """A gazetteer data file is missing or malformed, or a code is unknown."""


class UnknownDivisionCode(GazetteerError, KeyError):
    """``by_code`` was given a code no division has."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division.

    ``code`` is the GB/T 2260 code for China (towns, which have none, get
    ``<county code>-<name>``), ``CN`` for China itself, ISO 3166-1 alpha-2 for countries
    and ISO 3166-2 for foreign first-level units.  ``short`` is the official short form
    (``""`` when there is none, as for towns); ``parent`` the parent's code.
    """
    code: str
    name: str
    short: str
    level: str
    parent: str | None


def generated_forms(name: str, level: str) -> list[str]:
    """Short forms a text may write for a division besides its full and official names.

    >>> generated_forms("伊犁哈萨克自治州", "prefecture")
    ['伊犁州', '伊犁']
    >>> generated_forms("和田地区", "prefecture")
    ['和田']
    """
    if level in ("town", "country", "foreign-region"):
        return []
    forms: list[str] = []
    autonomous = _AUTONOMOUS.match(name)
    if autonomous and len(autonomous["stem"]) >= 2:
        stem, kind = autonomous["stem"], autonomous["kind"]
        if kind != "区":
            forms.append(stem + kind)
        forms.append(stem)
        return forms
    if re.search("自治[州县旗]$", name):
        return forms  # nothing is left once the people is dropped (东乡族自治县)
    for levels, suffix in _SUFFIX_STEMS:
        if level in levels and name.endswith(suffix):
            stem = name[: -len(suffix)]
            if len(stem) >= 2:
                forms.append(stem)
            break
    return forms


def normalise(name: str) -> str:
    """The key a written name is looked up by: NFKC, without spaces."""
    if not unicodedata.is_normalized("NFKC", name):
        name = unicodedata.normalize("NFKC", name)
    return "".join(name.split())


def beginnings(forms: Iterable[str]) -> frozenset[str]:
    """Every beginning of every form, the forms themselves included: a scan for forms in
    text can stop reading once what it has read begins none of them."""
    return frozenset(form[:k] for form in forms for k in range(1, len(form) + 1))


class Gazetteer:
    """All divisions with the forms they are written in.  Build it with ``load()``."""

    def __init__(self, divisions: Iterable[Division], stopforms: Iterable[str] = ()) -> None:
        self._by_code: dict[str, Division] = {}
        # written form -> {code: strength}
        self._forms: dict[str, dict[str, int]] = {}
        self._stopforms = frozenset(normalise(form) for form in stopforms)
        self._beginnings: frozenset[str] | None = None
        # form -> its codes ranked, filled as forms are looked up (at most one per form)
        self._ranked_forms: dict[str, tuple[tuple[str, int], ...]] = {}
        for division in divisions:
            if division.code in self._by_code:
                raise GazetteerError(f"duplicate division code {division.code!r}")
            self._by_code[division.code] = division
            self._add_form(division.name, division.code, FULL)
            for short in division.short.split("/") if division.short else ():
                self._add_form(short, division.code, OFFICIAL_SHORT)
            for form in generated_forms(division.name, division.level):
                self._add_form(form, division.code, GENERATED)
        for division in self._by_code.values():
            if division.parent is not None and division.parent not in self._by_code:
                raise GazetteerError(
                    f"division {division.code} {division.name} has unknown parent {division.parent!r}")

    def _add_form(self, form: str, code: str, strength: int) -> None:
        codes = self._forms.setdefault(normalise(form), {})
        if strength < codes.get(code, GENERATED + 1):
            codes[code] = strength

    @classmethod
    def from_files(cls, *tables: Path, stopforms: Path | None = None) -> "Gazetteer":
        """Read division tables (TSV with the ``COLUMNS`` header) and a stop-form list."""
        divisions: list[Division] = []
        for table in tables:
            divisions.extend(read_divisions(table))
        stop: list[str] = []
        if stopforms is not None:
            stop = read_stopforms(stopforms)
        return cls(divisions, stop)

    @classmethod
    def load(cls) -> "Gazetteer":
        """The gazetteer of the committed data files (read once per process)."""
        return _load_committed()

    # -- queries -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def by_code(self, code: str) -> Division:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownDivisionCode(f"no division with code {code!r}") from None

    def divisions(self) -> Iterator[Division]:
        """Every division, in code order."""
        for code in sorted(self._by_code):
            yield self._by_code[code]

    def form_beginnings(self) -> frozenset[str]:
        """:func:`beginnings` of every form :meth:`lookup` knows (normalised)."""
        if self._beginnings is None:
            self._beginnings = beginnings(self._forms)
        return self._beginnings

    def lookup(self, name: str) -> list[Division]:
        """All divisions a written name can denote, strongest evidence and highest level first."""
        return [self._by_code[code] for code, _ in self._ranked(normalise(name))]

    def towns_written_short(self, form: str) -> list[Division]:
        """The towns ``form`` names written without 镇 or 乡 (三塘湖: 三塘湖镇)."""
        return [d for ending in TOWN_SHORT_ENDINGS for d in self.lookup(form + ending)]

    def _ranked(self, form: str) -> tuple[tuple[str, int], ...]:
        ranked = self._ranked_forms.get(form)
        if ranked is None:
            codes = self._forms.get(form)
            if codes is None:
                return ()
            ranked = self._ranked_forms[form] = tuple(sorted(codes.items(), key=lambda item: (
                item[1], LEVEL_RANK[self._by_code[item[0]].level], item[0])))
        return ranked

    def written_forms(self) -> Iterator[tuple[str, Division, int]]:
        """Every (form, division, strength) known: ``FULL``, ``OFFICIAL_SHORT`` or ``GENERATED``."""
        for form in sorted(self._forms):
            for code, strength in sorted(self._forms[form].items()):
                yield form, self._by_code[code], strength

    def ancestors(self, code: str) -> list[Division]:
        """The divisions containing ``code``, parent first, up to the country."""
        chain: list[Division] = []
        parent = self.by_code(code).parent
        while parent is not None:
            division = self._by_code[parent]
            chain.append(division)
            parent = division.parent
        return chain

    def contains(self, outer: str, inner: str) -> bool:
        """Whether division ``outer`` is ``inner`` or one of its ancestors."""
        code: str | None = inner
        while code is not None:
            if code == outer:
                return True
            code = self._by_code[code].parent if code in self._by_code else None
        return False

    def province_of(self, code: str) -> Division | None:
        """The province (or foreign first-level unit, or country) a division lies in."""
        division = self.by_code(code)
        while division.level not in ("province", "foreign-region", "country"):
            if division.parent is None:
                return None
            division = self._by_code[division.parent]
        return division

    def plausible_form(self, form: str, division: Division, context_codes: Iterable[str]) -> bool:
        """A county's or town's bare short form (大关, 石城) denotes it only when one of
        ``context_codes`` lies in the same province; full names and higher levels always do."""
        if form == division.name or division.level not in ("county", "town"):
            return True
        province = self.province_of(division.code)
        return province is not None and any(
            (p := self.province_of(code)) is not None and p.code == province.code
            for code in context_codes)

    def resolve(self, name: str, context_codes: Iterable[str] = ()) -> Division | None:
        """The one division ``name`` denotes, given the divisions an article already names.

        In order: exact full names beat short forms; towns need their county or
        prefecture in the context; candidates nearest inside a context division win;
        then the highest level (bare 和田 -> 和田地区 over 和田市 and 和田县); then official
        short forms over generated ones (伊宁 -> 伊宁市 over 伊宁县); then the candidate in
        the province the context names most.  Otherwise the name is ambiguous between
        unrelated places of one level and the answer is None.
        """
        ranked = self._ranked(normalise(name))
        if not ranked:
            return None
        context = [code for code in dict.fromkeys(context_codes) if code in self._by_code]
        strength = dict(ranked)
        full = [code for code, s in ranked if s == FULL]
        candidates = full or [code for code, _ in ranked]
        candidates = [c for c in candidates if self._by_code[c].level != "town"
                      or self._town_anchored(c, context)]
        if len(candidates) <= 1:
            return self._by_code[candidates[0]] if candidates else None
        outer = self._containing_all(candidates)
        if outer is not None and not full:
            return outer     # bare 某某 for 某某州 and its seat 某某市: the larger unit

        if context:
            distance = {c: self._context_distance(c, context) for c in candidates}
            known = [d for d in distance.values() if d is not None]
            if known:
                nearest = min(known)
                candidates = [c for c in candidates if distance[c] == nearest]
                if len(candidates) == 1:
                    return self._by_code[candidates[0]]

        top_rank = min(LEVEL_RANK[self._by_code[c].level] for c in candidates)
        candidates = [c for c in candidates if LEVEL_RANK[self._by_code[c].level] == top_rank]
        if len(candidates) == 1:
            return self._by_code[candidates[0]]

        best = min(strength[c] for c in candidates)
        candidates = [c for c in candidates if strength[c] == best]
        if len(candidates) == 1:
            return self._by_code[candidates[0]]

        if context:
            mentions = Counter(p.code for p in map(self.province_of, context) if p is not None)
            by_province = {c: (self.province_of(c) or self._by_code[c]).code for c in candidates}
            counts = {c: mentions.get(by_province[c], 0) for c in candidates}
            most = max(counts.values())
            if most > 0:
                top = [c for c in candidates if counts[c] == most]
                if len(top) == 1:
                    return self._by_code[top[0]]
        return None

    def _containing_all(self, codes: list[str]) -> Division | None:
        """The one candidate that contains every other candidate, if there is one."""
        for code in codes:
            if all(other == code or self.contains(code, other) for other in codes):
                return self._by_code[code]
        return None

    def _context_distance(self, code: str, context: list[str]) -> int | None:
        """Steps from ``code`` up to the nearest context division containing it."""
        wanted = set(context)
        steps = 0
        current: str | None = code
        while current is not None:
            if current in wanted:
                return steps
            current = self._by_code[current].parent
            steps += 1
        return None

    def _town_anchored(self, code: str, context: list[str]) -> bool:
        anchors = {code}
        anchors.update(d.code for d in self.ancestors(code) if d.level in ("county", "prefecture"))
        return any(c in anchors for c in context)

    def surface_forms(self, min_len: int = 2) -> Iterator[tuple[str, str]]:
        """Every (written form, level) pair a recogniser should match, in a stable order.

        Full names are always included, except the few generic ones in the stop list
        (城区, 东区); short forms are left out when they are ordinary words.  Towns are
        matched only by their full names, which end in 街道/镇/乡/苏木.
        """
        for form in sorted(self._forms):
            if len(form) < min_len or form in self._stopforms:
                continue
            levels = set()
            for code, strength in self._forms[form].items():
                division = self._by_code[code]
                if division.level == "town" and not (
                        strength == FULL and form.endswith(TOWN_SUFFIXES)):
                    continue
                levels.add(division.level)
            for level in sorted(levels, key=LEVELS.index):
                yield form, level

    def is_stopform(self, form: str) -> bool:
        return normalise(form) in self._stopforms


def read_divisions(path: Path) -> list[Division]:
    """Rows of a division table; blank lines and ``#`` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read division table ({error.strerror})") from None
    except UnicodeDecodeError:
        raise GazetteerError(f"{path}: not UTF-8") from None
    divisions: list[Division] = []
    header_seen = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != COLUMNS:
                raise GazetteerError(f"{path}:{number}: header must be {'/'.join(COLUMNS)}")
            header_seen = True
            continue
        if len(fields) != 5:
            raise GazetteerError(f"{path}:{number}: expected 5 tab-separated columns, got {len(fields)}")
        code, name, short, level, parent = fields
        if not code or not name or level not in LEVEL_RANK:
            raise GazetteerError(f"{path}:{number}: empty code/name or unknown level {level!r}")
        divisions.append(Division(code, name, short, level, parent or None))
    if not header_seen:
        raise GazetteerError(f"{path}: empty division table")
    return divisions


def read_stopforms(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read stop forms ({error.strerror})") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _load_committed() -> Gazetteer:
    return Gazetteer.from_files(DIVISIONS_FILE, FOREIGN_FILE, stopforms=STOPFORMS_FILE)
