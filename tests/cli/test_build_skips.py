"""`kg build`'s exit status with bad files, in a real process: 0 when the graph was built
(skipped files or not), 1 with --strict or when no file could be read."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "seeds" / "001_b5f6d1c0c24e5e41.txt"


def kg_build(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_skipped_files_are_warnings_and_status_0_strict_makes_them_status_1(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.txt").write_bytes(PAGE.read_bytes())
    (pages / "zero.txt").write_bytes(b"")
    done = kg_build(pages, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == f"kg: warning: {pages / 'zero.txt'}: skipped: empty file"
    assert done.stdout.splitlines()[0] == str(tmp_path / "out" / "graph.html")
    assert str(tmp_path / "out" / "skipped.jsonl") in done.stdout.splitlines()

    strict = kg_build(pages, "-o", tmp_path / "strict", "--strict")
    assert (strict.returncode, strict.stdout) == (1, "")
    assert strict.stderr == f"kg: error: {pages / 'zero.txt'}: empty file\n"
    assert not (tmp_path / "strict" / "entities.jsonl").exists()


def test_no_file_read_is_status_1(tmp_path):
    (tmp_path / "zero.txt").write_bytes(b"")
    (tmp_path / "one.txt").write_bytes(b"\0\0\0")
    done = kg_build(tmp_path / "zero.txt", tmp_path / "one.txt", "-o", tmp_path / "out")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"kg: error: {tmp_path / 'out'}: no page file could be read "
                                  f"(2 skipped: {tmp_path / 'one.txt'}: binary content")
    assert len(done.stderr.splitlines()) == 1
