"""graph.html: offline, escaped, truncated with a note, focusable; drawn by headless Chromium."""
import json
import re

import numpy as np
import pytest

from kg.link.iri import entity_iri
from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Source
from kg.viz import VizError, write_html
from kg.viz.html import PHYSICS_LIMIT
from tests.data.sample import sample_graph
from tests.viz import chromium

REMOTE = re.compile(r"""(?:\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//"""
                    r"""|url\(\s*["']?\s*(?:https?:)?//|@import)""", re.I)
INJECTED_LABEL = "甲乙县\"<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
INJECTED_SENTENCE = ("甲乙县<script>document.body.setAttribute('data-pwned','script')</script>"
                     "某某中心已建成。")


def _embedded(page: str, name: str):
    """A JSON literal the template assigns to ``var <name> = ...;``."""
    match = re.search(rf"var {name} = (.*?);\n", page)
    return json.loads(match.group(1))


def injected_graph() -> KnowledgeGraph:
    source = Source("page_x", "page_x#1", 0, len(INJECTED_SENTENCE), INJECTED_SENTENCE)
    return KnowledgeGraph(
        [Entity("area/999901", "AdminArea", INJECTED_LABEL, code="999901",
                docs=["page_x"], articles=["page_x#1"]),
         Entity("computecenter/x", "ComputeCenter", "某某中心", docs=["page_x"],
                articles=["page_x#1"])],
        [LinkedFact("computecenter/x", "locatedIn", [source], object="area/999901")],
        [ArticleInfo("page_x#1", "page_x", "x.txt", "<b onmouseover=alert(1)>标题</b>", (),
                     "2025-01-02", None, 100)])


def clique_ring(cliques: int, size: int) -> KnowledgeGraph:
    entities, facts = [], []
    source = Source("d", "d#1", 0, 3, "某句。")
    for c in range(cliques):
        ids = [f"project/{c}-{i}" for i in range(size)]
        entities += [Entity(i, "Project", f"项目{i}") for i in ids]
        facts += [LinkedFact(a, "builtBy", [source], object=b)
                  for k, a in enumerate(ids) for b in ids[k + 1:]]
        facts.append(LinkedFact(ids[0], "builtBy", [source], object=f"project/{(c + 1) % cliques}-1"))
    return KnowledgeGraph(entities, facts, [])


# ---------------------------------------------------------------- the file

def test_page_is_self_contained_and_escaped(tmp_path):
    path = write_html(sample_graph(), tmp_path / "graph.html")
    page = path.read_text(encoding="utf-8")
    assert not REMOTE.search(page)
    assert "vis.Network" in page and len(page) > 400_000       # vis-network is inline
    assert "<script>alert(1)" not in page                       # only escaped forms
    nodes = _embedded(page, "nodeItems")
    assert len(nodes) == 8 and len(_embedded(page, "edgeItems")) == 7
    centre = next(n for n in nodes if n["id"] == "computecenter/aaaa000000000002")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in centre["title"]
    assert centre["kgLabel"] == "丙丁县\"<script>alert(1)</script>\"数据中心"   # JSON data only
    edge = next(e for e in _embedded(page, "edgeItems") if e["label"] == "investor")
    assert "总投资25亿元" in edge["title"] and "page_a#1" in edge["title"]
    assert "甲乙智算中心开工" in edge["title"]                      # the source article's title
    sizes = {n["id"]: n["size"] for n in nodes}
    assert max(sizes, key=sizes.get) == "company/bbbb000000000001"   # size by PageRank
    assert _embedded(page, "options")["physics"]["enabled"] is True


def test_page_is_byte_identical_across_runs(tmp_path):
    first = write_html(sample_graph(), tmp_path / "a.html").read_bytes()
    assert write_html(sample_graph(), tmp_path / "b.html").read_bytes() == first


