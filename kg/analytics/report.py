"""The analyst's report: report.md and report.html (same content) plus PNG charts.

The report is assembled once as a list of blocks (headings, paragraphs, tables,
images) and rendered twice, so Markdown and HTML cannot drift apart.  Every piece of
text from the articles is escaped for the format it lands in.  Charts are drawn with
matplotlib's Agg backend without timestamps, so two runs give identical bytes; when
no CJK font is installed, bars are labelled with division codes or entity ids and the
report says so and lists what each label stands for.
"""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.analytics.export import atomic_write_bytes
from kg.analytics.graph import to_networkx
from kg.graphio import collector_paused
from kg.analytics.metrics import (
    BETWEENNESS_EXACT_LIMIT, BETWEENNESS_SAMPLES, AreaRollup, article_bridges, betweenness,
    communities, cut_points, format_compute, format_money, pagerank, ranked, rollup_by_area,
    timeline,
)
from kg.records import KnowledgeGraph

__all__ = ["write_report", "cjk_font"]

REPORT_MD = "report.md"
REPORT_HTML = "report.html"
INVESTMENT_CHART = "investment_by_area.png"
COMPUTE_CHART = "compute_by_area.png"
TOP = 15
CHART_BARS = 15
COMMUNITIES_LISTED = 30
TIMELINE_LIMIT = 300
LEVEL_TITLES = {"province": "Province", "prefecture": "Prefecture", "county": "County",
                "other": "Other areas"}


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
class Image:
    file: str
    alt: str


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
        elif isinstance(block, Image):
            out.append(f"![{_md(block.alt)}]({block.file})")
        out.append("")
    return "\n".join(out)


_STYLE = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
          "color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
          "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
          "th{background:#f3f3f3}img{max-width:100%}")


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
        elif isinstance(block, Image):
            out.append(f'<p><img src="{e(block.file)}" alt="{e(block.alt)}"></p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- charts

@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed font matplotlib can use for Chinese, if any."""
    if shutil.which("fc-list") is None:
        return None
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                                text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = sorted({name.strip() for line in listed.splitlines()
                       for name in line.split(",")[:1] if name.strip()})
    if not families:
        return None
    from matplotlib import font_manager
    for family in families:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family),
                                  fallback_to_default=False)
            return family
        except ValueError:
            continue
    return None


def _ascii_label(graph, area: str) -> str:
    code = graph.nodes[area].get("code")
    return code if code and code.isascii() else area


def _bar_labels(graph, rows: list[AreaRollup]) -> list[str]:
    if cjk_font():
        return [row.label for row in rows]
    return [_ascii_label(graph, row.area) for row in rows]


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def _chart(draw) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    settings = {"svg.hashsalt": "kg", "font.size": 9}
    family = cjk_font()
    if family:
        settings["font.family"] = [family, "DejaVu Sans"]
    with matplotlib.rc_context(settings):
        figure, axes = plt.subplots(figsize=(8, 5))
        try:
            draw(axes)
            figure.tight_layout()
            return _png(figure)
        finally:
            plt.close(figure)


def _no_data(axes, what: str) -> None:
    axes.text(0.5, 0.5, f"no {what} figures in this graph", ha="center", va="center")
    axes.set_axis_off()


def investment_chart(graph, rollups: list[AreaRollup]) -> bytes:
    rows = sorted((r for r in rollups if r.investment), key=lambda r: (-r.investment, r.area))
    rows = rows[:CHART_BARS][::-1]

    def draw(axes):
        if not rows:
            _no_data(axes, "investment")
            return
        colours = {"province": "#1f77b4", "prefecture": "#ff7f0e", "county": "#2ca02c",
                   "other": "#7f7f7f"}
        labels = _bar_labels(graph, rows)
        axes.barh(range(len(rows)), [r.investment / 1e8 for r in rows],
                  color=[colours[r.level] for r in rows])
        axes.set_yticks(range(len(rows)), labels)
        axes.set_xlabel("investment (100 million CNY)")
        axes.set_title("Investment by area (including everything located inside)")
        from matplotlib.patches import Patch
        present = [level for level in colours if any(r.level == level for r in rows)]
        axes.legend(handles=[Patch(color=colours[level], label=level) for level in present],
                    loc="best")

    return _chart(draw)


def compute_chart(graph, rollups: list[AreaRollup]) -> bytes:
    rows = [r for r in rollups if r.compute_planned or r.compute_current]
    rows = sorted(rows, key=lambda r: (-((r.compute_planned or 0) + (r.compute_current or 0)),
                                       r.area))[:CHART_BARS][::-1]

    def draw(axes):
        if not rows:
            _no_data(axes, "compute capacity")
            return
        positions = list(range(len(rows)))
        axes.barh([p + 0.2 for p in positions], [r.compute_planned or 0 for r in rows],
                  height=0.4, color="#9467bd", label="planned")
        axes.barh([p - 0.2 for p in positions], [r.compute_current or 0 for r in rows],
                  height=0.4, color="#17becf", label="current")
        axes.set_yticks(positions, _bar_labels(graph, rows))
        axes.set_xlabel("compute capacity (PFLOPS)")
        axes.set_title("Compute capacity by area: planned vs current")
        axes.legend(loc="best")

    return _chart(draw)


# ---------------------------------------------------------------- content

def _fmt(value: float | None, formatter) -> str:
    return "" if value is None else formatter(value)


def _report_blocks(graph: KnowledgeGraph, nxg, rollups: list[AreaRollup],
                   charts_ascii: bool) -> list:
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
    blocks.append(Image(INVESTMENT_CHART, "Investment by area"))
    blocks.append(Image(COMPUTE_CHART, "Compute capacity by area, planned vs current"))
    if charts_ascii:
        charted = {r.area for r in rollups if r.investment or r.compute_planned
                   or r.compute_current}
        blocks.append(Paragraph("No CJK font is installed, so the charts label areas by "
                                "division code (or entity id); this key gives their names."))
        blocks.append(Table(("chart label", "area"),
                            tuple(sorted((_ascii_label(nxg, a), node[a]["label"])
                                         for a in charted))))

    blocks.append(Heading(2, "Timeline of project events"))
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
def write_report(graph: KnowledgeGraph, out_dir, view=None, skipped=()) -> list[Path]:
    """Write report.md, report.html and the two PNG charts into ``out_dir``.

    ``view`` is ``to_networkx(graph)`` when the caller has it already; ``skipped`` lists
    the files the build could not read (a section after the summary)."""
    out_dir = Path(out_dir)
    nxg = view if view is not None else to_networkx(graph)
    rollups = rollup_by_area(nxg)
    blocks = _report_blocks(graph, nxg, rollups, charts_ascii=cjk_font() is None)
    first_section = next((i for i, b in enumerate(blocks)
                          if isinstance(b, Heading) and b.level == 2), len(blocks))
    blocks[first_section:first_section] = _skipped_blocks(skipped)
    paths = [out_dir / REPORT_MD, out_dir / REPORT_HTML, out_dir / INVESTMENT_CHART,
             out_dir / COMPUTE_CHART]
    atomic_write_bytes(paths[2], investment_chart(nxg, rollups))
    atomic_write_bytes(paths[3], compute_chart(nxg, rollups))
    atomic_write_bytes(paths[0], render_markdown(blocks).encode("utf-8"))
    atomic_write_bytes(paths[1], render_html(blocks, "Knowledge graph report").encode("utf-8"))
    return paths
