"""Charts from rows: selection, localized specs, forecast styling, currencies, degradation, SVG and cache.

These build ChartSets from the chart test project (tests/charts/overlay on the fixture project) without
MkDocs; test_site.py builds the whole site.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import altair as alt
import pytest
import vl_convert
from tests.conftest import PACKAGE_TEMPLATES, copy_project

from sinoreport.charts import ChartSet, registry
from sinoreport.charts import render as chart_render
from sinoreport.charts.base import Ctx
from sinoreport.charts.style import FONTS
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings

IDS = {
    "ai-chip-share-china", "capex-china-vs-us", "global-ai-capex-forecast", "ai-investment-plans",
    "capex-growth-qoq", "domestic-chips-vs-nvidia", "nvidia-china-revenue", "overseas-revenue-share",
    "moat-scorecard", "kweb-path", "stock-moves", "user-scale",
}


def views(root: Path):
    settings = load_settings(root)
    corpus = load_corpus(settings, include_drafts=False)
    assert not corpus.problems, corpus.problems
    conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.load(PACKAGE_TEMPLATES / "strings.yaml")
    return settings, corpus, {code: LocaleView(corpus, LOCALES[code], conv, strings) for code in LOCALES}


def chart_sets(root: Path, locales=tuple(LOCALES)) -> dict[str, ChartSet]:
    settings, corpus, vs = views(root)
    return {code: registry.build_chart_set(corpus, vs[code], settings) for code in locales}


def changed_project(tmp_path: Path, built_root: Path) -> Path:
    """A fresh chart project to edit, with the module's SVG cache (only what changed is rendered)."""
    from tests.charts.conftest import copy_chart_project

    root = copy_chart_project(tmp_path / "p")
    shutil.copytree(built_root / "build" / "cache", root / "build" / "cache", dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def built(chart_site) -> tuple[Path, dict[str, ChartSet]]:
    """The chart project the session already built (its SVG cache is warm), as ChartSets per locale."""
    root = chart_site.parent.parent
    return root, chart_sets(root)


def data_values(spec: dict) -> list[dict]:
    """Every data record of a (layered, concatenated) Vega-Lite spec: named datasets and inline values."""
    out: list[dict] = [r for rows in spec.get("datasets", {}).values() for r in rows]

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and "values" in node["data"]:
                out.extend(node["data"]["values"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return out


def test_every_declared_chart_id_is_defined_once(built):
    _, corpus, _ = views(built[0])
    assert {d.id for d in registry.declarations(corpus)} == IDS


def test_all_charts_drawn_in_every_locale_from_the_test_rows(built):
    _, sets = built
    for code, cs in sets.items():
        assert {c.id for c in cs.all()} == IDS, code
        for c in cs.all():
            # (one figure per metric is a card: no SVG)
            assert (c.svg.startswith("<svg") or c.card) and c.takeaway and c.sources, (code, c.id)


def test_numbers_in_charts_come_from_rows(built):
    """Every data record that carries a row's value matches a row of the chart: no number typed in code."""
    _, sets = built
    for c in sets["en"].all():
        rows = {(r.row.entity, r.row.metric, r.row.period): r.row for r in c.rows}
        records = [x for x in data_values(c.spec) if "metric" in x and "value" in x]
        if c.id != "moat-scorecard":
            assert records, c.id
        for x in records:
            row = rows.get((x["entity"], x["metric"], x["period"]))
            assert row is not None, (c.id, x)
            mid = row.value if row.value_high is None else (row.value + row.value_high) / 2
            assert x["value"] == pytest.approx(mid), (c.id, x)


def test_a_changed_row_changes_the_chart(tmp_path, built):
    root = changed_project(tmp_path, built[0])
    art = root / "content/articles/2025-10-09-nvidia-revenue-hanshan-spending.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("value: 18, unit", "value: 27, unit"), encoding="utf-8")
    chart = chart_sets(root, ["en"])["en"].get("overseas-revenue-share")
    assert ">27%<" in chart.svg and ">18%<" not in chart.svg
    assert "27%" in chart.takeaway


def test_specs_are_valid_vega_lite(built):
    """The build skips Altair's schema validation for speed; here every spec is validated (the structure
    is the same in every locale, only the labels differ)."""
    root, _ = built
    _, corpus, vs = views(root)
    ctx = Ctx(corpus, vs["zh-Hant"])
    for d in registry.declarations(corpus):
        draft = registry.build_decl(ctx, d)
        assert draft is not None, d.id
        draft.chart.to_dict(validate=True)
    for loc in LOCALES.values():
        alt.Config.from_dict(registry.style.config(loc), validate=True)


def test_forecasts_are_styled_as_forecasts(built):
    _, sets = built
    share = sets["en"].get("ai-chip-share-china")
    # the segment into the forecast is dashed, and the legend says "forecast"
    assert 'stroke-dasharray="6,4"' in share.svg
    assert ">forecast<" in share.svg
    # one forecast figure is a card (tests/charts/test_readable.py draws all-forecast bars)
    capex = sets["zh-Hans"].get("global-ai-capex-forecast")
    assert [r.row.kind.value for r in capex.card] == ["forecast"] and capex.svg == ""
    # shipments are noted under the share chart, formatted for the locale
    assert "超過40萬張" in sets["zh-Hant"].get("ai-chip-share-china").svg


def test_text_is_in_the_locale(built):
    _, sets = built
    expect = {
        "en": ("China's AI-chip market", "NVIDIA", "Domestic AI chips"),
        "zh-Hans": ("中国AI芯片市场", "英伟达", "国产AI芯片"),
        "zh-Hant": ("中國AI晶片市場", "輝達", "國產AI晶片"),
    }
    for code, words in expect.items():
        c = sets[code].get("ai-chip-share-china")
        assert c.title.startswith(words[0])
        assert 'role="graphics-document"' in c.svg and f'lang="{code}"' in c.svg
        assert re.search(rf"<title id=\"[^\"]+\">{re.escape(c.title)}</title><desc id=\"[^\"]+\">", c.svg)
        for w in words[1:]:
            assert f">{w}<" in c.svg, (code, w)
    # amounts: 億/亿 on Chinese axes and labels, bn in English
    assert ">2500億美元<" in sets["zh-Hant"].get("capex-china-vs-us").svg.replace("約", "")
    assert ">亿美元<" in sets["zh-Hans"].get("capex-china-vs-us").svg
    assert ">USD bn<" in sets["en"].get("capex-china-vs-us").svg
    # Vega's own ARIA labels are English-only: switched off so no English leaks into Chinese charts
    assert "aria-label=" not in sets["zh-Hans"].get("stock-moves").svg
    # the CJK font stack is named in the SVG itself (standalone use: PDF, feeds)
    assert "Noto Sans CJK SC" in sets["zh-Hans"].get("stock-moves").svg


def test_vertical_axis_titles_are_horizontal(built):
    _, sets = built
    spec = sets["zh-Hant"].get("global-ai-capex-forecast").spec
    axes = [a for a in re.findall(r'"axis": (\{[^{}]*\})', json.dumps(spec, ensure_ascii=False)) if "億美元" in a]
    assert axes and all('"titleAngle": 0' in a for a in axes)


def test_currencies_never_share_an_axis(tmp_path, built):
    root = changed_project(tmp_path, built[0])
    art = root / "content/articles/2025-10-07-hanshan-capex.yaml"
    text = art.read_text(encoding="utf-8").replace(
        "  - entity: hanshan-cloud\n    metric: capex\n    period: 2025Q2\n",
        "  - entity: lingxi\n    metric: capex\n    period: TTM to 2025-09\n    kind: estimate\n")
    art.write_text(text, encoding="utf-8")
    chart = chart_sets(root, ["en"])["en"].get("capex-china-vs-us")
    assert "vconcat" in chart.spec  # one panel per currency
    titles = {p["layer"][0]["encoding"]["x"]["axis"]["title"] for p in chart.spec["vconcat"]}
    assert titles == {"CNY bn", "USD bn"}
    assert chart.spec["resolve"]["scale"]["x"] == "independent"


def test_missing_rows_keep_the_id_and_show_a_note(tmp_path):
    root = copy_project(tmp_path / "plain")  # the plain fixture: no KWEB, no moats beyond one company …
    sets = chart_sets(root)
    cs = sets["zh-Hant"]
    kweb = cs.get("kweb-path")
    assert kweb is not None and not kweb.ready and kweb.svg == ""
    assert "尚無" in kweb.takeaway
    assert all(c.ready for c in cs.all()) and "kweb-path" not in {c.id for c in cs.all()}
    assert "kweb-path" not in {c.id for c in cs.headline()}
    assert {c.id for c in cs.all()} >= {"capex-growth-qoq", "ai-investment-plans", "moat-scorecard"}


def test_company_charts_are_filtered_to_the_company(built):
    _, sets = built
    cs = sets["en"]
    hanshan = {c.id: c for c in cs.for_company("hanshan-cloud")}
    assert set(hanshan) == {"capex-china-vs-us", "ai-investment-plans", "capex-growth-qoq",
                            "overseas-revenue-share", "stock-moves", "user-scale"}
    assert {r.row.entity for r in hanshan["stock-moves"].rows} == {"hanshan-cloud"}
    assert "Lingxi" not in hanshan["stock-moves"].svg
    # only companies with a full profile get charts (bounded however many companies the corpus names)
    assert cs.for_company("lingxi") == [] and cs.for_company("nvidia") == []
    # a company's products count as the company's (Hanshan MM users), the benchmark line stays
    assert {r.row.entity for r in hanshan["user-scale"].rows} == {"hanshan-mm"}
    assert {r.row.entity for r in hanshan["overseas-revenue-share"].rows} == {"hanshan-cloud", "google"}
    assert "Google (benchmark)" in hanshan["overseas-revenue-share"].svg
    # the moat scorecard is not repeated on profiles (they show the company's moats as a table)
    assert all(c.id != "moat-scorecard" for cl in cs.company_charts.values() for c in cl)


def test_moat_scorecard_from_company_scores(built):
    _, sets = built
    c = sets["zh-Hant"].get("moat-scorecard")
    header, rows = c.table
    assert header == ("公司", "技術底座", "生態閉環", "全球化")
    assert ("北冥科技", "具備", "建構中", "欠缺") in rows
    assert set(c.sources) == {"2025-10-09-beiming-moats", "2025-10-07-hanshan-capex"}
    assert "並列領先" in c.takeaway  # both fictional companies score the same


def test_svg_ids_are_scoped_per_chart(built):
    _, sets = built
    ids = []
    for c in sets["en"].all():
        ids += re.findall(r'\bid="([^"]+)"', c.svg)
        for ref in re.findall(r"url\(#([^)]+)\)", c.svg):
            assert f'id="{ref}"' in c.svg
    assert len(ids) == len(set(ids))


def test_svgs_are_cached_by_spec_hash(tmp_path, built, monkeypatch):
    from tests.charts.conftest import copy_chart_project

    root = copy_chart_project(tmp_path / "p")
    settings, corpus, vs = views(root)
    cache = registry.cache_dir(settings)
    first = registry.build_chart_set(corpus, vs["en"], settings)  # renders into an empty cache
    assert len(list(cache.rglob("*.svg"))) >= len([c for c in first.all() if not c.card]) > len(IDS) // 2

    def boom(*a, **k):
        raise AssertionError("rendered although the spec is cached")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", boom)
    again = registry.build_chart_set(corpus, vs["en"], settings)
    assert {c.id: c.svg for c in again.all()} == {c.id: c.svg for c in first.all()}
    # a new spec is not in the cache: it would be rendered
    spec = dict(first.get("stock-moves").spec, width=123)
    with pytest.raises(AssertionError, match="rendered"):
        chart_render.to_svg(spec, cache)


def test_chart_css_repeats_the_svg_font_stacks():
    """CSS outranks SVG font attributes: the stylesheet must name the fonts the labels were measured with."""
    css = (PACKAGE_TEMPLATES / "assets" / "charts.css").read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", css)
    for stack in FONTS.values():
        assert stack.replace("'", '"') in flat, stack


def test_charts_summarize_duplicates_and_long_lists(tmp_path, built):
    """One figure per entity, metric and period (an actual beats an estimate); at most MAX_BARS bars, and
    the takeaway says when some were left out."""
    from sinoreport.charts.base import MAX_BARS

    root = changed_project(tmp_path, built[0])
    art = root / "content/articles/2025-10-09-beiming-moats.yaml"
    extra = ["figures:",
             '  - {entity: hanshan-cloud, metric: overseas-revenue-share, period: "2025", value: 33, unit: "%",'
             " kind: estimate, quote: x, datasets: [overseas-revenue]}"]
    # (entities data/ does not know, said to be companies: one scope, so they are ranked with the others)
    extra += [f"  - {{entity: stock-{i:02d}, metric: price-change, period: YTD 2025, value: {i - 10}, unit: '%',"
              f" quote: x, datasets: [markets], scope: company}}" for i in range(20)]
    text = art.read_text(encoding="utf-8").replace("source:\n", "\n".join(extra) + "\nsource:\n")
    art.write_text(text, encoding="utf-8")
    cs = chart_sets(root, ["en"])["en"]
    overseas = cs.get("overseas-revenue-share")
    assert [r.row.value for r in overseas.rows if r.row.entity == "hanshan-cloud"] == [18]  # the actual
    moves = cs.get("stock-moves")
    assert len(moves.rows) == MAX_BARS
    # the largest moves either way: ±10 is in, ±1 and 0 are not
    assert {"stock-00", "stock-19"} <= {r.row.entity for r in moves.rows}
    assert "stock-10" not in {r.row.entity for r in moves.rows}
    assert f"the {MAX_BARS} largest of 22 are drawn" in moves.takeaway
