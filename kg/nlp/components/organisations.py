"""Organisations, zones, ports, compute centres and projects, recognised by structure.

A name is a body followed by a suffix (有限公司, 大学, 人民政府, 产业园, 口岸, 智算中心,
项目 …); the suffix decides the type.  The body is read leftwards from the suffix over
tokens until a boundary: punctuation, a function word or common verb, a title of office,
or a length limit.  A body made only of generic words (重点项目, 传统数据中心) is not a
name.  Suffix words are added to the tokenizer so that they end tokens.

When the statistical model has read the doc (the hybrid recogniser), its evidence sets
more boundaries:

- a token the model reads as a verb, adverb, preposition, pronoun, numeral, time …
  (outside any name of its own) ends the body (项目全面采用|某某集团, 张三摄|某某公司); in
  a facility, whose name may hold verbs and figures (光伏发电项目), only a function word
  does, or a verb right before a place or a name (选址|某县产业园), or a verb right after a
  place when a figure follows it (某区|自建200MW…电站, but 某市再生铝深加工项目); a
  generic modifier (算力) or a word read as a time with no time in it (现代) is no boundary
  there;
- an everyday word just before where the model reads one name that runs to the suffix
  ends it too (推介会现场|某某自治区政协);
- no name begins on a word of two or more characters the model vetoes (已投产|数据中心,
  其余3栋|算力中心: nothing but the suffix is left), nor on one character the model reads
  as a verb … right before an organisation it reads running to the suffix (请|县工信局);
- 项目/工程 followed by an everyday noun the model reads as a word of its own modifies
  that noun (负责项目|用地, 某某中心项目|现场) and ends no name — unless a place opens a
  name of the project's own words before it (某县高纯石英砂深加工项目|车间);
- a conjunction before a name the model reads is between two names (某某与|某某集团);
- a verb of two characters the model reads running into the name's first token (jieba's
  走|访华|岳…集团) is cut off where the model's name begins;
- in a facility's name, an organ followed by a verb (市生态环境局|批复|某某项目) is an organ
  acting on the facility: the name begins after the verb.

A kind of company said before a legal name (上市公司|某某股份有限公司) is not the name's,
and a body ending in 上市 (A股上市|公司) names a kind, not a company.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from itertools import compress
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import LEVEL_RANK, Gazetteer
from kg.nlp.lexicon import APPOINTED_TO, GENERIC_MODIFIERS, NAME_STOP_WORDS, common_words, \
    national_bodies, org_suffixes, titles, verbs
from kg.nlp.spans import Candidate, ModelWords, TokenTable, candidates, model_words, \
    token_table

# A name's body (before its suffix) holds at most this many characters: an owner, a place
# and capacities fit (某某新能源某县30万千瓦/60万千瓦时共享储能电站项目).
MAX_BODY_CHARS = 28
SUFFIX_CACHE_SIZE = 200_000     # distinct tokens whose suffix is kept (bounded memory)
# What the model reads after a verb of one character (a token, or glued to a name's first
# token), running to the suffix, for the name to start after the verb (获|省发展改革委, read
# as a noun).
ONE_CHARACTER_VERB_BEFORE = ("ORG", "LOC", "nz", "n", "nt")
# Words ending the names of works, which no organ's name holds.
WORKS_ENDS = ("项目", "工程")
# A city's seaport is named by the city and 港 (jieba reads 某市港 as one word).
CITY_PORT = "港"
# A bank's branches: 公司 after one opens a unit (公司业务部), not the suffix of a name.
BANK_BRANCH_ENDS = ("分行", "支行")
MAX_BODY_TOKENS = 12
# A facility's name may open with its owner's legal name (某省某某新材料有限公司年产4万吨
# 磷酸铁锂正极材料项目): the owner's words come on top of the facility's.
OWNER_BODY_CHARS = 16
OWNER_BODY_TOKENS = 6
OPEN_BRACKETS = "(（"
# Stop characters that can still open a name (其澜…); prepositions (在东…) cannot.
NAME_INITIAL_STOP_CHARS = frozenset("其同本成")
CONTINUATIONS = frozenset({"集群", "起步区", "片区", "板块"})
# What may stand between a project's name and 工程/项目 without being the name's: a phase,
# the contract, a part of the same works (某某项目主体工程), a remark in brackets before it
# (某某项目（装机120万千瓦）主体工程).
PHASE = re.compile(r"(?:[（(][^（）()]{1,20}[）)])?"
                   r"(?:[一二三四五六七八九十]期|EPC|epc|主体|土建|安装)$")
CLAUSE_MARKS = frozenset("：:，,。；;！？!?")
CLOSE_BRACKETS = ")）"
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
# Words for a company's relation to another, not names (某某控股子公司).
RELATION_WORDS = ("子公司", "全资子公司", "控股子公司", "孙公司", "母公司", "分子公司")
MEDIA_SUFFIXES = ("日报", "晚报", "周刊", "周报", "时报", "报社", "杂志", "电视台", "客户端")
MAX_QUOTED_TOKENS = 5
MAX_QUOTED_CHARS = 8
# Words that end in a suffix character but name no organisation.
FALSE_SUFFIX_WORDS = frozenset("""
格局 布局 结局 大局 全局 开局 时局 政局 棋局 骗局 困局 破局 变局 僵局 终局 出局 新局 平局 饭局 当局 药局
客厅 大厅 展厅 餐厅 舞厅 门厅 前厅 展览厅
工程师 公司制 集团化 集团军 子公司
香港 海港 军港 渔港 空港 避风港 不冻港 母港 出海港 内港 外港 商港 良港 大港 强港
开港 建港 进港 出港 离港 抵港 到港 在港 驻港 来港 赴港 访港 回港 临港
重大项目 高载能项目
""".split())
# Suffixes that need firm evidence in the body (a place, an organisation, a quotation).
WEAK_SUFFIXES = frozenset({"工程", "基地", "项目", "平台", "矿", "厂", "局", "厅", "办", "电站", "港",
                           "港区"})
# A count before a suffix (三大项目, 23个重点项目, 第一大口岸) makes a description, not a name.
COUNTED = re.compile(r"^(?:第|\d|[一二三四五六七八九十两几数多百千万]).*[个大家类批项座条所台辆名位处]$"
                     r"|^[一二三四五六七八九十两几]$")
# A numeral alone counts (两|大…) unless it opens a place's name (三|塘湖, 六|盘水).
LONE_NUMERAL = re.compile(r"[一二三四五六七八九十两几]")
DESCRIPTIVE_WORDS = frozenset({"重要", "主要", "重点", "最大", "首个", "首家", "新型", "传统", "大型", "该"})
# A facility's state before its name (在建|某某中心); in an organ's name 规划 is a word of
# its own (某市规划和自然资源局).
STATUS_WORDS = frozenset({"在建", "新建", "拟建", "续建", "已建", "已建成", "规划", "规划建设"})
# A grade (万卡级, 千P级, 国家级): what comes before it is a description of the kind.
GRADE = re.compile(r"级$")
# What a grade of a facility's kind is measured in, besides scales and levels.
GRADE_BASES = frozenset({"世界", "国际", "全球", "亿元", "百亿", "千亿", "万亿", "百亿元", "千亿元",
                         "十亿", "T", "超大", "大型", "中型", "小型", "特大型", "超大型"})
# Types whose generic-sounding names (建设项目, 示范区) need evidence of a proper name.
EVIDENCE_TYPES = frozenset({"Project", "Zone"})
# A bare 公司 ends phrases as often as names (本次投资有利于完善公司): its body needs
# evidence of a name, where 有限公司, 集团 … do not.
EVIDENCE_SUFFIXES = frozenset({"公司"})
# Words that end other names but belong in a company's (中国某某第三建设有限公司).
COMPANY_NAME_WORDS = frozenset({"建设", "发展", "投资", "开发", "运营"})
AREA_ORGANS = frozenset({"政府", "人民政府", "党委", "行署", "人大常委会", "政协"})
RELATIVE_LEVELS = frozenset({"自治区", "省", "市", "州", "县", "地区", "盟", "旗"})
# 某某市委, 中共某某县委: a place's party committee by its short name, the place written
# in the same token or right before it (市委 and 县委 written alone name the article's own;
# kg.extract reads those).  Not suffixes of the table: the segmenter would then cut every
# 市委书记 in two.
AREA_COMMITTEE = re.compile(r"(?P<party>中共)?(?P<area>\w*?)(?:[省市县区州旗盟地]?委|党委)")
PARTY = "中共"
# 系 is a written 是 (某某系公司全资子公司): before a bare 公司 it ends what comes before.
COPULA = "系"
# One-character verbs that pass a matter to an organ (报市发展改革委, 经商市财政局): read where
# no model tags them.
SUBMITTING_VERBS = frozenset("报呈送交请经商向由")
FACILITY_TYPES = frozenset({"Project", "ComputeCenter", "Zone", "Port"})
# Verbs after which a generic name is a goal, not a place that exists (打造某省…先行区).
GOAL_VERBS = frozenset({"打造", "创建", "争创", "建成", "构建", "争当", "成为", "建设成"})
# Verbs that confer a title (入选国家某某示范工厂, 获评省级某某基地): what follows, opening
# with the level that confers it, is a designation, not a named organisation or facility.
DESIGNATION_VERBS = frozenset({"入选", "获评", "评为", "认定为", "列为", "荣获", "获批", "命名为",
                               "授予", "被评为", "被认定为", "获得"})
LEVEL_WORDS = frozenset({"国家", "国家级", "全国", "省级", "自治区级", "市级", "州级", "地级", "县级"})
# Types a designation is mistaken for; organs and institutes (列入国家发改委…) are real.
DESIGNATED_TYPES = frozenset({"Company", "Project", "ComputeCenter", "Zone", "Port"})
# Words that open a company's own name: after a zone they start a new name
# (某开发区|国家某某集团), where 建设, 投资 … continue the zone's (某开发区建设投资有限公司).
NAME_OPENING_WORDS = frozenset({"国家", "中国"})
# An amount of money ends a name's body: 投资55亿元|…中心.
MONEY_WORD = re.compile(r"^\d[\d.,]*[万亿]*(?:美|港|欧)?元$|^[万亿]*(?:美|港|欧)元$|^[万亿]+元$")
# The number of an item in a list: （一）, (2).
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2})$")
# Words of a capacity that open project names (年产10万吨…项目).
CAPACITY_WORDS = frozenset({"年产", "日产", "年处理", "日处理", "年加工", "年吞吐", "年发电", "年出栏"})
# Words joining two products of one capacity (年产5万吨甲及乙项目), and how far back from
# them, in words, the capacity word may stand.
PRODUCT_JOINS = frozenset({"及", "和", "与"})
CAPACITY_REACH = 8
# Characters that stand alone as words of a sentence, never inside a product's name.
FUNCTION_CHARACTERS = frozenset("的在将和与及为是于对向把从以并其该由已了等个或")
# Conjunctions join two names even where the model reads one (某市与某某公司).
CONJUNCTIONS = frozenset("与及、")
# Characters that open names too (同方…, 和林…) but join two after a whole organisation's
# name (某某有限公司同某某集团).
JOINING_CHARACTERS = frozenset("同和")
# A count right after a suffix: 签约项目36个, 开工项目12项.
COUNT_AFTER = re.compile(r"\s*(?:\d+|[一二三四五六七八九十两几]+)\s*[个项家座]")
ORGANISATION_TYPES = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization"})
# 控股 ends holding companies' names (某某控股) but is also the verb "holds a majority":
# after a whole name, or before a share, a list or 子公司, it is the verb.
HOLDS = "控股"
HOLDING_AFTER = re.compile(r"$|\s*(?:\d|[、，,。；;的子])")
# Suffix words that also modify a noun after them (项目用地, 工程进度).
MODIFIER_SUFFIXES = frozenset({"项目", "工程"})
# Punctuation inside names (某某·某某, 80万吨/年…项目).
NAME_PUNCTUATION = frozenset("·-/")
# A single dash between two words of a name (中国—东盟跨境…中心); doubled, it is a sentence's.
JOINING_DASH = "—"
# 某大学—某某联合实验室: a unit two organisations run together is named after both.
JOINT = "联合"
# Between two figures in a facility's capacity (2×66万千瓦).
TIMES = frozenset("×xX*")
# Stop words jieba cuts apart, gluing a character to the next word (等|地布局|智算中心,
# 入|园某某经开区).
GLUED_STOP_WORDS = ("等地", "入园")
# 某公司, 某建设工程有限公司: a name the writer withholds (某某 stands for a name in examples).
ANONYMOUS = "某"
# Model tags that end a facility's body wherever they stand: function words.
# A contract named after a facility (某某中心EPC总承包项目): the facility is the name.
# A part of a facility named before 工程 (某某电站主体工程, 项目风机安装工程, 下水库工程).
FACILITY_PART = re.compile(r"(?:主体|土建|主体土建|机电安装|风机安装|设备安装|安装|上水库|下水库|"
                           r"输水系统|地下厂房|送出|升压站|配套|基础|桩基|主体结构|装修|附属)$")
CONTRACT_WORDS = re.compile(r"(?:EPC|设计施工|施工|工程)?总承包$|EPC$")
# What a word the model reads as a time must hold to be one (2025年, 今年, 目前, 近日).
TIME_WORD = re.compile(r"\d|[年月日时]|今|去|明|目前|近|当前|此前|以来")
# 某市某省商会: the city it meets in, then the province its members come from — both the
# name's, not an address before it.
HOMETOWN_SUFFIXES = frozenset({"商会", "同乡会", "联谊会"})
# Words for a kind of company standing alone in a body: the name starts after them.
COMPANY_KIND_WORDS = frozenset({"公司", "上市公司", "企业", "国企", "央企", "民企"})
# A company body ending in these names a kind of company (A股上市|公司).
LISTING_WORDS = frozenset({"上市", "挂牌", "创业板", "科创板", "主板", "新三板", "北交所", "港股",
                           "美股"})
LEGAL_FORM_ENDS = ("有限公司", "有限责任公司")
# A company's unit named after its legal name (某某有限公司某市分公司).
BRANCH_SUFFIXES = ("分公司", "分行", "支行", "分厂", "工厂", "营业部", "办事处", "分部", "分中心",
                   "子公司", "项目部", "指挥部", "供电公司")
# An organ's suffix after the name of another kind of organisation names that one's unit.
UNITS_OF_OTHER_KINDS = ((LEGAL_FORM_ENDS, "Company"),
                        (("协会", "学会", "商会", "联合会", "联盟"), "Organization"))
FACILITY_VETO_TAGS = frozenset({"d", "ad", "vd", "p", "c", "u", "r", "xc", "TIME", "t"})
# Tags the model reads reliably even on a single character: function words; and numbers
# and times on a character ending a longer one.
FUNCTION_TAGS = frozenset({"d", "p", "c", "u", "r", "xc"})
NUMBER_TAGS = frozenset({"m", "q", "TIME", "t"})
# Model tags of everyday words that describe a scene or a time rather than open a name.
CONTEXT_TAGS = frozenset({"n", "s", "f", "t", "TIME", "vn", "an", "a"})


def kind_of_company(name: str) -> bool:
    """创业板公司, 上市公司: a kind of company, named by where its shares trade."""
    return name.endswith(("公司", "企业")) and name[:-2] in LISTING_WORDS


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _has_unknown_words(words: list[str], single_characters: int) -> bool:
    """Letters or digits, or at least ``single_characters`` single CJK characters (jieba
    splits words it does not know into characters)."""
    return sum(1 for w in words if len(w) == 1 and _is_cjk(w)) >= single_characters or any(
        ch.isascii() and ch.isalnum() for w in words for ch in w)


def _is_punct(text: str) -> bool:
    """spaCy's is_punct: every character is Unicode punctuation."""
    return all(unicodedata.category(ch).startswith("P") for ch in text)


