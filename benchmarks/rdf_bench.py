"""Benchmark of the RDF stage: build quads + store, serialise Turtle, two-hop SPARQL.

Builds synthetic KnowledgeGraphs (invented names) of about 10^5 and 10^6 triples and
prints a markdown table of wall-clock seconds:

    .venv/bin/python benchmarks/rdf_bench.py              # 1e5 and 1e6
    .venv/bin/python benchmarks/rdf_bench.py --triples 100000
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.build import build_dataset
from kg.rdf.serialize import write_store, write_turtle
from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Source
from kg.store.embedded import open_graph

# A project carries ~88 triples: entity, 6 facts with direct triples, value nodes,
# membership, and one reified statement (11 triples) per fact reading.
TRIPLES_PER_PROJECT = 88

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


def timed(function, *args, **kwargs):
    gc.collect()
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def run(target_triples: int) -> dict:
    graph = synthetic_graph(max(1, target_triples // TRIPLES_PER_PROJECT))
    dataset, t_build = timed(build_dataset, graph)
    _, t_nquads = timed(dataset.nquads)
    _, t_memory = timed(dataset.store)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        out = Path(tmp)
        ttl = out / "graph.ttl"
        with open(ttl, "wb") as handle:
            _, t_ttl = timed(write_turtle, dataset, handle)
        _, t_disk = timed(write_store, dataset, out / "store")
        queryable = open_graph(out)
        rows, t_query = timed(queryable.query, TWO_HOP)
        rdflib_dataset = queryable.rdflib()
        rdflib_rows, t_rdflib = timed(lambda: list(rdflib_dataset.query(TWO_HOP)))
        assert len(rows) == len(rdflib_rows) > 0
        _, t_parse = timed(lambda: ox.Store().bulk_load(path=str(ttl),
                                                        format=ox.RdfFormat.TURTLE))
        size = ttl.stat().st_size
        del queryable, rdflib_dataset
    return {"triples": len(dataset), "build (records->N-Quads)": t_build + t_nquads,
            "load memory store": t_memory, "write Turtle": t_ttl, "Turtle MB": size / 1e6,
            "write disk store": t_disk, "parse Turtle": t_parse, "2-hop query": t_query,
            "2-hop via rdflib": t_rdflib}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    results = [run(n) for n in args.triples]
    columns = list(results[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---:" for _ in columns) + "|")
    for row in results:
        print("| " + " | ".join(f"{row[c]:,}" if isinstance(row[c], int) else f"{row[c]:.2f}"
                                for c in columns) + " |")
    print("\nseconds, wall clock, one run each.")


if __name__ == "__main__":
    main()
