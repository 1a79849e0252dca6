"""Page kinds, in one place: where each kind's pages live, which template writes them, and what search
makes of them. The renderer asks this table for every page's path and template; the Build's catalogue
(every page of every locale, with its kind, id and URL) comes from the same table, and the search index
reads kinds from the catalogue instead of guessing them from URLs.

A new kind of page is one entry here, its template, and the generator in pages.py that yields it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    path: str  # in the locale's tree; {id} is the page's id; a paged kind's path is a folder
    template: str  # templates/site/…: *.html.j2 pages are written as HTML, *.md.j2 as Markdown
    search: str | None = None  # the kind search records give the page (None: not indexed)
    paged: bool = False  # a listing: base/index.md, base/page/2.md, …


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("home", "index.md", "home.html.j2"),
    Kind("briefs", "briefs/index.md", "briefs.html.j2"),
    Kind("brief", "briefs/{id}.md", "brief.md.j2", search="brief"),
    Kind("article", "articles/{id}.md", "article.html.j2", search="article"),
    Kind("articles", "articles", "listing.html.j2", paged=True),
    Kind("month", "articles/months/{id}", "listing.html.j2", paged=True),
    Kind("companies", "companies/index.md", "companies.html.j2"),
    Kind("company", "companies/{id}.md", "company.html.j2", search="company"),
    Kind("company-articles", "companies/{id}/articles", "listing.html.j2", paged=True),
    Kind("tags", "tags/index.md", "tags.html.j2"),
    Kind("tag", "tags/{id}", "listing.html.j2", paged=True),
    Kind("glossary", "glossary/index.md", "glossary.html.j2", search="term"),
    Kind("data", "data/index.md", "data.html.j2", search="data"),
    Kind("about", "about/index.md", "about.md.j2", search="about"),
    Kind("methodology", "about/methodology.md", "methodology.md.j2", search="about"),
    # a chart's own page; its chart-only view for <iframe> embeds, a standalone HTML file (no theme)
    Kind("chart", "charts/{id}.md", "chart.html.j2"),
    Kind("chart-embed", "charts/{id}/embed/index.html", "chart-embed.html.j2"),
    Kind("changes", "changes/index.md", "changes.html.j2"),
)}


# The sections a project may turn off (`site.pages` in sinoreport.yml): each one's kinds of page. Home,
# articles and About are always there.
SECTIONS: dict[str, tuple[str, ...]] = {
    "briefs": ("briefs", "brief"),
    "companies": ("companies", "company", "company-articles"),
    "tags": ("tags", "tag"),
    "glossary": ("glossary",),
    "data": ("data",),
}


_FOLDERS = {KINDS[k].path.split("/", 1)[0]: s for s, kinds in SECTIONS.items() for k in kinds}


def hidden_kinds(sections: frozenset[str]) -> frozenset[str]:
    """The page kinds of these sections."""
    return frozenset(k for s in sections for k in SECTIONS[s])


def section_of(path: str) -> str | None:
    """The section (of SECTIONS) a page of a locale's tree is in, by its folder (`companies/acme.md`,
    `glossary/index.md#capex`); None for a page of no section, or a file that is no page (a download)."""
    path = path.partition("#")[0]
    if not path.endswith(".md"):
        return None
    return _FOLDERS.get(path.split("/", 1)[0]) if "/" in path else None


def paged_path(base: str, n: int) -> str:
    """base/index.md, base/page/2.md, …"""
    return f"{base}/index.md" if n == 1 else f"{base}/page/{n}.md"


def path_of(kind: str, ident: str = "", n: int = 1) -> str:
    """The one URL builder: a page's path in its locale's tree (View turns it into a relative URL)."""
    k = KINDS[kind]
    base = k.path.format(id=ident)
    return paged_path(base, n) if k.paged else base


@dataclass(frozen=True)
class Entry:
    """One page of the built site."""

    locale: str
    kind: str
    ident: str
    path: str  # in the locale's tree, e.g. articles/<id>.md
    url: str  # site-relative, e.g. zh-Hans/articles/<id>/

    @property
    def search(self) -> str | None:
        return KINDS[self.kind].search
