"""Facts of tables written as text: a header row naming its columns, then one row per item.

Notices and work reports list projects in tables (序号　项目名称　建设单位　建设地点　总投资
（亿元）, cells between full-width spaces, bars or tabs; ingest keeps each row a line of its
own).  The header says what each cell is, so a row gives its facility's facts without a
verb: the name column's facility is the subject; the owner column (建设单位, 项目单位,
业主单位, 投资主体 …) names its investors, the contractor column (中标单位, 施工单位 …) its
builders; the place column (建设地点 …) where it is (the
article keeps the most specific of the areas written); a post's column (项目经理,
总监理工程师) the post its person holds at the row's bidder or owner, facility or not;
the sides' column (签约双方) the parties of the row's signing; the investment column its total,
in the unit the header gives (亿元, 万元, 元); a compute column (算力（P）) its capacity,
planned when the header says 建成后 or 规划.  Each fact's evidence is its row.

A list may instead write each project as a record whose cells carry their own labels
(``1. 某某项目｜建设单位：某公司｜建设地点：某区｜总投资：32.0``): the sentence readers read
the labelled cells, and a bare amount here takes the unit its label gives (总投资（亿元）：)
or the text declares for its figures (（金额单位：亿元）).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.agreements import signed_by_sides
from kg.extract.context import FACILITY_LABELS, ORGANISATION_LABELS, ArticleContext
from kg.nlp.lexicon import family_name_length
from kg.records import Fact, Mention, Quantity

CELL_SEPARATOR = re.compile(r"[ ]*[　|｜\t][ 　]*")
NAME_COLUMNS = ("项目名称", "名称", "项目")
INVESTOR_COLUMNS = ("建设单位", "项目单位", "业主单位", "投资主体", "项目业主", "实施主体",
                    "投资单位", "承建主体", "申报单位", "项目法人")
BUILDER_COLUMNS = ("中标单位", "中标人", "施工单位", "承建单位", "总承包单位", "EPC总承包单位", "中标候选人",
                   "成交单位", "成交供应商")
PLACE_COLUMNS = ("建设地点", "项目地点", "实施地点", "所在地", "建设地址", "地点", "所在地区",
                 # a signing list's county (落地县（市、区）: the bracket read off)
                 "落地县", "落地地点", "所在县", "县", "县区", "属地")
# The sides of a signing, one row each (a conference's list: 某县人民政府—某某有限公司).
SIDES_COLUMNS = ("签约双方", "签约主体", "签约单位", "签约方", "合作双方")
# A post's column (a tender's 项目经理, 总监理工程师): the row's person holds it at the row's
# organisation (its bidder's or owner's column).
POST_COLUMNS = ("项目经理", "项目负责人", "总监理工程师", "技术负责人", "负责人", "法定代表人")
# A total's column, in the unit it gives or the one the text declares above the table
# (单位：万元 over 预算数 in an annual report's table of projects).
MONEY_COLUMN = re.compile(r"^(?:计划|项目|协议)?(?:总投资(?:额)?|投资总额|投资额|投资金额|预算数|预算总额|"
                          r"概算总投资)\s*(?:[（(]\s*(亿元|万元|元)\s*[）)])?$")
COMPUTE_COLUMN = re.compile(r"算力(?:规模)?\s*[（(]\s*(P|PFLOPS|EFLOPS)\s*[）)]$")
PLANNED_WORDS = ("建成后", "规划", "设计", "预计")
MONEY_UNITS = {"亿元": 1e8, "万元": 1e4, "元": 1.0}
COMPUTE_UNITS = {"P": 1.0, "PFLOPS": 1.0, "EFLOPS": 1000.0}
NUMBER = re.compile(r"\d+(?:\.\d+)?")
BRACKETED = re.compile(r"[（(][^）)]*[）)]")
PHASE = re.compile(r"[一二三四五六七八九十]期")
PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
PLACE_LABELS = frozenset({"AdminArea", "Zone"})
SIDE_LABELS = ORGANISATION_LABELS | {"AdminArea"}     # a place signs through its government


@dataclass(frozen=True)
class _Columns:
    count: int
    name: int | None = None
    post: int | None = None
    post_title: str | None = None
    investor: int | None = None
    builder: int | None = None
    place: int | None = None
    sides: int | None = None
    money: int | None = None
    money_scale: float = 1.0
    compute: int | None = None
    compute_scale: float = 1.0
    compute_planned: bool = False


# A record's cells say what they hold themselves (建设单位：某公司｜总投资：32.0); a bare
# number's unit is the cell label's (总投资（亿元）：32.0) or the one the text declares
# for its figures (（金额单位：亿元）).
RECORD_MONEY = re.compile(r"^(?:计划|项目)?总投资(?:额)?\s*(?:[（(]\s*(亿元|万元|元)\s*[）)])?\s*[：:]\s*"
                          r"(\d+(?:\.\d+)?)\s*$")
DECLARED_UNIT = re.compile(r"(?:金额|投资)?单位[：:]\s*(亿元|万元|元)")


def extract_tables(ctx: ArticleContext) -> list[Fact]:
    if "　" not in ctx.text and "｜" not in ctx.text and "|" not in ctx.text \
            and "\t" not in ctx.text:
        return []
    facts: list[Fact] = []
    columns: _Columns | None = None
    for start, line in _lines(ctx.text):
        cells = _cells(line, start)
        if columns is not None and len(cells) == columns.count:
            facts.extend(_row(ctx, columns, cells, start, start + len(line)))
            continue
        if columns is not None and len(cells) < 2:
            continue      # 二、先进制造类: a heading between the parts of one table
        columns = _header([text for _, _, text in cells], _declared_unit(ctx.text, start))
        if columns is None and len(cells) >= 2:
            facts.extend(_record(ctx, cells, start, start + len(line)))
    return facts


def _record(ctx: ArticleContext, cells, row_start: int, row_end: int) -> list[Fact]:
    """1. 某某项目｜建设单位：…｜总投资：32.0: the amount in a cell of its own, a bare number
    in the unit the label or the text declares (the other cells are read as sentences)."""
    facilities = ctx.mentions_between(cells[0][0], cells[0][1], FACILITY_LABELS)
    if not facilities:
        return []
    for _, _, text in cells[1:]:
        money = RECORD_MONEY.match(text.strip())
        if money is None:
            continue
        unit = money.group(1) or _declared_unit(ctx.text, row_start)
        if unit is None:
            return []
        value = float(money.group(2)) * MONEY_UNITS[unit]
        return [Fact(facilities[0], "investmentAmount", ctx.evidence(row_start, row_end),
                     quantity=Quantity(value, "CNY", money.group(2), qualifier="total",
                                       scope="project"))]
    return []


def _declared_unit(text: str, position: int) -> str | None:
    declared = list(DECLARED_UNIT.finditer(text, 0, position))
    return declared[-1].group(1) if declared else None


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a line, offsets in the article's text."""
    cells, at = [], 0
    for separator in CELL_SEPARATOR.finditer(line):
        if separator.start() > at:
            cells.append((offset + at, offset + separator.start(), line[at:separator.start()]))
        at = separator.end()
    if at < len(line):
        cells.append((offset + at, offset + len(line), line[at:]))
    return cells


