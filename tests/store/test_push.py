"""Pushes against real servers started here: Oxigraph, and Virtuoso (with digest
authentication).  A push loads a scratch graph in chunks and replaces the target with one
MOVE; the named queries then answer over HTTP exactly as they do embedded, and a push
that dies midway (the server killed) leaves the old graph whole.
tests/store/test_seed_servers.py does the same with the seed build."""
import os
import signal

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.rdf.build import build_dataset
from kg.rdf.serialize import write_rdf
from kg.store.embedded import list_queries, query_text
from kg.store.push import (PushError, graph_store_url, plan_push, push, scratch_graph_iri,
                           update_endpoint_for)
from tests.data.invented_pages import write_pages
from tests.data.sample import sample_graph
from tests.store.conftest import free_port, http_select, start_oxigraph, stop_process

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
        if name != "conflicts":      # the sample graph has no conflicting figures
            assert local_rows, name


def count_triples(base, graph=GRAPH, query_path="/query") -> int:
    _, rows = http_select(base + query_path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                          graph)
    return rows[0][0]


def graph_exists(base, graph, query_path="/query") -> bool:
    _, rows = http_select(base + query_path, f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return rows == [[True]]


@pytest.fixture(scope="module")
def smaller_build(tmp_path_factory):
    """The sample graph without its agreements: a different build to replace it with."""
    out = tmp_path_factory.mktemp("smaller_build")
    smaller = sample_graph()
    smaller.facts = [f for f in smaller.facts if f.predicate != "agreementWith"]
    write_rdf(smaller, out, formats=())
    return out


def test_graph_store_and_update_urls():
    assert graph_store_url("http://h/store", None) == "http://h/store?default"
    assert graph_store_url("http://h/store", "https://x.org/g?a=1") == \
        "http://h/store?graph=https%3A%2F%2Fx.org%2Fg%3Fa%3D1"
    assert graph_store_url("http://h/crud?x=1", "urn:g") == "http://h/crud?x=1&graph=urn%3Ag"
    assert graph_store_url("http://h/store", "urn:g", no_transaction=True) == \
        "http://h/store?graph=urn%3Ag&no_transaction"
    assert update_endpoint_for("http://h:7878/store") == "http://h:7878/update"
    assert update_endpoint_for("http://h/sparql-graph-crud-auth") == "http://h/sparql-auth"
    assert update_endpoint_for("http://h/sparql-graph-crud") == "http://h/sparql"
    assert update_endpoint_for("https://h/ds/data") == "https://h/ds/update"
    assert update_endpoint_for("http://h/rdf-graphs/service") is None
    assert scratch_graph_iri("https://x.org/g") == "https://x.org/g.kg-push-scratch"
    assert scratch_graph_iri(None).startswith("urn:")


def test_push_then_named_queries_answer_as_embedded(oxigraph_server, sample_build):
    result = push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH)
    assert result.status in (200, 201, 204)
    assert result.triples == SAMPLE_TRIPLES and result.bytes_sent > 0
    assert result.no_transaction and result.replaced_by == "MOVE"
    assert (result.chunks, result.requests) == (1, 3)
    assert result.update_endpoint == oxigraph_server + "/update"
    assert count_triples(oxigraph_server) == result.triples
    assert not graph_exists(oxigraph_server, result.scratch_graph)
    assert_same_answers(sample_build, oxigraph_server + "/query", GRAPH)


def test_push_twice_replaces_the_graph(oxigraph_server, sample_build, smaller_build):
    push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH + "/replace")
    second = push(smaller_build, oxigraph_server + "/store", graph_iri=GRAPH + "/replace")
    assert count_triples(oxigraph_server, GRAPH + "/replace") == second.triples
    assert second.triples < SAMPLE_TRIPLES
    _, rows = http_select(oxigraph_server + "/query", query_text("agreements"),
                          GRAPH + "/replace")
    assert rows == []


@pytest.mark.parametrize("no_transaction", [True, False])
def test_push_in_chunks_with_progress(oxigraph_server, sample_build, no_transaction):
    graph = f"{GRAPH}/chunks/{no_transaction}"
    seen = []
    result = push(sample_build, oxigraph_server + "/store", graph_iri=graph,
                  no_transaction=no_transaction, chunk_bytes=4096,
                  on_progress=lambda *event: seen.append(event))
    assert result.chunks > 5 and result.requests == result.chunks + 2
    assert result.no_transaction is no_transaction
    loaded = [done for stage, done, total in seen if stage == "load"]
    assert loaded == sorted(loaded) and len(loaded) == result.chunks
    assert loaded[-1] == SAMPLE_TRIPLES
    assert seen[-2:] == [("replace", 0, 1), ("replace", 1, 1)]
    assert count_triples(oxigraph_server, graph) == SAMPLE_TRIPLES
    assert_same_answers(sample_build, oxigraph_server + "/query", graph)


