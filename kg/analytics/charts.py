"""The report's charts: SVG with its text kept as text, and PNG copies where a font allows.

Every chart labels areas by name.  The SVG is written with matplotlib's
``svg.fonttype: none``: labels stay ``<text>`` elements, which the browser draws with its
own fonts (Chinese included) and a reader can select and search.  The layout is computed
with DejaVu Sans, the font matplotlib ships, so the SVG is the same on every machine;
since that font has no Chinese glyphs, margins are measured from the labels themselves
(a full-width character is one em).  Fixed hash salts and no date make the bytes
reproducible.

A PNG copy is drawn only when :func:`cjk_font` finds a font with Chinese glyphs among the
system's fonts; without one a PNG would show empty boxes for every name.
"""
from __future__ import annotations

import html
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

__all__ = ["Chart", "cjk_font", "bar_chart", "grouped_bar_chart", "stacked_month_chart",
           "inline_svg"]

FIGURE_SIZE = (8.0, 5.0)        # inches: 576 x 360 pt in the SVG, 800 x 500 px as PNG
PNG_DPI = 100
FONT_SIZE = 9
LABEL_CHARS = 18
_CJK_SAMPLE = "中文字区"
# File names of common CJK fonts, looked at before every other font on the system.
_CJK_HINTS = ("cjk", "han", "wqy", "wenquanyi", "droidsansfallback", "uming", "ukai",
              "simhei", "simsun", "msyh", "yahei", "pingfang", "hiragino", "heiti",
              "songti", "kaiti", "fangsong", "notosanssc", "notoserifsc", "sarasa", "arphic")


@dataclass(frozen=True)
class Chart:
    """One chart: ``name`` is the file stem, ``svg`` the SVG document, ``png`` its PNG
    copy (None when no CJK font is installed)."""
    name: str
    title: str
    svg: str
    png: bytes | None


def warm_up() -> None:
    """Import the plotting library and find the CJK font ahead of the first chart: a
    parallel build does it while its workers read, before it forks the writers."""
    import matplotlib.figure  # noqa: F401
    import matplotlib.patches  # noqa: F401
    import matplotlib.ticker  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401
    cjk_font()


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of a font on this system that has Chinese glyphs, if any.

    Looks at the system's font files (and those matplotlib knows), files named like
    CJK fonts first, and keeps the first that draws a few common characters with a glyph
    of their own; it is added to matplotlib's font list so that charts can use it.
    Searched once per process.
    """
    from matplotlib import font_manager, ft2font

    try:
        paths = set(font_manager.findSystemFonts(fontext="ttf"))
    except (OSError, RuntimeError):
        paths = set()
    paths |= {entry.fname for entry in font_manager.fontManager.ttflist}

    def hinted(path: str) -> bool:
        name = re.sub(r"[^a-z]", "", path.rsplit("/", 1)[-1].lower())
        return any(hint in name for hint in _CJK_HINTS)

    for path in sorted(paths, key=lambda p: (not hinted(p), p)):
        try:
            font = ft2font.FT2Font(path)
            charmap = font.get_charmap()
        except (OSError, RuntimeError, ValueError):
            continue
        glyphs = {charmap.get(ord(char)) for char in _CJK_SAMPLE}
        # Every character its own glyph: a fallback font such as matplotlib's own "Last
        # Resort" maps whole blocks of characters to one placeholder box.
        if None not in glyphs and len(glyphs) == len(_CJK_SAMPLE):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
            return font.family_name
    return None


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _text_width(text: str) -> float:
    """Width of ``text`` in ems: full-width characters one em, others about 0.6."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6 for char in text)


def _left_margin(labels: list[str]) -> float:
    """Fraction of the figure's width that the longest label (and its tick) needs."""
    widest = max((_text_width(label) for label in labels), default=0.0)
    points = widest * FONT_SIZE + 14
    return min(0.45, max(0.08, points / (FIGURE_SIZE[0] * 72)))


def _settings(name: str, family: str | None) -> dict:
    settings = {"svg.fonttype": "none", "svg.hashsalt": f"kg-{name}", "font.size": FONT_SIZE,
                "font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"],
                "axes.titlesize": 10}
    if family:
        settings["font.sans-serif"] = [family, "DejaVu Sans"]
    return settings


