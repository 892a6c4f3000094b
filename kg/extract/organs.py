"""Organs implied by titles and abbreviations: 某某市委 -> 中共某某市委员会, 市长 -> 某某市人民政府.

Given a division, these functions give the organ's full name and the short forms a
reader would use, so that 某某市委, 中共某某市委 and 中共某某市委员会 are one entity.
"""
from __future__ import annotations

import re

from kg.nlp.gazetteer import Division, Gazetteer

CENTRAL_COMMITTEE = ("中国共产党中央委员会", ("中共中央", "党中央"))
# 某某市委 / 某某州党委 / 某某地委 written before a title.
PARTY_ABBREVIATION = re.compile(r"^(?:中共)?(?P<area>.+?)(?:党委|委)$")
# What a party committee's short name ends with (某某州党委, 中共某某市委).
PARTY_COMMITTEE_ENDINGS = ("党委", "省委", "市委", "州委", "县委", "地委", "区委", "旗委", "盟委")
GOVERNMENT_ABBREVIATION = re.compile(r"^(?P<area>.+?)(?:人民政府|政府)$")
HEAD_TITLES = ("州长", "市长", "县长", "区长", "省长", "旗长", "盟长")


def area_stem(area: Division) -> str:
    """昌吉回族自治州 -> 昌吉州, 阿勒泰地区 -> 阿勒泰地区, 阿勒泰市 -> 阿勒泰市."""
    name = area.name
    if name.endswith("自治州"):
        return area.short + "州" if not area.short.endswith("州") else area.short
    return name


# The characters of a division's level (某某市, 某某旗), written alone for the article's own.
LEVEL_CHARACTERS = "省市县区州旗盟"
# 市委, 县政府, 区人大常委会: a level and an organ, written where the place is understood.
# Such a form names the organ of every place at once, so it is no alias of any of them.
# A level written alone before an organ's name where the place is understood (市发展改革委).
RELATIVE_PREFIXES = ("自治区", "省", "地区", "州", "市", "县")
BARE_ORGAN = re.compile(rf"[{LEVEL_CHARACTERS}](?:委|党委|政府|人民政府|政协|人大常委会|人大)")


def _written_alias(written: str) -> set[str]:
    return {written} if written and not BARE_ORGAN.fullmatch(written) else set()


def _with_city(area: Division) -> str | None:
    """某市某区: a city's district written with its city, as its organs' names often are
    (中共某市某区委员会, 某市某区人民政府)."""
    if area.level != "county" or not area.name.endswith("区") or not area.parent:
        return None
    city = Gazetteer.load().by_code(area.parent)
    return city.name + area.name if city.level == "prefecture" else None


def party_committee(area: Division, written: str = "") -> tuple[str, tuple[str, ...]]:
    stem = area_stem(area)
    aliases = {f"中共{stem}委", f"{stem}委"}
    if (with_city := _with_city(area)) is not None:
        aliases |= {f"中共{with_city}委员会", f"中共{with_city}委", f"{with_city}委"}
    if area.name.endswith("地区"):
        aliases |= {f"{area.short}地委", f"中共{area.short}地委"}
    if area.name.endswith(("自治州", "自治区")):
        aliases |= {f"{stem}党委"}
    aliases |= _written_alias(written)
    name = f"中共{area.name}委员会"
    aliases.discard(name)
    return name, tuple(sorted(aliases))


def government(area: Division, written: str = "") -> tuple[str, tuple[str, ...]]:
    stem = area_stem(area)
    aliases = {f"{area.name}政府", f"{stem}人民政府", f"{stem}政府"} | _written_alias(written)
    if (with_city := _with_city(area)) is not None:
        aliases |= {f"{with_city}人民政府", f"{with_city}政府"}
    name = f"{area.name}人民政府"
    aliases.discard(name)
    return name, tuple(sorted(aliases))


def administrative_office(area: Division, written: str = "") -> tuple[str, tuple[str, ...]]:
    """专员 heads a prefecture's 行政公署 (地区行署)."""
    aliases = {f"{area.name}行署"}
    if written:
        aliases.add(written)
    return f"{area.name}行政公署", tuple(sorted(aliases))


def working_committee(owner: str, written: str = "") -> tuple[str, tuple[str, ...]]:
    """某某开发区党工委 -> 中共某某开发区工作委员会 (a zone's party working committee)."""
    aliases = {f"{owner}党工委"} | _written_alias(written)
    return f"中共{owner}工作委员会", tuple(sorted(aliases))


def working_committee_owner(name: str) -> str | None:
    """Whose party working committee ``name`` is (中共某某工作委员会, 某某党工委), or None."""
    if name.startswith("中共") and name.endswith("工作委员会"):
        return name[2:-len("工作委员会")]
    return name[:-len("党工委")] if name.endswith("党工委") and len(name) > 3 else None

