"""How every chart looks: fonts per locale, colors that read on Material's light and dark palettes,
axes, legends. One Vega-Lite `config` per locale, shared by the static SVG and the interactive view.

Text, axes and gridlines are drawn in `currentColor`: inline in a page they take the page's text color
(so they follow Material's `slate` scheme), and standalone (PDF, feeds, a downloaded file) they fall
back to black. Mark colors are mid-tones with at least 3:1 contrast on both white and Material's
slate background (#1e2129).
"""

from __future__ import annotations

from typing import Any

from sinoreport.i18n.locales import Locale

WIDTH = 560  # plot width in px; the SVG scales down with the column (viewBox), never up
# The smallest text a chart draws, in SVG px. Lighthouse counts text under 12 px (its CSS font-size, not
# the scaled one) as illegible, and chart labels are much of a company page's text.
TEXT = 12
# The smallest text a reader sees on a phone, in CSS px: a chart is scaled down with the column only so
# far (render/chartblock.py writes the width), then scrolls sideways.
SCREEN_TEXT = 11
BAR = 22  # px per bar in horizontal bar charts

# Faces that exist on readers' systems (macOS, Windows, Linux), then generic fallbacks. Latin first with
# Arial metrics (Helvetica Neue / Arial / Liberation Sans): vl-convert measures labels with the first face
# it finds, so the SVG's layout then matches what most readers' browsers draw. CJK: PingFang (macOS),
# Noto/Source Han (Linux, Android), YaHei/JhengHei (Windows). templates/assets/charts.css repeats these
# stacks (CSS outranks SVG font attributes, and the page's :lang() rules would otherwise win).
# Single quotes: the stack ends up inside an SVG attribute.
FONTS = {
    None: "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'Segoe UI', Roboto, system-ui, sans-serif",
    "hans": "'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', "
    "sans-serif",
    "hant": "'PingFang TC', 'Noto Sans CJK TC', 'Source Han Sans TC', 'Microsoft JhengHei', sans-serif",
}

INK = "currentColor"

# Categorical series (entities). Contrast on white / on slate: all >= 3.3.
PALETTE = ["#2f7fd8", "#e8590c", "#0d9488", "#8b5cf6", "#e03131", "#b8860b", "#37a24b", "#868e96"]
# Semantic colors. Gains and losses use blue/orange, not red/green: mainland and Hong Kong readers read
# red as up, US readers as down, and this report is read by both.
UP, DOWN = "#2f7fd8", "#e8590c"
BENCHMARK = "#868e96"
# Colours of one report's entities are pinned in its data/charts.yaml (`colors:`); a scorecard's ratings
# carry theirs in data/scorecards.yaml (model.Scorecard: by position on the scale unless given).

FORECAST_DASH = [6, 4]
FORECAST_OPACITY = 0.45


def font(loc: Locale) -> str:
    return FONTS[loc.script]


def config(loc: Locale) -> dict[str, Any]:
    """The Vega-Lite config for a locale (same for SVG and interactive rendering)."""
    f = font(loc)
    label_size = TEXT
    return {
        "background": "transparent",  # the page (light or dark) shows through
        # Vega's generated ARIA labels are English-only ("X-axis for a discrete scale…"); each chart has a
        # localized <title>/<desc> and a data table instead
        "aria": False,
        # …and no unnamed role="graphics-symbol" groups per mark (axe/Lighthouse: svg-img-alt)
        "mark": {"aria": False},
        "padding": 4,
        "font": f,
        "view": {"stroke": None},
        "title": {"color": INK, "font": f, "fontSize": 14, "subtitleColor": INK, "subtitleFont": f,
                  "anchor": "start"},
        "axis": {
            "labelColor": INK, "titleColor": INK, "domainColor": INK, "tickColor": INK,
            "gridColor": INK, "gridOpacity": 0.15, "domainOpacity": 0.5, "tickOpacity": 0.5,
            "labelFont": f, "titleFont": f, "labelFontSize": label_size, "titleFontSize": label_size,
            "titleFontWeight": "normal", "labelLimit": 260,
        },
        # y-axis titles are set horizontally above the axis (see `y_title`): rotated CJK reads sideways
        "axisY": {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleBaseline": "bottom"},
        "legend": {"labelColor": INK, "titleColor": INK, "labelFont": f, "titleFont": f,
                   "labelFontSize": label_size, "titleFontSize": label_size, "orient": "top",
                   "titleFontWeight": "normal", "symbolStrokeWidth": 2, "labelLimit": 320,
                   "offset": 20, "columnPadding": 14},
        "header": {"labelColor": INK, "titleColor": INK, "labelFont": f, "titleFont": f,
                   "labelFontSize": label_size + 1, "labelAnchor": "start", "labelFontWeight": "bold"},
        "text": {"color": INK, "font": f, "fontSize": label_size},
        "range": {"category": PALETTE},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 60, "filled": True},
        "concat": {"spacing": 28},
    }

