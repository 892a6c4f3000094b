"""Cleaning and splitting rules on small invented pages."""
from __future__ import annotations

import pytest

from kg.ingest import split_articles
from kg.ingest.byline import parse_names
from kg.ingest.clean import read_masthead, undouble_ranges
from kg.records import Page


def page(text: str, doc: str = "fixture") -> Page:
    newspaper, date = read_masthead(text)
    return Page(path=f"{doc}.txt", doc=doc, text=text, encoding="utf-8",
                newspaper=newspaper, date=date)


def split(text: str):
    p = page(text)
    articles = split_articles(p)
    for article in articles:
        for i, char in enumerate(article.text):
            assert p.text[article.offsets.to_source(i)] == char
    return articles


def test_hard_wrapped_lines_are_joined_without_breaking_words():
    [article] = split(" 本报讯（记者张小明实习\n记者李华）3月1日，甲乙\n县召开某某能源有限\n"
                      "公司座谈会。\n与会人员发言。\n")
    assert article.byline == ("张小明", "李华")
    assert article.text == "3月1日，甲乙县召开某某能源有限公司座谈会。\n与会人员发言。"


def test_paragraph_broken_by_blank_line_in_mid_sentence_is_joined():
    [article] = split("本报讯（记者 王某）会议要求，要抓好食\n\n品安全工作。\n\n会议指出，要\n\n"
                      "“两手抓”。\n")
    assert article.text == "会议要求，要抓好食品安全工作。\n会议指出，要“两手抓”。"


def test_a_transcripts_speaker_line_is_not_joined_to_what_was_said():
    [article] = split("【解说】甲乙口岸改造工程开工。\n【同期声】某市委书记　王明\n"
                      "项目建成以后，口岸通关能力将大幅提升。\n")
    assert "王明\n项目建成以后" in article.text


def test_a_numbered_item_starts_a_line_of_its_own():
    [article] = split("二、签约项目情况\n1．甲乙储能电站项目。总投资12亿元。\n"
                      "（二）丙丁有限公司\n企业类型：有限责任公司\n")
    assert "二、签约项目情况\n1．甲乙储能电站项目" in article.text
    assert "\n（二）丙丁有限公司" in article.text


def test_a_subheading_of_a_page_scraped_a_paragraph_a_line_runs_into_nothing():
    long_line = ("甲乙环境科技有限公司年处理10万吨废旧锂电池综合利用项目同日开工，项目总投资15.5亿元，"
                 "建成后将形成完整的回收链条。")
    [article] = split("回收项目补齐链条\n" + long_line + "\n")
    assert article.text.startswith("回收项目补齐链条\n甲乙环境科技有限公司")
    # a hard-wrapped column's lines are all about as wide: they are joined
    [article] = split("本报讯 甲乙县召开\n座谈会，与会人员\n发言。\n")
    assert article.text == "甲乙县召开座谈会，与会人员发言。"


def test_a_registered_address_is_a_field_not_the_papers_address():
    [article] = split("甲乙科技有限公司公告称，公司设立子公司。\n\n名称：丙丁有限公司\n"
                      "注册资本：8,000万元人民币\n注册地址：贵州省都匀市剑江中路\n")
    assert "注册地址：贵州省都匀市剑江中路" in article.text


def test_latin_words_are_not_glued_across_lines():
    [article] = split("本报讯（记者 王某）甲乙县引进Cloud\nComputing平台。\n")
    assert "CloudComputing" not in article.text


@pytest.mark.parametrize("doubled, single", [
    ("甲乙县甲乙县，，某某公司某某公司", "甲乙县，某某公司"),
    ("成立成立1212..55亿元亿元", "成立12.5亿元"),
    ("甲甲乙乙县县召召开开", "甲乙县召开"),
])
def test_undouble(doubled, single):
    ranges = undouble_ranges(doubled)
    assert ranges is not None
    assert "".join(doubled[a:b] for a, b in ranges) == single


