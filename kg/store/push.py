"""Loading a build into a SPARQL 1.1 triple store, replacing one graph atomically.

A push first asks the server whether the target graph holds any triple (``ASK { GRAPH
<g> { ?s ?p ?o } }``, ``ASK { ?s ?p ?o }`` for the default graph, on the query endpoint).
Then it takes one of two paths:

- direct, when the target is empty or absent: there is no previous graph to protect, so
  every triple of the build's query store (provenance included) goes straight into the
  target with Graph Store Protocol POSTs of bounded size (on Oxigraph with
  ``no_transaction``, its bulk loader).  A first push interrupted midway leaves a
  partial graph under the target name; the next push finds it not empty and replaces it
  atomically.
- atomic, when the target holds triples (or the server could not be asked: no query
  endpoint known, the question refused, or an answer that is not a boolean).  Readers
  see the old graph until the replacement and the whole new one after it; a push that
  fails or is killed before leaves the target as it was.
  On Oxigraph, one Graph Store PUT of the whole build replaces the target: the server
  runs it as one transaction, which measured faster and smaller than a MOVE
  (benchmarks/RESULTS.md); its body goes out chunk by chunk from the memory map.
  On any other server the chunks go into a scratch named graph, then ONE SPARQL Update
  request replaces the target, ``MOVE <scratch> TO <target>`` (or, where the server
  refuses MOVE, ``DROP SILENT <target>; ADD <scratch> TO <target>; DROP SILENT
  <scratch>`` in one request), run as one transaction; each chunk loads in a
  transaction of its own, so memory stays bounded by the chunk size until the MOVE.
  The scratch graph keeps what arrived before a failure and is dropped by the next push
  that uses it.

One push at a time per target graph: a write between the question and the load is not
seen.  Oxigraph is recognised by the ``Server`` header its Graph Store endpoint answers a
HEAD with.

The update and query endpoints are given, or derived from the Graph Store endpoint for
the usual layouts: Oxigraph ``/store`` -> ``/update`` and ``/query``, Virtuoso
``/sparql-graph-crud[-auth]`` -> ``/sparql[-auth]`` (both), Fuseki ``/data`` ->
``/update`` and ``/query``.  Virtuoso's default graph for queries is the union of all
graphs, so there a push to the default graph is direct only into an empty store.

The build is dumped as N-Triples into a temporary file and sent from a memory map in
slices cut at line ends: the client's memory stays bounded whatever the size.  Only the
standard library speaks HTTP (urllib); basic auth is sent up front, digest auth answers
the server's challenge, fetched with HEAD requests before a body goes out.  Every failure
is a :class:`PushError` with a one-line message.
"""
from __future__ import annotations

import base64
import ipaddress
import json
import mmap
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

__all__ = ["PushError", "PushResult", "PushPlan", "Chunk", "push", "plan_push",
           "graph_store_url", "update_endpoint_for", "query_endpoint_for",
           "scratch_graph_iri", "CONTENT_TYPE", "CHUNK_BYTES", "DIRECT", "ATOMIC"]

# The body is N-Triples, sent as Turtle (of which N-Triples is a subset): every Graph
# Store implementation accepts text/turtle, not all know application/n-triples.
CONTENT_TYPE = "text/turtle"
UPDATE_CONTENT_TYPE = "application/x-www-form-urlencoded"
AUTH_SCHEMES = ("basic", "digest")
CHUNK_BYTES = 16 << 20
SCRATCH_SUFFIX = ".kg-push-scratch"
DEFAULT_SCRATCH = "urn:kg:push-scratch:default"
RESULTS_TYPE = "application/sparql-results+json"
# Graph Store endpoint path -> (update endpoint path, query endpoint path), per layout.
_SERVICE_PATHS = (("/sparql-graph-crud-auth", "/sparql-auth", "/sparql-auth"),
                  ("/sparql-graph-crud", "/sparql", "/sparql"),
                  ("/store", "/update", "/query"),
                  ("/data", "/update", "/query"))
