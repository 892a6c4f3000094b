"""A name one article establishes, read again where another article writes it without the
suffix or slot recognition needs (issue 15), on invented names; a form two entities share,
a generic form and a name inside a longer name are not read."""
from kg.extract import extract
from kg.link.resolve import link
from kg.nlp.pipeline import analyse
from tests.helpers import article

DECLARED = "宁夏丙丁智算科技有限公司（以下简称“丙丁智算”）投资建设甲乙智算中心。"
BARE = "在中卫，丙丁智算的戊己智算中心已经投运，规划算力2500P。"


def _linked(*texts):
    articles = [article(t, doc=f"doc{i}") for i, t in enumerate(texts)]
    return link(extract(a, d) for a, d in analyse(articles))


def _holders(graph, name):
    return [e for e in graph.entities if e.label == name or name in e.aliases]


def test_a_short_name_written_bare_is_a_mention_of_the_company_established_elsewhere():
    alone, _ = _linked(BARE)
    assert not _holders(alone, "丙丁智算")          # recognition alone does not read it
    graph, decisions = _linked(DECLARED, BARE)
    holders = _holders(graph, "丙丁智算")
    assert len(holders) == 1 and holders[0].label == "宁夏丙丁智算科技有限公司"
    assert holders[0].docs == ["doc0", "doc1"]
    assert any(d.rule == "name read again" and "丙丁智算 in doc1#1" in d.reason
               for d in decisions)


def test_a_short_name_two_legal_names_share_is_read_for_neither():
    graph, decisions = _linked(DECLARED, BARE.replace("中卫", "贵阳"),
                               "贵州丙丁智算科技有限公司（以下简称“丙丁智算”）在贵安建设数据中心。")
    assert all("doc1" not in e.docs for e in _holders(graph, "丙丁智算"))
    assert not any(d.rule == "name read again" for d in decisions)


def test_a_name_inside_a_longer_name_already_read_is_not_read_again():
    graph, decisions = _linked(DECLARED, "丙丁智算服务集团有限公司在中卫投资建设庚辛数据中心。")
    assert _holders(graph, "宁夏丙丁智算科技有限公司")[0].docs == ["doc0"]
    assert not any(d.rule == "name read again" for d in decisions)


def test_a_generic_form_is_not_read_again():
    graph, decisions = _linked(
        "丙丁科技有限公司与戊己集团有限公司合资成立庚辛智算科技有限公司（以下简称“合资公司”）。",
        "合资公司的智算中心已经投运。")
    assert _holders(graph, "庚辛智算科技有限公司")[0].docs == ["doc0"]
    assert not any(d.rule == "name read again" for d in decisions)
