"""Issue 15 in RDF: subsidiaryOf and programmeInvestment stated like the other facts, the
money model on value nodes (currency, qualifier, scope, phase, bound, range, count of
projects), signings as n-ary events linked from their agreementWith statements; in the
ontology, checked by SHACL, under the build's base, byte-identical, in every format; and a
real build of invented pages."""
import json
import random

import pyoxigraph as ox
import pytest
import rdflib

import kg
from kg.link.iri import article_iri, entity_iri, using_base
from kg.rdf import vocabulary as V
from kg.rdf.build import build_dataset, iter_turtle
from kg.rdf.serialize import FORMATS, write_rdf
from kg.rdf.validate import validate, validate_graph
from kg.records import KnowledgeGraph
from tests.data import invented_signings as pages
from tests.data.invented_signings import (AREA, CENTRE, DESIGNER, FIRST, LATER,
                                          OWNED, PARENT, PROJECT, ROUND, ROUND_TOTAL, SECOND,
                                          SIGNER, SUBSIDIARY, UNIVERSITY, money_graph)

@pytest.fixture(scope="module")
def store():
    return build_dataset(money_graph()).store()


def select(store, body: str) -> list[dict]:
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in V.PREFIXES.items())
    result = store.query(prefixes + body, use_default_graph_as_union=True)
    return [{v.value: (s[v].value if s[v] is not None else None) for v in result.variables}
            for s in result]


def ask(store, body: str) -> bool:
    prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in V.PREFIXES.items())
    return bool(store.query(prefixes + "ASK " + body, use_default_graph_as_union=True))


def iri(key: str) -> str:
    return f"<{entity_iri(key)}>"


# ---------------------------------------------------------------- the relations

def test_a_subsidiary_is_a_direct_triple_and_a_statement_with_its_sentence(store):
    direct = f"ASK {{ {iri(SUBSIDIARY)} <{V.KG}subsidiaryOf> {iri(PARENT)} }}"
    assert store.query(direct)                                        # the default graph
    assert not store.query(f"ASK {{ GRAPH ?g {{ {iri(SUBSIDIARY)} <{V.KG}subsidiaryOf> ?p }} }}")
    rows = select(store, f"""SELECT ?evidence ?g WHERE {{ GRAPH ?g {{
        ?s a kg:Statement ; rdf:subject {iri(SUBSIDIARY)} ; rdf:predicate kg:subsidiaryOf ;
           rdf:object {iri(PARENT)} ; kg:evidence ?evidence ; prov:wasDerivedFrom ?g }} }}""")
    assert rows == [{"evidence": OWNED.sentence, "g": article_iri(ROUND)}]


def test_a_signing_rounds_total_is_a_money_node_of_its_area(store):
    rows = select(store, f"""SELECT ?value ?currency ?unit ?qualifier ?scope ?count WHERE {{
        {iri(AREA)} kg:programmeInvestment ?v . ?v a kg:MonetaryAmount ; kg:value ?value ;
        kg:currency ?currency ; kg:unit ?unit ; kg:qualifier ?qualifier ; kg:scope ?scope ;
        kg:projectCount ?count }}""")
    assert rows == [{"value": "12000000000", "currency": "CNY", "unit": "CNY",
                     "qualifier": "total", "scope": "signing", "count": "36"}]
    assert ask(store, f"""{{ {iri(AREA)} kg:programmeInvestment ?v . ?v kg:value 5000000000.0 ;
        kg:upper "8000000000"^^xsd:decimal ; kg:bound "range" ; kg:qualifier "planned" ;
        kg:scope "programme" }}""")
    assert ask(store, f"""{{ ?s a kg:Statement ; rdf:subject {iri(AREA)} ;
        rdf:predicate kg:programmeInvestment ; kg:evidence "{ROUND_TOTAL.sentence}"@zh }}""")
    assert not ask(store, f"{{ {iri(AREA)} kg:investmentAmount ?v }}")   # no project's


