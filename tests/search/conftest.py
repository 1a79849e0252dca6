"""The search tests' sites: the fixture project and the shipped report, each built once per session
with the real CLI and served on 127.0.0.1; plus a helper that searches through the real UI (`?q=`)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from tests.conftest import copy_project, copy_shipped, run_cli, serve_directory

STATES = "[data-sr-state=ready], [data-sr-state=empty], [data-sr-state=error]"


def build(root: Path) -> Path:
    r = run_cli("build", cwd=root, timeout=900)
    assert r.code == 0, r.text
    return root / "build" / "site"


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    return build(copy_project(tmp_path_factory.mktemp("search-site") / "project"))


@pytest.fixture(scope="session")
def search_base(search_site):
    base, stop = serve_directory(search_site)
    yield base
    stop()


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    return build(copy_shipped(tmp_path_factory.mktemp("shipped-site") / "report"))


@pytest.fixture(scope="session")
def shipped_base(shipped_site):
    base, stop = serve_directory(shipped_site)
    yield base
    stop()


def prefix(locale: str) -> str:
    return "" if locale == "en" else f"{locale}/"


def search(page, base: str, locale: str, query: str, path: str = "") -> list[str]:
    """Open `?q=query` on a page of the locale, wait for the results; their URLs relative to the site."""
    page.goto(f"{base}{prefix(locale)}{path}?q={urllib.parse.quote(query)}")
    page.wait_for_selector(STATES, timeout=20000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                      "els => els.map(e => e.href)")
    return [h[len(base):] if h.startswith(base) else h for h in hrefs]
