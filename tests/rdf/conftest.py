"""Fixtures of the RDF tests: the sample graph written once per module."""
import pytest

from kg.rdf.serialize import FORMATS, write_rdf
from tests.data.sample import sample_graph


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample_build")
    write_rdf(sample_graph(), out, formats=tuple(FORMATS))
    return out
