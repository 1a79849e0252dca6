"""A chart as a file to download: PNG (at least 1,200 px wide) and SVG, each with the title on top and,
drawn into the image under the chart, the source line, the edition date, the licence and the page URL.

The chart's own localized Vega-Lite spec is wrapped (title above, a multi-line footer title below) and
rendered offline by vl-convert: SVG first, then that SVG rasterized, so both files show the same
drawing. A downloaded file has no page around it, so the page-following `currentColor` becomes a dark
ink on a white background, and the font stack for readers' systems becomes one face that is installed
where the site is built: Noto Sans CJK SC/TC (Debian's fonts-noto-cjk, as the PDF edition uses) for
Chinese, Liberation Sans for English, so a Chinese image shows no tofu. Both files are cached by the
hash of the wrapped spec, beside the inline SVGs.
"""

from __future__ import annotations

import math
import re
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import vl_convert as vlc

from sinoreport.charts import render as chart_render
from sinoreport.charts.render import VL_VERSION, _write_atomic, spec_hash
from sinoreport.charts.style import FONTS

# The faces the files are drawn in (installed by fonts-noto-cjk and fonts-liberation on Debian)
FACES = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC", "en": "Liberation Sans"}
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/liberation")
MIN_PNG_WIDTH = 1200
INK, MUTED, PAPER = "#1a1a1a", "#444444", "#ffffff"
_FORMAT = "1"  # bump when the wrapping changes: cached files are then made again
_TOP_LEVEL = ("$schema", "config", "datasets", "description", "background", "padding", "autosize", "usermeta")
_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"')


@dataclass(frozen=True)
class ExportText:
    """What is drawn around the chart, already in the locale (the render stage writes it)."""

    title: str
    source: str  # "Source: IDC via 36Kr Finance"
    edition: str  # "Edition of 5 December 2025"
    licence: str  # "CC BY 4.0"
    url: str  # the chart page's absolute URL

    def footer(self) -> list[str]:
        return [line for line in (self.source, f"{self.edition} · {self.licence}".strip(" ·"), self.url) if line]


@dataclass(frozen=True)
class Export:
    png: bytes
    svg: str
    width: int  # of the PNG, in px
    height: int


def face(locale: str) -> str:
    return FACES.get(locale, FACES["zh-Hans"] if locale.startswith("zh") else FACES["en"])


@cache  # vl-convert's fonts are its process's: registered once per process
def register_fonts() -> None:
    """Make sure vl-convert sees the faces even where fontconfig's system folders are not its own."""
    for d in FONT_DIRS:
        if Path(d).is_dir():
            vlc.register_font_directory(d)


def _walk(node: Any, fn) -> Any:
    if isinstance(node, dict):
        return {k: _walk(v, fn) for k, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, fn) for v in node]
    return fn(node)


def export_spec(spec: dict[str, Any], text: ExportText, locale: str) -> dict[str, Any]:
    """The chart's spec wrapped for a file: title above, footer lines below, one face, dark on white."""
    f = face(locale)
    stacks = set(FONTS.values())

    def fix(x: Any) -> Any:
        if isinstance(x, str):
            if x in stacks:
                return f
            if x == "currentColor":
                return INK
        return x

    inner = _walk(spec, fix)
    top = {k: inner.pop(k) for k in _TOP_LEVEL if k in inner}
    top.pop("background", None)
    top.pop("padding", None)
    top.pop("autosize", None)
    footer = {
        "title": {"text": text.footer(), "orient": "bottom", "anchor": "start", "frame": "bounds", "font": f,
                  "fontSize": 12, "fontWeight": "normal", "color": MUTED, "offset": 18, "lineHeight": 18},
        "vconcat": [inner],
    }
    return {
        **{k: top[k] for k in ("$schema", "description") if k in top},
        "config": top.get("config", {}),
        "datasets": top.get("datasets", {}),
        "background": PAPER,
        "padding": 20,
        "title": {"text": text.title, "anchor": "start", "frame": "bounds", "font": f, "fontSize": 18,
                  "fontWeight": "bold", "color": INK, "offset": 14, "limit": 0},
        "vconcat": [footer],
    }


def scale_for(svg: str, min_width: int = MIN_PNG_WIDTH) -> float:
    """The PNG scale: twice the SVG's size (sharp on high-density screens), more if that is narrower
    than `min_width`."""
    m = _WIDTH.search(svg)
    w = float(m.group(1)) if m else 600.0
    return max(2.0, math.ceil(min_width / w * 100) / 100)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _convert(spec: dict[str, Any]) -> tuple[str, bytes]:
    register_fonts()
    svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=[])
    return svg, vlc.svg_to_png(svg, scale=scale_for(svg))


def export(spec: dict[str, Any], text: ExportText, locale: str, cache_dir: Path | None) -> Export:
    """The PNG and SVG of a chart for download, from the cache when this exact file was made before."""
    return exports([(spec, text, locale)], cache_dir)[0]


def _paths(wrapped: dict[str, Any], cache_dir: Path | None) -> tuple[Path, Path] | None:
    if cache_dir is None:
        return None
    key = spec_hash({"export": _FORMAT, "min": MIN_PNG_WIDTH, "spec": wrapped})
    base = cache_dir / key[:2] / key
    return base.with_suffix(".export.svg"), base.with_suffix(".export.png")


def exports(jobs: list[tuple[dict[str, Any], ExportText, str]], cache_dir: Path | None) -> list[Export]:
    """Many exports (spec, text, locale), in order: cached ones read, the rest converted (in the charts'
    worker processes when there are many: vl-convert holds the GIL, see charts/render.py)."""
    wrapped = [export_spec(spec, text, locale) for spec, text, locale in jobs]
    paths = [_paths(w, cache_dir) for w in wrapped]
    made: dict[int, tuple[str, bytes]] = {}
    for i, p in enumerate(paths):
        if p is not None and p[0].is_file() and p[1].is_file():
            made[i] = (p[0].read_text(encoding="utf-8"), p[1].read_bytes())
    todo = [i for i in range(len(jobs)) if i not in made]
    pool = chart_render._pool() if len(todo) >= chart_render.POOL_MIN else None
    converted: list[tuple[str, bytes]] | None = None
    if pool is not None:
        try:
            converted = list(pool.map(_convert, [wrapped[i] for i in todo]))
        except BrokenProcessPool:
            chart_render._discard_pool()
    if converted is None:
        converted = [_convert(wrapped[i]) for i in todo]
    for i, (svg, png) in zip(todo, converted, strict=True):
        made[i] = (svg, png)
        p = paths[i]
        if p is not None:
            _write_atomic(p[0], svg.encode("utf-8"))
            _write_atomic(p[1], png)
    out = []
    for i in range(len(jobs)):
        svg, png = made[i]
        w, h = png_size(png)
        out.append(Export(png=png, svg=svg, width=w, height=h))
    return out


def source_line(view, chart) -> str:
    """The chart's sources as one line in the locale: "Source: IDC via 36Kr Finance" (an outlet once,
    after the parties whose figures it passes on), "Sources: A; B" for several."""
    labels: dict[str, None] = {}
    for aid in chart.sources:
        a = view.corpus.articles.get(aid)
        if a is None:
            continue
        producers = [r.row.producer for r in chart.rows if r.article == aid and r.row.producer]
        labels.setdefault(view.via(view.outlet_name(a), producers), None)
    if not labels:
        return ""
    word = view.t("sources" if view.loc.zh or len(labels) > 1 else "source")  # 資料來源 either way
    sep = "；" if view.loc.zh else "; "
    return f"{word}{view.punct(': ')}{sep.join(labels)}"
