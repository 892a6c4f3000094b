"""Recognition on invented sentences: each component through the real spaCy pipeline."""
import spacy

from kg.nlp.components.quantities import quantity_spans
from kg.nlp.pipeline import create_pipeline
from tests.helpers import analysed


def ents(text):
    return {(e.text, e.label_) for e in analysed(text).ents}


def test_companies_by_suffix_stop_at_function_words():
    found = ents("该项目由新疆甲乙能源投资股份有限公司投资建设。")
    assert ("新疆甲乙能源投资股份有限公司", "Company") in found


def test_a_partys_role_before_a_legal_name_is_not_the_names():
    for text, name in (("本项目运营方黑龙江甲乙算力科技有限公司表示。", "黑龙江甲乙算力科技有限公司"),
                       ("中标候选人：牵头人哈尔滨丙丁智能工程有限公司。", "哈尔滨丙丁智能工程有限公司"),
                       ("联合体成员戊己建设集团有限公司负责施工。", "戊己建设集团有限公司")):
        assert (name, "Company") in ents(text), text


def test_a_port_area_is_a_port():
    assert ("天津港甲乙港区", "Port") in ents("今年1—5月，天津港甲乙港区完成货物吞吐量3862万吨。")
    assert not any(label == "Port" for _, label in ents("车辆进入港区后排队等候。"))


def test_branch_of_a_company_is_one_name():
    found = ents("会上，中国云通股份有限公司哈密分公司发布了方案。")
    assert ("中国云通股份有限公司哈密分公司", "Company") in found


def test_government_research_zone_port_compute_types():
    found = ents("哈密市数字化发展局与丁戊大学签订协议。伊吾县丙丁智算中心位于哈密高新技术产业开发区。"
                 "老爷庙口岸毗邻蒙古国。")
    assert ("哈密市数字化发展局", "GovernmentBody") in found
    assert ("丁戊大学", "ResearchOrg") in found
    assert ("伊吾县丙丁智算中心", "ComputeCenter") in found
    assert ("哈密高新技术产业开发区", "Zone") in found
    assert ("老爷庙口岸", "Port") in found
    assert ("蒙古国", "AdminArea") in found


def test_generic_descriptions_are_not_names():
    found = ents("全区共有三大智算中心和23个重点项目，较传统数据中心节能。")
    assert not any(label in ("ComputeCenter", "Project") for _, label in found)


def test_a_project_opening_with_its_owners_long_legal_name_keeps_it():
    found = ents("推动湖北甲乙新材料有限公司年产20万吨锂电池正极材料前驱体项目一期投产。")
    assert ("湖北甲乙新材料有限公司年产20万吨锂电池正极材料前驱体项目", "Project") in found


def test_a_legal_name_ends_before_a_copula_and_a_project_in_a_place_is_no_name():
    found = ents("甲乙数智科技有限公司系公司控股股东丙丁数智集团的全资子公司。宁夏项目刚刚签约，"
                 "这家公司成立于2019年。")
    assert ("甲乙数智科技有限公司", "Company") in found
    assert ("丙丁数智集团", "Company") in found
    assert not any("系" in name or name in ("宁夏项目", "这家公司") for name, _ in found)


def test_exchanges_are_organisations_and_addresses_or_firms_are_no_persons():
    found = ents("公司在深交所互动易平台回复。联系人：周女士。新加坡投资机构鲁梅拉资本领投。"
                 "副总裁蔡璟分别代表双方签约，总经理王强分别介绍了情况。记者了解到，邹景和表示赞同。")
    assert ("深交所", "Organization") in found
    persons = {name for name, label in found if label == "Person"}
    assert {"蔡璟", "王强", "邹景和"} <= persons
    assert not persons & {"周女士", "鲁梅拉", "蔡璟分", "王强分别"}


def test_a_short_quotation_inside_a_projects_name_after_its_place():
    found = ents("由甲乙光能有限公司投资建设的中宁宁安20万千瓦“光伏+储能”项目开工。该市推进“光伏+”项目建设。")
    assert ("中宁宁安20万千瓦“光伏+储能”项目", "Project") in found
    assert not any(name.endswith("“光伏+”项目") for name, _ in found)


