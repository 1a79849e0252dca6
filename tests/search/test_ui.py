"""The search box of a built fixture site, driven in headless Chromium through the real UI."""

from __future__ import annotations

import gzip
import json

import pytest
from tests.conftest import visit
from tests.search.conftest import STATES, prefix, search

from sinoreport.search import engine
from sinoreport.search.tokens import fold, stem

pytestmark = pytest.mark.browser

NVIDIA = "companies/nvidia/"
HANSHAN = "companies/hanshan-cloud/"
CAPEX_ARTICLE = "articles/2025-10-07-hanshan-capex/"
LINGXI_ARTICLE = "articles/2025-10-08-lingxi-inference-card/"


@pytest.fixture(scope="module")
def page(chromium):
    ctx = chromium.new_context()
    p = ctx.new_page()
    yield p
    ctx.close()


@pytest.mark.parametrize(("locale", "query"), [("en", "Hanshan"), ("zh-Hans", "寒山"), ("zh-Hant", "寒山")])
def test_results_come_from_the_current_locale_only(page, fixture_base, locale, query):
    hrefs = search(page, fixture_base, locale, query)
    assert len(hrefs) >= 3
    others = [c for c in ("zh-Hans/", "zh-Hant/") if c != prefix(locale)]
    assert all(h.startswith(prefix(locale)) and not h.startswith(tuple(others)) for h in hrefs), hrefs


@pytest.mark.parametrize(("locale", "query", "first"), [
    ("zh-Hant", "英伟达", NVIDIA),  # a Simplified name on the Traditional pages
    ("zh-Hans", "輝達", NVIDIA),  # and the reverse
    ("zh-Hans", "英偉達", NVIDIA),  # a variant spelling
    ("zh-Hans", "Nvidia", NVIDIA),  # an English name finds the Chinese pages
    ("en", "輝達", NVIDIA),  # a Chinese name finds the English pages
    ("en", "寒山雲", HANSHAN),
    ("zh-Hant", "HSC", HANSHAN),  # a ticker alias
    ("zh-Hans", "HS-MM", HANSHAN),  # a product finds its company
    ("zh-Hant", "寒山多模态", HANSHAN),
    ("en", "hanshan mm", HANSHAN),
])
def test_names_in_any_script_or_language_put_the_profile_first(page, fixture_base, locale, query, first):
    hrefs = search(page, fixture_base, locale, query)
    assert hrefs and hrefs[0] == prefix(locale) + first, hrefs
    kind = page.inner_text(".md-search-result__item .sr-search-kind")
    assert kind == {"en": "Profile", "zh-Hans": "简介", "zh-Hant": "簡介"}[locale]


@pytest.mark.parametrize(("locale", "query", "expected"), [
    ("zh-Hans", "英伟达芯片", CAPEX_ARTICLE),  # no-space phrases
    ("zh-Hant", "輝達晶片", CAPEX_ARTICLE),
    ("zh-Hans", "伟达", CAPEX_ARTICLE),  # part of a name
    ("zh-Hant", "资本开支", CAPEX_ARTICLE),  # a Simplified term on the Traditional pages
    ("zh-Hans", "資本開支", CAPEX_ARTICLE),
    ("zh-Hans", "晶片", LINGXI_ARTICLE),  # Taiwan wording on the mainland pages (芯片)
    ("zh-Hant", "芯片", LINGXI_ARTICLE),
    ("zh-Hans", "推理卡", LINGXI_ARTICLE),
    ("en", "inference cards", LINGXI_ARTICLE),  # plural folded
    ("en", "market share", CAPEX_ARTICLE),
])
def test_topics_and_phrases_find_the_articles(page, fixture_base, locale, query, expected):
    hrefs = search(page, fixture_base, locale, query)
    assert prefix(locale) + expected in hrefs[:5], hrefs


def test_for_a_topic_articles_rank_before_the_glossary(page, fixture_base):
    hrefs = search(page, fixture_base, "en", "capex")
    assert hrefs[0] == CAPEX_ARTICLE and "glossary/#capex" in hrefs
    assert hrefs.index("glossary/#capex") > hrefs.index(CAPEX_ARTICLE)


def test_results_show_title_kind_excerpt_and_highlighted_terms(page, fixture_base):
    search(page, fixture_base, "zh-Hans", "市佔率")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text()
    assert "2025年10月" in first.locator(".sr-search-kind").inner_text()  # the date as the pages write it
    marks = page.eval_on_selector_all(".md-search-result__item mark", "els => els.map(e => e.textContent)")
    # highlighted as the page writes it: the Taiwan word finds the mainland word the zh-Hans pages use
    assert marks and set(marks) == {"市场份额"}, marks
    assert page.inner_text(".md-search-result__meta") == "4 个符合条件的结果"


