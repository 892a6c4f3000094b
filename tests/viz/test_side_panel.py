"""The side panel of graph.html on what issue 15 added: an entity's parent company and
subsidiaries, the signings it is a party of (the other parties, date, place, document),
and its money with currency, qualifier and scope; escaped, and shown by headless Chromium."""
import json
import re
from dataclasses import replace

import pytest

from kg.viz import write_html
from kg.viz.html import describe_money, format_amount
from tests.data.invented_signings import (AREA, CENTRE, DESIGNER, PARENT, SUBSIDIARY,
                                          money_graph)
from tests.viz import chromium

browser = pytest.mark.skipif(not chromium.available(),
                             reason=f"{chromium.CHROMIUM} is not installed (make system-deps)")


def _titles(page: str) -> dict[str, str]:
    nodes = json.loads(re.search(r"var nodeItems = (.*?);\n", page).group(1))
    return {node["id"]: node["title"] for node in nodes}


def _text(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def _info(dom: str) -> str:
    return re.search(r'<div id="kg-info">(.*?)</div>\n', dom, re.S).group(1)


def test_amounts_read_in_their_currency_with_what_they_are():
    assert format_amount(1.2e10, "CNY") == "120亿元"
    assert format_amount(1e8, "USD") == "1亿美元"
    assert format_amount(3.5e4, "USD") == "3.5万美元"
    facts = {(f.subject, f.value): f for f in money_graph().relations + money_graph().facts
             if f.value is not None}
    assert describe_money(facts[(AREA, 1.2e10)]) == "120亿元 (total, signing round of 36 projects)"
    assert describe_money(facts[(AREA, 5e9)]) == "50亿元–80亿元 (planned, programme)"
    assert describe_money(facts[(CENTRE, 1e8)]) == "约 1亿美元 (total, one project)"


def test_panels_give_parents_subsidiaries_signings_and_money(tmp_path):
    page = write_html(money_graph(), tmp_path / "graph.html").read_text(encoding="utf-8")
    titles = _titles(page)
    subsidiary = _text(titles[SUBSIDIARY])
    assert "Parent company: 戊己控股集团股份有限公司" in subsidiary
    assert ("2025-04-17 《甲乙储能电池项目三方合作协议》 with 壬癸电力设计院有限公司、庚辛大学 "
            "at 赣州市") in subsidiary
    assert "Subsidiaries: 丙丁新能源科技有限公司" in _text(titles[PARENT])
    # a party the linker left out of the signing's record still sees the other two
    assert "with 丙丁新能源科技有限公司、庚辛大学 at 赣州市" in _text(titles[DESIGNER])
    area = _text(titles[AREA])
    assert "• 120亿元 (total, signing round of 36 projects) “4月17日，赣州市重大项目" in area
    assert "Money• 50亿元–80亿元" in area
    assert "50亿元–80亿元 (planned, programme)" in area
    assert "round#1 · 赣州市重大项目集中签约活动举行 · 2025-04-18" in area
    assert "约 1亿美元 (total, one project)" in _text(titles[CENTRE])
    signer = _text(titles["company/z000000000000001"])
    assert signer.count("《战略合作协议》") == 2          # two agreements of one verb, one each
    assert "Signings" not in _text(titles["project/b000000000000001"])


def test_text_in_the_panel_is_escaped(tmp_path):
    graph = money_graph()
    for fact in graph.facts:
        if fact.signing is not None and fact.signing.place:
            fact.signing = replace(fact.signing, document="<img src=x onerror=alert(1)>协议")
    title = _titles(write_html(graph, tmp_path / "graph.html").read_text(encoding="utf-8"))[
        SUBSIDIARY]
    assert "<img" not in title and "《&lt;img src=x onerror=alert(1)&gt;协议》" in title


def test_the_page_is_byte_identical_across_runs(tmp_path):
    first = write_html(money_graph(), tmp_path / "a.html").read_bytes()
    assert write_html(money_graph(), tmp_path / "b.html").read_bytes() == first


@pytest.mark.browser
@browser
def test_browser_shows_the_panel_of_a_searched_entity(tmp_path):
    page = write_html(money_graph(), tmp_path / "graph.html")
    info = _text(_info(chromium.dump_dom(page, "search=丙丁新能源科技有限公司")))
    assert "Parent company: 戊己控股集团股份有限公司" in info
    assert "Signings• 2025-04-17 《甲乙储能电池项目三方合作协议》 with 壬癸电力设计院有限公司、庚辛大学" \
        in info
    area = _text(_info(chromium.dump_dom(page, "search=赣州市")))
    assert "120亿元 (total, signing round of 36 projects)" in area
    assert "50亿元–80亿元 (planned, programme)" in area
