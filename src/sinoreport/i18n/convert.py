"""Chinese script conversion: OpenCC at phrase level, corrected by per-term overrides.

Our Chinese is written once in the canonical script. For the other locale, OpenCC's phrase
converters (`tw2sp` Traditional-Taiwan → Simplified-mainland, `s2twp` the reverse) do the bulk, and
names from data/ override it term by term, as Wikipedia's variant rules do: every spelling of a
name we know (its `zh`, pins and `variants`, in either script) becomes that locale's form — 輝達 /
英偉達 → 英伟达 on zh-Hans, → 輝達 on zh-Hant.

Overrides are protected before conversion (replaced by private-use placeholders that OpenCC leaves
alone) and restored after it, so OpenCC can never split or re-convert a pinned name. Conversions are
memoized: the same paragraph converts once per locale per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import opencc

from sinoreport.model import ConversionRule, Named

_PUA0 = 0xF0000  # Supplementary Private Use Area-A: never in real text, passed through by OpenCC
_PH = re.compile(r"[\U000F0000-\U000FFFFD]")


@lru_cache(maxsize=8)
def opencc_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# direction: (source script, target script) → OpenCC config
_CONFIGS = {("hant", "hans"): "tw2sp", ("hans", "hant"): "s2twp"}


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\n?[ \t]*(?=[{_CJK}])")


def join_cjk(text: str, *, markdown: bool = False) -> str:
    """Remove line wraps and spaces between Chinese characters (YAML folds lines with a space; Chinese
    has no word spaces). A blank line stays a paragraph break; in Markdown a heading line stays whole."""
    if not markdown:
        return _CJK_GAP.sub("", text)
    out: list[str] = []
    for line in text.split("\n"):
        prev = out[-1] if out else ""
        if (prev and line.strip() and not prev.lstrip().startswith(("#", "|", "@"))
                and re.search(rf"[{_CJK}]$", prev) and re.match(rf"^\s*[{_CJK}]", line)):
            out[-1] = prev + line.strip()
        else:
            out.append(line)
    return re.sub(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])", "", "\n".join(out))


class Converter:
    """Converts canonical-script Chinese to a locale's script with per-term overrides."""

    def __init__(self, canonical: str, named: Iterable[Named] = (), rules: Iterable[ConversionRule] = ()):
        self.canonical = canonical
        # per target script: surface form → the locale's form
        self._table: dict[str, dict[str, str]] = {"hans": {}, "hant": {}}
        self._regex: dict[str, re.Pattern[str] | None] = {}
        self._cache: dict[tuple[str, str, str], str] = {}  # texts repeat across pages within a build
        for r in rules:  # phrase rules first: they are the most deliberate
            for script, target in (("hans", r.zh_hans), ("hant", r.zh_hant)):
                for f in (r.zh_hans, r.zh_hant):
                    self._table[script].setdefault(f, target)
        for n in named:
            self.add(n)

    def add(self, n: Named) -> None:
        zh = n.name.zh
        spellings = {s for s in (zh, n.name.zh_hans, n.name.zh_hant, *n.variants) if s and not s.isascii()}
        if not spellings:
            return
        for script, pin in (("hans", n.name.zh_hans), ("hant", n.name.zh_hant)):
            # `zh` is written in the canonical script: keep it as written there, convert it for the other
            target = pin or (zh if script == self.canonical else self._plain(zh, script) if zh else None)
            if not target:
                continue
            forms: set[str] = set()
            for s in spellings:
                forms |= {s, self._plain(s, "hans"), self._plain(s, "hant")}
            for f in forms:
                # a longer, more specific name wins over a shorter one that happens to share a form
                if len(f) >= 2:
                    self._table[script].setdefault(f, target)
        self._regex.clear()
        self._cache.clear()

    def _plain(self, text: str, script: str) -> str:
        src = "hans" if script == "hant" else "hant"
        return opencc_converter(_CONFIGS[(src, script)]).convert(text)

    def _pattern(self, script: str) -> re.Pattern[str] | None:
        if script not in self._regex:
            forms = sorted(self._table[script], key=len, reverse=True)
            self._regex[script] = re.compile("|".join(map(re.escape, forms))) if forms else None
        return self._regex[script]

    def to_script(self, text: str, script: str, source: str | None = None) -> str:
        """Convert text written in `source` (default: canonical) into `script`, with overrides."""
        key = (text, script, source or self.canonical)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._convert(*key)
        return hit

    def _convert(self, text: str, script: str, source: str) -> str:
        if not text:
            return text
        table = self._table[script]
        pattern = self._pattern(script)
        held: list[str] = []
        if pattern is not None:
            def hold(m: re.Match[str]) -> str:
                held.append(table[m.group(0)])
                return chr(_PUA0 + len(held) - 1)

            text = pattern.sub(hold, text)
        if source != script:
            text = opencc_converter(_CONFIGS[(source, script)]).convert(text)
        if held:
            text = _PH.sub(lambda m: held[ord(m.group(0)) - _PUA0], text)
        return text

    def name(self, n: Named, script: str) -> str:
        """A name in a script: its pin, else its canonical `zh` converted."""
        pin = n.name.zh_hans if script == "hans" else n.name.zh_hant
        if pin:
            return pin
        if n.name.zh:
            return n.name.zh if script == self.canonical else self.to_script(n.name.zh, script)
        return n.name.en
