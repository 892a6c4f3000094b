"""The `kg` command: wiring of the stages to files, flags and progress; no logic of its own.

Every failure the user can act on is one line on stderr, ``kg: error: <path>: <problem>``,
and exit status 1 (2 for a wrong command line).  ``KG_DEBUG=1`` adds the traceback of an
unexpected error inside a stage.  A page file `kg build` skips is one line,
``kg: warning: <path>: skipped: <problem>``; the build still exits 0.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from kg.ingest import IngestError


class KgError(click.ClickException):
    """A one-line error for the user; exit status 1."""

    def show(self, file=None) -> None:
        click.echo(f"kg: error: {self.format_message()}", err=True)


def _fail(error: Exception) -> None:
    details = getattr(error, "details", None)
    if details and os.environ.get("KG_DEBUG"):
        click.echo(details.rstrip(), err=True)
    if isinstance(error, OSError) and error.filename is not None:
        message = f"{error.filename}: {error.strerror or error}"
    else:
        message = str(error)
    raise KgError(message.splitlines()[0] if message.strip() else type(error).__name__)


@click.group()
@click.version_option(package_name="kg")
def main() -> None:
    """Knowledge graphs from Chinese news pages."""


RECOGNISER_OPTION = click.option(
    "--recogniser", type=click.Choice(["hybrid", "rules"]), default=None,
    help="hybrid (the default): the statistical model (LAC) under the rules; rules: the "
         "rules alone, faster, blind to names without a suffix.  An update keeps its "
         "build's.")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@click.option("--furniture", is_flag=True,
              help="Also list each page's masthead and footer lines (id <doc>#0).")
def articles(paths, as_json, furniture):
    """List the articles found in PATHS (files or folders)."""
    from kg.ingest import iter_articles
    try:
        for article in iter_articles(paths, furniture=furniture):
            if as_json:
                click.echo(json.dumps({"id": article.id, "doc": article.doc, "date": article.date,
                                       "newspaper": article.newspaper, "title": article.title,
                                       "byline": list(article.byline), "kind": article.kind,
                                       "length": len(article.text)}, ensure_ascii=False))
            else:
                click.echo(f"{article.id}\t{article.date or '-'}\t{article.title or '-'}\t"
                           f"{'、'.join(article.byline) or '-'}\t{len(article.text)}")
    except IngestError as error:
        _fail(error)


class _Progress:
    """A progress bar over documents on a terminal's stderr; nothing in a pipe."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", type=click.Path(), help="Build folder.  [default: outputs]")
@click.option("--update", "update_dir", type=click.Path(), metavar="DIR",
              help="Add PATHS to the build in DIR without reading its other pages again; "
                   "a page of the same name replaces the old one.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes that read and analyse pages (0: one per CPU).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Read and analyse pages on the Dask cluster whose scheduler is at "
                   "ADDRESS (e.g. tcp://host:8786).")
@click.option("--base-iri", metavar="IRI",
              help="Namespace of the graph's entity, article and statement IRIs, ending in "
                   "/ or #  [default: https://kg.example.org/; --update: the build's]")
@click.option("--strict", is_flag=True,
              help="Stop at the first page file that cannot be read, instead of skipping "
                   "it with a warning.")
