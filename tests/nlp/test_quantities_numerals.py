"""Quantities written with Chinese numerals, ranges and bounds, through the real pipeline;
the number reader on its own, by its doctests and a property test."""
import doctest

import pytest
from hypothesis import given, settings, strategies as st

import kg.nlp.numbers
from kg.nlp.numbers import parse_number
from tests.helpers import analysed, facts_of


def quantities(text):
    return [(q.kind, q.value, q.unit, q.bound) for q in analysed(text)._.kg_quantities
            if q.kind != "date"]


def only(text):
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("项目总投资二十亿元。", ("money", 2e9, "CNY", None)),
    ("项目总投资三十五亿元。", ("money", 3.5e9, "CNY", None)),
    ("全区规划投资1.2万亿元。", ("money", 1.2e12, "CNY", None)),
    ("打造百亿元级产业集群。", ("money", 1e10, "CNY", "级")),
    ("项目总投资约50亿元。", ("money", 5e9, "CNY", "约")),
    ("项目投资逾百亿元。", ("money", 1e10, "CNY", "逾")),
    ("项目总投资20余亿元。", ("money", 2e9, "CNY", "余")),
    ("项目总投资1亿元左右。", ("money", 1e8, "CNY", "左右")),
    ("项目总投资两千万元。", ("money", 2e7, "CNY", None)),
    ("项目总投资一千零五十万元。", ("money", 1.05e7, "CNY", None)),
    ("合同金额5亿美元。", ("money", 5e8, "USD", None)),
    ("合同金额三亿美元。", ("money", 3e8, "USD", None)),
    ("智算中心算力超2000P。", ("compute", 2000.0, "PFLOPS", "超")),
    ("智算中心算力5000P以上。", ("compute", 5000.0, "PFLOPS", "以上")),
    ("智算中心算力5000P及以上。", ("compute", 5000.0, "PFLOPS", "及以上")),
    ("智算中心算力两千P。", ("compute", 2000.0, "PFLOPS", None)),
    ("智算中心算力1.5万P。", ("compute", 15000.0, "PFLOPS", None)),
    ("智算中心算力达2 EFLOPS。", ("compute", 2000.0, "PFLOPS", "达")),
    ("建成百P级算力平台。", ("compute", 100.0, "PFLOPS", "级")),
    ("超算峰值性能每秒百亿亿次。", ("compute", 1000.0, "PFLOPS", None)),
    ("建成百亿亿次超级计算机。", ("compute", 1000.0, "PFLOPS", None)),
    ("部署10万卡集群。", ("cards", 1e5, "cards", None)),
    ("部署1000张GPU卡。", ("cards", 1000.0, "cards", None)),
    ("部署500块GPU。", ("cards", 500.0, "cards", None)),
    ("部署两千张加速卡。", ("cards", 2000.0, "cards", None)),
])
def test_numbers_in_words_and_bounds(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text, lower, upper", [
    ("项目投资50亿—80亿元。", 5e9, 8e9),
    ("项目投资50-80亿元。", 5e9, 8e9),
    ("项目投资50至80亿元。", 5e9, 8e9),
    ("项目投资50亿元—80亿元。", 5e9, 8e9),
    ("项目投资五十至八十亿元。", 5e9, 8e9),
    ("项目投资3-5千万元。", 3e7, 5e7),
    ("项目投资5000万-1亿元。", 5e7, 1e8),
])
def test_a_range_keeps_both_ends_and_its_value_is_the_lower(text, lower, upper):
    found = [q for q in analysed(text)._.kg_quantities if q.kind == "money"]
    assert [(q.value, q.upper, q.bound) for q in found] == [(lower, upper, "range")]


@pytest.mark.parametrize("text", [
    "投资数十亿元建设项目。", "投资几百亿元建设项目。", "投资上百亿元建设项目。",
    "投资十几亿元建设项目。", "投资三四十亿元建设项目。", "投资数亿元建设项目。",
    "算力达几百P。", "部署上万卡。", "投资十几至二十亿元。",
])
def test_vague_numbers_are_marked_without_a_value(text):
    found = quantities(text)
    assert len(found) == 1 and found[0][1] is None, found


