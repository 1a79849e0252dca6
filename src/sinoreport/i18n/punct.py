"""Chinese punctuation: full-width marks in Chinese prose, and each locale's quotation marks.

Chinese prose writes ，。：；？！（） where half-width forms sit next to Chinese characters, while
half-width stays right inside Latin and number runs (3.5%, "Gemini 3", "H20, B30A", URLs): every mark
is decided by its neighbours. Quotation marks follow the locale: 「」 and 『』 for Taiwan, “” and ‘’ for
the mainland, chosen by nesting depth.

`fixes` lists each change (for `check`, which reports them in canonical prose); `normalize` applies
them (for the converter, so pages are right even where a source text is not). Markup is left alone:
HTML tags, entities, inline code, URLs, Markdown link targets, footnote marks and definitions,
@chart(...) embeds and {placeholders} of interface strings are never changed, and tags, link targets,
footnote marks and emphasis asterisks are looked through when judging a neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")
# CJK punctuation and full-width forms, without the full-width letters and digits
_ZH_PUNCT = re.compile(r"[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u00b7]")

# Markup, in the order tried at a position: "t" is looked through; "o" and "w" are opaque (like a word).
_MARKUP = re.compile(
    r"(?P<o>^[ \t]*\[\^[^\]\s]+\]:)"  # a footnote definition's colon is Markdown, never prose
    r"|(?P<t><[A-Za-z/!][^<>\n]*>|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)|\[\^[^\]\s]+\]|\*+)"
    r"|(?P<w>&#?\w+;|`[^`\n]*`|@chart\([^)\n]*\)|\{[A-Za-z_][^{}\n]*\}"
    rf"|(?:https?|ftp)://[^\s<>\"'「」（）{_HAN}\u3000-\u303f\uff00-\uffef]+)",
)
_CANDIDATE = re.compile(r"[,.:;?!()（）\"“”‘’「」『』…]")
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# primary and nested quotation marks per target script
_QUOTES = {"hant": (("「", "」"), ("『", "』")), "hans": (("“", "”"), ("‘", "’"))}
_CLOSE_OF = {"「": "」", "『": "』", "“": "”", "‘": "’"}


@dataclass(frozen=True)
class Fix:
    start: int  # offsets into the text: text[start:end] becomes `new`
    end: int
    new: str

    def old(self, text: str) -> str:
        return text[self.start:self.end]


def is_han(ch: str) -> bool:
    return bool(ch) and _HAN_RE.match(ch) is not None


def _zh(ch: str) -> bool:
    """A neighbour that makes a mark Chinese: a Han character or Chinese punctuation."""
    return bool(ch) and (_HAN_RE.match(ch) is not None or _ZH_PUNCT.match(ch) is not None)


class _Line:
    """One line of text with its markup masked: `shadow` has the line's length, markup looked through as
    NUL and opaque markup as "a", so neighbours and pairs are judged on the prose alone."""

    def __init__(self, text: str):
        self.text = text
        chars = list(text)
        for m in _MARKUP.finditer(text):
            fill = "\0" if m.group("t") else "a"
            chars[m.start():m.end()] = fill * (m.end() - m.start())
        self.shadow = "".join(chars)

    def left(self, i: int) -> str:
        """The prose character before position i (spaces and looked-through markup skipped); "" at the
        line's start. A quotation mark counts as what it encloses (“AI”, is Latin; “算力”, Chinese)."""
        return self._near(i, -1)

    def right(self, i: int) -> str:
        return self._near(i, 1)

    def _near(self, i: int, step: int) -> str:
        j, quoted = i + step, 0
        while 0 <= j < len(self.shadow):
            ch = self.shadow[j]
            if ch in _CURLY:
                quoted += 1
                if quoted > 3:  # a run of quotation marks is no prose either way
                    return "a"
            elif ch not in " \t\0":
                return ch if not quoted or _zh(ch) else "a"
            j += step
        return ""


_CURLY = frozenset("“”‘’\"")


def _spaced(line: _Line, i: int, new: str) -> Fix:
    """Replace the mark at i and the spaces on both sides of it (a full-width mark carries its own
    spacing), except spaces that begin or end the line (indentation stays)."""
    t = line.text
    start, end = i, i + 1
    j = i - 1
    while j >= 0 and t[j] in " \t" and line.shadow[j] in " \t":
        j -= 1
    if j >= 0:
        start = j + 1
    k = i + 1
    while k < len(t) and t[k] in " \t" and line.shadow[k] in " \t":
        k += 1
    if k < len(t):
        end = k
    return Fix(start, end, new)


