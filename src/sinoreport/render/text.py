"""Text into pages safely: escape by default, link known names, mark languages.

Pages are written as HTML (most kinds: MkDocs does not parse them again) or as Markdown (prose pages
whose templates are Markdown). Every string from content/ or data/ is escaped for the page's format —
HTML, or both Markdown and HTML — before it reaches a page, so a title with `<script>`,
`[x](javascript:…)` or `{{ }}` renders as the characters it contains. What our own code built is
wrapped to pass through unescaped: `Markup` (HTML), `MD` (Markdown).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

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


def html_text(text: object) -> Markup:
    """Plain text → HTML that shows exactly that text (one line; newlines become spaces)."""
    if isinstance(text, Markup):
        return text
    s = html.escape(re.sub(r"\s+", " ", str(text)), quote=False)
    return Markup(s.replace('"', "&quot;").replace("'", "&#39;"))  # the entities Python-Markdown writes


def attr(text: object) -> str:
    """Text for an HTML attribute value (double-quoted)."""
    return html.escape(re.sub(r"\s+", " ", str(text)).strip(), quote=True)


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


# A sentence ends at a Chinese full stop, question or exclamation mark (a closing quote or bracket stays
# with it), or at . ? ! and a space before a capital letter or an opening quote in English.
_SENTENCE_END = re.compile(r"[。！？][”’」』）]*|[.?!][\"”’)]*(?=\s+[A-Z“\"(])")
# an English full stop that ends a word, not a sentence: U.S., Inc., vs., a single initial
_NOT_AN_END = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Z]\.)+[A-Z]|\b(?:Mr|Ms|Mrs|Dr|St|Inc|Co|Corp|Ltd|No|vs|approx|e\.g|i\.e))$")


def first_sentence(text: str | None) -> str:
    """The first sentence of a text (a summary's first line on the article indexes); the whole text if it
    has only one."""
    text = " ".join((text or "").split())
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] == "." and _NOT_AN_END.search(text[: m.start()]):
            continue
        return text[: m.end()]
    return text


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
        as_html: bool = False,
    ) -> str:
        """Escape `text` and turn first mentions into links; `seen` carries across one section.

        `resolve` turns a target's tree path into a link relative to the page being written; `as_html`:
        the links are <a> elements (and the text is escaped for HTML), else Markdown links.
        """
        seen = set() if seen is None else seen
        if as_html:
            escape_fn = html_text
        wrap = Markup if as_html else MD
        if self.regex is None or not text:
            return wrap(escape_fn(text))
        out: list[str] = []
        pos = 0
        for m in self.regex.finditer(text):
            t = self.forms.get(m.group(0))
            if t is None or (t.key or t.url) in seen:
                continue
            seen.add(t.key or t.url)
            out.append(escape_fn(text[pos : m.start()]))
            if as_html:
                title = f' title="{attr(t.title)}"' if t.title else ""
                out.append(f'<a href="{attr(resolve(t.url))}"{title}>{escape_fn(m.group(0))}</a>')
            else:
                title = f' "{attr(t.title)}"' if t.title else ""
                out.append(f"[{escape_fn(m.group(0))}]({resolve(t.url)}{title})")
            pos = m.end()
        out.append(escape_fn(text[pos:]))
        return wrap("".join(out))


def lang_span(text: str, lang: str | None) -> str:
    """Inline text in another language than the page's, marked for screen readers and fonts."""
    wrap = Markup if isinstance(text, Markup) else MD
    if not lang:
        return wrap(text)
    return wrap(f'<span lang="{attr(lang)}">{text}</span>')


_HAN = "\u3400-\u9fff\uf900-\ufaff"
# a run of Chinese inside English text: Han characters with the CJK punctuation and digits between them
_HAN_RUN = re.compile(f"[{_HAN}](?:[{_HAN}\u3000-\u303f\uff00-\uffef0-9]*[{_HAN}])?")
_TAG = re.compile(r"(<[^>]*>)")
_LANG = re.compile(r"""\slang=["']?zh""", re.I)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})


def mark_han(text: str, lang_of: Callable[[str], str | None]) -> str:
    """English text (HTML or our Markdown) with each run of Chinese characters in it (a word quoted in a
    note: 3800億, 經濟觀察網) wrapped in a span with its lang, as `lang_of` tells it; text already inside
    an element with a Chinese lang, and tags and their attributes, stay as they are."""
    if not _HAN_RUN.search(text):
        return text
    wrap = Markup if isinstance(text, Markup) else MD
    out: list[str] = []
    open_tags: list[tuple[str, bool]] = []
    for part in _TAG.split(text):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip("/>").lower() if len(part) > 2 else ""
            if name.startswith("/"):
                while open_tags and open_tags.pop()[0] != name[1:]:
                    pass
            elif name and name not in _VOID and not part.endswith("/>") and not name.startswith("!"):
                open_tags.append((name, bool(_LANG.search(part))))
            out.append(part)
        elif any(zh for _, zh in open_tags):
            out.append(part)
        else:
            def span(m: re.Match[str]) -> str:
                lang = lang_of(m.group(0))
                return f'<span lang="{attr(lang)}">{m.group(0)}</span>' if lang else m.group(0)

            out.append(_HAN_RUN.sub(span, part))
    return wrap("".join(out))


def join(parts: Iterable[str], sep: str = ", ") -> MD:
    return MD(sep.join(parts))


def table(header: Iterable[str], rows: Iterable[Iterable[str]], right: Iterable[int] = ()) -> Markup:
    """An HTML table of cells that are HTML already (escape text first), laid out as Python-Markdown's
    tables do (the theme's styles and our table wrapper expect that shape); `right`: columns of numbers."""
    right = set(right)

    def cells(tag: str, row: Iterable[str]) -> str:
        return "\n".join(f'<{tag} style="text-align: right;">{c}</{tag}>' if i in right else f"<{tag}>{c}</{tag}>"
                         for i, c in enumerate(row))

    body = "\n".join(f"<tr>\n{cells('td', r)}\n</tr>" for r in rows)
    return Markup(f"<table>\n<thead>\n<tr>\n{cells('th', header)}\n</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n"
                  "</table>")
