"""The benchmark corpus generator and a tiny run of the benchmark itself.

Pages are checked against the real ingest stage: a page split by ``split_articles`` must
give the articles the generator laid out, with none of the masthead or footer furniture
and only one copy of a paragraph the layout printed twice.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import generate_page, read_corpus, write_corpus
from kg.ingest import read_page, split_articles

ROOT = Path(__file__).resolve().parents[2]


def test_pages_are_a_function_of_the_seed(tmp_path):
    assert generate_page(7, 3).text == generate_page(7, 3).text
    assert generate_page(7, 3).text != generate_page(8, 3).text
    assert generate_page(7, 3).text != generate_page(7, 4).text
    first = write_corpus(tmp_path / "a", 0.04, seed=7)
    second = write_corpus(tmp_path / "b", 0.04, seed=7)
    names = sorted(p.name for p in first.path.glob("*.txt"))
    assert names[0] == "page_000001.txt" and len(names) == first.pages >= 2
    for name in names:
        data = (first.path / name).read_bytes()
        assert data == (second.path / name).read_bytes()
        assert 5_000 <= len(data) <= 25_000          # 5-15 KB, plus the article that crosses it
    assert first.bytes >= 40_000
    assert read_corpus(first.path).articles == first.articles


@pytest.mark.parametrize("seed, number", [(1, 1), (1, 2)])
def test_a_50kb_page_splits_into_the_articles_laid_out(tmp_path, seed, number):
    page = generate_page(seed, number, size=50_000)
    assert 50_000 <= len(page.text.encode("utf-8")) <= 65_000
    path = tmp_path / "page.txt"
    path.write_text(page.text, encoding="utf-8")
    articles = split_articles(read_page(path))
    assert page.articles >= 10
    assert len(articles) == page.articles
    assert page.furniture and page.repeated
    for article in articles:
        for line in page.furniture:
            assert line not in article.text, (article.id, line)
    text = "".join(a.text.replace("\n", "") for a in articles)
    for paragraph in page.repeated:
        assert text.count(paragraph) == 1, paragraph


def test_both_layouts_are_covered():
    assert {generate_page(1, n, size=50_000).layout for n in (1, 2)} == {"markdown", "wrapped"}


@pytest.mark.slow      # three fresh processes that each load spaCy and write a build: ~15 s
def test_a_tiny_benchmark_run_reports_positive_rates(tmp_path):
    results = tmp_path / "RESULTS.md"
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--mb", "0.03", "--recognition-mb", "0.03",
         "--corpus-root", str(tmp_path / "corpora"), "--results", str(results)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    report = results.read_text(encoding="utf-8")
    assert report == completed.stdout.strip() + "\n"
    assert "python -m benchmarks.run --mb 0.03" in report
    assert (tmp_path / "corpora" / "0.03mb-seed1" / "corpus.json").exists()
    rates = {}
    for line in report.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 3 and cells[2].replace(",", "").isdigit():
            rates[cells[0]] = int(cells[2].replace(",", ""))
    for stage in ("ingest", "segmentation alone", "recognition", "extraction", "linking", "outputs",
                  "tokenizer alone", "`analyse`"):
        assert any(name.startswith(stage) and rate > 0 for name, rate in rates.items()), stage
    end_to_end = next(line for line in report.splitlines()
                      if line.startswith("| ") and line.count("MiB") == 2)
    seconds, rate, _, _, peak = (cell.strip() for cell in end_to_end.strip("|").split("|")[:5])
    assert float(seconds) > 0 and int(rate.replace(",", "")) > 0
    assert int(peak.split()[0].replace(",", "")) > 50       # MiB: Python and spaCy at least
