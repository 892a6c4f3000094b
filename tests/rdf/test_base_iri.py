"""`kg build --base-iri`: every IRI a build makes (entities, articles, statements, value
nodes, memberships, roles) is under the user's namespace, and only the ontology's terms
stay under kg.example.org; an update keeps the build's base and refuses another; a bad
base is a one-line error.  Pushing such a build to a server: tests/store/test_push.py."""
import json
import re
import threading

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.checkpoint import read_manifest, recorded_base_iri
from kg.cli import main
from kg.link.iri import (DEFAULT_BASE, BaseIriError, article_iri, check_base, current_base,
                         entity_iri, key_of_iri, using_base)
from kg.pipeline import BuildError
from kg.rdf import vocabulary as V
from tests.data.invented_pages import write_pages

BASE = "https://data.example.com/kg/"
ONTOLOGY = "https://kg.example.org/ontology"
VOCABULARIES = (V.RDF, V.RDFS, V.OWL, V.XSD, V.SKOS, V.SCHEMA, V.ORG, V.PROV, V.DCTERMS,
                V.WD, V.WDT)
KINDS = {"id", "article", "statement", "value", "membership", "role"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return write_pages(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def custom_build(pages, tmp_path_factory):
    out = tmp_path_factory.mktemp("custom")
    kg.build(pages, out, base_iri=BASE)
    return out


def named_nodes(build) -> set[str]:
    store = ox.Store.read_only(str(build / "store"))
    iris = set()
    for quad in store:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
    return iris


@pytest.mark.parametrize("base", [
    "https://data.example.com/kg/", "http://example.com/g#", "https://例子.中国/图谱/"])
def test_good_bases(base):
    assert check_base(base) == base


@pytest.mark.parametrize("base, problem", [
    ("data.example.com/kg/", "expected an absolute http:// or https:// IRI"),
    ("ftp://data.example.com/", "expected an absolute http:// or https:// IRI"),
    ("https:///kg/", "expected an absolute http:// or https:// IRI"),
    ("https://data.example.com/kg", "expected it to end in / or #"),
    ("https://data.example.com/a#b#", "a # may only end it"),
    ("https://data.example.com/a b/", "a space or a character IRIs forbid"),
    ("https://data.example.com/<a>/", "a space or a character IRIs forbid"),
])
def test_bad_bases(base, problem):
    with pytest.raises(BaseIriError, match=re.escape(problem)):
        check_base(base)


def test_base_holds_inside_the_block_and_this_thread_only():
    seen = []
    with using_base(BASE):
        assert entity_iri("company/ab") == BASE + "id/company/ab"
        assert article_iri("page#2") == BASE + "article/page/2"
        assert V.statement_iri("x").startswith(BASE + "statement/")
        assert key_of_iri(BASE + "id/company/ab") == "company/ab"
        with pytest.raises(ValueError):
            key_of_iri(DEFAULT_BASE + "id/company/ab")
        thread = threading.Thread(target=lambda: seen.append(current_base()))
        thread.start()
        thread.join()
    assert seen == [DEFAULT_BASE]
    assert current_base() == DEFAULT_BASE
    assert entity_iri("company/ab") == DEFAULT_BASE + "id/company/ab"


def test_every_iri_is_under_the_base_but_the_ontology(custom_build):
    iris = named_nodes(custom_build)
    strays = sorted(iri for iri in iris if not iri.startswith((BASE, ONTOLOGY, *VOCABULARIES)))
    assert strays == []
    kinds = {iri[len(BASE):].split("/")[0] for iri in iris if iri.startswith(BASE)}
    assert KINDS <= kinds
    ontology_terms = {iri for iri in iris if iri.startswith(ONTOLOGY)}
    assert ontology_terms and all(iri.startswith(V.KG) for iri in ontology_terms)
    turtle = (custom_build / "graph.ttl").read_text(encoding="utf-8")
    assert re.findall(r"kg\.example\.org[^\s>]*", turtle) == ["kg.example.org/ontology#"]
    for name in ("entities.jsonl", "facts.jsonl"):
        text = (custom_build / name).read_text(encoding="utf-8")
        assert "kg.example.org" not in text
    ids = [json.loads(line)["id"] for line in
           (custom_build / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids and all(i.startswith(BASE + "id/") for i in ids)
    for name in ("graph.html", "report.md", "graph.graphml", "nodes.csv", "edges.csv"):
        assert "kg.example.org" not in (custom_build / name).read_text(encoding="utf-8")


def test_the_same_base_gives_identical_outputs(pages, custom_build, tmp_path):
    kg.build(pages, tmp_path, base_iri=BASE)
    for name in ("graph.ttl", "entities.jsonl", "facts.jsonl", "cache/manifest.json"):
        assert (tmp_path / name).read_bytes() == (custom_build / name).read_bytes(), name


def test_the_base_is_recorded_and_kept_by_update(pages, tmp_path):
    out = tmp_path / "build"
    first = run("build", pages[0], "-o", out, "--base-iri", BASE)
    assert first.exit_code == 0, first.output
    assert read_manifest(out).base_iri == BASE == recorded_base_iri(out)
    other = run("build", "--update", out, pages[1], "--base-iri", "https://other.example.com/")
    assert other.exit_code == 1
    assert other.stderr == (f"kg: error: {out}: built with base IRI {BASE}: --update keeps "
                            f"it (leave out --base-iri or give that one)\n")
    kept = run("build", "--update", out, pages[1])
    assert kept.exit_code == 0, kept.output
    assert read_manifest(out).base_iri == BASE
    assert {iri for iri in named_nodes(out) if not iri.startswith((ONTOLOGY, *VOCABULARIES))
            and not iri.startswith(BASE)} == set()
    assert "invented_b" in (out / "facts.jsonl").read_text(encoding="utf-8")
    same = run("build", "--update", out, pages[1], "--base-iri", BASE)
    assert same.exit_code == 0, same.output


def test_view_finds_an_entity_by_its_iri(custom_build, tmp_path):
    line = (custom_build / "entities.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    iri = json.loads(line)["id"]
    result = run("view", custom_build, iri, "-o", tmp_path / "view.html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "view.html").is_file()


def test_a_bad_base_is_one_line_and_builds_nothing(pages, tmp_path):
    result = run("build", *pages, "-o", tmp_path / "out", "--base-iri", "data.example.com/kg/")
    assert result.exit_code == 1
    assert result.stderr == (f"kg: error: {tmp_path / 'out'}: invalid base IRI "
                             f"'data.example.com/kg/': expected an absolute http:// or "
                             f"https:// IRI\n")
    assert not (tmp_path / "out").exists()
    with pytest.raises(BuildError, match="expected it to end in / or #"):
        kg.build(pages, tmp_path / "api", base_iri="https://data.example.com/kg")
