"""agreementWith: the sides of a signed agreement, letter of intent or cooperation.

A signing is an n-ary event (:class:`kg.records.Signing`): every party, with its date,
place and document; the pairwise agreementWith facts are derived from it and each
carries it.  ``A与B签订X协议``; ``A与B、C签订三方协议`` (one agreement of three parties:
every pair, when the text says 三方/多方 or names one document, 《…》);
``A分别与B、C签订X协议、Y协议`` (one agreement each, topics in order);
``A、B已与C、D签订协议`` (every pair); ``A、B、C、D四方共建…签约仪式`` (the parties listed
before how many sides sign); ``A、B、C在某地举行…三方签约仪式`` (the parties listed before the
ceremony is held); ``A当天宣布…，并与B签署…`` (a clause going on with the sentence's subject);
``由A牵头，B、C参与组建的银团…，与D签约`` (each member of the group with D);
``A作为牵头行，联合B、C组建银团，与D签署…`` (A and those it joins to it, each with D);
``甲与乙分别代表A和B签署…`` (the organisations the signatories stand for);
``A与该公司签订…`` (the company named last before);
``区政府与A签订…``, ``A与市政府签订…`` (the article's district's or city's government);
``公司与A签署…`` on an announcement or an investor Q&A page (the listed company: its
``公司全称`` field or the name before its stock code);
``A董事长某某与B总经理某某签署…`` (the representatives' organisations); ``签约双方为A和B``;
``A与B举行座谈。会后，双方签署…`` (the pair of the sentence before); ``A与B签署《…》，与C
签署《…》`` (A signs the second too).  A party
may be followed by the short name it is given (A（以下简称“甲”）于2025年3月20日与B签订…).
The topic is what stands between the signing verb and 协议, unless that is only 合作.
"""
from __future__ import annotations

import re

from kg.extract.context import FACILITY_LABELS, ORGANISATION_LABELS, ArticleContext
from kg.extract.organs import HEAD_TITLES, government
from kg.records import Fact, Mention, Signing

PARTY_LABELS = ORGANISATION_LABELS | FACILITY_LABELS | {"Zone"}
SIGN = re.compile(r"(签订|签署|签约|共同签订|正式签订|达成)(了)?")
DOCUMENT = re.compile(r"(协议书|协议|意向书|备忘录|合同|框架协议)")
GENERIC_TOPICS = frozenset({"", "合作", "战略合作", "框架", "合作框架", "相关", "项目"})
# Words after the parties: 在某地 and 于某地 are places, not parties.
AFTER_PARTIES = re.compile(r"在|于|就|举行|举办|围绕|共同|正式|现场|成功")
# A与B举行会谈，并签署…协议 keeps its parties across one clause break; after several
# (甲与乙、丙地方间互访…，举办…，建立…，签订…) the signing is a summary of many acts by
# sides the sentence does not name.
MAX_CLAUSES = 1
# A representative's title between the organisation and the name (副总经理, 党委书记、董事长).
REPRESENTATIVE_TITLE_CHARS = 12
# 三方协议, 四方签约, 多方: one agreement of all the parties (A与B、C签订三方协议); without
# it, A、B与C、D is each left party with each right one.
MULTILATERAL = re.compile(r"[三四五六多]方")
# What joins the sides named after the words for them (A、B; A——B in a list of signings).
SIDE_JOINS = frozenset({"", "、", "和", "及", "与", "——", "—", "-", "/", "；", ";"})
# 签约双方为A和B: the sides named after the words for them.
SIDES_ARE = re.compile(r"签约(?:双方|三方|四方|各方|方)(?:分别)?(?:为|是|：|:)")
DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
DOCUMENT_TITLE = re.compile(r"《([^《》]{2,40})》")
# Between a party and 与: its declared short name, a date, an adverb.
PARTY_GAP = re.compile(r"（[^（）]*）|于\d{4}年\d{1,2}月\d{1,2}日|于近日|近日|目前|此前|日前|先后|"
                       r"已经|已|还|将|正式|共同|"
                       r"[两双三四五多]方|[两三四五]家|成功|现场|"
                       r"(?:我们|其|本公司|公司)?的?(?:全资|控股)?(?:子公司|孙公司)")
