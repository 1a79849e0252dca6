"""The charts in headless Chromium over a served build: the interactive layer swaps in with tooltips, no
console errors and no request to any other host; with JavaScript off the inline SVG shows; text follows
Material's light and dark palettes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sinoreport.dev.httpd import serve

pytestmark = pytest.mark.browser

PAGES = {"en": "data/", "zh-Hans": "zh-Hans/data/", "zh-Hant": "zh-Hant/briefs/chart-tour/"}


@pytest.fixture(scope="module")
def browser(chromium):
    # the session's one Playwright instance: a second sync_playwright in the same worker fails
    return chromium


@pytest.fixture(scope="module")
def base(chart_site) -> Iterator[str]:
    with serve(chart_site) as url:
        yield url


def open_page(browser, url: str, *, js: bool = True, scheme: str = "light"):
    ctx = browser.new_context(java_script_enabled=js, color_scheme=scheme, viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    log = {"console": [], "requests": []}
    page.on("console", lambda m: log["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: log["console"].append(f"pageerror: {e}"))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.goto(url, wait_until="networkidle")
    return ctx, page, log


def scroll_through(page) -> None:
    """Reach for the first chart (the bundle runs on intent), then bring every chart near the viewport
    and wait for each to swap."""
    figs = page.locator("figure.sr-chart[data-vega]").all()
    if figs:
        figs[0].hover()
    for fig in figs:
        fig.scroll_into_view_if_needed()
        page.wait_for_function("el => ['interactive', 'static'].includes(el.getAttribute('data-state'))",
                               arg=fig.element_handle(), timeout=15_000)


def test_interactive_layer_swaps_in_without_errors_or_foreign_requests(browser, base):
    for code, path in PAGES.items():
        ctx, page, log = open_page(browser, base + path)
        try:
            scroll_through(page)
            states = page.eval_on_selector_all("figure.sr-chart[data-vega]", "fs => fs.map(f => f.dataset.state)")
            assert states and set(states) == {"interactive"}, (code, states)
            # the live view replaced the still one, and speaks the locale
            assert page.eval_on_selector_all(".sr-chart-svg", "els => els.every(e => e.hidden)")
            live = page.locator(".sr-chart-live svg").first.text_content()
            if code != "en":
                assert any("\u4e00" <= ch <= "\u9fff" for ch in live), code
            assert log["console"] == [], (code, log["console"])
            foreign = [u for u in log["requests"] if not u.startswith(base)]
            assert foreign == [], (code, foreign)
            assert any("/assets/sinoreport/vega/" in u for u in log["requests"])
        finally:
            ctx.close()


def test_tooltips_show_localized_formatted_values(browser, base):
    ctx, page, _ = open_page(browser, base + "zh-Hant/data/")
    try:
        fig = page.locator("#chart-stock-moves")
        fig.hover()
        page.wait_for_function("document.querySelector('#chart-stock-moves').dataset.state === 'interactive'")
        bars = fig.locator(".sr-chart-live .mark-rect path")
        assert bars.count() >= 2
        tip = page.locator("#vg-tooltip-element")
        # hover a bar itself (Playwright scrolls it into view and checks it is the hit target); a bar
        # may sit under the pointer already, so try the next one before calling it a failure
        for i in range(bars.count()):
            bars.nth(i).hover()
            try:
                tip.wait_for(state="visible", timeout=3_000)
                break
            except PlaywrightTimeout:
                continue
        assert tip.is_visible(), "no tooltip over any bar"
        text = tip.text_content()
        assert "數值" in text and "%" in text and "2025年初至今" in text, text
    finally:
        ctx.close()


def test_without_javascript_the_svg_is_shown(browser, base):
    for code, path in PAGES.items():
        ctx, page, log = open_page(browser, base + path, js=False)
        try:
            svgs = page.locator(".sr-chart-svg svg")
            assert svgs.count() >= 4, code
            for i in range(svgs.count()):
                box = svgs.nth(i).bounding_box()
                assert box and box["width"] > 200 and box["height"] > 50, (code, i, box)
            assert page.locator(".sr-chart-live").count() == 0
            assert not any("/vega/" in u for u in log["requests"])  # nothing fetched for charts
        finally:
            ctx.close()


def _luminance(css_color: str) -> float:
    nums = [float(x) for x in css_color[css_color.index("(") + 1 : css_color.index(")")].split(",")[:3]]
    return sum(w * c / 255 for w, c in zip((0.2126, 0.7152, 0.0722), nums, strict=True))


def test_chart_text_follows_the_light_and_dark_palettes(browser, base):
    """Chart text is drawn in currentColor: it is the page's text color, dark on light, light on slate."""
    fills = {}
    for js in (False, True):
        for scheme in ("light", "dark"):
            ctx, page, _ = open_page(browser, base + "zh-Hans/data/", js=js, scheme=scheme)
            try:
                if js:
                    scroll_through(page)
                sel = ".sr-chart-live svg text" if js else ".sr-chart-svg svg text"
                fill = page.eval_on_selector(sel, "t => getComputedStyle(t).fill")
                ink = page.eval_on_selector(".md-typeset", "e => getComputedStyle(e).color")
                assert fill == ink, (js, scheme, fill, ink)
                fills[js, scheme] = fill
            finally:
                ctx.close()
    # with JavaScript, Material follows the reader's dark preference (its palette toggle is scripted)
    assert _luminance(fills[True, "light"]) < 0.35 and _luminance(fills[True, "dark"]) > 0.6, fills


