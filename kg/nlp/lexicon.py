"""Generic word lists the recognisers use, loaded once from kg/nlp/data/.

Only general knowledge lives here: organisation and facility suffixes, titles of office,
family names, the words that can follow a name, and function words that end a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import PathError

DATA = Path(__file__).parent / "data"

# Words that never belong to the start of a name: prepositions, conjunctions, particles,
# determiners and the commonest verbs that take an organisation as object or subject; and
# the names of a paper's sections (简讯, 编者按), no organisation's either.
NAME_STOP_WORDS = frozenset("""
由 与 和 及 同 跟 向 从 在 于 对 为 被 把 将 是 的 了 着 过 等 或 并 也 都 又 还 就 而 但 以 之 其 该 这 那 此 本 各 每 某 即
以及 并且 或者 通过 经过 关于 按照 根据 依托 依靠 围绕 针对 作为 成为 包括 涵盖 位于 落户 落地 地处 来自 来到 前往 走进 走访
签订 签署 签约 开通 开设 共同 携手 组织 举行 举办 召开 开展 启动 发布 获悉 了解 了解到 表示 介绍 指出 强调 认为 说
实施 推进 推动 落实 贯彻 学习 部署 保障 全力 随着 加快 加强 打造 建成 建立 成立 组建 引进 入驻 支持 助力 带动 完成 实现 预计
主办 承办 协办 参加 出席 会见 考察 调研 看望 慰问 主持 参与 获得 荣获 入选 申报 选派 招聘 吸引 邀请 提供 面向 聚焦 抢抓
更 较 最 很 非常 距离 相距 毗邻 紧邻 靠近 距 离 让 使 令 把 给 叫 让 成 到 至 向
今年 去年 目前 近年来 当前 日前 近日 此次 这次 当天 当日 同时 此外 其中 另外 还有 已经 正在 已 将 要 建设 分别 简称 以下简称 感谢 奏响 跑出 以上 以下
我们 他们 她们 你们 我 你 他 她 它 大家 我国 我省 我区 我州 我市 我县 全市 全州 全县 全区 全疆 全国 全省 当地 本地 辖区 整个 全部 所有 各个
简讯 快讯 短讯 综述 述评 短评 编者按 图说 链接 新闻链接 相关新闻 延伸阅读 相关阅读
招标人 中标人 投标人 发包人 承包人 发包方 承包方 建设单位 施工单位 业主 业主方 甲方 乙方 丙方 丁方 合作方 委托方 受托方
投资方 出资方 签约方 交易对方 对方 上述 所述 前述 子公司 全资子公司 控股子公司 摄
招标代理机构 代理机构 监理单位 设计单位 勘察单位 中标单位 投标单位 采购人 供应商 主办单位 承办单位 牵头单位 实施单位
运营单位 项目单位 业主单位 后 内 之后 以后 以内 之内 期间
施工方 承建方 总包方 总承包方 建设方 运营方 总承包单位 承建单位 委托 入驻 入园 扎根 花落 所在
区内 园区内 省内 市内 县内 境内 等地 布局
系 股东 控股股东 大股东 母公司 这家 那家 此家
牵头人 牵头方 成员 成员单位 联合体成员 联合体牵头人 中标 承建
""".split())

# A family name and one of these is how a person is addressed, not their name (周女士).
ADDRESS_FORMS = ("女士", "先生", "小姐")
# Words that make the name before them an organisation's, not a person's (某某资本领投).
ORGANISATION_WORDS_AFTER_NAMES = ("资本", "基金", "投资", "控股", "集团", "公司", "科技", "银行")

# A stock code in brackets after a name (某某科技（688592）, （股票代码：603579.SH）): a listed
# company's short name stands before it, whatever words it is made of.
STOCK_CODE = re.compile(r"\s*[（(](?:股票代码[：:]\s*)?\d{6}(?:\.[A-Za-z]{2})?[）)]")

# Trades written short in companies' short names (某某绿能, 某某数科) that jieba does not list.
TRADE_ABBREVIATIONS = frozenset({"绿能", "新能", "数智", "数科", "新材", "交建", "路桥", "智算", "算力",
                                 "储能", "光伏", "风电", "氢能", "新材料", "锂电", "电科", "云计算"})

# Leading modifiers that make a name generic when nothing else in it is proper.
# 任 after a person's name: the person takes up a post (某某任某市人民政府副市长, 某某任实验室主任).
APPOINTED_TO = "任"

GENERIC_MODIFIERS = frozenset("""
重点 重大 传统 大型 新型 相关 各类 各级 一批 多个 多家 新建 续建 在建 储备 配套 主要 其他 有关 上述 下属 所属 直属 地方 基层
国有 民营 私营 外资 合资 龙头 骨干 优质 头部 领先 一流 知名 大 小 新 老 首个 首家 唯一 一家 一个 两个 三个 该类
煤化工 新能源 新材料 基础设施 民生 产业 工业 农业 商贸 物流 数字 数字化 智能 智慧 绿色 低碳 示范 试点 标杆 国家级 自治区级 省级 市级 县级
区域 社科 普及 创作 招商 招商引资 科研 科技 文化 旅游 文旅 教育 医疗 卫生 能源 电力 算力 数据 信息 网络 通信 人工智能
陆路 公路 铁路 航空 边境 国际 国内 重要 主要 第一 一类 二类 首批
高校 企业 公司 单位 机构 部门 园区 中心 平台 人才 研发 生产 建设 施工 运营 运维 公共 社会 政务 城市 农村 乡村 边境 跨境
全资 合资 独资 参股 上市 挂牌 国产 自主 自研
经济 融合 边贸 异地 煤炭 交易 综合 综合性 大数据 云计算 先进 高端 现代 未来 创新 服务 开放 合作 发展 高质量 高标准 高水平 高起点 智算 超算 计算 算力中心
运营商 枢纽 液冷 风冷 边缘 超大型 中小型 单体 东数西算 独立 共享
西北 东北 华北 华东 华南 华中 西南 中部 东部 西部 全国 全球 亚洲 中亚 欧亚
AI IT ICT IDC 5G 6G GPU CPU VR AR XR IoT APP
""".split())


@dataclass(frozen=True)
class Title:
    text: str
    kind: str   # head | party | admin | post | press | role


def _lines(name: str) -> list[str]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle
                if line.strip() and not line.lstrip().startswith("#")]


@cache
def org_suffixes() -> dict[str, str]:
    """suffix -> entity type."""
    table = {}
    for line in _lines("org_suffixes.tsv"):
        suffix, entity_type = line.split("\t")
        table[suffix] = entity_type
    return table


@cache
def _longest_suffix() -> int:
    return max(map(len, org_suffixes()))


def longest_suffix(name: str, shortest: int = 1) -> str | None:
    """The longest organisation or facility suffix ``name`` ends with (of ``shortest``
    characters or more), or None."""
    suffixes = org_suffixes()
    for size in range(min(len(name), _longest_suffix()), shortest - 1, -1):
        if name[-size:] in suffixes:
            return name[-size:]
    return None


def suffix_kind(name: str, shortest: int = 1) -> str | None:
    """The entity type the longest suffix ``name`` ends with gives (of ``shortest``
    characters or more), or None."""
    suffix = longest_suffix(name, shortest)
    return None if suffix is None else org_suffixes()[suffix]


# Parts of speech of proper names in jieba's dictionary: persons, places, organisations,
# other proper nouns.
PROPER_POS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
COMMON_FREQUENCY = 50
RARE_CHARACTER_FREQUENCY = 500


@cache
def _jieba_word_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str],
                                   frozenset[str]]:
    """(verbs, common words, name characters, listed words) of the dictionary shipped
    inside jieba, read in one pass."""
    import jieba

    verbs, common, name_chars, listed = set(), set(), set(), set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, frequency, pos = parts
            if pos == "v" and len(word) >= 2:
                verbs.add(word)
            if pos not in PROPER_POS:
                if int(frequency) >= COMMON_FREQUENCY:
                    common.add(word)
                elif len(word) >= 3:
                    listed.add(word)
            if len(word) == 1 and (pos in PROPER_POS or int(frequency) < RARE_CHARACTER_FREQUENCY):
                name_chars.add(word)
    return (frozenset(verbs - GENERIC_MODIFIERS), frozenset(common), frozenset(name_chars),
            frozenset(listed | common))


def verbs() -> frozenset[str]:
    """Words jieba's own dictionary tags as plain verbs (v), two characters or more.

    Used to tell where a name cannot begin (首站抵达|某某县…, 有效提升|某某州…).
    """
    return _jieba_word_classes()[0]


def common_words() -> frozenset[str]:
    """Everyday words: in jieba's dictionary with a frequency of at least
    ``COMMON_FREQUENCY`` and not tagged as a proper name.  A run of them names a kind of
    thing (交通, 水利, 老旧小区改造), not one thing."""
    return _jieba_word_classes()[1]


def listed_words() -> frozenset[str]:
    """Words jieba's dictionary lists and does not tag as proper names: the common words,
    and the rare ones of three characters or more (fixed phrases such as 不断完善, 占地面积,
    今年以来).  Rare two-character words stay out: they are often the parts of brands,
    places and given names (伟达, 德保, 明远)."""
    return _jieba_word_classes()[3]


def name_characters() -> frozenset[str]:
    """Characters that, standing alone as a token (jieba splits unknown words into single
    characters), suggest a name: tagged as part of a proper name in jieba's dictionary
    (昌, 瑞, 沙) or rare there (泓).  Everyday ones (老, 旧, 新, 改) are not."""
    return _jieba_word_classes()[2]


@cache
def org_abbreviations() -> tuple[tuple[str, str], ...]:
    """(full, short) pairs of name parts, longest full form first."""
    pairs = [tuple(line.split("\t")) for line in _lines("org_abbreviations.tsv")]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


@cache
def org_full_forms() -> dict[str, str]:
    """Short form -> the full form the table lists first for it (发改委: 发展和改革委员会),
    longest short form first."""
    full_of: dict[str, str] = {}
    for line in _lines("org_abbreviations.tsv"):
        full, short = line.split("\t")
        full_of.setdefault(short, full)
    return dict(sorted(full_of.items(), key=lambda pair: -len(pair[0])))


# The types a national table may give (see the gold GUIDELINES).
NATIONAL_TYPES = frozenset({"Company", "GovernmentBody", "Organization", "ResearchOrg"})
# A written form shorter than this would match inside any word.
NATIONAL_MIN_FORM_LENGTH = 2


class NationalTableError(PathError):
    """A malformed row of a national table; ``str()`` is ``"<file>:<line>: <problem>"``."""


def read_national_tables(paths) -> dict[str, tuple[str, str]]:
    """written form (full or short) -> (full name, entity type), from tables of rows
    ``full name <TAB> type <TAB> short|forms`` (# starts a comment).

    A form given to two different full names would send some mentions to the wrong body;
    such a table is refused, as is a full name listed twice, an unknown type or a form
    shorter than ``NATIONAL_MIN_FORM_LENGTH``.
    """
    table: dict[str, tuple[str, str]] = {}
    origin: dict[str, str] = {}         # form -> "file:line" where it was given
    for path in map(Path, paths):
        with open(path, encoding="utf-8") as handle:
            rows = [(number, line.rstrip("\n")) for number, line in enumerate(handle, 1)]
        for number, line in rows:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path.name}:{number}"
            columns = line.split("\t")
            if len(columns) not in (2, 3):
                raise NationalTableError(f"{path}:{number}", "expected full name <TAB> type "
                                         f"<TAB> short forms, found {len(columns)} columns")
            full, entity_type = columns[0].strip(), columns[1].strip()
            if entity_type not in NATIONAL_TYPES:
                raise NationalTableError(f"{path}:{number}", f"unknown type {entity_type!r} "
                                         f"(one of {', '.join(sorted(NATIONAL_TYPES))})")
            shorts = [form.strip() for form in columns[2].split("|")] \
                if len(columns) == 3 and columns[2].strip() else []
            if full in table and table[full][0] == full:
                raise NationalTableError(f"{path}:{number}",
                                         f"{full} is already listed at {origin[full]}")
            for form in (full, *shorts):
                if len(form) < NATIONAL_MIN_FORM_LENGTH:
                    raise NationalTableError(f"{path}:{number}", f"form {form!r} of {full} is "
                                             f"shorter than {NATIONAL_MIN_FORM_LENGTH} characters")
                given = table.get(form)
                if given is not None and given[0] != full:
                    raise NationalTableError(f"{path}:{number}", f"form {form} is given to "
                                             f"both {given[0]} ({origin[form]}) and {full}")
                table[form] = (full, entity_type)
                origin[form] = where
    return table


@cache
def national_bodies() -> dict[str, tuple[str, str]]:
    """written form (full or short) -> (full name, entity type) of the national organs,
    enterprises, media and academies listed in ``kg/nlp/data/national_*.tsv``."""
    return read_national_tables(sorted(DATA.glob("national_*.tsv")))


@cache
def titles() -> dict[str, Title]:
    table = {}
    for line in _lines("titles.txt"):
        text, kind = line.split("\t")
        table[text] = Title(text, kind)
    return table


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, two-character surnames)."""
    single, double = set(), set()
    for line in _lines("surnames.txt"):
        for name in line.split():
            (single if len(name) == 1 else double).add(name)
    return frozenset(single), frozenset(double)


def family_name_length(name: str) -> int:
    """How many characters of ``name`` its family name is: 2, 1, or 0 when it opens with
    none (a two-character family name first: 欧阳 before 欧)."""
    single, double = surnames()
    return 2 if name[:2] in double else 1 if name[:1] in single else 0


@cache
def person_followers() -> tuple[str, ...]:
    """Words that may follow a name, longest first."""
    return tuple(sorted(set(_lines("person_boundaries.txt")), key=len, reverse=True))
