"""Names for search, from the alias tables in data/: what readers may type, and what pages say.

Every named thing (company, product, entity, glossary term, tag) has one entry per locale with
- `forms`: every spelling a reader may type — English name, Chinese name in both scripts (plain
  OpenCC and our pinned forms), variants, aliases — folded as queries are (tokens.fold);
- `search`: the spellings the locale's pages actually use (the locale's name, and aliases in the
  locale's script that are part of it: 阿里巴巴 for 阿里巴巴集团, Alibaba for Alibaba Group);
- `profile`: the company whose profile page is about it (itself; a product's company).

Pages get the same names as indexed text (see `page_names`), so a query resolved to an entity
finds the profile and the articles tagged with it whatever spelling their prose used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sinoreport.corpus import Corpus
from sinoreport.i18n.convert import Converter, opencc_converter
from sinoreport.i18n.view import LocaleView
from sinoreport.model import Company, Named
from sinoreport.search.tokens import fold, is_han

# when one spelling names several things, the first kind here wins the profile boost
KIND_ORDER = ("company", "product", "entity", "term", "tag")


@dataclass
class Entry:
    id: str
    kind: str
    name: str  # in the locale
    search: list[str]  # spellings the locale's pages use
    profile: str = ""  # id of the company whose profile is about it ("" if none)
    forms: set[str] = field(default_factory=set)  # folded spellings a reader may type

    def as_json(self) -> list:
        return [self.kind, self.name, self.search, self.profile]


def plain_forms(text: str) -> set[str]:
    """A Chinese spelling in both scripts by plain OpenCC (no pins): 輝達 → 辉达."""
    if not is_han(text):
        return {text}
    return {text, opencc_converter("tw2sp").convert(text), opencc_converter("s2twp").convert(text),
            opencc_converter("t2s").convert(text), opencc_converter("s2t").convert(text)}


def spellings(n: Named, conv: Converter) -> set[str]:
    """Every spelling of a name a reader might type, in any script or language."""
    raw = {n.name.en, n.name.zh, n.name.zh_hans, n.name.zh_hant, *n.variants, *n.aliases}
    out: set[str] = set()
    for s in raw:
        if not s:
            continue
        out |= plain_forms(s)
        if is_han(s):
            out |= {conv.to_script(s, "hans"), conv.to_script(s, "hant")}
    return out


def _usable(folded: str) -> bool:
    # one Latin letter or one Chinese character names too many things to resolve a query by
    return len(folded) >= 2


def local_spellings(n: Named, view: LocaleView) -> list[str]:
    """The locale's name first, then aliases written in the locale's language that are part of it."""
    name = view.name(n)
    found = [name]
    key = fold(name)
    for a in n.aliases:
        local = view.zh(a) if view.loc.zh and is_han(a) else a
        if view.loc.zh != is_han(local):
            continue
        f = fold(local)
        if _usable(f) and f != key and f in key and local not in found:
            found.append(local)
    found[1:] = sorted(found[1:], key=len)[:2]  # the shortest parts are the most common in prose
    return found


def profile_of(kind: str, ident: str, owner: str | None) -> str:
    return ident if kind == "company" else owner or "" if kind == "product" else ""


def entries(corpus: Corpus, view: LocaleView) -> list[Entry]:
    """One entry per named thing for this locale, in KIND_ORDER then id order."""
    conv = view.conv
    owner = {p.id: c.id for c in corpus.companies.values() for p in c.products}
    out: list[Entry] = []
    for kind, n in sorted(corpus.named(), key=lambda kn: (KIND_ORDER.index(kn[0]), kn[1].id)):
        forms = {f for f in map(fold, spellings(n, conv)) if _usable(f)}
        if not forms:
            continue
        out.append(Entry(n.id, kind, view.name(n), local_spellings(n, view),
                         profile_of(kind, n.id, owner.get(n.id)), forms))
    return out


def form_table(items: Iterable[Entry]) -> dict[str, list[int]]:
    """folded spelling → indexes of the entries it names (an alias may name two things)."""
    table: dict[str, list[int]] = {}
    for i, e in enumerate(items):
        for f in sorted(e.forms):  # sorted: the same data gives the same bytes (reproducible builds)
            table.setdefault(f, []).append(i)
    return table


# --------------------------------------------------------------------------- names on pages


def all_names(items: Iterable[Named], view: LocaleView) -> list[str]:
    """Every name of these things, each once: on Chinese pages in the page's script (queries are
    converted into it before searching, and a name in the other script would pair its characters
    with the page's own: 英偉 from 英偉達 + 達晶片 from 輝達晶片 would look like 英偉達晶片)."""
    out: list[str] = []
    for n in items:
        aliases = [view.zh(a) for a in n.aliases] if view.loc.zh else list(n.aliases)
        for a in (view.name(n), n.name.en, *aliases):
            if a and a not in out:
                out.append(a)
    return out


def company_names(co: Company, view: LocaleView) -> list[str]:
    """Hidden, indexed text on a company profile: every name of the company and its products, so
    any spelling finds the profile."""
    return all_names([co, *co.products], view)


def page_names(corpus: Corpus, view: LocaleView, companies: Iterable[str], tags: Iterable[str] = ()) -> list[str]:
    """Hidden, indexed text on an article or brief: the locale's names of what it is about."""
    out: list[str] = []
    for ident in companies:
        co = corpus.companies.get(ident)
        if co is not None and (name := view.name(co)) not in out:
            out.append(name)
    for ident in tags:
        tag = corpus.tags.get(ident)
        if tag is not None and (name := view.name(tag)) not in out:
            out.append(name)
    return out