def test_a_company_with_its_place_in_brackets_after_its_trade():
    found = ents("德国瓦格纳传动技术有限公司投资8000万美元设立瓦格纳传动（天津）有限公司，建设生产基地。")
    assert ("瓦格纳传动（天津）有限公司", "Company") in found
    assert ("有限公司", "Company") not in found


def test_a_products_grade_stays_in_a_projects_name():
    found = ents("——大新县年产10万吨电池级硫酸锰项目，由甲乙新能源材料有限公司投资。全省首个万卡级智算集群投运。")
    assert ("大新县年产10万吨电池级硫酸锰项目", "Project") in found
    assert not any(name.endswith("智算集群") for name, _ in found)


def test_a_reporters_word_before_a_preposition_or_a_question_names_no_one():
    found = ents("本报讯 记者从市商务局获悉，今年签约项目47个。\n记者：宁夏项目刚刚签约，有什么不同？")
    assert not any(label == "Person" for _, label in found)


def test_storage_words_in_a_facilitys_name_and_a_papers_title_of_everyday_words():
    found = ents("甲乙储能科技有限公司投资建设的漳浦古雷10万千瓦/20万千瓦时独立储能电站项目已开工。"
                 "据储能与新能源周刊报道。")
    assert ("漳浦古雷10万千瓦/20万千瓦时独立储能电站项目", "Project") in found
    assert ("储能与新能源周刊", "Organization") in found


def test_a_subsidiary_as_referred_to_is_no_name_and_a_treatment_plant_is_a_facility():
    found = ents("该电站由甲乙绿电控股子公司投资建设。甲乙市御河东污水处理厂开工。")
    assert ("甲乙市御河东污水处理厂", "Project") in found
    assert not any(name.endswith("子公司") for name, _ in found)


def test_a_county_before_a_zone_named_like_a_place_elsewhere_opens_the_zones_name():
    found = ents("位于信丰县嘉定工业园的甲乙新材料有限公司投产。")
    assert ("信丰县嘉定工业园", "Zone") in found


def test_a_count_of_buildings_before_a_kind_of_facility_is_no_name():
    found = ents("该项目规划建设8栋数据中心楼，新建两座数据中心。")
    assert not any(label == "ComputeCenter" for _, label in found)


def test_a_scale_before_a_kind_of_facility_is_no_name():
    found = ents("全省首个万卡智算集群——甲乙智算中心投运，新建的千卡算力集群和十万卡级智算集群也在规划中。")
    assert [name for name, label in found if label == "ComputeCenter"] == ["甲乙智算中心"]


def test_persons_after_titles_before_speech_and_transliterated():
    found = ents("公司总经理王明远表示，将加快建设。地委副书记阿不都·艾力主持会议。李春生说：好。")
    assert ("王明远", "Person") in found
    assert ("阿不都·艾力", "Person") in found
    assert ("李春生", "Person") in found


def test_a_name_ends_before_a_verb_of_movement_or_posture():
    found = ents("甲乙重工董事长杜欣站在车间里对记者说。副市长黎珂到甲乙开发区调研。")
    assert {("杜欣", "Person"), ("黎珂", "Person")} <= found


def test_di_before_a_figure_is_the_noun_in_a_facilitys_name():
    # The model reads 地 as the adverbial particle; before 220千伏 it is the noun (寒地).
    found = ents("绥化甲乙公司承建的青冈寒地220千伏输变电工程于11月下旬送电。")
    assert ("青冈寒地220千伏输变电工程", "Project") in found


def test_areas_resolve_to_division_codes():
    doc = analysed("哈密市和伊吾县都在哈密。")
    codes = {e.text: e._.kg["code"] for e in doc.ents if e.label_ == "AdminArea"}
    assert codes["哈密市"] == "650500"
    assert codes["伊吾县"] == "650522"


