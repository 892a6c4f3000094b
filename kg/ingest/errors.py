"""The one error the ingest stage raises: a file (or folder) that cannot be read as a page."""
from __future__ import annotations

from kg.errors import PathError


class IngestError(PathError):
    """A path that cannot be ingested; ``str()`` is the one-line ``"<path>: <problem>"``."""