def _after_unopened_bracket(text: str, start: int, end: int) -> int:
    """Where a name starts when a bracket closes inside it that did not open there
    (某某（某某）|某市智算中心: the bracket's words are the name before, not this one's)."""
    depth = 0
    cut = start
    for i in range(start, end):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            if depth == 0:
                cut = i + 1
            else:
                depth -= 1
    return cut


class OrganisationRecognizer:
    def __init__(self, nlp: Language, name: str = "kg_organisations"):
        self.suffixes = org_suffixes()
        self.longest = max(map(len, self.suffixes))
        self.compute_suffixes = tuple(s for s, t in self.suffixes.items() if t == "ComputeCenter")
        self.suffix_ends = frozenset(s[-1] for s in self.suffixes)
        self._suffix_by_token: dict[str, str | None] = {}
        self.titles = titles()
        self.boundary_words = NAME_STOP_WORDS | frozenset(self.titles)
        self.false_words = tuple(FALSE_SUFFIX_WORDS)
        self.verbs = verbs()
        self.common = common_words()
        self.gazetteer = Gazetteer.load()
        tokenizer = nlp.tokenizer
        if hasattr(tokenizer, "add_words"):
            tokenizer.add_words(self.suffixes)
            tokenizer.add_words(self.titles)
            # Generic words whole (算力, not 算/力): split, they would look like a name.
            tokenizer.add_words(GENERIC_MODIFIERS)
            tokenizer.add_words(GLUED_STOP_WORDS)

    def _modifies_next(self, model: ModelWords, table: TokenTable, i: int) -> bool:
        """Is token ``i`` an everyday noun the model reads as a word of its own (用地, 现场)?"""
        start = table.starts[i]
        k = model.at(start)
        return k is not None and model.starts[k] == start and model.tags[k] in ("n", "s") \
            and model.ends[k] == start + len(table.words[i]) and table.words[i] in self.common

    def _holds_an_organisation(self, table: TokenTable, start: int, end: int) -> bool:
        """Does a token in [start, end) end in an organisation's suffix (某县人民政府…)?"""
        first = bisect.bisect_left(table.starts, start)
        last = bisect.bisect_left(table.starts, end)
        return any(self.kind_of(table.words[k]) in ORGANISATION_TYPES for k in range(first, last))

    def area_ranks(self, form: str) -> tuple[int, int]:
        """How specific the divisions a form may name are (province 1 … town 4): the least
        and the most specific."""
        ranks = [LEVEL_RANK[d.level] for d in self.gazetteer.lookup(form)] or [0]
        return min(ranks), max(ranks)

    def kind_of(self, word: str) -> str | None:
        """The entity type the word's suffix gives, if it ends in one."""
        suffix = self.suffix_of_text(word)
        return None if suffix is None else self.suffixes[suffix]

    def suffix_of_text(self, text: str) -> str | None:
        """The longest suffix ``text`` ends with (tokens recur: the answer is kept)."""
        if text[-1:] not in self.suffix_ends:
            return None
        try:
            return self._suffix_by_token[text]
        except KeyError:
            pass
        suffix = None
        if not text.endswith(self.false_words):
            suffix = next((text[-size:] for size in range(min(len(text), self.longest), 0, -1)
                           if text[-size:] in self.suffixes), None)
        if len(self._suffix_by_token) < SUFFIX_CACHE_SIZE:
            self._suffix_by_token[text] = suffix
        return suffix

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        area_starts = {c.start for c in found if c.label == "AdminArea"}
        area_ends = {c.end for c in found if c.label == "AdminArea"}
        area_at_end = {c.end: c.start for c in found if c.label == "AdminArea"}
        table = token_table(doc)
        words = table.words
        # Only tokens ending in a suffix's last character can end a name: pick them at C speed.
        ending = compress(range(len(words)), map(self.suffix_ends.__contains__,
                                                 map(itemgetter(-1), words)))
        model = model_words(doc)
        for i in ending:
            if words[i][-1] == "委":
                self._area_committee(table, i, area_at_end, found)
            suffix = self.suffix_of_text(words[i])
            if suffix is None:
                continue
            if i + 1 < len(words) and (words[i + 1] in CONTINUATIONS
                                       or words[i] + words[i + 1] in self.titles):
                continue      # 某某数据中心集群: the name goes on past the suffix;
                              # 某某项目经理: a title, not a facility
            modifier = suffix in MODIFIER_SUFFIXES and model is not None and i + 1 < len(words) \
                and self._modifies_next(model, table, i + 1)
            if modifier and (i == 0 or self.kind_of(words[i - 1]) is not None):
                continue      # 负责项目|用地, 某某中心项目|现场: the suffix word modifies a
                              # noun after it; it does not end a name
            if words[i] in RELATION_WORDS:
                continue      # 某某控股|子公司: the company's subsidiary, as referred to
            if i + 1 < len(words) and COUNT_AFTER.match(table.text, table.starts[i + 1]):
                continue      # 开工项目12个: a count of several, not a name
            if words[i] == HOLDS and i > 0 and (
                    self.kind_of(words[i - 1]) in ORGANISATION_TYPES
                    or HOLDING_AFTER.match(table.text, table.starts[i + 1] if i + 1 < len(words)
                                           else len(table.text))):
                continue      # 某某有限公司|控股、某某参股; 某某数科|控股60%: the verb, not a name
            if suffix in MODIFIER_SUFFIXES and i + 1 < len(words) and words[i + 1] in self.titles \
                    and i > 0 and self.kind_of(words[i - 1]) in ORGANISATION_TYPES:
                continue      # 某某局项目|总工程师: a post in a company's project team
            span = _NameScan(self, table, area_starts, i, suffix, model, area_ends).span()
            if modifier and (span is None or span[0] not in area_starts
                             or self._holds_an_organisation(table, span[0], table.starts[i])):
                continue      # the same, unless a place opens a name of its own words before
                              # the suffix (某县高纯石英砂深加工项目|车间, not 某县人民政府
                              # 负责协调项目|用地)
            if span is not None:
                start, entity_type, end = span
                found.append(Candidate(start, end, entity_type, priority=2,
                                       attrs={"suffix": suffix}))
        return doc

    def _area_committee(self, table: TokenTable, i: int, area_at_end: dict[int, int],
                        found: list[Candidate]) -> None:
        """Token ``i`` ends a place's party committee: 中共某省委 or 某省委 as one token, or
        市委 (县委 …) right after a place."""
        match = AREA_COMMITTEE.fullmatch(table.words[i])
        if match is None:
            return
        start, end = table.starts[i], table.starts[i] + len(table.words[i])
        if match["area"]:
            if not self.gazetteer.lookup(match["area"]):
                return
        elif match["party"] is None and (start in area_at_end or start + 1 in area_at_end):
            # 某某|市委, and 某某州|委 where the place is read with the level (昌吉|州委)
            start = area_at_end.get(start, area_at_end.get(start + 1))
        else:
            return
        if table.text.endswith(PARTY, 0, start):
            start -= len(PARTY)
        found.append(Candidate(start, end, "GovernmentBody", priority=2,
                               attrs={"suffix": table.words[i][-2:]}))

    def is_boundary(self, text: str) -> bool:
        if text in self.boundary_words or text.isspace():
            return True
        if len(text) == 1 and not _is_cjk(text) and not text.isalnum() \
                and text not in OPEN_BRACKETS + CLOSE_BRACKETS + "·-/":
            return True
        return not CLAUSE_MARKS.isdisjoint(text)      # jieba may glue a colon to a bracket: "):"


