"""Every link of a built site, resolved as a browser resolves it: for the tests that check where links lead
(a site served under a sub-path, sections a project turned off)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# URLs a page gives: links, sources, Material's deferred script, the search bundle (charts' `data-vega` is a
# file name charts.js resolves against its own folder: see `vega_files`)
_ATTR = re.compile(r"""\b(?:href|src|data-src|data-bundle|content)\s*=\s*(["'])(.*?)\1""", re.S | re.I)
_VEGA = re.compile(r"""\bdata-vega\s*=\s*(["'])(.*?)\1""")
_SKIP = ("mailto:", "javascript:", "data:", "tel:", "#", "{")


def page_url(site: Path, page: Path, base: str) -> str:
    """The URL a page of `site` has when the site is served at `base` (http://host/report/)."""
    rel = page.relative_to(site).as_posix()
    rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    return base + rel


def links(site: Path, base: str) -> Iterator[tuple[str, str, str]]:
    """(page URL, link as written, absolute URL) for every href/src in every HTML page of the site (the
    search bundle's folder ends in "/": `target` takes the folder itself for it)."""
    for page in sorted(site.rglob("*.html")):
        here = page_url(site, page, base)
        text = page.read_text(encoding="utf-8")
        for m in _ATTR.finditer(text):
            raw = m.group(2).strip().replace("&amp;", "&")
            if not raw or raw.startswith(_SKIP):
                continue
            if m.group(0).lower().startswith("content") and not raw.startswith(("http://", "https://", "/")):
                continue  # a <meta content> that is no URL
            url = urljoin(here, raw)
            yield here, raw, (url + "*" if m.group(0).lower().startswith("data-bundle") else url)


def target(site: Path, base: str, url: str) -> Path | None:
    """The file of `site` a URL on the site's own host leads to (a folder: its index.html), None when it
    leads outside `base` or to nothing."""
    folder = url.endswith("/*")  # a folder of files (the search bundle), not a page
    parts, root = urlsplit(url.removesuffix("*")), urlsplit(base)
    if parts.netloc != root.netloc:
        return None
    path = unquote(parts.path)
    if not path.startswith(root.path):
        return None
    rel = posixpath.normpath(path[len(root.path):] or ".")
    if rel.startswith(".."):
        return None
    f = site / rel if rel != "." else site
    if folder:
        return f if f.is_dir() else None
    if f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def broken(site: Path, base: str, *, hosts: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(page, link) of every link on the site's host (or on one of `hosts`, its published address, read
    as `base`) that leads nowhere inside the site served at `base`."""
    out = []
    for here, raw, url in links(site, base):
        for h in hosts:
            if url.startswith(h):
                url = base + url[len(h):]
        if urlsplit(url).netloc != urlsplit(base).netloc:
            continue  # another host: not ours to check
        if target(site, base, url) is None:
            out.append((here, raw))
    return out


def vega_files(site: Path) -> set[str]:
    """The chart library files the pages name (charts.js loads them from assets/sinoreport/vega/)."""
    return {m.group(2) for page in site.rglob("*.html") for m in _VEGA.finditer(page.read_text(encoding="utf-8"))}