# 由甲牵头，乙、丙参与组建的银团: a group the sentence forms, one leading, the others joining;
# 甲联合乙、丙…: the subject joining others to it.
LEADS, JOINS, JOINING = "牵头", "参与", "联合"
# 甲与乙分别代表A和B签署…: the signatories stand for the organisations after it.
REPRESENTING = "分别代表"
# A clause that goes on with the sentence's subject (…，并与B签署…).
CONTINUING = re.compile(r"(?:并|还|同时|也|并且|此外|另外|随后|当天|现场)*")
# 甲、乙、丙在某地举行…签约仪式: the parties listed before the ceremony is held.
HOLDING = re.compile(r"举行|举办")


def extract_agreements(ctx: ArticleContext) -> list[Fact]:
    facts = []
    text = ctx.text
    previous_sentence = None
    for sentence in ctx.sentences:
        facts.extend(_sides_named(ctx, sentence))
        left_before: list[Mention] = []       # the sides of the sentence's last signing
        for sign in SIGN.finditer(text, sentence.start, sentence.end):
            document = DOCUMENT.search(text, sign.end(), min(sentence.end, sign.end() + 40))
            if document is None and sign.group(1) != "签约":
                continue      # 签署 needs what was signed; A与B签约 is itself an agreement
            with_at = _conjunction(ctx, sentence.start, sign.start())
            both = _both_sides_before(ctx, sentence, previous_sentence, sign.start()) \
                if with_at == -1 else None
            if both is not None:
                # 甲与乙举行座谈。会后，双方签署…: the pair the sentence before names.
                left, right, parties_end = both[:1], both[1:], sign.start()
                with_at = both[1].start - 1
            elif with_at == -1:
                # 甲、乙、丙三方签署…: the parties joined by 、 right before the verb, or
                # right before 三方/四方 (甲、乙、丙、丁四方共建某某研究院签约仪式).
                together = _group_before(ctx, sentence.start, sign.start())
                if len(together) < 2:
                    sides = MULTILATERAL.search(text, sentence.start, sign.start())
                    together = _group_before(ctx, sentence.start, sides.start()) if sides else []
                if len(together) < 2:
                    together = _listed_before_holding(ctx, sentence.start, sign.start())
                if len(together) < 2 or all(m.type in FACILITY_LABELS for m in together):
                    continue     # (甲项目、乙中心等集中签约: the projects signed, no sides)
                together = [_as_party(ctx, m) for m in together]
                left, right, with_at = together[:1], together[1:], together[1].start - 1
                parties_end = together[-1].end
            elif _clauses_between(text, with_at, sign.start()) > MAX_CLAUSES:
                continue
            elif len(represented := _represented(ctx, with_at, sign.start())) >= 2:
                # 甲与乙分别代表A和B签署…: the organisations the signatories stand for
                left, right = represented[:1], represented[1:]
                parties_end = represented[-1].end
            else:
                left = [_as_party(ctx, m) for m in _group_before(ctx, sentence.start, with_at)]
                if not left:
                    left = [m for m in (_written_party(ctx, sentence.start, with_at),) if m]
                if not left and text[with_at - 1:with_at] in "，,":
                    left = left_before     # 甲与乙签署《…》，与丙签署《…》: the same side
                if not left:
                    left = [m for m in (_sentence_subject(ctx, sentence, with_at),) if m]
                    left += _joined_by_subject(ctx, left, with_at)
                if not left:
                    left = _led_group(ctx, sentence.start, with_at)
                parties_end = _parties_end(ctx, with_at, sign.start())
                right = [_as_party(ctx, m) for m in _group_after(ctx, with_at + 1, parties_end)]
                if not right:
                    right = [m for m in (_referred_party(ctx, with_at + 1, left),) if m]
                if not right:
                    right = _listed_earlier(ctx, with_at + 1, sentence.start, left)
            right = list({m.label: m for m in right}.values())
            if not left or not right:
                continue
            left_before = left
            signed_end = document.end() if document else sign.end()
            clause_end = min([i for i in (text.find(p, signed_end, sentence.end)
                                          for p in "，。；") if i != -1] or [sentence.end])
            last = max((m.end() for m in DOCUMENT.finditer(text, sign.end(), clause_end)),
                       default=signed_end)
            topics = _topics(text[sign.end():last])
            respectively = "分别" in text[with_at - 3:with_at + 1] or \
                "分别" in text[right[-1].end:sign.start()]
            source = ctx.evidence(sign.start(), sign.end())
            # A与B、C签订了《…》: one document, so one agreement of all the parties.
            one_document = len(left) == 1 and text.startswith("《", sign.end())
            if respectively or not (MULTILATERAL.search(text, sentence.start, clause_end)
                                    or one_document):
                pairs = [(party, other, i) for i, other in enumerate(right) for party in left]
            else:       # one signing of three or more: every party with every other
                parties = list({m.label: m for m in left + right}.values())
                pairs = [(a, b, right.index(b) if b in right else 0)
                         for n, a in enumerate(parties) for b in parties[n + 1:]]
            events = {} if respectively else {None: _signing(
                ctx, sign.start(), left + right, text[sign.end():last], sentence.start)}
            for party, other, i in pairs:
                topic = topics[i] if respectively and len(topics) == len(right) else (
                    topics[0] if len(topics) == 1 else None)
                if party.label == other.label:
                    continue
                event = events.get(None) or events.setdefault(i, _signing(
                    ctx, sign.start(), [*left, other], text[sign.end():last], sentence.start))
                facts.append(Fact(party, "agreementWith", source, object=other, topic=topic,
                                  signing=event))
        previous_sentence = sentence
    return facts


