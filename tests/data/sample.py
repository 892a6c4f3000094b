"""A small hand-made knowledge graph with invented names, for tests of the later stages."""
from kg.records import ArticleInfo, Entity, KnowledgeGraph, LinkedFact, Signing, Source


def _src(doc, n, sentence, start=0):
    return Source(doc, f"{doc}#{n}", start, start + len(sentence), sentence)


def sample_graph() -> KnowledgeGraph:
    s1 = _src("page_a", 1, "甲乙智算中心由某某能源有限公司投资建设，总投资25亿元。", 10)
    s2 = _src("page_a", 1, "甲乙智算中心位于甲乙市，规划算力规模达2万P。", 60)
    s3 = _src("page_b", 2, "某某能源有限公司总经理王小明表示，将加快建设。", 5)
    s4 = _src("page_b", 3, "甲乙市人民政府与某某能源有限公司签订战略合作协议。", 40)
    s5 = _src("page_b", 3, "丙丁县\"<script>alert(1)</script>\"数据中心已建成500P算力。", 90)
    entities = [
        Entity("area/650000", "AdminArea", "新疆维吾尔自治区", ["新疆"], ["page_a"], ["page_a#1"],
               code="650000"),
        Entity("area/659900", "AdminArea", "甲乙市", [], ["page_a", "page_b"],
               ["page_a#1", "page_b#3"], code="659900", parent="area/650000"),
        Entity("area/659901", "AdminArea", "丙丁县", [], ["page_b"], ["page_b#3"],
               code="659901", parent="area/659900"),
        Entity("computecenter/aaaa000000000001", "ComputeCenter", "甲乙智算中心",
               ["甲乙中心"], ["page_a"], ["page_a#1"]),
        Entity("computecenter/aaaa000000000002", "ComputeCenter",
               "丙丁县\"<script>alert(1)</script>\"数据中心", [], ["page_b"], ["page_b#3"]),
        Entity("company/bbbb000000000001", "Company", "某某能源有限公司", ["某某能源"],
               ["page_a", "page_b"], ["page_a#1", "page_b#2", "page_b#3"]),
        Entity("person/cccc000000000001", "Person", "王小明", [], ["page_b"], ["page_b#2"]),
        Entity("governmentbody/dddd000000000001", "GovernmentBody", "甲乙市人民政府",
               ["甲乙市政府"], ["page_b"], ["page_b#3"]),
    ]
    cc, co = "computecenter/aaaa000000000001", "company/bbbb000000000001"
    facts = [
        LinkedFact(cc, "investor", [s1], object=co),
        LinkedFact(cc, "investmentAmount", [s1], value=2.5e9, unit="CNY"),
        LinkedFact(cc, "locatedIn", [s2], object="area/659900"),
        LinkedFact(cc, "computeCapacity", [s2], value=20000.0, unit="PFLOPS", status="planned"),
        LinkedFact("person/cccc000000000001", "holdsPosition", [s3], object=co, title="总经理"),
        LinkedFact("governmentbody/dddd000000000001", "agreementWith", [s4], object=co,
                   topic="战略合作",
                   signing=Signing("page_b#3@48", (co, "governmentbody/dddd000000000001"),
                                   "2025-05-21", None, "战略合作协议")),
        LinkedFact("computecenter/aaaa000000000002", "locatedIn", [s5], object="area/659901"),
        LinkedFact("computecenter/aaaa000000000002", "computeCapacity", [s5], value=500.0,
                   unit="PFLOPS", status="current"),
    ]
    articles = [
        ArticleInfo("page_a#1", "page_a", "seeds/page_a.txt", "甲乙智算中心开工", ("张三",),
                    "2025-04-03", "某某日报", 400),
        ArticleInfo("page_b#2", "page_b", "seeds/page_b.txt", None, (), "2025-05-21", None, 300),
        ArticleInfo("page_b#3", "page_b", "seeds/page_b.txt", "合作协议签订", ("李四", "王五"),
                    "2025-05-21", None, 500),
    ]
    return KnowledgeGraph(entities, facts, articles)
