"""The typed records that flow through the pipeline, one stage to the next.

files -> Page -> Article -> (spaCy Doc) -> Mention / Quantity / Fact -> Entity / LinkedFact
-> KnowledgeGraph.  Every stage takes and returns these records; none reaches into
another stage's internals.  Offsets are character offsets into the decoded source
file, so any fact can be traced back to where it was read.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal[
    "Person", "Company", "GovernmentBody", "ResearchOrg", "Organization",
    "AdminArea", "Zone", "Port", "ComputeCenter", "Project",
]
ENTITY_TYPES: tuple[str, ...] = (
    "Person", "Company", "GovernmentBody", "ResearchOrg", "Organization",
    "AdminArea", "Zone", "Port", "ComputeCenter", "Project",
)
ORGANISATION_TYPES = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization"})
FACILITY_TYPES = frozenset({"ComputeCenter", "Project"})

PREDICATES: tuple[str, ...] = (
    "locatedIn", "investor", "builtBy", "investmentAmount", "computeCapacity",
    "holdsPosition", "agreementWith",
)
QUANTITY_PREDICATES = frozenset({"investmentAmount", "computeCapacity"})
# Facts the graph keeps beside the scored ones: they travel in KnowledgeGraph.relations
# and facts.jsonl, and the RDF states them as it states the others.  subsidiaryOf:
# company -> parent company; programmeInvestment: area, zone or organ -> the money of a
# programme or signing round (签约项目36个，总投资120亿元), which is no project's
# investmentAmount.
RELATION_PREDICATES: tuple[str, ...] = ("subsidiaryOf", "programmeInvestment")
# Money: what an amount is (qualifier) and what it is of (scope).  Only a project-scoped
# amount that is not a part of another (其中…) becomes a project's investmentAmount.
MONEY_QUALIFIERS = ("total", "phase", "cumulative", "planned", "completed")
MONEY_SCOPES = ("project", "programme", "signing")


@dataclass(frozen=True)
class Source:
    """Where something was read: document stem, article id, offsets into the source file."""
    doc: str
    article_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in cleaned article text back to positions in the source file.

    Stored as runs: ``starts[i]`` is the text position where run i begins and
    ``sources[i]`` the source position of that character; a run continues one to one
    until the next run begins.
    """
    starts: tuple[int, ...]
    sources: tuple[int, ...]

    def to_source(self, position: int) -> int:
        if not self.starts:
            return position
        i = bisect.bisect_right(self.starts, position) - 1
        if i < 0:
            return self.sources[0]
        return self.sources[i] + (position - self.starts[i])

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering text[start:end] (end exclusive).

        Runs are not always in source order (a photo caption is moved after its article's
        text): the span runs from the lowest source position of the characters to the
        highest.
        """
        if end <= start:
            s = self.to_source(start)
            return s, s
        first, last = self.to_source(start), self.to_source(end - 1)
        low, high = min(first, last), max(first, last)
        i = bisect.bisect_right(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        for k in range(i, j):       # the runs that begin inside the span
            run_end = min(self.starts[k + 1] if k + 1 < len(self.starts) else end, end)
            low = min(low, self.sources[k])
            high = max(high, self.sources[k] + run_end - self.starts[k] - 1)
        return low, high + 1

    @classmethod
    def from_positions(cls, positions: list[int]) -> "OffsetMap":
        """Compress a per-character list of source positions into runs."""
        starts: list[int] = []
        sources: list[int] = []
        previous = None
        for index, source in enumerate(positions):
            if previous is None or source != previous + 1:
                starts.append(index)
                sources.append(source)
            previous = source
        return cls(tuple(starts), tuple(sources))


@dataclass(frozen=True)
class Page:
    """One input file, decoded, with what its masthead says."""
    path: str
    doc: str
    text: str
    encoding: str
    newspaper: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd


@dataclass(frozen=True)
class Article:
    """One article of a page: cleaned text plus the map back to the source file."""
    id: str                      # "<file stem>#<n>"
    doc: str                     # file stem
    path: str
    title: str | None
    byline: tuple[str, ...]
    date: str | None
    newspaper: str | None
    text: str
    offsets: OffsetMap
    kind: str = "article"        # or "furniture": a page's masthead and footer lines
    title_offsets: OffsetMap | None = None   # the title's map back to the source file

    def source(self, start: int, end: int, sentence: str) -> Source:
        s, e = self.offsets.span_to_source(start, end)
        return Source(self.doc, self.id, s, e, sentence)

    def title_source(self, start: int, end: int) -> Source:
        """The Source of title[start:end]; its sentence is the whole title."""
        s, e = self.title_offsets.span_to_source(start, end) if self.title_offsets else (0, 0)
        return Source(self.doc, self.id, s, e, self.title or "")


@dataclass(frozen=True)
class Mention:
    """A named entity as written in one article.

    ``name`` is the name the mention stands for (usually ``text``; an implied organ such
    as 中共某某市委员会 read from the title 某某市委副书记 has the full name here and the
    written form in ``text``).  ``code`` is the division code for administrative areas.
    ``aliases`` holds other names the text gives the same thing in this very mention.
    """
    text: str
    type: str
    source: Source
    start: int = 0               # offsets in article text
    end: int = 0
    name: str = ""
    code: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.text


@dataclass(frozen=True)
class Quantity:
    """A normalised value: money in CNY, compute in PFLOPS."""
    value: float
    unit: str                    # "CNY" | "PFLOPS"
    text: str
    status: str | None = None    # "planned" | "current"
    phase: str | None = None     # e.g. "一期" when the amount is for one phase
    bound: str | None = None     # 超 / 约 / 以上 ... as written; "range" for a range
    upper: float | None = None   # a range's upper end; ``value`` is its lower end
    qualifier: str | None = None  # money: one of MONEY_QUALIFIERS
    scope: str | None = None      # money: one of MONEY_SCOPES
    count: int | None = None      # money of a programme: how many projects it sums


@dataclass(frozen=True)
class Signing:
    """One signing event (签约, 签订…协议): every party, with its date, place and document.
    The pairwise agreementWith facts are derived from it and each carries it."""
    key: str                     # "<article id>@<offset of the signing verb>"
    parties: tuple[str, ...]     # names at extraction, entity ids after linking
    date: str | None = None      # ISO date of the article when the text gives none
    place: str | None = None     # name of the place where it was signed, if written
    document: str | None = None  # 《…协议》 or the agreement's words as written


@dataclass(frozen=True)
class Fact:
    """A fact read in one article; subject and object are mentions until linking."""
    subject: Mention
    predicate: str
    source: Source
    object: Mention | None = None
    quantity: Quantity | None = None
    title: str | None = None     # holdsPosition
    topic: str | None = None     # agreementWith
    signing: Signing | None = None   # agreementWith: the event it was read from


@dataclass
class Entity:
    """A linked entity: every mention of one thing across all articles."""
    id: str                      # stable key, e.g. "area/654301" or "company/<hash>"
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    code: str | None = None
    parent: str | None = None    # entity id of the containing area (partOf)


@dataclass
class LinkedFact:
    """A fact between linked entities, with every place it was read."""
    subject: str                 # entity id
    predicate: str
    sources: list[Source]
    object: str | None = None    # entity id
    value: float | None = None
    unit: str | None = None
    status: str | None = None
    phase: str | None = None
    title: str | None = None
    topic: str | None = None
    qualifier: str | None = None     # money (see Quantity)
    scope: str | None = None
    signing: Signing | None = None   # agreementWith: parties are entity ids
    bound: str | None = None         # a quantity's bound and range, as on Quantity
    upper: float | None = None
    count: int | None = None         # programmeInvestment: how many projects it sums

    def key(self) -> tuple:
        if self.value is not None:
            return (self.subject, self.predicate, round(self.value, 3), self.unit,
                    self.status, self.phase)
        return (self.subject, self.predicate, self.object, self.title)


@dataclass(frozen=True)
class ArticleInfo:
    """What the graph keeps of an article: its metadata, not its text."""
    id: str
    doc: str
    path: str
    title: str | None
    byline: tuple[str, ...]
    date: str | None
    newspaper: str | None
    length: int

    @classmethod
    def of(cls, article: Article) -> "ArticleInfo":
        return cls(article.id, article.doc, article.path, article.title, article.byline,
                   article.date, article.newspaper, len(article.text))


@dataclass
class KnowledgeGraph:
    """The result of linking: entities, facts and the articles they were read in."""
    entities: list[Entity]
    facts: list[LinkedFact]
    articles: list[ArticleInfo]
    relations: list[LinkedFact] = field(default_factory=list)   # RELATION_PREDICATES

    def entity(self, entity_id: str) -> Entity:
        return self._index()[entity_id]

    def _index(self) -> dict[str, Entity]:
        cached = getattr(self, "_by_id", None)
        if cached is None or len(cached) != len(self.entities):
            cached = {e.id: e for e in self.entities}
            object.__setattr__(self, "_by_id", cached)
        return cached