def _header(cells: list[str], declared_unit: str | None = None) -> _Columns | None:
    if len(cells) < 3:
        return None
    found: dict[str, int] = {}
    money_scale = compute_scale = 1.0
    compute_planned = False
    for index, cell in enumerate(cells):
        cell = cell.strip()
        if "name" not in found and cell in NAME_COLUMNS:
            found["name"] = index
        elif "investor" not in found and cell in INVESTOR_COLUMNS:
            found["investor"] = index
        elif "builder" not in found and cell in BUILDER_COLUMNS:
            found["builder"] = index
        elif "place" not in found and BRACKETED.sub("", cell) in PLACE_COLUMNS:
            found["place"] = index
        elif "sides" not in found and cell in SIDES_COLUMNS:
            found["sides"] = index
        elif "money" not in found and (money := MONEY_COLUMN.match(cell)) and \
                (unit := money.group(1) or declared_unit) is not None:
            found["money"], money_scale = index, MONEY_UNITS[unit]
        elif "compute" not in found and (compute := COMPUTE_COLUMN.search(cell)):
            found["compute"], compute_scale = index, COMPUTE_UNITS[compute.group(1)]
            compute_planned = cell.startswith(PLANNED_WORDS)
        elif "post" not in found and cell in POST_COLUMNS:
            found["post"], found["post_title"] = index, cell
    holders = "post" in found and ("builder" in found or "investor" in found)
    if "sides" not in found and ("name" not in found and not holders or len(found) < 2):
        return None       # (a tender's bidders with their managers: no facility column)
    return _Columns(len(cells), money_scale=money_scale, compute_scale=compute_scale,
                    compute_planned=compute_planned, **found)


