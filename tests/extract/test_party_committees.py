"""A place's party committee written by its short name (中共某市委, 某县委) with no title
after it, and the place inside an organ's name, on invented sentences."""
from tests.helpers import facts_of, holders_of, linked


def _organs(text):
    return {(m.text, m.label) for m in facts_of(text).mentions if m.type == "GovernmentBody"}


def test_a_committee_written_with_its_place_is_the_party_committee():
    organs = _organs("12月18日　中共宜宾市委、宜宾市人民政府召开全市数字经济大会。")
    assert ("中共宜宾市委", "中共宜宾市委员会") in organs
    assert ("宜宾市人民政府", "宜宾市人民政府") in organs
    # the place read with its level (某县|委) and a province's committee in one word
    organs = _organs("会上，屏山县委、中共四川省委有关负责同志出席。")
    assert {label for _, label in organs} >= {"中共屏山县委员会", "中共四川省委员会"}


def test_no_committee_without_its_place_and_no_words_glued_before_it():
    assert not _organs("丁戊代表县委讲话。")
    organs = _organs("宜宾市委召开会议，丁戊任中共屏山县委书记。")
    assert ("宜宾市委", "中共宜宾市委员会") in organs
    assert not any("丁戊" in text for text, _ in organs)
    # words ending in 委 that are no place's: 发改委, 纪委
    assert not any(label.startswith("中共") for _, label in _organs("市发改委、县纪委参加会议。"))


def test_a_head_title_after_a_committee_and_government_is_at_that_place():
    posts = [f for f in facts_of(
        "成都来人考察。成都的企业很多。在成都，12月18日　中共宜宾市委、宜宾市人民政府"
        "召开大会，常务副市长周明远通报全年情况。").facts if f.predicate == "holdsPosition"]
    assert [(f.subject.label, f.object.label, f.title) for f in posts] == [
        ("周明远", "宜宾市人民政府", "常务副市长")]


def test_a_place_named_elsewhere_is_mentioned_where_it_opens_an_organs_name():
    graph, _ = linked("宜宾市三江新区甲乙智算中心开工。", "中共宜宾市委召开全市数字经济大会。",
                      "宜宾市人民政府印发通知。")
    assert holders_of(graph, "宜宾市")[0].docs == ["doc0", "doc1", "doc2"]
    # a place written only inside names makes no entity of its own
    graph, _ = linked("中共屏山县委召开会议。", "屏山县人民政府印发通知。")
    assert not holders_of(graph, "屏山县")


def test_a_zone_or_government_opening_an_organs_name_is_mentioned_there():
    graph, _ = linked("宜宾甲乙经济技术开发区举行签约仪式。宜宾市人民政府召开会议。",
                      "宜宾甲乙经济技术开发区管委会、宜宾市人民政府办公室印发通知。")
    for name in ("宜宾甲乙经济技术开发区", "宜宾市人民政府"):
        assert holders_of(graph, name)[0].docs == ["doc0", "doc1"], name


def test_a_post_after_the_dash_of_an_attribution():
    posts = {(f.subject.label, f.object.label, f.title) for f in facts_of(
        "“这是一个里程碑。”\n——宜宾市委常委、翠屏区委书记周明远").facts
        if f.predicate == "holdsPosition"}
    assert posts == {("周明远", "中共宜宾市委员会", "常委"), ("周明远", "中共翠屏区委员会", "书记")}


def test_a_committee_opening_a_departments_name_is_mentioned_there():
    graph, _ = linked("宜宾市委书记周明远出席。", "宜宾晚报\n中共宜宾市委宣传部主管\n本报讯 会议召开。")
    assert holders_of(graph, "中共宜宾市委员会")[0].docs == ["doc0", "doc1"]
