"""Names in lists (kg_lists) through the real pipeline, on invented names."""
from tests.helpers import analysed


def projects_and_companies(text):
    return {(e.text, e.label_) for e in analysed(text).ents
            if e.label_ in ("Project", "Company")}


def test_items_before_etc_and_a_project_head_after_a_driving_verb_are_projects():
    found = projects_and_companies("全力保障泓锦煤制油、泰澜德远、其祥煤制甲醇等重点项目的用地需求。")
    assert found == {("泓锦煤制油", "Project"), ("泰澜德远", "Project"), ("其祥煤制甲醇", "Project")}


def test_items_between_a_driving_verb_and_a_construction_word_are_projects():
    found = projects_and_companies("加快泓锦英格、泰澜泉三矿和鑫岚五号矿建设。")
    assert found == {("泓锦英格", "Project"), ("泰澜泉三矿", "Project"), ("鑫岚五号矿", "Project")}


def test_shared_head_list_gives_each_item():
    found = projects_and_companies("推动泓锦、泰澜电源项目建成投运。")
    assert ("泓锦", "Project") in found and ("泰澜电源项目", "Project") in found


def test_a_company_list_names_its_suffixless_item():
    found = projects_and_companies("新疆泓锦化工有限公司、泰澜德远生物科技等企业参加招聘。")
    assert ("泰澜德远生物科技", "Company") in found
    assert ("新疆泓锦化工有限公司", "Company") in found


def test_kinds_of_work_products_and_places_are_not_names():
    assert not projects_and_companies("加快交通、水利、能源等重点项目建设。")
    assert not projects_and_companies("推进城市更新、老旧小区改造等项目。")
    # Products after a clause break, no driving verb and no named item: not projects.
    assert not projects_and_companies("产能形成耦合效应，石墨电极、铜加工等配套项目实现循环。")
    assert not projects_and_companies("加快哈密、吐鲁番等项目建设。")


def test_a_list_without_a_frame_is_left_alone():
    assert not projects_and_companies("泓锦英格、泰澜德远和鑫岚都来了。")


def test_characters_of_names_split_by_the_segmenter_make_an_item_proper():
    # 泓源 and 瑞达 are not dictionary words: jieba leaves single characters.
    found = projects_and_companies("全力推进泓源风光储一体化、瑞达光伏制氢等重点项目建设。")
    assert found == {("泓源风光储一体化", "Project"), ("瑞达光伏制氢", "Project")}


def test_an_item_naming_a_phase_of_a_facility_is_the_facility():
    found = {(e.text, e.label_) for e in analysed("重点推进甲乙星河智算中心二期、丙丁氢能电解槽二期等项目建设。").ents}
    assert ("甲乙星河智算中心", "ComputeCenter") in found
    assert not any(name.endswith("智算中心二期") for name, _ in found)
