"""The analyst's report: report.md and report.html (same content) plus its charts.

The report is assembled once as a list of blocks (headings, paragraphs, tables,
figures) and rendered twice, so Markdown and HTML cannot drift apart.  Every piece of
text from the articles is escaped for the format it lands in.  Charts
(:mod:`kg.analytics.charts`) are SVG files with their text kept as text, embedded in
report.html so the page stays one offline file and the browser draws the names in its
own fonts; report.md links the SVG files.  PNG copies are written only where a font for
Chinese is installed, and the report says when none is.  Conflicting figures
(:mod:`kg.conflicts`) are listed with every sentence, document and date.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.analytics.charts import (Chart, bar_chart, cjk_font, grouped_bar_chart, inline_svg,
                                 stacked_month_chart)
from kg.analytics.export import atomic_write_bytes
from kg.analytics.graph import to_networkx
from kg.conflicts import Conflict, find_conflicts
from kg.graphio import collector_paused
from kg.analytics.metrics import (
    BETWEENNESS_EXACT_LIMIT, BETWEENNESS_SAMPLES, AreaRollup, article_bridges, betweenness,
    communities, cut_points, describe_value, facts_by_month, format_compute, format_money,
    pagerank, ranked, rollup_by_area, timeline,
)
from kg.records import PREDICATES, KnowledgeGraph

__all__ = ["write_report", "cjk_font", "conflict_rows"]

REPORT_MD = "report.md"
REPORT_HTML = "report.html"
INVESTMENT_CHART = "investment_by_area"
COMPUTE_CHART = "compute_by_area"
MONTH_CHART = "facts_by_month"
TOP = 15
CHART_BARS = 15
COMMUNITIES_LISTED = 30
TIMELINE_LIMIT = 300
CONFLICTS_LISTED = 200
LEVEL_TITLES = {"province": "Province", "prefecture": "Prefecture", "county": "County",
                "other": "Other areas"}
LEVEL_COLOURS = {"province": "#1f77b4", "prefecture": "#ff7f0e", "county": "#2ca02c",
                 "other": "#7f7f7f"}
PREDICATE_COLOURS = dict(zip(PREDICATES, ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                          "#59a14f", "#edc948", "#b07aa1")))


# ---------------------------------------------------------------- blocks

@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    chart: Chart


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _md(text: str) -> str:
    """Text safe in a Markdown table cell: no raw HTML, no markup, one line."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(blocks: list) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append("#" * block.level + " " + _md(block.text))
        elif isinstance(block, Paragraph):
            out.append(_md(block.text))
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md(h) for h in block.headers) + " |")
            out.append("|" + "---|" * len(block.headers))
            out.extend("| " + " | ".join(_md(cell) for cell in row) + " |"
                       for row in block.rows)
        elif isinstance(block, Figure):
            out.append(f"![{_md(block.chart.title)}]({block.chart.name}.svg)")
        out.append("")
    return "\n".join(out)


_STYLE = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
          "color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
          "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
          "th{background:#f3f3f3}figure{margin:1em 0}"
          "svg.kg-chart{max-width:100%;height:auto}figcaption{color:#555;font-size:90%}")


