"""What issue 15 added to the graph, on invented companies and projects (real division
names only): a signing round's total with its count of projects, a planned range, a parent
and its wholly owned subsidiary, an amount in US dollars, a signing of three parties with
its date and place, one verb signing two agreements (分别), and a pair read again in a later
article.  As two news pages for real builds (:data:`PAGES`) and as a linked graph made by
hand (:func:`money_graph`) holding what linking does not carry yet (bounds, ranges,
counts of projects)."""
from pathlib import Path

from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Signing, Source

PAGES = {
    "signing_round.txt": (
        "赣州市重大项目集中签约活动举行\n\n"
        "来源：某某网 2025-04-18 09:30\n\n"
        "4月17日，赣州市重大项目集中签约活动举行，现场签约项目36个，总投资120亿元。"
        "其中甲乙储能电池项目总投资48亿元。\n\n"
        "戊己控股集团股份有限公司拟通过全资子公司丙丁新能源科技有限公司在赣州市投资建设"
        "甲乙储能电池项目。\n\n"
        "2025年4月17日，丙丁新能源科技有限公司与庚辛大学、壬癸电力设计院有限公司在赣州市"
        "签订甲乙储能电池项目三方合作协议。\n\n"
        "（记者 李某某）\n"),
    "dollar_centre.txt": (
        "甲乙跨境数据中心项目开工\n\n"
        "来源：某某网 2025-05-06 10:00\n\n"
        "5月5日，甲乙跨境数据中心项目在宜春市开工。该项目总投资约1亿美元，由子丑数港科技"
        "有限公司投资建设。\n\n"
        "2025年5月5日，子丑数港科技有限公司分别与寅卯信息技术有限公司、辰巳大学签订战略"
        "合作协议。\n\n"
        "（记者 王某某）\n"),
}

#: What the pages say, as the tests look it up.
ROUND_AREA = "赣州市"
PARENT_NAME = "戊己控股集团股份有限公司"
SUBSIDIARY_NAME = "丙丁新能源科技有限公司"
THREE_PARTY_NAMES = ("丙丁新能源科技有限公司", "庚辛大学", "壬癸电力设计院有限公司")
THREE_PARTY_DOCUMENT = "甲乙储能电池项目三方合作协议"
DOLLAR_CENTRE = "甲乙跨境数据中心项目"
SIGNER_NAME = "子丑数港科技有限公司"
SIGNED_APART_NAMES = ("寅卯信息技术有限公司", "辰巳大学")