def test_large_page_keeps_the_most_central_part_with_a_note(tmp_path):
    page = write_html(sample_graph(), tmp_path / "g.html", max_nodes=3).read_text(encoding="utf-8")
    assert ("Showing the 3 most central of 8 entities (by PageRank, with the links between "
            "them); 5 left out.") in page
    # Grown from the top of PageRank through links: the company, its compute centre, and
    # the centre's city (not the county, which ranks higher but is not linked to them).
    assert [n["id"] for n in _embedded(page, "nodeItems")] == [
        "company/bbbb000000000001", "area/659900", "computecenter/aaaa000000000001"]
    assert len(_embedded(page, "edgeItems")) == 2
    assert _embedded(page, "page")["leftOut"] == 5


def test_central_part_of_a_big_graph_stays_connected(tmp_path):
    import networkx as nx
    from kg.analytics.graph import to_networkx
    from kg.analytics.metrics import pagerank
    from kg.viz.html import select_nodes
    graph = to_networkx(clique_ring(40, 5))
    chosen = select_nodes(graph, pagerank(graph), 60)
    assert len(chosen) == 60 == len(set(chosen))
    assert nx.is_weakly_connected(graph.subgraph(chosen))


def test_big_drawn_page_is_laid_out_in_python_without_physics(tmp_path):
    graph = clique_ring(70, 5)                                  # 350 nodes
    page = write_html(graph, tmp_path / "g.html").read_text(encoding="utf-8")
    nodes = _embedded(page, "nodeItems")
    assert len(nodes) == 350 > PHYSICS_LIMIT
    assert _embedded(page, "options")["physics"] == {"enabled": False}
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == 350                                # no two nodes on one spot


