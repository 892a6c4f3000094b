"""The build: files -> articles -> docs -> mentions and facts -> linked graph -> outputs.

Per input document (one page file), in any order and on any machine: ingest, recognition
and extraction (:func:`extract_document`).  Then, in this process, in the order of the
documents' names: the extraction cache is written, and every article's mentions and facts
go to the linker.  Then linking, and the outputs.

- ``jobs`` > 1 runs the per-document stages in worker processes, ``scheduler`` on a Dask
  cluster (:mod:`kg.parallel`); the linker sees the same records in the same order either
  way, so the outputs are byte for byte those of a one-process build.
- ``update=True`` adds documents to the build in ``out``: the other documents' mentions
  and facts come from its extraction cache (:mod:`kg.checkpoint`) instead of their pages,
  a document of the same name is replaced, and linking runs over all of them — the same
  records in the same order as a build of all the pages at once.  Entities whose canonical
  name grew keep their previous IRI (:mod:`kg.continuity`).
- A page file that cannot be read (:class:`~kg.ingest.IngestError`) is skipped and listed
  in ``skipped.jsonl`` (:mod:`kg.skipped`); with ``strict=True`` it stops the build.  A
  build that could read none of its files stops.  An update that cannot read a new
  version of a page keeps the previous version's extraction.  A failure while analysing
  a page that was read is not the page's fault: it stops the build.
- One build at a time per folder (:mod:`kg.lock`).  Outputs are written into a staging
  folder inside ``out`` and moved into place when all are written; a build interrupted
  before that leaves the previous outputs as they were, and one interrupted while moving
  is finished by the next build into the folder.

Memory: a document's articles and spaCy docs live only while it is processed; the build
keeps the linker's state and the graph.
"""
from __future__ import annotations

import ctypes
import gc
import heapq
import json
import os
import shutil
import tempfile
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.checkpoint import (CACHE_DIR, CacheError, CacheWriter, DocumentExtraction,
                           decode_document, encode_document, read_documents, read_manifest)
from kg.continuity import kept_keys, read_previous_entities, rename_entities
from kg.errors import PathError
from kg.extract import ArticleFacts, extract
from kg.graphio import atomic_write_text, write_graph
from kg.ingest import IngestError, expand_paths, iter_articles
from kg.link.iri import DEFAULT_BASE, BaseIriError, check_base, using_base
from kg.link.resolve import LinkDecision, Linker
from kg.lock import BuildLock
from kg.nlp.pipeline import (DEFAULT_RECOGNISER, RECOGNISERS, analyse, release_models,
                             shared_pipeline)
from kg.parallel import in_background, ordered_map
from kg.records import Article, ArticleInfo, KnowledgeGraph
from kg.skipped import SkippedFile, merge_skipped, read_skipped, write_skipped

LINK_REPORT = "link-report.md"
STAGING_PREFIX = ".kg-build-"
PUBLISH_LIST = ".publish"          # in a staging folder: the names being moved into place
OLD_SUFFIX = ".kg-old"             # a folder output being replaced: ".store.kg-old"


class BuildError(PathError):
    """A build that cannot go on; ``str()`` is the one line ``"<path>: <problem>"``.

    ``details`` holds the traceback of an unexpected error in a stage, for debugging.
    """

    def __init__(self, path: str | Path, problem: str, details: str | None = None):
        super().__init__(path, problem)
        self.details = details


@dataclass
class BuildResult:
    out: Path
    graph: KnowledgeGraph
    decisions: list[LinkDecision]
    outputs: list[Path] = field(default_factory=list)
    articles: int = 0
    characters: int = 0
    documents: int = 0              # documents in the build
    analysed: int = 0               # of which read and analysed by this build
    kept_iris: dict[str, str] = field(default_factory=dict)
    # Files this build could not read; skipped.jsonl adds those an update did not read again.
    skipped: list[SkippedFile] = field(default_factory=list)


def extract_all(articles: Iterable[Article],
                recogniser: str = DEFAULT_RECOGNISER) -> Iterator[ArticleFacts]:
    for article, doc in analyse(articles, shared_pipeline(recogniser)):
        yield extract(article, doc)


