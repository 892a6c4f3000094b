"""RDF stage: KnowledgeGraph -> Turtle text streamed into an Oxigraph store and into
graph.ttl (build), the build's store and the files written from it (serialize), SHACL
checks (validate); the terms live in vocabulary, the model in ontology/kg.ttl (shipped as
kg/rdf/ontology/)."""
from __future__ import annotations

import importlib

__all__ = ["build_store", "load_graph", "iter_turtle", "graph_quads", "graph_to_dataset",
           "write_rdf", "FORMATS", "validate", "RdfBuildError", "RdfFormatError",
           "ValidationError"]

_HOME = {
    "build_store": "kg.rdf.build", "load_graph": "kg.rdf.build", "iter_turtle": "kg.rdf.build",
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
