"""--jobs and --scheduler: per-document stages elsewhere, outputs the same bytes."""
import os
import socket
import subprocess
import sys
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from dask.distributed import LocalCluster

from dying_worker import exit_on_b
from kg.cli import main
from kg.parallel import WorkerError, _start_method, in_background, ordered_map
from kg.pipeline import build

# Three pages: enough for two workers to finish out of order.
PAGES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[:3]
# Every record file, the RDF, the link report and the extraction cache.
COMPARED = ("entities.jsonl", "facts.jsonl", "articles.jsonl", "graph.ttl", "link-report.md",
            "cache/extractions.jsonl.gz", "cache/manifest.json")


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    out = tmp_path_factory.mktemp("one-process")
    build(PAGES, out)
    return out


def assert_same_files(expected: Path, actual: Path) -> None:
    for name in COMPARED:
        assert (actual / name).read_bytes() == (expected / name).read_bytes(), name


def test_two_worker_processes_give_the_bytes_of_one(one_process, tmp_path):
    result = CliRunner().invoke(main, ["build", *map(str, PAGES), "-o", str(tmp_path),
                                       "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert_same_files(one_process, tmp_path)
    # The RDF was written by a forked child: its store is there and answers.
    query = CliRunner().invoke(main, ["query", str(tmp_path), "--name", "signings"])
    assert query.exit_code == 0, query.output
    assert query.output == CliRunner().invoke(
        main, ["query", str(one_process), "--name", "signings"]).output


def test_workers_forked_from_a_fresh_process_give_the_same_bytes(one_process, tmp_path):
    """A fresh ``kg build --jobs 2`` forks its workers (no model runtime loaded there yet);
    a process that has loaded the model (this one) spawns them."""
    script = ("import sys, kg.pipeline\n"
              "from kg.parallel import _start_method\n"
              "assert _start_method() == 'fork', _start_method()\n"
              "from kg.cli import main\n"
              "main(sys.argv[1:])\n")
    done = subprocess.run([sys.executable, "-c", script, "build", *map(str, PAGES), "-o",
                           str(tmp_path), "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert_same_files(one_process, tmp_path)
    import onnxruntime  # noqa: F401  (loaded here by the fixture's build already)
    assert _start_method() == "spawn"


def test_a_dask_cluster_gives_the_bytes_of_a_local_build(one_process, tmp_path):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        result = build(PAGES, tmp_path, scheduler=cluster.scheduler_address)
    assert result.analysed == 3
    assert_same_files(one_process, tmp_path)


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    with socket.socket() as probe:      # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["build", str(PAGES[0]), "-o", str(tmp_path),
                                           "--scheduler", address])
    assert result.exit_code == 1
    assert result.output.startswith(f"kg: error: {address}: cannot connect")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "entities.jsonl").exists()


def test_a_worker_that_dies_is_reported_with_its_input():
    results = ordered_map(exit_on_b, ["a", "b", "c"], jobs=2)
    with pytest.raises(WorkerError) as caught:
        list(results)
    assert str(caught.value).startswith("b: a worker process died")


def test_results_come_back_in_input_order():
    assert list(ordered_map(str.upper, ["c", "a", "b"], jobs=2)) == ["C", "A", "B"]


def _fail(word: str) -> str:
    raise ValueError(f"no {word}")


def test_a_background_call_gives_its_value_from_another_process():
    assert in_background(os.getpid).result() != os.getpid()
    assert in_background(str.upper, "abc").result() == "ABC"


def test_a_background_call_raises_its_error_here_with_the_childs_traceback():
    with pytest.raises(ValueError, match="no rdf") as caught:
        in_background(_fail, "rdf").result()
    assert "_fail" in str(caught.value.__cause__)


def test_a_background_child_that_dies_is_an_error_naming_its_exit_code():
    with pytest.raises(RuntimeError, match=r"died \(exit code 9\)"):
        in_background(os._exit, 9).result()
