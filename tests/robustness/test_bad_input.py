"""`kg build` on the input an archive really has: other encodings, HTML, junk, huge, vanishing.

Every case is a real build through the CLI (or ``build()`` where a callback is needed):
either it succeeds, or it stops with one line ``kg: error: <path>: <problem>``, exit status
1, no traceback, and the previous outputs of the folder untouched.  A page file that cannot
be read is skipped with one warning line (tests/robustness/test_skipped_files.py has the
mixed folder); with ``--strict`` it stops the build as above.
"""
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import iter_articles
from kg.lock import LOCK_NAME
from kg.pipeline import STAGING_PREFIX, BuildError, build
from kg.skipped import SkippedFile

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "seeds" / "001_b5f6d1c0c24e5e41.txt"
OTHER_PAGE = ROOT / "seeds" / "003_72a8bf094540c9d4.txt"


def run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def run_split(*args):
    """Exit status, stdout and stderr of one `kg` command."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, output: str, names: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output
    assert len(output.splitlines()) == 1, output
    assert output.startswith("kg: error: ") and names in output, output


@pytest.fixture(scope="module")
def utf8_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("utf8")
    shutil.copy(PAGE, folder / "page.txt")
    out = folder / "out"
    code, output = run("build", folder / "page.txt", "-o", out)
    assert code == 0, output
    return out


@pytest.fixture
def previous(utf8_build, tmp_path):
    """A build folder with outputs in it, and a check that they were left alone."""
    out = tmp_path / "previous"
    shutil.copytree(utf8_build, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    yield out
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not (out / LOCK_NAME).exists() and not list(out.glob(f"{STAGING_PREFIX}*"))


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_gb18030_and_bom_pages_build_the_same_graph(utf8_build, tmp_path, encoding):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE.read_text(encoding="utf-8").encode(encoding))
    code, output = run("build", page, "-o", tmp_path / "out")
    assert code == 0, output
    for name in ("entities.jsonl", "facts.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (utf8_build / name).read_bytes(), name


def test_an_html_page_builds_from_its_text(utf8_build, tmp_path):
    paragraphs = [p for p in PAGE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = "".join(f"<h1>{p[2:]}</h1>" if p.startswith("# ") else f"<p>{p}</p>"
                   for p in paragraphs)
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>页面</title><style>p {{}}</style>"
                    f"<script>var inject = '<p>新疆某某不存在有限公司</p>';</script></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    code, output = run("build", page, "-o", tmp_path / "out")
    assert code == 0, output
    labels = {json.loads(line)["label"] for line in open(tmp_path / "out" / "entities.jsonl",
                                                         encoding="utf-8")}
    expected = {json.loads(line)["label"] for line in open(utf8_build / "entities.jsonl",
                                                           encoding="utf-8")}
    assert "新疆某某不存在有限公司" not in labels
    assert len(labels & expected) >= 0.8 * len(expected)


@pytest.mark.parametrize("content, problem", [
    (bytes(range(256)) * 8, "binary"),
    (random.Random(0).randbytes(4096).replace(b"\0", b"\1"), "undecodable"),
    (b"", "empty"),
    (b"  \n\n\t \n", "empty"),
], ids=["bytes-with-nul", "random-bytes", "empty", "blank"])
def test_a_junk_file_is_one_line_naming_it(previous, tmp_path, content, problem):
    """With --strict: the build stops, and the folder keeps its previous outputs."""
    junk = tmp_path / "junk.txt"
    junk.write_bytes(content)
    code, output = run("build", PAGE, junk, "-o", previous, "--strict")
    assert_one_line_error(code, output, f"{junk}: ")
    assert problem in output


@pytest.mark.parametrize("content, problem", [
    (bytes(range(256)) * 8, "binary"),
    (random.Random(0).randbytes(4096).replace(b"\0", b"\1"), "undecodable"),
    (b"", "empty"),
    (b"  \n\n\t \n", "empty"),
], ids=["bytes-with-nul", "random-bytes", "empty", "blank"])
def test_a_junk_file_is_one_warning_line_and_the_page_builds(utf8_build, tmp_path, content,
                                                              problem):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(content)
    shutil.copy(PAGE, tmp_path / "page.txt")
    code, stdout, stderr = run_split("build", tmp_path / "page.txt", junk, "-o", tmp_path / "out")
    assert code == 0, stderr
    assert "Traceback" not in stderr
    warning, summary = stderr.splitlines()
    assert warning.startswith(f"kg: warning: {junk}: skipped: ") and problem in warning
    assert summary.endswith("; 1 file skipped (skipped.jsonl)")
    for name in ("entities.jsonl", "facts.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (utf8_build / name).read_bytes()


def test_an_empty_folder_and_a_missing_path_are_one_line(previous, tmp_path):
    (tmp_path / "empty").mkdir()
    assert_one_line_error(*run("build", tmp_path / "empty", "-o", previous),
                          str(tmp_path / "empty"))
    assert_one_line_error(*run("build", tmp_path / "nope.txt", "-o", previous),
                          f"{tmp_path / 'nope.txt'}: no such file")


def test_two_pages_of_one_name_are_refused(previous, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(PAGE, tmp_path / folder / "page.txt")
    code, output = run("build", tmp_path / "a", tmp_path / "b", "-o", previous)
    assert_one_line_error(code, output, "same document name 'page'")


def vanishing_pages(folder: Path) -> tuple[Path, Callable]:
    """Two pages, and an on_article callback that deletes the second while the first is
    linked (before the second is read: one process reads them in order)."""
    folder.mkdir()
    first, second = folder / "a.txt", folder / "b.txt"
    shutil.copy(PAGE, first)
    shutil.copy(OTHER_PAGE, second)

    def delete_the_second(article):
        if article.doc == "a":
            second.unlink(missing_ok=True)

    return second, delete_the_second


def test_a_page_that_vanishes_mid_build_is_skipped_naming_it(tmp_path):
    second, delete_the_second = vanishing_pages(tmp_path / "inputs")
    result = build([tmp_path / "inputs"], tmp_path / "out", on_article=delete_the_second)
    assert result.skipped == [SkippedFile(str(second), "no such file or folder")]
    assert {a.doc for a in result.graph.articles} == {"a"}


def test_with_strict_a_page_that_vanishes_mid_build_stops_the_build(previous, tmp_path):
    """The message names it, and the folder keeps its previous outputs."""
    second, delete_the_second = vanishing_pages(tmp_path / "inputs")
    with pytest.raises(BuildError) as caught:
        build([tmp_path / "inputs"], previous, on_article=delete_the_second, strict=True)
    assert str(caught.value) == f"{second}: no such file or folder"


def long_article_page(folder: Path) -> Path:
    """A page whose one article is longer than spaCy's default limit (10^6 characters)."""
    page = folder / "long.txt"
    sentence = "今年以来，各地持续推进重点项目建设，有关部门表示将进一步优化营商环境第{}次。"
    page.write_text("\n\n".join(sentence.format(i) for i in range(40_000)), encoding="utf-8")
    return page


