"""IRIs kept across ``kg build --update``: an entity keeps its IRI when its name grows.

An entity's key is derived from its type and canonical name (:mod:`kg.link.iri`), and the
canonical name is the fullest form seen: articles added by an update can give an entity a
fuller name (a short form first, the full name later), which would give it a new key.
When that happens the entity keeps the key it had in the previous build:

- an entity of the new result whose key was in the previous build keeps it (nothing
  changed for it);
- otherwise, a previous entity whose key is gone but whose canonical name is among the
  names (label and aliases) of a new entity is that entity: the new entity takes the
  previous key.  When several pairs compete, same-type pairs come first, then those
  sharing the most names, then the smallest keys — each key is given once.

Areas are keyed by division code and never change; they are left alone.  The mapping is
a pure function of the two entity lists, so it can be tested without a build.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kg.graphio import ENTITIES
from kg.link.iri import key_of_iri, normalise_name
from kg.records import Entity, KnowledgeGraph, LinkedFact

__all__ = ["read_previous_entities", "kept_keys", "rename_entities"]

_AREA_PREFIX = "area/"


def read_previous_entities(build_dir: str | Path) -> list[Entity]:
    """The entities of a previous build (``entities.jsonl``); empty if it has none."""
    path = Path(build_dir) / ENTITIES
    if not path.is_file():
        return []
    entities = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                entities.append(Entity(key_of_iri(row["id"]), row["type"], row["label"],
                                       list(row.get("aliases", [])), list(row.get("docs", []))))
    return entities


def _names(entity: Entity) -> set[str]:
    return {normalise_name(n) for n in [entity.label, *entity.aliases]}


def kept_keys(previous: list[Entity], current: list[Entity]) -> dict[str, str]:
    """``{new key: previous key}`` for the current entities that keep a previous key."""
    previous_keys = {e.id for e in previous}
    unchanged = {e.id for e in current if e.id in previous_keys}
    lost = [p for p in previous if p.id not in unchanged and not p.id.startswith(_AREA_PREFIX)]
    fresh = [e for e in current if e.id not in previous_keys and not e.id.startswith(_AREA_PREFIX)]
    by_name: dict[str, list[Entity]] = {}
    for entity in fresh:
        for name in _names(entity):
            by_name.setdefault(name, []).append(entity)
    pairs = []
    for old in lost:
        old_names = _names(old)
        for new in by_name.get(normalise_name(old.label), []):
            pairs.append(((old.type != new.type, -len(old_names & _names(new)), old.id, new.id),
                          old.id, new.id))
    kept: dict[str, str] = {}
    taken: set[str] = set()
    for _rank, old_key, new_key in sorted(pairs):
        if old_key not in taken and new_key not in kept:
            kept[new_key] = old_key
            taken.add(old_key)
    return kept


def rename_entities(graph: KnowledgeGraph, renames: dict[str, str]) -> KnowledgeGraph:
    """The graph with entity keys renamed (entities, parents, fact ends), in output order."""
    if not renames:
        return graph

    def new(key: str | None) -> str | None:
        return renames.get(key, key) if key is not None else None

    entities = sorted((replace(e, id=new(e.id), parent=new(e.parent)) for e in graph.entities),
                      key=lambda e: e.id)
    facts = [replace(f, subject=new(f.subject), object=new(f.object),
                     signing=f.signing and replace(f.signing, parties=tuple(
                         new(p) for p in f.signing.parties)))
             for f in graph.facts]
    facts.sort(key=_fact_order)
    relations = [replace(f, subject=new(f.subject), object=new(f.object))
                 for f in graph.relations]
    relations.sort(key=_fact_order)
    return KnowledgeGraph(entities, facts, list(graph.articles), relations)


def _fact_order(fact: LinkedFact) -> tuple:
    # The order the linker gives facts (kg.link.resolve), so renamed output reads the same.
    return (fact.subject, fact.predicate, str(fact.object), fact.value or 0, fact.title or "")
