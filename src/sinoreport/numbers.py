"""Numbers as written in Chinese and English text, normalized to plain values.

Used by ingest (to propose data rows) and by check (to verify that a row's value is the number its
quote states, and that every number in our prose is backed by a row). Pure functions, no I/O.

Chinese: 3800億 → 3.8e11, 1.2萬億 → 1.2e12, 近千億 → 1e11, 82 萬 → 8.2e5, 35.8% → 35.8. In this corpus 兆
is Taiwan usage (1e12) except in 兆瓦 / 兆赫, where it is the SI mega prefix of the unit.
English: CNY 380 bn, USD 4.5 billion, 780 million, 14,453 shares, 35.8%, 43x.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12}

CURRENCY_WORDS = {
    "美元": "USD", "美金": "USD", "港元": "HKD", "港幣": "HKD", "港币": "HKD",
    "人民幣": "CNY", "人民币": "CNY", "元": "CNY", "塊": "CNY",
}
QUALIFIERS = {
    "約": "about", "约": "about", "大約": "about", "大约": "about", "左右": "about",
    "近": "nearly", "將近": "nearly", "将近": "nearly", "接近": "nearly", "近超": "over",
    "超": "over", "超過": "over", "超过": "over", "逾": "over", "以上": "over", "多": "over",
    "不到": "under", "不足": "under",
}


@dataclass(frozen=True)
class Number:
    text: str  # as written, e.g. "3800億", "35.8%", "USD 4.5 bn"
    start: int
    end: int
    value: float  # normalized: multipliers applied
    digits: float  # the numeral alone, before any multiplier
    unit: str | None  # "%", "CNY", "USD", "HKD", "x", "MW" … when written next to the number
    qualifier: str | None = None
    precision: float = 0.0  # half a unit of the last written digit, at the normalized scale
    bare: bool = False  # no unit and no multiplier (a plain count, rank, or year)

    @property
    def candidates(self) -> tuple[float, ...]:
        return (self.value,) if self.value == self.digits else (self.value, self.digits)


def _half_ulp(num: str) -> float:
    frac = num.split(".", 1)[1] if "." in num else ""
    return 0.5 * 10 ** (-len(frac))


def parse_cn_numeral(s: str) -> float | None:
    """一百二十 → 120, 千 → 1000, 兩千三百萬 → 2.3e7, 十萬 → 1e5. None if not a numeral."""
    if not s:
        return None
    total, section, digit = 0.0, 0.0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit if digit is not None else 1) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            big = _CN_BIG[ch]
            total = (total + section) * big if total and total < big else total + section * big
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


# --------------------------------------------------------------------------- Chinese text

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_MULT = r"萬億|万亿|億|亿|萬|万|兆(?![瓦赫])|千億|千亿|百億|百亿|千萬|千万|百萬|百万"
_ZH = re.compile(
    rf"(?P<qual>將近|将近|接近|大約|大约|超過|超过|不到|不足|約|约|近|超|逾)?\s?"
    rf"(?P<num>{_NUM})\s?(?P<mult>{_CN_MULT})?\s?"
    rf"(?P<unit>%|％|個百分點|个百分点|倍|美元|美金|港元|港幣|港币|人民幣|人民币|元|兆瓦|噸|吨|股|張|张|台|臺|件|個|个|次|克|分鐘|分钟|小時|小时|卡|點|点|mAh|B(?![A-Za-z]))?"
)
_ZH_WORD = re.compile(
    r"(?P<qual>將近|将近|接近|約|约|近|超|逾)?(?P<num>[一二兩两三四五六七八九十百千]+)(?P<mult>萬億|万亿|億|亿|萬|万)"
    r"(?P<unit>美元|港元|元)?"
)
_UNIT_MAP = {
    "%": "%", "％": "%", "個百分點": "pp", "个百分点": "pp", "倍": "x", "兆瓦": "MW", "噸": "tonnes", "吨": "tonnes",
    "股": "shares", "張": "cards", "张": "cards", "台": "units", "臺": "units", "件": "items", "克": "grams",
    "分鐘": "minutes", "分钟": "minutes", "小時": "hours", "小时": "hours", "mAh": "mAh", "B": "parameters",
    "卡": "cards", "點": "points", "点": "points",
}


def _multiplier(m: str | None) -> float:
    """億 → 1e8; compounds multiply: 萬億 → 1e12, 千億 → 1e11, 百萬 → 1e6."""
    out = 1.0
    for ch in m or "":
        out *= _CN_BIG.get(ch) or _CN_SMALL.get(ch, 1)
    return out


def _lettered_token_before(text: str, i: int) -> bool:
    """Is the ASCII token ending just before position i (a '-', '_' or '/') one with letters in it?"""
    j = i
    while j > 0 and text[j - 1].isascii() and text[j - 1].isalnum():
        j -= 1
    return any(ch.isalpha() for ch in text[j:i])


def find_numbers_zh(text: str) -> list[Number]:
    out: list[Number] = []
    for m in _ZH.finditer(text):
        num = m.group("num")
        # a digit glued to Latin letters is a name (H20, Qwen3, 910C, P800), not a quantity
        before = text[m.start("num") - 1] if m.start("num") > 0 else ""
        after = text[m.end("num")] if m.end("num") < len(text) else ""
        if (before.isascii() and before.isalpha()) or (
            after.isascii() and after.isalpha() and not m.group("unit") and not m.group("mult")
        ):
            continue
        if before in "-_/" and _lettered_token_before(text, m.start("num") - 1):
            continue  # Qwen3-235B, A22B parts: a name; but 900-950噸 is a range
        digits = float(num.replace(",", ""))
        mult = _multiplier(m.group("mult"))
        unit_word = m.group("unit")
        unit = CURRENCY_WORDS.get(unit_word or "") or _UNIT_MAP.get(unit_word or "")
        if unit == "parameters":
            mult = 1e9
        out.append(
            Number(
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
                value=digits * mult,
                digits=digits,
                unit=unit,
                qualifier=QUALIFIERS.get(m.group("qual") or ""),
                precision=_half_ulp(num) * mult,
                bare=not unit and mult == 1.0,
            )
        )
    for m in _ZH_WORD.finditer(text):
        digits = parse_cn_numeral(m.group("num"))
        if digits is None:
            continue
        mult = _multiplier(m.group("mult"))
        out.append(
            Number(
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                value=digits * mult,
                digits=digits,
                unit=CURRENCY_WORDS.get(m.group("unit") or ""),
                qualifier=QUALIFIERS.get(m.group("qual") or ""),
                precision=0.5 * mult,
            )
        )
    return sorted(out, key=lambda n: n.start)


# --------------------------------------------------------------------------- English text

_EN = re.compile(
    r"(?P<cur>\b(?:CNY|RMB|USD|HKD|US\$|HK\$)\s?|\$)?"
    rf"(?P<num>{_NUM})"
    r"(?:\s?(?P<scale>bn|billion|tn|trillion|m|mn|million|k|thousand)\b)?"
    r"(?P<unit>\s?%|\s?pp\b|x\b|-fold\b|\s?percent\b|\s?per cent\b)?"
)
_EN_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
             "tn": 1e12, "trillion": 1e12}
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EN_DATE = re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\b\d{{1,2}}\s+{_MONTHS}")


def find_numbers_en(text: str) -> list[Number]:
    dates = [(m.start(), m.end()) for m in _EN_DATE.finditer(text)]
    out = []
    for m in _EN.finditer(text):
        s, e = m.start("num"), m.end("num")
        if any(a <= s < b for a, b in dates):
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if (before.isalpha() and before.isascii()) or (
            after.isalpha() and after.isascii() and not m.group("scale") and not m.group("unit")
        ):
            continue
        if before in "-–/" and s >= 2 and text[s - 2].isalnum():
            continue  # 2025–2027 handled as years; Qwen3-235B parts etc.
        num = m.group("num")
        digits = float(num.replace(",", ""))
        mult = _EN_SCALE.get((m.group("scale") or "").lower(), 1.0)
        unit_txt = (m.group("unit") or "").strip()
        unit = {"%": "%", "percent": "%", "per cent": "%", "pp": "pp", "x": "x", "-fold": "x"}.get(unit_txt)
        cur = (m.group("cur") or "").strip()
        if cur:
            unit = {"$": "USD", "US$": "USD", "HK$": "HKD", "RMB": "CNY"}.get(cur, cur)
        out.append(
            Number(
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
                value=digits * mult,
                digits=digits,
                unit=unit,
                precision=_half_ulp(num) * mult,
                bare=not unit and mult == 1.0,
            )
        )
    return out


def find_numbers(text: str) -> list[Number]:
    """Numbers in text of either language (Chinese forms first; English forms where no CJK surrounds)."""
    return list(_find_numbers(text))


@lru_cache(maxsize=1 << 15)  # the check reads the same prose and quotes again on every rebuild in `serve`
def _find_numbers(text: str) -> tuple[Number, ...]:
    # Both readers see Arabic numerals; where their matches overlap keep the one that read more
    # context (a unit, a multiplier, a currency), so "CNY 380 bn" and "3800億元" both come out whole.
    found = sorted(find_numbers_zh(text) + find_numbers_en(text), key=lambda n: (-(n.end - n.start), n.start))
    dates = [(m.start(), m.end()) for m in _EN_DATE.finditer(text)]
    out: list[Number] = []
    for n in found:
        if any(n.start < b and a < n.end for a, b in dates):
            continue  # "September 28", "28 Sep": a date, whichever reader saw the digits
        if not any(n.start < o.end and o.start < n.end for o in out):
            out.append(n)
    return tuple(sorted(out, key=lambda n: n.start))


# --------------------------------------------------------------------------- matching


def same(a: float, b: float) -> bool:
    return math.isclose(abs(a), abs(b), rel_tol=1e-9, abs_tol=1e-9)


def quote_states(quote: str, value: float) -> bool:
    """Does the quote write this value (exactly, after normalization; sign ignored)?"""
    return any(same(c, value) for n in find_numbers(quote) for c in n.candidates)


def is_exempt(n: Number, text: str) -> bool:
    """Numbers prose may use without a row: years, dates, small bare counts and ordinals."""
    after = text[n.end : n.end + 1]
    before = text[max(0, n.start - 1) : n.start]
    if n.bare:
        if 1900 <= n.digits <= 2100 and n.digits == int(n.digits):
            return True
        if n.digits <= 12 and n.digits == int(n.digits):
            return True
        if after in "年月日號号時时季週周" or before in "第":
            return True
        if text[n.end : n.end + 2] in ("st", "nd", "rd", "th"):
            return True
    return False


def backed(n: Number, values: list[float]) -> bool:
    """Is a number written in prose one of these row values, to the precision it is written at?

    Only the normalized value counts here: rows are normalized, so "480億" must match 4.8e10.
    """
    tol = max(n.precision, abs(n.value) * 1e-9)
    return any(abs(abs(n.value) - abs(v)) <= tol * 1.0000001 for v in values)
