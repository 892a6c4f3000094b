"""The statistical recogniser's evidence: LAC's words and tags on each doc.

The component runs :class:`kg.nlp.lac.LacModel` over the clauses of a doc that can hold a
name and stores what it read as :class:`kg.nlp.spans.ModelWords` in the doc's user data.
It decides nothing: the rule components read the evidence (a name does not start on a
verb), and :mod:`kg.nlp.components.merge` owns the tie-breaks between the model and the
rules.

The model is run on the clauses (text between ，；：。！？ or line breaks) where its
reading can change what is recognised: those holding a word that may be part of a name
the rules cannot see — not a word jieba's dictionary lists as an everyday word or a
fixed phrase (:func:`kg.nlp.lexicon.listed_words`; names are either unknown to it, and
split into characters, or tagged there as proper names), and not a word whose meaning
the rules know already: a generic modifier (算力, 智慧), a title of office, the written
form of an administrative area (the gazetteer's business) —; those holding a surname
standing alone before another lone character (a name jieba cut into characters, 钱|立|群)
or a stock code in brackets (某某科技（688xxx）, a listed company's short name);
and those holding a word that ends in an organisation or facility suffix, whose name the
rules will read and the model may cut (选址|某县数字产业园) — unless the word opens the
clause, alone or after a determiner (项目总投资…, 该园区…), and no character stands alone
but function words (口岸与越南|芒|街市…: a name cut into known pieces): nothing before it
can be a name.  Other clauses are not read, which spares the model about half of the text
of a newspaper page.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from kg.nlp.gazetteer import Gazetteer
from kg.nlp.lac import LacModel, shared_model
from kg.nlp.lexicon import (GENERIC_MODIFIERS, NAME_STOP_WORDS, STOCK_CODE, listed_words,
                             org_suffixes, surnames, titles)
from kg.nlp.spans import MODEL_KEY, ModelWords, token_table

CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
# The model reads sentences: a clause longer than this (a list, a run-on line) is read in
# pieces of this size.
MAX_CLAUSE = 200
_WORD_CHARACTER = re.compile(r"[\w]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Words before a suffix word that make it a reference, not the end of a name (该项目).
DETERMINERS = frozenset({"该", "此", "本", "这", "这个", "那", "上述", "各", "其"})


class LacTagger:
    def __init__(self, nlp: Language, name: str = "kg_lac", model: LacModel | None = None):
        self.model = model or shared_model()
        self.known = listed_words() | GENERIC_MODIFIERS | frozenset(titles()) \
            | {form for form, _ in Gazetteer.load().surface_forms()}
        self.suffixes = tuple(org_suffixes())
        self.surnames = frozenset().union(*surnames())
        self._could_name: dict[str, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in batches: one model run over the clauses of a whole batch, so that
        clauses of similar lengths from different docs share ONNX calls."""
        for batch in minibatch(docs, size=batch_size):
            pieces = [self.clauses(doc) for doc in batch]
            # (doc.text is rebuilt from the tokens at each access: read the token table's.)
            texts = [token_table(doc).text[a:b] for doc, spans in zip(batch, pieces)
                     for a, b in spans]
            words = iter(self.model.analyse(texts))
            for doc, spans in zip(batch, pieces):
                starts: list[int] = []
                ends: list[int] = []
                tags: list[str] = []
                for offset, _ in spans:
                    clause = next(words)
                    starts += [offset + a for a, _, _ in clause]
                    ends += [offset + b for _, b, _ in clause]
                    tags += [tag for _, _, tag in clause]
                doc.user_data[MODEL_KEY] = ModelWords(starts, ends, tags)
            yield from batch

    def clauses(self, doc: Doc) -> list[tuple[int, int]]:
        """The (start, end) of the clauses of the doc that can hold a name."""
        table = token_table(doc)
        text, starts, words = table.text, table.starts, table.words
        bounds = [0, *(match.end() for match in CLAUSE_END.finditer(text)), len(text)]
        found = []
        for start, end in zip(bounds, bounds[1:]):
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
            clause = words[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
            if not (self._could_hold_name(clause) or self._character_run(clause)
                    or _stock_code(text, start, end)):
                continue
            found.extend((a, min(a + MAX_CLAUSE, end)) for a in range(start, end, MAX_CLAUSE))
        return found

    def _could_hold_name(self, words: list[str]) -> bool:
        """Whether a clause's words hold one that can be (part of) a name: a known word
        with a suffix counts only after a word that is not a determiner, or in a clause
        with a character standing alone that is no function word (越南|芒|街市: a name
        jieba does not know, cut into known pieces)."""
        flags = list(map(self._could_name.get, words))     # the answers known, at C speed
        if None in flags:
            flags = [self.could_name(word) if flag is None else flag
                     for word, flag in zip(words, flags)]
        if True not in flags:
            return False
        first = flags.index(True)
        if words[first] not in self.known or \
                not all(word in DETERMINERS for word in words[:first]):
            return True
        # (the suffix word opens the clause: only a later word, or a lone character, counts)
        return True in flags[first + 1:] or any(
            len(word) == 1 and word not in NAME_STOP_WORDS and _HAN.match(word)
            for word in words)

    def _character_run(self, words: list[str]) -> bool:
        """Whether the words hold a surname standing alone before another lone character:
        jieba cut a name it does not know into characters (钱|立|群)."""
        if self.surnames.isdisjoint(words):
            return False
        for word, following in zip(words, words[1:]):
            if word in self.surnames and len(following) == 1 and _HAN.match(following):
                return True
        return False

    def could_name(self, word: str) -> bool:
        """Can the token be (part of) a name the rules need the model for (see the module
        docstring)?"""
        answer = self._could_name.get(word)
        if answer is None:
            answer = (word not in self.known and bool(_WORD_CHARACTER.search(word))
                      and not word.isdigit()) or word.endswith(self.suffixes)
            if len(self._could_name) < 200_000:
                self._could_name[word] = answer
        return answer


def _stock_code(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a stock code in brackets (looked for only where a
    bracket opens: the pattern's leading spaces make a search try every position)."""
    return (text.find("（", start, end) >= 0 or text.find("(", start, end) >= 0) \
        and STOCK_CODE.search(text, start, end) is not None


@Language.factory("kg_lac")
def make_lac_tagger(nlp: Language, name: str):
    return LacTagger(nlp, name)
