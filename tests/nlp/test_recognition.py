"""Recognition on invented sentences: each component through the real spaCy pipeline."""
import spacy

from kg.nlp.pipeline import create_pipeline
from tests.helpers import analysed


def ents(text):
    return {(e.text, e.label_) for e in analysed(text).ents}


def test_companies_by_suffix_stop_at_function_words():
    found = ents("该项目由新疆甲乙能源投资股份有限公司投资建设。")
    assert ("新疆甲乙能源投资股份有限公司", "Company") in found


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


def test_persons_after_titles_before_speech_and_transliterated():
    found = ents("公司总经理王明远表示，将加快建设。地委副书记阿不都·艾力主持会议。李春生说：好。")
    assert ("王明远", "Person") in found
    assert ("阿不都·艾力", "Person") in found
    assert ("李春生", "Person") in found


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
