"""The embedded store: queries from Python, named queries on the sample graph, rdflib
over the same store, result formats, and clear errors."""
import csv
import io
import json

import pytest

import kg
from kg.store.embedded import (QueryError, StoreError, display_width, format_results, list_queries,
                               query_parameters, query_text, run_query)

CENTRE = "https://kg.example.org/id/computecenter/aaaa000000000001"
SCRIPT_CENTRE = '丙丁县"<script>alert(1)</script>"数据中心'


@pytest.fixture(scope="module")
def graph(sample_build):
    return kg.open_graph(sample_build)


def test_query_returns_python_values_and_knows_the_prefixes(graph):
    rows = graph.query("SELECT ?label ?value WHERE { ?c a kg:ComputeCenter ; rdfs:label ?label ; "
                       "kg:computeCapacity/kg:value ?value } ORDER BY ?value")
    assert rows == [{"label": SCRIPT_CENTRE, "value": 500},
                    {"label": "甲乙智算中心", "value": 20000}]


def test_ask_and_construct_have_columns(sample_build):
    assert run_query(sample_build, "ASK { ?s kg:investor ?o }") == (["ask"], [[True]])
    columns, rows = run_query(sample_build,
                              "CONSTRUCT { ?s kg:investor ?o } WHERE { ?s kg:investor ?o }")
    assert columns == ["subject", "predicate", "object"]
    assert rows == [[CENTRE, "https://kg.example.org/ontology#investor",
                     "https://kg.example.org/id/company/bbbb000000000001"]]


def test_queries_see_provenance_and_named_graphs(graph):
    rows = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }")
    assert rows == [{"n": 8}]
    rows = graph.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement } } "
                       "GROUP BY ?g ORDER BY ?g")
    assert [row["n"] for row in rows] == [4, 1, 3]


def test_named_queries_are_listed_with_descriptions():
    queries = list_queries()
    assert set(queries) >= {"projects_by_area", "investors", "positions", "agreements",
                            "entity", "provenance"}
    assert all(description and not description.startswith("#")
               for description in queries.values())
    assert query_parameters("entity") == ["label"]


def test_projects_by_area(graph):
    rows = graph.named_query("projects_by_area")
    assert [(r["prefecture"], r["county"], r["project"], r["investment_cny"],
             r["compute_pflops"], r["compute_status"]) for r in rows] == [
        ("甲乙市", None, "甲乙智算中心", 2500000000, 20000, "planned"),
        ("甲乙市", "丙丁县", SCRIPT_CENTRE, None, 500, "current"),
    ]


def test_investors_positions_agreements(graph):
    assert [(r["investor"], r["project"], r["investment_cny"])
            for r in graph.named_query("investors")] == [("某某能源有限公司", "甲乙智算中心", 2500000000)]
    assert [(r["person"], r["title"], r["organization"], r["organization_type"])
            for r in graph.named_query("positions")] == [("王小明", "总经理", "某某能源有限公司", "Company")]
    assert [(r["party"], r["other_party"], r["topic"], r["date"])
            for r in graph.named_query("agreements")] == [
        ("甲乙市人民政府", "某某能源有限公司", "战略合作", "2025-05-21")]


def test_provenance_gives_evidence_and_article_for_every_fact(graph):
    rows = graph.named_query("provenance")
    assert len(rows) == 8
    money = next(r for r in rows if r["predicate"] == "investmentAmount")
    assert money["value"] == 2500000000 and money["unit"] == "CNY"
    assert money["evidence"] == "甲乙智算中心由某某能源有限公司投资建设，总投资25亿元。"
    assert (money["document"], money["start"], money["end"]) == ("page_a", 10, 38)
    assert money["article"] == "https://kg.example.org/article/page_a/1"
    assert money["date"] == "2025-04-03"


def test_entity_found_by_alias_shows_facts_both_ways(graph):
    rows = graph.named_query("entity", label="某某能源")
    assert {r["entity"] for r in rows} == {"某某能源有限公司"}
    facts = {(r["direction"], r["property"], r["value_label"]) for r in rows}
    assert {("in", "investor", "甲乙智算中心"), ("in", "holdsPosition", "王小明"),
            ("in", "agreementWith", "甲乙市人民政府"), ("out", "altLabel", None),
            ("in", "mentions", "合作协议签订")} <= facts
    amounts = {(r["property"], r["value"], r["unit"])
               for r in graph.named_query("entity", label="甲乙智算中心")}
    assert ("investmentAmount", 2500000000, "CNY") in amounts


def test_entity_parameter_is_bound_safely(graph):
    assert graph.named_query("entity", label=SCRIPT_CENTRE)[0]["entity"] == SCRIPT_CENTRE
    injection = '"} ?iri ?p ?o . { SELECT ?iri WHERE { ?iri ?x "'
    assert graph.named_query("entity", label=injection) == []
    assert graph.named_query("entity", label="line\nbreak \\ } UNDEF") == []
    assert 'VALUES ?label { "\\"} ?iri' in query_text("entity", label=injection)


def test_unknown_named_query_or_parameter(graph):
    with pytest.raises(QueryError, match="unknown named query 'nope' \\(known: agreements"):
        graph.named_query("nope")
    with pytest.raises(QueryError, match="unknown named query '../x'"):
        query_text("../x")
    with pytest.raises(QueryError, match="has no parameter 'name' \\(parameters: label\\)"):
        graph.named_query("entity", name="x")


def test_bad_sparql_is_a_one_line_error(graph):
    with pytest.raises(QueryError, match="^invalid SPARQL: ") as caught:
        graph.query("SELECT ?x WHERE { ?x ")
    assert "\n" not in str(caught.value)


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no query store in .*build the graph first"):
        kg.open_graph(tmp_path)


def test_rdflib_dataset_over_the_same_store(graph):
    dataset = graph.rdflib()
    rows = list(dataset.query("SELECT ?c WHERE { ?c kg:locatedIn ?a . ?a kg:partOf+ ?p }"))
    assert {str(row.c) for row in rows} == {CENTRE, CENTRE.replace("0001", "0002")}
    assert len(dataset) == len(graph.query("SELECT * WHERE { ?s ?p ?o }"))


def test_result_formats(graph):
    columns = ["project", "value", "note"]
    rows = [['甲乙"智算", 中心', 2500000000, None], ["丙丁", 0.5, "a\nb"]]
    table = format_results(columns, rows, "table").splitlines()
    assert table[0].startswith("project")
    assert table[-1] == "(2 rows)"
    # wide (CJK) characters take two columns: separators line up on screen
    bar = [display_width(line[:line.index("|")]) for line in table[:1] + table[2:4]]
    assert len(set(bar)) == 1
    parsed = list(csv.reader(io.StringIO(format_results(columns, rows, "csv"))))
    assert parsed == [columns, ['甲乙"智算", 中心', "2500000000", ""], ["丙丁", "0.5", "a\nb"]]
    assert json.loads(format_results(columns, rows, "json")) == [
        dict(zip(columns, row)) for row in rows]
    with pytest.raises(ValueError, match="unknown result format 'xml'"):
        format_results(columns, rows, "xml")
