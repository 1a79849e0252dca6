"""The audit's building blocks on the small fixture project: axe-core in Chromium finds no violation on
its pages (and does find one we plant), the Nu Html Checker finds no error from our templates, and the
audit server sends what a production host would. The npm tools install once into build/audit."""

from __future__ import annotations

import gzip
import shutil
import urllib.request
from pathlib import Path

import pytest
from tests.conftest import IN_CI, REPO

from sinoreport.dev import audit
from sinoreport.dev.httpd import serve

pytestmark = pytest.mark.xdist_group("audit")
PAGES = ["", "zh-Hans/", "zh-Hant/articles/2025-10-07-hanshan-capex/", "zh-Hans/data/", "companies/hanshan-cloud/",
         "charts/moat-scorecard/", "zh-Hant/charts/moat-scorecard/embed/", "zh-Hans/changes/",
         "briefs/hanshan-outlook/"]


@pytest.fixture(scope="module")
def tools() -> Path:
    if not shutil.which("npm") or not shutil.which("java"):
        if IN_CI:
            pytest.fail("npm and java are needed for the audit tests in CI")
        pytest.skip("npm or java missing")
    return audit.install_tools(REPO / "build" / "audit", ["axe-core", "vnu-jar"])


@pytest.fixture(scope="module")
def site(fixture_site) -> Path:
    return fixture_site


def test_axe_finds_no_violation_in_either_palette(chromium, tools, site):
    axe_js = (tools / "axe-core" / "axe.min.js").read_text()
    with serve(site) as base:
        for path in PAGES:
            assert (site / path / "index.html").is_file(), path
            found = audit.axe(chromium, axe_js, base + path)
            assert set(found) == {"light", "dark"}
            assert found == {"light": [], "dark": []}, (path, found)


def test_axe_reports_a_planted_violation(chromium, tools, tmp_path):
    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><title>t</title><main>'
                                         '<img src="x.png"><a href="#"></a></main></html>')
    axe_js = (tools / "axe-core" / "axe.min.js").read_text()
    with serve(tmp_path) as base:
        found = audit.axe(chromium, axe_js, base)
    assert {"image-alt", "link-name"} <= {v["id"] for v in found["light"]}


def test_html_errors_come_only_from_materials_markup(tools, site):
    errors, material = audit.validate_html(tools, site)
    assert errors == {}, list(errors.items())[:3]
    assert sum(material.values()) > 0  # the checker did run over the pages and classify what it saw


def test_the_checker_catches_an_error_in_our_own_markup(tools, tmp_path):
    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><title>t</title>'
                                         '<figure><p>a</p><figcaption>c</figcaption><details><summary>s</summary>'
                                         '</details></figure></html>')
    errors, _ = audit.validate_html(tools, tmp_path)
    assert list(errors) == ["index.html"] and "figure" in errors["index.html"][0]["message"]


def test_the_server_compresses_text_caches_assets_and_serves_the_404_page(site):
    with serve(site) as base:
        req = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert b"<html" in gzip.decompress(r.read())
        css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
        with urllib.request.urlopen(base + f"assets/stylesheets/{css}") as r:
            assert "immutable" in r.headers["Cache-Control"]
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(base + "no/such/page/")
        assert e.value.code == 404 and b"404" in e.value.read()
