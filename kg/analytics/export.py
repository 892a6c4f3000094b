"""Exports of the networkx view for other tools: GraphML, GEXF (Gephi), CSV of nodes and edges.

List attributes are joined with "; ", missing values dropped, and every string is
stripped of characters XML 1.0 cannot hold (other tools reject files with them).  The
XML is written here, line by line, rather than by networkx's writers, which build an
ElementTree of the whole graph first (58 s for the exports of a 10^5-node graph, against
a few seconds).  Files are written atomically and deterministically: nodes and edges in
the view's order, and the GEXF "last modified" date pinned.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

import networkx as nx

from kg.analytics.graph import to_networkx
from kg.graphio import collector_paused, process_umask
from kg.records import KnowledgeGraph

__all__ = ["write_exports", "atomic_write_bytes", "xml_safe", "flat_rows", "graphml_lines",
           "gexf_lines"]

GRAPHML = "graph.graphml"
GEXF = "graph.gexf"
NODES_CSV = "nodes.csv"
EDGES_CSV = "edges.csv"
GEXF_DATE = "2000-01-01"  # fixed so output does not depend on the day it was written

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
NODE_FIELDS = ("type", "label", "aliases", "docs", "articles", "code", "parent",
               "investment", "compute_planned", "compute_current")
EDGE_FIELDS = ("predicate", "title", "topic", "articles", "docs", "sentences")
NUMERIC_FIELDS = frozenset({"investment", "compute_planned", "compute_current"})


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and move it into place."""
    _atomic_write(path, lambda handle: handle.write(data))


def _atomic_write(path: Path, write) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, 0o666 & ~process_umask())   # mkstemp creates 0600; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    def write(handle) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        text.writelines(lines)
        text.flush()
        text.detach()   # the handle is closed by its owner
    _atomic_write(path, write)


def xml_safe(text: str) -> str:
    """``text`` without control characters, lone surrogates and non-characters."""
    return _XML_INVALID.sub("", text)


def _flat(value):
    if isinstance(value, (list, tuple)):
        return xml_safe("; ".join(map(str, value)))
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return xml_safe(str(value))
    return float(value)


def flat_rows(graph: nx.MultiDiGraph) -> tuple[list[tuple[str, dict]],
                                               list[tuple[str, str, str, dict]]]:
    """(node id, attributes) and (source, target, key, attributes) rows holding only
    scalar, XML-safe values of the exported fields, in the graph's order."""
    nodes = []
    for node, data in graph.nodes(data=True):
        attrs = {name: _flat(data[name]) for name in NODE_FIELDS
                 if data.get(name) not in (None, [], "")}
        nodes.append((xml_safe(node), attrs))
    edges = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {name: _flat(data[name]) for name in EDGE_FIELDS
                 if data.get(name) not in (None, [], "")}
        edges.append((xml_safe(u), xml_safe(v), xml_safe(str(key)), attrs))
    return nodes, edges


def _xml_value(value) -> str:
    return repr(value) if isinstance(value, float) else value


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                              "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
_XML_SPECIAL = re.compile('[&<>"\n\r\t]')


def _escaped(value) -> str:
    """A value as XML text that is safe in element content and in a double-quoted
    attribute alike (line breaks and tabs as character references survive both)."""
    text = _xml_value(value)
    # translate() looks every character up; most values need nothing
    return text.translate(_XML_ESCAPES) if _XML_SPECIAL.search(text) else text


def _escaped_rows(nodes, edges):
    return ([(_escaped(node), {name: _escaped(value) for name, value in attrs.items()})
             for node, attrs in nodes],
            [(_escaped(u), _escaped(v), _escaped(key),
              {name: _escaped(value) for name, value in attrs.items()})
             for u, v, key, attrs in edges])


def _type(name: str) -> str:
    return "double" if name in NUMERIC_FIELDS else "string"


