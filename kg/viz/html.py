"""The interactive graph page (vis-network): selection, layout, escaping, offline assets.

The page must work from a file with the network off, so every script and style is
inlined: vis-network's files ship inside the pyvis package and are included by our own
Jinja template (``assets/graph.html.j2``), rendered here directly (pyvis's own template
loads Bootstrap from a CDN, and its Network class only held the lists we fill).  Text
from articles reaches the page only as JSON inside a script (Jinja's ``tojson`` escapes
``<``) or as HTML built here from ``html.escape``d pieces, so a label or sentence can
never become markup.

The page has a search box (labels and aliases), a tick box per entity type and a range
of months (entities named, and facts read, in articles of those months); the view they
give is kept in the address (``graph.html#search=TEXT&hide=Person,Port&from=2025-01&to=2025-06``),
so a link opens the same view.  Entities the articles disagree about
(:mod:`kg.conflicts`) have a red border, and their side panel lists the conflicting
values with their sentences and dates; the facts in conflict are drawn red.  The side
panel of an entity also gives its parent company and subsidiaries (subsidiaryOf), the
signings it is a party of (the other parties, date, place, document) and every amount of
money it has or holds, with currency, qualifier and scope.

Big graphs: the default page draws the ``max_nodes`` most central entities (PageRank)
and says how many were left out.  Positions are computed here: a spring layout for
small pages, a cheap layout by community for big ones (browser physics only finishes
for a few hundred nodes), with physics turned off.
"""
from __future__ import annotations

import heapq
import html
import importlib.util
import json
import math
from itertools import chain
from pathlib import Path
from typing import Iterator

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from kg.analytics.graph import PART_OF, to_networkx, undirected_weighted
from kg.analytics.metrics import (communities, describe_value, format_amount, format_compute,
                                  format_money,
                                  pagerank, ranked)
from kg.conflicts import Conflict, find_conflicts
from kg.graphio import atomic_write_text, collector_paused
from kg.link.iri import ENTITY_BASE
from kg.records import ENTITY_TYPES, KnowledgeGraph, LinkedFact, Signing

__all__ = ["VizError", "write_html", "resolve_entity", "select_nodes", "layout_positions",
           "TYPE_STYLES"]

ASSETS = Path(__file__).parent / "assets"
TEMPLATE = "graph.html.j2"
# pyvis's package folder, found without importing it (its import costs 0.1 s)
PYVIS_TEMPLATES = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0],
                       "templates")

PHYSICS_LIMIT = 300        # up to this many drawn nodes the browser may still settle them
SPRING_COMMUNITY_LIMIT = 120
LABEL_CHARS = 24
TIP_SOURCES = 3
TIP_ARTICLES = 5
CONFLICT_COLOUR = "#d62728"

# (colour, vis shape, legend glyph); shapes that draw the label outside the node.
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "Person": ("#e15759", "dot", "●"),
    "Company": ("#4e79a7", "square", "■"),
    "GovernmentBody": ("#f28e2b", "triangle", "▲"),
    "ResearchOrg": ("#76b7b2", "triangleDown", "▼"),
    "Organization": ("#59a14f", "hexagon", "⬢"),
    "AdminArea": ("#edc948", "diamond", "◆"),
    "Zone": ("#b07aa1", "square", "■"),
    "Port": ("#9c755f", "triangle", "▲"),
    "ComputeCenter": ("#e377c2", "star", "★"),
    "Project": ("#8c8c8c", "star", "★"),
}
OTHER_STYLE = ("#bab0ac", "dot", "●")


class VizError(ValueError):
    """The page cannot be drawn as asked (unknown focus entity, bad limits)."""


# ---------------------------------------------------------------- selection

def resolve_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """Entity id for ``name``: an id, an entity IRI, or a label/alias naming one entity."""
    if name in graph:
        return name
    if name.startswith(ENTITY_BASE) and name[len(ENTITY_BASE):] in graph:
        return name[len(ENTITY_BASE):]
    matches = sorted(node for node, data in graph.nodes(data=True)
                     if data.get("label") == name or name in (data.get("aliases") or ()))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise VizError(f"entity name {name!r} is ambiguous: {', '.join(matches[:5])}")
    raise VizError(f"no entity {name!r} in the graph (give an id, IRI, label or alias)")