def test_quantities_are_normalised():
    doc = analysed("总投资2030.44亿元，规划算力2万P，现有1.2EFLOPS，另有500P。")
    values = {(q.kind, q.value) for q in doc._.kg_quantities}
    assert ("money", 2030.44e8) in values
    assert ("compute", 20000.0) in values
    assert ("compute", 1200.0) in values
    assert ("compute", 500.0) in values


def test_pipeline_saves_and_loads_with_its_user_dictionary(tmp_path):
    nlp = create_pipeline()
    nlp.tokenizer.add_words(["甲乙丙丁戊"])
    nlp.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")
    assert "甲乙丙丁戊" in [t.text for t in again("这是甲乙丙丁戊的事")]
    assert [n for n, _ in again.pipeline] == [n for n, _ in nlp.pipeline]


def test_national_organs_by_their_short_forms():
    doc = analysed("推动党中央决策部署落地，落实国务院和工信部的要求。")
    found = {(e.text, e.label_, e._.kg.get("name")) for e in doc.ents}
    assert ("党中央", "GovernmentBody", "中国共产党中央委员会") in found
    assert ("国务院", "GovernmentBody", "中华人民共和国国务院") in found
    assert ("工信部", "GovernmentBody", "中华人民共和国工业和信息化部") in found


def test_goals_in_quotes_and_generic_bodies_are_not_names():
    found = ents("全力打造“绿色算力示范区”和“数字经济先行区”，建设中亚最大的融合算力中心，"
                 "推进煤炭交易中心建设，开通口岸快速通道。依托甲省信息产业园发展。")
    assert not any(label in ("Zone", "ComputeCenter", "Port", "GovernmentBody")
                   for text, label in found if "甲省" not in text)


def test_words_said_in_quotes_are_no_name_though_they_end_in_a_suffix():
    found = ents("董事长王明远说，“甲乙在宜宾的这个项目，将是集团在西部最大的生产基地”。")
    assert not any("这个项目" in text for text, _ in found)


def test_zone_named_by_a_place_and_generic_words():
    found = ents("依托宁夏信息产业园建设数据中心。")
    assert ("宁夏信息产业园", "Zone") in found


def test_editors_in_credit_lines():
    found = ents("□编辑/王晓明 □版式/李华 □审校：赵一鸣")
    assert {("王晓明", "Person"), ("李华", "Person"), ("赵一鸣", "Person")} <= found


def test_project_names_of_plain_words_and_counts_of_several():
    found = ents("3月28日，总投资190亿元的西方朝阳煤电一体化项目正式开工。"
                 "甲乙化工、丙丁塑胶两大80万吨煤制烯烃项目达产后产量翻番。")
    assert ("西方朝阳煤电一体化项目", "Project") in found
    assert not any("80万吨" in text for text, _ in found)


def test_a_stop_character_opening_a_name():
    found = ents("其澜新疆集团有限公司依靠当地煤炭发展。其建设项目很多。")
    assert ("其澜新疆集团有限公司", "Company") in found


def test_a_name_starts_at_its_place_after_a_verb_or_a_preposition():
    found = ents("车队首站抵达福海县甲乙生物科技集团有限公司。有效提升阿拜州过境铁路运力。"
                 "屏幕上与山西省公共资源交易中心连线。我国政府高度重视，要提高政府效能。")
    labels = {text for text, _ in found}
    assert "福海县甲乙生物科技集团有限公司" in labels
    assert "山西省公共资源交易中心" in labels
    assert not any(text.startswith(("首站", "有效", "屏幕", "我国", "提高")) for text in labels)


def test_transliterated_names_stop_at_titles_conjunctions_and_verbs():
    found = ents("州长阿斯泓·托澜关注外贸。卡德尔别克·泓锦加甫夫和达特代表表示欢迎。")
    persons = {text for text, label in found if label == "Person"}
    assert "阿斯泓·托澜" in persons
    assert "卡德尔别克·泓锦加甫夫" in persons
    assert not any("和" in p or "关注" in p for p in persons)


