"""End to end in Debian Chromium over the shipped report, built once with the real CLI and served locally.

Every page type in every locale: loads with no console error and no request to another host, says the
right <html lang>, and its language switcher points at the twin page. Plus the palette toggle, search via
`?q=`, the interactive chart layer, and pages read with JavaScript off. On failure a screenshot goes to
test-artifacts/.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from tests.conftest import REPO, visit

pytestmark = pytest.mark.browser

LOCALES = {"en": "", "zh-Hans": "zh-Hans/", "zh-Hant": "zh-Hant/"}
SCHEME = "document.body.getAttribute('data-md-color-scheme')"  # the palette in force
PAGES = {
    "home": "",
    "briefs": "briefs/",
    "brief": "briefs/who-could-be-chinas-google/",
    "articles": "articles/",
    "article": "articles/2025-09-de-nvidia-alibaba-ppu-baidu-kunlun/",
    "month": "articles/months/2025-10/",
    "companies": "companies/",
    "company-full": "companies/alibaba/",
    "company-short": "companies/cambricon/",
    "tags": "tags/",
    "tag": "tags/ai-chips/",
    "data": "data/",
    "glossary": "glossary/",
    "about": "about/",
    "methodology": "about/methodology/",
    "chart": "charts/capex-china-vs-us/",
    "changes": "changes/",
}
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def base(shipped_base):
    return shipped_base


@contextlib.contextmanager
def screenshot_on_failure(page, name: str):
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"), full_page=True)
        raise


@pytest.mark.parametrize("locale", list(LOCALES))
@pytest.mark.parametrize("kind", list(PAGES))
def test_page(chromium, base, locale, kind):
    path = LOCALES[locale] + PAGES[kind]
    page, ctx, v = visit(chromium, base + path)
    try:
        with screenshot_on_failure(page, f"{locale}-{kind}"):
            assert page.evaluate("document.documentElement.lang") == locale
            assert page.locator("h1").first.inner_text().strip()
            assert v.console_errors == [], v.console_errors
            assert v.foreign_requests == [], v.foreign_requests
            # the switcher goes to the same page in the other locales, never to their home pages
            for other, prefix in LOCALES.items():
                if other == locale:
                    continue
                href = page.eval_on_selector(f'a.md-select__link[hreflang="{other}"]', "a => a.href")
                assert href == base + prefix + PAGES[kind], (other, href)
            # hreflang twins in the head: absolute, one per locale plus x-default
            twins = page.eval_on_selector_all('link[rel=alternate][hreflang]', "ls => ls.map(l => l.hreflang)")
            assert sorted(twins) == ["en", "x-default", "zh-Hans", "zh-Hant"]
    finally:
        ctx.close()


@pytest.mark.parametrize("locale", list(LOCALES))
def test_chart_embed_view(chromium, base, locale):
    """The chart-only view an <iframe> shows: no theme, no script, nothing from another host; the Chart |
    Table pair on the chart's page works from the keyboard."""
    page, ctx, v = visit(chromium, base + LOCALES[locale] + PAGES["chart"] + "embed/")
    try:
        with screenshot_on_failure(page, f"{locale}-chart-embed"):
            assert page.evaluate("document.documentElement.lang") == locale
            assert page.locator("main > .sr-figure svg").count() == 1
            assert page.locator("script, link[rel=stylesheet]").count() == 0
            assert v.console_errors == [] and v.foreign_requests == [], (v.console_errors, v.foreign_requests)
    finally:
        ctx.close()
    page, ctx, v = visit(chromium, base + LOCALES[locale] + PAGES["chart"])
    try:
        with screenshot_on_failure(page, f"{locale}-chart-tabs"):
            assert page.is_visible(".sr-tab-panel-chart svg") and not page.is_visible(".sr-tab-panel-table table")
            page.focus("#sr-view-chart")
            page.keyboard.press("ArrowRight")
            assert page.is_visible(".sr-tab-panel-table table") and not page.is_visible(".sr-tab-panel-chart svg")
    finally:
        ctx.close()


