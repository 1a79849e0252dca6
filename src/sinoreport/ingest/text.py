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
    """The widest run of whole clauses around [start, end) that fits in `limit` characters, grown first
    toward `keep` (the span of the words that say what the number is, when they are in reach)."""
    if len(sentence) <= limit:
        return sentence.strip()
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
    grew = True
    while grew:
        grew = False
        lb = [b for b in breaks if b < left]
        if lb and right - lb[-1] <= limit:
            left, grew = lb[-1], True
        rb = [b for b in breaks if b > right]
        if rb and rb[0] - left <= limit:
            right, grew = rb[0], True
    return sentence[left:right].strip(" ，,、")
