"""Querying a build folder: the on-disk Oxigraph store, named queries, result formatting.

``open_graph(DIR)`` opens ``DIR/store/`` (written by :func:`kg.rdf.serialize.write_rdf`)
read-only.  Queries see the union of all graphs as their default graph: the same view a
Graph Store push of the build gives, so a query answers the same here and on a server
(``GRAPH ?article { ... }`` still reaches one article's statements).  The prefixes of
:data:`kg.rdf.vocabulary.PREFIXES` (kg:, rdfs:, prov:, ...) may be used without
declaring them.  Named queries are the ``kg/queries/*.rq`` files; a parameter is a
``VALUES ?name { UNDEF }`` clause in the file, which :func:`query_text` fills with a
properly escaped literal (an unfilled parameter matches everything).
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

import pyoxigraph as ox

from kg.rdf import vocabulary as V

__all__ = ["QueryableGraph", "QueryError", "StoreError", "open_graph", "run_query",
           "format_results", "list_queries", "query_text", "query_parameters",
           "RESULT_FORMATS", "QUERIES_DIR"]

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
STORE_DIR = "store"
RESULT_FORMATS = ("table", "csv", "json")

_PARAMETER = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}")
_INTEGER_TYPES = {V.XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {V.XSD + "double", V.XSD + "float"}


class StoreError(Exception):
    """The build folder has no usable query store."""


class QueryError(ValueError):
    """A query that cannot run: bad SPARQL, unknown named query or parameter."""


def python_value(term: Any) -> Any:
    """An RDF term as a plain Python value: IRIs and strings as str, numbers as int or
    float, booleans as bool, unbound as None."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == V.XSD_DECIMAL:
                number = Decimal(term.value)
                return int(number) if number == number.to_integral_value() else float(number)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
            if datatype == V.XSD + "boolean":
                return term.value in ("true", "1")
        except (ValueError, ArithmeticError):
            pass
        return term.value
    return str(term)


class QueryableGraph:
    """A build's query store, opened read-only."""

    def __init__(self, out_dir: Path, store: ox.Store) -> None:
        self.out_dir = Path(out_dir)
        self.store = store

    def __repr__(self) -> str:
        return f"QueryableGraph({str(self.out_dir)!r})"

    def select(self, sparql: str) -> tuple[list[str], list[list[Any]]]:
        """Run a query; (column names, rows of Python values).

        SELECT gives its variables; ASK one column ``ask``; CONSTRUCT and DESCRIBE the
        columns ``subject``, ``predicate``, ``object``.
        """
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True,
                                      prefixes=V.PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {_first_line(error)}") from None
        except OSError as error:
            raise StoreError(f"cannot read the store in {self.out_dir}: "
                             f"{_first_line(error)}") from None
        if isinstance(result, ox.QueryBoolean):
            return ["ask"], [[bool(result)]]
        if isinstance(result, ox.QuerySolutions):
            columns = [variable.value for variable in result.variables]
            return columns, [[python_value(term) for term in solution] for solution in result]
        return (["subject", "predicate", "object"],
                [[python_value(t.subject), python_value(t.predicate), python_value(t.object)]
                 for t in result])

    def query(self, sparql: str) -> list[dict[str, Any]]:
        """Run a query; one dict per row, variable name -> Python value (None if unbound)."""
        columns, rows = self.select(sparql)
        return [dict(zip(columns, row)) for row in rows]

    def named_query(self, name: str, /, **params: str) -> list[dict[str, Any]]:
        """Run ``kg/queries/<name>.rq`` with its parameters bound, e.g.
        ``graph.named_query("entity", label="某某有限公司")``."""
        return self.query(query_text(name, **params))

    def rdflib(self):
        """The same store as an ``rdflib.Dataset`` (via oxrdflib; queries run in Oxigraph,
        default graph = union of all graphs)."""
        import rdflib
        from oxrdflib import OxigraphStore

        dataset = rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)
        for prefix, namespace in V.PREFIXES.items():
            dataset.bind(prefix, namespace)
        return dataset


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def open_graph(out_dir: Path) -> QueryableGraph:
    """Open the query store of a build folder (``out_dir/store/``) read-only."""
    out_dir = Path(out_dir)
    path = out_dir / STORE_DIR
    if not path.is_dir():
        raise StoreError(f"no query store in {out_dir} (expected {path}/); "
                         f"build the graph first")
    try:
        store = ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreError(f"cannot open the query store {path}: {_first_line(error)}") from None
    return QueryableGraph(out_dir, store)


def run_query(out_dir: Path, sparql: str) -> tuple[list[str], list[list[Any]]]:
    """Run one query against a build folder; (column names, rows)."""
    return open_graph(out_dir).select(sparql)


# --------------------------------------------------------------------------- named queries

def _query_path(name: str) -> Path:
    path = QUERIES_DIR / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_]+", name) or not path.is_file():
        known = ", ".join(sorted(list_queries()))
        raise QueryError(f"unknown named query {name!r} (known: {known})")
    return path


def list_queries() -> dict[str, str]:
    """Named query -> its description (the first ``#`` comment line of the file)."""
    queries = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[:1]
        description = first[0].lstrip("#").strip() if first and first[0].startswith("#") else ""
        queries[path.stem] = description
    return queries


def query_parameters(name: str) -> list[str]:
    """Names of the parameters a named query takes."""
    return _PARAMETER.findall(_query_path(name).read_text(encoding="utf-8"))


def sparql_literal(value: str) -> str:
    """A string as a SPARQL string literal, every special character escaped."""
    if not isinstance(value, str):
        value = str(value)
    return str(ox.Literal(value))


def query_text(name: str, /, **params: str) -> str:
    """The SPARQL of named query ``name`` with each given parameter bound to a literal."""
    text = _query_path(name).read_text(encoding="utf-8")
    known = _PARAMETER.findall(text)
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise QueryError(f"named query {name!r} has no parameter {unknown[0]!r} "
                         f"(parameters: {', '.join(known) or 'none'})")

    def bind(match: re.Match) -> str:
        variable = match.group(1)
        if params.get(variable) is None:
            return match.group(0)
        return f"VALUES ?{variable} {{ {sparql_literal(params[variable])} }}"

    return _PARAMETER.sub(bind, text)


# --------------------------------------------------------------------------- formatting

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_results(columns: Sequence[str], rows: Sequence[Sequence[Any]],
                   fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV (with header) or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False,
                          indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(value) for value in row] for row in rows)
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown result format {fmt!r} (known: {', '.join(RESULT_FORMATS)})")
    cells = [[_cell(value).replace("\r", " ").replace("\n", " ") for value in row]
             for row in rows]
    widths = [display_width(column) for column in columns]
    for row in cells:
        for index, text in enumerate(row):
            widths[index] = max(widths[index], display_width(text))

    def line(texts: Sequence[str]) -> str:
        return " | ".join(text + " " * (width - display_width(text))
                          for text, width in zip(texts, widths)).rstrip()

    out = [line(columns), "-+-".join("-" * width for width in widths)]
    out.extend(line(row) for row in cells)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
