"""Analytics of a knowledge graph: the networkx view, metrics, the report and exports.

Stages call :func:`to_networkx`, :func:`write_report` and :func:`write_exports`; the
metrics live in :mod:`kg.analytics.metrics`.
"""
from kg.analytics.export import write_exports
from kg.analytics.graph import GraphError, to_networkx
from kg.analytics.report import write_report

__all__ = ["GraphError", "to_networkx", "write_exports", "write_report"]
