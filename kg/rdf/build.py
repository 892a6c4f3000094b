"""KnowledgeGraph -> RDF quads, streamed straight into an Oxigraph store.

The default graph holds everything a plain query needs (entities, direct triples such as
``<centre> kg:locatedIn <county>``, value and membership nodes, articles).  Each
article's statements (evidence sentence, offsets, source) sit in a named graph named by
the article IRI.  See ``ontology/kg.ttl`` for the model and why provenance is reified.

The records are written as N-Quads text (:func:`iter_nquads`) and fed to Oxigraph's
bulk loader as they are produced (:func:`load_graph`, :func:`build_store`): no copy of
the dataset is ever held in Python, the store is the only one, and every serialisation
is written from it (:mod:`kg.rdf.serialize`).  Text is built here and parsed by
Oxigraph (Rust) because creating one pyoxigraph object per term from Python costs
several microseconds each.  The text comes out in a fixed order (records sorted, one
subject's triples together) and the store drops the few duplicates, so the same graph
always gives the same store, whatever order the records arrived in.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.link.iri import article_iri, entity_iri
from kg.rdf import vocabulary as V
from kg.records import ENTITY_TYPES, PREDICATES, QUANTITY_PREDICATES, KnowledgeGraph, LinkedFact

__all__ = ["RdfBuildError", "RdfDataset", "build_dataset", "build_store", "load_graph",
           "iter_nquads", "graph_nquads", "graph_quads", "graph_to_dataset",
           "decimal_lexical"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUANTITY_CLASS = {"investmentAmount": V.MONETARY_AMOUNT, "computeCapacity": V.COMPUTE_QUANTITY}
CHUNK_LINES = 8192      # N-Quads lines per chunk of iter_nquads
LOAD_LINES = 1 << 17     # lines per call of the bulk loader


class RdfBuildError(ValueError):
    """A record that cannot be expressed in RDF (unknown type or predicate, bad value)."""


def decimal_lexical(value: float) -> str:
    """Canonical xsd:decimal form of a float: 2.5e9 -> '2500000000', 0.25 -> '0.25'."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RdfBuildError(f"not a finite number: {value!r}")
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# --------------------------------------------------------------------------- terms

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES.update({code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F] if code not in _ESCAPES})
_LANG_SUFFIX = "@" + V.LANGUAGE


def _iri(iri: str) -> str:
    """An IRI as an N-Quads term; refuses what no RDF syntax can hold."""
    if _IRI_FORBIDDEN.search(iri) or ":" not in iri:
        raise RdfBuildError(f"invalid IRI {iri!r}")
    return f"<{iri}>"


def _quoted(text: str) -> str:
    """An N-Triples string literal body, quotes included."""
    return '"' + text.translate(_ESCAPES) + '"'


def _text(value: str) -> str:
    """A natural-language literal (tagged @zh)."""
    return _quoted(value) + _LANG_SUFFIX


def _typed(lexical: str, datatype: str) -> str:
    return f"{_quoted(lexical)}^^{datatype}"


# Vocabulary terms, formatted once.
_TYPE, _LABEL, _ALT_LABEL = _iri(V.TYPE), _iri(V.LABEL), _iri(V.ALT_LABEL)
_CODE, _DIVISION_CODE, _ADMIN_LEVEL = _iri(V.CODE), _iri(V.DIVISION_CODE), _iri(V.ADMIN_LEVEL)
_PART_OF, _DOCUMENT, _MENTIONS = _iri(V.PART_OF), _iri(V.DOCUMENT), _iri(V.MENTIONS)
_ARTICLE, _HEADLINE, _DATE = _iri(V.ARTICLE), _iri(V.HEADLINE), _iri(V.DATE)
_NEWSPAPER, _SOURCE_FILE, _BYLINE = _iri(V.NEWSPAPER), _iri(V.SOURCE_FILE), _iri(V.BYLINE)
_LENGTH, _VALUE, _UNIT = _iri(V.LENGTH), _iri(V.VALUE), _iri(V.UNIT)
_STATUS, _PHASE, _TITLE, _TOPIC = _iri(V.STATUS), _iri(V.PHASE), _iri(V.TITLE), _iri(V.TOPIC)
_STATEMENT, _EVIDENCE, _START, _END = (_iri(V.STATEMENT), _iri(V.EVIDENCE), _iri(V.START),
                                       _iri(V.END))
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = (_iri(V.RDF_SUBJECT), _iri(V.RDF_PREDICATE),
                                             _iri(V.RDF_OBJECT))