def graphml_lines(nodes, edges) -> Iterable[str]:
    """A directed GraphML document of rows escaped by :func:`_escaped_rows`; the edge id
    is the view's edge key."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    node_keys = {name: f"n{i}" for i, name in enumerate(NODE_FIELDS)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(EDGE_FIELDS)}
    for kind, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, key in keys.items():
            yield (f'  <key id="{key}" for="{kind}" attr.name="{name}" '
                   f'attr.type="{_type(name)}"/>\n')
    yield '  <graph edgedefault="directed">\n'
    for node, attrs in nodes:
        yield f'    <node id="{node}">\n'
        yield "".join(f'      <data key="{node_keys[name]}">{value}</data>\n'
                      for name, value in attrs.items())
        yield "    </node>\n"
    for source, target, key, attrs in edges:
        yield f'    <edge id="{key}" source="{source}" target="{target}">\n'
        yield "".join(f'      <data key="{edge_keys[name]}">{value}</data>\n'
                      for name, value in attrs.items())
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def gexf_lines(nodes, edges) -> Iterable[str]:
    """A directed GEXF 1.2 document of rows escaped by :func:`_escaped_rows`: node labels
    as labels, edges labelled by predicate."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield ('<gexf xmlns="http://www.gexf.net/1.2draft" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.gexf.net/1.2draft '
           'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n')
    yield f'  <meta lastmodifieddate="{GEXF_DATE}">\n    <creator>kg</creator>\n  </meta>\n'
    yield '  <graph defaultedgetype="directed" mode="static">\n'
    node_fields = [name for name in NODE_FIELDS if name != "label"]
    node_ids = {name: str(i) for i, name in enumerate(node_fields)}
    edge_ids = {name: str(i + len(node_fields)) for i, name in enumerate(EDGE_FIELDS)}
    for kind, ids in (("node", node_ids), ("edge", edge_ids)):
        yield f'    <attributes class="{kind}" mode="static">\n'
        for name, number in ids.items():
            yield f'      <attribute id="{number}" title="{name}" type="{_type(name)}"/>\n'
        yield "    </attributes>\n"

    def attvalues(attrs: dict, ids: dict) -> str:
        values = "".join(f'          <attvalue for="{ids[name]}" value="{value}"/>\n'
                         for name, value in attrs.items() if name in ids)
        return f"        <attvalues>\n{values}        </attvalues>\n" if values else ""

    yield "    <nodes>\n"
    for node, attrs in nodes:
        yield (f'      <node id="{node}" label="{attrs.get("label", node)}">\n'
               f"{attvalues(attrs, node_ids)}      </node>\n")
    yield "    </nodes>\n    <edges>\n"
    for source, target, key, attrs in edges:
        label = f' label="{attrs["predicate"]}"' if "predicate" in attrs else ""
        yield (f'      <edge id="{key}" source="{source}" target="{target}"{label}>\n'
               f"{attvalues(attrs, edge_ids)}      </edge>\n")
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _csv_lines(header: list[str], rows: Iterable[list]) -> Iterable[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else _xml_value(cell) for cell in row])
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@collector_paused()
def write_exports(graph: KnowledgeGraph, out_dir, view: nx.MultiDiGraph | None = None
                  ) -> list[Path]:
    """Write graph.graphml, graph.gexf, nodes.csv and edges.csv into ``out_dir``.

    ``view`` is ``to_networkx(graph)`` when the caller has it already."""
    out_dir = Path(out_dir)
    nodes, edges = flat_rows(view if view is not None else to_networkx(graph))
    paths = [out_dir / GRAPHML, out_dir / GEXF, out_dir / NODES_CSV, out_dir / EDGES_CSV]
    escaped = _escaped_rows(nodes, edges)
    _write_lines(paths[0], graphml_lines(*escaped))
    _write_lines(paths[1], gexf_lines(*escaped))
    del escaped
    _write_lines(paths[2], _csv_lines(
        ["id", *NODE_FIELDS], ([node] + [attrs.get(name) for name in NODE_FIELDS]
                               for node, attrs in nodes)))
    _write_lines(paths[3], _csv_lines(
        ["source", "target", "key", *EDGE_FIELDS],
        ([u, v, key] + [attrs.get(name) for name in EDGE_FIELDS]
         for u, v, key, attrs in edges)))
    return paths
