"""Charts a reader can read (issue 17): tick labels to the data's precision in every locale, no line
drawn through years without figures, one figure per metric shown as a card, chart text at least 12 px in
the SVG (what Lighthouse counts) and never scaled under 11 CSS px on a phone."""

from __future__ import annotations

import re

import pytest
from tests.charts.test_specs import built, changed_project, chart_sets, views  # noqa: F401  (module fixture)

from sinoreport.charts import marks, registry, style
from sinoreport.charts.base import Ctx, Draft, continuous, tick_format
from sinoreport.charts.registry import finish_spec
from sinoreport.i18n.locales import LOCALES
from sinoreport.render.chartblock import chart_block
from sinoreport.render.view import View

pytestmark = pytest.mark.slow  # the module fixture builds the chart project

_AXIS_LABELS = re.compile(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', re.S)


def axis_labels(svg: str) -> list[list[str]]:
    """The tick labels of each axis in a Vega SVG."""
    return [re.findall(r"<text[^>]*>([^<]*)</text>", g) for g in _AXIS_LABELS.findall(svg)]


def test_tick_format_has_the_decimals_of_the_step():
    assert tick_format(0, 3.4, 5) == ",.1f"  # steps of 0.5
    assert tick_format(0, 1.2, 6) == ",.1f"  # 0.2
    assert tick_format(0, 0.05, 5) == ",.2f"
    assert tick_format(0, 450, 5) == ",.0f"
    assert tick_format(-30, 60, 6) == ",.0f"


def _ctx(root, code: str) -> Ctx:
    _, corpus, vs = views(root)
    return Ctx(corpus, vs[code])


def _recs(xs: list[tuple[str, float]], **extra) -> list[dict]:
    return [{"entity": f"e{i}", "label": f"Chip {i}", "bar": f"Chip {i}", "metric": "cluster-scale",
             "metric_label": "Cluster", "period": p, "period_label": p, "value": x, "x": x, "text": f"{x}",
             "kind": "actual", "kind_label": "actual", "projection": False, "source": "s", "note": "", **extra}
            for i, (p, x) in enumerate(xs)]


@pytest.mark.parametrize("code", list(LOCALES))
def test_small_values_get_distinct_ticks(tmp_path, built, code):  # noqa: F811
    """The NVIDIA revenue axis read 0,1,1,2,2,3,3 in English: every tick rounded to a whole unit."""
    root = changed_project(tmp_path, built[0])
    art = root / "content/articles/2025-10-09-nvidia-revenue-hanshan-spending.yaml"
    text = art.read_text(encoding="utf-8")
    text = text.replace("value: 3000000000, unit: USD", "value: 300000000, unit: USD")
    text = text.replace("value: 4500000000, unit: USD", "value: 450000000, unit: USD")
    art.write_text(text, encoding="utf-8")
    chart = chart_sets(root, [code])[code].get("nvidia-china-revenue")
    numeric = [ls for ls in axis_labels(chart.svg) if ls and all(re.fullmatch(r"[\d.,]+%?", x) for x in ls)]
    assert len(numeric) == 2, axis_labels(chart.svg)  # revenue and share
    for ls in numeric:
        assert len(ls) == len(set(ls)) >= 3, (code, ls)


def test_every_drawn_chart_has_distinct_tick_labels(built):  # noqa: F811
    _, sets = built
    for code, cs in sets.items():
        for c in [*cs.all(), *(c for cl in cs.company_charts.values() for c in cl)]:
            for ls in axis_labels(c.svg):
                assert len(ls) == len(set(ls)), (code, c.id, ls)


def test_periods_years_apart_are_not_joined():
    def rec(p: str) -> dict:
        return {"period": p}

    assert continuous(rec("2024"), rec("2025")) and continuous(rec("2025Q3"), rec("2025Q4"))
    assert continuous(rec("2024"), rec("2025Q1")) and continuous(rec("2025-06"), rec("2025-07"))
    assert not continuous(rec("2019"), rec("2025")) and not continuous(rec("2023"), rec("2025"))
    assert not continuous(rec("2025Q1"), rec("2025Q3"))
    assert not continuous({"date": "2021-01-01"}, {"date": "2024-12-01"}, temporal=True)


def test_a_gap_in_the_periods_breaks_the_line(built):  # noqa: F811
    ctx = _ctx(built[0], "en")
    recs = _recs([("2019", 5.0), ("2020", 6.0), ("2025", 9.0)])
    for r in recs:
        r["entity"], r["label"] = "e", "Chip"
    chart = marks.path(ctx, recs, order=["2019", "2020", "2025"], y_axis={"title": "x"})
    spec = finish_spec(Draft(chart, "", []), "t", "d", ctx)
    data = [r for rs in spec["datasets"].values() for r in rs if "part" in r]
    part = {r["period"]: r["part"] for r in data}
    assert part["2019"] == part["2020"] != part["2025"]
    assert spec["layer"][0]["encoding"]["detail"]["field"] == "part"
    # the shipped KWEB path: 2021-01 and 2024-12 are drawn as two points, not one falling line
    kweb = built[1]["en"].get("kweb-path")
    assert len({r["part"] for rs in kweb.spec["datasets"].values() for r in rs if "part" in r}) == 2


def test_one_figure_per_metric_is_a_card_not_a_chart(built):  # noqa: F811
    root, sets = built
    hanshan = {c.id: c for c in sets["en"].for_company("hanshan-cloud")}
    moves = hanshan["stock-moves"]  # one company, one move: nothing to compare
    assert [r.row.entity for r in moves.card] == ["hanshan-cloud"] and moves.svg == ""
    assert not hanshan["overseas-revenue-share"].card  # against the benchmark: a chart
    assert hanshan["overseas-revenue-share"].svg.startswith("<svg")
    assert not sets["en"].get("nvidia-china-revenue").card  # two quarters of revenue: a chart
    lv = views(root)[2]["en"]
    v = View(lv.corpus, lv.loc, lv.conv, lv.strings)
    v.begin("companies/hanshan-cloud.md", html=True)
    html = str(chart_block(v, moves))
    assert 'class="sr-chart sr-chart-card"' in html and "<svg" not in html
    assert re.search(r'<span class="sr-card-value">\+45%</span>', html), html


def test_panels_of_one_figure_each_are_cards(built):  # noqa: F811
    """NVIDIA's China revenue and its share, one figure each, were a one-bar panel over a one-dot panel."""
    _, sets = built
    chart = sets["en"].get("nvidia-china-revenue")
    assert chart.spec.get("vconcat") and not chart.card  # two quarters of revenue: a chart
    one_each = list({r.row.metric: r for r in chart.rows}.values())
    assert len(one_each) == 2
    draft = Draft(chart=None, takeaway="", rows=one_each)  # type: ignore[arg-type]
    assert registry.card_rows(draft, chart.spec) == tuple(one_each)
    assert registry.card_rows(draft, {k: v for k, v in chart.spec.items() if k != "vconcat"}) == ()  # one panel


def test_chart_text_is_at_least_12px_in_every_locale(built):  # noqa: F811
    _, sets = built
    for code, cs in sets.items():
        for c in [*cs.all(), *(c for cl in cs.company_charts.values() for c in cl)]:
            sizes = [float(x) for x in re.findall(r'font-size="([\d.]+)px"', c.svg)]
            assert not c.svg or min(sizes) >= style.TEXT >= 12, (code, c.id, min(sizes))


def test_the_scale_floor_keeps_11px_text():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="710" height="159"><text font-size="12px">a</text>' \
          '<text font-size="14px">b</text></svg>'
    assert registry.min_width(svg) == 651  # 710 × 11 / 12
    assert registry.min_width("<svg></svg>") == 0


def test_all_forecast_bars_are_styled_as_forecasts(built):  # noqa: F811
    """(The test project's forecast is one figure, a card: here two forecast bars are drawn.)"""
    import vl_convert

    ctx = _ctx(built[0], "zh-Hans")
    recs = _recs([("2026", 5200.0), ("2027", 5400.0)], kind="forecast", kind_label=ctx.kind("forecast"),
                 projection=True)
    chart = marks.period_bars(ctx, recs, order=["2026", "2027"], y_axis={"title": "亿美元"})
    svg = vl_convert.vegalite_to_svg(finish_spec(Draft(chart, "", []), "t", "d", ctx), vl_version="6.4")
    assert 'fill-opacity="0.45"' in svg and 'stroke-dasharray="6,4"' in svg
    assert ">预测<" in svg  # a legend entry even with a single kind