def _central_part(graph: nx.MultiDiGraph, ranks: dict[str, float], limit: int) -> list[str]:
    """``limit`` nodes grown from the top of PageRank, always taking the best-ranked
    neighbour of what is already taken (the next best node when nothing is adjacent).

    Plain top-N by PageRank gives hubs without the links between them (a county and a
    company are both central but joined only through a project); growing keeps the
    drawn part connected while still spending the budget on central entities.
    """
    order = [node for node, _ in ranked(ranks)] + sorted(n for n in graph if n not in ranks)
    taken: dict[str, None] = {}
    frontier: list[tuple[float, str]] = []
    next_seed = 0
    while len(taken) < limit:
        if not frontier:
            while order[next_seed] in taken:
                next_seed += 1
            seed = order[next_seed]
            frontier.append((-ranks.get(seed, 0.0), seed))
        _, node = heapq.heappop(frontier)
        if node in taken:
            continue
        taken[node] = None
        for neighbour in chain(graph.succ[node], graph.pred[node]):
            if neighbour not in taken:
                heapq.heappush(frontier, (-ranks.get(neighbour, 0.0), neighbour))
    return sorted(taken, key=lambda n: (-ranks.get(n, 0.0), n))


def select_nodes(graph: nx.MultiDiGraph, ranks: dict[str, float], max_nodes: int | None,
                 focus: str | None = None, hops: int = 1) -> list[str]:
    """The nodes to draw, most important first.

    Without ``focus``: everything, or the central part of ``max_nodes`` entities.  With
    it: the entities within ``hops`` links of ``focus`` (nearest, then most central, first).
    """
    if focus is None:
        if max_nodes is not None and graph.number_of_nodes() > max_nodes:
            return _central_part(graph, ranks, max_nodes)
        return [node for node, _ in ranked(ranks)] + sorted(n for n in graph if n not in ranks)
    distance = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), focus, cutoff=hops)
    order = sorted(distance, key=lambda n: (distance[n], -ranks.get(n, 0.0), n))
    return order if max_nodes is None else order[:max_nodes]


# ---------------------------------------------------------------- layout

def _spring(simple: nx.Graph, seed: int, radius: float) -> dict[str, tuple[float, float]]:
    if simple.number_of_nodes() == 1:
        return {next(iter(simple)): (0.0, 0.0)}
    pos = nx.spring_layout(simple, seed=seed, iterations=60, weight=None)
    return {node: (float(x) * radius, float(y) * radius) for node, (x, y) in pos.items()}


def _subgraph(simple: nx.Graph, members: list[str]) -> nx.Graph:
    """The graph induced by ``members``, its nodes in that order.

    The spring layout places nodes by their order; ``simple.subgraph`` lists a small
    part of a big graph in the order of a Python set, which changes from run to run.
    """
    inside = set(members)
    sub = nx.Graph()
    sub.add_nodes_from(members)
    sub.add_edges_from((u, v) for u in members for v in simple.adj[u] if v in inside)
    return sub


def _sunflower(members: list[str], radius: float) -> dict[str, tuple[float, float]]:
    """Members on a Vogel spiral, the first (most central) in the middle."""
    golden = math.pi * (3 - math.sqrt(5))
    m = len(members)
    return {node: (radius * math.sqrt((i + 0.5) / m) * math.cos(i * golden),
                   radius * math.sqrt((i + 0.5) / m) * math.sin(i * golden))
            for i, node in enumerate(members)}


def _disk_radius(size: int) -> float:
    return 45.0 * math.sqrt(size) + 30.0


