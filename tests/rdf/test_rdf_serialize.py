"""Serialisations: every format parses back to the same triples/quads with rdflib and
pyoxigraph, bytes are reproducible, writes are atomic, the store is swapped whole."""
import json
import os

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.rdf import vocabulary as V
from kg.rdf.build import build_dataset
from kg.rdf.serialize import FORMATS, RdfFormatError, write_rdf
from kg.records import LinkedFact
from tests.data.sample import sample_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
             "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
             "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads",
                 "jsonld": "json-ld"}


def _ox_term(term) -> str:
    return str(term)   # N-Triples form


def expected(with_graphs: bool) -> set[tuple]:
    quads = build_dataset(sample_graph()).quads()
    return {(_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object),
             "" if not with_graphs or isinstance(q.graph_name, ox.DefaultGraph)
             else _ox_term(q.graph_name))
            for q in quads}


def parsed_with_oxigraph(path, fmt: str) -> set[tuple]:
    return {(_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object),
             "" if isinstance(q.graph_name, ox.DefaultGraph) else _ox_term(q.graph_name))
            for q in ox.parse(path=str(path), format=OX_FORMAT[fmt])}


def parsed_with_rdflib(path, fmt: str) -> set[tuple]:
    dataset = rdflib.Dataset()
    dataset.parse(str(path), format=RDFLIB_FORMAT[fmt])
    out = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else g.n3()
        out.add((s.n3(), p.n3(), o.n3(), graph))
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_back_with_oxigraph(sample_build, fmt):
    assert parsed_with_oxigraph(sample_build / f"graph.{fmt}", fmt) == \
        expected(FORMATS[fmt].has_graphs)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_back_with_rdflib(sample_build, fmt):
    got = parsed_with_rdflib(sample_build / f"graph.{fmt}", fmt)
    want = expected(FORMATS[fmt].has_graphs)
    assert len(got) == len(want) > 150
    assert got == want


