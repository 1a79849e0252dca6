"""A page's view: a LocaleView plus where the page is (relative URLs) and how to link names."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property, lru_cache

from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.model import Company, Named
from sinoreport.render.text import MD, Linker, Target, attr, escape, lang_span

__all__ = ["Strings", "View"]


@lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:  # the same few hundred targets from the same few folders
    return posixpath.relpath(path, start)


@dataclass
class View(LocaleView):
    page: str = "index.md"  # the page being rendered (for relative URLs); set per page

    # ------------------------------------------------------------------ urls

    def url(self, target: str) -> MD:
        """Relative link from the current page to `target` (a .md path in this locale's tree)."""
        path, _, anchor = target.partition("#")
        rel = _relpath(path, posixpath.dirname(self.page) or ".")
        return MD(rel + (f"#{anchor}" if anchor else ""))

    def asset(self, path: str) -> MD:
        """Link to a non-page file (data download, PDF) relative to the current page's URL."""
        depth = self.page.count("/") + (0 if self.page.endswith("index.md") else 1)
        return MD("../" * depth + path)

    # ------------------------------------------------------------------ linking

    @cached_property
    def linker(self) -> Linker:
        forms: dict[str, Target] = {}
        c = self.corpus

        def add(n: Named, url: str, key: str, title: str = "") -> None:
            for f in self._surface_forms(n):
                forms.setdefault(f, Target(url, title, key))

        for co in c.companies.values():
            add(co, f"companies/{co.id}.md", co.id)
        for co in c.companies.values():
            for p in co.products:
                add(p, f"companies/{co.id}.md", p.id)
        for term in c.glossary.values():
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

    def linked(self, text: str, seen: set[str] | None = None) -> MD:
        """Escape text and link first mentions (relative to the current page), never to the page itself:
        a company's own profile does not link its name or its products back to itself."""
        seen = set() if seen is None else seen
        seen |= self._keys_by_page.get(self.page, set())
        return self.linker.link(text, seen, resolve=self.url)

    def bi(self, b, *, link: bool = False) -> MD:
        """A bilingual field as Markdown in this locale; text we had to take from the other language
        carries its own lang attribute (so screen readers and fonts switch)."""
        text, lang = self.text(b)
        md = self.linked(text) if link else escape(text)
        return lang_span(md, lang) if lang else md

    def foreign(self, text: str, lang: str) -> MD:
        """Text in a given language, marked when it is not the page's language."""
        md = escape(text)
        return md if lang == self.loc.code or (lang == "en" and not self.loc.zh) else lang_span(md, lang)

    def company_link(self, co: Company) -> MD:
        return MD(f"[{escape(self.name(co))}]({self.url(f'companies/{co.id}.md')})")

    def attr(self, s: str) -> str:
        return attr(s)

