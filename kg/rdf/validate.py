"""SHACL validation of a build: ``ontology/shapes.ttl`` over the build's RDF, with the
ontology mixed in, reported as plain sentences.

Each report names the offending node by label and IRI and says what is wrong with it,
e.g. ``甲乙智算中心 (https://kg.example.org/id/...): locatedIn points to 王小明
(https://...) which is not an AdminArea or Zone``.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["ValidationError", "validate", "validate_graph", "SHAPES", "ONTOLOGY"]

SHAPES = "shapes.ttl"
ONTOLOGY = "kg.ttl"


class ValidationError(ValueError):
    """The build cannot be validated (nothing to read, unreadable file)."""


def _load_build(out_dir: Path):
    import rdflib

    out_dir = Path(out_dir)
    data = rdflib.Graph()
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt")):
        path = out_dir / name
        if path.is_file():
            try:
                data.parse(path, format=fmt)
            except Exception as error:  # rdflib raises many parser-specific types
                raise ValidationError(f"cannot parse {path}: "
                                      f"{str(error).strip().splitlines()[0]}") from None
            return data
    if (out_dir / "store").is_dir():
        import pyoxigraph as ox
        try:
            store = ox.Store.read_only(str(out_dir / "store"))
        except OSError as error:
            raise ValidationError(f"cannot open {out_dir / 'store'}: {error}") from None
        body = b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                        for graph in [ox.DefaultGraph(), *sorted(store.named_graphs(),
                                                                 key=str)])
        data.parse(data=body.decode("utf-8"), format="nt")
        return data
    raise ValidationError(f"nothing to validate in {out_dir}: no graph.ttl, graph.nt or store/")


def validate(out_dir: Path) -> list[str]:
    """SHACL violations of the build in ``out_dir`` (graph.ttl, else graph.nt, else the
    store), one plain sentence each, sorted; an empty list means the build conforms."""
    return validate_graph(_load_build(out_dir))


def validate_graph(data) -> list[str]:
    """Violations of an ``rdflib.Graph`` against the shapes, as plain sentences."""
    import pyshacl
    import rdflib
    from kg.rdf.vocabulary import ontology_dir

    shapes = rdflib.Graph().parse(ontology_dir() / SHAPES, format="turtle")
    ontology = rdflib.Graph().parse(ontology_dir() / ONTOLOGY, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                            inference="none", allow_warnings=True)
    if conforms:
        return []
    return sorted(set(_describe(results, data)))


def _name(node, data) -> str:
    import rdflib
    from rdflib.namespace import RDFS
    from kg.rdf.vocabulary import VALUE_BASE

    if isinstance(node, rdflib.Literal):
        return repr(str(node))
    label = data.value(node, RDFS.label)
    if label is not None:
        return f"{label} ({node})"
    if str(node).startswith(VALUE_BASE):   # a value node: name it by what it belongs to
        for owner, predicate in sorted(data.subject_predicates(node)):
            owner_label = data.value(owner, RDFS.label)
            if owner_label is not None:
                return f"{_local(predicate)} of {owner_label} ({node})"
    return str(node)


def _describe(results, data):
    import rdflib
    from rdflib.namespace import RDF, SH

    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        message = messages[0] if messages else "violates a shape"
        if "{value}" in message:
            message = message.replace("{value}", _name(value, data) if value is not None
                                      else "nothing")
        elif not messages and path is not None:
            message = f"{_local(path)}: {message}"
        if isinstance(path, rdflib.URIRef) and _local(path) not in message and value is None:
            message = f"{message} ({_local(path)})"
        yield f"{_name(focus, data)}: {message}"


def _local(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
