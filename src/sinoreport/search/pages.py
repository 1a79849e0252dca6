"""What of the built site is searchable, and its text: pages by URL, blocks of text from the HTML.

Only pages that are *about* something are indexed: articles, briefs, company profiles, glossary
terms (one record per term), the data page and the about pages. Listings (home, article indexes,
months, tags, a company's article archive) only repeat titles of pages that are indexed anyway,
and would crowd them out of the top results.

Inside a page only the main content counts (Material's <article>), without navigation, charts'
SVG, scripts, anything marked `data-pagefind-ignore` or `.sr-noindex`, and the sections that list
other pages (related articles, mentions, cited articles — by their localized headings), which name
other pages' topics rather than this one's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote", "figcaption",
          "div", "section", "table", "ul", "ol", "dl", "pre", "caption"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP = {"script", "style", "svg", "nav", "button", "template", "noscript", "form", "select", "canvas", "math"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "param", "track"}
SKIP_CLASSES = {"sr-noindex", "md-source-file", "headerlink", "md-content__button"}


@dataclass
class Block:
    tag: str  # h1 … h6 or p
    text: str
    id: str = ""


@dataclass
class PageText:
    title: str
    blocks: list[Block] = field(default_factory=list)


# Extraction by regular expressions over the main content (the tag-by-tag html.parser takes a
# minute on a 3,000-page site whose data tables hold millions of tags). Markdown's HTML is well
# formed, attribute values are quoted and escaped.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# charts' SVG and scripts hold most of a page's tags and none of its text
_BULK = re.compile(r"<(svg|script|style)\b.*?</\1\s*>", re.S | re.I)
_SKIP_OPEN = re.compile(
    r"<(?:(" + "|".join(sorted(SKIP - {"svg", "script", "style"})) + r")\b"
    r"|([A-Za-z][A-Za-z0-9]*)\b[^>]*?(?:data-pagefind-ignore|\bclass=\"[^\"]*\b(?:"
    + "|".join(sorted(SKIP_CLASSES)) + r")\b))[^>]*>", re.I)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""")
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(BLOCKS - HEADINGS)) + r")\b[^>]*>", re.I)
_SPACE_TAG = re.compile(r"</?(?:td|th|br|hr)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _without_skipped(body: str) -> str:
    """The body without the elements SKIP / SKIP_CLASSES / data-pagefind-ignore name, nested
    elements of the same name included."""
    out: list[str] = []
    at = 0
    while m := _SKIP_OPEN.search(body, at):
        out.append(body[at:m.start()])
        name = (m.group(1) or m.group(2)).lower()
        if m.group(0).endswith("/>"):
            at = m.end()
            continue
        depth = 1
        pos = m.end()
        for t in re.finditer(rf"<(/?){name}\b[^>]*>", body[pos:], re.I):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                pos += t.end()
                break
        else:
            pos = len(body)
        at = pos
    out.append(body[at:])
    return "".join(out)


def blocks_of(body: str) -> list[Block]:
    body = _without_skipped(_BULK.sub(" ", _COMMENT.sub("", body)))

    def heading(m: re.Match[str]) -> str:
        ident = _ID.search(m.group(2))
        return f"\x00\x01h{m.group(1)}\x02{ident.group(1) if ident else ''}\x02{m.group(3)}\x00"

    body = _HEADING.sub(heading, body)
    body = _ANY_TAG.sub("", _SPACE_TAG.sub(" ", _BLOCK_TAG.sub("\x00", body)))
    blocks: list[Block] = []
    for part in body.split("\x00"):
        tag, ident = "p", ""
        if part.startswith("\x01"):
            tag, ident, part = part[1:].split("\x02", 2)
        text = " ".join(unescape(part).split())
        if text:
            blocks.append(Block(tag, text, unescape(ident)))
    return blocks


_ARTICLE = re.compile(r'<article\b[^>]*class="[^"]*\bmd-content__inner\b[^"]*"[^>]*>', re.S)


def main_html(html: str) -> str | None:
    """The page's main content: Material's <article class="md-content__inner"> … </article>."""
    m = _ARTICLE.search(html)
    if not m:
        return None
    end = html.rfind("</article>")
    return html[m.end():end] if end > m.end() else html[m.end():]


def extract(html: str) -> PageText | None:
    body = main_html(html)
    if body is None:
        return None
    blocks = blocks_of(body)
    title = next((b.text for b in blocks if b.tag == "h1"), "")
    if not title:
        m = re.search(r"<title>(.*?)</title>", html, re.S)
        title = unescape(m.group(1)).strip() if m else ""
    return PageText(title, blocks)


def drop_sections(page: PageText, headings: set[str]) -> PageText:
    """Without the sections under these h2 headings (lists of other pages: related articles, a
    company's mentions, a brief's cited articles) — they name other pages' topics, not this one's."""
    out: list[Block] = []
    dropping = False
    for b in page.blocks:
        if b.tag in ("h1", "h2"):
            dropping = b.tag == "h2" and b.text in headings
        if not dropping:
            out.append(b)
    return PageText(page.title, out)


def split_sections(page: PageText, level: str = "h2") -> list[tuple[str, PageText]]:
    """One part per `level` heading with an id (glossary terms): [(anchor, text of that part)]."""
    parts: list[tuple[str, PageText]] = []
    for b in page.blocks:
        if b.tag == level and b.id:
            parts.append((b.id, PageText(b.text, [Block("h1", b.text)])))
        elif parts and b.tag != "h1":
            parts[-1][1].blocks.append(b)
    return parts


# --------------------------------------------------------------------------- which pages


KINDS = ("company", "article", "brief", "term", "data", "about")


def page_kind(rel: str) -> tuple[str, str] | None:
    """(kind, id) of a page from its path inside a locale ('articles/<id>/index.html'), or None
    for pages that are not indexed."""
    parts = rel.split("/")
    if parts[-1] != "index.html":
        return None
    parts = parts[:-1]
    if len(parts) == 2 and parts[0] == "articles" and parts[1] not in ("months", "page"):
        return "article", parts[1]
    if len(parts) == 2 and parts[0] == "briefs" and parts[1] != "page":
        return "brief", parts[1]
    if len(parts) == 2 and parts[0] == "companies" and parts[1] != "page":
        return "company", parts[1]
    if parts == ["glossary"]:
        return "term", ""
    if parts == ["data"]:
        return "data", ""
    if parts and parts[0] == "about" and len(parts) <= 2:
        return "about", "/".join(parts[1:])
    return None
