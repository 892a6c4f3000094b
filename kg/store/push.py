"""Loading a build into a SPARQL 1.1 triple store, replacing one graph atomically.

A push sends every triple of the build's query store (provenance included) into a
scratch named graph with Graph Store Protocol POSTs of bounded size, then replaces the
target graph with ONE SPARQL Update request, ``MOVE <scratch> TO <target>`` (or, where
the server refuses MOVE, ``DROP SILENT <target>; ADD <scratch> TO <target>; DROP SILENT
<scratch>`` in one request).  A server runs an update request as one transaction, so
readers see the old graph until the move and the whole new one after it; a push that
fails before, because a chunk is refused or the server dies, leaves the target as it
was.  The scratch graph keeps what arrived and is dropped by the next push.  One push at
a time per target graph.

Oxigraph's server (recognised by its ``Server`` header, or ``no_transaction=True``) is
sent the chunks with ``no_transaction``, its bulk loader; any other server loads each
chunk in a transaction of its own, so its memory stays bounded by the chunk size.

The update endpoint is given, or derived from the Graph Store endpoint for the usual
layouts: Oxigraph ``/store`` -> ``/update``, Virtuoso ``/sparql-graph-crud[-auth]`` ->
``/sparql[-auth]``, Fuseki ``/data`` -> ``/update``.

The build is dumped as N-Triples into a temporary file and sent from a memory map in
slices cut at line ends: memory stays bounded whatever the size.  Only the standard
library speaks HTTP (urllib); basic auth is sent up front, digest auth answers the
server's challenge, fetched with HEAD requests before a body goes out.  Every failure is
a :class:`PushError` with a one-line message.
"""
from __future__ import annotations

import base64
import ipaddress
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
           "graph_store_url", "update_endpoint_for", "scratch_graph_iri", "CONTENT_TYPE",
           "CHUNK_BYTES"]

# The body is N-Triples, sent as Turtle (of which N-Triples is a subset): every Graph
# Store implementation accepts text/turtle, not all know application/n-triples.
CONTENT_TYPE = "text/turtle"
UPDATE_CONTENT_TYPE = "application/x-www-form-urlencoded"
AUTH_SCHEMES = ("basic", "digest")
CHUNK_BYTES = 16 << 20
SCRATCH_SUFFIX = ".kg-push-scratch"
DEFAULT_SCRATCH = "urn:kg:push-scratch:default"
# Graph Store endpoint path -> update endpoint path, per server layout.
_UPDATE_PATHS = (("/sparql-graph-crud-auth", "/sparql-auth"),
                 ("/sparql-graph-crud", "/sparql"),
                 ("/store", "/update"),
                 ("/data", "/update"))
