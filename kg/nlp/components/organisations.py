"""Organisations, zones, ports, compute centres and projects, recognised by structure.

A name is a body followed by a suffix (有限公司, 大学, 人民政府, 产业园, 口岸, 智算中心,
项目 …); the suffix decides the type.  The body is read leftwards from the suffix over
tokens until a boundary: punctuation, a function word or common verb, a title of office,
or a length limit.  A body made only of generic words (重点项目, 传统数据中心) is not a
name.  Suffix words are added to the tokenizer so that they end tokens.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.lexicon import GENERIC_MODIFIERS, NAME_STOP_WORDS, org_suffixes, titles, verbs
from kg.nlp.spans import Candidate, candidates, token_table

MAX_BODY_CHARS = 24
MAX_BODY_TOKENS = 12
OPEN_BRACKETS = "(（"
# Stop characters that can still open a name (其亚…); prepositions (在东…) cannot.
NAME_INITIAL_STOP_CHARS = frozenset("其同本")
CONTINUATIONS = frozenset({"集群", "起步区", "片区", "板块"})
PHASE = re.compile(r"[一二三四五六七八九十]期$")
CLAUSE_MARKS = "：:，,。；;！？!?"
CLOSE_BRACKETS = ")）"
# Words that end in a suffix character but name no organisation.
FALSE_SUFFIX_WORDS = frozenset("""
格局 布局 结局 大局 全局 开局 时局 政局 棋局 骗局 困局 破局 变局 僵局 终局 出局 新局 平局 饭局 当局 药局
客厅 大厅 展厅 餐厅 舞厅 门厅 前厅 展览厅
工程师 公司制 集团化 集团军
""".split())
# Suffixes that need firm evidence in the body (a place, an organisation, a quotation).
WEAK_SUFFIXES = frozenset({"工程", "基地", "项目", "平台", "矿", "厂", "局", "厅", "办"})
# A count before a suffix (三大项目, 23个重点项目, 第一大口岸) makes a description, not a name.
COUNTED = re.compile(r"^(?:第|\d|[一二三四五六七八九十两几数多百千万]).*[个大家类批项座条所台辆名位处]$"
                     r"|^[一二三四五六七八九十两几]$")
DESCRIPTIVE_WORDS = frozenset({"重要", "主要", "重点", "最大", "首个", "首家", "新型", "传统", "大型", "该"})
# Types whose generic-sounding names (建设项目, 示范区) need evidence of a proper name.
EVIDENCE_TYPES = frozenset({"Project", "Zone"})
# Words that end other names but belong in a company's (中国某某第三建设有限公司).
COMPANY_NAME_WORDS = frozenset({"建设", "发展", "投资", "开发", "运营"})
AREA_ORGANS = frozenset({"政府", "人民政府", "党委", "行署", "人大常委会", "政协"})
RELATIVE_LEVELS = frozenset({"自治区", "省", "市", "州", "县", "地区", "盟", "旗"})
FACILITY_TYPES = frozenset({"Project", "ComputeCenter", "Zone", "Port"})


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class OrganisationRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_organisations"):
        self.suffixes = org_suffixes()
        self.longest = max(map(len, self.suffixes))
        self.compute_suffixes = tuple(s for s, t in self.suffixes.items() if t == "ComputeCenter")
        self.suffix_ends = frozenset(s[-1] for s in self.suffixes)
        self.titles = titles()
        self.false_words = tuple(FALSE_SUFFIX_WORDS)
        self.verbs = verbs()
        tokenizer = nlp.tokenizer
        if hasattr(tokenizer, "add_words"):
            tokenizer.add_words(self.suffixes)
            tokenizer.add_words(self.titles)
            # Generic words whole (算力, not 算/力): split, they would look like a name.
            tokenizer.add_words(GENERIC_MODIFIERS)

    def suffix_of(self, token: Token) -> str | None:
        return self.suffix_of_text(token.text)

    def suffix_of_text(self, text: str) -> str | None:
        if text[-1:] not in self.suffix_ends or text.endswith(self.false_words):
            return None
        for size in range(min(len(text), self.longest), 0, -1):
            if text[-size:] in self.suffixes:
                return text[-size:]
        return None

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        area_tokens = {c.start for c in found if c.label == "AdminArea"}
        words = token_table(doc).words
        for i, word in enumerate(words):
            suffix = self.suffix_of_text(word)
            if suffix is None:
                continue
            if i + 1 < len(words) and words[i + 1] in CONTINUATIONS:
                continue      # 某某数据中心集群: the name goes on past the suffix
            span = self._body(doc, doc[i], suffix, area_tokens)
            if span is not None:
                start, entity_type, end = span
                found.append(Candidate(start, end, entity_type, priority=2,
                                       attrs={"suffix": suffix}))
        return doc

    def _is_boundary(self, token: Token) -> bool:
        text = token.text
        if text.isspace() or text in NAME_STOP_WORDS or text in self.titles:
            return True
        if len(text) == 1 and not _is_cjk(text) and not text.isalnum() \
                and text not in OPEN_BRACKETS + CLOSE_BRACKETS + "·-/":
            return True
        if any(ch in CLAUSE_MARKS for ch in text):
            return True       # jieba may glue a colon to a bracket: "):"
        return False

    def _inner_conjunction(self, doc: Doc, i: int) -> bool:
        """与/和 inside a name (某研究院产业与规划研究所), not between two names."""
        if doc[i].text not in ("与", "和") or i == 0:
            return False
        before = doc[i - 1]
        if self.suffix_of(before) or before.is_punct or before.idx in self._area_starts:
            return False
        return self._scan_start - i <= 3

    def _glued_stop_char(self, doc: Doc, i: int, body: list[Token]) -> bool:
        """其 in 其亚集团: a one-character stop word opening a run of unknown single
        characters at the start of a sentence or clause is the name's first character."""
        token = doc[i]
        if token.text not in NAME_INITIAL_STOP_CHARS or not body \
                or len(body[0].text) != 1 \
                or body[0].text in NAME_STOP_WORDS or not _is_cjk(body[0].text):
            return False
        return i == 0 or doc[i - 1].is_punct or doc[i - 1].is_space or \
            doc[i - 1].text in "，。、；：,;:\n"

    def _body(self, doc: Doc, suffix_token: Token, suffix: str, area_tokens: set[int]):
        entity_type = self.suffixes[suffix]
        body: list[Token] = []
        own_prefix = suffix_token.text[: len(suffix_token.text) - len(suffix)]
        chars = len(own_prefix)
        depth = 0
        i = suffix_token.i - 1
        self._area_starts = area_tokens
        self._scan_start = suffix_token.i
        while i >= 0 and len(body) < MAX_BODY_TOKENS:
            token = doc[i]
            text = token.text
            if text in CLOSE_BRACKETS:
                depth += 1
            elif text in OPEN_BRACKETS:
                if depth == 0:
                    break
                depth -= 1
            elif self._is_boundary(token) and not self._inner_conjunction(doc, i) \
                    and not self._glued_stop_char(doc, i, body) \
                    and not (entity_type == "Company" and text in COMPANY_NAME_WORDS):
                break
            elif body and (body[0].idx in area_tokens or body[0].text in RELATIVE_LEVELS) and (
                    text in self.verbs or text[-1] in "与和在对向从于及"):
                break      # 有效提升|某某州铁路, 屏幕上与|某某省…: a name starts at its place
            elif text in self.verbs and entity_type in ("Zone", "Port"):
                break      # 聚力创建|…示范区
            if chars + len(text) > MAX_BODY_CHARS:
                break
            body.insert(0, token)
            chars += len(text)
            i -= 1
        while body and (body[0].text in CLOSE_BRACKETS + OPEN_BRACKETS or body[0].text in "·-/"):
            body.pop(0)
        if any(COUNTED.match(token.text) or COUNTED.match(token.text + following.text)
               for token, following in zip(body, body[1:])) or \
                (body and COUNTED.match(body[-1].text)):
            return None       # 两大80万吨煤制烯烃项目 (两 大 -> 两大): a count of several, not a name
        if depth and body:
            # An unmatched closing bracket: keep only what follows it.
            for k in range(len(body) - 1, -1, -1):
                if body[k].text in CLOSE_BRACKETS:
                    body = body[k + 1:]
                    break
        if body and (body[-1].text + suffix_token.text).endswith(self.false_words):
            return None
        while body and body[0].text in NAME_STOP_WORDS and \
                not self._glued_stop_char(doc, body[0].i, body[1:]):
            body.pop(0)
        for k in range(len(body) - 1, -1, -1):
            if body[k].text in DESCRIPTIVE_WORDS and k + 1 < len(body):
                body = body[k + 1:]
                break
        before_suffix = own_prefix or (body[-1].text if body else "")
        if entity_type in FACILITY_TYPES and (before_suffix in DESCRIPTIVE_WORDS
                                              or before_suffix.endswith("级")):
            return None
        if not self._is_name(body, own_prefix, suffix, entity_type, area_tokens):
            return None
        start = body[0].idx if body else suffix_token.idx
        end = suffix_token.idx + len(suffix_token.text)
        if suffix in ("项目", "工程"):
            inner = token_table(doc).text[start:end - len(suffix)]
            phase = PHASE.search(inner)
            core = inner[:phase.start()] if phase else inner
            if any(core.endswith(s) for s in self.compute_suffixes):
                # 某某智算中心一期项目 is the centre (the phase belongs to its facts)
                return start, "ComputeCenter", start + len(core) if phase else end
        return start, entity_type, end

    def _is_name(self, body: list[Token], own_prefix: str, suffix: str, entity_type: str,
                 area_tokens: set[int]) -> bool:
        words = [t.text for t in body] + ([own_prefix] if own_prefix else [])
        if not words:
            return False
        if all(w in GENERIC_MODIFIERS or w in NAME_STOP_WORDS for w in words):
            return False
        if len(body) == 1 and not own_prefix and body[0].text in self.suffixes \
                and body[0].idx not in area_tokens:
            return False      # 数据中心项目: a kind of facility, not one
        has_area = any(t.idx in area_tokens for t in body)
        has_org = any(self.suffix_of(t) for t in body)
        single_chars = sum(1 for w in words if len(w) == 1 and _is_cjk(w))
        # Runs of single characters are jieba's unknown words: names (华电, 塔克什肯) — or
        # verbs before 项目 (跑出项目), hence a longer run for the weak suffixes.
        has_proper = single_chars >= (3 if suffix in WEAK_SUFFIXES else 2) or any(
            any(ch.isascii() and ch.isalnum() for ch in w) for w in words)
        has_brackets = any(w in OPEN_BRACKETS for w in words)
        # 东方希望煤电一体化项目: several words of two or more characters, none generic.
        specific = [w for w in words if len(w) >= 2 and _is_cjk(w[0])
                    and w not in GENERIC_MODIFIERS and w not in NAME_STOP_WORDS]
        has_proper = has_proper or (suffix == "项目" and len(specific) >= 3)
        if entity_type == "GovernmentBody" and body and body[0].text in RELATIVE_LEVELS:
            return True       # 自治区数字化发展局, 市财政局: an organ of the area in context
        if suffix in AREA_ORGANS and not (has_area or (body and body[0].text in RELATIVE_LEVELS)):
            return False      # 提高政府, 我国政府: a government is some area's
        if suffix in WEAK_SUFFIXES or entity_type in EVIDENCE_TYPES:
            own = [t.text for t in body if t.idx not in area_tokens] + (
                [own_prefix] if own_prefix else [])
            if own and all(w in GENERIC_MODIFIERS or w in NAME_STOP_WORDS for w in own):
                # 某省信息产业园 names a zone; 某地区低碳智算项目 only describes one.
                return has_area and body[0].idx in area_tokens and not (
                    suffix in WEAK_SUFFIXES and entity_type in FACILITY_TYPES)
            if suffix == "工程":
                return has_area or has_org
            return has_area or has_org or has_proper or has_brackets
        return True


@Language.factory("kg_organisations")
def make_organisation_recognizer(nlp: Language, name: str):
    return OrganisationRecognizer(nlp, name)
