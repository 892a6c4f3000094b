"""Exports of the networkx view for other tools: GraphML, GEXF (Gephi), CSV of nodes and edges.

List attributes are joined with "; ", missing values dropped, and every string is
stripped of characters XML 1.0 cannot hold (networkx's writers would fail on them or
write files other tools reject).  Files are written atomically and deterministically:
the GEXF writer's "last modified" date is pinned so two runs give identical bytes.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import networkx as nx

from kg.analytics.graph import to_networkx
from kg.records import KnowledgeGraph

__all__ = ["write_exports", "atomic_write_bytes", "xml_safe", "flat_graph"]

GRAPHML = "graph.graphml"
GEXF = "graph.gexf"
NODES_CSV = "nodes.csv"
EDGES_CSV = "edges.csv"
GEXF_DATE = "2000-01-01"  # fixed so output does not depend on the day it was written

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
NODE_FIELDS = ("type", "label", "aliases", "docs", "articles", "code", "parent",
               "investment", "compute_planned", "compute_current")
EDGE_FIELDS = ("predicate", "title", "topic", "articles", "docs", "sentences")


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and move it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp creates 0600; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def xml_safe(text: str) -> str:
    """``text`` without control characters, lone surrogates and non-characters."""
    return _XML_INVALID.sub("", text)


def _flat(value):
    if isinstance(value, (list, tuple)):
        return xml_safe("; ".join(str(item) for item in value))
    if isinstance(value, str):
        return xml_safe(value)
    return value


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar, XML-safe attributes (what GraphML and GEXF can hold)."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {name: _flat(data.get(name)) for name in NODE_FIELDS
                 if data.get(name) not in (None, [], "")}
        flat.add_node(xml_safe(node), **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {name: _flat(data.get(name)) for name in EDGE_FIELDS
                 if data.get(name) not in (None, [], "")}
        flat.add_edge(xml_safe(u), xml_safe(v), key=xml_safe(str(key)), **attrs)
    return flat


def _xml_bytes(lines) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue().encode("utf-8")


def write_exports(graph: KnowledgeGraph, out_dir) -> list[Path]:
    """Write graph.graphml, graph.gexf, nodes.csv and edges.csv into ``out_dir``."""
    out_dir = Path(out_dir)
    flat = flat_graph(to_networkx(graph))
    paths = [out_dir / GRAPHML, out_dir / GEXF, out_dir / NODES_CSV, out_dir / EDGES_CSV]

    atomic_write_bytes(paths[0], _xml_bytes(nx.generate_graphml(flat)))

    node_rows = [[node] + [data.get(name) for name in NODE_FIELDS]
                 for node, data in flat.nodes(data=True)]
    atomic_write_bytes(paths[2], _csv_bytes(["id", *NODE_FIELDS], node_rows))
    edge_rows = [[u, v, key] + [data.get(name) for name in EDGE_FIELDS]
                 for u, v, key, data in flat.edges(keys=True, data=True)]
    atomic_write_bytes(paths[3], _csv_bytes(["source", "target", "key", *EDGE_FIELDS],
                                            edge_rows))

    # Last: the GEXF writer may consume attributes of the graph it is given.
    writer = nx.readwrite.gexf.GEXFWriter(version="1.2draft")
    writer.add_graph(flat)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", GEXF_DATE)
    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write_bytes(paths[1], buffer.getvalue())
    return paths
