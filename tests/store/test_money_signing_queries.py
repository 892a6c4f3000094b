"""The named queries of issue 15 on a build of invented pages: ``signings`` (every party,
date, place and document, newest first; a party's name or IRI narrows them) and ``money``
(every amount of an entity, named by label, alias or IRI, with currency, qualifier, scope
and sentence), from Python and from ``kg query``."""
import json

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.store.embedded import list_queries, query_parameters
from tests.data import invented_signings as pages


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("signings_build")
    kg.build(pages.write_pages(tmp_path_factory.mktemp("signings_pages")), out)
    return out


@pytest.fixture(scope="module")
def graph(build):
    return kg.open_graph(build)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_queries_are_listed_with_their_parameter():
    queries = list_queries()
    assert {"signings", "money"} <= set(queries)
    assert "newest first" in queries["signings"] and "currency" in queries["money"]
    assert query_parameters("money") == ["entity"]
    assert query_parameters("signings") == ["entity"]


def test_signings_newest_first_with_every_party(graph):
    rows = graph.named_query("signings")
    assert [(r["date"], r["party_count"]) for r in rows] == [
        ("2025-05-05", 2), ("2025-05-05", 2), ("2025-04-17", 3)]
    three = rows[-1]
    assert three["parties"] == ", ".join(sorted(pages.THREE_PARTY_NAMES))
    assert three["place"] == pages.ROUND_AREA
    assert three["document"] == pages.THREE_PARTY_DOCUMENT
    assert "三方合作协议" in three["evidence"] and three["article"].endswith("/signing_round/1")
    apart = {r["parties"] for r in rows[:2]}
    assert apart == {", ".join(sorted((pages.SIGNER_NAME, other)))
                     for other in pages.SIGNED_APART_NAMES}


def test_signings_of_one_party_by_name_or_iri(graph):
    by_name = graph.named_query("signings", entity=pages.THREE_PARTY_NAMES[1])
    assert [r["party_count"] for r in by_name] == [3]
    [iri] = graph.query(f'SELECT ?e WHERE {{ ?e rdfs:label "{pages.SIGNER_NAME}"@zh }}')
    by_iri = graph.named_query("signings", entity=iri["e"])
    assert len(by_iri) == 2 and all(pages.SIGNER_NAME in r["parties"] for r in by_iri)
    assert graph.named_query("signings", entity="无此单位") == []


def test_money_of_an_area_and_of_a_project(graph):
    [round_total] = graph.named_query("money", entity=pages.ROUND_AREA)
    assert {k: round_total[k] for k in ("entity", "predicate", "value", "currency", "qualifier",
                                        "scope")} == {
        "entity": pages.ROUND_AREA, "predicate": "programmeInvestment", "value": 12000000000,
        "currency": "CNY", "qualifier": "total", "scope": "signing"}
    assert "签约项目36个" in round_total["evidence"]
    [dollars] = graph.named_query("money", entity=pages.DOLLAR_CENTRE)
    assert (dollars["value"], dollars["currency"], dollars["scope"]) == (100000000, "USD",
                                                                         "project")
    assert dollars["iri"].startswith("https://kg.example.org/id/computecenter/")
    assert graph.named_query("money", entity=dollars["iri"]) == [dollars]
    everything = graph.named_query("money")
    assert {r["predicate"] for r in everything} == {"investmentAmount", "programmeInvestment"}
    assert len(everything) == 3


def test_kg_query_runs_them_from_the_command_line(build):
    table = run("query", build, "--name", "signings")
    assert table.exit_code == 0, table.output
    header = table.output.splitlines()[0].split()
    assert header[:5] == ["date", "|", "parties", "|", "party_count"]
    assert "(3 rows)" in table.output and pages.THREE_PARTY_DOCUMENT in table.output
    money = run("query", build, "--name", "money", "--param", f"entity={pages.ROUND_AREA}",
                "--format", "json")
    assert money.exit_code == 0, money.output
    [row] = json.loads(money.output)
    assert (row["value"], row["scope"], row["currency"]) == (12000000000, "signing", "CNY")
    wrong = run("query", build, "--name", "money", "--param", "company=x")
    assert wrong.exit_code == 1 and "has no parameter 'company'" in wrong.output
