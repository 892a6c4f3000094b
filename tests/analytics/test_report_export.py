"""report.md / report.html / charts and the GraphML, GEXF and CSV exports."""
import csv
import dataclasses
import re
import struct

import networkx as nx

from kg.analytics import write_exports, write_report
from kg.analytics.charts import cjk_font
from kg.records import Entity, KnowledgeGraph, LinkedFact, Source
from tests.data.sample import sample_graph


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


CHARTS = ("investment_by_area", "compute_by_area", "facts_by_month")


def _svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)


def test_report_files_and_content(tmp_path):
    paths = write_report(sample_graph(), tmp_path)
    pngs = [f"{name}.png" for name in CHARTS] if cjk_font() else []
    assert [p.name for p in paths] == ["report.md", "report.html",
                                       *(f"{name}.svg" for name in CHARTS), *pngs]
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    for heading in ("## Conflicting figures (0)", "## Most central entities",
                    "## Entities that bridge articles", "## Communities",
                    "## Investment and compute capacity by area",
                    "## Timeline of project events"):
        assert heading in md
    assert "| 甲乙市 | 25亿元 | 20,000 PFLOPS | 500 PFLOPS |" in md
    assert "| 2025-04-03 | 甲乙智算中心 | investmentAmount | 25亿元 |" in md
    assert ("![Investment by area (including everything located inside)]"
            "(investment_by_area.svg)") in md
    assert "![Facts announced by month (date of the article)](facts_by_month.svg)" in md
    assert ("No font for Chinese was found" in md) == (cjk_font() is None)
    # Charts name the areas, as text the browser draws (no glyph outlines, no date).
    investment = (tmp_path / "investment_by_area.svg").read_text(encoding="utf-8")
    assert {"新疆维吾尔自治区", "甲乙市"} <= set(_svg_texts(investment))
    assert "650000" not in _svg_texts(investment)
    compute = (tmp_path / "compute_by_area.svg").read_text(encoding="utf-8")
    assert {"新疆维吾尔自治区", "甲乙市", "丙丁县"} <= set(_svg_texts(compute))
    months = (tmp_path / "facts_by_month.svg").read_text(encoding="utf-8")
    assert {"2025-04", "2025-05", "investor", "holdsPosition"} <= set(_svg_texts(months))
    for svg in (investment, compute, months):
        assert "<dc:date>" not in svg and "glyph" not in svg
    # report.html embeds the same charts, without their XML prolog.
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count('<svg class="kg-chart"') == 3 and "<?xml" not in page
    assert "<img" not in page
    for path in paths[5:]:
        width, height = _png_size(path.read_bytes())
        assert (width, height) == (800, 500)
        assert b"tIME" not in path.read_bytes()          # no timestamp chunk


def test_month_counts_of_the_timeline():
    from kg.analytics.metrics import facts_by_month
    by_month, undated = facts_by_month(sample_graph())
    assert undated == 0
    assert {month: dict(counts) for month, counts in by_month.items()} == {
        "2025-04": {"investor": 1, "investmentAmount": 1, "locatedIn": 1,
                    "computeCapacity": 1},
        "2025-05": {"holdsPosition": 1, "agreementWith": 1, "locatedIn": 1,
                    "computeCapacity": 1}}


def test_months_without_facts_are_on_the_axis():
    from kg.analytics.metrics import facts_by_month
    graph = sample_graph()
    graph.articles[0] = dataclasses.replace(graph.articles[0], date="2025-01-30")
    by_month, _ = facts_by_month(graph)
    assert list(by_month) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    assert not by_month["2025-03"]


