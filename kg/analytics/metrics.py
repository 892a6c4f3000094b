"""Measures an analyst asks for, computed on the networkx view of the graph.

Centrality (PageRank, betweenness), entities that bridge articles, communities named
by their most central members, investment and compute capacity rolled up through
``partOf`` chains by county, prefecture and province, and a dated timeline of project
events.  Every result is deterministic: fixed seeds, ties broken by entity id.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg.analytics.graph import PART_OF, cached, undirected_weighted
from kg.analytics.louvain import louvain_communities
from kg.records import FACILITY_TYPES, KnowledgeGraph, LinkedFact

__all__ = [
    "AreaRollup", "Community", "TimelineEvent", "pagerank", "betweenness",
    "article_bridges", "cut_points", "communities", "area_level", "rollup_by_area",
    "timeline", "format_money", "format_compute", "ranked", "facts_by_month", "describe_value",
]

BETWEENNESS_EXACT_LIMIT = 5_000   # above this many nodes, sample source nodes
BETWEENNESS_SAMPLES = 100
LEIDEN_ABOVE = 20_000             # networkx Louvain took 337 s at 10^5 nodes; Leiden < 1 s
# Leiden passes: at 10^5 nodes 5 passes took 2 s for modularity 0.7532, running to
# convergence 11 s for 0.7537.
LEIDEN_ITERATIONS = 5
LEVELS = ("province", "prefecture", "county", "other")


def ranked(scores: dict[str, float], limit: int | None = None) -> list[tuple[str, float]]:
    """Highest score first; equal scores in id order, so reports never reshuffle."""
    items = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return items if limit is None else items[:limit]


PAGERANK_ALPHA = 0.85
PAGERANK_TOL = 1e-10
PAGERANK_MAX_ITER = 500


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank on the undirected view, weighted by how many facts link two entities.

    Values sum to 1; an empty graph gives an empty dict.  Computed once per graph.
    """
    return dict(cached(graph, "pagerank", _pagerank))


