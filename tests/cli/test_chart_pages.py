"""Chart pages, embeds, image downloads, "Cite this" and the change log, read back from a built fixture
project with two editions (the second revises one row)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import copy_project, run_cli

from sinoreport.charts.export import png_size

LOCALES = {"en": "", "zh-Hans": "zh-Hans/", "zh-Hant": "zh-Hant/"}
ARTICLE = "2025-10-07-hanshan-capex"
URL = re.compile(r'\b(?:src|href|action|poster|data)="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("editions") / "p")
    r = run_cli("edition", "--date", "2025-10-09", cwd=root)
    assert r.code == 0, r.text
    p = root / "content" / "articles" / f"{ARTICLE}.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("\n    value: 50\n", "\n    value: 80\n"), encoding="utf-8")  # 從八成降至50%
    r = run_cli("edition", "--date", "2025-10-10", cwd=root)
    assert r.code == 0, r.text
    r = run_cli("build", "--no-pdf", cwd=root, timeout=900)
    assert r.code == 0, r.text
    return root / "build" / "site"


def charts_of(site: Path) -> list[str]:
    ids = sorted(p.parent.name for p in (site / "charts").glob("*/index.html"))
    assert ids, "no chart pages"
    return ids


def main(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_chart_page_embed_and_images_per_locale(site: Path):
    for code, prefix in LOCALES.items():
        for cid in charts_of(site):
            page = site / f"{prefix}charts/{cid}/index.html"
            html = page.read_text(encoding="utf-8")
            body = main(html)
            assert 'class="sr-tabs"' in body and 'id="sr-view-table"' in body  # Chart | Table
            assert 'id="embed"' in body and "&lt;iframe src=&quot;https://example.test/" in body
            assert f"/{prefix}charts/{cid}/embed/" in body
            assert 'class="sr-cite"' in body
            for ext in ("png", "svg"):
                name = f"{cid}-{code}.{ext}"
                assert f'href="{name}"' in body, (code, cid, ext)
                assert (page.parent / name).is_file()
            w, _ = png_size((page.parent / f"{cid}-{code}.png").read_bytes())
            assert w >= 1200
            svg = (page.parent / f"{cid}-{code}.svg").read_text(encoding="utf-8")
            assert f"https://example.test/{prefix}charts/{cid}/" in svg  # the page URL drawn in
            assert "CC BY 4.0" in svg

            embed = (page.parent / "embed" / "index.html").read_text(encoding="utf-8")
            assert embed.startswith("<!doctype html>") and f'lang="{code}"' in embed
            assert "<script" not in embed and "stylesheet" not in embed
            assert re.findall(r"assets/[^\"]*", embed) == ["assets/sinoreport/favicon.svg"]  # our icon only
            icon = re.search(r'<link rel="icon" href="([^"]+)"', embed).group(1)
            assert (page.parent / "embed" / icon).resolve() == (site / "assets/sinoreport/favicon.svg").resolve()
            assert "md-" not in embed  # no Material markup or classes
            for url in URL.findall(embed):
                assert not re.match(r"^(?:[a-z]+:)?//", url), url  # nothing from another host
            assert 'href="../"' in embed  # back to the chart's page


def test_chinese_image_is_drawn_in_the_locales_face(site: Path):
    cid = charts_of(site)[0]
    hant = (site / f"zh-Hant/charts/{cid}/{cid}-zh-Hant.svg").read_text(encoding="utf-8")
    hans = (site / f"zh-Hans/charts/{cid}/{cid}-zh-Hans.svg").read_text(encoding="utf-8")
    assert "Noto Sans CJK TC" in hant and "資料來源：測試日報" in hant
    assert "Noto Sans CJK SC" in hans and "测试日报" in hans  # the source line, in the locale's script


def test_figures_elsewhere_link_their_chart_page(site: Path):
    data = main((site / "data/index.html").read_text(encoding="utf-8"))
    for cid in charts_of(site):
        assert f'href="../charts/{cid}/"' in data and f'href="../charts/{cid}/#embed"' in data
    company = main((site / "companies/hanshan-cloud/index.html").read_text(encoding="utf-8"))
    assert re.search(r'href="\.\./\.\./charts/[a-z0-9-]+/"', company)


def test_cite_blocks_and_files(site: Path):
    en = main((site / f"articles/{ARTICLE}/index.html").read_text(encoding="utf-8"))
    assert ("Test Daily. “Hanshan Cloud lifts quarterly capex by 40%.” China AI &amp; Tech Report, 7 October 2025. "
            "Edition of 10 October 2025. https://example.test/articles/2025-10-07-hanshan-capex/.") in en
    assert f'href="../../cite/article/{ARTICLE}.bib"' in en
    hans = main((site / f"zh-Hans/articles/{ARTICLE}/index.html").read_text(encoding="utf-8"))
    assert ("测试日报. 寒山云公布季度资本开支,较上季增四成[EB/OL]. 2025-10-10版. 中国AI与科技报告, "
            "(2025-10-07)[2025-10-10]. https://example.test/zh-Hans/articles/2025-10-07-hanshan-capex/.") in hans
    bib = (site / f"zh-Hant/cite/article/{ARTICLE}.bib").read_text(encoding="utf-8")
    assert bib.startswith("@online{sinoreport-article-2025-10-07-hanshan-capex-zh-hant,")
    csl = json.loads((site / f"cite/article/{ARTICLE}.json").read_text(encoding="utf-8"))
    assert csl[0]["URL"] == f"https://example.test/articles/{ARTICLE}/" and csl[0]["version"] == "2025-10-10"
    brief = (site / "briefs/hanshan-outlook/index.html").read_text(encoding="utf-8")
    assert 'class="sr-cite"' in brief and "@online{sinoreport-brief-hanshan-outlook," in brief
    assert "cite.js" in brief  # the copy buttons, where scripts run
    data = main((site / "zh-Hant/data/index.html").read_text(encoding="utf-8"))
    assert 'id="dataset-capex"' in data and "[DS/OL]" in data
    # a dataset's citation is labelled, not a heading: the Data page's table of contents lists the charts
    # and datasets, not a "Cite this dataset" per dataset
    full = (site / "data/index.html").read_text(encoding="utf-8")
    assert 'id="cite-dataset-capex"' in full and 'href="#cite-dataset-' not in full


def test_change_log_lists_both_editions_and_the_revision(site: Path):
    for prefix in LOCALES.values():
        html = main((site / f"{prefix}changes/index.html").read_text(encoding="utf-8"))
        new, old = html.index('id="edition-2025-10-10"'), html.index('id="edition-2025-10-09"')
        assert new < old  # newest first
        revised = html[new:old]
        assert re.search(r"<del>50%[^<]*</del>", revised) and re.search(r"<ins>80%[^<]*</ins>", revised)
        assert "從八成降至50%" in revised or "从八成降至50%" in revised  # the quote
        assert f'href="../articles/{ARTICLE}/"' in revised  # its source
    page = main((site / f"articles/{ARTICLE}/index.html").read_text(encoding="utf-8"))
    mark = re.search(r'<a class="sr-revised" href="([^"]+)">([^<]+)</a>', page)
    assert mark and mark.group(1) == "../../changes/#edition-2025-10-10"
    assert mark.group(2) == "revised in the Oct 10, 2025 edition"
    assert page.count('class="sr-revised"') == 1  # only the row that changed
    hant = main((site / f"zh-Hant/articles/{ARTICLE}/index.html").read_text(encoding="utf-8"))
    assert "於2025年10月10日版修訂" in hant


def test_feeds_announce_each_edition(site: Path):
    for prefix in LOCALES.values():
        feed = (site / f"{prefix}feed.xml").read_text(encoding="utf-8")
        assert f"<link>https://example.test/{prefix}changes/#edition-2025-10-10</link>" in feed
        assert f"<link>https://example.test/{prefix}changes/#edition-2025-10-09</link>" in feed
