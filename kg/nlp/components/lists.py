"""Names in lists: 甲、乙、丙等重点项目 and 加快甲、乙建设 make each item a name.

Items joined by 、 take their kind from the list's frame, even without a suffix of their
own (甲电英格, 乙能煤制气):

- followed by 等 and a head noun, with at most a few modifiers between (等重点项目,
  等一批企业): 项目 and 工程 make projects, 企业 and 公司 companies;
- put between a verb that drives construction (加快, 推进, 保障 …) and a construction
  word (建设, 开工, 投产 …): projects.

A list with a head noun but no such verb before it (石墨电极、铜加工等配套项目 lists
products) is read only when one of its items already has a name of that kind
(某某有限公司、某某等企业).

A list is read only when every item reads as a proper name.  Items made of everyday words
only (交通、水利等项目) list kinds of work, and items that are places (某县、某市等项目)
list where the work is; neither makes names.
"""
from __future__ import annotations

import re
from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import GENERIC_MODIFIERS, NAME_STOP_WORDS, common_words, name_characters, \
    org_suffixes, suffix_kind, titles, verbs
from kg.nlp.spans import Candidate, candidates, token_table

LIST_MARK = "、"
LAST_ITEM_MARKS = frozenset({"和", "及", "以及", "与"})     # 甲、乙和丙等项目
HEADS = {"项目": "Project", "工程": "Project", "企业": "Company", "公司": "Company"}
# A list item that ends in a phase of a facility named before it (某某中心二期).
ITEM_PHASE = re.compile(r"[一二三四五六七八九十]期(?:工程|项目)?$")
DRIVING_VERBS = frozenset({"加快", "推进", "推动", "加速", "加紧", "保障", "抓好", "确保", "启动",
                           "实施", "支持", "服务", "做好"})
CONSTRUCTION_WORDS = frozenset({"建设", "开工", "投产", "建成", "复工", "达产", "投运", "竣工",
                                "落地"})
ETC = "等"
# Recognised items that confirm a list of the type (a suffix-named company among them).
SAME_KIND = {"Project": frozenset({"Project", "ComputeCenter"}), "Company": frozenset({"Company"})}
MAX_ITEM_CHARS = 16
MAX_HEAD_GAP_CHARS = 6          # 等 … head: 重点, 一批重大, 12个
BRACKETS = frozenset("()（）")
COUNT = re.compile(r"^(?:\d+|[一二三四五六七八九十两几多数百千万]+)")
LIST_PRIORITY = 3


class ListRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_lists"):
        self.common = common_words()
        self.name_chars = name_characters()
        self.verbs = verbs()
        self.titles = titles()
        self.suffixes = org_suffixes()

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        words = table.words
        if LIST_MARK not in table.text:
            return doc
        found = candidates(doc)
        spans = {(c.start, c.end): c.label for c in found}
        for items, label, driven in self._lists(words):
            offsets = [(table.starts[a], table.starts[b - 1] + len(words[b - 1])) for a, b in items]
            if any(spans.get(span) == "AdminArea" for span in offsets):
                continue      # 某县、某市等项目: where the work is, not what it is
            if not driven and not any(spans.get(span) in SAME_KIND[label] for span in offsets):
                # 石墨电极、铜加工等配套项目: products, unless a verb or a named item says
                # otherwise
                continue
            if not all(self._proper(words[a:b]) for a, b in items):
                continue
            for start, end in offsets:
                item_label = label
                phase = ITEM_PHASE.search(table.text, start, end)
                if phase is not None and label == "Project":
                    # 某某智算中心二期、…等项目: the facility itself (the phase is its own)
                    kind = suffix_kind(table.text[start:phase.start()], shortest=2)
                    if kind in SAME_KIND["Project"]:
                        end, item_label = phase.start(), kind
                if (start, end) not in spans:
                    found.append(Candidate(start, end, item_label, priority=LIST_PRIORITY,
                                           attrs={"list": True}))
        return doc


    # -- finding lists ------------------------------------------------------------------
    def _lists(self, words: list[str]):
        """(items as token ranges, entity type, whether a driving verb leads it) of every
        framed list, left to right."""
        n = len(words)
        after = 0      # lists do not overlap: a mark inside the last one starts none
        for i in compress(range(n), map(LIST_MARK.__eq__, words)):
            if i < after:
                continue
            first = self._item_start(words, i)
            if first == i:
                continue
            items = [(first, i)]
            mark = i
            while True:
                end = self._item_end(words, mark + 1)
                if end == mark + 1:
                    break
                items.append((mark + 1, end))
                if end < n and (words[end] == LIST_MARK or words[end] in LAST_ITEM_MARKS
                                and words[mark] == LIST_MARK):
                    mark = end
                    continue
                label = self._frame(words, first, end)
                if label is not None:
                    yield items, label, first > 0 and words[first - 1] in DRIVING_VERBS
                break
            if len(items) > 1:
                after = items[-1][1]

    def _item_start(self, words: list[str], mark: int) -> int:
        """The first token of the item ending before the mark at ``mark``."""
        chars = 0
        i = mark
        while i > 0:
            word = words[i - 1]
            if self._ends_item(word) or chars + len(word) > MAX_ITEM_CHARS:
                break
            chars += len(word)
            i -= 1
        return i

    def _item_end(self, words: list[str], start: int) -> int:
        """The token after the item starting at ``start`` (right after a list mark, so
        only punctuation, 等, a conjunction or a construction word ends it)."""
        chars = 0
        i = start
        while i < len(words):
            word = words[i]
            if word in (ETC, LIST_MARK) or word in LAST_ITEM_MARKS or word in CONSTRUCTION_WORDS \
                    or _punctuation(word) or chars + len(word) > MAX_ITEM_CHARS:
                break
            chars += len(word)
            i += 1
        return i

    def _ends_item(self, word: str) -> bool:
        if _punctuation(word):
            return True       # the list mark included
        # A rare verb may be a name (泓能); an everyday one is not.
        return word in NAME_STOP_WORDS or word in self.titles or (
            word in self.verbs and word in self.common)

    def _frame(self, words: list[str], first: int, end: int) -> str | None:
        """The entity type the list's frame gives its items, or None for no frame."""
        if end < len(words) and words[end] == ETC:
            chars = 0
            for word in words[end + 1:]:
                if word in HEADS:
                    return HEADS[word]
                chars += len(word)
                if chars > MAX_HEAD_GAP_CHARS or self._ends_item(word):
                    return None
            return None
        if first > 0 and words[first - 1] in DRIVING_VERBS and end < len(words) \
                and words[end] in CONSTRUCTION_WORDS:
            return "Project"
        return None

    # -- items --------------------------------------------------------------------------
    def _proper(self, tokens: list[str]) -> bool:
        """Does an item read as a proper name rather than a kind of thing?  It does when a
        word in it is not an everyday one, or a character standing alone is a name's."""
        text = "".join(tokens)
        if len(text) < 2 or COUNT.match(text):
            return False
        return any(t in self.name_chars if len(t) == 1 else not (
            t in self.common or t in GENERIC_MODIFIERS or t in self.suffixes or t.isdigit())
            for t in tokens if t not in BRACKETS)


def _punctuation(word: str) -> bool:
    return word not in BRACKETS and (word.isspace() or not any(ch.isalnum() for ch in word))


@Language.factory("kg_lists")
def make_list_recognizer(nlp: Language, name: str):
    return ListRecognizer(nlp, name)