BOTH_SIDES = re.compile(r"(?:会后|会上|随后|现场|当天|期间|座谈中)?[，,]?(?:双方)")


def _both_sides_before(ctx: ArticleContext, sentence, previous,
                       position: int) -> list[Mention] | None:
    """双方签署… with no sides in the sentence: the two organisations the sentence before
    joins with 与/和/同 (甲与乙举行座谈。会后，双方签署…), else None."""
    clause = ctx.text[sentence.start:position]
    if previous is None or not BOTH_SIDES.fullmatch(clause.strip()):
        return None
    with_at = _conjunction(ctx, previous.start, previous.end)
    if with_at == -1:
        return None
    left = _group_before(ctx, previous.start, with_at)
    right = _group_after(ctx, with_at + 1, _parties_end(ctx, with_at, previous.end))
    if len(left) != 1 or len(right) != 1:
        return None
    return [_as_party(ctx, left[0]), _as_party(ctx, right[0])]


def _sides_named(ctx: ArticleContext, sentence) -> list[Fact]:
    """签约双方为A和B, 签约方分别是A、B、C: every pair of the sides named."""
    facts = []
    for sides in SIDES_ARE.finditer(ctx.text, sentence.start, sentence.end):
        parties, cursor = [], sides.end()
        for m in ctx.mentions_between(sides.end(), sentence.end, PARTY_LABELS | {"AdminArea"}):
            if _in_brackets(ctx, m):
                continue
            if PARTY_GAP.sub("", ctx.text[cursor:m.start]).strip() not in SIDE_JOINS:
                break
            parties.append(_as_party(ctx, m))
            cursor = m.end
        facts.extend(_every_pair(ctx, parties, sides.start(), sentence.start,
                                 ctx.evidence(sides.start(), sides.end())))
    return facts


def signed_by_sides(ctx: ArticleContext, sides: list[Mention], start: int, end: int,
                    topic: str | None = None) -> list[Fact]:
    """The agreement of the sides a table's row names (its 签约双方 cell, 甲—乙), with
    the row (``start``-``end``) as evidence: one signing, every pair of its parties."""
    return _every_pair(ctx, [_as_party(ctx, side) for side in sides], start, start,
                       ctx.evidence(start, end), topic)


def _every_pair(ctx: ArticleContext, parties: list[Mention], sign_at: int, sentence_start: int,
                source, topic: str | None = None) -> list[Fact]:
    """One signing of ``parties`` (each once), as the agreement of every pair of them."""
    parties = list({m.label: m for m in parties}.values())
    if len(parties) < 2:
        return []
    event = _signing(ctx, sign_at, parties, topic or "", sentence_start)
    return [Fact(a, "agreementWith", source, object=b, topic=topic, signing=event)
            for n, a in enumerate(parties) for b in parties[n + 1:]]


