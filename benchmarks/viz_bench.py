"""Benchmark of graph.html: time to write it and time to first draw in headless Chromium.

Generates synthetic knowledge graphs of 10^3, 10^4 and 10^5 entities (invented names,
seeded), times ``write_html`` on each, then opens the default page from file:// in
headless Chromium with the network cut off and reads ``window.kgStats.firstDrawMs``
(``performance.now()`` when vis-network's first "afterDrawing" fired, i.e. from
navigation start to the first frame of the graph).  Prints a Markdown table.

    .venv/bin/python benchmarks/viz_bench.py [--sizes 1000 10000 100000]

The issue's budget: the default page of the largest graph draws in under 5 s.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Source
from kg.viz import write_html

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync",
         "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--virtual-time-budget=30000", "--window-size=1200,900", "--dump-dom"]
FIRST_DRAW_BUDGET_MS = 5000


def synthetic_graph(n: int, seed: int = 0) -> KnowledgeGraph:
    """About ``n`` entities shaped like a news graph: areas in a hierarchy, facilities
    located in counties with investors (a few hub companies get most), people holding
    posts, agreements between bodies and companies, amounts and capacities."""
    rng = random.Random(seed)
    entities: list[Entity] = []
    facts: list[LinkedFact] = []
    articles = [ArticleInfo(f"page{i:05d}#1", f"page{i:05d}", f"synthetic/page{i:05d}.txt",
                            f"第{i}篇", (), f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "某某日报", 800)
                for i in range(max(1, n // 20))]

    def source(text: str) -> Source:
        article = rng.choice(articles)
        return Source(article.doc, article.id, 0, len(text), text)

    entities.append(Entity("area/990000", "AdminArea", "某某省", code="990000"))
    prefectures = [f"area/99{p + 1:02d}00" for p in range(max(2, n // 5000))]
    for p, key in enumerate(prefectures):
        entities.append(Entity(key, "AdminArea", f"某{p}市", code=key[5:], parent="area/990000"))
    counties = []
    for c in range(max(4, n // 250)):
        parent = prefectures[c % len(prefectures)]
        code = f"{parent[5:9]}{c // len(prefectures) + 1:02d}"
        counties.append(f"area/{code}")
        entities.append(Entity(counties[-1], "AdminArea", f"某{c}县", code=code, parent=parent))
    remaining = n - len(entities)
    shares = [("Company", 0.25), ("Person", 0.2), ("GovernmentBody", 0.1),
              ("ComputeCenter", 0.1), ("Project", 0.3), ("Zone", 0.05)]
    by_type: dict[str, list[str]] = {}
    for kind, share in shares:
        ids = [f"{kind.lower()}/{i:08x}" for i in range(int(remaining * share))]
        by_type[kind] = ids
        entities += [Entity(key, kind, f"某{kind}{i}") for i, key in enumerate(ids)]
    companies, zones = by_type["Company"], by_type["Zone"]
    organisations = companies + by_type["GovernmentBody"]
    for zone in zones:
        facts.append(LinkedFact(zone, "locatedIn", [source("园区位于某县。")],
                                object=rng.choice(counties)))
    for kind in ("ComputeCenter", "Project"):
        for facility in by_type[kind]:
            place = rng.choice(zones) if zones and rng.random() < 0.2 else rng.choice(counties)
            facts.append(LinkedFact(facility, "locatedIn", [source("项目位于某县。")], object=place))
            # Preferential choice: low-numbered companies become hubs.
            investor = companies[int(len(companies) * rng.random() ** 3)]
            facts.append(LinkedFact(facility, "investor", [source("由某公司投资建设。")],
                                    object=investor))
            if rng.random() < 0.3:
                facts.append(LinkedFact(facility, "builtBy", [source("由某公司承建。")],
                                        object=rng.choice(companies)))
            facts.append(LinkedFact(facility, "investmentAmount", [source("总投资若干亿元。")],
                                    value=rng.randint(1, 500) * 1e7, unit="CNY"))
            if kind == "ComputeCenter":
                facts.append(LinkedFact(facility, "computeCapacity", [source("算力若干P。")],
                                        value=float(rng.randint(10, 5000)), unit="PFLOPS",
                                        status=rng.choice(["planned", "current"])))
    for person in by_type["Person"]:
        facts.append(LinkedFact(person, "holdsPosition", [source("某人任总经理。")],
                                object=rng.choice(organisations), title="总经理"))
    for body in by_type["GovernmentBody"]:
        facts.append(LinkedFact(body, "agreementWith", [source("双方签订协议。")],
                                object=rng.choice(companies), topic="合作"))
    return KnowledgeGraph(entities, facts, articles)


def first_draw(page: Path) -> tuple[dict, float]:
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as profile:
        started = time.perf_counter()
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", page.as_uri()],
                              capture_output=True, text=True, timeout=300, check=False)
        wall = time.perf_counter() - started
    match = re.search(r'<pre id="kg-stats">(.*?)</pre>', done.stdout, re.S)
    if not match or not match.group(1):
        raise RuntimeError(f"{page}: the page published no kgStats\n{done.stderr[-1500:]}")
    return json.loads(match.group(1)), wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--out", type=Path, default=None, help="keep the pages here")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    rows = []
    for n in args.sizes:
        graph = synthetic_graph(n)
        page = (out / f"graph_{n}.html").resolve()
        started = time.perf_counter()
        write_html(graph, page)
        written = time.perf_counter() - started
        if Path(CHROMIUM).exists():
            stats, wall = first_draw(page)
        else:
            stats, wall = {"nodes": "-", "edges": "-", "firstDrawMs": None}, float("nan")
        rows.append((n, len(graph.facts), stats["nodes"], stats["edges"], written,
                     page.stat().st_size / 1e6, stats["firstDrawMs"], wall))
        print(f"... {n} entities done", file=sys.stderr, flush=True)
    print("| entities | facts | drawn nodes | drawn edges | write_html (s) | file (MB) "
          "| first draw (ms) | chromium run (s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, facts, nodes, edges, written, size, draw_ms, wall in rows:
        draw = "n/a" if draw_ms is None else f"{draw_ms:.0f}"
        print(f"| {n} | {facts} | {nodes} | {edges} | {written:.2f} | {size:.2f} | {draw} "
              f"| {wall:.1f} |")
    largest = rows[-1][6]
    if largest is not None and largest > FIRST_DRAW_BUDGET_MS:
        print(f"FAIL: first draw of the largest page took {largest:.0f} ms "
              f"(budget {FIRST_DRAW_BUDGET_MS} ms)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
