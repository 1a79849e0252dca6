"""Text into Markdown safely: escape by default, link known names, mark languages.

Every string from content/ or data/ is escaped for both Markdown and HTML before it reaches a page,
so a title with `<script>`, `[x](javascript:…)` or `{{ }}` renders as the characters it contains.
Our own generated Markdown is wrapped in `MD` to pass through unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sinoreport.alternation import alternation


class MD(str):
    """Markdown we generated ourselves: trusted, not escaped again."""

    __slots__ = ()


# Python-Markdown's backslash-escapable characters (plus | for tables); a backslash before any other
# character would show up literally, so <>&"' become entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&\"'])")
_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;"}


def escape(text: object) -> MD:
    """Plain text → Markdown that renders as exactly that text (one line; newlines become spaces)."""
    if isinstance(text, MD):
        return text
    s = re.sub(r"\s+", " ", str(text))  # one line, but keep the spaces around words
    return MD(_MD_SPECIAL.sub(lambda m: _ENTITY.get(m.group(1)) or "\\" + m.group(1), s))


def attr(text: object) -> str:
    """Text for an HTML attribute value (double-quoted)."""
    return html.escape(re.sub(r"\s+", " ", str(text)).strip(), quote=True)


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


# --------------------------------------------------------------------------- linking names


@dataclass(frozen=True)
class Target:
    url: str  # relative .md path (plus #anchor), resolved by MkDocs
    title: str = ""  # tooltip (glossary definitions)
    key: str = ""  # what counts as "the same target" for first-mention-only linking


class Linker:
    """Links the first mention per section of each known name (companies, products, terms).

    Longest match wins (阿里巴巴集團 before 阿里巴巴 before 阿里); ASCII names only match as whole words.
    """

    def __init__(self, forms: dict[str, Target]):
        self.forms = forms
        self.regex = alternation(k for k in forms if len(k) >= 2)

    def link(
        self,
        text: str,
        seen: set[str] | None = None,
        *,
        resolve: Callable[[str], str] = str,
        escape_fn: Callable[[str], str] = escape,
    ) -> MD:
        """Escape `text` and turn first mentions into links; `seen` carries across one section.

        `resolve` turns a target's tree path into a link relative to the page being written.
        """
        seen = set() if seen is None else seen
        if self.regex is None or not text:
            return MD(escape_fn(text))
        out: list[str] = []
        pos = 0
        for m in self.regex.finditer(text):
            t = self.forms.get(m.group(0))
            if t is None or (t.key or t.url) in seen:
                continue
            seen.add(t.key or t.url)
            out.append(escape_fn(text[pos : m.start()]))
            title = f' "{attr(t.title)}"' if t.title else ""
            out.append(f"[{escape_fn(m.group(0))}]({resolve(t.url)}{title})")
            pos = m.end()
        out.append(escape_fn(text[pos:]))
        return MD("".join(out))


def lang_span(text: str, lang: str | None) -> MD:
    """Inline text in another language than the page's, marked for screen readers and fonts."""
    if not lang:
        return MD(text)
    return MD(f'<span lang="{attr(lang)}">{text}</span>')


def join(parts: Iterable[str], sep: str = ", ") -> MD:
    return MD(sep.join(parts))
