"""The query set (queries.yaml) on the shipped report, through the real UI: recall@5 per locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.search.conftest import search

from sinoreport.dev import search_recall as recall

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).with_name("queries.yaml")
TARGET = 0.95
KINDS = {"name", "script", "cross", "product", "term", "phrase"}


def test_the_query_set_covers_every_kind_in_every_locale():
    queries = recall.load(QUERIES)
    for locale in ("en", "zh-Hans", "zh-Hant"):
        mine = [q for q in queries if q.locale == locale]
        assert len(mine) >= 30, locale
        # English pages have no second script and no unspaced phrases
        assert {q.kind for q in mine} >= KINDS - ({"script", "phrase"} if locale == "en" else set()), locale


@pytest.mark.parametrize("locale", ["en", "zh-Hans", "zh-Hant"])
def test_recall_at_5_per_locale(chromium, shipped_site, shipped_base, locale):
    queries = [q for q in recall.load(QUERIES) if q.locale == locale]
    missing = sorted({e for q in queries for e in q.expected_urls()
                      if not (shipped_site / e.split("#")[0] / "index.html").is_file()})
    assert not missing, f"queries.yaml expects pages the report does not have: {missing}"
    ctx = chromium.new_context()
    page = ctx.new_page()
    try:
        results = [search(page, shipped_base, locale, q.q, path="about/") for q in queries]
    finally:
        ctx.close()
    report = recall.score(queries, results)
    got = report.by_locale()[locale]
    misses = "\n".join(f"  {s.query.q!r} expected {list(s.query.expect)}, got {s.urls}" for s in report.misses())
    assert got >= TARGET, f"recall@5 {got:.3f} < {TARGET} in {locale}:\n{misses}"
