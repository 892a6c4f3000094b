"""Stable identifiers: entity keys, the IRIs derived from them, and the graph's base.

An entity's key is derived from what identifies it: the division code for an
administrative area (``area/654301``), otherwise its type and canonical name
(``company/<hash>``).  The IRI is the key under the graph's base, so the same entity
gets the same IRI in every build.

The base is the user's namespace (``kg build --base-iri``), ``https://kg.example.org/``
unless given: entities are ``<base>id/<key>``, articles ``<base>article/<doc>/<n>``, and
the nodes the RDF layer adds ``<base><kind>/<hash>`` (:mod:`kg.rdf.vocabulary`).  A
build sets it for its duration with :func:`using_base`; the functions here read it from
a context variable, so a build in one thread does not change another's.  The ontology's
namespace is the project's whatever the base.
"""
from __future__ import annotations

import hashlib
import unicodedata
import urllib.parse
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

DEFAULT_BASE = "https://kg.example.org/"
BASE = DEFAULT_BASE
#: The entity and article namespaces under the default base.
ENTITY_BASE = BASE + "id/"
ARTICLE_BASE = BASE + "article/"

_current_base: ContextVar[str] = ContextVar("kg_base_iri", default=DEFAULT_BASE)


class BaseIriError(ValueError):
    """A base IRI that cannot be used; ``str()`` is one line."""


def check_base(base: str) -> str:
    """``base`` if it can hold the graph's IRIs: an absolute http(s) IRI with a host,
    ending in ``/`` or ``#``, without spaces or characters IRIs forbid."""
    problem = None
    parts = urllib.parse.urlsplit(base) if isinstance(base, str) else None
    if parts is None:
        problem = "not a string"
    elif parts.scheme not in ("http", "https") or not parts.netloc:
        problem = "expected an absolute http:// or https:// IRI"
    elif not base.endswith(("/", "#")):
        problem = "expected it to end in / or #"
    elif "#" in base[:-1] or (base.endswith("#") and parts.query):
        problem = "a # may only end it"
    elif any(ch.isspace() or ch in '<>"{}|\\^`' or ord(ch) < 0x20 for ch in base):
        problem = "it holds a space or a character IRIs forbid"
    if problem is not None:
        raise BaseIriError(f"invalid base IRI {base!r}: {problem}")
    return base


def current_base() -> str:
    """The base of the IRIs being made now (the build's, else the default)."""
    return _current_base.get()


def entity_base() -> str:
    return _current_base.get() + "id/"


@contextmanager
def using_base(base: str | None) -> Iterator[str]:
    """Make IRIs under ``base`` (checked; None: the default) inside the block."""
    token = _current_base.set(check_base(base) if base is not None else DEFAULT_BASE)
    try:
        yield _current_base.get()
    finally:
        _current_base.reset(token)


_QUOTATION_MARKS = str.maketrans("", "", "\"'“”‘’《》「」『』〈〉【】")


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC, no spaces or quotation marks."""
    return "".join(unicodedata.normalize("NFKC", name).translate(_QUOTATION_MARKS).split())


def entity_key(entity_type: str, name: str, code: str | None = None) -> str:
    if code:
        return f"area/{code}"
    digest = hashlib.sha1(f"{entity_type}\t{normalise_name(name)}".encode("utf-8")).hexdigest()
    return f"{entity_type.lower()}/{digest[:16]}"


def entity_iri(key: str) -> str:
    return _current_base.get() + "id/" + key


def key_of_iri(iri: str) -> str:
    prefix = _current_base.get() + "id/"
    if not iri.startswith(prefix):
        raise ValueError(f"not an entity IRI of this graph: {iri}")
    return iri[len(prefix):]


def article_iri(article_id: str) -> str:
    """``<stem>#<n>`` -> IRI; the stem is percent-encoded where IRIs forbid a character."""
    stem, _, number = article_id.rpartition("#")
    safe = "".join(ch if ch.isalnum() or ch in "-._~" else "%{:02X}".format(ord(ch))
                   if ord(ch) < 128 else ch for ch in stem)
    return f"{_current_base.get()}article/{safe}/{number}"