# ---------------------------------------------------------------------------- per document

@dataclass
class _Extracted:
    """A worker's answer for one document: its cache line, or the error that stopped it
    (``unreadable``: the file could not be read as a page, and may be skipped).
    In this process the line's JSON value rides along, so that it is not parsed again."""
    doc: str
    path: str
    line: str | None = None
    problem: str | None = None
    details: str | None = None
    encoded: dict | None = None
    unreadable: bool = False


_PIPELINE_LOCK = threading.Lock()


def warm_up(recogniser: str = DEFAULT_RECOGNISER) -> None:
    """Load the spaCy pipeline once per process (a Dask worker may run tasks in threads)."""
    with _PIPELINE_LOCK:
        shared_pipeline(recogniser)


# Python's cycle collector runs after every 700 net new container objects and walks the
# young ones; a build makes millions (docs, mentions, the linker's tables) and hardly
# any cycles, so it runs every 100,000.  What is loaded before (the modules, in a worker
# the spaCy pipeline and the gazetteer) is set aside (gc.freeze) and not walked at all.
GC_THRESHOLDS = (100_000, 50, 100)


def prepare_worker(recogniser: str = DEFAULT_RECOGNISER) -> None:
    """A worker process's start: the pipeline, then the collector tuned for good."""
    warm_up(recogniser)
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


