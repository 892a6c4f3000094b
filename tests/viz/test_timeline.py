"""graph.html filtered by a range of months (#from=yyyy-mm&to=yyyy-mm), in Chromium."""
import json
import re

import pytest

from kg.viz import write_html
from tests.data.sample import sample_graph
from tests.viz import chromium

browser = pytest.mark.skipif(not chromium.available(),
                             reason=f"{chromium.CHROMIUM} is not installed (make system-deps)")


def _embedded(page: str, name: str):
    return json.loads(re.search(rf"var {name} = (.*?);\n", page).group(1))


def test_entities_and_facts_carry_the_months_of_their_articles(tmp_path):
    page = write_html(sample_graph(), tmp_path / "graph.html").read_text(encoding="utf-8")
    months = {n["id"]: n["kgMonths"] for n in _embedded(page, "nodeItems")}
    assert months["company/bbbb000000000001"] == ["2025-04", "2025-05"]
    assert months["person/cccc000000000001"] == ["2025-05"]
    edges = _embedded(page, "edgeItems")
    assert {e["label"]: e["kgMonths"] for e in edges if e["label"] != "partOf"}["investor"] \
        == ["2025-04"]
    assert all(e["kgMonths"] is None for e in edges if e["label"] == "partOf")
    assert _embedded(page, "page")["months"] == ["2025-04", "2025-05"]
    assert 'id="kg-from" type="month" min="2025-04" max="2025-05"' in page


def test_a_graph_without_dates_has_no_range_boxes(tmp_path):
    graph = sample_graph()
    graph.articles = []
    page = write_html(graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    assert 'id="kg-from"' not in page and _embedded(page, "page")["months"] is None


@pytest.mark.browser
@browser
def test_browser_filters_by_a_range_of_months_from_the_address(tmp_path):
    page = write_html(sample_graph(), tmp_path / "graph.html")
    april = chromium.drawn_stats(chromium.dump_dom(page, "from=2025-04&to=2025-04"))
    # 新疆, 甲乙市, the centre and the company; the investor and locatedIn facts of
    # 2025-04-03, and 甲乙市 partOf 新疆.
    assert (april["shown"], april["shownEdges"]) == (4, 3)
    assert (april["from"], april["to"]) == ("2025-04", "2025-04")
    may = chromium.dump_dom(page, "from=2025-05")
    stats = chromium.drawn_stats(may)
    assert (stats["shown"], stats["shownEdges"]) == (6, 4)
    assert '<span id="kg-date-status">6 entities named in articles of 2025-05 to …</span>' in may
    assert chromium.drawn_stats(chromium.dump_dom(page, "to=2025-03"))["shown"] == 0
    day = chromium.drawn_stats(chromium.dump_dom(page, "from=2025-04-20&to=2025-04-20"))
    assert (day["shown"], day["from"]) == (4, "2025-04")       # a day stands for its month
    # With the type filter and a search, from one address.
    both = chromium.drawn_stats(chromium.dump_dom(page, "search=甲乙&hide=Company&from=2025-05"))
    assert (both["shown"], both["selected"]) == (5, 2)        # 甲乙市, 甲乙市人民政府
    everything = chromium.drawn_stats(chromium.dump_dom(page))
    assert (everything["shown"], everything["shownEdges"]) == (8, 7)


@pytest.mark.browser
@browser
def test_browser_ignores_a_malformed_range(tmp_path):
    page = write_html(sample_graph(), tmp_path / "graph.html")
    stats = chromium.drawn_stats(chromium.dump_dom(page, "from=April&to=2025-13"))
    assert (stats["shown"], stats["from"], stats["to"]) == (8, "", "")
