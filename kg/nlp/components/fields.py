"""Names in labelled fields: the metadata and credit lines of web pages and wire copy.

A web page says who published and wrote it in fields: ``来源：某某在线　2025-04-18 09:30
作者：某某　编辑：某某``; a trade paper writes ``文｜某某``; a government site ends with
``主办：某某县人民政府办公室　承办：某某县大数据局``.  The label says what the value is, so
the value is a name however plain it looks (a portal's name has no suffix): an organisation
after 来源/主办/承办/出品 (its type by its suffix, else a medium: Organization), a person
after 作者/编辑/记者/通讯员/摄影/文/法定代表人 when it reads as a name (two to four characters, or
parts joined by ``·``).  A value runs to the next space, punctuation or field.  In page
furniture a reporter's role may stand before the names without a colon (``记者 某某``), and
a field may hold its own credits (``作者：文/某某 图/某某``).  A two-character name padded
to the width of three with a space (``编辑：方 媛``) is one name.

A project's record names its facility the same way: the first cell of a record line
(``1. 某某项目｜建设单位：…｜总投资：…``) and the value of ``项目名称：``, when it ends with a
facility's suffix, are a compute centre or a project whatever words they are made of.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import (ADDRESS_FORMS, family_name_length, org_suffixes, suffix_kind,
                             surnames, titles)
from kg.nlp.spans import Candidate, candidates, token_table

ORGANISATION_LABELS = ("来源", "主办", "承办", "出品", "主办单位", "承办单位", "供稿")
# Credit labels whose value may be a desk or a unit (策划, 统筹, 制作) are not here.
PERSON_LABELS = ("作者", "责任编辑", "编辑", "记者", "通讯员", "摄影", "摄像", "文", "撰文", "图",
                 "法定代表人", "负责人", "联系人", "值班编辑", "责编", "审核", "审校", "校对", "审片",
                 "签发人", "签发", "终审", "初审", "复审", "监制", "主编", "美编", "编审", "分析师",
                 "版式设计", "版式", "排版", "美术编辑", "实习生", "见习记者", "实习记者", "剪辑",
                 # a county media centre's three reviews (一审：某某　二审：某某　三审：某某)
                 "一审", "二审", "三审",
                 # an announcement's signature (董事长：某某)
                 "董事长", "总经理", "董事会秘书",
                 # a page's credits (本版摄影：某某 某某)
                 "本版摄影", "本版编辑", "本版责编", "本版统筹",
                 # a tender's staff
                 "项目经理", "项目负责人", "技术负责人", "设计负责人", "施工负责人", "项目总工",
                 "总监理工程师")
# In page furniture a reporter's role may be followed by the names without a colon
# (2025-10-22 10:05　某某客户端　记者 某某 实习生 某某).
SPACED_ROLES = ("记者", "通讯员", "实习生", "见习记者", "实习记者", "摄影", "摄像",
                "本报记者", "本台记者", "本刊记者", "全媒体记者", "融媒体记者",
                # a page's credits (本版责任编辑 某某　美术编辑 某某　校对 某某)
                "本版责任编辑", "责任编辑", "美术编辑", "版式", "校对", "剪辑")
_LABELS = "|".join(sorted(ORGANISATION_LABELS + PERSON_LABELS, key=len, reverse=True))
_LONG_LABELS = "|".join(sorted((label for label in ORGANISATION_LABELS + PERSON_LABELS
                                if len(label) > 1), key=len, reverse=True))
# A value ends at a space, punctuation, or where the next field's label begins
# (…办公室网站标识码：).  More names may follow the first after 、 or a space, the
# full-width one too (记者：某某　某某某), as long as they are no next field's label.
_VALUE = (r"([\u4e00-\u9fffA-Za-z0-9·]+?"
          r"(?:[、 　](?![\u4e00-\u9fff]{1,6}[:：/／|｜])[\u4e00-\u9fff·]{1,8})*)"
          r"(?=$|[^\u4e00-\u9fffA-Za-z0-9·]|[\u4e00-\u9fff]{2,6}[:：])")
_NAME_SEPARATORS = "、 　"
# A label starts a line (after its item's number: 2、法定代表人：), follows a space, or
# follows the end of another field.
# 作者：文/某某 图/某某: a credit inside a field's value names who wrote, then who shot.
_INNER_CREDIT = r"(?:[文图]\s*[/／|｜]\s*)?"
FIELD = re.compile(rf"(?:^|(?<=[\s　|｜（(:：])|(?<=^\d[、.．])|(?<=^\d\d[、.．]))"
                   rf"({_LABELS})\s*[:：|｜/／]\s*{_INNER_CREDIT}" + _VALUE,
                   re.M)
# A photo's credit closing its caption: （图为某某项目现场。　某某　摄）.
PHOTO_CREDIT = re.compile(r"(?<=[ 　（(])([\u4e00-\u9fff]{2,4})[ 　]*摄(?=[ 　]*[）)]|[ 　]*$)",
                          re.M)
# A broadcast's credits with their labels in brackets: 【编辑】某某　【审片】某某.
BRACKETED_FIELD = re.compile(rf"(?<=【)({_LABELS})】\s*" + _VALUE, re.M)
SPACED_FIELD = re.compile(rf"(?:^|(?<=[\s　|｜（(:：]))({'|'.join(SPACED_ROLES)})[ 　]+" + _VALUE,
                          re.M)
# In page furniture, lines may have been run together (…数据中心来源：某某在线): there a
# label of two characters or more with a colon is a label wherever it stands.  (In an
# article's text, 资金来源：… is a phrase, not a field.)
RUN_TOGETHER_FIELD = re.compile(rf"(?<![\s　|｜])({_LONG_LABELS})[:：]\s*" + _VALUE, re.M)
# In an article, a record's person fields run together with the field before them.
RECORD_PERSON_LABELS = ("法定代表人", "负责人", "联系人", "项目经理", "项目负责人", "技术负责人")
# What may follow a person's value run together: the next field's label (a known one).
_NEXT_LABEL = "|".join(sorted(set(PERSON_LABELS + ORGANISATION_LABELS) | {
    "注册资本", "注册地址", "注册地", "成立日期", "成立时间", "经营范围", "统一社会信用代码", "住所",
    "企业类型", "公司类型", "类型", "主营业务", "股权结构", "联系电话", "电话"}, key=len, reverse=True))
RECORD_PERSON_FIELD = re.compile(rf"(?<![\s　|｜])({'|'.join(RECORD_PERSON_LABELS)})[:：]\s*"
                                 rf"([\u4e00-\u9fff·]{{2,12}}?)"
                                 rf"(?=$|[^\u4e00-\u9fff·]|(?:{_NEXT_LABEL})\s*[:：])", re.M)
# A web page names its site or account over the article, where no label says so: as the
# first place of its breadcrumb (某某网 > 新闻 > 正文), or before the time it was posted
# (某某市人民政府网　2026-04-17 09:12; 原创 某某 某某 2025年12月16日; 【视频号】某某融媒　2025-…).
SITE_ENDS = ("网", "在线", "客户端", "融媒", "日报", "晚报", "报", "台", "频道")
BREADCRUMB_SITE = re.compile(r"^(?:当前位置[：:]\s*)?([\u4e00-\u9fff]{1,14}(?:"
                             + "|".join(SITE_ENDS) + r"))\s*[>＞»›]", re.M)
POSTED_BY = re.compile(r"^(?:【[^】]{1,6}】\s*|原创\s+)?([\u4e00-\u9fffA-Za-z]{2,14}?)"
                       r"(?:\s+[\u4e00-\u9fffA-Za-z·]{2,14})?[ 　]+\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月)",
                       re.M)
# Values that name no one: the page's own desk, a compilation.
NOT_NAMES = frozenset({"本网", "本报", "本站", "本台", "综合", "网络", "互联网", "转载", "网友",
                       "佚名", "不详", "未知", "其他", "整理", "编辑部", "本刊"})
MIDDLE_DOTS = "·"
# A person's value that ends in a role is the desk, not a name (本刊记者).
ROLE_ENDS = ("记者", "编辑", "通讯员", "摄影", "编者", "实习生")
# Words before 来源 that make it another field's label (资金来源, 收入来源): no publisher.
NOT_A_SOURCE = ("资金", "经费", "收入", "资本", "原料", "数据", "能源", "电力", "水")
# What a source's value may end with that is no part of its name (来源：某某网综合).
SOURCE_ENDS = ("综合", "整理", "编辑", "消息")


# A project's own fields: a record line (1. 某某项目｜建设单位：…｜总投资：…) or 项目名称：某某项目.
# The structure says the value is a facility's name, whatever words it is made of.
RECORD_LABELS = ("建设单位", "项目单位", "业主单位", "投资主体", "项目业主", "实施主体", "建设地点",
                 "项目地点", "实施地点", "总投资", "计划总投资", "项目总投资", "投资总额", "建设内容",
                 "建设规模", "建设性质", "建设期限", "建设年限", "建设起止年限")
_RECORD_LABELS = "|".join(sorted(RECORD_LABELS, key=len, reverse=True))
RECORD_LINE = re.compile(r"^[ 　]*(?:[（(]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]?[.、．\s]\s*)?"
                         r"([^\s｜|\t：:，。；]{4,40}?)[ 　]*[｜|\t][ 　]*"
                         rf"(?:{_RECORD_LABELS})\s*(?:[（(][^）)]{{1,6}}[）)])?[：:]", re.M)
FACILITY_FIELD = re.compile(r"(?:^|(?<=[\s　|｜]))(?:项目名称|工程名称)[：:][ 　]*"
                            r"([^\s｜|\t，。；：:]{4,40}?)"
                            rf"(?=$|[\s｜|\t，。；]|(?:{_RECORD_LABELS})[：:])", re.M)
FACILITY_TYPES = ("ComputeCenter", "Project")
# One-character words of a credit that follow a name (记者 王 摄): no part of it.
CREDIT_WORDS = frozenset("摄图文报道讯等")


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


# What a government section's or a company department's name ends with (投资科, 办公室).
SECTION_ENDS = ("科", "处", "室", "部", "局", "办", "股", "组")
# A family name and one of these is how a person is addressed, not their name (刘工, 王总).
ADDRESS_ENDS = "工总老"


def _reads_as_person(name: str) -> bool:
    if len(name) == 2 and name[1] in ADDRESS_ENDS or name.endswith(ADDRESS_FORMS):
        return False
    if MIDDLE_DOTS in name:
        parts = name.split(MIDDLE_DOTS)
        return len(parts) >= 2 and all(len(p) <= 10 and _is_cjk(p) for p in parts)
    # (联系人：投资科 某某: a section before the person, no family name opening it)
    return 2 <= len(name) <= 4 and _is_cjk(name) and not (
        name.endswith(SECTION_ENDS) and not family_name_length(name))


class FieldNameRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_fields"):
        self.suffixes = org_suffixes()
        self.titles = frozenset(title for title in titles() if len(title) >= 2)
        self.family_names = surnames()[0]

    def __call__(self, doc: Doc) -> Doc:
        text = token_table(doc).text
        furniture = (doc._.kg_context or {}).get("furniture")
        if "：" not in text and ":" not in text and "｜" not in text and "|" not in text \
                and "/" not in text and "／" not in text and "【" not in text and "摄" not in text \
                and not furniture and not SPACED_FIELD.search(text):
            return doc
        found = candidates(doc)
        self._facilities(text, found)
        matches = list(FIELD.finditer(text))
        matches += BRACKETED_FIELD.finditer(text)
        for credit in PHOTO_CREDIT.finditer(text):
            name = credit.group(1)
            if family_name_length(name) and _reads_as_person(name) and not self._is_title(name):
                found.append(Candidate(credit.start(1), credit.end(1), "Person", priority=4,
                                       attrs={"field": "摄"}))
        # (a transcript's closing credits stand in its text: 记者　某某　|　摄像　某某)
        matches += SPACED_FIELD.finditer(text)
        if furniture:
            matches += RUN_TOGETHER_FIELD.finditer(text)
            self._sites(text, found)
        else:
            # A record's fields run together (…有限公司负责人：某某法定代表人：某某).
            matches += RECORD_PERSON_FIELD.finditer(text)
        for match in matches:
            label, value = match.group(1), match.group(2)
            start = match.start(2)
            if label in ORGANISATION_LABELS:
                if text.endswith(NOT_A_SOURCE, 0, match.start(1)):
                    continue     # 资金来源：企业自筹及银行贷款: where money comes from
                name = self._organisation(re.split(f"[{_NAME_SEPARATORS}]", value)[0])
                for end in SOURCE_ENDS:
                    if name.endswith(end) and len(name) > len(end) + 1:
                        name = name[:-len(end)]      # 来源：某某网综合: the site, compiled
                if len(name) >= 2 and name not in NOT_NAMES and not name.isascii():
                    found.append(Candidate(start, start + len(name), self._type(name),
                                           priority=4, attrs={"field": label}))
                continue
            for at, end in self._names_in(value, start):
                name = text[at:end].replace(" ", "").replace("\u3000", "")
                if _reads_as_person(name) and name not in NOT_NAMES \
                        and not name.endswith(ROLE_ENDS) and not self._is_title(name):
                    found.append(Candidate(at, end, "Person", priority=4,
                                           attrs={"field": label}))
        return doc

    def _names_in(self, value: str, start: int) -> list[tuple[int, int]]:
        """The spans of the names in a credit's value.  A two-character name is often
        padded to the width of three with a space (编辑：方 媛, 记者 马 蓉 杨 帆): a family
        name and one character, each alone between spaces, are one name."""
        pieces, at = [], start
        for piece in re.split(f"([{_NAME_SEPARATORS}])", value):
            if piece and piece not in _NAME_SEPARATORS:
                pieces.append((at, at + len(piece), piece))
            at += len(piece)
        spans, i = [], 0
        while i < len(pieces):
            s, e, piece = pieces[i]
            if len(piece) == 1 and piece in self.family_names and i + 1 < len(pieces) \
                    and len(pieces[i + 1][2]) == 1 and pieces[i + 1][2] not in CREDIT_WORDS \
                    and pieces[i + 1][0] == e + 1 \
                    and value[e - start] in " \u3000":
                spans.append((s, pieces[i + 1][1]))
                i += 2
                continue
            spans.append((s, e))
            i += 1
        return spans

    def _facilities(self, text: str, found: list[Candidate]) -> None:
        """A record line's first cell and a 项目名称 field's value name facilities, when the
        value ends with a facility's suffix: a compute centre when a compute centre's suffix
        is in it, else a project; unless a facility is already found over the value (the
        rules' reading of it is kept)."""
        values = [m.span(1) for m in RECORD_LINE.finditer(text)]
        values += [m.span(1) for m in FACILITY_FIELD.finditer(text)]
        for start, end in values:
            name = text[start:end]
            if sum(map(_is_cjk, name)) < 3 or any(
                    c.start <= start and end <= c.end and c.label in FACILITY_TYPES
                    for c in found):
                continue
            label = self._type(name)
            if label not in FACILITY_TYPES:
                continue          # 1. 某某有限公司｜…: a list of companies
            if any(t == "ComputeCenter" and s in name for s, t in self.suffixes.items()):
                label = "ComputeCenter"       # 某某智算中心二期项目
            found.append(Candidate(start, end, label, priority=4, attrs={"field": "项目名称"}))

    def _is_title(self, word: str) -> bool:
        """A post written before the name in the field (签发人：副局长 某某)."""
        return any(word[-size:] in self.titles for size in range(2, min(len(word), 6) + 1))

    def _sites(self, text: str, found: list[Candidate]) -> None:
        """The site or account a page's furniture names without a label: the first place
        of its breadcrumb, or the name its posting time follows — not a person's name (a
        byline: 某某　2025-04-18)."""
        for match in (*BREADCRUMB_SITE.finditer(text), *POSTED_BY.finditer(text)):
            name = match.group(1)
            if name in NOT_NAMES or name.isascii() or not name.endswith(SITE_ENDS) and (
                    len(name) <= 4 and family_name_length(name) or self._is_title(name)):
                continue
            found.append(Candidate(match.start(1), match.end(1), self._type(name), priority=4,
                                   attrs={"field": "site"}))

    def _organisation(self, value: str) -> str:
        """An organisation's name ends at its last suffix: what follows is another
        field run into it (…发展局桂ICP备…号)."""
        ends = [i + len(suffix) for suffix in self.suffixes
                for i in [value.rfind(suffix)] if i > 0]
        return value[:max(ends)] if ends else value

    @staticmethod
    def _type(name: str) -> str:
        return suffix_kind(name) or "Organization"


@Language.factory("kg_fields")
def make_field_recognizer(nlp: Language, name: str):
    return FieldNameRecognizer(nlp, name)
