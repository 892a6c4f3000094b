"""The networkx view of a knowledge graph, shared by the analytics and the HTML page.

Entities become nodes (type, label, aliases, documents, articles, code, parent);
facts between two entities become typed edges carrying their evidence sentences and
article ids; ``Entity.parent`` becomes a ``partOf`` edge.  Quantity facts are not
nodes: they are summed up into node attributes (``investment``, ``compute_planned``,
``compute_current``) so that roll-ups and sizes can read them directly.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.graphio import collector_paused
from kg.records import KnowledgeGraph, LinkedFact, Source

__all__ = ["GraphError", "to_networkx", "undirected_weighted", "cached", "PART_OF"]

PART_OF = "partOf"


class GraphError(ValueError):
    """The knowledge graph is inconsistent (a fact or parent names an unknown entity)."""


def _first_unique(items) -> list:
    return [item for item in dict.fromkeys(items) if item]


def _source_lists(sources: list[Source]) -> tuple[list, list, list, list]:
    """Distinct articles, documents, sentences and (sentence, article) pairs, in order."""
    if len(sources) == 1:   # the common case, kept cheap for graphs of 10^5 facts
        s = sources[0]
        return ([s.article_id] if s.article_id else [], [s.doc] if s.doc else [],
                [s.sentence] if s.sentence else [], [(s.sentence, s.article_id)])
    return (_first_unique(s.article_id for s in sources), _first_unique(s.doc for s in sources),
            _first_unique(s.sentence for s in sources),
            _first_unique((s.sentence, s.article_id) for s in sources))


def _investment_total(facts: list[LinkedFact]) -> float | None:
    """One entity's investment in yuan: the largest whole-project amount, else the sum of
    phases.

    A page may give both a total and the amount of its first phase; adding them would
    count the phase twice.  Amounts in another currency (亿美元) are left out: an exchange
    rate would be a guess, and the side panel lists them in their own currency.
    """
    facts = [f for f in facts if f.unit in (None, "CNY")]
    whole = [f.value for f in facts if not f.phase and f.value is not None]
    if whole:
        return max(whole)
    by_phase: dict[str, float] = {}
    for fact in facts:
        if fact.value is not None:
            by_phase[fact.phase] = max(by_phase.get(fact.phase, 0.0), fact.value)
    return sum(by_phase.values()) if by_phase else None


def _compute_by_status(facts: list[LinkedFact]) -> tuple[float | None, float | None]:
    """(planned, current) capacity in PFLOPS; a figure without status counts as current."""
    planned = [f.value for f in facts if f.status == "planned" and f.value is not None]
    current = [f.value for f in facts if f.status != "planned" and f.value is not None]
    return (max(planned) if planned else None, max(current) if current else None)


@collector_paused()
def to_networkx(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """Build the directed multigraph of ``graph``.

    Node attributes: ``type``, ``label``, ``aliases``, ``docs``, ``articles`` (every
    article the entity is named in or used by a fact from), ``code``, ``parent``,
    ``investment`` (CNY), ``compute_planned`` and ``compute_current`` (PFLOPS); the last
    three are ``None`` when unknown.  Edge attributes: ``predicate``, ``title``,
    ``topic``, ``sentences``, ``evidence`` ((sentence, article id) pairs), ``articles``,
    ``docs``; the edge key is the fact's index
    in ``graph.facts`` (``partOf:<child>`` for containment edges).

    >>> from kg.records import Entity, KnowledgeGraph, LinkedFact
    >>> g = to_networkx(KnowledgeGraph(
    ...     [Entity("a", "Project", "甲项目"), Entity("b", "AdminArea", "乙县")],
    ...     [LinkedFact("a", "locatedIn", [], object="b")], []))
    >>> sorted(g.edges(data="predicate"))
    [('a', 'b', 'locatedIn')]
    """
    result = nx.MultiDiGraph()
    known = set()
    for entity in graph.entities:
        if entity.id in known:
            raise GraphError(f"entity id {entity.id!r} occurs twice in the graph")
        known.add(entity.id)
        result.add_node(entity.id, type=entity.type, label=entity.label,
                        aliases=list(entity.aliases), docs=list(entity.docs),
                        articles=list(entity.articles), code=entity.code,
                        parent=entity.parent, investment=None, compute_planned=None,
                        compute_current=None)

    def check(entity_id: str, what: str) -> None:
        if entity_id not in known:
            raise GraphError(f"{what} refers to unknown entity {entity_id!r}")

    # Ordered sets (dicts) of the articles and documents each entity's facts come from.
    extra_articles: dict[str, dict[str, None]] = defaultdict(dict)
    extra_docs: dict[str, dict[str, None]] = defaultdict(dict)
    investments: dict[str, list[LinkedFact]] = defaultdict(list)
    capacities: dict[str, list[LinkedFact]] = defaultdict(list)
    for index, fact in enumerate(graph.facts):
        check(fact.subject, f"fact {index} ({fact.predicate}) subject")
        articles, docs, sentences, evidence = _source_lists(fact.sources)
        ends = (fact.subject,) if fact.object is None else (fact.subject, fact.object)
        for end in ends:
            extra_articles[end].update(dict.fromkeys(articles))
            extra_docs[end].update(dict.fromkeys(docs))
        if fact.object is not None:
            check(fact.object, f"fact {index} ({fact.predicate}) object")
            result.add_edge(fact.subject, fact.object, key=index, predicate=fact.predicate,
                            title=fact.title, topic=fact.topic, sentences=sentences,
                            evidence=evidence, articles=articles, docs=docs)
        elif fact.predicate == "investmentAmount":
            investments[fact.subject].append(fact)
        elif fact.predicate == "computeCapacity":
            capacities[fact.subject].append(fact)

    for entity in graph.entities:
        if entity.parent:
            check(entity.parent, f"parent of {entity.id!r}")
            result.add_edge(entity.id, entity.parent, key=f"{PART_OF}:{entity.id}",
                            predicate=PART_OF, title=None, topic=None, sentences=[],
                            evidence=[], articles=[], docs=[])

    for node, facts in investments.items():
        result.nodes[node]["investment"] = _investment_total(facts)
    for node, facts in capacities.items():
        planned, current = _compute_by_status(facts)
        result.nodes[node]["compute_planned"] = planned
        result.nodes[node]["compute_current"] = current
    for node, articles in extra_articles.items():
        data = result.nodes[node]
        data["articles"] = list(dict.fromkeys(data["articles"]) | articles)
        data["docs"] = list(dict.fromkeys(data["docs"]) | extra_docs[node])
    return result


def cached(graph: nx.Graph, name: str, compute):
    """``compute(graph)``, computed once per graph and kept until its nodes or edges change.

    The report, the exports and the page share one view; what they all derive from its
    structure alone (the undirected view, PageRank) is kept in networkx's per-graph cache,
    which every method that adds or removes nodes or edges clears.  Changing attributes in
    place does not clear it, so only results that depend on no attribute belong here.
    """
    store = getattr(graph, "__networkx_cache__", None)
    if store is None:
        return compute(graph)
    ours = store.setdefault("kg", {})
    if name not in ours:
        ours[name] = compute(graph)
    return ours[name]


def undirected_weighted(graph: nx.MultiDiGraph) -> nx.Graph:
    """Collapse the multigraph: one undirected edge per linked pair, weight = fact count.

    Directions of facts are a matter of phrasing (a project *has* an investor), so
    centrality and communities are computed on this view.  Nodes keep insertion order.
    Computed once per graph (:func:`cached`): treat the result as read-only.
    """
    return cached(graph, "undirected_weighted", _undirected_weighted)


def _undirected_weighted(graph: nx.MultiDiGraph) -> nx.Graph:
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for u, v in graph.edges():
        if u != v:
            weights[(u, v) if u <= v else (v, u)] += 1
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return simple