def test_a_kind_of_facility_and_a_cluster_are_not_names():
    found = ents("起步区已落地数据中心项目12个。东数西算庆阳数据中心集群加快建设。")
    assert not any(label == "ComputeCenter" for _, label in found)


def test_quantity_spans_cover_their_quantities_after_tokens_are_split():
    # The person's name is cut inside a token (玛|拉动), so the entity step splits a token
    # before the amount: the amount's span must still be the amount.
    text = "福州市市长吐依依米·热甫玛拉动员大家。项目总投资121亿元，增长33.9%。"
    doc = analysed(text)
    assert len(doc) > len(create_pipeline().tokenizer(text))
    shown = [(q.text, span.text) for q, span in zip(doc._.kg_quantities, quantity_spans(doc))]
    assert shown == [("121亿元", "121亿元"), ("33.9%", "33.9%")]


def test_a_rare_word_before_a_specific_facility_suffix_is_a_proper_name():
    found = ents("千岛湖国际滑雪度假区吸引了大批游客，国际滑雪度假区也在规划。甲醇项目开工。")
    assert ("千岛湖国际滑雪度假区", "Project") in found
    assert not any(text in ("国际滑雪度假区", "甲醇项目") for text, _ in found)


def test_a_stop_character_between_a_place_and_a_name_belongs_to_the_name():
    found = ents("工人在新疆成飞泓材料有限公司作业。")
    assert ("新疆成飞泓材料有限公司", "Company") in found


def test_goals_and_coordinations_are_not_facility_names_but_brand_characters_are():
    found = ents("打造新疆高质量发展先行区。加强道路和口岸建设。寿光德和绿色算力中心开工。")
    assert not any(label in ("Zone", "Port") for _, label in found)
    assert ("寿光德和绿色算力中心", "ComputeCenter") in found


def test_a_designation_is_no_name_and_a_generic_acronym_is_no_evidence():
    found = ents("8家企业入选国家智能制造示范工厂。泓锦公司已是知名的AI科技公司。"
                 "项目列入国家发展和改革委员会名单。")
    assert not any(text.endswith(("示范工厂", "AI科技公司")) for text, _ in found)
    assert ("国家发展和改革委员会", "GovernmentBody") in found


def test_a_name_opening_with_its_own_origin_after_a_zone_is_a_new_name():
    found = ents("走进新疆泓锦经济技术开发区国家泰澜集团新疆泓锦二号露天煤矿。"
                 "泓锦高新区建设投资有限公司成立。")
    assert ("新疆泓锦经济技术开发区", "Zone") in found
    assert ("国家泰澜集团", "Company") in found
    assert ("泓锦高新区建设投资有限公司", "Company") in found


def test_a_bare_company_suffix_needs_a_proper_name():
    found = ents("本次投资有利于完善公司在算力领域的布局。泓锦公司与华为公司签约。")
    assert ("泓锦公司", "Company") in found and ("华为公司", "Company") in found
    assert not any(text.endswith("完善公司") for text, _ in found)


def test_a_name_does_not_go_on_past_a_verb_before_a_whole_organisation_name():
    found = ents("公司将联合贵州大学共建人工智能联合实验室。")
    assert found == {("贵州大学", "ResearchOrg")}


def test_a_declared_short_name_is_the_same_organisation_wherever_it_recurs():
    doc = analysed("浙江泓达智能科技股份有限公司（以下简称“泓达智能”）公告，泓达智能董事会秘书"
                   "孙丽华表示，泓达智能算力中心项目进展顺利。")
    found = [(e.text, e.label_, (e._.kg or {}).get("name")) for e in doc.ents]
    assert ("泓达智能", "Company", "浙江泓达智能科技股份有限公司") in found
    assert sum(1 for text, _, _ in found if text == "泓达智能") == 2
    assert ("泓达智能算力中心项目", "ComputeCenter", None) in found     # the longer name wins
    assert ("孙丽华", "Person", None) in found


