"""Writing a KnowledgeGraph as RDF files and as the on-disk query store.

``write_rdf`` writes ``graph.ttl`` (default), ``graph.nt``, ``graph.trig``, ``graph.nq``
and ``graph.jsonld`` as asked, plus ``store/`` (a pyoxigraph store the query commands
open).  Turtle and N-Triples hold every triple (the union of the default graph and the
per-article provenance graphs); TriG, N-Quads and JSON-LD keep the named graphs.
Every file is written to a temporary name and moved into place; the store is built in a
temporary folder and renamed, so a failed build never leaves a half-written output.
:data:`FORMATS` is the registry of serialisers by name, each loaded only when used.
"""
from __future__ import annotations

import importlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Sequence

from kg.records import KnowledgeGraph

if TYPE_CHECKING:
    from kg.rdf.build import RdfDataset

__all__ = ["FORMATS", "RdfFormatError", "SerialiserSpec", "STORE_DIR", "write_rdf",
           "write_store", "load_context"]

STORE_DIR = "store"
GRAPH_STEM = "graph"


class RdfFormatError(ValueError):
    """An RDF format name that no serialiser is registered for."""


@dataclass(frozen=True)
class SerialiserSpec:
    """A registered output format; ``writer`` is ``"module:function"``, imported on use."""
    name: str
    extension: str
    mime_type: str
    writer: str
    has_graphs: bool

    def load(self) -> Callable[["RdfDataset", BinaryIO], None]:
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


def write_rdf(graph: KnowledgeGraph, out_dir: Path, formats: Sequence[str] = ("ttl",),
              *, store: bool = True) -> list[Path]:
    """Write ``graph`` to ``out_dir/graph.<ext>`` for each format, and ``out_dir/store/``.

    Returns the paths written, in the order of ``formats``, the store last.
    """
    from kg.rdf.build import build_dataset

    specs = [format_spec(name) for name in formats]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dataset = build_dataset(graph)
    written = []
    for spec in specs:
        path = out_dir / spec.filename()
        _atomic_binary(path, lambda handle, spec=spec: spec.load()(dataset, handle))
        written.append(path)
    if store:
        written.append(write_store(dataset, out_dir / STORE_DIR))
    return written


def _atomic_binary(path: Path, write: Callable[[BinaryIO], None]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
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


def write_store(dataset: "RdfDataset", store_dir: Path) -> Path:
    """Build the pyoxigraph store of ``dataset`` beside ``store_dir``, swap it into place."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", suffix=".tmp",
                                dir=store_dir.parent))
    try:
        store = dataset.store(str(tmp))
        store.flush()
        del store   # closes the database before the folder is moved
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
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return store_dir


# --------------------------------------------------------------------------- writers

def _prefix_header() -> bytes:
    from kg.rdf.vocabulary import PREFIXES
    return "".join(f"@prefix {name}: <{iri}> .\n"
                   for name, iri in sorted(PREFIXES.items())).encode("utf-8")


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


def write_turtle(dataset: "RdfDataset", handle: BinaryIO) -> None:
    import pyoxigraph as ox
    from kg.rdf.vocabulary import PREFIXES

    handle.write(_prefix_header())
    sink = _SkipPrefixLines(handle)
    triples = ox.parse(dataset.ntriples(), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize((quad.triple for quad in triples), sink, ox.RdfFormat.TURTLE,
                 prefixes=PREFIXES)
    sink.close()


def write_trig(dataset: "RdfDataset", handle: BinaryIO) -> None:
    import pyoxigraph as ox
    from kg.rdf.vocabulary import PREFIXES

    handle.write(_prefix_header())
    sink = _SkipPrefixLines(handle)
    quads = ox.parse(dataset.nquads(), format=ox.RdfFormat.N_QUADS)
    ox.serialize(quads, sink, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    sink.close()


def write_ntriples(dataset: "RdfDataset", handle: BinaryIO) -> None:
    handle.write(dataset.ntriples())


def write_nquads(dataset: "RdfDataset", handle: BinaryIO) -> None:
    handle.write(dataset.nquads())


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


def _node_objects(compactor: _Compactor, triples: list) -> dict[str, dict]:
    from kg.rdf.vocabulary import TYPE

    nodes: dict[str, dict] = {}
    for subject, predicate, obj in triples:
        node = nodes.get(subject.value)
        if node is None:
            node = nodes[subject.value] = {"@id": subject.value}
        if predicate.value == TYPE:
            key, value = "@type", compactor.vocab(obj.value)
        else:
            key, value = compactor.property(predicate.value, obj)
        previous = node.get(key)
        if previous is None:
            node[key] = value
        elif isinstance(previous, list):
            previous.append(value)
        else:
            node[key] = [previous, value]
    return nodes


def write_jsonld(dataset: "RdfDataset", handle: BinaryIO) -> None:
    """Flattened JSON-LD: the context inline, the default graph's nodes, each article
    node carrying its provenance graph under "@graph"; one node per line."""
    import pyoxigraph as ox

    quads = ox.parse(dataset.nquads(), format=ox.RdfFormat.N_QUADS)
    context = load_context()
    compactor = _Compactor(context)
    by_graph: dict[str | None, list] = {}
    for quad in quads:
        graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        by_graph.setdefault(graph, []).append((quad.subject, quad.predicate, quad.object))
    nodes = _node_objects(compactor, by_graph.pop(None, []))
    for graph, triples in by_graph.items():
        holder = nodes.get(graph)
        if holder is None:
            holder = nodes[graph] = {"@id": graph}
        holder["@graph"] = list(_node_objects(compactor, triples).values())

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    handle.write(b'{"@context":{\n')
    handle.write(",\n".join(f"{dump(term)}:{dump(definition)}"
                            for term, definition in context.items()).encode("utf-8"))
    handle.write(b'},\n"@graph":[\n')
    for index, node in enumerate(nodes.values()):
        if index:
            handle.write(b",\n")
        handle.write(dump(node).encode("utf-8"))
    handle.write(b"\n]}\n")