@pytest.mark.parametrize("text", ["甲乙县召开会议。", "哈哈大笑的人们", "谢谢谢谢", "一一一一一一",
                                  "天天向上天天向上了"])
def test_ordinary_text_is_not_undoubled(text):
    assert undouble_ranges(text) is None


def test_doubled_title_is_a_title_not_text():
    articles = split("本报讯（记者 王某）3月1日，甲乙县接待游客12.5万人次，同比增长。\n\n"
                     "甲乙县甲乙县接待游客接待游客1212..55万人次万人次\n")
    assert [a.title for a in articles] == ["甲乙县接待游客12.5万人次"]
    assert articles[0].text.count("12.5万人次") == 1


def test_masthead_and_footer_are_furniture():
    text = ("\n某某客户端\n\n中共某某委员会主管主办  \n某某传媒中心出版\n\n# 甲乙日报\n\n"
            "## JIAYI RIBAO\n\n2024年3月\n\n5\n\n星期二\n\n甲辰年正月廿五\n\n总第10001期\n\n"
            "今日8版\n\n□国内统一刊号CN 00—0000 □邮发代号00—000 □网址: <http://www.example.cn>"
            " □新闻热线:1234567\n\n» 奋进新时代\n\n"
            "## 甲乙县数据中心开工\n\n**本报讯** 记者丙某报道:3月4日，甲乙县数据中心开工。\n\n"
            "该项目总投资<sup>5</sup>亿元。\n\n"
            "□本报地址:甲乙市某某路1号  \n□邮编:000000 □本期定价:1.0元\n\n"
            "□广告热线:0000-1234567  \n□编辑/某甲 □版式/某乙 □审校/某丙\n")
    p = page(text)
    assert (p.newspaper, p.date) == ("甲乙日报", "2024-03-05")
    [article] = split(text)
    assert article.title == "甲乙县数据中心开工" and article.byline == ("丙某",)
    assert article.date == "2024-03-05" and article.newspaper == "甲乙日报"
    assert article.text == "3月4日，甲乙县数据中心开工。\n该项目总投资5亿元。"


def test_date_line_masthead():
    assert read_masthead("甲乙晚报\n2023年12月9日 星期六\n\n正文。") == ("甲乙晚报", "2023-12-09")
    assert read_masthead("本报讯 3月1日，2025年5月21日开工。") == (None, None)


def test_titles_printed_after_their_articles_are_matched_by_wording():
    text = ("本报讯（记者 王某）3月1日，甲乙县数据中心项目开工，总投资5亿元。\n\n"
            "该项目位于甲乙县。\n\n"
            "本报讯（记者 李某）3月2日，丙丁县冷水鱼进口量突破100吨。\n\n"
            "该县口岸加快通关。\n\n"
            "奋发有为开新局\n\n"
            "丙丁县冷水鱼进口\n量突破100吨\n\n"
            "甲乙县数据中心项目开工\n\n"
            "本报讯（记者 赵某）3月3日，戊己县召开春耕工作会议。\n")
    articles = split(text)
    assert [(a.title, a.byline) for a in articles] == [
        ("甲乙县数据中心项目开工", ("王某",)),
        ("丙丁县冷水鱼进口量突破100吨", ("李某",)),
        (None, ("赵某",)),
    ]
    assert all("奋发有为" not in a.text and "突破100吨\n" not in a.text for a in articles)


def test_sections_photo_pieces_and_jumps():
    text = ("# 甲乙县发展纪实\n\n——某某开发区建设观察\n\n□本报记者 王某 通讯员 李 某\n\n"
            "甲乙县加快建设。\n\n### 第一部分\n\n某某公司投产。\n\n"
            "### 车间生产忙\n\n3月1日，工人在某某公司车间作业。\n\n□本报记者 赵 甲摄\n\n"
            "## 丙丁县召开会议\n\n（上接第一版）会议强调，要抓落实。\n\n"
            "（上接第一版）另一篇文章的后半部分。\n")
    articles = split(text)
    assert [(a.title, a.byline) for a in articles] == [
        ("甲乙县发展纪实", ("王某", "李某")),
        ("车间生产忙", ("赵甲",)),
        ("丙丁县召开会议", ()),
        (None, ()),
    ]
    assert articles[0].text == "甲乙县加快建设。\n第一部分\n某某公司投产。"
    assert articles[1].text == "3月1日，工人在某某公司车间作业。"
    assert articles[2].text == "会议强调，要抓落实。"
    assert articles[3].text == "另一篇文章的后半部分。"


