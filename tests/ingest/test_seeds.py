"""The five seed pages: article boundaries, titles, bylines, cleaning, offsets.

Expected articles were determined by reading each page (see the notes per page).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import iter_articles, read_page, split_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
P000 = SEEDS / "000_452aa95ab7e17567.txt"
P001 = SEEDS / "001_b5f6d1c0c24e5e41.txt"
P002 = SEEDS / "002_f8a0a0ecf1756ce7.txt"
P003 = SEEDS / "003_72a8bf094540c9d4.txt"
P004 = SEEDS / "004_dadbec2719c67ee0.txt"

# (title, byline) per article, in page order.
EXPECTED = {
    # Hard-wrapped page without masthead; all headlines but one are printed together near
    # the end of the page and are matched to their articles by shared wording; kickers
    # (干字当头开新局, 生命至上 安全第一, 记者手记, 压实责任…) match nothing and are dropped.
    # The "□记者 古丽娜" line opens the commentary that follows it.
    P000: [
        ("阿勒泰地区召开食品安全委员会2025年第一次全体会议", ("胡俊秀", "王景鸿", "姚晨")),
        ("阿勒泰市绿色低碳智算中心项目开工打造数字经济新标杆",
         ("古丽娜", "阿尔达克·拜斯汗", "王景鸿")),
        ("让“看不见的算力”成为“看得见的生产力”从智算中心看阿勒泰数字经济新图景", ("古丽娜",)),
        ("塔克什肯口岸铁矿石进口量突破2.25万吨 超过2024年全年进口量", ("古丽娜",)),
        ("8吨斋桑湖梭鲈鱼“游”进中国市场", ("古丽娜", "胡阿尼什·那斯哈提")),
        ("清明假期，阿勒泰地区接待游客48.23万人次", ("董世菊",)),
    ],
    # Markdown page: lead article, a photo piece (### heading + captions + credit), a
    # feature with #### sections, an article whose plain two-line title sits above its
    # picture caption, and a ### titled article.
    P001: [
        ("六院士领衔打造中亚地区“最强大脑”", ("左晓雨", "姚博")),
        ("构建全生命周期产业矩阵", ("何龙",)),
        ("百舸争流千帆竞 戈壁煤海启新程", ("余再兴",)),
        ("2025年昌吉州社会科学普及周 暨“5·18国际博物馆日”系列活动启动", ("荷苒·马汗",)),
        ("昌吉州征集互联网优秀原创辟谣作品", ("廖冬云", "史天喜")),
    ],
    P002: [
        ("昌吉州举行“链”上昌吉·融入丝路”之“智引未来 人工智能+”推介会", ("左晓雨", "何龙")),
        ("州工商联系统传达学习习近平总书记 在民营企业座谈会上的重要讲话精神",
         ("耿雅薇", "郭春江")),
        ("昌吉人才港首场招聘会举行", ("杨鹤",)),
        ("昌吉州加速培育人工智能产业发展热土", ("常谊",)),
        ("昌吉农高区奏响项目开工“奋进曲”", ("刘茜",)),
        ("五大攻坚行动——建设数字昌吉 提速增效降费", ("常谊",)),
        ("昌吉市农资企业全力保障春耕供应", ("成石麟",)),
    ],
    # A long feature with ### / #### section headings, a lead article under a banner, and
    # a closing photo piece.
    P003: [
        ("“算”出吸引力 聚“链”焕新机", ("刘茜", "姚博", "马玉娇")),
        ("吉木萨尔县“北庭星火”计划落地见效", ("郭瑞祥",)),
        ("风电叶片产销旺", ("何龙",)),
    ],
    # Two bylined features, three continuations from page one ("（上接第一版）"), a fourth
    # continuation without a title, and a lead article; the layout repeats paragraphs.
    P004: [
        ("共绘区域务实合作新画卷", ("刘翔",)),
        ("西气东输工程惠及我国近5亿人口 能源大动脉气贯神州", ("于江艳",)),
        ("坚定信心推动高质量发展 高效能治理 奋力谱写中原大地推进中国式现代化新篇章", ()),
        ("环阿尔泰次区域国际合作会议在新疆阿勒泰举行", ()),
        ("马兴瑞艾尔肯·吐尼亚孜会见出席环阿尔泰次区域国际合作会议外国嘉宾", ()),
        (None, ()),
        ("百车自驾探秘福海与草原石城奇景", ("董世菊", "张福新")),
    ],
}

FURNITURE = ("刊号", "邮发代号", "定价", "承印", "广告", "编辑/", "星期", "CHANGJI", "总第",
             "今日8版", "主管主办", "新闻热线", "http", "@", "本报地址", "邮编", "客户端", "»",
             "审校", "乙巳年", "本报讯", "**", "#", "□")


@pytest.fixture(scope="module")
def pages():
    return {path: read_page(path) for path in EXPECTED}


@pytest.fixture(scope="module")
def articles(pages):
    return {path: split_articles(page) for path, page in pages.items()}


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem[:3])
def test_titles_and_bylines(articles, path):
    got = [(a.title, a.byline) for a in articles[path]]
    assert got == EXPECTED[path]


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem[:3])
def test_ids_and_metadata(pages, articles, path):
    page = pages[path]
    for n, article in enumerate(articles[path], start=1):
        assert article.id == f"{path.stem}#{n}"
        assert article.doc == path.stem and article.path == str(path)
        assert (article.date, article.newspaper) == (page.date, page.newspaper)


def test_masthead_newspaper_and_date(pages):
    assert (pages[P001].newspaper, pages[P001].date) == ("昌吉日报", "2025-05-21")
    assert (pages[P002].newspaper, pages[P002].date) == ("昌吉日报", "2025-02-25")
    assert (pages[P003].newspaper, pages[P003].date) == ("昌吉日报", "2025-11-26")
    assert (pages[P000].newspaper, pages[P000].date) == (None, None)   # no masthead
    assert pages[P000].doc == P000.stem and pages[P000].encoding == "utf-8"


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem[:3])
def test_no_furniture_in_text(articles, path):
    for article in articles[path]:
        for marker in FURNITURE:
            assert marker not in article.text, (article.id, marker)
        for line in article.text.split("\n"):
            assert line.strip() and not line.endswith("摄"), (article.id, line)   # credits


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.stem[:3])
def test_offsets_map_every_character_back(pages, articles, path):
    source = pages[path].text
    for article in articles[path]:
        assert article.text
        for i, char in enumerate(article.text):
            assert source[article.offsets.to_source(i)] == char, (article.id, i)


def test_wrapped_words_are_whole_in_the_right_articles(articles):
    a = articles[P000]
    assert "审议了《阿勒泰地区2025年食品安全重点任务分工的意见》" in a[0].text
    assert "国务院食品安全委员会第二次全体会议精神" in a[0].text
    assert "杰恩斯·哈德斯主持会议并讲话" in a[0].text
    assert "由新疆新华水电投资股份有限公司投资建设，总投资25亿元" in a[1].text
    assert "新疆新华水电投资股份有限公司总经理綦晓杰" in a[1].text
    # paragraphs broken by a blank line in mid-sentence are joined again
    assert "深刻认识抓好食品安全是必须不折不扣完成的政治任务" in a[0].text
    assert "该项目计划2025年7月30日前完成主体建设" in a[1].text
    assert "阿勒泰地区清洁能源资源富集，2025年" in a[2].text
    assert "毗邻蒙古国" in a[3].text and "塔克什肯口岸" in a[3].text
    assert "通讯员" not in a[4].text and "梭鲈鱼" in a[4].text
    assert a[5].text.count("48.23万人次") == 1
    assert all("4848" not in x.text and "清明假期清明假期" not in x.text for x in a)
    # wherever a join dropped a line break, no whitespace was kept on either side
    for article in a:
        to_source = article.offsets.to_source
        for i in range(len(article.text) - 1):
            if to_source(i + 1) != to_source(i) + 1 and article.text[i] != "\n":
                assert not article.text[i].isspace() and not article.text[i + 1].isspace()


def test_titles_never_become_text(articles):
    a = articles[P000]
    for title in ("干字当头开新局", "生命至上", "记者手记", "压实责任", "打造数字经济新标杆",
                  "超过2024年全年进口量"):
        assert all(title not in article.text for article in a)


def test_no_text_leaks_between_articles(articles):
    a = articles[P000]
    assert "食品安全" not in a[1].text and "智算" not in a[0].text
    assert "铁矿石" not in a[4].text and "梭鲈鱼" not in a[3].text
    assert "清明" not in a[4].text
    commentary = a[2].text
    assert commentary.startswith("当数字经济浪潮席卷全球")
    assert "杰恩斯汗·胡尔慢说" in a[1].text and "杰恩斯汗" not in commentary


def test_photo_pieces_and_captions(articles):
    p001 = articles[P001]
    assert p001[1].text.startswith("5月19日,新疆准东经济技术开发区")
    assert p001[1].text.endswith("迅速跻身全国铝业十强。")
    assert "图为" not in p001[3].text and "剪纸创意走秀表演现场" not in p001[3].text
    # the caption printed in mid-sentence is lifted out and the sentence joined again
    p002 = articles[P002]
    assert "昌吉州区位优势明显、数据资源丰富" in p002[0].text
    assert p002[0].text.endswith("推介会在昌吉市举行。图为会议现场。")   # the caption, after
    assert articles[P003][2].text.startswith("11月22日,工人在位于昌吉国家高新技术产业开发区")


def test_sections_stay_in_their_feature(articles):
    feature = articles[P001][2].text
    for section in ("高点谋划 开启项目建设新征程", "多方联动 跑出项目建设加速度",
                    "产业升级 激发项目建设新动能"):
        assert section in feature
    assert "12000Nm3/h" in feature and "<sup>" not in feature
    assert "绿算筑基 枢纽崛起" in articles[P003][0].text


def test_repeated_paragraphs_printed_once(articles):
    feature = articles[P003][0].text
    assert feature.count("产学研协同让新动能持续涌动") == 1
    assert feature.count("跨界合作更让产业边界不断拓展") == 1
    p004 = articles[P004]
    joined = "\n".join(a.text for a in p004)
    assert joined.count("他表示,此次在新疆举办经贸交流等活动") == 1
    assert "文莱国家工商、泰国工商业联合会" in p004[5].text     # joined across the blank line
    assert p004[2].text.startswith("提高公共服务水平")          # "(上接第一版)" is not text


def test_iter_articles_over_the_seed_folder():
    ids = [a.id for a in iter_articles([SEEDS])]
    assert len(ids) == sum(len(v) for v in EXPECTED.values())
    assert ids[0] == f"{P000.stem}#1" and ids == sorted(ids, key=lambda i: (i.split("#")[0],
                                                                            int(i.split("#")[1])))


def test_split_is_deterministic(pages):
    first = split_articles(pages[P000])
    assert first == split_articles(pages[P000])


def test_titles_map_back_to_the_source(articles):
    for path, found in articles.items():
        page_text = read_page(path).text
        for article in found:
            if article.title is None:
                continue
            mapped = "".join(page_text[article.title_offsets.to_source(i)]
                             for i in range(len(article.title)))
            assert mapped.replace("\n", " ") == article.title
