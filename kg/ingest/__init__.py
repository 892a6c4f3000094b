"""The ingest stage: files -> Pages -> Articles.

``read_page(path)`` decodes one file; ``split_articles(page)`` cleans a page and splits it
into articles whose text maps back to the page character by character;
``iter_articles(paths)`` does both for files and folders.  Every problem with an input is
an :class:`IngestError` whose message is ``"<path>: <problem>"``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.ingest.errors import IngestError
from kg.ingest.read import expand_paths, read_page
from kg.ingest.split import split_articles
from kg.records import Article

__all__ = ["IngestError", "read_page", "split_articles", "iter_articles", "expand_paths"]


def iter_articles(paths: Iterable[str | Path], furniture: bool = False) -> Iterator[Article]:
    """Articles of every page named by ``paths`` (folders searched recursively, sorted).

    With ``furniture``, each page's masthead and footer follow its articles as one more
    article of kind ``"furniture"`` (see :func:`split_articles`).
    """
    for path in expand_paths(paths):
        yield from split_articles(read_page(path), furniture=furniture)
