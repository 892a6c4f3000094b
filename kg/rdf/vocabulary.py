"""The terms of the RDF output: namespaces, classes, properties and minted IRIs.

Only this module spells out IRIs.  Entity and article IRIs come from
:mod:`kg.link.iri`; IRIs of the nodes the RDF layer adds (statements, value nodes,
memberships, roles, conflicts, signings) are minted here from stable hashes, so the
same graph always gives the same IRIs and no blank node is ever needed.  All of them
are under the build's base (:func:`kg.link.iri.current_base`, ``--base-iri``); the
``*_BASE`` names below are those of the default base.  The ontology (``KG``) keeps the
project's namespace.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from kg.link.iri import BASE, current_base

KG = "https://kg.example.org/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"

STATEMENT_BASE = BASE + "statement/"
VALUE_BASE = BASE + "value/"
MEMBERSHIP_BASE = BASE + "membership/"
ROLE_BASE = BASE + "role/"
CONFLICT_BASE = BASE + "conflict/"

#: Prefixes written into Turtle and TriG output and accepted by queries.
PREFIXES: dict[str, str] = {
    "kg": KG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS,
    "schema": SCHEMA, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "wd": WD, "wdt": WDT,
}


def prefix_header() -> str:
    """The ``@prefix`` lines written at the top of Turtle and TriG, sorted by name."""
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(PREFIXES.items()))


# Properties used by the builder (the fact predicates are KG + predicate name).
TYPE = RDF + "type"
LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
RDF_STATEMENT = RDF + "Statement"
RDF_SUBJECT = RDF + "subject"
RDF_PREDICATE = RDF + "predicate"
RDF_OBJECT = RDF + "object"
WAS_DERIVED_FROM = PROV + "wasDerivedFrom"
ORG_MEMBERSHIP = ORG + "Membership"
ORG_MEMBER = ORG + "member"
ORG_ORGANIZATION = ORG + "organization"
ORG_ROLE = ORG + "role"
ORG_ROLE_CLASS = ORG + "Role"

STATEMENT = KG + "Statement"
ARTICLE = KG + "Article"
MONETARY_AMOUNT = KG + "MonetaryAmount"
COMPUTE_QUANTITY = KG + "ComputeQuantity"
PART_OF = KG + "partOf"
MENTIONS = KG + "mentions"
DOCUMENT = KG + "document"
CODE = KG + "code"
DIVISION_CODE = KG + "divisionCode"
ADMIN_LEVEL = KG + "adminLevel"
EVIDENCE = KG + "evidence"
START = KG + "start"
END = KG + "end"
VALUE = KG + "value"
UNIT = KG + "unit"
STATUS = KG + "status"
PHASE = KG + "phase"
TITLE = KG + "title"
TOPIC = KG + "topic"
HEADLINE = KG + "headline"
DATE = KG + "date"
NEWSPAPER = KG + "newspaper"
SOURCE_FILE = KG + "sourceFile"
BYLINE = KG + "byline"
LENGTH = KG + "length"
CONFLICT = KG + "Conflict"
CONFLICT_ON = KG + "conflictOn"
CONFLICT_PREDICATE = KG + "predicate"
CONFLICTING_VALUE = KG + "conflictingValue"
CONFLICTING_STATEMENT = KG + "conflictingStatement"
# The money model (value nodes of investmentAmount and programmeInvestment) and the
# stage of a compute figure.
CURRENCY = KG + "currency"
QUALIFIER = KG + "qualifier"
SCOPE = KG + "scope"
BOUND = KG + "bound"
UPPER = KG + "upper"
PROJECT_COUNT = KG + "projectCount"
STAGE = KG + "stage"
# Signings: n-ary events with every party; each agreementWith statement points to its own.
SIGNING_CLASS = KG + "Signing"
PARTY = KG + "party"
PLACE = KG + "place"
PLACE_NAME = KG + "placeName"
SIGNED_DOCUMENT = KG + "signedDocument"
SIGNING = KG + "signing"

XSD_STRING = XSD + "string"
XSD_DECIMAL = XSD + "decimal"
XSD_INTEGER = XSD + "integer"
XSD_DATE = XSD + "date"

#: Language tag of every natural-language literal (names, titles, sentences).
LANGUAGE = "zh"

#: Unit of each quantity predicate -> class of its value node.  Money keeps the currency
#: it was written in (ISO 4217 codes; 亿美元 is USD, never converted).
CURRENCIES = ("CNY", "USD")
VALUE_CLASS = {"CNY": MONETARY_AMOUNT, "USD": MONETARY_AMOUNT, "PFLOPS": COMPUTE_QUANTITY}

#: Levels of the Chinese administrative division code (GB/T 2260: PPCCDD).
PROVINCE = KG + "Province"
PREFECTURE = KG + "Prefecture"
COUNTY = KG + "County"


def term(name: str) -> str:
    """The ontology IRI of a class or property named as in :mod:`kg.records`."""
    return KG + name


def is_division_code(code: str | None) -> bool:
    """A six-digit Chinese administrative division code (GB/T 2260)."""
    return bool(code) and len(code) == 6 and code.isascii() and code.isdigit()


def admin_level(code: str | None) -> str | None:
    """Province, prefecture or county level of a six-digit division code."""
    if not is_division_code(code):
        return None
    if code.endswith("0000"):
        return PROVINCE
    if code.endswith("00"):
        return PREFECTURE
    return COUNTY


def stable_hash(*parts: object) -> str:
    text = "\x1f".join(["" if part is None else str(part) for part in parts])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def minted_iri(kind: str, *identity: object) -> str:
    """``<base><kind>/<hash of identity>``: a node the RDF layer adds, under the base."""
    return f"{current_base()}{kind}/{stable_hash(*identity)}"


def statement_iri(*identity: object) -> str:
    return minted_iri("statement", *identity)


def value_iri(*identity: object) -> str:
    return minted_iri("value", *identity)


def membership_iri(person: str, organisation: str, title: str) -> str:
    return minted_iri("membership", person, organisation, title)


def role_iri(title: str) -> str:
    return minted_iri("role", title)


def conflict_iri(entity: str, predicate: str, qualifier: str) -> str:
    return minted_iri("conflict", entity, predicate, qualifier)


def signing_iri(key: str, parties: tuple[str, ...], document: str | None) -> str:
    """A signing event: its key (article and offset of the verb) with its parties and
    document, since one verb may sign several agreements (A分别与B、C签订…)."""
    return minted_iri("signing", key, *parties, document)


def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes.ttl and context.jsonld.

    They live in the package (``kg/rdf/ontology/``, shipped as package data) so that
    an installed wheel finds them as a checkout does; the repository's ``ontology/``
    links to them for readers."""
    return Path(__file__).resolve().parent / "ontology"
