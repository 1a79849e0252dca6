"""Numbers, amounts, periods and dates per locale, with Babel (CLDR) underneath.

    CNY 380 bn  |  3800亿元  |  3800億元
    Oct 8, 2025 |  2025年10月8日
    Q2 2025     |  2025年第二季度  |  2025年第二季

English amounts use a currency code and bn/m/tn (the style of financial wires); Chinese uses Babel's
compact 萬/億/兆 forms with the currency word after the number.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

from sinoreport.i18n.locales import Locale
from sinoreport.units import Unit, Units, package_units


def unit(u: str | Unit, units: Units | None = None) -> Unit:
    """How pages write a unit: from the project's table (`units`; the package's by default). A unit's
    forms are data: src/sinoreport/units.yaml and a project's data/units.yaml."""
    if isinstance(u, Unit):
        return u
    return (units or package_units()).display(u)


# --------------------------------------------------------------------------- numbers


_SCALES = ((1e12, "tn", "trillion"), (1e9, "bn", "billion"), (1e6, "m", "million"))


def fmt_number(v: float, loc: Locale, *, compact: bool = True, digits: int = 2, money: bool = True) -> str:
    """A bare number in the locale's style; large values compact (380 bn / 780 million / 3800億)."""
    a = abs(v)
    if loc.zh:
        if compact and a >= 1e5:
            return format_compact_decimal(v, locale=loc.babel, fraction_digits=digits)
        return format_decimal(v, locale=loc.babel, format="#,##0.##" if a >= 1e4 else "0.##")
    if compact and a >= 1e6:
        for scale, short, word in _SCALES:
            if a >= scale:
                return f"{format_decimal(v / scale, locale='en', format='#,##0.##')} {short if money else word}"
    return format_decimal(v, locale="en", format="#,##0.##")


_QUAL = {
    "about": ("about ", "約", "约"),
    "nearly": ("nearly ", "近", "近"),
    "over": ("over ", "超過", "超过"),
    "under": ("under ", "不到", "不到"),
}


@lru_cache(maxsize=1 << 16)  # pages repeat the same values, dates and periods; Babel is slow
def fmt_value(
    value: float,
    u: str | Unit,
    loc: Locale,
    *,
    high: float | None = None,
    qualifier: str | None = None,
    signed: bool = False,
) -> str:
    """A quantity with its unit: CNY 380 bn, 3800億元, 20–30%, +2.9%, nearly USD 4 tn. `u`: a unit id of
    the package's table, or a project's unit (LocaleView passes its corpus's)."""
    spec = unit(u)
    sign = "+" if signed and value > 0 else ("−" if value < 0 else "")
    money = bool(spec.en_before)
    num = fmt_number(abs(value), loc, compact=spec.compact, money=money)
    if high is not None:
        num = f"{num}–{fmt_number(abs(high), loc, compact=spec.compact, money=money)}"
    if loc.zh:
        word = spec.hans if loc.script == "hans" else spec.hant
        text = f"{sign}{num}{word}"
        q = _QUAL.get(qualifier or "")
        return (q[2] if loc.script == "hans" else q[1]) + text if q else text
    text = f"{spec.en_before}{sign}{num}{spec.en_after}"
    q = _QUAL.get(qualifier or "")
    return (q[0] + text) if q else text


# --------------------------------------------------------------------------- dates and periods


@lru_cache(maxsize=1 << 16)  # pages repeat the same values, dates and periods; Babel is slow
def fmt_date(d: dt.date, loc: Locale, precision: str = "day") -> str:
    if precision == "month":
        return format_skeleton("yMMMM", d, locale=loc.babel)
    return format_date(d, "medium", locale=loc.babel)


@lru_cache(maxsize=1 << 16)  # pages repeat the same values, dates and periods; Babel is slow
def fmt_month(year: int, month: int, loc: Locale) -> str:
    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=loc.babel)


