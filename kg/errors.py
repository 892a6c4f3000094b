"""The shape every error a user can act on has: one path (a file, a folder, an address or
an input) and the problem with it, shown as the one line ``"<path>: <problem>"``."""
from __future__ import annotations

from pathlib import Path


class PathError(Exception):
    """A problem with one path; ``str()`` is the one line ``"<path>: <problem>"``."""

    def __init__(self, path: str | Path | object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