_WAS_DERIVED_FROM = _iri(V.WAS_DERIVED_FROM)
_ORG_MEMBERSHIP, _ORG_MEMBER = _iri(V.ORG_MEMBERSHIP), _iri(V.ORG_MEMBER)
_ORG_ORGANIZATION, _ORG_ROLE, _ORG_ROLE_CLASS = (_iri(V.ORG_ORGANIZATION), _iri(V.ORG_ROLE),
                                                 _iri(V.ORG_ROLE_CLASS))
_XSD_DECIMAL, _XSD_INTEGER, _XSD_DATE = _iri(V.XSD_DECIMAL), _iri(V.XSD_INTEGER), _iri(V.XSD_DATE)
_CLASS = {name: _iri(V.term(name)) for name in ENTITY_TYPES}
_PREDICATE = {name: _iri(V.term(name)) for name in PREDICATES}
_QUANTITY_CLASS_TERM = {name: _iri(iri) for name, iri in _QUANTITY_CLASS.items()}


# --------------------------------------------------------------------------- records -> lines

def _fact_sort_key(fact: LinkedFact) -> tuple:
    return (fact.subject, fact.predicate, fact.object or "",
            -math.inf if fact.value is None else fact.value, fact.unit or "",
            fact.status or "", fact.phase or "", fact.title or "", fact.topic or "")


def _check_fact(fact: LinkedFact) -> None:
    if fact.predicate not in PREDICATES:
        raise RdfBuildError(f"fact of {fact.subject!r} has unknown predicate {fact.predicate!r}")
    if fact.predicate in QUANTITY_PREDICATES:
        if fact.value is None:
            raise RdfBuildError(f"{fact.predicate} fact of {fact.subject!r} has no value")
    elif fact.object is None:
        raise RdfBuildError(f"{fact.predicate} fact of {fact.subject!r} has no object")


def _article_stem(article_id: str) -> str:
    return article_id.rpartition("#")[0] or article_id


def _identity(fact: LinkedFact) -> tuple:
    value = None if fact.value is None else decimal_lexical(fact.value)
    return (fact.subject, fact.predicate, fact.object, value, fact.unit, fact.status,
            fact.phase, fact.title, fact.topic)


def _object_iri(fact: LinkedFact) -> str:
    if fact.object is not None:
        return entity_iri(fact.object)
    return V.value_iri(*_identity(fact))


def _entity_lines(entity, facts: list[LinkedFact]) -> Iterator[str]:
    """The entity's own triples and the direct triples of the facts it is subject of."""
    if entity.type not in ENTITY_TYPES:
        raise RdfBuildError(f"entity {entity.id!r} ({entity.label}) has unknown type "
                            f"{entity.type!r}")
    s = _iri(entity_iri(entity.id))
    yield f"{s} {_TYPE} {_CLASS[entity.type]} .\n"
    if entity.label:
        yield f"{s} {_LABEL} {_text(entity.label)} .\n"
    for alias in sorted(set(entity.aliases) - {entity.label}):
        if alias:
            yield f"{s} {_ALT_LABEL} {_text(alias)} .\n"
    if entity.code:
        yield f"{s} {_CODE} {_quoted(entity.code)} .\n"
        if entity.type == "AdminArea" and V.is_division_code(entity.code):
            yield f"{s} {_DIVISION_CODE} {_quoted(entity.code)} .\n"
            yield f"{s} {_ADMIN_LEVEL} {_iri(V.admin_level(entity.code))} .\n"
    if entity.parent:
        yield f"{s} {_PART_OF} {_iri(entity_iri(entity.parent))} .\n"
    for doc in sorted(set(entity.docs)):
        if doc:
            yield f"{s} {_DOCUMENT} {_quoted(doc)} .\n"
    yield from _direct_lines(s, facts)


def _direct_lines(subject: str, facts: list[LinkedFact]) -> Iterator[str]:
    for fact in facts:
        yield f"{subject} {_PREDICATE[fact.predicate]} {_iri(_object_iri(fact))} .\n"


