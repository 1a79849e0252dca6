"""What our HTML pages say about themselves: their headings (the table of contents), the ids they
define and the links they make, and which of those links lead nowhere. We write these pages, so their
markup is regular; simple patterns read it (a heading's text is plain text once its tags are gone)."""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from sinoreport.load import Location, Problem

_HEADING = re.compile(r"<h([1-6]) id=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r"\sid=\"([^\"]+)\"")
_HREF = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"")
_SCRIPT = re.compile(r"<script\b.*?</script>|<svg\b.*?</svg>", re.S)


def toc_tokens(body: str) -> list[dict[str, Any]]:
    """The headings as nested tokens, in the shape Python-Markdown's toc extension gives MkDocs."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for m in _HEADING.finditer(body):
        level = int(m.group(1))
        name = _TAG.sub("", m.group(3)).strip()  # escaped text, as the toc extension keeps it
        token = {"level": level, "id": html.unescape(m.group(2)), "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def ids_in(body: str) -> set[str]:
    return {html.unescape(i) for i in _ID.findall(_SCRIPT.sub("", body))}


def hrefs_in(body: str) -> list[str]:
    return [html.unescape(h) for h in _HREF.findall(_SCRIPT.sub("", body))]


# --------------------------------------------------------------------------- links

_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _page_for(locale_files: set[str], target: str) -> str | None:
    """The page file a directory URL (relative to the locale's root) is built from."""
    base = target.strip("/")
    for cand in ((f"{base}/index.md", f"{base}.md", f"{base}/index.html") if base else ("index.md",)):
        if cand in locale_files:
            return cand
    return None


def broken_links(files: dict[str, bytes], locales: list[str], extra: set[str] = frozenset()) -> list[Problem]:
    """Every <a href> of every page that leads nowhere: no page, no file, or no such id on the target
    page. MkDocs checks the links of Markdown it converts; the HTML pages we write it never parses, so
    they are checked here, as strictly. `extra`: files the site will have that the tree does not (the
    PDF editions, by path inside the locale)."""
    trees: dict[str, set[str]] = {code: set() for code in locales}
    for key in files:
        code, _, rest = key.partition("/")
        if code in trees:
            trees[code].add(rest)
    ids: dict[str, set[str] | None] = {}

    def ids_of(key: str) -> set[str] | None:
        """The ids of an HTML page; None for a Markdown page (links into those are MkDocs' to check)."""
        if key not in ids:
            data = files[key]
            ids[key] = ids_in(data.decode("utf-8")) if b"\nsr_body: html\n" in data[:4096] else None
        return ids[key]

    problems = []
    for key, data in files.items():
        code, _, path = key.partition("/")
        if code not in trees or not path.endswith(".md") or b"<a " not in data:
            continue
        text = data.decode("utf-8")
        here = page_dir(path)
        for href in hrefs_in(text):
            if not href or _SCHEME.match(href):
                continue
            target, _, anchor = href.partition("#")
            if not target:
                found, page = True, path
            else:
                resolved = posixpath.normpath(posixpath.join(here, target)) if here else posixpath.normpath(target)
                if resolved.startswith("../") or resolved == "..":
                    found, page = False, None
                elif target.endswith("/") or resolved == ".":
                    page = _page_for(trees[code], "" if resolved == "." else resolved)
                    found = page is not None
                else:
                    page = None
                    found = resolved in trees[code] or resolved in extra
            if not found:
                problems.append(Problem(Location(f"build/docs/{key}"), f"link to {href!r} leads nowhere",
                                        "the template or content that writes this link names a page or file "
                                        "the site does not have"))
            elif anchor and page is not None:
                have = ids_of(f"{code}/{page}")
                if have is not None and anchor not in have:
                    problems.append(Problem(Location(f"build/docs/{key}"),
                                            f"link to {href!r}: {page_url_of(page) or 'the home page'} has no "
                                            f"id {anchor!r}", "link a heading or element that exists"))
    return problems


def page_dir(path: str) -> str:
    """The URL folder of a page (directory URLs): index.md → "", a/b.md → a/b, a/index.md → a."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("/index.md")]
    return path.removesuffix(".md")


def page_url_of(path: str) -> str:
    d = page_dir(path)
    return d + "/" if d else ""
