"""Conflicting figures: found by kg.conflicts, written as kg:Conflict in RDF, listed by the
named query, the report and the graph page; on hand-made graphs and on a build of
invented articles that disagree."""
import re

import pytest
import rdflib

from kg.conflicts import find_conflicts
from kg.link.iri import entity_iri
from kg.rdf import vocabulary as V
from kg.rdf.build import build_dataset, iter_turtle
from kg.rdf.validate import validate_graph
from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Source
from tests.viz import chromium

CENTRE = "computecenter/0000000000000001"
TEN = "星澜智算中心总投资10亿元。"
TWELVE = "星澜智算中心总投资12亿元。"


def _source(article: str, sentence: str, start: int = 0) -> Source:
    return Source(article.split("#")[0], article, start, start + len(sentence), sentence)


def _areas() -> list[Entity]:
    return [
        Entity("area/CN", "AdminArea", "中华人民共和国", code="CN"),
        Entity("area/KZ", "AdminArea", "哈萨克斯坦", code="KZ"),
        Entity("area/650000", "AdminArea", "新疆维吾尔自治区", code="650000", parent="area/CN"),
        Entity("area/653200", "AdminArea", "和田地区", code="653200", parent="area/650000"),
        Entity("area/653226", "AdminArea", "于田县", code="653226", parent="area/653200"),
        Entity("area/653100", "AdminArea", "喀什地区", code="653100", parent="area/650000"),
        Entity("area/653121", "AdminArea", "疏附县", code="653121", parent="area/653100"),
        Entity("area/653121-某镇", "AdminArea", "某镇", code="653121-某镇",
               parent="area/653121"),
        Entity("area/x-某乡", "AdminArea", "某乡"),                       # no parent known
        Entity("zone/z1", "Zone", "星澜产业园"),
    ]


def _graph(facts: list[LinkedFact], extra: list[Entity] = ()) -> KnowledgeGraph:
    entities = [Entity(CENTRE, "ComputeCenter", "星澜智算中心"), *_areas(), *extra]
    articles = [ArticleInfo(f"p{n}#1", f"p{n}", f"p{n}.txt", None, (), date, None, 100)
                for n, date in ((1, "2025-03-02"), (2, "2025-06-18"), (3, None))]
    return KnowledgeGraph(entities, facts, articles)


def _amount(value, article, sentence, phase=None, start=0, qualifier=None):
    return LinkedFact(CENTRE, "investmentAmount", [_source(article, sentence, start)],
                      value=value, unit="CNY", phase=phase, qualifier=qualifier)


def _capacity(value, article, status, start=0, stage=None):
    return LinkedFact(CENTRE, "computeCapacity", [_source(article, "某句。", start)],
                      value=value, unit="PFLOPS", status=status, qualifier=stage)


def _seat(place, article, start=0, subject=CENTRE):
    return LinkedFact(subject, "locatedIn", [_source(article, "某句。", start)], object=place)


# ---------------------------------------------------------------- finding them

def test_two_articles_giving_two_totals_conflict():
    ten, twelve = _amount(1e9, "p1#1", TEN), _amount(1.2e9, "p2#1", TWELVE)
    [conflict] = find_conflicts(_graph([twelve, ten]))
    assert (conflict.entity, conflict.predicate, conflict.qualifier) == \
        (CENTRE, "investmentAmount", "")
    assert conflict.facts == (ten, twelve)                  # by value
    assert conflict.articles() == ["p1#1", "p2#1"]


def test_values_within_half_a_percent_agree():
    assert find_conflicts(_graph([_amount(1e9, "p1#1", TEN),
                                  _amount(1.004e9, "p2#1", TEN)])) == []
    assert len(find_conflicts(_graph([_amount(1e9, "p1#1", TEN),
                                      _amount(1.006e9, "p2#1", TEN)]))) == 1


def test_one_article_alone_is_no_conflict_but_joins_one():
    one = [_amount(1e9, "p1#1", TEN), _amount(1.2e9, "p1#1", TWELVE, start=50)]
    assert find_conflicts(_graph(one)) == []
    [conflict] = find_conflicts(_graph([*one, _amount(1e9, "p2#1", TEN)]))
    assert len(conflict.facts) == 3


def test_phases_and_statuses_are_different_figures():
    assert find_conflicts(_graph([_amount(1e9, "p1#1", TEN),
                                  _amount(3e8, "p2#1", "一期3亿元。", phase="一期")])) == []
    [phase] = find_conflicts(_graph([_amount(2e8, "p1#1", "一期2亿元。", phase="一期"),
                                     _amount(3e8, "p2#1", "一期3亿元。", phase="一期")]))
    assert phase.qualifier == "一期"
    assert find_conflicts(_graph([_capacity(500, "p1#1", "planned"),
                                  _capacity(300, "p2#1", "current")])) == []
    [current] = find_conflicts(_graph([_capacity(500, "p1#1", None),   # no status: current
                                       _capacity(300, "p2#1", "current")]))
    assert (current.predicate, current.qualifier) == ("computeCapacity", "current")


