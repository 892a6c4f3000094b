"""report.html in headless Chromium: its charts are SVG whose text nodes hold the names."""
import re

import pytest

from kg.analytics import write_report
from tests.data.sample import sample_graph
from tests.viz import chromium

browser = pytest.mark.skipif(not chromium.available(),
                             reason=f"{chromium.CHROMIUM} is not installed (make system-deps)")


def _figure(dom: str, name: str) -> str:
    match = re.search(rf'<figure id="{name}">(.*?)</figure>', dom, re.S)
    assert match, f"no figure {name} in the page"
    return match.group(1)


@pytest.mark.browser
@browser
def test_browser_reads_area_names_in_the_charts_text(tmp_path):
    write_report(sample_graph(), tmp_path)
    dom = chromium.dump_dom(tmp_path / "report.html")
    # Parsed as SVG elements: <text> nodes inside the <svg>, not markup shown as text.
    investment = _figure(dom, "investment_by_area")
    assert investment.lstrip().startswith('<svg class="kg-chart"')
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", investment)
    assert {"新疆维吾尔自治区", "甲乙市"} <= set(texts)
    compute = re.findall(r"<text\b[^>]*>([^<]*)</text>", _figure(dom, "compute_by_area"))
    assert {"新疆维吾尔自治区", "甲乙市", "丙丁县"} <= set(compute)
    months = re.findall(r"<text\b[^>]*>([^<]*)</text>", _figure(dom, "facts_by_month"))
    assert {"2025-04", "2025-05", "locatedIn"} <= set(months)
    # No division codes stand in for the names any more.
    assert not any(re.fullmatch(r"\d{6}", text) for text in texts)
