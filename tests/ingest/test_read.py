"""Reading files: encodings, formats, folders and the errors for bad input."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.ingest import IngestError, iter_articles, read_page, split_articles

SEED = Path(__file__).resolve().parents[2] / "seeds" / "001_b5f6d1c0c24e5e41.txt"
HARD_WRAPPED = Path(__file__).resolve().parents[2] / "seeds" / "000_452aa95ab7e17567.txt"


@pytest.mark.parametrize("seed", [SEED, HARD_WRAPPED], ids=["markdown", "wrapped"])
def test_gb18030_and_bom_copies_give_identical_articles(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    gb = tmp_path / "page_gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "page_bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    original = read_page(seed)
    pages = [read_page(gb), read_page(bom)]
    assert [p.encoding for p in pages] == ["gb18030", "utf-8-sig"]
    for page in pages:
        assert page.text == original.text                   # BOM not part of the text
        assert (page.newspaper, page.date) == (original.newspaper, original.date)
    expected = [(a.title, a.byline, a.text, a.offsets) for a in split_articles(original)]
    for page in pages:
        assert [(a.title, a.byline, a.text, a.offsets) for a in split_articles(page)] == expected


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as caught:
        read_page(missing)
    assert str(caught.value).startswith(f"{missing}: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n", b"\xef\xbb\xbf\n"],
                         ids=["zero-bytes", "whitespace", "bom-only"])
def test_empty_file(tmp_path, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    with pytest.raises(IngestError, match="empty") as caught:
        read_page(empty)
    assert str(empty) in str(caught.value)


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    bytes(range(1, 32)) * 20,
    b"\xff\xfe\xfd\xfc\x80\x81" * 50,
], ids=["nul-bytes", "control-characters", "undecodable"])
def test_binary_file(tmp_path, content):
    binary = tmp_path / "image.txt"
    binary.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_page(binary)
    assert str(caught.value).startswith(f"{binary}: ")
    assert "binary" in caught.value.problem or "undecodable" in caught.value.problem


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("甲乙县召开会议。", encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(IngestError, match="permission denied"):
        read_page(locked)


def test_folder_and_unsupported_type(tmp_path):
    with pytest.raises(IngestError, match="folder"):
        read_page(tmp_path)
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError, match="unsupported file type '.pdf'"):
        read_page(pdf)


def test_iter_articles_errors(tmp_path):
    with pytest.raises(IngestError) as caught:
        list(iter_articles([tmp_path / "missing"]))
    assert str(tmp_path / "missing") in str(caught.value)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(IngestError, match="no readable page files"):
        list(iter_articles([tmp_path]))


def test_iter_articles_expands_folders_recursively_in_path_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "page.txt").write_text("本报讯（记者 甲某）丙丁县举行会议。\n", "utf-8")
    (tmp_path / "a" / "deep" / "page.md").write_text(
        "# 甲乙县召开大会\n\n本报讯 记者乙某报道:甲乙县召开大会。\n", "utf-8")
    (tmp_path / "a" / "skip.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("某某公司成立。", "utf-8")
    articles = list(iter_articles([tmp_path]))
    assert [a.id for a in articles] == ["page#1", "page#1"]
    assert [a.path for a in articles] == [str(tmp_path / "a" / "deep" / "page.md"),
                                          str(tmp_path / "b" / "page.txt")]
    assert articles[0].title == "甲乙县召开大会" and articles[0].byline == ("乙某",)
    assert articles[1].byline == ("甲某",) and articles[1].text == "丙丁县举行会议。"


def test_html_page(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>站点</title><style>p{color:red}</style></head><body>"
        "<div class='mast'>甲乙日报</div>"
        "<h2>甲乙县数据中心开工</h2>"
        "<p>本报讯（记者 丙某 丁某某）3月1日，甲乙县数据中心开工，总投资5亿元。</p>"
        "<p>该中心由某某能源有限公司&ldquo;投资&rdquo;建设。<br>预计年内建成。</p>"
        "<script>var x = '本报讯';</script>"
        "</body></html>", encoding="utf-8")
    page = read_page(html)
    assert "<" not in page.text and "color" not in page.text and "var x" not in page.text
    [article] = split_articles(page)
    assert article.title == "甲乙县数据中心开工"
    assert article.byline == ("丙某", "丁某某")
    assert article.text.startswith("3月1日，甲乙县数据中心开工，总投资5亿元。")
    assert "某某能源有限公司“投资”建设。\n预计年内建成。" in article.text
    for i, char in enumerate(article.text):
        assert page.text[article.offsets.to_source(i)] == char


def test_web_article_with_headline_metadata_line_and_closing_credit(tmp_path):
    page = tmp_path / "web.md"
    page.write_text("# 某市与两家企业签署算力合作协议\n\n来源：某某新闻网\u30002025-04-18 09:30\n\n"
                    "4月17日，哈密市人民政府与甲乙科技有限公司签署协议。项目总投资5亿元。\n\n"
                    "（记者 王明远 通讯员 李春生）\n", encoding="utf-8")
    articles = list(iter_articles([page], furniture=True))
    story = [a for a in articles if a.kind == "article"]
    assert len(story) == 1
    assert story[0].title == "某市与两家企业签署算力合作协议"
    assert story[0].date == "2025-04-18"
    assert story[0].byline == ("王明远", "李春生")
    assert "来源" not in story[0].text and "记者" not in story[0].text
    assert story[0].text.endswith("项目总投资5亿元。")