def test_amounts_keep_their_currency_and_compute_its_stage(store):
    assert ask(store, f"""{{ {iri(CENTRE)} kg:investmentAmount ?v . ?v kg:value 100000000.0 ;
        kg:currency "USD" ; kg:unit "USD" ; kg:bound "约" ; kg:scope "project" }}""")
    assert ask(store, f"""{{ {iri(PROJECT)} kg:investmentAmount ?v . ?v kg:currency "CNY" ;
        kg:qualifier "total" ; kg:scope "project" }}""")
    assert ask(store, f"""{{ {iri(CENTRE)} kg:computeCapacity ?v . ?v kg:status "planned" ;
        kg:stage "under construction" }}""")
    assert not ask(store, "{ ?v kg:currency ?c ; a kg:ComputeQuantity }")


# ---------------------------------------------------------------- signings

def test_a_signing_is_one_event_with_every_party_and_the_pairs_stay(store):
    rows = select(store, f"""SELECT ?signing ?date ?place ?name ?document ?article WHERE {{
        ?signing a kg:Signing ; kg:party {iri(DESIGNER)} ; kg:date ?date ; kg:place ?place ;
        kg:placeName ?name ; kg:signedDocument ?document ; prov:wasDerivedFrom ?article }}""")
    assert len(rows) == 1
    signing = rows[0].pop("signing")
    assert signing.startswith(V.current_base() + "signing/")
    assert rows[0] == {"date": "2025-04-17", "place": entity_iri(AREA), "name": "赣州市",
                       "document": "甲乙储能电池项目三方合作协议", "article": article_iri(ROUND)}
    parties = {r["p"] for r in select(store, f"SELECT ?p WHERE {{ <{signing}> kg:party ?p }}")}
    # the party the linker left out of the record is a side of two of its facts
    assert parties == {entity_iri(k) for k in (SUBSIDIARY, UNIVERSITY, DESIGNER)}
    pairs = select(store, "SELECT ?a ?b WHERE { ?a kg:agreementWith ?b }")
    assert len(pairs) == 5
    signed = select(store, f"""SELECT ?o ?g WHERE {{ GRAPH ?g {{ ?s kg:signing <{signing}> ;
        rdf:predicate kg:agreementWith ; rdf:object ?o }} }}""")
    assert sorted((r["o"], r["g"]) for r in signed) == sorted(
        [(entity_iri(SUBSIDIARY), article_iri(ROUND))] + [(entity_iri(UNIVERSITY),
                                                           article_iri(ROUND))] * 2)
    # the same pair read again later is a statement without the signing (not of that article)
    assert select(store, f"""SELECT ?s WHERE {{ GRAPH <{article_iri(LATER)}> {{
        ?s rdf:predicate kg:agreementWith . FILTER NOT EXISTS {{ ?s kg:signing ?any }} }} }}""")


def test_one_verb_signing_two_agreements_gives_two_signings(store):
    rows = select(store, f"""SELECT ?signing ?other WHERE {{ ?signing a kg:Signing ;
        kg:party {iri(SIGNER)} , ?other . FILTER(?other != {iri(SIGNER)}) }}""")
    assert len({r["signing"] for r in rows}) == 2
    assert sorted(r["other"] for r in rows) == sorted([entity_iri(FIRST), entity_iri(SECOND)])


# ---------------------------------------------------------------- SHACL

def _rdflib_graph(graph: KnowledgeGraph) -> rdflib.Graph:
    data = rdflib.Graph()
    text = V.prefix_header() + b"".join(t for t, _ in iter_turtle(graph)).decode("utf-8")
    data.parse(data=text, format="turtle")
    return data


def test_the_graph_conforms_to_the_shapes():
    assert validate_graph(_rdflib_graph(money_graph())) == []