def test_caption_inside_an_article_is_lifted_out():
    [article] = split("本报讯 记者王某报道:甲乙县区位优势明显、数\n\n"
                      "3月1日，会议在甲乙县举行。图为会议现场。 □本报记者 李某摄\n\n"
                      "据资源丰富。\n")
    # the sentence is joined again; the caption follows the text, its credit in the byline
    assert article.text == "甲乙县区位优势明显、数据资源丰富。\n3月1日，会议在甲乙县举行。图为会议现场。"
    assert article.byline == ("王某", "李某")


def test_repeated_paragraphs_are_kept_once():
    [article] = split("本报讯（记者 王某）甲乙县召开会议。\n\n某某公司总经理张某表示，将加快建设进度。\n\n"
                      "会议还部署了春耕工作。\n\n某某公司总经理张某表示，将加快建设进度。\n\n"
                      "会议还部署了春\n")
    assert article.text.count("将加快建设进度") == 1
    assert article.text.count("春耕工作") == 1


@pytest.mark.parametrize("content, names", [
    ("记者 甲某某 阿某·某某 实习记者 乙某", ("甲某某", "阿某·某某", "乙某")),
    ("记者张小明王大华", ("张小明", "王大华")),
    ("本报记者 何 某", ("何某",)),
    ("某某日报记者 丙某某", ("丙某某",)),
    ("新华社记者 丁某某 戊某", ("丁某某", "戊某")),
    ("某某周刊记者 己某", ("己某",)),
    ("实习记者甲某、通讯员乙某某", ("甲某", "乙某某")),
])
def test_byline_names(content, names):
    assert parse_names(content) == names


def test_bylines_of_each_lead_form():
    forms = {
        "本报讯（记者 甲某 乙某某）3月1日，甲乙县召开会议。": ("甲某", "乙某某"),
        "**本报讯** 记者甲某、通讯员乙某3月1日从甲乙县获悉，会议召开。": ("甲某", "乙某"),
        "本报讯 实习记者甲某报道:3月1日，甲乙县召开会议。": ("甲某",),
        "某某云/某某日报记者 甲某某\n\n3月1日，甲乙县召开会议。": ("甲某某",),
        "□记者 甲某\n\n3月1日，甲乙县召开会议。": ("甲某",),
    }
    for text, byline in forms.items():
        [article] = split(text + "\n")
        assert article.byline == byline, text
        assert article.text.startswith("3月1日") or article.text.startswith("甲乙县"), text


def test_hashtag_is_text_not_a_heading():
    [article] = split("本报讯（记者 王某）甲乙县发起话题。\n\n#甲乙县春耕#\n\n阅读量超过十万。\n")
    assert article.text == "甲乙县发起话题。\n#甲乙县春耕#\n阅读量超过十万。"


def test_a_post_opening_with_its_topic_is_text_and_a_line_of_tags_is_furniture():
    [article] = split("#甲乙新闻#【丙丁智算中心开工】3月18日，丙丁智算中心在甲乙县开工。\n\n"
                      "#AIDC #智算中心 #绿电\n")
    assert article.title is None
    assert article.text.startswith("#甲乙新闻#【丙丁智算中心开工】3月18日")
    assert "#AIDC" not in article.text
    [article] = split("# 丙丁智算中心开工\n\n3月18日，丙丁智算中心在甲乙县开工。\n")
    assert article.title == "丙丁智算中心开工"