@RECOGNISER_OPTION
def build(paths, out, update_dir, jobs, scheduler, base_iri, strict, recogniser):
    """Build the knowledge graph of PATHS into OUT."""
    from kg.checkpoint import CacheError
    from kg.lock import BuildLocked
    from kg.parallel import SchedulerError, WorkerError, default_jobs
    from kg.pipeline import BuildError, build as run_build
    if update_dir is not None and out is not None and Path(out) != Path(update_dir):
        raise click.UsageError("--update DIR is the build folder; leave out -o or give the same")
    if scheduler and jobs != 1:
        raise click.UsageError("--jobs and --scheduler exclude each other")
    folder = update_dir if update_dir is not None else (out or "outputs")
    progress = _Progress("Updating" if update_dir is not None else "Building")
    try:
        result = run_build(paths, folder, jobs=jobs or default_jobs(), scheduler=scheduler,
                           base_iri=base_iri,
                           update=update_dir is not None, strict=strict,
                           recogniser=recogniser, on_document=progress)
    except (IngestError, BuildError, CacheError, BuildLocked, SchedulerError, WorkerError,
            OSError) as error:
        progress.close()
        _fail(error)
    progress.close()
    for skipped in result.skipped:
        click.echo(f"kg: warning: {skipped.warning()}", err=True)
    click.echo(f"{result.articles} articles, {len(result.graph.entities)} entities, "
               f"{len(result.graph.facts)} facts"
               + (f"; {len(result.skipped)} file{'s' * (len(result.skipped) != 1)} skipped "
                  f"(skipped.jsonl)" if result.skipped else ""), err=True)
    for path in result.outputs:
        click.echo(str(path))


@main.command()
@click.argument("file", type=click.Path())
@click.option("--html", "html_path", type=click.Path(), help="Write a displaCy page here.")
@RECOGNISER_OPTION
def entities(file, html_path, recogniser):
    """Print the entities recognised in each article of FILE, each with where it came
    from (rule, model or both) and its division code for an area."""
    from kg.ingest import iter_articles
    from kg.nlp.pipeline import analyse, shared_pipeline
    try:
        docs = list(analyse(iter_articles([file]), shared_pipeline(recogniser or "hybrid")))
    except IngestError as error:
        _fail(error)
    for article, doc in docs:
        click.echo(f"# {article.id} {article.title or ''}")
        for ent in doc.ents:
            attrs = ent._.kg or {}
            extra = attrs.get("code")
            click.echo(f"{ent.label_}\t{ent.text}\t{attrs.get('source', 'rule')}"
                       + (f"\t{extra}" if extra else ""))
        for q in doc._.kg_quantities or []:
            click.echo(f"{q.kind}\t{q.text}\t{q.value} {q.unit}")
    if html_path:
        from kg.graphio import atomic_write_text
        from kg.viz.entities_page import render_entities_page
        atomic_write_text(Path(html_path), render_entities_page(docs))
        click.echo(html_path)


