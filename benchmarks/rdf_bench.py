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
(into an absent graph), a second push of it (replacing the graph), each split into the
load of the scratch graph and the MOVE, and, for comparison, one PUT of the same
N-Triples (Oxigraph loads a PUT in one transaction: atomic too) into another graph:

    .venv/bin/python benchmarks/rdf_bench.py --push --triples 100000 1000000
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
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
    """One push; its seconds, split into the load of the scratch graph and the MOVE."""
    from kg.store.push import push

    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        marks.setdefault(f"{stage}{done}", time.perf_counter())

    started = time.perf_counter()
    result = push(out, endpoint, graph_iri=graph, timeout=3600, on_progress=progress)
    ended = time.perf_counter()
    return {"seconds": ended - started, "load": marks["replace0"] - started,
            "move": marks["replace1"] - marks["replace0"], "triples": result.triples,
            "chunks": result.chunks, "no_transaction": result.no_transaction}


def run_push(target_triples: int) -> dict:
    """First push and re-push of a build into a fresh Oxigraph server, and one PUT."""
    import pyoxigraph as ox

    from kg.rdf.serialize import write_rdf
    from kg.store.push import graph_store_url

    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or \
        shutil.which("oxigraph")
    if binary is None:
        raise RuntimeError("the oxigraph server (pip package oxigraph) is not installed")
    graph = synthetic_graph(max(1, target_triples // TRIPLES_PER_PROJECT))
    with tempfile.TemporaryDirectory(prefix="kg-push-bench-") as tmp:
        out = Path(tmp) / "build"
        write_rdf(graph, out, formats=())
        del graph
        gc.collect()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([binary, "serve", "--location", str(Path(tmp) / "server"),
                                   "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        endpoint = f"http://127.0.0.1:{port}/store"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            for _ in range(100):
                try:
                    opener.open(f"http://127.0.0.1:{port}/", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            first = _timed_push(out, endpoint, "urn:bench:graph")
            again = _timed_push(out, endpoint, "urn:bench:graph")
            store = ox.Store.read_only(str(out / "store"))
            with tempfile.TemporaryFile() as dump:
                for name in [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]:
                    store.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=name)
                size = dump.seek(0, 2)
                dump.seek(0)
                request = urllib.request.Request(
                    graph_store_url(endpoint, "urn:bench:put"), data=dump, method="PUT",
                    headers={"Content-Type": "application/n-triples",
                             "Content-Length": str(size)})
                started = time.perf_counter()
                opener.open(request, timeout=3600).read()
                put = time.perf_counter() - started
            peak = _server_peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait()
    return {"triples": first["triples"], "chunks": first["chunks"],
            "no_transaction": first["no_transaction"], "first": first, "again": again,
            "put": put, "server_peak_mb": peak}


def measure(phase: str, target_triples: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--phase", phase,
                           "--triples", str(target_triples)],
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
    parser.add_argument("--phase", choices=(*PHASES, "push"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "push":
        print(json.dumps(run_push(args.triples[0])))
        return
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.triples[0])))
        return
    if args.push:
        print_push_table(args.triples, args.repeat)
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
    print("| triples | chunks | first push s | of which load / MOVE s | second push s "
          "| of which load / MOVE s | one PUT s | server peak MB |")
    print("|" + "---:|" * 8)
    for target in targets:
        run = min((measure("push", target) for _ in range(repeat)),
                  key=lambda r: r["first"]["seconds"])
        first, again = run["first"], run["again"]
        print(f"| {run['triples']:,} | {run['chunks']} | {first['seconds']:.1f} "
              f"| {first['load']:.1f} / {first['move']:.1f} | {again['seconds']:.1f} "
              f"| {again['load']:.1f} / {again['move']:.1f} | {run['put']:.1f} "
              f"| {run['server_peak_mb']:.0f} |", flush=True)
    print(f"\nseconds wall clock, fastest of {repeat} run(s), each size in a fresh process "
          f"and a fresh Oxigraph server (on-disk store); chunks loaded with "
          f"no_transaction; \"load\" includes the N-Triples dump of the build.")


if __name__ == "__main__":
    main()
