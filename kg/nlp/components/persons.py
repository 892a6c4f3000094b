"""Persons: names after titles of office and roles, before speech verbs, in lists.

Chinese names are a family name and one or two given characters; transliterated names
are two or more parts joined by ``·``.  A name is only taken where the context says a
person is meant: right after a title (总经理王某), right before a speech or action verb
with a boundary in front (。王某表示), in a list of names before 参加/出席, between an
appointment and 为 (任命王某为…, 免去王某的…职务), or as another
occurrence of a name already found in the same article.  Names with no Han family name
(Tibetan and Mongolian names written without a middle dot) are taken only between a title
and a speech verb, where the statistical model reads a person (hybrid recogniser only) or
jieba cut three or four characters into pieces it does not know (完|么|才|让).
"""
from __future__ import annotations

import re
from itertools import compress, repeat
from operator import lt

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import (APPOINTED_TO, Title, common_words, family_name_length,
                             person_followers, titles, verbs)
from kg.nlp.spans import Candidate, ModelWords, candidates, model_words, token_table

SPEECH_WORDS = frozenset({"说", "表示", "介绍", "指出", "认为", "强调", "坦言", "透露", "感慨道",
                          "告诉", "说道", "称", "谈到", "感叹", "回忆"})
# Acts of a meeting after which a name without a family name is looked for between them
# and a title (州长完么才让讲话); after other names 在 comes first (某某在致辞时表示).
MEETING_WORDS = frozenset({"讲话", "致辞", "主持", "发言", "宣布"})
# A name jieba does not know is cut into characters: between a title and a speech word,
# three or four characters so cut (完|么|才|让, 次|仁|顿珠) are a name.
UNKNOWN_NAME_CHARS = (3, 4)
# Characters that follow a name before such a word (某某在致辞时, 某某也表示): no name's.
AFTER_NAME_CHARACTERS = frozenset("在的也还就等则都又将已曾正")
# Titles written after the name (某某某总书记).
NAME_BEFORE_TITLES = frozenset({"总书记"})
ATTENDANCE_WORDS = frozenset({"参加", "出席", "陪同"})
# An appointment or a removal names a person between the act and 为/的 (任命某某为…).
# A post in brackets right after a name (某某（某某公司总经理）：…).
POST_IN_BRACKETS = re.compile(r"（([^（）\n]{2,30})）")
APPOINTMENT = re.compile(r"任命|聘任|聘请|免去|提名|拟任命")
APPOINTED_AFTER = ("为", "的", "同志")
# Family names that are also prepositions, and what follows them as a preposition after a
# reporter's word (记者从市…, 记者在县…).
PREPOSITION_SURNAMES = frozenset("从向于")
PLACE_REFERENCES = frozenset("市县省区州本该全我各")
CREDIT_SEPARATORS = "/／:："
# The longest name taken between a title and a speech verb without a known family name.
MAX_UNSURNAMED = 6
# The model's tags of the words such a name may be read as.
NAME_PART_TAGS = frozenset({"PER", "nr", "n", "nz", "r"})
# Tags of the model's word right after a person it reads, where a dotted name found by
# the rules runs on: a verb, a time, a function word.
TRIM_AFTER_TAGS = frozenset({"v", "vd", "vn", "TIME", "t", "d", "p", "c", "u", "f", "m", "q"})
_TRANSLITERATED = re.compile(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,10})+")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class PersonRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_persons"):
        self.titles = titles()
        self.followers = person_followers()
        # Followers of two characters or more: inside a run before a speech verb they end
        # the name (one character may be the name's own: 巴图孟和).
        self.word_followers = tuple(f for f in self.followers if len(f) > 1)
        self.title_words = tuple(sorted(self.titles, key=len, reverse=True))
        self.verbs = verbs()
        self.common = common_words()
        # The words after or before which a name is looked for.
        self.cue_words = frozenset(self.titles) | SPEECH_WORDS | ATTENDANCE_WORDS | MEETING_WORDS
        self.cue_prefixes = tuple(sorted(SPEECH_WORDS | ATTENDANCE_WORDS, key=len, reverse=True))
        self.title_last_chars = frozenset(t[-1] for t in self.titles)
        self.shortest_title = min(map(len, self.titles))
        if hasattr(nlp.tokenizer, "add_words"):
            nlp.tokenizer.add_words(self.titles)

    def _cues(self, words: list[str]) -> list[int]:
        """Indexes of the tokens a name is looked for after or before: titles, speech and
        attendance words, and words ending in a title (jieba keeps 市委书记 whole)."""
        cues = set(compress(range(len(words)), map(self.cue_words.__contains__, words)))
        longer = compress(range(len(words)), map(lt, repeat(self.shortest_title), map(len, words)))
        cues.update(i for i in longer
                    if words[i][-1] in self.title_last_chars and self._title_ending(words[i]))
        return sorted(cues)

    def _title_ending(self, word: str) -> Title | None:
        """The title a longer word ends with (市委书记 -> 书记), for titles of office."""
        if word in self.titles or not word.endswith(self.title_words):
            return None
        title = self.titles[next(t for t in self.title_words if word.endswith(t))]
        return title if title.kind not in ("press", "role") else None

    # -- boundaries -------------------------------------------------------------------
    def boundary_at(self, text: str, pos: int) -> bool:
        """Can a name end right before ``pos``?"""
        if pos >= len(text) or not _cjk(text[pos]):
            return True
        return text.startswith(self.followers, pos) or text.startswith(self.title_words, pos)

    def boundary_before(self, text: str, pos: int) -> bool:
        """Can a name start at ``pos``?"""
        if pos <= 0 or not _cjk(text[pos - 1]):
            return True
        return text.endswith(self.title_words, 0, pos) or text[pos - 1] in "的和与及"

    @staticmethod
    def surname_at(text: str, pos: int) -> int:
        return family_name_length(text[pos:pos + 2])

    # -- names ------------------------------------------------------------------------
    def name_after(self, text: str, pos: int) -> tuple[int, int] | None:
        """A name starting at ``pos`` (after a title), or None."""
        while pos < len(text) and text[pos] in " \u3000":
            pos += 1
        if pos >= len(text) or not _cjk(text[pos]):
            return None
        m = _TRANSLITERATED.match(text, pos)
        if m:
            return self._trim_transliterated(text, pos, m.end())
        sn = self.surname_at(text, pos)
        if not sn:
            return None
        if text[pos] in PREPOSITION_SURNAMES and text[pos + 1:pos + 2] in PLACE_REFERENCES:
            return None      # 记者从市商务局获悉: a preposition before a place, not 从某
        given_start = pos + sn
        if given_start >= len(text) or not _cjk(text[given_start]) or \
                self.boundary_at(text, given_start):
            return None
        if self.boundary_at(text, given_start + 1):
            return pos, given_start + 1
        if given_start + 1 < len(text) and _cjk(text[given_start + 1]):
            return pos, given_start + 2
        return pos, given_start + 1

    def _trim_transliterated(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        first = text.find("·", start, end)
        for k in range(first - 1, start - 1, -1):      # 某省副省长·某某: the title is no name
            if text.endswith(self.title_words, start, k + 1):
                start = k + 1
                break
        if start >= first:
            return None
        dot = text.rfind("·", start, end)
        for k in range(dot + 2, end + 1):
            if k < end and self._name_character_before_cue(text, k):
                continue       # 某某·阿不都|介绍: 都 is the name's, the speech verb follows
            if k == end or self.boundary_at(text, k) or text[k] in "和与及" or (
                    k >= dot + 3 and self._verb_at(text, k)):
                return (start, k) if k > dot + 1 else None
        return start, end

    def _name_character_before_cue(self, text: str, k: int) -> bool:
        """Is text[k] one character right before a speech or attendance verb (and no such
        verb itself), so that it ends the name rather than starting what follows it?"""
        return not text.startswith(self.cue_prefixes, k) \
            and text.startswith(self.cue_prefixes, k + 1)

    def _verb_at(self, text: str, k: int) -> bool:
        return any(text[k:k + n] in self.verbs for n in (2, 3, 4))

    def name_before(self, text: str, pos: int) -> tuple[int, int] | None:
        """A name ending at ``pos`` (before a speech verb), or None."""
        if pos <= 0 or not _cjk(text[pos - 1]):
            return None
        j = pos - 1
        while j >= 0 and (_cjk(text[j]) or text[j] == "·"):
            j -= 1
        run_start = j + 1
        if "·" in text[run_start:pos]:
            first = text.find("·", run_start, pos)
            start = first - 1
            while start > run_start and first - start < 6 and not self.boundary_before(text, start):
                start -= 1
            return self._trim_transliterated(text, start, pos)
        for length in (3, 2, 4):
            start = pos - length
            if start < run_start or not self.surname_at(text, start):
                continue
            if any(text.startswith(self.word_followers, k) for k in range(start + 2, pos)):
                continue      # 某某|分别介绍: a word that follows names ends this one
            if self.boundary_before(text, start):
                return start, pos
        return None

    def __call__(self, doc: Doc) -> Doc:
        table = token_table(doc)
        text = table.text
        found: list[tuple[int, int, str]] = []
        words, starts = table.words, table.starts
        area_starts = {c.start for c in candidates(doc) if c.label == "AdminArea"}
        for i in self._cues(words):
            idx, word = starts[i], words[i]
            title = self.titles.get(word) or self._title_ending(word)
            if title is not None:
                end = idx + len(word)
                if title.kind == "press" and text[end:end + 1] in CREDIT_SEPARATORS:
                    end += 1    # 编辑/某某, 摄影：某某
                span = self.name_after(text, end)
                if span and title.kind == "press" and span[0] in area_starts:
                    span = None     # 记者：宁夏项目…: an interviewer's question, not a name
                while span:
                    found.append((span[0], span[1], title.kind))
                    nxt = span[1]
                    if nxt < len(text) and text[nxt] in "、 " and not text.startswith(
                            self.title_words, nxt + 1):
                        span = self.name_after(text, nxt + 1)
                        if span and span[1] - span[0] > 4 and "·" not in text[span[0]:span[1]]:
                            span = None
                    elif nxt < len(text) and self.surname_at(text, nxt) and \
                            self.name_after(text, nxt) and self.boundary_at(
                                text, self.name_after(text, nxt)[1]):
                        span = self.name_after(text, nxt)
                    else:
                        span = None
            elif word in SPEECH_WORDS or word in MEETING_WORDS:
                span = (self.name_before(text, idx) if word in SPEECH_WORDS else None) or \
                    self._between_title_and_speech(table, i, model_words(doc))
                # (简单说, 具体来说: an everyday word before 说 is no name)
                if span and text[span[0]:span[1]] not in self.common:
                    found.append((span[0], span[1], "speaker"))
            elif word in ATTENDANCE_WORDS:
                found.extend((s, e, "attendee") for s, e in self._attendees(text, idx))
        for act in APPOINTMENT.finditer(text):
            # 任命某某为…, 免去某某的…职务: the one an appointment names
            span = self.name_after(text, act.end())
            if span and text.startswith(APPOINTED_AFTER, span[1]):
                found.append((span[0], span[1], "appointed"))
        for post in POST_IN_BRACKETS.finditer(text):
            # 某某（某某公司总经理）：…, 某某（某县副县长）表示: the post in brackets after a name
            title = self.titles.get(post.group(1)) or self._title_ending(post.group(1))
            if title is not None and title.kind not in ("press", "role"):
                span = self.name_before(text, post.start())
                if span and not text.endswith(self.title_words, 0, span[1]) and \
                        text[span[0]:span[1]] not in self.common:
                    found.append((span[0], span[1], "post"))   # (not 项目经理（…）)
        for title in NAME_BEFORE_TITLES:
            at = text.find(title)
            while at != -1:
                start = at - 3
                if start >= 0 and self.surname_at(text, start) and all(
                        _cjk(ch) for ch in text[start:at]):
                    found.append((start, at, "party"))
                at = text.find(title, at + 1)
        model = model_words(doc)
        if model is not None:
            found = [(s, self._model_end(model, text, s, e), kind) for s, e, kind in found]
            found = [(s, e, kind) for s, e, kind in found
                     if model.tag_at(s) == "PER" or not self._words_not_name(model, text, s, e,
                                                                             kind)]
        names = {text[s:e] for s, e, _ in found}
        out = candidates(doc)
        for s, e, kind in found:
            out.append(Candidate(s, e, "Person", priority=1, attrs={"context": kind}))
        for name in names:
            if len(name) < 2:
                continue
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                if self.boundary_before(text, start) or self.boundary_at(text, end):
                    out.append(Candidate(start, end, "Person", priority=0,
                                         attrs={"context": "repeat"}))
                start = text.find(name, end)
        return doc

    def _words_not_name(self, model: ModelWords, text: str, start: int, end: int,
                        kind: str) -> bool:
        """Where the model reads no person: an everyday word where a name was looked for
        (理事长|单位, 某某|关于…), or words after a role word (干部, 学生) whose edge cuts a word
        the model reads (干部|任免相|关规定: 任免 相关 规定)."""
        return text[start:end] in self.common or \
            kind == "role" and _cuts_a_model_word(model, start, end)

    @staticmethod
    def _model_end(model: ModelWords, text: str, start: int, end: int) -> int:
        """Where a name joined by ``·`` ends when the model reads it as a person that ends
        earlier and a verb, time or function word after it (某某·某某|带队, 某某·某某|清晨七点):
        the rules run such a name on to the next boundary."""
        if "·" not in text[start:end]:
            # 某某任|实验室主任: a name of three the model reads as two, then 任 as a verb
            i = model.at(start)
            if end - start == 3 and text[end - 1] == APPOINTED_TO and i is not None and \
                    model.tags[i] == "PER" and model.starts[i] == start and \
                    model.ends[i] == end - 1 and model.tag_at(end - 1) == "v":
                return end - 1
            return end
        i = model.at(start)
        if i is None or model.tags[i] != "PER" or model.starts[i] != start \
                or not start < model.ends[i] < end or "·" not in text[start:model.ends[i]]:
            return end
        cut = model.ends[i]
        after = model.at(cut)
        if after is None or model.tags[after] not in TRIM_AFTER_TAGS \
                or model.ends[after] - cut < 2 or cut - text.rfind("·", start, cut) <= 2:
            return end      # one character after the person (某某·阿不|都): the model's doubt
        return cut

    def _between_title_and_speech(self, table, i: int,
                                  model: ModelWords | None) -> tuple[int, int] | None:
        """A name with no family name the rules know (次仁顿珠, 乌云毕力格: Tibetan and
        Mongolian names), before the speech word ``words[i]``: taken only where a title
        of office ends right before it and the model reads a person in it, or jieba cut
        three or four characters there into pieces it does not know (完|么|才|让)."""
        text, words, starts = table.text, table.words, table.starts
        end = starts[i]
        for j in range(i - 1, -1, -1):
            start = starts[j] + len(words[j])
            if end - start > MAX_UNSURNAMED:
                return None
            title = self.titles.get(words[j]) or self._title_ending(words[j])
            if title is None:
                continue
            if title.kind == "press" or end - start < 2 or \
                    not all(_cjk(ch) for ch in text[start:end]) or self.name_after(text, start):
                return None
            if self._cut_unknown(words[j + 1:i], end - start):
                return start, end
            if model is None:
                return None
            # The model's words there: a person last, nothing but nouns before it (其|木格,
            # 乌云|毕力格); 某某在会上 is a name and a phrase.
            tags = [model.tag_at(k) for k in range(start, end)]
            if tags[-1] == "PER" and all(tag in NAME_PART_TAGS for tag in tags):
                return start, end
            return None
        return None

    def _cut_unknown(self, pieces: list[str], length: int) -> bool:
        """Three or four characters jieba cut into pieces, mostly single characters, none
        of them an everyday word of two or more (a name it does not know)."""
        return length in UNKNOWN_NAME_CHARS and \
            sum(len(p) == 1 for p in pieces) >= 2 and \
            not any(len(p) > 1 and p in self.common for p in pieces) and \
            not any(p in AFTER_NAME_CHARACTERS for p in pieces[1:])     # 某某在|致辞

    def _attendees(self, text: str, pos: int) -> list[tuple[int, int]]:
        items = []
        end = pos
        while True:
            start = end
            while start > 0 and _cjk(text[start - 1]) and end - start < 4:
                start -= 1
            if end - start < 2 or not self.surname_at(text, start):
                break
            items.append((start, end))
            if start > 0 and text[start - 1] == "、":
                end = start - 1
            else:
                break
        return items if len(items) >= 2 else []


def _cuts_a_model_word(model: ModelWords, start: int, end: int) -> bool:
    """Does a word the model reads (not a person) run across ``start`` or ``end``?"""
    for edge in (start, end):
        k = model.at(edge)
        if k is not None and model.starts[k] < edge < model.ends[k] and model.tags[k] != "PER":
            return True
    return False


@Language.factory("kg_persons")
def make_person_recognizer(nlp: Language, name: str):
    return PersonRecognizer(nlp, name)