@pytest.mark.parametrize("text", [
    "十四五期间，我们推进一带一路建设。", "第二批项目名单公布。", "三大运营商参加了两会。",
    "一期工程开工。", "推行一卡通和一元化管理。", "单位：万元。", "采用H800卡训练。",
    "系统每秒处理10亿次请求。", "他们先后3次调研。",
])
def test_words_with_numerals_are_not_quantities(text):
    assert quantities(text) == []


def test_a_phase_numeral_leaves_the_amount_after_it_whole():
    assert only("一期投资十亿元。") == ("money", 1e9, "CNY", None)


def test_a_unit_explained_in_brackets_is_no_second_quantity():
    found = quantities("规划算力规模达2万P（每秒千万亿次浮点运算）。")
    assert found == [("compute", 20000.0, "PFLOPS", "达")]


def test_amounts_in_numerals_and_ranges_become_facts():
    text = "甲乙丙智算中心开工建设。该项目总投资三十五亿元，规划算力2000P以上。"
    result = facts_of(text)
    amounts = [(f.quantity.value, f.quantity.bound) for f in result.facts
               if f.predicate == "investmentAmount"]
    compute = [(f.quantity.value, f.quantity.bound, f.quantity.status) for f in result.facts
               if f.predicate == "computeCapacity"]
    assert amounts == [(3.5e9, None)]
    assert compute == [(2000.0, "以上", "planned")]
    ranged = facts_of("甲乙丙智算中心开工建设。该项目总投资50亿—80亿元。").facts
    assert [(f.quantity.value, f.quantity.upper) for f in ranged
            if f.predicate == "investmentAmount"] == [(5e9, 8e9)]


def test_card_counts_and_vague_amounts_are_no_facts():
    text = "甲乙丙智算中心开工建设。该项目总投资数十亿元，部署10万卡，建成后算力达两千P。"
    result = facts_of(text)
    assert [f for f in result.facts if f.predicate == "investmentAmount"] == []
    assert [f.quantity.value for f in result.facts if f.predicate == "computeCapacity"] == [2000.0]


def test_dollars_are_never_read_as_yuan():
    text = "甲乙丙智算中心开工建设。该项目总投资5亿美元。"
    assert [q.unit for q in analysed(text)._.kg_quantities] == ["USD"]
    assert all(f.quantity.unit != "CNY" for f in facts_of(text).facts
               if f.predicate == "investmentAmount")


def test_the_number_reader_doctests_pass():
    result = doctest.testmod(kg.nlp.numbers)
    assert result.attempted > 0 and result.failed == 0


CHINESE_DIGITS = "零一二三四五六七八九"


def _group(n: int, two: str) -> str:
    """A number 1 <= n < 10^4 in Chinese numerals, a gap inside it written 零."""
    written, gap = "", False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit == 0:
            gap = gap or bool(written)
            continue
        if gap:
            written += "零"
        gap = False
        numeral = two if digit == 2 and size >= 100 else CHINESE_DIGITS[digit]
        written += numeral + unit
    return written


def chinese(n: int, two: str = "二", short_ten: bool = True) -> str:
    """n (1 <= n < 10^12) in Chinese numerals, as a writer would put it."""
    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    written, skipped = "", False
    for value, unit in parts:
        if value == 0:
            skipped = bool(written)
            continue
        if written and (value < 1000 or skipped):
            written += "零"          # 一万零五, 一亿零一千
        written += _group(value, two) + unit
        skipped = False
    if short_ten and written.startswith("一十"):
        written = written[1:]            # 十五, not 一十五
    return written


def test_the_generator_writes_numbers_as_people_do():
    assert [chinese(n) for n in (10, 15, 105, 1020, 10005, 2500, 350000000, 120000000000,
                                 100001000, 100000)] == [
        "十", "十五", "一百零五", "一千零二十", "一万零五", "二千五百", "三亿五千万", "一千二百亿",
        "一亿零一千", "十万"]
    assert chinese(2000, two="两") == "两千"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1), st.sampled_from("二两"), st.booleans())
def test_a_number_written_in_chinese_numerals_reads_back(n, two, short_ten):
    assert parse_number(chinese(n, two, short_ten)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_arabic_digits_with_a_scale_read_back(n):
    assert parse_number(f"{n}万") == n * 1e4
    assert parse_number(f"{n}亿") == n * 1e8
