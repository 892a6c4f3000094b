"""Synthetic newspaper pages for the benchmarks: the shape of real pages, invented content.

``python -m benchmarks.corpus OUT_DIR --mb 10 --seed 1`` writes ``page_000001.txt``, … of
about 5–15 KB each until the folder holds ``--mb`` megabytes (10^6 bytes of UTF-8).

A page has what a scanned-and-converted newspaper page has: masthead and footer furniture
(paper name, date lines, issue number, price, hotlines, the ``□编辑/… □版式/…`` line),
several articles with titles, kickers and decks, leads (``本报讯（记者 …）``) or byline
lines (``□本报记者 …``), markdown headings on some pages and hard-wrapped lines that split
words on others, section headings inside long articles, and now and then a paragraph
printed twice.  Sentences carry facts a reader would mark — where a project is (位于,
落户), who invests in and builds it, how much, its compute capacity, agreements signed,
who holds which post — and are built only from general parts: divisions read from
``kg/nlp/data/divisions.tsv``, titles from ``titles.txt``, surnames from ``surnames.txt``,
company names from random character pairs, generic industry words and legal suffixes.

The cast recurs the way it does in a real archive: every corpus has a fixed world of
newspapers, projects, companies and officials (each generated from its own seed), drawn
with a long-tailed distribution, so the same project is reported on many pages with the
same facts while most names are rare.  Everything is a function of the seed: page ``n``
of a corpus depends only on the seed and ``n``, so a smaller corpus is a prefix of a
larger one.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "kg" / "nlp" / "data"
MEGABYTE = 1_000_000
PAGE_BYTES = (5_000, 15_000)
MANIFEST = "corpus.json"
# Provinces whose divisions the generated papers do not cover (different naming systems).
_SKIPPED_PROVINCES = ("71", "81", "82")

# ---------------------------------------------------------------------------- general parts
# Characters for invented given names and company brands, generic industry words and legal
# suffixes: general knowledge of Chinese naming, no real entity.
GIVEN_NAME_CHARACTERS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉萍红建文辉力新林斌宇浩凯鹏飞波海峰鑫"
    "晨欣颖佳琳雪婷梅兰琴晶燕莉慧然博志国东俊春晓云亮成荣振宏德永祥生龙立群庆兵光义安福顺"
    "瑞泽睿轩涵悦思雨梓晗铭阳旭帆航嘉璐蕾薇倩茜雯毅诚彬昊哲婧妍琪岩松柏冬秋蓉丹")
TRANSLITERATION_SYLLABLES = (
    "阿艾买提热依古丽努尔江汗别克木拉吐逊合巴斯坦达吾哈孜麦赛纳扎叶肯托乎沙迪亚米玛帕夏曼"
    "力甫如孙布衣那库")
BRAND_CHARACTERS = (
    "华鑫远泰恒瑞嘉博宏盛达隆通正和信安天海金润康明德丰源晟昊宇航腾跃创启辰星光峰锦元卓越"
    "普汇联力诚睿智合骏凯融邦拓钧晖曜屹璟弘")
INDUSTRIES = (
    "能源", "科技", "数据", "信息", "智能", "新材料", "电力", "云计算", "网络", "光伏", "风电",
    "矿业", "化工", "物流", "农业", "生物", "医药", "建设", "投资", "环保", "通信", "电子",
    "装备", "制造", "算力", "数字", "实业", "贸易", "水务", "新能源", "储能", "氢能", "半导体",
    "软件", "大数据", "人工智能", "信息技术", "数字科技", "清洁能源", "电气", "机械", "建材")
COMPANY_SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司",
                    "集团有限公司", "集团")
BUREAUS = ("发展和改革委员会", "数字化发展局", "工业和信息化局", "商务局", "自然资源局",
           "科学技术局", "住房和城乡建设局", "生态环境局", "统计局", "能源局", "投资促进局",
           "行政审批局", "财政局", "农业农村局")
ZONE_SUFFIXES = ("经济技术开发区", "高新技术产业开发区", "产业园", "工业园区", "综合保税区",
                 "信息产业园", "农业高新技术产业示范区", "循环经济产业园")
COMPUTE_ADJECTIVES = ("绿色低碳", "东数西算", "人工智能", "国际融合", "零碳", "智能", "绿色",
                      "云端", "先进", "一体化", "")
COMPUTE_KINDS = ("智算中心", "算力中心", "数据中心", "超算中心", "云计算中心", "大数据中心")
PRODUCTS = ("多晶硅", "锂电池材料", "风电装备", "光伏组件", "碳基新材料", "绿色氢能", "电子级硅材料",
            "高纯铝", "煤制烯烃", "工业硅", "储能电池", "特种电缆")
PROJECT_FORMS = ("年产{n}万吨{product}项目", "{n}万千瓦{energy}发电项目", "{industry}产业园建设项目",
                 "{product}生产基地项目", "{n}万千瓦源网荷储一体化项目", "{industry}示范工程")
ENERGIES = ("风电", "光伏", "光热", "抽水蓄能", "风光储")
RESEARCH_FORMS = ("{place}{field}研究院", "{place}{field}重点实验室", "{place}{field}研究中心",
                  "{place}大学")
FIELDS = ("人工智能", "大数据", "新能源", "信息技术", "先进计算", "数字经济", "遥感", "新材料")
ROADS = ("人民", "解放", "建设", "文化", "团结", "和平", "光明", "胜利", "友谊", "幸福", "民主",
         "育才", "世纪", "迎宾", "天山", "长江", "黄河")
LATIN_SYLLABLES = ("AN", "BAI", "CHANG", "DA", "FU", "GUANG", "HE", "JI", "KANG", "LIN",
                   "MING", "NING", "QING", "SHAN", "TAI", "WEN", "XIN", "YANG", "ZHOU")
COLUMNS = ("高质量发展看{home}", "奋进新征程 建功新时代", "一线观察", "项目建设进行时",
           "数字经济观察", "经济新观察", "聚焦重点项目", "答卷·奋进的“十四五”")
TOPICS = ("数字经济发展", "重点项目建设", "招商引资工作", "算力产业发展", "营商环境优化",
          "新型工业化", "绿色低碳转型", "产业链协同发展", "科技创新")
CITIES_OF_VISITORS = ("北京", "上海", "广东", "四川", "江苏", "浙江", "湖南", "山东")

# Phrases for the text around the facts: policy language, built by combination.
WHEN = ("近年来", "今年以来", "截至目前", "下一步", "当前", "据了解", "与此同时", "“十四五”期间")
ACTORS = ("各级各部门", "当地", "项目建设单位", "相关企业", "园区", "我们", "各县市", "有关部门")
VERBS = ("坚持", "加快推进", "统筹推进", "持续深化", "大力发展", "积极培育", "着力构建", "不断完善",
         "深入实施", "全力保障", "聚焦", "持续优化")
OBJECTS = ("数字经济", "算力基础设施建设", "产业链供应链协同", "营商环境", "绿色低碳转型",
           "招商引资", "人才引进", "重点项目建设", "新型工业化", "数据要素市场", "公共服务能力",
           "“东数西算”工程", "算电协同", "科技成果转化", "要素保障", "清洁能源开发")
PURPOSES = ("为高质量发展注入新动能", "推动产业集群发展", "助力区域经济结构优化",
            "不断提升群众获得感", "形成“能源—算力—产业”闭环", "打造区域算力枢纽",
            "加快构建现代化产业体系", "推动传统行业“智改数转”", "带动上下游企业集聚",
            "为区域协调发展提供有力支撑")
DIRECTIVES = ("会议强调", "会议指出", "会议要求", "会上提出", "会议认为")
MANNERS = ("要提高思想认识", "要细化工作举措", "要压实工作责任", "要强化要素保障", "要优化服务流程",
           "要紧盯时间节点", "要坚持问题导向")
QUOTES = ("我们将全力以赴推进项目建设，确保早日投产见效", "这里的能源优势和政策环境让我们坚定了投资信心",
          "项目投产后将为当地带来大量就业岗位", "我们会把每一个环节都做细做实",
          "接下来我们将继续扩大算力规模，服务更多行业", "这里的变化超乎想象，发展势头很好")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short: str
    level: str
    parent: str

    @property
    def brief(self) -> str:
        """The form a local paper writes (某某 for 某某市), when the table gives one."""
        return self.short or self.name


@dataclass(frozen=True)
class Vocabulary:
    """The general parts read from kg/nlp/data: divisions, titles, surnames."""
    prefectures: tuple[Division, ...]
    counties_of: dict[str, tuple[Division, ...]]
    towns_of: dict[str, tuple[Division, ...]]
    provinces: dict[str, Division]
    titles: dict[str, tuple[str, ...]]          # kind -> titles
    surnames: tuple[str, ...]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Vocabulary":
        divisions = []
        with open(DATA / "divisions.tsv", encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                code, name, short, level, parent = line.rstrip("\n").split("\t")
                if not code[:2].isdigit() or code.startswith(_SKIPPED_PROVINCES):
                    continue
                divisions.append(Division(code, name, short, level, parent))
        provinces = {d.code: d for d in divisions if d.level == "province"}
        counties_of: dict[str, list[Division]] = {}
        towns_of: dict[str, list[Division]] = {}
        for d in divisions:
            if d.level == "county":
                counties_of.setdefault(d.parent, []).append(d)
            elif d.level == "town":
                towns_of.setdefault(d.parent, []).append(d)
        # Home areas of papers: prefectures, and municipalities that have counties directly.
        homes = [d for d in divisions if d.level == "prefecture" and d.code in counties_of]
        homes += [p for p in provinces.values()
                  if p.code in counties_of and p.name.endswith("市")]
        titles: dict[str, list[str]] = {}
        with open(DATA / "titles.txt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    title, kind = line.split()
                    titles.setdefault(kind, []).append(title)
        with open(DATA / "surnames.txt", encoding="utf-8") as handle:
            surnames = [w for line in handle if not line.startswith("#") for w in line.split()]
        return cls(tuple(sorted(homes, key=lambda d: d.code)),
                   {k: tuple(v) for k, v in counties_of.items()},
                   {k: tuple(v) for k, v in towns_of.items()}, provinces,
                   {k: tuple(v) for k, v in titles.items()}, tuple(surnames))

    def province_of(self, division: Division) -> Division:
        return self.provinces.get(division.code[:2] + "0000", division)


# ---------------------------------------------------------------------------- the world

@dataclass
class Person:
    name: str
    title: str
    organisation: str          # where the post is, as written before the title

    @property
    def styled(self) -> str:
        return f"{self.organisation}{self.title}{self.name}"


@dataclass
class Company:
    name: str
    brief: str                 # the name without its legal suffix
    executives: tuple[Person, ...]


@dataclass
class Project:
    name: str
    short: str                 # the name without the county in front
    compute: bool
    county: Division
    town: Division | None
    zone: str | None
    investor: Company
    builder: Company | None
    amount: str
    first_phase: str
    capacity: str | None
    capacity_now: str | None
    area: str
    racks: int
    jobs: int


@dataclass
class Newspaper:
    home: Division
    name: str
    latin: str
    client: str
    reporters: tuple[str, ...]
    officials: tuple[Person, ...]
    zones: tuple[str, ...]
    area_code: str


def long_tail(rng: random.Random, size: int) -> int:
    """An index in [0, size) drawn log-uniformly: a few very common, most rare."""
    return min(size - 1, int(size ** rng.random()) - 1)


class World:
    """The recurring cast of one corpus, each member generated from its own seed."""

    NEWSPAPERS = 16
    COMPANIES = 4000
    PROJECTS_PER_PAPER = 300

    def __init__(self, seed: int, vocabulary: Vocabulary | None = None):
        self.seed = seed
        self.vocabulary = vocabulary or Vocabulary.load()
        self.single_surnames = [s for s in self.vocabulary.surnames if len(s) == 1]

    def rng(self, *key) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *key))))

    # -- people
    def person_name(self, rng: random.Random) -> str:
        if rng.random() < 0.08:
            def part() -> str:
                return "".join(rng.choice(TRANSLITERATION_SYLLABLES) for _ in range(rng.randint(2, 4)))
            return f"{part()}·{part()}"
        if rng.random() < 0.03:
            surname = rng.choice(self.vocabulary.surnames)
        else:
            surname = rng.choice(self.single_surnames)
        given = "".join(rng.choice(GIVEN_NAME_CHARACTERS) for _ in range(rng.choice((1, 2, 2, 2))))
        return surname + given

    def titles(self, *endings: str, kind: str = "post") -> tuple[str, ...]:
        return tuple(t for t in self.vocabulary.titles.get(kind, ()) if t.endswith(endings))

    def official(self, rng: random.Random, home: Division) -> Person:
        """An official of the home area or one of its counties, with a post that fits."""
        counties = self.vocabulary.counties_of[home.code]
        area = home if rng.random() < 0.35 else rng.choice(counties)
        prefecture_office = area.name.endswith("地区")   # run by an office (行署), not a government
        choice = rng.random()
        if choice < 0.3:
            if prefecture_office:
                heads = self.titles("专员", kind="admin")
                office = f"{area.name}行署"
            else:
                heads = self.titles(area.name[-1] + "长", kind="head")
                office = area.name
            if heads:
                return Person(self.person_name(rng), rng.choice(heads), office)
        if choice < 0.5:
            party = [t for t in self.titles("书记", kind="party") if t in ("书记", "副书记")]
            if prefecture_office:
                committee = f"{area.brief}地委"
            elif area.name[-1] in "县市区旗":
                committee = f"{area.name}委"
            else:
                committee = f"{area.brief}党委"
            return Person(self.person_name(rng), rng.choice(party), committee)
        bureau = rng.choice(BUREAUS)
        titles = self.titles("主任") if bureau.endswith("委员会") else self.titles("局长")
        return Person(self.person_name(rng), rng.choice(titles), f"{area.name}{bureau}")

    # -- organisations
    @lru_cache(maxsize=None)
    def company(self, index: int) -> Company:
        rng = self.rng("company", index)
        brand = "".join(rng.sample(BRAND_CHARACTERS, 2))
        industry = rng.choice(INDUSTRIES)
        if rng.random() < 0.3:
            industry += rng.choice([w for w in INDUSTRIES if w != industry])
        prefix = ""
        if rng.random() < 0.5:
            home = rng.choice(self.vocabulary.prefectures)
            prefix = self.vocabulary.province_of(home).brief if rng.random() < 0.6 else home.brief
        brief = f"{prefix}{brand}{industry}"
        name = brief + rng.choice(COMPANY_SUFFIXES)
        company_titles = self.titles("董事长", "总经理", "总裁", "总工程师", "负责人")
        executives = tuple(Person(self.person_name(rng), title, name)
                           for title in rng.sample(company_titles, 2))
        return Company(name, brief, executives)

    def research_org(self, rng: random.Random, home: Division) -> str:
        place = rng.choice((home.brief, self.vocabulary.province_of(home).brief))
        return rng.choice(RESEARCH_FORMS).format(place=place, field=rng.choice(FIELDS))

    @lru_cache(maxsize=None)
    def newspaper(self, index: int) -> Newspaper:
        rng = self.rng("paper", index)
        home = rng.choice(self.vocabulary.prefectures)
        latin = " ".join(rng.sample(LATIN_SYLLABLES, 2)) + " RIBAO"
        client = "".join(rng.sample(BRAND_CHARACTERS, 2)) + home.brief + "客户端"
        reporters = tuple(self.person_name(rng) for _ in range(24))
        officials = tuple(self.official(rng, home) for _ in range(80))
        counties = self.vocabulary.counties_of[home.code]
        zones = tuple(self._zone(rng, home, counties) for _ in range(6))
        return Newspaper(home, f"{home.brief}日报", latin, client, reporters, officials, zones,
                         f"0{rng.randint(100, 999)}")

    def _zone(self, rng: random.Random, home: Division, counties) -> str:
        place = rng.choice((home.brief, rng.choice(counties).brief))
        if rng.random() < 0.15:
            province = self.vocabulary.province_of(home).brief
            return f"{province}({home.brief}){rng.choice(('信息产业园', '数字产业园'))}"
        return place + rng.choice(ZONE_SUFFIXES)

    @lru_cache(maxsize=None)
    def project(self, paper: int, index: int) -> Project:
        rng = self.rng("project", paper, index)
        newspaper = self.newspaper(paper)
        county = rng.choice(self.vocabulary.counties_of[newspaper.home.code])
        towns = self.vocabulary.towns_of.get(county.code, ())
        town = rng.choice(towns) if towns and rng.random() < 0.5 else None
        zone = rng.choice(newspaper.zones) if rng.random() < 0.4 else None
        compute = rng.random() < 0.5
        if compute:
            brand = "".join(rng.sample(BRAND_CHARACTERS, 2)) if rng.random() < 0.3 else ""
            short = brand + rng.choice(COMPUTE_ADJECTIVES) + rng.choice(COMPUTE_KINDS)
        else:
            short = rng.choice(PROJECT_FORMS).format(
                n=rng.choice((5, 10, 20, 30, 50, 100)), product=rng.choice(PRODUCTS),
                energy=rng.choice(ENERGIES), industry=rng.choice(INDUSTRIES))
        investor = self.company(long_tail(rng, self.COMPANIES))
        builder = self.company(long_tail(rng, self.COMPANIES)) if rng.random() < 0.5 else None
        return Project(
            name=county.brief + short, short=short, compute=compute, county=county, town=town,
            zone=zone, investor=investor, builder=builder, amount=money(rng, 2, 150),
            first_phase=money(rng, 0.3, 2), capacity=compute_power(rng) if compute else None,
            capacity_now=compute_power(rng, small=True) if compute else None,
            area=rng.choice((f"{rng.randint(20, 900)}亩", f"{rng.randint(2, 60)}.{rng.randint(1, 99)}公顷")),
            racks=rng.choice((500, 1000, 2000, 3000, 5000, 10000, 20000)),
            jobs=rng.randint(50, 3000))


def money(rng: random.Random, low: float, high: float) -> str:
    """An amount as written in the news: 25亿元, 约3.6亿元, 超10亿元, 4500万元."""
    value = rng.uniform(low, high)
    prefix = rng.choice(("", "", "", "约", "超", "近"))
    if value < 1 and rng.random() < 0.8:
        return f"{prefix}{int(value * 100) * 100}万元"
    return f"{prefix}{value:.1f}亿元" if value < 10 else f"{prefix}{int(value)}亿元"


def compute_power(rng: random.Random, small: bool = False) -> str:
    """A compute capacity: 2000P, 2万P, 1.5EFLOPS, 500PFLOPS."""
    if small:
        return rng.choice((f"{rng.randint(1, 9) * 100}P", f"{rng.randint(50, 900)}PFLOPS"))
    return rng.choice((f"{rng.randint(1, 50) * 100}P", f"{rng.randint(1, 9)}万P",
                       f"{rng.randint(1, 9)}.{rng.randint(1, 9)}EFLOPS",
                       f"{rng.randint(1, 20) * 100}P（每秒千万亿次浮点运算）"))


# ---------------------------------------------------------------------------- articles

@dataclass
class ArticlePlan:
    title: str
    paragraphs: list[str]                # the first one follows the lead or byline
    reporters: tuple[str, ...]
    kicker: str | None = None
    deck: str | None = None
    sections: dict[int, str] = field(default_factory=dict)   # paragraph index -> heading
    repeated: int | None = None          # paragraph printed a second time


class Writer:
    """Writes the articles of one page from the world's cast."""

    def __init__(self, world: World, rng: random.Random, paper: int, date: dt.date):
        self.world = world
        self.rng = rng
        self.paper_index = paper
        self.paper = world.newspaper(paper)
        self.date = date

    # -- small parts
    def day(self, back: int = 0) -> str:
        day = self.date - dt.timedelta(days=back)
        return f"{day.month}月{day.day}日"

    def future(self) -> str:
        rng = self.rng
        return rng.choice((f"{self.date.year + 1}年{rng.randint(1, 12)}月", "今年年底", "明年上半年",
                           f"{self.date.year}年底", f"{rng.randint(1, 12)}月中旬"))

    def filler(self) -> str:
        rng = self.rng
        form = rng.random()
        if form < 0.4:
            return (f"{rng.choice(WHEN)}，{rng.choice(ACTORS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
                    f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(PURPOSES)}。")
        if form < 0.6:
            return (f"{rng.choice(DIRECTIVES)}，{rng.choice(MANNERS)}，{rng.choice(VERBS)}"
                    f"{rng.choice(OBJECTS)}，{rng.choice(PURPOSES)}。")
        if form < 0.8:
            return (f"{rng.choice(WHEN)}，{rng.choice(ACTORS)}共引进项目{rng.randint(3, 120)}个，"
                    f"完成投资{money(rng, 1, 300)}，同比增长{rng.randint(2, 40)}.{rng.randint(0, 9)}%。")
        return (f"{rng.choice(ACTORS)}将以{rng.choice(OBJECTS)}为抓手，{rng.choice(VERBS)}"
                f"{rng.choice(OBJECTS)}，带动就业{rng.randint(100, 5000)}人。")

    def official(self) -> Person:
        return self.paper.officials[long_tail(self.rng, len(self.paper.officials))]

    def project(self) -> Project:
        rng = self.rng
        paper = self.paper_index if rng.random() < 0.85 else rng.randrange(World.NEWSPAPERS)
        return self.world.project(paper, long_tail(rng, World.PROJECTS_PER_PAPER))

    def company(self) -> Company:
        return self.world.company(long_tail(self.rng, World.COMPANIES))

    def speech(self, person: Person) -> str:
        rng = self.rng
        verb = rng.choice(("表示", "介绍", "说", "指出"))
        if verb == "说" or rng.random() < 0.3:
            return f"{person.styled}说：“{rng.choice(QUOTES)}。”"
        return f"{person.styled}{verb}，{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(PURPOSES)}。"

    def paragraph(self, facts: list[str], fillers: int) -> str:
        rest = facts[1:] + [self.filler() for _ in range(fillers)]
        self.rng.shuffle(rest)
        return "".join(facts[:1] + rest)

    # -- fact sentences
    def project_facts(self, project: Project) -> list[str]:
        rng = self.rng
        place = f"{project.county.name}{project.town.name if project.town else ''}"
        if project.zone:
            place = rng.choice((place, project.zone, f"{project.county.name}{project.zone}"))
        located = rng.choice((f"{project.name}位于{place}，占地面积约{project.area}。",
                              f"{project.name}落户{place}，规划用地{project.area}。",
                              f"该项目选址{place}，占地{project.area}。"))
        investor = project.investor
        invested = rng.choice((
            f"该项目由{investor.name}投资建设，总投资{project.amount}。",
            f"{project.name}由{investor.name}投资建设"
            + (f"，{project.builder.name}承建" if project.builder else "")
            + f"，总投资{project.amount}，其中一期投资{project.first_phase}。",
            f"{investor.name}计划投资{project.amount}，在{project.county.name}建设{project.short}。"))
        facts = [located, invested]
        if project.compute:
            facts.append(rng.choice((
                f"项目规划算力规模达{project.capacity}，可容纳{project.racks}个标准机柜。",
                f"截至目前，{project.short}峰值算力已突破{project.capacity_now}，"
                f"规划算力规模{project.capacity}。",
                f"一期建成后算力规模{project.capacity_now}，全部建成后将达{project.capacity}。")))
        facts.append(f"项目预计{self.future()}建成投产，可带动就业{project.jobs}人。")
        executive = rng.choice(investor.executives)
        facts.append(self.speech(executive))
        return facts

    # -- article kinds
    def article(self) -> ArticlePlan:
        kind = self.rng.choices(("project", "signing", "meeting", "overview", "visitors"),
                                weights=(4, 2, 2, 2, 1))[0]
        plan = getattr(self, f"_{kind}")()
        rng = self.rng
        if rng.random() < 0.25:
            plan.kicker = rng.choice(COLUMNS).format(home=self.paper.home.brief)
        if len(plan.paragraphs) > 4 and rng.random() < 0.3:
            plan.sections[rng.randint(2, len(plan.paragraphs) - 1)] = rng.choice(
                ("共话合作 把握发展机遇", "算力引擎 动能澎湃", "项目为王 实干为先", "绿电赋能 数智转型",
                 "服务升级 企业安心"))
        if len(plan.paragraphs) > 2 and rng.random() < 0.12:
            plan.repeated = rng.randint(1, len(plan.paragraphs) - 1)
        plan.reporters = tuple(rng.sample(self.paper.reporters, rng.choice((1, 1, 2, 2, 3))))
        return plan

    def _project(self) -> ArticlePlan:
        rng = self.rng
        project = self.project()
        opened = rng.choice(("开工建设", "正式投运", "破土动工", "建成投产", "签约落地"))
        officials = [self.official() for _ in range(rng.randint(1, 3))]
        lead = (f"{self.day(rng.randint(0, 3))}，{project.county.name}重点建设项目{project.short}{opened}。"
                + rng.choice((f"{officials[0].styled}出席仪式并宣布项目{opened}。",
                              f"{'，'.join(p.styled for p in officials)}出席活动。")))
        facts = self.project_facts(project)
        paragraphs = [lead + facts[0]]
        paragraphs += [self.paragraph([fact], rng.randint(1, 3)) for fact in facts[1:]]
        paragraphs += [self.paragraph([], rng.randint(2, 4)) for _ in range(rng.randint(0, 3))]
        title = rng.choice((f"{project.county.brief}{project.short}{opened}",
                            f"{project.short}{opened}", f"{project.county.brief}又一重点项目{opened}"))
        return ArticlePlan(title, paragraphs, ())

    def _signing(self) -> ArticlePlan:
        rng = self.rng
        home = self.paper.home
        projects = [self.project() for _ in range(rng.randint(1, 4))]
        total = money(rng, 20, 600)
        event = ("招商引资推介会", "重点项目集中签约仪式", "数字经济合作洽谈会")
        lead = (f"{self.day(rng.randint(0, 3))}，{home.name}{rng.choice(event)}"
                f"在{rng.choice(self.world.vocabulary.counties_of[home.code]).name}举行，"
                f"现场共签约项目{rng.randint(5, 60)}个，签约金额{total}。")
        paragraphs = [lead]
        for project in projects:
            government = rng.choice((f"{project.county.name}人民政府",
                                     f"{project.county.name}{rng.choice(BUREAUS)}"))
            partner = self.company()
            sentences = [rng.choice((
                f"{government}与{project.investor.name}签订{project.short}投资合作协议，项目总投资{project.amount}。",
                f"{project.investor.name}与{government}签约，将在{project.county.name}建设{project.short}。",
                f"会上，{project.investor.name}与{partner.name}签订战略合作协议，双方将在算力调度、"
                f"数据服务等领域开展合作。"))]
            if project.compute and rng.random() < 0.6:
                sentences.append(f"{project.short}建成后算力规模将达{project.capacity}。")
            paragraphs.append(self.paragraph(sentences, rng.randint(1, 2)))
        paragraphs.append(self.speech(self.official()) + self.filler())
        title = rng.choice((f"{home.brief}集中签约{len(projects) + rng.randint(3, 20)}个项目",
                            f"{home.brief}签约项目总金额{total}",
                            f"{projects[0].county.brief}签约{projects[0].short}"))
        return ArticlePlan(title, paragraphs, ())

    def _meeting(self) -> ArticlePlan:
        rng = self.rng
        topic = rng.choice(TOPICS)
        chair, *others = [self.official() for _ in range(rng.randint(2, 5))]
        counties = self.world.vocabulary.counties_of[self.paper.home.code]
        area = rng.choice((self.paper.home, rng.choice(counties)))
        lead = (f"{self.day(rng.randint(0, 3))}，{area.name}召开{topic}推进会。"
                f"{chair.styled}主持会议并讲话。")
        paragraphs = [lead]
        if others:
            paragraphs.append(f"{'，'.join(p.styled for p in others)}出席会议。" + self.filler())
        for _ in range(rng.randint(2, 5)):
            facts = []
            if rng.random() < 0.5:
                project = self.project()
                facts.append(rng.choice((
                    f"会议通报了{project.name}建设进展，该项目总投资{project.amount}。",
                    f"{project.name}位于{project.county.name}，由{project.investor.name}投资建设。")))
            paragraphs.append(self.paragraph(facts, rng.randint(2, 4)))
        title = rng.choice((f"{area.brief}召开{topic}推进会", f"{topic}推进会召开"))
        return ArticlePlan(title, paragraphs, ())

    def _overview(self) -> ArticlePlan:
        rng = self.rng
        home = self.paper.home
        lead = (f"{rng.choice(WHEN)}，{home.name}已建成算力中心{rng.randint(2, 30)}个，"
                f"总算力达{compute_power(rng)}，{rng.choice(PURPOSES)}。")
        paragraphs = [lead]
        for _ in range(rng.randint(2, 5)):
            project = self.project()
            facts = [rng.choice((
                f"在{project.county.name}，{project.name}由{project.investor.name}投资建设，总投资{project.amount}。",
                f"{project.name}落户{project.zone or project.county.name}，"
                + (f"算力规模{project.capacity}。" if project.compute else f"总投资{project.amount}。")))]
            if rng.random() < 0.4:
                facts.append(f"{self.research_line()}")
            paragraphs.append(self.paragraph(facts, rng.randint(1, 3)))
        zone = rng.choice(self.paper.zones)
        paragraphs.append(f"{zone}已入驻企业{rng.randint(20, 400)}家，{self.date.year - 1}年实现产值"
                          f"{money(rng, 5, 800)}，同比增长{rng.randint(2, 40)}%。" + self.filler())
        title = rng.choice((f"{home.brief}数字经济驶入快车道", f"算力赋能 {home.brief}产业焕新",
                            f"“算”出新动能 {home.brief}聚链成群"))
        plan = ArticlePlan(title, paragraphs, ())
        if rng.random() < 0.5:
            plan.deck = f"——{home.brief}以数字经济赋能高质量发展纪实"
        return plan

    def research_line(self) -> str:
        rng = self.rng
        organisation = self.world.research_org(rng, self.paper.home)
        title = rng.choice(self.world.titles("院士", "院长", "研究员", "教授"))
        name = self.world.person_name(rng)
        return (f"{organisation}{title}{name}介绍，{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
                f"{rng.choice(PURPOSES)}。")

    def _visitors(self) -> ArticlePlan:
        rng = self.rng
        county = rng.choice(self.world.vocabulary.counties_of[self.paper.home.code])
        lead = (f"{self.day(rng.randint(0, 3))}，{county.name}迎来客流高峰，"
                f"共接待游客{rng.randint(2, 90)}.{rng.randint(1, 99)}万人次，实现旅游收入{money(rng, 0.2, 8)}。")
        paragraphs = [lead]
        roles = [t for t in self.world.vocabulary.titles.get("role", ()) if t in ("游客", "市民", "村民", "牧民")]
        for _ in range(rng.randint(2, 4)):
            who = f"{rng.choice(CITIES_OF_VISITORS)}{rng.choice(roles)}{self.world.person_name(rng)}"
            paragraphs.append(f"{who}说：“{rng.choice(QUOTES)}。”" + self.filler())
        official = self.official()
        paragraphs.append(self.speech(official))
        title = f"{county.brief}旅游持续升温"
        return ArticlePlan(title, paragraphs, ())


