"""Query side of a build: the embedded Oxigraph store with named queries (embedded) and
loading a build into a remote SPARQL Graph Store (push)."""
from __future__ import annotations

import importlib

__all__ = ["open_graph", "run_query", "format_results", "list_queries", "query_text",
           "QueryableGraph", "QueryError", "StoreError", "push", "PushError", "PushResult"]

_HOME = {name: "kg.store.embedded" for name in (
    "open_graph", "run_query", "format_results", "list_queries", "query_text",
    "QueryableGraph", "QueryError", "StoreError")}
_HOME.update({name: "kg.store.push" for name in ("push", "PushError", "PushResult")})


def __getattr__(name: str):
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