# Answers to MOVE that mean "not understood" rather than "failed while running".
_REFUSED = (400, 405, 501)

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
    graph_iri: str | None
    scratch_graph: str
    triples: int
    bytes: int
    chunks: list[Chunk] = field(default_factory=list)
    no_transaction: bool | None = None     # None: decided by the server's answer

    @property
    def target(self) -> str:
        return f"<{self.graph_iri}>" if self.graph_iri is not None else "the default graph"

    def chunk_url(self, no_transaction: bool) -> str:
        return graph_store_url(self.endpoint, self.scratch_graph, no_transaction)

    def clear_scratch(self) -> str:
        return f"DROP SILENT GRAPH <{self.scratch_graph}>"

    def move(self) -> str:
        if not self.triples:      # nothing was loaded: the target becomes empty
            return f"DROP SILENT {self._target_ref()}"
        return f"MOVE GRAPH <{self.scratch_graph}> TO {self._target_ref()}"

    def drop_and_add(self) -> str:
        """The replacement for servers that refuse MOVE, still one request."""
        if not self.triples:
            return self.move()
        return (f"DROP SILENT {self._target_ref()} ; ADD GRAPH <{self.scratch_graph}> TO "
                f"{self._target_ref()} ; DROP SILENT GRAPH <{self.scratch_graph}>")

    def _target_ref(self) -> str:
        return f"GRAPH <{self.graph_iri}>" if self.graph_iri is not None else "DEFAULT"

    def describe(self) -> str:
        """The plan as lines of text: target, scratch graph, size and every request."""
        if self.no_transaction is None:
            suffix = "  (with &no_transaction if the server answers as Oxigraph)"
            url = self.chunk_url(False)
        else:
            suffix, url = "", self.chunk_url(self.no_transaction)
        lines = [f"target graph:    {self.target} at {self.endpoint}",
                 f"scratch graph:   <{self.scratch_graph}>",
                 f"update endpoint: {self.update_endpoint}",
                 f"triples:         {self.triples:,} ({self.bytes:,} bytes of N-Triples, "
                 f"{len(self.chunks)} chunk{'s' if len(self.chunks) != 1 else ''})",
                 "requests:",
                 f"  1. POST {self.update_endpoint}  {self.clear_scratch()}"]
        for number, chunk in enumerate(self.chunks, start=2):
            lines.append(f"  {number}. POST {url}  chunk {number - 1}/{len(self.chunks)}: "
                         f"{chunk.triples:,} triples, {chunk.size:,} bytes{suffix}")
        lines.append(f"  {len(self.chunks) + 2}. POST {self.update_endpoint}  {self.move()}"
                     + ("" if not self.triples else
                        f"  (if MOVE is refused: {self.drop_and_add()})"))
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
    replaced_by: str        # "MOVE" or "DROP+ADD"
    status: int             # the answer to the replacing update
    seconds: float

    def summary(self) -> str:
        target = f"<{self.graph_iri}>" if self.graph_iri is not None else "the default graph"
        return (f"pushed {self.triples:,} triples into {target} at {self.endpoint} in "
                f"{self.seconds:.1f} s ({self.chunks} chunk{'s' if self.chunks != 1 else ''}"
                f"{' without transaction' if self.no_transaction else ''}, replaced by "
                f"{self.replaced_by}, {self.requests} requests)")


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
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for store_path, update_path in _UPDATE_PATHS:
        if path.endswith(store_path):
            new_path = path[: -len(store_path)] + update_path
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
              update_endpoint: str | None, no_transaction: bool | None,
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
        parts = urllib.parse.urlsplit(update_endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PushError(f"invalid update endpoint {update_endpoint!r}: expected an "
                            f"http:// or https:// URL")
    if graph_iri is not None:
        _check_graph_iri(graph_iri)
    if chunk_bytes < 1:
        raise PushError(f"invalid chunk size {chunk_bytes}: give a positive number of bytes")
    with tempfile.TemporaryFile(prefix="kg-push-", suffix=".nt") as handle:
        size = _dump_ntriples(out_dir, handle)
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        try:
            chunks = _cut_chunks(mapped, size, chunk_bytes) if mapped is not None else []
            plan = PushPlan(endpoint, update_endpoint, graph_iri, scratch_graph_iri(graph_iri),
                            sum(c.triples for c in chunks), size, chunks, no_transaction)
            yield plan, mapped
        finally:
            if mapped is not None:
                mapped.close()


def _check_graph_iri(graph_iri: str) -> None:
    import pyoxigraph as ox

    try:
        ox.NamedNode(graph_iri)
    except ValueError:
        raise PushError(f"invalid graph IRI {graph_iri!r}: expected an absolute IRI") from None
    if ":" not in graph_iri:
        raise PushError(f"invalid graph IRI {graph_iri!r}: expected an absolute IRI")


# --------------------------------------------------------------------------- the push

def plan_push(out_dir: Path, endpoint: str, graph_iri: str | None = None, *,
              update_endpoint: str | None = None, no_transaction: bool | None = None,
              chunk_bytes: int = CHUNK_BYTES) -> PushPlan:
    """What :func:`push` would send, without sending anything."""
    with _prepared(Path(out_dir), endpoint, graph_iri, update_endpoint, no_transaction,
                   chunk_bytes) as (plan, _dump):
        return plan


def push(out_dir: Path, endpoint: str, graph_iri: str | None = None,
         user: str | None = None, password: str | None = None,
         auth: str = "basic", timeout: float = 600.0, *,
         update_endpoint: str | None = None, no_transaction: bool | None = None,
         chunk_bytes: int = CHUNK_BYTES, on_progress: Progress | None = None) -> PushResult:
    """Replace graph ``graph_iri`` (the default graph when None) at the Graph Store
    ``endpoint`` with the build in ``out_dir``: chunks into the scratch graph, then one
    MOVE.  ``no_transaction`` None asks the server who it is (Oxigraph: True).
    ``on_progress(stage, done, total)`` is called with ``"load"`` and the triples sent
    after each chunk, and with ``"replace"`` (0 of 1, then 1 of 1) around the MOVE."""
    if auth not in AUTH_SCHEMES:
        raise PushError(f"unknown authentication scheme {auth!r} (known: basic, digest)")
    client = _Client(endpoint, user, password, auth, timeout)
    started = time.perf_counter()
    with _prepared(Path(out_dir), endpoint, graph_iri, update_endpoint, no_transaction,
                   chunk_bytes) as (plan, dump):
        if no_transaction is None:
            no_transaction = client.server_software().lower().startswith("oxigraph")
        unchanged = f"{plan.target} is unchanged"
        client.update(plan.update_endpoint, plan.clear_scratch(),
                      "clearing the scratch graph", unchanged)
        requests, sent = 1, 0
        url = plan.chunk_url(no_transaction)
        for number, chunk in enumerate(plan.chunks, start=1):
            body = memoryview(dump)[chunk.offset: chunk.offset + chunk.size]
            try:
                client.send(url, body, chunk.size, CONTENT_TYPE,
                            f"loading chunk {number}/{len(plan.chunks)} into the scratch "
                            f"graph", unchanged)
            finally:
                body.release()
            requests += 1
            sent += chunk.triples
            if on_progress is not None:
                on_progress("load", sent, plan.triples)
        if on_progress is not None:
            on_progress("replace", 0, 1)
        replaced_by = "MOVE"
        status = client.update(plan.update_endpoint, plan.move(), "replacing the graph",
                               refusable=True)
        requests += 1
        if status is None:        # MOVE refused: the same replacement in three operations
            replaced_by = "DROP+ADD"
            status = client.update(plan.update_endpoint, plan.drop_and_add(),
                                   "replacing the graph")
            requests += 1
        if on_progress is not None:
            on_progress("replace", 1, 1)
    return PushResult(endpoint, plan.update_endpoint, graph_iri, plan.scratch_graph,
                      plan.triples, plan.bytes, len(plan.chunks), requests, no_transaction,
                      replaced_by, status, time.perf_counter() - started)


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


class _Client:
    """Requests to one server with one user's credentials; failures as PushErrors."""

    def __init__(self, endpoint: str, user: str | None, password: str | None, auth: str,
                 timeout: float):
        self.endpoint = endpoint
        self.user, self.password, self.auth = user, password, auth
        self.timeout = timeout

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
                             refusable=refusable)
        except _Refused:
            return None

    def send(self, url: str, body, size: int, content_type: str, doing: str,
             unchanged: str, refusable: bool = False) -> int:
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("Content-Length", str(size))
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
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            if refusable and error.code in _REFUSED:
                error.close()
                raise _Refused() from None
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
    """The server answered that it does not understand an update it may refuse."""
