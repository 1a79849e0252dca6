"""Who names whom: the articles and briefs that name each company, and the briefs that cite each article.

A company is mentioned by an article when the article lists it (`companies`), quotes a figure about it or
one of its products, or names it anywhere in the text we publish of it — headlines, summary, key points,
analysis, quotes and their speakers, figures' quotes and notes, the date note. Names are matched as the
pages link them (View's surface forms, in every locale, plus variant spellings; one trie, alternation.py),
so a count on the companies index is the number of articles whose pages link the company.

An outlet is not a subject of its own articles: where a company file is an outlet's (the outlet's name
begins with the company's name: 36氪 for 36氪財經), that outlet's articles do not mention it by naming
it. Such a company named by no other article or brief is no company of the report (`outlet_only`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sinoreport.alternation import alternation
from sinoreport.corpus import Corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import Strings
from sinoreport.model import Article, Bilingual, Brief, Company, Name, Outlet
from sinoreport.render.view import View


@dataclass(frozen=True)
class Names:
    """Every spelling of every company and product, each to its company, and the pattern finding them."""

    forms: dict[str, str]  # spelling → company id
    pattern: re.Pattern[str] | None

    def named(self, texts: Iterable[str | None]) -> set[str]:
        """The companies named in `texts`."""
        if self.pattern is None:
            return set()
        return {self.forms[m.group(0)] for t in texts if t for m in self.pattern.finditer(t)}

    def leading(self, text: str) -> str | None:
        """The company whose name `text` begins with (its longest name there), if any."""
        m = self.pattern.match(text) if self.pattern is not None else None
        return self.forms[m.group(0)] if m else None


def company_names(corpus: Corpus, conv: Converter, locales: Iterable[str]) -> Names:
    views = [View(corpus, LOCALES[code], conv, Strings({})) for code in locales if code in LOCALES]
    forms: dict[str, str] = {}
    companies = sorted(corpus.companies.values(), key=lambda c: c.id)
    # companies first, then products: a company's own name wins over a product spelled the same (as linking)
    pairs = [(c.id, c) for c in companies] + [(c.id, p) for c in companies for p in c.products]
    for owner, n in pairs:
        spellings = {f for v in views for f in v._surface_forms(n)}
        spellings |= {s for x in n.variants for s in (x, conv.to_script(x, "hans"), conv.to_script(x, "hant"))}
        for f in sorted(spellings):
            if len(f) >= 2:
                forms.setdefault(f, owner)
    return Names(forms, alternation(forms))


def _bi(b: Bilingual | None) -> Iterator[str | None]:
    if b is not None:
        yield b.en
        yield b.zh


def _name(n: Name | None) -> Iterator[str | None]:
    if n is not None:
        yield from (n.en, n.zh, n.zh_hans, n.zh_hant)


def article_text(a: Article) -> Iterator[str | None]:
    """Every text of an article that its page shows."""
    yield a.title.zh
    yield a.title.en
    yield from _bi(a.summary)
    for kp in a.key_points:
        yield kp.en
        yield kp.zh
    yield from _bi(a.analysis)
    yield from _bi(a.date_note)
    for q in a.quotes:
        yield q.text
        yield q.en
        yield from _name(q.speaker)
    for r in a.figures:
        yield r.quote
        yield from _bi(r.note)


def brief_text(b: Brief) -> Iterator[str | None]:
    yield from _name(b.title)
    yield from _bi(b.dek)
    yield from _bi(b.body)


def outlet_company(names: Names, o: Outlet) -> str | None:
    """The company an outlet belongs to, when a company file is the outlet's (by its name)."""
    for written in (o.name.zh, o.name.en, o.name.zh_hans, o.name.zh_hant, *o.variants):
        hit = names.leading(written) if written else None
        if hit:
            return hit
    return None


@dataclass(frozen=True)
class Mentions:
    by_company: dict[str, list[str]]  # company id → the articles naming it, in the order given
    briefs_by_company: dict[str, list[str]]  # company id → the briefs naming it
    briefs_by_article: dict[str, list[str]]  # article id → the briefs citing it
    outlet_only: frozenset[str] = field(default_factory=frozenset)  # outlets' companies nothing else names


def report_companies(corpus: Corpus, conv: Converter, locales: Iterable[str], articles: list[Article],
                     briefs: list[Brief]) -> list[Company]:
    """The companies of the report, by id: every company file but an outlet's that only its outlet brings in."""
    only = mentions(corpus, company_names(corpus, conv, locales), articles, briefs).outlet_only
    return [c for _, c in sorted(corpus.companies.items()) if c.id not in only]


def mentions(corpus: Corpus, names: Names, articles: list[Article], briefs: list[Brief]) -> Mentions:
    """Who names whom, for these (published) articles and briefs; lists keep the order given."""
    owner = {p.id: c.id for c in corpus.companies.values() for p in c.products} | {c: c for c in corpus.companies}
    outlets = {o.id: outlet_company(names, o) for o in corpus.outlets.values()}
    by_company: dict[str, list[str]] = {}
    for a in articles:
        o = corpus.outlet_for(a.outlet)
        own = outlets.get(o.id) if o is not None else None
        found = names.named(article_text(a)) - {own}
        found |= {owner[r.entity] for r in a.figures if r.entity in owner}
        found |= {c for c in a.companies if c in corpus.companies}  # a person's list always counts
        for c in sorted(found):
            by_company.setdefault(c, []).append(a.id)
    briefs_by_company: dict[str, list[str]] = {}
    briefs_by_article: dict[str, list[str]] = {}
    for b in briefs:
        found = names.named(brief_text(b)) | {c for c in b.companies if c in corpus.companies}
        for c in sorted(found):
            briefs_by_company.setdefault(c, []).append(b.id)
        for i in dict.fromkeys(b.cites):
            briefs_by_article.setdefault(i, []).append(b.id)
    only = frozenset(c for c in outlets.values() if c and c not in by_company and c not in briefs_by_company)
    return Mentions(by_company, briefs_by_company, briefs_by_article, only)
