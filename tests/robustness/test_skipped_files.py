"""`kg build` on a crawl with bad files in it: the bad files are skipped, named, and listed.

A folder of good pages plus an empty, a binary and a GB18030-broken file builds the graph
of the good pages (the same bytes as a build of the good pages alone), warns once per bad
file on stderr, lists them in skipped.jsonl and the report, and exits 0.  ``--strict``
stops at the first one; a folder of bad files only is an error; worker processes, a Dask
cluster and ``--update`` give the same result.
"""
import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.lock import LOCK_NAME
from kg.pipeline import STAGING_PREFIX, BuildError, build
from kg.skipped import SKIPPED, SkippedFile

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"page-a.txt": ROOT / "seeds" / "001_b5f6d1c0c24e5e41.txt",
        "page-b.txt": ROOT / "seeds" / "003_72a8bf094540c9d4.txt"}
# The graph of the good pages: these files do not depend on what was skipped.
GRAPH_FILES = ("entities.jsonl", "facts.jsonl", "articles.jsonl", "graph.ttl",
               "link-report.md", "nodes.csv", "edges.csv")
# Everything a build writes that must not depend on how the pages were analysed.
ALL_FILES = GRAPH_FILES + (SKIPPED, "report.md", "report.html", "cache/extractions.jsonl.gz",
                           "cache/manifest.json")


def broken_gb18030() -> bytes:
    """A GB18030 page with one byte no GB18030 (nor UTF-8) text can hold, in the middle."""
    before = "# 某某县召开项目推进会\n\n本报讯 某某县召开重点项目推进会议，".encode("gb18030")
    after = "会议要求各部门加快建设进度，确保项目按期投产。\n".encode("gb18030")
    return before + b"\xff" + after


BAD = {"empty.txt": (b"", "empty file"),
       "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
                      "binary content"),
       "broken.txt": (broken_gb18030(), "undecodable content")}


