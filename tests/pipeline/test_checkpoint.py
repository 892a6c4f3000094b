"""The extraction cache format: what a worker sends back and --update reads is the records."""
import json
from pathlib import Path

from kg.checkpoint import decode_document
from kg.ingest import iter_articles
from kg.pipeline import extract_all, extract_document

PAGE = Path(__file__).resolve().parents[2] / "seeds" / "002_f8a0a0ecf1756ce7.txt"


def test_a_document_comes_back_whole():
    direct = sorted(extract_all(list(iter_articles([PAGE], furniture=True))),
                    key=lambda r: int(r.article.id.rpartition("#")[2]))
    data = json.loads(extract_document(str(PAGE)).line)
    decoded = decode_document(data)
    assert (decoded.doc, decoded.path) == (PAGE.stem, str(PAGE))
    assert len(decoded.articles) == len(direct) > 3
    for before, after in zip(direct, decoded.articles):
        assert after.article == before.article
        assert after.mentions == before.mentions
        assert after.facts == before.facts
    assert any(r.facts for r in direct)
    # The texts are saved: linking reads in them the names other articles establish.
    assert {r.article.text for r in direct} <= set(data["strings"])


def test_a_record_met_again_is_written_once_and_decoded_as_the_same_object():
    encoded = extract_document(str(PAGE), keep_encoded=True)
    assert json.loads(encoded.line) == encoded.encoded
    decoded = decode_document(json.loads(encoded.line))
    pairs = [(fact, mention) for result in decoded.articles for fact in result.facts
             for mention in result.mentions if fact.subject == mention]
    assert pairs and all(fact.subject is mention for fact, mention in pairs)
    # A fact's subject, written in full among the mentions, is a number in the fact.
    facts = [f for article in encoded.encoded["articles"] for f in article[2]]
    assert facts and all(isinstance(f[0], int) for f in facts)
