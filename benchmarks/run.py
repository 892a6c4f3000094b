"""Throughput and memory of the build, per stage and end to end, on synthetic corpora.

    python -m benchmarks.run                        # 10 MB and 100 MB, everything, RESULTS.md
    python -m benchmarks.run --mb 10 --stages       # per-stage rates only
    python -m benchmarks.run --mb 2 --stages --profile 2mb.prof --results -   # and a cProfile
    python -m benchmarks.run --mb 10 --build --recogniser rules --results -    # rules only
    python -m benchmarks.run --mb 10 --build --jobs 2 --results -              # two processes

For each size the corpus of :mod:`benchmarks.corpus` is generated once and cached in
``benchmarks/.corpus/<mb>mb-seed<seed>/``.  Three measurements, one after the other, each
in a fresh Python process pinned to one CPU (numeric libraries limited to one thread), so
that no measurement inherits another's memory or warmed-up state:

- stages: ``kg.pipeline.build`` with the stage functions it calls wrapped by timers —
  ingest (``iter_articles``), recognition (``analyse``: the whole spaCy pipeline, its own
  segmentation included), extraction (``extract``), linking (``Linker`` construction,
  ``add`` and ``result``), outputs (``write_outputs``), and the rest of the build — plus
  segmentation alone: the pipeline's tokenizer run once more on every text that goes
  into ``analyse``; and the peak memory reached by the end of each phase;
- build: ``kg.pipeline.build(paths, out)`` end to end, with the process's peak resident
  memory (VmHWM);
- recognition (issues 3 and 14): ``analyse`` and the tokenizer alone over the articles of
  a corpus of ``--recognition-mb`` megabytes held in memory, and with the hybrid
  recogniser the statistical model's component alone (``kg_lac`` over docs already
  segmented), each three times, interleaved; the fastest run is reported, and the slowest
  ``analyse`` run beside it.

``--recogniser`` (``hybrid``, the default, or ``rules``) is the recogniser every
measurement uses.  ``--jobs N`` runs the end-to-end build with N worker processes; that
measurement is then pinned to the first N CPUs instead of one.

``--profile FILE`` adds a run of the build of the first size under cProfile, with the top
functions by cumulative and by own time in the report.

Times are wall-clock and CPU time of the process: on a shared machine other processes may
take the pinned CPU too, and the CPU figures are the ones they disturb least; the load
average before and after is in the report.  Characters are characters of article text
(the sum of ``len(article.text)``); MB are 10^6 bytes of page files.  A worker whose
resident memory passes ``--memory-limit`` GiB is stopped and reported as such.  The report
is printed and written atomically to ``--results``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
DEFAULT_RESULTS = BENCHMARKS / "RESULTS.md"
DEFAULT_CORPUS_ROOT = BENCHMARKS / ".corpus"
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                        "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS")}
STAGES = ("ingest", "segmentation", "recognition", "extraction", "linking", "outputs", "rest")
STAGE_LABELS = {
    "ingest": "ingest (`iter_articles`)",
    "segmentation": "segmentation alone (tokenizer; also inside recognition)",
    "recognition": "recognition (`analyse`, whole spaCy pipeline)",
    "extraction": "extraction (`extract`)",
    "linking": "linking (`Linker` add + result)",
    "outputs": "outputs (`write_outputs`)",
    "rest": "rest of the build (cache, bookkeeping)",
}
# The functions of kg.pipeline that the stage measurement wraps.
WRAPPED = ("iter_articles", "analyse", "extract", "Linker", "write_outputs")
# Goals of issues 3 and 8.
END_TO_END_GOAL = 500_000
RECOGNITION_GOAL = 500_000
# Goals of issue 14, one core unless said: the model's component alone, the hybrid and the
# rules-only builds end to end, and the speed-up of two processes.
MODEL_GOAL = 80_000
HYBRID_GOAL = 45_000
RULES_GOAL = 90_000
JOBS_SPEEDUP_GOAL = 1.7
MEMORY_GOAL_KB = 2 * 1024 ** 2
PROGRESS_EVERY = 5_000   # articles
RECOGNITION_REPEATS = 3
PROFILE_ROWS = 15


# ---------------------------------------------------------------------------- workers
# Each runs in its own process and prints one JSON object as its last line of output.

def _pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})


def _pin_many(count: int) -> None:
    """Pin to the first ``count`` usable CPUs (worker processes inherit it)."""
    if hasattr(os, "sched_setaffinity"):
        usable = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(usable[:count]))


def _memory_kb(field: str, pid: int | str = "self") -> int:
    """VmHWM (peak) or VmRSS (current) resident memory of a process, in KiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _progress(label: str, articles: int, characters: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    print(f"  {label}: {articles} articles, {characters / 1e6:.1f} M characters, "
          f"{elapsed:.0f} s, {characters / max(elapsed, 1e-9):,.0f} characters/s, "
          f"RSS {_memory_kb('VmRSS') / 1024:,.0f} MiB", file=sys.stderr, flush=True)


class StageClock:
    """Exclusive wall and CPU time per stage: switching to a stage stops the one before.

    Wrappers switch in and back out around each call, so a stage that pulls its input
    from the stage before (``analyse`` consuming ``iter_articles``) is not charged for it.
    """

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.stage = "rest"
        self.since = (time.perf_counter(), time.process_time())

    def switch(self, stage: str) -> str:
        now = (time.perf_counter(), time.process_time())
        self.wall[self.stage] = self.wall.get(self.stage, 0.0) + now[0] - self.since[0]
        self.cpu[self.stage] = self.cpu.get(self.stage, 0.0) + now[1] - self.since[1]
        previous, self.stage, self.since = self.stage, stage, now
        return previous

    def call(self, stage: str, function, *args, **kwargs):
        previous = self.switch(stage)
        try:
            return function(*args, **kwargs)
        finally:
            self.switch(previous)

    def stream(self, stage: str, iterator):
        """Yield from ``iterator``, charging the time of each step to ``stage``."""
        iterator = iter(iterator)
        while True:
            previous = self.switch(stage)
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self.switch(previous)
            yield item


def measure_stages(corpus: Path, out: Path, partial: Path | None = None,
                   recogniser: str = "hybrid") -> dict:
    """``kg.pipeline.build`` with each stage it calls timed, plus the tokenizer alone.

    The build's own functions run; in this process they are only wrapped by timers.  The
    tokenizer is run once more on every text that goes into ``analyse`` and timed as
    segmentation; that extra run is charged to no other stage.  The figures so far are
    written to ``partial`` as the build goes, for a run stopped before its end.
    """
    import kg.pipeline as pipeline
    from kg.nlp.pipeline import shared_pipeline

    missing = [name for name in WRAPPED if not hasattr(pipeline, name)]
    if missing:
        raise SystemExit(f"kg.pipeline no longer calls {', '.join(missing)}: update benchmarks/run.py")
    started = time.perf_counter()
    tokenizer = shared_pipeline(recogniser).tokenizer
    load = time.perf_counter() - started
    clock = StageClock()
    counted = {"articles": 0, "characters": 0}
    peaks: dict[str, int] = {}
    real = {name: getattr(pipeline, name) for name in WRAPPED}

    def figures(phase: str) -> dict:
        return {"phase": phase, **counted, "pipeline_load": load,
                "wall": {s: clock.wall.get(s, 0.0) for s in STAGES},
                "cpu": {s: clock.cpu.get(s, 0.0) for s in STAGES}, "peaks_kb": dict(peaks)}

    def checkpoint(phase: str) -> None:
        if partial is not None:
            clock.switch(clock.stage)        # bring the running stage's time up to date
            _write_json(partial, figures(phase))

    def iter_articles(*args, **kwargs):
        for article in clock.stream("ingest", real["iter_articles"](*args, **kwargs)):
            if getattr(article, "kind", "article") == "article":
                counted["articles"] += 1
                counted["characters"] += len(article.text)
                if counted["articles"] % PROGRESS_EVERY == 0:
                    _progress("stages", counted["articles"], counted["characters"], started)
                    checkpoint("streaming")
            yield article

    def segmented(articles):
        for article in articles:
            clock.call("segmentation", tokenizer, article.text)
            yield article

    def analyse(articles, *args, **kwargs):
        return clock.stream("recognition", real["analyse"](segmented(articles), *args, **kwargs))

    class Linker(real["Linker"]):
        def __init__(self, *args, **kwargs):
            clock.call("linking", super().__init__, *args, **kwargs)

        def add(self, *args, **kwargs):
            return clock.call("linking", super().add, *args, **kwargs)

        def result(self, *args, **kwargs):
            peaks["streaming"] = _memory_kb("VmHWM")
            checkpoint("streamed")
            graph = clock.call("linking", super().result, *args, **kwargs)
            peaks["linking"] = _memory_kb("VmHWM")
            checkpoint("linked")
            return graph

    def write_outputs(*args, **kwargs):
        written = clock.call("outputs", real["write_outputs"], *args, **kwargs)
        peaks["outputs"] = _memory_kb("VmHWM")
        return written

    wrappers = {"iter_articles": iter_articles, "analyse": analyse, "Linker": Linker,
                "extract": lambda *a, **k: clock.call("extraction", real["extract"], *a, **k),
                "write_outputs": write_outputs}
    for name, wrapper in wrappers.items():
        setattr(pipeline, name, wrapper)
    try:
        clock.switch("rest")
        result = pipeline.build([corpus], out, recogniser=recogniser)
        clock.switch("rest")
    finally:
        for name, function in real.items():
            setattr(pipeline, name, function)
    return {**figures("done"), "articles": result.articles, "characters": result.characters,
            "entities": len(result.graph.entities), "facts": len(result.graph.facts),
            "peak_rss_kb": _memory_kb("VmHWM")}


def _write_json(path: Path, figures: dict) -> None:
    staging = path.with_name(path.name + ".tmp")
    staging.write_text(json.dumps(figures), encoding="utf-8")
    os.replace(staging, path)


def measure_build(corpus: Path, out: Path, recogniser: str = "hybrid", jobs: int = 1) -> dict:
    """``kg.pipeline.build`` end to end, and the peak memory of the process (with
    ``jobs`` > 1, the CPU seconds and memory of its worker processes are not counted)."""
    from kg.pipeline import build
    baseline = _memory_kb("VmRSS")
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = build([corpus], out, recogniser=recogniser, jobs=jobs)
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {"articles": result.articles, "characters": result.characters, "seconds": elapsed,
            "cpu_seconds": cpu, "entities": len(result.graph.entities),
            "facts": len(result.graph.facts), "baseline_rss_kb": baseline,
            "peak_rss_kb": _memory_kb("VmHWM")}


def profile_build(corpus: Path, out: Path, profile: Path, recogniser: str = "hybrid") -> dict:
    """``kg.pipeline.build`` under cProfile (statistics written to ``profile``)."""
    import cProfile
    import pstats
    from kg.nlp.pipeline import shared_pipeline
    from kg.pipeline import build
    shared_pipeline(recogniser)
    profiler = cProfile.Profile()
    profiler.runcall(build, [corpus], out, recogniser=recogniser)
    profiler.dump_stats(profile)
    top = {}
    for order in ("cumulative", "tottime"):
        stats = pstats.Stats(str(profile))
        rows = []
        column = 3 if order == "cumulative" else 2
        ranked = sorted(stats.stats.items(), key=lambda item: -item[1][column])[:PROFILE_ROWS]
        for (filename, line, function), (_, calls, tottime, cumtime, _) in ranked:
            rows.append({"function": f"{_short_path(filename)}:{line}({function})", "calls": calls,
                         "tottime": tottime, "cumtime": cumtime})
        top[order] = rows
    return {"profile": str(profile), "top": top}


def _short_path(filename: str) -> str:
    for marker in ("/site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def measure_recognition(corpus: Path, recogniser: str = "hybrid") -> dict:
    """``analyse``, the tokenizer alone and (hybrid) the model's component alone over
    articles already in memory."""
    from kg.ingest import iter_articles
    from kg.nlp.pipeline import analyse, create_pipeline
    articles = list(iter_articles([corpus]))
    characters = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    nlp = create_pipeline(recogniser)
    load = time.perf_counter() - started
    for _ in analyse(articles[:20], nlp):      # the first calls load lazy tables
        pass
    def tokenize_all() -> None:
        for article in articles:
            nlp.tokenizer(article.text)

    def analyse_all() -> None:
        for _ in analyse(articles, nlp):
            pass

    measures = [("tokenizer", tokenize_all), ("analyse", analyse_all)]
    figures = {"articles": len(articles), "characters": characters, "pipeline_load": load,
               "repeats": RECOGNITION_REPEATS, "recogniser": recogniser}
    if "kg_lac" in nlp.pipe_names:
        model = nlp.get_pipe("kg_lac")
        docs = [nlp.make_doc(article.text) for article in articles]
        figures["model_read_share"] = sum(b - a for doc in docs for a, b in model.clauses(doc)) \
            / max(characters, 1)

        def model_alone() -> None:
            for _ in model.pipe(docs):
                pass
        measures.append(("model", model_alone))
    # Each measure is taken several times, interleaved; the fastest run is the one other
    # work on the shared machine disturbed least (timeit's convention).
    for _ in range(RECOGNITION_REPEATS):
        for name, run in measures:
            started, cpu = time.perf_counter(), time.process_time()
            run()
            for key, value in ((f"{name}_seconds", time.perf_counter() - started),
                               (f"{name}_cpu_seconds", time.process_time() - cpu)):
                figures.setdefault(f"{key}_runs", []).append(value)
                figures[key] = min(figures[key + "_runs"])
    return figures


def _worker(args: argparse.Namespace) -> int:
    if args.worker == "build" and args.jobs > 1:
        _pin_many(args.jobs)
    else:
        _pin(args.cpu)
    if args.worker == "stages":
        figures = measure_stages(args.corpus, args.out, args.partial, args.recogniser)
    elif args.worker == "build":
        figures = measure_build(args.corpus, args.out, args.recogniser, args.jobs)
    elif args.worker == "profile":
        figures = profile_build(args.corpus, args.out, args.profile, args.recogniser)
    else:
        figures = measure_recognition(args.corpus, args.recogniser)
    print(json.dumps(figures))
    return 0


def run_worker(kind: str, corpus: Path, cpu: int, memory_limit_kb: int, out: Path | None = None,
               profile: Path | None = None, recogniser: str = "hybrid", jobs: int = 1) -> dict:
    """Run one measurement in a fresh process; stop it if it passes the memory limit.

    A stopped measurement answers ``{"killed": True, ...}`` with the resident memory seen,
    the seconds it ran and the figures it had written so far (``partial``).
    """
    command = [sys.executable, "-m", "benchmarks.run", "--worker", kind, "--corpus", str(corpus),
               "--cpu", str(cpu), "--recogniser", recogniser, "--jobs", str(jobs)]
    if out is not None:
        command += ["--out", str(out)]
    if profile is not None:
        command += ["--profile", str(profile)]
    environment = {**os.environ, **SINGLE_THREAD,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory(prefix="kg-bench-worker-") as scratch:
        partial = Path(scratch) / "partial.json"
        output_path = Path(scratch) / "stdout"
        if kind == "stages":
            command += ["--partial", str(partial)]
        started = time.perf_counter()
        with open(output_path, "w", encoding="utf-8") as output:
            process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output)
            resident = 0
            while process.poll() is None:
                try:
                    resident = max(resident, _memory_kb("VmRSS", process.pid))
                except (OSError, ValueError):
                    pass
                if resident > memory_limit_kb:
                    process.kill()
                    process.wait()
                    figures = json.loads(partial.read_text(encoding="utf-8")) if partial.exists() else None
                    return {"killed": True, "resident_kb": resident, "partial": figures,
                            "seconds": time.perf_counter() - started}
                time.sleep(0.5)
        if process.returncode != 0:
            raise SystemExit(f"benchmark worker {kind!r} failed with exit code {process.returncode}")
        return json.loads(output_path.read_text(encoding="utf-8").strip().splitlines()[-1])


# ---------------------------------------------------------------------------- report

@dataclass
class SizeResult:
    megabytes: float
    corpus: object                 # benchmarks.corpus.CorpusInfo
    stages: dict | None = None
    build: dict | None = None
    profile: dict | None = None


def _rate(characters: int, seconds: float) -> float:
    return characters / seconds if seconds > 0 else float("inf")


def _mib(kb: int) -> str:
    return f"{kb / 1024:,.0f} MiB"


def _per_second(value: float) -> str:
    return "—" if value == float("inf") else f"{value:,.0f}"


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def revision() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               text=True, capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {commit}" + (" with uncommitted changes" if dirty else "")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


STOPPED_DURING = {"streaming": "the per-article stages", "streamed": "linking (`Linker.result`)",
                  "linked": "the outputs (`write_outputs`)"}


def _killed(figures: dict, limit_kb: int) -> str:
    return (f"Stopped after {figures['seconds']:,.0f} s: resident memory passed the limit of "
            f"{_mib(limit_kb)} (`--memory-limit`; seen {_mib(figures['resident_kb'])})")


def stage_table(stages: dict) -> list[str]:
    characters = stages["characters"]
    wall, cpu = stages["wall"], stages["cpu"]
    total_wall = sum(v for k, v in wall.items() if k != "segmentation")
    total_cpu = sum(v for k, v in cpu.items() if k != "segmentation")
    lines = ["| stage | seconds | characters/s | CPU seconds | characters/CPU-s | share (CPU) |",
             "|---|---:|---:|---:|---:|---:|"]

    def row(label: str, w: float, c: float, share: str) -> str:
        return (f"| {label} | {w:,.1f} | {_per_second(_rate(characters, w))} | {c:,.1f} | "
                f"{_per_second(_rate(characters, c))} | {share} |")

    for stage in STAGES:
        share = "—" if stage == "segmentation" else f"{cpu[stage] / total_cpu:.0%}"
        lines.append(row(STAGE_LABELS[stage], wall[stage], cpu[stage], share))
    lines.append(row("**all stages**", total_wall, total_cpu, "100%"))
    after_wall = total_wall - wall["segmentation"]
    after_cpu = total_cpu - cpu["segmentation"]
    lines.append(row("everything after segmentation", after_wall, after_cpu,
                     f"{after_cpu / total_cpu:.0%}"))
    return lines


def size_section(result: SizeResult, limit_kb: int, args: argparse.Namespace) -> list[str]:
    corpus = result.corpus
    lines = [f"## {result.megabytes:g} MB", ""]
    measured = next((m for m in (result.stages, result.build) if m and not m.get("killed")), None)
    partial = (result.stages or {}).get("partial") or {}
    measured = measured or (partial if partial.get("phase") in ("streamed", "linked") else {})
    characters = measured.get("characters")
    articles = measured.get("articles", corpus.articles)
    lines.append(f"Corpus: {corpus.pages:,} pages, {corpus.bytes / 1e6:.2f} MB, {articles:,} articles"
                 + (f", {characters:,} characters of article text." if characters else "."))
    lines.append("")
    if result.stages and result.stages.get("killed"):
        stages, partial = result.stages, result.stages.get("partial")
        if partial is None:
            lines += [f"Per stage: {_killed(stages, limit_kb)}, before any figures.", ""]
        else:
            lines.append(f"Per stage: {_killed(stages, limit_kb)} during "
                         f"{STOPPED_DURING[partial['phase']]}. Figures up to then "
                         f"({partial['articles']:,} articles, {partial['characters']:,} characters):")
            lines.append("")
            lines += stage_table(partial)
            lines.append("")
            if partial.get("peaks_kb"):
                lines.append("Peak resident memory by the end of: " + ", ".join(
                    f"{phase} {_mib(kb)}" for phase, kb in partial["peaks_kb"].items()) + ".")
                lines.append("")
    elif result.stages:
        stages = result.stages
        lines.append(f"Per stage (`kg.pipeline.build` with its stages timed, one core; pipeline "
                     f"load {stages['pipeline_load']:.1f} s not included; {stages['entities']:,} "
                     f"entities, {stages['facts']:,} facts):")
        lines.append("")
        lines += stage_table(stages)
        lines.append("")
        peaks = stages.get("peaks_kb", {})
        if peaks:
            lines.append("Peak resident memory of that process by the end of: "
                         + ", ".join(f"{phase} {_mib(kb)}" for phase, kb in peaks.items()) + ".")
            lines.append("")
    if result.build and result.build.get("killed"):
        lines += [f"End to end: {_killed(result.build, limit_kb)}.", ""]
    elif result.build:
        build = result.build
        lines.append(f"End to end (`kg.pipeline.build`, fresh process, {args.recogniser} "
                     f"recogniser, " + ("one core" if args.jobs == 1 else
                                        f"--jobs {args.jobs} on {args.jobs} cores") + "):")
        lines.append("")
        lines.append("| seconds | characters/s | CPU seconds | characters/CPU-s | peak RSS (VmHWM) "
                     "| RSS after imports | entities | facts |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
        lines.append(f"| {build['seconds']:,.1f} | "
                     f"{_per_second(_rate(build['characters'], build['seconds']))} "
                     f"| {build['cpu_seconds']:,.1f} | "
                     f"{_per_second(_rate(build['characters'], build['cpu_seconds']))} | "
                     f"{_mib(build['peak_rss_kb'])} | {_mib(build['baseline_rss_kb'])} | "
                     f"{build['entities']:,} | {build['facts']:,} |")
        lines.append("")
    return lines


def profile_section(result: SizeResult) -> list[str]:
    lines = [f"## Profile ({result.megabytes:g} MB, `kg.pipeline.build` under cProfile)", "",
             f"Statistics: `{result.profile['profile']}` (times inflated by the profiler).", ""]
    for order, label in (("cumulative", "cumulative time"), ("tottime", "own (total) time")):
        lines += [f"Top {PROFILE_ROWS} by {label}:", "",
                  "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
        for row in result.profile["top"][order]:
            function = row["function"].replace("|", "\\|")
            lines.append(f"| `{function}` | {row['calls']:,} | {row['tottime']:,.2f} | "
                         f"{row['cumtime']:,.2f} |")
        lines.append("")
    return lines


def recognition_section(recognition: dict, megabytes: float) -> list[str]:
    characters = recognition["characters"]
    rows = [("tokenizer alone (`create_pipeline().tokenizer`)", recognition["tokenizer_seconds"],
             recognition["tokenizer_cpu_seconds"])]
    if "model_seconds" in recognition:
        rows.append((f"the model's component alone (`kg_lac`; it reads "
                     f"{recognition['model_read_share']:.0%} of the text)",
                     recognition["model_seconds"], recognition["model_cpu_seconds"]))
    rows += [
            ("`analyse` (whole pipeline)", recognition["analyse_seconds"],
             recognition["analyse_cpu_seconds"]),
            ("components after the tokenizer",
             recognition["analyse_seconds"] - recognition["tokenizer_seconds"],
             recognition["analyse_cpu_seconds"] - recognition["tokenizer_cpu_seconds"])]
    slowest = max(recognition.get("analyse_seconds_runs", [recognition["analyse_seconds"]]))
    lines = [f"## Recognition ({megabytes:g} MB corpus, {recognition.get('recogniser', 'hybrid')} "
             f"recogniser)", "",
             f"{recognition['articles']:,} articles, {characters:,} characters, held in memory; "
             f"one core; pipeline load {recognition['pipeline_load']:.1f} s not included.  "
             f"Fastest of {recognition.get('repeats', 1)} runs of each measure, interleaved "
             f"(the slowest `analyse` run: {_per_second(_rate(characters, slowest))} "
             f"characters/s).", "",
             "| measure | seconds | characters/s | CPU seconds | characters/CPU-s |",
             "|---|---:|---:|---:|---:|"]
    for label, wall, cpu in rows:
        lines.append(f"| {label} | {wall:,.1f} | {_per_second(_rate(characters, wall))} | {cpu:,.1f} | "
                     f"{_per_second(_rate(characters, cpu))} |")
    return lines + [""]


def goals_section(results: list[SizeResult], recognition: dict | None,
                  args: argparse.Namespace) -> list[str]:
    rows = []
    for result in results:
        build = result.build
        if build and not build.get("killed"):
            rate = _rate(build["characters"], build["seconds"])
            if args.jobs == 1:
                goal = HYBRID_GOAL if args.recogniser == "hybrid" else RULES_GOAL
                rows.append((f"{args.recogniser} end to end ≥ {goal:,} characters/s, one core "
                             f"({result.megabytes:g} MB; issue 14)", _per_second(rate), rate >= goal))
            rows.append((f"end to end ≥ {END_TO_END_GOAL:,} characters/s ({result.megabytes:g} MB; "
                         f"issue 8)", _per_second(rate), rate >= END_TO_END_GOAL))
            rows.append((f"peak memory < 2 GiB ({result.megabytes:g} MB)", _mib(build["peak_rss_kb"]),
                         build["peak_rss_kb"] < MEMORY_GOAL_KB))
        elif build:
            rows.append((f"peak memory < 2 GiB ({result.megabytes:g} MB)",
                         f"> {_mib(build['resident_kb'])}", False))
    if recognition:
        if "model_seconds" in recognition:
            rate = _rate(recognition["characters"], recognition["model_seconds"])
            rows.append((f"the model's component alone ≥ {MODEL_GOAL:,} characters/s (issue 14)",
                         _per_second(rate), rate >= MODEL_GOAL))
        rate = _rate(recognition["characters"], recognition["analyse_seconds"])
        rows.append((f"recognition ≥ {RECOGNITION_GOAL:,} characters/s (issue 3, rules)",
                     _per_second(rate), rate >= RECOGNITION_GOAL))
    if not rows:
        return []
    lines = ["## Goals", "", "| goal | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {goal} | {measured} | {'yes' if met else 'no'} |" for goal, measured, met in rows]
    return lines + [""]


def report(command: str, context: dict, results: list[SizeResult], recognition: dict | None,
           args: argparse.Namespace) -> str:
    import spacy
    limit_kb = int(args.memory_limit * 1024 ** 2)
    code = context["revision"]
    if context["revision_after"] != code:
        code += f" at the start, {context['revision_after']} at the end (the code changed during the run)"
    lines = [
        "# Benchmark results", "",
        f"- Command: `{command}`",
        f"- Date: {context['date']}; {code}",
        f"- Machine: {machine()}; every measurement in its own process pinned to CPU {args.cpu}, "
        "one thread" + (f" (the end-to-end build: --jobs {args.jobs} on the first {args.jobs} CPUs)"
                        if args.jobs > 1 else ""),
        f"- Recogniser: {args.recogniser}",
        f"- Load average (1, 5, 15 min) before: {context['load_before']}; after: {context['load_after']}",
        f"- Python {platform.python_version()}, spaCy {spacy.__version__}",
        f"- Corpus: `benchmarks/corpus.py`, seed {args.seed}; MB = 10^6 bytes of page files; "
        "characters = characters of article text (sum of `len(article.text)`)",
        "",
    ]
    for result in results:
        lines += size_section(result, limit_kb, args)
        if result.profile:
            lines += profile_section(result)
    if recognition and not recognition.get("killed"):
        lines += recognition_section(recognition, args.recognition_mb)
    lines += goals_section(results, recognition if recognition and not recognition.get("killed") else None,
                           args)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[10.0, 100.0],
                        help="corpus sizes in MB (10^6 bytes of pages); default 10 100")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stages", action="store_true", help="measure the stages")
    parser.add_argument("--build", action="store_true", help="measure the end-to-end build and memory")
    parser.add_argument("--recognition", action="store_true", help="measure recognition alone")
    parser.add_argument("--recognition-mb", type=float, default=5.0,
                        help="size of the recognition corpus; default 5")
    parser.add_argument("--results", default=str(DEFAULT_RESULTS),
                        help="markdown report to write, or '-' for none; default benchmarks/RESULTS.md")
    parser.add_argument("--corpus-root", type=Path, default=DEFAULT_CORPUS_ROOT,
                        help="where corpora are cached; default benchmarks/.corpus")
    parser.add_argument("--cpu", type=int, default=None,
                        help="the CPU to pin measurements to; default the last one usable")
    parser.add_argument("--memory-limit", type=float, default=12.0,
                        help="GiB of resident memory at which a measurement is stopped; default 12")
    parser.add_argument("--profile", type=Path, default=None,
                        help="also profile the build of the first size with cProfile, statistics "
                             "written here and the top functions added to the report")
    parser.add_argument("--recogniser", choices=("hybrid", "rules"), default="hybrid",
                        help="the recogniser every measurement uses; default hybrid")
    parser.add_argument("--jobs", type=int, default=1,
                        help="worker processes of the end-to-end build (pinned to that many "
                             "CPUs); default 1")
    parser.add_argument("--worker", choices=("stages", "build", "recognition", "profile"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--partial", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cpu is None:
        usable = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [0]
        args.cpu = usable[-1]
    if not (args.stages or args.build or args.recognition):
        args.stages = args.build = args.recognition = True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return _worker(args)
    from benchmarks.corpus import ensure_corpus

    command = "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv)
    limit_kb = int(args.memory_limit * 1024 ** 2)
    context = {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
               "revision": revision(), "load_before": _load()}
    results: list[SizeResult] = []
    for index, megabytes in enumerate(args.mb):
        print(f"{megabytes:g} MB: corpus", file=sys.stderr, flush=True)
        corpus = ensure_corpus(args.corpus_root / f"{megabytes:g}mb-seed{args.seed}", megabytes, args.seed)
        result = SizeResult(megabytes, corpus)
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
            if args.stages:
                print(f"{megabytes:g} MB: stages", file=sys.stderr, flush=True)
                result.stages = run_worker("stages", corpus.path, args.cpu, limit_kb,
                                           Path(scratch) / "stages",
                                           args.profile if index == 0 else None,
                                           args.recogniser)
            if args.build:
                print(f"{megabytes:g} MB: end to end", file=sys.stderr, flush=True)
                result.build = run_worker("build", corpus.path, args.cpu, limit_kb,
                                          Path(scratch) / "build", None, args.recogniser,
                                          args.jobs)
            if args.profile and index == 0:
                print(f"{megabytes:g} MB: profile", file=sys.stderr, flush=True)
                profiled = run_worker("profile", corpus.path, args.cpu, limit_kb,
                                      Path(scratch) / "profile", args.profile.resolve(),
                                      args.recogniser)
                result.profile = None if profiled.get("killed") else profiled
        results.append(result)
    recognition = None
    if args.recognition:
        print(f"recognition: {args.recognition_mb:g} MB", file=sys.stderr, flush=True)
        corpus = ensure_corpus(args.corpus_root / f"{args.recognition_mb:g}mb-seed{args.seed}",
                               args.recognition_mb, args.seed)
        recognition = run_worker("recognition", corpus.path, args.cpu, limit_kb,
                                 recogniser=args.recogniser)
    context.update(revision_after=revision(), load_after=_load())
    text = report(command.strip(), context, results, recognition, args)
    print(text)
    if args.results != "-":
        from kg.graphio import atomic_write_text
        atomic_write_text(Path(args.results), text)
        os.chmod(args.results, 0o644)          # a file to commit and read, not a private one
    return 0


if __name__ == "__main__":
    sys.exit(main())
