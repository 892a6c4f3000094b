"""The tables of national bodies (kg/nlp/data/national_*.tsv) and their recogniser.

Table-wide checks that every short form is safe to match anywhere in running text, the
loader's refusals, recognition through the real pipeline on invented sentences, and one
build showing that a short form and the full name in two articles are one entity.
"""
import json

import pytest

from kg import build
from kg.nlp.lexicon import (NATIONAL_MIN_FORM_LENGTH, NATIONAL_TYPES, NationalTableError,
                            common_words, national_bodies, read_national_tables)
from kg.nlp.pipeline import create_pipeline
from tests.helpers import analysed

# Names jieba's dictionary tags with a common part of speech (n, v, or j for an
# abbreviation) although each names one body only.  A new form that jieba knows as an
# everyday word must not be added here without that check.
PROPER_DESPITE_JIEBA = frozenset({
    "教育部", "科技部", "公安部", "水利部", "审计署", "证监会",      # ministries, the regulator
    "中石化", "一汽", "鞍钢", "国航", "东航", "百度", "网易",          # companies
    "央视", "人民网",                                                # media
    "东盟", "欧盟",                                                  # international bodies
    "微软", "思科",                                                  # foreign companies
    "工行", "农行", "中行", "建行", "交行",                             # the large banks
})


@pytest.fixture(scope="module")
def nlp():
    return create_pipeline()


def names(doc):
    """(text, label, name) of the entities, name being the full name a table gives."""
    return {(e.text, e.label_, (e._.kg or {}).get("name")) for e in doc.ents}


def full_names(doc):
    return {(e._.kg or {}).get("name") for e in doc.ents}


# -- the tables -------------------------------------------------------------------------

def test_the_tables_load_with_every_kind_of_national_body():
    table = national_bodies()
    assert {entity_type for _full, entity_type in table.values()} == NATIONAL_TYPES
    fulls = {full for full, _type in table.values()}
    assert len(fulls) > 250
    assert table["中石化"] == ("中国石油化工集团有限公司", "Company")
    assert table["新华社"] == ("新华通讯社", "Organization")
    assert table["中科院"] == ("中国科学院", "ResearchOrg")
    assert table["国家发改委"][1] == "GovernmentBody"
    assert table["东盟"] == ("东南亚国家联盟", "Organization")


def test_every_form_is_long_enough_and_names_one_body():
    table = national_bodies()
    assert all(len(form) >= NATIONAL_MIN_FORM_LENGTH for form in table)
    # Each full name is a form of itself: no full name is another body's short form.
    for full, _type in table.values():
        assert table[full][0] == full


def test_no_form_is_an_everyday_word():
    everyday = {form for form in national_bodies() if form in common_words()}
    assert everyday <= PROPER_DESPITE_JIEBA, sorted(everyday - PROPER_DESPITE_JIEBA)
    # The exceptions are all still in the tables (a stale one would hide nothing).
    assert PROPER_DESPITE_JIEBA <= everyday


def test_ambiguous_and_everyday_short_forms_are_left_out():
    table = national_bodies()
    for form in ("兵团", "发改委", "国资委", "统计局", "阿里", "小米", "联想", "浪潮", "中铁",
                 "中建", "中交", "央行", "南航", "国投", "招商局"):
        assert form not in table, form


def test_a_form_that_begins_an_everyday_word_is_not_read_inside_it(nlp):
    table = national_bodies()
    common = common_words()
    checked = 0
    for form, (full, _type) in table.items():
        if form == full and full.startswith("中华人民共和国"):
            continue
        for word in (w for w in common if w.startswith(form) and w != form):
            # 国务院令 is the State Council's decree: the organ is meant.
            if word == "国务院令":
                continue
            doc = nlp(f"记者了解到，{word}的情况有所变化。")
            assert full not in full_names(doc), (form, word)
            checked += 1
    assert checked >= 5          # 公安部门, 教育部门, 外交部长 … are in jieba's dictionary


# -- the loader -------------------------------------------------------------------------