def test_planned_completed_and_cumulative_amounts_are_different_figures():
    planned = _amount(1e9, "p1#1", "计划投资10亿元。", qualifier="planned")
    completed = _amount(4e8, "p2#1", "已完成投资4亿元。", qualifier="completed")
    total = _amount(1.2e9, "p2#1", TWELVE, start=40, qualifier="total")
    assert find_conflicts(_graph([planned, completed, total])) == []
    # A total and one phase's amount however worded (一期总投资, 一期投资) are one figure.
    [phase] = find_conflicts(_graph([
        _amount(2e8, "p1#1", "一期总投资2亿元。", phase="一期", qualifier="total"),
        _amount(3e8, "p2#1", "一期投资3亿元。", phase="一期", qualifier="phase")]))
    assert phase.qualifier == "一期"
    [later] = find_conflicts(_graph([
        completed, _amount(6e8, "p3#1", "已完成投资6亿元。", qualifier="completed")]))
    assert later.qualifier == "completed"


def test_capacity_under_construction_is_not_all_that_is_planned():
    assert find_conflicts(_graph([_capacity(500, "p1#1", "planned", stage="under construction"),
                                  _capacity(2000, "p2#1", "planned", stage="planned")])) == []
    [building] = find_conflicts(_graph([
        _capacity(500, "p1#1", "planned", stage="under construction"),
        _capacity(800, "p2#1", "planned", stage="under construction")]))
    assert building.qualifier == "planned, under construction"


@pytest.mark.parametrize("first, second, conflict", [
    ("area/653226", "area/653200", False),        # a county and its prefecture
    ("area/653226", "area/650000", False),
    ("area/653226", "area/653121", True),          # two counties of different prefectures
    ("area/653121-某镇", "area/653121", False),     # a town of the county
    ("area/653121-某镇", "area/653226", True),
    ("area/x-某乡", "area/653226", False),          # where 某乡 is is not known
    ("area/KZ", "area/653226", True),               # two countries
    ("zone/z1", "area/653121", False),              # the zone's place is not known
])
def test_seats_conflict_when_neither_place_contains_the_other(first, second, conflict):
    found = find_conflicts(_graph([_seat(first, "p1#1"), _seat(second, "p2#1")]))
    assert bool(found) is conflict
    if conflict:
        assert (found[0].predicate, len(found[0].facts)) == ("locatedIn", 2)


def test_a_zone_is_where_the_articles_place_it():
    zone_in_hotan = _seat("area/653200", "p3#1", subject="zone/z1")
    assert find_conflicts(_graph([_seat("zone/z1", "p1#1"), _seat("area/653226", "p2#1"),
                                  zone_in_hotan])) == []
    [conflict] = find_conflicts(_graph([_seat("zone/z1", "p1#1"),
                                        _seat("area/653121", "p2#1"), zone_in_hotan]))
    assert [f.object for f in conflict.facts] == ["area/653121", "zone/z1"]


# ---------------------------------------------------------------- in RDF

def _disagreeing_graph() -> KnowledgeGraph:
    return _graph([_amount(1e9, "p1#1", TEN), _amount(1.2e9, "p2#1", TWELVE),
                   _seat("area/653226", "p1#1", 20), _seat("area/653121", "p2#1", 20)])


def test_rdf_marks_the_conflict_and_keeps_both_values():
    store = build_dataset(_disagreeing_graph()).store()
    rows = list(store.query(
        """PREFIX kg: <https://kg.example.org/ontology#>
           PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           PREFIX prov: <http://www.w3.org/ns/prov#>
           SELECT ?predicate ?value ?evidence ?date WHERE {
             ?c a kg:Conflict ; kg:conflictOn ?e ; kg:predicate ?predicate ;
                kg:conflictingValue ?v ; kg:conflictingStatement ?s .
             ?s rdf:object ?v ; kg:evidence ?evidence ; prov:wasDerivedFrom ?a .
             ?a kg:date ?date .
             OPTIONAL { ?v kg:value ?value }
           } ORDER BY ?predicate ?date""", use_default_graph_as_union=True))
    assert [(r["predicate"].value.rsplit("#")[1], r["value"] and r["value"].value,
             r["evidence"].value, r["date"].value) for r in rows] == [
        ("investmentAmount", "1000000000", TEN, "2025-03-02"),
        ("investmentAmount", "1200000000", TWELVE, "2025-06-18"),
        ("locatedIn", None, "某句。", "2025-03-02"),
        ("locatedIn", None, "某句。", "2025-06-18")]
    # Both amounts stay on the entity.
    amounts = list(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{entity_iri(CENTRE)}> "
                               f"<{V.KG}investmentAmount> ?v }}"))
    assert amounts[0]["n"].value == "2"


def _rdflib_graph(graph: KnowledgeGraph) -> rdflib.Graph:
    """Every triple of the build, from the text graph.ttl is written from (as kg validate
    reads it)."""
    text = V.prefix_header() + "".join(turtle.decode("utf-8") for turtle, _ in iter_turtle(graph))
    return rdflib.Graph().parse(data=text, format="turtle")


