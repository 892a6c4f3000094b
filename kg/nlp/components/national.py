"""National bodies named by their usual short forms: 党中央, 工信部, 中国石化, 华为, 新华社 …

These names carry no suffix the organisation recogniser could read (党中央, 华为), are
written without the country (国务院 for 中华人民共和国国务院) or by an abbreviation (中石化),
so they come from tables of general knowledge (``kg/nlp/data/national_*.tsv``, read by
:func:`kg.nlp.lexicon.national_bodies`); the candidate carries the full name, so every
form of one body is one entity.

All forms are found by one regular expression, built as a trie so that a position is
tested against the forms' characters once, not against each form.  A form found inside a
longer word is not the body: the match must begin and end on token edges (jieba's
dictionary knows 公安部门, 京东方, 中华, 全国), unless what the token adds is a function
word (对华|为, 武|将).  A form right after a place name is another state's organ or a
branch (哈萨克斯坦外交部); right before one, it begins a branch's name (国网某省电力, 中国移动
某地公司), which the organisation recogniser names when it has a suffix.  A company's
brand before a product word is the product (百度地图, 腾讯会议).  A longer
candidate of another recogniser (中国移动某某分公司) wins over the form in any case.

The three telecom operators' branches are written as a province or city and the brand
(四川移动, 庆阳电信, 岳阳联通); the candidate carries the branch's registered name, built
the way each operator names its branches (中国移动通信集团四川有限公司, 中国电信股份有限公司
庆阳分公司, 中国联合网络通信有限公司岳阳市分公司), so the short and the legal form are one
entity.  The brand must be a token of its own (四川|移动互联网 is no operator).
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer
from kg.nlp.lexicon import NAME_STOP_WORDS, national_bodies, titles, verbs
from kg.nlp.spans import Candidate, TokenTable, candidates, token_table

# A company's form followed by one of these is still that company (华为集团, 百度公司).
COMPANY_ENDINGS = ("集团公司", "集团", "公司")
# The country itself may precede a national body (中国外交部 is not a foreign ministry).
OWN_COUNTRY = frozenset({"中国", "中华人民共和国"})
# Words that may follow a name inside one jieba token (中化|子公司, 工信部|副部长).
EXTRA_FOLLOWERS = ("子公司", "旗下")
# A company's brand followed by one of these names a product or service, not the company
# (百度地图, 腾讯会议, 华为手机).
# A wire dateline: the agency, the city it writes from, the date (新华社某市5月6日电,
# 某某网某市5月6日消息): the place after the agency is where it writes from, not a branch.
DATELINE = re.compile(r"[\u4e00-\u9fff]{2,8}?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|消息)")
PRODUCT_WORDS = ("搜索", "地图", "百科", "文库", "网盘", "翻译", "输入法", "浏览器", "视频",
                 "音乐", "新闻", "会议", "手机", "平板", "手表", "商城", "外卖", "支付", "钱包",
                 "小程序", "智能云", "APP", "App", "app")


# An operator's brand after a province or city: how it names its branches there.
OPERATOR_BRANCHES = {
    "移动": ("中国移动通信集团{province}有限公司", "中国移动通信集团{province}有限公司{city}分公司"),
    "电信": ("中国电信股份有限公司{province}分公司", "中国电信股份有限公司{city}分公司"),
    "联通": ("中国联合网络通信有限公司{province_full}分公司",
             "中国联合网络通信有限公司{city_full}分公司"),
}
# The brand before one of these is the kind of service (四川移动|支付), not the branch.
SERVICE_WORDS = ("互联网", "支付", "通信", "终端", "办公", "应用", "医疗", "端", "政务", "网络")
BRANCH_LEVELS = ("province", "prefecture")


def trie_pattern(words) -> str:
    """One regular expression matching any of ``words``, leftmost then longest, with the
    alternatives shared by common prefixes (中国石化|中国石油 -> 中国石(?:化|油))."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        # A word may end here: try the longer words first, fall back to the end.
        return (body if len(branches) == 1 and len(body) == 1 else f"(?:{body})") + "?"

    return build(root)


class NationalBodyRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_national_bodies"):
        self.gazetteer = Gazetteer.load()
        self.table = national_bodies()
        self.pattern = re.compile(trie_pattern(self.table))
        self.starters = frozenset(NAME_STOP_WORDS) | verbs()
        self.followers = tuple(sorted({*NAME_STOP_WORDS, *titles(), *EXTRA_FOLLOWERS},
                                      key=len, reverse=True))

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        table = token_table(doc)
        text = table.text
        areas = None
        search = self.pattern.search
        match = search(text)
        while match:
            start, end = match.span()
            full, entity_type = self.table[match.group()]
            product = False
            if entity_type == "Company":
                end += next((len(w) for w in COMPANY_ENDINGS if text.startswith(w, end)), 0)
                product = text.startswith(PRODUCT_WORDS, end)
            if areas is None:
                areas = self._area_edges(found, text)
            if not product and self._stands_alone(table, start, end, areas):
                found.append(Candidate(start, end, entity_type, priority=3,
                                       attrs={"name": full}))
                match = search(text, end)
            else:
                match = search(text, start + 1)
        found.extend(self._operator_branches(found, table))
        return doc

    def _operator_branches(self, found: list[Candidate], table: TokenTable) -> list[Candidate]:
        """四川移动, 庆阳电信: an operator's branch in a province or city (its registered
        name as the candidate's name)."""
        text, starts, words = table.text, table.starts, table.words
        branches = []
        for area in [c for c in found if c.label == "AdminArea"]:
            j = bisect.bisect_left(starts, area.end)
            if j >= len(words) or starts[j] != area.end or words[j] not in OPERATOR_BRANCHES \
                    or text.startswith(SERVICE_WORDS, area.end + 2) \
                    or text[max(0, area.start - 2):area.start] in OWN_COUNTRY:
                continue
            division = self._branch_division(text[area.start:area.end])
            if division is None:
                continue
            end = area.end + 2
            end += next((len(w) for w in COMPANY_ENDINGS if text.startswith(w, end)), 0)
            city = division if division.level == "prefecture" else None
            province = self.gazetteer.by_code(division.parent) if city else division
            fields = {"province": province.short or province.name, "province_full": province.name,
                      "city": city.short or city.name if city else "",
                      "city_full": city.name if city else ""}
            template = OPERATOR_BRANCHES[words[j]][1 if city else 0]
            branches.append(Candidate(area.start, end, "Company", priority=3,
                                      attrs={"name": template.format(**fields)}))
        return branches

    def _branch_division(self, form: str):
        """The one province or prefecture a form names, else None."""
        found = [d for d in self.gazetteer.lookup(form) if d.level in BRANCH_LEVELS]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _area_edges(found: list[Candidate], text: str) -> tuple[set[int], set[int]]:
        """(ends, starts) of the place names found so far, the country itself left out."""
        places = [c for c in found if c.label == "AdminArea"
                  and text[c.start:c.end] not in OWN_COUNTRY]
        return {c.end for c in places}, {c.start for c in places}

    def _stands_alone(self, table: TokenTable, start: int, end: int,
                      areas: tuple[set[int], set[int]]) -> bool:
        area_ends, area_starts = areas
        if start in area_ends or (end in area_starts and not DATELINE.match(table.text, end)):
            return False
        starts, text = table.starts, table.text
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and starts[i] != start and text[starts[i]:start] not in self.starters:
            return False
        j = bisect.bisect_left(starts, end)
        if end == len(text) or (j < len(starts) and starts[j] == end):
            return True
        return text.startswith(self.followers, end)


@Language.factory("kg_national_bodies")
def make_national_body_recognizer(nlp: Language, name: str):
    return NationalBodyRecognizer(nlp, name)
