"""RDF stage: KnowledgeGraph -> quads (build), files and query store (serialize),
SHACL checks (validate); the terms live in vocabulary, the model in ontology/kg.ttl."""
from __future__ import annotations

import importlib

__all__ = ["graph_quads", "graph_to_dataset", "write_rdf", "FORMATS", "validate",
           "RdfBuildError", "RdfFormatError", "ValidationError"]

_HOME = {
    "graph_quads": "kg.rdf.build", "graph_to_dataset": "kg.rdf.build",
    "RdfBuildError": "kg.rdf.build",
    "write_rdf": "kg.rdf.serialize", "FORMATS": "kg.rdf.serialize",
    "RdfFormatError": "kg.rdf.serialize",
    "validate": "kg.rdf.validate", "ValidationError": "kg.rdf.validate",
}


def __getattr__(name: str):
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'kg.rdf' has no attribute {name!r}")
