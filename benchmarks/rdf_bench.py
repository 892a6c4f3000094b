"""Benchmark of the RDF stage: records -> store, serialisations, two-hop SPARQL, peak memory.

Builds synthetic KnowledgeGraphs (invented names) of about 10^5 and 10^6 triples and
times the public entry point, ``kg.rdf.serialize.write_rdf``, in a fresh process per
measurement so that each peak RSS is its own:

- build: ``write_rdf(graph, out, formats=())``, records -> the on-disk query store;
- Turtle: ``write_rdf(graph, out, formats=("ttl",))``, what ``kg build`` does;
- all formats: Turtle, N-Triples, TriG, N-Quads and JSON-LD plus the store;
- queries: a two-hop SPARQL query on the build, through ``kg.open_graph`` and through
  rdflib (oxrdflib over the same store).

"records MB" is the resident size of the process once the synthetic records exist; the
peaks include it.  Prints a Markdown table:

    .venv/bin/python benchmarks/rdf_bench.py              # 1e5 and 1e6
    .venv/bin/python benchmarks/rdf_bench.py --triples 100000 --repeat 3

``--push`` measures ``kg.store.push`` instead, into an Oxigraph server (pip package
``oxigraph``) started on 127.0.0.1 with an on-disk store: the first push of the build
(into an absent graph: the direct path, no scratch graph), then a second push of it
(replacing the graph: the atomic path, one PUT on Oxigraph), split at the moment the
whole build is sent.  ``--replace-ways`` adds, each on a fresh server whose target graph
a first push filled, the single requests that replace the graph atomically on Oxigraph
(one transaction each): MOVE, DROP then MOVE, DROP/ADD/DROP (each after loading a scratch
graph with no_transaction), one PUT of the N-Triples, and DROP then LOAD of the
N-Triples served over HTTP:

    .venv/bin/python benchmarks/rdf_bench.py --push --triples 100000 1000000
    .venv/bin/python benchmarks/rdf_bench.py --push --replace-ways --triples 100000
"""
from __future__ import annotations

import argparse
import functools
import gc
import http.server
import json
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Source

# A project carries ~88 triples: entity, 6 facts with direct triples, value nodes,
# membership, and one reified statement (11 triples) per fact reading.
TRIPLES_PER_PROJECT = 88
ALL_FORMATS = ("ttl", "nt", "trig", "nq", "jsonld")
PHASES = ("build", "ttl", "all", "query")

TWO_HOP = """
PREFIX kg: <https://kg.example.org/ontology#>
SELECT ?prefecture (COUNT(?project) AS ?projects) WHERE {
  ?project kg:locatedIn ?county .
  ?county kg:partOf ?prefecture .
} GROUP BY ?prefecture
"""


