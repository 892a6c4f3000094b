"""The extraction cache of a build: every article's mentions and facts, saved for ``--update``.

A build saves, per input document, what extraction found in each of its articles — the
article's text, metadata and offset maps, its mentions and its facts — in
``DIR/cache/extractions.jsonl.gz`` (one JSON line per document, documents sorted by name),
described by ``DIR/cache/manifest.json`` (format version, a fingerprint of the code that
produced the extractions, the documents and their sizes, the base IRI of the build and
the recogniser that read it).  ``kg build --update`` reads
them back instead of reading and analysing the old pages again.

The same encoding carries a document's results from a worker process (or a Dask worker)
back to the build, so every build links records decoded from this format: a build from
the cache and a build from the pages link exactly the same records.

Records are encoded field by field from their dataclass definitions (``kg.records``), so
new fields are carried without changes here; the fingerprint makes a cache written by
other extraction code incompatible rather than silently mixed with new results.
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterator

from kg.errors import PathError
from kg.extract import ArticleFacts
from kg.link.iri import DEFAULT_BASE, BaseIriError, check_base, current_base
from kg.records import Article, Fact, Mention

CACHE_DIR = "cache"
EXTRACTIONS = "extractions.jsonl.gz"
MANIFEST = "manifest.json"
FORMAT = "kg-extraction-cache"
VERSION = 4
# Code whose output the cache holds: if any of it changes, old extractions are stale.
_FINGERPRINTED = ("ingest", "nlp", "extract", "records.py", "checkpoint.py")


class CacheError(PathError):
    """A build folder whose extraction cache cannot be used; ``str()`` is one line."""


@dataclass
class DocumentExtraction:
    """What extraction found in one input document: its articles, in article order."""
    doc: str
    path: str
    articles: list[ArticleFacts]

    @property
    def characters(self) -> int:
        return sum(len(a.article.text) for a in self.articles if a.article.kind == "article")

    @property
    def article_count(self) -> int:
        return sum(1 for a in self.articles if a.article.kind == "article")


@dataclass
class Manifest:
    """What the cache holds; written last, so a cache with a manifest is complete."""
    fingerprint: str
    documents: list[dict] = field(default_factory=list)   # doc, path, articles, characters
    kept_iris: dict[str, str] = field(default_factory=dict)  # natural key -> kept key
    base_iri: str = DEFAULT_BASE                             # kept by --update
    recogniser: str = "hybrid"                               # kept by --update

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": VERSION, "fingerprint": self.fingerprint,
                           "records": record_fields(), "documents": self.documents,
                           "kept_iris": self.kept_iris, "base_iri": self.base_iri,
                           "recogniser": self.recogniser},
                          ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------------------- fingerprint

@cache
def code_fingerprint() -> str:
    """A digest of the ingest, recognition and extraction code and data of this ``kg``."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _FINGERPRINTED:
        root = package / name
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
                continue
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


# ---------------------------------------------------------------------------- encoding
#
# A document is {"doc", "path", "strings": [...], "articles": [[article, mentions, facts]]}.
# A record is the list of its field values in the order of its dataclass (the manifest
# lists the fields); a str-typed value is an index into the document's "strings", which
# holds each distinct string once (one sentence is the evidence of many mentions and
# facts).  A frozen record met again in the same document (a fact's subject is one of the
# mentions, a sentence's Source is shared by its mentions and facts) is written as the
# number of frozen records written before its first appearance, counted when each is
# complete; decoding gives the same object again.

@dataclass
class _Tables:
    """What one document's encoding has written so far."""
    strings: dict[str, int] = field(default_factory=dict)
    records: dict[int, int] = field(default_factory=dict)     # id(record) -> number


def encode_document(extraction: DocumentExtraction) -> dict:
    """A JSON-ready dict of a document's extraction."""
    tables = _Tables()
    article, mention, fact = _encoder(Article), _encoder(Mention), _encoder(Fact)
    articles = []
    for article_facts in extraction.articles:
        articles.append([article(article_facts.article, tables),
                         [mention(m, tables) for m in article_facts.mentions],
                         [fact(f, tables) for f in article_facts.facts]])
    return {"doc": extraction.doc, "path": extraction.path, "strings": list(tables.strings),
            "articles": articles}


def decode_document(data: dict) -> DocumentExtraction:
    strings = data["strings"]
    article, mention, fact = _decoder(Article), _decoder(Mention), _decoder(Fact)
    # The frozen records decoded so far, by number: a record written again is the same
    # object, as it was before encoding (copies would cost the linker memory in
    # proportion to the corpus).
    shared: list = []
    articles = []
    for encoded_article, mentions, facts in data["articles"]:
        articles.append(ArticleFacts(article(encoded_article, strings, shared),
                                     [mention(m, strings, shared) for m in mentions],
                                     [fact(f, strings, shared) for f in facts]))
    return DocumentExtraction(data["doc"], data["path"], articles)


