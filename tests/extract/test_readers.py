"""The readers of issue 15 on invented sentences: builders, investors and parents, the money
model, signings with all their parties, places read between names, and compute of areas."""
from tests.helpers import facts_of


def _facts(text, predicate, **kw):
    return [f for f in facts_of(text, **kw).facts if f.predicate == predicate]


def _pairs(text, predicate, **kw):
    return {(f.subject.label, f.object.label) for f in _facts(text, predicate, **kw)}


# -- builtBy -------------------------------------------------------------------------------
def test_contractors_in_every_style_build_the_facility_not_the_investor():
    cases = {
        "甲乙智算中心由丙丁科技有限公司投资建设，主体工程由戊己建设集团有限公司承建。":
            ("甲乙智算中心", "戊己建设集团有限公司"),
        "该项目由丙丁能源有限公司投资建设，由中国戊己工程局有限公司EPC总承包。":
            ("甲乙风光储一体化项目", "中国戊己工程局有限公司"),
        "项目由丙丁能源有限公司投资建设，戊己电力设计院有限公司承担项目EPC总承包。":
            ("甲乙风光储一体化项目", "戊己电力设计院有限公司"),
        "项目EPC总承包方为戊己建设有限公司，镜场设备由庚辛科技有限公司供货。":
            ("甲乙风光储一体化项目", "戊己建设有限公司"),
        "该项目总投资3亿元，由戊己建设工程有限公司负责建设。":
            ("甲乙风光储一体化项目", "戊己建设工程有限公司"),
        "项目由丙丁能源有限公司投资建设，戊己工程设计有限公司负责勘察设计。":
            ("甲乙风光储一体化项目", "戊己工程设计有限公司"),
        "项目由丙丁能源有限公司投资建设，戊己机电安装工程有限公司负责机电安装。":
            ("甲乙风光储一体化项目", "戊己机电安装工程有限公司"),
    }
    for sentence, expected in cases.items():
        text = "5月3日，甲乙风光储一体化项目开工。" + sentence if "智算中心" not in sentence else sentence
        got = _pairs(text, "builtBy")
        assert got == {expected}, sentence


def test_a_consortium_that_won_the_tender_builds_the_project():
    text = ("丙丁工程有限公司（以下简称“丙丁工程”）与戊己电力设计院有限公司组成的联合体，"
            "收到招标人甲乙数据有限公司发出的中标通知书，确认联合体为甲乙智算中心项目EPC总承包的中标单位。")
    assert _pairs(text, "builtBy") == {("甲乙智算中心项目", "丙丁工程有限公司"),
                                       ("甲乙智算中心项目", "戊己电力设计院有限公司")}


def test_a_consortium_that_won_the_contract_named_before_it_builds_the_sentences_project():
    text = ("上思县甲乙风光储一体化基地项目开工。项目一期EPC总承包由丙丁设计研究院有限公司（牵头方）"
            "与戊己电力工程有限公司组成的联合体中标。")
    assert _pairs(text, "builtBy") == {("上思县甲乙风光储一体化基地项目", "丙丁设计研究院有限公司"),
                                       ("上思县甲乙风光储一体化基地项目", "戊己电力工程有限公司")}
    # 项目EPC工程 is the article's project unnamed, no facility of its own
    assert not any(m.label == "项目EPC工程" for m in facts_of(
        "项目EPC工程共分为三个标段。第三标段由丙丁设计研究院有限公司中标。").mentions)


def test_the_company_or_enterprise_written_alone_before_with_is_the_one_named_before():
    for text in ("辽宁丙丁海运有限公司成立于2010年。公司目前已与葫芦岛戊己船舶重工有限公司签订了长期供货协议。",
                 "辽宁丙丁海运有限公司成立于2010年。2023年9月，企业与葫芦岛戊己船舶重工有限公司签署投资协议。"):
        assert _pairs(text, "agreementWith") == {("辽宁丙丁海运有限公司", "葫芦岛戊己船舶重工有限公司")}, text


# -- investor and subsidiaryOf ---------------------------------------------------------------
def test_an_investor_written_before_its_facility_without_by():
    text = "在银川，丙丁数据服务有限公司投资建设的甲乙数据中心项目总投资28亿元。"
    assert _pairs(text, "investor") == {("甲乙数据中心项目", "丙丁数据服务有限公司")}


def test_partners_of_a_joint_venture_are_its_investors():
    founded = "丙丁城市建设投资集团有限公司与戊己云数科技有限公司合资成立甲乙数据科技有限公司。"
    assert _pairs(founded, "investor") == {
        ("甲乙数据科技有限公司", "丙丁城市建设投资集团有限公司"),
        ("甲乙数据科技有限公司", "戊己云数科技有限公司")}
    three = ("丙丁信息技术股份有限公司与戊己产业投资集团有限公司（以下简称“戊己产投”）、庚辛科技有限公司"
             "签订三方《合资合作框架协议》，三方拟共同出资设立甲乙算力科技有限公司。")
    assert _pairs(three, "investor") == {
        ("甲乙算力科技有限公司", "丙丁信息技术股份有限公司"),
        ("甲乙算力科技有限公司", "戊己产业投资集团有限公司"),
        ("甲乙算力科技有限公司", "庚辛科技有限公司")}


def test_a_joint_venture_described_inside_a_facilitys_investor_clause():
    text = ("该物流园由甲乙国际物流集团有限公司与丙丁城市建设投资有限公司合资组建的戊己陆港物流有限公司"
            "投资建设。")
    assert {("戊己陆港物流有限公司", "甲乙国际物流集团有限公司"),
            ("戊己陆港物流有限公司", "丙丁城市建设投资有限公司")} <= _pairs(text, "investor")
    three = ("甲乙智算中心由丙丁智算科技股份有限公司、戊己城市发展投资集团有限公司、庚辛资本管理有限公司"
             "三方共同投资建设，三方合资组建的壬癸智算科技有限公司负责项目的建设与运营。")
    assert {("壬癸智算科技有限公司", "丙丁智算科技股份有限公司"),
            ("壬癸智算科技有限公司", "庚辛资本管理有限公司")} <= _pairs(three, "investor")


def test_an_item_of_a_list_opening_with_its_own_facility_is_about_it_named_or_not():
    text = ("其中，甲乙新材料年产10万吨磷酸铁锂项目总投资35亿元；北部湾冷链物流中心项目由广西丙丁供应链"
            "管理有限公司投资建设，总投资约12亿元；戊己高端铜箔项目由香港戊己投资有限公司独资建设。")
    assert _pairs(text, "investor") == {("戊己高端铜箔项目", "香港戊己投资有限公司")}
    assert [f.quantity.value for f in _facts(text, "investmentAmount")] == [3.5e9]
    # An item opening with no name of its own is the facility's before it.
    text = "甲乙智算中心总投资35亿元；由丙丁科技有限公司投资建设，预计年底投运。"
    assert _pairs(text, "investor") == {("甲乙智算中心", "丙丁科技有限公司")}


def test_projects_signed_together_are_no_sides_of_an_agreement():
    text = "甲乙智算中心二期、丙丁高性能永磁材料项目、戊己边缘算力中心等集中签约。"
    assert not _facts(text, "agreementWith")
    text = "甲乙智算科技有限公司、丙丁大学、戊己集团有限公司三方签约。"
    assert len(_facts(text, "agreementWith")) == 3


def test_a_subsidiary_is_read_and_its_parent_invests_through_it():
    text = ("丙丁科技股份有限公司（以下简称“公司”）拟通过全资子公司甲乙智算有限公司在甲乙数字产业园"
            "投资建设甲乙智算中心项目。")
    assert _pairs(text, "subsidiaryOf") == {("甲乙智算有限公司", "丙丁科技股份有限公司")}
    assert _pairs(text, "investor") == {("甲乙智算中心项目", "甲乙智算有限公司"),
                                        ("甲乙智算中心项目", "丙丁科技股份有限公司")}
    owned = "该项目由中国戊己建设集团所属中国戊己第四工程局有限公司承建。"
    got = facts_of("甲乙风光储一体化项目开工。" + owned).facts
    assert {(f.subject.label, f.object.label) for f in got if f.predicate == "builtBy"} == {
        ("甲乙风光储一体化项目", "中国戊己第四工程局有限公司")}
    assert {(f.subject.label, f.object.label) for f in got if f.predicate == "subsidiaryOf"} == {
        ("中国戊己第四工程局有限公司", "中国戊己建设集团")}


# -- money ---------------------------------------------------------------------------------
def test_a_part_of_a_total_is_no_investment_of_its_own():
    text = "甲乙智算中心由丙丁科技有限公司投资建设，总投资约42亿元，其中一期投资16.8亿元。"
    amounts = [(f.subject.label, f.quantity.value, f.quantity.qualifier)
               for f in _facts(text, "investmentAmount")]
    assert amounts == [("甲乙智算中心", 4.2e9, "total")]