# A party's role written before its name (项目运营方|某省某某公司, 牵头人|某市某某公司):
# the segmenter may split the word (运营|方), so it is found in the text.
ROLE_BEFORE_NAME = re.compile("|".join(sorted(
    (w for w in NAME_STOP_WORDS if len(w) > 1 and w.endswith(("方", "人", "单位", "机构", "成员"))),
    key=len, reverse=True)))


class _NameScan:
    """One name read leftwards from the token that ends in its suffix.

    The body is the run of tokens ``words[first:at]`` before the suffix token ``at``;
    the scan works on the doc's token table by index, never on spaCy Token objects.
    """

    def __init__(self, recognizer: OrganisationRecognizer, table: TokenTable,
                 area_starts: set[int], at: int, suffix: str, model: ModelWords | None = None,
                 area_ends: set[int] = frozenset()):
        self.rec = recognizer
        self.model = model
        self.area_ends = area_ends
        self.words, self.starts, self.text = table.words, table.starts, table.text
        self.area_starts = area_starts
        self.at = at
        self.suffix = suffix
        self.entity_type = recognizer.suffixes[suffix]

    def _withheld(self, start: int) -> bool:
        """Does the name open with, or follow, a lone 某 (某公司, 某|建设工程有限公司)?"""
        text = self.text
        if text[start] == ANONYMOUS:
            return text[start + 1:start + 2] != ANONYMOUS
        return start > 0 and text[start - 1] == ANONYMOUS and \
            text[start - 2:start - 1] != ANONYMOUS

    def _two_sides(self, dash: int) -> bool:
        """某县人民政府—某某有限公司: a whole organisation's name before the dash and the
        name's suffix a legal form or an organ's after it are two sides (of a signing), not
        one name (某大学—某某联合实验室 is one: a joint unit)."""
        return self._kind_of(self.words[dash - 1]) in ORGANISATION_TYPES and \
            self.entity_type in ("Company", "GovernmentBody") and \
            JOINT not in self.text[self.starts[dash]:self.starts[self.at]]

    def _after_role(self, start: int, body_end: int) -> int:
        """Where the name starts after the last role word in its body that ends on a token's
        start (运营方|黑龙江…), leaving at least two characters before the suffix."""
        cut = start
        for role in ROLE_BEFORE_NAME.finditer(self.text, start, body_end - 2):
            at = bisect.bisect_left(self.starts, role.end())
            if at < len(self.starts) and self.starts[at] == role.end():
                cut = role.end()
        return cut

    def span(self) -> tuple[int, str, int] | None:
        rec, words, starts, at = self.rec, self.words, self.starts, self.at
        suffix, entity_type, area_starts = self.suffix, self.entity_type, self.area_starts
        suffix_word = words[at]
        if suffix_word == "公司" and at > 0 and words[at - 1].endswith(BANK_BRANCH_ENDS) and \
                self.text.startswith("业务", starts[at] + len(suffix_word)):
            return None    # 某行某市分行|公司业务部: the bank's corporate business, a unit
        if suffix_word == "公司" and at > 0 and words[at - 1] == COPULA:
            return None    # 某某智算系|公司与某某合资设立: 系 is 是, 公司 a common noun
        own_prefix = suffix_word[: len(suffix_word) - len(suffix)]
        chars = len(own_prefix)
        depth = 0
        first = at
        i = at - 1
        max_tokens, max_chars = MAX_BODY_TOKENS, MAX_BODY_CHARS
        while i >= 0 and at - first < max_tokens:
            text = words[i]
            if entity_type in ("Project", "ComputeCenter") and i + 1 < at and \
                    self._kind_of(text) == "GovernmentBody" and self._verb_after(i):
                break      # 市生态环境局|批复某某项目: an organ acting on a facility, not its name
            if entity_type == "GovernmentBody" and text.endswith(WORKS_ENDS):
                break      # 某某项目获|省发展改革委核准: an organ acting on a facility
            if text == APPOINTED_TO and self.model is not None and i > 0 and \
                    self.model.tag_at(starts[i] - 1) == "PER":
                break      # 教授某某任|实验室主任: a person taking a post, not the name
            if text == CLOSE_QUOTE and entity_type in FACILITY_TYPES:
                opened = self._quoted_words_before(i)
                if opened is None:
                    break
                # 某县20万千瓦“光伏+储能”项目: a short quoted phrase inside the name, with
                # the name's words before it.
                chars += sum(map(len, words[opened:i + 1]))
                first, i = opened, opened - 1
                continue
            if text in CLOSE_BRACKETS:
                if i >= 2 and words[i - 2] in OPEN_BRACKETS and ENUMERATION.match(words[i - 1]):
                    break      # （二）|某某项目: a list's number, not part of the name
                depth += 1
            elif text in OPEN_BRACKETS:
                if depth == 0:
                    break
                depth -= 1
            elif text in JOINING_CHARACTERS and i > 0 and \
                    self._kind_of(words[i - 1]) in ORGANISATION_TYPES:
                break      # 某某有限公司同|某某集团: after a whole name, 同 and 和 join two
            elif entity_type == "Company" and text.endswith(LEGAL_FORM_ENDS) \
                    and not self.text.endswith(BRANCH_SUFFIXES, 0, starts[at] + len(suffix_word)):
                break      # 某某有限公司系|公司, …|控股股东某某集团: a whole legal name
                           # ends before what follows it (a branch's name holds one)
            elif self.model is not None and len(text) == 1 and text not in CONJUNCTIONS \
                    and self._inside_model_name(i):
                pass       # 某市和林发展集团: the model reads one name across the character
            elif text in TIMES and 0 < i < at - 1 and words[i - 1].isdigit() and \
                    words[i + 1][:1].isdigit() and entity_type in ("Project", "ComputeCenter"):
                pass       # 2×66万千瓦煤电项目: units times a unit's capacity
            elif text == JOINING_DASH and 0 < i < at - 1 and words[i - 1] != JOINING_DASH \
                    and words[i + 1] != JOINING_DASH and _is_cjk(words[i - 1][-1]) \
                    and _is_cjk(words[i + 1][0]) and not self._two_sides(i):
                pass       # 中国—东盟: one dash between two words joins them in a name
            elif (boundary := rec.is_boundary(text)) and self._product_character(i):
                pass       # 年产…覆|铜板及…项目: a character of a product after the capacity
            elif boundary and self._glued_stop_char(i, first):
                first = i      # the name's first character: nothing before it is the name's
                break
            elif boundary and self._stop_char_after_area(i, first):
                pass       # 新疆|成|飞…: a character of the name between its place and the rest
            elif boundary and not self._inner_conjunction(i) \
                    and not self._conjunction_in_capacity(i) \
                    and not (entity_type == "Company" and text in COMPANY_NAME_WORDS):
                break
            elif not boundary and self.model is not None and self._model_boundary(i, first) \
                    and not self._trade_before_bracketed_place(i, first) \
                    and not self._after_capacity(i + 1):
                break      # the model's reading ends the name (see the module docstring)
            elif MONEY_WORD.search(text) or (entity_type == "GovernmentBody" and any(
                    ch.isascii() and ch.isalpha() for ch in text)):
                break      # 投资55亿元|某某中心; WANBAO|中共某某市委宣传部: no organ has letters
            elif first < at and entity_type == "GovernmentBody" and words[first] in RELATIVE_LEVELS \
                    and starts[i] not in area_starts and self._acts_on_organ(i):
                break      # 审核后报|市发展改革委, 经商|市发展改革委: a verb before the level of
                           # an organ of the area in context is no place of its name
            elif first < at and (starts[first] in area_starts or words[first] in RELATIVE_LEVELS
                                 or words[first] in NAME_OPENING_WORDS) \
                    and (self._verb(i) or text[-1] in "与和在对向从于及" or text == APPOINTED_TO):
                break      # 有效提升|某某州铁路, 屏幕上与|某某省…, 某某任|某市人民政府副市长:
                           # a name starts at its place
            elif first < at and entity_type == "Company" and starts[first] in area_starts \
                    and len(text) > 1 and text in rec.common and not rec.suffix_of_text(text) \
                    and rec.area_ranks(words[first])[1] == 1 and text not in national_bodies():
                break      # 招标代理机构|广西某某公司: an everyday word (not a bank's short
                           # name: 农行|四川省分行) does not come before the province that
                           # opens a company's name (某集团甘肃有限公司 does)
            elif first < at and starts[i] in area_starts and starts[first] in area_starts \
                    and first == i + 1 and suffix not in HOMETOWN_SUFFIXES \
                    and rec.area_ranks(text)[0] > rec.area_ranks(words[first])[1] >= 1 \
                    and not (self.model is not None and self.model.within_name(
                        starts[i], starts[first] + len(words[first]))):
                break      # 抵达某县|某省某某集团: a name does not put a county before its
                           # province (unless the model reads both as one name: a brand;
                           # the country may follow a place: 某市中国—东盟…中心)
            elif self._verb(i) and entity_type in ("Zone", "Port", "ComputeCenter"):
                break      # 聚力创建|…示范区, 签约共建|算力枢纽
            elif self._verb(i) and text not in COMPANY_NAME_WORDS and (
                    (first == at and own_prefix) or (i > 0 and self._whole_name(words[i - 1]))):
                # 联合|某某大学 (jieba knows the whole name), 联合某某大学共建|人工智能联合实验室:
                # a name does not go on past a verb before a whole organisation's name
                break
            elif first < at and entity_type == "Company" and text[-1] in rec.suffix_ends \
                    and self._kind_of(text) in ("Zone", "Port") and self._new_name_from(first):
                break      # 某开发区|国家某某集团: the zone is where the company is
            elif first < at and entity_type in FACILITY_TYPES and \
                    text[-1] in rec.suffix_ends and self._kind_of(text) in ("Zone", "Port"):
                owner = next((k for k in range(at - 1, first - 1, -1)
                              if self._kind_of(words[k]) == "Company"), None)
                if owner is not None:
                    # 某开发区某集团|某煤矿: the zone is where the owner's facility is, and
                    # the owner's name is not part of the facility's
                    first = owner + 1
                    break
            if entity_type in FACILITY_TYPES and max_chars == MAX_BODY_CHARS and \
                    self._kind_of(text) == "Company":
                max_tokens, max_chars = (MAX_BODY_TOKENS + OWNER_BODY_TOKENS,
                                         MAX_BODY_CHARS + OWNER_BODY_CHARS)
            if chars + len(text) > max_chars:
                break
            first = i
            chars += len(text)
            i -= 1
        while first < at and (words[first] in CLOSE_BRACKETS + OPEN_BRACKETS
                              or words[first] in NAME_PUNCTUATION):
            first += 1
        body = words[first:at]
        # 年产3000台套…项目: a count after a capacity word is what the facility makes a year
        # (某某有限公司年产500台套…项目 too).
        capacity = next((k for k, word in enumerate(body) if word in CAPACITY_WORDS), len(body))
        counted = body[:capacity]
        if (any(COUNTED.match(word) and not (LONE_NUMERAL.fullmatch(word)
                                             and self._opens_a_place(word + following))
                or COUNTED.match(word + following)
                for word, following in zip(counted, counted[1:])) or
                (counted and COUNTED.match(counted[-1]))) and \
                not self._model_reads_one_name(first):
            return None       # 两大80万吨煤制烯烃项目 (两 大 -> 两大): a count of several, not a name
                              # (the model may read a numeral as a name's: 某省三江源…公司)
        if depth and first < at:
            # An unmatched closing bracket: keep only what follows it.
            for k in range(at - 1, first - 1, -1):
                if words[k] in CLOSE_BRACKETS:
                    first = k + 1
                    break
        if first < at and ("".join(words[first:at]) + suffix_word).endswith(rec.false_words):
            return None
        while first < at and words[first] in NAME_STOP_WORDS and \
                not self._glued_stop_char(first, first + 1):
            first += 1
        if entity_type != "GovernmentBody" and suffix not in HOMETOWN_SUFFIXES:
            # 某省某市某区某某产业园: a chain of places written in full before a name is its
            # address; the name starts at the last place (某区某某产业园) — but a project
            # keeps a county written before its town (某县某镇…风电项目).
            while first + 1 < at and starts[first] in area_starts \
                    and starts[first + 1] in area_starts and self._full_form(words[first]) \
                    and self._nested(words[first], words[first + 1]) \
                    and not (entity_type in ("Project", "ComputeCenter")
                             and self._town_after_county(words[first], words[first + 1])):
                first += 1
        if self.model is not None:
            # No name begins on a word the model reads as a verb, adverb, numeral …
            # (已投产|数据中心, 其余3栋|算力中心 → nothing left but the suffix).
            # (A single character may be a name's, misread: 某|矿….)
            # A capacity (年产10万吨…项目) opens a project's name: it stays.
            while first < at and starts[first] not in area_starts and (
                    words[first] in NAME_PUNCTUATION or (
                        len(words[first]) > 1 or self._reliable_on_one_character(
                            first, self.model.tag_at(starts[first]))
                        or self._right_before_model_name(first))
                    and words[first] not in CAPACITY_WORDS
                    and words[first] not in NAME_INITIAL_STOP_CHARS
                    and self.model.vetoes(starts[first], starts[first] + len(words[first]))):
                first += 1
        if entity_type == "Company" and suffix_word.endswith(LEGAL_FORM_ENDS):
            # 科创板上市公司|某某股份有限公司: a kind of company said before the name (not
            # in a branch's: 中国移动某省公司某市分公司).
            kinds = [k for k in range(first, at) if words[k] in COMPANY_KIND_WORDS]
            if kinds:
                first = kinds[-1] + 1
        if entity_type == "Company" and first < at and words[at - 1] in LISTING_WORDS:
            return None           # A股上市公司, 科创板上市公司: a kind, not a name
        facility = entity_type in FACILITY_TYPES
        for k in range(at - 1, first - 1, -1):
            if k + 1 < at and (words[k] in DESCRIPTIVE_WORDS or facility and (
                    words[k] in STATUS_WORDS or self._grade_of_kind(k))):
                first = k + 1      # 在建|某某中心, 万卡级|…集群: a description before the name
                break
        before_suffix = own_prefix or (words[at - 1] if first < at else "")
        if entity_type in FACILITY_TYPES and (before_suffix in DESCRIPTIVE_WORDS
                                              or before_suffix.endswith("级")):
            return None
        if not self._is_name(words[first:at], starts[first:at], own_prefix):
            return None
        if entity_type in DESIGNATED_TYPES and first < at and words[first] in LEVEL_WORDS \
                and first > 0 and words[first - 1] in DESIGNATION_VERBS:
            return None       # 入选|国家智能制造示范工厂
        start = starts[first] if first < at else starts[at]
        end = starts[at] + len(suffix_word)
        if first < at:
            start = self._after_role(start, starts[at])
        if self.model is not None and first < at:
            start = self._past_glued_verb(start, end)
        start = _after_unopened_bracket(self.text, start, end)
        if end - start <= len(suffix):
            return None           # （某地）|有限公司: a bare suffix names nothing
        if self._withheld(start):
            return None           # 某建设工程有限公司: a name withheld, no one's
        if starts[at] in area_starts and end in self.area_ends:
            return None           # 广西防城港, 天津市滨海新区: the suffix's word is a place whose
                                  # own name ends in 港 or 新区
        if suffix in ("项目", "工程"):
            inner = self.text[start:end - len(suffix)]
            phase = PHASE.search(inner)
            core = inner[:phase.start()] if phase else inner
            contract = CONTRACT_WORDS.search(core)
            if contract and core[:contract.start()].endswith(rec.compute_suffixes + ("项目",)):
                # 某某智算中心EPC总承包项目: the centre (the contract belongs to its facts)
                core = core[:contract.start()]
                phase = contract
            if (phase or contract) and core in MODIFIER_SUFFIXES:
                return None       # 项目EPC工程, 项目一期工程: the article's project, unnamed
            if core.endswith(rec.compute_suffixes):
                # 某某智算中心一期项目 is the centre (the phase belongs to its facts)
                return start, "ComputeCenter", start + len(core) if phase else end
            part = FACILITY_PART.search(inner) if suffix == "工程" else None
            if part is not None:
                # 某某抽水蓄能电站主体工程 is the station (its builder builds the station);
                # 项目主体工程, 下水库工程 are parts of the facility the text is about.
                whole = inner[:part.start()]
                kind = rec.kind_of(whole) if len(whole) > 2 else None
                if kind in ("Project", "ComputeCenter") and not whole.endswith("项目"):
                    return start, kind, start + len(whole)
                return None
            if core.endswith("项目") and len(core) > len("项目"):
                # 某某项目一期工程, 某某项目EPC工程: the project (the phase or the contract
                # belongs to its facts)
                return start, "Project", start + len(core)
        if entity_type == "GovernmentBody":
            body = self.text[start:end - len(suffix)]
            # 某某电网有限责任公司某市供电局: a company's unit; 某某协会某某委员会: an
            # association's committee.
            entity_type = next((kind for ends, kind in UNITS_OF_OTHER_KINDS
                                if any(form in body for form in ends)), entity_type)
        return start, entity_type, end

    def _past_glued_verb(self, start: int, end: int) -> int:
        """Where the name starts when the model reads a verb or a function word running from
        its start into its first token and then a name to its suffix (jieba's 走|访华|岳…
        集团, the model's 走访|华岳…集团), or a preposition and a company's short name
        (在建|行某省分行, the model's 在|建行): after that word."""
        model = self.model
        k = model.at(start)
        if k is None or model.starts[k] != start:
            return start
        # A verb of two characters or more; a conjunction or preposition read in one
        # character may be a place's (和|林格尔新区 for 和林格尔新区), so only before a
        # company's short name the model reads (在建|行某省分行, the model's 在|建行); a verb
        # of one character before a word running to the suffix (项目获|省发展改革委核准).
        one = model.ends[k] - start == 1
        preposition = model.tags[k] == "p" and one
        if not (model.tags[k] in ("v", "vd") or preposition):
            return start
        cut = model.ends[k]
        at = bisect.bisect_left(self.starts, cut)
        if at < len(self.starts) and self.starts[at] == cut or cut >= end:
            return start           # on a token boundary: the token rules above decide
        name = model.at(cut)
        if name is None:
            return start
        if preposition:
            return cut if model.tags[name] == "ORG" else start
        if model.ends[name] < end or model.tags[name] not in (
                ONE_CHARACTER_VERB_BEFORE if one else ("ORG", "LOC", "nz")):
            return start
        return cut

    def _grade_of_kind(self, k: int) -> bool:
        """Is token ``k`` a grade of the facility's kind (万卡级|…集群, 国家级|…示范区), not
        of a product the facility makes (年产10万吨电池|级|硫酸锰项目)?"""
        word = self.words[k]
        if not GRADE.search(word):
            return False
        base = word[:-1] or (self.words[k - 1] if k > 0 else "")
        return bool(SCALE_OPENING.fullmatch(base)) or base in GRADE_BASES or \
            base.endswith(("卡", "P", "E")) or base + "级" in LEVEL_WORDS

    def _trade_before_bracketed_place(self, i: int, first: int) -> bool:
        """某某传动（天津）有限公司: the word between a brand the model reads and the place
        in brackets before a legal form is the company's trade, whatever its tag."""
        if self.entity_type != "Company" or i + 1 != first or \
                self.words[first] not in OPEN_BRACKETS or i == 0:
            return False
        k = self.model.at(self.starts[i] - 1)
        return k is not None and self.model.ends[k] == self.starts[i] and \
            self.model.tags[k] in ("ORG", "nz", "PER")      # a brand may read as a person

    def _quoted_words_before(self, i: int) -> int | None:
        """Where the quotation closed at token ``i`` opens, when it is short, holds no
        clause mark and follows words of the name that a place opens (not a quoted name
        of its own, nor a slogan: 推进“光伏+”项目)."""
        words = self.words
        for j in range(i - 1, max(-1, i - MAX_QUOTED_TOKENS - 2), -1):
            if words[j] == OPEN_QUOTE:
                inner = "".join(words[j + 1:i])
                if not 0 < len(inner) <= MAX_QUOTED_CHARS or j == 0 or \
                        self.rec.is_boundary(words[j - 1]) or words[j - 1] in NAME_STOP_WORDS:
                    return None
                # The name's place opens it within a few words before the quotation.
                place = any(self.starts[k] in self.area_starts
                            for k in range(max(0, j - MAX_QUOTED_TOKENS), j))
                return j if place else None
            if words[j] in (CLOSE_QUOTE, *CLAUSE_MARKS):
                return None
        return None

    def _model_boundary(self, i: int, first: int) -> bool:
        """Does the model's reading end the body before token ``i`` (see the module
        docstring)?  A company's own name words (建设, 投资 …) and places stay in."""
        start = self.starts[i]
        end = start + len(self.words[i])
        if start in self.area_starts or self.words[i] in NAME_PUNCTUATION or (
                self.entity_type == "Company" and self.words[i] in COMPANY_NAME_WORDS):
            return False
        model = self.model
        if model.vetoes(start, end):
            k = model.at(start)
            if k is not None and model.tags[k] in FUNCTION_TAGS and \
                    model.ends[k] >= self.starts[self.at] + len(self.words[self.at]):
                return False   # 县发展|和改革局 read as one conjunction: no function word
                               # ends in a name's suffix
            tag = model.tag_at(start)
            if len(self.words[i]) == 1 and not self._reliable_on_one_character(i, tag):
                # jieba splits unknown names into characters: a verb read in one (某某锂|享)
                # is the model's guess, not evidence — unless it opens its clause, alone
                # right before the place that opens the name (——访|某市某某开发区管委会)
                k = model.at(start)
                return tag == "v" and (first == i + 1 and (
                    self.starts[first] in self.area_starts
                    or model.tag_at(self.starts[first]) == "LOC")
                    and model.starts[k] == start and model.ends[k] == end
                    and (i == 0 or self.rec.is_boundary(self.words[i - 1])
                         # (a person acting on it: 区长某某作|某某产业园推介)
                         or model.tag_at(start - 1) == "PER")
                    # (or the model's verb ends here and one organisation or place it reads
                    # runs from here to the suffix: 项目需|国网某市供电公司, 去|某某园区)
                    or first == i + 1 and model.ends[k] == end
                    and self._right_before_model_name(i, ("ORG", "LOC")))
            # A facility's name may hold verbs and numbers (光伏发电项目, 50万千瓦…项目): in
            # one, only a function word or a time, or a verb between a place or a name and
            # the rest (选址|某县产业园, 某区|自建…电站, 某某公司|负责|项目), ends the body.
            if self.entity_type in FACILITY_TYPES and (
                    self.words[i] in GENERIC_MODIFIERS
                    or tag == "TIME" and not TIME_WORD.search(self.words[i])):
                return False   # 算力|产业园, 现代|煤化工产业园: a modifier the model misreads
            if self.entity_type not in FACILITY_TYPES or tag in FACILITY_VETO_TAGS:
                return True
            if tag != "v":
                return False
            if first < self.at and (self.starts[first] in self.area_starts
                                    or self._name_before_suffix(first)):
                return True
            if start in self.area_ends and i + 1 < len(self.starts) and \
                    self.words[i] not in CAPACITY_WORDS and \
                    model.tag_at(self.starts[i + 1]) in ("m", "q"):
                return True    # 某区|自建200MW光伏电站: the place's act, then the facility
                               # (a verb read in a name's words stays: 某市再生铝…项目)
            # A verb right before the suffix after a name is its subject's act (某某公司负责|项目);
            # with words after the verb it may be the name's (某某中心耦合…发电项目).
            return first == self.at and i > 0 and (self.words[i - 1] in CLOSE_BRACKETS
                                                   or self._ends_a_name(i - 1))
        if first == self.at or model.within_name(start, end):
            return False
        k = model.at(self.starts[first])
        # The model reads the whole name, to its suffix, as a name beginning here.
        name_end = self.starts[self.at] + len(self.words[self.at])
        return k is not None and model.starts[k] == self.starts[first] \
            and model.tags[k] in ("ORG", "LOC") and model.ends[k] >= name_end \
            and model.tag_at(start) in CONTEXT_TAGS and self.words[i] in self.rec.common

    def _name_before_suffix(self, first: int) -> bool:
        """Does the model read a name at token ``first``: an organisation, place or person,
        or another proper noun that ends before the suffix's token?  (A proper noun running
        into it, 光伏电站 read as nz, is the kind of facility.)"""
        start = self.starts[first]
        k = self.model.at(start)
        return k is not None and self.model.within_name(start, start + 1) and (
            self.model.tags[k] in ("ORG", "LOC", "PER")
            or self.model.ends[k] <= self.starts[self.at])

    def _reliable_on_one_character(self, i: int, tag: str | None) -> bool:
        """Is the model's tag on the one-character token ``i`` evidence: a function word,
        or a number or time the character is the end of (2024|年)?"""
        if tag in FUNCTION_TAGS:
            # (a letter the model reads as a function word is a name's: 某某α-烯烃项目; 地 is
            # the adverbial particle only before a verb (积极地推进), else the noun: 寒地220千伏…)
            if self.words[i] == "地" and tag == "u":
                following = self.model.at(self.starts[i] + 1)
                return following is not None and self.model.tags[following] in ("v", "vd")
            return _is_cjk(self.words[i]) or not self.words[i].isalpha()
        k = self.model.at(self.starts[i])
        return k is not None and tag in NUMBER_TAGS and self.model.starts[k] < self.starts[i]

    def _right_before_model_name(self, i: int, tags=None) -> bool:
        """Does one organisation, place or noun the model reads begin right after the model's
        word holding token ``i`` and run to the suffix (请|县工信局, 起任|某市某某有限公司,
        获|省发展改革委)?  Then
        the model's verb on the one character is evidence, not a guess inside an unknown
        name."""
        model = self.model
        word = model.at(self.starts[i])      # the model's word holding the token (起任)
        if word is None or model.ends[word] < self.starts[i] + len(self.words[i]) or \
                not self._token_edge(model.ends[word]):
            return False            # (走访|华岳…: the model's verb ends inside a token)
        k = model.at(model.ends[word])
        return k is not None and model.starts[k] == model.ends[word] and \
            model.tags[k] in (tags or ONE_CHARACTER_VERB_BEFORE) and \
            model.ends[k] >= self.starts[self.at] + len(self.words[self.at])

    def _token_edge(self, position: int) -> bool:
        i = bisect.bisect_left(self.starts, position)
        return i < len(self.starts) and self.starts[i] == position

    def _inside_model_name(self, i: int) -> bool:
        """Is token ``i`` strictly inside one organisation the model reads to the suffix,
        or the end of a place it reads from before it (某州钧都|数字产业园: 都 is no adverb
        there)?"""
        model, start = self.model, self.starts[i]
        k = model.at(start)
        if k is None or model.starts[k] >= start:
            return False
        if model.tags[k] == "ORG":
            return model.ends[k] >= self.starts[self.at] + len(self.words[self.at])
        return model.tags[k] == "LOC" and model.ends[k] >= start + len(self.words[i])

    def _ends_a_name(self, k: int) -> bool:
        """Does token ``k`` end an organisation's name (its suffix, or the end of a name
        the model reads)?"""
        end = self.starts[k] + len(self.words[k])
        if self.rec.suffix_of_text(self.words[k]):
            return True
        j = self.model.at(end - 1)
        return j is not None and self.model.ends[j] == end and self.model.tags[j] in ("ORG", "PER")

    def _model_reads_one_name(self, first: int) -> bool:
        """Does the model read the body and suffix as one organisation or place name?"""
        end = self.starts[self.at] + len(self.words[self.at])
        return self.model is not None and first < self.at and \
            self.model.within_name(self.starts[first], end) and \
            self.model.tag_at(self.starts[first]) in ("ORG", "LOC")

    def _opens_a_place(self, words: str) -> bool:
        """Do ``words`` name a division, a town written without 镇 included (三塘湖)?"""
        gazetteer = self.rec.gazetteer
        return bool(gazetteer.lookup(words) or gazetteer.towns_written_short(words))

    def _acts_on_organ(self, i: int) -> bool:
        """Is token ``i``, before the level that opens an organ's name (市发展改革委), a
        word acting on the organ — a verb, an everyday word, a function word — rather than
        a place the gazetteer lacks (a foreign county: 同登|县人民委员会)?"""
        text = self.words[i]
        if self._verb(i) or text in self.rec.common:
            return True
        if self.model is not None:
            return self.model.vetoes(self.starts[i], self.starts[i] + len(text))
        return text in SUBMITTING_VERBS

    def _verb(self, i: int) -> bool:
        """Is token ``i`` a verb? Not where it is read as a place: jieba's dictionary tags
        some places' short forms as verbs (遵义, 开封, 保定); nor a national body's short
        name (建行 before 某市分行)."""
        return self.words[i] in self.rec.verbs and self.starts[i] not in self.area_starts \
            and self.words[i] not in national_bodies()

    def _town_after_county(self, county: str, town: str) -> bool:
        """某县某镇…项目: a project keeps its county before its town (the town alone names
        no place a reader finds)."""
        lookup = self.rec.gazetteer.lookup
        return any(d.level == "county" and d.name == county for d in lookup(county)) and \
            any(d.level == "town" for d in lookup(town))

    def _nested(self, outer: str, inner: str) -> bool:
        """Do the places two words name lie one inside the other (an address: 某省某市, or
        a county before its province's company: 某县|某省某某集团), rather than the second
        being a place elsewhere whose name is a word of the name (某县|嘉定工业园)?"""
        gazetteer = self.rec.gazetteer
        return any(gazetteer.contains(a.code, b.code) or gazetteer.contains(b.code, a.code)
                   for a in gazetteer.lookup(outer) for b in gazetteer.lookup(inner))

    def _full_form(self, word: str) -> bool:
        """Is the word a division's full name (某某省, 某某市, 某某县), not a short form?"""
        return any(d.name == word for d in self.rec.gazetteer.lookup(word))

    def _verb_after(self, i: int) -> bool:
        """Does the model read the word after token ``i`` as a verb?"""
        model = self.model
        if model is None:
            return False
        return model.tag_at(self.starts[i] + len(self.words[i])) in ("v", "vd")

    def _kind_of(self, word: str) -> str | None:
        return self.rec.kind_of(word)

    def _whole_name(self, word: str) -> bool:
        """Is the token an organisation's whole name (某某大学: a body and a suffix that
        jieba knows as one word), not a bare suffix (政府)?"""
        suffix = self.rec.suffix_of_text(word)
        return suffix is not None and len(suffix) < len(word)

    def _new_name_from(self, first: int) -> bool:
        """Do the words from ``first`` to the suffix make a company name of their own (a
        place or 国家/中国 opens them, or they hold a word jieba does not know: single
        characters, letters), rather than the rest of a zone's own company
        (某开发区|国有资产投资有限公司)?"""
        words = self.words[first:self.at]
        if self.starts[first] in self.area_starts or words[0] in NAME_OPENING_WORDS:
            return True
        return _has_unknown_words(words, 2)

    def _conjunction_in_capacity(self, i: int) -> bool:
        """及/和/与 between two products of the capacity that opens a facility's name
        (年产5万吨高纯石英砂及石英坩埚项目): the capacity word a few words before, with no
        boundary between."""
        if self.entity_type not in FACILITY_TYPES or self.words[i] not in PRODUCT_JOINS:
            return False
        for k in range(i - 1, max(-1, i - CAPACITY_REACH), -1):
            word = self.words[k]
            if word in CAPACITY_WORDS:
                return True
            if word in PRODUCT_JOINS or self.rec.is_boundary(word) and not \
                    self._product_character(k) or self.rec.suffix_of_text(word):
                return False      # 年产…甲项目和年产…乙项目: two names
        return False

    def _product_character(self, i: int) -> bool:
        """Is token ``i`` one character of a product named after a facility's capacity word
        (年产…高频高速|覆|铜板): a Chinese character, no function word, after the capacity?"""
        word = self.words[i]
        return len(word) == 1 and _is_cjk(word) and word not in FUNCTION_CHARACTERS \
            and self._after_capacity(i)

    def _after_capacity(self, i: int) -> bool:
        """Is token ``i`` a word of the products a facility's capacity word names (年产…):
        the capacity word a few words before, no clause mark or join between?"""
        if self.entity_type not in FACILITY_TYPES:
            return False
        for k in range(i - 1, max(-1, i - CAPACITY_REACH), -1):
            if self.words[k] in CAPACITY_WORDS:
                return True
            if not CLAUSE_MARKS.isdisjoint(self.words[k]) or self.words[k] in PRODUCT_JOINS:
                return False
        return False

    def _inner_conjunction(self, i: int) -> bool:
        """与/和 inside an organisation's name (某研究院产业与规划研究所), not between two
        names; in a facility's name only as a character of a word jieba does not know
        (德和绿色算力中心, not 道路和口岸)."""
        if self.words[i] not in ("与", "和") or i == 0:
            return False
        if self.model is not None and self.model.tag_at(self.starts[i + 1]) == "ORG" \
                and self.model.at(self.starts[i + 1]) != self.model.at(self.starts[i]):
            return False      # 某某与|某某集团某省分公司: the model reads a name after it
        before = self.words[i - 1]
        if self.entity_type in FACILITY_TYPES and len(before) != 1:
            return False
        if self.rec.suffix_of_text(before) or _is_punct(before) \
                or self.starts[i - 1] in self.area_starts:
            return False
        # A word of the name's own between the conjunction and the suffix (…和旅游局,
        # 产业与规划研究所), not the suffix alone (合作方与公司).
        own_words = self.at - i - 1 + (len(self.words[self.at]) > len(self.suffix))
        return 1 <= own_words and self.at - i <= 3

    def _glued_stop_char(self, i: int, body_first: int) -> bool:
        """其 in 其澜集团: a one-character stop word opening a run of unknown single
        characters at the start of a sentence or clause, or right after a zone, is the
        name's first character."""
        words = self.words
        if words[i] not in NAME_INITIAL_STOP_CHARS or body_first >= self.at:
            return False
        opening = words[body_first]
        if len(opening) != 1 or opening in NAME_STOP_WORDS or not _is_cjk(opening):
            return False
        if i == 0:
            return True
        before = words[i - 1]
        return _is_punct(before) or before.isspace() or before in "，。、；：,;:\n" \
            or self._kind_of(before) in ("Zone", "Port")     # 某开发区其澜集团

    def _after_goal_verb(self, start: int) -> bool:
        """Is the name written right after a verb that sets a goal (打造, 创建 …)?"""
        i = bisect.bisect_left(self.starts, start)
        return i > 0 and self.words[i - 1] in GOAL_VERBS

    def _stop_char_after_area(self, i: int, body_first: int) -> bool:
        """成 in 某省成泓集团: such a stop word between a place and unknown single characters
        belongs to the name."""
        words = self.words
        if i == 0 or words[i] not in NAME_INITIAL_STOP_CHARS or body_first >= self.at \
                or self.starts[i - 1] not in self.area_starts:
            return False
        opening = words[body_first]
        return len(opening) == 1 and opening not in NAME_STOP_WORDS and _is_cjk(opening)

    def _is_name(self, body: list[str], body_starts: list[int], own_prefix: str) -> bool:
        rec, suffix, entity_type, area_starts = self.rec, self.suffix, self.entity_type, \
            self.area_starts
        words = body + ([own_prefix] if own_prefix else [])
        if not words:
            return False
        if entity_type == "Port" and not body and suffix == CITY_PORT \
                and rec.gazetteer.lookup(own_prefix):
            return True       # 某市港 read as one word: the city's seaport
        if all(map(_generic_word, words)) and not suffix.endswith(MEDIA_SUFFIXES):
            return False      # (a paper's title may be made of everyday words: 储能与新能源周刊)
        if len(body) == 1 and not own_prefix and body[0] in rec.suffixes \
                and body_starts[0] not in area_starts:
            return False      # 数据中心项目: a kind of facility, not one
        has_area = any(s in area_starts for s in body_starts)
        if entity_type == "GovernmentBody" and body and body[0] in RELATIVE_LEVELS:
            return True       # 自治区数字化发展局, 市财政局: an organ of the area in context
        if suffix in AREA_ORGANS and not (has_area or (body and body[0] in RELATIVE_LEVELS)):
            return False      # 提高政府, 我国政府: a government is some area's
        if suffix not in WEAK_SUFFIXES and suffix not in EVIDENCE_SUFFIXES \
                and entity_type not in EVIDENCE_TYPES:
            return True
        own = [w for w, s in zip(body, body_starts) if s not in area_starts] + (
            [own_prefix] if own_prefix else [])
        if not own and suffix in WEAK_SUFFIXES and entity_type in ("Project", "ComputeCenter"):
            return False      # 宁夏项目, 某区项目: the project in a place, as referred to
        if own and all(map(_generic_word, own)):
            # 某省信息产业园 names a zone; 某地区低碳智算项目 only describes one, and
            # 打造某省高质量发展先行区 sets a goal.
            return has_area and body_starts[0] in area_starts and not (
                suffix in WEAK_SUFFIXES and entity_type in FACILITY_TYPES) \
                and not self._after_goal_verb(body_starts[0])
        if has_area or any(rec.suffix_of_text(w) for w in body):
            return True
        if suffix == "工程":
            return False
        return any(w in OPEN_BRACKETS for w in words) or self._proper(words)

    def _proper(self, words: list[str]) -> bool:
        """Does the name read as proper rather than descriptive?"""
        # Runs of single characters are jieba's unknown words: names (泓锦, 某某泓澜) — or
        # verbs before 项目 (跑出项目), hence a longer run for the weak suffixes.
        if _has_unknown_words(words, 3 if self.suffix in WEAK_SUFFIXES else 2):
            return True
        # 泓锦远景煤电一体化项目: several words of two or more characters, none generic.
        specific = [w for w in words if len(w) >= 2 and _is_cjk(w[0])
                    and w not in GENERIC_MODIFIERS and w not in NAME_STOP_WORDS]
        if self.suffix == "项目" and len(specific) >= 3:
            return True
        # 某某国际滑雪度假区: a rare word opening a name with a specific suffix is a place or
        # brand name (国际滑雪度假区 opens with an everyday word; the weak suffixes follow
        # rare technical words too: 某某烯烃项目).
        opening = words[0]
        return self.suffix not in WEAK_SUFFIXES and opening in specific \
            and opening not in self.rec.common and opening not in self.rec.suffixes \
            and all(map(_is_cjk, opening))


# A count with its classifier (8栋, 两座, 三个): how many, not which.
COUNT_WORD = re.compile(r"[\d一二三四五六七八九十两几百千万]*[栋座幢个家台套处条批项]")
# A scale written before a kind of facility (万卡智算集群, 十万|卡级|智算集群): a description.
SCALE_OPENING = re.compile(r"[\d.一二三四五六七八九十百千万亿]*卡(?:级|规模)?|[\d.一二三四五六七八九十百千万亿]+")


def _generic_word(word: str) -> bool:
    """A word that names no one thing: a generic modifier, a stop word, or a scale with at
    most a generic modifier after it (万卡|智算)."""
    if word in GENERIC_MODIFIERS or word in NAME_STOP_WORDS:
        return True
    if COUNT_WORD.fullmatch(word):
        return True           # 8栋|数据中心: a count of buildings, not a name
    scale = SCALE_OPENING.match(word)
    return scale is not None and scale.end() > 0 and (
        scale.end() == len(word) or word[scale.end():] in GENERIC_MODIFIERS)


@Language.factory("kg_organisations")
def make_organisation_recognizer(nlp: Language, name: str):
    return OrganisationRecognizer(nlp, name)
