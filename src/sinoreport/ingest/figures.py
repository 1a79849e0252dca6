"""Propose data rows from every number with a Chinese unit or currency (萬/億/兆, %, 元/美元/美金/港元).

Proposals are drafts for a person to curate: the quote is a verbatim window of the sentence (≤ 80
characters, always containing the number as written), the value is normalized, and what the text
does not say (entity, metric, a missing currency) is guessed and flagged in the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoreport.ingest.aliases import AliasTable
from sinoreport.model import MAX_QUOTE
from sinoreport.numbers import Number, find_numbers_zh

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_CLAUSE_BREAK = "，,、:：「」“”()（）"

# keyword → metric id (first hit wins; order matters: specific before general)
_METRIC_HINTS: list[tuple[str, str]] = [
    ("市佔率", "market-share"), ("市占率", "market-share"), ("份額", "market-share"), ("份额", "market-share"),
    ("資本開支", "capex"), ("资本开支", "capex"), ("資本支出", "capex"), ("资本支出", "capex"),
    ("研發投入", "rd-spending"), ("研发投入", "rd-spending"),
    ("海外收入", "overseas-revenue-share"), ("日活", "dau"), ("月活", "mau"),
    ("市值", "market-cap"), ("毛利", "gross-profit"), ("營收", "revenue"), ("营收", "revenue"),
    ("收入", "revenue"), ("淨流入", "net-inflow"), ("净流入", "net-inflow"), ("買入", "purchase-value"),
    ("买入", "purchase-value"), ("漲", "price-change"), ("涨", "price-change"), ("跌", "price-change"),
    ("售價", "price"), ("售价", "price"), ("價格", "price"), ("价格", "price"), ("點", "index-level"),
]
_FORECAST = ("預計", "预计", "預測", "预测", "預估", "预估", "有望", "將達", "将达", "展望")
_TARGET = ("計畫", "计划", "未來三年", "未来三年", "目標", "目标", "承諾", "承诺")
_YEAR = re.compile(r"(20\d{2})年")
_QUARTER = re.compile(r"(20\d{2})年(?:第)?([一二三四1-4])季度|(20\d{2})年?Q([1-4])")
_HALF = re.compile(r"(20\d{2})年(上|下)半年")
_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class Proposal:
    entity: str
    metric: str
    period: str
    value: float
    unit: str
    kind: str
    qualifier: str | None
    quote: str
    note_en: str
    note_zh: str


def sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def quote_window(sentence: str, start: int, end: int, limit: int = MAX_QUOTE) -> str:
    """The widest run of whole clauses around [start, end) that fits in `limit` characters."""
    if len(sentence) <= limit:
        return sentence.strip()
    breaks = [0] + [i + 1 for i, ch in enumerate(sentence) if ch in _CLAUSE_BREAK] + [len(sentence)]
    left = max(b for b in breaks if b <= start)
    right = min(b for b in breaks if b >= end)
    if right - left > limit:  # one long clause: cut characters symmetrically around the number
        pad = max(0, (limit - (end - start)) // 2)
        left, right = max(0, start - pad), min(len(sentence), end + pad)
        left = max(left, right - limit)
        return sentence[left:right]
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


def _period(sentence: str, default_year: int | None) -> str:
    m = _QUARTER.search(sentence)
    if m:
        year = m.group(1) or m.group(3)
        q = m.group(2) or m.group(4)
        return f"{year}Q{_CN_Q.get(q, q)}"
    m = _HALF.search(sentence)
    if m:
        return f"{m.group(1)}H{1 if m.group(2) == '上' else 2}"
    years = _YEAR.findall(sentence)
    if years:
        return years[0]
    return str(default_year) if default_year else "2000"


_CJK = re.compile(r"[\u4e00-\u9fff]")
_MONEYISH = "的投資補資金收開支入"  # 3800億的…, 500億外賣補貼: an amount, currency left implicit


def _unit(n: Number, sentence: str) -> tuple[str, str, str]:
    """(unit, note_en, note_zh) — a guessed unit or currency is said out loud."""
    if n.unit:
        return n.unit, "", ""
    follow = sentence[n.end : n.end + 2]
    if follow and _CJK.match(follow[0]) and follow[0] not in _MONEYISH:
        return "units", f"Counted in {follow} (as written); set the unit.", f"原文計量單位為「{follow}」，請設定單位。"
    if n.value != n.digits:  # a 萬/億/兆 amount with no currency written
        return "CNY", "Currency not stated in the text; CNY assumed — verify.", "原文未註明幣別，暫定人民幣，請核對。"
    return "units", "Unit not stated; verify.", "原文未註明單位，請核對。"


def propose(text: str, aliases: AliasTable, default_year: int | None) -> list[Proposal]:
    """Rows for every number with a Chinese multiplier, percent sign or currency in `text`."""
    out: list[Proposal] = []
    seen: set[tuple[str, float]] = set()
    for _, sent in sentences(text):
        mentions = aliases.find(sent)
        for n in find_numbers_zh(sent):
            has_mult = n.value != n.digits
            if not has_mult and n.unit not in ("%", "pp", "CNY", "USD", "HKD", "x"):
                continue  # plain counts, years, specs: not what the spec asks ingest to propose
            quote = quote_window(sent, n.start, n.end)
            if n.text not in quote or (quote, n.value) in seen:
                continue
            seen.add((quote, n.value))
            before = [m for m in mentions if m.start < n.start]
            entity = (before[-1] if before else mentions[0]).via if mentions else "tbd"
            metric = next((mid for kw, mid in _METRIC_HINTS if kw in sent), "tbd")
            kind = ("forecast" if any(k in sent for k in _FORECAST)
                    else "target" if any(k in sent for k in _TARGET) else "actual")
            unit, note_en, note_zh = _unit(n, sent)
            falls = re.search(r"跌|降|下滑|減|减", sent[max(0, n.start - 4) : n.start])
            value = -n.value if metric == "price-change" and falls else n.value
            out.append(Proposal(entity, metric, _period(sent, default_year), value, unit, kind, n.qualifier,
                                quote, note_en, note_zh))
    return out