def _pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """networkx's ``pagerank(simple, alpha, weight="weight", tol, max_iter)`` to the last
    bit, with numpy alone: the power iteration of its scipy version, where ``x @ A`` is a
    bincount over the matrix entries in row order (scipy's sparse product adds them up
    in that order too).  Importing scipy.sparse took longer than the whole computation.
    """
    import numpy as np

    simple = undirected_weighted(graph)
    nodes = list(simple)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    rows, cols, weights = [], [], []
    for i, (node, nbrs) in enumerate(simple.adjacency()):
        for nbr, data in nbrs.items():
            rows.append(i)
            cols.append(index[nbr])
            weights.append(data.get("weight", 1))
    rows_a, cols_a = np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)
    weights_a = np.array(weights, dtype=float)
    out = np.bincount(rows_a, weights=weights_a, minlength=n)    # whole numbers: exact
    out[out != 0] = 1.0 / out[out != 0]
    matrix = out[rows_a] * weights_a                             # rows scaled to sum 1
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    is_dangling = np.where(out == 0)[0]
    alpha = PAGERANK_ALPHA
    for _ in range(PAGERANK_MAX_ITER):
        xlast = x
        product = np.bincount(cols_a, weights=x[rows_a] * matrix, minlength=n)
        # networkx adds the dangling nodes' ranks one by one (sum()); so does accumulate
        dangling = np.add.accumulate(x[is_dangling])[-1] if len(is_dangling) else 0
        x = alpha * (product + dangling * p) + (1 - alpha) * p
        err = np.absolute(x - xlast).sum()
        if err < n * PAGERANK_TOL:
            return dict(zip(nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(PAGERANK_MAX_ITER)


def betweenness(graph: nx.MultiDiGraph, seed: int = 0) -> dict[str, float]:
    """Normalised betweenness (shortest paths, edges unweighted); estimated from a fixed
    sample of BETWEENNESS_SAMPLES source nodes on graphs of more than
    BETWEENNESS_EXACT_LIMIT nodes.

    Computed by igraph (C) when installed: networkx took 29 s for the 100 sampled sources
    on 3*10^4 nodes, igraph 0.2 s; exact on 5000 nodes 2 s against minutes.
    """
    simple = undirected_weighted(graph)
    n = simple.number_of_nodes()
    k = BETWEENNESS_SAMPLES if n > BETWEENNESS_EXACT_LIMIT else None
    scores = _betweenness_igraph(simple, k, seed)
    if scores is None:
        scores = nx.betweenness_centrality(simple, k=k, seed=seed, normalized=True)
    return scores


def _betweenness_igraph(simple: nx.Graph, k: int | None, seed: int) -> dict[str, float] | None:
    try:
        import igraph
    except ImportError:
        return None
    nodes = list(simple.nodes)
    n = len(nodes)
    if n < 3:
        return {node: 0.0 for node in nodes}
    position = {node: i for i, node in enumerate(nodes)}
    ig = igraph.Graph(n=n, edges=[(position[u], position[v]) for u, v in simple.edges()])
    if k is None or k >= n:
        raw, estimate = ig.betweenness(directed=False), 1.0
    else:
        # For an undirected graph igraph sums each source's dependencies over all targets
        # and halves them; the k sampled sources stand for all n.
        sources = random.Random(seed).sample(range(n), k)
        raw, estimate = ig.betweenness(directed=False, sources=sources), n / k
    scale = estimate * 2.0 / ((n - 1) * (n - 2))
    return {node: raw[i] * scale for i, node in enumerate(nodes)}


def article_bridges(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of distinct articles each entity is named in or used by a fact from."""
    return {node: len(data.get("articles") or ()) for node, data in graph.nodes(data=True)}


def cut_points(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Articulation points -> how many extra pieces their removal splits the graph into.

    A node in b biconnected blocks leaves its component in b pieces when removed, so the
    count is b - 1; computed in one pass over the blocks rather than by removing nodes.
    """
    simple = undirected_weighted(graph)
    blocks: dict[str, int] = defaultdict(int)
    for block in nx.biconnected_components(simple):
        for node in block:
            blocks[node] += 1
    return {node: count - 1 for node, count in blocks.items() if count > 1}


@dataclass
class Community:
    """A group of densely linked entities, named after its most central members."""
    index: int
    name: str
    members: list[str]            # most central first

    @property
    def size(self) -> int:
        return len(self.members)


def _leiden(simple: nx.Graph, seed: int) -> list[set] | None:
    try:
        import igraph
    except ImportError:
        return None
    nodes = list(simple.nodes)
    position = {node: i for i, node in enumerate(nodes)}
    edges = [(position[u], position[v]) for u, v in simple.edges()]
    weights = [data["weight"] for _, _, data in simple.edges(data=True)]
    ig = igraph.Graph(n=len(nodes), edges=edges)
    # igraph draws from a module-level generator; seed a private one and restore it.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = ig.community_leiden(objective_function="modularity", weights=weights,
                                         n_iterations=LEIDEN_ITERATIONS)
    finally:
        igraph.set_random_number_generator(random)
    return [{nodes[i] for i in members} for members in clustering]


def communities(graph: nx.MultiDiGraph, seed: int = 0,
                ranks: dict[str, float] | None = None, name_members: int = 3
                ) -> list[Community]:
    """Partition every node into communities (Louvain, or igraph Leiden when very large).

    Communities are ordered by size, then name; each lists its members by PageRank and
    is named by the labels of its ``name_members`` most central ones.
    """
    simple = undirected_weighted(graph)
    if simple.number_of_nodes() == 0:
        return []
    ranks = ranks if ranks is not None else pagerank(graph)
    groups = None
    if simple.number_of_nodes() > LEIDEN_ABOVE:
        groups = _leiden(simple, seed)
    if groups is None:
        groups = louvain_communities(simple, seed=seed)   # networkx's Louvain, faster
    result = []
    for group in groups:
        members = sorted(group, key=lambda node: (-ranks.get(node, 0.0), node))
        name = " · ".join(graph.nodes[node]["label"] for node in members[:name_members])
        result.append(Community(0, name, members))
    result.sort(key=lambda c: (-c.size, c.name, c.members[0]))
    for index, community in enumerate(result, start=1):
        community.index = index
    return result


# ---------------------------------------------------------------- roll-ups by area

def _level_by_name(label: str) -> str | None:
    if label.endswith(("省", "自治区")):
        return "province"
    if label.endswith(("自治州", "地区", "盟", "州")):
        return "prefecture"
    if label.endswith(("县", "旗", "区")):
        return "county"
    return None


def area_level(graph: nx.MultiDiGraph, area: str) -> str:
    """province / prefecture / county / other, from the division code, else the name."""
    data = graph.nodes[area]
    code = data.get("code") or ""
    if len(code) == 6 and code.isdigit():
        if code.endswith("0000"):
            return "province"
        if code.endswith("00"):
            return "prefecture"
        return "county"
    by_name = _level_by_name(data.get("label") or "")
    if by_name:
        return by_name
    parent = data.get("parent")
    if data.get("label", "").endswith("市"):
        if parent is None:
            return "prefecture"
        parent_level = area_level(graph, parent)
        return {"province": "prefecture", "prefecture": "county"}.get(parent_level, "other")
    return "other"


@dataclass
class AreaRollup:
    """Totals of everything located in an area or any area inside it."""
    area: str
    label: str
    level: str
    investment: float | None = None          # CNY
    compute_planned: float | None = None     # PFLOPS
    compute_current: float | None = None
    stated_planned: float | None = None      # figures the text gives for the area itself
    stated_current: float | None = None
    contributors: list[str] = field(default_factory=list)


def _add(total: float | None, value: float | None) -> float | None:
    if value is None:
        return total
    return value if total is None else total + value


def _areas_of(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The most specific administrative areas ``node`` lies in (through zones if needed)."""
    found: set[str] = set()
    seen = {node}
    frontier = [node]
    while frontier:
        current = frontier.pop()
        targets = [v for _, v, p in graph.out_edges(current, data="predicate")
                   if p in ("locatedIn", PART_OF)]
        for target in sorted(set(targets)):
            if target in seen:
                continue
            seen.add(target)
            if graph.nodes[target]["type"] == "AdminArea":
                found.add(target)
            else:
                frontier.append(target)
    return found


def _with_ancestors(graph: nx.MultiDiGraph, areas: set[str]) -> set[str]:
    closure: set[str] = set()
    for area in areas:
        current = area
        while current and current not in closure:
            closure.add(current)
            current = graph.nodes[current].get("parent")
    return closure


def rollup_by_area(graph: nx.MultiDiGraph) -> list[AreaRollup]:
    """Investment and compute of every located entity, summed into each containing area.

    An entity counts once in an area even when the text places it both in a county and
    in that county's prefecture.  Figures stated for an area itself are kept apart
    (``stated_*``) since they usually already include its facilities.  Areas without any
    figure are left out; the rest are ordered province, prefecture, county, other, then
    by investment.
    """
    rollups: dict[str, AreaRollup] = {}

    def rollup(area: str) -> AreaRollup:
        if area not in rollups:
            rollups[area] = AreaRollup(area, graph.nodes[area]["label"],
                                       area_level(graph, area))
        return rollups[area]

    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        figures = (data.get("investment"), data.get("compute_planned"),
                   data.get("compute_current"))
        if all(value is None for value in figures):
            continue
        if data["type"] == "AdminArea":
            entry = rollup(node)
            entry.stated_planned = figures[1]
            entry.stated_current = figures[2]
            entry.investment = _add(entry.investment, figures[0])
            continue
        for area in sorted(_with_ancestors(graph, _areas_of(graph, node))):
            entry = rollup(area)
            entry.investment = _add(entry.investment, figures[0])
            entry.compute_planned = _add(entry.compute_planned, figures[1])
            entry.compute_current = _add(entry.compute_current, figures[2])
            entry.contributors.append(node)
    return sorted(rollups.values(),
                  key=lambda r: (LEVELS.index(r.level), -(r.investment or 0.0),
                                 -((r.compute_planned or 0.0) + (r.compute_current or 0.0)),
                                 r.label, r.area))


# ---------------------------------------------------------------- timeline

@dataclass(frozen=True)
class TimelineEvent:
    """Something said about a project on a known date (the date of the article)."""
    date: str
    entity: str
    label: str
    predicate: str
    detail: str
    sentence: str
    article: str


def format_money(value: float) -> str:
    """25亿元-style amounts, as Chinese reports write them."""
    for unit, size in (("亿元", 1e8), ("万元", 1e4)):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + unit
    return f"{value:,.2f}".rstrip("0").rstrip(".") + "元"


def format_amount(value: float, currency: str | None) -> str:
    """An amount in its currency as Chinese reports write it: 25亿元, 1亿美元."""
    if currency in (None, "CNY"):
        return format_money(value)
    word = {"USD": "美元"}.get(currency, " " + str(currency))
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + unit + word.strip()
    return f"{value:,.2f}".rstrip("0").rstrip(".") + word


def format_compute(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") + " PFLOPS"


def describe_value(fact: LinkedFact, labels: dict[str, str]) -> str:
    """What a fact says, shortly: an amount in its currency (25亿元, 1亿美元), a capacity,
    or the object's label."""
    if fact.value is not None:
        return format_compute(fact.value) if fact.unit == "PFLOPS" \
            else format_amount(fact.value, fact.unit)
    return labels.get(fact.object or "", fact.object or "")


MONTH_SPAN_FILLED = 120      # a wider span of months shows only the months with facts


def facts_by_month(graph: KnowledgeGraph) -> tuple[dict[str, Counter], int]:
    """Facts read per month of their article's date (``yyyy-mm`` -> predicate -> count),
    each fact counted once per dated article, and the number of readings whose article
    has no date.  Months without facts between the first and the last are included
    (empty) unless the span is longer than MONTH_SPAN_FILLED months."""
    dates = {article.id: article.date for article in graph.articles if article.date}
    by_month: dict[str, Counter] = defaultdict(Counter)
    undated = 0
    for fact in graph.facts:
        for article_id in dict.fromkeys(source.article_id for source in fact.sources):
            date = dates.get(article_id)
            if date:
                by_month[date[:7]][fact.predicate] += 1
            else:
                undated += 1
    if by_month:
        first, last = min(by_month), max(by_month)
        year, month = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
        if (end[0] - year) * 12 + end[1] - month < MONTH_SPAN_FILLED:
            while (year, month) <= end:
                by_month.setdefault(f"{year:04d}-{month:02d}", Counter())
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dict(sorted(by_month.items())), undated


def timeline(graph: KnowledgeGraph) -> list[TimelineEvent]:
    """Facts about compute centres and projects, dated by their source articles."""
    dates = {article.id: article.date for article in graph.articles if article.date}
    labels = {entity.id: entity.label for entity in graph.entities}
    types = {entity.id: entity.type for entity in graph.entities}
    events: dict[tuple, TimelineEvent] = {}
    for fact in graph.facts:
        if types.get(fact.subject) in FACILITY_TYPES:
            project = fact.subject
            other = fact.object
        elif fact.object is not None and types.get(fact.object) in FACILITY_TYPES:
            project, other = fact.object, fact.subject
        else:
            continue
        if fact.value is not None:
            detail = (format_compute(fact.value) if fact.unit == "PFLOPS"
                      else format_amount(fact.value, fact.unit))
            detail += "".join(f" ({part})" for part in (fact.phase, fact.status) if part)
        else:
            detail = labels.get(other or "", other or "")
            if fact.title:
                detail += f" ({fact.title})"
        for source in fact.sources:
            date = dates.get(source.article_id)
            if not date:
                continue
            key = (date, project, fact.predicate, detail)
            events.setdefault(key, TimelineEvent(date, project, labels.get(project, project),
                                                 fact.predicate, detail, source.sentence,
                                                 source.article_id))
    return sorted(events.values(),
                  key=lambda e: (e.date, e.label, e.predicate, e.detail, e.article))