def synthetic_graph(projects: int) -> KnowledgeGraph:
    """``projects`` compute centres spread over invented counties and prefectures, each
    with an investor company, a manager, an amount, a capacity and an agreement."""
    prefectures = max(1, projects // 2000)
    counties = max(1, projects // 200)
    entities: list[Entity] = [Entity("area/990000", "AdminArea", "测试自治区", [], ["bench"],
                                     [], code="990000")]
    for p in range(prefectures):
        code = f"99{p + 1:02d}00" if p < 99 else None
        entities.append(Entity(f"area/pref{p}", "AdminArea", f"测试{p}地区", [], ["bench"], [],
                               code=code, parent="area/990000"))
    for c in range(counties):
        entities.append(Entity(f"area/county{c}", "AdminArea", f"测试{c}县", [f"测{c}县"],
                               ["bench"], [], parent=f"area/pref{c % prefectures}"))
    facts: list[LinkedFact] = []
    articles: list[ArticleInfo] = []
    for n in range(projects):
        doc = f"bench{n // 50:05d}"
        article = f"{doc}#{n % 50 // 10 + 1}"
        if n % 10 == 0:
            articles.append(ArticleInfo(article, doc, f"bench/{doc}.txt", f"测试标题{n}",
                                        ("测试记者",), "2025-01-01", "测试日报", 1000))
        project = f"computecenter/p{n:07d}"
        company = f"company/c{n:07d}"
        person = f"person/m{n:07d}"
        county = f"area/county{n % counties}"
        entities += [
            Entity(project, "ComputeCenter", f"测试{n}号智算中心", [f"测试{n}号中心"], [doc],
                   [article]),
            Entity(company, "Company", f"测试{n}号能源有限公司", [], [doc], [article]),
            Entity(person, "Person", f"测试人{n}", [], [doc], [article]),
        ]

        def source(offset: int, text: str) -> list[Source]:
            return [Source(doc, article, offset, offset + len(text), text)]

        sentence = f"测试{n}号智算中心由测试{n}号能源有限公司投资建设，总投资{n % 90 + 1}亿元。"
        facts += [
            LinkedFact(project, "locatedIn", source(0, sentence), object=county),
            LinkedFact(project, "investor", source(0, sentence), object=company),
            LinkedFact(project, "investmentAmount", source(0, sentence),
                       value=float((n % 90 + 1) * 10 ** 8), unit="CNY"),
            LinkedFact(project, "computeCapacity", source(40, sentence), value=float(n % 500),
                       unit="PFLOPS", status="planned" if n % 2 else "current"),
            LinkedFact(person, "holdsPosition", source(80, sentence), object=company,
                       title="总经理"),
            LinkedFact(company, "agreementWith", source(120, sentence),
                       object=f"company/c{(n + 1) % projects:07d}", topic="合作"),
        ]
    return KnowledgeGraph(entities, facts, articles)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(phase: str, target_triples: int) -> dict:
    """One measurement, in this process (the parent runs each in a fresh child)."""
    from kg.rdf.serialize import write_rdf

    graph = synthetic_graph(max(1, target_triples // TRIPLES_PER_PROJECT))
    gc.collect()
    result = {"records_mb": _rss_mb()}
    with tempfile.TemporaryDirectory(prefix="kg-rdf-bench-") as tmp:
        out = Path(tmp)
        formats = {"build": (), "ttl": ("ttl",), "all": ALL_FORMATS, "query": ()}[phase]
        started = time.perf_counter()
        write_rdf(graph, out, formats=formats)
        result["seconds"] = time.perf_counter() - started
        result["peak_mb"] = _peak_mb()
        if phase == "ttl":
            result["ttl_mb"] = (out / "graph.ttl").stat().st_size / 1e6
        if phase == "query":
            import pyoxigraph as ox

            from kg.store.embedded import open_graph
            del graph
            gc.collect()
            result["triples"] = len(ox.Store.read_only(str(out / "store")))
            queryable = open_graph(out)
            started = time.perf_counter()
            rows = queryable.query(TWO_HOP)
            result["query"] = time.perf_counter() - started
            dataset = queryable.rdflib()
            started = time.perf_counter()
            via_rdflib = list(dataset.query(TWO_HOP))
            result["query_rdflib"] = time.perf_counter() - started
            assert len(rows) == len(via_rdflib) > 0
            del queryable, dataset
    return result


def _server_peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _timed_push(out: Path, endpoint: str, graph: str) -> dict:
    """One push; its seconds and path, on the atomic path split at the moment the whole
    build is sent (the dump and the PUT's body, or the scratch graph's chunks) before the
    server's answer to the replacing request (its transaction)."""
    from kg.store.push import push

    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        marks.setdefault(f"{stage}{done}", time.perf_counter())

    started = time.perf_counter()
    result = push(out, endpoint, graph_iri=graph, timeout=3600, on_progress=progress)
    ended = time.perf_counter()
    timing = {"seconds": ended - started, "path": result.path, "triples": result.triples,
              "chunks": result.chunks, "no_transaction": result.no_transaction,
              "replaced_by": result.replaced_by}
    if "replace0" in marks:
        timing |= {"load": marks["replace0"] - started,
                   "move": marks["replace1"] - marks["replace0"]}
    return timing


class _OxigraphServer:
    """``oxigraph serve`` on a free port of 127.0.0.1 with an on-disk store in ``folder``."""

    def __init__(self, folder: Path):
        binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or \
            shutil.which("oxigraph")
        if binary is None:
            raise RuntimeError("the oxigraph server (pip package oxigraph) is not installed")
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.process = subprocess.Popen([binary, "serve", "--location", str(folder),
                                         "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.opener.open(self.base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)

    def send(self, method: str, url: str, body, content_type: str) -> None:
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Content-Type": content_type, "Content-Length": str(len(body))})
        self.opener.open(request, timeout=7200).read()

    def update(self, sparql: str) -> None:
        self.send("POST", self.base + "/update",
                  urllib.parse.urlencode({"update": sparql}).encode("utf-8"),
                  "application/x-www-form-urlencoded")

    def count(self, graph: str) -> int:
        request = urllib.request.Request(self.base + "/query", headers={"Accept": "text/csv"},
                                         data=urllib.parse.urlencode({"query": (
                                             f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH "
                                             f"<{graph}> {{ ?s ?p ?o }} }}")}).encode())
        return int(self.opener.open(request, timeout=3600).read().decode().split()[1])

    def peak_mb(self) -> float:
        return _server_peak_mb(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bench_build(target_triples: int, folder: Path) -> Path:
    from kg.rdf.serialize import write_rdf

    out = folder / "build"
    write_rdf(synthetic_graph(max(1, target_triples // TRIPLES_PER_PROJECT)), out, formats=())
    gc.collect()
    return out


def run_push(target_triples: int) -> dict:
    """A first push (into an absent graph: the direct path) and a second push of the same
    build (replacing it: the atomic path) into a fresh Oxigraph server."""
    with tempfile.TemporaryDirectory(prefix="kg-push-bench-") as tmp:
        out = _bench_build(target_triples, Path(tmp))
        server = _OxigraphServer(Path(tmp) / "server")
        try:
            endpoint = server.base + "/store"
            first = _timed_push(out, endpoint, "urn:bench:graph")
            again = _timed_push(out, endpoint, "urn:bench:graph")
            assert server.count("urn:bench:graph") == first["triples"]
            peak = server.peak_mb()
        finally:
            server.stop()
    return {"triples": first["triples"], "chunks": first["chunks"],
            "no_transaction": first["no_transaction"], "first": first, "again": again,
            "server_peak_mb": peak}


# Ways to replace a graph holding the build with the build again in one request (atomic
# on Oxigraph, which runs each request in one transaction), after loading a scratch graph
# with no_transaction when they need one.
REPLACE_WAYS = {
    "MOVE": "MOVE GRAPH <{scratch}> TO GRAPH <{target}>",
    "DROP; MOVE": "DROP SILENT GRAPH <{target}> ; MOVE GRAPH <{scratch}> TO GRAPH <{target}>",
    "DROP; ADD; DROP": ("DROP SILENT GRAPH <{target}> ; ADD GRAPH <{scratch}> TO GRAPH "
                        "<{target}> ; DROP SILENT GRAPH <{scratch}>"),
    "PUT": None,
    "DROP; LOAD": "DROP SILENT GRAPH <{target}> ; LOAD <{dump_url}> INTO GRAPH <{target}>",
}


def run_replace_way(target_triples: int, way: str) -> dict:
    """One way of replacing the graph, on a fresh server where a first push (direct) put
    the build under the target's name: its seconds, split into the scratch load (if any)
    and the replacing request."""
    from kg.store.push import CHUNK_BYTES, graph_store_url, push

    target, scratch = "urn:bench:graph", "urn:bench:graph.scratch"
    with tempfile.TemporaryDirectory(prefix="kg-push-bench-") as tmp:
        out = _bench_build(target_triples, Path(tmp))
        dump_path = Path(tmp) / "dump.nt"
        import pyoxigraph as ox

        store = ox.Store.read_only(str(out / "store"))
        with dump_path.open("wb") as dump:
            for name in [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]:
                store.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=name)
        del store
        files = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_QuietFiles, directory=tmp))
        threading.Thread(target=files.serve_forever, daemon=True).start()
        server = _OxigraphServer(Path(tmp) / "server")
        try:
            first = push(out, server.base + "/store", graph_iri=target, timeout=3600)
            data = dump_path.read_bytes()
            started = time.perf_counter()
            load = 0.0
            if way == "PUT":
                server.send("PUT", graph_store_url(server.base + "/store", target), data,
                            "application/n-triples")
            else:
                if "{scratch}" in REPLACE_WAYS[way]:
                    start = 0
                    while start < len(data):
                        end = min(start + CHUNK_BYTES, len(data))
                        end = data.rfind(b"\n", start, end) + 1 if end < len(data) else end
                        server.send("POST", graph_store_url(server.base + "/store", scratch,
                                                            no_transaction=True),
                                    data[start:end], "application/n-triples")
                        start = end
                    load = time.perf_counter() - started
                server.update(REPLACE_WAYS[way].format(
                    target=target, scratch=scratch,
                    dump_url=f"http://127.0.0.1:{files.server_address[1]}/dump.nt"))
            seconds = time.perf_counter() - started
            assert server.count(target) == first.triples
            assert server.count(scratch) == 0
            peak = server.peak_mb()
        finally:
            server.stop()
            files.shutdown()
    return {"triples": first.triples, "way": way, "seconds": seconds, "load": load,
            "replace": seconds - load, "server_peak_mb": peak}


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    """Serves the dump to the server's LOAD, without a log line per request."""

    def log_message(self, *args) -> None:
        pass


def measure(phase: str, target_triples: int, way: str | None = None) -> dict:
    done = subprocess.run([sys.executable, __file__, "--phase", phase,
                           "--triples", str(target_triples),
                           *(["--way", way] if way is not None else [])],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{phase} at {target_triples} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each measurement; the fastest is reported")
    parser.add_argument("--push", action="store_true",
                        help="measure kg push into a local Oxigraph server instead")
    parser.add_argument("--replace-ways", action="store_true",
                        help="with --push, also time other atomic replacements on Oxigraph")
    parser.add_argument("--phase", choices=(*PHASES, "push", "replace"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--way", choices=REPLACE_WAYS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "push":
        print(json.dumps(run_push(args.triples[0])))
        return
    if args.phase == "replace":
        print(json.dumps(run_replace_way(args.triples[0], args.way)))
        return
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.triples[0])))
        return
    if args.push:
        print_push_table(args.triples, args.repeat)
        if args.replace_ways:
            print_replace_table(args.triples, args.repeat)
        return
    print("| triples | records MB | build s | build peak MB | + Turtle s | Turtle MB "
          "| Turtle peak MB | all 5 formats s | all peak MB | 2-hop query s "
          "| 2-hop via rdflib s |")
    print("|" + "---:|" * 11)
    for target in args.triples:
        runs = {phase: min((measure(phase, target) for _ in range(args.repeat)),
                           key=lambda run: run["seconds"])
                for phase in PHASES}
        build, ttl, every, query = (runs[p] for p in PHASES)
        print(f"| {query['triples']:,} | {build['records_mb']:.0f} | {build['seconds']:.2f} "
              f"| {build['peak_mb']:.0f} | {ttl['seconds'] - build['seconds']:.2f} "
              f"| {ttl['ttl_mb']:.1f} | {ttl['peak_mb']:.0f} | {every['seconds']:.2f} "
              f"| {every['peak_mb']:.0f} | {query['query']:.3f} "
              f"| {query['query_rdflib']:.3f} |", flush=True)
    print(f"\nseconds wall clock and MB resident, fastest of {args.repeat} run(s), each "
          "measurement in a fresh process; \"+ Turtle\" is the Turtle build minus the "
          "store-only build.")


def print_push_table(targets: list[int], repeat: int) -> None:
    print("| triples | chunks | first push s | path | second push s | path "
          "| of which sent / replaced s | server peak MB |")
    print("|" + "---:|" * 2 + "---:|:---|" * 2 + "---:|" * 2)
    for target in targets:
        run = min((measure("push", target) for _ in range(repeat)),
                  key=lambda r: r["first"]["seconds"])
        first, again = run["first"], run["again"]
        split = (f"{again['load']:.1f} / {again['move']:.1f}" if "move" in again else "–")
        print(f"| {run['triples']:,} | {run['chunks']} | {first['seconds']:.1f} "
              f"| {first['path']} | {again['seconds']:.1f} | {again['path']} by "
              f"{again['replaced_by']} | {split} "
              f"| {run['server_peak_mb']:,.0f} |", flush=True)
    print(f"\nseconds wall clock, fastest of {repeat} run(s), each size in a fresh process "
          f"and a fresh Oxigraph server (on-disk store); the first push's chunks loaded "
          f"with no_transaction; both pushes include the N-Triples dump of the build; "
          f"\"sent\" ends when the last byte of the build is sent.")


def print_replace_table(targets: list[int], repeat: int) -> None:
    print("\n| triples | replaced by | seconds | of which scratch load / replacing request s "
          "| server peak MB |")
    print("|---:|:---|---:|---:|---:|")
    for target in targets:
        for way in REPLACE_WAYS:
            run = min((measure("replace", target, way) for _ in range(repeat)),
                      key=lambda r: r["seconds"])
            print(f"| {run['triples']:,} | {way} | {run['seconds']:.1f} "
                  f"| {run['load']:.1f} / {run['replace']:.1f} "
                  f"| {run['server_peak_mb']:,.0f} |", flush=True)
    print(f"\nseconds wall clock, fastest of {repeat} run(s), each a fresh process and a "
          f"fresh Oxigraph server whose target graph a first push filled; the N-Triples are "
          f"read from a file made beforehand, the scratch graph loaded in 16 MB chunks with "
          f"no_transaction.")


if __name__ == "__main__":
    main()