def test_a_signing_round_total_belongs_to_the_round_not_to_a_project():
    text = ("4月17日，赣州市重大项目集中签约活动举行，现场签约项目36个，总投资120亿元。"
            "其中甲乙储能电池项目总投资48亿元。")
    assert [f.quantity.value for f in _facts(text, "investmentAmount")] == [4.8e9]   # its own
    assert not any(m.label == "赣州市重大项目" for m in facts_of(text).mentions)   # 重大: generic
    rounds = _facts(text, "programmeInvestment")
    assert [(f.subject.label, f.quantity.value, f.quantity.scope, f.quantity.count)
            for f in rounds] == [("赣州市", 1.2e10, "signing", 36)]


def test_amounts_in_us_dollars_keep_their_currency_and_qualifiers_are_read():
    usd = "（二）甲乙跨境数据中心项目，总投资约1亿美元，由丙丁数港科技有限公司投资建设。"
    assert [(f.quantity.value, f.quantity.unit) for f in _facts(usd, "investmentAmount")] == [
        (1e8, "USD")]
    planned = "甲乙智算中心项目计划总投资约35亿元。"
    assert [f.quantity.qualifier for f in _facts(planned, "investmentAmount")] == ["planned"]
    done = "甲乙智算中心项目累计完成投资12亿元。"
    assert [f.quantity.qualifier for f in _facts(done, "investmentAmount")] == ["cumulative"]


# -- compute -----------------------------------------------------------------------------
def test_an_areas_compute_is_the_areas_and_stages_are_read():
    text = ("甲乙智算中心一期已建成智能算力3000P。截至目前，韶关市已建成数据中心标准机架7.2万架，"
            "算力规模达到2.5万P。按照规划，到2026年底，全市算力规模将突破5万P。")
    got = {(f.subject.label, f.quantity.value, f.quantity.status)
           for f in _facts(text, "computeCapacity")}
    assert got == {("甲乙智算中心", 3000.0, "current"), ("韶关市", 25000.0, "current"),
                   ("韶关市", 50000.0, "planned")}
    building = "甲乙智算中心二期在建，在建算力5000P。"
    assert [(f.quantity.status, f.quantity.qualifier)
            for f in _facts(building, "computeCapacity")] == [("planned", "under construction")]


def test_a_zones_compute_and_compute_that_is_no_areas_or_facilitys():
    text = "韶关数字产业园位于浈江区。“到2027年，园区算力规模将突破5万P。”"
    assert {(f.subject.label, f.quantity.value) for f in _facts(text, "computeCapacity")} == {
        ("韶关数字产业园", 50000.0)}
    for text in ("公司已在浙江、山西、内蒙古等地布局智算中心，在运营算力规模超过1.5万P。",
                 "甲乙智算中心投运。其中，算力基础设施项目3个，建成后新增算力规模约1.5万P。"):
        assert not [f for f in _facts(text, "computeCapacity") if f.quantity.value == 15000], text


# -- agreements --------------------------------------------------------------------------
def test_a_three_party_signing_gives_every_pair_and_one_event():
    text = ("4月21日，丙丁算力科技有限公司与庚辛大学、中国戊己股份有限公司庚省分公司在成都签订"
            "甲乙绿色算力中心项目三方投资协议。")
    facts = _facts(text, "agreementWith")
    pairs = {frozenset((f.subject.label, f.object.label)) for f in facts}
    assert pairs == {frozenset(p) for p in (
        ("庚辛大学", "丙丁算力科技有限公司"), ("庚辛大学", "中国戊己股份有限公司庚省分公司"),
        ("丙丁算力科技有限公司", "中国戊己股份有限公司庚省分公司"))}
    events = {f.signing for f in facts}
    assert len(events) == 1
    event = events.pop()
    assert set(event.parties) == {"庚辛大学", "丙丁算力科技有限公司",
                                  "中国戊己股份有限公司庚省分公司"}
    assert event.date == "2025-04-21" and event.place == "成都市"


def test_respectively_after_the_parties_and_short_names_in_brackets():
    apart = "甲乙数据集团与丙丁研究院、戊己大学分别签订合作协议。"
    assert {frozenset(p) for p in _pairs(apart, "agreementWith")} == {
        frozenset(("甲乙数据集团", "丙丁研究院")), frozenset(("甲乙数据集团", "戊己大学"))}
    declared = ("丙丁新能源股份有限公司全资子公司甲乙绿能科技有限公司（以下简称“甲乙绿能”）于2025年3月20日"
                "与鄂托克前旗人民政府签订《风光制氢一体化项目投资协议》。同日，甲乙绿能与戊己化工有限公司"
                "签订《绿氢供应框架协议》。")
    assert {frozenset(p) for p in _pairs(declared, "agreementWith")} == {
        frozenset(("甲乙绿能科技有限公司", "鄂托克前旗人民政府")),
        frozenset(("甲乙绿能科技有限公司", "戊己化工有限公司"))}


# -- locatedIn ---------------------------------------------------------------------------
def test_a_district_written_after_its_city_in_a_name_is_the_district():
    got = _pairs("庆阳西峰甲乙数据产业园开园。", "locatedIn")
    assert got == {("庆阳西峰甲乙数据产业园", "西峰区")}


def test_places_read_between_names():
    cases = {
        "6月20日，甲乙智算中心在宜昌市夷陵区正式投产。": {("甲乙智算中心", "夷陵区")},
        "伊吾县境内的甲乙口岸是陆路口岸。": {("甲乙口岸", "伊吾县")},
        "在伊州区，丙丁科技有限公司投资建设的甲乙算力中心一期已于4月投运。":
            {("甲乙算力中心", "伊州区")},
        "甲乙算力调度平台在庆阳市甲乙数据产业园正式上线运行。":
            {("甲乙算力调度平台", "庆阳市甲乙数据产业园")},
    }
    for text, expected in cases.items():
        got = {p for p in _pairs(text, "locatedIn") if p[0] in {e[0] for e in expected}}
        assert expected <= got, text


def test_a_clause_opening_with_the_park_gives_the_parks_compute():
    text = ("甲乙智算中心位于丙丁数字经济产业园，二期建成后将新增算力4200P，届时中心总算力达到5000P，"
            "园区规划算力规模1万P。")
    got = {(f.subject.label, f.quantity.value) for f in _facts(text, "computeCapacity")}
    assert got == {("甲乙智算中心", 4200), ("甲乙智算中心", 5000), ("丙丁数字经济产业园", 10000)}


def test_a_direction_before_a_short_form_names_no_division():
    # 东天山 is a mountain range, not 天山区 of 乌鲁木齐.
    assert not _pairs("乌鲁木齐市位于新疆。东天山甲乙智算中心开工。", "locatedIn")


def test_a_place_in_the_name_gives_way_to_the_text_when_they_disagree():
    assert _pairs("庆阳西峰甲乙智算中心位于庆阳市宁县，总投资20亿元。", "locatedIn") == {
        ("庆阳西峰甲乙智算中心", "宁县")}
    # The city holds the district the name gives: the district is the more specific.
    assert _pairs("庆阳西峰甲乙智算中心位于庆阳市，总投资20亿元。", "locatedIn") == {
        ("庆阳西峰甲乙智算中心", "西峰区")}


def test_where_the_company_named_before_builds_is_not_the_facility_named_before():
    text = ("甲乙智算科技有限公司负责甲乙智算中心的投资建设和运营。丙丁公司与戊己集团有限公司合资设立"
            "庚辛绿电算力有限公司。该公司拟在十堰市郧阳区建设一体化项目。")
    assert ("甲乙智算中心", "郧阳区") not in _pairs(text, "locatedIn")
    text = "甲乙智算中心于2024年开工。该项目拟在十堰市郧阳区建设二期。"
    assert ("甲乙智算中心", "郧阳区") in _pairs(text, "locatedIn")


def test_a_seat_in_a_run_together_block_of_fields_locates_its_company():
    text = ("二、合作方基本情况（一）甲乙产业投资集团有限公司企业类型：有限责任公司法定代表人：王一鸣"
            "注册资本：500,000万元人民币住所：安徽省芜湖市镜湖区（二）丙丁科技有限公司企业类型："
            "其他有限责任公司住所：安徽省合肥市蜀山区")
    got = _pairs(text, "locatedIn")
    assert ("甲乙产业投资集团有限公司", "镜湖区") in got
    assert ("丙丁科技有限公司", "蜀山区") in got
    assert ("甲乙产业投资集团有限公司", "蜀山区") not in got


