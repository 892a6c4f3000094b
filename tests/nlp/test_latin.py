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
