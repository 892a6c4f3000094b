"""The networkx view and the metrics: structure, properties and the sample's roll-ups."""
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analytics import metrics
from kg.analytics.graph import GraphError, to_networkx, undirected_weighted
from kg.analytics.metrics import (
    area_level, article_bridges, betweenness, communities, cut_points, format_money,
    pagerank, ranked, rollup_by_area, timeline,
)
from kg.records import Entity, KnowledgeGraph, LinkedFact, Source
from tests.data.sample import sample_graph

CC = "computecenter/aaaa000000000001"
CC2 = "computecenter/aaaa000000000002"
COMPANY = "company/bbbb000000000001"


def _src(sentence="某句。", article="doc#1"):
    return Source(article.split("#")[0], article, 0, len(sentence), sentence)


def test_nodes_are_entities_and_quantities_are_attributes():
    graph = to_networkx(sample_graph())
    assert graph.number_of_nodes() == 8
    assert graph.nodes[CC]["investment"] == 2.5e9
    assert graph.nodes[CC]["compute_planned"] == 20000.0
    assert graph.nodes[CC]["compute_current"] is None
    assert graph.nodes[CC2]["compute_current"] == 500.0
    predicates = sorted(p for _, _, p in graph.edges(data="predicate"))
    assert predicates == ["agreementWith", "holdsPosition", "investor", "locatedIn",
                          "locatedIn", "partOf", "partOf"]
    investor = [d for u, v, d in graph.edges(data=True) if d["predicate"] == "investor"][0]
    assert investor["articles"] == ["page_a#1"]
    assert investor["evidence"] == [("甲乙智算中心由某某能源有限公司投资建设，总投资25亿元。",
                                     "page_a#1")]
    position = [d for u, v, d in graph.edges(data=True) if d["predicate"] == "holdsPosition"]
    assert position[0]["title"] == "总经理"


def test_total_and_phase_amounts_are_not_added():
    entities = [Entity("project/p1", "Project", "甲乙项目")]
    facts = [LinkedFact("project/p1", "investmentAmount", [_src()], value=1e9, unit="CNY"),
             LinkedFact("project/p1", "investmentAmount", [_src()], value=4e8, unit="CNY",
                        phase="一期")]
    assert to_networkx(KnowledgeGraph(entities, facts, [])).nodes["project/p1"][
        "investment"] == 1e9


def test_an_amount_in_dollars_is_no_part_of_the_yuan_total_and_keeps_its_currency():
    entities = [Entity("project/p1", "Project", "甲乙项目")]
    facts = [LinkedFact("project/p1", "investmentAmount", [_src()], value=1e8, unit="USD"),
             LinkedFact("project/p1", "investmentAmount", [_src()], value=3e8, unit="CNY")]
    assert to_networkx(KnowledgeGraph(entities, facts, [])).nodes["project/p1"][
        "investment"] == 3e8
    assert metrics.describe_value(facts[0], {}) == "1亿美元"
    assert metrics.describe_value(facts[1], {}) == "3亿元"
    only_dollars = KnowledgeGraph(entities, facts[:1], [])
    assert to_networkx(only_dollars).nodes["project/p1"]["investment"] is None


def test_unknown_entity_is_a_clear_error():
    graph = KnowledgeGraph([Entity("project/p1", "Project", "甲乙项目")],
                           [LinkedFact("project/p1", "locatedIn", [_src()], object="area/1")], [])
    with pytest.raises(GraphError, match=r"fact 0 \(locatedIn\) object refers to unknown "
                                         r"entity 'area/1'"):
        to_networkx(graph)


def test_pagerank_sums_to_one_and_ranks_the_hub_first():
    ranks = pagerank(to_networkx(sample_graph()))
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert metrics.ranked(ranks)[0][0] == COMPANY


def test_bridges_and_cut_points_of_the_sample():
    graph = to_networkx(sample_graph())
    assert article_bridges(graph)[COMPANY] == 3
    cuts = cut_points(graph)
    # The company joins its person and the government body to the rest.
    assert cuts[COMPANY] == 2
    assert "person/cccc000000000001" not in cuts


