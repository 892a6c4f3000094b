"""Test helpers: articles made from invented text, analysed by the real pipeline."""
from kg.extract import extract
from kg.nlp.pipeline import analyse
from kg.records import Article, OffsetMap


def article(text: str, doc: str = "page", number: int = 1, date: str = "2025-05-20",
            title: str | None = None) -> Article:
    return Article(f"{doc}#{number}", doc, f"{doc}.txt", title, (), date, None, text,
                   OffsetMap((0,), (0,)))


def analysed(text: str, **kw):
    return next(analyse([article(text, **kw)]))[1]


def facts_of(text: str, **kw):
    art = article(text, **kw)
    _, doc = next(analyse([art]))
    return extract(art, doc)
