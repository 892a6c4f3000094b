"""The seed build pushed to real SPARQL servers started here on 127.0.0.1 (Oxigraph, and
Virtuoso, which must run as root): the server holds as many triples as the embedded
store, and every named query answers over HTTP as it does embedded."""
import pytest

import kg
from kg.store.embedded import list_queries, query_text
from kg.store.push import push
from tests.store.conftest import http_select

pytestmark = [pytest.mark.server, pytest.mark.slow]

SEED_GRAPH = "https://kg.example.org/graph/seeds"


def seed_queries(build) -> dict[str, str]:
    """Every named query without parameters, and ``entity`` for the entity named in the
    most articles, by its label and by one of its aliases."""
    texts = {name: query_text(name) for name in list_queries()}
    graph = kg.open_graph(build)
    top = graph.query("SELECT ?e ?label (COUNT(?a) AS ?n) WHERE { ?a kg:mentions ?e . "
                      "?e rdfs:label ?label } GROUP BY ?e ?label ORDER BY DESC(?n) ?e LIMIT 1")
    assert top, "the seed build mentions no entity"
    texts["entity(label)"] = query_text("entity", label=top[0]["label"])
    alias = graph.query("SELECT ?alias WHERE { ?e skos:altLabel ?alias ; kg:locatedIn ?p } "
                        "ORDER BY ?alias LIMIT 1")
    assert alias, "no located entity of the seed build has an alias"
    texts["entity(alias)"] = query_text("entity", label=alias[0]["alias"])
    return texts


def assert_same_answers(build, query_url: str, graph_iri: str) -> None:
    embedded = kg.open_graph(build)
    for name, sparql in seed_queries(build).items():
        local_columns, local_rows = embedded.select(sparql)
        remote_columns, remote_rows = http_select(query_url, sparql, graph_iri)
        assert remote_columns == local_columns, name
        if name != "conflicts":          # the seeds need not disagree
            assert local_rows, f"{name}: no answer from the embedded store"
        assert sorted(map(repr, remote_rows)) == sorted(map(repr, local_rows)), name


def embedded_triples(build) -> int:
    [row] = kg.open_graph(build).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return row["n"]


def test_seed_build_on_oxigraph_answers_as_embedded(oxigraph_server, seed_build):
    result = push(seed_build, oxigraph_server + "/store", graph_iri=SEED_GRAPH)
    assert result.status in (200, 201, 204) and result.triples > 1000
    _, rows = http_select(oxigraph_server + "/query",
                          "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", SEED_GRAPH)
    assert rows == [[result.triples]] == [[embedded_triples(seed_build)]]
    assert_same_answers(seed_build, oxigraph_server + "/query", SEED_GRAPH)


def test_seed_build_on_virtuoso_answers_as_embedded(virtuoso_server, seed_build):
    result = push(seed_build, virtuoso_server + "/sparql-graph-crud-auth", graph_iri=SEED_GRAPH,
                  user="dba", password="dba", auth="digest")
    assert result.status in (200, 201, 204) and result.triples > 1000
    _, rows = http_select(virtuoso_server + "/sparql",
                          "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", SEED_GRAPH)
    assert rows == [[result.triples]] == [[embedded_triples(seed_build)]]
    assert_same_answers(seed_build, virtuoso_server + "/sparql", SEED_GRAPH)