def test_rows_of_a_list_of_posts_and_names_stay_lines():
    [article] = split("本报讯 发布会举行。\n\n发布人：\n甲乙市人民政府副市长  王一鸣\n"
                      "甲乙市发展和改革委员会主任  李四海\n丙丁科技有限公司总经理  赵五\n")
    assert "副市长  王一鸣\n甲乙市发展和改革委员会主任  李四海\n丙丁科技" in article.text


def test_a_list_of_organisations_one_a_line_stays_lines():
    [article] = split("本报讯 联盟成立。\n\n首批成员单位名单：\n甲乙智算科技有限公司\n"
                      "丙丁数据股份有限公司\n中国电信股份有限公司甲乙分公司\n甲乙算力应用研究院\n")
    assert "甲乙智算科技有限公司\n丙丁数据股份有限公司\n中国电信股份有限公司甲乙分公司\n" \
           "甲乙算力应用研究院" in article.text
    # a line ending in a suffix inside a hard-wrapped sentence is still joined
    [wrapped] = split("本报讯 项目由甲乙科技有限公司\n投资建设，丙丁研究院\n参与设计。\n")
    assert wrapped.text == "项目由甲乙科技有限公司投资建设，丙丁研究院参与设计。"
    # two names over a date are a signature, read as a block of its own (furniture)
    [notice] = split("本报讯 公告如下。\n\n甲乙智算科技有限公司\n丙丁工程管理有限公司\n2025年9月22日\n")
    assert notice.text == "公告如下。"


def test_a_closing_byline_with_its_medium_and_a_spaced_credits_line():
    [article] = split("本报讯 项目开工建设，总投资5亿元。\n\n（甲乙县融媒体中心 记者 王一鸣 通讯员 李四海）\n\n"
                      "本版责任编辑 赵五常　美术编辑 钱六一　校对 孙七\n")
    assert article.text == "项目开工建设，总投资5亿元。"
    assert article.byline == ("王一鸣", "李四海")


def test_plain_headline_over_its_text_opens_an_article():
    articles = split("本报讯（记者 王某）甲乙县召开会议。\n\n丙丁县冷水鱼丰收\n\n"
                     "今年丙丁县冷水鱼丰收，产量增长。\n")
    assert [(a.title, a.text) for a in articles] == [
        (None, "甲乙县召开会议。"),
        ("丙丁县冷水鱼丰收", "今年丙丁县冷水鱼丰收，产量增长。"),
    ]



def test_a_wire_dateline_stays_in_the_text_and_gives_the_byline():
    # The agency and the place it writes from are names of the article; the paper's own
    # lead (本报讯) is not.
    wire, = split("新华社银岭5月6日电（记者 王立新）5日，银岭某某项目开工。\n")
    assert wire.text.startswith("新华社银岭5月6日电") and wire.byline == ("王立新",)
    own, = split("本报讯（记者 李东明）5日，银岭某某项目开工。\n")
    assert own.text.startswith("5日") and own.byline == ("李东明",)


def test_a_headline_above_a_metadata_line_is_the_title_and_the_fields_stay_apart():
    page = ("总投资20亿元！银岭某某算力中心开工 规划算力5000P\n"
            "来源：某某在线　2025-04-18 09:30　作者：王立新　编辑：李东明\n\n"
            "4月17日，银岭某某算力中心开工。\n\n"
            "项目由某某科技有限公司投资建设。\n\n"
            "责任编辑：李东明\n")
    articles = split(page)
    assert [(a.title, a.text) for a in articles] == [
        ("总投资20亿元！银岭某某算力中心开工 规划算力5000P",
         "4月17日，银岭某某算力中心开工。\n项目由某某科技有限公司投资建设。")]
    # Without the metadata line the same headline, holding a "！", is no title: the
    # rule is the field line under it, not the headline's look.
    without = split("总投资20亿元！银岭某某算力中心开工\n\n4月17日，银岭某某算力中心开工。\n")
    assert without[0].title is None


def test_a_wire_signoff_names_its_reporters():
    [article] = split("银岭某某项目5日开工，总投资10亿元。\n\n（新华社记者 丁某某 戊某）\n")
    assert article.byline == ("丁某某", "戊某")
    assert "新华社记者" not in article.text


