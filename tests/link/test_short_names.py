"""Linking organisations and facilities written short across articles (issue 15), on
invented names: a short name, an abbreviation, a legal name written short, a facility with
and without 项目 or its operator; two legal names competing for one short name stay apart."""
from tests.helpers import holders_of, linked


def test_a_short_name_is_the_legal_name_that_holds_it_after_its_place():
    graph, _ = linked("宁夏丙丁算力科技有限公司投资建设甲乙智算中心。",
                       "丙丁算力与戊己大学签订合作协议。")
    holders = holders_of(graph, "丙丁算力")
    assert len(holders) == 1 and holders[0].label == "宁夏丙丁算力科技有限公司"
    assert holders[0].docs == ["doc0", "doc1"]


def test_an_abbreviation_keeps_first_and_last_characters_in_order():
    graph, _ = linked("内蒙古丙丁数字产业集团有限公司董事长王一鸣出席。",
                       "甲乙智算中心由丙丁数产集团与戊己科技有限公司共同投资建设。")
    holders = holders_of(graph, "丙丁数产集团")
    assert len(holders) == 1 and holders[0].label == "内蒙古丙丁数字产业集团有限公司"


def test_a_listed_short_name_cutting_the_last_word_to_its_first_character():
    graph, _ = linked("云南滇曜数字科技股份有限公司发布公告。",
                       "该中心由滇曜数科（603579.SH）投资建设。")
    holders = holders_of(graph, "滇曜数科")
    assert len(holders) == 1 and holders[0].label == "云南滇曜数字科技股份有限公司"


def test_a_legal_name_written_short_as_a_numbered_unit():
    graph, _ = linked("甲乙智算中心由中国丙丁第三工程局有限公司承建。",
                       "甲乙智算中心由丙三局集团有限公司承建。")
    holders = holders_of(graph, "中国丙丁第三工程局有限公司")
    assert len(holders) == 1 and "丙三局集团有限公司" in holders[0].aliases


def test_two_legal_names_that_could_hold_a_short_name_stay_apart_and_are_logged():
    graph, decisions = linked("宁夏丙丁科技有限公司发布年报。", "四川丙丁科技有限公司发布年报。",
                               "丙丁科技与戊己大学签订合作协议。")
    assert len(holders_of(graph, "丙丁科技")) == 1          # the short name alone
    assert not any("丙丁科技" in e.aliases for e in graph.entities
                   if e.label.endswith("有限公司"))
    assert any(d.kind == "rejected" and d.rule == "short name of a company" for d in decisions)


def test_a_brand_two_legal_names_share_is_the_group_not_its_regional_company():
    graph, _ = linked("丙丁算力科技集团有限公司发布年报。甘肃丙丁算力数据科技有限公司在庆阳建设智算中心。",
                       "丙丁算力与戊己大学签订合作协议。")
    group = holders_of(graph, "丙丁算力科技集团有限公司")
    assert len(group) == 1 and "丙丁算力" in group[0].aliases
    assert group[0].docs == ["doc0", "doc1"]
    assert not holders_of(graph, "甘肃丙丁算力数据科技有限公司")[0].aliases


def test_a_brand_is_the_company_its_subsidiaries_are_read_under():
    graph, _ = linked("宁夏丙丁科技有限公司全资子公司四川丙丁科技有限公司在成都建设数据中心。",
                       "丙丁科技与戊己大学签订合作协议。")
    assert "丙丁科技" in holders_of(graph, "宁夏丙丁科技有限公司")[0].aliases


def test_a_parent_is_not_its_subsidiary_whose_name_it_begins():
    graph, _ = linked("中国丙丁建设股份有限公司发布年报。",
                       "中国丙丁建设集团某某省电力设计院有限公司承担项目EPC总承包。")
    assert len(holders_of(graph, "中国丙丁建设股份有限公司")) == 1
    assert not any("中国丙丁建设股份有限公司" in e.aliases for e in graph.entities)


