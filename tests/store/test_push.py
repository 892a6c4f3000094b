"""Pushes against real servers started here: Oxigraph, and Virtuoso (with digest
authentication).  A push into an empty graph loads it directly; a push onto a graph that
holds triples replaces it atomically: on Oxigraph with one PUT (or, asked to, a scratch
graph loaded in chunks and one MOVE), on Virtuoso with the scratch graph and MOVE.  The
named queries then answer over HTTP exactly as they do embedded; a replacing push that
dies midway (the server killed) leaves the old graph whole, and a first push that dies
leaves a partial graph that the next push replaces.
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
from kg.store.push import (ATOMIC, DIRECT, PushError, graph_store_url, plan_push, push,
                           query_endpoint_for, scratch_graph_iri, update_endpoint_for)
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
    assert query_endpoint_for("http://h:7878/store") == "http://h:7878/query"
    assert query_endpoint_for("http://h/sparql-graph-crud-auth") == "http://h/sparql-auth"
    assert query_endpoint_for("http://h/sparql-graph-crud") == "http://h/sparql"
    assert query_endpoint_for("https://h/ds/data") == "https://h/ds/query"
    assert query_endpoint_for("http://h/rdf-graphs/service") is None
    assert scratch_graph_iri("https://x.org/g") == "https://x.org/g.kg-push-scratch"
    assert scratch_graph_iri(None).startswith("urn:")


def test_first_push_goes_straight_into_the_empty_graph(oxigraph_server, sample_build):
    result = push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH)
    assert result.status in (200, 201, 204)
    assert result.triples == SAMPLE_TRIPLES and result.bytes_sent > 0
    assert result.no_transaction and result.path == DIRECT and result.replaced_by == ""
    assert (result.chunks, result.requests) == (1, 2)        # the question, the chunk
    assert result.update_endpoint == oxigraph_server + "/update"
    assert count_triples(oxigraph_server, GRAPH) == result.triples
    assert not graph_exists(oxigraph_server, result.scratch_graph)
    assert_same_answers(sample_build, oxigraph_server + "/query", GRAPH)


def test_second_push_replaces_the_graph_atomically(oxigraph_server, sample_build,
                                                   smaller_build):
    first = push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH + "/replace")
    second = push(smaller_build, oxigraph_server + "/store", graph_iri=GRAPH + "/replace")
    assert (first.path, second.path) == (DIRECT, ATOMIC)
    assert second.replaced_by == "PUT" and (second.chunks, second.requests) == (1, 2)
    assert count_triples(oxigraph_server, GRAPH + "/replace") == second.triples
    assert second.triples < SAMPLE_TRIPLES
    assert not graph_exists(oxigraph_server, second.scratch_graph)
    _, rows = http_select(oxigraph_server + "/query", query_text("agreements"),
                          GRAPH + "/replace")
    assert rows == []


@pytest.mark.parametrize("no_transaction, replace_with", [(True, None), (False, "MOVE")])
def test_push_in_chunks_with_progress(oxigraph_server, sample_build, no_transaction,
                                      replace_with):
    """A first push and a second one, in chunks of 4 kB: both report the triples sent
    after each chunk, the second the replacement too."""
    graph = f"{GRAPH}/chunks/{no_transaction}"
    replaced_by = replace_with or "PUT"
    for path in (DIRECT, ATOMIC):
        seen = []
        result = push(sample_build, oxigraph_server + "/store", graph_iri=graph,
                      no_transaction=no_transaction, replace_with=replace_with,
                      chunk_bytes=4096, on_progress=lambda *event: seen.append(event))
        assert result.path == path and result.chunks > 5
        assert result.replaced_by == ("" if path == DIRECT else replaced_by)
        assert result.requests == {"": result.chunks + 1, "PUT": 2,
                                   "MOVE": result.chunks + 3}[result.replaced_by]
        assert result.no_transaction is no_transaction
        loaded = [done for stage, done, total in seen if stage == "load"]
        assert loaded == sorted(loaded) and len(loaded) == result.chunks
        assert loaded[-1] == SAMPLE_TRIPLES
        replaced = [event for event in seen if event[0] == "replace"]
        assert replaced == ([] if path == DIRECT else [("replace", 0, 1), ("replace", 1, 1)])
        assert count_triples(oxigraph_server, graph) == SAMPLE_TRIPLES
        assert_same_answers(sample_build, oxigraph_server + "/query", graph)


def test_a_question_the_server_refuses_makes_the_push_atomic(oxigraph_server, sample_build):
    graph = GRAPH + "/unasked"
    refused = oxigraph_server + "/no-such-query-service"
    plan = plan_push(sample_build, oxigraph_server + "/store", graph,
                     query_endpoint=refused)
    assert plan.path == ATOMIC and plan.target_empty is None
    assert "did not answer whether the target holds triples (HTTP 404" in plan.describe()
    result = push(sample_build, oxigraph_server + "/store", graph_iri=graph,
                  query_endpoint=refused)
    assert result.path == ATOMIC and result.replaced_by == "PUT"
    assert count_triples(oxigraph_server, graph) == SAMPLE_TRIPLES
    assert not graph_exists(oxigraph_server, scratch_graph_iri(graph))


def test_plan_cuts_chunks_at_line_ends(sample_build):
    plan = plan_push(sample_build, "http://127.0.0.1:1/store", GRAPH, chunk_bytes=1000)
    assert plan.triples == SAMPLE_TRIPLES
    assert sum(c.size for c in plan.chunks) == plan.bytes
    assert all(c.size <= 1000 or c.triples == 1 for c in plan.chunks)
    assert [c.offset for c in plan.chunks] == \
        [sum(c.size for c in plan.chunks[:n]) for n in range(len(plan.chunks))]


def test_push_to_the_default_graph(oxigraph_server, sample_build, smaller_build):
    result = push(sample_build, oxigraph_server + "/store")
    assert result.graph_iri is None and result.path == DIRECT
    _, rows = http_select(oxigraph_server + "/query",
                          "ASK { ?s <https://kg.example.org/ontology#investor> ?o }")
    assert rows == [[True]]
    assert count_triples(oxigraph_server, None) == SAMPLE_TRIPLES
    again = push(smaller_build, oxigraph_server + "/store")
    assert again.path == ATOMIC and again.replaced_by == "PUT"
    assert count_triples(oxigraph_server, None) == again.triples < SAMPLE_TRIPLES
    moved = push(sample_build, oxigraph_server + "/store", replace_with="MOVE")
    assert moved.path == ATOMIC and moved.replaced_by == "MOVE"
    assert count_triples(oxigraph_server, None) == SAMPLE_TRIPLES
    assert not graph_exists(oxigraph_server, scratch_graph_iri(None))


def test_failed_push_leaves_the_old_graph(oxigraph_server, sample_build, tmp_path):
    push(sample_build, oxigraph_server + "/store", graph_iri=GRAPH + "/keep")
    with pytest.raises(PushError, match="invalid graph IRI 'not an iri'"):
        push(sample_build, oxigraph_server + "/store", graph_iri="not an iri")
    with pytest.raises(PushError, match="nothing to push: no query store"):
        push(tmp_path, oxigraph_server + "/store", graph_iri=GRAPH + "/keep")
    with pytest.raises(PushError, match="^no update endpoint known for .*--update-endpoint"):
        push(sample_build, oxigraph_server + "/rdf-graphs", graph_iri=GRAPH + "/keep")
    assert count_triples(oxigraph_server, GRAPH + "/keep") == SAMPLE_TRIPLES


def killer_after_two_chunks(server):
    """A progress callback that kills ``server`` (SIGKILL) once two chunks are loaded."""
    def kill_after_two_chunks(stage, done, total):
        if stage == "load" and done < total and kill_after_two_chunks.chunks == 1:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
        kill_after_two_chunks.chunks += 1
    kill_after_two_chunks.chunks = 0
    return kill_after_two_chunks


@pytest.mark.parametrize("replace_with", ["PUT", "MOVE"])
def test_killed_server_leaves_the_old_graph(sample_build, smaller_build, tmp_path,
                                            replace_with):
    """The server is killed (SIGKILL) once two chunks of a replacing (atomic) push are
    sent, the body of its PUT or the scratch graph's POSTs: after a restart the old graph
    is there and whole, and the next push (clearing the scratch graph) succeeds."""
    location, port = tmp_path / "oxigraph", free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_oxigraph(location, port)
    try:
        assert push(sample_build, base + "/store", graph_iri=GRAPH).path == DIRECT
        plan = plan_push(smaller_build, base + "/store", GRAPH, replace_with=replace_with)
        assert (plan.path, plan.replacement) == (ATOMIC, replace_with)
        with pytest.raises(PushError) as caught:
            push(smaller_build, base + "/store", graph_iri=GRAPH, chunk_bytes=2048,
                 replace_with=replace_with, on_progress=killer_after_two_chunks(server))
        message = str(caught.value)
        assert ("while replacing the graph with one PUT: " if replace_with == "PUT" else
                "while loading chunk 3/") in message
        assert message.endswith(f"<{GRAPH}> is unchanged") and "\n" not in message
    finally:
        stop_process(server, timeout=10)

    server = start_oxigraph(location, port)
    try:
        assert count_triples(base, GRAPH) == SAMPLE_TRIPLES
        assert_same_answers(sample_build, base + "/query", GRAPH)
        scratch = count_triples(base, scratch_graph_iri(GRAPH))
        assert 0 < scratch < SAMPLE_TRIPLES if replace_with == "MOVE" else scratch == 0
        again = push(smaller_build, base + "/store", graph_iri=GRAPH, chunk_bytes=2048,
                     replace_with=replace_with)
        assert again.path == ATOMIC and again.replaced_by == replace_with
        assert count_triples(base, GRAPH) == again.triples < SAMPLE_TRIPLES
        assert not graph_exists(base, scratch_graph_iri(GRAPH))
    finally:
        stop_process(server, timeout=10)


def test_killed_first_push_leaves_a_partial_graph_the_next_replaces(sample_build, tmp_path):
    """A first push (direct) killed after two chunks leaves part of the build under the
    target's name, as documented; the next push sees it, takes the atomic path and leaves
    the whole build."""
    location, port = tmp_path / "oxigraph", free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_oxigraph(location, port)
    try:
        with pytest.raises(PushError) as caught:
            push(sample_build, base + "/store", graph_iri=GRAPH, chunk_bytes=2048,
                 on_progress=killer_after_two_chunks(server))
        message = str(caught.value)
        assert "loading chunk 3/" in message and "into the target graph" in message
        assert message.endswith(f"<{GRAPH}> may hold part of the build, which the next "
                                f"push replaces atomically") and "\n" not in message
    finally:
        stop_process(server, timeout=10)

    server = start_oxigraph(location, port)
    try:
        assert 0 < count_triples(base, GRAPH) < SAMPLE_TRIPLES
        assert not graph_exists(base, scratch_graph_iri(GRAPH))
        again = push(sample_build, base + "/store", graph_iri=GRAPH, chunk_bytes=2048)
        assert again.path == ATOMIC and again.replaced_by == "PUT"
        assert count_triples(base, GRAPH) == SAMPLE_TRIPLES
        assert_same_answers(sample_build, base + "/query", GRAPH)
    finally:
        stop_process(server, timeout=10)


@pytest.mark.parametrize("replace_with, doing", [
    ("PUT", "replacing the graph with one PUT"),
    ("MOVE", "loading chunk 1/1 into the scratch graph"),
])
def test_client_error_answer_names_status_and_body(oxigraph_server, sample_build,
                                                   replace_with, doing):
    with pytest.raises(PushError) as caught:      # no query endpoint known: atomic
        push(sample_build, oxigraph_server + "/no-such-service", graph_iri=GRAPH,
             update_endpoint=oxigraph_server + "/update", replace_with=replace_with)
    message = str(caught.value)
    assert message.startswith(f"push to {oxigraph_server}/no-such-service failed while "
                              f"{doing}: HTTP 404: ")
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

def test_dry_run_says_which_path_and_sends_nothing(oxigraph_server, sample_build):
    graph = GRAPH + "/dry"
    command = ["push", str(sample_build), "--endpoint", oxigraph_server + "/store",
               "--graph", graph, "--dry-run"]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"target graph:    <{graph}> at {oxigraph_server}/store" in out
    assert "path:            direct (the target holds no triples" in out
    assert f"query endpoint:  {oxigraph_server}/query" in out
    assert f"triples:         {SAMPLE_TRIPLES:,} (" in out
    assert f"  1. POST {oxigraph_server}/query  ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" in out
    assert f"  2. POST {graph_store_url(oxigraph_server + '/store', graph, True)}  chunk 1/1" \
        in out
    assert "scratch" not in out and "MOVE" not in out and "  3. " not in out
    assert "nothing sent" in result.stderr
    assert count_triples(oxigraph_server, graph) == 0

    push(sample_build, oxigraph_server + "/store", graph_iri=graph)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "path:            atomic (the target holds triples: one PUT replaces it in one " \
        "transaction)" in out
    assert f"  2. PUT {graph_store_url(oxigraph_server + '/store', graph)}  the whole build: " \
        f"{SAMPLE_TRIPLES:,} triples" in out
    assert "scratch" not in out and "  3. " not in out

    out = plan_push(sample_build, oxigraph_server + "/store", graph, chunk_bytes=8192,
                    replace_with="MOVE").describe()
    scratch = scratch_graph_iri(graph)
    assert "path:            atomic (the target holds triples: a scratch graph, then one " \
        "MOVE)" in out
    assert f"scratch graph:   <{scratch}>" in out
    assert f"  2. POST {oxigraph_server}/update  DROP SILENT GRAPH <{scratch}>" in out
    assert f"  3. POST {graph_store_url(oxigraph_server + '/store', scratch, True)}  chunk 1/" \
        in out
    assert f". POST {oxigraph_server}/update  MOVE GRAPH <{scratch}> TO GRAPH <{graph}>" in out
    assert count_triples(oxigraph_server, scratch) == 0

    closed = CliRunner().invoke(main, ["push", str(sample_build), "--endpoint",
                                       f"http://127.0.0.1:{free_port()}/store", "--dry-run",
                                       "--no-transaction"])
    assert closed.exit_code == 0 and "&no_transaction  chunk 1/1" in closed.stdout
    assert "path:            atomic (the server could not be asked: cannot connect to " \
        in closed.stdout


def test_push_command_says_what_it_did(oxigraph_server, sample_build, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["push", str(sample_build), "--endpoint",
                                  oxigraph_server + "/store", "--graph", GRAPH + "/cli"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"pushed {SAMPLE_TRIPLES:,} triples into <{GRAPH}/cli> "
                                    f"at {oxigraph_server}/store in ")
    assert "without transaction straight into the empty graph, 2 requests)" in result.stdout
    again = runner.invoke(main, ["push", str(sample_build), "--endpoint",
                                 oxigraph_server + "/store", "--graph", GRAPH + "/cli"])
    assert again.exit_code == 0, again.output
    assert "(replaced by one PUT, 2 requests)" in again.stdout
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
    graph = GRAPH + "/virtuoso"
    result = push(sample_build, endpoint, graph_iri=graph, user="dba", password="dba",
                  auth="digest")
    assert result.status in (200, 201, 204) and result.path == DIRECT
    assert result.update_endpoint == virtuoso_server + "/sparql-auth"
    assert not result.no_transaction
    assert count_triples(virtuoso_server, graph, "/sparql") == SAMPLE_TRIPLES
    assert_same_answers(sample_build, virtuoso_server + "/sparql", graph)
    again = push(smaller_build, endpoint, graph_iri=graph, user="dba", password="dba",
                 auth="digest", chunk_bytes=8192)
    assert again.path == ATOMIC and again.replaced_by == "MOVE" and again.chunks > 1
    assert count_triples(virtuoso_server, graph, "/sparql") == again.triples < SAMPLE_TRIPLES
    assert not graph_exists(virtuoso_server, scratch_graph_iri(graph), "/sparql")
