"""One regex for many names: leftmost match, the longest name at a position, ASCII names as whole words.

It matches exactly what a flat alternation of the names sorted longest first matches, but is built as
a trie. Python's regex engine tries an alternation's branches one by one, so with hundreds of names a
flat alternation costs hundreds of attempts per character: name linking dominated the render stage
and alias matching dominated ingest before this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = "[A-Za-z0-9]"


def alternation(keys: Iterable[str], *, ignore_case: bool = False) -> re.Pattern[str] | None:
    """A compiled pattern for `keys` (None when there are none)."""
    keys = sorted({k.lower() if ignore_case else k for k in keys if k})
    if not keys:
        return None
    wide = [k for k in keys if not k.isascii()]
    # Not after a word character any name may start (ASCII names carry their end guard);
    # after one, only non-ASCII names may.
    parts = [f"(?<!{_WORD}){_trie_pattern(keys)}"]
    if wide:
        parts.append(_trie_pattern(wide))
    return re.compile("|".join(parts), re.IGNORECASE if ignore_case else 0)


def _trie_pattern(keys: list[str]) -> str:
    root: dict[str, dict] = {}
    for k in keys:
        node = root
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {"ascii": {}} if k.isascii() else {}  # where a name ends, and which kind
    return _node_pattern(root)


def _node_pattern(node: dict[str, dict]) -> str:
    # continuations before the end, so the regex backtracks from the longest name to shorter ones
    alts = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append(f"(?!{_WORD})" if "ascii" in node[""] else "")
    return alts[0] if len(alts) == 1 and alts[0] else "(?:" + "|".join(alts) + ")"