def test_shapes_catch_bad_money_subsidiaries_and_signings():
    KG = rdflib.Namespace(V.KG)
    data = _rdflib_graph(money_graph())
    round_total = data.value(rdflib.URIRef(entity_iri(AREA)), KG.programmeInvestment)
    project_total = data.value(rdflib.URIRef(entity_iri(PROJECT)), KG.investmentAmount)
    dollars = data.value(rdflib.URIRef(entity_iri(CENTRE)), KG.investmentAmount)
    data.set((round_total, KG.qualifier, rdflib.Literal("estimated")))
    data.set((project_total, KG.scope, rdflib.Literal("programme")))
    data.set((dollars, KG.currency, rdflib.Literal("EUR")))
    data.add((rdflib.URIRef(entity_iri(PARENT)), KG.subsidiaryOf,
              rdflib.URIRef(entity_iri(CENTRE))))
    signing = next(data.subjects(KG.party, rdflib.URIRef(entity_iri(FIRST))))
    data.remove((signing, KG.party, rdflib.URIRef(entity_iri(SIGNER))))
    statement = next(data.subjects(rdflib.RDF.predicate, KG.subsidiaryOf))
    data.add((statement, KG.signing, signing))
    report = "\n".join(validate_graph(data))
    assert "qualifier must be one of total, phase, cumulative, planned, completed, not " \
           "'estimated'" in report
    assert "scope is 'programme', not one project" in report
    assert "currency must be one ISO 4217 code, CNY or USD, not 'EUR'" in report
    assert "currency and unit disagree" in report
    assert "subsidiaryOf points to 甲乙跨境数据中心项目" in report
    assert "a signing needs at least two parties" in report
    assert "only an agreementWith statement is read from a signing" in report


# ---------------------------------------------------------------- determinism, base, formats

def test_the_rdf_is_byte_identical_whatever_the_order_of_the_records():
    first = b"".join(text for text, _ in iter_turtle(money_graph()))
    shuffled = money_graph()
    rng = random.Random(7)
    for records in (shuffled.entities, shuffled.facts, shuffled.relations, shuffled.articles):
        rng.shuffle(records)
    assert b"".join(text for text, _ in iter_turtle(shuffled)) == first


def test_signings_and_values_are_minted_under_the_builds_base():
    base = "https://data.example.com/kg/"
    with using_base(base):
        store = build_dataset(money_graph()).store()
    iris = {term.value for quad in store for term in (quad.subject, quad.object)
            if isinstance(term, ox.NamedNode)}
    signings = {i for i in iris if "/signing/" in i}
    assert len(signings) == 3 and all(i.startswith(base + "signing/") for i in signings)
    assert not {i for i in iris if i.startswith("https://kg.example.org/")
                and not i.startswith(V.KG)}


