"""Authentication of pushes against a small Graph Store and Update service written here
with the standard library (Oxigraph's server has no authentication): basic credentials
are sent up front, digest answers the challenge and re-sends the whole body, refusals
are PushErrors.  The service refuses MOVE, so the push replaces the graph with DROP+ADD;
it answers the question whether the graph is empty with no, unless asked to say yes."""
import base64
import hashlib
import http.server
import json
import re
import threading
import urllib.parse

import pyoxigraph as ox
import pytest

from kg.rdf.build import build_dataset
from kg.store.push import ATOMIC, DIRECT, PushError, push
from tests.data.sample import sample_graph

pytestmark = pytest.mark.server

SAMPLE_TRIPLES = len(build_dataset(sample_graph()))

USER, PASSWORD, REALM, NONCE = "dba", "s3cret", "kg-test", "0123456789abcdef"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


class GraphStore(http.server.BaseHTTPRequestHandler):
    """POST /crud?graph=... (a chunk), PUT /crud?graph=... (recorded as ``PUT /crud...``),
    POST /update (a SPARQL update, MOVE refused with HTTP 400) and POST /query (an ASK,
    answered ``holds``) with basic or digest auth; keeps the bodies it accepted (updates
    and queries decoded),
    counts the POSTs and records the Authorization of each HEAD (answered only if
    ``answers_head``)."""
    scheme = "basic"
    received: list[tuple[str, str, bytes]] = []
    heads: list[str] = []
    puts = 0
    answers_head = False
    holds = False

    def log_message(self, *args):
        pass

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if self.scheme == "basic":
            expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return header == f"Basic {expected}"
        if not header.startswith("Digest "):
            return False
        fields = dict(re.findall(r'(\w+)="?([^",]+)"?', header[7:]))
        ha1 = _md5(f"{fields.get('username')}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{fields.get('uri')}")
        expected = _md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
        return fields.get("username") == USER and fields.get("response") == expected

    def _refuse(self, with_body: bool = True) -> None:
        challenge = (f'Basic realm="{REALM}"' if self.scheme == "basic" else
                     f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm=MD5')
        self.send_response(401)
        self.send_header("WWW-Authenticate", challenge)
        self.send_header("Content-Length", "23")
        self.end_headers()
        if with_body:
            self.wfile.write(b"Unauthorized: try again")

    def do_HEAD(self):
        self.heads.append(self.headers.get("Authorization", ""))
        if not self.answers_head:
            self.send_error(501)
        elif not self._authorised():
            self._refuse(with_body=False)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).puts += 1
        if not self._authorised():
            self._refuse()
            return
        if self.path == "/query":
            query = urllib.parse.parse_qs(body.decode("utf-8"))["query"][0]
            self.received.append((self.path, self.headers["Accept"], query.encode("utf-8")))
            answer = json.dumps({"head": {}, "boolean": self.holds}).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return
        if self.path == "/update":
            update = urllib.parse.parse_qs(body.decode("utf-8"))["update"][0]
            if update.startswith("MOVE"):
                self.send_response(400)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = update.encode("utf-8")
        self.received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(204 if self.path == "/update" else 201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).puts += 1
        if not self._authorised():
            self._refuse()
            return
        self.received.append((f"PUT {self.path}", self.headers["Content-Type"], body))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(params=["basic", "digest", "digest-without-head"])
def server(request):
    scheme = request.param.split("-")[0]
    handler = type("Handler", (GraphStore,), {
        "scheme": scheme, "received": [], "heads": [], "puts": 0,
        "answers_head": request.param == "digest"})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield scheme, f"http://127.0.0.1:{httpd.server_address[1]}/crud", handler
    httpd.shutdown()
    httpd.server_close()


def update_url(endpoint: str) -> str:
    return endpoint.removesuffix("/crud") + "/update"


def query_url(endpoint: str) -> str:
    return endpoint.removesuffix("/crud") + "/query"


def test_right_credentials_deliver_the_whole_graph(server, sample_build):
    scheme, endpoint, handler = server
    received = handler.received
    result = push(sample_build, endpoint, graph_iri="urn:kg:test", user=USER,
                  password=PASSWORD, auth=scheme, update_endpoint=update_url(endpoint),
                  chunk_bytes=8192)
    assert result.status == 204 and result.replaced_by == "DROP+ADD"
    assert not result.no_transaction           # the server does not answer as Oxigraph
    scratch = "urn:kg:test.kg-push-scratch"
    updates = [body.decode() for path, _, body in received if path == "/update"]
    assert updates == [f"DROP SILENT GRAPH <{scratch}>",
                       f"DROP SILENT GRAPH <urn:kg:test> ; ADD GRAPH <{scratch}> TO "
                       f"GRAPH <urn:kg:test> ; DROP SILENT GRAPH <{scratch}>"]
    chunks = [(path, content_type, body) for path, content_type, body in received
              if path != "/update"]
    assert len(chunks) == result.chunks > 1
    assert {path for path, _, _ in chunks} == \
        {"/crud?graph=urn%3Akg%3Atest.kg-push-scratch"}
    assert {content_type for _, content_type, _ in chunks} == {"text/turtle"}
    whole = b"".join(body for _, _, body in chunks)
    assert len(whole) == result.bytes_sent
    assert len(list(ox.parse(whole, format=ox.RdfFormat.TURTLE))) == result.triples
    assert result.triples == SAMPLE_TRIPLES


