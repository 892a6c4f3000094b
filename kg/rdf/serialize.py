"""Writing a KnowledgeGraph as the on-disk query store and as RDF files.

``write_rdf`` streams the graph into ``store/`` (a pyoxigraph store the query commands
open; see :mod:`kg.rdf.build`) and writes ``graph.ttl`` (default), ``graph.nt``,
``graph.trig``, ``graph.nq`` and ``graph.jsonld`` as asked.  ``graph.ttl`` is the text
the store is loaded from, written as it streams by, in the records' sorted order (no
dump of the store: reading every term back from disk took 4.4 s of the 11 s the RDF of
the 10 MB benchmark cost); the other formats are dumped from the store, in its index
order (by encoded term): either way the same graph always gives the same bytes, and
memory does not grow with the graph.  Turtle and N-Triples hold every triple (the union
of the default graph and the per-article provenance graphs, which share no triple);
TriG, N-Quads and JSON-LD keep the named graphs.  The store is built in a temporary
folder and renamed into place, every file is written to a temporary name and moved, so
a failed build never leaves a half-written output.  :data:`FORMATS` is the registry of
serialisers by name, each loaded only when used (they dump a store: ``graph.ttl`` from
:func:`write_formats` is in the store's order).
"""
from __future__ import annotations

import importlib
import json
import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator, Sequence

from kg.graphio import collector_paused, process_umask
from kg.records import KnowledgeGraph

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["FORMATS", "RdfFormatError", "SerialiserSpec", "STORE_DIR", "write_rdf",
           "write_store", "write_formats", "load_context"]

STORE_DIR = "store"
GRAPH_STEM = "graph"


class RdfFormatError(ValueError):
    """An RDF format name that no serialiser is registered for."""


@dataclass(frozen=True)
class SerialiserSpec:
    """A registered output format; ``writer`` is ``"module:function"``, imported on use
    and called as ``writer(store, binary_handle)``."""
    name: str
    extension: str
    mime_type: str
    writer: str
    has_graphs: bool

    def load(self) -> Callable[["ox.Store", BinaryIO], None]:
        module, _, attribute = self.writer.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def filename(self) -> str:
        return f"{GRAPH_STEM}.{self.extension}"


FORMATS: dict[str, SerialiserSpec] = {
    spec.name: spec for spec in (
        SerialiserSpec("ttl", "ttl", "text/turtle", "kg.rdf.serialize:write_turtle", False),
        SerialiserSpec("nt", "nt", "application/n-triples", "kg.rdf.serialize:write_ntriples",
                       False),
        SerialiserSpec("trig", "trig", "application/trig", "kg.rdf.serialize:write_trig", True),
        SerialiserSpec("nq", "nq", "application/n-quads", "kg.rdf.serialize:write_nquads", True),
        SerialiserSpec("jsonld", "jsonld", "application/ld+json",
                       "kg.rdf.serialize:write_jsonld", True),
    )
}


def format_spec(name: str) -> SerialiserSpec:
    try:
        return FORMATS[name.lower().lstrip(".")]
    except KeyError:
        raise RdfFormatError(f"unknown RDF format {name!r} (known: {', '.join(FORMATS)})") \
            from None


@collector_paused()
def write_rdf(graph: KnowledgeGraph, out_dir: Path, formats: Sequence[str] = ("ttl",),
              *, store: bool = True) -> list[Path]:
    """Write ``graph`` to ``out_dir/store/`` and to ``out_dir/graph.<ext>`` for each format.

    With ``store=False`` a store is built in a temporary folder only if a format other
    than Turtle is asked for, to dump it from.  Returns the paths written, in the order
    of ``formats``, the store last.
    """
    specs = [format_spec(name) for name in formats]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if not store and all(spec.name == "ttl" for spec in specs):
        return _build_and_dump(graph, None, out_dir, specs)
    tmp = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.", suffix=".tmp", dir=out_dir))
    try:
        written = _closed_after(_build_and_dump, graph, tmp, out_dir, specs)
        if store:
            written.append(_swap_in(tmp, out_dir / STORE_DIR))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return written


def _build_and_dump(graph: KnowledgeGraph, store_dir: Path | None, out_dir: Path,
                    specs: list[SerialiserSpec]) -> list[Path]:
    """Load the store at ``store_dir`` (none if None), writing graph.ttl on the way if
    asked, then dump the other formats from it."""
    from kg.rdf.build import build_store, load_graph

    built = None

    def build(turtle: BinaryIO | None = None) -> None:
        nonlocal built
        if store_dir is None:
            load_graph(graph, None, turtle)
        else:
            built = build_store(graph, str(store_dir), turtle)

    written: dict[str, Path] = {}
    if any(spec.name == "ttl" for spec in specs):
        written["ttl"] = Path(out_dir) / FORMATS["ttl"].filename()
        _atomic_binary(written["ttl"], build)
    else:
        build()
    dumped = [spec.name for spec in specs if spec.name != "ttl"]
    written.update(zip(dumped, write_formats(built, out_dir, dumped)))
    if built is not None:
        built.flush()
    return [written[spec.name] for spec in specs]