def record_fields() -> dict[str, list[str]]:
    """The fields of each encoded record type, in encoded order (for the manifest)."""
    return {cls.__name__: list(_field_names(cls)) for cls in _RECORD_TYPES}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional(hint: Any) -> Any | None:
    """The type inside ``X | None``; None for other hints."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return None


Encoder = Callable[[Any, _Tables], Any]
Decoder = Callable[..., Any]

# Each record type's encoder and decoder is Python source generated from its dataclass
# fields and compiled once (as dataclasses makes its __init__): one function call per
# record instead of one per field, which halved the time the encoding took.


class _Source:
    """The source of one generated function: expressions of its fields, the names they
    call, and fresh local names for the values they read."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self._locals = 0

    def local(self) -> str:
        self._locals += 1
        return f"_v{self._locals}"

    def name(self, value: Any) -> str:
        name = f"_f{len(self.names)}"
        self.names[name] = value
        return name

    def function(self, lines: list[str]) -> Callable:
        namespace = dict(self.names)
        exec("\n".join(lines), namespace)      # noqa: S102 - our own generated source
        return namespace["function"]


def _encoding(hint: Any, value: str, source: _Source) -> str:
    """An expression giving the JSON form of ``value`` (a local name or an attribute
    read; read once), a ``hint``-typed value; strings become indexes in ``strings``."""
    inner = _optional(hint)
    if inner is not None:
        local = source.local()
        return f"(None if ({local} := {value}) is None else {_encoding(inner, local, source)})"
    if dataclasses.is_dataclass(hint):
        return f"{source.name(_encoder(hint))}({value}, tables)"
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if len(args) == 1:
            local = source.local()
            return f"[{_encoding(args[0], local, source)} for {local} in {value}]"
        return f"list({value})"
    if hint is str:
        # (len is read before the string is added: a new string's index is the count before)
        return f"strings.setdefault({value}, len(strings))"
    return value


@cache
def _encoder(hint: Any) -> Encoder:
    """A function from a ``hint``-typed value to its JSON form (strings to table indexes)."""
    if dataclasses.is_dataclass(hint):
        return _record_encoder(hint)
    source = _Source()
    expression = _encoding(hint, "value", source)
    return source.function(["def function(value, tables):", "    strings = tables.strings",
                            f"    return {expression}"])


def _record_encoder(cls: type) -> Encoder:
    """Encodes a record as its field list, or as its number when this document has it
    already."""
    source = _Source()
    fields = [_encoding(_hints(cls)[name], f"value.{name}", source)
              for name in _field_names(cls)]
    encoded = "[" + ", ".join(fields) + "]"
    if not cls.__dataclass_params__.frozen:
        return source.function(["def function(value, tables):",
                                "    strings = tables.strings",
                                f"    return {encoded}"])
    return source.function([
        "def function(value, tables):",
        "    records = tables.records",
        "    number = records.get(id(value))",
        "    if number is not None:",
        "        return number",
        "    strings = tables.strings",
        f"    encoded = {encoded}",
        # numbered when complete: after the records inside it
        "    records[id(value)] = len(records)",
        "    return encoded"])


def _decoding(hint: Any, value: str, source: _Source) -> str:
    """The inverse of :func:`_encoding`: an expression giving the value of JSON ``value``."""
    inner = _optional(hint)
    if inner is not None:
        local = source.local()
        return f"(None if ({local} := {value}) is None else {_decoding(inner, local, source)})"
    if dataclasses.is_dataclass(hint):
        return f"{source.name(_decoder(hint))}({value}, strings, shared)"
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        args = typing.get_args(hint)
        make = "tuple" if origin is tuple else "list"
        if not (args and (len(args) == 1 or args[1] is Ellipsis)):
            return f"{make}({value})"
        local = source.local()
        return f"{make}([{_decoding(args[0], local, source)} for {local} in {value}])"
    if hint is str:
        return f"strings[{value}]"
    return value


@cache
def _decoder(hint: Any) -> Decoder:
    """The inverse of :func:`_encoder`, built once per type from the dataclass definitions."""
    if dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    source = _Source()
    expression = _decoding(hint, "value", source)
    return source.function(["def function(value, strings, shared):",
                            f"    return {expression}"])


def _record_decoder(cls: type) -> Decoder:
    """Decodes a record from its field list or its number."""
    names = _field_names(cls)
    source = _Source()
    values = [f"_{i}" for i in range(len(names))]
    fields = [_decoding(_hints(cls)[name], value, source) for name, value in zip(names, values)]
    frozen = cls.__dataclass_params__.frozen
    lines = [
        "def function(value, strings, shared):",
        "    if type(value) is int:",
        "        return shared[value]",
        # a list of another length (fields defaulted) is read as the generic path would
        f"    if len(value) != {len(names)}:",
        "        return partial(value, strings, shared)",
        f"    {', '.join(values)}, = value",
        f"    record = {source.name(cls)}({', '.join(fields)})"]
    if frozen:
        lines.append("    shared.append(record)")
    lines.append("    return record")
    source.names["partial"] = _partial_record_decoder(cls)
    return source.function(lines)


