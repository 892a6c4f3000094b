"""Stable identifiers: entity keys and the IRIs derived from them.

An entity's key is derived from what identifies it: the division code for an
administrative area (``area/654301``), otherwise its type and canonical name
(``company/<hash>``).  The IRI is the key under the graph's base, so the same entity
gets the same IRI in every build.
"""
from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

BASE = "https://kg.example.org/"
ENTITY_BASE = BASE + "id/"
ARTICLE_BASE = BASE + "article/"


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
    return ENTITY_BASE + key


def key_of_iri(iri: str) -> str:
    if not iri.startswith(ENTITY_BASE):
        raise ValueError(f"not an entity IRI of this graph: {iri}")
    return iri[len(ENTITY_BASE):]


def article_iri(article_id: str) -> str:
    """``<stem>#<n>`` -> IRI; the stem is percent-encoded where IRIs forbid a character."""
    stem, _, number = article_id.rpartition("#")
    safe = "".join(ch if ch.isalnum() or ch in "-._~" else "%{:02X}".format(ord(ch))
                   if ord(ch) < 128 else ch for ch in stem)
    return f"{ARTICLE_BASE}{safe}/{number}"