def layout_positions(graph: nx.MultiDiGraph, ranks: dict[str, float], seed: int = 0
                     ) -> dict[str, tuple[float, float]]:
    """Canvas positions for every node of ``graph`` (deterministic for a given seed).

    Up to PHYSICS_LIMIT nodes: one spring layout.  Beyond: communities as disks packed
    in rows, each laid out by springs when small or on a spiral by PageRank when big;
    this stays near linear time where a global force layout would not.
    """
    simple = undirected_weighted(graph)
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if n <= PHYSICS_LIMIT:
        return _spring(simple, seed, _disk_radius(n))
    groups = communities(graph, seed=seed, ranks=ranks)
    total_area = sum((2 * _disk_radius(c.size)) ** 2 for c in groups)
    row_width = max(2 * _disk_radius(groups[0].size), math.sqrt(total_area) * 1.2)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for community in groups:   # largest first, so each row starts with its tallest disk
        radius = _disk_radius(community.size)
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        centre = (x + radius, y + radius)
        if community.size <= SPRING_COMMUNITY_LIMIT:
            local = _spring(_subgraph(simple, community.members), seed, radius * 0.85)
        else:
            local = _sunflower(community.members, radius * 0.95)
        for node, (dx, dy) in local.items():
            positions[node] = (centre[0] + dx, centre[1] + dy)
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return positions


# ---------------------------------------------------------------- tooltips

def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _article_line(article_id: str, articles: dict) -> str:
    info = articles.get(article_id)
    parts = [article_id]
    if info is not None:
        parts += [p for p in (info.title, info.newspaper, info.date) if p]
    return " · ".join(parts)


def conflict_tip(conflicts: list[Conflict], labels: dict[str, str], articles: dict) -> str:
    """The side panel's section on an entity's conflicting figures (escaped HTML)."""
    parts = ['<div class="kg-conflict"><b>⚠ Conflicting figures</b>']
    for conflict in conflicts:
        figure = conflict.predicate + (f" ({conflict.qualifier})" if conflict.qualifier else "")
        parts.append(f"<br>{_e(figure)}:")
        for fact in conflict.facts:
            for source in fact.sources:
                parts.append(f"<br>• <b>{_e(describe_value(fact, labels))}</b> "
                             f"“{_e(source.sentence)}” "
                             f"<i>{_e(_article_line(source.article_id, articles))}</i>")
    parts.append("</div>")
    return "".join(parts)


def node_tip(node: str, data: dict, articles: dict, conflicts: str = "",
             details: str = "") -> str:
    """Tooltip HTML for an entity; every piece of text is escaped.  ``conflicts`` is the
    entity's :func:`conflict_tip`, if any; ``details`` its :meth:`PanelDetails.html`."""
    lines = [f"<b>{_e(data['label'])}</b>", f"{_e(data['type'])} · {_e(node)}"]
    if conflicts:
        lines.append(conflicts)
    if data.get("aliases"):
        lines.append("aliases: " + _e("、".join(data["aliases"])))
    figures = [("investment", data.get("investment"), format_money),
               ("compute planned", data.get("compute_planned"), format_compute),
               ("compute current", data.get("compute_current"), format_compute)]
    lines += [f"{name}: {_e(fmt(value))}" for name, value, fmt in figures if value is not None]
    if details:
        lines.append(details)
    named_in = data.get("articles") or []
    if named_in:
        lines.append(f"in {len(named_in)} article(s):")
        lines += [f"<i>{_e(_article_line(a, articles))}</i>" for a in named_in[:TIP_ARTICLES]]
        if len(named_in) > TIP_ARTICLES:
            lines.append(f"… and {len(named_in) - TIP_ARTICLES} more")
    return "<br>".join(lines)


SCOPE_WORDS = {"project": "one project", "programme": "programme", "signing": "signing round"}
MONEY_PREDICATES = ("investmentAmount", "programmeInvestment")


def describe_money(fact: LinkedFact) -> str:
    """An amount with what it is and what it is of: 120亿元 (total, signing round of 36
    projects)."""
    amount = format_amount(fact.value, fact.unit)
    if fact.bound == "range" and fact.upper is not None:
        amount += "–" + format_amount(fact.upper, fact.unit)
    elif fact.bound:
        amount = f"{fact.bound} {amount}"
    scope = SCOPE_WORDS.get(fact.scope or "", fact.scope)
    if scope and fact.count:
        scope += f" of {fact.count} projects"
    said = ", ".join(part for part in (fact.qualifier, fact.phase, scope) if part)
    return f"{amount} ({said})" if said else amount