# ---------------------------------------------------------------------------- layout

@dataclass
class GeneratedPage:
    text: str
    articles: int                        # the articles laid out, which ingest should find
    furniture: tuple[str, ...]           # masthead and footer lines no article may contain
    repeated: tuple[str, ...]            # paragraphs the layout printed twice
    layout: str                          # "markdown" or "wrapped" (hard-wrapped lines)


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap ``text`` every ``width`` characters, never inside a Latin word or number."""
    lines: list[str] = []
    start = 0
    while len(text) - start > width:
        cut = start + width
        while cut > start + 1 and _latin(text[cut - 1]) and _latin(text[cut]):
            cut -= 1
        lines.append(text[start:cut])
        start = cut
    lines.append(text[start:])
    return lines


def _latin(character: str) -> bool:
    return character.isascii() and not character.isspace()


class Layout:
    """Lays out a page: masthead, articles (markdown or hard-wrapped), footer."""

    def __init__(self, rng: random.Random, writer: Writer):
        self.rng = rng
        self.writer = writer
        self.paper = writer.paper
        self.markdown = rng.random() < 0.5
        self.width = rng.randint(13, 18)
        self.lines: list[str] = []
        self.furniture: list[str] = []
        self.repeated: list[str] = []

    def page(self, size: int) -> GeneratedPage:
        rng = self.rng
        furnished = rng.random() < 0.85
        if furnished:
            self.masthead()
        articles = 0
        titles_after = not self.markdown and rng.random() < 0.2
        while articles == 0 or len("\n".join(self.lines).encode("utf-8")) < size:
            self.article(self.writer.article(), titles_after)
            articles += 1
        if furnished and rng.random() < 0.9:
            self.footer()
        text = "\n".join(self.lines) + "\n"
        return GeneratedPage(text, articles, tuple(self.furniture), tuple(self.repeated),
                             "markdown" if self.markdown else "wrapped")

    # -- furniture
    def furnish(self, *lines: str) -> None:
        for line in lines:
            self.lines += [line, ""]
            self.furniture.append(line.lstrip("#").strip())

    def masthead(self) -> None:
        rng, paper, date = self.rng, self.paper, self.writer.date
        self.lines += ["", ""]
        issue = 8000 + (date - dt.date(2020, 1, 1)).days
        weekday = "一二三四五六日"[date.weekday()]
        stem = "□" if self.markdown else ""
        info = (f"{stem}国内统一刊号CN {rng.randint(11, 65)}—{rng.randint(1, 99):04d} "
                f"{stem}邮发代号{rng.randint(1, 99)}—{rng.randint(1, 200)} "
                f"{stem}{paper.home.brief}网: http://www.{paper.latin.split()[0].lower()}news.cn "
                f"{stem}24小时新闻热线:{rng.randint(2000000, 8999999)}")
        self.furnish(paper.client, f"中共{paper.home.name}委员会主管主办",
                     f"{paper.home.brief}融媒体中心出版")
        if self.markdown:
            self.furnish(f"# {paper.name}", f"## {paper.latin}")
        else:
            self.furnish(paper.name, paper.latin)
        if rng.random() < 0.5:
            self.lines += [f"{date.year}年{date.month}月", "", str(date.day), "", f"星期{weekday}", ""]
        else:
            self.lines += [f"{date.year}年{date.month}月{date.day}日 星期{weekday}", ""]
        self.furnish(f"总第{issue}期", f"今日{rng.choice((4, 8, 12, 16))}版", info)
        if rng.random() < 0.4:
            self.furnish(f"» {rng.choice(COLUMNS).format(home=paper.home.brief)}")

    def footer(self) -> None:
        rng, paper = self.rng, self.paper
        county = rng.choice(self.writer.world.vocabulary.counties_of[paper.home.code])
        road = f"{rng.choice(ROADS)}{rng.choice(('', '东', '西', '南', '北'))}路{rng.randint(1, 300)}号"
        names = [self.writer.world.person_name(rng) for _ in range(3)]
        printer = self.writer.company().name
        for line in (f"□本报地址:{county.name}{road}传媒大厦",
                     f"□邮编:{rng.randint(100000, 899999)} □本期定价:{rng.choice(('1.0', '1.1', '1.5', '2.0'))}元",
                     f"□广告经营许可证:{paper.home.brief}工商广字{rng.randint(10 ** 12, 10 ** 13 - 1)}",
                     f"□承印单位:{printer} □地址:{county.name}{rng.choice(ROADS)}路{rng.randint(1, 300)}号",
                     f"□广告热线:{paper.area_code}-{rng.randint(2000000, 8999999)}",
                     f"□发行热线:{paper.area_code}-{rng.randint(2000000, 8999999)}",
                     f"□编辑/{names[0]} □版式/{names[1]} □审校/{names[2]}"):
            self.lines.append(line + ("  " if self.markdown else ""))
            self.furniture.append(line)
        self.lines.append("")

    # -- articles
    def article(self, plan: ArticlePlan, titles_after: bool) -> None:
        heads = self.heads(plan)
        if not titles_after:
            self.block(heads)
        self.block([self.opening(plan)])
        for index, paragraph in enumerate(plan.paragraphs[1:], start=1):
            if index in plan.sections and self.markdown:
                self.block(["### " + plan.sections[index]])
            self.paragraph(paragraph)
            if index == plan.repeated:
                self.paragraph(paragraph)
                self.repeated.append(paragraph)
        if titles_after:
            self.block(heads)

    def heads(self, plan: ArticlePlan) -> list[str]:
        if not self.markdown:
            return [plan.title] + ([plan.deck] if plan.deck else [])
        heads = []
        level = "# " if plan.kicker or self.rng.random() < 0.5 else "## "
        if plan.kicker:
            heads.append(f"## {plan.kicker}")
        heads.append(level + plan.title)
        if plan.deck:
            heads.append(("#" * (len(level) - 1) + "# ") + plan.deck)
        return heads

    def opening(self, plan: ArticlePlan) -> str:
        rng = self.rng
        first, reporters = plan.paragraphs[0], plan.reporters
        form = rng.random()
        spaced = " ".join(reporters)
        if form < 0.45:
            roles = " ".join(f"{rng.choice(('记者', '通讯员', '实习记者'))} {name}"
                             for name in reporters[1:])
            lead = f"本报讯（记者 {reporters[0]}{' ' + roles if roles else ''}）"
            return self.wrapped(lead + first)
        if form < 0.65:
            names = "、".join(reporters)
            bold = "**本报讯**" if self.markdown else "本报讯"
            return self.wrapped(f"{bold} 记者{names}报道：{first}")
        self.block([rng.choice((f"□本报记者 {spaced}", f"□记者 {spaced}", f"本报记者 {spaced}",
                                f"{self.paper.client[:2]}云/{self.paper.name}记者 {spaced}"))])
        return self.wrapped(first)

    def wrapped(self, text: str) -> str:
        return text if self.markdown else "\n".join(wrap(text, self.width))

    def paragraph(self, text: str) -> None:
        if self.markdown or self.rng.random() < 0.85:
            self.block([self.wrapped(text)])
            return
        # A blank line in mid-sentence, as when a column break falls inside a paragraph.  The
        # part before it has a comma: a short line alone could be read as a headline.
        lines = wrap(text, self.width)
        cut = self.rng.randint(1, max(1, len(lines) - 1))
        before = "".join(lines[:cut])
        if lines[cut - 1][-1:] in "。！？；：" or "，" not in before:
            self.block(["\n".join(lines)])
            return
        self.block(["\n".join(lines[:cut])])
        self.block(["\n".join(lines[cut:])])

    def block(self, lines: list[str]) -> None:
        for line in lines:
            self.lines += [line, ""]


def generate_page(seed: int, number: int, size: int | None = None,
                  world: World | None = None) -> GeneratedPage:
    """Page ``number`` of the corpus of ``seed``, about ``size`` bytes (5–15 KB if None)."""
    world = world or World(seed)
    rng = random.Random(f"{seed}:page:{number}")
    size = size or rng.randint(*PAGE_BYTES)
    paper = rng.randrange(World.NEWSPAPERS)
    date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    return Layout(rng, Writer(world, rng, paper, date)).page(size)


# ---------------------------------------------------------------------------- corpus

@dataclass
class CorpusInfo:
    path: Path
    pages: int
    bytes: int
    articles: int
    seed: int
    megabytes: float

    def to_json(self) -> dict:
        return {"pages": self.pages, "bytes": self.bytes, "articles": self.articles,
                "seed": self.seed, "megabytes": self.megabytes}


def _fingerprint() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in ("divisions.tsv", "titles.txt", "surnames.txt"):
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:16]


_FINGERPRINT = _fingerprint()   # of the code as imported, which is the code that runs


def fingerprint() -> str:
    """Hash of what the pages depend on: this generator and the data files it reads."""
    return _FINGERPRINT


def read_corpus(path: str | Path) -> CorpusInfo | None:
    """The corpus in ``path`` if it is whole and made by the current generator, else None."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("fingerprint") != fingerprint():
        return None
    return CorpusInfo(path, manifest["pages"], manifest["bytes"], manifest["articles"],
                      manifest["seed"], manifest["megabytes"])


