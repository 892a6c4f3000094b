"""The merge of the statistical model's names with the rules' candidates (hybrid only).

Runs after every rule component and before :mod:`kg.nlp.components.entities`, which picks
the final non-overlapping set.  Every tie-break between the model and the rules is here:

1. **Where the rules speak, they win.**  A rule candidate rests on structure (a suffix, a
   gazetteer entry, a title before a name, a quotation cue, a list): structure decides
   the type and extends the boundaries, so a model name overlapping a rule candidate
   adds nothing — except a model person that opens where the rules' person does and
   runs past it: the rules guess a given name's length from the family name (乌云|毕力格);
   being longer, the model's name wins the final choice.  (A model company opening with
   a place the gazetteer read, 宁德时代, would be another such case; letting it through
   cost organs elsewhere on the held-out half, so the place stays.)  (The model has
   already vetoed rule boundaries inside the rules: a name
   read leftwards from its suffix stops at a word the model tags as a verb, adverb,
   preposition … — see :mod:`kg.nlp.components.organisations`.)
2. **Where the rules are silent, the model proposes.**  A model organisation (ORG) that
   no rule candidate touches becomes a candidate: a name without a suffix (short company
   names, brands, groups, media).  Its type is the one its last characters give by the
   rules' suffix table when it has one (but a numbered bureau, 某某十一局, is a
   construction company; a name ending in 委 or 办 is an organ written short), else
   Company, the commonest kind of organisation named without a suffix.  A name ending
   in a suffix the rules read without further evidence (有限公司, 数据中心) was weighed
   by the rules and rejected (a generic body, 全疆数据中心): it is not proposed again; a
   weak suffix (局, 项目, 公司) needs evidence of a proper name, which the model gives.

   A model person (PER) becomes a Person when it is a transliterated name (parts joined
   by ``·``), a three-character name with a known family name, or any name of two to
   four characters the context shows is a person's: a title of office or a reporter's
   word just before it (副州长|某某, 记者|某某), a speech or attendance verb just after
   it (某某|表示), or another model person next to it in a list (评审专家：某某、某某).
   A two-character name with no cue is too often a word the model misread (成渝,
   某某周暨).  After a title, a model person on a family name holds a place the
   gazetteer read in its given name (总经理沙|永康): the one exception to rule 1.

   A model organisation or other proper noun (nz) followed by a stock code in brackets
   (某某科技（688592）) is a listed company, whatever words it is made of.

   Model places (LOC) are proposed only right after a foreign country or region the
   gazetteer knows, when they end in a division's suffix (某国|某某市): the gazetteer knows
   China's divisions and the first-level units of some neighbours, not foreign towns;
   elsewhere the model's LOC words are often a place glued to what follows it.

   A proposal must agree with the structure around it (after a conjunction or
   preposition the model glued to either end is cut off: 某某股份与), since the model also tags
   slogans, titles and modifiers as organisations (“东数西算”, 《某某三部曲》, 欧亚国家):
   its edges are token edges of the segmenter too (the two segmenters agree on where
   the name is); it is not inside quotation marks or title marks (quoted names are the
   quotation recogniser's, with its cues); an organisation holds a word that could be
   part of a name (not an everyday word, a generic modifier, a suffix or only a place),
   and is not a modifier of the common noun right after it (某某国家, 某某产业); a name
   in Latin letters alone is a technical term as often as a brand (RoCE).  Page
   furniture (mastheads, licence lines) gets no proposals.
3. **The model's proposals are weaker.**  They carry a lower priority than any rule's,
   so among candidates of equal length a rule's wins in the final choice.
4. **Each candidate says where it came from**: ``attrs["source"]`` is ``rule``,
   ``model``, or ``both`` when the model also read the same span as one name (one name
   word, or a place word followed by an organisation word).
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.organisations import COPULA, EVIDENCE_SUFFIXES, RELATION_WORDS, \
    WEAK_SUFFIXES, kind_of_company
from kg.nlp.components.persons import ATTENDANCE_WORDS, SPEECH_WORDS
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.lexicon import (ADDRESS_FORMS, GENERIC_MODIFIERS, NAME_STOP_WORDS,
                             ORGANISATION_WORDS_AFTER_NAMES, STOCK_CODE, common_words,
                             family_name_length, org_suffixes, surnames, titles)
from kg.nlp.spans import Candidate, candidates, model_words, token_table

MODEL_PRIORITY = -1
# Organs written short end in the head character of their kind: 某某委 (委员会), 某某办
# (办公室).
ORGAN_ABBREVIATION_ENDS = ("委", "办")
# A numbered bureau (某某十一局, 某某第三工程局) is a construction group's company: organs
# are not numbered.
NUMBERED_BUREAU = re.compile(r"(?:第?[一二三四五六七八九十]+|\d+)(?:工程)?局$")
MAX_NAME = 30
MIDDLE_DOTS = "·•・‧"
# (A name may open with 和, 和林…; it does not end with one.)
GLUED_AFTER = frozenset("与和及的在等")
GLUED_BEFORE = frozenset("与及的在由")
# Joint acts that end no organisation's name (某某国投合资组建…).
GLUED_ACTS = ("合资", "合作", "出资", "共建", "联合", "携手", "签约", "组建")
FOREIGN_DIVISION_ENDS = ("市", "州", "省", "县", "区")
PERSON_FOLLOWERS = SPEECH_WORDS | ATTENDANCE_WORDS | {"主持", "致辞", "讲话", "发言", "摄", "报道"}
# What stands on either side of an item of a list of names (the text's ends count too).
LIST_EDGES = frozenset(["", "、", "：", ":", "，", ",", "。", "；", " ", "\u3000", "\n"])
OPENING_QUOTES = "“‘「『《〈"
CLOSING_QUOTES = "”’」』》〉"


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


SPACES = frozenset(" \u3000\t")
MAX_DOTTED_PART = 4


def _join_dotted(names: list[tuple[int, int, str]], text: str, table) -> list[tuple[int, int, str]]:
    """A person the model reads before a middle dot (扎西|·|才让, 某某|·|某某) and the part
    after it, as one name: the model's next person there, else the run of one-character
    tokens jieba cut the unknown part into."""
    out = []
    skip_until = -1
    for k, (start, end, tag) in enumerate(names):
        if start < skip_until:
            continue
        if tag != "PER" or text[end:end + 1] not in MIDDLE_DOTS:
            out.append((start, end, tag))
            continue
        after = end + 1
        following = names[k + 1] if k + 1 < len(names) else None
        if following is not None and following[0] == after and following[2] == "PER":
            part_end = following[1]
        else:
            i = bisect.bisect_left(table.starts, after)
            part_end = after
            while i < len(table.words) and table.starts[i] == part_end \
                    and len(table.words[i]) == 1 and _is_cjk(table.words[i]):
                part_end += 1
                i += 1
        if 2 <= part_end - after <= MAX_DOTTED_PART:
            out.append((start, part_end, "PER"))
            skip_until = part_end
        else:
            out.append((start, end, tag))
    return out


class Merge:
    def __init__(self, nlp: Language, name: str = "kg_merge"):
        self.suffixes = org_suffixes()
        self.longest_suffix = max(map(len, self.suffixes))
        self.common = common_words()
        self.gazetteer = Gazetteer.load()
        self.known = self.common | GENERIC_MODIFIERS | frozenset(self.suffixes) \
            | {form for form, _ in self.gazetteer.surface_forms()}
        self.single = surnames()[0]
        self.titles = titles()
        self.title_words = tuple(self.titles)

    def __call__(self, doc: Doc) -> Doc:
        model = model_words(doc)
        found = candidates(doc)
        if model is None:
            return doc
        for cand in found:
            cand.attrs.setdefault("source", "both" if self._model_reads(model, cand) else "rule")
        if (doc._.kg_context or {}).get("furniture"):
            return doc
        table = token_table(doc)
        text = table.text
        # A person the rules read inside a longer model person does not stop it: the rules
        # guess a given name's length from its family name (乌云|毕力格).
        yielding = [c for c in found if c.label in ("AdminArea", "Person")]
        ruled = sorted((c.start, c.end) for c in found if c.label not in ("AdminArea", "Person"))
        starts = [s for s, _ in ruled]
        ends_max = _running_max([e for _, e in ruled])
        edges = set(table.starts)
        edges.add(len(text))
        foreign_ends = {c.end for c in found if c.label == "AdminArea"
                        and self._foreign(text[c.start:c.end])}
        for start, end, tag in _join_dotted(model.names(frozenset({"PER", "ORG", "LOC", "nz"})),
                                            text, table):
            listed = tag in ("ORG", "nz") and STOCK_CODE.match(text, end) is not None \
                and not kind_of_company(text[start:end])     # 这家创业板公司（301627）
            if tag == "nz" and not listed:
                continue
            # The model now and then glues a conjunction or preposition to a name (某某与).
            while end - start > 2 and text[end - 1] in GLUED_AFTER and not (
                    tag == "PER" and (end == len(text) or not _is_cjk(text[end]))):
                end -= 1      # (a person's name may end in 和 where nothing follows: 巴图孟和)
            while end - start > 2 and text[start] in GLUED_BEFORE:
                start += 1
            while end - start > 2 and not (text[start].isalnum() or _is_cjk(text[start])):
                start += 1    # 📍某某物流中心: a mark before the name, a bullet or an emoji
            if tag == "ORG":
                # …与某某国投合资|组建: a joint act the model glued to the name's end.
                end = next((end - len(w) for w in GLUED_ACTS if text.endswith(w, start, end)
                            and end - len(w) - start >= 2), end)
            if start not in edges or end not in edges or _overlaps(starts, ends_max, start, end) \
                    or _quoted(text, start, end):
                continue
            name = text[start:end]
            titled = tag == "PER" and self._titled(model, text, start) and name[0] in self.single
            if not self._longer_than(yielding, start, end, tag, titled):
                continue
            if tag == "LOC":
                if start in foreign_ends and name.endswith(FOREIGN_DIVISION_ENDS) \
                        and len(name) >= 3 and not self.gazetteer.lookup(name):
                    found.append(Candidate(start, end, "AdminArea", MODEL_PRIORITY,
                                           {"source": "model", "foreign": True, "name": name}))
            elif tag == "PER":
                if self.reads_as_person(name, self._person_cue(model, text, start, end)) \
                        and not text.startswith(ORGANISATION_WORDS_AFTER_NAMES, end):
                    found.append(Candidate(start, end, "Person", MODEL_PRIORITY,
                                           {"source": "model"}))
            elif listed and 2 <= len(name) <= MAX_NAME and all(map(_is_cjk, name)):
                found.append(Candidate(start, end, "Company", MODEL_PRIORITY,
                                       {"source": "model"}))      # 某某科技（688xxx）
            elif _ends_in_an_act(name, text, end):
                # 由某某投资建设的…: the short name, without the act the model read into it
                short_end = end - 2
                if self.reads_as_organisation(name[:-2], table, start, short_end):
                    found.append(Candidate(start, short_end, "Company", MODEL_PRIORITY,
                                           {"source": "model"}))
            elif self.reads_as_organisation(name, table, start, end) \
                    and not self._modifies_next_noun(model, text, end):
                found.append(Candidate(start, end, self.organisation_type(name),
                                       MODEL_PRIORITY, {"source": "model"}))
        return doc

    @staticmethod
    def _longer_than(yielding: list[Candidate], start: int, end: int, tag: str,
                     titled: bool = False) -> bool:
        """Does the model's name overlap no area or person the rules read, or, for a
        person, hold the rules' person it overlaps and run past it, or (after a title, on
        a family name) hold a place read in its given name (总经理沙|永康)?"""
        for cand in yielding:
            if cand.start < end and start < cand.end:
                if not (tag == "PER" and cand.label == "Person" and cand.start == start
                        and cand.end < end) and \
                        not (titled and cand.label == "AdminArea" and start < cand.start
                             and cand.end <= end):
                    return False
        return True

    def _foreign(self, form: str) -> bool:
        """Is every division the form can name outside China (a foreign code)?"""
        found = self.gazetteer.lookup(form)
        return bool(found) and all(not d.code[:1].isdigit() and d.code != "CN" for d in found)

    def _modifies_next_noun(self, model, text: str, end: int) -> bool:
        """Is the name followed by an everyday noun it modifies (某某国家, 某某产业)?"""
        i = model.at(end)
        return i is not None and model.starts[i] == end and model.tags[i] == "n" \
            and text[end:model.ends[i]] in self.common

    @staticmethod
    def _model_reads(model, cand: Candidate) -> bool:
        i = model.at(cand.start)
        if i is None or model.starts[i] != cand.start:
            return False
        tags = []
        while i < len(model.starts) and model.ends[i] <= cand.end:
            tags.append(model.tags[i])
            if model.ends[i] == cand.end:
                return tags in (["PER"], ["ORG"], ["LOC"], ["nz"], ["LOC", "ORG"])
            i += 1
        return False

    def reads_as_person(self, name: str, cue: bool) -> bool:
        if name.endswith(ADDRESS_FORMS):
            return False           # 周女士: how a person is addressed
        if any(dot in name for dot in MIDDLE_DOTS):
            parts = _split_dots(name)
            return len(parts) >= 2 and all(p and all(map(_is_cjk, p)) for p in parts)
        if not 2 <= len(name) <= 4 or not all(map(_is_cjk, name)):
            return False
        if cue:
            return True
        family = family_name_length(name)
        return family > 0 and len(name) == family + 2 - (family == 2)

    def _titled(self, model, text: str, start: int) -> bool:
        """Does a title or reporter's word stand right before ``start`` (a space between
        them allowed: 实习生 某某)?"""
        while start and text[start - 1] in SPACES:
            start -= 1
        before = model.at(start - 1) if start else None
        if before is None or model.ends[before] != start:
            return False
        word = text[model.starts[before]:start]
        return word in self.titles or word.endswith(self.title_words)

    def _person_cue(self, model, text: str, start: int, end: int) -> bool:
        """Does a title or reporter's word stand right before the name, a speech or
        attendance verb right after it, or is it one of a list of persons (A、B、C)?"""
        if self._titled(model, text, start):
            return True
        after = model.at(end)
        if after is not None and model.starts[after] == end \
                and text[end:model.ends[after]] in PERSON_FOLLOWERS:
            return True
        return self._listed_with_a_person(model, text, start, end)

    @staticmethod
    def _listed_with_a_person(model, text: str, start: int, end: int) -> bool:
        """Is the name an item of a list, next to another the model reads as a person, a
        、 between them?"""
        if text[start - 1:start] not in LIST_EDGES or text[end:end + 1] not in LIST_EDGES:
            return False        # 某某·|某某、: part of a longer name, not an item
        if start >= 2 and text[start - 1] == "、":
            before = model.at(start - 2)
            if before is not None and model.tags[before] == "PER" \
                    and model.ends[before] == start - 1:
                return True
        if text[end:end + 1] == "、":
            after = model.at(end + 1)
            return after is not None and model.tags[after] == "PER" \
                and model.starts[after] == end + 1
        return False

    def reads_as_organisation(self, name: str, table, start: int, end: int) -> bool:
        """A name of an organisation's length, not a bare suffix, that holds a token
        which could be part of a name (see the module docstring)."""
        suffix = self._suffix(name)
        if not 2 <= len(name) <= MAX_NAME or suffix == name or name.isascii() or \
                name in NAME_STOP_WORDS or (
                suffix and suffix not in WEAK_SUFFIXES | EVIDENCE_SUFFIXES) or \
                name.endswith(RELATION_WORDS) or kind_of_company(name) or \
                name.endswith(COPULA + "公司"):
            return False        # 某某控股子公司: a relation; 创业板公司: a kind; 某某系公司…: 是
        first = bisect.bisect_left(table.starts, start)
        # The body before a suffix must hold the proper word (合资|公司 is generic).
        last = bisect.bisect_left(table.starts, end - len(suffix or ""))
        return any(word not in self.known and any(_is_cjk(ch) or ch.isalpha() for ch in word)
                   for word in table.words[first:last])

    def organisation_type(self, name: str) -> str:
        if NUMBERED_BUREAU.search(name):
            return "Company"
        if name.endswith(ORGAN_ABBREVIATION_ENDS):
            return "GovernmentBody"
        suffix = self._suffix(name)
        return self.suffixes[suffix] if suffix else "Company"

    def _suffix(self, name: str) -> str | None:
        return next((name[-size:] for size in range(min(len(name), self.longest_suffix), 0, -1)
                     if name[-size:] in self.suffixes), None)


# 由某某投资建设的…, 某某投资9.8亿元建设…: the model may read a company's short name with the
# act after it as one name; 投资 then is the act.
ACT_WORDS = ("投资", "出资")     # two characters each
AFTER_AN_ACT = re.compile(r"建设|兴建|新建|打造|的|约|超|逾|\d|[一二三四五六七八九十两]")


def _ends_in_an_act(name: str, text: str, end: int) -> bool:
    return name.endswith(ACT_WORDS) and AFTER_AN_ACT.match(text, end) is not None


def _quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] between an opening and a closing quotation or title mark on its
    line?"""
    before = text.rfind("\n", 0, start) + 1
    opened = max(text.rfind(q, before, start) for q in OPENING_QUOTES)
    if opened < 0:
        return False
    closed = max(text.rfind(q, opened, start) for q in CLOSING_QUOTES)
    return closed < opened


def _split_dots(name: str) -> list[str]:
    for dot in MIDDLE_DOTS[1:]:
        name = name.replace(dot, MIDDLE_DOTS[0])
    return name.split(MIDDLE_DOTS[0])


def _running_max(values: list[int]) -> list[int]:
    out, best = [], -1
    for value in values:
        best = max(best, value)
        out.append(best)
    return out


def _overlaps(starts: list[int], ends_max: list[int], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted intervals (their starts, and the
    running maximum of their ends)?"""
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and ends_max[i] > start


@Language.factory("kg_merge")
def make_merge(nlp: Language, name: str):
    return Merge(nlp, name)
