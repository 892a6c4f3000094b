"""Reading and writing a build's record files: entities.jsonl, facts.jsonl, articles.jsonl.

These three files are the scoring export defined by the annotation guidelines and also
the persisted form of a :class:`~kg.records.KnowledgeGraph`, from which an update build
starts.  Files are written atomically and deterministically (sorted keys, fixed order).
"""
from __future__ import annotations

import gc
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from kg.link.iri import entity_iri, key_of_iri
from kg.records import (RELATION_PREDICATES, ArticleInfo, Entity, KnowledgeGraph, LinkedFact,
                        Signing, Source)

ENTITIES = "entities.jsonl"
FACTS = "facts.jsonl"
ARTICLES = "articles.jsonl"


def atomic_write_text(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string, or pieces written one by one) to a temporary file beside
    ``path`` and move it into place, with the permissions the umask gives new files."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
        os.chmod(tmp, 0o666 & ~process_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an output is built (usable as a decorator).

    A collection walks every container object in the process, and a build holds
    millions (the linker's tables, the graph, its networkx view); building an output's
    many small rows, dicts and tuples set off hundreds of collections, 1.5 s of the 10 MB
    benchmark's outputs.  The writers make few reference cycles: those wait for the
    collector's next run after the writer.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def process_umask() -> int:
    """The process umask, read without changing it where the system allows: setting and
    restoring it would, for an instant, change the permissions of a file another thread
    creates (the outputs are written by two threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_ENCODER = json.JSONEncoder(ensure_ascii=False)    # one encoder for every row


def _lines(rows: Iterable[dict]) -> Iterator[str]:
    encode = _ENCODER.encode
    return (encode(row) + "\n" for row in rows)


def entity_row(entity: Entity) -> dict:
    row = {"id": entity_iri(entity.id), "type": entity.type, "label": entity.label,
           "aliases": list(entity.aliases), "docs": list(entity.docs),
           "articles": list(entity.articles)}
    if entity.code:
        row["code"] = entity.code
    if entity.parent:
        row["parent"] = entity_iri(entity.parent)
    return row


def _source_row(source: Source) -> dict:
    return {"doc": source.doc, "article": source.article_id, "start": source.start,
            "end": source.end, "sentence": source.sentence}


def fact_rows(fact: LinkedFact) -> list[dict]:
    """One row per document the fact was read in (the scorer counts facts per document)."""
    base: dict = {"subject": entity_iri(fact.subject), "predicate": fact.predicate}
    if fact.object is not None:
        base["object"] = entity_iri(fact.object)
    else:
        base["value"] = fact.value
        base["unit"] = fact.unit
        if fact.status:
            base["status"] = fact.status
        if fact.phase:
            base["phase"] = fact.phase
    if fact.title:
        base["title"] = fact.title
    if fact.topic:
        base["topic"] = fact.topic
    if fact.qualifier:
        base["qualifier"] = fact.qualifier
    if fact.scope:
        base["scope"] = fact.scope
    if fact.count is not None:
        base["count"] = fact.count
    if fact.bound:
        base["bound"] = fact.bound
    if fact.upper is not None:
        base["upper"] = fact.upper
    if fact.signing is not None:
        base["signing"] = _signing_row(fact.signing)
    by_doc: dict[str, list[Source]] = {}
    for source in fact.sources:
        by_doc.setdefault(source.doc, []).append(source)
    rows = []
    for doc, sources in by_doc.items():
        first = sources[0]
        rows.append({**base, "doc": doc, "evidence": first.sentence, "start": first.start,
                     "end": first.end, "sources": [_source_row(s) for s in sources]})
    return rows


def _signing_row(signing: Signing) -> dict:
    row = {"key": signing.key, "parties": [entity_iri(p) for p in signing.parties]}
    for name in ("date", "place", "document"):
        if getattr(signing, name):
            row[name] = getattr(signing, name)
    return row


def _signing_of(row: dict | None) -> Signing | None:
    if not row:
        return None
    return Signing(row["key"], tuple(key_of_iri(p) for p in row.get("parties", [])),
                   row.get("date"), row.get("place"), row.get("document"))


def article_row(article: ArticleInfo) -> dict:
    return {"id": article.id, "doc": article.doc, "path": article.path, "title": article.title,
            "byline": list(article.byline), "date": article.date,
            "newspaper": article.newspaper, "length": article.length}


@collector_paused()
def write_graph(graph: KnowledgeGraph, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    paths = [out_dir / ENTITIES, out_dir / FACTS, out_dir / ARTICLES]
    atomic_write_text(paths[0], _lines(entity_row(e) for e in graph.entities))
    atomic_write_text(paths[1], _lines(row for f in graph.facts + graph.relations
                                       for row in fact_rows(f)))
    atomic_write_text(paths[2], _lines(article_row(a) for a in graph.articles))
    return paths


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_graph(out_dir: Path) -> KnowledgeGraph:
    """Load the records of a build folder written by :func:`write_graph`."""
    out_dir = Path(out_dir)
    entities = [Entity(id=key_of_iri(r["id"]), type=r["type"], label=r["label"],
                       aliases=list(r.get("aliases", [])), docs=list(r.get("docs", [])),
                       articles=list(r.get("articles", [])), code=r.get("code"),
                       parent=key_of_iri(r["parent"]) if r.get("parent") else None)
                for r in _read_jsonl(out_dir / ENTITIES)]
    facts: dict[tuple, LinkedFact] = {}
    for r in _read_jsonl(out_dir / FACTS):
        sources = [Source(s["doc"], s["article"], s["start"], s["end"], s["sentence"])
                   for s in r.get("sources", [])]
        fact = LinkedFact(subject=key_of_iri(r["subject"]), predicate=r["predicate"],
                          sources=sources,
                          object=key_of_iri(r["object"]) if r.get("object") else None,
                          value=r.get("value"), unit=r.get("unit"), status=r.get("status"),
                          phase=r.get("phase"), title=r.get("title"), topic=r.get("topic"),
                          qualifier=r.get("qualifier"), scope=r.get("scope"),
                          count=r.get("count"), bound=r.get("bound"), upper=r.get("upper"),
                          signing=_signing_of(r.get("signing")))
        known = facts.setdefault(fact.key(), fact)
        if known is not fact:              # the fact's row for another document
            known.sources.extend(sources)
    articles = [ArticleInfo(r["id"], r["doc"], r["path"], r.get("title"),
                            tuple(r.get("byline", [])), r.get("date"), r.get("newspaper"),
                            r.get("length", 0))
                for r in _read_jsonl(out_dir / ARTICLES)]
    read = list(facts.values())
    return KnowledgeGraph(entities, [f for f in read if f.predicate not in RELATION_PREDICATES],
                          articles, [f for f in read if f.predicate in RELATION_PREDICATES])