def _signing(ctx: ArticleContext, sign_at: int, parties: list[Mention], signed: str,
             sentence_start: int) -> Signing:
    """The signing event: its parties, date (written in the sentence before ``sign_at``,
    else the article's), place (在某地签订/举行) and what was signed."""
    text = ctx.text
    head = text[sentence_start:sign_at]
    date = DATE.search(head)
    iso = None
    if date is not None and date.group("year"):
        iso = f"{int(date['year']):04d}-{int(date['month']):02d}-{int(date['day']):02d}"
    elif date is not None and ctx.article.date:
        iso = f"{ctx.article.date[:4]}-{int(date['month']):02d}-{int(date['day']):02d}"
    place = None
    at = max(text.rfind("在", sentence_start, sign_at), text.rfind("于", sentence_start, sign_at))
    if at != -1:
        named = ctx.mention_at(at + 1, ("AdminArea", "Zone"), end=at + 16)
        place = named.label if named is not None else None
    written = DOCUMENT_TITLE.search(signed)
    key = f"{ctx.article.id}@{sign_at}"
    return Signing(key, tuple(dict.fromkeys(p.label for p in parties)),
                   iso or ctx.article.date, place,
                   written.group(1) if written else (signed.strip() or None))


def _group_after(ctx: ArticleContext, start: int, end: int) -> list[Mention]:
    """The parties right after 与, joined by 、/和/及 (each may carry its short name in
    brackets); the first that does not follow on ends them."""
    group: list[Mention] = []
    cursor = start
    mentions = ctx.mentions_between(start, end)
    for m in mentions:
        if m.type not in PARTY_LABELS | {"AdminArea"} or _in_brackets(ctx, m) or \
                _opens_a_name(m, mentions):
            continue
        gap = PARTY_GAP.sub("", ctx.text[cursor:m.start])
        if gap not in ("", "、", "和", "及", "以及") if group else len(gap) > 2:
            break
        group.append(m)
        cursor = m.end
    if group and ctx.text.startswith(("等地", "的"), cursor):
        # 与上海、苏州等地的6家企业: places that say where the parties are from.
        group = [m for m in group if m.type != "AdminArea"]
    return group


def _listed_before_holding(ctx: ArticleContext, start: int, position: int) -> list[Mention]:
    """甲、乙、丙在某区举行某某项目三方签约仪式: the parties listed right before the place
    where, and the verb, of the ceremony."""
    held = None
    for held in HOLDING.finditer(ctx.text, start, position):
        break
    if held is None:
        return []
    end = held.start()
    places = [m for m in ctx.mentions_between(start, end) if m.type in ("AdminArea", "Zone")]
    while places and places[-1].end == end:
        end = places.pop().start
    if ctx.text[end - 1:end] in ("在", "于"):
        end -= 1
    return [m for m in _group_before(ctx, start, end) if m.type != "AdminArea"]


def _sentence_subject(ctx: ArticleContext, sentence, with_at: int) -> Mention | None:
    """某公司当天宣布…，并与乙签署…: a clause going on with the subject the sentence opens
    with."""
    text = ctx.text
    clause_start = max(text.rfind(p, sentence.start, with_at) for p in "，,；") + 1
    if clause_start <= sentence.start or \
            CONTINUING.fullmatch(text, clause_start, with_at) is None:
        return None
    first = next(iter(ctx.mentions_between(sentence.start, clause_start)), None)
    if first is None or first.type not in PARTY_LABELS or \
            not _opens_sentence(text, sentence.start, first.start):
        return None
    return _as_party(ctx, first)


def _represented(ctx: ArticleContext, with_at: int, sign_at: int) -> list[Mention]:
    """The organisations named after 分别代表 between 与 and the signing verb, in order."""
    at = ctx.text.find(REPRESENTING, with_at, sign_at)
    if at == -1:
        return []
    return [_as_party(ctx, m) for m in ctx.mentions_between(at + len(REPRESENTING), sign_at)
            if m.type in PARTY_LABELS and not _in_brackets(ctx, m)
            and not _opens_a_name(m, ctx.mentions)]


def _joined_by_subject(ctx: ArticleContext, subject: list[Mention],
                       with_at: int) -> list[Mention]:
    """甲作为牵头行，联合乙、丙组建银团，与丁签署…: those the subject joins to it before
    signing (联合 and a list of organisations, in its own clause)."""
    if not subject:
        return []
    text = ctx.text
    joining = text.find(JOINING, subject[0].end, with_at)
    if joining == -1:
        return []
    clause_end = min([i for i in (text.find(p, joining, with_at) for p in "，,；") if i != -1]
                     or [with_at])
    return [_as_party(ctx, m) for m in ctx.mentions_between(joining + len(JOINING), clause_end)
            if m.type in ORGANISATION_LABELS and not _in_brackets(ctx, m)
            and not _opens_a_name(m, ctx.mentions)]


