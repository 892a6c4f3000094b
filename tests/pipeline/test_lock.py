"""One build per folder at a time, and builds killed mid-way: real `kg build` processes."""
import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.lock import LOCK_NAME, BuildLock, BuildLocked
from kg.pipeline import PUBLISH_LIST, STAGING_PREFIX, recover_interrupted

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "seeds").glob("*.txt"))
SMALL_PAGE = ("# 项目签约\n\n本报讯 近日，乌鲁木齐市人民政府与新疆某某数据科技有限公司签署合作协议，"
              "双方将共同建设算力中心项目，总投资10亿元。\n")


def kg_process(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def open_writer(fifo: Path) -> int | None:
    """A write end of ``fifo`` once a reader has opened it, else None (non-blocking)."""
    try:
        return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:
            return None
        raise


def outputs(folder: Path) -> dict[str, bytes]:
    """Every output file of a build folder (not the lock or staging), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")}


def test_a_second_build_into_the_same_folder_is_refused(tmp_path):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)             # the first build blocks reading it, holding the lock
    out = tmp_path / "out"
    first = kg_process("build", fifo, "-o", out)
    try:
        wait_for(lambda: (out / LOCK_NAME).exists() or first.poll() is not None)
        second = kg_process("build", PAGES[0], "-o", out)
        _, stderr = second.communicate(timeout=120)
        assert second.returncode == 1
        assert stderr == (f"kg: error: {out}: another build (pid {first.pid}) is writing "
                          f"into this folder\n")
        with open(fifo, "w", encoding="utf-8") as writer:
            writer.write(SMALL_PAGE)
        _, stderr = first.communicate(timeout=120)
        assert first.returncode == 0, stderr
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert not (out / LOCK_NAME).exists()
    assert (out / "entities.jsonl").stat().st_size > 0


def test_a_killed_build_leaves_the_outputs_whole_and_a_rerun_finishes(tmp_path):
    inputs, out = tmp_path / "inputs", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(PAGES[0], inputs / PAGES[0].name)
    result = CliRunner().invoke(main, ["build", str(PAGES[1]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    before = outputs(out)
    fifo = inputs / "zzz_last.txt"     # read after the other pages were analysed
    os.mkfifo(fifo)
    build = kg_process("build", inputs, "-o", out)
    writer = None
    try:
        deadline = time.monotonic() + 120
        while writer is None and build.poll() is None and time.monotonic() < deadline:
            writer = open_writer(fifo)
            time.sleep(0.05)
        assert writer is not None and build.poll() is None, build.communicate()
        build.send_signal(signal.SIGKILL)
        build.wait()
    finally:
        if writer is not None:
            os.close(writer)
        if build.poll() is None:
            build.kill()
            build.wait()
    assert outputs(out) == before
    assert (out / LOCK_NAME).exists() and list(out.glob(f"{STAGING_PREFIX}*"))

    fifo.unlink()
    (inputs / "zzz_last.txt").write_text(SMALL_PAGE, encoding="utf-8")
    again = CliRunner().invoke(main, ["build", str(inputs), "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[0] == str(out / "graph.html")
    assert not (out / LOCK_NAME).exists() and not list(out.glob(f"{STAGING_PREFIX}*"))
    docs = {json.loads(line)["doc"] for line in open(out / "articles.jsonl", encoding="utf-8")}
    assert docs == {PAGES[0].stem, "zzz_last"}


def test_a_lock_left_by_a_dead_build_is_taken_over(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / LOCK_NAME).write_text(json.dumps({"host": socket.gethostname(), "pid": dead.pid,
                                             "started": "1"}))
    result = CliRunner().invoke(main, ["build", str(PAGES[0]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not (out / LOCK_NAME).exists()


def test_a_lock_held_by_a_live_process_is_respected(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    live = subprocess.Popen(["sleep", "60"])
    try:
        stat = Path(f"/proc/{live.pid}/stat").read_text()
        started = stat[stat.rindex(")") + 2:].split()[19]
        (out / LOCK_NAME).write_text(json.dumps({"host": socket.gethostname(), "pid": live.pid,
                                                 "started": started}))
        result = CliRunner().invoke(main, ["build", str(PAGES[0]), "-o", str(out)])
    finally:
        live.kill()
        live.wait()
    assert result.exit_code == 1
    assert result.output == (f"kg: error: {out}: another build (pid {live.pid}) is writing "
                             f"into this folder\n")
    assert not (out / "entities.jsonl").exists()


def test_one_process_cannot_take_its_own_lock_twice(tmp_path):
    with BuildLock(tmp_path):
        with pytest.raises(BuildLocked):
            BuildLock(tmp_path).acquire()
    with BuildLock(tmp_path):
        pass


def test_a_build_killed_while_moving_outputs_is_finished_by_the_next(tmp_path):
    """The state a kill leaves between moving the old store aside and the new one in."""
    out = tmp_path / "out"
    (out / ".store.kg-old").mkdir(parents=True)
    (out / ".store.kg-old" / "data").write_text("old")
    (out / "entities.jsonl").write_text("new entities")           # already moved
    staging = out / f"{STAGING_PREFIX}x"
    (staging / "store").mkdir(parents=True)
    (staging / "store" / "data").write_text("new")
    (staging / "facts.jsonl").write_text("new facts")
    (staging / PUBLISH_LIST).write_text(json.dumps(["entities.jsonl", "facts.jsonl", "store"]))
    (out / f"{STAGING_PREFIX}y").mkdir()                            # never got to publishing
    (out / f"{STAGING_PREFIX}y" / "facts.jsonl").write_text("half-written")
    recover_interrupted(out)
    assert sorted(p.name for p in out.iterdir()) == ["entities.jsonl", "facts.jsonl", "store"]
    assert (out / "store" / "data").read_text() == "new"
    assert (out / "facts.jsonl").read_text() == "new facts"
