"""Names written in Latin letters, on invented sentences, with both recognisers."""
import pytest

from kg.nlp.pipeline import create_pipeline
from tests.helpers import facts_of


@pytest.fixture(scope="module", params=["hybrid", "rules"])
def nlp(request):
    return create_pipeline(request.param)


def found(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_an_english_company_name_ends_in_its_kind_word(nlp):
    names = found(nlp, "海外云厂商 Zentora Cloud 宣布开服；芯片厂商 Quellix Semiconductor 点亮 H30 GPU 集群。")
    assert {("Zentora Cloud", "Company"), ("Quellix Semiconductor", "Company")} <= names
    assert not any(text in ("GPU", "H30") for text, _ in names)   # a term alone is no name


def test_an_english_persons_name_after_a_title(nlp):
    names = found(nlp, "Zentora 大中华区总裁 Daniel Whitmore 在发布会上说，CEO Kevin Zhao 也出席。")
    assert {("Daniel Whitmore", "Person"), ("Kevin Zhao", "Person")} <= names
    assert ("Ningxia Region", "Person") not in found(nlp, "其 Ningxia Region 正式开服。")


def test_a_bracket_giving_the_legal_name_makes_the_english_name_that_company():
    result = facts_of("9月2日，Zentora Cloud（甲乙云，工商注册名黑龙江甲乙云计算有限公司）宣布上线。")
    [english] = [m for m in result.mentions if m.text == "Zentora Cloud"]
    assert english.name == "黑龙江甲乙云计算有限公司"


def test_english_names_of_centres_zones_and_ports_end_in_their_kind(nlp):
    names = found(nlp, "DALIAN -- The Jinbo Port & Shipping AI Computing Center (金渤港航智算中心) "
                       "in the Jinbo Economic and Technological Development Zone opened, "
                       "said Shanghai-listed Jinbo Port Co., Ltd. and the Laboratory for "
                       "Intelligent Computing.")
    assert ("Jinbo Port & Shipping AI Computing Center", "ComputeCenter") in names
    assert ("Jinbo Economic and Technological Development Zone", "Zone") in names
    # a kind of place followed by Co., Ltd. is a company's; a hyphenated adjective is no word
    # of the name; descriptive words alone name nothing
    assert ("Jinbo Port", "Company") in names
    assert not any(text.startswith(("Shanghai-listed", "The ")) or text == "Intelligent Computing"
                   for text, _ in names)


def test_english_names_link_to_the_chinese_names_of_their_kind():
    from tests.helpers import linked
    graph, decisions = linked(
        "大连金渤科学城丙丁智算中心开工。金渤数字经济产业园同日开园。",
        "The Jinbo Science City hosts the Dalian Jinbo Bingding Computing Center, "
        "next to the Jinbo Industrial Park.")
    aliases = {e.label: (e.aliases, e.docs) for e in graph.entities}
    assert aliases["大连金渤科学城丙丁智算中心"] == (["Dalian Jinbo Bingding Computing Center"],
                                           ["doc0", "doc1"])
    # each English zone is the Chinese zone of its kind, though both names open with 金渤
    assert aliases["大连金渤科学城"][0] == ["Jinbo Science City"]
    assert aliases["金渤数字经济产业园"][0] == ["Jinbo Industrial Park"]


def test_words_an_english_name_translates_are_spelled_in_the_chinese_name():
    from tests.helpers import linked
    graph, _ = linked("大连金渤湾丙丁智算中心开工。盖州港航智算中心同日签约。",
                      "The Dalian Jinbo Bay Bingding Computing Center opened; the Gaizhou Port & "
                      "Shipping AI Computing Center was signed.")
    docs = {e.label: e.docs for e in graph.entities if e.type == "ComputeCenter"}
    assert docs["大连金渤湾丙丁智算中心"] == ["doc0", "doc1"], docs
    assert docs["盖州港航智算中心"] == ["doc0", "doc1"], docs