def kg(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def write_pages(folder: Path, bad=BAD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in GOOD.items():
        shutil.copy(source, folder / name)
    for name, (content, _problem) in bad.items():
        (folder / name).write_bytes(content)
    return folder


def files_of(out: Path, names=ALL_FILES) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in names}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    return write_pages(tmp_path_factory.mktemp("mixed") / "pages")


@pytest.fixture(scope="module")
def mixed_build(mixed, tmp_path_factory):
    out = tmp_path_factory.mktemp("mixed-build")
    result = kg("build", mixed, "-o", out)
    return out, result


@pytest.fixture(scope="module")
def good_build(mixed, tmp_path_factory):
    """The good pages of the mixed folder alone (articles record their page's path)."""
    out = tmp_path_factory.mktemp("good")
    result = kg("build", *(mixed / name for name in GOOD), "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_a_mixed_folder_builds_the_good_pages_and_exits_0(mixed_build, good_build):
    out, result = mixed_build
    assert result.exit_code == 0, result.output
    assert files_of(out, GRAPH_FILES) == files_of(good_build, GRAPH_FILES)
    assert "Traceback" not in result.output


def test_each_skipped_file_is_one_warning_line_naming_it_and_its_problem(mixed, mixed_build):
    _out, result = mixed_build
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("kg: warning: ")]
    assert len(warnings) == 3 and lines[:3] == warnings      # first, in path order
    for line, name in zip(warnings, sorted(BAD)):
        assert line.startswith(f"kg: warning: {mixed / name}: skipped: {BAD[name][1]}"), line
    assert lines[3].endswith("; 3 files skipped (skipped.jsonl)")
    assert len(lines) == 4


def test_skipped_jsonl_lists_every_skipped_file_with_its_reason(mixed, mixed_build):
    out, _result = mixed_build
    rows = [json.loads(line) for line in (out / SKIPPED).read_text(encoding="utf-8").splitlines()]
    assert [row["path"] for row in rows] == [str(mixed / name) for name in sorted(BAD)]
    for row, name in zip(rows, sorted(BAD)):
        assert row["problem"].startswith(BAD[name][1]) and row["previous_kept"] is False
    broken_at = BAD["broken.txt"][0].index(b"\xff")
    assert f"not GB18030 at byte {broken_at})" in rows[1]["problem"]      # located


def test_the_report_lists_the_skipped_files(mixed, mixed_build, good_build):
    out, _result = mixed_build
    markdown = (out / "report.md").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "## Files skipped (3)" in markdown and "<h2>Files skipped (3)</h2>" in html
    for name in BAD:
        row = next(line for line in markdown.splitlines() if str(mixed / name) in line)
        assert BAD[name][1] in row
        assert str(mixed / name) in html
    assert "Files skipped" not in (good_build / "report.md").read_text(encoding="utf-8")
    assert (good_build / SKIPPED).read_bytes() == b""


def test_python_build_returns_the_skipped_files(mixed, tmp_path):
    result = build([mixed], tmp_path)
    assert [(s.path, s.problem.split(" (")[0]) for s in result.skipped] == [
        (str(mixed / name), BAD[name][1]) for name in sorted(BAD)]
    assert result.analysed == 2 and result.documents == 2


def test_two_worker_processes_give_the_same_bytes(mixed, mixed_build, tmp_path):
    out, _result = mixed_build
    result = kg("build", mixed, "-o", tmp_path, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert result.stderr == mixed_build[1].stderr
    assert files_of(tmp_path) == files_of(out)


def test_a_dask_cluster_gives_the_same_bytes(mixed, mixed_build, tmp_path):
    from dask.distributed import LocalCluster
    out, _result = mixed_build
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        result = build([mixed], tmp_path, scheduler=cluster.scheduler_address)
    assert len(result.skipped) == 3
    assert files_of(tmp_path) == files_of(out)


@pytest.fixture
def previous(good_build, tmp_path):
    """A build folder with outputs, and a check that a failed build left them alone."""
    out = tmp_path / "previous"
    shutil.copytree(good_build, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    yield out
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not (out / LOCK_NAME).exists() and not list(out.glob(f"{STAGING_PREFIX}*"))


def test_strict_stops_at_the_first_bad_file(mixed, previous):
    result = kg("build", mixed, "-o", previous, "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"kg: error: {mixed / 'binary.txt'}: binary content (contains NUL bytes)\n"


def test_a_folder_of_bad_files_only_is_one_line_error(tmp_path, previous):
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, (content, _problem) in BAD.items():
        (bad / name).write_bytes(content)
    result = kg("build", bad, "-o", previous)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"kg: error: {bad}: no page file could be read (3 skipped: ")
    for name in BAD:
        assert str(bad / name) in result.stderr


def test_one_bad_file_alone_is_its_own_error(tmp_path, previous):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = kg("build", empty, "-o", previous)
    assert (result.exit_code, result.stderr) == (1, f"kg: error: {empty}: empty file\n")


def test_an_update_that_cannot_read_a_new_version_keeps_the_previous_one(mixed, good_build,
                                                                        tmp_path):
    out = tmp_path / "out"
    shutil.copytree(good_build, out)
    newer = tmp_path / "newer"
    newer.mkdir()
    (newer / "page-a.txt").write_bytes(b"")                   # a truncated download
    shutil.copy(ROOT / "seeds" / "002_f8a0a0ecf1756ce7.txt", newer / "page-c.txt")
    result = kg("build", "--update", out, newer / "page-a.txt", newer / "page-c.txt")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (f"kg: warning: {newer / 'page-a.txt'}: skipped: "
                                             f"empty file; the previous version of the page is kept")
    docs = {json.loads(line)["doc"] for line in open(out / "articles.jsonl", encoding="utf-8")}
    assert docs == {"page-a", "page-b", "page-c"}
    manifest = json.loads((out / "cache" / "manifest.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in manifest["documents"] if d["doc"] == "page-a"] == [
        str(mixed / "page-a.txt")]                                 # the cache kept the old one
    rows = [json.loads(line) for line in (out / SKIPPED).read_text(encoding="utf-8").splitlines()]
    assert rows == [{"path": str(newer / "page-a.txt"), "problem": "empty file",
                     "previous_kept": True}]

    # A later update keeps the entry of the file it does not read again ...
    shutil.copy(ROOT / "seeds" / "004_dadbec2719c67ee0.txt", newer / "page-d.txt")
    result = kg("build", "--update", out, newer / "page-d.txt")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert [json.loads(line)["path"] for line in (out / SKIPPED).read_text().splitlines()] == [
        str(newer / "page-a.txt")]
    # ... and drops it once the page is read.
    shutil.copy(GOOD["page-a.txt"], newer / "page-a.txt")
    result = kg("build", "--update", out, newer / "page-a.txt")
    assert result.exit_code == 0, result.output
    assert (out / SKIPPED).read_bytes() == b""


def test_an_update_whose_new_files_are_all_bad_is_an_error(good_build, previous, tmp_path):
    empty = tmp_path / "page-c.txt"
    empty.write_bytes(b"")
    result = kg("build", "--update", previous, empty)
    assert (result.exit_code, result.stderr) == (1, f"kg: error: {empty}: empty file\n")


def test_files_that_cannot_be_read_at_all_are_skipped(tmp_path):
    """Too large (a sparse file: no disk used), a dangling link, a socket: none is read."""
    pages = write_pages(tmp_path / "pages", bad={})
    with open(pages / "huge.txt", "wb") as handle:
        handle.truncate(150_000_000)
    os.symlink(tmp_path / "gone.txt", pages / "dangling.txt")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(pages / "socket.txt"))
        result = build([pages], tmp_path / "out")
    assert result.skipped == [
        SkippedFile(str(pages / "dangling.txt"),
                    f"broken link (to {tmp_path / 'gone.txt'}, which does not exist)"),
        SkippedFile(str(pages / "huge.txt"), "too large (150.0 MB; pages over 100 MB are not read)"),
        SkippedFile(str(pages / "socket.txt"), "not a regular file (a socket or a device)")]


def test_a_strict_python_build_raises_naming_the_file(mixed, tmp_path):
    with pytest.raises(BuildError) as caught:
        build([mixed], tmp_path, strict=True)
    assert str(caught.value) == f"{mixed / 'binary.txt'}: binary content (contains NUL bytes)"
