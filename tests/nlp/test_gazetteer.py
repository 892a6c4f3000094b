"""Tests of the administrative-division gazetteer against the committed data files."""
from __future__ import annotations

import importlib.util
import time
from collections import defaultdict
from pathlib import Path

import pytest

from kg.nlp import gazetteer as gazetteer_module
from kg.nlp.gazetteer import (
    DIVISIONS_FILE, FOREIGN_FILE, LEVELS, STOPFORMS_FILE, Division, Gazetteer, GazetteerError,
    generated_forms,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def codes(divisions: list[Division]) -> list[str]:
    return [d.code for d in divisions]


# -- loading and the data files --------------------------------------------------------

def test_load_is_fast_and_cached():
    started = time.perf_counter()
    fresh = Gazetteer.from_files(DIVISIONS_FILE, FOREIGN_FILE, stopforms=STOPFORMS_FILE)
    elapsed = time.perf_counter() - started
    print(f"gazetteer load: {elapsed:.3f} s for {len(fresh)} divisions")
    assert elapsed < 2.0
    assert len(fresh) > 40_000
    assert Gazetteer.load() is Gazetteer.load()


def test_data_file_is_compact():
    assert DIVISIONS_FILE.stat().st_size < 3_000_000


def test_every_level_hangs_from_the_right_level(gaz):
    allowed_parents = {
        "province": {"country"},
        "prefecture": {"province"},
        "county": {"prefecture", "province"},   # 石河子市-style cities under the province
        "town": {"county", "prefecture"},       # streets of development zones
        "foreign-region": {"country"},
    }
    seen = defaultdict(int)
    for division in gaz.divisions():
        seen[division.level] += 1
        assert division.level in LEVELS
        if division.level == "country":
            assert division.parent is None
            continue
        parent = gaz.by_code(division.parent)
        assert parent.level in allowed_parents[division.level], division
    assert seen["province"] == 34
    assert seen["prefecture"] > 330 and seen["county"] > 2800 and seen["town"] > 35_000


def test_development_zones_and_pseudo_units_are_not_divisions(gaz):
    names = {d.name for d in gaz.divisions()}
    assert "省直辖行政区划" not in names and "市直辖行政区划" not in names
    assert not [d for d in gaz.divisions() if d.level == "county" and d.code[4:5] == "7"]
    assert gaz.lookup("经开区") == [] and gaz.lookup("高新区") == []


# -- names and forms -------------------------------------------------------------------

def test_xinjiang_code_full_and_short_form(gaz):
    xinjiang = gaz.by_code("650000")
    assert (xinjiang.name, xinjiang.short, xinjiang.level, xinjiang.parent) == (
        "新疆维吾尔自治区", "新疆", "province", "CN")
    assert codes(gaz.lookup("新疆")) == ["650000"]
    assert gaz.resolve("新疆维吾尔自治区").code == "650000"


def test_china_itself_and_every_province_under_it(gaz):
    china = gaz.by_code("CN")
    assert china.level == "country" and china.name == "中华人民共和国"
    assert gaz.resolve("中国") == china and gaz.resolve("中华人民共和国") == china
    provinces = [d for d in gaz.divisions() if d.level == "province"]
    assert all(p.parent == "CN" for p in provinces)


@pytest.mark.parametrize(("name", "level", "expected"), [
    ("甲乙回族自治州", "prefecture", ["甲乙州", "甲乙"]),
    ("甲乙土家族苗族自治州", "prefecture", ["甲乙州", "甲乙"]),
    ("甲乙哈萨克自治县", "county", ["甲乙县", "甲乙"]),
    ("甲乙蒙古自治州", "prefecture", ["甲乙州", "甲乙"]),
    ("甲乙各族自治县", "county", ["甲乙县", "甲乙"]),
    ("甲乙达斡尔族自治旗", "county", ["甲乙旗", "甲乙"]),
    ("甲乙维吾尔自治区", "province", ["甲乙"]),
    ("东乡族自治县", "county", []),          # nothing left without the people
    ("甲乙地区", "prefecture", ["甲乙"]),
    ("甲乙盟", "prefecture", ["甲乙"]),
    ("甲乙市", "prefecture", ["甲乙"]),
    ("甲市", "county", []),                  # a one-character bare name is not a name
    ("甲乙县", "county", ["甲乙"]),
    ("甲县", "county", []),
    ("甲乙镇", "town", []),                  # towns only by their full names
    ("甲乙州", "foreign-region", []),
])
def test_generated_forms(name, level, expected):
    assert generated_forms(name, level) == expected


def test_hui_autonomous_prefectures_have_zhou_and_bare_forms(gaz):
    linxia = gaz.resolve("临夏回族自治州")
    assert linxia.level == "prefecture"
    assert linxia in gaz.lookup("临夏州") and linxia in gaz.lookup("临夏")
    hui = [d for d in gaz.divisions() if d.level == "prefecture" and d.name.endswith("回族自治州")]
    assert len(hui) >= 2
    for prefecture in hui:
        stem = prefecture.name.removesuffix("回族自治州")
        assert prefecture in gaz.lookup(stem + "州") and prefecture in gaz.lookup(stem)


def test_autonomous_county_drops_the_people(gaz):
    county = gaz.resolve("巴里坤哈萨克自治县")
    assert gaz.resolve("巴里坤县") == county and gaz.resolve("巴里坤") == county


def test_diqu_and_meng_prefectures_by_bare_name(gaz):
    alxa = gaz.resolve("阿拉善盟")
    assert gaz.resolve("阿拉善") == alxa
    kashgar = gaz.resolve("喀什地区")
    assert kashgar.level == "prefecture"
    assert kashgar in gaz.lookup("喀什")


def test_bare_name_of_prefecture_and_its_city_gives_the_prefecture(gaz):
    # 和田 is 和田地区, 和田市 and 和田县; 喀什 is 喀什地区 and 喀什市.
    assert {d.level for d in gaz.lookup("和田")} == {"prefecture", "county"}
    assert gaz.resolve("和田").name == "和田地区"
    assert gaz.resolve("喀什").name == "喀什地区"
    assert gaz.resolve("喀什市").name == "喀什市"


def test_official_short_beats_generated_form(gaz):
    # 伊宁 is the official short form of 伊宁市; 伊宁县's bare name is only generated.
    assert {d.name for d in gaz.lookup("伊宁")} == {"伊宁市", "伊宁县"}
    assert gaz.resolve("伊宁").name == "伊宁市"


def test_slash_separated_official_short_forms(gaz):
    kizilsu = gaz.resolve("克孜勒苏柯尔克孜自治州")
    assert gaz.resolve("克州") == kizilsu and gaz.resolve("克孜勒苏") == kizilsu
    assert kizilsu.short.split("/")[0] == "克州"


# -- resolving with context ------------------------------------------------------------

def test_context_prefecture_picks_its_county_among_namesakes(gaz):
    same_name = defaultdict(list)
    for division in gaz.divisions():
        if division.level == "county":
            same_name[division.name].append(division)
    namesakes = {name: found for name, found in same_name.items()
                 if len({gaz.province_of(d.code).code for d in found}) > 1}
    assert "朝阳区" in namesakes
    for name, found in namesakes.items():
        assert gaz.resolve(name) is None, name
        for county in found:
            assert gaz.resolve(name, [county.parent]) == county, (name, county)


def test_context_province_mentions_decide_between_unrelated_namesakes(gaz):
    beijing_district = gaz.resolve("东城区", ["110000"])
    assert beijing_district.code == "110101"
    # 东城区 does not contain either 朝阳区, but it places the article in Beijing.
    assert gaz.resolve("朝阳区", [beijing_district.code]).code == "110105"
    assert gaz.resolve("朝阳区", ["220100"]).code == "220104"


def test_higher_level_wins_for_bare_short_forms(gaz):
    assert gaz.resolve("朝阳").name == "朝阳市"
    assert gaz.resolve("海南").name == "海南省"
    assert gaz.resolve("海南", ["630000"]).name == "海南藏族自治州"


def test_unknown_names_and_context_codes(gaz):
    assert gaz.lookup("甲乙丙县") == []
    assert gaz.resolve("甲乙丙县") is None
    assert gaz.resolve("新疆", ["not-a-code"]).code == "650000"
    assert gaz.resolve(" 新疆 ").code == "650000"          # NFKC, spaces dropped


# -- towns -----------------------------------------------------------------------------

def test_towns_have_parents_and_synthetic_codes(gaz):
    towns = [d for d in gaz.divisions() if d.level == "town"]
    for town in towns:
        assert town.code == f"{town.parent}-{town.name}"
        assert town.name.endswith(("街道", "镇", "乡", "苏木"))
        assert town.short == ""


def test_towns_resolve_only_under_their_county_or_prefecture(gaz):
    county = gaz.resolve("巴里坤哈萨克自治县")
    town = next(d for d in gaz.divisions() if d.level == "town" and d.parent == county.code)
    assert gaz.resolve(town.name) is None
    assert gaz.resolve(town.name, [gaz.by_code(county.parent).code]) == town
    assert gaz.resolve(town.name, [county.code]) == town
    assert gaz.resolve(town.name, ["650000"]) is None   # a province is not enough
    bare = town.name.removesuffix("镇").removesuffix("乡")
    assert town not in gaz.lookup(bare)


def test_a_common_town_name_needs_its_county(gaz):
    chengguan = gaz.lookup("城关镇")
    assert len(chengguan) > 10 and {d.level for d in chengguan} == {"town"}
    assert gaz.resolve("城关镇") is None
    first = chengguan[0]
    assert gaz.resolve("城关镇", [first.parent]) == first


# -- hierarchy -------------------------------------------------------------------------

def test_ancestors_run_up_to_china(gaz):
    county = gaz.resolve("巴里坤哈萨克自治县")
    town = next(d for d in gaz.divisions() if d.level == "town" and d.parent == county.code)
    chain = gaz.ancestors(town.code)
    assert [d.level for d in chain] == ["county", "prefecture", "province", "country"]
    assert chain[0] == county and chain[-2].code == "650000" and chain[-1].code == "CN"
    assert gaz.ancestors("CN") == []
    assert gaz.contains("650000", town.code) and not gaz.contains(town.code, "650000")


def test_unknown_code_is_a_clear_error(gaz):
    with pytest.raises(GazetteerError, match="no division with code 'XX-000'"):
        gaz.by_code("XX-000")
    with pytest.raises(KeyError):
        gaz.ancestors("XX-000")


# -- foreign divisions -----------------------------------------------------------------

def test_mongolia_by_short_name(gaz):
    mongolia = gaz.resolve("蒙古")
    assert (mongolia.code, mongolia.name, mongolia.level) == ("MN", "蒙古国", "country")


def test_east_kazakhstan_by_short_name(gaz):
    region = gaz.resolve("东哈州")
    assert (region.code, region.name, region.level, region.parent) == (
        "KZ-VOS", "东哈萨克斯坦州", "foreign-region", "KZ")
    assert [d.name for d in gaz.ancestors("KZ-VOS")] == ["哈萨克斯坦"]


@pytest.mark.parametrize("name", [
    "俄罗斯", "蒙古国", "哈萨克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "乌兹别克斯坦", "土库曼斯坦", "阿富汗",
    "巴基斯坦", "印度", "尼泊尔", "不丹", "缅甸", "老挝", "越南", "朝鲜", "韩国", "日本", "新加坡",
    "马来西亚", "泰国", "印度尼西亚", "菲律宾", "美国", "英国", "法国", "德国", "意大利", "西班牙", "荷兰",
    "比利时", "瑞士", "奥地利", "波兰", "土耳其", "伊朗", "沙特阿拉伯", "阿联酋", "埃及", "巴西", "阿根廷",
    "加拿大", "澳大利亚", "新西兰", "白俄罗斯", "乌克兰", "格鲁吉亚", "阿塞拜疆", "亚美尼亚",
])
def test_countries_have_iso_codes(gaz, name):
    country = gaz.resolve(name)
    assert country is not None and country.level == "country"
    assert len(country.code) == 2 and country.code.isupper()


@pytest.mark.parametrize(("name", "country"), [
    ("阿拜州", "KZ"), ("阿拉木图州", "KZ"), ("乌布苏省", "MN"), ("巴彦乌列盖省", "MN"),
    ("科布多省", "MN"), ("戈壁阿尔泰省", "MN"), ("阿尔泰共和国", "RU"), ("阿尔泰边疆区", "RU"),
    ("新西伯利亚州", "RU"), ("克麦罗沃州", "RU"), ("图瓦共和国", "RU"), ("伊塞克湖州", "KG"),
    ("戈尔诺-巴达赫尚自治州", "TJ"), ("撒马尔罕州", "UZ"),
])
def test_neighbours_first_level_units(gaz, name, country):
    region = gaz.resolve(name)
    assert region.level == "foreign-region" and region.parent == country
    assert region.code.startswith(country + "-")


def test_foreign_names_do_not_collide_with_chinese_ones(gaz):
    for division in gaz.divisions():
        if division.level in ("country", "foreign-region"):
            for form in [division.name, *filter(None, division.short.split("/"))]:
                assert gaz.lookup(form) == [division], form


# -- surface forms for the recogniser --------------------------------------------------

def test_surface_forms_leave_out_ordinary_words(gaz):
    forms = set(gaz.surface_forms())
    texts = {form for form, _ in forms}
    for word in ("和平", "东方", "城关", "城区", "郊区", "东区", "资源", "比如", "公安", "温泉"):
        assert gaz.lookup(word), word            # still a name of some division...
        assert word not in texts, word           # ...but never matched as one
        assert gaz.is_stopform(word)
    assert ("东方市", "county") in forms          # full names are kept
    assert ("新疆", "province") in forms and ("伊犁州", "prefecture") in forms
    assert ("和田", "prefecture") in forms and ("和田", "county") in forms
    assert ("东哈州", "foreign-region") in forms and ("蒙古", "country") in forms
    assert ("城关镇", "town") in forms
    assert all(len(form) >= 2 for form in texts)


def test_surface_forms_of_towns_are_full_names_only(gaz):
    town_forms = [form for form, level in gaz.surface_forms() if level == "town"]
    assert len(town_forms) > 30_000
    assert all(form.endswith(("街道", "镇", "乡", "苏木")) for form in town_forms)


def test_surface_forms_are_stable_and_respect_min_len(gaz):
    first = list(gaz.surface_forms(min_len=3))
    assert first == list(gaz.surface_forms(min_len=3))
    assert all(len(form) >= 3 for form, _ in first)
    assert first == sorted(first, key=lambda pair: (pair[0], LEVELS.index(pair[1])))


# -- bad input -------------------------------------------------------------------------

def test_malformed_tables_give_one_line_errors(tmp_path: Path):
    missing = tmp_path / "missing.tsv"
    with pytest.raises(GazetteerError, match="missing.tsv: cannot read"):
        Gazetteer.from_files(missing)

    bad_header = tmp_path / "header.tsv"
    bad_header.write_text("code\tname\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"header.tsv:1: header must be"):
        Gazetteer.from_files(bad_header)

    short_row = tmp_path / "row.tsv"
    short_row.write_text("code\tname\tshort\tlevel\tparent_code\n990000\t甲乙省\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"row.tsv:2: expected 5 tab-separated columns"):
        Gazetteer.from_files(short_row)

    orphan = tmp_path / "orphan.tsv"
    orphan.write_text("code\tname\tshort\tlevel\tparent_code\n990100\t甲乙市\t甲乙\tprefecture\t990000\n",
                      encoding="utf-8")
    with pytest.raises(GazetteerError, match="unknown parent '990000'"):
        Gazetteer.from_files(orphan)


def test_a_small_invented_table(tmp_path: Path):
    table = tmp_path / "tiny.tsv"
    table.write_text(
        "# invented divisions\n"
        "code\tname\tshort\tlevel\tparent_code\n"
        "ZZ\t甲国\t\tcountry\t\n"
        "990000\t甲乙省\t甲乙\tprovince\tZZ\n"
        "990100\t丙丁回族自治州\t丙丁\tprefecture\t990000\n"
        "990101\t丙丁市\t丙丁市\tcounty\t990100\n"
        "990102\t戊己县\t\tcounty\t990100\n"
        "990102-庚辛镇\t庚辛镇\t\ttown\t990102\n",
        encoding="utf-8")
    tiny = Gazetteer.from_files(table)
    assert tiny.resolve("丙丁州").code == "990100"
    assert tiny.resolve("丙丁").code == "990100"
    assert tiny.resolve("戊己").code == "990102"
    assert tiny.resolve("庚辛镇") is None
    assert tiny.resolve("庚辛镇", ["990100"]).code == "990102-庚辛镇"
    assert [d.code for d in tiny.ancestors("990102-庚辛镇")] == ["990102", "990100", "990000", "ZZ"]


# -- the derivation script -------------------------------------------------------------

@pytest.mark.skipif(importlib.util.find_spec("jionlp") is None, reason="jionlp not installed")
def test_committed_table_matches_the_derivation():
    script = Path(gazetteer_module.__file__).parent / "data" / "make_divisions.py"
    spec = importlib.util.spec_from_file_location("make_divisions", script)
    make_divisions = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_divisions)
    rows = make_divisions.derive_rows(make_divisions.jionlp_location_lines())
    committed = DIVISIONS_FILE.read_text(encoding="utf-8").splitlines()[1:]
    assert ["\t".join(row) for row in rows] == committed
    stopforms = make_divisions.derive_stopforms(Gazetteer.from_files(DIVISIONS_FILE, FOREIGN_FILE))
    assert stopforms == gazetteer_module.read_stopforms(STOPFORMS_FILE)


def test_bare_name_of_a_prefecture_and_its_seat_is_the_prefecture(gaz):
    # 哈密 is both 哈密市 (prefecture level) ... pick a pair where the seat city shares the stem
    prefecture = gaz.resolve("伊犁哈萨克自治州")
    seat = gaz.resolve("伊宁市")
    assert prefecture is not None and seat is not None
    bare_pairs = [(d.name, d.code) for d in gaz.lookup("阿勒泰")]
    assert {"阿勒泰地区", "阿勒泰市"} <= {name for name, _ in bare_pairs}
    assert gaz.resolve("阿勒泰").name == "阿勒泰地区"
    # even when the article names only the city, the bare form is the larger unit
    city = gaz.resolve("阿勒泰市")
    assert gaz.resolve("阿勒泰", [city.code]).name == "阿勒泰地区"
    assert gaz.resolve("阿勒泰市", [city.code]).name == "阿勒泰市"