def test_conflicts_conform_to_the_shapes_and_the_ontology_declares_them():
    assert validate_graph(_rdflib_graph(_disagreeing_graph())) == []
    ontology = rdflib.Graph().parse(V.ontology_dir() / "kg.ttl", format="turtle")
    declared = set(ontology.subjects(rdflib.RDF.type, None))
    for term in (V.CONFLICT, V.CONFLICT_ON, V.CONFLICT_PREDICATE, V.CONFLICTING_VALUE,
                 V.CONFLICTING_STATEMENT):
        assert rdflib.URIRef(term) in declared, term


def test_a_conflict_with_one_value_breaks_the_shapes():
    data = _rdflib_graph(_disagreeing_graph())
    values = sorted(data.triples((None, rdflib.URIRef(V.CONFLICTING_VALUE), None)))
    data.remove(values[0])
    assert any("a conflict needs at least two values that disagree" in violation
               for violation in validate_graph(data))


# ---------------------------------------------------------------- a build of articles

PAGES = {
    "a.md": "# 星澜智算中心项目开工\n\n来源：某某新闻网\u30002025-03-02 09:30\n\n"
            "3月1日，星澜智算中心项目正式开工。星澜智算中心位于和田地区于田县，总投资10亿元，"
            "由云帆数据科技有限公司投资建设，规划算力规模达500P。\n",
    "b.md": "# 星澜智算中心建设加快推进\n\n来源：某某日报网\u30002025-06-18 10:00\n\n"
            "6月17日，星澜智算中心建设加快推进。星澜智算中心位于喀什地区疏附县，总投资12亿元，"
            "由云帆数据科技有限公司投资建设，规划算力规模达800P。\n",
}
SENTENCE_A = "星澜智算中心位于和田地区于田县，总投资10亿元，由云帆数据科技有限公司投资建设，规划算力规模达500P。"
SENTENCE_B = "星澜智算中心位于喀什地区疏附县，总投资12亿元，由云帆数据科技有限公司投资建设，规划算力规模达800P。"


@pytest.fixture(scope="module")
def disagreeing_build(tmp_path_factory):
    import kg
    pages = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    kg.build([pages], out)
    return out


def test_build_query_lists_the_conflicts(disagreeing_build):
    import kg
    rows = kg.open_graph(disagreeing_build).named_query("conflicts")
    assert [(r["entity"], r["predicate"], r["value"], r["place"], r["date"], r["document"],
             r["evidence"]) for r in rows] == [
        ("星澜智算中心", "computeCapacity", 500, None, "2025-03-02", "a", SENTENCE_A),
        ("星澜智算中心", "computeCapacity", 800, None, "2025-06-18", "b", SENTENCE_B),
        ("星澜智算中心", "investmentAmount", 1000000000, None, "2025-03-02", "a", SENTENCE_A),
        ("星澜智算中心", "investmentAmount", 1200000000, None, "2025-06-18", "b", SENTENCE_B),
        ("星澜智算中心", "locatedIn", None, "于田县", "2025-03-02", "a", SENTENCE_A),
        ("星澜智算中心", "locatedIn", None, "疏附县", "2025-06-18", "b", SENTENCE_B)]


def test_build_report_lists_both_sentences_with_dates(disagreeing_build):
    md = (disagreeing_build / "report.md").read_text(encoding="utf-8")
    assert "## Conflicting figures (3)" in md
    assert f"| 星澜智算中心 | investmentAmount | 10亿元 | 2025-03-02 | a#1 | a | {SENTENCE_A} |" in md
    assert f"| 星澜智算中心 | investmentAmount | 12亿元 | 2025-06-18 | b#1 | b | {SENTENCE_B} |" in md
    assert "| 星澜智算中心 | computeCapacity (planned) | 800 PFLOPS | 2025-06-18 |" in md
    assert "| 星澜智算中心 | locatedIn | 疏附县 | 2025-06-18 |" in md
    page = (disagreeing_build / "report.html").read_text(encoding="utf-8")
    assert "<td>12亿元</td><td>2025-06-18</td>" in page


browser = pytest.mark.skipif(not chromium.available(),
                             reason=f"{chromium.CHROMIUM} is not installed (make system-deps)")


@pytest.mark.browser
@browser
def test_build_page_flags_the_entity_and_its_side_panel_shows_both(disagreeing_build):
    dom = chromium.dump_dom(disagreeing_build / "graph.html", "search=星澜智算中心")
    stats = chromium.drawn_stats(dom)
    assert stats["conflicts"] == 1
    assert "⚠ 1 entity with conflicting figures (red border)" in dom
    info = re.search(r'<div id="kg-info">(.*?)</div>\n', dom, re.S).group(1)
    flagged = re.search(r'<div class="kg-conflict">(.*?)</div>', info, re.S).group(1)
    assert "Conflicting figures" in flagged
    for text in ("<b>10亿元</b>", "<b>12亿元</b>", "<b>500 PFLOPS</b>", "<b>800 PFLOPS</b>",
                 "<b>于田县</b>", "<b>疏附县</b>", SENTENCE_A, SENTENCE_B, "2025-03-02",
                 "2025-06-18"):
        assert text in flagged, text