DIRECT, ATOMIC = "direct", "atomic"
REPLACEMENTS = ("PUT", "MOVE")
# Answers to MOVE that mean "not understood" rather than "failed while running".
_REFUSED = (400, 405, 501)
# Answers to the question whether the target is empty that leave it unknown (the push
# then takes the atomic path); authentication failures (401, 403) stop the push.
_NOT_ASKED = (400, 404, 405, 406, 415, 500, 501, 502, 503)

Progress = Callable[[str, int, int], None]


class PushError(Exception):
    """A push that did not succeed; the message is one line naming the endpoint."""


@dataclass(frozen=True)
class Chunk:
    """A slice of the N-Triples dump, cut at a line end: one POST."""
    offset: int
    size: int
    triples: int


@dataclass
class PushPlan:
    """What a push sends, worked out before anything goes out (``kg push --dry-run``)."""
    endpoint: str
    update_endpoint: str
    query_endpoint: str | None
    graph_iri: str | None
    scratch_graph: str
    triples: int
    bytes: int
    chunks: list[Chunk] = field(default_factory=list)
    no_transaction: bool | None = None     # None: decided by the server's answer
    oxigraph: bool | None = None           # the server answers as Oxigraph; None: not known
    replace_with: str | None = None        # PUT or MOVE; None: PUT on Oxigraph, else MOVE
    target_empty: bool | None = None       # the server's answer; None: not known
    unasked_because: str = ""              # why the server's answer is not known

    @property
    def target(self) -> str:
        return f"<{self.graph_iri}>" if self.graph_iri is not None else "the default graph"

    @property
    def path(self) -> str:
        """DIRECT into an empty target; ATOMIC (one PUT, or scratch graph then MOVE)
        otherwise."""
        return DIRECT if self.target_empty else ATOMIC

    @property
    def replacement(self) -> str:
        """How the atomic path replaces the target: "PUT" or "MOVE"."""
        return self.replace_with or ("PUT" if self.oxigraph else "MOVE")

    @property
    def load_graph(self) -> str | None:
        """The graph the chunks go into: the target itself unless a scratch graph and a
        MOVE replace it."""
        if self.path == ATOMIC and self.replacement == "MOVE":
            return self.scratch_graph
        return self.graph_iri

    def chunk_url(self, no_transaction: bool) -> str:
        return graph_store_url(self.endpoint, self.load_graph, no_transaction)

    def put_url(self) -> str:
        return graph_store_url(self.endpoint, self.graph_iri)

    def ask_target(self) -> str:
        """The question whether the target holds any triple."""
        if self.graph_iri is None:
            return "ASK { ?s ?p ?o }"
        return f"ASK {{ GRAPH <{self.graph_iri}> {{ ?s ?p ?o }} }}"

    def clear_scratch(self) -> str:
        return f"DROP SILENT GRAPH <{self.scratch_graph}>"

    def move(self) -> str:
        if not self.triples:      # nothing was loaded: the target becomes empty
            return self.drop_target()
        return f"MOVE GRAPH <{self.scratch_graph}> TO {self._target_ref()}"

    def drop_and_add(self) -> str:
        """The replacement for servers that refuse MOVE, still one request."""
        if not self.triples:
            return self.move()
        return (f"DROP SILENT {self._target_ref()} ; ADD GRAPH <{self.scratch_graph}> TO "
                f"{self._target_ref()} ; DROP SILENT GRAPH <{self.scratch_graph}>")

    def drop_target(self) -> str:
        return f"DROP SILENT {self._target_ref()}"

    def _target_ref(self) -> str:
        return f"GRAPH <{self.graph_iri}>" if self.graph_iri is not None else "DEFAULT"

    def _why(self) -> str:
        if self.target_empty is True:
            return "the target holds no triples: the chunks go straight into it"
        how = ("one PUT replaces it in one transaction" if self.replacement == "PUT" else
               "a scratch graph, then one MOVE")
        if self.target_empty is False:
            return f"the target holds triples: {how}"
        return f"{self.unasked_because}: {how}"

    def describe(self) -> str:
        """The plan as lines of text: target, path, size and every request."""
        if self.no_transaction is None:
            suffix = "  (with &no_transaction if the server answers as Oxigraph)"
            url = self.chunk_url(False)
        else:
            suffix, url = "", self.chunk_url(self.no_transaction)
        by_move = self.path == ATOMIC and self.replacement == "MOVE"
        by_put = self.path == ATOMIC and self.replacement == "PUT"
        lines = [f"target graph:    {self.target} at {self.endpoint}",
                 f"path:            {self.path} ({self._why()})"]
        if by_move:
            lines.append(f"scratch graph:   <{self.scratch_graph}>")
        lines += [f"query endpoint:  {self.query_endpoint or 'none known (--query-endpoint)'}",
                  f"update endpoint: {self.update_endpoint}",
                  f"triples:         {self.triples:,} ({self.bytes:,} bytes of N-Triples, "
                  f"{len(self.chunks)} chunk{'s' if len(self.chunks) != 1 else ''})",
                  "requests:"]
        requests = []
        if self.query_endpoint is not None:
            requests.append(f"POST {self.query_endpoint}  {self.ask_target()}")
        if by_put:
            requests.append(f"PUT {self.put_url()}  the whole build: {self.triples:,} "
                            f"triples, {self.bytes:,} bytes" if self.triples else
                            f"POST {self.update_endpoint}  {self.drop_target()}")
        else:
            if by_move:
                requests.append(f"POST {self.update_endpoint}  {self.clear_scratch()}")
            for number, chunk in enumerate(self.chunks, start=1):
                requests.append(f"POST {url}  chunk {number}/{len(self.chunks)}: "
                                f"{chunk.triples:,} triples, {chunk.size:,} bytes{suffix}")
            if by_move:
                requests.append(f"POST {self.update_endpoint}  {self.move()}"
                                + ("" if not self.triples else
                                   f"  (if MOVE is refused: {self.drop_and_add()})"))
        lines += [f"  {number}. {request}" for number, request in enumerate(requests, start=1)]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PushResult:
    """What a successful push sent and what the server answered."""
    endpoint: str
    update_endpoint: str
    graph_iri: str | None
    scratch_graph: str
    triples: int
    bytes_sent: int
    chunks: int
    requests: int
    no_transaction: bool
    path: str               # DIRECT or ATOMIC
    replaced_by: str        # on the atomic path "PUT", "MOVE" or "DROP+ADD"; else ""
    status: int             # the answer to the last request
    seconds: float

    def summary(self) -> str:
        target = f"<{self.graph_iri}>" if self.graph_iri is not None else "the default graph"
        if self.path == DIRECT:
            how = (f"{self.chunks} chunk{'s' if self.chunks != 1 else ''}"
                   f"{' without transaction' if self.no_transaction else ''} straight into "
                   f"the empty graph")
        elif self.replaced_by == "PUT":
            how = "replaced by one PUT"
        else:
            how = (f"{self.chunks} chunk{'s' if self.chunks != 1 else ''}"
                   f"{' without transaction' if self.no_transaction else ''} into a scratch "
                   f"graph, replaced by {self.replaced_by}")
        return (f"pushed {self.triples:,} triples into {target} at {self.endpoint} in "
                f"{self.seconds:.1f} s ({how}, {self.requests} requests)")


