"""A real build of the chart test project: inline SVG charts in every locale, their captions, sources and
data tables, the interactive layer's files, and dataset downloads that agree with the YAML."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from tests.conftest import assert_no_traceback, copy_project, run_cli

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out

PREFIX = {"en": "", "zh-Hans": "zh-Hans/", "zh-Hant": "zh-Hant/"}
FIGURE = re.compile(r'<figure class="sr-chart[^"]*"[^>]*>.*?</figure>', re.S)


@pytest.fixture
def site(chart_site) -> Path:
    return chart_site


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def figures(text: str) -> dict[str, str]:
    return {re.search(r'data-chart="([^"]+)"', f).group(1): f for f in FIGURE.findall(text)
            if "data-chart=" in f}


def test_data_page_has_every_chart_as_inline_svg_in_the_locale(site):
    words = {"en": ("Sources", "Data behind this chart", "Hanshan Cloud"),
             "zh-Hans": ("资料来源", "图表数据", "寒山云"),
             "zh-Hant": ("資料來源", "圖表資料", "寒山雲")}
    for code, prefix in PREFIX.items():
        text = page(site, f"{prefix}data/index.html")
        figs = figures(text)
        assert len(figs) >= 6, code
        for cid, fig in figs.items():
            if "sr-chart-card" in fig:  # one figure (the test project's user scale): a card, no SVG
                assert '<span class="sr-card-value">' in fig and "<figcaption>" in fig and "<svg" not in fig
                continue
            svg = re.search(r"<svg\b[^>]*>", fig).group(0)
            assert 'role="graphics-document"' in svg and f'lang="{code}"' in svg, (code, cid)
            title = re.search(r"<title id=[^>]*>([^<]+)</title><desc id=[^>]*>([^<]+)</desc>", fig)
            assert title, (code, cid)
            if code != "en":  # Chinese titles and descriptions, in the locale's script
                assert re.search(r"[\u4e00-\u9fff]", title.group(1) + title.group(2)), (code, cid)
            # the caption: title, takeaway, sources; then the data as a collapsible table
            assert "<figcaption>" in fig and words[code][0] in fig, (code, cid)
            assert "<details" in fig and words[code][1] in fig and "<table>" in fig, (code, cid)
            spec = re.search(r'<script class="sr-chart-spec" type="application/json">(.*?)</script>', fig, re.S)
            assert spec and json.loads(spec.group(1))["$schema"].startswith("https://vega.github.io/schema")
        assert words[code][2] in figs["stock-moves"]


def test_chart_text_uses_the_locale_number_formats(site):
    en = figures(page(site, "data/index.html"))["capex-china-vs-us"]
    hans = figures(page(site, "zh-Hans/data/index.html"))["capex-china-vs-us"]
    hant = figures(page(site, "zh-Hant/data/index.html"))["capex-china-vs-us"]
    assert ">about USD 250 bn<" in en and ">USD bn<" in en
    assert ">约2500亿美元<" in hans and ">亿美元<" in hans
    assert ">約2500億美元<" in hant and ">億美元<" in hant


def test_sources_link_to_the_articles_from_every_page(site):
    for path in ("briefs/chart-tour/index.html", "data/index.html", "zh-Hant/companies/hanshan-cloud/index.html"):
        text = page(site, path)
        base = (site / path).parent
        links = re.findall(r'href="([^"]*articles/[^"]+)"', "".join(figures(text).values()))
        assert links, path
        for href in links:
            assert (base / href / "index.html").resolve().is_file() or (base / href).resolve().is_file(), href


def test_briefs_home_and_profiles_embed_charts(site):
    brief = figures(page(site, "zh-Hans/briefs/chart-tour/index.html"))
    assert set(brief) == {"ai-chip-share-china", "nvidia-china-revenue", "capex-china-vs-us", "moat-scorecard"}
    home = figures(page(site, "index.html"))
    assert {"ai-chip-share-china", "capex-china-vs-us", "moat-scorecard"} <= set(home)
    hanshan = figures(page(site, "zh-Hans/companies/hanshan-cloud/index.html"))
    assert {"capex-growth-qoq", "stock-moves", "user-scale"} <= set(hanshan)
    assert "灵犀" not in hanshan["stock-moves"] and "寒山云" in hanshan["stock-moves"]
    assert "图表中的数据" in page(site, "zh-Hans/companies/hanshan-cloud/index.html")  # the section heading
    assert figures(page(site, "companies/lingxi/index.html")) == {}


def test_interactive_layer_is_served_locally_and_only_loaded_by_the_loader(site):
    data = page(site, "data/index.html")
    bundle = re.search(r'<figure class="sr-chart"[^>]*data-vega="([^"]+)"', data).group(1)
    js = site / "assets" / "sinoreport" / "vega" / bundle
    assert js.is_file() and js.stat().st_size > 500_000
    assert b"window.vegaEmbed" in js.read_bytes()
    # pages with charts load only the tiny loader; the bundle is fetched by it
    assert '<script src="../assets/sinoreport/charts.js" defer>' in data
    glossary = page(site, "glossary/index.html")
    assert "sr-chart" not in glossary  # a page without charts loads neither the loader nor the bundle
    assert bundle not in glossary and "charts.js" not in glossary
    for text in (data, page(site, "zh-Hant/briefs/chart-tour/index.html")):  # nothing loaded from elsewhere
        assert not re.search(r'\bsrc="(https?:)?//', text)
        assert not re.search(r'<link[^>]*rel="(stylesheet|preload|modulepreload)"[^>]*href="(https?:)?//', text)


def _yaml_rows(project: Path) -> dict[str, set[tuple]]:
    """Rows per dataset read straight from the YAML (not through our loader), curated articles only."""
    out: dict[str, set[tuple]] = {}
    for p in sorted((project / "content" / "articles").glob("*.yaml")):
        a = yaml.safe_load(p.read_text(encoding="utf-8"))
        if a.get("status") != "curated":
            continue
        for f in a.get("figures") or []:
            period = f["period"].isoformat() if isinstance(f["period"], dt.date) else str(f["period"])
            row = (f["entity"], f["metric"], period, float(f["value"]), f["unit"], f.get("kind", "actual"),
                   f.get("source", a["id"]), f["quote"])
            for ds in f.get("datasets") or []:
                out.setdefault(ds, set()).add(row)
    return out


def test_downloads_agree_with_each_other_and_the_yaml(site):
    project = site.parent.parent
    expected = _yaml_rows(project)
    datasets = sorted(p.stem for p in (project / "data" / "datasets").glob("*.yaml"))
    assert {"ai-chip-share", "capex", "chips", "markets", "nvidia-china", "overseas-revenue", "users"} <= set(datasets)
    for ds in datasets:
        rows_json = json.loads((site / "data" / f"{ds}.json").read_text(encoding="utf-8"))
        assert rows_json and all(set(r) >= {"entity", "metric", "period", "value", "unit", "kind", "source",
                                            "quote", "note_en", "note_zh"} for r in rows_json)
        text = (site / "data" / f"{ds}.csv").read_text(encoding="utf-8-sig")
        rows_csv = list(csv.DictReader(io.StringIO(text)))

        def key(r):
            return (r["entity"], r["metric"], str(r["period"]), float(r["value"]), r["unit"], r["kind"],
                    r["source"], r["quote"])

        assert [key(r) for r in rows_json] == [key(r) for r in rows_csv], ds
        assert {key(r) for r in rows_json} == expected.get(ds, set()), ds
        for prefix in ("zh-Hans/", "zh-Hant/"):  # each locale's copy is the same file
            assert (site / f"{prefix}data/{ds}.json").read_bytes() == (site / "data" / f"{ds}.json").read_bytes()
    # the Data page links every download, in its own locale's tree
    data = page(site, "zh-Hant/data/index.html")
    for ds in datasets:
        for ext in ("json", "csv"):
            assert f'href="{ds}.{ext}"' in data and (site / "zh-Hant" / "data" / f"{ds}.{ext}").is_file()


def test_briefs_embed_charts_without_rows_as_a_note_but_unknown_ids_fail(tmp_path):
    project = copy_project(tmp_path / "plain")
    brief = project / "content" / "briefs" / "hanshan-outlook.yaml"
    text = brief.read_text(encoding="utf-8")
    text = text.replace("    ## What to watch\n", "    @chart(kweb-path)\n\n    ## What to watch\n")
    text = text.replace("    ## 觀察重點\n", "    @chart(kweb-path)\n\n    ## 觀察重點\n")
    brief.write_text(text, encoding="utf-8")
    r = run_cli("build", cwd=project)
    assert r.code == 0, r.text
    out = (project / "build/site/zh-Hant/briefs/hanshan-outlook/index.html").read_text(encoding="utf-8")
    fig = FIGURE.search(out).group(0)
    assert "sr-chart-empty" in fig and "<svg" not in fig and "尚無已整理的數據" in fig
    assert "KWEB" in html.unescape(fig)
    data = (project / "build/site/data/index.html").read_text(encoding="utf-8")
    assert 'id="chart-kweb-path"' not in data  # not listed on the Data page until it has rows
    # an id no chart has is an error that names the brief
    brief.write_text(brief.read_text(encoding="utf-8").replace("    ## What to watch\n",
                                                                "    @chart(no-such-chart)\n\n    ## What to watch\n"),
                     encoding="utf-8")
    r = run_cli("build", cwd=project)
    assert r.code != 0
    assert_no_traceback(r)
    assert "content/briefs/hanshan-outlook.yaml" in r.err and "no-such-chart" in r.err