def _led_group(ctx: ArticleContext, start: int, with_at: int) -> list[Mention]:
    """由甲牵头，乙、丙参与组建的银团…，与丁签约: the members of the group the sentence forms
    before 与 (the one that leads and those that join)."""
    text = ctx.text
    lead = text.find(LEADS, start, with_at)
    if lead == -1 or JOINS not in text[lead:with_at]:
        return []
    return [_as_party(ctx, m) for m in ctx.mentions_between(start, text.find(JOINS, lead, with_at))
            if m.type in ORGANISATION_LABELS and not _in_brackets(ctx, m)]


def _opens_sentence(text: str, start: int, position: int) -> bool:
    """Only a date or a time word stands before ``position`` in the sentence."""
    head = text[start:position].strip()
    return not head or re.fullmatch(r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?[，,]?|"
                                    r"(?:近日|当天|当日|同日|次日|日前|此外|同时|随后)[，,]?",
                                    head) is not None


def _opens_a_name(m: Mention, mentions: list[Mention]) -> bool:
    """An area written right before another name (张掖市|甘州区人民政府) opens that name."""
    return m.type == "AdminArea" and any(o.start == m.end for o in mentions)


def _in_brackets(ctx: ArticleContext, m: Mention) -> bool:
    opened = ctx.text.rfind("（", max(0, m.start - 12), m.start)
    return opened != -1 and ctx.text.find("）", opened, m.start) == -1


def _parties_end(ctx: ArticleContext, start: int, end: int) -> int:
    """Where the parties after 与 end: at the first word that sets the place, topic or act
    (A与B在某地举行…, A与B就…), outside a name."""
    for marker in AFTER_PARTIES.finditer(ctx.text, start + 1, end):
        if not any(m.start <= marker.start() < m.end for m in ctx.mentions):
            return marker.start()
    return end


def _clauses_between(text: str, start: int, end: int) -> int:
    return sum(text.count(mark, start, end) for mark in "，；,;")


def _conjunction(ctx: ArticleContext, start: int, end: int) -> int:
    """The last 与 (or 和, 同, 携手) before the verb that is not inside a name."""
    for word in ("与", "和", "同", "携手"):
        at = ctx.text.rfind(word, start, end)
        while at != -1 and (any(m.start <= at < m.end for m in ctx.mentions) or
                            word == "同" and _not_with(ctx.text, at) or
                            word == "与" and ctx.text.startswith(JOINS, at - 1)):   # 参与
            at = ctx.text.rfind(word, start, at)
        if at != -1:
            return at
    return -1


def _written_party(ctx: ArticleContext, start: int, position: int) -> Mention | None:
    """公司已与…, 企业与…, 中心已与…: the company the article declared as 公司 (else the
    one named last), or the facility the text is about, when the clause opens with that
    word."""
    clause_start = max([ctx.text.rfind(p, start, position) for p in "，,；："] + [start - 1]) + 1
    written = PARTY_GAP.sub("", ctx.text[clause_start:position]).strip()
    if written in ("公司", "本公司"):
        return ctx.declared_company("公司") or ctx.issuer or \
            ctx.last_before(clause_start, {"Company"})
    if written in ("该公司", "企业", "该企业"):
        return ctx.declared_company("公司") or ctx.last_before(clause_start, {"Company"})
    if written in ("中心", "该中心", "项目", "该项目"):
        return ctx.referent(clause_start)
    start = ctx.text.find(written, clause_start, position)
    return _own_government(ctx, written, start) if start != -1 else None


def _own_government(ctx: ArticleContext, written: str, start: int) -> Mention | None:
    """区政府, 市人民政府 written alone: the government of the article's district (city,
    county …), else None."""
    if not (written[:1] in "省市县区州旗" and written[1:] in ("政府", "人民政府")):
        return None
    area = ctx.relative_area(written[0])
    if area is None:
        return None
    name, aliases = government(area)
    return ctx.add(Mention(written, "GovernmentBody",
                           ctx.evidence(start, start + len(written)), start,
                           start + len(written), name, None, aliases))


def _referred_party(ctx: ArticleContext, position: int, left: list[Mention]) -> Mention | None:
    """与该公司/该企业签订…: the last company named before, if it is not a party already;
    与市政府签订…: the article's city's government."""
    for written in ("市人民政府", "县人民政府", "区人民政府", "市政府", "县政府", "区政府"):
        if ctx.text.startswith(written, position):
            return _own_government(ctx, written, position)
    if not ctx.text.startswith(("该公司", "该企业"), position):
        return None
    company = ctx.last_before(position, {"Company"})
    return company if company is not None and all(m.label != company.label
                                                   for m in left) else None


