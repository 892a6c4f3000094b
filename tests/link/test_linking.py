"""Linking across articles with invented text: one thing is one entity, two things stay two."""
from kg.extract import extract
from kg.link.resolve import link
from kg.nlp.pipeline import analyse
from tests.helpers import article, facts_of


def _graph(*texts):
    articles = [article(t, doc=f"doc{i}") for i, t in enumerate(texts)]
    graph, decisions = link(extract(a, d) for a, d in analyse(articles))
    return graph


def test_same_name_in_two_documents_is_one_entity():
    g = _graph("新疆甲乙能源有限公司总经理王明远表示。", "新疆甲乙能源有限公司发布年报。")
    companies = [e for e in g.entities if e.label == "新疆甲乙能源有限公司"]
    assert len(companies) == 1 and companies[0].docs == ["doc0", "doc1"]


def test_name_without_place_prefix_links_in_the_same_document():
    g = _graph("伊吾县丙丁智算中心开工。丙丁智算中心规划算力2万P。")
    centres = [e for e in g.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1
    assert centres[0].label == "伊吾县丙丁智算中心"
    assert "丙丁智算中心" in centres[0].aliases


def test_a_name_opening_with_its_citys_bay_or_port_links_to_the_name_without_it():
    g = _graph("哈密湾丙丁智算中心开工。", "丙丁智算中心在哈密市投运。")
    [centre] = [e for e in g.entities if e.type == "ComputeCenter"]
    assert centre.label == "哈密湾丙丁智算中心" and centre.docs == ["doc0", "doc1"]
    # and a port area opening with its city's port
    g = _graph("营口港鲅鱼圈港区吞吐量增长。", "鲅鱼圈港区新建泊位，营口市加快建设。")
    [area] = [e for e in g.entities if e.type == "Port"]
    assert area.label == "营口港鲅鱼圈港区" and area.docs == ["doc0", "doc1"]


def test_areas_are_their_codes_with_parents():
    g = _graph("哈密市位于新疆。", "伊吾县属哈密。")
    by_code = {e.code: e for e in g.entities if e.code}
    assert by_code["650522"].parent == "area/650500"
    assert by_code["650500"].parent == "area/650000"


def test_persons_with_conflicting_posts_in_two_documents_stay_apart():
    g = _graph("哈密市数字化发展局局长王明远讲话。", "新疆甲乙能源有限公司总经理王明远表示。")
    assert len([e for e in g.entities if e.label == "王明远"]) == 2


def test_a_person_joins_the_document_whose_posts_agree_not_only_the_first():
    # moved from a bureau to a zone: the two articles after agree with each other
    g = _graph("哈密市数字化发展局局长王明远讲话。", "甲乙产业园管委会主任王明远汇报。",
               "甲乙产业园管委会主任王明远出席。")
    docs = sorted(e.docs for e in g.entities if e.label == "王明远")
    assert docs == [["doc0"], ["doc1", "doc2"]]


def test_an_official_at_two_organs_of_one_place_is_one_person():
    # promoted from the county's government to its party committee
    g = _graph("青冈县县长刘振朋出席签约仪式。", "青冈县委书记刘振朋主持会议。")
    assert _only(g, "Person").docs == ["doc0", "doc1"]


def test_an_official_of_a_district_and_then_of_its_city_is_one_person():
    g = _graph("伊州区区长刘振朋出席签约仪式。", "哈密市副市长刘振朋主持会议。")
    assert _only(g, "Person").docs == ["doc0", "doc1"]
    # A city the district does not lie in: two persons.
    g = _graph("伊州区区长刘振朋出席签约仪式。", "乌鲁木齐市副市长刘振朋主持会议。")
    assert len([e for e in g.entities if e.label == "刘振朋"]) == 2


def test_an_official_of_a_citys_bureau_or_zone_and_then_of_its_district_is_one_person():
    """Organs named with their city's name (某市数据资源管理局, 某市某某产业园管理委员会, or
    written short and joined to one: 市数据资源管理局) are that city's."""
    g = _graph("哈密市数据资源管理局局长刘振朋出席。", "哈密伊吾数字经济产业园管理委员会主任刘振朋讲话。",
               "伊州区委副书记、区长刘振朋主持会议。")
    assert _only(g, "Person").docs == ["doc0", "doc1", "doc2"]
    g = _graph("哈密市数据资源管理局局长刘振朋出席。", "乌鲁木齐市某某产业园管理委员会主任刘振朋讲话。")
    assert len([e for e in g.entities if e.label == "刘振朋"]) == 2


def test_a_groups_city_branch_is_one_with_and_without_its_provinces_company():
    g = _graph("中国移动通信集团辽宁有限公司营口分公司与甲乙公司签约。", "中国移动营口分公司负责网络建设。")
    [branch] = [e for e in g.entities if e.label.endswith("营口分公司")]
    assert branch.docs == ["doc0", "doc1"]
    # a city outside the province: two branches
    g = _graph("中国移动通信集团辽宁有限公司营口分公司与甲乙公司签约。", "中国移动湛江分公司负责网络建设。")
    assert len([e for e in g.entities if e.label.endswith("分公司")]) == 2


def test_a_state_grid_city_company_is_one_name_and_one_company_with_its_short_form():
    g = _graph("国网安徽省电力有限公司宿州供电公司投资建设输变电工程。", "国网宿州供电公司负责电力保障。")
    [company] = [e for e in g.entities if e.type == "Company"]
    assert company.label == "国网安徽省电力有限公司宿州供电公司"
    assert company.docs == ["doc0", "doc1"]


def test_a_government_written_short_is_the_peoples_government():
    g = _graph("哈密市人民政府与甲乙科技有限公司签约。", "哈密市政府党组成员王明远出席。")
    [body] = [e for e in g.entities if e.type == "GovernmentBody"]
    assert body.label == "哈密市人民政府" and body.docs == ["doc0", "doc1"]


def test_a_banks_branch_with_its_brand_or_its_place_written_short_is_one_branch():
    g = _graph("中国农业银行股份有限公司赣州分行与甲乙科技有限公司签约。国家开发银行新疆维吾尔自治区分行发放贷款。",
               "农行赣州分行行长王明远出席。国家开发银行新疆分行牵头组建银团。")
    branches = {e.label: e for e in g.entities if e.label.endswith("分行")}
    assert set(branches) == {"中国农业银行股份有限公司赣州分行", "国家开发银行新疆维吾尔自治区分行"}
    assert all(e.docs == ["doc0", "doc1"] for e in branches.values())


def test_stable_keys_across_builds():
    a = _graph("新疆甲乙能源有限公司总经理王明远表示。")
    b = _graph("新疆甲乙能源有限公司总经理王明远表示。")
    assert [e.id for e in a.entities] == [e.id for e in b.entities]


def test_standard_abbreviations_inside_names_link():
    g = _graph("哈密市发展和改革委员会召开会议。", "哈密市发展改革委发布通知。")
    bodies = [e for e in g.entities if e.type == "GovernmentBody"]
    assert len(bodies) == 1
    assert bodies[0].label == "哈密市发展和改革委员会" and "哈密市发展改革委" in bodies[0].aliases
    for full, short in (("哈密市发展和改革局", "哈密市发展改革局"),
                        ("哈密市数据资源管理局", "哈密市数据资源局")):
        g = _graph(f"{full}召开会议。", f"{short}发布通知。")
        [body] = [e for e in g.entities if e.type == "GovernmentBody"]
        assert body.docs == ["doc0", "doc1"]


def test_a_high_tech_zone_and_its_short_form_are_one_zone():
    # 高新技术产业开发区 also ends with 开发区: its short form is 高新区, not 开发区.
    g = _graph("哈密高新技术产业开发区举行签约仪式。", "哈密高新区举办招商推介会。")
    zones = [e for e in g.entities if e.type == "Zone"]
    assert [z.label for z in zones] == ["哈密高新技术产业开发区"]
    assert "哈密高新区" in zones[0].aliases


def test_place_written_short_and_generic_reference_link():
    g = _graph("哈密市丙丁绿色智算中心开工。哈密丙丁绿色智算中心位于高新区。"
               "哈密市智算中心项目采用液冷技术。")
    centres = [e for e in g.entities if e.type == "ComputeCenter"]
    assert [c.label for c in centres] == ["哈密市丙丁绿色智算中心"]
    assert {"哈密丙丁绿色智算中心", "哈密市智算中心项目"} <= set(centres[0].aliases)


def test_two_full_places_with_the_same_rest_stay_apart():
    g = _graph("哈密市人民医院扩建。", "哈密地区人民医院扩建。", "哈密人民医院开诊。")
    hospitals = {e.label for e in g.entities if e.type == "ResearchOrg"}
    assert {"哈密市人民医院", "哈密地区人民医院"} <= hospitals


def test_generic_reference_with_two_candidates_stays_apart():
    g = _graph("哈密市丙丁智算中心和哈密市戊己智算中心开工。哈密市智算中心项目进展顺利。")
    centres = {e.label for e in g.entities if e.type == "ComputeCenter"}
    assert {"哈密市丙丁智算中心", "哈密市戊己智算中心"} <= centres


def test_a_branch_named_with_and_without_the_legal_form_is_one_company():
    g = _graph("甲乙通信股份有限公司哈密分公司签署协议。", "甲乙通信哈密分公司发布方案。",
               "甲乙通信股份有限公司发布年报。")
    companies = {e.label: e for e in g.entities if e.type == "Company"}
    assert "甲乙通信股份有限公司哈密分公司" in companies
    assert "甲乙通信哈密分公司" in companies["甲乙通信股份有限公司哈密分公司"].aliases
    assert "甲乙通信股份有限公司" in companies      # the company itself is not its branch


def test_a_phase_of_a_facility_is_the_facility_in_its_document():
    g = _graph("加快泓锦四号矿、鑫岚二矿建设。泓锦四号矿一期1000万吨/年项目取得进展。", "泓锦五号矿一期项目开工。")
    mines = [e for e in g.entities if e.type == "Project" and "四号矿" in e.label]
    assert len(mines) == 1 and "泓锦四号矿" in [mines[0].label, *mines[0].aliases]
    assert any(e.label == "泓锦五号矿一期项目" for e in g.entities)   # alone: not merged


def test_region_party_committee_written_alone_is_the_regions():
    g = _graph("乌鲁木齐市召开会议。自治区党委召开会议。",
               "乌鲁木齐市召开会议。自治区党委常委、副主席王明远出席。")
    organs = [e for e in g.entities if e.type == "GovernmentBody"]
    assert [e.label for e in organs] == ["中共新疆维吾尔自治区委员会"]
    assert "自治区党委" in organs[0].aliases


def test_a_facility_written_without_its_zone_is_the_facility():
    g = _graph("凯里智算产业园项目开工。凯里经济开发区智算产业园项目开工仪式举行。")
    projects = [e for e in g.entities if e.type == "Project"]
    assert [p.label for p in projects] == ["凯里经济开发区智算产业园项目"]
    assert "凯里智算产业园项目" in projects[0].aliases


def test_a_facility_named_with_its_operators_brand_is_the_facility_without_it():
    g = _graph("甘肃丙丁新能源集团有限公司投资建设的丙丁金昌绿电智算中心开工。",
               "金昌绿电智算中心规划算力3000P，位于金昌市。")
    centres = [e for e in g.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1 and centres[0].docs == ["doc0", "doc1"]


def test_two_operators_brands_before_one_name_keep_the_shorter_apart():
    g = _graph("甘肃丙丁新能源集团有限公司投资建设的丙丁金昌绿电智算中心开工。",
               "甘肃戊己数据科技有限公司投资建设的戊己金昌绿电智算中心开工。",
               "金昌绿电智算中心规划算力3000P，位于金昌市。")
    assert len([e for e in g.entities if e.type == "ComputeCenter"]) == 3


def test_a_project_named_with_its_place_and_without_is_one_facility():
    g = _graph("许昌丙丁智算中心项目总投资36亿元。", "许昌市禹州的丙丁智算中心一期建成投运。")
    centres = [e for e in g.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1 and centres[0].docs == ["doc0", "doc1"]


def test_an_administrative_office_and_its_short_form_are_one_body():
    g = _graph("喀什地区行政公署召开会议。", "喀什地区行署发布通知。")
    assert len([e for e in g.entities if e.type == "GovernmentBody"]) == 1


def test_an_organ_written_without_its_place_keeps_no_bare_alias():
    graph = _graph("岳阳市召开会议。市委书记王明远讲话，市政府秘书长钱晓云主持。")
    organs = {e.label: e.aliases for e in graph.entities if e.type == "GovernmentBody"}
    assert "中共岳阳市委员会" in organs and "岳阳市人民政府" in organs
    assert not any(a in ("市委", "市政府") for aliases in organs.values() for a in aliases)


def test_a_project_named_with_its_owner_written_two_ways_and_without_it_is_one():
    graph = _graph("甘肃甲乙新能源集团有限公司金昌200万千瓦光储一体化项目开工。",
                   "甲乙集团金昌200万千瓦光储一体化项目进展顺利。",
                   "金昌200万千瓦光储一体化项目并网。")
    projects = [e for e in graph.entities if e.type == "Project"]
    assert len(projects) == 1, [e.label for e in projects]


def test_a_name_opened_by_an_address_and_by_its_innermost_place_is_one():
    graph = _graph("灵丘县甲乙岭抽水蓄能电站开工。", "山西灵丘甲乙岭抽水蓄能电站投资86亿元。")
    projects = [e for e in graph.entities if e.type == "Project"]
    assert len(projects) == 1 and projects[0].docs == ["doc0", "doc1"], \
        [(e.label, e.docs) for e in projects]


def test_a_facility_named_short_after_its_place_is_the_facility_in_its_document():
    graph = _graph("湖北长阳龙门坪抽水蓄能电站开工。龙门坪电站总投资82亿元。")
    projects = [e for e in graph.entities if e.type == "Project"]
    assert [(e.label, e.aliases) for e in projects] == [("湖北长阳龙门坪抽水蓄能电站", ["龙门坪电站"])]


def test_a_relative_organ_written_in_two_cities_is_an_alias_of_neither():
    graph = _graph("岳阳市召开会议。市发展改革委主任王明远讲话。", "常德市召开会议。市发展改革委主任赵东讲话。")
    organs = {e.label: e.aliases for e in graph.entities if e.type == "GovernmentBody"}
    assert {"岳阳市发展和改革委员会", "常德市发展和改革委员会"} <= set(organs)
    assert "岳阳市发展改革委" in organs["岳阳市发展和改革委员会"]
    assert not any("市发展改革委" in aliases for aliases in organs.values())


def test_a_relative_organ_is_its_papers_city_s_and_no_other_citys_elsewhere(tmp_path):
    """市发展改革委 in an article of 岳阳日报's page that names no city is 岳阳's; written in
    another article that names no city either, it joins no city's organ."""
    import json

    from kg import build
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "paper.txt").write_text("岳阳日报\n\n2025年3月18日\n\n# 市发展改革委部署工作\n\n"
                                     "3月17日，市发展改革委召开工作会。主任王明远讲话。\n",
                                     encoding="utf-8")
    (pages / "other.txt").write_text("常德市召开会议。市发展改革委主任赵东讲话。\n", encoding="utf-8")
    (pages / "bare.txt").write_text("会上，市发展改革委主任李华作报告。\n", encoding="utf-8")
    build([pages], tmp_path / "out")
    organs = {json.loads(line)["label"]: json.loads(line)["docs"]
              for line in (tmp_path / "out" / "entities.jsonl").open()
              if '"GovernmentBody"' in line}
    assert organs["岳阳市发展和改革委员会"] == ["paper"]
    assert organs["常德市发展和改革委员会"] == ["other"]


def test_a_name_prefixed_at_two_levels_above_its_own_place_is_one_thing():
    graph = _graph("贵州都匀甲乙数智产业园开园。黔南州都匀甲乙数智产业园已入驻企业20家。",
                   "贵州黔南州发布算力规划，都匀甲乙数智产业园将扩建。")
    parks = [e for e in graph.entities if e.label.endswith("甲乙数智产业园")]
    assert len(parks) == 1 and parks[0].docs == ["doc0", "doc1"]
    organs = _graph("新疆维吾尔自治区食品安全委员会召开会议。阿勒泰地区食品安全委员会召开会议。",
                    "阿勒泰地区部署工作，食品安全委员会办公室通报情况。")
    committees = {e.label for e in organs.entities if e.label.endswith("食品安全委员会")}
    assert {"新疆维吾尔自治区食品安全委员会", "阿勒泰地区食品安全委员会"} <= committees


def _of_type(graph, entity_type):
    return [e for e in graph.entities if e.type == entity_type]


def _only(graph, entity_type):
    """The one entity of that type in the graph."""
    [entity] = _of_type(graph, entity_type)
    return entity


def test_a_zone_its_address_at_two_lengths_its_short_form_and_its_organs_are_one():
    g = _graph("广西防城港市港口区甲乙湾临港经济开发区举行签约仪式，甲乙湾临港经济开发区管理委员会主任王明远致辞。",
               "广西防城港甲乙湾临港经济开发区规划面积48平方公里。",
               "甲乙湾开发区管委会发布公告，甲乙湾开发区新增企业20家。")
    assert _only(g, "Zone").docs == ["doc0", "doc1", "doc2"]
    organs = [e for e in g.entities if e.label.endswith(("管理委员会", "管委会"))]
    assert len(organs) == 1 and organs[0].docs == ["doc0", "doc2"]
    # A city's name shared by divisions elsewhere (大同) still holds its district (云州区).
    g = _graph("大同甲乙数字经济产业园开园。", "云州区甲乙数字经济产业园引进企业20家。")
    assert len(_of_type(g, "Zone")) == 1
    # Two districts of one city are two places: their parks of one name stay two.
    g = _graph("云州区甲乙数字经济产业园开园。", "平城区甲乙数字经济产业园开园。")
    assert len(_of_type(g, "Zone")) == 2
    # A facility named after its province and after its city is one facility …
    g = _graph("青海甲乙柯共享储能电站一期实现并网。", "德令哈甲乙柯共享储能电站开工建设。")
    assert len(_of_type(g, "Project")) == 1
    # … but not one described by its capacity only.
    g = _graph("青海100万千瓦光伏项目开工。", "德令哈100万千瓦光伏项目开工。")
    assert len(_of_type(g, "Project")) == 2
    # A city's own 临港经济开发区 is not its 经济技术开发区.
    g = _graph("防城港临港经济开发区开工。", "防城港经济技术开发区签约。")
    assert len(_of_type(g, "Zone")) == 2


def test_one_operators_centres_named_after_a_city_and_its_county_stay_two_when_placed_apart():
    city = "岳阳甲乙智算中心位于岳阳楼区，一期已投运。"
    county = "丙丁公司还在筹划第二座中心——华容甲乙智算中心，位于华容县，规划算力500P。"
    g = _graph(city, county)
    assert len(_of_type(g, "ComputeCenter")) == 2
    # without a place of its own in the text, the county's form is the city's centre
    g = _graph(city, "华容甲乙智算中心二期开工。")
    assert len(_of_type(g, "ComputeCenter")) == 1


def test_a_zone_opening_a_parks_name_is_mentioned_and_holds_the_park():
    facts = facts_of("该项目位于岳阳甲乙经济技术开发区丙丁数字产业园。")
    zones = {m.label for m in facts.mentions if m.type == "Zone"}
    assert zones == {"岳阳甲乙经济技术开发区丙丁数字产业园", "岳阳甲乙经济技术开发区"}
    assert ("岳阳甲乙经济技术开发区丙丁数字产业园", "岳阳甲乙经济技术开发区") in {
        (f.subject.label, f.object.label) for f in facts.facts if f.predicate == "locatedIn"}


def test_a_short_name_written_with_the_word_company_is_the_company():
    g = _graph("广西甲乙湾新能源材料有限公司年产10万吨正极材料项目开工，甲乙湾公司总经理王明远介绍。",
               "甲乙湾公司总经理王明远表示，项目年底投产。")
    companies = _of_type(g, "Company")
    assert [c.label for c in companies] == ["广西甲乙湾新能源材料有限公司"]
    assert companies[0].docs == ["doc0", "doc1"]


def test_short_names_in_a_companys_slots_link_to_the_legal_name_of_another_article():
    g = _graph("黑龙江北岚建设集团有限公司中标甲乙智算中心一期EPC总承包。",
               "据介绍，项目一期由北岚建设担任EPC总承包方。",
               "该项目由北岚建设投资建设。我们跟北岚建设签了十年的协议。")
    assert _only(g, "Company").docs == ["doc0", "doc1", "doc2"]
    # a place and a brand (赣州|橙岚) open the legal name read in another article
    g = _graph("赣州橙岚数据科技有限公司发布公告。", "信丰智算中心二期封顶，项目由赣州橙岚投资建设。")
    assert _only(g, "Company").docs == ["doc0", "doc1"]
    # everyday words in the slot name no company
    g = _graph("该项目由企业自主投资建设，由政府部门负责协调。")
    assert not _of_type(g, "Company")


def test_a_short_name_before_a_stock_code_links_to_the_listed_company():
    g = _graph("寒岭数智科技集团股份有限公司发布年报。",
               "7月2日晚间，寒岭数智（603817）公告称，公司近日收到中标通知书。",
               "电站由寒岭数智（603817）全资子公司投资建设。")
    companies = _of_type(g, "Company")
    assert [c.label for c in companies] == ["寒岭数智科技集团股份有限公司"]
    assert companies[0].docs == ["doc0", "doc1", "doc2"]


def test_a_name_in_latin_letters_is_the_organisation_whose_name_it_spells_in_pinyin():
    graph = _mentions_graph([("庆阳华楚云计算有限公司", "Company"), ("甘肃华岳智算科技有限公司", "Company")],
                            [("Qingyang Huachu Cloud", "Company"), ("Huayue Group", "Company")],
                            [("华岳数智科技集团有限公司", "Company")])
    names = [{e.label, *e.aliases} for e in _of_type(graph, "Company")]
    assert {"Qingyang Huachu Cloud", "庆阳华楚云计算有限公司"} in names
    # the name that opens with 华岳 wins over the one whose 华岳 comes after its place
    assert {"Huayue Group", "华岳数智科技集团有限公司"} in names, names
    # a place alone is not spelled out as a name (Qingyang Data is no 庆阳 company)
    graph = _mentions_graph([("庆阳华楚云计算有限公司", "Company")], [("Qingyang Data", "Company")])
    assert len(_of_type(graph, "Company")) == 2
    # two names opening alike: the one whose trade the English words go on to spell
    graph = _mentions_graph([("广东算湾数字科技有限公司", "Company"), ("湛江算湾智算科技有限公司", "Company")],
                            [("Suanwan Digital Technology", "Company")])
    names = [{e.label, *e.aliases} for e in _of_type(graph, "Company")]
    assert {"Suanwan Digital Technology", "广东算湾数字科技有限公司"} in names, names


def _mentions_graph(*docs):
    """A graph linked from mentions given directly: (text, type) pairs per document (and
    an area's code after its type)."""
    from kg.extract import ArticleFacts
    from kg.records import Mention, Source
    articles = []
    for i, mentions in enumerate(docs):
        art = article("。".join(text for text, *_ in mentions), doc=f"doc{i}")
        source = Source(art.doc, art.id, 0, len(art.text), art.text)
        articles.append(ArticleFacts(art, [Mention(text, kind, source, 0, len(text), text, *code)
                                           for text, kind, *code in mentions], []))
    return link(articles)[0]


def test_a_two_character_short_name_is_the_company_its_own_article_names_in_full():
    graph = _mentions_graph([("甲乙数智科技集团有限公司", "Company"), ("甲乙", "Company")],
                            [("甲乙", "Company")])
    companies = {e.label: e.docs for e in graph.entities if e.type == "Company"}
    assert companies == {"甲乙数智科技集团有限公司": ["doc0", "doc1"]}
    # Two companies of the article begin with it: it is neither, unless one is the group.
    graph = _mentions_graph([("甲乙数智科技有限公司", "Company"), ("甲乙", "Company"),
                             ("甲乙能源有限公司", "Company")])
    assert "甲乙" in {e.label for e in graph.entities}
    graph = _mentions_graph([("甲乙数智科技集团有限公司", "Company"), ("甲乙", "Company"),
                             ("甲乙能源有限公司", "Company")])
    assert "甲乙" not in {e.label for e in graph.entities}


def test_a_facility_with_its_brand_and_place_in_either_order_and_its_place_project():
    graph = _mentions_graph(
        [("湘潭甲乙智算中心", "ComputeCenter"), ("甲乙智算科技股份有限公司", "Company")],
        [("甲乙湘潭智算中心", "ComputeCenter"), ("甲乙智算科技股份有限公司", "Company")],
        [("湘潭甲乙智算中心", "ComputeCenter"), ("湘潭项目", "Project")])
    centres = [e for e in graph.entities if e.type in ("ComputeCenter", "Project")]
    assert len(centres) == 1 and centres[0].docs == ["doc0", "doc1", "doc2"]
    assert {"甲乙湘潭智算中心", "湘潭项目"} <= set(centres[0].aliases)
    # 某市项目 is no company of that place.
    graph = _mentions_graph([("湘潭项目", "Project"), ("湘潭甲乙科技有限公司", "Company")])
    assert {e.type for e in graph.entities if e.label in ("湘潭项目", "湘潭甲乙科技有限公司")} \
        == {"Project", "Company"}


def test_a_facility_named_without_a_modifier_or_without_the_place_after_its_brand():
    company = ("云南甲乙数字科技股份有限公司", "Company")
    graph = _mentions_graph([("甲乙曲靖绿色智算中心", "ComputeCenter"), company],
                            [("甲乙曲靖智算中心", "ComputeCenter")],
                            [("甲乙智算中心", "ComputeCenter")])
    centres = [e for e in graph.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1 and centres[0].docs == ["doc0", "doc1", "doc2"]
    # The brand's centres in two places: the name without a place is neither.
    graph = _mentions_graph([("甲乙曲靖智算中心", "ComputeCenter"), company],
                            [("甲乙昆明智算中心", "ComputeCenter")],
                            [("甲乙智算中心", "ComputeCenter")])
    assert len([e for e in graph.entities if e.type == "ComputeCenter"]) == 3


def test_a_centre_named_as_a_project_is_also_named_as_the_centre():
    graph = _mentions_graph([("甲乙夷陵智算中心项目", "ComputeCenter"),
                             ("甲乙华中储能电池生产基地项目", "Project"), ("甲乙储能项目", "Project")])
    names = {e.type: {e.label, *e.aliases} for e in graph.entities if e.label.startswith("甲乙")}
    assert "甲乙夷陵智算中心" in names["ComputeCenter"]
    assert any("甲乙华中储能电池生产基地" in n for n in names.values())
    assert not any("甲乙储能" in n for n in names.values())      # no kind of facility before 项目


def test_a_platform_written_as_its_construction_project_is_the_platform():
    g = _graph("哈密市算力调度平台已接入算力资源。", "哈密市算力调度平台建设项目完成验收。")
    [platform] = [e for e in g.entities if e.type in ("ComputeCenter", "Project")]
    assert platform.docs == ["doc0", "doc1"]


def test_the_link_report_is_the_same_whatever_the_hash_seed(tmp_path):
    """Names and the stems of their places are read in sorted order, not a set's (string
    hashes, and so set order, change from one process to the next): 湘潭 is the short form
    of 湘潭市 and the written form of 湘潭县, so which stem a merge is recorded under hung on
    the seed."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("湘潭甲乙智算中心开工建设。湘潭项目总投资20亿元。\n", encoding="utf-8")
    (pages / "b.txt").write_text("湘潭甲乙智算中心一期投运。\n", encoding="utf-8")
    reports = []
    for seed in ("1", "2", "3", "4"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(pages), "-o", str(out)],
                       check=True, env=env, cwd=root, capture_output=True)
        reports.append((out / "link-report.md").read_bytes())
    assert len(set(reports)) == 1


def test_a_place_and_a_kind_of_facility_is_the_articles_one_such_centre_placed_there():
    g = _graph("天津智算中心首期算力规划3000P。甲乙滨海智算中心位于天津市滨海新区，由甲乙公司投资建设。")
    [centre] = [e for e in g.entities if e.type == "ComputeCenter"]
    assert centre.label == "甲乙滨海智算中心" and "天津智算中心" in centre.aliases


def test_a_centre_named_with_its_capacity_is_the_centre_named_without_it():
    g = _graph("甲乙智算中心一期投运。", "甲乙1000P智算中心一期机柜开始上架。")
    assert len(_of_type(g, "ComputeCenter")) == 1
    # two capacities leading to one name: which one it is stays open
    g = _graph("甲乙智算中心一期投运。", "甲乙1000P智算中心开工。", "甲乙500P智算中心开工。")
    assert len(_of_type(g, "ComputeCenter")) == 3


def test_a_facility_addressed_by_its_county_and_by_the_county_and_its_town_is_one():
    g = _graph("四川江油煤制烯烃耦合绿氢示范项目开工。", "江油义新煤制烯烃耦合绿氢示范项目投资120亿元。")
    assert len(_of_type(g, "Project")) == 1
    # (a short description in two places of one line stays two: 风光储一体化项目)
    g = _graph("四川江油风光储一体化项目开工。", "江油义新风光储一体化项目投资20亿元。")
    assert len(_of_type(g, "Project")) == 2
    # a town's name that is the facility's own word is no address (义新|共享储能电站)
    g = _graph("四川义新共享储能电站开工。", "江油义新共享储能电站并网。")
    assert len(_of_type(g, "Project")) == 1


def test_an_organ_written_relative_in_a_pages_furniture_is_the_one_its_page_names(tmp_path):
    import json

    from kg import build
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "notice.txt").write_text(
        "首页 > 政务公开 > 重大建设项目\n\n宜宾市2024年重点项目名单公布\n\n"
        "发布时间：2024-03-08 10:21　　来源：市发展改革委　　浏览次数：3856　　【字体：大 中 小】\n\n"
        "近日，经宜宾市人民政府同意，宜宾市发展和改革委员会印发重点项目名单。\n\n"
        "市发展改革委党组书记、主任王明远表示，名单内项目将加快建设。\n", encoding="utf-8")
    # (another city's page writes the same relative form for its own organ)
    (pages / "other.txt").write_text("泸州市召开会议。市发展改革委主任李华讲话。\n", encoding="utf-8")
    build([pages], tmp_path / "out")
    organs = {json.loads(line)["label"]: json.loads(line)["docs"]
              for line in (tmp_path / "out" / "entities.jsonl").open()
              if '"GovernmentBody"' in line and "发展" in line}
    assert organs == {"宜宾市发展和改革委员会": ["notice"], "泸州市发展和改革委员会": ["other"]}, organs


def test_a_short_name_is_the_prefixed_centre_each_of_its_articles_reaches():
    """丙丁智算中心 in three articles: two name 宿州丙丁智算中心 alone, one names it beside
    蚌埠丙丁智算中心.  The short name is 宿州's; with no article naming one alone, neither."""
    suzhou, bengbu = ("宿州丙丁智算中心", "ComputeCenter"), ("蚌埠丙丁智算中心", "ComputeCenter")
    short = ("丙丁智算中心", "ComputeCenter")
    graph = _mentions_graph([suzhou, short], [suzhou, short], [suzhou, bengbu, short])
    centres = {e.label: e.docs for e in graph.entities if e.type == "ComputeCenter"}
    assert centres == {"宿州丙丁智算中心": ["doc0", "doc1", "doc2"], "蚌埠丙丁智算中心": ["doc2"]}
    graph = _mentions_graph([suzhou, bengbu, short], [suzhou, bengbu, short])
    assert "丙丁智算中心" in {e.label for e in graph.entities}


def test_a_centre_named_after_its_operators_short_name_and_its_place_is_the_centre():
    """甲乙科技宿州智算中心 for 宿州甲乙智算中心, the operator 某省甲乙智算科技有限公司 written
    short; a company of the brand in another trade does not make the form."""
    company = ("安徽甲乙智算科技有限公司", "Company")
    graph = _mentions_graph([("宿州甲乙智算中心", "ComputeCenter"), company],
                            [("甲乙科技宿州智算中心", "ComputeCenter")])
    centres = [e for e in graph.entities if e.type == "ComputeCenter"]
    assert len(centres) == 1 and centres[0].docs == ["doc0", "doc1"]
    graph = _mentions_graph([("宿州甲乙智算中心", "ComputeCenter"),
                             ("河南甲乙信息技术有限公司", "Company")],
                            [("甲乙科技宿州智算中心", "ComputeCenter")])
    assert len([e for e in graph.entities if e.type == "ComputeCenter"]) == 2


def test_an_organ_written_short_is_called_by_its_full_name():
    graph = _mentions_graph([("营口市发展改革委", "GovernmentBody")],
                            [("营口市发改委", "GovernmentBody")])
    [organ] = [e for e in graph.entities if e.type == "GovernmentBody"]
    assert organ.label == "营口市发展和改革委员会" and organ.docs == ["doc0", "doc1"]
    assert {"营口市发展改革委", "营口市发改委"} <= set(organ.aliases)
    # 政协 has no full name of the place's own form: kept as written.
    graph = _mentions_graph([("营口市政协", "GovernmentBody")])
    assert {e.label for e in graph.entities if e.type == "GovernmentBody"} == {"营口市政协"}


def test_a_brands_centre_written_short_is_the_centre_its_articles_name_it_beside():
    """甲乙智算中心 may be 榆林甲乙绿电智算中心 (the place and 绿电 left out) or 甲乙庆阳智算
    中心 (the place after the brand left out): it is the one named in each article that
    writes it, when one article names that one alone; else neither."""
    company = ("陕西甲乙能源化工集团有限公司", "Company")
    yulin, qingyang = ("榆林甲乙绿电智算中心", "ComputeCenter"), ("甲乙庆阳智算中心", "ComputeCenter")
    short = ("甲乙智算中心", "ComputeCenter")
    graph = _mentions_graph([yulin, company], [yulin, short], [yulin, qingyang, short])
    centres = {e.label: e.docs for e in graph.entities if e.type == "ComputeCenter"}
    assert centres == {"榆林甲乙绿电智算中心": ["doc0", "doc1", "doc2"], "甲乙庆阳智算中心": ["doc2"]}
    graph = _mentions_graph([yulin, company], [yulin, qingyang, short])
    assert "甲乙智算中心" in {e.label for e in graph.entities}


def test_a_park_written_short_is_the_one_its_documents_are_about():
    """锐岭园区 in an article about 汇川区 (inside 遵义) and in one that names 遵义's park beside
    安顺's: 遵义's.  Where every article names both, neither."""
    zunyi, anshun = ("遵义锐岭数字经济产业园", "Zone"), ("安顺锐岭大数据产业园", "Zone")
    short = ("锐岭园区", "Zone")
    graph = _mentions_graph([zunyi], [short, ("汇川区", "AdminArea", "520303")],
                            [short, zunyi, anshun])
    parks = {e.label: e.docs for e in graph.entities if e.type == "Zone"}
    assert parks["遵义锐岭数字经济产业园"] == ["doc0", "doc1", "doc2"] and "锐岭园区" not in parks
    graph = _mentions_graph([short, zunyi, anshun], [short, zunyi, anshun])
    assert "锐岭园区" in {e.label for e in graph.entities}


def test_a_plant_named_without_its_county_and_capacity_is_the_plant():
    graph = _mentions_graph([("习水县锐岭200兆瓦农光互补光伏电站", "Project")],
                            [("锐岭农光互补光伏电站", "Project")])
    assert len([e for e in graph.entities if e.type == "Project"]) == 1


def test_a_citys_big_data_bureau_written_short_is_its_development_bureau():
    graph = _mentions_graph([("遵义市大数据发展管理局", "GovernmentBody")],
                            [("遵义市大数据局", "GovernmentBody")])
    assert len([e for e in graph.entities if e.type == "GovernmentBody"]) == 1
