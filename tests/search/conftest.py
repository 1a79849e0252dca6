"""The search tests search the fixture project and the shipped report (built once per run, see
tests/conftest.py) through the real UI (`?q=`)."""

from __future__ import annotations

import urllib.parse

STATES = "[data-sr-state=ready], [data-sr-state=empty], [data-sr-state=error]"


def prefix(locale: str) -> str:
    return "" if locale == "en" else f"{locale}/"


def search(page, base: str, locale: str, query: str, path: str = "") -> list[str]:
    """Open `?q=query` on a page of the locale, wait for the results; their URLs relative to the site."""
    page.goto(f"{base}{prefix(locale)}{path}?q={urllib.parse.quote(query)}")
    page.wait_for_selector(STATES, timeout=20000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                      "els => els.map(e => e.href)")
    return [h[len(base):] if h.startswith(base) else h for h in hrefs]
