"""KnowledgeGraph -> RDF, streamed straight into an Oxigraph store and out as Turtle.

The default graph holds everything a plain query needs (entities, direct triples such as
``<centre> kg:locatedIn <county>``, for the scored facts and for the relations kept
beside them, value nodes with the money model, membership nodes, signing events,
articles).  Each article's statements (evidence sentence, offsets, source, the signing
an agreement was read from) sit in a named graph named by the article IRI.  See
``ontology/kg.ttl`` for the model and why provenance is reified.

The records become Turtle text, one block per subject (:func:`iter_turtle`), in a fixed
order (records sorted, one subject's triples together, repeated blocks dropped), so the
same graph always gives the same text whatever order the records arrived in.  That text
is ``graph.ttl`` as written, and, with each article's statements wrapped in its named
graph, the TriG fed to Oxigraph's bulk loader as it is produced (:func:`load_graph`,
:func:`build_store`): no copy of the dataset is ever held in Python, and no serialisation
has to read the store back.  Text is built here and parsed by Oxigraph (Rust) because
creating one pyoxigraph object per term from Python costs several microseconds each; a
whole block is one string format, not one per triple.
"""
from __future__ import annotations

import math
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from kg.conflicts import Conflict, find_conflicts
from kg.link.iri import article_iri, entity_iri, normalise_name
from kg.rdf import vocabulary as V
from kg.records import (ENTITY_TYPES, PREDICATES, QUANTITY_PREDICATES, RELATION_PREDICATES,
                        KnowledgeGraph, LinkedFact, Signing)

