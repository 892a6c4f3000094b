"""Bylines: reporter and correspondent names from leads, byline lines and photo credits.

``parse_names("记者 阿依泓 实习记者 王 某")`` -> ``("阿依泓", "王某")``: role words
(记者, 实习记者, 本报通讯员, 某某日报记者 ...) are dropped, names keep their ``·``, names
written with spaces inside (``泓 澜``) are closed up, and runs of two names written without
a separator are split where a common surname begins.
"""
from __future__ import annotations

import re

# Role words, optionally preceded by the publication (本报, 某某日报, 新华社, 某某周刊) and a
# rank.
ROLE = (r"(?:[\u4e00-\u9fff]{1,8}?(?:日报|晚报|报社|电视台|广播电视台|融媒体中心|客户端|报|台|网"
        r"|社|周刊|杂志|在线))?"
        r"(?:本报|本台|本刊|本网)?(?:特约|实习|见习|首席|全媒体|融媒体|驻[\u4e00-\u9fff]{1,4})?"
        r"(?:摄影)?(?:记者|通讯员|评论员)")
_ROLE_RE = re.compile(ROLE)
_SEPARATORS = re.compile(r"[\s、,，/；;：:（）()]+")
_NAME = re.compile(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*")
# The longest name a credit holds without a middle dot (a compound family name and three).
LONGEST_PLAIN_NAME = 6
_NOT_NAMES = frozenset({"报道", "本报", "摄影", "摄", "本报讯", "综合", "整理", "手记", "摄影报道",
                        "图文", "通讯"})

# The commonest single-character surnames (generic knowledge, used only to split runs such
# as 张某某李某 written without a separator).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠"
    "惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝郜阚花权强帅屠朴盖练廉禹井祖漆巴"
    "丰支卿狄计索宣晋初门云容敬扈晁芮阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战"
    "慕危玉银亢嵇湛宾戎勾茅利於居揭干尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")


def parse_names(content: str) -> tuple[str, ...]:
    """Names in a byline fragment, in order, without role words and without repeats."""
    names: list[str] = []
    for part in _ROLE_RE.split(content):
        tokens = [t for t in _SEPARATORS.split(part) if t]
        for token in _close_up(tokens):
            if _NAME.fullmatch(token) and len(token) >= 2 and token not in _NOT_NAMES:
                # (a run longer than a name that splits into none is words: 图片由某某提供)
                names.extend(n for n in _split_run(token)
                             if "·" in n or len(n) <= LONGEST_PLAIN_NAME)
    return tuple(dict.fromkeys(names))


def has_role(content: str) -> bool:
    return _ROLE_RE.search(content) is not None


def _close_up(tokens: list[str]) -> list[str]:
    """Join single characters to their neighbour: ``泓 澜`` -> ``泓澜``."""
    merged: list[str] = []
    for token in tokens:
        if merged and len(merged[-1]) == 1 and (len(token) <= 2 or "·" in token):
            merged[-1] += token
        else:
            merged.append(token)
    if len(merged) >= 2 and len(merged[-1]) == 1 and len(merged[-2]) <= 2:
        merged[-2:] = [merged[-2] + merged[-1]]
    return merged


def _split_run(token: str) -> list[str]:
    """Split 5-6 characters that are two names run together; keep anything else whole."""
    if "·" in token or len(token) <= 4 or len(token) > 9:
        return [token]
    best: list[str] | None = None
    for first in (3, 2):
        rest = token[first:]
        if token[0] in _SURNAMES and rest and rest[0] in _SURNAMES:
            tail = [rest] if 2 <= len(rest) <= 3 else _split_run(rest) if len(rest) > 3 else None
            if tail and all(2 <= len(t) <= 3 and t[0] in _SURNAMES for t in tail):
                best = [token[:first], *tail]
                break
    return best or [token]