def _table(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("# invented\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_form_given_to_two_bodies_is_refused_naming_file_line_and_both(tmp_path):
    first = _table(tmp_path, "national_a.tsv", ["甲乙控股集团有限公司\tCompany\t甲乙|甲乙集团"])
    second = _table(tmp_path, "national_b.tsv", ["",
                                                 "甲乙科技有限公司\tCompany\t甲乙科技|甲乙"])
    with pytest.raises(NationalTableError) as refused:
        read_national_tables([first, second])
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{second}:3: ")
    assert "甲乙" in message and "甲乙控股集团有限公司" in message and "甲乙科技有限公司" in message
    assert "national_a.tsv:2" in message


@pytest.mark.parametrize("row, problem", [
    ("甲乙公司\tCompany\t甲", "shorter than 2 characters"),
    ("甲乙公司\tCompany\t甲乙||乙丙", "shorter than 2 characters"),
    ("甲乙公司\tFirm\t甲乙", "unknown type 'Firm'"),
    ("甲乙公司", "found 1 columns"),
])
def test_malformed_rows_are_refused_in_one_line(tmp_path, row, problem):
    path = _table(tmp_path, "national_x.tsv", [row])
    with pytest.raises(NationalTableError, match=problem) as refused:
        read_national_tables([path])
    assert str(refused.value).startswith(f"{path}:2: ") and "\n" not in str(refused.value)


def test_a_body_listed_twice_is_refused(tmp_path):
    path = _table(tmp_path, "national_x.tsv", ["甲乙研究院\tResearchOrg\t甲乙院",
                                               "甲乙研究院\tResearchOrg\t"])
    with pytest.raises(NationalTableError, match="already listed at national_x.tsv:2"):
        read_national_tables([path])


# -- recognition ------------------------------------------------------------------------

def test_a_short_form_is_the_company_under_its_full_name(nlp):
    found = names(nlp("某某县与中国石化签订合作协议。"))
    assert ("中国石化", "Company", "中国石油化工集团有限公司") in found


def test_short_forms_of_every_kind(nlp):
    found = names(nlp("会上，国家发改委、国家数据局和新华社、中科院的代表与华为、字节跳动、"
                      "中国电建、国网的负责人座谈，央视作了报道。"))
    assert ("国家发改委", "GovernmentBody", "中华人民共和国国家发展和改革委员会") in found
    assert ("国家数据局", "GovernmentBody", "国家数据局") in found
    assert ("新华社", "Organization", "新华通讯社") in found
    assert ("中科院", "ResearchOrg", "中国科学院") in found
    assert ("华为", "Company", "华为技术有限公司") in found
    assert ("字节跳动", "Company", "字节跳动有限公司") in found
    assert ("中国电建", "Company", "中国电力建设集团有限公司") in found
    assert ("国网", "Company", "国家电网有限公司") in found
    assert ("央视", "Organization", "中央广播电视总台") in found


def test_a_construction_bureau_is_a_company_not_an_organ(nlp):
    found = names(nlp("该项目由中铁十局承建，中建八局参与施工。"))
    assert ("中铁十局", "Company", "中铁十局集团有限公司") in found
    assert ("中建八局", "Company", "中国建筑第八工程局有限公司") in found


def test_a_company_form_with_its_group_word_is_the_company(nlp):
    found = names(nlp("中石化集团与华为公司签约。"))
    assert ("中石化集团", "Company", "中国石油化工集团有限公司") in found
    assert ("华为公司", "Company", "华为技术有限公司") in found


def test_a_longer_structural_name_wins(nlp):
    doc = nlp("中国移动通信集团甘肃有限公司兰州分公司与某某县签订协议。")
    found = names(doc)
    assert ("中国移动通信集团甘肃有限公司兰州分公司", "Company", None) in found
    assert "中国移动通信集团有限公司" not in full_names(doc)
    doc = nlp("中国电力建设集团甘肃有限公司兰州分公司中标。")
    assert "中国电力建设集团有限公司" not in full_names(doc)


def test_a_form_before_a_place_begins_a_branch_name(nlp):
    assert "国家电网有限公司" not in full_names(nlp("国网甘肃电力承建该工程。"))


def test_a_ministry_after_another_state_is_that_state_s(nlp):
    doc = nlp("塔吉克斯坦财政部和吉尔吉斯斯坦国防部表示欢迎。")
    assert not {"中华人民共和国财政部", "中华人民共和国国防部"} & full_names(doc)
    doc = nlp("财政部和国防部表示欢迎。")
    assert {"中华人民共和国财政部", "中华人民共和国国防部"} <= full_names(doc)


def test_a_form_inside_a_longer_word_is_not_read(nlp):
    doc = nlp("北京东路上的京东方大楼旁，各地公安部门关注中国建筑业和全国网络安全。")
    found = full_names(doc)
    assert "京东集团股份有限公司" not in found
    assert ("京东方", "Company", "京东方科技集团股份有限公司") in names(doc)
    assert not {"中华人民共和国公安部", "中国建筑股份有限公司", "国家电网有限公司"} & found


def test_a_form_glued_to_a_function_word_is_still_read(nlp):
    # jieba reads 对华 and 武将 as words; the body is still there.
    found = full_names(nlp("对华为而言，中国宝武将加大投资。"))
    assert {"华为技术有限公司", "中国宝武钢铁集团有限公司"} <= found


def test_a_brand_before_a_product_is_the_product(nlp):
    doc = nlp("游客打开华为手机，用京东商城下单。")
    assert not {"华为技术有限公司", "京东集团股份有限公司"} & full_names(doc)


def test_a_banks_short_name_before_a_provinces_branch_is_the_branchs(nlp):
    found = {e.text for e in nlp("截至10月末，工行甘肃省分行对甲乙集团的融资余额超过50亿元，"
                                 "农行甘肃省分行对农行兰州分行的参贷申请进行审批。").ents}
    assert {"工行甘肃省分行", "农行甘肃省分行", "农行兰州分行"} <= found
    # a city's branch; a preposition jieba glues to the short name (在建|行); a unit after
    # the branch (公司业务部)
    found = {e.text for e in nlp("建行兰州分行将在建行甘肃省分行的指导下加大投放，"
                                 "建行兰州分行公司业务部总经理王一鸣介绍。").ents}
    assert {"建行兰州分行", "建行甘肃省分行"} <= found, found
    assert not any(name.startswith("在") or name.endswith("公司") for name in found), found


def test_the_corps_by_its_names_but_not_a_bare_corps(nlp):
    assert ("新疆兵团", "GovernmentBody", "新疆生产建设兵团") in names(nlp("新疆兵团代表出席。"))
    assert "新疆生产建设兵团" not in full_names(nlp("兵团代表出席。"))


def test_the_recogniser_runs_in_the_default_pipeline():
    assert ("中石化", "Company", "中国石油化工集团有限公司") in names(analysed("中石化投资建设。"))


# -- one entity across articles -----------------------------------------------------------

def test_short_form_and_full_name_in_two_articles_are_one_entity(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("某某县与中国石化签订合作协议，双方将共建炼化项目。\n",
                                 encoding="utf-8")
    (pages / "b.txt").write_text("中国石油化工集团有限公司总经理王明远一行到某某县考察。\n",
                                 encoding="utf-8")
    build([pages], tmp_path / "out")
    entities = [json.loads(line) for line in
                (tmp_path / "out" / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    sinopec = [e for e in entities
               if {"中国石化", "中国石油化工集团有限公司"} & {e["label"], *e["aliases"]}]
    assert len(sinopec) == 1, sinopec
    assert sinopec[0]["type"] == "Company"
    assert sinopec[0]["label"] == "中国石油化工集团有限公司"
    assert "中国石化" in sinopec[0]["aliases"]
    assert sinopec[0]["docs"] == ["a", "b"]


def test_an_operators_branch_written_as_place_and_brand_carries_its_registered_name():
    nlp = create_pipeline("rules")

    def named(text):
        return {(e.text, (e._.kg or {}).get("name")) for e in nlp(text).ents
                if e.label_ == "Company"}

    assert named("四川移动在宜宾至成都之间新建了两条通道。") == {("四川移动", "中国移动通信集团四川有限公司")}
    assert named("岳阳联通将为项目提供网络。") == {("岳阳联通", "中国联合网络通信有限公司岳阳市分公司")}
    assert named("宁夏电信、宜宾移动共同参与。") == {
        ("宁夏电信", "中国电信股份有限公司宁夏分公司"),
        ("宜宾移动", "中国移动通信集团四川有限公司宜宾分公司")}
    assert not named("四川移动互联网产业发展迅速。")