@pytest.mark.parametrize("password", ["wrong", None])
def test_wrong_or_missing_credentials_are_an_authentication_error(server, sample_build,
                                                                   password):
    scheme, endpoint, handler = server
    received = handler.received
    user = USER if password else None
    with pytest.raises(PushError, match=f"^push to {endpoint} refused: authentication "
                                        f"failed .*HTTP 401"):
        push(sample_build, endpoint, graph_iri="urn:kg:test", user=user, password=password,
             auth=scheme, update_endpoint=update_url(endpoint))
    assert received == []


def test_digest_is_answered_before_the_body_is_sent(sample_build):
    """A server that answers HEAD gets the body once, already authorised; wrong
    credentials are found out on HEAD, so the body is never sent."""
    handler = type("Handler", (GraphStore,), {"scheme": "digest", "received": [], "heads": [],
                                              "puts": 0, "answers_head": True})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    endpoint = f"http://127.0.0.1:{httpd.server_address[1]}/crud"
    try:
        push(sample_build, endpoint, graph_iri="urn:kg:test", user=USER, password=PASSWORD,
             auth="digest", update_endpoint=update_url(endpoint))
        # the scratch cleared, one chunk, MOVE refused, DROP+ADD: each request sent once
        assert handler.puts == 4 and len(handler.received) == 3
        # who the server is, its challenge, the credentials tried
        assert handler.heads[:2] == ["", ""] and handler.heads[2].startswith("Digest ")
        with pytest.raises(PushError, match="authentication failed as 'dba'"):
            push(sample_build, endpoint, graph_iri="urn:kg:test", user=USER, password="wrong",
                 auth="digest", update_endpoint=update_url(endpoint))
        assert handler.puts == 4
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("holds", [False, True])
def test_the_question_is_asked_with_the_credentials(server, sample_build, holds):
    """The service says whether the graph holds triples when asked with the right
    credentials: no, and the chunks go straight into the graph; yes, and they go into the
    scratch graph, replaced by DROP+ADD."""
    scheme, endpoint, handler = server
    received = handler.received
    handler.holds = holds
    result = push(sample_build, endpoint, graph_iri="urn:kg:test", user=USER,
                  password=PASSWORD, auth=scheme, update_endpoint=update_url(endpoint),
                  query_endpoint=query_url(endpoint), chunk_bytes=8192)
    assert received[0] == ("/query", "application/sparql-results+json",
                           b"ASK { GRAPH <urn:kg:test> { ?s ?p ?o } }")
    loaded_into = {path for path, _, _ in received if path.startswith("/crud")}
    updates = [body.decode() for path, _, body in received if path == "/update"]
    if not holds:
        assert result.path == DIRECT and result.replaced_by == ""
        assert loaded_into == {"/crud?graph=urn%3Akg%3Atest"} and updates == []
        assert result.requests == result.chunks + 1 and result.status == 201
    else:
        assert result.path == ATOMIC and result.replaced_by == "DROP+ADD"
        assert loaded_into == {"/crud?graph=urn%3Akg%3Atest.kg-push-scratch"}
        assert len(updates) == 2


def test_a_put_is_sent_whole_with_the_credentials(server, sample_build):
    """The atomic path by PUT (Oxigraph's, asked for here): one request whose body, sent
    in pieces, is the whole build, sent again whole when urllib answers a challenge."""
    scheme, endpoint, handler = server
    handler.holds = True
    seen = []
    result = push(sample_build, endpoint, graph_iri="urn:kg:test", user=USER,
                  password=PASSWORD, auth=scheme, update_endpoint=update_url(endpoint),
                  query_endpoint=query_url(endpoint), replace_with="PUT", chunk_bytes=8192,
                  on_progress=lambda *event: seen.append(event))
    assert result.path == ATOMIC and result.replaced_by == "PUT" and result.requests == 2
    assert [path for path, _, _ in handler.received] == \
        ["/query", "PUT /crud?graph=urn%3Akg%3Atest"]
    _, content_type, body = handler.received[1]
    assert content_type == "text/turtle" and len(body) == result.bytes_sent
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) == SAMPLE_TRIPLES
    assert result.chunks > 1
    assert seen[-2:] == [("replace", 0, 1), ("replace", 1, 1)]
    assert ("load", SAMPLE_TRIPLES, SAMPLE_TRIPLES) in seen