# 与上述四家银行签署…: the organisations the sentences before listed.
LISTED_EARLIER = re.compile(r"(?:上述|以上)(?P<count>[一二两三四五六七八九十\d]{1,2})?[家个]?")
COUNT_WORDS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
EARLIER_REACH = 300


def _listed_earlier(ctx: ArticleContext, position: int, sentence_start: int,
                    left: list[Mention]) -> list[Mention]:
    """与上述四家银行签署…: the organisations named before this sentence (within
    :data:`EARLIER_REACH` characters), the last ones of them as many as the count says."""
    match = LISTED_EARLIER.match(ctx.text, position)
    if match is None:
        return []
    named = {m.label: m for m in ctx.mentions_between(max(0, sentence_start - EARLIER_REACH),
                                                     sentence_start)
             if m.type in ORGANISATION_LABELS and all(m.label != o.label for o in left)}
    listed = [_as_party(ctx, m) for m in named.values()]
    count = match.group("count")
    if count:
        wanted = int(count) if count.isdigit() else COUNT_WORDS.get(count, 0)
        if wanted > len(listed):
            return []
        listed = listed[-wanted:]
    return listed


def _not_with(text: str, at: int) -> bool:
    """同 in 同日, 同比, 共同, 合同 … is no 'with'."""
    return text[at + 1:at + 2] in tuple("日时比期样意步等一年月") or \
        text[at - 1:at] in tuple("共协合相会如")


def _group_before(ctx: ArticleContext, start: int, position: int) -> list[Mention]:
    """The parties joined by 、 right before 与 (A、B已与 …); a party that signs through
    its representative (A董事长某某与…) is the representative's organisation."""
    mentions = [m for m in ctx.mentions_between(start, position)
                if m.type in PARTY_LABELS | {"AdminArea"}]
    group: list[Mention] = []
    cursor = position
    represented = _representative_before(ctx, start, position)
    if represented is not None:
        cursor, mentions = represented.start, [m for m in mentions if m.end <= represented.start]
    for m in reversed(mentions):
        if _in_brackets(ctx, m) or _opens_a_name(m, mentions):
            continue
        gap = PARTY_GAP.sub("", ctx.text[m.end:cursor])
        if len(gap) > (REPRESENTATIVE_TITLE_CHARS if represented is not None and not group
                       else 4) or any(ch in gap for ch in "，。；"):
            break
        if represented is not None and not group and gap.endswith(HEAD_TITLES) and \
                (area := ctx.committee_area(m.text, m.start)) is not None:
            # 某市委副书记、市长某某与…: the mayor signs for the city's government
            name, aliases = government(area)
            m = ctx.add(Mention(name, "GovernmentBody", m.source, m.start, m.end, name, None,
                                aliases))
        group.insert(0, m)
        cursor = m.start
        if ctx.text[cursor - 1:cursor] != "、":
            break
    return group


def _representative_before(ctx: ArticleContext, start: int, position: int) -> Mention | None:
    """The person right before ``position`` (某公司董事长|某某|与…), if there is one."""
    people = ctx.mentions_between(start, position, {"Person"})
    if people and PARTY_GAP.sub("", ctx.text[people[-1].end:position]) in ("", "代表"):
        return people[-1]
    return None


def _as_party(ctx: ArticleContext, mention: Mention) -> Mention:
    """A place that signs (某某市与某公司签约) signs through its people's government."""
    if mention.type != "AdminArea" or not mention.code or not mention.code.isdigit():
        return mention      # a foreign state signs as itself
    name, aliases = government(ctx.gazetteer.by_code(mention.code))
    # The area's name is written, not the government's: the government's name is its text
    # (the area's written form as an alias would make it the area too).
    return ctx.add(Mention(name, "GovernmentBody", mention.source, mention.start,
                           mention.end, name, None, aliases))


def _topics(phrase: str) -> list[str | None]:
    out = []
    for part in re.split(r"[、和及]", phrase):
        part = DOCUMENT.sub("", part).strip("《》“”\"' ")
        out.append(None if part in GENERIC_TOPICS else part)
    return [t for t in out] or [None]
