"""Conflicts: where the articles of a build disagree about one entity.

A figure that can have one value only (an entity's ``investmentAmount`` with one
qualifier: the whole project, one phase, what is planned, completed or cumulative; its
``computeCapacity`` with one status, stage and phase) read with values more than
:data:`TOLERANCE` apart, or a seat (``locatedIn``) in two places that cannot both hold
(two areas neither of which contains the other), is a :class:`Conflict`.  The
graph keeps every sourced value; a conflict only points at the facts that disagree, so
the user sees both sentences with their articles and dates and decides.

A disagreement counts when it is between articles: two facts with different values read
in one and the same article alone are left alone (a page that gives a total and a part
of it confuses our extraction, not the sources).

Where this sits in the data flow: after linking, which is what brings facts about one
thing from different articles together, and after the IRIs are final (``--update`` may
rename entities), so :func:`find_conflicts` reads the finished :class:`KnowledgeGraph`,
entities and facts only.  It is a pure function of that graph, not a stage that stores
anything: the RDF writer, the report and the HTML page each get the same answer from
the graph they are given, a page drawn later from a saved build (``kg view``) included,
and no new record has to travel through the extraction cache or the JSON-lines files.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from kg.records import KnowledgeGraph, LinkedFact

__all__ = ["Conflict", "TOLERANCE", "find_conflicts", "qualifier_of"]

TOLERANCE = 0.005          # values within 0.5% of the larger one agree
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Conflict:
    """Facts about one entity that cannot all be true.

    ``predicate`` is ``investmentAmount``, ``computeCapacity`` or ``locatedIn``;
    ``qualifier`` what the figures have in common (:func:`qualifier_of`: ``"一期"``,
    ``"completed"``, ``"planned, under construction"``; empty for a whole-project amount
    and for seats); ``facts`` the
    facts that disagree with another one, in a fixed order (by value or place, then
    sources).
    """
    entity: str
    predicate: str
    qualifier: str
    facts: tuple[LinkedFact, ...]

    def articles(self) -> list[str]:
        return sorted({s.article_id for fact in self.facts for s in fact.sources})


def qualifier_of(fact: LinkedFact) -> str:
    """What a figure must share with another to be the same figure, as text.

    An amount: its qualifier (a whole-project total, or one phase's amount however
    worded, is written as its phase alone; planned, completed and cumulative amounts are
    figures of their own) and phase.  A capacity: its status (none is current), the stage
    ``under construction`` where given (what is being built is not all that is planned),
    and phase."""
    if fact.predicate == "computeCapacity":
        stage = "under construction" if fact.qualifier == "under construction" else ""
        parts = [fact.status or "current", stage, fact.phase or ""]
    elif fact.predicate == "investmentAmount":
        kind = fact.qualifier or "total"
        parts = ["" if kind in ("total", "phase") else kind, fact.phase or ""]
    else:
        return ""
    return ", ".join(part for part in parts if part)


def _articles(fact: LinkedFact) -> frozenset[str]:
    return frozenset(s.article_id for s in fact.sources)


def _values_differ(a: LinkedFact, b: LinkedFact) -> bool:
    larger = max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) > TOLERANCE * larger


def _disagreeing(facts: list[LinkedFact], differ) -> tuple[LinkedFact, ...]:
    """The facts in some pair that ``differ``, when one such pair spans two articles."""
    involved: dict[int, LinkedFact] = {}
    between_articles = False
    for (i, a), (j, b) in combinations(enumerate(facts), 2):
        if differ(a, b):
            involved[i], involved[j] = a, b
            if len(_articles(a) | _articles(b)) >= 2:
                between_articles = True
    if not between_articles:
        return ()
    return tuple(involved[i] for i in sorted(involved))


class _Places:
    """Which places provably do not overlap, from the area hierarchy (``Entity.parent``,
    the containment given by division codes) and the areas zones are located in."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.types = {e.id: e.type for e in graph.entities}
        self.parent = {e.id: e.parent for e in graph.entities if e.parent}
        self.code = {e.id: e.code for e in graph.entities if e.code}
        self.zone_areas: dict[str, set[str]] = defaultdict(set)
        for fact in graph.facts:
            if fact.predicate == "locatedIn" and self.types.get(fact.subject) == "Zone" \
                    and fact.object is not None:
                self.zone_areas[fact.subject].add(fact.object)
        for entity in graph.entities:
            if entity.type == "Zone" and entity.parent:
                self.zone_areas[entity.id].add(entity.parent)
        self._chains: dict[str, list[str]] = {}
        self._areas: dict[str, set[str]] = {}

    def chain(self, area: str) -> list[str]:
        """``area`` and the areas containing it, innermost first."""
        known = self._chains.get(area)
        if known is not None:
            return known
        chain, seen, current = [], set(), area
        while current and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.parent.get(current)
        self._chains[area] = chain
        return chain

    def areas_of(self, place: str) -> set[str]:
        """The administrative areas a place is (an area) or lies in (a zone)."""
        known = self._areas.get(place)
        if known is not None:
            return known
        found: set[str] = set()
        seen: set[str] = set()
        frontier = [place]
        while frontier:
            current = frontier.pop()
            if current in seen:
                continue
            seen.add(current)
            if self.types.get(current) == "AdminArea":
                found.add(current)
            else:
                frontier.extend(sorted(self.zone_areas.get(current, ())))
        self._areas[place] = found
        return found

    def _areas_disjoint(self, a: str, b: str) -> bool:
        chain_a, chain_b = self.chain(a), self.chain(b)
        if a in chain_b or b in chain_a:
            return False                     # one contains the other
        if set(chain_a) & set(chain_b):
            return True                      # different branches below a common area
        roots = (self.code.get(chain_a[-1], ""), self.code.get(chain_b[-1], ""))
        return all(_COUNTRY_CODE.fullmatch(code) for code in roots)   # two countries

    def disjoint(self, first: str, second: str) -> bool:
        """True when nothing can lie in both places; unknown positions are not disjoint."""
        areas_a, areas_b = self.areas_of(first), self.areas_of(second)
        if not areas_a or not areas_b:
            return False
        return all(self._areas_disjoint(a, b) for a in areas_a for b in areas_b)