def _row(ctx: ArticleContext, columns: _Columns, cells, row_start: int, row_end: int
         ) -> list[Fact]:
    def mentions(column: int | None, labels) -> list:
        if column is None:
            return []
        start, end, _ = cells[column]
        return ctx.mentions_between(start, end, labels)

    source = ctx.evidence(row_start, row_end)
    organisations = mentions(columns.builder, ORGANISATION_LABELS) or \
        mentions(columns.investor, ORGANISATION_LABELS)
    # (a row's facts about organisations, whether or not it names a facility)
    posts = [Fact(person, "holdsPosition", source, object=organisations[0],
                  title=columns.post_title)
             for person in mentions(columns.post, {"Person"}) or _person_in_cell(ctx, cells,
                                                                              columns.post)
             ] if organisations else []
    posts += signed_by_sides(ctx, mentions(columns.sides, SIDE_LABELS), row_start, row_end)
    facilities = mentions(columns.name, FACILITY_LABELS)
    if not facilities:
        return posts
    subject = facilities[0]
    facts = [Fact(subject, "investor", source, object=org)
             for org in mentions(columns.investor, ORGANISATION_LABELS)]
    facts += [Fact(subject, "builtBy", source, object=org)
              for org in mentions(columns.builder, ORGANISATION_LABELS)]
    facts += [Fact(subject, "locatedIn", source, object=place)
              for place in mentions(columns.place, PLACE_LABELS)]
    money = _number(cells, columns.money)
    if money is not None:
        value, text = money
        # 某某中心二期: the row is a phase of the facility, its amount the phase's
        phase = PHASE.search(ctx.text, subject.end, cells[columns.name][1])
        facts.append(Fact(subject, "investmentAmount", source, quantity=Quantity(
            value * columns.money_scale, "CNY", text, phase=phase.group() if phase else None,
            qualifier="phase" if phase else "total", scope="project")))
    compute = _number(cells, columns.compute)
    if compute is not None:
        value, text = compute
        facts.append(Fact(subject, "computeCapacity", source, quantity=Quantity(
            value * columns.compute_scale, "PFLOPS", text,
            status="planned" if columns.compute_planned else "current")))
    return facts + posts


def _person_in_cell(ctx: ArticleContext, cells, column: int | None) -> list[Mention]:
    """The name a post's cell holds, two to four characters opening with a family name
    (the column says it is a person's: 孟凡 in 项目经理's cell), as a mention."""
    if column is None:
        return []
    start, end, text = cells[column]
    name = text.strip()
    at = start + text.index(name) if name else start
    if not PERSON_NAME.fullmatch(name) or not family_name_length(name):
        return []
    return [ctx.add(Mention(name, "Person", ctx.evidence(at, at + len(name)), at,
                            at + len(name), name))]


def _number(cells, column: int | None) -> tuple[float, str] | None:
    if column is None:
        return None
    text = cells[column][2].strip().replace(",", "")
    return (float(text), cells[column][2].strip()) if NUMBER.fullmatch(text) else None
