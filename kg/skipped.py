"""Files a build could not read and went on without: the record, its warning line, and
``skipped.jsonl`` (one JSON object per file, sorted by path; empty when every file was read).

A build that is not ``--strict`` skips a page file that cannot be read (empty, binary,
undecodable, unreadable, too large): the file is left out as if it had not been named.
An update keeps the entries of the previous build whose document it does not read again,
so ``skipped.jsonl`` lists every file the build is missing, like a build of all the pages
at once would.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.graphio import atomic_write_text

SKIPPED = "skipped.jsonl"


@dataclass(frozen=True, order=True)
class SkippedFile:
    """A page file left out of the build, and why.

    ``previous_kept``: an update could not read the file, and the build keeps what it had
    read from the previous version of that document.
    """
    path: str
    problem: str
    previous_kept: bool = False

    @property
    def doc(self) -> str:
        return Path(self.path).stem

    def warning(self) -> str:
        """The one line shown to the user (after ``kg: warning: ``)."""
        kept = "; the previous version of the page is kept" if self.previous_kept else ""
        return f"{self.path}: skipped: {self.problem}{kept}"

    def row(self) -> dict:
        return {"path": self.path, "problem": self.problem, "previous_kept": self.previous_kept}


def write_skipped(skipped: Iterable[SkippedFile], out_dir: Path) -> Path:
    """Write ``skipped.jsonl`` into ``out_dir`` (atomically, sorted by path)."""
    path = Path(out_dir) / SKIPPED
    atomic_write_text(path, [json.dumps(s.row(), ensure_ascii=False) + "\n"
                             for s in sorted(skipped)])
    return path


def read_skipped(build_dir: str | Path) -> list[SkippedFile]:
    """The files a previous build skipped; empty when it has no (readable) list."""
    path = Path(build_dir) / SKIPPED
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return []
    skipped = []
    for line in lines:
        try:
            row = json.loads(line)
            skipped.append(SkippedFile(str(row["path"]), str(row["problem"]),
                                       bool(row.get("previous_kept", False))))
        except (ValueError, KeyError, TypeError):
            continue        # a damaged line: the list is informative, not an input
    return skipped


def merge_skipped(previous: Iterable[SkippedFile], now: Iterable[SkippedFile],
                  read_again: set[str]) -> list[SkippedFile]:
    """An update's list: this run's skips, and the previous ones for documents it did not
    read again (``read_again``: the names of the documents given to this run)."""
    kept = [s for s in previous if s.doc not in read_again]
    return sorted(set(kept) | set(now))
