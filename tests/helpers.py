"""Test helpers: articles made from invented text, analysed by the real pipeline."""
from kg.extract import extract
from kg.link.resolve import link
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


def linked(*texts: str):
    """The graph and link decisions of one article per text (documents doc0, doc1 …)."""
    articles = [article(t, doc=f"doc{i}") for i, t in enumerate(texts)]
    return link(extract(a, d) for a, d in analyse(articles))


def holders_of(graph, name: str):
    """The entities named ``name`` or holding it as an alias."""
    return [e for e in graph.entities if e.label == name or name in e.aliases]
