"""SHACL validation in plain words: the sample conforms, deliberate breakage is named."""
import pytest

from kg.rdf.serialize import write_rdf
from kg.rdf.validate import ValidationError, validate
from kg.records import Entity, LinkedFact, Source
from tests.data.sample import sample_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

CENTRE = "https://kg.example.org/id/computecenter/aaaa000000000001"
PERSON = "https://kg.example.org/id/person/cccc000000000001"


def test_sample_build_conforms(sample_build):
    assert validate(sample_build) == []


def test_located_in_a_person_is_reported_in_plain_words(tmp_path):
    graph = sample_graph()
    graph.facts.append(LinkedFact("computecenter/aaaa000000000001", "locatedIn",
                                  [Source("page_a", "page_a#1", 0, 4, "甲乙智算中心。")],
                                  object="person/cccc000000000001"))
    write_rdf(graph, tmp_path, store=False)
    assert validate(tmp_path) == [
        f"甲乙智算中心 ({CENTRE}): locatedIn points to 王小明 ({PERSON}) "
        "which is not an AdminArea or Zone"]


def test_bad_amounts_missing_labels_and_untyped_objects_are_reported(tmp_path):
    graph = sample_graph()
    graph.entities[0].label = ""
    graph.facts.append(LinkedFact("computecenter/aaaa000000000002", "investmentAmount", [],
                                  value=-1.0, unit="EUR"))
    graph.facts.append(LinkedFact("computecenter/aaaa000000000002", "investor", [],
                                  object="company/unlisted000000"))
    write_rdf(graph, tmp_path, store=False)
    report = "\n".join(validate(tmp_path))
    assert "https://kg.example.org/id/area/650000: must have exactly one non-empty label" in report
    assert "investmentAmount of 丙丁县" in report and "needs the unit CNY or USD, not 'EUR'" in report
    assert "currency must be one ISO 4217 code, CNY or USD, not 'EUR'" in report
    assert "non-negative xsd:decimal value" in report
    assert ("https://kg.example.org/id/company/unlisted000000: must have exactly one entity "
            "type") in report


def test_statement_without_evidence_is_reported(tmp_path):
    graph = sample_graph()
    graph.facts[0].sources = [Source("page_a", "page_a#1", 10, 5, "")]
    write_rdf(graph, tmp_path, store=False)
    report = validate(tmp_path)
    assert any("a statement needs its evidence sentence" in line for line in report)
    assert any("start offset is after its end offset" in line for line in report)


def test_the_store_is_validated_when_no_turtle_was_written(tmp_path):
    graph = sample_graph()
    graph.entities.append(Entity("person/x", "Person", "甲某"))
    graph.facts.append(LinkedFact("person/x", "locatedIn", [], object="area/659900"))
    write_rdf(graph, tmp_path, formats=())
    assert validate(tmp_path) == [
        "甲某 (https://kg.example.org/id/person/x): is located somewhere but is not a "
        "ComputeCenter, Project, Company, Zone, Port or ResearchOrg"]


def test_nothing_to_validate_is_a_clear_error(tmp_path):
    with pytest.raises(ValidationError, match="nothing to validate in .*no graph.ttl"):
        validate(tmp_path)


def test_unparsable_turtle_is_a_clear_error(tmp_path):
    (tmp_path / "graph.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"cannot parse .*graph\.ttl"):
        validate(tmp_path)
