"""A page's view: a LocaleView plus where the page is (relative URLs), the page's format (HTML or
Markdown) and how to link names."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from markupsafe import Markup

from sinoreport.corpus import Row
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.model import Company, Kind, Named
from sinoreport.render.catalogue import section_of
from sinoreport.render.text import MD, Linker, Target, attr, escape, html_text, lang_span, mark_han

__all__ = ["Strings", "View"]


@lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:  # the same few hundred targets from the same few folders
    return posixpath.relpath(path, start)


def page_url(path: str) -> str:
    """The URL (directory style, relative to the locale's root) of a page's tree path:
    index.md → "", articles/x.md → articles/x/, tags/ai/index.md → tags/ai/."""
    if path == "index.md" or path.endswith("/index.md"):
        return path[: -len("index.md")]
    if path.endswith("/index.html"):  # a standalone HTML page (a chart's embed view)
        return path[: -len("index.html")]
    return path.removesuffix(".md") + "/"


@lru_cache(maxsize=1 << 14)
def _slug(text: str) -> str:
    from pymdownx.slugs import slugify

    return slugify(case="lower")(text, "-")


@lru_cache(maxsize=1 << 16)
def _href(target: str, page: str) -> str:
    path, _, anchor = target.partition("#")
    here = page_url(page)
    rel = posixpath.relpath(page_url(path) or ".", here or ".") if path else ""
    rel = "./" if rel == "." else rel + "/" if path and not rel.endswith("/") else rel
    return rel + (f"#{anchor}" if anchor else "")


@dataclass
class View(LocaleView):
    page: str = "index.md"  # the page being rendered (for relative URLs); set per page
    html: bool = False  # the page is written as HTML (else Markdown, which MkDocs converts)
    _ids: set[str] = field(default_factory=set)  # the heading ids given on the current page
    # the sections this site does not have (`site.pages`): nothing links to them
    hidden: frozenset[str] = frozenset()

    def begin(self, page: str, *, html: bool) -> None:
        """Start a page: where it is, its format, no ids given yet."""
        self.page, self.html = page, html
        self._ids = set()

    def anchor(self, text: str) -> str:
        """A heading's id, as MkDocs' toc extension would give it (pymdownx slugify, lower case; _1, _2 …
        for repeats), so links and the table of contents agree with Markdown pages."""
        base = _slug(text)
        ident, n = base, 0
        while ident in self._ids:
            n += 1
            ident = f"{base}_{n}"
        self._ids.add(ident)
        return ident

    # ------------------------------------------------------------------ urls

    def url(self, target: str) -> str:
        """Link from the current page to `target` (a .md path in this locale's tree, maybe #anchor): the
        final relative URL on an HTML page; on a Markdown page the relative .md path MkDocs resolves."""
        if self.html:
            return self.href(target)
        path, _, anchor = target.partition("#")
        rel = _relpath(path, posixpath.dirname(self.page) or ".")
        return MD(rel + (f"#{anchor}" if anchor else ""))

    def href(self, target: str) -> str:
        """The final relative URL from the current page to `target`, whatever the page's format (raw HTML
        inside Markdown is not rewritten by MkDocs)."""
        return _href(target, self.page)

    def asset(self, path: str) -> str:
        """Link to a non-page file (data download, PDF, feed) relative to the current page's URL."""
        here = page_url(self.page)
        return posixpath.relpath(path, here) if here else path

    # ------------------------------------------------------------------ linking

    @cached_property
    def linker(self) -> Linker:
        forms: dict[str, Target] = {}
        c = self.corpus

        def add(n: Named, url: str, key: str, title: str = "") -> None:
            for f in self._surface_forms(n):
                forms.setdefault(f, Target(url, title, key))

        companies = c.companies.values() if self.shown("companies") else ()
        for co in companies:
            add(co, f"companies/{co.id}.md", co.id)
        for co in companies:
            for p in co.products:
                add(p, f"companies/{co.id}.md", p.id)
        for term in c.glossary.values() if self.shown("glossary") else ():
            definition, _ = self.text(term.definition)
            add(term, f"glossary/index.md#{term.id}", "term:" + term.id, definition)
        return Linker(forms)

    def _surface_forms(self, n: Named) -> set[str]:
        if self.loc.zh:
            forms = {self.name(n)}
            forms |= {self.zh(a) for a in n.aliases if not a.isascii()}
            forms |= {a for a in n.aliases if a.isascii() and len(a) >= 3}
            forms.add(n.name.en) if len(n.name.en) >= 3 else None
        else:
            forms = {n.name.en, *(a for a in n.aliases if a.isascii())}
        return {f for f in forms if f and len(f) >= 2}

    @cached_property
    def _keys_by_page(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for t in self.linker.forms.values():
            out.setdefault(t.url, set()).add(t.key or t.url)
        return out

    # ------------------------------------------------------------------ the page's format

    def esc(self, text: object) -> str:
        """Text escaped for this page's format."""
        return html_text(text) if self.html else escape(text)

    def safe(self, text: str) -> str:
        """What our code built, in this page's format, passed through as it is."""
        return Markup(text) if self.html else MD(text)

    def shown(self, section: str) -> bool:
        """The site has this section (`briefs`, `companies`, `tags`, `glossary`, `data`): templates leave out
        what only points to one it does not have."""
        return section not in self.hidden

    def link(self, label: str, target: str) -> str:
        """A link with a plain-text label to a page in this locale's tree; the label alone when the page
        is in a section the site does not have."""
        if self.hidden and section_of(target) in self.hidden:
            return Markup(html_text(label)) if self.html else MD(escape(label))
        if self.html:
            return Markup(f'<a href="{attr(self.href(target))}">{html_text(label)}</a>')
        return MD(f"[{escape(label)}]({self.url(target)})")

    def linked(self, text: str, seen: set[str] | None = None) -> str:
        """Escape text and link first mentions (relative to the current page), never to the page itself:
        a company's own profile does not link its name or its products back to itself."""
        seen = set() if seen is None else seen
        seen |= self._keys_by_page.get(self.page, set())
        return self.marked(self.linker.link(text, seen, resolve=self.url, as_html=self.html))

    def marked(self, text: str) -> str:
        """On an English page, the Chinese words inside our English (a term quoted in a note) marked with
        their lang; Chinese pages as they are."""
        return text if self.loc.zh else mark_han(text, self.lang_of)

    def bi(self, b, *, link: bool = False) -> str:
        """A bilingual field in this locale; text we had to take from the other language carries its own
        lang attribute (so screen readers and fonts switch)."""
        text, lang = self.text(b)
        md = self.linked(text) if link else self.esc(text)
        return lang_span(md, lang) if lang else self.marked(md)

    def foreign(self, text: str, lang: str) -> str:
        """Text in a given language, marked when it is not the page's language."""
        md = self.esc(text)
        return md if lang == self.loc.code or (lang == "en" and not self.loc.zh) else lang_span(md, lang)

    # ------------------------------------------------------------------ data rows

    @staticmethod
    def row_id(r: Row) -> str:
        """The id of a row on its article's page (its position in the article's figures, from 1): where a
        key finding's value links."""
        return f"row-{r.index + 1}"

    def row_target(self, r: Row) -> str:
        return f"articles/{r.article}.md#{self.row_id(r)}"

    def row_label(self, r: Row) -> str:
        """What a value in prose stands for, as its link's tooltip: metric, period, kind, outlet."""
        a = self.corpus.articles.get(r.article)
        parts = [self.name_of(r.row.metric), self.period(r.row.period)]
        if r.row.kind != Kind.actual:
            parts.append(self.kind(r.row.kind.value))
        return " · ".join(parts) + (f" — {self.outlet_name(a)}" if a is not None else "")

    def names_list(self, items: list[str] | tuple[str, ...]) -> str:
        """Other names of something (aliases, variants), each marked with its lang where it is not in the
        page's language, the page's own forms first and the other script's after them."""
        marked = [(s, self.lang_of(s)) for s in items]
        ordered = sorted(marked, key=lambda m: m[1] is not None)  # stable: the curated order within each
        return self.safe(self.list_sep.join(lang_span(self.esc(s), lang) for s, lang in ordered))

    def name_forms(self, en: str, forms: dict[str, str]) -> str:
        """A name in English and in both scripts (`forms` by locale): the page's own form first, the others
        after it, each marked with its lang."""
        codes = ["en", "zh-Hans", "zh-Hant"]
        if self.loc.zh:
            other = "zh-Hant" if self.loc.code == "zh-Hans" else "zh-Hans"
            codes = [self.loc.code, other, "en"]
        text = {"en": en, **forms}
        return self.safe(" · ".join(self.foreign(text[c], c) for c in codes if text.get(c)))

    def company_link(self, co: Company) -> str:
        return self.link(self.name(co), f"companies/{co.id}.md")

    def attr(self, s: str) -> str:
        return attr(s)

    def count(self, key: str, n: int) -> str:
        """A counter from strings.yaml: "{n}篇文章" in Chinese (the measure word is in the string), and in
        English the entry's `one` form for 1 ("1 brief"), else its plural."""
        entry = self.strings.table.get(key, {})
        if n == 1 and not self.loc.zh and entry.get("one"):
            return entry["one"].format(n=n)
        return self.t(key, n=f"{n:,}")