def test_fields_written_one_a_line_are_one_record():
    # The record is the run of field lines and the line heading them; the 名称 nearest
    # before a field names the record's company, not the first of an earlier record.
    text = ("二、合作方基本情况\n名称：甲乙数据科技有限公司\n法定代表人：王一鸣\n住所：江苏省盐城市大丰区\n"
            "名称：丙丁算力科技有限公司\n法定代表人：李二明\n住所：安徽省合肥市蜀山区\n"
            "上述合作方与公司不存在关联关系。\n（三）戊己产业投资集团有限公司\n企业类型：有限责任公司\n"
            "住所：安徽省芜湖市镜湖区")
    located = _pairs(text, "locatedIn")
    assert {("甲乙数据科技有限公司", "大丰区"), ("丙丁算力科技有限公司", "蜀山区"),
            ("戊己产业投资集团有限公司", "镜湖区")} <= located
    assert ("甲乙数据科技有限公司", "蜀山区") not in located
    assert {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")} == {
        ("王一鸣", "甲乙数据科技有限公司"), ("李二明", "丙丁算力科技有限公司")}


def test_a_tenders_staff_are_named_after_their_role():
    text = ("第一中标候选人：中国戊己工程局有限公司\n项目经理：龚一海（一级注册建造师）\n"
            "技术负责人：田二林\n设计负责人：顾三澈\n")
    persons = {m.label for m in facts_of(text).mentions if m.type == "Person"}
    assert {"龚一海", "田二林", "顾三澈"} <= persons


def test_a_record_whose_name_field_runs_together_with_its_heading():
    text = ("四、拟设立合资公司基本情况公司名称：吉林甲乙绿氢科技有限公司注册资本：100,000万元\n"
            "出资方式及比例：公司以货币出资51,000万元，持股51%。注册地址：吉林省洮南市")
    assert ("吉林甲乙绿氢科技有限公司", "洮南市") in _pairs(text, "locatedIn")


def test_a_short_name_declared_after_other_words_stands_for_the_full_name():
    text = ("三方拟共同出资设立甲乙算力科技有限公司（暂定名，以最终工商登记为准，以下简称“合资公司”）。"
            "合资公司成立后，将在芜湖市鸠江区投资建设甲乙智算中心项目。")
    mentions = {m.text: m.label for m in facts_of(text).mentions if m.type == "Company"}
    assert mentions.get("合资公司") == "甲乙算力科技有限公司"


def test_the_winner_of_a_tender_builds_the_facility():
    text = "5月3日，甲乙风光储一体化项目开工。戊己建设工程有限公司中标该项目。"
    assert _pairs(text, "builtBy") == {("甲乙风光储一体化项目", "戊己建设工程有限公司")}


