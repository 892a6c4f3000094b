"""Extraction per predicate on invented sentences, including the negative cases."""
import pytest

from tests.helpers import facts_of


def _facts(text, predicate, **kw):
    return [f for f in facts_of(text, **kw).facts if f.predicate == predicate]


def test_located_in_from_text_and_from_name():
    facts = _facts("伊吾县丙丁智算中心位于哈密高新技术产业开发区。", "locatedIn")
    objects = {f.object.label for f in facts if f.subject.label == "伊吾县丙丁智算中心"}
    assert "哈密高新技术产业开发区" in objects
    assert "伊吾县" in objects


def test_investor_and_amount_with_omitted_subject():
    text = "5月3日，哈密市丙丁智算中心开工。该项目由新疆甲乙能源有限公司投资建设，总投资25亿元。"
    investors = _facts(text, "investor")
    assert [(f.subject.label, f.object.label) for f in investors] == [
        ("哈密市丙丁智算中心", "新疆甲乙能源有限公司")]
    amounts = _facts(text, "investmentAmount")
    assert [(f.subject.label, f.quantity.value) for f in amounts] == [("哈密市丙丁智算中心", 2.5e9)]


def test_sum_over_several_projects_is_no_fact():
    text = "一季度，哈密高新技术产业开发区98个项目密集开工，总投资2030.44亿元。"
    assert _facts(text, "investmentAmount") == []


def test_compute_capacity_status():
    text = "哈密市丙丁智算中心已建成算力500P，规划算力规模达2万P。"
    got = {(f.quantity.value, f.quantity.status) for f in _facts(text, "computeCapacity")}
    assert got == {(500.0, "current"), (20000.0, "planned")}


def test_compute_given_away_is_no_capacity_and_the_citys_total_is_the_citys():
    text = ("宜宾丙丁智算中心位于翠屏区。副市长王明远表示，宜宾将以“丙丁智算中心”为核心构建产业生态，"
            "力争到2027年全市智能算力规模突破5000P。丙丁公司将每年向联合实验室开放不少于50P的免费算力。")
    got = {(f.subject.label, f.quantity.value) for f in _facts(text, "computeCapacity")}
    assert got == {("宜宾市", 5000.0)}


