"""Reading input files into Pages: encodings, formats (.txt, .md, .html/.htm), folders.

Text files are decoded as UTF-8, UTF-8 with a byte-order mark, or GB18030, in that order;
the BOM is not part of ``Page.text``, so offsets count characters of the decoded text.
HTML is rendered to text (tags dropped, block elements on their own lines, ``<hN>`` as
markdown ``#`` headings); for HTML pages the offsets are into that rendering.

A file that cannot be a page is an :class:`IngestError` naming the problem: missing,
unreadable, not a regular file, larger than ``MAX_PAGE_BYTES`` (checked before reading),
empty, binary, or undecodable.  Folders are searched for page files by suffix; a file
found there that cannot be read is an error when it is read, not left out silently.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from kg.ingest.clean import read_masthead
from kg.ingest.errors import IngestError
from kg.records import Page

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

# A newspaper page or article is well under 1 MB; a file over this is a dump or an
# archive, and reading it whole would take the memory of the build.
MAX_PAGE_BYTES = 100_000_000
_UTF8_BOM = b"\xef\xbb\xbf"
# Control characters other than tab/newline/CR/FF, and private-use characters: text full of
# them decoded "successfully" only because GB18030 maps almost any byte sequence.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")


def read_page(path: str | Path) -> Page:
    """Read one file into a Page (text decoded, masthead newspaper and date if present)."""
    path = Path(path)
    suffix = path.suffix.lower()
    raw = _read_bytes(path)
    if suffix not in SUFFIXES:
        raise IngestError(path, f"unsupported file type {suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUFFIXES)}")
    text, encoding = _decode(path, raw)
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text)
    if not text.strip():
        raise IngestError(path, "empty file (no text)")
    newspaper, date = read_masthead(text)
    return Page(path=str(path), doc=path.stem, text=text, encoding=encoding,
                newspaper=newspaper, date=date)


def iter_pages(paths: Iterable[str | Path]) -> Iterator[Page]:
    """Read every page named by ``paths``; folders are searched recursively, sorted by path."""
    for path in expand_paths(paths):
        yield read_page(path)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by ``paths``: files as given, folders expanded to their page files."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(_page_files(path))
            if not found:
                raise IngestError(path, f"folder has no readable page files "
                                        f"({', '.join(SUFFIXES)})")
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif path.is_symlink():
            raise IngestError(path, f"broken link (to {os.readlink(path)}, which does not exist)")
        else:
            raise IngestError(path, "no such file or folder")
    return files


def _page_files(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(root, name)


def _read_bytes(path: Path) -> bytes:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        # A named pipe is read (it streams a page in); a socket or a device is no page.
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
            raise IngestError(path, "not a regular file (a socket or a device)")
        if status.st_size > MAX_PAGE_BYTES:
            raise _too_large(path, status.st_size)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PAGE_BYTES + 1)      # a pipe or a growing file has no size
        if len(raw) > MAX_PAGE_BYTES:
            raise _too_large(path, len(raw), more=True)
        return raw
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder, not a file") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as error:
        raise IngestError(path, f"cannot read ({error.strerror or error})") from None


def _too_large(path: Path, size: int, more: bool = False) -> IngestError:
    return IngestError(path, f"too large ({'over ' if more else ''}{size / 1e6:.1f} MB; pages "
                             f"over {MAX_PAGE_BYTES // 1_000_000} MB are not read)")


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    if not raw.strip():
        raise IngestError(path, "empty file")
    if b"\x00" in raw:
        raise IngestError(path, "binary content (contains NUL bytes)")
    if raw.startswith(_UTF8_BOM):
        candidates = (("utf-8-sig", raw[len(_UTF8_BOM):], "utf-8"),)
    else:
        candidates = (("utf-8", raw, "utf-8"), ("gb18030", raw, "gb18030"))
    failures = []
    for name, data, codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            label = "GB18030" if codec == "gb18030" else "UTF-8"
            failures.append(f"not {label} at byte {len(raw) - len(data) + error.start}")
            continue
        if not text.strip():
            raise IngestError(path, "empty file")
        if len(_NOT_TEXT.findall(text)) > max(2, len(text) // 100):
            raise IngestError(path, f"binary content (not text when decoded as {name})")
        return text, name
    raise IngestError(path, f"undecodable content ({', '.join(failures)})")


_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header",
    "footer", "blockquote", "hr", "dd", "dt", "dl", "pre", "figure", "figcaption", "aside",
    "main", "nav", "td", "th", "caption", "address",
})
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "head", "template", "svg"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _TextRenderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _HEADINGS:
            self.parts.append("\n\n" + "#" * _HEADINGS[tag] + " ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HEADINGS or tag == "p":
            self.parts.append("\n\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            # Line breaks inside an HTML text node are source layout, not content.
            self.parts.append(data.replace("\r", "").replace("\n", ""))


def html_to_text(html: str) -> str:
    """Render HTML to text: tags dropped, blocks on their own lines, headings as ``#``."""
    renderer = _TextRenderer()
    renderer.feed(html)
    renderer.close()
    text = "".join(renderer.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
