"""Fixtures of the store tests: the sample build, the seed build, and real SPARQL servers
on 127.0.0.1 that the tests start and stop themselves: Oxigraph (pip package
``oxigraph``) and Virtuoso (Debian package ``virtuoso-opensource``, which ``make test``
installs when root).  Without root a missing Virtuoso skips its tests; as root (CI) it
fails them."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf.serialize import write_rdf
from kg.store.embedded import python_value
from tests.data.sample import sample_graph


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample_build")
    write_rdf(sample_graph(), out, formats=("ttl",))
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _no_proxy_opener():
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def wait_for_http(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: "
                               f"{process.stderr.read().decode(errors='replace')[:500]}")
        try:
            _no_proxy_opener().open(url, timeout=1).read()
            return
        except urllib.error.HTTPError:
            return   # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed pages built by the whole pipeline, as a user's ``kg build seeds`` does."""
    import kg

    out = tmp_path_factory.mktemp("seed_build")
    kg.build([SEEDS], out)
    return out


def start_oxigraph(location: Path, port: int) -> subprocess.Popen:
    """An Oxigraph server on 127.0.0.1:``port`` keeping its data in ``location``, answering."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip package `oxigraph`) is not installed")
    process = subprocess.Popen([binary, "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process)
    except BaseException:
        stop_process(process, timeout=10)
        raise
    return process


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """Base URL of a fresh Oxigraph server (``/store`` Graph Store, ``/update`` SPARQL
    Update, ``/query`` SPARQL)."""
    port = free_port()
    process = start_oxigraph(tmp_path_factory.mktemp("oxigraph"), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process, timeout=10)


def stop_process(process: subprocess.Popen, timeout: float) -> None:
    """Terminate a server the test started; kill it if it does not stop in time."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def http_select(query_url: str, sparql: str, default_graph: str | None = None,
                opener=None) -> tuple[list[str], list[list]]:
    """Run a query over the SPARQL 1.1 protocol; (columns, rows of Python values)."""
    form = {"query": sparql}
    if default_graph is not None:
        form["default-graph-uri"] = default_graph
    request = urllib.request.Request(
        query_url, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded"})
    with (opener or _no_proxy_opener()).open(request, timeout=30) as response:
        body = response.read()
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(solutions, ox.QueryBoolean):
        return ["ask"], [[bool(solutions)]]
    columns = [variable.value for variable in solutions.variables]
    return columns, [[python_value(term) for term in solution] for solution in solutions]


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 100000
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Base URL of a fresh Virtuoso (``/sparql``, ``/sparql-auth``,
    ``/sparql-graph-crud-auth``; user dba, password dba), with its database in a temporary
    folder."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        missing = "virtuoso-t is not on PATH (Debian package virtuoso-opensource)"
        if os.geteuid() == 0:
            pytest.fail(f"{missing}: as root the Virtuoso tests must run; `make test` "
                        f"installs it (make system-deps)", pytrace=False)
        pytest.skip(f"{missing}; not root, so not installed")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(
        dir=folder, sql_port=free_port(), http_port=http_port))
    process = subprocess.Popen([binary, "-f", "-c", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for_http(base + "/sparql", process, seconds=60)
        yield base
    finally:
        stop_process(process, timeout=30)
