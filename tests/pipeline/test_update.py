"""`kg build --update`: adding pages to a build gives the build of all pages, and keeps IRIs."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.checkpoint import MANIFEST, cache_folder
from kg.cli import main
from kg.continuity import kept_keys, rename_entities
from kg.link.iri import ENTITY_BASE
from kg.records import Entity, KnowledgeGraph, LinkedFact, Source

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def kg(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for page in sorted(SEEDS.glob("*.txt")):
        shutil.copy(page, folder / page.name)
    return sorted(folder.glob("*.txt"))


@pytest.fixture(scope="module")
def one_build(pages, tmp_path_factory):
    out = tmp_path_factory.mktemp("one-build")
    kg("build", *pages, "-o", out)
    return out


def rows(path: Path, renamed: dict[str, str]) -> list[str]:
    """The rows of a JSON-lines file with entity IRIs renamed, in a canonical order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for key in ("id", "subject", "object", "parent"):
            if row.get(key) in renamed:
                row[key] = renamed[row[key]]
        out.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return sorted(out)


def entities(path: Path) -> list[dict]:
    text = (path / "entities.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("first", [2, 3], ids=["2+3", "3+2"])
def test_two_halves_with_update_equal_one_build(pages, one_build, tmp_path, first):
    out = tmp_path / "build"
    kg("build", *pages[:first], "-o", out)
    half = entities(out)
    # The first half's pages are gone: the update must not read them again.
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    for page in pages[:first]:
        shutil.move(page, hidden / page.name)
    try:
        kg("build", "--update", out, *pages[first:])
    finally:
        for page in pages[:first]:
            shutil.move(hidden / page.name, page)

    assert_same_graph(out, one_build)
    kept = json.loads((cache_folder(out) / MANIFEST).read_text(encoding="utf-8"))["kept_iris"]
    assert kept == {}      # on the seeds no IRI depends on the order pages came in
    # Every entity of the first half still there is still under a first-half IRI.
    updated = entities(out)
    half_ids = {e["id"] for e in half}
    for before in half:
        now = [e for e in updated
               if before["label"] == e["label"] or before["label"] in e["aliases"]]
        assert not now or any(e["id"] in half_ids for e in now), before["label"]


def assert_same_graph(updated: Path, one_build: Path) -> None:
    """Same articles; up to the IRIs the update kept, the same entities and facts."""
    assert (updated / "articles.jsonl").read_bytes() == (one_build / "articles.jsonl").read_bytes()
    manifest = json.loads((cache_folder(updated) / MANIFEST).read_text(encoding="utf-8"))
    kept = {ENTITY_BASE + old: ENTITY_BASE + new for new, old in manifest["kept_iris"].items()}
    if not kept:
        for name in ("entities.jsonl", "facts.jsonl", "graph.ttl"):
            assert (updated / name).read_bytes() == (one_build / name).read_bytes(), name
    for name in ("entities.jsonl", "facts.jsonl"):
        assert rows(updated / name, kept) == rows(one_build / name, {}), name


def test_a_page_of_the_same_name_replaces_the_old_one(pages, one_build, tmp_path):
    out, fresh = tmp_path / "updated", tmp_path / "fresh"
    shutil.copytree(one_build, out)
    page = pages[1]
    text = page.read_text(encoding="utf-8")
    try:
        page.write_text(text[: len(text) // 2], encoding="utf-8")
        kg("build", "--update", out, page)
        kg("build", *pages, "-o", fresh)
    finally:
        page.write_text(text, encoding="utf-8")
    assert_same_graph(out, fresh)
    assert (out / "cache/extractions.jsonl.gz").read_bytes() == \
        (fresh / "cache/extractions.jsonl.gz").read_bytes()


def test_update_without_a_cache_is_refused_in_one_line(tmp_path):
    out = tmp_path / "not-a-build"
    out.mkdir()
    result = CliRunner().invoke(main, ["build", "--update", str(out), str(SEEDS)])
    assert result.exit_code == 1
    assert result.output == f"kg: error: {out}: no extraction cache; rebuild without --update\n"


def test_update_with_a_cache_of_other_extraction_code_is_refused(tmp_path):
    out = tmp_path / "build"
    page = sorted(SEEDS.glob("*.txt"))[0]
    kg("build", page, "-o", out)
    manifest_path = cache_folder(out) / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["fingerprint"] = "0" * 32
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    before = (out / "entities.jsonl").read_bytes()
    result = CliRunner().invoke(main, ["build", "--update", str(out), str(SEEDS)])
    assert result.exit_code == 1
    assert result.output.startswith(f"kg: error: {out}: extraction cache was made by other")
    assert len(result.output.splitlines()) == 1
    assert (out / "entities.jsonl").read_bytes() == before


def test_an_update_keeps_the_recogniser_of_its_build(tmp_path):
    out = tmp_path / "build"
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    kg("build", first, "-o", out, "--recogniser", "rules")
    manifest = json.loads((cache_folder(out) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["recogniser"] == "rules"
    before = (out / "entities.jsonl").read_bytes()
    refused = CliRunner().invoke(main, ["build", "--update", str(out), str(second),
                                        "--recogniser", "hybrid"])
    assert refused.exit_code == 1 and len(refused.output.splitlines()) == 1
    assert "built with the rules recogniser" in refused.output
    assert (out / "entities.jsonl").read_bytes() == before
    kg("build", "--update", out, second)
    manifest = json.loads((cache_folder(out) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["recogniser"] == "rules"
    # The update equals a rules build of both pages at once.
    both = tmp_path / "both"
    kg("build", first, second, "-o", both, "--recogniser", "rules")
    assert (out / "entities.jsonl").read_bytes() == (both / "entities.jsonl").read_bytes()


# ---------------------------------------------------------------------------- kept IRIs

def company(key: str, label: str, *aliases: str, type_: str = "Company") -> Entity:
    return Entity(key, type_, label, sorted(aliases), ["p"], ["p#1"])


def test_an_entity_whose_name_grew_keeps_its_previous_key():
    previous = [company("company/short", "甲乙科技"), company("company/other", "丙丁能源")]
    current = [company("company/full", "某某甲乙科技有限公司", "甲乙科技"),
               company("company/other", "丙丁能源")]
    assert kept_keys(previous, current) == {"company/full": "company/short"}


def test_unchanged_keys_and_areas_are_left_alone():
    area = Entity("area/659900", "AdminArea", "甲乙市", ["甲乙"], [], [], code="659900")
    previous = [company("company/a", "甲乙科技"), area]
    current = [company("company/a", "甲乙科技", "甲乙"), area,
               company("company/b", "甲乙科技集团", "甲乙科技")]
    assert kept_keys(previous, current) == {}


def test_two_previous_entities_merged_give_one_key_same_type_first():
    previous = [company("company/x", "甲乙"), company("organization/y", "甲乙科技", type_="Organization")]
    current = [company("company/z", "某某甲乙科技有限公司", "甲乙", "甲乙科技")]
    assert kept_keys(previous, current) == {"company/z": "company/x"}


def test_one_previous_key_goes_to_one_new_entity():
    previous = [company("company/x", "甲乙")]
    current = [company("company/m", "甲乙科技", "甲乙"), company("company/n", "甲乙能源", "甲乙")]
    assert kept_keys(previous, current) == {"company/m": "company/x"}


def test_renaming_moves_fact_ends_and_keeps_output_order():
    source = Source("p", "p#1", 0, 4, "甲乙科技与丙丁能源签约。")
    graph = KnowledgeGraph(
        [company("company/b", "丙丁能源"), company("company/z", "某某甲乙科技有限公司")],
        [LinkedFact("company/b", "agreementWith", [source], object="company/z")], [])
    renamed = rename_entities(graph, {"company/z": "company/a"})
    assert [e.id for e in renamed.entities] == ["company/a", "company/b"]
    assert (renamed.facts[0].subject, renamed.facts[0].object) == ("company/b", "company/a")
    assert renamed.entity("company/a").label == "某某甲乙科技有限公司"