def test_report_escapes_article_text(tmp_path):
    write_report(sample_graph(), tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in md and "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Same content in both formats: every table row of the HTML is in the Markdown.
    assert page.count("<tr>") == sum(1 for line in md.splitlines()
                                     if line.startswith("| ") and not line.startswith("|---"))


def test_report_is_byte_identical_across_runs(tmp_path):
    first = write_report(sample_graph(), tmp_path / "a")
    second = write_report(sample_graph(), tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_report_of_an_empty_graph(tmp_path):
    paths = write_report(KnowledgeGraph([], [], []), tmp_path)
    assert "No project facts come from dated articles." in paths[0].read_text(encoding="utf-8")
    assert "no investment figures in this graph" in _svg_texts(paths[2].read_text(encoding="utf-8"))
    assert "no facts come from dated articles" in _svg_texts(paths[4].read_text(encoding="utf-8"))


def test_exports_read_back(tmp_path):
    paths = write_exports(sample_graph(), tmp_path)
    assert [p.name for p in paths] == ["graph.graphml", "graph.gexf", "nodes.csv", "edges.csv"]
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    gexf = nx.read_gexf(tmp_path / "graph.gexf")
    for graph in (graphml, gexf):
        assert graph.number_of_nodes() == 8
        assert graph.number_of_edges() == 7
    assert graphml.nodes["computecenter/aaaa000000000001"]["investment"] == 2.5e9
    assert graphml.nodes["company/bbbb000000000001"]["aliases"] == "某某能源"
    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with open(tmp_path / "edges.csv", encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == 8 and len(edges) == 7
    labels = {row["id"]: row["label"] for row in nodes}
    assert labels["computecenter/aaaa000000000002"] == "丙丁县\"<script>alert(1)</script>\"数据中心"
    investor = next(row for row in edges if row["predicate"] == "investor")
    assert investor["sentences"] == "甲乙智算中心由某某能源有限公司投资建设，总投资25亿元。"


def test_exports_drop_characters_xml_cannot_hold(tmp_path):
    sentence = "甲乙\x01项目\x0b位于\ufffe丙县。"
    graph = KnowledgeGraph(
        [Entity("project/p", "Project", "甲乙\x00项目\x1f"), Entity("area/1", "AdminArea", "丙县")],
        [LinkedFact("project/p", "locatedIn", [Source("d", "d#1", 0, 9, sentence)],
                    object="area/1")], [])
    write_exports(graph, tmp_path)
    assert nx.read_graphml(tmp_path / "graph.graphml").nodes["project/p"]["label"] == "甲乙项目"
    edge = next(iter(nx.read_gexf(tmp_path / "graph.gexf").edges(data=True)))
    assert edge[2]["sentences"] == "甲乙项目位于丙县。"


def test_exports_are_byte_identical_across_runs(tmp_path):
    first = write_exports(sample_graph(), tmp_path / "a")
    second = write_exports(sample_graph(), tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_exports_round_trip_every_attribute_and_markup(tmp_path):
    """What networkx reads back from GraphML and GEXF is exactly the exported view,
    markup, quotes, ampersands and line breaks included."""
    from kg.analytics.export import flat_rows
    from kg.analytics.graph import to_networkx

    graph = sample_graph()
    nasty = '甲"乙\'<b>&amp;</b>\n第二行\r\t末'
    graph.entities[3].label = nasty
    graph.facts[0].sources[0] = Source("page_a", "page_a#1", 10, 20, nasty)
    write_exports(graph, tmp_path)
    nodes, edges = flat_rows(to_networkx(graph))
    graphml = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True,
                              edge_key_type=str)
    gexf = nx.read_gexf(tmp_path / "graph.gexf")
    assert dict(graphml.nodes(data=True)) == dict(nodes)
    assert {(u, v, k): d for u, v, k, d in graphml.edges(keys=True, data=True)} == \
        {(u, v, k): d for u, v, k, d in edges}
    assert {n: d["label"] for n, d in gexf.nodes(data=True)} == \
        {n: d["label"] for n, d in nodes}
    assert gexf.nodes["computecenter/aaaa000000000001"]["investment"] == 2.5e9
    gexf_edges = {(u, v, d["predicate"], d.get("sentences")) for u, v, d in gexf.edges(data=True)}
    assert gexf_edges == {(u, v, d["predicate"], d.get("sentences")) for u, v, _, d in edges}
    assert any(sentences == nasty for *_, sentences in gexf_edges)
    assert graphml.nodes["computecenter/aaaa000000000001"]["label"] == nasty


def test_a_shared_view_gives_the_same_files(tmp_path):
    from kg.analytics.graph import to_networkx
    from kg.viz import write_html

    graph = sample_graph()
    view = to_networkx(graph)
    own = write_report(graph, tmp_path / "own") + write_exports(graph, tmp_path / "own")
    own.append(write_html(graph, tmp_path / "own" / "graph.html"))
    shared = (write_report(graph, tmp_path / "shared", view=view)
              + write_exports(graph, tmp_path / "shared", view=view))
    shared.append(write_html(graph, tmp_path / "shared" / "graph.html", view=view))
    for a, b in zip(own, shared):
        assert a.read_bytes() == b.read_bytes(), a.name