class PanelDetails:
    """What the side panel tells of an entity beyond the edges drawn: parent company and
    subsidiaries, signings with their other parties, and money with qualifier and scope.
    Indexed once over the graph's facts and relations."""

    def __init__(self, graph: KnowledgeGraph, labels: dict[str, str], articles: dict) -> None:
        self.labels, self.articles = labels, articles
        self.parents: dict[str, list[str]] = {}
        self.subsidiaries: dict[str, list[str]] = {}
        self.money: dict[str, list[LinkedFact]] = {}
        parties: dict[Signing, set[str]] = {}
        for fact in chain(graph.facts, graph.relations):
            if fact.predicate == "subsidiaryOf" and fact.object:
                self.parents.setdefault(fact.subject, []).append(fact.object)
                self.subsidiaries.setdefault(fact.object, []).append(fact.subject)
            elif fact.predicate in MONEY_PREDICATES and fact.value is not None:
                self.money.setdefault(fact.subject, []).append(fact)
            elif fact.predicate == "agreementWith" and fact.signing is not None:
                # the sides of every fact read from a signing are its parties, listed or not
                sides = parties.setdefault(fact.signing, set(fact.signing.parties))
                sides.update(side for side in (fact.subject, fact.object) if side)
        self.signings: dict[str, list[tuple[Signing, list[str]]]] = {}
        for signing, sides in parties.items():
            for party in sides:
                self.signings.setdefault(party, []).append((signing, sorted(sides)))

    def _names(self, ids) -> str:
        return "、".join(_e(self.labels.get(i, i))
                        for i in sorted(set(ids), key=lambda i: (self.labels.get(i, i), i)))

    def html(self, node: str) -> str:
        """The entity's sections (escaped HTML); empty when it has none of these."""
        parts = []
        lines = []
        if node in self.parents:
            lines.append(f"<b>Parent company</b>: {self._names(self.parents[node])}")
        if node in self.subsidiaries:
            lines.append(f"<b>Subsidiaries</b>: {self._names(self.subsidiaries[node])}")
        if lines:
            parts.append('<div class="kg-companies">' + "<br>".join(lines) + "</div>")
        if node in self.signings:
            lines = ["<b>Signings</b>"]
            newest_first = sorted(self.signings[node], reverse=True, key=lambda item: (
                item[0].date or "", item[0].key, item[1], item[0].document or ""))
            for signing, sides in newest_first:
                line = f"• {_e(signing.date or 'undated')}"
                if signing.document:
                    line += f" 《{_e(signing.document)}》"
                others = [side for side in sides if side != node]
                if others:
                    line += f" with {self._names(others)}"
                if signing.place:
                    line += f" at {_e(signing.place)}"
                article = signing.key.rpartition("@")[0]
                line += f" <i>{_e(_article_line(article, self.articles))}</i>"
                lines.append(line)
            parts.append('<div class="kg-signings">' + "<br>".join(lines) + "</div>")
        if node in self.money:
            lines = ["<b>Money</b>"]
            for fact in sorted(self.money[node], key=lambda f: (
                    f.predicate, f.scope or "", f.qualifier or "", f.phase or "", f.value,
                    f.unit or "")):
                line = f"• {_e(describe_money(fact))}"
                if fact.sources:
                    source = fact.sources[0]
                    line += (f" “{_e(source.sentence)}” "
                             f"<i>{_e(_article_line(source.article_id, self.articles))}</i>")
                lines.append(line)
            parts.append('<div class="kg-money">' + "<br>".join(lines) + "</div>")
        return "".join(parts)


