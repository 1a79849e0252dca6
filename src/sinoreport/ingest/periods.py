"""The period a figure is for, read from the words around it and the article's date.

    第三季 → 2025Q3 · 上半年 → 2025H1 · 前三季 → 2025Q1-Q3 · 今年/全年 → 2025 · 明年 → 2026 · 去年同期 → the
    same period a year earlier · 未來三年 → 2025–2027 · 截至8月底的12個月 → TTM to 2025-08 · 今年以來 →
    YTD to <date> · 本週 → week to <date> · 11月13日 → 2025-11-13 · 2026財年第三季 → FY2026Q3

A company with a fiscal year that does not end in December (`fiscal_year_end` in its data file) has its
quarters read as fiscal quarters. Words after 較/比 (較去年同期增長15%) name the base of a comparison,
not the figure's period, and are skipped. Pure functions: text and dates in, period strings out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CN = {"一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_Q = r"[一二三四1-4]"
_Y = r"(?P<y>20\d{2})"
_R = r"(?P<rel>今年|明年|去年|前年|後年|后年|本年|來年|来年)?"
_PATTERNS: list[tuple[str, str]] = [
    ("ttm", rf"截至(?:{_Y}年)?(?P<m>\d{{1,2}})月(?:底|末)?(?:的|之)?(?:過去|过去|前)?(?:12|十二)(?:個|个)月"),
    ("ttm_now", r"(?:過去|过去|近|最近)(?:12|十二)(?:個|个)月|(?:過去|过去|近|最近)(?:四|4)(?:個|个)季度?"),
    ("next_quarter", r"下一季(?:度)?|下季(?:度)?|下個季度|下个季度|下一財季|下一财季"),
    ("this_quarter", r"當季|当季|本季|單季|单季|該季|该季"),
    ("latest_quarter", r"最新一季|最近一季|最新季度|最近一個季度|最近一个季度"),
    ("previous_quarter", r"上一季|上季|上個季度|上个季度|前一季"),
    ("fyq", rf"{_Y}\s*(?:財|财)(?:年|政年度)(?:度)?\s*(?:第)?(?P<q>{_Q})(?:財|财)?(?:季|季度)"),
    ("fyq", rf"第(?P<q>{_Q})(?:財|财)(?:季|政季度)"),
    ("fy", rf"{_Y}\s*(?:財|财)(?:年|政年度)(?:度)?"),
    ("fy", r"FY\s?(?P<y>20\d{2})"),
    ("q1q3", rf"(?:{_Y}年)?{_R}\s*(?:前三季|前三季度|1[-至到~]9月|一至九月)"),
    ("quarter", rf"(?:{_Y}\s*年)?{_R}\s*第(?P<q>{_Q})季(?:度)?"),
    ("quarter", rf"(?:{_Y}\s*年)?\s*(?<![前第])(?P<q>[一二三四])季度"),
    ("quarter", rf"(?:{_Y}\s*年?\s*)?Q(?P<q>[1-4])(?![0-9])"),
    ("half", rf"(?:{_Y}\s*年)?{_R}\s*(?P<h>上|下)半年"),
    ("report", r"(?P<q>[一二三四1-4])季(?:度)?(?:報|报|財報|财报)|Q(?P<q2>[1-4])(?:財報|财报)"),
    ("half_report", r"中報|中报|半年報|半年报|半年度報告|半年度报告"),
    ("part_of_year", rf"(?:{_Y}\s*年\s*年?|(?<![今去明全本上下每一])年)(?P<part>初|中|底|末)(?![期國国心央美旬報报])"),
    ("ytd", rf"今年以來|今年以来|年初至今|年初以來|年初以来|今年迄今|年內迄今|{_Y}年以(?:來|来)"),
    ("week", r"本週|本周|這週|这周|當週|当周|一週來|一周来|週內|周内"),
    ("week_change", r"週漲|周涨|周漲|週跌|周跌|周跌|週累計|周累计"),
    ("weekday", r"(?:週|周|星期|禮拜|礼拜)(?P<wd>[一二三四五六日天])"),
    ("first_months", rf"(?:截至)?(?:{_Y}年)?\s*前(?P<n>[369三六九])(?:個|个)月"),
    ("months_ended", rf"(?:{_Y}年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日止(?:的)?"
                     r"(?P<n>[三六九369]|十二|12)(?:個|个)月"),
    ("span", rf"{_Y}\s*[-–~至到]\s*(?P<y2>20\d{{2}})年?"),
    ("next_n", r"未來(?P<n>[一二兩两三四五六七八九十\d]+)年|未来(?P<n2>[一二两三四五六七八九十\d]+)年"),
    ("same_last_year", r"去年同期|上年同期"),
    ("date", rf"(?:{_Y}年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日"),
    ("month", rf"{_Y}年(?P<m>\d{{1,2}})月(?:份|初|底|末)?"),
    ("month", r"(?<![\d年])(?P<m>\d{1,2})月(?:份|初|底|末)?(?![\d日])"),
    ("this_month", r"本月|當月|当月"),
    ("last_month", r"上月|上個月|上个月"),
    ("today", r"當日|当日|當天|当天|今日|今天|盤中|盘中|午盤|午盘|收盤|收盘|開盤|开盘|盤前|盘前"
              r"|目前|當前|当前|現時|现时|現在|现在"),
    ("yesterday", r"昨日|昨天|前一晚|隔夜"),
    ("year", rf"{_Y}年(?:度|全年)?"),
    ("rel_year", r"(?P<rel>今年|全年|本年|年內|年内|明年|來年|来年|去年|上年|前年|後年|后年)"),
]
_REL = {"今年": 0, "全年": 0, "本年": 0, "年內": 0, "年内": 0, "明年": 1, "來年": 1, "来年": 1, "去年": -1, "上年": -1,
        "前年": -2, "後年": 2, "后年": 2}
_RX = [(kind, re.compile(p)) for kind, p in _PATTERNS]
# a period named as the base of a comparison (較去年同期, 比去年): not the period of the figure
_COMPARED = re.compile(r"(?:較|较|比|與|与|相比|同|對比|对比)\s*$")


# cues that speak only for the number right after them, in their own clause (周漲3.88%)
CLAUSE_ONLY = {"week_change"}
# rolling or one-day periods: never carried to the next sentence of a paragraph
NOT_CARRIED = {"week", "week_change", "weekday", "ytd", "today", "yesterday", "date", "ttm", "ttm_now"}


@dataclass(frozen=True)
class PeriodCue:
    start: int
    end: int
    kind: str
    groups: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        return dict(self.groups).get(name)


@dataclass(frozen=True)
class Context:
    date: dt.date  # the article's date
    fiscal_year_end: int | None = None  # of the entity the figure is about
    forward: bool = False  # the figure is a forecast or target: an unyeared quarter may be ahead


def _num(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s in _CN:
        return _CN[s]
    if s.startswith("十"):
        return 10 + _CN.get(s[1:], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN.get(s[0], 0) * 10
    return None


def find_cues(text: str) -> list[PeriodCue]:
    """Every period expression in text, left to right, except those naming a comparison's base.

    Where expressions overlap, the one starting first wins, then the longer, then the earlier pattern."""
    found = []
    for order, (kind, rx) in enumerate(_RX):
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), order, kind, m))
    out: list[PeriodCue] = []
    taken_until = -1
    for start, _, _, kind, m in sorted(found, key=lambda f: f[:3]):
        if start < taken_until:
            continue
        taken_until = m.end()
        if _COMPARED.search(text[max(0, start - 3) : start]):
            continue
        if kind in ("date", "month") and re.search(r"[(（]\s*(?:截至|截止|至)?\s*$", text[max(0, start - 4) : start]) \
                and out and out[-1].end >= start - 4:
            continue  # 第三季(截至2025年10月26日): the quarter's end, said in passing
        groups = (*((k, v) for k, v in m.groupdict().items() if v is not None), ("_text", m.group(0)))
        if kind == "rel_year" and m.group(0) in ("全年", "年內", "年内") and out and out[-1].end >= start - 1 \
                and out[-1].kind in ("year", "rel_year"):
            continue  # 去年全年: 全年 restates the year before it
        out.append(PeriodCue(start, m.end(), kind, groups))
    return out


def _fiscal_quarter(ctx: Context, q: int, fy: int | None) -> str:
    fye = ctx.fiscal_year_end or 12
    if fy is None:
        # the latest fiscal quarter q that has ended by the article's date (or the next one, looking forward)
        fy = ctx.date.year + 2
        while fy > ctx.date.year - 3:
            end_month = fye + 3 * q
            end_year = fy - 1 if end_month <= 12 else fy
            end = dt.date(end_year, (end_month - 1) % 12 + 1, 1)
            if end <= ctx.date.replace(day=1) or (ctx.forward and end - ctx.date < dt.timedelta(days=200)):
                break
            fy -= 1
    return f"FY{fy}Q{q}"


def _calendar_quarter(ctx: Context, q: int, year: int | None) -> str:
    if year is None:
        year = ctx.date.year
        starts = dt.date(year, 3 * q - 2, 1)
        if starts > ctx.date and not ctx.forward:
            year -= 1  # 第四季 in a February article is last year's
    return f"{year}Q{q}"


def resolve(cue: PeriodCue, ctx: Context, base: str | None = None) -> str | None:
    """The period string a cue gives in this context (None where it cannot say)."""
    d = ctx.date
    y = _num(cue.get("y"))
    if y is None and cue.get("rel"):
        y = d.year + _REL[cue.get("rel") or "今年"]  # 明年第四季, 去年上半年
    k = cue.kind
    fiscal = bool(ctx.fiscal_year_end and ctx.fiscal_year_end != 12)
    if k == "ttm":
        m = int(cue.get("m") or d.month)
        return f"TTM to {y or (d.year if m <= d.month else d.year - 1)}-{m:02d}"
    if k == "ttm_now":
        if "季" in _text_of(cue):
            last = _last_quarter_end(d)
            return f"TTM to {last.year}-{last.month:02d}"
        return f"TTM to {d.year}-{d.month:02d}"
    if k == "this_quarter":
        return base  # the quarter the sentence (or paragraph) is about
    if k in ("latest_quarter", "previous_quarter"):
        if k == "previous_quarter" and base and re.fullmatch(r"(?:FY)?\d{4}Q[1-4]", base):
            return _previous_quarter(base)
        last = _last_quarter_end(d)
        if k == "previous_quarter" and not fiscal:
            last = _last_quarter_end(last)
        if fiscal:
            latest = _latest_fiscal_quarter(d, ctx.fiscal_year_end or 12)
            return latest if k == "latest_quarter" else _previous_quarter(latest)
        return f"{last.year}Q{(last.month - 1) // 3 + 1}"
    if k == "next_quarter":
        last = _last_quarter_end(d)
        nxt = last + dt.timedelta(days=1)
        q = (nxt.month - 1) // 3 + 1
        if fiscal:
            return _fiscal_quarter(Context(last + dt.timedelta(days=95), ctx.fiscal_year_end, True), q, None)
        return f"{nxt.year}Q{q}"
    if k == "fyq":
        return _fiscal_quarter(ctx, _num(cue.get("q")) or 1, y)
    if k == "fy":
        return f"FY{y}"
    if k == "q1q3":
        return f"{y or d.year}Q1-Q3"
    if k == "quarter":
        q = _num(cue.get("q")) or 1
        if fiscal and y is None:
            return _fiscal_quarter(ctx, q, None)
        return _calendar_quarter(ctx, q, y)
    if k == "report":
        q = _num(cue.get("q") or cue.get("q2")) or 1
        return _fiscal_quarter(ctx, q, None) if fiscal else _calendar_quarter(ctx, q, None)
    if k == "half_report":
        return f"{d.year if d.month > 6 else d.year - 1}H1"
    if k == "part_of_year":
        return f"{y or d.year}-{ {'初': 1, '中': 6, '底': 12, '末': 12}[cue.get('part') or '初']:02d}"
    if k == "half":
        return f"{y or d.year}H{1 if cue.get('h') == '上' else 2}"
    if k == "ytd":
        return f"YTD to {d.isoformat()}"
    if k in ("week", "week_change"):
        return f"week to {d.isoformat()}"
    if k == "weekday":
        wd = "一二三四五六日天".index(cue.get("wd") or "一") % 7 if cue.get("wd") != "天" else 6
        back = (d.weekday() - wd) % 7
        return (d - dt.timedelta(days=back)).isoformat()
    if k == "first_months":
        n = _num(cue.get("n")) or 3
        year = y or d.year
        return {3: f"{year}Q1", 6: f"{year}H1", 9: f"{year}Q1-Q3"}.get(n)
    if k == "months_ended":
        m, n = int(cue.get("m") or 0), _num(cue.get("n")) or 3
        year = y or d.year
        if n == 3 and m in (3, 6, 9, 12):
            return f"{year}Q{m // 3}"
        if n == 6 and m in (6, 12):
            return f"{year}H{m // 6}"
        if n == 9 and m == 9:
            return f"{year}Q1-Q3"
        if n == 12:
            return f"TTM to {year}-{m:02d}"
        return None
    if k == "span":
        y2 = _num(cue.get("y2"))
        return f"{y}–{y2}" if y and y2 and y2 > y else None
    if k == "next_n":
        n = _num(cue.get("n") or cue.get("n2"))
        return f"{d.year}–{d.year + n - 1}" if n and n > 1 else None
    if k == "same_last_year":
        return shift_year(base, -1) if base else None
    if k == "date":
        m, day = int(cue.get("m") or 0), int(cue.get("d") or 0)
        year = y or d.year
        try:
            when = dt.date(year, m, day)
        except ValueError:
            return None
        if y is None and when > d + dt.timedelta(days=7) and not ctx.forward:
            when = when.replace(year=year - 1)
        return when.isoformat()
    if k == "month":
        m = int(cue.get("m") or 0)
        if not 1 <= m <= 12:
            return None
        year = y or (d.year if m <= d.month or ctx.forward else d.year - 1)
        return f"{year}-{m:02d}"
    if k == "this_month":  # 當月: the month just named, else the article's
        if base and re.fullmatch(r"\d{4}-\d{2}", base):
            return base
        return f"{d.year}-{d.month:02d}"
    if k == "last_month":
        prev = d.replace(day=1) - dt.timedelta(days=1)
        return f"{prev.year}-{prev.month:02d}"
    if k == "today":
        return d.isoformat()
    if k == "yesterday":
        return (d - dt.timedelta(days=1)).isoformat()
    if k == "year":
        return str(y)
    if k == "rel_year":
        return str(d.year + _REL.get(cue.get("rel") or "今年", 0))
    return None


def _last_quarter_end(d: dt.date) -> dt.date:
    """The last day of the latest calendar quarter that ended before d."""
    first = dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    return first - dt.timedelta(days=1)


def _latest_fiscal_quarter(d: dt.date, fye: int) -> str:
    """The fiscal quarter that ended last before d (NVIDIA, year ending January: FY2026Q2 in October 2025)."""
    best: tuple[dt.date, str] | None = None
    for fy in (d.year, d.year + 1):
        for q in range(1, 5):
            month = fye + 3 * q
            year = fy - 1 if month <= 12 else fy
            end = dt.date(year, (month - 1) % 12 + 1, 28)
            if end < d and (best is None or end > best[0]):
                best = (end, f"FY{fy}Q{q}")
    assert best
    return best[1]


def _previous_quarter(period: str) -> str:
    m = re.fullmatch(r"(FY)?(\d{4})Q([1-4])", period)
    assert m
    y, q = int(m.group(2)), int(m.group(3))
    y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    return f"{m.group(1) or ''}{y}Q{q}"


def _text_of(cue: PeriodCue) -> str:
    return cue.get("_text") or ""


_SHIFT = re.compile(r"(FY)?(\d{4})(.*)")


def shift_year(period: str, by: int) -> str | None:
    """2025Q3 → 2024Q3, FY2026Q2 → FY2025Q2, 2025-10-08 → 2024-10-08; None for spans and rolling periods."""
    if "–" in period or "/" in period or period.startswith(("TTM", "YTD", "week")):
        return None
    m = _SHIFT.fullmatch(period)
    if not m:
        return None
    return f"{m.group(1) or ''}{int(m.group(2)) + by}{m.group(3)}"


def future(period: str, date: dt.date) -> bool:
    """Does the period begin after the article's date (a figure for it cannot be an actual)?"""
    m = re.match(r"(?:FY)?(\d{4})", period)
    if not m:
        return False
    y = int(m.group(1))
    if period.startswith("FY"):
        return y > date.year + 1
    if "–" in period:
        return False
    q = re.search(r"Q([1-4])$", period)
    if q and "-" not in period:
        return dt.date(y, 3 * int(q.group(1)) - 2, 1) > date
    h = re.search(r"H([12])$", period)
    if h:
        return dt.date(y, 1 if h.group(1) == "1" else 7, 1) > date
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return dt.date(y, int(period[5:7]), 1) > date
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return dt.date.fromisoformat(period) > date + dt.timedelta(days=1)
    return y > date.year


def ends_after(period: str, date: dt.date) -> bool:
    """Does the period reach past the article's date (a plan or forecast may be for it)?"""
    if future(period, date):
        return True
    ys = years_of(period)
    if not ys:
        return False
    if "–" in period or "/" in period:
        return max(ys) > date.year
    return False


def years_of(period: str) -> set[int]:
    """The calendar years a period touches (FY2026 touches 2025 and 2026)."""
    ys = {int(x) for x in re.findall(r"(?<!\d)(20\d{2})(?!\d)", period)}
    if period.startswith("FY"):
        ys |= {y - 1 for y in ys}
    if "–" in period and len(ys) == 2:
        lo, hi = min(ys), max(ys)
        ys = set(range(lo, hi + 1))
    return ys