def test_a_paragraph_of_fields_is_not_continued_across_a_blank_line():
    page = ("证券代码：300001　证券简称：锐岭科技　公告编号：2025-001\n"
            "债券代码：123001　债券简称：锐岭转债\n\n"
            "锐岭科技股份有限公司\n关于签订合作协议的公告\n\n"
            "本公司及董事会全体成员保证信息披露的内容真实\n\n"
            "公司与银岭市人民政府签订合作协议。\n")
    articles = split(page)
    texts = [a.text for a in articles] + [a.title or "" for a in articles]
    assert not any("锐岭转债锐岭" in text for text in texts)


def test_a_web_mediums_dateline_with_xiaoxi_gives_the_byline_and_stays_in_the_text():
    wire, = split("某某网银岭5月6日消息（记者 王立新 李东明）5日，银岭某某项目开工。\n")
    assert wire.byline == ("王立新", "李东明")
    assert wire.text.startswith("某某网银岭5月6日消息")


def test_closing_credit_lines_are_page_furniture_each_on_its_own():
    p = page("银岭某某项目开工\n\n"
             "5日，银岭某某项目开工，总投资10亿元。\n\n"
             "签发：局长 王立新\n审核：规划处处长 李东明\n\n"
             "（编辑：丁某某　责编：戊某某）\n")
    articles = split_articles(p, furniture=True)
    assert [a.text for a in articles if a.kind == "article"] == ["5日，银岭某某项目开工，总投资10亿元。"]
    [furniture] = [a.text for a in articles if a.kind == "furniture"]
    assert "（编辑：丁某某　责编：戊某某）" in furniture
    assert "王立新审核" not in furniture      # a name never runs into the next label


def test_the_rows_of_a_table_written_as_text_stay_lines_of_their_own():
    [article] = split("银岭重点项目名单公示\n\n拟将以下项目列入名单。\n\n"
                      "序号　项目名称　建设单位　总投资（亿元）\n"
                      "1　银岭甲乙项目　银岭甲乙有限公司　32.0\n"
                      "2　银岭丙丁项目　银岭丙丁有限公司　21.5\n"
                      "3｜银岭戊己项目｜银岭戊己有限公司｜9.6\n")
    rows = article.text.split("\n")[1:]
    assert [row.split("　")[0][:1] for row in rows] == ["序", "1", "2", "3"]
    assert "32.02" not in article.text


def test_an_empty_pair_of_brackets_is_no_byline():
    # Found by the fuzz test: （） alone as a paragraph.
    [article] = split("（）\n\n银岭某某项目开工。\n")
    assert article.text.endswith("银岭某某项目开工。") and not article.byline


def test_a_web_pages_metadata_and_credit_lines_under_the_headline_are_furniture():
    # A stamp with a time of day, a field opening the line (作者：, 文｜): page furniture,
    # whose names the recogniser reads; not a second headline.
    for line in ("2025-11-05 18:40　银岭县融媒体中心　记者 王立新 李东明",
                 "作者：王立新　　2025-09-18 10:12　　阅读约 6 分钟",
                 "文｜本刊记者 王立新    编辑｜李东明"):
        articles = split_articles(page(f"# 银岭某某项目开工\n\n{line}\n\n5日，银岭某某项目开工。\n"),
                                  furniture=True)
        [body] = [a for a in articles if a.kind == "article"]
        [furniture] = [a for a in articles if a.kind == "furniture"]
        assert body.title == "银岭某某项目开工" and body.text == "5日，银岭某某项目开工。"
        assert line in furniture.text


def test_a_sites_name_and_its_breadcrumb_over_the_headline_are_furniture():
    for lines in ("锐岭网 > 新闻 > 本地 > 正文", "锐岭学院新闻网\n\n首页 > 学院要闻"):
        articles = split_articles(page(f"{lines}\n\n银岭某某项目开工\n\n5日，银岭某某项目开工。\n"),
                                  furniture=True)
        [body] = [a for a in articles if a.kind == "article"]
        [furniture] = [a for a in articles if a.kind == "furniture"]
        assert body.title == "银岭某某项目开工" and body.text == "5日，银岭某某项目开工。"
        assert all(line in furniture.text for line in lines.split("\n\n"))