def graph_store_url(endpoint: str, graph_iri: str | None = None,
                    no_transaction: bool = False) -> str:
    """``endpoint?graph=<IRI>`` (percent-encoded), or ``endpoint?default``; Oxigraph's
    ``&no_transaction`` when asked."""
    query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
    if no_transaction:
        query += "&no_transaction"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def update_endpoint_for(endpoint: str) -> str | None:
    """The SPARQL Update endpoint beside a Graph Store endpoint of a known layout."""
    return _service_beside(endpoint, 1)


def query_endpoint_for(endpoint: str) -> str | None:
    """The SPARQL query endpoint beside a Graph Store endpoint of a known layout."""
    return _service_beside(endpoint, 2)


def _service_beside(endpoint: str, which: int) -> str | None:
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for paths in _SERVICE_PATHS:
        store_path = paths[0]
        if path.endswith(store_path):
            new_path = path[: -len(store_path)] + paths[which]
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))
    return None


def scratch_graph_iri(graph_iri: str | None) -> str:
    """The scratch graph of a target, beside it: the same for every push to it, so that
    the next push clears what an interrupted one left."""
    return DEFAULT_SCRATCH if graph_iri is None else graph_iri + SCRATCH_SUFFIX


# --------------------------------------------------------------------------- the dump

