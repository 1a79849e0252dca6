"""A second report, on another subject, builds with the package as it is: sinoreport is a generator.

tests/fixtures/second-report is an invented report on China's EV-battery supply chain (its own companies,
outlets, metrics, datasets, charts, scorecard, findings and site title; see its README.md). It is built
here with the real CLI, checked with `check --strict`, and its pages are read back. Nothing of the
package is adapted for it: what it needs beyond the package (its units in data/units.yaml, strings,
about page) is its own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, assert_no_traceback, run_cli

pytestmark = pytest.mark.slow  # builds a real site

SECOND = REPO / "tests" / "fixtures" / "second-report"
TITLES = {
    "": "China EV Battery Supply Chain Monitor",
    "zh-Hans/": "中国动力电池供应链观察",
    "zh-Hant/": "中國動力電池供應鏈觀察",
}
SHIPPED_TITLES = ("China AI &amp; Tech Report", "China AI & Tech Report", "中国AI与科技报告", "中國AI與科技報告")


def copy_second_report(dest: Path) -> Path:
    shutil.copytree(SECOND, dest)
    return dest  # no build/, no ../shared: the raw digest is the fixture's own raw/


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    root = copy_second_report(tmp_path_factory.mktemp("second") / "report")
    r = run_cli("build", "--no-pdf", cwd=root, timeout=900)
    assert r.code == 0, r.text
    return root


def page(root: Path, path: str) -> str:
    return (root / "build" / "site" / path).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- tests


def test_it_checks_clean_with_strict(second):
    r = run_cli("check", "--strict", cwd=second)
    assert_no_traceback(r)
    assert r.code == 0, r.text
    assert "4 articles, 1 brief, 6 companies" in r.text  # the counts of this report, in English plurals


def test_every_locale_carries_its_own_title(second):
    for prefix, title in TITLES.items():
        home = page(second, f"{prefix}index.html")
        assert re.search(rf"<title>[^<]*{re.escape(title)}[^<]*</title>", home), (prefix, title)
        for shipped in SHIPPED_TITLES:
            assert shipped not in home, f"{prefix}index.html names the shipped report's title {shipped!r}"
    # its own companies at a glance, under its own heading (templates/strings.yaml), in site.home's order
    home = page(second, "index.html")
    assert "The makers at a glance" in home and "five giants" not in home
    assert home.index('href="companies/hengchuan-energy/"') < home.index('href="companies/lingfeng-auto/"')
    # the package's own words read as mainland Chinese on zh-Hans pages (分析簡報, 關鍵指標: tw2sp alone
    # gives 分析演示文稿, 关键指针)
    hans = page(second, "zh-Hans/index.html") + page(second, "zh-Hans/companies/hengchuan-energy/index.html")
    assert "分析简报" in hans and "演示文稿" not in hans and "指针" not in hans


def test_its_companies_have_pages_in_every_locale(second):
    ids = sorted(p.stem for p in (SECOND / "data" / "companies").glob("*.yaml"))
    assert len(ids) == 6
    for prefix in TITLES:
        for cid in ids:
            assert (second / "build" / "site" / f"{prefix}companies/{cid}/index.html").is_file(), (prefix, cid)
    hengchuan = page(second, "companies/hengchuan-energy/index.html")
    assert "Hengchuan Energy" in hengchuan and "41.2%" in hengchuan


def test_its_datasets_and_findings_are_published(second):
    site = second / "build" / "site"
    for ds in ("market-share", "cell-prices", "plants"):
        assert (site / "data" / f"{ds}.csv").is_file(), ds
    assert "lanyu-hungary-plant" in (site / "data" / "plants.csv").read_text(encoding="utf-8")
    home = page(second, "index.html")
    assert 'id="key-findings"' in home and "41.2%" in home


def test_a_chart_of_its_own_is_on_the_data_page(second):
    for prefix, title in (("", "Share of China"), ("zh-Hant/", "中國動力電池裝機市佔率")):
        data = page(second, f"{prefix}data/index.html")
        figure = re.search(r'<figure class="([^"]*)"[^>]*id="chart-battery-share-ranked"', data)
        assert figure and "sr-chart-empty" not in figure.group(1), prefix
        assert title in data, prefix
    brief = page(second, "briefs/cheaper-cells-who-gains/index.html")
    assert 'id="chart-cell-price-path"' in brief


def value_cells(html: str) -> list[str]:
    """The values of a page's data-row tables (right-aligned cells), not the quotes beside them."""
    return re.findall(r'<td style="text-align: right;">([^<]*)</td>', html)


def test_its_own_units_are_written_in_each_locale(second):
    # data/units.yaml: GWh, Wh/kg and CNY/kWh are the report's own; each row is in the unit its quote writes
    cases = {  # article → its value cell in en, zh-Hans, zh-Hant
        "2025-11-03-hengchuan-leads-installations": ("486 GWh", "486GWh", "486GWh"),
        "2025-11-11-cell-prices-keep-falling": ("CNY 780/kWh", "780元/千瓦时", "780元/千瓦時"),
        "2025-11-25-lingfeng-beichen-semi-solid": ("360 Wh/kg", "360Wh/kg", "360Wh/kg"),
    }
    for article, forms in cases.items():
        for prefix, form in zip(("", "zh-Hans/", "zh-Hant/"), forms, strict=True):
            assert form in value_cells(page(second, f"{prefix}articles/{article}/index.html")), (prefix, form)
    # a price per kWh is not an amount of money (the rows said CNY before the report had its units)
    assert "CNY 780" not in value_cells(page(second, "articles/2025-11-11-cell-prices-keep-falling/index.html"))
    assert ",486,,GWh," in (second / "build" / "site" / "data" / "market-share.csv").read_text(encoding="utf-8")


def test_its_chart_in_gwh_is_on_the_data_page(second):
    for prefix, title, value in (("", "Annual capacity of new battery plants", "40 GWh"),
                                 ("zh-Hans/", "新电池厂与生产线年产能", "40GWh"),
                                 ("zh-Hant/", "新電池廠與產線年產能", "40GWh")):
        data = page(second, f"{prefix}data/index.html")
        figure = re.search(r'<figure class="([^"]*)"[^>]*id="chart-plant-capacity".*?</figure>', data, re.S)
        assert figure and "sr-chart-empty" not in figure.group(1), prefix
        assert title in figure.group(0) and value in figure.group(0), prefix
    # narrowed to Lanyu Battery (its two plants) on its company page
    assert 'id="chart-plant-capacity"' in page(second, "companies/lanyu-battery/index.html")


def test_its_search_index_exists(second):
    for locale in ("en", "zh-Hans", "zh-Hant"):
        assert (second / "build" / "site" / "search" / locale / "meta.bin").is_file(), locale
