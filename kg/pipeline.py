"""The build: files -> articles -> docs -> mentions and facts -> linked graph -> outputs.

Each stage is a function of the previous stage's records.  Outputs are first written into
a temporary folder beside the build folder and then moved into place file by file, so a
build that fails leaves the previous outputs whole.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.extract import ArticleFacts, extract
from kg.graphio import write_graph
from kg.ingest import iter_articles
from kg.link.resolve import LinkDecision, Linker
from kg.nlp.pipeline import analyse
from kg.records import Article, KnowledgeGraph

LINK_REPORT = "link-report.md"


@dataclass
class BuildResult:
    out: Path
    graph: KnowledgeGraph
    decisions: list[LinkDecision]
    outputs: list[Path] = field(default_factory=list)
    articles: int = 0
    characters: int = 0


def extract_all(articles: Iterable[Article]) -> Iterator[ArticleFacts]:
    for article, doc in analyse(articles):
        yield extract(article, doc)


def build(paths: Iterable[str | Path], out: str | Path,
          on_article: Callable[[Article], None] | None = None) -> BuildResult:
    """Build the graph of ``paths`` into the folder ``out`` and return what was made."""
    out = Path(out)
    linker = Linker()
    counted = {"articles": 0, "characters": 0}

    def counted_articles() -> Iterator[Article]:
        for article in iter_articles(paths, furniture=True):
            if article.kind == "article":
                counted["articles"] += 1
                counted["characters"] += len(article.text)
            if on_article is not None:
                on_article(article)
            yield article

    for article_facts in extract_all(counted_articles()):
        linker.add(article_facts)
    graph = linker.result()
    result = BuildResult(out, graph, linker.decisions, articles=counted["articles"],
                         characters=counted["characters"])
    result.outputs = write_outputs(graph, linker.decisions, out)
    return result


def write_outputs(graph: KnowledgeGraph, decisions: list[LinkDecision], out: Path) -> list[Path]:
    """Write every output into a staging folder, then move each into ``out``."""
    from kg.analytics.export import write_exports
    from kg.analytics.report import write_report
    from kg.rdf.serialize import write_rdf
    from kg.viz.html import write_html

    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg-build-", dir=out))
    try:
        made: list[Path] = []
        made += write_graph(graph, staging)
        made += write_rdf(graph, staging, formats=("ttl",))
        made.append(write_html(graph, staging / "graph.html"))
        made += write_report(graph, staging)
        made += write_exports(graph, staging)
        made.append(write_link_report(decisions, staging / LINK_REPORT))
        final = []
        for path in made:
            relative = Path(path).relative_to(staging)
            target = out / relative
            if target.is_dir() and not target.is_symlink():
                old = out / f".{relative}.old"
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)
                os.replace(path, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
            final.append(target)
        return _html_first(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _html_first(paths: list[Path]) -> list[Path]:
    return sorted(dict.fromkeys(paths), key=lambda p: (p.name != "graph.html", str(p)))


def write_link_report(decisions: list[LinkDecision], path: Path) -> Path:
    from kg.graphio import atomic_write_text
    lines = ["# Linking report", "",
             "Merges the linker made and candidate merges it rejected, with the rule and the reason.", ""]
    for kind in ("merged", "rejected"):
        rows = [d for d in decisions if d.kind == kind]
        lines += [f"## {kind.capitalize()} ({len(rows)})", "", "| rule | groups | reason |",
                  "|---|---|---|"]
        for d in rows:
            names = " ↔ ".join(n.split(":", 1)[-1] for n in d.names)
            lines.append(f"| {d.rule} | {names} | {d.reason} |")
        lines.append("")
    atomic_write_text(path, "\n".join(lines))
    return path
