"""The one error the ingest stage raises: a file (or folder) that cannot be read as a page."""
from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A path that cannot be ingested; ``str()`` is the one-line ``"<path>: <problem>"``."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
