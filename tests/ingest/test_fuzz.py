"""Random pages: splitting never raises and every article character maps back to the page."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.ingest import split_articles
from kg.ingest.clean import read_masthead, undouble_ranges
from kg.records import Page

PIECES = st.sampled_from([
    "甲", "乙", "丙", "县", "市", "公司", "某某能源有限公司", "召开", "会议", "万", "亿元", "摄",
    "。", "，", "、", "：", "；", "！", "？", "“", "”", "（", "）", "(", ")", "·", "…", "——",
    "\n", "\n", "\n\n", "\n\n\n", " ", "  \n", "\u3000", "\r\n",
    "# ", "## ", "### ", "#### ", "**", "<sup>", "</sup>", "[链接](mailto:a@b.cn)",
    "本报讯（记者 甲某 乙某）", "**本报讯** 记者甲某报道:", "□记者 甲某", "□本报记者 甲 乙摄",
    "某某云/某某日报记者 丙某", "（上接第一版）", "（下转第二版）", "图为", "□编辑/某某",
    "2025年5月", "21", "星期三", "甲乙日报", "国内统一刊号", "12", "4848..2323", "A", "bc",
])


@st.composite
def pages(draw):
    parts = draw(st.lists(PIECES, max_size=120))
    doubled = draw(st.booleans())
    text = "".join(parts)
    if doubled and parts:
        run = "".join(p * 2 for p in parts[: draw(st.integers(1, len(parts)))])
        text = text + "\n\n" + run
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
# A caption lifted after its article's text: the article's runs are out of source order.
@example("图为\n甲\n本报讯（记者 甲某 乙某）\n\n图为图为\n\n甲甲")
def test_split_never_raises_and_offsets_hold(text):
    newspaper, date = read_masthead(text)
    page = Page(path="fuzz.txt", doc="fuzz", text=text, encoding="utf-8",
                newspaper=newspaper, date=date)
    articles = split_articles(page)
    for n, article in enumerate(articles, start=1):
        assert article.id == f"fuzz#{n}"
        assert article.text.strip()
        for i, char in enumerate(article.text):
            assert text[article.offsets.to_source(i)] == char
        start, end = article.offsets.span_to_source(0, len(article.text))
        assert 0 <= start < end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙丙，。12.万", min_size=3, max_size=30))
def test_doubling_keeps_one_copy_of_every_run(single):
    doubled = "".join(c * 2 for c in single)
    ranges = undouble_ranges(doubled)
    assert ranges is not None or len(set(single)) < 2
    if ranges is not None:
        assert "".join(doubled[a:b] * 2 for a, b in ranges) == doubled
        assert sum(b - a for a, b in ranges) * 2 == len(doubled)