def test_title_list_gives_both_posts_and_implied_organs():
    text = "哈密市委副书记、市长王明远出席会议。"
    posts = {(f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert ("中共哈密市委员会", "副书记") in posts
    assert ("哈密市人民政府", "市长") in posts


def test_several_titles_at_one_organisation_are_one_fact():
    text = "哈密市数字化发展局党组书记、副局长李春生讲话。"
    posts = [(f.object.label, f.title) for f in _facts(text, "holdsPosition")]
    assert posts == [("哈密市数字化发展局", "党组书记、副局长")]


def test_agreements_respectively_and_topics():
    text = "丙丁智算中心分别与丁戊大学、哈密甲乙科技有限公司签订医疗大模型合作协议、遥感应用合作协议。"
    got = {(f.subject.label, f.object.label, f.topic) for f in _facts(text, "agreementWith")}
    assert got == {("丙丁智算中心", "丁戊大学", "医疗大模型合作"),
                   ("丙丁智算中心", "哈密甲乙科技有限公司", "遥感应用合作")}


def test_an_agreement_across_one_clause_break_but_not_a_summary_of_many_acts():
    met = "哈密市人民政府与新疆甲乙科技有限公司举行座谈，并签署战略合作协议。"
    assert {(f.subject.label, f.object.label) for f in _facts(met, "agreementWith")} == {
        ("哈密市人民政府", "新疆甲乙科技有限公司")}
    summary = ("近年来，哈密市与越南、缅甸地方间互访日益频繁，举办多批次交流活动，建立联合中心，"
               "签订友好城市协议书和意向书。")
    assert _facts(summary, "agreementWith") == []


def test_a_signing_ceremony_is_an_agreement_and_its_place_is_no_party():
    for text in ("新疆甲乙科技有限公司与泓锦能源集团在哈密市签署战略合作协议。",
                 "新疆甲乙科技有限公司与泓锦能源集团在哈密高新区举行泓锦智算中心项目签约仪式。"):
        got = {(f.subject.label, f.object.label) for f in _facts(text, "agreementWith")}
        assert got == {("新疆甲乙科技有限公司", "泓锦能源集团")}, text
    assert _facts("新疆甲乙科技有限公司与泓锦能源集团签署了该项目。", "agreementWith") == []


def test_builders_exclude_relative_clauses_and_affiliations():
    text = ("哈密丙丁算力中心由丁戊大学等高校共建的甲乙联合实验室与中国工程院院士张三等共同建设，"
            "位于哈密市。")
    got = {(f.subject.label, f.object.label) for f in _facts(text, "builtBy")}
    assert got == {("哈密丙丁算力中心", "甲乙联合实验室")}


def test_every_fact_carries_its_sentence():
    text = "伊吾县丙丁智算中心位于哈密高新技术产业开发区。另一句话。"
    for fact in facts_of(text).facts:
        assert fact.source.sentence.startswith("伊吾县丙丁智算中心")
        assert fact.source.article_id == "page#1"


def test_furniture_names_and_the_printers_address():
    from kg.extract import extract
    from kg.nlp.pipeline import analyse
    from kg.records import Article, OffsetMap
    text = ("甲乙日报\nJIAYI RIBAO\n□中国甲乙网:  □24小时新闻热线:1234567\n"
            "□承印单位:新疆丙丁印务有限公司 □地址:哈密市某某路8号\n□编辑/王晓明 □版式/李华")
    page = Article("p#0", "p", "p.txt", None, (), "2025-05-20", None, text,
                   OffsetMap((0,), (0,)), kind="furniture")
    _, doc = next(analyse([page]))
    result = extract(page, doc)
    names = {(m.label, m.type) for m in result.mentions}
    assert {("甲乙日报", "Organization"), ("中国甲乙网", "Organization"),
            ("新疆丙丁印务有限公司", "Company"), ("王晓明", "Person"), ("李华", "Person")} <= names
    assert any(m.text == "JIAYI RIBAO" and m.label == "甲乙日报" for m in result.mentions)
    located = {(f.subject.label, f.object.label) for f in result.facts}
    assert located == {("新疆丙丁印务有限公司", "哈密市")}    # the address, not the 新疆 prefix
    assert all(f.predicate == "locatedIn" for f in result.facts)


def test_the_titles_facility_is_what_该项目_refers_to():
    text = ("4月3日，哈密市重点建设项目“绿色智算中心”破土动工。该项目由新疆甲乙能源有限公司投资建设，"
            "总投资25亿元。作为哈密地区丙丁数据项目，它将服务全疆。")
    result = facts_of(text, title="哈密市绿色智算中心项目开工")
    investors = [(f.subject.label, f.object.label) for f in result.facts
                 if f.predicate == "investor"]
    assert investors == [("绿色智算中心", "新疆甲乙能源有限公司")]     # named after 项目
    titled = [m for m in result.mentions if m.source.sentence == "哈密市绿色智算中心项目开工"]
    assert {m.label for m in titled} >= {"哈密市绿色智算中心项目"}


def test_zone_article_places_its_projects_in_the_zone_not_the_province():
    text = ("哈密高新区加快建设。哈密高新区今年开工项目多。哈密高新区服务企业。哈密高新区优化环境。"
            "哈密高新区再出发。总投资30亿元的新疆甲乙光伏制氢项目正式开工。")
    places = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert ("新疆甲乙光伏制氢项目", "哈密高新区") in places
    assert not any(s == "新疆甲乙光伏制氢项目" and o.startswith("新疆") for s, o in places)


def _posts(text, **kw):
    return {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition", **kw)}


def test_party_committee_titles_and_abbreviated_organs():
    posts = _posts("哈密地区召开食品安全委员会会议。地委副书记，地区行署专员、食安委主任阿不都·艾力主持会议。"
                   "哈密市党委书记王明远出席。哈密高新区党工委副书记赵小东说。")
    assert ("阿不都·艾力", "中共哈密地区委员会", "副书记") in posts or \
        ("阿不都·艾力", "中共哈密市委员会", "副书记") in posts
    assert any(p[0] == "阿不都·艾力" and p[1].endswith("行政公署") and p[2] == "专员" for p in posts)
    assert any(p[0] == "阿不都·艾力" and p[1].endswith("食品安全委员会") and p[2] == "主任"
               for p in posts)
    assert ("王明远", "中共哈密市委员会", "书记") in posts
    assert ("赵小东", "中共哈密高新区工作委员会", "副书记") in posts      # 党工委, in full


def test_a_bureau_named_by_its_level_word():
    posts = _posts("自治区数字化发展局党组书记、副局长李长春出席会议。")
    assert ("李长春", "自治区数字化发展局", "党组书记、副局长") in posts


def test_located_at_a_district_inside_a_city_and_a_phase_of_a_centre():
    result = facts_of("6月1日，位于哈密市伊州区的哈密丝路智算中心一期项目正式投运。")
    places = {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "locatedIn"}
    assert places == {("哈密丝路智算中心", "伊州区")}
    assert {m.type for m in result.mentions if m.label == "哈密丝路智算中心"} == {"ComputeCenter"}


def test_该项目_is_the_facility_named_just_before():
    text = ("哈密丝路智算中心正式投运。该项目由新疆甲乙云计算有限公司与中国丙丁股份有限公司哈密分公司"
            "合资建设，总投资12.5亿元。据了解，新疆戊己新能源有限公司煤制天然气项目总投资45亿元。")
    result = facts_of(text)
    investors = {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "investor"}
    assert investors == {("哈密丝路智算中心", "新疆甲乙云计算有限公司"),
                         ("哈密丝路智算中心", "中国丙丁股份有限公司哈密分公司")}
    amounts = {(f.subject.label, f.quantity.value) for f in result.facts
               if f.predicate == "investmentAmount"}
    assert amounts == {("哈密丝路智算中心", 1.25e9), ("新疆戊己新能源有限公司煤制天然气项目", 4.5e9)}


def test_a_place_signs_through_its_government_and_company_posts_keep_their_titles():
    result = facts_of("会上，哈密市与甲乙科技有限责任公司、丙丁电子股份有限公司签署合作协议。"
                      "新疆戊己（集团）有限公司党委书记、董事长张强介绍了情况。")
    agreements = {(f.subject.label, f.object.label) for f in result.facts
                  if f.predicate == "agreementWith"}
    assert agreements == {("哈密市人民政府", "甲乙科技有限责任公司"),
                          ("哈密市人民政府", "丙丁电子股份有限公司")}
    posts = {(f.subject.label, f.object.label, f.title) for f in result.facts
             if f.predicate == "holdsPosition"}
    assert posts == {("张强", "新疆戊己（集团）有限公司", "党委书记、董事长")}


def test_a_joint_venture_named_before_由_has_both_partners_as_investors():
    result = facts_of("作为重点招商项目，甲乙数科由哈密市国有资产投资经营有限责任公司与"
                      "新疆丙丁大数据投资有限公司合资组建。")
    investors = {(f.subject.label, f.subject.type, f.object.label) for f in result.facts
                 if f.predicate == "investor"}
    assert investors == {("甲乙数科", "Company", "哈密市国有资产投资经营有限责任公司"),
                         ("甲乙数科", "Company", "新疆丙丁大数据投资有限公司")}


def test_a_relative_clause_opened_by_由_and_a_bare_项目_with_nothing_named():
    result = facts_of("由新疆甲乙能源（集团）有限责任公司投资建设的奇台县10万千瓦光伏发电项目近日并网发电。")
    investors = {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "investor"}
    assert investors == {("奇台县10万千瓦光伏发电项目", "新疆甲乙能源（集团）有限责任公司")}
    assert not _facts("近日，哈密市人民政府与丙丁新能源有限公司签订风光储一体化项目投资协议，"
                      "项目计划总投资120亿元。", "investmentAmount")


def test_owner_company_opening_a_project_name_is_mentioned_and_placed():
    result = facts_of("新疆泓锦化工有限公司80万吨/年煤制烯烃项目顺利开工。")
    names = {(m.text, m.type) for m in result.mentions}
    assert ("新疆泓锦化工有限公司80万吨/年煤制烯烃项目", "Project") in names
    assert ("新疆泓锦化工有限公司", "Company") in names
    located = {(f.subject.label, f.object.label) for f in result.facts
               if f.predicate == "locatedIn"}
    assert ("新疆泓锦化工有限公司", "新疆维吾尔自治区") in located


def test_company_after_a_zone_is_in_the_zone_and_keeps_its_first_character():
    # 其 opens the name (其 + unknown single characters) right after the zone.
    located = {(f.subject.label, f.object.label)
               for f in _facts("哈密高新技术产业开发区其澜新疆集团有限公司铝锭车间，工人在作业。",
                               "locatedIn")}
    assert ("其澜新疆集团有限公司", "哈密高新技术产业开发区") in located


def test_facility_after_a_zone_and_its_owner_is_named_without_them():
    result = facts_of("走进哈密高新技术产业开发区泓澜能源集团新疆泓锦沙泉露天煤矿，矿卡有序穿梭。")
    names = {(m.text, m.type) for m in result.mentions}
    assert ("新疆泓锦沙泉露天煤矿", "Project") in names
    located = {(f.subject.label, f.object.label) for f in result.facts
               if f.predicate == "locatedIn"}
    assert ("新疆泓锦沙泉露天煤矿", "哈密高新技术产业开发区") in located


def test_a_zone_opening_a_name_is_mentioned_and_holds_the_named_thing():
    result = facts_of("泓锦经济开发区智算产业园项目开工。泓锦产业园一期项目同日开工。")
    located = {(f.subject.label, f.object.label) for f in result.facts
               if f.predicate == "locatedIn"}
    assert ("泓锦经济开发区智算产业园项目", "泓锦经济开发区") in located
    assert ("泓锦经济开发区", "Zone") in {(m.text, m.type) for m in result.mentions}
    assert not any(subject == "泓锦产业园一期项目" for subject, _ in located)


def test_posts_before_the_next_name_in_a_list_of_guests_are_that_names():
    text = "出席的有：嘉宾王一鸣，丙丁经开区党工委书记、管委会主任李四海。"
    posts = {(f.subject.label, f.title) for f in facts_of(text).facts
             if f.predicate == "holdsPosition"}
    assert ("李四海", "主任") in posts
    assert not any(name == "王一鸣" for name, _ in posts)
    # An apposition after a name is its post.
    text = "王一鸣，甲乙科技有限公司董事长，出席会议。"
    assert {(f.subject.label, f.title) for f in facts_of(text).facts
            if f.predicate == "holdsPosition"} == {("王一鸣", "董事长")}


def test_a_schools_post_is_at_the_university_not_a_college_it_founds():
    text = ("甲乙理工大学与丙丁科技有限公司共建戊己产业学院。校党委书记王一鸣，校长李四海出席。")
    posts = {(f.subject.label, f.object.label)
             for f in facts_of(text, title="我校共建戊己产业学院").facts
             if f.predicate == "holdsPosition"}
    assert posts == {("王一鸣", "甲乙理工大学"), ("李四海", "甲乙理工大学")}


def test_a_banks_officers_by_their_titles():
    text = "国家开发银行甲乙省分行副行长李四海、丙丁银行行长王一鸣共同见证协议签署。"
    posts = {(f.subject.label, f.title) for f in facts_of(text).facts
             if f.predicate == "holdsPosition"}
    assert {("李四海", "副行长"), ("王一鸣", "行长")} <= posts


def test_a_post_at_a_declared_short_name_is_at_the_organisation():
    text = "浙江泓达智能科技股份有限公司（以下简称“泓达智能”）公告。泓达智能董事会秘书孙丽华表示，进展顺利。"
    posts = [(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")]
    assert posts == [("孙丽华", "浙江泓达智能科技股份有限公司", "董事会秘书")]


def test_a_post_after_an_undeclared_short_name_is_at_the_company_it_abbreviates():
    text = ("银岭锐岭数字科技股份有限公司与银岭锐岭智算科技有限公司在银岭建设算力中心。"
            "锐岭数科董事长孙丽华表示，项目进展顺利。公司总经理王立新说，一期将上线。")
    posts = sorted((f.subject.label, f.object.label, f.title)
                   for f in _facts(text, "holdsPosition"))
    # 锐岭数科 abbreviates the first company only (数 and 科 in order); 公司 is no short name.
    assert ("孙丽华", "银岭锐岭数字科技股份有限公司", "董事长") in posts
    assert not any(org == "公司" for _, org, _ in posts)


def test_a_short_name_found_at_a_post_is_the_company_everywhere_in_the_article():
    text = ("银岭锐岭数字科技股份有限公司在银岭建设算力中心。锐岭数科与银岭大学签订合作协议。"
            "锐岭数科董事长孙丽华表示，项目进展顺利。")
    pairs = {frozenset((f.subject.label, f.object.label)) for f in _facts(text, "agreementWith")}
    assert frozenset(("银岭锐岭数字科技股份有限公司", "银岭大学")) in pairs


def test_a_short_name_before_a_post_that_abbreviates_no_company_is_one_of_its_own():
    text = "6月6日，银岭智算中心一期投产。寒川数智董事长孙丽华在仪式上表示，将继续加大投入。"
    assert {(f.subject.label, f.object.label, f.title)
            for f in _facts(text, "holdsPosition")} == {("孙丽华", "寒川数智", "董事长")}
    # a unit of a company, a managing director's title, a company's own word: none a name
    for text in ("银岭科技有限公司大中华区总裁王立新介绍了情况。",
                 "银岭国际物流有限公司仓库开业。银岭国际物流董事总经理王立新说，业务增长很快。",
                 "项目开工。公司董事长王立新表示，年底投产。"):
        companies = {m.label for m in facts_of(text).mentions if m.type == "Company"}
        assert not companies & {"大中华区", "银岭国际物流董事", "公司"}, text
    # A post followed by no name: the words before it are the person who holds it.
    text = "银岭智算中心一期投产。孙丽华董事长在董事会上讲过，要算十年账。"
    companies = {m.label for m in facts_of(text).mentions if m.type == "Company"}
    assert "孙丽华" not in companies


def test_words_that_abbreviate_two_companies_name_neither():
    text = ("银岭锐岭数字科技股份有限公司与银岭锐岭数据科技有限公司签约。"
            "锐岭数科董事长孙丽华表示，项目进展顺利。")
    assert not any(f.object.label.startswith("银岭锐岭") for f in _facts(text, "holdsPosition"))


def test_an_area_total_is_no_facility_investment():
    text = ("哈密市丙丁智算中心开工。今年以来，我市全力推进泓源风光储一体化、瑞达光伏制氢等重点项目建设，"
            "一季度完成固定资产投资58亿元。")
    assert _facts(text, "investmentAmount") == []


def test_a_relative_organ_takes_the_city_its_organisations_are_named_after():
    # No area is written on its own: 酒泉 is read from the zone's name.
    result = facts_of("在酒泉经济技术开发区，市发展和改革委员会主任王明远调研了智算项目。")
    posts = {(f.object.label, f.title) for f in result.facts if f.predicate == "holdsPosition"}
    assert ("酒泉市发展和改革委员会", "主任") in posts


def test_city_party_secretary_written_as_one_word_and_relative_organs():
    # jieba keeps 市委书记 whole; 市委 is the prefecture-level city's even though a district
    # of it is named too.
    text = ("庆阳市与西峰区签署协议。庆阳市召开会议。市委书记张明远，市委副书记、市长王春生出席签约仪式。")
    posts = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert ("张明远", "中共庆阳市委员会", "书记") in posts
    assert ("王春生", "中共庆阳市委员会", "副书记") in posts
    assert ("王春生", "庆阳市人民政府", "市长") in posts


def test_the_facility_a_verb_builds_takes_the_place_and_the_money():
    text = "甲乙科技有限公司计划投资8亿元建设丙丁智算中心。公司将在伊吾县建设戊己算力中心。"
    amounts = {(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")}
    assert amounts == {("丙丁智算中心", 8e8)}
    located = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert ("戊己算力中心", "伊吾县") in located


def test_a_companys_own_party_committee_and_a_unit_inside_it():
    text = ("吐鲁番市召开会议。甲乙石油有限公司油气运销事业部执行董事、党委书记王明远介绍，"
            "截至3月底。甲乙石油有限公司西气东输第一站站长李春生说。")
    posts = {(f.subject.label, f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert posts == {("王明远", "甲乙石油有限公司", "执行董事、党委书记"),
                     ("李春生", "甲乙石油有限公司", "站长")}


def test_a_county_before_a_company_named_after_its_province_holds_it():
    text = "车队首站抵达福海县新疆泓锦生物科技集团有限公司，参观了生产线。"
    located = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert ("新疆泓锦生物科技集团有限公司", "福海县") in located


def test_a_place_after_the_clause_that_locates_a_facility_is_not_its_place():
    facts = _facts("宜春锂电池储能项目落户于丙丁高新技术产业开发区，由南昌的戊己锂业股份有限公司投资。", "locatedIn")
    places = {(f.subject.label, f.object.label) for f in facts}
    assert ("宜春锂电池储能项目", "丙丁高新技术产业开发区") in places
    assert not any(s == "戊己锂业股份有限公司" and o == "丙丁高新技术产业开发区" for s, o in places)


def test_a_countys_short_form_in_a_name_is_read_in_the_province_named_before_it():
    text = ("河口口岸的货车排起长队，云南的客商也来了。八月的阜新，风从沙地方向吹来，"
            "玉龙数字产业园东区的风机缓缓转动。")
    places = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert not any(o == "玉龙纳西族自治县" for _, o in places)


def test_places_listed_after_a_trigger_are_each_the_facilitys():
    facts = _facts("彰武县甲乙岭50万千瓦风电项目位于彰武县阿尔乡镇和大四家子镇境内。", "locatedIn")
    places = {f.object.label for f in facts if f.subject.label == "彰武县甲乙岭50万千瓦风电项目"}
    assert {"阿尔乡镇", "大四家子镇"} <= places


def test_located_within_a_place_before_de():
    text = "甲乙铁路项目开工。位于阿勒泰地区福海县境内的泓山嘴口岸，是一个季节性口岸。甲乙铁路项目很长。"
    located = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert ("泓山嘴口岸", "福海县") in located
    assert not any(subject.startswith("甲乙") and place == "福海县" for subject, place in located)


def test_region_party_committee_and_a_centre_built_jointly_in_a_district():
    text = ("3月11日，乌兰察布市人民政府与甲乙技术有限公司签署协议。三方将在集宁区共同建设丙丁云数据中心，"
            "规划算力5000P。自治区党委常委、副主席王明远出席签约仪式。")
    located = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert ("丙丁云数据中心", "集宁区") in located
    posts = {(f.object.label, f.title) for f in _facts(text, "holdsPosition")}
    assert ("中共内蒙古自治区委员会", "常委、副主席") in posts


def test_a_verb_before_a_compute_suffix_is_no_name():
    result = facts_of("我市与两家企业签约共建算力枢纽。")
    assert not [m for m in result.mentions if m.type == "ComputeCenter"]


def test_a_post_at_an_organ_written_short_without_a_suffix_of_the_table():
    # 政协 and 统战部 expand to names (政治协商会议, 统一战线工作部) whose ends are not in
    # the suffix table; the organ is still the area's and still a government body.
    result = facts_of("本报讯 近日，哈密市召开会议。市政协主席王立新、市委统战部部长李东明出席。")
    posts = {(f.subject.label, f.object.label, f.object.type) for f in result.facts
             if f.predicate == "holdsPosition"}
    assert any(person == "王立新" and "政治协商会议" in org and kind == "GovernmentBody"
               for person, org, kind in posts), posts


TABLE = ("拟将以下项目列入重点项目名单，现予以公示。\n"
         "序号　项目名称　建设单位　建设地点　总投资（亿元）　建成后算力（P）\n"
         "1　丙丁市50万千瓦风电制氢一体化项目　白城甲乙新能源有限公司　白城市洮南市　32.0　—\n"
         "2　银岭丙丁智算中心项目　吉林戊己数据科技有限公司与长春庚辛投资集团有限公司合资建设"
         "　长春市双阳区　12.3　1500\n"
         "以上项目总投资44.3亿元。")


def test_a_table_row_gives_its_facilitys_facts_by_the_header():
    facts = facts_of(TABLE).facts
    centre = "银岭丙丁智算中心"

    def of(predicate):
        return {(f.subject.label, f.object.label if f.object else f.quantity.value)
                for f in facts if f.predicate == predicate and f.subject.label.startswith(centre)}
    assert {o for _, o in of("investor")} == {"吉林戊己数据科技有限公司", "长春庚辛投资集团有限公司"}
    assert {o for _, o in of("locatedIn")} == {"双阳区"}          # the most specific place
    [amount] = [o for _, o in of("investmentAmount")]
    assert amount == pytest.approx(1.23e9)
    [capacity] = [f for f in facts if f.predicate == "computeCapacity"]
    assert capacity.quantity.value == 1500 and capacity.quantity.status == "planned"
    # A row's own evidence; no amount from the dash of the first row's compute cell, nor
    # from the total of the projects above.
    assert all("\n" not in f.source.sentence for f in facts if f.subject.label.startswith(centre))


def test_a_markdown_table_keeps_its_rows_and_its_contractor_column_builds():
    text = ("现将中标结果公示如下：\n"
            "| 序号 | 项目名称 | 建设单位 | 中标单位 | 总投资（亿元） |\n"
            "|---|---|---|---|---|\n"
            "| 1 | 银岭丙丁智算中心项目 | 吉林戊己数据科技有限公司 | 中国庚辛建设集团有限公司 | 26.8 |\n"
            "| 2 | 丙丁市50万千瓦风电制氢一体化项目 | 白城甲乙新能源有限公司 | 壬癸电力建设有限公司 | 32 |\n")
    facts = facts_of(text).facts

    def pairs(predicate):
        return {(f.subject.label, f.object.label if f.object else f.quantity.value)
                for f in facts if f.predicate == predicate}
    assert ("银岭丙丁智算中心", "中国庚辛建设集团有限公司") in {
        (s.removesuffix("项目"), o) for s, o in pairs("builtBy")}
    assert ("丙丁市50万千瓦风电制氢一体化项目", "白城甲乙新能源有限公司") in pairs("investor")
    assert ("丙丁市50万千瓦风电制氢一体化项目", 3.2e9) in pairs("investmentAmount")

    # a heading between the parts of one table leaves its columns as they were
    text = text + "二、能源类\n| 3 | 戊己县30万千瓦光伏项目 | 戊己新能源有限公司 | 壬癸电力建设有限公司 | 12 |\n"
    facts = facts_of(text).facts
    assert ("戊己县30万千瓦光伏项目", "戊己新能源有限公司") in pairs("investor")


def test_a_signing_lists_sides_joined_by_a_dash_sign_with_each_other():
    text = ("推介会现场集中签约项目12个。主要签约项目如下：\n"
            "| 序号 | 项目名称 | 签约双方 | 投资额 |\n"
            "|---|---|---|---|\n"
            "| 1 | 临洮县30万千瓦光伏项目 | 临洮县人民政府—甲乙新能源有限公司 | 12亿元 |\n"
            "| 2 | 金融支持产业发展战略合作 | 定西市人民政府—壬癸银行股份有限公司定西分行 | — |\n")
    facts = facts_of(text)
    assert {(f.subject.label, f.object.label) for f in facts.facts
            if f.predicate == "agreementWith"} == {
        ("临洮县人民政府", "甲乙新能源有限公司"), ("定西市人民政府", "壬癸银行股份有限公司定西分行")}
    # two sides, not one name across the dash; a joint unit keeps both in its name
    assert "临洮县人民政府—甲乙新能源有限公司" not in {m.text for m in facts.mentions}
    joint = facts_of("甲乙大学—丙丁科技联合实验室揭牌。").mentions
    assert "甲乙大学—丙丁科技联合实验室" in {m.text for m in joint}


def test_a_signing_lists_county_column_and_its_amounts_a_phases_its_own():
    text = ("主要签约项目如下：\n"
            "| 序号 | 项目名称 | 签约双方 | 协议投资额（亿元） | 落地县（市、区） |\n"
            "|---|---|---|---|---|\n"
            "| 1 | 临洮甲乙智算中心二期 | 临洮县人民政府—甲乙算力科技有限公司 | 40 | 临洮县 |\n"
            "| 2 | 丙丁年产10万吨正极材料项目 | 渭源县人民政府—丙丁新能源有限公司 | 12.5 | 渭源县 |\n")
    facts = facts_of(text).facts
    amounts = {(f.subject.label, f.quantity.value, f.quantity.qualifier, f.quantity.phase)
               for f in facts if f.predicate == "investmentAmount"}
    assert amounts == {("临洮甲乙智算中心", 4e9, "phase", "二期"),
                       ("丙丁年产10万吨正极材料项目", 1.25e9, "total", None)}
    assert ("丙丁年产10万吨正极材料项目", "渭源县") in {
        (f.subject.label, f.object.label) for f in facts if f.predicate == "locatedIn"}


def test_an_organ_watching_over_the_works_time_builds_nothing():
    text = ("甲乙县丙丁光伏电站项目开工。监督管理：榆林市生态环境局负责该项目施工期和运营期的"
            "环境保护日常监督检查工作。")
    assert _facts(text, "builtBy") == []
    assert [(f.subject.label, f.object.label) for f in _facts(
        "甲乙县丙丁光伏电站项目开工。戊己建设集团有限公司负责该项目施工。", "builtBy")] == [
        ("甲乙县丙丁光伏电站项目", "戊己建设集团有限公司")]


def test_a_part_of_the_works_by_a_company_makes_it_a_builder():
    text = "甲乙县智算中心项目开工，由丙丁有限公司投资建设，机电安装由戊己机电工程有限公司承担。"
    assert [(f.subject.label, f.object.label) for f in _facts(text, "builtBy")] == [
        ("甲乙县智算中心项目", "戊己机电工程有限公司")]
    assert _facts("甲乙县智算中心项目开工，协调工作由县发改局负责。", "builtBy") == []


def test_a_tenders_bidders_and_their_managers_in_a_table_give_posts():
    text = ("标段一：EPC总承包\n"
            "| 排名 | 中标候选人 | 投标报价（元） | 项目经理 |\n"
            "|---|---|---|---|\n"
            "| 第一中标候选人（中标人） | 中国庚辛建设集团有限公司 | 1,036,820,000.00 | 赵一鸣 |\n"
            "| 第二中标候选人 | 壬癸电力建设有限公司 | 1,049,500,000.00 | 孟凡 |\n")
    posts = {(f.subject.label, f.object.label, f.title) for f in facts_of(text).facts
             if f.predicate == "holdsPosition"}
    assert posts == {("赵一鸣", "中国庚辛建设集团有限公司", "项目经理"),
                     ("孟凡", "壬癸电力建设有限公司", "项目经理")}


def test_a_budget_column_takes_the_unit_declared_over_the_table():
    text = ("3. 重大在建项目\n单位：万元　币种：人民币\n"
            "| 项目名称 | 实施主体 | 预算数 | 本期投入金额 |\n"
            "|---|---|---|---|\n"
            "| 银岭丙丁智算中心 | 吉林戊己数据科技有限公司 | 180,000.00 | 42,316.52 |\n")
    amounts = [f.quantity.value for f in facts_of(text).facts if f.predicate == "investmentAmount"]
    assert amounts == [pytest.approx(1.8e9)]
    # No unit given anywhere: no amount.
    assert not [f for f in facts_of(text.replace("单位：万元　", "")).facts
                if f.predicate == "investmentAmount"]


RECORDS = """现将部分重点项目情况摘录如下（金额单位：亿元）：
1. 银岭丙丁智算中心二期项目｜建设单位：银岭戊己科技有限公司｜建设地点：双阳区｜总投资：32.0
2. 银岭主城区集中供热管网改造提升工程｜建设单位：银岭城投热力有限公司｜建设地点：朝阳区｜总投资：7.5｜年度计划投资：4.0
3. 银岭云创产业园标准化厂房及配套设施项目｜建设单位：银岭云创开发建设有限公司｜总投资（万元）：6800
"""


def test_a_record_line_names_its_facility_and_gives_its_amount_in_the_declared_unit():
    result = facts_of(RECORDS)
    facilities = {m.label for m in result.mentions if m.type in ("ComputeCenter", "Project")}
    assert {"银岭主城区集中供热管网改造提升工程", "银岭云创产业园标准化厂房及配套设施项目"} <= facilities
    amounts = {(f.subject.label, f.quantity.value) for f in result.facts
               if f.predicate == "investmentAmount"}
    assert amounts == {("银岭丙丁智算中心二期项目", 3.2e9),
                       ("银岭主城区集中供热管网改造提升工程", 7.5e8),
                       ("银岭云创产业园标准化厂房及配套设施项目", 6.8e7)}
    investors = {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "investor"}
    assert ("银岭云创产业园标准化厂房及配套设施项目", "银岭云创开发建设有限公司") in investors
    # 标准化厂|房: a company's suffix inside a word opens no owner's name.
    assert not any(m.label.endswith("标准化厂") for m in result.mentions)


def test_a_county_and_its_city_give_the_county_only():
    facts = _facts("丙丁智算中心位于哈密市伊州区。", "locatedIn")
    assert {f.object.label for f in facts if f.subject.label == "丙丁智算中心"} == {"伊州区"}


def test_the_contract_then_who_took_it_is_a_builder():
    text = ("银岭丙丁智算中心开工。项目EPC总承包由银岭甲乙建设集团有限公司承担。"
            "银岭戊己光伏项目EPC总承包是银岭庚辛电力工程有限公司。该项目费用由银岭壬癸有限公司承担。")
    built = {(f.subject.label, f.object.label) for f in _facts(text, "builtBy")}
    assert ("银岭丙丁智算中心", "银岭甲乙建设集团有限公司") in built
    assert ("银岭戊己光伏项目", "银岭庚辛电力工程有限公司") in built
    assert not any(o == "银岭壬癸有限公司" for _, o in built)


def test_a_head_of_government_after_words_of_the_sentence_and_a_short_name_before_a_post():
    posts = {(f.subject.label, f.title, f.object.label) for f in _facts(
        "本报记者专访了哈密市副市长、哈密高新区管委会主任王明远。", "holdsPosition")}
    assert ("王明远", "副市长", "哈密市人民政府") in posts
    posts = {(f.subject.label, f.object.label) for f in _facts(
        "新疆甲乙绿能集团有限公司决定投资建设数据中心。“算得过来。”甲乙绿能董事长李春生说。",
        "holdsPosition")}
    assert posts == {("李春生", "新疆甲乙绿能集团有限公司")}


def test_posts_written_without_their_place_are_the_citys_the_article_names_most():
    # 汨罗市 (a county-level city of 岳阳市) is named once, 岳阳市 twice: 市委 is 岳阳's.
    text = ("岳阳市重大项目集中签约仪式举行。岳阳市与客商签约项目12个，其中一个项目落户汨罗市。"
            "市委书记王明远，市委副书记、市长李东明，市政协主席赵小东，市政府秘书长钱晓云出席。")
    posts = _posts(text)
    assert {("王明远", "中共岳阳市委员会", "书记"), ("李东明", "岳阳市人民政府", "市长"),
            ("赵小东", "中国人民政治协商会议岳阳市委员会", "主席"),
            ("钱晓云", "岳阳市人民政府", "秘书长")} <= posts


def test_a_school_post_without_the_school_is_at_the_university_of_the_article():
    posts = _posts("我校与临湘市人民政府共建研究院。甲乙理工大学举行签约仪式，"
                   "校党委书记王明远，校长、中国科学院院士李东明出席。")
    assert {("王明远", "甲乙理工大学", "党委书记"), ("李东明", "甲乙理工大学", "校长"),
            ("李东明", "中国科学院", "院士")} <= posts


def test_a_national_groups_name_opens_with_no_place():
    facts = _facts("阿里云计算有限公司发布公告，中国移动通信集团内蒙古有限公司参与建设。", "locatedIn")
    places = {(f.subject.label, f.object.label) for f in facts}
    assert not any(s == "阿里云计算有限公司" for s, _ in places)     # 阿里 is also 阿里地区
    assert ("中国移动通信集团内蒙古有限公司", "内蒙古自治区") in places


def test_posts_after_a_transcript_mark_a_label_or_the_words_that_bring_them_in():
    assert {("赵宏亮", "中共禹州市委员会", "常委"), ("赵宏亮", "禹州市人民政府", "常务副市长")} <= \
        _posts("以上4个项目均由禹州市委常委、常务副市长赵宏亮牵头推进。")
    assert {("苗振东", "中共禹州市委员会", "副书记"), ("苗振东", "禹州市人民政府", "市长")} <= \
        _posts("【同期声】禹州市委副书记、市长　苗振东")
    assert ("郝建平", "中共长子县委员会", "常委") in _posts("包联县领导：长子县委常委、常务副县长郝建平")
    assert {("张卫东", "中共抚州市委员会", "常委"), ("张卫东", "抚州市人民政府", "常务副市长")} <= \
        _posts("抚州市招商推介会举行。会议由市委常委、常务副市长张卫东主持。")


def test_a_provinces_posts_written_without_the_province_go_to_its_organs():
    posts = _posts("吉林日报讯 白城市召开会议。8月21日，省委副书记、省长冯致远深入白城市调研。"
                   "省政府秘书长唐卫国参加。")
    assert {("冯致远", "中共吉林省委员会", "副书记"), ("冯致远", "吉林省人民政府", "省长"),
            ("唐卫国", "吉林省人民政府", "秘书长")} <= posts


def test_the_company_an_article_declares_as_jituan_holds_the_posts_written_with_it():
    posts = _posts("陕西甲乙能源集团有限公司（以下简称“甲乙能源”或“集团”）与华为技术有限公司签署合作协议。"
                   "集团副总经理杜向东与华为技术有限公司副总裁蔡璟分别代表双方签约。集团党委书记、董事长雷宏涛出席。")
    assert {("杜向东", "陕西甲乙能源集团有限公司", "副总经理"),
            ("雷宏涛", "陕西甲乙能源集团有限公司", "党委书记、董事长")} <= posts
    assert not any(org.endswith("集团党委") for _, org, _ in posts)


def test_zhouwei_is_the_prefectures_an_article_names_even_when_a_city_is_named_more():
    posts = _posts("货车将运往昆明、成都。昆明的客商也来了。红河哈尼族彝族自治州委、州政府把河口作为前沿。"
                   "州委常委、河口县委书记李俊岚说。")
    assert ("李俊岚", "中共红河哈尼族彝族自治州委员会", "常委") in posts


def test_an_organisations_own_party_committee_written_short_is_no_citys_organ():
    posts = _posts("甲乙市召开会议。甲乙市委副书记、市长牛建川，西北院党委副书记、总经理沈路明出席。"
                   "丙丁理工大学召开会议。校党委书记王明远出席。")
    assert not any(person == "沈路明" for person, _, _ in posts)    # 西北院: never named in full
    assert ("王明远", "丙丁理工大学", "党委书记") in posts


def test_a_post_in_a_unit_of_the_company_named_before_and_rarer_family_names():
    posts = _posts("华为技术有限公司副总裁、中国政企业务能源军团负责人黄立诚出席签约仪式。"
                   "【同期声】中国电信红河分公司副总经理 普文俊")
    assert ("黄立诚", "华为技术有限公司", "副总裁、负责人") in posts
    assert ("普文俊", "中国电信红河分公司", "副总经理") in posts


def test_a_zones_committee_after_its_party_working_committee():
    posts = _posts("甲乙新能源产业园党工委书记、管委会主任王明远介绍情况。")
    assert {("王明远", "中共甲乙新能源产业园工作委员会", "书记"),
            ("王明远", "甲乙新能源产业园管理委员会", "主任")} <= posts


def test_a_districts_and_a_banners_posts_without_the_place_and_after_a_quote():
    posts = _posts("6月23日，宜昌市夷陵区招商团赴深圳。区委书记王明远带队，区委副书记、区长李东明参加活动。")
    assert {("王明远", "中共夷陵区委员会", "书记"), ("李东明", "夷陵区人民政府", "区长")} <= posts
    result = facts_of("6月23日，宜昌市夷陵区招商团赴深圳。区委书记王明远带队。")
    [organ] = [f.object for f in result.facts if f.predicate == "holdsPosition"]
    assert "中共宜昌市夷陵区委员会" in organ.aliases          # the district with its city
    # The head of the government after the party post is at the government (市长 -> 某市人民政府).
    assert _posts("“口岸的通关效率很重要。”中共凭祥市委副书记、市长赵小东说。") >= {
        ("赵小东", "中共凭祥市委员会", "副书记"), ("赵小东", "凭祥市人民政府", "市长")}
    assert _posts("【同期声】中共准格尔旗委副书记、旗长　钱晓云") >= {
        ("钱晓云", "中共准格尔旗委员会", "副书记"), ("钱晓云", "准格尔旗人民政府", "旗长")}


def test_a_project_settled_in_our_city_is_in_the_articles_city_with_its_own_money():
    text = "岳阳市召开大会。湖南甲乙储能电站项目落户我市，总投资9亿元。"
    places = {(f.subject.label, f.object.label) for f in _facts(text, "locatedIn")}
    assert ("湖南甲乙储能电站项目", "岳阳市") in places
    [amount] = _facts(text, "investmentAmount")
    assert amount.subject.label == "湖南甲乙储能电站项目"
    # An area's own total stays the area's.
    assert not _facts("今年以来，我市完成固定资产投资120亿元。", "investmentAmount")


def test_a_town_written_after_its_county_in_a_name_is_its_place():
    places = {(f.subject.label, f.object.label)
              for f in _facts("长子县鲍店镇200MW/400MWh共享储能项目开工建设。", "locatedIn")}
    assert ("长子县鲍店镇200MW/400MWh共享储能项目", "鲍店镇") in places


def test_short_names_after_a_role_and_in_a_list_of_companies_are_companies():
    text = ("项目投资方霁岭数智在投运后不到两个月签约。积极争取启岚新能、通汇物流等企业在县内布局。"
            "上思县那边也有好消息！桂汐新能源投资52亿元的基地签约。")
    companies = {m.label for m in facts_of(text).mentions if m.type == "Company"}
    assert {"霁岭数智", "启岚新能", "通汇物流", "桂汐新能源"} <= companies, companies
    # a brand of three characters; and no brand in everyday words (目前已|完成)
    companies = {m.label for m in facts_of("该项目由柴汐木绿能投资建设。项目目前已完成投资3.6亿元。").mentions
                 if m.type == "Company"}
    assert companies == {"柴汐木绿能"}, companies
    # everyday words in a list name no company
    companies = {m.label for m in facts_of("积极引进汽车零部件、电子信息等企业落户。").mentions
                 if m.type == "Company"}
    assert not companies


def test_that_project_after_a_project_described_not_named_is_not_the_articles_centre():
    text = ("宜宾丙丁智算中心位于翠屏区，规划算力1000P。在三江新区，甲乙电子材料有限公司投资建设的"
            "高频高速覆铜板及电子铜箔项目首条生产线已试产。据介绍，该项目由甲乙控股与戊己投资合资建设，"
            "总投资45亿元。")
    amounts = [(f.subject.label, f.quantity.value) for f in _facts(text, "investmentAmount")]
    assert ("宜宾丙丁智算中心", 4_500_000_000) not in amounts