def _node_lines(fact: LinkedFact, roles_done: set[str]) -> Iterator[str]:
    """The value node of a quantity, the membership node (and roles) of a post."""
    if fact.predicate in QUANTITY_PREDICATES:
        node = _iri(_object_iri(fact))
        yield f"{node} {_TYPE} {_QUANTITY_CLASS_TERM[fact.predicate]} .\n"
        yield f"{node} {_VALUE} {_typed(decimal_lexical(fact.value), _XSD_DECIMAL)} .\n"
        if fact.unit:
            yield f"{node} {_UNIT} {_quoted(fact.unit)} .\n"
        if fact.status:
            yield f"{node} {_STATUS} {_quoted(fact.status)} .\n"
        if fact.phase:
            yield f"{node} {_PHASE} {_text(fact.phase)} .\n"
    elif fact.predicate == "holdsPosition":
        person, organisation = entity_iri(fact.subject), entity_iri(fact.object)
        title = fact.title or ""
        node = _iri(V.membership_iri(person, organisation, title))
        yield f"{node} {_TYPE} {_ORG_MEMBERSHIP} .\n"
        yield f"{node} {_ORG_MEMBER} {_iri(person)} .\n"
        yield f"{node} {_ORG_ORGANIZATION} {_iri(organisation)} .\n"
        if title:
            yield f"{node} {_TITLE} {_text(title)} .\n"
        for part in sorted({p.strip() for p in title.split("、") if p.strip()}):
            role = _iri(V.role_iri(part))
            yield f"{node} {_ORG_ROLE} {role} .\n"
            if role not in roles_done:   # one role serves many memberships
                roles_done.add(role)
                yield f"{role} {_TYPE} {_ORG_ROLE_CLASS} .\n"
                yield f"{role} {_LABEL} {_text(part)} .\n"


def _article_lines(article_id: str, info, mentioned: Iterable[str]) -> Iterator[str]:
    a = _iri(article_iri(article_id))
    yield f"{a} {_TYPE} {_ARTICLE} .\n"
    if info is None:
        yield f"{a} {_DOCUMENT} {_quoted(_article_stem(article_id))} .\n"
    else:
        if info.title:
            yield f"{a} {_HEADLINE} {_text(info.title)} .\n"
        if info.date:
            if not _ISO_DATE.fullmatch(info.date):
                raise RdfBuildError(f"article {article_id!r} has a date that is not "
                                    f"yyyy-mm-dd: {info.date!r}")
            yield f"{a} {_DATE} {_typed(info.date, _XSD_DATE)} .\n"
        if info.newspaper:
            yield f"{a} {_NEWSPAPER} {_text(info.newspaper)} .\n"
        if info.path:
            yield f"{a} {_SOURCE_FILE} {_quoted(info.path)} .\n"
        if info.doc:
            yield f"{a} {_DOCUMENT} {_quoted(info.doc)} .\n"
        for name in sorted(set(info.byline)):
            if name:
                yield f"{a} {_BYLINE} {_text(name)} .\n"
        yield f"{a} {_LENGTH} {_typed(str(int(info.length)), _XSD_INTEGER)} .\n"
    for entity_id in sorted(mentioned):
        yield f"{a} {_MENTIONS} {_iri(entity_iri(entity_id))} .\n"


def _statement_lines(fact: LinkedFact, source, graph: str) -> Iterator[str]:
    """One reading of a fact, in the named graph ``graph`` (an N-Quads graph term)."""
    node = _iri(V.statement_iri(*_identity(fact), source.article_id, source.start, source.end,
                                source.sentence))
    tail = f" {graph} .\n"
    yield f"{node} {_TYPE} {_STATEMENT}{tail}"
    yield f"{node} {_RDF_SUBJECT} {_iri(entity_iri(fact.subject))}{tail}"
    yield f"{node} {_RDF_PREDICATE} {_PREDICATE[fact.predicate]}{tail}"
    yield f"{node} {_RDF_OBJECT} {_iri(_object_iri(fact))}{tail}"
    if fact.title:
        yield f"{node} {_TITLE} {_text(fact.title)}{tail}"
    if fact.topic:
        yield f"{node} {_TOPIC} {_text(fact.topic)}{tail}"
    if source.sentence:
        yield f"{node} {_EVIDENCE} {_text(source.sentence)}{tail}"
    yield f"{node} {_START} {_typed(str(int(source.start)), _XSD_INTEGER)}{tail}"
    yield f"{node} {_END} {_typed(str(int(source.end)), _XSD_INTEGER)}{tail}"
    if source.doc:
        yield f"{node} {_DOCUMENT} {_quoted(source.doc)}{tail}"
    yield f"{node} {_WAS_DERIVED_FROM} {graph}{tail}"