def render_html(blocks: list, title: str) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="zh">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>"]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{e(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{e(block.text)}</p>")
        elif isinstance(block, Table):
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in block.headers) + "</tr>")
            out.extend("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>"
                       for row in block.rows)
            out.append("</table>")
        elif isinstance(block, Figure):
            out.append(f'<figure id="{e(block.chart.name)}">{inline_svg(block.chart)}'
                       f"<figcaption>{e(block.chart.title)}</figcaption></figure>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- charts

def investment_chart(rollups: list[AreaRollup]) -> Chart:
    rows = sorted((r for r in rollups if r.investment), key=lambda r: (-r.investment, r.area))
    rows = rows[:CHART_BARS]
    present = [level for level in LEVEL_COLOURS if any(r.level == level for r in rows)]
    return bar_chart(INVESTMENT_CHART, "Investment by area (including everything located inside)",
                     [r.label for r in rows], [r.investment / 1e8 for r in rows],
                     [LEVEL_COLOURS[r.level] for r in rows], "investment (100 million CNY)",
                     {level: LEVEL_COLOURS[level] for level in present},
                     "no investment figures in this graph")


def compute_chart(rollups: list[AreaRollup]) -> Chart:
    rows = [r for r in rollups if r.compute_planned or r.compute_current]
    rows = sorted(rows, key=lambda r: (-((r.compute_planned or 0) + (r.compute_current or 0)),
                                       r.area))[:CHART_BARS]
    return grouped_bar_chart(
        COMPUTE_CHART, "Compute capacity by area: planned vs current", [r.label for r in rows],
        {"planned": ("#9467bd", [r.compute_planned or 0 for r in rows]),
         "current": ("#17becf", [r.compute_current or 0 for r in rows])},
        "compute capacity (PFLOPS)", "no compute capacity figures in this graph")


def month_chart(by_month: dict[str, Counter]) -> Chart:
    months = sorted(by_month)
    series = {predicate: (colour, [by_month[m].get(predicate, 0) for m in months])
              for predicate, colour in PREDICATE_COLOURS.items()}
    return stacked_month_chart(MONTH_CHART, "Facts announced by month (date of the article)",
                               months, series, "facts read",
                               "no facts come from dated articles")


# ---------------------------------------------------------------- content

def _fmt(value: float | None, formatter) -> str:
    return "" if value is None else formatter(value)


def _report_blocks(graph: KnowledgeGraph, nxg, rollups: list[AreaRollup],
                   charts: dict[str, Chart], conflicts: list[Conflict], undated: int) -> list:
    ranks = pagerank(nxg)
    between = betweenness(nxg)
    bridges = article_bridges(nxg)
    cuts = cut_points(nxg)
    groups = communities(nxg, ranks=ranks)
    events = timeline(graph)
    node = nxg.nodes

    def who(entity: str) -> tuple[str, str]:
        return node[entity]["label"], node[entity]["type"]

    blocks: list = [Heading(1, "Knowledge graph report")]
    entity_facts = sum(1 for f in graph.facts if f.object is not None)
    blocks.append(Paragraph(
        f"{len(graph.entities)} entities, {len(graph.facts)} facts "
        f"({entity_facts} between entities, {len(graph.facts) - entity_facts} amounts), "
        f"{len(graph.articles)} articles."))
    types = Counter(e.type for e in graph.entities)
    blocks.append(Table(("entity type", "count"),
                        tuple((t, str(n)) for t, n in sorted(types.items(),
                                                             key=lambda i: (-i[1], i[0])))))
    predicates = Counter(f.predicate for f in graph.facts)
    blocks.append(Table(("predicate", "facts"),
                        tuple((p, str(n)) for p, n in sorted(predicates.items(),
                                                             key=lambda i: (-i[1], i[0])))))
    blocks += _conflict_blocks(graph, conflicts)

    blocks.append(Heading(2, "Most central entities"))
    blocks.append(Paragraph("PageRank over facts taken as undirected links (weighted by the "
                            "number of facts); betweenness counts shortest paths through "
                            "an entity."
                            + (f" Betweenness is estimated from {BETWEENNESS_SAMPLES} sampled "
                               "sources (fixed seed) because the graph has more than "
                               f"{BETWEENNESS_EXACT_LIMIT} entities."
                               if nxg.number_of_nodes() > BETWEENNESS_EXACT_LIMIT else "")))
    blocks.append(Table(("#", "entity", "type", "PageRank", "betweenness", "articles"),
                        tuple((str(i), *who(e), f"{score:.4f}", f"{between.get(e, 0):.4f}",
                               str(bridges.get(e, 0)))
                              for i, (e, score) in enumerate(ranked(ranks, TOP), 1))))
    blocks.append(Heading(3, "Highest betweenness"))
    blocks.append(Table(("#", "entity", "type", "betweenness", "PageRank"),
                        tuple((str(i), *who(e), f"{score:.4f}", f"{ranks.get(e, 0):.4f}")
                              for i, (e, score) in enumerate(ranked(between, TOP), 1)
                              if score > 0)))

    blocks.append(Heading(2, "Entities that bridge articles"))
    blocks.append(Paragraph("Named in the most articles (only entities in two or more):"))
    blocks.append(Table(("entity", "type", "articles"),
                        tuple((*who(e), str(n)) for e, n in ranked(bridges, TOP) if n >= 2)))
    blocks.append(Paragraph("Linking otherwise separate clusters (removing the entity splits "
                            "the graph into more pieces):"))
    blocks.append(Table(("entity", "type", "extra pieces if removed", "PageRank"),
                        tuple((*who(e), str(n), f"{ranks.get(e, 0):.4f}")
                              for e, n in sorted(cuts.items(),
                                                 key=lambda i: (-i[1], -ranks.get(i[0], 0),
                                                                i[0]))[:TOP])))

    blocks.append(Heading(2, "Communities"))
    singletons = sum(1 for c in groups if c.size == 1)
    blocks.append(Paragraph(f"{len(groups)} communities (Louvain, fixed seed; Leiden beyond "
                            f"20000 entities), {singletons} of them single unlinked entities. "
                            "Each is named by its three most central members."))
    blocks.append(Table(("#", "name", "size", "members (most central first)"),
                        tuple((str(c.index), c.name, str(c.size),
                               "、".join(node[m]["label"] for m in c.members[:10])
                               + (" …" if c.size > 10 else ""))
                              for c in groups[:COMMUNITIES_LISTED] if c.size > 1)))

    blocks.append(Heading(2, "Investment and compute capacity by area"))
    blocks.append(Paragraph("Everything located in an area or in any area inside it (through "
                            "partOf), each entity counted once per area. Figures the text "
                            "gives for an area itself are shown apart as stated."))
    for level in ("province", "prefecture", "county", "other"):
        rows = [r for r in rollups if r.level == level]
        if not rows:
            continue
        blocks.append(Heading(3, LEVEL_TITLES[level]))
        blocks.append(Table(
            ("area", "investment", "compute planned", "compute current",
             "stated planned", "stated current", "entities counted"),
            tuple((r.label, _fmt(r.investment, format_money),
                   _fmt(r.compute_planned, format_compute),
                   _fmt(r.compute_current, format_compute),
                   _fmt(r.stated_planned, format_compute),
                   _fmt(r.stated_current, format_compute), str(len(r.contributors)))
                  for r in rows)))
    blocks.append(Figure(charts[INVESTMENT_CHART]))
    blocks.append(Figure(charts[COMPUTE_CHART]))
    if cjk_font() is None:
        blocks.append(Paragraph("No font for Chinese was found on this system: the charts are "
                                "SVG only (their names are drawn by the browser's fonts), "
                                "without PNG copies."))

    blocks.append(Heading(2, "Timeline of project events"))
    blocks.append(Paragraph(f"Facts read per month of their article's date, by predicate "
                            f"(each fact counted once per article; {undated} readings come "
                            f"from articles without a date)."))
    blocks.append(Figure(charts[MONTH_CHART]))
    if events:
        shown = events[:TIMELINE_LIMIT]
        blocks.append(Paragraph(f"{len(events)} dated events (date of the source article)"
                                + (f"; the first {TIMELINE_LIMIT} are listed."
                                   if len(events) > TIMELINE_LIMIT else ".")))
        blocks.append(Table(("date", "project", "fact", "detail", "article", "evidence"),
                            tuple((ev.date, ev.label, ev.predicate, ev.detail, ev.article,
                                   ev.sentence) for ev in shown)))
    else:
        blocks.append(Paragraph("No project facts come from dated articles."))
    return blocks


def conflict_rows(graph: KnowledgeGraph, conflicts: list[Conflict]) -> list[tuple[str, ...]]:
    """One row per reading of each conflicting fact: entity, figure, value, date, article,
    document, sentence."""
    labels = {e.id: e.label for e in graph.entities}
    dates = {a.id: a.date or "" for a in graph.articles}
    rows = []
    for conflict in conflicts:
        figure = conflict.predicate + (f" ({conflict.qualifier})" if conflict.qualifier else "")
        for fact in conflict.facts:
            value = describe_value(fact, labels)
            for source in sorted(fact.sources, key=lambda s: (dates.get(s.article_id, ""),
                                                               s.article_id, s.start)):
                rows.append((labels.get(conflict.entity, conflict.entity), figure, value,
                             dates.get(source.article_id, ""), source.article_id, source.doc,
                             source.sentence))
    return rows


def _conflict_blocks(graph: KnowledgeGraph, conflicts: list[Conflict]) -> list:
    blocks: list = [Heading(2, f"Conflicting figures ({len(conflicts)})")]
    if not conflicts:
        blocks.append(Paragraph("No two articles disagree about an entity's investment, "
                                "compute capacity or seat."))
        return blocks
    shown = conflicts[:CONFLICTS_LISTED]
    blocks.append(Paragraph(
        "Articles that give one entity different values for the same figure (investment "
        "of one phase or of the whole, compute capacity of one status; values more than "
        "0.5% apart) or places that cannot both hold. The graph keeps every value, each "
        "with its sentence (the named query conflicts lists them: kg query DIR --name conflicts)."
        + (f" The first {CONFLICTS_LISTED} of {len(conflicts)} are listed."
           if len(conflicts) > CONFLICTS_LISTED else "")))
    blocks.append(Table(("entity", "figure", "value", "date", "article", "document",
                         "sentence"), tuple(conflict_rows(graph, shown))))
    return blocks


def _skipped_blocks(skipped) -> list:
    """The files the build could not read (``kg.skipped.SkippedFile``), if any."""
    if not skipped:
        return []
    return [Heading(2, f"Files skipped ({len(skipped)})"),
            Paragraph("These page files could not be read and are not in the graph "
                      "(also listed in skipped.jsonl)."),
            Table(("file", "problem"),
                  tuple((s.path, s.problem + ("; the previous version of the page is kept"
                                              if s.previous_kept else ""))
                        for s in skipped))]


@collector_paused()
def write_report(graph: KnowledgeGraph, out_dir, view=None, skipped=(),
                 conflicts: list[Conflict] | None = None) -> list[Path]:
    """Write report.md, report.html and the charts (SVG, and PNG where a font for Chinese
    is installed) into ``out_dir``; returns the paths written.

    ``view`` is ``to_networkx(graph)`` and ``conflicts`` is ``find_conflicts(graph)`` when
    the caller has them already; ``skipped`` lists the files the build could not read (a
    section after the summary)."""
    out_dir = Path(out_dir)
    nxg = view if view is not None else to_networkx(graph)
    conflicts = find_conflicts(graph) if conflicts is None else conflicts
    rollups = rollup_by_area(nxg)
    by_month, undated = facts_by_month(graph)
    charts = {chart.name: chart for chart in (investment_chart(rollups), compute_chart(rollups),
                                              month_chart(by_month))}
    blocks = _report_blocks(graph, nxg, rollups, charts, conflicts, undated)
    first_section = next((i for i, b in enumerate(blocks)
                          if isinstance(b, Heading) and b.level == 2), len(blocks))
    blocks[first_section:first_section] = _skipped_blocks(skipped)
    paths = [out_dir / REPORT_MD, out_dir / REPORT_HTML]
    atomic_write_bytes(paths[0], render_markdown(blocks).encode("utf-8"))
    atomic_write_bytes(paths[1], render_html(blocks, "Knowledge graph report").encode("utf-8"))
    for chart in charts.values():
        paths.append(out_dir / f"{chart.name}.svg")
        atomic_write_bytes(paths[-1], chart.svg.encode("utf-8"))
    for chart in charts.values():
        if chart.png is not None:
            paths.append(out_dir / f"{chart.name}.png")
            atomic_write_bytes(paths[-1], chart.png)
    return paths
