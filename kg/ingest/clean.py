"""Cleaning a page into typed paragraphs that keep track of where every character came from.

A paragraph is a list of source spans of ``Page.text``; cleaning only ever *selects*
characters (drops line breaks, markup, the second copy of doubled print, furniture), so
any cleaned character can be traced back to the page.  The steps, in order:

1. lines: whitespace trimmed; markdown heading marks, ``**`` bold marks, inline tags
   (``<sup>``), link targets dropped;
2. hard-wrapped lines joined into paragraphs (a line continues when it does not end a
   sentence and the next line does not start a heading, byline or lead);
3. doubled print (``清明假期清明假期，，`` — every run printed twice) reduced to one copy;
4. each paragraph classified: furniture (masthead, footer, banners), heading, lead
   (``本报讯…``), byline line, photo credit, picture caption, jump line (``（上接第一版）``),
   or text;
5. paragraphs broken by a blank line in mid-sentence joined again (across captions that the
   layout dropped in between), and short standalone lines recognised as plain titles;
6. paragraphs printed twice on the page dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.ingest.byline import ROLE, has_role, parse_names
from kg.nlp.lexicon import suffix_kind

Span = tuple[int, int]

FURNITURE = "furniture"
REPEAT = "repeat"             # a paragraph the layout printed twice: dropped
HEADING = "heading"
LEAD = "lead"
BYLINE = "byline"
SIGNOFF = "signoff"           # （记者 某某 通讯员 某某） closing an article: its byline
CREDIT = "credit"
CAPTION = "caption"
JUMP = "jump"
TEXT = "text"
_WEAK = "weak"  # not yet decided between text and a plain title

_WS = " \t\r\f\v\u3000\u00a0\ufeff\u200b"
_FINAL = frozenset("。！？；：!?;:…")
_CLOSERS = frozenset("”’」』）)】〉》\"'")
_CJK = re.compile(r"[\u4e00-\u9fff]")

_MD_HEADING = re.compile(r"#{1,6}(?=[^#])")
# A post's topic (#话题#…) or a line of tags (#AIDC #液冷) opens like a heading but is not
# one; a line of tags alone is furniture.
_HASHTAGS = re.compile(r"#[^#\s]{1,30}#|#[^#\s]+(?:\s+#[^#\s]+)+\s*$")
_TAG_LINE = re.compile(r"#[^#\s]+(?:\s+#[^#\s]+)+")
_MARKUP = re.compile(
    r"\*\*|<(?:https?://|mailto:)[^<>\s]*>|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
    r"|\]\([^()\s]*\)|\[(?=[^\[\]\n]*\]\()")

# Lines that start something new and so never continue the line above.
_STRUCTURE_START = re.compile(
    r"(?:□|■|——|#|»|›|本报讯|新华社|中新社|[（(]\s*(?:上接|接上|紧接)"
    r"|[\u4e00-\u9fff]{1,8}/[\u4e00-\u9fff]{0,12}(?:记者|通讯员)|[-*+]\s|\d{1,2}[.、]\s"
    r"|\d{1,2}[．、](?!\d)|[（(][一二三四五六七八九十]{1,2}[）)])")

_LEAD = re.compile(
    r"(?:本报讯|本报[\u4e00-\u9fff]{1,6}电|(?:新华社|中新社)[\u4e00-\u9fff\d]{0,14}电"
    r"|[\u4e00-\u9fff]{1,8}(?:网|社|台|报|客户端)[\u4e00-\u9fff]{1,8}\d{1,2}月\d{1,2}日(?:电|消息)"
    r"|[\u4e00-\u9fff]{1,8}(?:网|社|台|报|云|客户端)讯)(?=[\s（(记通实特见首本\d]|$)\s*")
_LEAD_REPORTED = re.compile(rf"\s*({ROLE}[^。:：，,（）()]{{0,60}}?)报道\s*[:：]?\s*")
_NAME_TOKEN = r"(?:[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]+|[\u4e00-\u9fff]{2,3})"
_LEAD_ROLES = re.compile(rf"\s*((?:{ROLE}\s*{_NAME_TOKEN}(?:[、\s]+{_NAME_TOKEN}(?![\u4e00-\u9fff]))*"
                         rf"[、\s]*)+)")
_JUMP = re.compile(r"[（(]\s*(?:上接|接上|紧接)第?\s*[\u4e00-\u9fff\d]{1,4}\s*版\s*[）)]\s*")
_JUMP_OUT = re.compile(r"\s*[（(]\s*(?:下转|转)第?\s*[\u4e00-\u9fff\d]{1,4}\s*版\s*[）)]\s*$")
_CREDIT = re.compile(r"(?:[□■]\s*)?(.{1,40}?)\s*摄(?:影)?")
_INLINE_CREDIT = re.compile(rf"(?:\s*[□■]|(?<=[。！\s]))\s*({ROLE}\s*[\u4e00-\u9fff·\s]{{1,16}}?)"
                            r"\s*摄(?:影)?$")
# A medium named before the names of a credit, with no role word (某县融媒体中心 某某 摄).
_MEDIUM_BEFORE_NAMES = re.compile(r"[\u4e00-\u9fff]{2,16}(?:融媒体中心|日报|晚报|报社|电视台)[ 　]+")
_BYLINE = re.compile(r"(?:[□■]\s*)?(.{2,60})")
_CAPTION = re.compile(r"(?:^|[。！\s])图为")

_FURNITURE_WORDS = re.compile(
    r"刊号|邮发代号|主管主办|主办单位[:：]|出版单位[:：]|广告经营许可证|责任编辑[:：/／]"
    r"|(?:广告|发行|新闻|订阅|读者|服务)热线\s*[:：]?\s*\d|承印(?:单位)?\s*[:：]"
    # (注册地址：, 办公地址：… are a record's fields, not the paper's address)
    r"|(?:本报地址|社址|(?<![注册办公通讯联系项目建设])地址)\s*[:：]"
    r"|(?:邮编|邮政编码|定价|零售价)\s*[:：]?\s*\d"
    r"|(?:编辑|版式|审校|校对|美编|责编|组版|排版|制图|校审)\s*[/／]"
    r"|https?://|www\.|mailto:|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}"
    r"|\d{3,4}-\d{7,8}|(?:电话|传真)\s*[:：]?\s*\d"
    r"|来源\s*[:：]|发布(?:时间|日期)\s*[:：]")
_FURNITURE_LINE = re.compile(
    r"\d{1,4}"                                                  # day number, page number
    r"|(?:星期|礼拜)[一二三四五六日天]"
    r"|(?:农历)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年[\u4e00-\u9fff]{0,8}"
    r"|总第\s*\d+\s*期|第\s*\d+\s*期|(?:今日|本期)\s*\d+\s*版|第\s*\d+\s*版.{0,12}"
    r"|[\u4e00-\u9fff]{2,12}客户端|.{2,30}(?:中心|社|集团|传媒|公司|委员会)出版|[»›].{0,30}"
    r"|[A-Z][A-Z .·\-]{3,40}"                                   # masthead name in Latin letters
    r"|\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")       # a web page's time stamp
_DATE_LINE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?(?:\s*(?:星期|周)[一二三四五六日天])?"
    r"(?:\s*(?:农历)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\S{0,8})?")
_DAY_LINE = re.compile(r"\d{1,2}")
# A row of a table written as text: three cells or more between full-width spaces, bars or
# tabs (序号　项目名称　建设单位, 1｜某某项目｜某某公司｜…), none of them empty.
_CELL_SEPARATORS = re.compile(r"[　|｜\t]+")


# A line whose last column, set off by spaces, is a short value (某市副市长  某某): two such
# lines running are rows of a list, not lines wrapped in the middle of a sentence.
_LAST_COLUMN = re.compile(r"\S(?: {2,}|[　\t]+)[^\s，。；：,;:]{2,10}$")
# A list's row naming one organisation (成员单位名单： / 某某科技有限公司 / 某某研究院): a short
# line with no punctuation, ending in an organisation's suffix.  Three such lines running
# are a list (two may be a signature over a date, a block read as a whole).
_NAME_ROW_LONGEST = 30
_NAME_ROWS_RUNNING = 3
_NAME_ROW_TYPES = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization"})
_PUNCTUATION = re.compile(r"[，。；：、！？,;:!?（）()“”]")


def _is_table_row(text: str) -> bool:
    # A Markdown row opens and closes with a bar (| 1 | 某某项目 | 26.8 |).
    cells = _CELL_SEPARATORS.split(text.strip().strip("|｜"))
    return len(cells) >= 3 and all(cell.strip() for cell in cells)


# The credit fields that close a web article or a broadcast transcript: who edited, checked
# and signed it (编辑：某某　审核：某某, （编辑：某某　责编：某某）, 签发人：副局长 某某).
CREDIT_LABELS = ("责任编辑", "值班编辑", "编辑", "责编", "审核", "审校", "校对", "签发人", "签发",
                 "终审", "初审", "复审", "监制", "主编", "美编", "编审", "统筹", "策划", "制作",
                 "本版摄影", "本版编辑", "本版责编", "本版统筹", "本版责任编辑", "美术编辑",
                 "版式", "一审", "二审", "三审")
_CREDIT_LABEL = "|".join(sorted(CREDIT_LABELS, key=len, reverse=True))
_CREDIT_FIELDS = re.compile(rf"[（(]?\s*(?:(?:{_CREDIT_LABEL})\s*[:：]\s*[^:：，。；;]{{1,30}}?\s*)+"
                            r"[）)]?")
# A page's credits line with the roles set off by spaces (本版责任编辑 某某　美术编辑 某某).
_SPACED_CREDITS = re.compile(rf"(?:(?:{_CREDIT_LABEL})[ 　]+[\u4e00-\u9fff·]{{2,6}}[ 　]*){{2,}}")
# A line of a page's metadata (来源：…　作者：…) is a line of its own: it neither continues
# the line before (a headline without a full stop, which it marks as the headline) nor is
# continued by the paragraph after it.  A paragraph opening with any labelled field
# (证券代码：…, 2.招标人：…) is not continued across a blank line either; within a block,
# field lines stay joined (公司名称：某某 注册地址：某某 is read as one).
_FIELD_LINE = re.compile(r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]\s*)?"
                         r"[\u4e00-\u9fff]{2,6}\s*[:：]")
_FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[:：]")
# 1. 某某, 六、某某: a numbered item of a notice.
_NUMBERED = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:、|[.．](?!\d))")
_META_FIELD_LINE = re.compile(rf"[（(]?(?:来源|作者|{_CREDIT_LABEL}|发布(?:时间|日期)|时间|日期|记者"
                              r"|通讯员|摄影|出处|稿源|文|图|文/图|图/文)\s*[:：|｜/／]")
# A date with a time of day (2025-10-22 10:05, 2025年10月22日 10:05): a web page's stamp.
_TIME_STAMP = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")
# A web page's metadata line (来源：某某网 2025-04-18 09:30, 发布时间：2025年4月18日) and its date.
_META_LINE = re.compile(r"来源\s*[:：]|发布(?:时间|日期)?\s*[:：]|(?:时间|日期)\s*[:：]")
_META_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_NEWSPAPER = re.compile(r"([\u4e00-\u9fff]{2,10}(?:日报|晚报|早报|时报|商报|报))")
# Over a web page's headline: the site's name alone (某某学院新闻网), and its breadcrumb
# (某某网 > 新闻 > 正文, 首页 > 学院要闻).
_SITE = re.compile(r"[\u4e00-\u9fff]{2,14}(?:网|在线|客户端|融媒)")
_BREADCRUMB = re.compile(r"(?:当前位置[:：]\s*)?[^\s>＞»›]{1,14}(?:\s*[>＞»›]\s*[^\s>＞»›]{1,14})+"
                         r"\s*[>＞»›]?")

_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))
_SENTENCE_STOP = re.compile(r"[。！？!?；;]")
_COMMA = re.compile(r"[，,]")
_SENTENCES = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』]?)?")

_DOUBLING_MAX = 400      # doubled print is short: titles, pull quotes
_DOUBLING_RUN = 24       # longest run printed twice
_DUPLICATE_MIN = 10      # shorter paragraphs (……, 据了解) may repeat legitimately


@dataclass(slots=True)
class Paragraph:
    """Cleaned paragraph: its source spans, its text and what kind of paragraph it is."""
    spans: list[Span]
    text: str
    newline: int | None          # the source "\n" ending the paragraph, to join paragraphs
    whole_block: bool            # the only paragraph between two blank lines
    kind: str = _WEAK
    level: int | None = None     # markdown heading level
    doubled: bool = False
    byline: tuple[str, ...] = ()
    body: int = 0                # text offset where the article text begins (leads, jumps)
    heading_line: bool = False   # a short line above a long one: it runs into nothing
    row: bool = False            # a row of a list of names: it runs into nothing

    def body_spans(self) -> list[Span]:
        return slice_spans(self.spans, self.body, len(self.text)) if self.body else self.spans


@dataclass(slots=True)
class _Line:
    spans: list[Span]
    text: str
    newline: int | None
    hard_break: bool
    level: int | None = None
    blank: bool = False


_BLANK = _Line([], "", None, False, blank=True)


# ---------------------------------------------------------------------------- spans

def add_span(spans: list[Span], start: int, end: int) -> None:
    """Append a span, merging it with the previous one when they touch."""
    if end <= start:
        return
    if spans and spans[-1][1] == start:
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def select_spans(spans: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    """Source spans of the text ranges ``ranges`` (sorted, disjoint) of the spans' text."""
    out: list[Span] = []
    index, base = 0, 0
    for a, b in ranges:
        while a < b:
            while base + spans[index][1] - spans[index][0] <= a:
                base += spans[index][1] - spans[index][0]
                index += 1
            start, end = spans[index]
            source = start + a - base
            take = min(b, base + end - start) - a
            add_span(out, source, source + take)
            a += take
    return out