def test_the_bundle_runs_only_when_the_reader_reaches_for_a_chart(browser, base):
    ctx, page, log = open_page(browser, base + "data/")
    try:
        fig = page.locator("figure.sr-chart[data-vega]").first
        fig.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        assert page.evaluate("typeof window.vegaEmbed") == "undefined"
        assert fig.get_attribute("data-state") is None
        fig.hover()
        page.wait_for_function("el => el.dataset.state === 'interactive'", arg=fig.element_handle(), timeout=15_000)
        assert log["console"] == []
    finally:
        ctx.close()


def test_the_live_view_takes_the_place_of_the_still_one_without_moving_the_page(browser, base):
    """Every chart keeps its height when its interactive view swaps in, so nothing below it moves."""
    for code, path in PAGES.items():
        ctx, page, _ = open_page(browser, base + path)
        try:
            figs = page.locator("figure.sr-chart[data-vega]").all()
            still = []
            for fig in figs:  # laid out (content-visibility) but not reached for: still SVG
                fig.scroll_into_view_if_needed()
                still.append(fig.bounding_box()["height"])
            assert all(f.get_attribute("data-state") is None for f in figs), code
            scroll_through(page)
            live = [fig.bounding_box()["height"] for fig in figs]
            assert {f.get_attribute("data-state") for f in figs} == {"interactive"}, code
            grew = [(i, s, v) for i, (s, v) in enumerate(zip(still, live, strict=True)) if abs(s - v) > 1]
            assert grew == [], (code, grew)
        finally:
            ctx.close()


def test_pages_without_charts_do_not_load_the_bundle(browser, base):
    ctx, page, log = open_page(browser, base + "glossary/")
    try:
        assert page.locator("figure.sr-chart").count() == 0
        assert not any("/vega/" in u for u in log["requests"])
        assert log["console"] == []
    finally:
        ctx.close()


def open_phone(browser, url: str):
    """A 390 px wide phone screen (iPhone 12–15), JavaScript off: what a reader sees first."""
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844},
                              device_scale_factor=1)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    page.goto(url, wait_until="networkidle")
    return ctx, page


# The smallest chart text as drawn: its font size times the SVG's scale in the page.
_SMALLEST_TEXT = """() => [...document.querySelectorAll('.sr-chart-svg svg')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize));
  return Math.min(...sizes) * scale;
})"""


def test_chart_text_reads_at_11px_on_a_phone(browser, base):
    for path in ("data/", "zh-Hant/data/", "companies/hanshan-cloud/"):
        ctx, page = open_phone(browser, base + path)
        try:
            for fig in page.locator("figure.sr-chart[data-chart]").all():
                fig.scroll_into_view_if_needed()  # content-visibility: laid out when near
            smallest = page.evaluate(_SMALLEST_TEXT)
            assert smallest and min(smallest) >= 11 - 0.05, (path, smallest)
            # the chart's own box scrolls sideways, within the screen
            rights = page.evaluate("() => [...document.querySelectorAll('.sr-chart-svg')]"
                                   ".map(e => e.getBoundingClientRect().right)")
            assert rights and max(rights) <= 390, (path, rights)
        finally:
            ctx.close()


def _edge_shades(page, handle) -> tuple[float, float]:
    """Mean brightness of the scroller's leftmost and rightmost 6 px columns, its content hidden."""
    import io

    from PIL import Image

    hide = "(el, v) => { for (const c of el.children) c.style.visibility = v; }"
    handle.evaluate(hide, "hidden")
    img = Image.open(io.BytesIO(handle.screenshot(timeout=20_000))).convert("L")
    handle.evaluate(hide, "")
    w, h = img.size

    def mean(x0: int, x1: int) -> float:
        px = [img.getpixel((x, y)) for x in range(x0, x1) for y in range(h)]
        return sum(px) / len(px)

    return mean(0, 6), mean(w - 6, w)


def test_wide_tables_and_charts_show_that_they_scroll_on_a_phone(browser, base):
    ctx, page = open_phone(browser, base + "articles/2025-10-09-nvidia-revenue-hanshan-spending/")
    try:
        wide = [h for h in page.query_selector_all(".md-typeset__scrollwrap")
                if h.evaluate("el => el.scrollWidth > el.clientWidth + 4")]
        assert wide, "no table wider than the screen on the page"
        sw = wide[0]
        sw.scroll_into_view_if_needed()
        left, right = _edge_shades(page, sw)
        assert right < left - 8, (left, right)  # a shadow where more of the table is
        sw.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        left, right = _edge_shades(page, sw)
        assert left < right - 8, (left, right)  # at the end: the shadow moves to the start
    finally:
        ctx.close()
