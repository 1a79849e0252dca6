"""A site published under a sub-path (`site.url: https://example.org/report/`, as a GitHub Pages project
site is under /<repository>/) works there: every link, asset, the search index and the charts' library
resolve under /report/, in a crawl of every page and in Chromium."""

from __future__ import annotations

import pytest
from tests.conftest import copy_project, run_cli, visit
from tests.support.crawl import broken, links, vega_files

pytestmark = pytest.mark.slow  # a real site build

URL = "https://example.org/report/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fixture project built for https://example.org/report/, served at http://127.0.0.1:<port>/report/
    (nothing at the host's root but the mount)."""
    from sinoreport.dev.httpd import serve

    tmp = tmp_path_factory.mktemp("subpath")
    project = copy_project(tmp / "project")
    for name, old, new in (("sinoreport.yml", "url: https://example.test/", f"url: {URL}"),
                           ("mkdocs.yml", "site_url: https://sinoreport.example/", f"site_url: {URL}")):
        text = (project / name).read_text(encoding="utf-8")
        assert old in text
        (project / name).write_text(text.replace(old, new), encoding="utf-8")
    r = run_cli("build", "--no-pdf", cwd=project, timeout=600)
    assert r.code == 0, r.text
    site = project / "build" / "site"
    root = tmp / "host"
    root.mkdir()
    (root / "report").symlink_to(site, target_is_directory=True)
    with serve(root) as host:
        yield site, host + "report/"


def test_every_link_and_asset_resolves_under_the_sub_path(served):
    site, base = served
    assert broken(site, base, hosts=(URL,)) == []
    absolute = [(here, raw) for here, raw, _ in links(site, base) if raw.startswith("/")]
    assert all(raw.startswith("/report/") for _, raw in absolute), absolute[:5]  # the 404 page's links
    canonical = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{URL}">' in canonical
    assert f'href="{URL}zh-Hans/" hreflang="zh-Hans"' in canonical
    assert f"<loc>{URL}companies/hanshan-cloud/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    names = vega_files(site)
    assert names and all((site / "assets" / "sinoreport" / "vega" / n).is_file() for n in names)


def _failures(page) -> list[str]:
    bad: list[str] = []
    page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
    return bad


@pytest.mark.parametrize("path", ["", "companies/hanshan-cloud/", "zh-Hant/data/"])
def test_pages_load_under_the_sub_path_with_nothing_missing(chromium, served, path):
    _, base = served
    ctx = chromium.new_context()
    page = ctx.new_page()
    bad = _failures(page)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(base + path, wait_until="networkidle")
        assert page.locator("h1").first.inner_text().strip()
        page.mouse.move(5, 5)  # Material's script and the chart layer start on the reader's first action
        page.mouse.move(200, 300)
        figures = page.locator("figure.sr-chart[data-vega]")
        if figures.count():
            figures.first.hover()
            page.wait_for_function("() => document.querySelector('figure.sr-chart[data-vega]')"
                                   ".getAttribute('data-state') === 'interactive'", timeout=30000)
        page.wait_for_load_state("networkidle")
        assert bad == [] and errors == [], (bad, errors)
        stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href)")
        assert stylesheets and all(h.startswith(base) for h in stylesheets)
    finally:
        ctx.close()


def test_search_works_under_the_sub_path(chromium, served):
    _, base = served
    page, ctx, v = visit(chromium, f"{base}?q=Hanshan")
    bad = _failures(page)
    try:
        page.wait_for_selector("[data-sr-state=ready]", timeout=20000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                          "as => as.map(a => a.href)")
        assert hrefs and all(h.startswith(base) for h in hrefs), hrefs
        assert any(h.startswith(base + "companies/hanshan-cloud/") for h in hrefs), hrefs
        assert bad == [] and v.console_errors == [] and v.foreign_requests == []
    finally:
        ctx.close()