def slice_spans(spans: list[Span], a: int, b: int) -> list[Span]:
    return select_spans(spans, [(a, b)]) if a < b else []


def _without(spans: list[Span], text: str, pattern: re.Pattern) -> tuple[list[Span], str]:
    """Drop every match of ``pattern`` from a paragraph (spans and text together)."""
    keep, position = [], 0
    for match in pattern.finditer(text):
        if match.start() > position:
            keep.append((position, match.start()))
        position = max(position, match.end())
    if position == 0 and not keep:
        return spans, text
    if position < len(text):
        keep.append((position, len(text)))
    return select_spans(spans, keep), "".join(text[a:b] for a, b in keep)


# ---------------------------------------------------------------------------- lines

def _lines(text: str) -> list[_Line]:
    return list(_iter_lines(text))


def _iter_lines(text: str) -> Iterator[_Line]:
    """The lines of ``text`` one by one (a reader of the first few stops early)."""
    position = 0
    size = len(text)
    for raw in text.split("\n"):
        start = position
        position += len(raw) + 1
        newline = position - 1 if position - 1 < size else None
        stripped = raw.strip(_WS)
        if not stripped:
            yield _BLANK
            continue
        s = start + raw.find(stripped[0])
        level = None
        # A markdown heading; a "#话题#" hashtag is text.
        if (stripped[0] == "#" and (heading := _MD_HEADING.match(stripped))
                and not _HASHTAGS.match(stripped)
                and not (stripped.endswith("#") and not stripped[heading.end()].isspace())):
            level = heading.end()
            rest = stripped[level:].lstrip(_WS)
            s += len(stripped) - len(rest)
            stripped = rest
        spans = [(s, s + len(stripped))]
        if "*" in stripped or "<" in stripped or "[" in stripped:
            spans, stripped = _without(spans, stripped, _MARKUP)
            spans, stripped = _strip_spans(spans, stripped)
        if not stripped:
            yield _BLANK
            continue
        yield _Line(spans, stripped, newline, raw.endswith("  "), level)


