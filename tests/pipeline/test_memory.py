"""The build streams: while it links, no spaCy Doc and no article text of any page is alive."""
import gc
from pathlib import Path

from spacy.tokens import Doc

from kg.pipeline import build
from kg.records import Article

PAGES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[:3]


def test_no_docs_or_article_texts_are_kept_while_linking(tmp_path):
    alive = []

    def count(done: int, _total: int) -> None:
        if not done:
            return
        objects = gc.get_objects()
        alive.append((sum(isinstance(o, Doc) for o in objects),
                      sum(isinstance(o, Article) for o in objects)))

    result = build(PAGES, tmp_path, on_document=count)
    assert len(alive) == result.documents == 3
    assert max(docs for docs, _ in alive) == 0
    assert max(texts for _, texts in alive) == 0