def test_switcher_lands_on_the_twin(chromium, base):
    page, ctx, v = visit(chromium, base + "zh-Hant/" + PAGES["article"])
    try:
        with screenshot_on_failure(page, "switcher"):
            page.click(".md-header__option .md-select > button, .md-select > .md-header__button")
            page.click('a.md-select__link[hreflang="zh-Hans"]')
            page.wait_for_load_state("networkidle")
            assert page.url == base + "zh-Hans/" + PAGES["article"]
            assert page.evaluate("document.documentElement.lang") == "zh-Hans"
            assert "英伟达" in page.inner_text("article") and "輝達" not in page.inner_text("h1")
            assert v.console_errors == []
    finally:
        ctx.close()


def test_palette_toggle(chromium, base):
    page, ctx, v = visit(chromium, base + PAGES["data"], color_scheme="light")
    try:
        with screenshot_on_failure(page, "palette"):
            assert page.evaluate(SCHEME) == "default"
            page.click("label[for=__palette_1]")
            assert page.evaluate(SCHEME) == "slate"
            page.click("label[for=__palette_0]")
            assert page.evaluate(SCHEME) == "default"
            page.click("label[for=__palette_1]")
            # the choice is kept: the next page opens dark although the system is light
            page.goto(base + PAGES["article"], wait_until="load")
            assert page.evaluate(SCHEME) == "slate"
            assert page.is_visible("label[for=__palette_0]") and not page.is_visible("label[for=__palette_1]")
            assert page.get_attribute("meta[name=theme-color]", "content").startswith("#")
            assert v.console_errors == []
    finally:
        ctx.close()


def test_palette_follows_the_system_until_the_reader_chooses(chromium, base):
    page, ctx, v = visit(chromium, base + PAGES["home"], color_scheme="dark")
    try:
        with screenshot_on_failure(page, "palette-system"):
            assert page.evaluate(SCHEME) == "slate"
            page.emulate_media(color_scheme="light")
            page.wait_for_function(f"{SCHEME} === 'default'")
            page.click("label[for=__palette_1]")  # an explicit choice now outranks the system
            page.reload(wait_until="load")
            assert page.evaluate(SCHEME) == "slate"
            assert v.console_errors == []
    finally:
        ctx.close()


@pytest.mark.parametrize(("locale", "query"), [("en", "Nvidia"), ("zh-Hans", "英伟达"), ("zh-Hant", "英伟达")])
def test_search_from_the_url(chromium, base, locale, query):
    page, ctx, v = visit(chromium, f"{base}{LOCALES[locale]}?q={query}")
    try:
        with screenshot_on_failure(page, f"search-{locale}"):
            page.wait_for_selector("[data-sr-state=ready]", timeout=20000)
            links = ".md-search-result__item a.md-search-result__link"
            hrefs = page.eval_on_selector_all(links, "as => as.map(a => a.href)")
            assert hrefs and all(h.startswith(base + LOCALES[locale]) for h in hrefs)
            assert hrefs[0].startswith(base + LOCALES[locale] + "companies/nvidia/")
            assert v.console_errors == [] and v.foreign_requests == []
    finally:
        ctx.close()


@pytest.mark.parametrize("locale", list(LOCALES))
def test_charts_become_interactive(chromium, base, locale):
    page, ctx, v = visit(chromium, base + LOCALES[locale] + PAGES["data"])
    try:
        with screenshot_on_failure(page, f"charts-{locale}"):
            figures = page.locator("figure.sr-chart")
            n = figures.count()
            assert n >= 6
            figures.first.hover()  # the bundle runs when the reader reaches for a chart
            for i in range(n):
                figures.nth(i).scroll_into_view_if_needed()
            page.wait_for_function(
                "() => [...document.querySelectorAll('figure.sr-chart[data-vega]')]"
                ".every(f => f.getAttribute('data-state') === 'interactive')", timeout=30000)
            assert v.console_errors == [] and v.foreign_requests == []
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", ["home", "data", "article", "brief", "company-full"])
def test_pages_read_without_javascript(chromium, base, kind):
    for locale, prefix in LOCALES.items():
        page, ctx, v = visit(chromium, base + prefix + PAGES[kind], javascript=False)
        try:
            with screenshot_on_failure(page, f"nojs-{locale}-{kind}"):
                assert page.locator("h1").first.is_visible()
                assert len(page.inner_text("article")) > 200
                if kind in ("home", "data", "brief"):
                    svgs = page.locator('figure.sr-chart svg[role="graphics-document"]')
                    assert svgs.count() >= 1 and svgs.first.is_visible()
                assert v.foreign_requests == []
        finally:
            ctx.close()