def test_plan_cuts_chunks_at_line_ends(sample_build):
    plan = plan_push(sample_build, "http://127.0.0.1:1/store", GRAPH, chunk_bytes=1000)
    assert plan.triples == SAMPLE_TRIPLES
    assert sum(c.size for c in plan.chunks) == plan.bytes
    assert all(c.size <= 1000 or c.triples == 1 for c in plan.chunks)
    assert [c.offset for c in plan.chunks] == \
        [sum(c.size for c in plan.chunks[:n]) for n in range(len(plan.chunks))]


def test_push_to_the_default_graph(oxigraph_server, sample_build):
    result = push(sample_build, oxigraph_server + "/store")
    assert result.graph_iri is None
    _, rows = http_select(oxigraph_server + "/query",
                          "ASK { ?s <https://kg.example.org/ontology#investor> ?o }")
    assert rows == [[True]]
    assert count_triples(oxigraph_server, None) >= SAMPLE_TRIPLES


def test_failed_push_leaves_the_old_graph(oxigraph_server, sample_build, tmp_path):
    push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH + "/keep")
    with pytest.raises(PushError, match="invalid graph IRI 'not an iri'"):
        push(sample_build, oxigraph_server + "/store", graph_iri="not an iri")
    with pytest.raises(PushError, match="nothing to push: no query store"):
        push(tmp_path, oxigraph_server + "/store", graph_iri=GRAPH + "/keep")
    with pytest.raises(PushError, match="^no update endpoint known for .*--update-endpoint"):
        push(sample_build, oxigraph_server + "/rdf-graphs", graph_iri=GRAPH + "/keep")
    assert count_triples(oxigraph_server, GRAPH + "/keep") == SAMPLE_TRIPLES


def test_killed_server_leaves_the_old_graph(sample_build, smaller_build, tmp_path):
    """The server is killed (SIGKILL) after the second chunk of a push: after a restart the
    old graph is there and whole, and the next push clears the scratch and succeeds."""
    location, port = tmp_path / "oxigraph", free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_oxigraph(location, port)
    try:
        push(sample_build, base + "/store", graph_iri=GRAPH)

        def kill_after_two_chunks(stage, done, total):
            if stage == "load" and done < total and kill_after_two_chunks.chunks == 1:
                os.kill(server.pid, signal.SIGKILL)
                server.wait()
            kill_after_two_chunks.chunks += 1
        kill_after_two_chunks.chunks = 0

        with pytest.raises(PushError) as caught:
            push(smaller_build, base + "/store", graph_iri=GRAPH, chunk_bytes=2048,
                 on_progress=kill_after_two_chunks)
        message = str(caught.value)
        assert "loading chunk 3/" in message and message.endswith(f"<{GRAPH}> is unchanged")
        assert "\n" not in message
    finally:
        stop_process(server, timeout=10)

    server = start_oxigraph(location, port)
    try:
        assert count_triples(base, GRAPH) == SAMPLE_TRIPLES
        assert_same_answers(sample_build, base + "/query", GRAPH)
        assert 0 < count_triples(base, scratch_graph_iri(GRAPH)) < SAMPLE_TRIPLES
        again = push(smaller_build, base + "/store", graph_iri=GRAPH, chunk_bytes=2048)
        assert count_triples(base, GRAPH) == again.triples < SAMPLE_TRIPLES
        assert not graph_exists(base, scratch_graph_iri(GRAPH))
    finally:
        stop_process(server, timeout=10)


def test_client_error_answer_names_status_and_body(oxigraph_server, sample_build):
    with pytest.raises(PushError) as caught:
        push(sample_build, oxigraph_server + "/no-such-service", graph_iri=GRAPH,
             update_endpoint=oxigraph_server + "/update")
    message = str(caught.value)
    assert message.startswith(f"push to {oxigraph_server}/no-such-service failed while "
                              f"loading chunk 1/1 into the scratch graph: HTTP 404: ")
    assert message.endswith(f"<{GRAPH}> is unchanged") and "\n" not in message


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
    with pytest.raises(PushError, match="invalid update endpoint"):
        push(sample_build, "http://127.0.0.1:1/store", update_endpoint="/update")


# --------------------------------------------------------------------------- a user's base

USER_BASE = "https://data.example.com/kg/"


