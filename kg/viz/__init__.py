"""The interactive, offline HTML view of a knowledge graph (pyvis / vis-network).

Stages call :func:`write_html`; ``kg view DIR ENTITY`` calls it with ``focus``.
"""
from kg.viz.html import VizError, write_html

__all__ = ["VizError", "write_html"]