MOUNTED = "typeof window.component$ !== 'undefined'"  # Material's script has run (it sets these globals)
GEOMETRY = """() => [...document.querySelectorAll('.md-content :is(h2, h3, table, figure, p)')]
    .map(e => { const r = e.getBoundingClientRect(); return [e.tagName, r.top + scrollY, r.left, r.height]; })"""


@pytest.mark.parametrize("intent", ["pointer", "key", "wheel"])
def test_material_script_waits_for_the_reader_and_moves_nothing(chromium, base, intent):
    """Material's script is loaded on the reader's first action, not during the page load (main.html,
    sinoreport/theme.py). Until then the page is complete: search box, tables already in their scroll
    wrappers. When it runs it mounts (sidebars placed) without wrapping a table twice or moving anything."""
    page, ctx, v = visit(chromium, base + PAGES["company-full"])
    try:
        with screenshot_on_failure(page, f"material-{intent}"):
            page.wait_for_timeout(300)
            assert not page.evaluate(MOUNTED)
            assert page.evaluate("document.documentElement.className") == "js"
            assert page.is_visible(".md-search__form")  # Material hides the search box on .no-js pages
            tables = page.locator(".md-content table").count()
            assert tables >= 2
            wrapped = page.locator(".md-typeset__scrollwrap > .md-typeset__table > table").count()
            assert wrapped == tables
            before = page.evaluate(GEOMETRY)
            if intent == "pointer":
                page.mouse.move(300, 300)
            elif intent == "key":
                page.keyboard.press("Shift")
            else:
                page.mouse.wheel(0, 1)
            page.wait_for_function(MOUNTED, timeout=10000)
            # its sidebar component placed the table of contents below the header
            page.wait_for_function("document.querySelector('.md-sidebar--secondary').style.top.endsWith('px')")
            page.evaluate("window.scrollTo(0, 0)")
            assert page.locator(".md-typeset__scrollwrap").count() == tables  # not wrapped twice
            assert page.locator(".md-content table[class]").count() == 0  # the loader's mark is gone
            after = page.evaluate(GEOMETRY)
            moved = [(b, a) for b, a in zip(before, after, strict=True)
                     if any(abs(x - y) > 0.5 for x, y in zip(b[1:], a[1:], strict=True))]
            assert moved == []
            assert v.console_errors == [] and v.foreign_requests == []
    finally:
        ctx.close()


# Text nodes the reader sees (chart SVGs aside: their text is held at 11 px by their own minimum width,
# tests/charts/test_browser.py) and their computed size; Lighthouse's legible-font rule counts < 12 px.
_SMALL_TEXT = """() => {
  const out = [];  // 0 px: Material hides footnote back-links that way until hovered
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('svg, [hidden], .md-search, .md-sidebar, .md-header')) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px > 0 && px < 12) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${px}px ${n.textContent.trim()}`);
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("kind", ["company-full", "brief", "article", "data", "chart", "changes"])
def test_no_text_under_12px(chromium, base, kind, width):
    """The notes in <small> inside tables were 11.2 px (0.8 em of 0.7 rem) until site.css floored them."""
    page, ctx, _ = visit(chromium, base + PAGES[kind])
    try:
        page.set_viewport_size({"width": width, "height": 900})
        small = page.evaluate(_SMALL_TEXT)
        assert small == [], small[:10]
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_page_is_never_wider_than_a_phone(chromium, base, kind):
    """What is wider than a 390 px screen (a chart held at its readable width, a wide table) scrolls in its
    own box; the page itself never scrolls sideways (the chart page's Chart | Table panels did: 698 px)."""
    page, ctx, _ = visit(chromium, base + "zh-Hans/" + PAGES[kind])
    try:
        page.set_viewport_size({"width": 390, "height": 900})
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], widths
    finally:
        ctx.close()