_CN_NUM = "零一二三四"
_P = {
    "q": re.compile(r"^(\d{4})Q([1-4])$"),
    "h": re.compile(r"^(\d{4})H([12])$"),
    "q13": re.compile(r"^(\d{4})Q1-Q3$"),
    "fyq": re.compile(r"^FY(\d{4})Q([1-4])$"),
    "fyh": re.compile(r"^FY(\d{4})H([12])$"),
    "fy": re.compile(r"^FY(\d{4})$"),
    "y": re.compile(r"^(\d{4})$"),
    "ym": re.compile(r"^(\d{4})-(\d{2})$"),
    "ymd": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "range": re.compile(r"^(.+?)[–/](.+)$"),
    "ttm": re.compile(r"^TTM to (\d{4})-(\d{2})$"),
    "ytd": re.compile(r"^YTD (?:to )?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$"),
    "week": re.compile(r"^week to (\d{4})-(\d{2})-(\d{2})$"),
}


def _zh(loc: Locale, hant: str, hans: str) -> str:
    return hans if loc.script == "hans" else hant


@lru_cache(maxsize=1 << 16)  # pages repeat the same values, dates and periods; Babel is slow
def fmt_period(p: str, loc: Locale) -> str:
    """2025Q2 → Q2 2025 / 2025年第二季度; TTM to 2025-08 → 12 months to Aug 2025 / …"""
    m = _P["q"].match(p)
    if m:
        y, q = m.group(1), int(m.group(2))
        return f"{y}年第{_CN_NUM[q]}{_zh(loc, '季', '季度')}" if loc.zh else f"Q{q} {y}"
    m = _P["h"].match(p)
    if m:
        y, h = m.group(1), m.group(2)
        return f"{y}年{'上' if h == '1' else '下'}半年" if loc.zh else f"H{h} {y}"
    m = _P["q13"].match(p)
    if m:
        return f"{m.group(1)}年前三{_zh(loc, '季', '季度')}" if loc.zh else f"Q1–Q3 {m.group(1)}"
    m = _P["fyq"].match(p)
    if m:
        y, q = m.group(1), int(m.group(2))
        return f"{y}{_zh(loc, '財年', '财年')}第{_CN_NUM[q]}{_zh(loc, '季', '季度')}" if loc.zh else f"FY{y} Q{q}"
    m = _P["fyh"].match(p)
    if m:
        y, h = m.group(1), m.group(2)
        return f"{y}{_zh(loc, '財年', '财年')}{'上' if h == '1' else '下'}半年" if loc.zh else f"FY{y} H{h}"
    m = _P["fy"].match(p)
    if m:
        return f"{m.group(1)}{_zh(loc, '財年', '财年')}" if loc.zh else f"FY{m.group(1)}"
    m = _P["y"].match(p)
    if m:
        return f"{p}年" if loc.zh else p
    m = _P["ym"].match(p)
    if m:
        return fmt_month(int(m.group(1)), int(m.group(2)), loc)
    m = _P["ymd"].match(p)
    if m:
        return fmt_date(dt.date.fromisoformat(p), loc)
    m = _P["ttm"].match(p)
    if m:
        end = fmt_month(int(m.group(1)), int(m.group(2)), loc)
        return _zh(loc, f"截至{end}的過去12個月", f"截至{end}的过去12个月") if loc.zh else f"12 months to {end}"
    m = _P["ytd"].match(p)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if not mo:
            return f"{y}年初至今" if loc.zh else f"{y} year to date"
        end = fmt_date(dt.date(int(y), int(mo), int(d)), loc) if d else fmt_month(int(y), int(mo), loc)
        return f"{y}年初至{end}" if loc.zh else f"year to {end}"
    m = _P["week"].match(p)
    if m:
        end = fmt_date(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), loc)
        return _zh(loc, f"截至{end}當週", f"截至{end}当周") if loc.zh else f"week to {end}"
    m = _P["range"].match(p)
    if m:
        a, b = fmt_period(m.group(1), loc), fmt_period(m.group(2), loc)
        if loc.zh and a.endswith("年") and b.endswith("年"):
            return f"{a[:-1]}–{b}"
        return f"{a} – {b}" if " " in a else f"{a}–{b}"
    return p


def period_sort_key(p: str) -> tuple[int, int, str]:
    """Chronological key: (year, sub-period start month, text)."""
    m = re.search(r"(\d{4})", p)
    year = int(m.group(1)) if m else 0
    sub = 0
    if mq := re.search(r"Q([1-4])", p):
        sub = (int(mq.group(1)) - 1) * 3 + 1
    elif mh := re.search(r"H([12])", p):
        sub = 1 if mh.group(1) == "1" else 7
    elif mm := re.match(r"^\d{4}-(\d{2})", p):
        sub = int(mm.group(1))
    return year, sub, p