def edge_tip(graph: nx.MultiDiGraph, u: str, v: str, data: dict, articles: dict) -> str:
    """Tooltip HTML for a fact: the statement, its evidence sentences and their articles."""
    qualifier = data.get("title") or data.get("topic")
    head = (f"<b>{_e(graph.nodes[u]['label'])}</b> — {_e(data['predicate'])}"
            + (f" ({_e(qualifier)})" if qualifier else "")
            + f" → <b>{_e(graph.nodes[v]['label'])}</b>")
    if data["predicate"] == PART_OF:
        return head + "<br><i>from the administrative division hierarchy</i>"
    lines = [head]
    evidence = data.get("evidence") or []
    for sentence, article in evidence[:TIP_SOURCES]:
        lines.append(f"“{_e(sentence)}”<br><i>{_e(_article_line(article, articles))}</i>")
    if len(evidence) > TIP_SOURCES:
        lines.append(f"… and {len(evidence) - TIP_SOURCES} more sources")
    return "<hr>".join(lines)


# ---------------------------------------------------------------- page

def _options(physics: bool, large: bool) -> dict:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#a0a0a0", "highlight": "#333333", "hover": "#555555"},
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3},
            "smooth": {"enabled": True, "type": "continuous"} if physics else False,
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "physics": ({"enabled": True, "solver": "barnesHut",
                     "barnesHut": {"gravitationalConstant": -6000, "springLength": 120,
                                   "springConstant": 0.04, "avoidOverlap": 0.2},
                     "stabilization": {"enabled": True, "iterations": 200, "fit": True}}
                    if physics else {"enabled": False}),
    }


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader([str(ASSETS), str(PYVIS_TEMPLATES)]),
                       autoescape=True, keep_trailing_newline=True)


def _json_pieces(items: list[dict]) -> Iterator[Markup]:
    """``items|tojson`` item by item: the same text, without the whole list's JSON (and
    its escaped copies) in memory at once."""
    yield Markup("[")
    for index, item in enumerate(items):
        yield Markup(", " if index else "") + htmlsafe_json_dumps(item, sort_keys=True)
    yield Markup("]")


def _months(article_ids, months: dict[str, str]) -> list[str]:
    """The months (``yyyy-mm``) of the dated articles among ``article_ids``."""
    return sorted({months[a] for a in article_ids if a in months})


