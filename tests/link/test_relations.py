"""Relations beside the scored facts (subsidiaryOf, programmeInvestment) and signing events
survive linking and the record files: linked to entity ids, written to facts.jsonl and
read back."""
from kg.extract import extract
from kg.graphio import read_graph, write_graph
from kg.link.resolve import link
from kg.nlp.pipeline import analyse
from tests.helpers import article


def _graph(*texts):
    articles = [article(t, doc=f"doc{i}") for i, t in enumerate(texts)]
    return link(extract(a, d) for a, d in analyse(articles))[0]


def test_relations_and_signings_are_linked_and_round_trip(tmp_path):
    graph = _graph("丙丁科技股份有限公司全资子公司甲乙智算有限公司投资建设甲乙智算中心。",
                   "4月17日，赣州市重大项目集中签约活动举行，现场签约项目36个，总投资120亿元。",
                   "4月21日，丙丁科技股份有限公司与庚辛大学、戊己能源有限公司在成都签订三方投资协议。")
    by_id = {e.id: e.label for e in graph.entities}
    relations = {(by_id[f.subject], f.predicate, by_id.get(f.object), f.value, f.scope, f.count)
                 for f in graph.relations}
    assert ("甲乙智算有限公司", "subsidiaryOf", "丙丁科技股份有限公司", None, None, None) in relations
    assert ("赣州市", "programmeInvestment", None, 1.2e10, "signing", 36) in relations
    assert not any(f.predicate in ("subsidiaryOf", "programmeInvestment") for f in graph.facts)
    signings = {f.signing for f in graph.facts if f.predicate == "agreementWith"}
    assert len(signings) == 1
    signing = signings.pop()
    assert {by_id[p] for p in signing.parties} == {"丙丁科技股份有限公司", "庚辛大学", "戊己能源有限公司"}

    write_graph(graph, tmp_path)
    again = read_graph(tmp_path)
    assert sorted(f.key() for f in again.relations) == sorted(f.key() for f in graph.relations)
    assert {f.signing for f in again.facts if f.signing} == {f.signing for f in graph.facts
                                                             if f.signing}


def test_a_bound_written_with_an_amount_is_kept_through_linking(tmp_path):
    graph = _graph("5月3日，甲乙智算中心开工，总投资超50亿元。")
    amounts = [f for f in graph.facts if f.predicate == "investmentAmount"]
    assert [(f.value, f.bound) for f in amounts] == [(5e9, "超")]
    write_graph(graph, tmp_path)
    assert [(f.value, f.bound) for f in read_graph(tmp_path).facts
            if f.predicate == "investmentAmount"] == [(5e9, "超")]