def test_a_credit_closing_a_caption_and_an_all_media_reporter_give_the_byline():
    [article] = split("银岭日报全媒体记者 王立新 通讯员 李东明\n\n本报讯 5日，银岭某某项目开工。\n")
    assert article.byline == ("王立新", "李东明")
    [article] = split("银岭某某项目开工。\n\n图为项目施工现场。  本报记者 丁某某 摄\n")
    assert "丁某某" in article.byline


def test_a_credit_after_an_articles_text_and_a_pages_photo_credits_give_the_byline():
    # a photo credit on its own line after the text, with the medium's full name before
    # the role, or the medium alone before the name
    [article] = split("记者在银岭县看到，项目进展顺利。\n银岭日报全媒体记者 王立新 摄\n\n"
                      "图为项目现场。\n银岭县融媒体中心 阿依古丽·买买提 摄\n")
    assert {"王立新", "阿依古丽·买买提"} <= set(article.byline)
    # 本版摄影：… is a credits line, the page's furniture, its names read there
    articles = split_articles(page("银岭某某项目开工\n\n5日，银岭某某项目开工。\n\n"
                                   "本版摄影：王立新 李东明\n责任编辑：丁某某\n"), furniture=True)
    [furniture] = [a.text for a in articles if a.kind == "furniture"]
    assert "本版摄影：王立新 李东明" in furniture


def test_a_note_of_the_unit_of_a_tables_figures_stays_in_the_text_above_the_table():
    articles = split("银岭重点项目名单（节选）\n\n（单位：万元）\n\n一、数字经济类\n\n"
                     "| 序号 | 项目名称 | 总投资 |\n|---|---|---|\n| 1 | 银岭甲乙智算中心 | 280000 |\n")
    [table] = [a for a in articles if "280000" in a.text]
    assert table.text.startswith("（单位：万元）")


def test_a_numbered_item_after_a_blank_line_is_a_paragraph_of_its_own():
    articles = split("银岭某某项目中标结果公告\n\n银岭某某项目评标工作已经结束，现将结果公告如下。\n\n"
                     "五、评审专家名单：王立新、李东明\n\n六、公告期限：自本公告发布之日起1个工作日。\n")
    texts = "|".join(a.text for a in articles)
    assert "李东明" in texts and "李东明六" not in texts


def test_a_record_written_one_field_a_paragraph_is_text_not_headlines():
    # Each field alone looks like a headline (short, no full stop); a run of them is a record.
    [article] = split("甲乙公司基本情况如下：\n\n1、公司名称：甲乙科技有限公司\n\n2、法定代表人：王明远\n\n"
                      "3、注册资本：5亿元\n\n项目由甲乙科技有限公司建设。\n")
    assert "2、法定代表人：王明远" in article.text and "3、注册资本：5亿元" in article.text
    assert article.title is None


def test_a_rule_of_symbols_ends_a_paragraph_and_a_picture_given_by_an_organisation_is_a_caption():
    articles = split("本报讯（记者 王某）甲乙项目开工。\n\n▲项目效果图。　　甲乙开发区管委会供图\n\n"
                     "────────────────\n\n丙丁港区吞吐量增长\n\n本报讯（记者 李某）今年以来，丙丁港区吞吐量增长。\n")
    assert [a.title for a in articles] == [None, "丙丁港区吞吐量增长"]
    assert not any("──" in a.text for a in articles)
    assert articles[0].text.endswith("甲乙开发区管委会供图")      # the first article's caption


def test_fields_run_together_in_one_short_paragraph_are_a_record_kept_in_the_text():
    [article] = split("公司名称：甲乙科技有限公司\n负责人：王春林\n法定代表人：其木格\n\n"
                      "该项目由甲乙科技有限公司投资建设。\n")
    assert "负责人：王春林" in article.text and article.title is None