def _dump_ntriples(out_dir: Path, handle: BinaryIO) -> int:
    """Write every triple of the build's store to ``handle``; the number of bytes."""
    import pyoxigraph as ox

    path = Path(out_dir) / "store"
    if not path.is_dir():
        raise PushError(f"nothing to push: no query store in {out_dir} (expected {path}/)")
    try:
        store = ox.Store.read_only(str(path))
    except OSError as error:
        raise PushError(f"cannot open the query store {path}: {_first_line(str(error))}") \
            from None
    graphs = [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]
    for graph in graphs:
        store.dump(handle, ox.RdfFormat.N_TRIPLES, from_graph=graph)
    handle.flush()
    return handle.seek(0, 2)


def _cut_chunks(dump: mmap.mmap | bytes, size: int, chunk_bytes: int) -> list[Chunk]:
    """Slices of at most ``chunk_bytes`` (one longer line makes its own), ending at line
    ends.  Blank node labels are scoped to one request, so a dump with blank nodes goes
    whole (a build has none; the check is cheap and may err on the side of one chunk)."""
    if not size:
        return []
    if dump.find(b"_:") != -1:
        return [Chunk(0, size, _count_lines(dump, 0, size))]
    chunks, start = [], 0
    while start < size:
        end = min(start + chunk_bytes, size)
        if end < size:
            cut = dump.rfind(b"\n", start, end)
            end = cut + 1 if cut != -1 else (dump.find(b"\n", end) + 1 or size)
        chunks.append(Chunk(start, end - start, _count_lines(dump, start, end)))
        start = end
    return chunks


def _count_lines(dump, start: int, end: int) -> int:
    count, position = 0, start
    while position < end:
        step = min(end, position + (8 << 20))
        count += dump[position:step].count(b"\n")
        position = step
    return count


