"""Cross-script query tables: a reader types Traditional on a Simplified page, or the reverse.

The browser converts the query into the page's script before searching. The tables come from the
same OpenCC the site's pages are converted with (tw2sp / s2twp), so a query typed as the other
locale writes a word becomes exactly the form this locale's pages use — 晶片 → 芯片, 資料 → 数据 on
zh-Hans; 芯片 → 晶片 on zh-Hant. Names are handled by the alias tables (aliases.py), which also
know our pins (輝達 ↔ 英伟达), which OpenCC alone does not.

Only characters and phrases whose result occurs in the locale's indexed text are kept: a
conversion to a character no page contains cannot find anything, and shipping it costs bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from sinoreport.i18n.convert import opencc_converter
from sinoreport.search.tokens import HAN_RANGES, HAN_RUN

# target script → (character-level OpenCC config, phrase-level config used for the site's pages)
CONFIGS = {"hans": ("tw2s", "tw2sp"), "hant": ("s2tw", "s2twp")}
MAX_PHRASE = 4


def _all_han() -> str:
    return "".join(chr(c) for a, b in HAN_RANGES[:3] for c in range(a, b + 1))


def char_table(target: str, alphabet: set[str]) -> dict[str, str]:
    """source character → target character, for targets that occur in the locale's text."""
    chars = _all_han()
    conv = opencc_converter(CONFIGS[target][0])
    out = conv.convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # a config that merges lines would misalign; keep nothing rather than garbage
        return {}
    return {s: t for s, t in zip(chars, out, strict=True) if s != t and len(t) == 1 and t in alphabet}


def phrase_table(target: str, source_runs: Iterable[str], target_text: str) -> dict[str, str]:
    """Phrases that convert differently from character by character (晶片 → 芯片, not 晶片).

    Each Han run of the other locale's text is converted with the phrase-level config and with
    the character table; where the two differ, the shortest n-gram around the difference whose own
    phrase conversion explains it becomes an entry — kept only if its result is in `target_text`.
    """
    char_conv, conv = (opencc_converter(c) for c in CONFIGS[target])
    found: dict[str, str] = {}
    for run in set(source_runs):
        whole = conv.convert(run)
        chars = char_conv.convert(run)
        if whole == chars:
            continue
        if len(whole) != len(run):
            # a conversion changed the length (輝達 → 英伟达): look at each short window instead
            for size in range(2, MAX_PHRASE + 1):
                for start in range(len(run) - size + 1):
                    g = run[start:start + size]
                    p = conv.convert(g)
                    if len(p) == size and p != char_conv.convert(g) and g not in found and p in target_text:
                        found[g] = p
            continue
        i = 0
        while i < len(run):
            if whole[i] == chars[i]:
                i += 1
                continue
            j = i + 1
            while j < len(run) and whole[j] != chars[j]:
                j += 1
            pair = _explain(run, i, j, whole, conv)
            if pair and pair[0] not in found and pair[1] in target_text:
                found[pair[0]] = pair[1]
            i = j
    return found


def _explain(run: str, i: int, j: int, whole: str, conv) -> tuple[str, str] | None:
    """The shortest window of `run` covering [i, j) that converts on its own as it did in context."""
    for size in range(max(2, j - i), MAX_PHRASE + 1):
        for start in range(max(0, j - size), min(i, len(run) - size) + 1):
            g = run[start:start + size]
            if len(g) == size and conv.convert(g) == whole[start:start + size]:
                return g, whole[start:start + size]
    return None


def han_runs(texts: Iterable[str]) -> list[str]:
    return [m.group(0) for t in texts for m in HAN_RUN.finditer(t) if len(m.group(0)) >= 2]


def query_tables(target: str, own_text: str, other_text: str) -> tuple[dict[str, str], dict[str, str]]:
    """(chars, phrases) converting queries into `target` script for a locale whose indexed text is
    `own_text`; `other_text` is the other script's indexed text (where the phrases come from)."""
    alphabet = set(own_text)
    chars = char_table(target, alphabet)
    phrases = phrase_table(target, han_runs([other_text]), own_text)
    return chars, phrases