def test_communities_partition_the_sample_and_are_named_by_central_members():
    graph = to_networkx(sample_graph())
    groups = communities(graph)
    members = [m for c in groups for m in c.members]
    assert sorted(members) == sorted(graph.nodes)
    company_group = next(c for c in groups if COMPANY in c.members)
    assert company_group.members[0] == COMPANY
    assert company_group.name.startswith("某某能源有限公司")
    assert [c.index for c in groups] == list(range(1, len(groups) + 1))


def test_rollup_of_the_sample_follows_part_of():
    rollups = {r.label: r for r in rollup_by_area(to_networkx(sample_graph()))}
    city, county, province = rollups["甲乙市"], rollups["丙丁县"], rollups["新疆维吾尔自治区"]
    assert (province.level, city.level, county.level) == ("province", "prefecture", "county")
    assert city.investment == 2.5e9                      # its compute centre's 25亿元
    assert city.compute_planned == 20000.0
    assert city.compute_current == 500.0                 # from the county's centre
    assert county.compute_current == 500.0 and county.investment is None
    assert province.investment == city.investment
    assert province.compute_planned == city.compute_planned
    assert province.compute_current == county.compute_current  # two levels down
    assert sorted(province.contributors) == [CC, CC2]


def test_rollup_counts_an_entity_once_when_placed_at_two_levels():
    entities = [Entity("area/990000", "AdminArea", "甲省", code="990000"),
                Entity("area/990100", "AdminArea", "乙市", code="990100", parent="area/990000"),
                Entity("area/990101", "AdminArea", "丙县", code="990101", parent="area/990100"),
                Entity("zone/z", "Zone", "丁工业园", parent="area/990101"),
                Entity("project/p", "Project", "戊项目")]
    facts = [LinkedFact("project/p", "locatedIn", [_src()], object="area/990100"),
             LinkedFact("project/p", "locatedIn", [_src()], object="zone/z"),
             LinkedFact("project/p", "investmentAmount", [_src()], value=3e8, unit="CNY")]
    rollups = {r.area: r for r in rollup_by_area(to_networkx(KnowledgeGraph(entities, facts, [])))}
    assert rollups["area/990101"].investment == 3e8      # reached through the zone
    assert rollups["area/990100"].investment == 3e8      # not 6e8
    assert rollups["area/990000"].investment == 3e8


def test_area_levels_from_codes_and_names():
    entities = [Entity("area/a", "AdminArea", "某某自治区"), Entity("area/b", "AdminArea", "某某地区"),
                Entity("area/c", "AdminArea", "某某县"), Entity("area/d", "AdminArea", "某某市",
                                                              parent="area/b"),
                Entity("area/e", "AdminArea", "某国"), Entity("area/f", "AdminArea", "某某",
                                                            code="659001")]
    graph = to_networkx(KnowledgeGraph(entities, [], []))
    assert [area_level(graph, e.id) for e in entities] == [
        "province", "prefecture", "county", "county", "other", "county"]


def test_timeline_is_dated_and_ordered():
    events = timeline(sample_graph())
    assert [e.date for e in events] == sorted(e.date for e in events)
    money = [e for e in events if e.predicate == "investmentAmount"]
    assert len(money) == 1
    assert (money[0].date, money[0].label, money[0].detail) == ("2025-04-03", "甲乙智算中心",
                                                                "25亿元")
    # The person's post is not a project event.
    assert all(e.predicate != "holdsPosition" for e in events)


def test_format_money():
    assert format_money(2.5e9) == "25亿元"
    assert format_money(1.234e8) == "1.23亿元"
    assert format_money(5e4) == "5万元"
    assert format_money(800) == "800元"


# ---------------------------------------------------------------- random graphs

@st.composite
def random_graphs(draw):
    n = draw(st.integers(min_value=1, max_value=30))
    entities = [Entity(f"project/{i}", "Project", f"项目{i}") for i in range(n)]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    facts = [LinkedFact(f"project/{a}", "builtBy", [_src()], object=f"project/{b}")
             for a, b in pairs]
    return KnowledgeGraph(entities, facts, [])


@settings(max_examples=40, deadline=None)
@given(random_graphs())
def test_random_graph_properties(graph):
    nxg = to_networkx(graph)
    ranks = pagerank(nxg)
    assert sum(ranks.values()) == pytest.approx(1.0)
    groups = communities(nxg, ranks=ranks)
    members = [m for c in groups for m in c.members]
    assert sorted(members) == sorted(nxg.nodes)          # a partition: every node once
    assert communities(nxg, ranks=ranks) == groups        # fixed seed: same result
    exact = nx.betweenness_centrality(undirected_weighted(nxg), normalized=True)
    assert betweenness(nxg) == pytest.approx(exact, abs=1e-12)   # igraph = networkx