def ensure_corpus(path: str | Path, megabytes: float, seed: int = 1) -> CorpusInfo:
    """Reuse the corpus cached in ``path`` when it is current, else (re)write it."""
    info = read_corpus(path)
    if info is not None and info.megabytes == megabytes and info.seed == seed:
        return info
    return write_corpus(path, megabytes, seed)


def write_corpus(out: str | Path, megabytes: float, seed: int = 1) -> CorpusInfo:
    """Write pages into ``out`` until they hold ``megabytes`` MB; replaces ``out`` whole.

    The pages are written into a temporary folder beside ``out`` that is then renamed, so
    ``out`` is never a half-written corpus.  ``corpus.json`` in it records the figures and
    the generator's fingerprint.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    world = World(seed)
    target = int(megabytes * MEGABYTE)
    written = articles = pages = 0
    while written < target:
        pages += 1
        page = generate_page(seed, pages, world=world)
        data = page.text.encode("utf-8")
        (staging / f"page_{pages:06d}.txt").write_bytes(data)
        written += len(data)
        articles += page.articles
    info = CorpusInfo(out, pages, written, articles, seed, megabytes)
    manifest = {**info.to_json(), "fingerprint": fingerprint()}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(staging, out)
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the pages into (replaced)")
    parser.add_argument("--mb", type=float, default=10.0, help="megabytes (10^6 bytes) of pages")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    info = write_corpus(args.out, args.mb, args.seed)
    print(f"{info.pages} pages, {info.articles} articles, {info.bytes / MEGABYTE:.2f} MB in {info.path}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
