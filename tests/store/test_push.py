"""Graph Store push against real servers started here: Oxigraph always, Virtuoso where
installed (with digest authentication).  The named queries answer over HTTP exactly as
they do embedded; tests/store/test_seed_servers.py does the same with the seed build."""
import pytest

import kg
from kg.rdf.build import build_dataset
from kg.rdf.serialize import write_rdf
from kg.store.embedded import list_queries, query_text
from kg.store.push import PushError, graph_store_url, push
from tests.data.sample import sample_graph
from tests.store.conftest import free_port, http_select

pytestmark = pytest.mark.server

SAMPLE_TRIPLES = len(build_dataset(sample_graph()))

GRAPH = "https://kg.example.org/graph/test"


def named_query_texts():
    texts = {name: query_text(name) for name in list_queries()}
    texts["entity(label)"] = query_text("entity", label="某某能源")
    return texts


def assert_same_answers(sample_build, query_url, default_graph, opener=None):
    embedded = kg.open_graph(sample_build)
    for name, sparql in named_query_texts().items():
        local_columns, local_rows = embedded.select(sparql)
        remote_columns, remote_rows = http_select(query_url, sparql, default_graph, opener)
        assert remote_columns == local_columns, name
        assert sorted(map(repr, remote_rows)) == sorted(map(repr, local_rows)), name
        assert local_rows, name


def count_triples(base, graph=GRAPH, query_path="/query") -> int:
    _, rows = http_select(base + query_path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                          graph)
    return rows[0][0]


def test_graph_store_url():
    assert graph_store_url("http://h/store", None) == "http://h/store?default"
    assert graph_store_url("http://h/store", "https://x.org/g?a=1") == \
        "http://h/store?graph=https%3A%2F%2Fx.org%2Fg%3Fa%3D1"
    assert graph_store_url("http://h/crud?x=1", "urn:g") == "http://h/crud?x=1&graph=urn%3Ag"


def test_push_then_named_queries_answer_as_embedded(oxigraph_server, sample_build):
    result = push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH)
    assert result.status in (200, 201, 204)
    assert result.triples == SAMPLE_TRIPLES and result.bytes_sent > 0
    assert count_triples(oxigraph_server) == result.triples
    assert_same_answers(sample_build, oxigraph_server + "/query", GRAPH)


def test_push_twice_replaces_the_graph(oxigraph_server, sample_build, tmp_path):
    push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH + "/replace")
    smaller = sample_graph()
    smaller.facts = [f for f in smaller.facts if f.predicate != "agreementWith"]
    write_rdf(smaller, tmp_path, formats=())
    second = push(tmp_path, oxigraph_server + "/store", graph_iri=GRAPH + "/replace")
    assert count_triples(oxigraph_server, GRAPH + "/replace") == second.triples
    assert second.triples < SAMPLE_TRIPLES
    _, rows = http_select(oxigraph_server + "/query", query_text("agreements"),
                          GRAPH + "/replace")
    assert rows == []


def test_push_to_the_default_graph(oxigraph_server, sample_build):
    result = push(sample_build, oxigraph_server + "/store")
    assert result.url.endswith("/store?default")
    _, rows = http_select(oxigraph_server + "/query",
                          "ASK { ?s <https://kg.example.org/ontology#investor> ?o }")
    assert rows == [[True]]


def test_failed_push_leaves_the_old_graph(oxigraph_server, sample_build, tmp_path):
    push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH + "/keep")
    with pytest.raises(PushError, match="HTTP 400"):
        push(sample_build, oxigraph_server + "/store", graph_iri="not an iri")
    with pytest.raises(PushError, match="nothing to push: no query store"):
        push(tmp_path, oxigraph_server + "/store", graph_iri=GRAPH + "/keep")
    assert count_triples(oxigraph_server, GRAPH + "/keep") == SAMPLE_TRIPLES


def test_client_error_answer_names_status_and_body(oxigraph_server, sample_build):
    with pytest.raises(PushError) as caught:
        push(sample_build, oxigraph_server + "/no-such-service", graph_iri=GRAPH)
    message = str(caught.value)
    assert message.startswith(f"push to {oxigraph_server}/no-such-service failed: HTTP 404: ")
    assert "\n" not in message and len(message.split("HTTP 404: ")[1]) > 0


def test_closed_port_names_the_endpoint(sample_build):
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match=f"^cannot connect to {endpoint}: connection refused$"):
        push(sample_build, endpoint, graph_iri=GRAPH)


@pytest.mark.parametrize("endpoint, words", [
    ("127.0.0.1:7878/store", "invalid endpoint"),
    ("ftp://127.0.0.1/store", "invalid endpoint"),
])
def test_bad_endpoints_and_schemes(sample_build, endpoint, words):
    with pytest.raises(PushError, match=words):
        push(sample_build, endpoint)
    with pytest.raises(PushError, match="unknown authentication scheme 'oauth'"):
        push(sample_build, "http://127.0.0.1:1/store", auth="oauth")


# --------------------------------------------------------------------------- Virtuoso

def test_virtuoso_push_and_queries(virtuoso_server, sample_build):
    endpoint = virtuoso_server + "/sparql-graph-crud-auth"
    with pytest.raises(PushError, match="authentication failed"):
        push(sample_build, endpoint, graph_iri=GRAPH, user="dba", password="wrong",
             auth="digest")
    result = push(sample_build, endpoint, graph_iri=GRAPH, user="dba", password="dba",
                  auth="digest")
    assert result.status in (200, 201, 204)
    assert_same_answers(sample_build, virtuoso_server + "/sparql", GRAPH)
    again = push(sample_build, endpoint, graph_iri=GRAPH, user="dba", password="dba",
                 auth="digest")
    assert count_triples(virtuoso_server, GRAPH, "/sparql") == again.triples
