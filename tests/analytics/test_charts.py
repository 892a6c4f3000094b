"""The report's charts: names as SVG text that fits, reproducible bytes, PNG copies only
with a font for Chinese."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.analytics.charts import FONT_SIZE, bar_chart, cjk_font, inline_svg
from kg.analytics.report import write_report
from tests.data.sample import sample_graph

ROOT = Path(__file__).resolve().parents[2]


def test_the_font_search_never_takes_a_placeholder_font():
    """matplotlib ships "Last Resort", which has an entry for every character and draws
    each as the same box: it must not count as a font for Chinese."""
    family = cjk_font()
    assert family is None or "Last Resort" not in family


def test_long_chinese_labels_fit_left_of_the_bars():
    label = "某" * 16 + "自治州"                        # 19 full-width characters
    chart = bar_chart("t", "title", [label, "甲县"], [2.0, 1.0], ["#000000"] * 2, "x", {},
                      "none")
    ticks = re.findall(r'text-anchor: end" x="([0-9.]+)"[^>]*>([^<]*)</text>', chart.svg)
    shown = dict((text, float(x)) for x, text in ticks)
    cut = "某" * 16 + "自…"                             # cut to 18 characters
    assert set(shown) == {cut, "甲县"}
    assert shown[cut] >= 17 * FONT_SIZE                # a full-width character is one em
    assert chart.png is None or chart.png.startswith(b"\x89PNG")


def test_inline_svg_has_no_prolog_and_is_labelled():
    chart = bar_chart("t", 'a "title" <b>', ["甲县"], [1.0], ["#000000"], "x", {}, "none")
    inline = inline_svg(chart)
    assert inline.startswith('<svg class="kg-chart" role="img" '
                             'aria-label="a &quot;title&quot; &lt;b&gt;" ')
    assert chart.svg.startswith("<?xml")


def test_report_and_charts_are_identical_in_two_processes(tmp_path):
    """Fixed hash salts, no dates, and no set order leaking into the files."""
    script = ("import sys; from tests.data.sample import sample_graph; "
              "from kg.analytics.report import write_report; "
              "write_report(sample_graph(), sys.argv[1])")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True,
                       env=env, cwd=ROOT)
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir())
    for name in names:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


@pytest.mark.skipif(cjk_font() is None, reason="no font for Chinese on this system: "
                                               "the report writes SVG charts only")
def test_png_copies_where_a_font_for_chinese_is_installed(tmp_path):
    paths = write_report(sample_graph(), tmp_path)
    pngs = [p for p in paths if p.suffix == ".png"]
    assert [p.name for p in pngs] == ["investment_by_area.png", "compute_by_area.png",
                                      "facts_by_month.png"]
    assert "No font for Chinese" not in (tmp_path / "report.md").read_text(encoding="utf-8")
