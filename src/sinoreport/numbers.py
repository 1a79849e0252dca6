"""Numbers as written in Chinese and English text, normalized to plain values.

Used by ingest (to propose data rows) and by check (to verify that a row's value is the number its
quote states, and that every number in our prose is backed by a row). Pure functions, no I/O.

Chinese: 3800億 → 3.8e11, 1.2萬億 → 1.2e12, 近千億 → 1e11, 82 萬張 → 8.2e5 cards, 35.8% → 35.8, 五成 → 50 %,
20%~30% → 20 to 30 %, 10多億 → over 1e9. In this corpus 兆 is Taiwan usage (1e12) except in 兆瓦 / 兆赫,
where it is the SI mega prefix of the unit. Multipliers are applied in decimal arithmetic, so 129.8億
is exactly 12980000000 (binary floats would give 12980000000.000002).
English: CNY 380 bn, USD 4.5 billion, 780 million, 14,453 shares, 35.8%, 43x.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from sinoreport.units import Units, package_units

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}

QUALIFIERS = {
    "約": "about", "约": "about", "大約": "about", "大约": "about", "左右": "about", "上下": "about", "+": "over",
    "近": "nearly", "將近": "nearly", "将近": "nearly", "接近": "nearly", "逼近": "nearly", "近超": "over",
    "超": "over", "超過": "over", "超过": "over", "逾": "over", "以上": "over", "多": "over", "之多": "over",
    "不到": "under", "不足": "under", "以下": "under", "以內": "under", "以内": "under", "未達": "under",
}
# The measure words, currencies and price units a number may be written with are data (units.yaml, the
# project's data/units.yaml over it: units.Units); 成 (tenths) and B (billions of parameters) are number
# forms, read here.


@dataclass(frozen=True)
class Number:
    text: str  # as written, e.g. "3800億", "35.8%", "USD 4.5 bn"
    start: int
    end: int
    value: float  # normalized: multipliers applied (exactly, in decimal)
    digits: float  # the numeral alone, before any multiplier
    unit: str | None  # "%", "CNY", "USD", "HKD", "x", "MW", "cards" … when written next to the number
    qualifier: str | None = None
    precision: float = 0.0  # half a unit of the last written digit, at the normalized scale
    bare: bool = False  # no unit and no multiplier (a plain count, rank, or year)
    high: float | None = None  # upper end of a range (20%~30%, 900-950噸)
    measure: str = ""  # the measure word or unit as written (張, 架, 美元, %)
    multiplier: bool = False  # written with 萬/億/兆 (or 千萬 …)

    @property
    def candidates(self) -> tuple[float, ...]:
        vals = [self.value] if self.value == self.digits else [self.value, self.digits]
        if self.high is not None:
            vals.append(self.high)
        return tuple(vals)


def _half_ulp(num: str) -> Decimal:
    frac = num.split(".", 1)[1] if "." in num else ""
    return Decimal(5) / Decimal(10) ** (len(frac) + 1)


def parse_cn_numeral(s: str) -> float | None:
    """一百二十 → 120, 千 → 1000, 兩千三百萬 → 2.3e7, 十萬 → 1e5. None if not a numeral."""
    v = _cn_numeral(s)
    return None if v is None else float(v)


def _cn_numeral(s: str) -> int | None:
    if not s:
        return None
    total, section, digit = 0, 0, None
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
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def exact(value: float) -> Decimal:
    """The shortest decimal that reads back as this float (12980000000.0 → 12980000000)."""
    return Decimal(repr(value)).normalize() if math.isfinite(value) else Decimal(0)


# --------------------------------------------------------------------------- Chinese text

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_MULT = r"萬億|万亿|千億|千亿|百億|百亿|千萬|千万|百萬|百万|億|亿|萬|万|兆(?![瓦赫])"
_QUAL = r"將近|将近|接近|逼近|大約|大约|超過|超过|不到|不足|未達|約|约|近|超|逾"
_TAIL = r"左右|上下|以上|以下|以內|以内|之多|\+"
_WORDS_WITH_MEASURE = re.compile(r"^(?:個月|个月|個季|个季|名次|次數|次数|天然|點點|人民|人次|家電|家电|成本"
                                 r"|位數|位数)")


def _alt(words) -> str:
    """An alternation of words, longest first; a word that ends in a Latin letter ends there (GWh, not GWhs)."""
    return "|".join(re.escape(w) + ("(?![A-Za-z])" if w[-1].isascii() and w[-1].isalpha() else "")
                    for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, eq=False)
class Reader:
    """The word tables and patterns of one project's units (units.Units): measure words, currency words,
    what a price is per."""

    measures: dict[str, str]  # word → unit id ("" where only the metric can tell)
    currency_words: dict[str, str]  # 美元 → USD
    currencies: frozenset[str]
    per: dict[str, str]  # 盎司 → oz
    zh: re.Pattern[str]
    zh_word: re.Pattern[str]
    per_after: re.Pattern[str] | None
    per_before: re.Pattern[str] | None


@lru_cache(maxsize=16)
def reader(units: Units | None = None) -> Reader:
    """The reader of a project's units (the package's by default); kept per table (its fingerprint)."""
    units = units or package_units()
    words = units.words()
    currencies = frozenset(units.currencies)
    currency_words = {w: u for w, u in words.items() if u in currencies}
    measures = {w: u for w, u in words.items() if u not in currencies}
    measure = _alt(measures)
    cur = _alt(currency_words)
    unit_alt = "|".join(x for x in (cur, measure) if x)
    zh = re.compile(
        rf"(?P<sign>[-−－](?=\d))?(?P<qual>{_QUAL})?\s?"
        rf"(?P<num>{_NUM})(?P<more>多)?\s?(?P<mult>{_CN_MULT})?"
        rf"(?:(?P<u1>{unit_alt + '|' if unit_alt else ''}萬|万)?\s?(?P<sep>~|～|〜|-|–|—|至|到)\s?(?P<num2>{_NUM})\s?"
        rf"(?P<mult2>{_CN_MULT})?)?"
        rf"\s?(?P<unit>{unit_alt + '|' if unit_alt else ''}成(?![本長长立交績绩功為为員员])|B(?![A-Za-z]))?"
        rf"(?P<tail>{_TAIL})?"
    )
    zh_word = re.compile(
        rf"(?P<qual>{_QUAL})?(?P<num>[一二兩两三四五六七八九十百千]+)(?:(?P<mult>萬億|万亿|億|亿|萬|万)|(?=成|倍|個百分點|个百分点))"
        rf"(?P<unit>{cur + '|' if cur else ''}成(?![本長长立交績绩功為为員员])|倍|個百分點|个百分点"
        rf"{'|' + measure if measure else ''})?(?P<tail>{_TAIL})?"
    )
    per = units.per_words()
    per_alt = _alt(per)
    return Reader(measures, currency_words, currencies, per, zh, zh_word,
                  re.compile(rf"^\s?(?:/|每)\s?({per_alt})") if per else None,
                  re.compile(rf"每\s?({per_alt})\s?$") if per else None)


def _multiplier(m: str | None) -> int:
    """億 → 1e8; compounds multiply: 萬億 → 1e12, 千億 → 1e11, 百萬 → 1e6."""
    out = 1
    for ch in m or "":
        out *= _CN_BIG.get(ch) or _CN_SMALL.get(ch, 1)
    return out


def _lettered_token_before(text: str, i: int) -> bool:
    """Is the ASCII token ending just before position i (a '-', '_' or '/') one with letters in it?"""
    j = i
    while j > 0 and text[j - 1].isascii() and text[j - 1].isalnum():
        j -= 1
    return any(ch.isalpha() for ch in text[j:i])


def _unit_of(word: str | None, r: Reader) -> tuple[str | None, str]:
    if not word:
        return None, ""
    if word in r.currency_words:
        return r.currency_words[word], word
    if word == "B":
        return "parameters", word
    if word == "成":
        return "%", word
    return r.measures.get(word) or None, word


def _qualifier(*words: str | None) -> str | None:
    for w in words:
        if w and w in QUALIFIERS:
            return QUALIFIERS[w]
    return None


def find_numbers_zh(text: str, units: Units | None = None) -> list[Number]:
    """Numbers in Chinese text; `units`: the project's (units a text may write after a number)."""
    r = reader(units)
    out: list[Number] = []
    pos = 0
    while (m := r.zh.search(text, pos)) is not None:
        pos = m.end()
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
        unit_word = m.group("unit")
        end, tail, high_s = m.end(), m.group("tail"), None
        if unit_word and unit_word in r.measures and _WORDS_WITH_MEASURE.match(text[m.start("unit"):]):
            # 3個月, 5人民幣…: the word belongs to another word, it measures nothing
            unit_word, end, tail = None, m.start("unit"), None
        mult_w = m.group("mult")
        if m.group("num2") is not None:
            if m.group("sep") in "-–—" and not (unit_word or mult_w or m.group("mult2") or m.group("u1")):
                # 2025-2027, 1-2: a span of years or list numbering, not a range of quantities
                end, unit_word, tail = m.end("more") if m.group("more") else m.end("num"), None, None
            else:
                u1 = m.group("u1")
                if u1 in ("萬", "万"):  # 20萬至30萬張: a multiplier on the low end
                    mult_w, u1 = mult_w or u1, None
                if u1 and unit_word and _unit_of(u1, r)[0] != _unit_of(unit_word, r)[0]:
                    # 下滑了近50%至27.7億美元: two quantities (a change, then a level), not a range
                    end, unit_word, tail, mult_w = m.end("u1"), u1, None, m.group("mult")
                else:
                    high_s, mult_w, unit_word = m.group("num2"), mult_w or m.group("mult2"), unit_word or u1
        unit, measure = _unit_of(unit_word, r)
        money = unit in r.currencies
        per = r.per_after.match(text[end:]) if money and r.per_after is not None else None
        if per:  # 3885.66美元/盎司, 189.34美元/股
            unit, measure, end = f"{unit}/{r.per[per.group(1)]}", measure + per.group(0), end + per.end()
        elif money and r.per_before is not None and (pre := r.per_before.search(text[: m.start()])):
            unit, measure = f"{unit}/{r.per[pre.group(1)]}", pre.group(0) + measure  # 每盎司4200美元
        d = Decimal(num.replace(",", ""))
        mult = Decimal(_multiplier(mult_w))
        ten = 10 if unit_word == "成" else 1  # 五成 is 50%
        if unit == "parameters":
            mult = Decimal(10**9)
        high = None
        if high_s is not None:
            high = float(Decimal(high_s.replace(",", "")) * ten * Decimal(_multiplier(m.group("mult2") or mult_w)))
        pos = max(end, m.start() + 1)  # what a shorter reading left unread is read again (…50%至27.7億美元)
        sign_pos = m.start("sign")
        minus = m.group("sign") is not None and not (
            sign_pos > 0 and text[sign_pos - 1].isascii() and text[sign_pos - 1].isalnum())
        start = m.start() if minus or not m.group("sign") else m.start("sign") + 1
        start += len(text[start:end]) - len(text[start:end].lstrip())
        out.append(
            Number(
                text=text[start:end].rstrip(),
                start=start,
                end=end,
                value=(-1 if minus else 1) * float(d * ten * mult),
                digits=float(d * ten),
                unit=unit,
                qualifier=_qualifier(m.group("qual"), tail, "多" if m.group("more") else None),
                precision=float(_half_ulp(num) * ten * mult),
                bare=not unit and mult == 1 and not measure and tail != "+",
                high=high,
                measure=measure,
                multiplier=mult_w is not None,
            )
        )
    for m in r.zh_word.finditer(text):
        digits = _cn_numeral(m.group("num"))
        if digits is None or any(n.start <= m.start() < n.end for n in out):
            continue
        mult = _multiplier(m.group("mult"))
        unit_word = m.group("unit")
        unit, measure = _unit_of(unit_word, r)
        d = Decimal(digits)
        if unit_word == "成":
            d, unit = d * 10, "%"
        out.append(
            Number(
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                value=float(d * mult),
                digits=float(d),
                unit=unit,
                qualifier=_qualifier(m.group("qual"), m.group("tail")),
                precision=0.5 * mult,
                measure=measure,
                multiplier=bool(m.group("mult")),
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
_EN_SCALE = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6, "bn": 10**9,
             "billion": 10**9, "tn": 10**12, "trillion": 10**12}
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
        d = Decimal(num.replace(",", ""))
        mult = _EN_SCALE.get((m.group("scale") or "").lower(), 1)
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
                value=float(d * mult),
                digits=float(d),
                unit=unit,
                precision=float(_half_ulp(num) * mult),
                bare=not unit and mult == 1,
            )
        )
    return out


def find_numbers(text: str, units: Units | None = None) -> list[Number]:
    """Numbers in text of either language (Chinese forms first; English forms where no CJK surrounds);
    `units`: the project's (the package's by default)."""
    return list(_find_numbers(text, units))


@lru_cache(maxsize=1 << 15)  # the check reads the same prose and quotes again on every rebuild in `serve`
def _find_numbers(text: str, units: Units | None = None) -> tuple[Number, ...]:
    # Both readers see Arabic numerals; where their matches overlap keep the one that read more
    # context (a unit, a multiplier, a currency), so "CNY 380 bn" and "3800億元" both come out whole.
    found = sorted(find_numbers_zh(text, units) + find_numbers_en(text), key=lambda n: (-(n.end - n.start), n.start))
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


def quote_states(quote: str, value: float, units: Units | None = None) -> bool:
    """Does the quote write this value (exactly, after normalization; sign ignored)?"""
    return any(same(c, value) for n in find_numbers(quote, units) for c in n.candidates)


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