@collector_paused()
def write_html(graph: KnowledgeGraph, path, max_nodes: int | None = 2000,
               focus: str | None = None, hops: int = 1,
               view: nx.MultiDiGraph | None = None,
               conflicts: list[Conflict] | None = None) -> Path:
    """Write the interactive page of ``graph`` (or of ``focus``'s neighbourhood) to ``path``.

    ``focus`` may be an entity id, IRI, label or alias; ``hops`` is the radius of its
    neighbourhood; ``view`` is ``to_networkx(graph)`` and ``conflicts`` is
    ``find_conflicts(graph)`` when the caller has them already.  Returns the path written.
    """
    path = Path(path)
    if max_nodes is not None and max_nodes < 1:
        raise VizError(f"cannot write {path}: max_nodes must be at least 1, not {max_nodes}")
    if hops < 0:
        raise VizError(f"cannot write {path}: hops must be 0 or more, not {hops}")
    nxg = view if view is not None else to_networkx(graph)
    ranks = pagerank(nxg)
    focus_id = None
    if focus is not None:
        try:
            focus_id = resolve_entity(nxg, focus)
        except VizError as error:
            raise VizError(f"cannot write {path}: {error}") from None
    chosen = select_nodes(nxg, ranks, max_nodes, focus_id, hops)
    total = nxg.number_of_nodes() if focus_id is None else len(
        select_nodes(nxg, ranks, None, focus_id, hops))

    drawn = nx.MultiDiGraph()
    drawn.add_nodes_from((node, nxg.nodes[node]) for node in chosen)
    drawn.add_edges_from((u, v, k, d) for u, v, k, d in nxg.edges(chosen, keys=True, data=True)
                         if v in drawn)
    physics = drawn.number_of_nodes() <= PHYSICS_LIMIT
    positions = layout_positions(drawn, ranks)
    articles = {a.id: a for a in graph.articles}
    months = {a.id: a.date[:7] for a in graph.articles if a.date}
    conflicts = find_conflicts(graph) if conflicts is None else conflicts
    conflicts_of: dict[str, list[Conflict]] = {}
    for conflict in conflicts:
        conflicts_of.setdefault(conflict.entity, []).append(conflict)
    in_conflict = {id(fact) for conflict in conflicts for fact in conflict.facts}
    labels = dict(nxg.nodes(data="label"))
    details = PanelDetails(graph, labels, articles)

    if focus_id is None:
        heading = "Knowledge graph"
    else:
        heading = f"Neighbourhood of {nxg.nodes[focus_id]['label']} ({hops} hop{'s' * (hops != 1)})"
    top = max((ranks.get(node, 0.0) for node in chosen), default=0.0) or 1.0
    node_items = []
    for node in chosen:
        data = nxg.nodes[node]
        colour, shape, _ = TYPE_STYLES.get(data["type"], OTHER_STYLE)
        x, y = positions[node]
        flagged = conflicts_of.get(node, [])
        tip = conflict_tip(flagged, labels, articles) if flagged else ""
        item = {"id": node, "label": _short(data["label"]), "shape": shape,
                "title": node_tip(node, data, articles, tip, details.html(node)),
                "size": round(8 + 30 * math.sqrt(ranks.get(node, 0.0) / top), 2),
                "x": round(x, 1), "y": round(y, 1), "kgType": data["type"],
                "kgLabel": data["label"], "kgAliases": list(data.get("aliases") or []),
                "kgMonths": _months(data.get("articles") or (), months),
                "kgConflict": bool(flagged)}
        if node == focus_id:
            item.update(borderWidth=4, color={"background": colour, "border": "#000000"})
        elif flagged:
            item.update(borderWidth=4, color={"background": colour, "border": CONFLICT_COLOUR})
        else:
            item["color"] = colour
        node_items.append(item)
    edge_items = []
    for index, (u, v, key, data) in enumerate(drawn.edges(keys=True, data=True)):
        edge = {"id": f"e{index}", "from": u, "to": v, "label": data["predicate"],
                "title": edge_tip(nxg, u, v, data, articles), "arrows": "to",
                "kgMonths": _months(data.get("articles") or (), months)}
        if data["predicate"] == PART_OF:
            edge["dashes"] = True
            edge["kgMonths"] = None         # shown whenever both its areas are
        elif isinstance(key, int) and id(graph.facts[key]) in in_conflict:
            edge["color"] = {"color": CONFLICT_COLOUR, "highlight": CONFLICT_COLOUR}
        edge_items.append(edge)
    options = _options(physics, large=drawn.number_of_nodes() > PHYSICS_LIMIT)

    counts: dict[str, int] = {}
    for node in chosen:
        counts[nxg.nodes[node]["type"]] = counts.get(nxg.nodes[node]["type"], 0) + 1
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(set(counts) - set(ENTITY_TYPES))
    legend = [{"type": t, "count": counts[t], "colour": TYPE_STYLES.get(t, OTHER_STYLE)[0],
               "glyph": TYPE_STYLES.get(t, OTHER_STYLE)[2]} for t in order]
    left_out = total - len(chosen)
    if left_out > 0:
        what = "entities" if focus_id is None else "entities of this neighbourhood"
        note = (f"Showing the {len(chosen)} most central of {total} {what} (by PageRank, "
                f"with the links between them); {left_out} left out. "
                "Open one entity's neighbourhood with: kg view DIR ENTITY")
    else:
        note = ""
    all_months = sorted(set(months.values()))
    flagged_drawn = sum(1 for item in node_items if item["kgConflict"])
    page = {"physics": physics, "focus": focus_id, "totalNodes": total,
            "leftOut": left_out, "types": [t["type"] for t in legend],
            "months": [all_months[0], all_months[-1]] if all_months else None,
            "conflicts": flagged_drawn}

    template = _environment().get_template(TEMPLATE)
    # Written piece by piece as rendered: the page of a large graph is tens of MB, and
    # the whole text with its encoded copy would double the build's peak memory here.
    pieces = template.generate(
        kg={"legend": legend, "note": note, "page": page, "title": heading,
            "conflicts": flagged_drawn},
        heading=heading, nodes=_json_pieces(node_items), edges=_json_pieces(edge_items),
        options=json.dumps(options),
        height="100%", bgcolor="#ffffff", cdn_resources="in_line")
    atomic_write_text(path, pieces)
    return path