def _strip_spans(spans: list[Span], text: str) -> tuple[list[Span], str]:
    stripped = text.strip(_WS)
    if stripped == text:
        return spans, text
    lead = len(text) - len(text.lstrip(_WS))
    return slice_spans(spans, lead, lead + len(stripped)), stripped


# A line at least this wide (in columns) is a paragraph's, wider than a hard-wrapped
# column (a newspaper's is 30-40 columns; a line a paragraph is wider still).
_PARAGRAPH_LINE = 60
_WIDE_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


# A transcript's speaker line: a label and a name with its posts, no sentence in it
# (【同期声】某市委书记　某某); what follows is what was said, not the line's end.
_LABEL_LINE = re.compile(r"【[^】]{1,8}】[^，。！？；]*$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes after it too)."""
    end = len(text) - 1
    while end >= 0 and text[end] in _CLOSERS:
        end -= 1
    if end < 0:
        return True
    if text[end] in _FINAL:
        return True
    # A closing quote after a word ("…“双碳”") ends a phrase, not a sentence.
    return False


def _starts_structure(text: str) -> bool:
    return bool(_STRUCTURE_START.match(text) or _META_FIELD_LINE.match(text)
                or _may_lead(text) and _LEAD.match(text)
                or text.endswith(("摄", "摄影")) and _credit(text) is not None
                or _standalone_byline(text) is not None)


def _continues(line: _Line, following: _Line) -> bool:
    if line.level or following.level or line.hard_break:
        return False
    if _rows_of_a_list(line.text, following.text):
        return False
    if ends_sentence(line.text) or _starts_structure(following.text) \
            or _META_FIELD_LINE.match(line.text) or _LABEL_LINE.match(line.text):
        return False
    return not (line.text[-1].isascii() and line.text[-1].isalpha()
                and following.text[0].isascii() and following.text[0].isalpha())


def _rows_of_a_list(text: str, following: str) -> bool:
    """Are two lines rows of a table or a list, each a line of its own?"""
    return (_is_table_row(text) or _is_table_row(following)  # 32.0 + 2　某某 is no 32.02
            # 某市副市长  某某: a list's rows end with their last column
            or bool(_LAST_COLUMN.search(text) and _LAST_COLUMN.search(following)))


def _names_a_row(text: str) -> bool:
    return (len(text) <= _NAME_ROW_LONGEST and not _PUNCTUATION.search(text)
            and suffix_kind(text, 2) in _NAME_ROW_TYPES)


def _name_rows(lines: list[_Line]) -> set[int]:
    """The indices of the lines in a run of organisations' names, one a line."""
    rows: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, _BLANK]):
        if not line.blank and _names_a_row(line.text):
            run.append(index)
            continue
        if len(run) >= _NAME_ROWS_RUNNING:
            rows.update(run)
        run.clear()
    return rows


