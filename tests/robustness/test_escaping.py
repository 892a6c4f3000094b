"""Names with `<script>`, quotation marks, `>` and line breaks: escaped in HTML and in Turtle.

The recognisers do not make entity names of markup, so the hostile text rides in what
does reach every output verbatim: the document name (the file name: it is in every
entity's and fact's ``docs``, in article IRIs and literals) and an article title.
"""
import html
import json
import re

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from tests.viz import chromium

HOSTILE_DOC = '<script>alert("doc")<script>"q>\nline'       # a file name cannot hold "/"
TITLE = '“引号”">尖括号<script>alert("title")</script>项目签约'
TEXT = (f"# {TITLE}\n\n"
        "本报讯 近日，乌鲁木齐市人民政府与新疆某某数据科技有限公司签署合作协议，双方将在"
        "乌鲁木齐市共同建设算力中心项目，总投资10亿元。\n")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    page = folder / f"{HOSTILE_DOC}.txt"
    page.write_text(TEXT, encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(main, ["build", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_hostile_document_name_reaches_the_records(hostile_build):
    entities = [json.loads(line)
                for line in open(hostile_build / "entities.jsonl", encoding="utf-8")]
    assert any(HOSTILE_DOC in e["docs"] for e in entities)
    facts = [json.loads(line) for line in open(hostile_build / "facts.jsonl", encoding="utf-8")]
    assert facts and all(f["doc"] == HOSTILE_DOC for f in facts)


def _unescaped(page: str) -> str:
    """The page with JSON \\uXXXX escapes and HTML entities decoded."""
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    return html.unescape(decoded)


def test_graph_html_has_the_names_escaped(hostile_build):
    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    payload = '<script>alert("doc")<script>'
    assert payload not in page and 'alert("doc")' not in page
    assert payload in _unescaped(page)          # the name is on the page, escaped


@pytest.mark.browser
@pytest.mark.skipif(not chromium.available(), reason=f"{chromium.CHROMIUM} is not installed")
def test_the_browser_builds_no_element_from_the_names(hostile_build):
    dom = chromium.dump_dom(hostile_build / "graph.html")
    assert "kg-stats" in dom                    # the page's own scripts ran
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", dom, re.S)
    assert not any('alert("doc")' in body or 'alert("title")' in body for body in scripts)


def test_graph_ttl_parses_and_keeps_the_text_exactly(hostile_build):
    graph = rdflib.Graph()
    graph.parse(hostile_build / "graph.ttl", format="turtle")
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    assert HOSTILE_DOC in literals
    assert any("尖括号" in literal and '">' in literal for literal in literals), \
        "the title with its quotation mark and > is a literal"
    iris = {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
    assert not any(ch in iri for iri in iris for ch in '<>"\n ')
