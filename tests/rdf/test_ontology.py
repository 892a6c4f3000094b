"""The ontology, shapes and JSON-LD context: parse, declare every term the build uses,
label them in Chinese and English, and agree with each other."""
import json

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf import vocabulary as V
from kg.rdf.build import build_dataset
from kg.records import ENTITY_TYPES, PREDICATES
from tests.data.sample import sample_graph

KG = rdflib.Namespace(V.KG)


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(V.ontology_dir() / "kg.ttl", format="turtle")


def test_ontology_declares_types_predicates_and_part_of(ontology):
    for name in ENTITY_TYPES:
        assert (KG[name], RDF.type, OWL.Class) in ontology, name
    for name in PREDICATES:
        assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology, name
    assert (KG.partOf, RDF.type, OWL.TransitiveProperty) in ontology
    assert (KG.agreementWith, RDF.type, OWL.SymmetricProperty) in ontology


@pytest.mark.parametrize("name", [*ENTITY_TYPES, *PREDICATES, "partOf", "Article", "Statement",
                                  "mentions", "MonetaryAmount", "ComputeQuantity"])
def test_terms_have_chinese_and_english_labels(ontology, name):
    languages = {label.language for label in ontology.objects(KG[name], RDFS.label)}
    assert {"zh", "en"} <= languages


def test_every_class_and_property_the_build_uses_is_declared(ontology):
    declared = set(ontology.subjects(RDF.type, None))
    used = set()
    for quad in build_dataset(sample_graph()).quads():
        if quad.predicate.value == V.TYPE:
            used.add(rdflib.URIRef(quad.object.value))
        else:
            used.add(rdflib.URIRef(quad.predicate.value))
    undeclared = {term for term in used if term not in declared
                  and not str(term).startswith((V.RDF, V.RDFS))}
    assert undeclared == set()


def test_alignment_to_public_vocabularies(ontology):
    schema, org = rdflib.Namespace(V.SCHEMA), rdflib.Namespace(V.ORG)
    wdt = rdflib.Namespace(V.WDT)
    assert (KG.Person, RDFS.subClassOf, schema.Person) in ontology
    assert (KG.Company, RDFS.subClassOf, org.FormalOrganization) in ontology
    assert (KG.MonetaryAmount, RDFS.subClassOf, schema.MonetaryAmount) in ontology
    assert (KG.Statement, RDFS.subClassOf, rdflib.URIRef(V.PROV + "Entity")) in ontology
    assert (wdt.P131, RDFS.subPropertyOf, KG.locatedIn) in ontology
    assert (KG.partOf, RDFS.subPropertyOf, wdt.P131) in ontology


def test_provenance_choice_is_explained(ontology):
    comments = " ".join(str(c) for c in ontology.objects(
        rdflib.URIRef("https://kg.example.org/ontology"), RDFS.comment))
    assert "RDF-star" in comments and "named graph" in comments and "reif" in comments.lower()


def test_context_terms_expand_to_declared_terms(ontology):
    context = json.loads((V.ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    prefixes = {k: v for k, v in context["@context"].items()
                if isinstance(v, str) and v.startswith("http")}
    declared = set(ontology.subjects(RDF.type, None))
    for term, definition in context["@context"].items():
        if term.startswith("@"):
            continue
        iri = definition if isinstance(definition, str) else definition["@id"]
        if iri.startswith(("@", "http")):
            continue
        prefix, _, local = iri.partition(":")
        expanded = rdflib.URIRef(prefixes[prefix] + local)
        if prefix == "kg":
            assert expanded in declared, term


def test_shapes_parse_and_cover_the_requirements():
    shapes = rdflib.Graph().parse(V.ontology_dir() / "shapes.ttl", format="turtle")
    sh = rdflib.Namespace(V.SH)
    targets = set(shapes.objects(None, sh.targetClass))
    assert {KG.Statement, KG.MonetaryAmount, KG.ComputeQuantity, KG.Article} <= targets
    assert KG.locatedIn in set(shapes.objects(None, sh.targetSubjectsOf))


def test_every_ontology_term_is_explained_in_chinese_and_english(ontology):
    unexplained = []
    for term in set(ontology.subjects(RDF.type, None)):
        if not str(term).startswith(V.KG):
            continue
        for annotation in (RDFS.label, RDFS.comment):
            languages = {text.language for text in ontology.objects(term, annotation)}
            if not {"zh", "en"} <= languages:
                unexplained.append((str(term), str(annotation)))
    assert unexplained == []