def test_every_format_carries_relations_money_and_signings(tmp_path):
    write_rdf(money_graph(), tmp_path, formats=tuple(FORMATS))
    turtle = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    KG = rdflib.Namespace(V.KG)
    assert len(set(turtle.subjects(rdflib.RDF.type, KG.Signing))) == 3
    assert (rdflib.URIRef(entity_iri(SUBSIDIARY)), KG.subsidiaryOf,
            rdflib.URIRef(entity_iri(PARENT))) in turtle
    trig = ox.Store()
    trig.load(path=str(tmp_path / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert len(list(trig.quads_for_pattern(None, ox.NamedNode(V.SIGNING), None,
                                           ox.NamedNode(article_iri(ROUND))))) == 3
    jsonld = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    nodes = {node["@id"]: node for node in jsonld["@graph"]}
    signing = next(n for n in nodes.values() if n.get("@type") == "Signing"
                   and n.get("placeName") == "赣州市")
    assert signing["date"] == "2025-04-17" and len(signing["party"]) == 3
    assert signing["signedDocument"] == "甲乙储能电池项目三方合作协议"
    amounts = [nodes[i] for i in nodes[entity_iri(AREA)]["programmeInvestment"]]
    assert {(a["scope"], a.get("projectCount"), a["currency"]) for a in amounts} == {
        ("signing", "36", "CNY"), ("programme", None, "CNY")}
    assert nodes[entity_iri(SUBSIDIARY)]["subsidiaryOf"] == entity_iri(PARENT)
    round_graph = {n["@id"]: n for n in nodes[article_iri(ROUND)]["@graph"]}
    assert sum(1 for n in round_graph.values() if "signing" in n) == 3
    for name in ("graph.nt", "graph.nq"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert f"<{V.SIGNING_CLASS}>" in text and f"<{V.KG}programmeInvestment>" in text


# ---------------------------------------------------------------- a real build

@pytest.fixture(scope="module")
def invented_pages(tmp_path_factory):
    return pages.write_pages(tmp_path_factory.mktemp("issue15_pages"))


@pytest.fixture(scope="module")
def invented_build(invented_pages, tmp_path_factory):
    out = tmp_path_factory.mktemp("issue15_build")
    kg.build(invented_pages, out)
    return out


def test_a_build_of_invented_pages_states_them_and_validates(invented_build):
    assert validate(invented_build) == []
    graph = kg.open_graph(invented_build)
    [parent] = graph.query(f"""SELECT ?parent WHERE {{ ?s rdfs:label "{pages.SUBSIDIARY_NAME}"@zh ;
        kg:subsidiaryOf/rdfs:label ?parent }}""")
    assert parent == {"parent": pages.PARENT_NAME}
    rounds = graph.query(f"""SELECT ?value ?scope WHERE {{ ?a rdfs:label "{pages.ROUND_AREA}"@zh ;
        kg:programmeInvestment ?v . ?v kg:value ?value ; kg:scope ?scope ; kg:currency "CNY" }}""")
    assert rounds == [{"value": 12000000000, "scope": "signing"}]
    dollars = graph.query(f"""SELECT ?value WHERE {{ ?c rdfs:label "{pages.DOLLAR_CENTRE}"@zh ;
        kg:investmentAmount ?v . ?v kg:value ?value ; kg:currency "USD" }}""")
    assert dollars == [{"value": 100000000}]
    signings = graph.query("""SELECT ?s (COUNT(?p) AS ?n) (SAMPLE(?where) AS ?place) WHERE {
        ?s a kg:Signing ; kg:party ?p . OPTIONAL { ?s kg:place/rdfs:label ?where } }
        GROUP BY ?s ORDER BY DESC(?n) ?s""")
    assert [row["n"] for row in signings] == [3, 2, 2]
    assert signings[0]["place"] == pages.ROUND_AREA
    linked = graph.query("SELECT (COUNT(?st) AS ?n) WHERE { ?st kg:signing ?s ; "
                         "rdf:predicate kg:agreementWith }")
    assert linked == [{"n": 5}]


def test_a_rebuild_is_byte_identical(invented_pages, invented_build, tmp_path):
    kg.build(invented_pages, tmp_path)
    for name in ("graph.ttl", "facts.jsonl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (invented_build / name).read_bytes(), name


# ---------------------------------------------------------------- the ontology

def test_the_ontology_shapes_and_context_know_the_new_terms():
    from rdflib.namespace import OWL, RDF, RDFS
    KG, SH = rdflib.Namespace(V.KG), rdflib.Namespace(V.SH)
    schema, org = rdflib.Namespace(V.SCHEMA), rdflib.Namespace(V.ORG)
    ontology = rdflib.Graph().parse(V.ontology_dir() / "kg.ttl", format="turtle")
    for name in ("subsidiaryOf", "programmeInvestment", "party", "place", "signing"):
        assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology, name
        assert ontology.value(KG[name], RDFS.domain) is not None, name
        assert ontology.value(KG[name], RDFS.range) is not None, name
    assert (KG.subsidiaryOf, RDFS.subPropertyOf, schema.parentOrganization) in ontology
    assert (KG.subsidiaryOf, RDFS.range, org.Organization) in ontology
    assert (KG.programmeInvestment, RDFS.range, KG.MonetaryAmount) in ontology
    assert (KG.Signing, RDF.type, OWL.Class) in ontology
    assert (KG.currency, RDFS.subPropertyOf, schema.currency) in ontology
    for name in ("currency", "qualifier", "scope", "bound", "upper", "projectCount", "stage",
                 "placeName", "signedDocument"):
        assert (KG[name], RDF.type, OWL.DatatypeProperty) in ontology, name
    comments = " ".join(str(c) for c in ontology.objects(KG.currency, RDFS.comment))
    assert "ISO 4217" in comments and "QUDT" in comments          # the choice is explained
    shapes = rdflib.Graph().parse(V.ontology_dir() / "shapes.ttl", format="turtle")
    assert {KG.subsidiaryOf, KG.programmeInvestment} <= set(
        shapes.objects(None, SH.targetSubjectsOf))
    assert KG.Signing in set(shapes.objects(None, SH.targetClass))
    context = json.loads((V.ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    assert {"subsidiaryOf", "programmeInvestment", "Signing", "party", "signing", "currency",
            "qualifier", "scope", "projectCount"} <= set(context["@context"])
