"""Loading a build into a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

The whole build (every triple of the query store, provenance included) goes in ONE
``PUT endpoint?graph=IRI`` (or ``?default``) as N-Triples text, so the server replaces the
graph in a single request: a push that fails leaves the old graph as it was.  Only the
standard library is used (urllib); basic auth is sent up front, digest auth answers the
server's challenge, fetched with HEAD requests before the body goes out.  Every failure is a :class:`PushError` with a one-line message.
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
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["PushError", "PushResult", "push", "graph_store_url", "CONTENT_TYPE"]

# The body is N-Triples, sent as Turtle (of which N-Triples is a subset): every Graph
# Store implementation accepts text/turtle, not all know application/n-triples.
CONTENT_TYPE = "text/turtle"
AUTH_SCHEMES = ("basic", "digest")


class PushError(Exception):
    """A push that did not succeed; the message is one line naming the endpoint."""


@dataclass(frozen=True)
class PushResult:
    """What a successful push sent and what the server answered."""
    endpoint: str
    url: str
    graph_iri: str | None
    triples: int
    bytes_sent: int
    status: int
    seconds: float


def graph_store_url(endpoint: str, graph_iri: str | None = None) -> str:
    """``endpoint?graph=<IRI>`` (percent-encoded), or ``endpoint?default``."""
    query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _dump_ntriples(out_dir: Path, handle: BinaryIO) -> int:
    """Write every triple of the build's store to ``handle``; the number of triples."""
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
    handle.seek(0)
    triples = 0
    while chunk := handle.read(1 << 20):
        triples += chunk.count(b"\n")
    return triples


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


def push(out_dir: Path, endpoint: str, graph_iri: str | None = None,
         user: str | None = None, password: str | None = None,
         auth: str = "basic", timeout: float = 600.0) -> PushResult:
    """Replace graph ``graph_iri`` (the default graph when None) at the Graph Store
    endpoint ``endpoint`` with the build in ``out_dir``, in one PUT."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"invalid endpoint {endpoint!r}: expected an http:// or https:// URL")
    if auth not in AUTH_SCHEMES:
        raise PushError(f"unknown authentication scheme {auth!r} (known: basic, digest)")
    url = graph_store_url(endpoint, graph_iri)
    started = time.perf_counter()
    with tempfile.TemporaryFile(prefix="kg-push-", suffix=".nt") as handle:
        triples = _dump_ntriples(out_dir, handle)
        size = handle.seek(0, 2)
        if not size:
            status = _put(url, endpoint, b"", 0, user, password, auth, timeout)
        else:
            # A memoryview, not the file: an auth challenge makes urllib send the body a
            # second time, and http.client would read a file-like body only once.
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            body = memoryview(mapped)
            try:
                status = _put(url, endpoint, body, size, user, password, auth, timeout)
            finally:
                body.release()
                mapped.close()
    return PushResult(endpoint, url, graph_iri, triples, size, status,
                      time.perf_counter() - started)


def _challenge(request: urllib.request.Request, timeout: float) -> dict | None:
    """The fields of the digest challenge a request is answered with, if any."""
    opener = _opener(request.full_url, None, None, "basic")
    try:
        with opener.open(request, timeout=timeout) as response:
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


def _digest_authorization(request: urllib.request.Request, endpoint: str, user: str,
                          password: str | None, timeout: float) -> str | None:
    """The Authorization header of a digest-protected ``request``, worked out before its
    body is sent.

    A server refusing a request may close the connection while the body is still being
    sent (Virtuoso does), and the client then sees a broken pipe instead of the
    challenge.  So the challenge is fetched with a HEAD request, the credentials are
    tried on a second HEAD, and the PUT goes out answered.  None when the server does
    not challenge a HEAD; urllib then answers the PUT's own challenge.
    """
    probe = urllib.request.Request(request.full_url, method="HEAD")
    challenge = _challenge(probe, timeout)
    if challenge is None:
        return None
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, request.full_url, user, password or "")
    answer = urllib.request.HTTPDigestAuthHandler(passwords)
    fields = answer.get_authorization(probe, challenge)
    if fields is None:   # a digest variant urllib cannot answer: let the PUT try
        return None
    probe.add_header("Authorization", f"Digest {fields}")
    if _challenge(probe, timeout) is not None:
        raise PushError(f"push to {endpoint} refused: authentication failed as {user!r} "
                        f"(HTTP 401: the server rejected the digest credentials)")
    return f"Digest {answer.get_authorization(request, challenge)}"


def _put(url: str, endpoint: str, body, size: int, user: str | None,
         password: str | None, auth: str, timeout: float) -> int:
    request = urllib.request.Request(url, data=body, method="PUT")
    request.add_header("Content-Type", CONTENT_TYPE)
    request.add_header("Content-Length", str(size))
    if user is not None and auth == "basic":
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        if user is not None and auth == "digest":
            header = _digest_authorization(request, endpoint, user, password, timeout)
            if header is not None:
                request.add_header("Authorization", header)
        with _opener(url, user, password, auth).open(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        detail = _first_line(error.read() or b"") or error.reason
        if error.code in (401, 403):
            who = f"as {user!r}" if user is not None else "without credentials"
            raise PushError(f"push to {endpoint} refused: authentication failed {who} "
                            f"(HTTP {error.code}: {detail})") from None
        raise PushError(f"push to {endpoint} failed: HTTP {error.code}: {detail}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, ConnectionRefusedError):
            raise PushError(f"cannot connect to {endpoint}: connection refused") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise PushError(f"push to {endpoint} timed out after {timeout:g} s") from None
        raise PushError(f"cannot reach {endpoint}: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise PushError(f"push to {endpoint} timed out after {timeout:g} s") from None
    except (ConnectionError, OSError) as error:
        raise PushError(f"push to {endpoint} failed: connection lost "
                        f"({error.__class__.__name__}: {error})") from None
    except ValueError as error:   # digest handler and URL parsing errors
        raise PushError(f"push to {endpoint} failed: {_first_line(str(error))}") from None
