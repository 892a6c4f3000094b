"""KnowledgeGraph -> RDF quads: entities, direct fact triples, value nodes, posts,
articles, and one reified statement per reading of a fact.

The default graph holds everything a plain query needs (entities, direct triples such as
``<centre> kg:locatedIn <county>``, value and membership nodes, articles).  Each
article's statements (evidence sentence, offsets, source) sit in a named graph named by
the article IRI.  The quads come out in a fixed order (records sorted, one subject's
triples together, duplicates dropped), so serialising them gives the same bytes for the
same graph, whatever order the records arrived in.  See ``ontology/kg.ttl`` for the
model and why provenance is reified.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal

import pyoxigraph as ox

from kg.link.iri import article_iri, entity_iri
from kg.rdf import vocabulary as V
from kg.records import ENTITY_TYPES, PREDICATES, QUANTITY_PREDICATES, KnowledgeGraph, LinkedFact

__all__ = ["RdfBuildError", "RdfDataset", "build_dataset", "graph_nquads", "graph_quads",
           "graph_to_dataset", "decimal_lexical"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUANTITY_CLASS = {"investmentAmount": V.MONETARY_AMOUNT, "computeCapacity": V.COMPUTE_QUANTITY}


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


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES.update({code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F] if code not in _ESCAPES})


def _quoted(text: str) -> str:
    """An N-Triples string literal body, quotes included."""
    return '"' + text.translate(_ESCAPES) + '"'


class _Emitter:
    """Collects quads as N-Quads term strings, per graph, in first-seen order, dropping
    duplicates.  Text is built here and parsed by Oxigraph (Rust) afterwards: creating
    one pyoxigraph object per term from Python costs several microseconds each."""

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}
        self.graphs: dict[str, dict[tuple[str, str, str], None]] = {"": {}}
        self._lang_suffix = "@" + V.LANGUAGE

    def node(self, iri: str) -> str:
        term = self._iris.get(iri)
        if term is None:
            if _IRI_FORBIDDEN.search(iri) or ":" not in iri:
                raise RdfBuildError(f"invalid IRI {iri!r}")
            term = self._iris[iri] = f"<{iri}>"
        return term

    def add(self, subject: str, predicate: str, obj: str, graph: str = "") -> None:
        triples = self.graphs.get(graph)
        if triples is None:
            triples = self.graphs[graph] = {}
        triples[(self.node(subject), self.node(predicate), obj)] = None

    def link(self, subject: str, predicate: str, obj: str, graph: str = "") -> None:
        self.add(subject, predicate, self.node(obj), graph)

    def text(self, subject: str, predicate: str, value: str | None, graph: str = "") -> None:
        """A natural-language literal (tagged @zh); nothing when the value is empty."""
        if value:
            self.add(subject, predicate, _quoted(value) + self._lang_suffix, graph)

    def string(self, subject: str, predicate: str, value: str | None, graph: str = "") -> None:
        if value:
            self.add(subject, predicate, _quoted(value), graph)

    def typed(self, subject: str, predicate: str, lexical: str, datatype: str,
              graph: str = "") -> None:
        self.add(subject, predicate, f"{_quoted(lexical)}^^{self.node(datatype)}", graph)

    def nquads(self) -> bytes:
        lines = []
        for graph, triples in self.graphs.items():
            suffix = f" {self.node(graph)} .\n" if graph else " .\n"
            lines.extend(f"{s} {p} {o}{suffix}" for s, p, o in triples)
        return _utf8("".join(lines))

    def ntriples(self) -> bytes:
        """Every triple once, whatever graph it is in (the union graph)."""
        seen: dict[tuple[str, str, str], None] = {}
        for triples in self.graphs.values():
            seen.update(triples)
        return _utf8("".join(f"{s} {p} {o} .\n" for s, p, o in seen))


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeError as error:
        raise RdfBuildError(f"text that cannot be written as UTF-8 "
                            f"({error.reason}): {error.object[error.start:error.end]!r}") from None


class RdfDataset:
    """The RDF of one KnowledgeGraph, ready to serialise: N-Quads and N-Triples text
    (built once) and, on demand, pyoxigraph quads or an in-memory store."""

    def __init__(self, emitter: _Emitter) -> None:
        self._emitter = emitter
        self._nquads: bytes | None = None

    def nquads(self) -> bytes:
        if self._nquads is None:
            self._nquads = self._emitter.nquads()
        return self._nquads

    def ntriples(self) -> bytes:
        return self._emitter.ntriples()

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS))

    def store(self, path: str | None = None) -> ox.Store:
        """An Oxigraph store holding the dataset, in memory or at ``path``."""
        store = ox.Store(path) if path else ox.Store()
        store.bulk_load(self.nquads(), format=ox.RdfFormat.N_QUADS)
        return store

    def __len__(self) -> int:
        return sum(len(triples) for triples in self._emitter.graphs.values())


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


def build_dataset(graph: KnowledgeGraph) -> RdfDataset:
    """The RDF of ``graph`` in serialisation order: the default graph first, then one
    named graph per article (sorted by article id)."""
    out = _Emitter()
    facts_by_subject: dict[str, list[LinkedFact]] = {}
    for fact in graph.facts:
        _check_fact(fact)
        facts_by_subject.setdefault(fact.subject, []).append(fact)
    for facts in facts_by_subject.values():
        facts.sort(key=_fact_sort_key)

    mentioned: dict[str, set[str]] = {}
    for entity in sorted(graph.entities, key=lambda e: e.id):
        if entity.type not in ENTITY_TYPES:
            raise RdfBuildError(f"entity {entity.id!r} ({entity.label}) has unknown type "
                                f"{entity.type!r}")
        iri = entity_iri(entity.id)
        out.link(iri, V.TYPE, V.term(entity.type))
        out.text(iri, V.LABEL, entity.label)
        for alias in sorted(set(entity.aliases) - {entity.label}):
            out.text(iri, V.ALT_LABEL, alias)
        if entity.code:
            out.string(iri, V.CODE, entity.code)
            if entity.type == "AdminArea" and V.is_division_code(entity.code):
                out.string(iri, V.DIVISION_CODE, entity.code)
                out.link(iri, V.ADMIN_LEVEL, V.admin_level(entity.code))
        if entity.parent:
            out.link(iri, V.PART_OF, entity_iri(entity.parent))
        for doc in sorted(set(entity.docs)):
            out.string(iri, V.DOCUMENT, doc)
        for article_id in entity.articles:
            mentioned.setdefault(article_id, set()).add(iri)
        for fact in facts_by_subject.pop(entity.id, ()):
            _emit_direct(out, fact)
    for subject in sorted(facts_by_subject):   # facts about entities the graph does not list
        for fact in facts_by_subject[subject]:
            _emit_direct(out, fact)

    for fact in sorted(graph.facts, key=_fact_sort_key):
        _emit_nodes(out, fact)

    articles = {a.id: a for a in graph.articles}
    read_in = {s.article_id for f in graph.facts for s in f.sources}
    for article_id in sorted(set(articles) | set(mentioned) | read_in):
        iri = article_iri(article_id)
        out.link(iri, V.TYPE, V.ARTICLE)
        info = articles.get(article_id)
        if info is None:
            out.string(iri, V.DOCUMENT, _article_stem(article_id))
        else:
            out.text(iri, V.HEADLINE, info.title)
            if info.date:
                if not _ISO_DATE.fullmatch(info.date):
                    raise RdfBuildError(f"article {article_id!r} has a date that is not "
                                        f"yyyy-mm-dd: {info.date!r}")
                out.typed(iri, V.DATE, info.date, V.XSD_DATE)
            out.text(iri, V.NEWSPAPER, info.newspaper)
            out.string(iri, V.SOURCE_FILE, info.path)
            out.string(iri, V.DOCUMENT, info.doc)
            for name in sorted(set(info.byline)):
                out.text(iri, V.BYLINE, name)
            out.typed(iri, V.LENGTH, str(int(info.length)), V.XSD_INTEGER)
        for entity in sorted(mentioned.get(article_id, ())):
            out.link(iri, V.MENTIONS, entity)

    statements = []
    for fact in graph.facts:
        for source in fact.sources:
            statements.append((source.article_id, source.start, source.end, source.sentence,
                               _fact_sort_key(fact), fact, source))
    statements.sort(key=lambda row: row[:5])
    for article_id, start, end, sentence, _, fact, source in statements:
        _emit_statement(out, fact, source, article_iri(article_id))
    return RdfDataset(out)


def _object_iri(fact: LinkedFact) -> str:
    if fact.object is not None:
        return entity_iri(fact.object)
    return V.value_iri(*_identity(fact))


def _identity(fact: LinkedFact) -> tuple:
    value = None if fact.value is None else decimal_lexical(fact.value)
    return (fact.subject, fact.predicate, fact.object, value, fact.unit, fact.status,
            fact.phase, fact.title, fact.topic)


def _emit_direct(out: _Emitter, fact: LinkedFact) -> None:
    out.link(entity_iri(fact.subject), V.term(fact.predicate), _object_iri(fact))


def _emit_nodes(out: _Emitter, fact: LinkedFact) -> None:
    """The value node of a quantity, the membership node of a post."""
    if fact.predicate in QUANTITY_PREDICATES:
        node = _object_iri(fact)
        out.link(node, V.TYPE, _QUANTITY_CLASS[fact.predicate])
        out.typed(node, V.VALUE, decimal_lexical(fact.value), V.XSD_DECIMAL)
        out.string(node, V.UNIT, fact.unit)
        out.string(node, V.STATUS, fact.status)
        out.text(node, V.PHASE, fact.phase)
    elif fact.predicate == "holdsPosition":
        person, organisation = entity_iri(fact.subject), entity_iri(fact.object)
        title = fact.title or ""
        node = V.membership_iri(person, organisation, title)
        out.link(node, V.TYPE, V.ORG_MEMBERSHIP)
        out.link(node, V.ORG_MEMBER, person)
        out.link(node, V.ORG_ORGANIZATION, organisation)
        out.text(node, V.TITLE, title)
        for part in sorted({p.strip() for p in title.split("、") if p.strip()}):
            role = V.role_iri(part)
            out.link(node, V.ORG_ROLE, role)
            out.link(role, V.TYPE, V.ORG_ROLE_CLASS)
            out.text(role, V.LABEL, part)


def _emit_statement(out: _Emitter, fact: LinkedFact, source, graph: str) -> None:
    node = V.statement_iri(*_identity(fact), source.article_id, source.start, source.end,
                           source.sentence)
    out.link(node, V.TYPE, V.STATEMENT, graph)
    out.link(node, V.RDF_SUBJECT, entity_iri(fact.subject), graph)
    out.link(node, V.RDF_PREDICATE, V.term(fact.predicate), graph)
    out.link(node, V.RDF_OBJECT, _object_iri(fact), graph)
    out.text(node, V.TITLE, fact.title, graph)
    out.text(node, V.TOPIC, fact.topic, graph)
    out.text(node, V.EVIDENCE, source.sentence, graph)
    out.typed(node, V.START, str(int(source.start)), V.XSD_INTEGER, graph)
    out.typed(node, V.END, str(int(source.end)), V.XSD_INTEGER, graph)
    out.string(node, V.DOCUMENT, source.doc, graph)
    out.link(node, V.WAS_DERIVED_FROM, graph, graph)


def graph_nquads(graph: KnowledgeGraph) -> bytes:
    """The dataset of ``graph`` as UTF-8 N-Quads, in serialisation order."""
    return build_dataset(graph).nquads()


def graph_quads(graph: KnowledgeGraph) -> list[ox.Quad]:
    """The quads of ``graph`` as pyoxigraph objects, in serialisation order."""
    return build_dataset(graph).quads()


def graph_to_dataset(graph: KnowledgeGraph) -> ox.Store:
    """An in-memory Oxigraph store holding the dataset of ``graph``.

    For rdflib: ``rdflib.Dataset(store=oxrdflib.OxigraphStore(store=graph_to_dataset(g)))``.
    """
    return build_dataset(graph).store()