def _fact_order(fact: LinkedFact) -> tuple:
    first = min((s.article_id, s.start, s.end) for s in fact.sources) if fact.sources else ()
    return (fact.value if fact.value is not None else 0.0, fact.object or "", first)


def find_conflicts(graph: KnowledgeGraph) -> list[Conflict]:
    """Every conflict in ``graph``, ordered by entity, predicate and qualifier."""
    figures: dict[tuple[str, str, str, str], list[LinkedFact]] = defaultdict(list)
    seats: dict[str, list[LinkedFact]] = defaultdict(list)
    for fact in graph.facts:
        if fact.predicate in ("investmentAmount", "computeCapacity") and fact.value is not None:
            figures[(fact.subject, fact.predicate, qualifier_of(fact), fact.unit or "")].append(fact)
        elif fact.predicate == "locatedIn" and fact.object is not None:
            seats[fact.subject].append(fact)

    conflicts: list[Conflict] = []
    for (entity, predicate, qualifier, _), facts in figures.items():
        if len(facts) > 1:
            facts.sort(key=_fact_order)
            involved = _disagreeing(facts, _values_differ)
            if involved:
                conflicts.append(Conflict(entity, predicate, qualifier, involved))
    places = None
    for entity, facts in seats.items():
        if len({fact.object for fact in facts}) > 1:
            places = places or _Places(graph)
            facts.sort(key=_fact_order)
            involved = _disagreeing(facts, lambda a, b: places.disjoint(a.object, b.object))
            if involved:
                conflicts.append(Conflict(entity, "locatedIn", "", involved))
    conflicts.sort(key=lambda c: (c.entity, c.predicate, c.qualifier))
    return conflicts
