"""Derives the committed gazetteer data: divisions.tsv and division_stopforms.txt.

Run from the repository root, with jionlp installed (``pip install --no-deps jionlp``;
it is needed only here, never at run time)::

    .venv/bin/python kg/nlp/data/make_divisions.py

Sources:
- ``jionlp/dictionary/china_location.zip`` (member ``china_location.txt``): a
  tab-indented tree; depth 0 province ``name\\tcode\\tshort``, depth 1 prefecture,
  depth 2 county (with code and short form), depth 3 towns and streets (name only),
  depth 4 villages (skipped).  The package is located without importing it, because
  importing jionlp prints a banner and unpacks files.
- ``jieba/dict.txt`` (word, frequency, part of speech): short forms that are frequent
  ordinary words are written to ``division_stopforms.txt`` so the recogniser does not
  match them; ``GENERIC_FORMS`` below adds generic words the dictionary misses.

What the derivation does to the tree:
- China itself is the row ``CN`` and the parent of every province.
- The prefecture rows that repeat their province (the four municipalities, 香港, 澳门)
  and the pseudo-units ``省直辖行政区划`` / ``市直辖行政区划`` are dropped; their children
  hang from the unit above.
- County-level codes ``xxxx7x`` are economic development zones and similar functional
  areas, not administrative divisions, and are dropped (their towns hang from the
  prefecture); so are short forms that are plainly generic (经开区, 高新区).
- County rows without a code of their own (districts of Taiwan's cities, of Hong Kong
  and of Macau) and towns get the synthetic code ``<parent code>-<name>``.
- Only towns whose names end in 街道/镇/乡/苏木 are kept (not farms, parks, prisons).

Output is sorted by code and written atomically, so re-running gives identical bytes.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent
REPO = DATA.parents[2]
sys.path.insert(0, str(REPO))

from kg.nlp.gazetteer import (  # noqa: E402  (the repo must be importable first)
    COLUMNS, FULL, TOWN_SUFFIXES, Gazetteer, read_divisions,
)

DIVISIONS = DATA / "divisions.tsv"
FOREIGN = DATA / "foreign.tsv"
STOPFORMS = DATA / "division_stopforms.txt"

CHINA = ("CN", "中华人民共和国", "中国", "country", "")
PSEUDO_UNITS = {"省直辖行政区划", "市直辖行政区划", "自治区直辖县级行政区划"}
GENERIC_SHORTS = {"经开区", "高新区", "新区", "示范区", "管理区", "产业园", "省直辖", "市直辖"}
LEVEL_BY_DEPTH = {0: "province", 1: "prefecture", 2: "county", 3: "town"}

# Written forms that are everyday words or too generic to mark a place wherever they
# occur: generic full names (城区, 东区), descriptive words that jieba tags as places
# (平原, 江南, 新建), and prefecture short forms that are mostly something else (阿里,
# 白银).  The jieba test in derive_stopforms finds the rest.
GENERIC_FORMS = """
城关 新区 开发 东方 和平 长安 前进 胜利 光明 红星 向阳 团结 东风 永安 太平 新华 民主 建设 工业
中心 城区 郊区 矿区 市中 东区 西区 南区 北区 中区 新城 新市 城中 城东 城西 城南 城北 和布
平原 江南 中原 古城 南湖 河口 新建 中路 北门 西城 东城 天桥 海港 滨海 大城 中西 土城 江城
上街 花山 北湖 江海 南海 东海 中和 安宁 长寿 兴隆 河西 河东 南山 西山 北山 东山 沙河 新河
路桥 天山 三峡 白云 金山 宝山 长乐 龙山 松山 牡丹 西湖 东湖 南岳 大观 小店 同心 双桥 月湖
阿里 白银 大同 合作 友好 友谊 凤凰 元宝 宝塔 武功 温泉 红旗 高明 石林 黄龙 文峰 名山 石门
安居 乐业 兴业 桥头 站前 路北 路南 市北 市南 老城 回民 平房 灯塔 天涯 七星 海棠 钟楼 鼓楼 盐水
黑水 麒麟 富民 新民 爱民 惠民 清流 信义 方正 博爱 同仁 天元 天心 三水 大社 八里 三台 五台 板桥
城厢 雨花 牧野 集贤 鸡冠 红桥 铁西 卫东 政和 康乐 新星
""".split()
# A county's short form that jieba lists at least this often, under a part of speech other
# than place name, is an ordinary word (资源, 比如, 公安, 通道, 将军).
COMMON_WORD_FREQUENCY = 200


def jionlp_location_lines() -> list[str]:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("make_divisions: jionlp is not installed (pip install --no-deps jionlp)")
    archive = Path(spec.submodule_search_locations[0]) / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(archive) as zipped:
        text = zipped.read("china_location.txt").decode("utf-8")
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]


def derive_rows(lines: list[str]) -> list[tuple[str, str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str, str]] = {CHINA[0]: CHINA}
    # attach[depth] = code the children of the node last seen at that depth hang from
    attach: list[str | None] = [None] * 5
    for number, line in enumerate(lines, 1):
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth > 4 or not fields[0]:
            raise SystemExit(f"make_divisions: china_location.txt:{number}: bad line {line!r}")
        if depth == 4:
            continue
        name = fields[0]
        code = fields[1] if len(fields) > 1 else ""
        short = fields[2] if len(fields) > 2 else ""
        parent = CHINA[0] if depth == 0 else attach[depth - 1]
        if parent is None:
            raise SystemExit(f"make_divisions: china_location.txt:{number}: indented under nothing")
        if depth == 1 and (name in PSEUDO_UNITS or code == parent
                           or rows[parent][1].startswith(name)):
            attach[depth] = parent
            continue
        if depth == 2 and name in PSEUDO_UNITS:
            attach[depth] = parent
            continue
        if depth == 2 and code[4:5] == "7":
            attach[depth] = parent  # towns of a development zone belong to its prefecture
            continue
        if depth == 3:
            if not name.endswith(TOWN_SUFFIXES):
                continue
            code, short = f"{parent}-{name}", ""
        elif not code.isdigit() or code in rows:
            code = f"{parent}-{name}"
        shorts = [s for s in short.split("/") if s and s not in GENERIC_SHORTS and s != name]
        row = (code, name, "/".join(shorts), LEVEL_BY_DEPTH[depth], parent)
        if code in rows and rows[code] != row:
            raise SystemExit(f"make_divisions: china_location.txt:{number}: code {code} used twice")
        rows[code] = row
        attach[depth] = code
    return sorted(rows.values())


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def jieba_frequencies() -> dict[str, tuple[int, str]]:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("make_divisions: jieba is not installed")
    words: dict[str, tuple[int, str]] = {}
    path = Path(spec.submodule_search_locations[0]) / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) == 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def derive_stopforms(gazetteer: Gazetteer) -> list[str]:
    """GENERIC_FORMS plus the county short forms jieba knows as frequent ordinary words.

    Short forms of provinces, prefectures and countries are kept (jieba tags many city
    names as common nouns or verbs: 保定, 开封); only GENERIC_FORMS removes those.
    """
    words = jieba_frequencies()
    stop = set(GENERIC_FORMS)
    origins: dict[str, list[tuple[str, int]]] = {}
    for form, division, strength in gazetteer.written_forms():
        origins.setdefault(form, []).append((division.level, strength))
    for form, found in origins.items():
        if any(strength == FULL for _, strength in found) or {level for level, _ in found} != {"county"}:
            continue
        frequency, tag = words.get(form, (0, ""))
        if frequency >= COMMON_WORD_FREQUENCY and not tag.startswith("ns"):
            stop.add(form)
    return sorted(form for form in stop if gazetteer.lookup(form))


def main() -> None:
    rows = derive_rows(jionlp_location_lines())
    lines = ["\t".join(COLUMNS)] + ["\t".join(row) for row in rows]
    write_atomically(DIVISIONS, "\n".join(lines) + "\n")
    gazetteer = Gazetteer(read_divisions(DIVISIONS) + read_divisions(FOREIGN))
    stopforms = derive_stopforms(gazetteer)
    header = ("# Written forms of divisions that are ordinary words; the recogniser skips them.\n"
              "# Generated by make_divisions.py from jieba's dictionary and its GENERIC_FORMS.\n")
    write_atomically(STOPFORMS, header + "".join(f"{form}\n" for form in stopforms))
    print(f"{DIVISIONS.name}: {len(rows)} rows, {DIVISIONS.stat().st_size} bytes; "
          f"{STOPFORMS.name}: {len(stopforms)} forms")


if __name__ == "__main__":
    main()
