"""How text becomes search tokens — one definition for the indexer here and the browser (search.js),
which receives the patterns below as data (`browser_rules`) so the two cannot drift apart.

- Chinese: overlapping bigrams of each run of Han characters (寒山雲公布 → 寒山 山雲 雲公 公布). No
  dictionary: jieba (Pagefind's indexer) and the browser's ICU segmenter (Pagefind's queries) split
  words like 英伟达, 芯片, 市占率 differently, so a query silently missed pages that contain it.
  Bigrams are the same on both sides by construction, and a query run matches where all its bigrams
  do, so 伟达 finds 英伟达 and 英伟达 finds 去英伟达化.
- Everything else: words of letters and digits, lower-cased, full-width folded (NFKC), with plural
  endings folded (chips → chip); single characters are dropped.
"""

from __future__ import annotations

import re
import unicodedata

HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B–G
)


def char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A character class for code point ranges, valid in JavaScript with the u flag."""
    return "[" + "".join(f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in ranges) + "]"


def _py_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


HAN = re.compile(_py_class(HAN_RANGES))
HAN_RUN = re.compile(_py_class(HAN_RANGES) + "+")
# Written so that the same source is a valid JavaScript RegExp with the u flag (browser_rules)
SEPARATORS_SRC = r"[\s_./·・,，、。:：;；!?！？'‘’\u0022“”()（）\[\]【】「」『』《》〈〉-]+"
_SEPARATORS = re.compile(SEPARATORS_SRC)
_WORD = re.compile(r"[^\W_]+")


def is_han(s: str) -> bool:
    return bool(HAN.search(s))


def fold(s: str) -> str:
    """How names and queries are compared: NFKC (full-width → ASCII), lower-cased, separators
    (spaces, hyphens, dots, CJK punctuation) reduced to one space: `HS-MM`, `hs mm` and `ＨＳ－ＭＭ`
    fold alike. search.js folds queries with the same pattern."""
    s = unicodedata.normalize("NFKC", s).lower()
    return _SEPARATORS.sub(" ", s).strip()


def bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in HAN_RUN.findall(text):
        out.extend(map(str.__add__, run, run[1:]))
    return out


def stem(w: str) -> str:
    """Fold English plural endings (search.js `stem` does the same)."""
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    """Non-Han words of two or more characters, folded and stemmed."""
    plain = HAN.sub(" ", unicodedata.normalize("NFKC", text).lower())
    return [stem(w) for w in _WORD.findall(plain) if len(w) >= 2]


def browser_rules() -> dict[str, str]:
    """The patterns search.js needs to read queries the way pages were indexed."""
    return {"han": char_class(HAN_RANGES), "sep": SEPARATORS_SRC}