@contextmanager
def _prepared(out_dir: Path, endpoint: str, graph_iri: str | None,
              update_endpoint: str | None, query_endpoint: str | None,
              no_transaction: bool | None, replace_with: str | None,
              chunk_bytes: int) -> Iterator[tuple[PushPlan, mmap.mmap | None]]:
    """The plan of a push and the memory-mapped dump its chunks are sliced from."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"invalid endpoint {endpoint!r}: expected an http:// or https:// URL")
    if update_endpoint is None:
        update_endpoint = update_endpoint_for(endpoint)
        if update_endpoint is None:
            raise PushError(f"no update endpoint known for {endpoint}: give the server's "
                            f"SPARQL Update endpoint (--update-endpoint)")
    else:
        _check_url(update_endpoint, "update endpoint")
    if query_endpoint is None:
        query_endpoint = query_endpoint_for(endpoint)
    else:
        _check_url(query_endpoint, "query endpoint")
    if graph_iri is not None:
        _check_graph_iri(graph_iri)
    if chunk_bytes < 1:
        raise PushError(f"invalid chunk size {chunk_bytes}: give a positive number of bytes")
    with tempfile.TemporaryFile(prefix="kg-push-", suffix=".nt") as handle:
        size = _dump_ntriples(out_dir, handle)
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        try:
            chunks = _cut_chunks(mapped, size, chunk_bytes) if mapped is not None else []
            plan = PushPlan(endpoint, update_endpoint, query_endpoint, graph_iri,
                            scratch_graph_iri(graph_iri), sum(c.triples for c in chunks),
                            size, chunks, no_transaction, replace_with=replace_with)
            if query_endpoint is None:
                plan.unasked_because = "no query endpoint known to ask whether the target " \
                                       "holds triples"
            yield plan, mapped
        finally:
            if mapped is not None:
                mapped.close()


def _check_url(url: str, what: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"invalid {what} {url!r}: expected an http:// or https:// URL")


def _check_graph_iri(graph_iri: str) -> None:
    import pyoxigraph as ox

    try:
        ox.NamedNode(graph_iri)
    except ValueError:
        raise PushError(f"invalid graph IRI {graph_iri!r}: expected an absolute IRI") from None
    if ":" not in graph_iri:
        raise PushError(f"invalid graph IRI {graph_iri!r}: expected an absolute IRI")


def _ask_whether_empty(client: "_Client", plan: PushPlan, unchanged: str) -> int:
    """Set ``plan.target_empty`` from the server's answer; the requests sent (0 or 1).
    A question the server refuses leaves it unknown, and the push atomic."""
    if plan.query_endpoint is None:
        return 0
    try:
        holds = client.ask(plan.query_endpoint, plan.ask_target(),
                           "asking whether the target holds triples", unchanged)
    except _Refused as refusal:
        plan.target_empty = None
        plan.unasked_because = (f"the query endpoint did not answer whether the target "
                                f"holds triples ({refusal})")
    else:
        plan.target_empty = not holds
    return 1


# --------------------------------------------------------------------------- the push

def plan_push(out_dir: Path, endpoint: str, graph_iri: str | None = None,
              user: str | None = None, password: str | None = None,
              auth: str = "basic", timeout: float = 60.0, *,
              update_endpoint: str | None = None, query_endpoint: str | None = None,
              no_transaction: bool | None = None, replace_with: str | None = None,
              chunk_bytes: int = CHUNK_BYTES, ask: bool = True) -> PushPlan:
    """What :func:`push` would send.  With ``ask``, the server is asked what a push asks
    it (who it is, and whether the target holds triples) and nothing else is sent; a
    server that cannot be reached leaves both unknown, and the reason in the plan."""
    _check_choices(auth, replace_with)
    with _prepared(Path(out_dir), endpoint, graph_iri, update_endpoint, query_endpoint,
                   no_transaction, replace_with, chunk_bytes) as (plan, _dump):
        if ask:
            client = _Client(endpoint, user, password, auth, timeout)
            try:
                _ask_who(client, plan)
                _ask_whether_empty(client, plan, "")
            except PushError as error:
                plan.unasked_because = f"the server could not be asked: {error}"
        return plan


def push(out_dir: Path, endpoint: str, graph_iri: str | None = None,
         user: str | None = None, password: str | None = None,
         auth: str = "basic", timeout: float = 600.0, *,
         update_endpoint: str | None = None, query_endpoint: str | None = None,
         no_transaction: bool | None = None, replace_with: str | None = None,
         chunk_bytes: int = CHUNK_BYTES, on_progress: Progress | None = None) -> PushResult:
    """Replace graph ``graph_iri`` (the default graph when None) at the Graph Store
    ``endpoint`` with the build in ``out_dir``: straight into it when it is empty; else by
    one PUT (Oxigraph), or chunks into the scratch graph then one MOVE (other servers, or
    ``replace_with="MOVE"``).  ``no_transaction`` None: True when the server answers as
    Oxigraph.  ``on_progress(stage, done, total)`` is called with ``"load"`` and the
    triples sent after each chunk (or each piece of the PUT's body), and on the atomic
    path with ``"replace"``: 0 of 1 once the build is sent, 1 of 1 once it replaced the
    graph."""
    _check_choices(auth, replace_with)
    client = _Client(endpoint, user, password, auth, timeout)
    started = time.perf_counter()
    with _prepared(Path(out_dir), endpoint, graph_iri, update_endpoint, query_endpoint,
                   no_transaction, replace_with, chunk_bytes) as (plan, dump):
        _ask_who(client, plan)
        unchanged = f"{plan.target} is unchanged"
        requests = _ask_whether_empty(client, plan, unchanged)
        replaced_by = ""
        if plan.path == DIRECT:
            requests += _load(client, plan, dump, "into the target graph",
                              f"{plan.target} may hold part of the build, which the next "
                              f"push replaces atomically", on_progress)
        elif plan.replacement == "PUT":
            replaced_by = "PUT"
            requests += _put(client, plan, dump, unchanged, on_progress)
        else:
            client.update(plan.update_endpoint, plan.clear_scratch(),
                          "clearing the scratch graph", unchanged)
            requests += 1 + _load(client, plan, dump, "into the scratch graph", unchanged,
                                  on_progress)
            if on_progress is not None:
                on_progress("replace", 0, 1)
            replaced_by = "MOVE"
            moved = client.update(plan.update_endpoint, plan.move(), "replacing the graph",
                                  refusable=True)
            requests += 1
            if moved is None:     # MOVE refused: the same replacement in three operations
                replaced_by = "DROP+ADD"
                client.update(plan.update_endpoint, plan.drop_and_add(), "replacing the graph")
                requests += 1
            if on_progress is not None:
                on_progress("replace", 1, 1)
    return PushResult(endpoint, plan.update_endpoint, graph_iri, plan.scratch_graph,
                      plan.triples, plan.bytes, len(plan.chunks), requests,
                      bool(plan.no_transaction), plan.path, replaced_by, client.last_status,
                      time.perf_counter() - started)


def _check_choices(auth: str, replace_with: str | None) -> None:
    if auth not in AUTH_SCHEMES:
        raise PushError(f"unknown authentication scheme {auth!r} (known: basic, digest)")
    if replace_with not in (None, *REPLACEMENTS):
        raise PushError(f"unknown replacement {replace_with!r} (known: PUT, MOVE)")


def _ask_who(client: "_Client", plan: PushPlan) -> None:
    """Whether the server is Oxigraph (a HEAD request), unless nothing depends on it."""
    if plan.no_transaction is None or plan.replace_with is None:
        plan.oxigraph = client.is_oxigraph()
        if plan.no_transaction is None:
            plan.no_transaction = plan.oxigraph


def _load(client: "_Client", plan: PushPlan, dump, into: str, after_failure: str,
          on_progress: Progress | None) -> int:
    """POST every chunk into ``plan.load_graph``; the requests sent."""
    url, sent = plan.chunk_url(bool(plan.no_transaction)), 0
    for number, chunk in enumerate(plan.chunks, start=1):
        body = memoryview(dump)[chunk.offset: chunk.offset + chunk.size]
        try:
            client.send(url, body, chunk.size, CONTENT_TYPE,
                        f"loading chunk {number}/{len(plan.chunks)} {into}", after_failure)
        finally:
            body.release()
        sent += chunk.triples
        if on_progress is not None:
            on_progress("load", sent, plan.triples)
    return len(plan.chunks)


def _put(client: "_Client", plan: PushPlan, dump, unchanged: str,
         on_progress: Progress | None) -> int:
    """Replace the target with one PUT of the whole build (one transaction on Oxigraph),
    its body sent chunk by chunk; the requests sent."""
    if on_progress is None:
        on_progress = _no_progress
    if not plan.triples:
        on_progress("replace", 0, 1)
        client.update(plan.update_endpoint, plan.drop_target(), "replacing the graph",
                      unchanged)
    else:
        body = _Pieces(dump, plan, on_progress)
        try:
            client.send(plan.put_url(), body, plan.bytes, CONTENT_TYPE,
                        "replacing the graph with one PUT", unchanged, method="PUT")
        finally:
            body.close()
    on_progress("replace", 1, 1)
    return 1


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


class _Pieces:
    """The body of a PUT: the dump's chunks one after the other, each reported as sent
    ("load") when the next is asked for, and the end ("replace", 0 of 1) once all are.
    Iterable again, should the request be sent again after an authentication challenge."""

    def __init__(self, dump, plan: PushPlan, on_progress: Progress):
        self.dump, self.plan, self.on_progress = dump, plan, on_progress
        self.sending: list[Iterator[memoryview]] = []

    def __iter__(self) -> Iterator[memoryview]:
        pieces = self._pieces()
        self.sending.append(pieces)
        return pieces

    def close(self) -> None:
        """Release the piece a failed request stopped at, before the dump is unmapped."""
        for pieces in self.sending:
            pieces.close()

    def _pieces(self) -> Iterator[memoryview]:
        sent = 0
        for chunk in self.plan.chunks:
            piece = memoryview(self.dump)[chunk.offset: chunk.offset + chunk.size]
            try:
                yield piece
            finally:
                piece.release()
            sent += chunk.triples
            self.on_progress("load", sent, self.plan.triples)
        self.on_progress("replace", 0, 1)


# --------------------------------------------------------------------------- HTTP

def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str, user: str | None, password: str | None, auth: str):
    handlers: list = []
    if _is_loopback(url):
        handlers.append(urllib.request.ProxyHandler({}))   # never send loopback via a proxy
    if user is not None and auth == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password or "")
        handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
    return urllib.request.build_opener(*handlers)


def _first_line(data: bytes | str) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


def _ask_answer(body: bytes) -> bool | None:
    """The boolean of a JSON answer to ASK; None if it is none.  Virtuoso 7 answers ASK
    as a table (one row, variable ``__ASK_RETVAL``, when true; no row when false), so a
    table counts as true when it has a row: a wrong reading errs towards the atomic path."""
    try:
        answer = json.loads(body.decode("utf-8"))
        if isinstance(answer.get("boolean"), bool):
            return answer["boolean"]
        rows = answer["results"]["bindings"]
    except (ValueError, AttributeError, KeyError, TypeError):
        return None
    return bool(rows) if isinstance(rows, list) else None


class _Client:
    """Requests to one server with one user's credentials; failures as PushErrors."""

    def __init__(self, endpoint: str, user: str | None, password: str | None, auth: str,
                 timeout: float):
        self.endpoint = endpoint
        self.user, self.password, self.auth = user, password, auth
        self.timeout = timeout
        self.last_status = 0

    def is_oxigraph(self) -> bool:
        return self.server_software().lower().startswith("oxigraph")

    def server_software(self) -> str:
        """The ``Server`` header the Graph Store endpoint answers a HEAD with ("" if
        none); any answer will do, a refusal included."""
        request = urllib.request.Request(self.endpoint, method="HEAD")
        try:
            with _opener(self.endpoint, None, None, "basic").open(
                    request, timeout=self.timeout) as response:
                return response.headers.get("Server") or ""
        except urllib.error.HTTPError as error:
            with error:
                return error.headers.get("Server") or ""
        except Exception as error:   # noqa: BLE001 - every failure becomes one line
            raise self._failure(error, "", "") from None

    def update(self, url: str, sparql: str, doing: str, unchanged: str = "",
               refusable: bool = False) -> int | None:
        """Send one SPARQL Update request; its status, or None when ``refusable`` and the
        server answered that it does not understand it."""
        body = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
        try:
            return self.send(url, body, len(body), UPDATE_CONTENT_TYPE, doing, unchanged,
                             refusable=_REFUSED if refusable else ())
        except _Refused:
            return None

    def ask(self, url: str, sparql: str, doing: str, unchanged: str) -> bool:
        """The answer to a SPARQL ASK query.  Raises :class:`_Refused` when the server
        answers with an error other than an authentication failure, or not with a
        boolean."""
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        answer = bytearray()
        self.send(url, body, len(body), UPDATE_CONTENT_TYPE, doing, unchanged,
                  refusable=_NOT_ASKED, accept=RESULTS_TYPE, into=answer)
        boolean = _ask_answer(bytes(answer))
        if boolean is None:
            raise _Refused(f"an answer that is not a SPARQL boolean: "
                           f"{_first_line(bytes(answer))[:80]!r}")
        return boolean

    def send(self, url: str, body, size: int, content_type: str, doing: str,
             unchanged: str, refusable: tuple[int, ...] = (), accept: str | None = None,
             into: bytearray | None = None, method: str = "POST") -> int:
        """POST (or ``method``) ``body``, bytes or an iterable of pieces; the status.  The
        answer's body goes ``into`` the bytearray given; a status in ``refusable`` raises
        :class:`_Refused`."""
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Content-Type", content_type)
        request.add_header("Content-Length", str(size))
        if accept is not None:
            request.add_header("Accept", accept)
        if self.user is not None and self.auth == "basic":
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode("utf-8"))
            request.add_header("Authorization", f"Basic {token.decode('ascii')}")
        try:
            if self.user is not None and self.auth == "digest":
                header = self._digest_authorization(request)
                if header is not None:
                    request.add_header("Authorization", header)
            with _opener(url, self.user, self.password, self.auth).open(
                    request, timeout=self.timeout) as response:
                answer = response.read()
                if into is not None:
                    into += answer
                self.last_status = response.status
                return response.status
        except urllib.error.HTTPError as error:
            if error.code in refusable:
                with error:
                    detail = _first_line(error.read() or b"") or error.reason
                raise _Refused(f"HTTP {error.code}: {detail}") from None
            raise self._failure(error, doing, unchanged) from None
        except PushError:
            raise
        except Exception as error:   # noqa: BLE001 - every failure becomes one line
            raise self._failure(error, doing, unchanged) from None

    def _failure(self, error: Exception, doing: str, unchanged: str) -> PushError:
        """The one-line PushError of a failed request."""
        endpoint, after = self.endpoint, f"; {unchanged}" if unchanged else ""
        while_ = f" while {doing}" if doing else ""
        if isinstance(error, urllib.error.HTTPError):
            with error:
                detail = _first_line(error.read() or b"") or error.reason
            if error.code in (401, 403):
                who = f"as {self.user!r}" if self.user is not None else "without credentials"
                return PushError(f"push to {endpoint} refused: authentication failed {who} "
                                 f"(HTTP {error.code}: {detail}){after}")
            return PushError(f"push to {endpoint} failed{while_}: HTTP {error.code}: "
                             f"{detail}{after}")
        if isinstance(error, urllib.error.URLError):
            reason = error.reason
            if isinstance(reason, ConnectionRefusedError):
                return PushError(f"cannot connect to {endpoint}{while_}: connection refused{after}")
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return PushError(f"push to {endpoint} timed out after {self.timeout:g} s"
                                 f"{while_}{after}")
            return PushError(f"cannot reach {endpoint}{while_}: {reason}{after}")
        if isinstance(error, (socket.timeout, TimeoutError)):
            return PushError(f"push to {endpoint} timed out after {self.timeout:g} s"
                             f"{while_}{after}")
        if isinstance(error, OSError):
            return PushError(f"push to {endpoint} failed{while_}: connection lost "
                             f"({error.__class__.__name__}: {error}){after}")
        if isinstance(error, ValueError):   # digest handler and URL parsing errors
            return PushError(f"push to {endpoint} failed{while_}: "
                             f"{_first_line(str(error))}{after}")
        raise error

    def _challenge(self, request: urllib.request.Request) -> dict | None:
        """The fields of the digest challenge a request is answered with, if any."""
        opener = _opener(request.full_url, None, None, "basic")
        try:
            with opener.open(request, timeout=self.timeout) as response:
                response.read()
                return None
        except urllib.error.HTTPError as error:
            with error:
                scheme, _, fields = (error.headers.get("WWW-Authenticate") or "").partition(" ")
                if error.code != 401 or scheme.lower() != "digest":
                    return None
                error.read()
            return urllib.request.parse_keqv_list(
                [field for field in urllib.request.parse_http_list(fields) if "=" in field])

    def _digest_authorization(self, request: urllib.request.Request) -> str | None:
        """The Authorization header of a digest-protected ``request``, worked out before
        its body is sent.

        A server refusing a request may close the connection while the body is still
        being sent (Virtuoso does), and the client then sees a broken pipe instead of the
        challenge.  So the challenge is fetched with a HEAD request, the credentials are
        tried on a second HEAD, and the request goes out answered.  None when the server
        does not challenge a HEAD; urllib then answers the request's own challenge.
        """
        probe = urllib.request.Request(request.full_url, method="HEAD")
        challenge = self._challenge(probe)
        if challenge is None:
            return None
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, request.full_url, self.user, self.password or "")
        answer = urllib.request.HTTPDigestAuthHandler(passwords)
        fields = answer.get_authorization(probe, challenge)
        if fields is None:   # a digest variant urllib cannot answer: let the request try
            return None
        probe.add_header("Authorization", f"Digest {fields}")
        if self._challenge(probe) is not None:
            raise PushError(f"push to {self.endpoint} refused: authentication failed as "
                            f"{self.user!r} (HTTP 401: the server rejected the digest "
                            f"credentials)")
        return f"Digest {answer.get_authorization(request, challenge)}"


class _Refused(Exception):
    """The server answered with a status the caller may take as "not understood" (a MOVE
    refused, a question not answered); the message is that answer."""
