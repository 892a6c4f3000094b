"""The RDF of the seed pages: conforms to the shapes, round-trips, and the named queries
have answers.  Uses the whole pipeline (about 5 s), so it is marked slow."""
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.rdf.serialize import write_rdf
from kg.rdf.validate import validate

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    from kg.ingest import iter_articles
    from kg.link.resolve import Linker
    from kg.pipeline import extract_all

    linker = Linker()
    for article_facts in extract_all(iter_articles(sorted(SEEDS.glob("*.txt")))):
        linker.add(article_facts)
    out = tmp_path_factory.mktemp("seed_build")
    write_rdf(linker.result(), out, formats=("ttl", "nq"))
    return out


def test_seed_build_has_no_violations(seed_build):
    assert validate(seed_build) == []


def test_seed_turtle_and_nquads_agree_with_the_store(seed_build):
    store = ox.Store.read_only(str(seed_build / "store"))
    in_store = {(str(q.subject), str(q.predicate), str(q.object)) for q in store}
    turtle = {(str(q.subject), str(q.predicate), str(q.object))
              for q in ox.parse(path=str(seed_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    quads = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
             for q in ox.parse(path=str(seed_build / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert turtle == in_store
    assert {q[:3] for q in quads} == in_store and len(in_store) > 1000


@pytest.mark.parametrize("name", ["projects_by_area", "investors", "positions", "agreements",
                                  "provenance"])
def test_seed_named_queries_have_answers(seed_build, name):
    assert kg.open_graph(seed_build).named_query(name)


def test_seed_entity_query_finds_a_compute_centre_by_alias(seed_build):
    graph = kg.open_graph(seed_build)
    alias = graph.query("SELECT ?alias WHERE { ?c a kg:ComputeCenter ; skos:altLabel ?alias } "
                        "ORDER BY ?alias LIMIT 1")[0]["alias"]
    rows = graph.named_query("entity", label=alias)
    assert any(row["property"] == "locatedIn" for row in rows)