def test_big_page_is_byte_identical_whatever_the_hash_seed(tmp_path):
    """Communities laid out by springs keep their members' order, not a set's (string
    hashes, and so set order, change from one process to the next)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = ("import sys; from tests.viz.test_html import clique_ring; "
              "from kg.viz import write_html; write_html(clique_ring(70, 5), sys.argv[1])")
    pages = []
    for seed in ("1", "2"):
        path = tmp_path / f"g{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "-c", script, str(path)], check=True, env=env, cwd=root)
        pages.append(path.read_bytes())
    assert pages[0] == pages[1]


def test_focus_page_by_id_label_or_iri(tmp_path):
    by_label = write_html(sample_graph(), tmp_path / "a.html", focus="甲乙市", hops=1)
    by_iri = write_html(sample_graph(), tmp_path / "b.html", focus=entity_iri("area/659900"))
    assert by_label.read_bytes() == by_iri.read_bytes()
    page = by_label.read_text(encoding="utf-8")
    ids = sorted(n["id"] for n in _embedded(page, "nodeItems"))
    assert ids == ["area/650000", "area/659900", "area/659901", "computecenter/aaaa000000000001"]
    alone = write_html(sample_graph(), tmp_path / "c.html", focus="area/659900", hops=0)
    assert len(_embedded(alone.read_text(encoding="utf-8"), "nodeItems")) == 1


def test_bad_requests_are_clear_errors(tmp_path):
    with pytest.raises(VizError, match=r"cannot write .*x\.html: no entity '乙丙县' in the graph"):
        write_html(sample_graph(), tmp_path / "x.html", focus="乙丙县")
    with pytest.raises(VizError, match="hops must be 0 or more"):
        write_html(sample_graph(), tmp_path / "x.html", focus="甲乙市", hops=-1)
    assert not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------- in the browser

browser = pytest.mark.skipif(not chromium.available(),
                             reason=f"{chromium.CHROMIUM} is not installed (make system-deps)")


def _non_white_fraction(pixels: np.ndarray) -> float:
    return float((pixels[..., :3].min(axis=-1) < 0.9).mean())


@pytest.mark.browser
@browser
def test_browser_draws_the_sample_and_screenshot_shows_it(tmp_path):
    page = write_html(sample_graph(), tmp_path / "graph.html")
    stats = chromium.stats_after_first_draw(page)
    assert (stats["nodes"], stats["edges"]) == (8, 7)
    assert stats["firstDrawMs"] is not None                     # afterDrawing fired
    png = chromium.screenshot(page, tmp_path / "graph.png")
    import matplotlib.image
    pixels = matplotlib.image.imread(png)
    assert pixels.shape[:2] == (900, 1200)
    canvas = pixels[80:, :880]                                  # below the header, left of the panel
    assert 0.01 < _non_white_fraction(canvas) < 0.5
    company_blue = np.all(np.abs(canvas[..., :3] - np.array([0x4e, 0x79, 0xa7]) / 255) < 0.03,
                          axis=-1)
    assert company_blue.sum() > 300                             # the company's square is drawn


@pytest.mark.browser
@browser
def test_browser_draws_only_the_kept_part(tmp_path):
    page = write_html(sample_graph(), tmp_path / "graph.html", max_nodes=3)
    dom = chromium.dump_dom(page)
    stats = chromium.drawn_stats(dom)
    assert stats["nodes"] == 3 and stats["leftOut"] == 5
    assert stats["edges"] == 2
    assert "5 left out" in dom


@pytest.mark.browser
@browser
def test_browser_shows_markup_in_labels_and_sentences_as_text(tmp_path):
    page = write_html(injected_graph(), tmp_path / "graph.html", focus="computecenter/x")
    source = page.read_text(encoding="utf-8")
    dom = chromium.dump_dom(page)
    stats = chromium.drawn_stats(dom)
    assert (stats["nodes"], stats["edges"], stats["totalNodes"], stats["leftOut"]) == (2, 1, 2, 0)
    # Had any of the markup run, it would have marked the body.
    assert not re.search(r"<body[^>]*data-pwned", dom)
    # No element was injected: the DOM holds as many <script> and <img> tags as the file.
    assert dom.count("<script") == source.count("<script")
    assert "<img" not in dom.replace("&lt;img", "")
    # The info panel of the focus shows the article title as text, escaped.
    info = re.search(r'<div id="kg-info">(.*?)</div>\n', dom, re.S).group(1)
    assert "&lt;b onmouseover=alert(1)&gt;标题&lt;/b&gt;" in info
    # The datalist of the search box holds the label as text.
    assert "甲乙县\"&lt;img src=x onerror=" in dom


@pytest.mark.browser
@browser
def test_browser_type_filters_and_search_from_the_address(tmp_path):
    """#hide=Type,Type unticks those types and the page shows the rest; #search=TEXT
    selects the matches and shows the first one's sources."""
    page = write_html(sample_graph(), tmp_path / "graph.html")
    hidden = chromium.drawn_stats(chromium.dump_dom(page, "hide=AdminArea,Person"))
    assert hidden["shown"] == 8 - 3 - 1 and hidden["selected"] == 0
    dom = chromium.dump_dom(page, "search=某某能源")              # an alias of the company
    found = chromium.drawn_stats(dom)
    assert found["shown"] == 8 and found["selected"] == 1
    assert '<span id="kg-search-status">1 match</span>' in dom
    info = re.search(r'<div id="kg-info">(.*?)</div>\n', dom, re.S).group(1)
    assert "某某能源有限公司" in info and "Company" in info
    both = chromium.drawn_stats(chromium.dump_dom(page, "search=甲乙&hide=ComputeCenter"))
    assert both["shown"] == 6 and both["selected"] == 2        # 甲乙市, 甲乙市人民政府


def test_the_data_sets_are_written_item_by_item_as_tojson_writes_them_whole():
    from jinja2 import Environment

    from kg.viz.html import _json_pieces
    items = [{"id": "a", "title": "<b>某某</b> & 'x'", "n": 1.5, "kgMonths": ["2025-01"]},
             {"id": "b", "label": "</script>", "kgMonths": None}]
    whole = Environment(autoescape=True).from_string("{{ items|tojson }}").render(items=items)
    assert "".join(_json_pieces(items)) == whole
    assert "".join(_json_pieces([])) == "[]"
    assert "</script>" not in whole