def test_an_article_too_long_to_analyse_is_one_line_naming_it(tmp_path):
    page = long_article_page(tmp_path)
    assert max(len(a.text) for a in iter_articles([page])) > 1_000_000
    code, output = run("build", page, "-o", tmp_path / "out")
    if code != 0:       # a build, once recognition splits long texts itself
        assert_one_line_error(code, output, f"{page}: analysing article long#1 failed")


def test_a_50_mb_page_builds_in_bounded_time_and_memory(tmp_path):
    """50 MB of one repeated paragraph (as a layout that printed a block over and over):
    read, cleaned to one copy and built by a fresh `kg build` process."""
    paragraph = ("今年以来，各地持续推进重点项目建设，累计完成投资十亿元。有关部门表示，将进一步"
                 "优化营商环境，加快产业转型升级，推动经济高质量发展。\n\n")
    page = tmp_path / "huge.txt"
    with open(page, "w", encoding="utf-8") as handle:
        handle.write("# 综合新闻\n\n")
        handle.write(paragraph * (50_000_000 // len(paragraph.encode("utf-8"))))
    assert page.stat().st_size >= 49_000_000
    peak = ("import resource, sys; from kg.cli import main\n"
            "try:\n    main(sys.argv[1:])\nfinally:\n"
            "    print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "file=sys.stderr)\n")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", peak, "build", str(page), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert seconds < 60, seconds
    peak_kb = int(done.stderr.rsplit("peak-kb", 1)[1])
    assert peak_kb < 1_500_000, peak_kb
    articles = [json.loads(line) for line in open(tmp_path / "out" / "articles.jsonl",
                                                  encoding="utf-8")]
    assert [a["title"] for a in articles] == ["综合新闻"]
