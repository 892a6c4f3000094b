"""The `kg` command's manners: one-line errors and exit codes, progress on terminals only."""
import errno
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "seeds" / "001_b5f6d1c0c24e5e41.txt"


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.mark.parametrize("args, message", [
    (["build", "{tmp}/nope.txt"], "kg: error: {tmp}/nope.txt: no such file or folder"),
    (["build", "--update", "{tmp}", str(PAGE)],
     "kg: error: {tmp}: no extraction cache; rebuild without --update"),
    (["articles", "{tmp}/nope"], "kg: error: {tmp}/nope: no such file or folder"),
    (["entities", "{tmp}/nope.txt"], "kg: error: {tmp}/nope.txt: no such file or folder"),
], ids=["build-missing", "update-without-cache", "articles-missing", "entities-missing"])
def test_errors_are_one_line_with_status_1(tmp_path, args, message):
    result = invoke(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message.format(tmp=tmp_path) + "\n"


@pytest.mark.parametrize("args", [
    ["build", str(PAGE), "--jobs", "-1"],
    ["build", str(PAGE), "--jobs", "2", "--scheduler", "tcp://127.0.0.1:8786"],
    ["build", str(PAGE), "--update", "a", "-o", "b"],
    ["build"],
], ids=["negative-jobs", "jobs-and-scheduler", "update-and-other-out", "no-paths"])
def test_a_wrong_command_line_is_status_2(args):
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_an_article_over_spacys_default_length_limit_builds(tmp_path):
    page = tmp_path / "long.txt"
    paragraph = "各地持续推进重点项目建设，有关部门表示将进一步优化营商环境，加快产业转型升级。"
    page.write_text("\n\n".join(f"{paragraph}第{i}次。" for i in range(22_000)), encoding="utf-8")
    result = invoke("build", page, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "entities.jsonl").exists()


def test_no_progress_bar_in_a_pipe(tmp_path):
    result = invoke("build", PAGE, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [result.stderr.strip()]      # the summary alone
    assert "articles," in result.stderr and "Building" not in result.stderr
    assert result.stdout.splitlines()[0] == str(tmp_path / "graph.html")


def test_a_progress_bar_on_a_terminal(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("# 项目签约\n\n本报讯 近日，乌鲁木齐市人民政府与新疆某某数据科技有限公司签署合作"
                    "协议，双方将共同建设算力中心项目。\n", encoding="utf-8")
    out = tmp_path / "out"
    terminal, stderr = pty.openpty()
    build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(page), "-o", str(out)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True)
    os.close(stderr)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError as error:        # the other end closed
            assert error.errno == errno.EIO
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    stdout, _ = build.communicate(timeout=120)
    assert build.returncode == 0, shown.decode(errors="replace")
    assert b"Building" in shown and b"100%" in shown
    assert stdout.splitlines()[0] == str(out / "graph.html")


def test_articles_hide_page_furniture_unless_asked():
    plain = invoke("articles", PAGE)
    with_furniture = invoke("articles", PAGE, "--furniture")
    ids = [line.split("\t")[0] for line in plain.stdout.splitlines()]
    all_ids = [line.split("\t")[0] for line in with_furniture.stdout.splitlines()]
    assert ids and not any(i.endswith("#0") for i in ids)
    assert set(all_ids) - set(ids) == {f"{PAGE.stem}#0"}


def test_entities_prints_each_article_and_writes_a_displacy_page(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("# 泓锦算力中心开工\n\n本报讯 近日，新疆泓锦数据科技有限公司投资12亿元建设的"
                    "泓锦算力中心在乌鲁木齐市开工，规划算力2000P。\n", encoding="utf-8")
    html = tmp_path / "entities.html"
    result = invoke("entities", page, "--html", html)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ") and "泓锦算力中心开工" in lines[0]
    fields = [line.split("\t") for line in lines]
    assert ["Company", "新疆泓锦数据科技有限公司"] in [f[:2] for f in fields]
    assert ["ComputeCenter", "泓锦算力中心"] in [f[:2] for f in fields]
    # Each entity says where it came from.
    assert {f[2] for f in fields if f[0] in ("Company", "ComputeCenter")} <= {"rule", "both"}
    assert "money\t12亿元\t1200000000.0 CNY" in lines
    assert lines[-1] == str(html)
    # Entities and quantities are both marked, each with its label.
    marks = re.findall(r"<mark[^>]*>\s*(.*?)\s*<span[^>]*>\s*(.*?)\s*</span>\s*</mark>",
                       html.read_text(encoding="utf-8"), re.S)
    labels = {text: label for text, label in marks}
    for text, label in [("新疆泓锦数据科技有限公司", "Company"), ("泓锦算力中心", "ComputeCenter"),
                        ("乌鲁木齐市", "AdminArea"), ("12亿元", "money"), ("2000P", "compute")]:
        assert labels[text].split(" · ")[0] == label
    assert labels["泓锦算力中心"].split(" · ")[1] in ("rule", "both")


def test_entities_say_which_names_only_the_model_found(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("本报讯 记者从市里获悉，瀚睿股份与锐岭科技签署合作协议。\n", encoding="utf-8")
    hybrid = invoke("entities", page, "--html", tmp_path / "e.html")
    rules = invoke("entities", page, "--recogniser", "rules")
    assert hybrid.exit_code == 0 and rules.exit_code == 0, hybrid.stderr + rules.stderr
    found = {tuple(line.split("\t")[:3]) for line in hybrid.stdout.splitlines()[1:-1]}
    assert ("Company", "瀚睿股份", "model") in found
    assert "瀚睿股份" not in rules.stdout
    assert "Company · model" in (tmp_path / "e.html").read_text(encoding="utf-8")
