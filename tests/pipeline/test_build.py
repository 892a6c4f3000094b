"""The whole path on the seed pages: `kg build` through the real CLI and every stage."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_the_outputs_html_first(seed_build):
    out, output = seed_build
    for name in ("entities.jsonl", "facts.jsonl", "graph.ttl", "graph.html", "report.md"):
        assert (out / name).stat().st_size > 0, name
    printed = [line for line in output.splitlines() if line.startswith(str(out))]
    assert printed[0].endswith("graph.html")


def test_every_fact_has_evidence_and_a_known_doc(seed_build):
    out, _ = seed_build
    stems = {p.stem for p in SEEDS.glob("*.txt")}
    entities = {json.loads(l)["id"] for l in open(out / "entities.jsonl", encoding="utf-8")}
    facts = [json.loads(l) for l in open(out / "facts.jsonl", encoding="utf-8")]
    assert facts
    for fact in facts:
        assert fact["doc"] in stems and fact["evidence"]
        assert fact["subject"] in entities
        assert fact.get("object", fact["subject"]) in entities


def test_evidence_offsets_point_into_the_source(seed_build):
    out, _ = seed_build
    for line in open(out / "facts.jsonl", encoding="utf-8"):
        fact = json.loads(line)
        source = (SEEDS / f"{fact['doc']}.txt").read_text(encoding="utf-8")
        span = source[fact["start"]:fact["end"]]
        assert span and span[0] == fact["evidence"][0]


def test_same_input_gives_identical_files(seed_build, tmp_path):
    out, _ = seed_build
    again = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path)])
    assert again.exit_code == 0, again.output
    for name in ("entities.jsonl", "facts.jsonl", "graph.ttl"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_bad_input_gives_one_line_and_keeps_the_old_build(seed_build, tmp_path):
    out, _ = seed_build
    before = (out / "entities.jsonl").read_bytes()
    missing = CliRunner().invoke(main, ["build", str(tmp_path / "nope"), "-o", str(out)])
    assert missing.exit_code != 0
    assert "nope" in missing.output and len(missing.output.strip().splitlines()) == 1
    binary = tmp_path / "page.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(main, ["build", str(binary), "-o", str(out)])
    assert result.exit_code != 0 and "page.txt" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["build", str(empty), "-o", str(out)])
    assert result.exit_code != 0 and "empty" in result.output
    assert (out / "entities.jsonl").read_bytes() == before


@pytest.mark.skipif(not (SHARED / "gold" / "seeds-dev.jsonl").exists(),
                    reason="../shared/gold is not beside the checkout (it is on CI)")
def test_seed_build_scores_against_the_visible_gold(seed_build):
    out, _ = seed_build
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"),
                          str(SHARED / "gold" / "seeds-dev.jsonl"), str(out), "--json"],
                         capture_output=True, text=True, check=True)
    report = json.loads(run.stdout[: run.stdout.rindex("}") + 1])
    # Floors a little under today's figures, so that a regression is caught.
    assert report["entities"]["ALL"]["f1"] >= 0.80
    assert report["facts"]["ALL"]["f1"] >= 0.60


def test_a_build_tunes_the_cycle_collector_only_while_it_runs(tmp_path):
    import gc

    from kg.pipeline import GC_THRESHOLDS, build, collector_tuned
    before = gc.get_threshold()
    with collector_tuned():
        assert gc.get_threshold() == GC_THRESHOLDS and gc.get_freeze_count() > 0
    page = tmp_path / "page.txt"
    page.write_text("哈密市丙丁智算中心开工。", encoding="utf-8")
    build([page], tmp_path / "out")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
