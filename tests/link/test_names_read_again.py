"""A name one article establishes, read again where another article writes it without the
suffix or slot recognition needs (issue 15), on invented names; a form two entities share,
a generic form and a name inside a longer name are not read."""
from tests.helpers import holders_of, linked

DECLARED = "宁夏丙丁智算科技有限公司（以下简称“丙丁智算”）投资建设甲乙智算中心。"
BARE = "在中卫，丙丁智算的戊己智算中心已经投运，规划算力2500P。"


def test_a_short_name_written_bare_is_a_mention_of_the_company_established_elsewhere():
    alone, _ = linked(BARE)
    assert not holders_of(alone, "丙丁智算")          # recognition alone does not read it
    graph, decisions = linked(DECLARED, BARE)
    holders = holders_of(graph, "丙丁智算")
    assert len(holders) == 1 and holders[0].label == "宁夏丙丁智算科技有限公司"
    assert holders[0].docs == ["doc0", "doc1"]
    assert any(d.rule == "name read again" and "丙丁智算 in doc1#1" in d.reason
               for d in decisions)


def test_a_short_name_made_from_the_legal_name_is_read_where_no_article_declared_it():
    graph, _ = linked("江苏丙丁光能股份有限公司与哈密戊己国际物流有限公司签约。浙江庚辛氢能科技有限公司出席。",
                      "清单里，来自江苏的丙丁光能、来自浙江的庚辛氢能都在。戊己物流投资18亿元。")
    docs = {e.label: e.docs for e in graph.entities if e.type == "Company"}
    assert docs == {"江苏丙丁光能股份有限公司": ["doc0", "doc1"],
                    "哈密戊己国际物流有限公司": ["doc0", "doc1"],
                    "浙江庚辛氢能科技有限公司": ["doc0", "doc1"]}, docs


def test_a_short_name_two_legal_names_share_is_read_for_neither():
    graph, decisions = linked(DECLARED, BARE.replace("中卫", "贵阳"),
                               "贵州丙丁智算科技有限公司（以下简称“丙丁智算”）在贵安建设数据中心。")
    assert all("doc1" not in e.docs for e in holders_of(graph, "丙丁智算"))
    assert not any(d.rule == "name read again" for d in decisions)


def test_a_name_inside_a_longer_name_already_read_is_not_read_again():
    graph, decisions = linked(DECLARED, "丙丁智算服务集团有限公司在中卫投资建设庚辛数据中心。")
    assert holders_of(graph, "宁夏丙丁智算科技有限公司")[0].docs == ["doc0"]
    assert not any(d.rule == "name read again" for d in decisions)


def test_a_generic_form_is_not_read_again():
    graph, decisions = linked(
        "丙丁科技有限公司与戊己集团有限公司合资成立庚辛智算科技有限公司（以下简称“合资公司”）。",
        "合资公司的智算中心已经投运。")
    assert holders_of(graph, "庚辛智算科技有限公司")[0].docs == ["doc0"]
    assert not any(d.rule == "name read again" for d in decisions)


def test_places_and_persons_named_in_chinese_are_read_in_an_english_article():
    chinese = "绵阳市游仙区甲乙智算中心开工，四川丙丁科技有限公司董事长林启航出席。"
    english = ("MIANYANG -- The centre in Youxian District opened on Monday, "
               "said Lin Qihang, chairman of Sichuan Bingding Technology.")
    graph, decisions = linked(chinese, english)
    for name in ("绵阳市", "游仙区", "林启航"):
        assert holders_of(graph, name)[0].docs == ["doc0", "doc1"], name
    # a place inside a Latin name is read too (Sichuan in Sichuan Bingding Technology)
    assert holders_of(graph, "四川省")[0].docs == ["doc0", "doc1"]
    # a spelling only inside a longer word, or a family name alone, is no mention
    graph, _ = linked(chinese, "Mianyangese food and Lin said hello in Youxiantown.")
    assert all(holders_of(graph, n)[0].docs == ["doc0"] for n in ("绵阳市", "游仙区", "林启航"))