def _ring_of_cliques(cliques: int, size: int) -> KnowledgeGraph:
    entities, facts = [], []
    for c in range(cliques):
        ids = [f"project/{c}-{i}" for i in range(size)]
        entities += [Entity(i, "Project", f"项目{i}") for i in ids]
        facts += [LinkedFact(a, "builtBy", [_src()], object=b)
                  for k, a in enumerate(ids) for b in ids[k + 1:]]
        facts.append(LinkedFact(ids[0], "builtBy", [_src()],
                                object=f"project/{(c + 1) % cliques}-1"))
    return KnowledgeGraph(entities, facts, [])


def test_large_graph_branches_are_deterministic(monkeypatch):
    """Sampled betweenness and Leiden, forced on a small graph by lowering the limits."""
    pytest.importorskip("igraph")
    nxg = to_networkx(_ring_of_cliques(8, 6))
    monkeypatch.setattr(metrics, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLES", 12)
    monkeypatch.setattr(metrics, "LEIDEN_ABOVE", 10)
    first = betweenness(nxg)
    assert betweenness(nxg) == first
    assert len(first) == 48 and max(first.values()) > 0
    groups = communities(nxg)
    assert sorted(m for c in groups for m in c.members) == sorted(nxg.nodes)
    assert len(groups) == 8                              # the cliques are found
    assert communities(nxg) == groups


def test_sampled_betweenness_estimates_the_exact_values(monkeypatch):
    """Averaged over seeds, the estimate from sampled sources matches the exact values,
    and the nodes that join the cliques stay on top."""
    nxg = to_networkx(_ring_of_cliques(10, 5))
    exact = betweenness(nxg)
    monkeypatch.setattr(metrics, "BETWEENNESS_EXACT_LIMIT", 10)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLES", 10)
    runs = [betweenness(nxg, seed=seed) for seed in range(40)]
    mean = {node: sum(run[node] for run in runs) / len(runs) for node in exact}
    assert sum(mean.values()) == pytest.approx(sum(exact.values()), rel=0.05)
    top = {node for node, _ in ranked(mean, 20)}
    assert top == {f"project/{c}-{i}" for c in range(10) for i in (0, 1)}


@settings(max_examples=60, deadline=None)
@given(random_graphs(), st.integers(0, 3))
def test_louvain_and_pagerank_are_networkx_s_to_the_last_bit(graph, seed):
    """Our Louvain and PageRank replace networkx's for speed, not for other answers."""
    from kg.analytics.louvain import louvain_communities

    simple = undirected_weighted(to_networkx(graph))
    expected = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    assert sorted(map(sorted, louvain_communities(simple, seed=seed))) == \
        sorted(map(sorted, expected))
    if simple.number_of_nodes():
        assert pagerank(to_networkx(graph)) == nx.pagerank(
            simple, alpha=0.85, weight="weight", tol=1e-10, max_iter=500)


def test_weighted_louvain_with_self_loops_matches_networkx():
    import random

    from kg.analytics.louvain import louvain_communities

    for case in range(30):
        rng = random.Random(case)
        graph = nx.gnm_random_graph(40, 70, seed=case)
        simple = nx.Graph()
        simple.add_nodes_from(rng.sample(list(graph), len(graph)))
        simple.add_weighted_edges_from((u, v, rng.randint(1, 5)) for u, v in graph.edges())
        simple.add_edge(0, 0, weight=2)
        assert sorted(map(sorted, louvain_communities(simple, seed=case))) == sorted(map(
            sorted, nx.community.louvain_communities(simple, weight="weight", seed=case)))


def test_derived_views_are_kept_until_the_graph_changes():
    nxg = to_networkx(sample_graph())
    assert undirected_weighted(nxg) is undirected_weighted(nxg)
    before = pagerank(nxg)
    nxg.add_edge(CC, COMPANY, key="extra", predicate="investor")
    assert undirected_weighted(nxg)[CC][COMPANY]["weight"] == 2
    assert pagerank(nxg) != before
