"""The segmenter of the spaCy pipeline: jieba's dictionary and algorithm, run by rjieba.

Registered as ``kg.JiebaTokenizer.v1`` so that a saved pipeline loads again with its
user dictionary.  HMM guessing of unknown words is off on purpose: it glues names to the
verbs after them (胡尔慢 + 说 -> 慢说), which the recognisers would then have to split.
Every character of the text, whitespace included, stays in exactly one token.
"""
from __future__ import annotations

import json
from itertools import accumulate
from pathlib import Path
from typing import Iterable

import rjieba
import spacy
from spacy.tokens import Doc
from spacy.util import DummyTokenizer

from kg.nlp.spans import TOKENS_KEY, TokenTable

USER_WORD_FREQUENCY = 200_000


class JiebaTokenizer(DummyTokenizer):
    def __init__(self, vocab, user_words: Iterable[str] = ()):
        self.vocab = vocab
        self._segmenter = rjieba.Jieba()
        self.user_words: list[str] = []
        self.add_words(user_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Make each word one token (when it is not part of a likelier longer word)."""
        known = set(self.user_words)
        for word in words:
            if word and word not in known:
                known.add(word)
                self.user_words.append(word)
                self._segmenter.add_word(word, USER_WORD_FREQUENCY, None)

    def __call__(self, text: str) -> Doc:
        words = self._segmenter.cut(text, False)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        starts = [0, *accumulate(map(len, words))]
        if starts[-1] == len(text):      # the recognisers read tokens from this table
            doc.user_data[TOKENS_KEY] = TokenTable(text, starts[:-1], words)
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps({"user_words": self.user_words}, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        self.add_words(json.loads(data.decode("utf-8"))["user_words"])
        return self

    def to_disk(self, path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "user_words.json").write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        file = Path(path) / "user_words.json"
        if file.exists():
            self.from_bytes(file.read_bytes())
        return self


@spacy.registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(user_words: list[str] = []):  # noqa: B006 - spaCy config default
    def make(nlp):
        return JiebaTokenizer(nlp.vocab, user_words)
    return make