def test_a_new_subject_after_qizhong_is_no_part_of_a_total():
    text = "甲乙产业园已入驻企业30家。其中丙丁科技有限公司投资10亿元建设甲乙智算中心。"
    assert [(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")] == [
        ("甲乙智算中心", 1e9)]


# -- holdsPosition -----------------------------------------------------------------------
def test_a_deputy_head_of_an_area_holds_a_post_at_its_government():
    text = "乌兰察布市副市长高一鸣介绍，伊吾县县长王二明说。"
    posts = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert posts == {("高一鸣", "乌兰察布市人民政府", "副市长"), ("王二明", "伊吾县人民政府", "县长")}


def test_posts_after_a_preposition_or_a_meeting_verb():
    for text in ("贺一鸣在哈尔滨与黑龙江省委书记常二明会谈。", "王建华会见了黑龙江省委书记常二明。",
                 "李建国同黑龙江省委书记常二明座谈。"):
        assert {(f.subject.label, f.object.label, f.title)
                for f in _facts(text, "holdsPosition")} == {
            ("常二明", "中共黑龙江省委员会", "书记")}, text


def test_a_post_written_with_its_level_alone_is_at_the_area_the_sentence_named():
    text = ("黑龙江省委书记常二明会见了客人。黑龙江省发展改革委主任王一鸣参加。在黑龙江期间，双方签约。"
            "在吉林期间，贺一鸣在长春与吉林省委书记穆三明，省委副书记、省长凌四明会谈。")
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert {("凌四明", "中共吉林省委员会"), ("凌四明", "吉林省人民政府")} <= posts
    assert not any(person == "凌四明" and "黑龙江" in org for person, org in posts)


def test_an_appointment_gives_its_posts_and_a_removal_none():
    text = ("一、任命\n任命常一新为乌兰察布市发展和改革委员会副主任（正县级），兼任乌兰察布市数据局局长；\n"
            "聘任范二行为乌兰察布陇东能源投资集团有限公司总经理；\n二、免职\n"
            "免去鲁三邦的乌兰察布市能源局局长职务。")
    posts = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert posts == {("常一新", "乌兰察布市发展和改革委员会", "副主任"),
                     ("常一新", "乌兰察布市数据局", "局长"),
                     ("范二行", "乌兰察布陇东能源投资集团有限公司", "总经理")}, posts
    assert "鲁三邦" in {m.label for m in facts_of(text).mentions if m.type == "Person"}


def test_a_post_after_ren_names_its_organ_through_the_title_or_in_full():
    text = ("11月，贺一鸣任中共乌兰察布市委书记；市人大常委会决定范二行任乌兰察布市人民政府副市长。"
            "鲁三邦任乌兰察布市副市长。")
    posts = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert posts == {("贺一鸣", "中共乌兰察布市委员会", "书记"),
                     ("范二行", "乌兰察布市人民政府", "副市长"),
                     ("鲁三邦", "乌兰察布市人民政府", "副市长")}, posts
    # the organ's name opens at its place, not at the person appointed to it
    organs = {m.label for m in facts_of(text).mentions if m.type == "GovernmentBody"}
    assert not any("范二行" in organ for organ in organs), organs


def test_a_universitys_news_calls_it_our_school_and_its_college_ours():
    text = ("近日，甲乙海洋大学与丙丁智算科技有限公司签署战略合作协议。"
            "我校计算机科学与工程学院院长戊一鸣出席。根据协议，我校将与丙丁智算科技有限公司共建实验室。")
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert posts == {("戊一鸣", "甲乙海洋大学计算机科学与工程学院")}
    assert ("甲乙海洋大学", "丙丁智算科技有限公司") in _pairs(text, "agreementWith")
    # no university named: 我校 is no word of the college's name
    alone = {m.label for m in facts_of("我校计算机科学与工程学院院长戊一鸣出席。").mentions}
    assert "计算机科学与工程学院" in alone and not any("我校" in m for m in alone)


def test_our_school_is_a_college_named_after_its_place_where_no_university_is_named():
    text = ("榆林学院与丙丁智算科技有限公司共建联合实验室。我校党委书记戊一鸣、化学与化工学院院长"
            "己二明出席。我校副校长庚三亮致辞。")
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert {("戊一鸣", "榆林学院"), ("庚三亮", "榆林学院")} <= posts, posts
    # a university named beside it is 我校
    text = "甲乙海洋大学与榆林学院签约。我校副校长庚三亮致辞。"
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert posts == {("庚三亮", "甲乙海洋大学")}, posts


def test_the_city_is_the_prefectures_its_organs_are_named_by_not_a_county_city_named_once():
    text = ("市委书记王三明讲话，全市算力规模达到2600P。遵义市大数据发展管理局局长胡一远、"
            "遵义市发展和改革委员会主任黎二哲出席。仁怀市也举行了活动。")
    facts = facts_of(text).facts
    assert ("王三明", "中共遵义市委员会") in {(f.subject.label, f.object.label) for f in facts
                                        if f.predicate == "holdsPosition"}
    assert {f.subject.label for f in facts if f.predicate == "computeCapacity"} == {"遵义市"}


def test_a_mayor_visiting_a_county_level_city_is_its_prefectures():
    text = ("3月10日，市委副书记、市长贺一霖赴神木市调研重点项目建设情况。神木市委书记康二平陪同调研。"
            "神木市锦界镇某某项目进展顺利，神木市将加快建设。")
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert posts == {("贺一霖", "中共榆林市委员会"), ("贺一霖", "榆林市人民政府"),
                     ("康二平", "中共神木市委员会")}, posts


def test_a_rare_family_name_after_a_title_is_a_persons():
    posts = {(f.subject.label, f.object.label) for f in
             _facts("甲乙能源集团有限公司董事长折海东出席签约仪式。", "holdsPosition")}
    assert posts == {("折海东", "甲乙能源集团有限公司")}


def test_the_articles_company_after_you_brings_its_officers_post_in():
    text = "甲乙港口股份有限公司发布公告。合同由公司董事长庞一栋与丙丁港航董事林二辉代表双方签署。"
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert ("庞一栋", "甲乙港口股份有限公司") in posts, posts


def test_the_board_secretary_under_an_announcement_is_the_announcing_companys():
    text = ("甲乙港口股份有限公司关于设立合资公司的公告\n本公司拟与丙丁港航有限公司设立合资公司。"
            "董事会秘书：莫一蕾，联系电话：0759-2216603。\n2. 法定代表人：汪二俊")
    posts = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert ("莫一蕾", "甲乙港口股份有限公司", "董事会秘书") in posts, posts
    assert not any(person == "汪二俊" for person, _, _ in posts)


def test_the_city_of_a_page_visiting_two_county_level_cities_is_their_prefectures():
    text = ("10月15日，市委书记韩一群深入盖州市、大石桥市调研重点项目。在盖州市仙人岛，他察看了"
            "海上风电项目。市委副书记、市长周二岩一同调研。")
    posts = {(f.subject.label, f.object.label) for f in _facts(text, "holdsPosition")}
    assert ("周二岩", "营口市人民政府") in posts, posts


def test_a_customs_head_and_a_legal_representative_in_fields():
    customs = {(f.subject.label, f.object.label, f.title)
               for f in _facts("甲乙海关关长梁一鸣介绍了情况。", "holdsPosition")}
    assert customs == {("梁一鸣", "甲乙海关", "关长")}
    fields = ("二、招标人基本情况名称：甲乙数据科技有限公司法定代表人：王一鸣注册资本：60,000万元人民币"
              "住所：江苏省盐城市大丰区")
    assert {(f.subject.label, f.object.label, f.title)
            for f in _facts(fields, "holdsPosition")} == {
        ("王一鸣", "甲乙数据科技有限公司", "法定代表人")}


def test_investors_and_builders_written_as_the_clauses_subject_or_role():
    cases = {
        "丙丁科技有限公司拟投资10亿元在伊吾县建设甲乙60万吨煤制烯烃项目。":
            ("investor", "甲乙60万吨煤制烯烃项目", "丙丁科技有限公司"),
        "戊己科技有限公司在伊吾县投资建设庚辛100万千瓦风光储一体化项目。":
            ("investor", "庚辛100万千瓦风光储一体化项目", "戊己科技有限公司"),
        "丙丁科技有限公司投资25亿元建设的甲乙智算中心开工。":
            ("investor", "甲乙智算中心", "丙丁科技有限公司"),
        "5月3日，甲乙风光储一体化项目开工。该项目由丙丁科技有限公司独资建设。":
            ("investor", "甲乙风光储一体化项目", "丙丁科技有限公司"),
        "5月3日，甲乙风光储一体化项目开工。丙丁科技有限公司作为项目业主，负责融资。":
            ("investor", "甲乙风光储一体化项目", "丙丁科技有限公司"),
        "5月3日，甲乙风光储一体化项目开工。戊己建设有限公司为该项目施工单位。":
            ("builtBy", "甲乙风光储一体化项目", "戊己建设有限公司"),
        "5月3日，甲乙风光储一体化项目开工。戊己建设有限公司承担了项目的施工任务。":
            ("builtBy", "甲乙风光储一体化项目", "戊己建设有限公司"),
        "5月3日，甲乙风光储一体化项目开工。项目中标单位为戊己建设有限公司。":
            ("builtBy", "甲乙风光储一体化项目", "戊己建设有限公司"),
        "5月3日，甲乙风光储一体化项目开工。戊己建设集团有限公司负责项目施工。":
            ("builtBy", "甲乙风光储一体化项目", "戊己建设集团有限公司"),
        "5月3日，甲乙风光储一体化项目开工。戊己建设集团有限公司承建的甲乙智算中心正式投运。":
            ("builtBy", "甲乙智算中心", "戊己建设集团有限公司"),
    }
    for text, (predicate, subject, actor) in cases.items():
        assert _pairs(text, predicate) == {(subject, actor)}, text


def test_parties_listed_before_a_ceremony_a_continued_subject_and_a_subsidiary_named_after():
    def pairs(text):
        return {frozenset(p) for p in _pairs(text, "agreementWith")}
    assert pairs("6月15日，修水县人民政府、丙丁科技集团有限公司、中国电信股份有限公司戊己分公司"
                 "在修水县举行庚辛智算中心项目三方签约仪式。") == {
        frozenset({"修水县人民政府", "丙丁科技集团有限公司"}),
        frozenset({"修水县人民政府", "中国电信股份有限公司戊己分公司"}),
        frozenset({"丙丁科技集团有限公司", "中国电信股份有限公司戊己分公司"})}
    assert pairs("丙丁科技集团有限公司当天宣布新中心投运，并与中国电信股份有限公司戊己分公司"
                 "签署算力互联互通合作协议。") == {
        frozenset({"丙丁科技集团有限公司", "中国电信股份有限公司戊己分公司"})}
    assert pairs("国家开发银行甲乙省分行已经和我们的子公司丙丁算力科技有限公司签署了贷款协议。") == {
        frozenset({"国家开发银行甲乙省分行", "丙丁算力科技有限公司"})}


def test_a_syndicate_led_by_one_bank_signs_with_each_of_its_members():
    text = ("日前，由国家开发银行甲乙省分行牵头，中国农业银行甲乙省分行、中国建设银行甲乙省分行参与组建的"
            "11亿元银团贷款，与丙丁算力科技有限公司完成签约。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset({bank, "丙丁算力科技有限公司"}) for bank in
        ("国家开发银行甲乙省分行", "中国农业银行甲乙省分行", "中国建设银行甲乙省分行")}


def test_a_lead_bank_and_the_banks_it_joins_to_it_each_sign_with_the_borrower():
    text = ("同日，中国建设银行股份有限公司甲乙分行（以下简称“建行甲乙分行”）作为牵头行和代理行，"
            "联合中国工商银行甲乙分行、中国农业银行甲乙分行组建银团，与丙丁海上风电有限公司签署"
            "项目银团贷款合同，贷款金额52亿元。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset({bank, "丙丁海上风电有限公司"}) for bank in
        ("中国建设银行股份有限公司甲乙分行", "中国工商银行甲乙分行", "中国农业银行甲乙分行")}


def test_signatories_for_two_organisations_and_a_short_name_before_an_adverb():
    text = ("会后，省长孟一彬与甲乙集团董事长潘二言分别代表黑龙江省人民政府和甲乙集团签署战略合作框架协议。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset({"黑龙江省人民政府", "甲乙集团"})}
    text = "江西丙丁数智科技有限公司发布公告。丙丁数智还与抚州戊己职业学院签署了人才培养合作协议。"
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset({"江西丙丁数智科技有限公司", "抚州戊己职业学院"})}


def test_the_members_a_ceremony_lists_sign_with_the_borrower_not_with_the_project():
    # 参与的 holds 与 but joins no party: the project after it is no side of the loan.
    text = ("7月8日，由国家开发银行甲乙省分行牵头，中国农业银行股份有限公司丙丁分行、"
            "中国建设银行股份有限公司丙丁分行参与的甲乙丙丁抽水蓄能电站项目银团贷款签约仪式在丙丁举行。"
            "甲乙丙丁抽水蓄能有限公司与上述三家银行签署银团贷款合同。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset({bank, "甲乙丙丁抽水蓄能有限公司"}) for bank in
        ("国家开发银行甲乙省分行", "中国农业银行股份有限公司丙丁分行",
         "中国建设银行股份有限公司丙丁分行")}


def test_parties_listed_earlier_are_taken_only_as_many_as_the_count_says():
    text = ("会上，戊己科技有限公司、庚辛能源有限公司与乌兰县人民政府座谈。"
            "随后，乌兰县人民政府与上述两家企业签署投资协议。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} >= {
        frozenset({"乌兰县人民政府", "戊己科技有限公司"}),
        frozenset({"乌兰县人民政府", "庚辛能源有限公司"})}
    # a count larger than the names before it refers to something the text did not name
    text = "戊己科技有限公司参加了会议。乌兰县人民政府与上述五家企业签署投资协议。"
    assert _pairs(text, "agreementWith") == set()


def test_gongsi_on_an_investor_qa_page_is_the_listed_company():
    text = ("公司全称：甲乙蓝能新能源股份有限公司\n投资者提问：公司的风电项目进展如何？\n"
            "回复：项目由中国能建丙丁省电力设计院有限公司EPC总承包。\n"
            "投资者提问：公司有绿电业务吗？\n回复：公司与戊己数智科技有限公司签署了《绿电供应框架协议》。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset({"甲乙蓝能新能源股份有限公司", "戊己数智科技有限公司"})}


def test_signings_without_with_and_with_other_words_for_it():
    three = "丙丁科技有限公司、戊己大学、庚辛能源集团三方签署战略合作协议。"
    assert len(_pairs(three, "agreementWith")) == 3
    for text in ("丙丁科技有限公司携手戊己大学签署合作协议。",
                 "同日，丙丁科技有限公司与戊己大学达成战略合作协议。"):
        assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
            frozenset(("丙丁科技有限公司", "戊己大学"))}, text


def test_a_place_that_signs_is_its_government_without_the_places_name_as_alias():
    text = "当天，韶关还集中签约数字经济项目21个。伊吾县与丙丁科技有限公司签约。"
    governments = [m for m in facts_of(text).mentions if m.type == "GovernmentBody"]
    assert {m.label for m in governments} == {"伊吾县人民政府"}
    assert all(m.text == m.label for m in governments)


def test_posts_written_after_the_name():
    cases = {"王一鸣，丙丁科技有限公司董事长，在会上表示。": ("王一鸣", "丙丁科技有限公司", "董事长"),
             "李二明（丙丁科技有限公司总经理）介绍。": ("李二明", "丙丁科技有限公司", "总经理"),
             "张三丰担任丙丁科技有限公司总经理。": ("张三丰", "丙丁科技有限公司", "总经理"),
             "丙丁科技有限公司的总经理钱五岳说。": ("钱五岳", "丙丁科技有限公司", "总经理")}
    for text, expected in cases.items():
        got = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
        assert got == {expected}, text
    assert _facts("王一鸣，丙丁科技有限公司，表示。", "holdsPosition") == []


def test_a_regions_chairman_and_more_words_for_investing_and_building():
    posts = {(f.subject.label, f.object.label, f.title)
             for f in _facts("哈密市伊吾县。自治区党委常委、自治区副主席赵四海出席。", "holdsPosition")}
    assert ("赵四海", "新疆维吾尔自治区人民政府", "副主席") in posts
    text = "5月3日，甲乙风光储一体化项目开工。该项目由丙丁科技有限公司出资，戊己建设有限公司施工。"
    assert _pairs(text, "investor") == {("甲乙风光储一体化项目", "丙丁科技有限公司")}
    assert _pairs(text, "builtBy") == {("甲乙风光储一体化项目", "戊己建设有限公司")}
    venture = "丙丁城投集团与戊己科技有限公司共同组建甲乙数据科技有限公司。"
    assert _pairs(venture, "investor") == {("甲乙数据科技有限公司", "丙丁城投集团"),
                                           ("甲乙数据科技有限公司", "戊己科技有限公司")}


def test_a_part_of_the_facility_read_as_a_name_is_the_facility_for_its_builder():
    text = "5月3日，甲乙智算中心开工。项目主体工程由戊己建设集团有限公司承建。"
    assert _pairs(text, "builtBy") == {("甲乙智算中心", "戊己建设集团有限公司")}


def test_one_named_document_signed_by_three_is_every_pair_and_a_company_written_gongsi():
    text = ("丙丁新能源股份有限公司（以下简称“公司”）与白城市人民政府、洮南市人民政府在吉林省白城市"
            "签订了《甲乙风光制氢一体化项目投资框架协议》。")
    assert {frozenset(p) for p in _pairs(text, "agreementWith")} == {
        frozenset(("丙丁新能源股份有限公司", "白城市人民政府")),
        frozenset(("丙丁新能源股份有限公司", "洮南市人民政府")),
        frozenset(("白城市人民政府", "洮南市人民政府"))}
    said = ("丙丁科技股份有限公司（以下简称“公司”）发布公告。董事长王一鸣说，公司已与戊己大学签订人才培养"
            "合作协议。")
    assert {frozenset(p) for p in _pairs(said, "agreementWith")} == {
        frozenset(("丙丁科技股份有限公司", "戊己大学"))}


def test_records_of_fields_run_together_give_each_project_its_own_facts():
    text = ("主要项目如下：1.项目名称：甲乙100万千瓦光伏储能一体化项目建设单位：丙丁绿能发展有限公司"
            "施工单位：戊己勘测设计研究院有限公司（EPC总承包）总投资：48.6亿元"
            "2.项目名称：庚辛20万千瓦光热储能项目建设单位：壬癸新能源有限公司总投资：58亿元")
    amounts = {(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")}
    assert amounts == {("甲乙100万千瓦光伏储能一体化项目", 4.86e9), ("庚辛20万千瓦光热储能项目", 5.8e9)}
    assert _pairs(text, "investor") == {("甲乙100万千瓦光伏储能一体化项目", "丙丁绿能发展有限公司"),
                                        ("庚辛20万千瓦光热储能项目", "壬癸新能源有限公司")}
    assert _pairs(text, "builtBy") == {("甲乙100万千瓦光伏储能一体化项目", "戊己勘测设计研究院有限公司")}


def test_a_zones_compute_and_a_county_committee_written_with_its_level_twice():
    text = "至此，和林格尔新区算力总规模达到3.2万P，预计今年底将突破5万P。"
    got = {(f.subject.label, f.quantity.value, f.quantity.status)
           for f in _facts(text, "computeCapacity")}
    assert got == {("和林格尔新区", 32000.0, "current"), ("和林格尔新区", 50000.0, "planned")}
    posts = {(f.object.label, f.title) for f in _facts("日照市委常委、莒县县委书记贺一鸣宣布开工。",
                                                        "holdsPosition")}
    assert posts == {("中共日照市委员会", "常委"), ("中共莒县委员会", "书记")}


def test_places_that_open_a_name_or_describe_the_parties_do_not_sign():
    assert _facts("甲乙开发区管理委员会与上海、苏州等地的6家企业签订投资合同。", "agreementWith") == []
    text = "丙丁科技股份有限公司与张掖市甘州区人民政府签署了《投资协议》。"
    assert {o for _, o in _pairs(text, "agreementWith")} == {"张掖市甘州区人民政府"}


def test_an_investor_named_with_its_amount_before_the_facility():
    text = "其中，深圳市丙丁算力科技有限公司投资22亿元的甲乙智算中心项目落户白沙洲工业园区。"
    assert _pairs(text, "investor") == {("甲乙智算中心项目", "深圳市丙丁算力科技有限公司")}
    unnamed = "湖南丙丁新材料有限公司与戊己科技合资建设的某某储能电池项目，总投资约38亿元。"
    assert all(f.subject.label != "湖南丙丁新材料有限公司"
               for f in _facts(unnamed, "investmentAmount"))


def test_a_short_place_form_before_jiang_names_a_river_not_the_county():
    got = _pairs("华能澜沧江水电股份有限公司与丙丁大学签订协议。", "locatedIn")
    assert not any(o.startswith("澜沧") for _, o in got)


def test_a_head_title_alone_and_a_post_at_the_project():
    posts = {(f.subject.label, f.object.label, f.title)
             for f in _facts("大同市召开会议。副市长梁一鸣出席。", "holdsPosition")}
    assert posts == {("梁一鸣", "大同市人民政府", "副市长")}
    at_project = {(f.subject.label, f.object.label, f.title) for f in _facts(
        "甲乙智算中心开工。据项目技术负责人龚一鸣介绍，机房采用液冷。", "holdsPosition")}
    assert at_project == {("龚一鸣", "甲乙智算中心", "技术负责人")}


def test_companies_drawn_to_a_place_and_a_registered_seat():
    drawn = "近年来，中卫已吸引丙丁云科技有限公司、戊己科技有限公司等企业落户。"
    assert _pairs(drawn, "locatedIn") >= {("丙丁云科技有限公司", "中卫市"), ("戊己科技有限公司", "中卫市")}
    seat = "丙丁数据科技有限公司由甲乙集团有限公司与戊己科技有限公司合资组建，注册地在文昌市。"
    assert ("丙丁数据科技有限公司", "文昌市") in _pairs(seat, "locatedIn")


def test_a_joint_venture_named_as_the_projects_investing_body():
    text = ("甲乙风光制氢一体化项目开工。公司拟与戊己投资集团有限公司共同出资设立丙丁绿氢科技有限公司，"
            "作为项目的投资建设和运营主体。")
    assert ("甲乙风光制氢一体化项目", "丙丁绿氢科技有限公司") in _pairs(text, "investor")


def test_an_areas_money_in_a_sentence_about_the_area_is_no_facilitys():
    text = ("甲乙智算中心开工。近年来，广东省对口支援喀什地区，累计投入援疆资金超过180亿元，"
            "先后引进丙丁科技有限公司等企业。")
    assert _facts(text, "investmentAmount") == []


# -- added with the fourth tuning batch ------------------------------------------------------
def test_parties_listed_before_how_many_sides_sign_together():
    text = ("9月25日，甲乙大学、临湘市人民政府、丙丁科技股份有限公司、戊己重工集团有限公司四方"
            "共建临湘智能计算研究院签约暨揭牌仪式在临湘举行。")
    parties = ("甲乙大学", "临湘市人民政府", "丙丁科技股份有限公司", "戊己重工集团有限公司")
    pairs = {frozenset(p) for p in _pairs(text, "agreementWith")}
    assert pairs == {frozenset((a, b)) for i, a in enumerate(parties) for b in parties[i + 1:]}


def test_the_company_an_agreement_refers_to_as_that_company_and_the_money_it_builds_with():
    text = ("丙丁智造科技有限公司投资6.5亿元，在临湘市建设浮标钓具智能制造项目，"
            "临湘市人民政府与该公司签订投资合同。")
    assert _pairs(text, "agreementWith") == {("临湘市人民政府", "丙丁智造科技有限公司")}
    assert _pairs(text, "investor") == {("浮标钓具智能制造项目", "丙丁智造科技有限公司")}
    [amount] = _facts(text, "investmentAmount")
    assert (amount.subject.label, amount.quantity.value) == ("浮标钓具智能制造项目", 6.5e8)
    # Money the company spends on something else stays the company's.
    other = "丙丁智造科技有限公司投资6.5亿元，用于偿还贷款，另在临湘市建设浮标钓具智能制造项目。"
    [amount] = _facts(other, "investmentAmount")
    assert amount.subject.label == "丙丁智造科技有限公司"


def test_a_rank_given_to_a_task_in_quotes_is_no_project():
    text = "甲乙智算中心作为今年全市数字经济“一号工程”，由丙丁数字产业集团有限公司作为项目业主，总投资24亿元。"
    found = facts_of(text)
    assert not any(m.text == "一号工程" for m in found.mentions)
    assert _pairs(text, "investor") == {("甲乙智算中心", "丙丁数字产业集团有限公司")}


def test_the_partners_that_founded_that_company_invest_in_it():
    text = ("甲乙超算中心由甲乙算力科技有限公司投资建设，总投资约19亿元。"
            "该公司由丙丁产业投资发展集团有限公司与戊己科技有限公司共同组建，前者持股70%。")
    assert {("甲乙算力科技有限公司", "丙丁产业投资发展集团有限公司"),
            ("甲乙算力科技有限公司", "戊己科技有限公司")} <= _pairs(text, "investor")
    assert not any(s == "该公司" for s, _ in _pairs(text, "investor"))


def test_the_holders_of_shares_after_you_invest():
    text = "甲乙30万千瓦风电项目由丙丁新能源有限公司控股、戊己城市建设投资有限公司参股，总投资18亿元。"
    assert _pairs(text, "investor") == {("甲乙30万千瓦风电项目", "丙丁新能源有限公司"),
                                        ("甲乙30万千瓦风电项目", "戊己城市建设投资有限公司")}


def test_money_a_company_puts_into_a_project_is_the_projects():
    text = "当天，临湘跨境电商监管中心项目同步开工，该项目由丙丁供应链管理有限公司投资3.2亿元建设，建成后投用。"
    [amount] = _facts(text, "investmentAmount")
    assert (amount.subject.label, amount.quantity.value) == ("临湘跨境电商监管中心项目", 3.2e8)
    text = "戊己国际物流有限公司投资5亿元建设的临湘保税冷链仓储中心项目已进入主体施工阶段。"
    [amount] = _facts(text, "investmentAmount")
    assert (amount.subject.label, amount.quantity.value) == ("临湘保税冷链仓储中心项目", 5e8)


def test_the_latter_side_or_that_company_invests():
    text = ("7月10日，临湘市人民政府与丙丁智算科技有限公司签署投资协议，"
            "后者将在临湘市投资建设临湘绿电智算中心，总投资45亿元。")
    assert _pairs(text, "investor") == {("临湘绿电智算中心", "丙丁智算科技有限公司")}
    text = "戊己集团与丙丁移动有限公司合资成立了甲乙绿算科技有限公司，由该公司投资建设临湘绿电智算中心。"
    assert ("临湘绿电智算中心", "甲乙绿算科技有限公司") in _pairs(text, "investor")


def test_in_charge_of_a_facilitys_investment_and_money_put_in_to_build_it():
    text = "临湘氢能科技有限公司作为项目主体，负责临湘风光氢储一体化项目的投资、建设和运营。"
    assert _pairs(text, "investor") == {("临湘风光氢储一体化项目", "临湘氢能科技有限公司")}
    assert not _pairs("临湘云算科技有限公司负责临湘绿电智算中心的运营。", "investor")
    text = "临湘云算科技有限公司出资12亿元建设临湘绿电智算中心。"
    assert _pairs(text, "investor") == {("临湘绿电智算中心", "临湘云算科技有限公司")}


def test_a_contract_named_after_a_centre_is_the_centres():
    text = "中国建筑第三工程局有限公司中标临湘绿电智算中心EPC总承包项目。"
    assert _pairs(text, "builtBy") == {("临湘绿电智算中心", "中国建筑第三工程局有限公司")}


def test_a_government_written_without_its_place_signs_for_the_articles_place():
    text = "6月23日，宜昌市夷陵区招商团赴深圳。区政府与深圳丙丁储能科技有限公司签署了合作协议。"
    assert _pairs(text, "agreementWith") == {("夷陵区人民政府", "深圳丙丁储能科技有限公司")}
    text = "岳阳市召开大会。湖南甲乙科技有限公司与市政府签署战略合作协议。"
    assert _pairs(text, "agreementWith") == {("湖南甲乙科技有限公司", "岳阳市人民政府")}


def test_a_builder_or_investor_that_also_runs_the_facility():
    text = "园区内，由甲乙通信股份有限公司宁南分公司建设运营的宁南云计算中心已投运。"
    assert _pairs(text, "builtBy") == {("宁南云计算中心", "甲乙通信股份有限公司宁南分公司")}
    text = "宁南云谷数据科技有限公司投资建设并运营的宁南云计算中心已投运。"
    assert _pairs(text, "investor") == {("宁南云计算中心", "宁南云谷数据科技有限公司")}


def test_both_parties_that_will_build_together_and_an_owner_written_bare():
    text = ("甲乙国际物流有限公司与丙丁港务集团有限公司签订战略合作协议，双方将合资建设"
            "岳阳临港冷链物流中心项目，项目总投资11.6亿元。")
    assert _pairs(text, "investor") == {("岳阳临港冷链物流中心项目", "甲乙国际物流有限公司"),
                                        ("岳阳临港冷链物流中心项目", "丙丁港务集团有限公司")}
    text = "肇源县10万千瓦光伏项目开标，项目总投资约4.2亿元，业主为大庆甲乙新能源科技有限公司。"
    assert _pairs(text, "investor") == {("肇源县10万千瓦光伏项目", "大庆甲乙新能源科技有限公司")}


def test_a_named_project_before_a_noun_it_modifies():
    text = "在凤阳县，他走进凤阳县高纯石英砂深加工项目车间。该项目由凤阳甲乙材料有限公司投资。"
    assert _pairs(text, "investor") == {("凤阳县高纯石英砂深加工项目", "凤阳甲乙材料有限公司")}
    assert not _pairs("鄂托克前旗人民政府负责协调项目用地。", "locatedIn") & {
        ("鄂托克前旗人民政府负责协调项目", "鄂托克前旗")}


def test_parts_of_an_investment_beside_its_total_are_not_other_amounts():
    text = ("甲乙智算中心由河南甲乙数字科技有限公司投资建设，总投资36亿元，累计完成投资7.8亿元，"
            "2025年计划投资4.2亿元。")
    assert [f.quantity.value for f in _facts(text, "investmentAmount")] == [3.6e9]
    # Without a total, what was spent so far is the amount the article gives.
    assert [f.quantity.value for f in _facts("甲乙智算中心项目累计完成投资12亿元。",
                                             "investmentAmount")] == [1.2e9]


def test_signings_by_representatives_and_sides_named_after_the_signing():
    text = "甲乙科技有限公司董事长李强与丙丁集团有限公司总经理王刚签署战略合作协议。"
    assert _pairs(text, "agreementWith") == {("甲乙科技有限公司", "丙丁集团有限公司")}
    text = "签约双方为甲乙科技有限公司和丙丁集团有限公司。"
    assert _pairs(text, "agreementWith") == {("甲乙科技有限公司", "丙丁集团有限公司")}
    text = "一、甲乙智算中心项目（二期）\n签约双方：宜宾市翠屏区人民政府——甲乙科技有限公司\n投资金额：23.2亿元\n"
    assert _pairs(text, "agreementWith") == {("宜宾市翠屏区人民政府", "甲乙科技有限公司")}
    # the mayor, also the city's party deputy secretary, signs for the city's government
    text = "宜宾市委副书记、市长王明远与丙丁集团有限公司总经理王刚代表双方签约。"
    assert _pairs(text, "agreementWith") == {("宜宾市人民政府", "丙丁集团有限公司")}


def test_posts_after_words_that_bring_them_in_after_a_remark_and_of_founders():
    text = "庆阳市召开大会。出席活动的有市委书记何军、市长吕方等。"
    assert {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("何军", "中共庆阳市委员会", "书记"), ("吕方", "庆阳市人民政府", "市长")}
    text = "甲乙集团有限公司（以下简称“甲乙集团”）董事长陈立表示。"
    assert {(f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("甲乙集团有限公司", "董事长")}
    text = "甲乙科技有限公司创始人、首席执行官林晨说。"
    assert {(f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("甲乙科技有限公司", "创始人、首席执行官")}


def test_places_that_hold_a_facility_written_before_it_or_after_yu():
    cases = {
        "长沙县星沙街道的甲乙智算中心已投运。": ("甲乙智算中心", "星沙街道"),
        "星沙云谷智算中心于长沙县开工建设。": ("星沙云谷智算中心", "长沙县"),
        "甲乙智算中心在长沙县黄花镇破土动工。": ("甲乙智算中心", "黄花镇"),
        "甲乙智算中心规划建设于长沙县。": ("甲乙智算中心", "长沙县"),
    }
    for text, pair in cases.items():
        assert _pairs(text, "locatedIn") == {pair}, text


def test_a_builder_named_right_after_its_role_or_entrusted_with_the_works():
    for second in ("施工方中国建筑第五工程局有限公司组织工人加紧施工。",
                   "据承建方中国建筑第五工程局有限公司介绍，项目进展顺利。",
                   "作为项目总包方，中国建筑第五工程局有限公司组织了劳动竞赛。",
                   "湘江云谷科技有限公司委托中国建筑第五工程局有限公司建设。"):
        text = "星沙云谷智算中心开工。" + second
        assert _pairs(text, "builtBy") == {("星沙云谷智算中心", "中国建筑第五工程局有限公司")}, second


def test_a_builder_named_after_its_role_or_in_a_relative_clause():
    center = "星沙云谷智算中心"
    for second in ("项目承建单位中国建筑第五工程局有限公司相关负责人介绍，主体结构已封顶。",
                   "负责项目施工的中国建筑第五工程局有限公司项目经理王某说，工人们正在加紧作业。",
                   "承建该项目的中国建筑第五工程局有限公司负责人表示，年底前完工。",
                   "湘江云谷科技有限公司委托中国建筑第五工程局有限公司代建。"):
        assert _pairs(f"{center}开工。" + second, "builtBy") == \
            {(center, "中国建筑第五工程局有限公司")}, second


def test_a_builder_of_a_phase_or_a_part_in_a_relative_clause_or_a_cleft():
    center = "星沙云谷智算中心"
    for second in ("承建一期工程的中国建筑第五工程局有限公司项目负责人告诉记者，工人超过1800人。",
                   "承建升压站及送出线路的是中国建筑第五工程局有限公司。",
                   "项目由湘江云谷科技有限公司投资建设，施工单位同样为中国建筑第五工程局有限公司。"):
        assert (center, "中国建筑第五工程局有限公司") in \
            _pairs(f"{center}开工。" + second, "builtBy"), second


def test_an_amount_inside_a_relative_clause_opened_by_you():
    # 由X投资35亿元建设的Y: Y is the one invested in, not a facility named before 由.
    text = ("长三角方面，甲乙算力科技有限公司建设运营的甲乙智算中心已形成6000P智算能力；"
            "由丙丁数据投资有限公司投资35亿元建设的丙丁智算中心位于安徽省芜湖市。")
    assert _pairs(text, "investor") == {("丙丁智算中心", "丙丁数据投资有限公司")}


def test_each_item_of_a_list_of_facilities_is_about_its_own_facility():
    text = ("二、签约项目情况\n"
            "1．甲乙30万千瓦共享储能电站项目。投资方为甲乙新能源集团有限公司，总投资12亿元。\n"
            "2．年产5万吨某某及某某材料项目。由丙丁新材料科技有限公司投资，总投资8.5亿元。\n"
            "3．年产2亿平方米锂电池隔膜项目。戊己科技股份有限公司投资14.1亿元，落户定远东部新材料产业园。\n"
            "4．定远县算力服务中心项目。由庚辛数据科技有限公司投资3.6亿元建设，位于定远县城北工业园，"
            "规划建设智算算力500P。")
    result = facts_of(text)
    pairs = {(f.predicate, f.subject.label, f.object.label if f.object else f.quantity.value)
             for f in result.facts if f.predicate in ("investor", "investmentAmount",
                                                       "computeCapacity")}
    assert pairs == {
        ("investor", "甲乙30万千瓦共享储能电站项目", "甲乙新能源集团有限公司"),
        ("investmentAmount", "甲乙30万千瓦共享储能电站项目", 1.2e9),
        # item 2's name is not read: nothing of it goes to item 1, nor to its company
        ("investor", "年产2亿平方米锂电池隔膜项目", "戊己科技股份有限公司"),
        ("investmentAmount", "年产2亿平方米锂电池隔膜项目", 1.41e9),
        ("investor", "定远县算力服务中心项目", "庚辛数据科技有限公司"),
        ("investmentAmount", "定远县算力服务中心项目", 3.6e8),
        ("computeCapacity", "定远县算力服务中心项目", 500.0)}, pairs
    located = {(f.subject.label, f.object.label) for f in result.facts
               if f.predicate == "locatedIn"}
    assert ("年产2亿平方米锂电池隔膜项目", "定远东部新材料产业园") in located
    assert ("定远县算力服务中心项目", "定远县城北工业园") in located


def test_items_numbered_in_chinese_give_their_facilitys_amounts_whatever_places_they_name():
    text = ("省里筛选出“十大标志性项目”，总投资约309亿元。记者梳理了十大项目的基本情况：\n"
            "一、大庆甲乙α-烯烃项目。位于大庆市北湖新材料产业园，由甲乙新材料有限公司投资建设，总投资45亿元。\n"
            "二、宁安丙丁抽水蓄能电站。位于牡丹江市所辖宁安市境内，装机容量120万千瓦，总投资86亿元。\n")
    result = facts_of(text)
    amounts = {(f.subject.label, f.quantity.value) for f in result.facts
               if f.predicate == "investmentAmount"}
    assert amounts == {("大庆甲乙α-烯烃项目", 4.5e9), ("宁安丙丁抽水蓄能电站", 8.6e9)}, amounts
    investors = {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "investor"}
    assert investors == {("大庆甲乙α-烯烃项目", "甲乙新材料有限公司")}, investors
    # “十大标志性项目” is several projects, no project's name
    assert not any(m.label.startswith("十大") for m in result.mentions)


def test_a_builder_of_a_part_builds_the_facility():
    text = ("甲乙长阳龙潭坪抽水蓄能电站开工。甲乙长阳龙潭坪抽水蓄能电站主体工程由中国水利水电第七工程局有限公司承建，"
            "项目风机安装工程由中交第三航务工程局有限公司承建，下水库工程由中国水利水电第十一工程局有限公司施工。")
    result = facts_of(text)
    assert not any(m.label.endswith("工程") for m in result.mentions if m.type == "Project")
    assert {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "builtBy"} == {
        ("甲乙长阳龙潭坪抽水蓄能电站", "中国水利水电第七工程局有限公司"),
        ("甲乙长阳龙潭坪抽水蓄能电站", "中交第三航务工程局有限公司"),
        ("甲乙长阳龙潭坪抽水蓄能电站", "中国水利水电第十一工程局有限公司")}


def test_the_sides_of_an_agreement_that_will_build_together_are_builders():
    text = "3月15日，甲乙新区管委会与丙丁信息产业股份有限公司签署合作协议，双方将共建甲乙智算中心。"
    assert _pairs(text, "builtBy") == {("甲乙智算中心", "甲乙新区管委会"),
                                       ("甲乙智算中心", "丙丁信息产业股份有限公司")}


def test_one_entrusted_with_design_does_not_build():
    text = ("星沙云谷智算中心开工。湘江云谷科技有限公司作为业主单位，"
            "委托中国能源建设集团湖南省电力设计院有限公司开展勘察设计。")
    assert _pairs(text, "builtBy") == set()
    assert _pairs(text, "investor") == {("星沙云谷智算中心", "湘江云谷科技有限公司")}


def test_money_spent_on_the_project_referred_to_is_the_projects():
    text = "星沙云谷智算中心开工。湘江云谷科技有限公司拟投资25亿元建设该项目。"
    assert _pairs(text, "investor") == {("星沙云谷智算中心", "湘江云谷科技有限公司")}
    assert [(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")] == \
        [("星沙云谷智算中心", 2.5e9)]


def test_the_side_referred_to_invests_in_the_project_referred_to():
    text = ("星沙云谷智算中心开工。长沙县人民政府与湘江云谷科技有限公司签订投资协议，"
            "由后者投资建设该项目。")
    assert _pairs(text, "investor") == {("星沙云谷智算中心", "湘江云谷科技有限公司")}


def test_a_companys_controlling_shareholder_is_not_the_facilitys_investor():
    text = "星沙云谷智算中心开工。湘江云谷科技有限公司由中国电信股份有限公司湖南分公司控股。"
    assert _pairs(text, "investor") == set()


def test_a_company_founded_with_an_amount_is_its_founders_and_the_amount_its_own():
    text = "3月，德国甲乙传动技术有限公司投资8000万美元设立瓦格纳传动（天津）有限公司，建设生产基地。"
    assert _pairs(text, "investor") == {("瓦格纳传动（天津）有限公司", "德国甲乙传动技术有限公司")}
    assert [(f.subject.label, f.quantity.value, f.quantity.unit)
            for f in _facts(text, "investmentAmount")] == [("瓦格纳传动（天津）有限公司", 8e7, "USD")]


def test_an_investor_named_as_the_facilitys_investing_and_building_body():
    text = "星沙云谷智算中心开工。该智算中心的投资建设主体为湘江云谷科技有限公司。"
    assert _pairs(text, "investor") == {("星沙云谷智算中心", "湘江云谷科技有限公司")}


def test_an_amount_in_a_sentence_opening_with_a_kind_of_the_facility_is_its():
    text = "甲乙西出口100万千瓦风电项目开工。该风电项目位于甲乙市以西约30公里，总投资约58亿元。"
    assert [(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")] == \
        [("甲乙西出口100万千瓦风电项目", 5.8e9)]


def test_a_company_founded_to_invest_in_and_build_a_facility_is_its_investor():
    text = ("公司拟以自有资金5亿元在安徽省芜湖市设立全资子公司甲乙算力（芜湖）有限公司（暂定名，以下简称“芜湖甲乙”），"
            "负责投资建设芜湖甲乙智算中心项目。")
    assert _pairs(text, "investor") == {("芜湖甲乙智算中心项目", "甲乙算力（芜湖）有限公司")}


def test_a_joint_venture_described_after_shi_has_both_partners_as_investors():
    text = ("哈尔滨甲乙冰算科技有限公司是黑龙江甲乙算力有限公司与哈尔滨丙丁城市发展投资集团有限公司"
            "去年合资组建的，前者持股51%。")
    assert _pairs(text, "investor") == {
        ("哈尔滨甲乙冰算科技有限公司", "黑龙江甲乙算力有限公司"),
        ("哈尔滨甲乙冰算科技有限公司", "哈尔滨丙丁城市发展投资集团有限公司")}


def test_an_investor_named_as_the_facilitys_role_or_spending_on_it():
    center = "星沙云谷智算中心"
    for text in (f"湘江云谷科技有限公司是{center}的投资方。",
                 f"{center}开工。项目业主湘江云谷科技有限公司表示，将加快建设。",
                 f"湘江云谷科技有限公司斥资20亿元打造{center}。"):
        assert _pairs(text, "investor") == {(center, "湘江云谷科技有限公司")}, text
    assert [f.quantity.value for f in _facts(f"湘江云谷科技有限公司斥资20亿元打造{center}。",
                                             "investmentAmount")] == [2e9]


def test_a_zone_opening_the_clause_holds_its_compute_not_the_datelines_city():
    text = ("新华社呼和浩特12月3日电（记者 张明）记者从内蒙古自治区发展和改革委员会获悉，"
            "和林格尔新区今年新增智能算力2.3万P。")
    assert [(f.subject.label, f.quantity.value) for f in _facts(text, "computeCapacity")] == \
        [("和林格尔新区", 23000.0)]


def test_a_design_capacity_is_planned():
    got = [(f.quantity.value, f.quantity.status) for f in _facts(
        "星沙云谷智算中心设计算力3000P（FP16）。", "computeCapacity")]
    assert got == [(3000.0, "planned")]


def test_a_capacity_after_a_clause_that_looks_forward_is_planned():
    for second in ("项目建成投产后，可提供智能算力2000P。", "届时，中心算力可达2000P。"):
        got = [(f.quantity.value, f.quantity.status) for f in _facts(
            "星沙云谷智算中心开工。" + second, "computeCapacity")]
        assert got == [(2000.0, "planned")], second


def test_a_head_of_government_after_a_party_post_and_a_vice_governor_alone():
    text = "“口岸的通关效率很重要。”中共凭祥市委副书记、市长黄立新说。"
    assert {(f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("中共凭祥市委员会", "副书记"), ("凭祥市人民政府", "市长")}
    text = "安徽省召开会议。7日，副省长邵明远赴滁州市调研。"
    assert {(f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("安徽省人民政府", "副省长")}


def test_both_sides_of_the_sentence_before_and_one_side_signing_twice():
    text = "长沙县人民政府与湘江云谷科技有限公司举行座谈。会后，双方签署战略合作协议。"
    assert _pairs(text, "agreementWith") == {("长沙县人民政府", "湘江云谷科技有限公司")}
    text = ("湘江云谷科技有限公司与丙丁集团有限公司签署《战略合作协议》，"
            "与戊己大学签署《产学研合作协议》。")
    assert _pairs(text, "agreementWith") == {("湘江云谷科技有限公司", "丙丁集团有限公司"),
                                             ("湘江云谷科技有限公司", "戊己大学")}
    # Without a pair before, 双方 names no one.
    assert not _pairs("会议召开。会后，双方签署战略合作协议。", "agreementWith")


def test_amounts_respectively_a_facility_after_qizhong_of_a_round_and_a_planned_total():
    def amounts(text):
        return {(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")}

    assert amounts("星沙云谷智算中心、湘江储能电站项目分别投资20亿元、8亿元。") == {
        ("星沙云谷智算中心", 2e9), ("湘江储能电站项目", 8e8)}
    assert amounts("本次集中开工项目12个，总投资150亿元，其中星沙云谷智算中心总投资20亿元。") == {
        ("星沙云谷智算中心", 2e9)}
    # A planned total is the total; this year's plan beside it is a part.
    assert amounts("星沙云谷智算中心计划投资20亿元，今年计划完成投资5亿元。") == {
        ("星沙云谷智算中心", 2e9)}


def test_a_notices_site_item_locates_the_project_of_its_name_item():
    text = ("一、项目名称：襄阳汉水智算中心二期项目EPC总承包\n二、项目编号：XY-0716\n"
            "三、招标人：湖北汉水云算科技有限公司\n五、项目地点：湖北省襄阳市襄州区襄阳东津云谷产业园\n")
    assert ("襄阳汉水智算中心", "襄阳东津云谷产业园") in _pairs(text, "locatedIn")


def test_a_county_named_after_its_prefecture_and_a_brand_is_the_names_place():
    assert _pairs("赣州橙乡信丰智算中心投运。", "locatedIn") == {("赣州橙乡信丰智算中心", "信丰县")}
    assert _pairs("新疆天山云计算中心投运。", "locatedIn") == {("新疆天山云计算中心", "新疆维吾尔自治区")}


def test_a_bare_party_committee_read_as_a_name_is_the_articles_areas():
    text = "海西州召开大会。州委副书记、州长王明远讲话。"
    assert {(f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("中共海西蒙古族藏族自治州委员会", "副书记"), ("海西蒙古族藏族自治州人民政府", "州长")}


def test_compute_of_the_country_a_demand_a_card_or_a_customer_is_no_one_facilitys():
    for second in ("截至目前，我国算力总规模达到280EFLOPS。", "目前，国内智算需求缺口超过10万P。",
                   "华为昇腾910B单卡算力约为0.3P。", "该公司在全国运营算力超过2万P。",
                   "客户甲公司租用算力500P。"):
        assert not _facts("星沙云谷智算中心投运。" + second, "computeCapacity"), second
    got = {(f.subject.label, f.quantity.value) for f in _facts("宁夏算力规模居全国前列，达5万P。",
                                                                "computeCapacity")}
    assert got == {("宁夏回族自治区", 50000.0)}


def test_research_spending_and_subsidies_are_no_investment_in_a_facility():
    for second in ("该公司去年营业收入20亿元，研发投入3亿元。", "中央预算内投资补助资金1亿元已下达。"):
        assert not _facts("星沙云谷智算中心投运。" + second, "investmentAmount"), second


def test_a_facility_settling_in_or_the_place_it_is_in():
    for text in ("星沙云谷智算中心入驻长沙经开区。", "星沙云谷智算中心入园长沙经开区。",
                 "星沙云谷智算中心所在的长沙经开区已集聚企业300家。"):
        assert ("星沙云谷智算中心", "长沙经开区") in _pairs(text, "locatedIn"), text
    assert _pairs("星沙云谷智算中心扎根长沙县。", "locatedIn") == {("星沙云谷智算中心", "长沙县")}


def test_a_post_in_a_clause_opened_by_zuowei_before_the_name():
    text = "作为湘江云谷科技有限公司董事长，王明远表示，公司将继续投资。"
    assert {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")} == {
        ("王明远", "湘江云谷科技有限公司", "董事长")}