def test_a_transliterated_name_keeps_a_last_character_that_is_also_a_word():
    found = ents("该县副县长古丽米热·阿不都介绍，项目进展顺利。")
    assert ("古丽米热·阿不都", "Person") in found


def test_a_post_in_a_companys_project_team_is_no_project():
    found = ents("中铁二十一局项目总工程师王立新介绍，锐岭光伏项目进展顺利。")
    assert not any(text.endswith("局项目") for text, _ in found)
    assert ("王立新", "Person") in found


def test_a_character_of_a_name_before_its_province_stays_in_it():
    found = ents("其澜新疆集团有限公司依靠当地资源发展。")
    assert ("其澜新疆集团有限公司", "Company") in found
    found = ents("沃亚新疆集团有限公司依靠当地资源发展。")
    assert ("沃亚新疆集团有限公司", "Company") in found


def test_closing_credits_with_posts_and_brackets_name_persons_not_posts():
    found = ents("（编辑：丁晓明　责编：戊春华）\n签发人：副局长 王立新\n联系人：刘工")
    assert {("丁晓明", "Person"), ("戊春华", "Person"), ("王立新", "Person")} <= found
    assert not any(text in ("副局长", "刘工") for text, _ in found)


def test_kong_gu_after_a_whole_name_or_before_a_share_is_the_verb():
    found = ents("甲乙云算由银岭市国有资本投资运营集团有限公司控股、丙丁智算科技有限公司参股组建。"
                 "项目由甲乙集团控股子公司银岭甲乙工程建设有限公司承建。")
    assert ("银岭市国有资本投资运营集团有限公司", "Company") in found
    assert not any(text.endswith("控股") for text, _ in found)


def test_a_facility_named_again_by_the_end_of_its_name_is_that_facility():
    doc = analysed("银岭县先后考察了甲乙电子年产5000万片柔性线路板项目、丙丁智算中心。"
                   "柔性线路板项目位于银岭高新区，由甲乙电子科技有限公司投资建设。")
    tails = [e for e in doc.ents if e.text == "柔性线路板项目"]
    assert tails and tails[0].label_ == "Project"
    assert (tails[0]._.kg or {}).get("name") == "甲乙电子年产5000万片柔性线路板项目"


def test_an_undeclared_short_name_where_a_party_or_an_investor_stands():
    doc = analysed("河南甲乙数字科技有限公司投资建设甲乙智算中心。投运仪式上，甲乙数字与丙丁学院签署"
                   "合作协议。银岭戊己数据科技有限公司成立。项目由银岭戊己投资建设。双方与丙丁学院合作。")
    short = {e.text: (e._.kg or {}).get("name") for e in doc.ents if e.label_ == "Company"}
    assert short["甲乙数字"] == "河南甲乙数字科技有限公司"
    assert short["银岭戊己"] == "银岭戊己数据科技有限公司"
    assert "双方" not in short


def test_a_capacity_opens_a_project_name_with_its_count_and_joined_products():
    assert ("年产3000台套风电齿轮箱精密零部件项目", "Project") in \
        ents("年产3000台套风电齿轮箱精密零部件项目开工。")
    assert ("年产5万吨高纯石英砂及石英坩埚项目", "Project") in \
        ents("年产5万吨高纯石英砂及石英坩埚项目开工。")
    # a product's character the segmenter leaves alone, words the model reads apart
    assert ("年产3600万平方米高频高速覆铜板及2万吨电子铜箔项目", "Project") in \
        ents("据介绍，年产3600万平方米高频高速覆铜板及2万吨电子铜箔项目总投资45亿元。")
    # a company opening the name, then its capacity and what it counts in (台套)
    assert ("宜宾甲乙氢能装备有限公司年产500台套碱性电解槽项目", "Project") in \
        ents("宜宾甲乙氢能装备有限公司年产500台套碱性电解槽项目开工。")
    # a numeral opening a place's name is no count (三|塘湖); one before 大 is (两|大)
    assert ("巴里坤三塘湖风光储一体化基地", "Project") in ents("巴里坤三塘湖风光储一体化基地开工。")
    # two names joined by 和 stay two; a count with no capacity is no name
    found = ents("年产5万吨正极材料项目和年产3万吨负极材料项目开工。")
    assert {("年产5万吨正极材料项目", "Project"), ("年产3万吨负极材料项目", "Project")} <= found
    assert not any(label == "Project" for _, label in ents("三大项目开工，23个重点项目同步推进。"))