def _marks(line: _Line) -> list[Fix]:
    """Half-width , . : ; ? ! ( ) and ... that Chinese neighbours make full-width."""
    out: list[Fix] = []
    s, t = line.shadow, line.text
    opened: list[int] = []
    pairs: list[tuple[int, int]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch in "(（":
            opened.append(i)
        elif ch in ")）" and opened:
            pairs.append((opened.pop(), i))
        elif ch in ".…":
            run = len(s[i:]) - len(s[i:].lstrip(ch))
            if ch == "." and run == 1:
                # a full stop ends a Chinese sentence: after Chinese, before a space, the end or more
                # Chinese (never inside 3.5, Inc. or example.com)
                after = s[i + 1:i + 2]
                if _zh(line.left(i)) and (after in ("", " ", "\t", "\0") or _zh(after)):
                    out.append(_spaced(line, i, "。"))
            elif (run >= 3 if ch == "." else run != 2) and (_zh(line.left(i)) or _zh(line.right(i + run - 1))):
                out.append(Fix(i, i + run, "……"))  # an ellipsis: Chinese writes two full-width ones
            i += run
            continue
        elif ch in ",:;?!":
            image = ch == "!" and t[i + 1:i + 2] == "["  # Markdown's ![alt](src)
            if (_zh(line.left(i)) or _zh(line.right(i))) and not image:
                out.append(_spaced(line, i, _FULL[ch]))
        i += 1
    for a, b in pairs:
        if s[a] == "（" and s[b] == "）":
            continue
        inner = s[a + 1:b]
        han_inside = _HAN_RE.search(inner) is not None
        call = not han_inside and a > 0 and t[a - 1].isascii() and t[a - 1].isalnum()  # f(x), chart(id)
        if s[a] == "（" or s[b] == "）" or (not call and (han_inside or _zh(line.left(a)) or _zh(line.right(b)))):
            out += [_spaced(line, k, _FULL[s[k]]) for k in (a, b) if s[k] in "()"]
    return out


def _quotes(line: _Line, script: str) -> list[Fix]:
    """Quotation marks in the target script's style, nested ones in its secondary style."""
    s, t = line.shadow, line.text
    tokens = [i for i, ch in enumerate(s) if ch in "「」『』“”‘’\""]
    if not tokens:
        return []
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i in tokens:
        ch = s[i]
        if ch in "‘’" and 0 < i < len(t) - 1 and t[i - 1].isascii() and t[i - 1].isalnum() and (
                t[i + 1].isascii() and t[i + 1].isalnum()):
            continue  # an apostrophe (China’s), not a quotation mark
        if ch == "\"":
            if stack and s[stack[-1]] == "\"":
                pairs.append((stack.pop(), i))
            else:
                stack.append(i)
        elif ch in _CLOSE_OF:
            stack.append(i)
        else:  # a closing mark closes the nearest opening one of its kind; unpaired ones between are left
            for k in range(len(stack) - 1, max(len(stack) - 9, -1), -1):  # quotations nest a few deep
                if _CLOSE_OF.get(s[stack[k]]) == ch:
                    pairs.append((stack[k], i))
                    del stack[k:]
                    break
    chinese = sorted((a, b) for a, b in pairs
                     if s[a] in "「『" or _HAN_RE.search(s[a + 1:b]) or _zh(line.left(a)) or _zh(line.right(b)))
    out: list[Fix] = []
    enclosing: list[int] = []  # ends of the Chinese pairs around the current one
    for a, b in chinese:
        while enclosing and enclosing[-1] < a:
            enclosing.pop()
        o, c = _QUOTES[script][len(enclosing) % 2]
        out += [Fix(k, k + 1, new) for k, new in ((a, o), (b, c)) if s[k] != new]
        enclosing.append(b)
    if script == "hans":  # a 「 or 」 left unpaired (a quotation across lines) still becomes mainland style
        paired = {k for ab in chinese for k in ab}
        simple = {"「": "“", "」": "”", "『": "‘", "』": "’"}
        out += [Fix(k, k + 1, simple[s[k]]) for k in tokens if s[k] in simple and k not in paired]
    return out


@lru_cache(maxsize=1 << 14)
def _fixes(text: str, script: str) -> tuple[Fix, ...]:
    if not _CANDIDATE.search(text) or not _HAN_RE.search(text):
        return ()
    out: list[Fix] = []
    base = 0
    for raw in text.split("\n"):
        if _CANDIDATE.search(raw) and _HAN_RE.search(raw):
            line = _Line(raw)
            kept: list[Fix] = []
            for f in sorted(_marks(line) + _quotes(line, script), key=lambda f: f.start):
                if kept and f.start < kept[-1].end:  # spaces two marks share go with the first
                    f = Fix(kept[-1].end, f.end, f.new)
                kept.append(f)
            out += [Fix(f.start + base, f.end + base, f.new) for f in kept]
        base += len(raw) + 1
    return tuple(out)


def fixes(text: str, script: str) -> list[Fix]:
    """What `normalize` would change in `text` for a page in `script` ("hans" | "hant")."""
    return list(_fixes(text, script))


def normalize(text: str, script: str) -> str:
    """Chinese text with full-width punctuation next to Chinese and the locale's quotation marks."""
    fs = _fixes(text, script)
    if not fs:
        return text
    parts: list[str] = []
    at = 0
    for f in fs:
        parts.append(text[at:f.start])
        parts.append(f.new)
        at = f.end
    parts.append(text[at:])
    return "".join(parts)
