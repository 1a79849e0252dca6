"""Chinese script conversion: OpenCC at phrase level, corrected by per-term overrides.

Our Chinese is written once in the canonical script. For the other locale, OpenCC's phrase
converters (`tw2sp` Traditional-Taiwan → Simplified-mainland, `s2twp` the reverse) do the bulk, and
names from data/ override it term by term, as Wikipedia's variant rules do: every spelling of a
name we know (its `zh`, pins and `variants`, in either script) becomes that locale's form — 輝達 /
英偉達 → 英伟达 on zh-Hans, → 輝達 on zh-Hant.

Below the pins sits a layer of regional vocabulary (the rules marked `regional` of the project's
data/conversions.yaml and of the package's baseline beside this module, conversions.yaml, which every
project gets): script conversion maps 投資人 to 投资人, but a mainland reader writes 投资者. Each pair
rewrites the other region's word, in either script, into the locale's own, on the pages it names; names
and pins are taken out of the text first, so they always win. Glossary terms and tags without a pin
take the regional words in their derived form too, as do the names we gave groups and markets (美國投資人
on zh-Hans is 美国投资者); names of companies, products and funds are their owners' and are not changed.

Overrides are protected before conversion (replaced by private-use placeholders that OpenCC leaves
alone) and restored after it, so OpenCC can never split or re-convert a pinned name. Last, the text
gets full-width punctuation next to Chinese and the locale's quotation marks (punct.py). Conversions
are memoized: the same paragraph converts once per locale per process.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

import opencc

from sinoreport.alternation import alternation
from sinoreport.i18n.punct import normalize
from sinoreport.model import ConversionRule, Entity, GlossaryTerm, Named, Tag

_PUA0 = 0xF0000  # Supplementary Private Use Area-A: never in real text, passed through by OpenCC
_PH = re.compile(r"[\U000F0000-\U000FFFFD]")


@lru_cache(maxsize=8)
def opencc_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# direction: (source script, target script) → OpenCC config
_CONFIGS = {("hant", "hans"): "tw2sp", ("hans", "hant"): "s2twp"}
# script only, no regional phrases: the other region's word as it looks in the locale's script
_SCRIPT_ONLY = {"hans": "tw2s", "hant": "s2tw"}


def in_script(text: str, script: str) -> str:
    """`text` in `script` character by character, in the locale's standard forms (投資人 → 投资人,
    社群媒体 → 社群媒體; 軟體 stays 软体, not 软件)."""
    return opencc_converter(_SCRIPT_ONLY[script]).convert(text)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1 << 14)
def script_of(text: str) -> str | None:
    """The script a name is written in: "hant" or "hans" where its characters tell (阿里巴巴集團, 百度智能云),
    "" where they read the same in both (百度), None for text without Chinese characters."""
    if not _HAN.search(text):
        return None
    if in_script(text, "hans") != text:
        return "hant"
    return "hans" if in_script(text, "hant") != text else ""


@lru_cache(maxsize=1 << 14)
def spellings(text: str) -> frozenset[str]:
    """`text` and its character-by-character forms in both scripts (OpenCC's standard and Taiwan's)."""
    return frozenset({text, *(opencc_converter(c).convert(text) for c in ("t2s", "tw2s", "s2t", "s2tw"))})


def is_vocabulary(n: Named) -> bool:
    """A name that is our description of something (a glossary term, a tag, a group or market such as
    美國投資人), not the name its owner gave it: regional words apply to it, and the lint reads it."""
    return isinstance(n, GlossaryTerm | Tag) or (isinstance(n, Entity) and n.type in ("group", "market", "commodity"))


def regional_forms(rule: ConversionRule) -> dict[str, tuple[str, str]]:
    """For each target script a regional pair rewrites: (the other region's word as a page in that
    script would show it, the locale's word). 投資人/投资者 for zh-Hans: {"hans": ("投资人", "投资者")}."""
    out: dict[str, tuple[str, str]] = {}
    if rule.regional in ("zh-Hans", "both"):
        out["hans"] = (in_script(rule.zh_hant, "hans"), rule.zh_hans)
    if rule.regional in ("zh-Hant", "both"):
        out["hant"] = (in_script(rule.zh_hans, "hant"), rule.zh_hant)
    return out


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
        # per target script: surface form → the locale's form; pins (names, rules) and regional words
        self._table: dict[str, dict[str, str]] = {"hans": {}, "hant": {}}
        self._regional: dict[str, dict[str, str]] = {"hans": {}, "hant": {}}
        self._regex: dict[str, re.Pattern[str] | None] = {}
        self._regional_regex: dict[str, re.Pattern[str] | None] = {}
        self._cache: dict[tuple[str, str, str, bool], str] = {}  # texts repeat across pages within a build
        self._aliases: set[str] = set()  # other names of companies, products, entities: no regional words
        self._alias_regex: re.Pattern[str] | None = None
        rules = list(rules)
        for r in rules:  # phrase rules first: they are the most deliberate
            if r.regional:
                continue
            for script, target in (("hans", r.zh_hans), ("hant", r.zh_hant)):
                for f in (r.zh_hans, r.zh_hant):
                    self._table[script].setdefault(f, target)
        for r in rules:
            for script, (_, target) in regional_forms(r).items():
                # the other region's word as written in either script, and the locale's own word (so
                # OpenCC cannot turn it into something else)
                other = r.zh_hant if script == "hans" else r.zh_hans
                for f in sorted(spellings(other) | {target}):
                    self._regional[script].setdefault(f, target)
        for n in named:
            self.add(n)

    def add(self, n: Named) -> None:
        zh = n.name.zh
        written = {s for s in (zh, n.name.zh_hans, n.name.zh_hant, *n.variants) if s and not s.isascii()}
        if not written:
            return
        vocabulary = is_vocabulary(n)
        for script, pin in (("hans", n.name.zh_hans), ("hant", n.name.zh_hant)):
            # `zh` is written in the canonical script: keep it as written there, convert it for the other
            if pin:
                target = pin
            elif not zh:
                continue
            elif vocabulary:
                target = self._derive(zh, script)
            else:
                target = zh if script == self.canonical else self._plain(zh, script)
            forms: set[str] = set()
            for s in written:
                forms |= {s, self._plain(s, "hans"), self._plain(s, "hant")}
            for f in forms:
                # a longer, more specific name wins over a shorter one that happens to share a form
                if len(f) >= 2:
                    self._table[script].setdefault(f, target)
        if not vocabulary:
            # someone's other names stay as written, only in the locale's script: no regional word is
            # applied inside one (菜鳥網絡 keeps 網絡). They are not pins: the names inside them still are.
            for a in n.aliases:
                if len(a) >= 2 and not a.isascii():
                    self._aliases |= {a, self._plain(a, "hans"), self._plain(a, "hant")}
            self._alias_regex = None
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

    def _regional_pattern(self, script: str) -> re.Pattern[str] | None:
        if script not in self._regional_regex:
            self._regional_regex[script] = alternation(self._regional[script])
        return self._regional_regex[script]

    def to_script(self, text: str, script: str, source: str | None = None, *, verbatim: bool = False) -> str:
        """Convert text written in `source` (default: canonical) into `script`, with overrides. `verbatim`:
        someone else's words (a quote, a headline as published): script and names only, no regional
        words and no punctuation changes, so the converted quote says what the source said."""
        key = (text, script, source or self.canonical, verbatim)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._convert(text, script, source or self.canonical,
                                                   regional=not verbatim, punctuation=not verbatim)
        return hit

    def _convert(self, text: str, script: str, source: str, *, names: bool = True, regional: bool = True,
                 punctuation: bool = True) -> str:
        if not text:
            return text
        spans = self._held(text, script, names, regional)
        if spans:
            held: list[str] = []
            parts: list[str] = []
            at = 0
            for start, end, target in spans:
                parts += [text[at:start], chr(_PUA0 + len(held))]
                held.append(target)
                at = end
            text = "".join(parts) + text[at:]
        if source != script:
            text = opencc_converter(_CONFIGS[(source, script)]).convert(text)
        if spans:
            text = _PH.sub(lambda m: held[ord(m.group(0)) - _PUA0], text)
        return normalize(text, script) if punctuation else text

    def _held(self, text: str, script: str, names: bool, regional_words: bool = True) -> list[tuple[int, int, str]]:
        """(start, end, the locale's form) of what is taken out of the text before OpenCC: names and pins,
        and regional words that cut none of them. A regional phrase holding a whole name (資料中心業者
        around the tag 資料中心) is the more specific rule and replaces it; one that would cut a name
        (晶片間 across 片間頻寬) is not applied: names always keep their form. No regional word applies
        inside a company's, product's or entity's alias."""
        pattern = self._pattern(script) if names else None
        table, regional = self._table[script], self._regional[script]
        pins = [(m.start(), m.end(), table[m.group(0)]) for m in pattern.finditer(text)] if pattern else []
        rpattern = self._regional_pattern(script) if regional_words else None
        if rpattern is None:
            return pins
        words = [(m.start(), m.end(), regional[m.group(0)]) for m in rpattern.finditer(text)]
        if words and self._aliases:
            if self._alias_regex is None:
                self._alias_regex = alternation(self._aliases)
            assert self._alias_regex is not None
            aliases = [m.span() for m in self._alias_regex.finditer(text)]
            words = [w for w in words if not any(s < w[1] and w[0] < e for s, e in aliases)]
        if not pins:
            return words
        kept: list[tuple[int, int, str]] = []
        inside: set[int] = set()  # pins a kept regional phrase holds whole
        for start, end, target in words:
            k = bisect.bisect_left(pins, (start, -1, ""))
            cut = k > 0 and pins[k - 1][1] > start
            held: list[int] = []
            while not cut and k < len(pins) and pins[k][0] < end:
                cut = pins[k][1] > end
                held.append(k)
                k += 1
            if not cut:
                kept.append((start, end, target))
                inside.update(held)
        out = kept + [p for i, p in enumerate(pins) if i not in inside]
        return sorted(out)

    def _derive(self, zh: str, script: str) -> str:
        """The form of a name of ours (is_vocabulary) in `script` when it has no pin: script and regional
        words, no other names."""
        return self._convert(zh, script, self.canonical, names=False, punctuation=False)

    def name(self, n: Named, script: str) -> str:
        """A name in a script: its pin, else its canonical `zh` converted."""
        pin = n.name.zh_hans if script == "hans" else n.name.zh_hant
        if pin:
            return pin
        if n.name.zh:
            return n.name.zh if script == self.canonical else self.to_script(n.name.zh, script)
        return n.name.en
