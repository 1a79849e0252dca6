"""Sentences and clauses of Chinese prose, with their offsets (figures are read clause by clause)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
CLAUSE_BREAK = "，,、:：;；「」“”()（）【】《》"
_STRONG_BREAK = "，,:：;；()（）"  # 、 joins list items inside one clause (阿里、百度跌超3%)


@dataclass(frozen=True)
class Sentence:
    start: int  # offset in its paragraph
    text: str

    def clause(self, pos: int, strong: bool = True) -> tuple[int, int]:
        """[start, end) of the clause around position pos (offsets in the sentence)."""
        breaks = _STRONG_BREAK if strong else CLAUSE_BREAK
        a = pos
        while a > 0 and self.text[a - 1] not in breaks:
            a -= 1
        b = pos
        while b < len(self.text) and self.text[b] not in breaks and self.text[b] not in "。！？!?":
            b += 1
        return a, b


def sentences(text: str) -> list[Sentence]:
    return [Sentence(m.start(), m.group(0)) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def quote_window(sentence: str, start: int, end: int, limit: int, keep: tuple[int, int] | None = None) -> str:
    """A short verbatim quote for the number at [start, end): its clause, widened to whole clauses on the
    left as far as `keep` (the words that say what the number is: its entity, its metric) when that fits
    in `limit` characters, and by one clause more only when the quote would be too short to read alone."""
    breaks = [0] + [i + 1 for i, ch in enumerate(sentence) if ch in CLAUSE_BREAK] + [len(sentence)]
    left = max(b for b in breaks if b <= start)
    right = min(b for b in breaks if b >= end)
    if right - left > limit:  # one long clause: cut characters around the number
        pad = max(0, (limit - (end - start)) // 2)
        left, right = max(0, start - pad), min(len(sentence), end + pad)
        left = max(left, right - limit)
        return sentence[left:right]
    if keep is not None and keep[0] < left:
        lb = [b for b in breaks if b <= keep[0]]
        if lb and right - lb[-1] <= limit:
            left = lb[-1]
    if right - left < 12:  # 年增5%: too short to say what it is
        lb = [b for b in breaks if b < left]
        if lb and right - lb[-1] <= limit:
            left = lb[-1]
    return sentence[left:right].strip(" ，,、")