def _heads(line: _Line, following: _Line) -> bool:
    """Is ``line`` a line of its own above a paragraph (a subheading of a page scraped one
    paragraph a line: 回收项目补齐链条 / 某某公司年处理10万吨…)?  It is at most half as wide
    as the long line after it; a hard-wrapped column's lines are all about as wide."""
    if 2 * len(following.text) < _PARAGRAPH_LINE:
        return False            # too short to be that wide (a column's line, most often)
    width = _display_width(following.text)
    return width >= _PARAGRAPH_LINE and 2 * _display_width(line.text) <= width


def _display_width(text: str) -> int:
    """Columns ``text`` takes when printed: two for a CJK or full-width character."""
    return len(text) + len(_WIDE_CHAR.findall(text))


def _paragraphs(lines: list[_Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    block: list[Paragraph] = []
    group: list[_Line] = []
    rows = _name_rows(lines)
    row_lines = {id(lines[index]) for index in rows}

    def close() -> None:
        if len(group) == 1:
            line = group[0]
            block.append(Paragraph(list(line.spans), line.text, line.newline, False,
                                   level=line.level, row=id(line) in row_lines))
        elif group:
            spans: list[Span] = []
            for line in group:
                for start, end in line.spans:
                    add_span(spans, start, end)
            block.append(Paragraph(spans, "".join(line.text for line in group),
                                   group[-1].newline, False, level=group[0].level))
        group.clear()

    for index, line in enumerate(lines):
        if line.blank:
            close()
            if len(block) == 1:
                block[0].whole_block = True
            paragraphs.extend(block)
            block.clear()
            continue
        if group and _heads(group[-1], line):
            close()
            block[-1].heading_line = True
        elif group and (index in rows or index - 1 in rows or not _continues(group[-1], line)):
            close()
        group.append(line)
    close()
    if len(block) == 1:
        block[0].whole_block = True
    paragraphs.extend(block)
    return paragraphs


# ---------------------------------------------------------------------------- doubling

def undouble_ranges(text: str) -> list[tuple[int, int]] | None:
    """Ranges keeping one copy when every run of ``text`` is printed twice, else None.

    ``清明假期清明假期，，`` -> ranges selecting ``清明假期，``.  Dynamic programming over
    positions with runs of at most ``_DOUBLING_RUN`` characters: linear in the text.
    """
    size = len(text)
    if size < 6 or size > _DOUBLING_MAX or size % 2:
        return None
    first, limit = text[0], min(_DOUBLING_RUN, size // 2)
    k = text.find(first, 1, limit + 1)
    while k > 0 and text[:k] != text[k:2 * k]:
        k = text.find(first, k + 1, limit + 1)
    if k <= 0:
        return None
    back = [0] * (size + 1)
    reached = bytearray(size + 1)
    reached[0] = 1
    for i in range(size):
        if not reached[i]:
            continue
        for k in range(1, min(_DOUBLING_RUN, (size - i) // 2) + 1):
            if not reached[i + 2 * k] and text[i:i + k] == text[i + k:i + 2 * k]:
                reached[i + 2 * k] = 1
                back[i + 2 * k] = k
    if not reached[size]:
        return None
    ranges: list[tuple[int, int]] = []
    i = size
    while i > 0:
        k = back[i]
        i -= 2 * k
        ranges.append((i, i + k))
    ranges.reverse()
    kept = "".join(text[a:b] for a, b in ranges)
    if len(set(kept)) < 2:
        return None     # 哈哈哈哈, 一一一一: repetition in the text itself
    return ranges


def _undouble(paragraph: Paragraph) -> None:
    ranges = undouble_ranges(paragraph.text)
    if ranges is None:
        return
    paragraph.spans = select_spans(paragraph.spans, ranges)
    paragraph.text = "".join(paragraph.text[a:b] for a, b in ranges)
    paragraph.doubled = True


# ---------------------------------------------------------------------------- classification

# A rule between articles: a line of symbols only (────, ＊＊＊, ====).
_SEPARATOR = re.compile(r"[^\w\s]{3,}")


def _is_furniture(text: str) -> bool:
    if _SEPARATOR.fullmatch(text):
        return True
    if len(text) <= 60 and (_FURNITURE_LINE.fullmatch(text) or _DATE_LINE.fullmatch(text)):
        return True
    if len(text) <= 100 and not _SENTENCE_STOP.search(text) and \
            (_META_FIELD_LINE.match(text) or _TIME_STAMP.search(text)):
        return True         # a web page's metadata line: 作者：某某　2025-09-18 10:12
    if len(text) <= 80 and (_CREDIT_FIELDS.fullmatch(text) or _TAG_LINE.fullmatch(text)
                            or _SPACED_CREDITS.fullmatch(text)):
        return True
    return (_SENTENCE_STOP.search(text) is None
            and _FURNITURE_WORDS.search(text) is not None)


def _credit(text: str) -> tuple[str, ...] | None:
    """Names of a photo credit line (``□本报记者 某 某摄``, ``记者 某某 摄``), else None."""
    if len(text) > 44 or not text.endswith(("摄", "摄影")):
        return None
    match = _CREDIT.fullmatch(text)
    if match is None:
        return None
    content = match.group(1)
    medium = _MEDIUM_BEFORE_NAMES.match(content)
    if medium is not None:
        content = content[medium.end():]     # 某县融媒体中心 某某 摄: the medium's photographer
    elif not (has_role(content) or text[0] in "□■"):
        return None
    if _SENTENCE_STOP.search(content):
        return None
    names = parse_names(content)
    return names if names else None


def _standalone_byline(text: str) -> tuple[str, ...] | None:
    """Names of a byline line (``□记者 某某``, ``本报记者 某某``, ``某某云/某某日报记者 某某``)."""
    if not text or len(text) > 62 or not (text[0] in "□■" or "记者" in text or "通讯员" in text
                              or "评论员" in text):
        return None
    if _SENTENCE_STOP.search(text) or text.endswith("摄"):
        return None
    match = _BYLINE.fullmatch(text)
    if match is None:
        return None
    content = match.group(1)
    medium = _MEDIUM_BEFORE_NAMES.match(content)
    if medium is not None:
        content = content[medium.end():]     # 某县融媒体中心 记者 某某: the medium's reporter
    boxed = text[0] in "□■"
    if "/" in content:
        content = content.rsplit("/", 1)[1]
    elif not (boxed or content.startswith("本报")
              or re.match(rf"{ROLE}\s", content)):
        return None
    if not re.match(ROLE, content):
        return None
    rest = re.sub(ROLE, "", content)
    if not re.fullmatch(r"[\u4e00-\u9fff·\s、，,]+", rest):
        return None
    names = parse_names(content)
    return names if names else None


def _may_lead(text: str) -> bool:
    """A cheap test before the lead pattern: its end word near the start."""
    return "讯" in text[:14] or "电" in text[:26] or "消息" in text[:28]


def _lead(text: str) -> tuple[tuple[str, ...], int] | None:
    """Byline and where the text begins, for a lead such as ``本报讯（记者 某某）…``."""
    match = _LEAD.match(text)
    if match is None:
        return None
    position = match.end()
    rest = text[position:]
    names: tuple[str, ...] = ()
    if rest[:1] in ("（", "("):
        close = min((i for i in (rest.find("）", 1, 90), rest.find(")", 1, 90)) if i > 0),
                    default=-1)
        if close > 0:
            names = parse_names(rest[1:close])
            position += close + 1
    else:
        reported = _LEAD_REPORTED.match(rest) or _LEAD_ROLES.match(rest)
        if reported:
            names = parse_names(reported.group(1))
            position += reported.end()
    while position < len(text) and (text[position] in _WS or text[position] in ":："):
        position += 1
    return names, position


def _classify(paragraph: Paragraph) -> None:
    text = paragraph.text
    if _is_furniture(text):
        paragraph.kind = FURNITURE
    elif paragraph.level:
        paragraph.kind = HEADING
    elif _may_lead(text) and (lead := _lead(text)) is not None:
        paragraph.kind = LEAD
        paragraph.byline, paragraph.body = lead
        if not text.startswith("本报"):
            # A wire or another medium's dateline (新华社某市5月6日电（记者 某某）) names the
            # agency and the place it writes from: it stays in the article's text.
            paragraph.body = 0
    elif text[0] in "（(" and (jump := _JUMP.match(text)) is not None:
        paragraph.kind = JUMP
        paragraph.body = jump.end()
    elif (credit := _credit(text)) is not None:
        paragraph.kind = CREDIT
        paragraph.byline = credit
    elif (names := _standalone_byline(text)) is not None:
        paragraph.kind = BYLINE
        paragraph.byline = names
    elif text[0] in "（(" and text[-1] in "）)" and \
            (names := _standalone_byline(text[1:-1].strip())) is not None:
        paragraph.kind = SIGNOFF
        paragraph.byline = names
    elif len(text) <= 300 and ("图为" in text or text.endswith(("摄", "摄影", "供图"))):
        # (某某管委会供图: a picture given by an organisation, credited as a caption's)
        inline = _INLINE_CREDIT.search(text, max(0, len(text) - 40))
        if inline or _CAPTION.search(text) or text.endswith("供图"):
            paragraph.kind = CAPTION
            paragraph.byline = parse_names(inline.group(1)) if inline else ()


def _drop_jump_out(paragraph: Paragraph) -> None:
    if not paragraph.text.endswith(("）", ")")):
        return
    match = _JUMP_OUT.search(paragraph.text, max(0, len(paragraph.text) - 16))
    if match and match.start() > paragraph.body:
        paragraph.spans = slice_spans(paragraph.spans, 0, match.start())
        paragraph.text = paragraph.text[:match.start()]


# ---------------------------------------------------------------------------- masthead

def read_masthead(text: str) -> tuple[str | None, str | None]:
    """Newspaper name and ISO date from the furniture at the top of a page, if present."""
    newspaper = date = None
    pending_month: tuple[int, int] | None = None
    seen = 0
    for line in _iter_lines(text[:4000]):
        if line.blank:
            continue
        seen += 1
        if seen > 40:
            break
        value = line.text
        named = _NEWSPAPER.fullmatch(value)
        if named and newspaper is None:
            newspaper = named.group(1)
            continue
        if line.level and seen == 1:
            continue       # a web page's headline comes before its metadata
        meta = _META_DATE.search(value) if _META_LINE.search(value) or \
            _META_DATE.fullmatch(value.split()[0]) else None
        if meta and date is None and _is_furniture(value):
            date = _iso(int(meta.group(1)), int(meta.group(2)), int(meta.group(3)))
            continue
        dated = _DATE_LINE.fullmatch(value)
        if dated:
            year, month, day = dated.group(1), int(dated.group(2)), dated.group(3)
            if day and date is None:
                date = _iso(int(year), month, int(day))
            elif date is None:
                pending_month = (int(year), month)
            continue
        if pending_month and _DAY_LINE.fullmatch(value) and date is None:
            date = _iso(*pending_month, int(value))
            pending_month = None
            continue
        if not _is_furniture(value):
            break
    return newspaper, date


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


# ---------------------------------------------------------------------------- the page

def clean_page(text: str) -> list[Paragraph]:
    """The typed paragraphs of a page, furniture and duplicates already removed."""
    return [p for p in typed_paragraphs(text) if p.kind not in (FURNITURE, REPEAT)]


def typed_paragraphs(text: str) -> list[Paragraph]:
    """Every paragraph of a page with its kind, furniture included, duplicates removed."""
    paragraphs = _paragraphs(_lines(text))
    in_masthead = True
    for paragraph in paragraphs:
        _undouble(paragraph)
        if in_masthead and any(pattern.fullmatch(paragraph.text)
                               for pattern in (_NEWSPAPER, _SITE, _BREADCRUMB)):
            paragraph.kind = FURNITURE
            continue
        _classify(paragraph)
        if paragraph.kind in (LEAD, JUMP, _WEAK):
            _drop_jump_out(paragraph)
        if paragraph.kind != FURNITURE:
            in_masthead = False
    joined = _join_broken(paragraphs)
    _drop_repeats(joined)
    return joined


def _can_continue(host: Paragraph, paragraph: Paragraph) -> bool:
    first, last = paragraph.text[0], host.text[-1]
    if first in "□■" or first.isspace() or _NUMBERED.match(paragraph.text):
        return False     # 六、公告期限…: a numbered item of its own
    if _rows_of_a_list(host.text, paragraph.text):
        return False
    # Gluing two Latin words would make a new word; keep the line break between them.
    return not (first.isascii() and first.isalpha() and last.isascii() and last.isalpha())


def _join_broken(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join paragraphs broken in mid-sentence; decide plain titles among short lines."""
    out: list[Paragraph] = []
    open_index: int | None = None        # paragraph that a broken sentence may continue
    previous_kind: str | None = None     # kind of the last structural paragraph kept
    transparent = (FURNITURE, CAPTION, CREDIT)
    next_kinds = _next_kinds(paragraphs, transparent)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind in transparent:
            if _SEPARATOR.fullmatch(paragraph.text):
                open_index = None        # a rule between articles: nothing continues past it
            out.append(paragraph)
            continue
        if paragraph.kind == _WEAK:
            headline = _heads_fields(paragraph, paragraphs[index + 1:index + 2])
            if open_index is not None and not headline and not paragraph.row and \
                    _can_continue(out[open_index], paragraph):
                host = out[open_index]
                host.spans = host.spans + paragraph.spans
                if len(host.spans) > 1 and host.spans[-2][1] == paragraph.spans[0][0]:
                    host.spans[-2:] = [(host.spans[-2][0], host.spans[-1][1])]
                host.text += paragraph.text
                host.newline = paragraph.newline
                if ends_sentence(host.text):
                    open_index = None
                continue
            if headline or (_plain_title(paragraph, previous_kind, next_kinds[index])
                            and not _in_record(paragraphs, index)):
                paragraph.kind = HEADING
            else:
                paragraph.kind = TEXT
        out.append(paragraph)
        previous_kind = paragraph.kind
        open_index = (len(out) - 1 if paragraph.kind in (TEXT, LEAD, JUMP)
                      and paragraph.text and not ends_sentence(paragraph.text)
                      and not paragraph.heading_line and not paragraph.row
                      and not _FIELD_LINE.match(paragraph.text)
                      and not _LABEL_LINE.match(paragraph.text) else None)
    return out


def _in_record(paragraphs: list[Paragraph], index: int) -> bool:
    """Is the paragraph a field of a record written one field a paragraph (名称：某某有限公司,
    2、法定代表人：某某, 注册资本：…): a field line next to another field line (not a page's
    metadata line)?  A headline is never one of a run of fields."""
    def field(at: int) -> bool:
        return 0 <= at < len(paragraphs) and _FIELD_LINE.match(paragraphs[at].text) is not None \
            and _META_FIELD_LINE.match(paragraphs[at].text) is None
    # (fields run together in one paragraph: 公司名称：某某有限公司负责人：某某)
    return field(index) and (field(index - 1) or field(index + 1)
                             or len(_FIELD_LABEL.findall(paragraphs[index].text)) >= 2)


def _heads_fields(paragraph: Paragraph, following: list[Paragraph]) -> bool:
    """A short line right above a metadata line (来源：…　作者：…) is the headline it
    describes, whatever punctuation it holds inside (总投资52亿元！某某中心开工); a line
    ending a sentence with 。 is the article's last paragraph above a 责任编辑 line."""
    return (bool(following) and _META_FIELD_LINE.match(following[0].text) is not None
            and len(paragraph.text) <= 80 and paragraph.text[-1] not in "。；;，、：,:")


def _next_kinds(paragraphs: list[Paragraph], transparent: tuple[str, ...]) -> list[str | None]:
    kinds: list[str | None] = [None] * len(paragraphs)
    following: str | None = None
    for index in range(len(paragraphs) - 1, -1, -1):
        kinds[index] = following
        if paragraphs[index].kind not in transparent:
            following = paragraphs[index].kind
    return kinds


# A note of the unit of the figures that follow (（单位：万元）, 金额单位：亿元).
_UNIT_NOTE = re.compile(r"[（(]?\s*(?:金额|投资)?单位\s*[：:]\s*(?:亿元|万元|元)[^（）()]{0,12}[）)]?")


def _plain_title(paragraph: Paragraph, previous_kind: str | None, next_kind: str | None) -> bool:
    text = paragraph.text
    if not paragraph.whole_block or not _CJK.search(text) or _SENTENCE_STOP.search(text):
        return False
    if text[-1] in "，、：,:（(“‘《[" or _FURNITURE_LINE.fullmatch(text) or \
            _UNIT_NOTE.fullmatch(text):
        return False                # (（单位：万元）: the unit of the figures below, text)
    if any(text.count(o) != text.count(c) for o, c in _PAIRS):
        return False                # an unclosed quote: a broken-off sentence, not a title
    size = len(text)
    if paragraph.doubled:
        return size <= 60
    if previous_kind == HEADING and next_kind in (LEAD, BYLINE, HEADING):
        return size <= 80           # a deck or a ——subtitle under a title
    # Commas and long 、 lists belong to sentences, not to headlines.
    return size <= 48 and _COMMA.search(text) is None and text.count("、") <= 2


def _drop_repeats(paragraphs: list[Paragraph]) -> None:
    """Mark as repeats the text paragraphs the layout printed twice on the page.

    A paragraph is a repeat when every sentence of it was already seen on the page (an
    unfinished last sentence may be the start of a seen one).  Hash lookups only.
    """
    seen: set[str] = set()
    by_start: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        if paragraph.kind not in (TEXT, JUMP, LEAD):
            continue
        body = paragraph.text[paragraph.body:]
        sentences = _SENTENCES.findall(body)
        if (paragraph.kind != LEAD and len(body) >= _DUPLICATE_MIN and sentences
                and all(s in seen for s in sentences[:-1])
                and (sentences[-1] in seen or _starts_seen(sentences[-1], by_start))):
            paragraph.kind = REPEAT
            continue
        for sentence in sentences:
            if sentence not in seen:
                seen.add(sentence)
                by_start.setdefault(sentence[:8], []).append(sentence)


def _starts_seen(fragment: str, by_start: dict[str, list[str]]) -> bool:
    if len(fragment) < 8 or _SENTENCE_STOP.search(fragment[-1]):
        return False
    return any(s.startswith(fragment) for s in by_start.get(fragment[:8], ()))