def test_a_facility_with_and_without_xiangmu_and_its_operator_is_one():
    graph, _ = linked("丙丁科技股份有限公司投资建设丙丁科技甲乙智算中心项目。",
                       "甲乙智算中心项目开工。甲乙智算中心规划算力2万P。")
    centres = [e for e in graph.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1
    assert {"甲乙智算中心", "甲乙智算中心项目"} <= set(centres[0].aliases) | {centres[0].label}


def test_a_short_name_declared_in_one_article_is_that_organisation_in_another():
    graph, decisions = linked(
        "中国丙丁股份有限公司伊吾分公司（以下简称“丙丁伊吾公司”）与戊己大学签订合作协议。",
        "丙丁伊吾公司总经理王一鸣表示，将加快建设。")
    holders = holders_of(graph, "丙丁伊吾公司")
    assert len(holders) == 1 and holders[0].label == "中国丙丁股份有限公司伊吾分公司"
    assert holders[0].docs == ["doc0", "doc1"]


def test_one_name_is_one_person_when_posts_agree_or_one_gives_none():
    graph, decisions = linked("甲乙能源有限公司董事长王一鸣出席。", "甲乙能源有限公司董事长王一鸣表示。",
                               "丙丁大学校长王一鸣致辞。", "王一鸣说。")
    persons = [e for e in graph.entities if e.label == "王一鸣"]
    assert len(persons) == 2          # the chairman (with the bare name) and the president
    rejected = [d for d in decisions if d.rule == "same person name" and d.kind == "rejected"]
    assert rejected and "no title in common" in rejected[0].reason


def test_a_facility_with_a_word_left_out_and_a_phase_named_elsewhere():
    graph, _ = linked("丙丁曲靖绿色智算中心开工。丙丁曲靖智算中心一期投运。",
                       "丙丁曲靖绿色智算中心二期项目EPC工程开标。")
    centres = [e for e in graph.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1 and centres[0].label == "丙丁曲靖绿色智算中心"
    # Across articles only a generic modifier may be left out (绿色), not a word of the name.
    joined, _ = linked("丙丁曲靖绿色智算中心开工。", "丙丁曲靖智算中心一期投运。")
    assert len([e for e in joined.entities if e.type == "ComputeCenter"]) == 1
    apart, _ = linked("丙丁曲靖星河智算中心开工。", "丙丁曲靖智算中心一期投运。")
    assert len([e for e in apart.entities if e.type == "ComputeCenter"]) == 2


def test_zones_of_two_places_with_a_generic_core_stay_apart():
    graph, decisions = linked("伊吾县经济开发区管委会成立。", "巴里坤县经济开发区管委会成立。",
                               "甲乙智算中心位于伊吾经济开发区。", "丙丁项目位于巴里坤经济开发区。")
    zones = [e for e in graph.entities if e.type == "Zone"]
    assert len(zones) >= 2
    assert not any({"伊吾经济开发区", "巴里坤经济开发区"} <= set(z.aliases) | {z.label} for z in zones)


def test_a_phase_is_the_facility_named_in_another_document_when_it_is_the_only_one():
    graph, _ = linked("丙丁智算中心开工。", "丙丁智算中心二期项目EPC工程开标。")
    centres = [e for e in graph.entities if e.type in ("ComputeCenter", "Project")]
    assert len(centres) == 1 and centres[0].docs == ["doc0", "doc1"]


def test_a_zone_named_from_its_own_place_is_the_zone_written_with_its_address():
    graph, _ = linked("储能电站在甘州工业园区开工。", "电站位于甘肃张掖甘州工业园区，已并网。")
    [zone] = [e for e in graph.entities if e.type == "Zone"]
    assert zone.docs == ["doc0", "doc1"]
    # A place outside the address is another zone.
    graph, _ = linked("储能电站在甘州工业园区开工。", "电站位于酒泉甘州工业园区，已并网。")
    assert len([e for e in graph.entities if e.type == "Zone"]) == 2


def test_a_zone_whose_name_opens_with_a_place_elsewhere_is_one_at_two_addresses():
    # 永和 names a county far away: here it is the zone's own word, not its address.
    graph, _ = linked("阜新永和数字产业园正式开园。", "项目位于细河区永和数字产业园，总投资28亿元。")
    [zone] = [e for e in graph.entities if e.type == "Zone"]
    assert zone.docs == ["doc0", "doc1"]


def test_a_short_name_opening_with_a_place_is_no_legal_name_of_another_place():
    graph, decisions = linked("信丰县城市发展投资集团有限公司发布公告。",
                               "抽水蓄能电站由哈密市城投集团和丙丁电力建设有限公司按股比出资。")
    assert not any("哈密市城投集团" in e.aliases for e in graph.entities)
    graph, _ = linked("信丰县城市发展投资集团有限公司发布公告。",
                       "抽水蓄能电站由信丰县城投集团和丙丁电力建设有限公司按股比出资。")
    assert "信丰县城投集团" in holders_of(graph, "信丰县城市发展投资集团有限公司")[0].aliases


def test_a_park_written_short_in_the_document_naming_it_in_full():
    graph, _ = linked("甲乙智算中心落户赣州丙丁数字经济产业园。丙丁园区已引进企业12家。")
    [zone] = [e for e in graph.entities if e.type == "Zone"]
    assert "丙丁园区" in zone.aliases
    # Two parks opening with the same words: neither.
    graph, _ = linked("赣州丙丁数字经济产业园和赣州丙丁物流园相邻。丙丁园区已引进企业12家。")
    assert len([e for e in graph.entities if e.type == "Zone"]) == 3
    # A park with a place of its own in another city is no short form.
    graph, _ = linked("甲乙智算中心落户宿州丙丁数字经济产业园，淮北丙丁数字产业园也已签约。")
    assert len([e for e in graph.entities if e.type == "Zone"]) == 2


def test_works_after_two_ways_of_writing_one_operator_are_one_project():
    graph, _ = linked("哈密丙丁新能源科技有限公司5GW光伏组件项目开工。",
                       "哈密丙丁5GW光伏组件项目投产。")
    projects = [e for e in graph.entities if e.type == "Project"]
    assert len(projects) == 1 and projects[0].docs == ["doc0", "doc1"]
    # Another operator's works of the same figure stay apart.
    graph, _ = linked("哈密丙丁新能源科技有限公司5GW光伏组件项目开工。",
                       "哈密戊己新能源科技有限公司5GW光伏组件项目投产。")
    assert len([e for e in graph.entities if e.type == "Project"]) == 2


def test_a_latin_name_spelling_the_place_short_is_the_company():
    graph, _ = linked("深圳市丙丁数据科技有限公司发布公告。",
                       "The venture was set up by Shenzhen Bingding Data Technology Co., Ltd. in 2022.")
    [company] = [e for e in graph.entities if e.type == "Company"]
    assert company.label == "深圳市丙丁数据科技有限公司" and company.docs == ["doc0", "doc1"]