def _closed_after(function, *args):
    """``function(*args)``, making sure no store it opened is still open afterwards.

    A store closes when its last reference goes; after an error the traceback's frames
    still hold it, and its database would keep writing into a folder being removed.
    """
    try:
        return function(*args)
    except BaseException as error:
        traceback.clear_frames(error.__traceback__)
        raise


def write_formats(store: "ox.Store", out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Dump ``store`` to ``out_dir/graph.<ext>`` for each format; the paths written."""
    specs = [format_spec(name) for name in formats]
    written = []
    for spec in specs:
        path = Path(out_dir) / spec.filename()
        _atomic_binary(path, lambda handle, spec=spec: spec.load()(store, handle))
        written.append(path)
    return written


def _atomic_binary(path: Path, write: Callable[[BinaryIO], None]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, 0o666 & ~process_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_store(graph: KnowledgeGraph, store_dir: Path) -> Path:
    """Build the store of ``graph`` beside ``store_dir`` and swap it into place."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".tmp",
                                dir=store_dir.parent))
    try:
        _closed_after(_build_and_dump, graph, tmp, store_dir.parent, [])
        return _swap_in(tmp, store_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap_in(tmp: Path, store_dir: Path) -> Path:
    """Move the finished store folder ``tmp`` to ``store_dir``, replacing any old one."""
    os.chmod(tmp, 0o777 & ~process_umask())   # mkdtemp makes 0700; outputs are for sharing
    if store_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".old",
                                    dir=store_dir.parent))
        os.rmdir(old)
        os.rename(store_dir, old)
        try:
            os.rename(tmp, store_dir)
        except BaseException:
            os.rename(old, store_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, store_dir)
    return store_dir


# --------------------------------------------------------------------------- writers

def _prefix_header() -> bytes:
    from kg.rdf.vocabulary import prefix_header
    return prefix_header().encode("utf-8")


class _SkipPrefixLines:
    """File wrapper dropping the serialiser's own ``@prefix`` block (its order is the
    serialiser's business; ours is sorted, written once before)."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._pending = b""
        self._in_header = True

    def write(self, data: bytes) -> int:
        if not self._in_header:
            return self._handle.write(data)
        self._pending += bytes(data)
        while self._in_header:
            line_end = self._pending.find(b"\n")
            if line_end < 0:
                if self._pending and not b"@prefix".startswith(self._pending[:7]):
                    self._flush_header()
                break
            if self._pending.startswith(b"@prefix "):
                self._pending = self._pending[line_end + 1:]
            else:
                self._flush_header()
        return len(data)

    def _flush_header(self) -> None:
        self._in_header = False
        self._handle.write(self._pending)
        self._pending = b""

    def close(self) -> None:
        if self._pending:
            self._handle.write(self._pending)
            self._pending = b""

    def flush(self) -> None:
        pass


def _graphs(store: "ox.Store") -> list:
    """The default graph, then every named graph in IRI order."""
    import pyoxigraph as ox
    return [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]


def write_turtle(store: "ox.Store", handle: BinaryIO) -> None:
    """Every triple of every graph as one Turtle document with our prefixes."""
    import pyoxigraph as ox
    from kg.rdf.vocabulary import PREFIXES

    handle.write(_prefix_header())
    for graph in _graphs(store):
        sink = _SkipPrefixLines(handle)
        store.dump(sink, ox.RdfFormat.TURTLE, from_graph=graph, prefixes=PREFIXES)
        sink.close()


def write_trig(store: "ox.Store", handle: BinaryIO) -> None:
    import pyoxigraph as ox
    from kg.rdf.vocabulary import PREFIXES

    handle.write(_prefix_header())
    sink = _SkipPrefixLines(handle)
    store.dump(sink, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    sink.close()


def write_ntriples(store: "ox.Store", handle: BinaryIO) -> None:
    """Every triple of every graph (the provenance graphs share no triple with the
    default graph, so the union needs no de-duplication)."""
    import pyoxigraph as ox

    for graph in _graphs(store):
        store.dump(handle, ox.RdfFormat.N_TRIPLES, from_graph=graph)


def write_nquads(store: "ox.Store", handle: BinaryIO) -> None:
    import pyoxigraph as ox

    store.dump(handle, ox.RdfFormat.N_QUADS)


# --------------------------------------------------------------------------- JSON-LD

def load_context() -> dict:
    """The JSON-LD context of ``ontology/context.jsonld`` (the object under "@context")."""
    from kg.rdf.vocabulary import ontology_dir
    with open(ontology_dir() / "context.jsonld", encoding="utf-8") as handle:
        return json.load(handle)["@context"]


class _Compactor:
    """Writes terms and values in the short forms the context defines, falling back to
    the fully expanded form wherever a short form would change the meaning."""

    def __init__(self, context: dict) -> None:
        self.prefixes: list[tuple[str, str]] = []
        definitions: list[tuple[str, dict]] = []
        for term, definition in context.items():
            if term.startswith("@"):
                continue
            if isinstance(definition, str):
                if definition.startswith("@"):
                    continue   # keyword aliases such as "id": "@id"
                if definition.startswith(("http://", "https://")) and definition.endswith(("#", "/")):
                    self.prefixes.append((term, definition))
                    continue
                definition = {"@id": definition}
            definitions.append((term, definition))
        # longest namespace first, so the most specific prefix wins
        self.prefixes.sort(key=lambda item: (-len(item[1]), item[0]))
        self.terms_by_iri: dict[str, list[tuple[str, dict]]] = {}
        for term, definition in definitions:
            iri = self.expand(definition.get("@id", ""))
            self.terms_by_iri.setdefault(iri, []).append((term, definition))

    def expand(self, value: str) -> str:
        prefix, colon, rest = value.partition(":")
        if colon:
            for name, iri in self.prefixes:
                if name == prefix:
                    return iri + rest
        return value

    def curie(self, iri: str) -> str:
        for name, namespace in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{name}:{iri[len(namespace):]}"
        return iri

    def vocab(self, iri: str) -> str:
        """A class or vocabulary IRI: its term if one maps to it exactly, else a CURIE."""
        for term, definition in self.terms_by_iri.get(iri, ()):
            if set(definition) == {"@id"}:
                return term
        return self.curie(iri)

    def property(self, predicate: str, obj) -> tuple[str, object]:
        """(key, JSON value) for one triple's predicate and object."""
        import pyoxigraph as ox

        for term, definition in self.terms_by_iri.get(predicate, ()):
            coercion = definition.get("@type")
            language = definition.get("@language")
            if isinstance(obj, ox.NamedNode):
                if coercion == "@id":
                    return term, obj.value
                if coercion == "@vocab":
                    return term, self.vocab(obj.value)
            elif isinstance(obj, ox.Literal):
                if language is not None:
                    if obj.language == language:
                        return term, obj.value
                elif coercion is not None and not coercion.startswith("@"):
                    if obj.language is None and obj.datatype.value == self.expand(coercion):
                        return term, obj.value
                elif coercion is None:
                    return term, self.expanded_value(obj)
        return self.curie(predicate), self.expanded_value(obj)

    def expanded_value(self, obj):
        import pyoxigraph as ox
        from kg.rdf.vocabulary import XSD_STRING

        if isinstance(obj, ox.NamedNode):
            return {"@id": obj.value}
        if obj.language:
            return {"@value": obj.value, "@language": obj.language}
        if obj.datatype.value == XSD_STRING:
            return obj.value
        return {"@value": obj.value, "@type": self.curie(obj.datatype.value)}


