"""Records -> quads: the model of each kind of fact, stable IRIs, no blank nodes, errors."""
import random

import pyoxigraph as ox
import pytest

from kg.link.iri import article_iri, entity_iri
from kg.rdf import vocabulary as V
from kg.rdf.build import RdfBuildError, build_dataset, decimal_lexical, graph_quads
from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Source
from tests.data.sample import sample_graph

CENTRE = entity_iri("computecenter/aaaa000000000001")
COMPANY = entity_iri("company/bbbb000000000001")
PERSON = entity_iri("person/cccc000000000001")


@pytest.fixture(scope="module")
def store():
    return build_dataset(sample_graph()).store()


def ask(store, body: str) -> bool:
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in V.PREFIXES.items())
    return bool(store.query(prefixes + "ASK " + body, use_default_graph_as_union=True))


def test_entities_have_type_label_aliases_and_place_hierarchy(store):
    assert ask(store, f'{{ <{CENTRE}> a kg:ComputeCenter ; rdfs:label "甲乙智算中心"@zh ; '
                      f'skos:altLabel "甲乙中心"@zh }}')
    assert ask(store, f'{{ <{entity_iri("area/659901")}> kg:partOf/kg:partOf '
                      f'<{entity_iri("area/650000")}> ; kg:adminLevel kg:County }}')
    assert ask(store, f'{{ <{entity_iri("area/659900")}> kg:adminLevel kg:Prefecture ; '
                      f'kg:divisionCode "659900" }}')


def test_direct_fact_triples_are_in_the_default_graph(store):
    query = (f"ASK {{ GRAPH ?g {{ <{CENTRE}> <{V.KG}locatedIn> <{entity_iri('area/659900')}> }} }}")
    assert not store.query(query)   # not in a named graph ...
    assert store.query(f"ASK {{ <{CENTRE}> <{V.KG}locatedIn> <{entity_iri('area/659900')}> }}")


def test_quantities_are_typed_decimal_value_nodes(store):
    assert ask(store, f'{{ <{CENTRE}> kg:investmentAmount ?v . ?v a kg:MonetaryAmount ; '
                      f'kg:value "2500000000"^^xsd:decimal ; kg:unit "CNY" }}')
    assert ask(store, f'{{ <{CENTRE}> kg:computeCapacity ?v . ?v a kg:ComputeQuantity ; '
                      f'kg:value 20000.0 ; kg:unit "PFLOPS" ; kg:status "planned" }}')


def test_positions_are_org_memberships_with_the_direct_edge(store):
    assert ask(store, f'{{ <{PERSON}> kg:holdsPosition <{COMPANY}> . ?m a org:Membership ; '
                      f'org:member <{PERSON}> ; org:organization <{COMPANY}> ; '
                      f'kg:title "总经理"@zh ; org:role ?r . ?r a org:Role ; rdfs:label "总经理"@zh }}')


def test_each_reading_is_a_statement_in_its_articles_named_graph(store):
    article = article_iri("page_b#3")
    query = f"""PREFIX kg: <{V.KG}> PREFIX prov: <{V.PROV}> PREFIX rdf: <{V.RDF}>
        SELECT ?evidence ?start ?end WHERE {{ GRAPH <{article}> {{
          ?s a kg:Statement ; rdf:predicate kg:agreementWith ; rdf:object <{COMPANY}> ;
             kg:topic "战略合作"@zh ; kg:evidence ?evidence ; kg:start ?start ; kg:end ?end ;
             prov:wasDerivedFrom <{article}> }} }}"""
    rows = list(store.query(query))
    assert len(rows) == 1
    assert rows[0]["evidence"].value == "甲乙市人民政府与某某能源有限公司签订战略合作协议。"
    assert (int(rows[0]["start"].value), int(rows[0]["end"].value)) == (40, 65)
    statement_graphs = {q.graph_name for q in store.quads_for_pattern(
        None, ox.NamedNode(V.TYPE), ox.NamedNode(V.STATEMENT), None)}
    assert statement_graphs == {ox.NamedNode(article_iri(a))
                                for a in ("page_a#1", "page_b#2", "page_b#3")}


def test_articles_carry_their_metadata_and_mentions(store):
    article = article_iri("page_a#1")
    assert ask(store, f'{{ <{article}> a kg:Article ; kg:headline "甲乙智算中心开工"@zh ; '
                      f'kg:date "2025-04-03"^^xsd:date ; kg:newspaper "某某日报"@zh ; '
                      f'kg:sourceFile "seeds/page_a.txt" ; kg:document "page_a" ; '
                      f'kg:byline "张三"@zh ; kg:mentions <{CENTRE}> }}')


def test_no_blank_nodes_and_iris_do_not_depend_on_record_order():
    first = graph_quads(sample_graph())
    assert not any(isinstance(term, ox.BlankNode) for quad in first
                   for term in (quad.subject, quad.object))
    shuffled = sample_graph()
    random.Random(7).shuffle(shuffled.entities)
    random.Random(8).shuffle(shuffled.facts)
    random.Random(9).shuffle(shuffled.articles)
    assert graph_quads(shuffled) == first