@pytest.mark.parametrize(("locale", "message", "hint"), [
    ("en", "No results for “龘靐齉爨”", "Try fewer words"),
    ("zh-Hans", "找不到与“龘靐齉爨”相符的结果", "繁体与简体皆可搜索"),
    ("zh-Hant", "找不到與「龘靐齉爨」相符的結果", "繁體與簡體皆可搜尋"),
])
def test_no_results_says_so_in_the_reader_language(page, fixture_base, locale, message, hint):
    assert search(page, fixture_base, locale, "龘靐齉爨") == []
    assert page.inner_text(".md-search-result__meta") == message
    assert hint in page.inner_text(".sr-search-hint")


def test_enter_in_the_box_opens_the_first_result(page, fixture_base):
    hrefs = search(page, fixture_base, "zh-Hant", "英伟达")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(fixture_base + hrefs[0])
    assert page.url == fixture_base + "zh-Hant/" + NVIDIA


def test_arrow_keys_and_enter_open_the_chosen_result(page, fixture_base):
    hrefs = search(page, fixture_base, "en", "Hanshan")
    page.focus("input[name=q]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == fixture_base + hrefs[1]
    page.keyboard.press("Enter")
    page.wait_for_url(fixture_base + hrefs[1])


def test_slash_and_s_open_the_search_and_escape_closes_it(page, fixture_base):
    for key in ("/", "s"):
        page.goto(fixture_base + "zh-Hans/about/")
        assert not page.is_checked("#__search")
        page.keyboard.press(key)
        assert page.is_checked("#__search")
        assert page.evaluate("document.activeElement.name") == "q"
        assert page.input_value("input[name=q]") == ""  # the key is not typed into the box
        page.keyboard.press("Escape")
        assert not page.is_checked("#__search")


def test_typing_searches_as_you_type(page, fixture_base):
    page.goto(fixture_base + "articles/")
    page.keyboard.press("/")
    page.keyboard.type("nvid")
    # under load the debounce can fire mid-word ("nv" finds nothing): wait for the whole word's results
    page.wait_for_function("document.querySelector('input[name=q]').value === 'nvid'")
    page.wait_for_selector(".md-search-result__item a", timeout=20000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and hrefs[0].endswith(NVIDIA)  # a word being typed matches as a prefix


def test_searching_fetches_nothing_from_other_hosts(chromium, fixture_base):
    page, ctx, v = visit(chromium, fixture_base + "zh-Hans/?q=" + "英伟达芯片")
    try:
        page.wait_for_selector(STATES)
        page.fill("input[name=q]", "Nvidia 市场")
        page.wait_for_timeout(400)
        page.wait_for_selector(STATES)
        if page.locator(".sr-search-more button").count():
            page.click(".sr-search-more button")
            page.wait_for_timeout(300)
    finally:
        ctx.close()
    assert v.foreign_requests == [] and v.console_errors == [] and v.dialogs == []


def test_index_files_are_only_fetched_for_the_current_locale(chromium, fixture_base):
    page, ctx, _ = visit(chromium, fixture_base + "zh-Hant/?q=寒山")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.fill("input[name=q]", "資本開支")
        page.wait_for_timeout(400)
        page.wait_for_selector(STATES)
    finally:
        ctx.close()
    index = [u for u in requests if "/search/" in u]
    assert index and all("/search/zh-Hant/" in u for u in index), index


def test_the_browser_reads_tokens_and_shards_exactly_as_python_writes_them(page, fixture_site, fixture_base):
    page.goto(fixture_base)
    words = ["companies", "classes", "status", "chips", "ai", "h20s", "analysis", "glasses"]
    shard = engine.shards({"capex": [(0, 5), (3, 127)], "芯片": [(1, 9)], "qwen3": [(2, 1), (300, 64)]})[0]
    raw = list(engine.encode_shard(shard))
    meta = json.loads(gzip.decompress((fixture_site / "search" / "zh-Hans" / "meta.bin").read_bytes()))
    got = page.evaluate("""async ([words, raw, meta, queries]) => {
        const m = await import(new URL('assets/sinoreport/search.js', location.href).href);
        const decoded = [...m.decodeShard(new Uint8Array(raw))].map(([t, p]) => [t, [...p]]);
        const reader = new m.QueryReader(meta);
        return { stems: words.map(m.stem), decoded, folded: queries.map((q) => reader.fold(q)) };
    }""", [words, raw, meta, ["HS-MM", "ＨＳ－ＭＭ", "「英伟达」 Chips", " Alibaba  Group "]])
    assert got["stems"] == [stem(w) for w in words]
    assert {t: [tuple(p[i:i + 2]) for i in range(0, len(p), 2)] for t, p in got["decoded"]} == dict(shard)
    assert got["folded"] == [fold(q) for q in ["HS-MM", "ＨＳ－ＭＭ", "「英伟达」 Chips", " Alibaba  Group "]]