def _lines(graph: KnowledgeGraph) -> Iterator[str]:
    """Every N-Quads line of ``graph``: entities with their direct facts, value and
    membership nodes, articles, then each article's statements in its named graph."""
    facts_by_subject: dict[str, list[LinkedFact]] = {}
    for fact in graph.facts:
        _check_fact(fact)
        facts_by_subject.setdefault(fact.subject, []).append(fact)
    for facts in facts_by_subject.values():
        facts.sort(key=_fact_sort_key)

    mentioned: dict[str, set[str]] = {}
    for entity in sorted(graph.entities, key=lambda e: e.id):
        yield from _entity_lines(entity, facts_by_subject.pop(entity.id, ()))
        for article_id in entity.articles:
            mentioned.setdefault(article_id, set()).add(entity.id)
    for subject in sorted(facts_by_subject):   # facts about entities the graph does not list
        yield from _direct_lines(_iri(entity_iri(subject)), facts_by_subject[subject])
    del facts_by_subject

    roles_done: set[str] = set()
    for fact in sorted(graph.facts, key=_fact_sort_key):
        yield from _node_lines(fact, roles_done)

    articles = {a.id: a for a in graph.articles}
    read_in = {s.article_id for f in graph.facts for s in f.sources}
    for article_id in sorted(set(articles) | set(mentioned) | read_in):
        yield from _article_lines(article_id, articles.get(article_id),
                                  mentioned.pop(article_id, ()))

    statements = sorted(((source.article_id, source.start, source.end, source.sentence,
                          _fact_sort_key(fact), index, source)
                         for index, fact in enumerate(graph.facts) for source in fact.sources),
                        key=lambda row: row[:6])
    graph_term = None
    current = None
    for article_id, _, _, _, _, index, source in statements:
        if article_id != current:
            current, graph_term = article_id, _iri(article_iri(article_id))
        yield from _statement_lines(graph.facts[index], source, graph_term)


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeError as error:
        raise RdfBuildError(f"text that cannot be written as UTF-8 "
                            f"({error.reason}): {error.object[error.start:error.end]!r}") from None


def iter_nquads(graph: KnowledgeGraph, chunk_lines: int = CHUNK_LINES) -> Iterator[bytes]:
    """The dataset of ``graph`` as UTF-8 N-Quads, a chunk of lines at a time.

    A triple may occur more than once (a store keeps one); errors in the records raise
    :class:`RdfBuildError` when the loop reaches them.
    """
    batch: list[str] = []
    for line in _lines(graph):
        batch.append(line)
        if len(batch) >= chunk_lines:
            yield _utf8("".join(batch))
            batch.clear()
    if batch:
        yield _utf8("".join(batch))


def load_graph(graph: KnowledgeGraph, store: ox.Store) -> ox.Store:
    """Stream the dataset of ``graph`` into ``store`` through Oxigraph's bulk loader.

    The text goes in batches of :data:`LOAD_LINES` lines: one call over everything
    would let the loader buffer the whole dataset (1.2 GB at 10^6 triples, against
    0.25 GB in batches).  The loader gives no transaction: on an error the store may
    hold part of the graph, so load into a fresh store and throw it away on failure (as
    ``write_rdf`` does).
    """
    for chunk in iter_nquads(graph, LOAD_LINES):
        store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
    store.optimize()   # merges the batches' files: later reads are a third faster
    return store


def build_store(graph: KnowledgeGraph, path: str | None = None) -> ox.Store:
    """A new Oxigraph store holding the dataset of ``graph``: on disk at ``path`` (a
    folder that must not hold a store yet), else in memory."""
    return load_graph(graph, ox.Store(path) if path else ox.Store())


# --------------------------------------------------------------------------- small graphs

class RdfDataset:
    """The RDF of one KnowledgeGraph in an in-memory Oxigraph store: for small graphs,
    tests and rdflib users (``rdflib.Dataset(store=oxrdflib.OxigraphStore(store=...))``).
    Builds write into the on-disk store instead (:func:`kg.rdf.serialize.write_rdf`)."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    def store(self) -> ox.Store:
        return self._store

    def quads(self) -> list[ox.Quad]:
        """Every quad, sorted by its N-Quads form."""
        return sorted(self._store, key=str)

    def nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def __len__(self) -> int:
        return len(self._store)


def build_dataset(graph: KnowledgeGraph) -> RdfDataset:
    """The RDF of ``graph`` in an in-memory store; raises :class:`RdfBuildError` on records
    that cannot be RDF."""
    return RdfDataset(build_store(graph))


def graph_nquads(graph: KnowledgeGraph) -> bytes:
    """The dataset of ``graph`` as UTF-8 N-Quads, one line per distinct quad."""
    return build_dataset(graph).nquads()


def graph_quads(graph: KnowledgeGraph) -> list[ox.Quad]:
    """The quads of ``graph`` as pyoxigraph objects, sorted."""
    return build_dataset(graph).quads()


def graph_to_dataset(graph: KnowledgeGraph) -> ox.Store:
    """An in-memory Oxigraph store holding the dataset of ``graph``.

    For rdflib: ``rdflib.Dataset(store=oxrdflib.OxigraphStore(store=graph_to_dataset(g)))``.
    """
    return build_store(graph)