@pytest.fixture(scope="module")
def user_base_build(tmp_path_factory):
    """Invented pages built with ``--base-iri``."""
    out = tmp_path_factory.mktemp("user_base_build")
    kg.build(write_pages(tmp_path_factory.mktemp("pages")), out, base_iri=USER_BASE)
    return out


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_a_build_under_the_users_base_pushed_and_queried(request, server, user_base_build):
    base = request.getfixturevalue(f"{server}_server")
    if server == "oxigraph":
        store, query = base + "/store", base + "/query"
        credentials = {}
    else:
        store, query = base + "/sparql-graph-crud-auth", base + "/sparql"
        credentials = {"user": "dba", "password": "dba", "auth": "digest"}
    graph = USER_BASE + "graph"
    result = push(user_base_build, store, graph_iri=graph, **credentials)
    _, rows = http_select(query, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }", graph)
    assert len(rows) > 20 and all(s.startswith(USER_BASE) for [s] in rows)
    _, rows = http_select(query, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER("
                                 "CONTAINS(STR(?s), 'kg.example.org') || "
                                 "(isIRI(?o) && CONTAINS(STR(?o), 'kg.example.org') && "
                                 "!STRSTARTS(STR(?o), 'https://kg.example.org/ontology#')) || "
                                 "!STRSTARTS(STR(?p), 'http')) }", graph)
    assert rows == [[0]]
    assert count_triples(base, graph, query.removeprefix(base)) == result.triples
    entity = query_text("entity", label="丙丁能源有限公司")
    local = kg.open_graph(user_base_build).select(entity)
    remote = http_select(query, entity, graph)
    assert local[1] and remote[0] == local[0]
    assert sorted(map(repr, remote[1])) == sorted(map(repr, local[1]))
    assert any(str(value).startswith(USER_BASE + "id/") for row in local[1] for value in row)


# --------------------------------------------------------------------------- the command

def test_dry_run_prints_the_requests_and_sends_nothing(oxigraph_server, sample_build):
    graph = GRAPH + "/dry"
    result = CliRunner().invoke(main, ["push", str(sample_build), "--endpoint",
                                       oxigraph_server + "/store", "--graph", graph,
                                       "--dry-run"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"target graph:    <{graph}> at {oxigraph_server}/store" in out
    assert f"scratch graph:   <{scratch_graph_iri(graph)}>" in out
    assert f"triples:         {SAMPLE_TRIPLES:,} (" in out
    assert f"DROP SILENT GRAPH <{scratch_graph_iri(graph)}>" in out
    assert "chunk 1/1" in out and f"MOVE GRAPH <{scratch_graph_iri(graph)}>" in out
    assert "nothing sent" in result.stderr
    assert count_triples(oxigraph_server, graph) == 0
    closed = CliRunner().invoke(main, ["push", str(sample_build), "--endpoint",
                                       f"http://127.0.0.1:{free_port()}/store", "--dry-run",
                                       "--no-transaction"])
    assert closed.exit_code == 0 and "&no_transaction  chunk 1/1" in closed.stdout


def test_push_command_says_what_it_did(oxigraph_server, sample_build, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["push", str(sample_build), "--endpoint",
                                  oxigraph_server + "/store", "--graph", GRAPH + "/cli"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"pushed {SAMPLE_TRIPLES:,} triples into <{GRAPH}/cli> "
                                    f"at {oxigraph_server}/store in ")
    assert "replaced by MOVE, 3 requests" in result.stdout
    failed = runner.invoke(main, ["push", str(tmp_path), "--endpoint",
                                  oxigraph_server + "/store"])
    assert failed.exit_code == 1
    assert failed.stderr.startswith("kg: error: nothing to push: no query store in ")
    assert failed.stderr.count("\n") == 1


# --------------------------------------------------------------------------- Virtuoso

def test_virtuoso_push_and_queries(virtuoso_server, sample_build, smaller_build):
    endpoint = virtuoso_server + "/sparql-graph-crud-auth"
    with pytest.raises(PushError, match="authentication failed"):
        push(sample_build, endpoint, graph_iri=GRAPH, user="dba", password="wrong",
             auth="digest")
    result = push(sample_build, endpoint, graph_iri=GRAPH, user="dba", password="dba",
                  auth="digest")
    assert result.status in (200, 201, 204) and result.replaced_by == "MOVE"
    assert result.update_endpoint == virtuoso_server + "/sparql-auth"
    assert not result.no_transaction
    assert count_triples(virtuoso_server, GRAPH, "/sparql") == SAMPLE_TRIPLES
    assert_same_answers(sample_build, virtuoso_server + "/sparql", GRAPH)
    again = push(smaller_build, endpoint, graph_iri=GRAPH, user="dba", password="dba",
                 auth="digest", chunk_bytes=8192)
    assert again.chunks > 1
    assert count_triples(virtuoso_server, GRAPH, "/sparql") == again.triples < SAMPLE_TRIPLES
    assert not graph_exists(virtuoso_server, scratch_graph_iri(GRAPH), "/sparql")