def test_turtle_holds_provenance_and_the_store_holds_named_graphs(sample_build):
    turtle = parsed_with_oxigraph(sample_build / "graph.ttl", "ttl")
    assert any(p == f"<{V.EVIDENCE}>" for _, p, _, _ in turtle)
    store = ox.Store.read_only(str(sample_build / "store"))
    assert len(list(store.named_graphs())) == 3
    assert {(str(q.subject), str(q.predicate), str(q.object),
             "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name))
            for q in store} == expected(True)


def test_escaping_round_trips_in_every_format(tmp_path):
    graph = sample_graph()
    nasty = '甲乙"</script><b>\'\\n\n第二行\t>\r'
    graph.entities[3].label = nasty
    graph.articles[0] = graph.articles[0].__class__(
        "page_a#1", "page_a", "seeds/page a\\\"x\".txt", "标题\n<script>", (), "2025-04-03",
        None, 1)
    write_rdf(graph, tmp_path, formats=tuple(FORMATS), store=False)
    for fmt in FORMATS:
        objects = {q.object.value for q in ox.parse(path=str(tmp_path / f"graph.{fmt}"),
                                                    format=OX_FORMAT[fmt])
                   if isinstance(q.object, ox.Literal)}
        assert nasty in objects, fmt
        assert "标题\n<script>" in objects, fmt
        assert 'seeds/page a\\"x".txt' in objects, fmt
        labels = {str(o) for o in rdflib.Dataset().parse(
            str(tmp_path / f"graph.{fmt}"), format=RDFLIB_FORMAT[fmt]).objects()}
        assert nasty in labels, fmt


def test_same_graph_gives_the_same_bytes(tmp_path, sample_build):
    shuffled = sample_graph()
    shuffled.entities.reverse()
    shuffled.facts.reverse()
    shuffled.articles.reverse()
    write_rdf(shuffled, tmp_path, formats=tuple(FORMATS), store=False)
    for fmt in FORMATS:
        name = f"graph.{fmt}"
        assert (tmp_path / name).read_bytes() == (sample_build / name).read_bytes(), name


def test_turtle_is_readable(sample_build):
    text = (sample_build / "graph.ttl").read_text(encoding="utf-8")
    assert text.startswith("@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    assert text.count("@prefix") == len(V.PREFIXES)
    assert 'rdfs:label "甲乙智算中心"@zh' in text
    assert "kg:locatedIn <https://kg.example.org/id/area/659900>" in text


def test_turtle_describes_each_subject_in_one_block_in_record_order(sample_build):
    """graph.ttl is the text the store was loaded from: one block per subject (entities
    by id first, the provenance statements last), no triple twice."""
    text = (sample_build / "graph.ttl").read_text(encoding="utf-8")
    subjects = [line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("<")]
    assert len(subjects) == len(set(subjects))
    assert len(subjects) == len({q.subject for q in build_dataset(sample_graph()).quads()})
    entities = [s for s in subjects if s.startswith("<https://kg.example.org/id/")]
    assert entities == sorted(entities) and subjects[:len(entities)] == entities
    assert all("/statement/" in s for s in subjects[-3:])
    triples = [q for q in ox.parse(path=str(sample_build / "graph.ttl"),
                                   format=ox.RdfFormat.TURTLE)]
    assert len(triples) == len(set(map(str, triples))) == len(expected(False))


def test_jsonld_uses_the_context_terms(sample_build):
    document = json.loads((sample_build / "graph.jsonld").read_text(encoding="utf-8"))
    context = json.loads((V.ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context["@context"]
    centre = next(node for node in document["@graph"]
                  if node["@id"].endswith("computecenter/aaaa000000000001"))
    assert centre["@type"] == "ComputeCenter"
    assert centre["label"] == "甲乙智算中心"
    assert centre["locatedIn"] == "https://kg.example.org/id/area/659900"
    article = next(node for node in document["@graph"] if "@graph" in node
                   and node["@id"].endswith("page_a/1"))
    assert all(statement["@type"] == "Statement" for statement in article["@graph"])


def test_unknown_format_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(RdfFormatError, match="unknown RDF format 'rdfxml'"):
        write_rdf(sample_graph(), tmp_path, formats=("ttl", "rdfxml"))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_leaves_the_previous_output_whole(tmp_path):
    write_rdf(sample_graph(), tmp_path, formats=("ttl", "nq"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    broken = sample_graph()
    broken.facts.append(LinkedFact("person/cccc000000000001", "likes", [], object="x"))
    with pytest.raises(ValueError, match="unknown predicate 'likes'"):
        write_rdf(broken, tmp_path, formats=("ttl", "nq"))
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before
    assert sorted(os.listdir(tmp_path)) == ["graph.nq", "graph.ttl", "store"]


def test_rewriting_swaps_the_store_in_whole(tmp_path):
    write_rdf(sample_graph(), tmp_path, formats=())
    smaller = sample_graph()
    smaller.facts = smaller.facts[:2]
    write_rdf(smaller, tmp_path, formats=())
    store = ox.Store.read_only(str(tmp_path / "store"))
    statements = list(store.quads_for_pattern(None, ox.NamedNode(V.TYPE),
                                              ox.NamedNode(V.STATEMENT), None))
    assert len(statements) == 2
    assert sorted(os.listdir(tmp_path)) == ["store"]


def test_written_files_are_world_readable(sample_build):
    mask = os.umask(0)
    os.umask(mask)
    assert (sample_build / "graph.ttl").stat().st_mode & 0o777 == 0o666 & ~mask
    assert (sample_build / "store").stat().st_mode & 0o777 == 0o777 & ~mask


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 10_000])
def test_prefix_block_is_replaced_whatever_the_write_sizes(chunk):
    import io

    from kg.rdf.serialize import _SkipPrefixLines

    produced = (b"@prefix b: <http://b/> .\n@prefix a: <http://a/> .\n"
                b"<http://x> a:p \"@prefix not a header\" .\n@prefix c: <http://c/> .\n")
    target = io.BytesIO()
    sink = _SkipPrefixLines(target)
    for start in range(0, len(produced), chunk):
        sink.write(produced[start:start + chunk])
    sink.close()
    assert target.getvalue() == (b"<http://x> a:p \"@prefix not a header\" .\n"
                                 b"@prefix c: <http://c/> .\n")


def test_two_writes_of_the_same_graph_give_the_same_turtle_and_store(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    write_rdf(sample_graph(), first, formats=("ttl",))
    write_rdf(sample_graph(), second, formats=("ttl",))
    assert (first / "graph.ttl").read_bytes() == (second / "graph.ttl").read_bytes()
    dumps = [ox.Store.read_only(str(out / "store")).dump(format=ox.RdfFormat.N_QUADS)
             for out in (first, second)]
    assert dumps[0] == dumps[1] and len(dumps[0]) > 10_000


def test_loading_in_many_small_batches_gives_the_same_store_and_files(tmp_path, monkeypatch,
                                                                     sample_build):
    import kg.rdf.build as build

    batches = []
    original = ox.Store.bulk_load

    def counting(store, *args, **kwargs):
        batches.append(1)
        return original(store, *args, **kwargs)

    monkeypatch.setattr(build, "LOAD_LINES", 40)
    monkeypatch.setattr(ox.Store, "bulk_load", counting)
    write_rdf(sample_graph(), tmp_path, formats=tuple(FORMATS))
    assert len(batches) >= 4
    for fmt in FORMATS:
        name = f"graph.{fmt}"
        assert (tmp_path / name).read_bytes() == (sample_build / name).read_bytes(), name
    assert {str(q) for q in ox.Store.read_only(str(tmp_path / "store"))} == \
        {str(q) for q in ox.Store.read_only(str(sample_build / "store"))}


def test_a_record_error_half_way_through_the_load_leaves_nothing_behind(tmp_path,
                                                                        monkeypatch):
    import kg.rdf.build as build

    write_rdf(sample_graph(), tmp_path, formats=("ttl",))
    before = (tmp_path / "graph.ttl").read_bytes()
    monkeypatch.setattr(build, "LOAD_LINES", 5)   # several batches are in before the error
    broken = sample_graph()
    broken.articles[-1] = broken.articles[-1].__class__(
        broken.articles[-1].id, "page_b", "page_b.txt", None, (), "yesterday", None, 1)
    with pytest.raises(ValueError, match="has a date that is not yyyy-mm-dd"):
        write_rdf(broken, tmp_path, formats=("ttl",))
    assert (tmp_path / "graph.ttl").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["graph.ttl", "store"]
    assert len(ox.Store.read_only(str(tmp_path / "store"))) == len(expected(True))