@contextmanager
def collector_tuned() -> Iterator[None]:
    """Collect cycles less often during a build; the previous settings come back after."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def return_freed_memory() -> None:
    """Collect cycles and give the C heap's free pages back to the system (glibc only).

    Memory freed by the stages of a build (the spaCy docs of the streaming, the model,
    an RDF store's buffers) stays in the process's heap, counted in its resident size,
    until the allocator is asked to return it; the next stage then grows from a lower
    base.  Measured on a 30 MB build: 100 MB back after linking, the model released.
    What survives is set aside (gc.freeze) until the build ends (:func:`collector_tuned`):
    a later collection does not walk the graph again (0.4 s of the 10 MB benchmark).
    """
    gc.collect()
    gc.freeze()
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):   # not glibc: nothing to ask
        return
    trim(0)


def extract_document(path: str, keep_encoded: bool = False,
                     recogniser: str = DEFAULT_RECOGNISER) -> _Extracted:
    """Ingest, analyse and extract one page file; never raises (errors are answered)."""
    doc = Path(path).stem
    articles: list[Article] = []
    results: list[ArticleFacts] = []
    stage = "loading the spaCy pipeline"
    try:
        warm_up(recogniser)
        stage = "reading"
        articles = list(iter_articles([path], furniture=True))
        stage = "analysing"
        for article_facts in extract_all(articles, recogniser):
            results.append(article_facts)
        results.sort(key=lambda r: _article_number(r.article.id))
        stage = "saving the extraction"
        encoded = encode_document(DocumentExtraction(doc, str(path), results))
        return _Extracted(doc, str(path), line=json.dumps(encoded, ensure_ascii=False),
                          encoded=encoded if keep_encoded else None)
    except IngestError as error:
        return _Extracted(doc, error.path, problem=error.problem, unreadable=True)
    except Exception as error:  # any stage's failure becomes this document's error
        if stage == "analysing":
            # Articles are analysed and extracted in order: the one after the last result.
            stage = f"analysing article {articles[len(results)].id}"
        message = _first_sentence(str(error))
        return _Extracted(doc, str(path), problem=f"{stage} failed: {type(error).__name__}"
                                                  + (f": {message}" if message else ""),
                          details=traceback.format_exc())


def _first_sentence(message: str) -> str:
    """The first line of an error message, cut at its first sentence when it is long."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    if len(line) > 160 and ". " in line:
        line = line[: line.index(". ") + 1]
    return line


def _article_number(article_id: str) -> int:
    return int(article_id.rpartition("#")[2])


# ---------------------------------------------------------------------------- the build

def build(paths: Iterable[str | Path], out: str | Path,
          on_article: Callable[[ArticleInfo], None] | None = None, *,
          jobs: int = 1, scheduler: str | None = None, update: bool = False,
          base_iri: str | None = None,
          strict: bool = False, recogniser: str | None = None,
          on_document: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the graph of ``paths`` into the folder ``out`` and return what was made.

    ``on_article(info)`` is called for each article as it is linked, ``on_document(done,
    total)`` after each document (and once with ``done=0`` before the first).  ``jobs``,
    ``scheduler``, ``update`` and ``strict`` are described in the module docstring (the
    files skipped are in the result's ``skipped``); ``recogniser`` is ``hybrid`` (the
    statistical model under the rules, the default) or ``rules`` (:mod:`kg.nlp.pipeline`),
    and an update keeps its build's; with ``jobs`` > 1
    the workers are forked, or started by ``spawn`` where forking is unsafe (a process that
    has loaded the model; :mod:`kg.parallel`), so a script that calls this needs the usual
    ``if __name__ == "__main__":`` guard.  ``base_iri`` is the namespace of the graph's
    IRIs (default ``https://kg.example.org/``); an update keeps its build's.
    """
    out = Path(out)
    try:
        base_iri = check_base(base_iri) if base_iri is not None else None
    except BaseIriError as error:
        raise BuildError(out, str(error)) from None
    if recogniser is not None and recogniser not in RECOGNISERS:
        raise BuildError(out, f"unknown recogniser {recogniser!r}: one of {', '.join(RECOGNISERS)}")
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files = document_files(paths, out)
    out.mkdir(parents=True, exist_ok=True)
    with BuildLock(out), collector_tuned():
        recover_interrupted(out)
        base = _kept_by_update(out, update, base_iri, DEFAULT_BASE, "base_iri",
                               "base IRI {}", "--base-iri")
        recogniser = _kept_by_update(out, update, recogniser, DEFAULT_RECOGNISER, "recogniser",
                                     "the {} recogniser", "--recogniser")
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        try:
            with using_base(base):
                return _build_locked(files, out, staging, on_article, on_document, jobs,
                                     scheduler, update, strict,
                                     Path(paths[0]) if len(paths) == 1 else out, recogniser)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _kept_by_update(out: Path, update: bool, given: str | None, default: str, field: str,
                    described: str, option: str) -> str:
    """A setting of the build (its base IRI, its recogniser): the one given, else the
    default; an update keeps the one its build was made with, recorded in the cache's
    manifest, and refuses another (documents read two ways would not make one graph)."""
    if not update:
        return given or default
    recorded = getattr(read_manifest(out), field)
    if given is not None and given != recorded:
        raise BuildError(out, f"built with {described.format(recorded)}: --update keeps it "
                              f"(leave out {option} or give that one)")
    return recorded


def document_files(paths: Iterable[str | Path], out: Path | None = None) -> list[Path]:
    """The page files named by ``paths``, sorted by document name (file stem).

    The same file named twice counts once; two files with one name would give articles the
    same ids, and are refused.  Files inside the build folder ``out`` are not inputs.
    """
    inside = Path(out).resolve() if out is not None else None
    by_doc: dict[str, Path] = {}
    for path in expand_paths(paths):
        resolved = path.resolve()
        if inside is not None and resolved.is_relative_to(inside):
            continue
        doc = path.stem
        seen = by_doc.get(doc)
        if seen is None:
            by_doc[doc] = path
        elif seen.resolve() != resolved:
            raise BuildError(path, f"same document name {doc!r} as {seen}: their article ids "
                                   f"would collide; rename one")
    if not by_doc:
        raise BuildError(out, "no page files outside the build folder")
    return [by_doc[doc] for doc in sorted(by_doc)]


@dataclass(order=True)
class _Document:
    """One document in linking order: from the cache (``line`` only) or just extracted."""
    doc: str
    line: str = field(compare=False)
    encoded: dict | None = field(default=None, compare=False)


def _build_locked(files, out, staging, on_article, on_document, jobs, scheduler,
                  update, strict, inputs,
                  recogniser=DEFAULT_RECOGNISER) -> BuildResult:
    """The build under the lock; ``inputs`` is what an error for reading nothing names."""
    new_docs = {path.stem for path in files}
    cached: Iterator[_Document] = iter(())
    cached_docs: set[str] = set()
    previous_entities = []
    previous_skipped: list[SkippedFile] = []
    total = len(files)
    if update:
        manifest = read_manifest(out)
        cached_docs = {d["doc"] for d in manifest.documents}
        total += len(cached_docs - new_docs)
        cached = _cached_documents(out, manifest.documents)
        previous_entities = read_previous_entities(out)
        previous_skipped = read_skipped(out)
    in_process = min(jobs, len(files)) <= 1 and not scheduler
    worker = partial(extract_document, keep_encoded=in_process, recogniser=recogniser)
    extracted = ordered_map(worker, [str(p) for p in files], jobs=min(jobs, len(files)),
                            scheduler=scheduler,
                            initializer=partial(prepare_worker, recogniser))
    skipped: list[SkippedFile] = []
    documents = _in_linking_order(cached, map(partial(_checked, strict=strict), extracted),
                                  skipped)

    linker = Linker()
    cache = CacheWriter(staging / CACHE_DIR, recogniser)
    counts = {"articles": 0, "characters": 0}
    done = linked = 0
    if on_document is not None:
        on_document(0, total)
    try:
        for document, counted in documents:
            if counted:
                done += 1
                if on_document is not None:
                    on_document(done, total)
            if document is None:
                continue
            linked += 1
            if linked == 1 and not in_process:
                linker.load_tables()    # while the workers read on, not after them
                from kg.analytics.charts import warm_up as warm_up_charts
                warm_up_charts()        # (and the charts' library, for the writers' fork)
            extraction = decode_document(document.encoded if document.encoded is not None
                                         else json.loads(document.line))
            if extraction.doc != document.doc:
                raise CacheError(out, "extraction cache does not match its manifest; "
                                      "rebuild without --update")
            cache.write_line(document.line, extraction)
            _hand_to_linker(extraction, linker, counts, on_article)
            del extraction
        if len(skipped) == len(files):
            raise _nothing_read(inputs, skipped)
    except BaseException:
        cache.abort()
        raise
    finally:
        # Stops the worker pool or the Dask tasks at once when the build fails.
        for generator in (documents, extracted):
            close = getattr(generator, "close", None)
            if close is not None:
                close()
    release_models()
    try:
        graph = linker.result()
    except Exception as error:
        raise BuildError(out, f"linking failed: {type(error).__name__}: {error}",
                         traceback.format_exc()) from error
    return_freed_memory()
    renames = kept_keys(previous_entities, graph.entities) if update else {}
    graph = rename_entities(graph, renames)
    cache.close(renames)
    skipped = sorted(SkippedFile(s.path, s.problem, previous_kept=s.doc in cached_docs)
                     for s in skipped)
    result = BuildResult(out, graph, linker.decisions, articles=counts["articles"],
                         characters=counts["characters"], documents=linked,
                         analysed=len(files) - len(skipped), kept_iris=renames,
                         skipped=skipped)
    result.outputs = write_outputs(graph, linker.decisions, out, staging=staging,
                                   kept_iris=renames,
                                   skipped=merge_skipped(previous_skipped, skipped, new_docs),
                                   parallel=min(jobs, len(files)) > 1 and not scheduler)
    return result


def _checked(result: _Extracted, strict: bool) -> _Document | SkippedFile:
    """A worker's answer as a document to link, or a file to skip; an error stops the build."""
    if result.problem is None:
        return _Document(result.doc, result.line, result.encoded)
    if result.unreadable and not strict:
        return SkippedFile(result.path, result.problem)
    raise BuildError(result.path, result.problem, result.details)


def _in_linking_order(cached: Iterator[_Document], fresh: Iterator[_Document | SkippedFile],
                      skipped: list[SkippedFile]
                      ) -> Iterator[tuple[_Document | None, bool]]:
    """``(document or None, counted)`` in document name order, the skipped files added to
    ``skipped``.  A document read by this build replaces the cached one of its name; a
    file skipped leaves the cached one in the build.  ``counted`` is False for a cached
    document standing in for a skipped file (the progress counts that file once)."""
    fresh_keyed = ((item.doc, 0, item) for item in fresh)
    cached_keyed = ((item.doc, 1, item) for item in cached)
    replaced = stand_in = None
    for doc, from_cache, item in heapq.merge(fresh_keyed, cached_keyed,
                                             key=lambda keyed: keyed[:2]):
        if isinstance(item, SkippedFile):
            skipped.append(item)
            stand_in = doc
            yield None, True
        elif not from_cache:
            replaced = doc
            yield item, True
        elif doc != replaced:
            yield item, doc != stand_in


def _hand_to_linker(extraction: DocumentExtraction, linker: Linker, counts: dict,
                    on_article: Callable[[ArticleInfo], None] | None) -> None:
    """Gives the document's articles to the linker (none of them is kept here after)."""
    for article_facts in extraction.articles:
        info = ArticleInfo.of(article_facts.article)
        if article_facts.article.kind == "article":
            counts["articles"] += 1
            counts["characters"] += info.length
        if on_article is not None:
            on_article(info)
        linker.add(article_facts)


def _nothing_read(inputs: Path, skipped: list[SkippedFile]) -> BuildError:
    """The one-line error of a build that could read none of its files."""
    if len(skipped) == 1:
        return BuildError(skipped[0].path, skipped[0].problem)
    shown = "; ".join(f"{s.path}: {s.problem}" for s in skipped[:3])
    more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return BuildError(inputs, f"no page file could be read ({len(skipped)} skipped: "
                              f"{shown}{more})")


def _cached_documents(out: Path, documents: list[dict]) -> Iterator[_Document]:
    """The cached documents, in their saved (name) order."""
    lines = read_documents(out)
    for entry in documents:
        line = next(lines, None)
        if line is None:
            raise CacheError(out, "extraction cache is shorter than its manifest; "
                                  "rebuild without --update")
        yield _Document(entry["doc"], line)


# ---------------------------------------------------------------------------- outputs

def write_outputs(graph: KnowledgeGraph, decisions: list[LinkDecision], out: Path,
                  staging: Path | None = None, kept_iris: dict[str, str] | None = None,
                  skipped: list[SkippedFile] | None = None,
                  parallel: bool = False) -> list[Path]:
    """Write every output into a staging folder, then move each into ``out``.

    Returns the outputs a user opens (the HTML first); the staging folder's other
    contents (the extraction cache) are moved into place too.  With ``parallel`` (a
    build given more than one job) a forked child process writes the records, the page,
    the report and the exports while this one writes the RDF.  (Not the other way
    round: a process that has opened an Oxigraph store before cannot open one in a
    forked child, whose copy of the database library's thread pools is dead.)
    """
    from kg.rdf.serialize import write_rdf

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    own_staging = staging is None
    if own_staging:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        views = None
        try:
            view_args = (graph, decisions, staging, kept_iris or {}, skipped or [])
            if parallel:
                views = in_background(_write_views, *view_args)
            rdf = write_rdf(graph, staging, formats=("ttl",))
            return_freed_memory()              # the store's buffers, before the next writer
            records, others = views.result() if views is not None else _write_views(*view_args)
            made = records + rdf + others
        except OSError:
            raise          # a file system problem: reported as such, with its path
        except Exception as error:
            raise BuildError(out, f"writing outputs failed: {type(error).__name__}: {error}",
                             traceback.format_exc()) from error
        finally:
            if views is not None:
                views.cancel()
        shown = [out / Path(p).relative_to(staging) for p in made]
        publish(staging, out)
        return _html_first(shown)
    finally:
        if own_staging:
            shutil.rmtree(staging, ignore_errors=True)


def _write_views(graph: KnowledgeGraph, decisions: list[LinkDecision], staging: Path,
                 kept_iris: dict[str, str], skipped: list[SkippedFile]
                 ) -> tuple[list[Path], list[Path]]:
    """Every output but the RDF: the record files; and the outputs read by people — the
    page, the report, the exports, the link report and the list of skipped files."""
    from kg.analytics.export import write_exports
    from kg.analytics.graph import to_networkx
    from kg.analytics.report import write_report
    from kg.conflicts import find_conflicts
    from kg.viz.html import write_html

    records = write_graph(graph, staging)
    view = to_networkx(graph)          # one networkx view for the three writers
    conflicts = find_conflicts(graph)  # where articles disagree: page and report
    made = [write_html(graph, staging / "graph.html", view=view, conflicts=conflicts)]
    made += write_report(graph, staging, view=view, skipped=skipped, conflicts=conflicts)
    made += write_exports(graph, staging, view=view)
    made.append(write_link_report(decisions, staging / LINK_REPORT, kept_iris))
    made.append(write_skipped(skipped, staging))
    return records, made


def publish(staging: Path, out: Path) -> None:
    """Move everything in ``staging`` into ``out``, replacing what is there.

    The list of names is written first, so that a build interrupted while moving can be
    finished by :func:`recover_interrupted` rather than leave old and new outputs mixed.
    """
    names = sorted(p.name for p in staging.iterdir() if p.name != PUBLISH_LIST)
    atomic_write_text(staging / PUBLISH_LIST, json.dumps(names, ensure_ascii=False))
    _move_into_place(staging, out, names)


def _move_into_place(staging: Path, out: Path, names: list[str]) -> None:
    for name in names:
        source, target = staging / name, out / name
        old = out / f".{name}{OLD_SUFFIX}"
        if not source.exists() and not source.is_symlink():
            shutil.rmtree(old, ignore_errors=True)     # moved before an interruption
            continue
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
            os.replace(source, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            os.replace(source, target)


def recover_interrupted(out: Path) -> None:
    """Finish or discard what an interrupted build left in ``out`` (call under the lock).

    A staging folder with its list of names was being moved into place: the move is
    finished.  One without was still being written: it is removed.
    """
    for staging in sorted(out.glob(f"{STAGING_PREFIX}*")):
        if not staging.is_dir():
            continue
        listing = staging / PUBLISH_LIST
        if listing.is_file():
            try:
                names = json.loads(listing.read_text(encoding="utf-8"))
            except ValueError:
                names = None
            if isinstance(names, list):
                _move_into_place(staging, out, [str(n) for n in names])
        shutil.rmtree(staging, ignore_errors=True)


def _html_first(paths: list[Path]) -> list[Path]:
    return sorted(dict.fromkeys(paths), key=lambda p: (p.name != "graph.html", str(p)))


def write_link_report(decisions: list[LinkDecision], path: Path,
                      kept_iris: dict[str, str] | None = None) -> Path:
    from kg.link.iri import entity_iri
    lines = ["# Linking report", "",
             "Merges the linker made and candidate merges it rejected, with the rule and the "
             "reason.", ""]
    for kind in ("merged", "rejected"):
        rows = [d for d in decisions if d.kind == kind]
        lines += [f"## {kind.capitalize()} ({len(rows)})", "", "| rule | groups | reason |",
                  "|---|---|---|"]
        for d in rows:
            names = " ↔ ".join(n.split(":", 1)[-1] for n in d.names)
            lines.append(f"| {d.rule} | {names} | {d.reason} |")
        lines.append("")
    if kept_iris:
        lines += [f"## IRIs kept from the previous build ({len(kept_iris)})", "",
                  "Entities whose canonical name changed with this update keep their IRI.", "",
                  "| IRI kept | IRI the new name would give |", "|---|---|"]
        lines += [f"| {entity_iri(old)} | {entity_iri(new)} |"
                  for new, old in sorted(kept_iris.items())]
        lines.append("")
    atomic_write_text(path, "\n".join(lines))
    return path