def _node_objects(compactor: _Compactor, quads: Iterable) -> Iterator[dict]:
    """Node objects of ``quads``, one per run of quads with the same subject (the store
    lists a graph's quads subject by subject)."""
    from kg.rdf.vocabulary import TYPE

    node: dict | None = None
    for quad in quads:
        subject = quad.subject.value
        if node is None or node["@id"] != subject:
            if node is not None:
                yield node
            node = {"@id": subject}
        if quad.predicate.value == TYPE:
            key, value = "@type", compactor.vocab(quad.object.value)
        else:
            key, value = compactor.property(quad.predicate.value, quad.object)
        previous = node.get(key)
        if previous is None:
            node[key] = value
        elif isinstance(previous, list):
            previous.append(value)
        else:
            node[key] = [previous, value]
    if node is not None:
        yield node


def write_jsonld(store: "ox.Store", handle: BinaryIO) -> None:
    """Flattened JSON-LD: the context inline, the default graph's nodes, each article
    node carrying its provenance graph under "@graph"; one node per line.  Written node
    by node from the store, one graph at a time."""
    import pyoxigraph as ox

    context = load_context()
    compactor = _Compactor(context)
    named = {graph.value: graph for graph in store.named_graphs()}

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def graph_nodes(name: str) -> list[dict]:
        return list(_node_objects(compactor, store.quads_for_pattern(None, None, None,
                                                                     named.pop(name))))

    handle.write(b'{"@context":{\n')
    handle.write(",\n".join(f"{dump(term)}:{dump(definition)}"
                            for term, definition in context.items()).encode("utf-8"))
    handle.write(b'},\n"@graph":[\n')
    separator = b""
    for node in _node_objects(compactor, store.quads_for_pattern(None, None, None,
                                                                 ox.DefaultGraph())):
        if node["@id"] in named:
            node["@graph"] = graph_nodes(node["@id"])
        handle.write(separator + dump(node).encode("utf-8"))
        separator = b",\n"
    for name in sorted(named):   # graphs whose name is not described in the default graph
        handle.write(separator + dump({"@id": name, "@graph": graph_nodes(name)}).encode("utf-8"))
        separator = b",\n"
    handle.write(b"\n]}\n")