@main.command()
@click.argument("build_dir", type=click.Path())
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True), help="Read the query from a file.")
@click.option("--name", help="Run a named query (see --list).")
@click.option("--param", multiple=True, help="KEY=VALUE for a named query's parameters.")
@click.option("--list", "list_names", is_flag=True, help="List the named queries.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def query(build_dir, sparql, query_file, name, param, list_names, fmt):
    """Run a SPARQL query over a build."""
    from kg.store.embedded import QueryError, StoreError, format_results, list_queries, \
        query_text, run_query
    if list_names:
        for query_name, description in list_queries().items():
            click.echo(f"{query_name}\t{description}")
        return
    try:
        if name:
            params = dict(p.split("=", 1) for p in param)
            sparql = query_text(name, **params)
        elif query_file:
            sparql = Path(query_file).read_text(encoding="utf-8")
        if not sparql:
            raise KgError("give a query, --file or --name")
        columns, rows = run_query(Path(build_dir), sparql)
    except (QueryError, StoreError, KeyError, ValueError, OSError) as error:
        _fail(error)
    click.echo(format_results(columns, rows, fmt))


class _PushProgress:
    """Progress of a push on stderr: a bar over the triples on a terminal, else a line per
    chunk; nothing for a graph sent in one chunk."""

    def __init__(self):
        self.bar = _Progress("Loading")
        self.lines = not sys.stderr.isatty()
        self.many = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "load":
            self.many = self.many or done < total
            self.bar(done, total)
            if self.lines and self.many:
                click.echo(f"kg push: loaded {done:,} of {total:,} triples", err=True)
        elif done == 0:
            self.bar.close()
            if self.many:
                click.echo("kg push: replacing the graph", err=True)

    def close(self) -> None:
        self.bar.close()


@main.command()
@click.argument("build_dir", type=click.Path())
@click.option("--endpoint", required=True, help="SPARQL 1.1 Graph Store endpoint URL.")
@click.option("--graph", "graph_iri", help="Named graph IRI (default graph if omitted).")
@click.option("--update-endpoint", metavar="URL",
              help="SPARQL Update endpoint  [default: beside --endpoint for Oxigraph, "
                   "Virtuoso and Fuseki]")
@click.option("--query-endpoint", metavar="URL",
              help="SPARQL query endpoint, asked whether the graph is empty  [default: "
                   "beside --endpoint for Oxigraph, Virtuoso and Fuseki]")
@click.option("--user")
@click.option("--password")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic")
@click.option("--no-transaction/--transaction", "no_transaction", default=None,
              help="Load the chunks without transactions (Oxigraph's bulk load) or in one "
                   "each  [default: without when the server is Oxigraph]")
@click.option("--dry-run", is_flag=True,
              help="Ask the server whether the graph is empty, print what would be sent; "
                   "send nothing else.")
def push(build_dir, endpoint, graph_iri, update_endpoint, query_endpoint, user, password,
         auth, no_transaction, dry_run):
    """Load a build into a triple store: straight into an empty graph; a graph that holds
    triples is replaced atomically (one PUT on Oxigraph, elsewhere a scratch graph and one
    MOVE), so a push that fails leaves it as it was."""
    from kg.store.push import PushError, plan_push, push as do_push
    progress = _PushProgress()
    try:
        if dry_run:
            plan = plan_push(Path(build_dir), endpoint, graph_iri, user, password, auth,
                             update_endpoint=update_endpoint, query_endpoint=query_endpoint,
                             no_transaction=no_transaction)
            click.echo(plan.describe(), nl=False)
            click.echo("kg push: dry run, nothing sent but the question whether the graph "
                       "is empty", err=True)
            return
        result = do_push(Path(build_dir), endpoint, graph_iri, user, password, auth,
                         update_endpoint=update_endpoint, query_endpoint=query_endpoint,
                         no_transaction=no_transaction, on_progress=progress)
    except PushError as error:
        progress.close()
        _fail(error)
    progress.close()
    click.echo(result.summary())


@main.command()
@click.argument("build_dir", type=click.Path())
def validate(build_dir):
    """Check a build against the SHACL shapes; exit 1 on violations."""
    from kg.rdf.validate import validate as run_validate
    try:
        problems = run_validate(Path(build_dir))
    except (OSError, ValueError) as error:
        _fail(error)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise KgError(f"{len(problems)} violation(s)")
    click.echo("no violations")


@main.command()
@click.argument("build_dir", type=click.Path())
@click.argument("entity")
@click.option("--hops", default=1, show_default=True)
@click.option("-o", "--out", "out_path", type=click.Path(), help="Page to write.")
def view(build_dir, entity, hops, out_path):
    """Write the neighbourhood page of one ENTITY (label, alias or IRI)."""
    from kg.checkpoint import recorded_base_iri
    from kg.graphio import read_graph
    from kg.link.iri import entity_base, using_base
    from kg.viz.html import write_html
    with using_base(recorded_base_iri(build_dir)):     # entities.jsonl holds its IRIs
        try:
            graph = read_graph(Path(build_dir))
        except OSError as error:
            _fail(error)
        wanted = entity.removeprefix(entity_base())
    match = [e for e in graph.entities if wanted in (e.id, e.label) or wanted in e.aliases]
    if not match:
        raise KgError(f"{build_dir}: no entity named {entity}")
    path = Path(out_path) if out_path else Path(build_dir) / f"view-{match[0].id.replace('/', '-')}.html"
    click.echo(str(write_html(graph, path, focus=match[0].id, hops=hops)))


if __name__ == "__main__":
    main()