def _draw(name: str, draw: Callable, left: float, family: str | None, fmt: str) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_settings(name, family)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        figure = Figure(figsize=FIGURE_SIZE)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        margins = {"left": left, "right": 0.97, "top": 0.92, "bottom": 0.1}
        margins.update(draw(axes) or {})
        figure.subplots_adjust(**margins)
        buffer = io.BytesIO()
        if fmt == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        else:
            figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return buffer.getvalue()


def _chart(name: str, title: str, draw: Callable, labels: list[str]) -> Chart:
    left = _left_margin(labels)
    svg = _draw(name, draw, left, None, "svg").decode("utf-8")
    family = cjk_font()
    png = _draw(name, draw, left, family, "png") if family else None
    return Chart(name, title, svg, png)


def _no_data(axes, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center")
    axes.set_axis_off()


def bar_chart(name: str, title: str, labels: list[str], values: list[float],
              colours: list[str], xlabel: str, legend: dict[str, str],
              empty: str) -> Chart:
    """Horizontal bars, the first label at the top; ``legend`` maps names to colours."""
    shown = [_short(label) for label in labels]

    def draw(axes):
        if not labels:
            _no_data(axes, empty)
            return
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color=colours)
        axes.set_yticks(positions, shown)
        axes.set_xlabel(xlabel)
        axes.set_title(title)
        if legend:
            from matplotlib.patches import Patch
            axes.legend(handles=[Patch(color=c, label=n) for n, c in legend.items()],
                        loc="best")

    return _chart(name, title, draw, shown)


def grouped_bar_chart(name: str, title: str, labels: list[str],
                      series: dict[str, tuple[str, list[float]]], xlabel: str,
                      empty: str) -> Chart:
    """Horizontal bars in groups, one bar per series (name -> (colour, values))."""
    shown = [_short(label) for label in labels]

    def draw(axes):
        if not labels:
            _no_data(axes, empty)
            return
        positions = list(range(len(labels)))[::-1]
        height = 0.8 / max(1, len(series))
        for k, (series_name, (colour, values)) in enumerate(series.items()):
            offset = 0.4 - height * (k + 0.5)
            axes.barh([p + offset for p in positions], values, height=height, color=colour,
                      label=series_name)
        axes.set_yticks(positions, shown)
        axes.set_xlabel(xlabel)
        axes.set_title(title)
        axes.legend(loc="best")

    return _chart(name, title, draw, shown)


def stacked_month_chart(name: str, title: str, months: list[str],
                        series: dict[str, tuple[str, list[int]]], ylabel: str,
                        empty: str) -> Chart:
    """Vertical bars by month (``yyyy-mm``), stacked by series (name -> (colour, counts))."""

    def draw(axes):
        if not months:
            _no_data(axes, empty)
            return
        positions = list(range(len(months)))
        base = [0] * len(months)
        for series_name, (colour, counts) in series.items():
            if any(counts):
                axes.bar(positions, counts, bottom=base, color=colour, label=series_name,
                         width=0.8)
                base = [b + c for b, c in zip(base, counts)]
        step = max(1, (len(months) + 23) // 24)        # at most 24 month labels
        axes.set_xticks(positions[::step], months[::step],
                        rotation=45 if len(months) > 6 else 0,
                        ha="right" if len(months) > 6 else "center")
        axes.set_xlim(-0.6, len(months) - 0.4)
        from matplotlib.ticker import MaxNLocator
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(ylabel)
        axes.set_title(title)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        return {"right": 0.8, "bottom": 0.16 if len(months) > 6 else 0.1}

    return _chart(name, title, draw, ["0000"])


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


def inline_svg(chart: Chart) -> str:
    """The chart's SVG element alone (no XML prolog or DOCTYPE), to embed in HTML, sized
    to the page's width."""
    svg = _PROLOG.sub("", chart.svg, count=1)
    label = html.escape(chart.title, quote=True)
    return svg.replace("<svg ", f'<svg class="kg-chart" role="img" aria-label="{label}" ', 1)