def write_pages(folder: Path) -> list[Path]:
    """Write the pages into ``folder``; their paths, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in sorted(PAGES):
        path = folder / name
        path.write_text(PAGES[name], encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------- the graph by hand

AREA, PARENT, SUBSIDIARY = "area/360700", "company/p000000000000001", "company/s000000000000001"
UNIVERSITY, DESIGNER = "researchorg/u000000000000001", "company/d000000000000001"
PROJECT, CENTRE = "project/b000000000000001", "computecenter/x000000000000001"
SIGNER, FIRST, SECOND = ("company/z000000000000001", "company/y000000000000001",
                         "researchorg/r000000000000001")
ROUND, LATER, DOLLARS = "round#1", "later#1", "dollars#1"
THREE_PARTY_SIGNING = Signing(f"{ROUND}@120", (SUBSIDIARY, UNIVERSITY), "2025-04-17", "赣州市",
                        "甲乙储能电池项目三方合作协议")     # the linker left one party out
APART_SIGNINGS = [Signing(f"{DOLLARS}@60", (FIRST, SIGNER), "2025-05-05", None, "战略合作协议"),
         Signing(f"{DOLLARS}@60", (SECOND, SIGNER), "2025-05-05", None, "战略合作协议")]


def _source(article_id: str, sentence: str, start: int = 0) -> Source:
    return Source(article_id.partition("#")[0], article_id, start, start + len(sentence), sentence)


ROUND_TOTAL = _source(ROUND, "4月17日，赣州市重大项目集中签约活动举行，现场签约项目36个，总投资120亿元。")
ROUND_RANGE = _source(ROUND, "赣州市今年计划实施重点项目，计划总投资50—80亿元。", 60)
OWNED = _source(ROUND, "戊己控股集团股份有限公司拟通过全资子公司丙丁新能源科技有限公司投资建设。", 90)
SIGNED = _source(ROUND, "2025年4月17日，丙丁新能源科技有限公司与庚辛大学、壬癸电力设计院有限公司"
                        "在赣州市签订甲乙储能电池项目三方合作协议。", 120)
SIGNED_AGAIN = _source(LATER, "丙丁新能源科技有限公司与庚辛大学此前签订的协议进展顺利。")
PROJECT_TOTAL = _source(ROUND, "其中甲乙储能电池项目总投资48亿元。", 40)
DOLLAR_TOTAL = _source(DOLLARS, "该项目总投资约1亿美元，由子丑数港科技有限公司投资建设。", 10)
BUILDING = _source(DOLLARS, "甲乙跨境数据中心项目在建算力500P。", 40)
SIGNED_APART = _source(DOLLARS, "2025年5月5日，子丑数港科技有限公司分别与寅卯信息技术有限公司、辰巳大学"
                                "签订战略合作协议。", 60)


def money_graph() -> KnowledgeGraph:
    entities = [
        Entity(AREA, "AdminArea", "赣州市", [], ["round"], [ROUND], code="360700"),
        Entity(PARENT, "Company", "戊己控股集团股份有限公司", [], ["round"], [ROUND]),
        Entity(SUBSIDIARY, "Company", "丙丁新能源科技有限公司", ["丙丁新能源"], ["later", "round"],
               [LATER, ROUND]),
        Entity(UNIVERSITY, "ResearchOrg", "庚辛大学", [], ["later", "round"], [LATER, ROUND]),
        Entity(DESIGNER, "Company", "壬癸电力设计院有限公司", [], ["round"], [ROUND]),
        Entity(PROJECT, "Project", "甲乙储能电池项目", [], ["round"], [ROUND]),
        Entity(CENTRE, "ComputeCenter", "甲乙跨境数据中心项目", [], ["dollars"], [DOLLARS]),
        Entity(SIGNER, "Company", "子丑数港科技有限公司", [], ["dollars"], [DOLLARS]),
        Entity(FIRST, "Company", "寅卯信息技术有限公司", [], ["dollars"], [DOLLARS]),
        Entity(SECOND, "ResearchOrg", "辰巳大学", [], ["dollars"], [DOLLARS]),
    ]
    facts = [
        LinkedFact(PROJECT, "investmentAmount", [PROJECT_TOTAL], value=4.8e9, unit="CNY",
                   qualifier="total", scope="project"),
        LinkedFact(CENTRE, "investmentAmount", [DOLLAR_TOTAL], value=1e8, unit="USD",
                   qualifier="total", scope="project", bound="约"),
        LinkedFact(CENTRE, "computeCapacity", [BUILDING], value=500.0, unit="PFLOPS",
                   status="planned", qualifier="under construction"),
        LinkedFact(DESIGNER, "agreementWith", [SIGNED], object=SUBSIDIARY,
                   signing=THREE_PARTY_SIGNING),
        LinkedFact(DESIGNER, "agreementWith", [SIGNED], object=UNIVERSITY,
                   signing=THREE_PARTY_SIGNING),
        LinkedFact(SUBSIDIARY, "agreementWith", [SIGNED, SIGNED_AGAIN], object=UNIVERSITY,
                   signing=THREE_PARTY_SIGNING),
        LinkedFact(FIRST, "agreementWith", [SIGNED_APART], object=SIGNER, topic="战略合作",
                   signing=APART_SIGNINGS[0]),
        LinkedFact(SECOND, "agreementWith", [SIGNED_APART], object=SIGNER, topic="战略合作",
                   signing=APART_SIGNINGS[1]),
    ]
    relations = [
        LinkedFact(SUBSIDIARY, "subsidiaryOf", [OWNED], object=PARENT),
        LinkedFact(AREA, "programmeInvestment", [ROUND_TOTAL], value=1.2e10, unit="CNY",
                   qualifier="total", scope="signing", count=36),
        LinkedFact(AREA, "programmeInvestment", [ROUND_RANGE], value=5e9, unit="CNY",
                   qualifier="planned", scope="programme", bound="range", upper=8e9),
    ]
    articles = [
        ArticleInfo(ROUND, "round", "round.txt", "赣州市重大项目集中签约活动举行", (), "2025-04-18",
                    None, 300),
        ArticleInfo(LATER, "later", "later.txt", "合作进展", (), "2025-06-01", None, 100),
        ArticleInfo(DOLLARS, "dollars", "dollars.txt", "甲乙跨境数据中心项目开工", (), "2025-05-06",
                    None, 200),
    ]
    return KnowledgeGraph(entities, facts, articles, relations)