def test_a_long_project_name_with_its_owner_place_and_capacities_is_read_whole():
    name = "北辰新能源定远30万千瓦/60万千瓦时共享储能电站项目"
    assert (name, "Project") in ents(f"1．{name}。投资方为北辰新能源集团有限公司。")


def test_a_numbered_field_names_its_person():
    assert ("王明远", "Person") in ents("1、公司名称：甲乙科技有限公司\n2、法定代表人：王明远\n")
    # a record's person fields run together with the fields around them
    found = ents("公司名称：甲乙科技有限公司负责人：和春林法定代表人：其木格注册资本：5亿元")
    assert {("和春林", "Person"), ("其木格", "Person")} <= found, found


def test_withheld_names_kinds_of_company_and_places_ending_in_gang_are_no_organisations():
    found = ents("投标人“某建设工程有限公司”被否决，某公司也退出。这家创业板公司（301627.SZ）供货。"
                 "广西防城港与越南接壤，防城港临港产业发展迅速。")
    assert not {label for _, label in found} & {"Company", "Port"}, found
    # a port group of a city named for its port stays a company
    assert ("连云港港口集团", "Company") in ents("连云港港口集团发布公告。")
    # a district named 新区 is the district, not a zone; a new area of no division is a zone
    assert ("滨海新区", "AdminArea") in ents("天津市滨海新区召开会议。")
    assert ("重庆两江新区", "Zone") in ents("重庆两江新区发布规划。")


def test_a_county_short_form_needs_its_province_or_a_list_of_places():
    assert ("彬州", "AdminArea") in ents("该公司在宝鸡、彬州等地布局了算力设施。")
    # 吉林 names the province and its city: either way the province is the context.
    assert ("扶余", "AdminArea") in ents("该公司将在吉林扶余建设风电项目。")
    assert ("扶余", "AdminArea") not in ents("该公司将在扶余建设风电项目。")
    assert ("彬州", "AdminArea") not in ents("彬州的企业负责人表示。")


def test_a_project_named_after_its_companys_brand():
    found = ents("浙江丙丁精工股份有限公司投资3.5亿元建设丙丁镁合金精密压铸件项目。")
    assert ("丙丁镁合金精密压铸件项目", "Project") in found
    found = ents("戊己高端铜箔项目由香港戊己投资有限公司独资建设，总投资1.8亿美元。")
    assert ("戊己高端铜箔项目", "Project") in found
    # A verb between the brand and 项目: no name.
    found = ents("甲乙科技有限公司表示，甲乙投资建设项目进展顺利。")
    assert not any(label == "Project" for _, label in found)


def test_a_station_named_after_a_zone_or_a_town_of_the_article():
    found = ents("宜宾丙丁经济技术开发区位于翠屏区。由甲乙储能科技有限公司投资4.2亿元建设的"
                 "丙丁共享储能电站，7月31日实现全容量并网。")
    assert ("丙丁共享储能电站", "Project") in found
    found = ents("戊己农光互补光伏电站位于屏山县戊己镇，总投资9.6亿元。")
    assert ("戊己农光互补光伏电站", "Project") in found
    # a park named by its trade lends no brand; a count of several is no name
    found = ents("屏山光伏产业园开园，光伏储能项目开工。甲乙科技有限公司在甲乙锂电产业园三个锂电项目。")
    assert not any(label == "Project" and (text.startswith("光伏") or "三个" in text)
                   for text, label in found), found


def test_units_times_a_units_capacity_stay_in_a_projects_name():
    assert ("伊吾县2×66万千瓦煤电项目", "Project") in ents("伊吾县2×66万千瓦煤电项目总投资56亿元。")