def test_labels_with_markup_quotes_and_newlines_survive():
    graph = sample_graph()
    nasty = '甲乙"</script><b>\'\\n\n第二行\t>\r\x01'
    graph.entities[3].label = nasty
    store = build_dataset(graph).store()
    labels = {q.object.value for q in store.quads_for_pattern(
        ox.NamedNode(CENTRE), ox.NamedNode(V.LABEL), None, None)}
    assert labels == {nasty}


@pytest.mark.parametrize("value, lexical", [
    (2.5e9, "2500000000"), (20000.0, "20000"), (0.25, "0.25"), (1.2e-7, "0.00000012"),
    (0.0, "0"), (-3.5, "-3.5"), (123456789012.5, "123456789012.5"),
])
def test_decimal_lexical_forms(value, lexical):
    assert decimal_lexical(value) == lexical


def _one_fact_graph(fact: LinkedFact, entity_type: str = "ComputeCenter") -> KnowledgeGraph:
    return KnowledgeGraph([Entity("computecenter/x1", entity_type, "某某中心")], [fact],
                          [ArticleInfo("doc#1", "doc", "doc.txt", None, (), None, None, 1)])


@pytest.mark.parametrize("graph, words", [
    (_one_fact_graph(LinkedFact("computecenter/x1", "ownedBy", [], object="x")),
     "unknown predicate 'ownedBy'"),
    (_one_fact_graph(LinkedFact("computecenter/x1", "locatedIn", [])), "has no object"),
    (_one_fact_graph(LinkedFact("computecenter/x1", "investmentAmount", [], unit="CNY")),
     "has no value"),
    (_one_fact_graph(LinkedFact("computecenter/x1", "investmentAmount", [],
                                value=float("nan"), unit="CNY")), "not a finite number"),
    (_one_fact_graph(LinkedFact("computecenter/x1", "locatedIn", [], object="area/a b")),
     "invalid IRI"),
    (_one_fact_graph(LinkedFact("computecenter/x1", "locatedIn", [], object="area/1"),
                     entity_type="Facility"), "unknown type 'Facility'"),
])
def test_records_that_cannot_be_rdf_give_one_line_errors(graph, words):
    with pytest.raises(RdfBuildError, match=words) as caught:
        build_dataset(graph).nquads()
    assert "\n" not in str(caught.value)


def test_bad_article_date_is_reported_with_the_article():
    graph = _one_fact_graph(LinkedFact("computecenter/x1", "locatedIn", [], object="area/1"))
    graph.articles[0] = ArticleInfo("doc#1", "doc", "doc.txt", None, (), "2025年5月", None, 1)
    with pytest.raises(RdfBuildError, match="article 'doc#1' has a date"):
        build_dataset(graph)


def test_a_fact_read_twice_gives_two_statements_one_direct_triple():
    first = Source("page_a", "page_a#1", 1, 9, "甲乙中心位于丙丁县。")
    second = Source("page_b", "page_b#1", 5, 20, "丙丁县的甲乙中心。")
    graph = KnowledgeGraph(
        [Entity("computecenter/x1", "ComputeCenter", "甲乙中心"),
         Entity("area/659901", "AdminArea", "丙丁县", code="659901")],
        [LinkedFact("computecenter/x1", "locatedIn", [first, second], object="area/659901")],
        [])
    store = build_dataset(graph).store()
    located = ox.NamedNode(V.KG + "locatedIn")
    assert len(list(store.quads_for_pattern(None, located, None, None))) == 1
    statements = list(store.quads_for_pattern(None, ox.NamedNode(V.TYPE),
                                              ox.NamedNode(V.STATEMENT), None))
    assert len(statements) == 2
    # articles missing from graph.articles still become kg:Article nodes with a document
    docs = {q.object.value for q in store.quads_for_pattern(
        ox.NamedNode(article_iri("page_b#1")), ox.NamedNode(V.DOCUMENT), None, None)}
    assert docs == {"page_b"}


def test_codes_other_than_division_codes_are_kept_without_a_level():
    graph = KnowledgeGraph(
        [Entity("area/XX-01", "AdminArea", "某某州（外国）", code="XX-01"),
         Entity("area/659901-某某镇", "AdminArea", "某某镇", code="659901-某某镇")], [], [])
    store = build_dataset(graph).store()
    codes = {(q.subject.value.rsplit("/", 1)[1], q.predicate.value, q.object.value)
             for q in store if q.predicate.value in (V.CODE, V.DIVISION_CODE, V.ADMIN_LEVEL)}
    assert codes == {("XX-01", V.CODE, "XX-01"), ("659901-某某镇", V.CODE, "659901-某某镇")}
