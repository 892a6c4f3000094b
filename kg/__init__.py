"""kg: knowledge graphs from Chinese news pages.

Public API: :func:`build` (paths -> build folder) and :func:`open_graph` (build folder ->
queryable graph).
"""
__all__ = ["build", "open_graph"]


def build(paths, out, **options):
    from kg.pipeline import build as _build
    return _build(paths, out, **options)


def open_graph(out):
    from kg.store.embedded import open_graph as _open
    return _open(out)