__all__ = ["RdfBuildError", "RdfDataset", "build_dataset", "build_store", "load_graph",
           "iter_turtle", "graph_nquads", "graph_quads", "graph_to_dataset",
           "decimal_lexical"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Every predicate the RDF states: the scored facts and the relations kept beside them.
FACT_PREDICATES = PREDICATES + RELATION_PREDICATES
MONEY_PREDICATES = frozenset({"investmentAmount", "programmeInvestment"})
VALUE_PREDICATES = QUANTITY_PREDICATES | MONEY_PREDICATES
_QUANTITY_CLASS = {"investmentAmount": V.MONETARY_AMOUNT, "programmeInvestment": V.MONETARY_AMOUNT,
                   "computeCapacity": V.COMPUTE_QUANTITY}
# Where a signing took place: a place entity of one of these types named as written.
_PLACE_TYPES = frozenset({"AdminArea", "Zone", "Port"})
# Triples per call of the bulk loader (and per piece of iter_turtle): the loader buffers
# a call's triples.  Writing the RDF of a 30 MB corpus's build took 175-193 MB above the
# build with 2^17, 49-53 MB with 2^15, in 33-35 s against 37-38 s.
LOAD_LINES = 1 << 15


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
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')
_LANG_SUFFIX = "@" + V.LANGUAGE
_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _iri(iri: str) -> str:
    """An IRI as a Turtle / N-Triples term; refuses what no RDF syntax can hold."""
    if _IRI_FORBIDDEN.search(iri) or ":" not in iri:
        raise RdfBuildError(f"invalid IRI {iri!r}")
    return f"<{iri}>"


def _quoted(text: str) -> str:
    """A string literal body, quotes included (the same escapes in Turtle and N-Triples)."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return '"' + text + '"'


def _text(value: str) -> str:
    """A natural-language literal (tagged @zh)."""
    return _quoted(value) + _LANG_SUFFIX


def _vocab(iri: str) -> str:
    """A vocabulary IRI as a prefixed name (``kg:locatedIn``) where a prefix covers it."""
    for name, namespace in sorted(V.PREFIXES.items()):
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
            return f"{name}:{iri[len(namespace):]}"
    return _iri(iri)


def _typed(lexical: str, datatype: str) -> str:
    return f"{_quoted(lexical)}^^{datatype}"


# Vocabulary terms, formatted once.
_TYPE = "a"
_LABEL, _ALT_LABEL = _vocab(V.LABEL), _vocab(V.ALT_LABEL)
_CODE, _DIVISION_CODE, _ADMIN_LEVEL = _vocab(V.CODE), _vocab(V.DIVISION_CODE), _vocab(V.ADMIN_LEVEL)
_PART_OF, _DOCUMENT, _MENTIONS = _vocab(V.PART_OF), _vocab(V.DOCUMENT), _vocab(V.MENTIONS)
_ARTICLE, _HEADLINE, _DATE = _vocab(V.ARTICLE), _vocab(V.HEADLINE), _vocab(V.DATE)
_NEWSPAPER, _SOURCE_FILE, _BYLINE = _vocab(V.NEWSPAPER), _vocab(V.SOURCE_FILE), _vocab(V.BYLINE)
_LENGTH, _VALUE, _UNIT = _vocab(V.LENGTH), _vocab(V.VALUE), _vocab(V.UNIT)
_STATUS, _PHASE, _TITLE, _TOPIC = (_vocab(V.STATUS), _vocab(V.PHASE), _vocab(V.TITLE),
                                   _vocab(V.TOPIC))
_STATEMENT, _EVIDENCE, _START, _END = (_vocab(V.STATEMENT), _vocab(V.EVIDENCE), _vocab(V.START),
                                       _vocab(V.END))
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = (_vocab(V.RDF_SUBJECT), _vocab(V.RDF_PREDICATE),
                                             _vocab(V.RDF_OBJECT))
_WAS_DERIVED_FROM = _vocab(V.WAS_DERIVED_FROM)
_ORG_MEMBERSHIP, _ORG_MEMBER = _vocab(V.ORG_MEMBERSHIP), _vocab(V.ORG_MEMBER)
_ORG_ORGANIZATION, _ORG_ROLE, _ORG_ROLE_CLASS = (_vocab(V.ORG_ORGANIZATION), _vocab(V.ORG_ROLE),
                                                 _vocab(V.ORG_ROLE_CLASS))
_XSD_DECIMAL, _XSD_DATE = _vocab(V.XSD_DECIMAL), _vocab(V.XSD_DATE)
_CONFLICT, _CONFLICT_ON, _CONFLICT_PREDICATE = (_vocab(V.CONFLICT), _vocab(V.CONFLICT_ON),
                                                _vocab(V.CONFLICT_PREDICATE))
_CONFLICTING_VALUE, _CONFLICTING_STATEMENT = (_vocab(V.CONFLICTING_VALUE),
                                              _vocab(V.CONFLICTING_STATEMENT))
_CURRENCY, _QUALIFIER, _SCOPE = _vocab(V.CURRENCY), _vocab(V.QUALIFIER), _vocab(V.SCOPE)
_BOUND, _UPPER, _PROJECT_COUNT = _vocab(V.BOUND), _vocab(V.UPPER), _vocab(V.PROJECT_COUNT)
_STAGE = _vocab(V.STAGE)
_SIGNING_CLASS, _PARTY, _SIGNING = _vocab(V.SIGNING_CLASS), _vocab(V.PARTY), _vocab(V.SIGNING)
_PLACE, _PLACE_NAME, _SIGNED_DOCUMENT = (_vocab(V.PLACE), _vocab(V.PLACE_NAME),
                                         _vocab(V.SIGNED_DOCUMENT))
_CLASS = {name: _vocab(V.term(name)) for name in ENTITY_TYPES}
_PREDICATE = {name: _vocab(V.term(name)) for name in FACT_PREDICATES}
_QUANTITY_CLASS_TERM = {name: _vocab(iri) for name, iri in _QUANTITY_CLASS.items()}
_LEVEL = {level: _vocab(level) for level in (V.PROVINCE, V.PREFECTURE, V.COUNTY)}


def _integer(value) -> str:
    """An xsd:integer literal, written bare as Turtle allows."""
    return str(int(value))


# --------------------------------------------------------------------------- blocks

def _block(subject: str, pairs: Iterable[tuple[str, str]]) -> tuple[str, int]:
    """The Turtle block of one subject and its (predicate, object) pairs, repeated pairs
    dropped and a predicate's consecutive objects listed together; with its triple count."""
    pairs = list(dict.fromkeys(pairs))
    out = [subject]
    previous = None
    for predicate, obj in pairs:
        if predicate == previous:
            out.append(" , " + obj)
        else:
            out.append(f" {predicate} {obj}" if previous is None
                       else f" ;\n\t{predicate} {obj}")
            previous = predicate
    out.append(" .\n")
    return "".join(out), len(pairs)


class _TermCache(dict):
    """The IRI term of each id, minted, formatted and checked on first use."""

    def __init__(self, mint) -> None:
        super().__init__()
        self._mint = mint

    def __missing__(self, key: str) -> str:
        term = self[key] = _iri(self._mint(key))
        return term


class _Terms:
    """The entity and article IRIs of one graph's records as terms, each formatted (and
    checked) once: ``terms.entity[entity_id]``, ``terms.article[article_id]``."""

    def __init__(self) -> None:
        self.entity = _TermCache(entity_iri)
        self.article = _TermCache(article_iri)

    def object(self, fact: LinkedFact, identity: tuple) -> str:
        if fact.object is not None:
            return self.entity[fact.object]
        return f"<{V.value_iri(*identity)}>"     # a hash under a fixed base: always valid


def _fact_sort_key(fact: LinkedFact) -> tuple:
    return (fact.subject, fact.predicate, fact.object or "",
            -math.inf if fact.value is None else fact.value, fact.unit or "",
            fact.status or "", fact.phase or "", fact.title or "", fact.topic or "")


def _check_fact(fact: LinkedFact) -> None:
    if fact.predicate not in _PREDICATE:
        raise RdfBuildError(f"fact of {fact.subject!r} has unknown predicate {fact.predicate!r}")
    if fact.predicate in VALUE_PREDICATES:
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


def _entity_block(entity, direct: list[tuple[str, str]], terms: _Terms) -> tuple[str, int]:
    """The entity's own triples, then ``direct``: the (predicate, object) pairs of the
    facts it is subject of."""
    if entity.type not in ENTITY_TYPES:
        raise RdfBuildError(f"entity {entity.id!r} ({entity.label}) has unknown type "
                            f"{entity.type!r}")
    pairs = [(_TYPE, _CLASS[entity.type])]
    if entity.label:
        pairs.append((_LABEL, _text(entity.label)))
    pairs += [(_ALT_LABEL, _text(alias))
              for alias in sorted(set(entity.aliases) - {entity.label}) if alias]
    if entity.code:
        code = _quoted(entity.code)
        pairs.append((_CODE, code))
        if entity.type == "AdminArea" and V.is_division_code(entity.code):
            pairs.append((_DIVISION_CODE, code))
            pairs.append((_ADMIN_LEVEL, _LEVEL[V.admin_level(entity.code)]))
    if entity.parent:
        pairs.append((_PART_OF, terms.entity[entity.parent]))
    pairs += [(_DOCUMENT, _quoted(doc)) for doc in sorted(set(entity.docs)) if doc]
    pairs += direct
    return _block(terms.entity[entity.id], pairs)


def _value_pairs(fact: LinkedFact) -> list[tuple[str, str]]:
    """The triples of a quantity's value node.  Money: its currency (the ISO 4217 code it
    was written in), qualifier, scope, phase, bound, a range's upper end and, for a
    programme, its count of projects.  Compute: its status and stage."""
    pairs = [(_TYPE, _QUANTITY_CLASS_TERM[fact.predicate]),
             (_VALUE, _typed(decimal_lexical(fact.value), _XSD_DECIMAL))]
    money = fact.predicate in MONEY_PREDICATES
    if fact.unit:
        pairs.append((_UNIT, _quoted(fact.unit)))
        if money:
            pairs.append((_CURRENCY, _quoted(fact.unit)))
    if fact.status:
        pairs.append((_STATUS, _quoted(fact.status)))
    if fact.qualifier:
        pairs.append((_QUALIFIER if money else _STAGE, _quoted(fact.qualifier)))
    if fact.scope and money:
        pairs.append((_SCOPE, _quoted(fact.scope)))
    if fact.phase:
        pairs.append((_PHASE, _text(fact.phase)))
    if fact.bound:
        pairs.append((_BOUND, _quoted(fact.bound)))
    if fact.upper is not None:
        pairs.append((_UPPER, _typed(decimal_lexical(fact.upper), _XSD_DECIMAL)))
    if fact.count is not None:
        pairs.append((_PROJECT_COUNT, _integer(fact.count)))
    return pairs


def _node_blocks(fact: LinkedFact, obj: str, terms: _Terms,
                 roles_done: set[str]) -> Iterator[tuple[str, int]]:
    """The value node of a quantity, the membership node (and new roles) of a post."""
    if fact.predicate in VALUE_PREDICATES:
        yield _block(obj, _value_pairs(fact))
    elif fact.predicate == "holdsPosition":
        person, organisation = entity_iri(fact.subject), entity_iri(fact.object)
        title = fact.title or ""
        node = f"<{V.membership_iri(person, organisation, title)}>"
        pairs = [(_TYPE, _ORG_MEMBERSHIP), (_ORG_MEMBER, terms.entity[fact.subject]),
                 (_ORG_ORGANIZATION, obj)]
        if title:
            pairs.append((_TITLE, _text(title)))
        new_roles = []
        for part in sorted({p.strip() for p in title.split("、") if p.strip()}):
            role = f"<{V.role_iri(part)}>"
            pairs.append((_ORG_ROLE, role))
            if role not in roles_done:   # one role serves many memberships
                roles_done.add(role)
                new_roles.append((role, part))
        yield _block(node, pairs)
        for role, part in new_roles:
            yield _block(role, [(_TYPE, _ORG_ROLE_CLASS), (_LABEL, _text(part))])


def _article_block(article_id: str, info, mentioned: Iterable[str],
                   terms: _Terms) -> tuple[str, int]:
    pairs = [(_TYPE, _ARTICLE)]
    if info is None:
        pairs.append((_DOCUMENT, _quoted(_article_stem(article_id))))
    else:
        if info.title:
            pairs.append((_HEADLINE, _text(info.title)))
        if info.date:
            if not _ISO_DATE.fullmatch(info.date):
                raise RdfBuildError(f"article {article_id!r} has a date that is not "
                                    f"yyyy-mm-dd: {info.date!r}")
            pairs.append((_DATE, _typed(info.date, _XSD_DATE)))
        if info.newspaper:
            pairs.append((_NEWSPAPER, _text(info.newspaper)))
        if info.path:
            pairs.append((_SOURCE_FILE, _quoted(info.path)))
        if info.doc:
            pairs.append((_DOCUMENT, _quoted(info.doc)))
        pairs += [(_BYLINE, _text(name)) for name in sorted(set(info.byline)) if name]
        pairs.append((_LENGTH, _integer(info.length)))
    pairs += [(_MENTIONS, terms.entity[entity_id]) for entity_id in sorted(mentioned)]
    return _block(terms.article[article_id], pairs)


def _valid_date(text: str | None) -> bool:
    if not text or not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _signing_nodes(facts: list[LinkedFact]) -> dict[Signing, tuple[str, set[str]]]:
    """Each signing the agreementWith facts carry -> (its IRI term, its parties): those it
    lists and both sides of every fact derived from it (the linker leaves out a party it
    cannot find by name, yet the sides of the facts are parties by definition)."""
    nodes: dict[Signing, tuple[str, set[str]]] = {}
    for fact in facts:
        signing = fact.signing
        if signing is None or fact.predicate != "agreementWith":
            continue
        node = nodes.get(signing)
        if node is None:
            iri = f"<{V.signing_iri(signing.key, signing.parties, signing.document)}>"
            node = nodes[signing] = (iri, set(signing.parties))
        node[1].update(side for side in (fact.subject, fact.object) if side)
    return nodes


def _signing_article(signing: Signing) -> str:
    """The article a signing was read in (its key is ``<article id>@<offset>``)."""
    return signing.key.rpartition("@")[0] or signing.key


def _place_index(entities) -> dict[str, str | None]:
    """Normalised name -> the one place entity (area, zone, port) with that label or
    alias; None where two share it."""
    index: dict[str, str | None] = {}
    for entity in entities:
        if entity.type in _PLACE_TYPES:
            for name in {entity.label, *entity.aliases}:
                if name:
                    key = normalise_name(name)
                    index[key] = entity.id if index.get(key, entity.id) == entity.id else None
    return index


def _signing_block(signing: Signing, node: str, parties: set[str], terms: _Terms,
                   places: dict[str, str | None]) -> tuple[str, int]:
    """A kg:Signing: every party, its date, place (the place entity where the name is
    one's, and the name as written), the document signed and the article it was read in."""
    pairs = [(_TYPE, _SIGNING_CLASS)]
    pairs += [(_PARTY, party) for party in sorted(terms.entity[p] for p in parties)]
    if _valid_date(signing.date):
        pairs.append((_DATE, _typed(signing.date, _XSD_DATE)))
    if signing.place:
        place = places.get(normalise_name(signing.place))
        if place is not None:
            pairs.append((_PLACE, terms.entity[place]))
        pairs.append((_PLACE_NAME, _text(signing.place)))
    if signing.document:
        pairs.append((_SIGNED_DOCUMENT, _text(signing.document)))
    pairs.append((_WAS_DERIVED_FROM, terms.article[_signing_article(signing)]))
    return _block(node, pairs)


def _statement_iri(identity: tuple, source) -> str:
    return V.statement_iri(*identity, source.article_id, source.start, source.end,
                           source.sentence)


def _conflict_block(conflict: Conflict, position: dict[int, int], objects: list[str],
                    identities: list[tuple], terms: _Terms) -> tuple[str, int]:
    """A kg:Conflict: the entity, the predicate, the values that disagree and every
    statement (reading) of them.  ``position`` maps ``id(fact)`` to its index."""
    node = f"<{V.conflict_iri(conflict.entity, conflict.predicate, conflict.qualifier)}>"
    pairs = [(_TYPE, _CONFLICT), (_CONFLICT_ON, terms.entity[conflict.entity]),
             (_CONFLICT_PREDICATE, _PREDICATE[conflict.predicate])]
    indices = [position[id(fact)] for fact in conflict.facts]
    pairs += [(_CONFLICTING_VALUE, objects[i]) for i in indices]
    pairs += [(_CONFLICTING_STATEMENT, f"<{_statement_iri(identities[i], source)}>")
              for fact, i in zip(conflict.facts, indices) for source in fact.sources]
    return _block(node, pairs)


def _statement_head(fact: LinkedFact, obj: str, terms: _Terms) -> tuple[str, int]:
    """What every reading of a fact says alike (type, subject, predicate, object, title,
    topic): the text after the statement's IRI, with its triple count."""
    text = (f" a {_STATEMENT} ;\n\t{_RDF_SUBJECT} {terms.entity[fact.subject]} ;\n"
            f"\t{_RDF_PREDICATE} {_PREDICATE[fact.predicate]} ;\n\t{_RDF_OBJECT} {obj}")
    triples = 4
    if fact.title:
        text += f" ;\n\t{_TITLE} {_text(fact.title)}"
        triples += 1
    if fact.topic:
        text += f" ;\n\t{_TOPIC} {_text(fact.topic)}"
        triples += 1
    return text, triples


def _statement_block(head: tuple[str, int], identity: tuple, source, graph: str,
                     signing: str | None = None) -> tuple[str, int]:
    """One reading of a fact, after its :func:`_statement_head` (it lands in the named
    graph ``graph``, the article's IRI); ``signing`` is the signing it was read from."""
    node = _statement_iri(identity, source)
    text, triples = head
    evidence = f" ;\n\t{_EVIDENCE} {_text(source.sentence)}" if source.sentence else ""
    document = f" ;\n\t{_DOCUMENT} {_quoted(source.doc)}" if source.doc else ""
    event = f" ;\n\t{_SIGNING} {signing}" if signing else ""
    return (f"<{node}>{text}{evidence} ;\n\t{_START} {_integer(source.start)} ;\n"
            f"\t{_END} {_integer(source.end)}{document}{event} ;\n"
            f"\t{_WAS_DERIVED_FROM} {graph} .\n",
            triples + 3 + bool(evidence) + bool(document) + bool(event))


def _blocks(graph: KnowledgeGraph) -> Iterator[tuple[str | None, str, int]]:
    """(named graph term or None for the default graph, Turtle block, triple count) for
    every subject: entities with their direct facts (the scored ones and the relations
    kept beside them), value and membership nodes, signings, articles, conflicts
    (:mod:`kg.conflicts`), then each article's statements."""
    terms = _Terms()
    facts = graph.facts + graph.relations
    keys = [_fact_sort_key(fact) for fact in facts]
    identities: list[tuple] = []
    objects: list[str] = []
    facts_by_subject: dict[str, list[int]] = {}
    for index, fact in enumerate(facts):
        _check_fact(fact)
        identity = _identity(fact)
        identities.append(identity)
        objects.append(terms.object(fact, identity))
        facts_by_subject.setdefault(fact.subject, []).append(index)

    def direct_pairs(subject: str) -> list[tuple[str, str]]:
        indices = sorted(facts_by_subject.pop(subject, ()), key=keys.__getitem__)
        return [(_PREDICATE[facts[i].predicate], objects[i]) for i in indices]

    mentioned: dict[str, set[str]] = {}
    for entity in sorted(graph.entities, key=lambda e: e.id):
        yield (None, *_entity_block(entity, direct_pairs(entity.id), terms))
        for article_id in entity.articles:
            mentioned.setdefault(article_id, set()).add(entity.id)
    for subject in sorted(facts_by_subject):   # facts about entities the graph does not list
        yield (None, *_block(terms.entity[subject], direct_pairs(subject)))

    order = sorted(range(len(facts)), key=keys.__getitem__)
    roles_done: set[str] = set()
    nodes_done: set[str] = set()     # facts with one identity share their node
    for index in order:
        for block in _node_blocks(facts[index], objects[index], terms, roles_done):
            if block[0] not in nodes_done:
                nodes_done.add(block[0])
                yield (None, *block)
    del nodes_done

    signings = _signing_nodes(facts)
    if signings:
        places = _place_index(graph.entities) if any(s.place for s in signings) else {}
        for signing, (node, parties) in sorted(signings.items(), key=lambda item: item[1][0]):
            yield (None, *_signing_block(signing, node, parties, terms, places))

    articles = {a.id: a for a in graph.articles}
    read_in = {s.article_id for f in facts for s in f.sources}
    read_in.update(_signing_article(signing) for signing in signings)
    for article_id in sorted(set(articles) | set(mentioned) | read_in):
        yield (None, *_article_block(article_id, articles.get(article_id),
                                     mentioned.pop(article_id, ()), terms))

    conflicts = find_conflicts(graph)
    if conflicts:
        position = {id(fact): index for index, fact in enumerate(facts)}
        for conflict in conflicts:
            yield (None, *_conflict_block(conflict, position, objects, identities, terms))

    statements = sorted((source.article_id, source.start, source.end, source.sentence or "",
                         keys[index], index, position)
                        for index, fact in enumerate(facts)
                        for position, source in enumerate(fact.sources))
    heads: dict[int, tuple[str, int]] = {}
    current = graph_term = None
    done: set[str] = set()           # a source listed twice gives the same block
    for article_id, _, _, _, _, index, position in statements:
        if article_id != current:
            current, graph_term = article_id, terms.article[article_id]
            done.clear()
        fact = facts[index]
        head = heads.get(index)
        if head is None:
            head = heads[index] = _statement_head(fact, objects[index], terms)
        source = fact.sources[position]
        signing = None
        if fact.signing is not None and fact.signing in signings and \
                _signing_article(fact.signing) == source.article_id:
            signing = signings[fact.signing][0]
        block = _statement_block(head, identities[index], source, graph_term, signing)
        if block[0] not in done:
            done.add(block[0])
            yield (graph_term, *block)


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeError as error:
        raise RdfBuildError(f"text that cannot be written as UTF-8 "
                            f"({error.reason}): {error.object[error.start:error.end]!r}") from None


def iter_turtle(graph: KnowledgeGraph, chunk_triples: int = LOAD_LINES
                ) -> Iterator[tuple[bytes, bytes]]:
    """The RDF of ``graph`` in pieces of about ``chunk_triples`` triples, each as
    ``(turtle, trig)`` UTF-8 text of the same triples.

    The Turtle pieces, after :func:`kg.rdf.vocabulary.prefix_header`, make one document
    holding every triple; each TriG piece is a document of its own (prefixes included)
    that keeps the statements in their articles' named graphs.  Errors in the records
    raise :class:`RdfBuildError` when the loop reaches them.
    """
    header = _utf8(V.prefix_header())
    blocks: list[bytes] = []         # each block is encoded once, for both texts
    trig: list[bytes] = [header]
    count = 0
    open_graph = None
    for graph_term, block, triples in _blocks(graph):
        if graph_term != open_graph:
            if open_graph is not None:
                trig.append(b"}\n")
            if graph_term is not None:
                trig.append(_utf8(f"{graph_term} {{\n"))
            open_graph = graph_term
        block = _utf8(block)
        blocks.append(block)
        trig.append(block)
        count += triples
        if count >= chunk_triples:
            if open_graph is not None:
                trig.append(b"}\n")
                open_graph = None
            yield b"".join(blocks), b"".join(trig)
            blocks.clear()
            trig[1:] = []
            count = 0
    if blocks:
        if open_graph is not None:
            trig.append(b"}\n")
        yield b"".join(blocks), b"".join(trig)


def load_graph(graph: KnowledgeGraph, store: ox.Store | None,
               turtle: BinaryIO | None = None) -> ox.Store | None:
    """Stream the dataset of ``graph`` into ``store`` through Oxigraph's bulk loader and,
    if ``turtle`` is given, write it there as one Turtle document (every triple).

    The text goes in pieces of :data:`LOAD_LINES` triples: one call over everything
    would let the loader buffer the whole dataset (1.2 GB at 10^6 triples).  Each piece is
    loaded in a thread (Oxigraph releases the GIL) while the next one is made and written,
    at the same time where a second core is free; one piece is loading at a time.
    The loader gives no transaction: on an error the store may hold part of the graph, so
    load into a fresh store and throw it away on failure (as ``write_rdf`` does).
    ``store`` may be None to write the Turtle only.
    """
    if turtle is not None:
        turtle.write(V.prefix_header().encode("utf-8"))
    with ThreadPoolExecutor(1, thread_name_prefix="kg-bulk-load") as loader:
        loading = None
        for text, trig in iter_turtle(graph, LOAD_LINES):
            if store is not None:
                if loading is not None:
                    loading.result()        # one piece in the loader at a time
                loading = loader.submit(store.bulk_load, trig, format=ox.RdfFormat.TRIG)
            if turtle is not None:
                turtle.write(text)
        if loading is not None:
            loading.result()
    if store is not None:
        store.optimize()   # merges the pieces' files: later reads are a third faster
    return store


def build_store(graph: KnowledgeGraph, path: str | None = None,
                turtle: BinaryIO | None = None) -> ox.Store:
    """A new Oxigraph store holding the dataset of ``graph``: on disk at ``path`` (a
    folder that must not hold a store yet), else in memory; ``turtle`` as for
    :func:`load_graph`."""
    return load_graph(graph, ox.Store(path) if path else ox.Store(), turtle)


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