def _partial_record_decoder(cls: type) -> Decoder:
    """Decodes a record from a field list shorter than its fields (the rest defaulted)."""
    decoders = [_decoder(_hints(cls)[name]) for name in _field_names(cls)]
    frozen = cls.__dataclass_params__.frozen

    def decode(value: list, strings: list, shared: list) -> Any:
        record = cls(*[decode_field(v, strings, shared)
                       for decode_field, v in zip(decoders, value)])
        if frozen:
            shared.append(record)
        return record

    return decode


_RECORD_TYPES = (Article, Mention, Fact)


# ---------------------------------------------------------------------------- files

def cache_folder(build_dir: str | Path) -> Path:
    return Path(build_dir) / CACHE_DIR


class CacheWriter:
    """Writes documents, in the order given, into ``folder``; :meth:`close` adds the manifest.

    The manifest records the base IRI current when the writer is made (the build's) and
    the recogniser that read the documents.
    The gzip stream has no timestamp or file name in its header, so the same documents
    give the same bytes.
    """

    def __init__(self, folder: Path, recogniser: str = "hybrid"):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest = Manifest(code_fingerprint(), base_iri=current_base(),
                                 recogniser=recogniser)
        self._raw = open(self.folder / EXTRACTIONS, "wb")
        # Level 1: 0.15 s for the 19 MB of the 10 MB benchmark's extractions against 0.65 s
        # at level 6, for a file of 6.0 MB instead of 4.9 MB.
        self._gzip = gzip.GzipFile(fileobj=self._raw, mode="wb", mtime=0, filename="",
                                   compresslevel=1)
        self._text = io.TextIOWrapper(self._gzip, encoding="utf-8", newline="\n")

    def write_line(self, line: str, extraction: DocumentExtraction) -> None:
        """Save one document: ``line`` is its JSON encoding, ``extraction`` its records."""
        self._text.write(line + "\n")
        self.manifest.documents.append({"doc": extraction.doc, "path": extraction.path,
                                        "articles": extraction.article_count,
                                        "characters": extraction.characters})

    def close(self, kept_iris: dict[str, str] | None = None) -> None:
        self._text.close()
        self._raw.close()
        self.manifest.kept_iris = dict(sorted((kept_iris or {}).items()))
        (self.folder / MANIFEST).write_text(self.manifest.to_json(), encoding="utf-8")

    def abort(self) -> None:
        for handle in (self._text, self._raw):
            try:
                handle.close()
            except Exception:  # the write that failed may leave the stream unflushable
                pass


def read_manifest(build_dir: str | Path) -> Manifest:
    """The manifest of a build's cache; :class:`CacheError` if it cannot be used."""
    build_dir = Path(build_dir)
    folder = cache_folder(build_dir)
    if not build_dir.is_dir():
        raise CacheError(build_dir, "no such build folder")
    path = folder / MANIFEST
    if not path.is_file() or not (folder / EXTRACTIONS).is_file():
        raise CacheError(build_dir, "no extraction cache; rebuild without --update")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CacheError(build_dir, f"unreadable extraction cache ({error}); "
                                    f"rebuild without --update") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CacheError(build_dir, "unrecognised extraction cache; rebuild without --update")
    if data.get("version") != VERSION:
        raise CacheError(build_dir, f"extraction cache version {data.get('version')} "
                                    f"(this kg reads version {VERSION}); rebuild without --update")
    if data.get("fingerprint") != code_fingerprint():
        raise CacheError(build_dir, "extraction cache was made by other extraction code; "
                                    "rebuild without --update")
    base_iri = _base_iri(data)
    if base_iri is None:
        raise CacheError(build_dir, "extraction cache names an invalid base IRI; "
                                    "rebuild without --update")
    recogniser = data.get("recogniser", "hybrid")
    if recogniser not in ("hybrid", "rules"):
        raise CacheError(build_dir, f"extraction cache names an unknown recogniser "
                                    f"{recogniser!r}; rebuild without --update")
    return Manifest(data["fingerprint"], list(data.get("documents", [])),
                    dict(data.get("kept_iris", {})), base_iri, recogniser)


def _base_iri(data: dict) -> str | None:
    """The base IRI a manifest records (the default if none: written before bases were
    recorded); None if it is not a usable base."""
    base = data.get("base_iri", DEFAULT_BASE)
    try:
        return check_base(base)
    except BaseIriError:
        return None


def recorded_base_iri(build_dir: str | Path) -> str:
    """The base IRI a build was made with; the default for a folder without a readable
    manifest (no fingerprint check: any build's IRIs can be read)."""
    try:
        data = json.loads((cache_folder(build_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DEFAULT_BASE
    return (_base_iri(data) if isinstance(data, dict) else None) or DEFAULT_BASE


def read_documents(build_dir: str | Path) -> Iterator[str]:
    """The JSON lines of a build's cache, one document each, in their saved order."""
    path = cache_folder(build_dir) / EXTRACTIONS
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield line.rstrip("\n")
    except (OSError, EOFError, ValueError) as error:
        raise CacheError(build_dir, f"damaged extraction cache ({error}); "
                                    f"rebuild without --update") from None
