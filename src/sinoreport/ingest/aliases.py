"""Find known companies (and their products) in text, in any script or phrasing.

The table is built from data/: every name, pin, variant and alias of a company or product, in the
written form and in both OpenCC directions, so 輝達 / 英偉達 / 英伟达 / NVIDIA all find `nvidia`, and
豆包 finds `bytedance` through its product.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import opencc

from sinoreport.alternation import alternation
from sinoreport.corpus import Corpus


@lru_cache(maxsize=4)
def _converter(cfg: str) -> opencc.OpenCC:
    return opencc.OpenCC(cfg)


def script_forms(s: str) -> set[str]:
    """The string as written plus its Simplified and Traditional (Taiwan) renderings."""
    return {s, _converter("t2s").convert(s), _converter("s2t").convert(s), _converter("s2twp").convert(s),
            _converter("tw2sp").convert(s)}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    target: str  # company id (products resolve to their company)
    via: str  # the id that matched (company or product id)


class AliasTable:
    def __init__(self, forms: dict[str, tuple[str, str]]):
        # forms: surface text -> (company id, matched id)
        self.forms = forms
        # longest name first; ASCII names need word boundaries (BABA, Meta, JD must not match inside words)
        self.regex = alternation(forms, ignore_case=True)
        self._lower = {k.lower(): v for k, v in forms.items() if k.isascii()}

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> AliasTable:
        forms: dict[str, tuple[str, str]] = {}

        def add(names: Iterable[str | None], company: str, via: str) -> None:
            for n in names:
                if not n or len(n) < 2:
                    continue
                for f in script_forms(n) if not n.isascii() else {n}:
                    forms.setdefault(f, (company, via))

        for c in corpus.companies.values():
            add([c.name.en, c.name.zh, c.name.zh_hans, c.name.zh_hant, *c.variants, *c.aliases], c.id, c.id)
        for c in corpus.companies.values():
            for p in c.products:
                add([p.name.en, p.name.zh, p.name.zh_hans, p.name.zh_hant, *p.variants, *p.aliases], c.id, p.id)
        return cls(forms)

    def find(self, text: str) -> list[Match]:
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(text):
            s = m.group(0)
            company, via = self.forms.get(s) or self._lower.get(s.lower(), ("", ""))
            if company:
                out.append(Match(m.start(), m.end(), s, company, via))
        return out

    def companies(self, text: str) -> list[str]:
        """Company ids in order of first mention."""
        seen: dict[str, None] = {}
        for m in self.find(text):
            seen.setdefault(m.target, None)
        return list(seen)
