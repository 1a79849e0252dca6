"""Who the text names: companies, their products, and the other entities of data/ (indexes, markets,
groups), in any script or phrasing — 輝達 / 英偉達 / 英伟达 / NVIDIA all find `nvidia`, 豆包 finds
ByteDance's product, 中國四大雲服務商 the group `china-csps` (through its aliases in data/entities.yaml).
Organizations data/ does not know are found by `orgs.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sinoreport.alternation import alternation
from sinoreport.corpus import Corpus
from sinoreport.ingest.reading import script_forms


@dataclass(frozen=True)
class Target:
    id: str  # what a row's entity would be: company, product or entity id
    kind: str  # company | product | entity
    company: str  # the company behind it ("" for entities)
    product_kind: str = ""  # model, chip, app, business … for products
    company_type: str = ""  # company, research, fund-manager … for companies
    entity_type: str = ""  # index, market, commodity, fund … for entities
    price_unit: str = ""  # how an entity's price is quoted (USD/oz)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    target: Target

    @property
    def company(self) -> str:
        return self.target.company

    @property
    def id(self) -> str:
        return self.target.id


class Mentions:
    def __init__(self, forms: dict[str, Target]):
        self.forms = forms
        # longest name first; ASCII names need word boundaries (BABA, Meta, JD must not match inside words)
        self.regex = alternation(forms, ignore_case=True)
        self._lower = {k.lower(): v for k, v in forms.items() if k.isascii()}

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> Mentions:
        forms: dict[str, Target] = {}

        def add(names: Iterable[str | None], target: Target) -> None:
            for n in names:
                if not n or len(n) < 2:
                    continue
                for f in script_forms(n):
                    forms.setdefault(f, target)

        def names(x) -> list[str | None]:
            return [x.name.en, x.name.zh, x.name.zh_hans, x.name.zh_hant, *x.variants, *x.aliases]

        for c in corpus.companies.values():
            add(names(c), Target(c.id, "company", c.id, company_type=c.type))
        for c in corpus.companies.values():
            for p in c.products:
                add(names(p), Target(p.id, "product", c.id, product_kind=p.kind))
        for e in corpus.entities.values():
            add(names(e), Target(e.id, "entity", "", entity_type=e.type, price_unit=e.price_unit or ""))
        return cls(forms)

    def find(self, text: str) -> list[Mention]:
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(text):
            s = m.group(0)
            t = self.forms.get(s) or self._lower.get(s.lower())
            if t is not None:
                out.append(Mention(m.start(), m.end(), s, t))
        return out

    def companies(self, text: str) -> list[str]:
        """Company ids in order of first mention (products count for their company)."""
        seen: dict[str, None] = {}
        for m in self.find(text):
            if m.company:
                seen.setdefault(m.company, None)
        return list(seen)
