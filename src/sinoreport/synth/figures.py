"""Figure templates: one number, written as a raw-text clause (the row's quote), a data row, and the
facts our summaries state about it in English and Chinese.

Each template draws its value from the article's random generator, so a row's `value` is exactly the
number its quote writes (the checker verifies this), and the prose states only row values.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sinoreport.synth.text import Amount, plain, thousands
from sinoreport.synth.vocab import COMPANY, ENTITY, GIANTS, INDEXES, PRODUCTS

_Q_ZH = "一二三四"


@dataclass(frozen=True)
class Named:
    """A name in the three forms a text needs: English, Traditional, Simplified."""

    id: str
    en: str
    hant: str
    hans: str

    def zh(self, script: str) -> str:
        return self.hans if script == "hans" else self.hant


@dataclass
class Fig:
    zh: str  # Traditional template; {E} the entity, {P} the period, {N} the number (filled per script)
    entity: Named
    period_zh: str
    number_zh: str
    row: dict[str, Any]
    en: str  # a fact for English prose
    title_zh: str  # a headline predicate (Traditional template, same slots), after the entity's name
    title_en: str  # the same in English, after the entity's English name
    companies: set[str] = field(default_factory=set)


@dataclass
class Ctx:
    """What templates need to know about the article being written."""

    rng: random.Random
    date: dt.date
    main: str  # company id
    others: list[str]
    names: Callable[[str], Named]  # id → Named (company, product or entity)

    def company(self, among: tuple[str, ...] | None = None) -> str:
        pool = [c for c in [self.main, *self.others] if among is None or c in among]
        if pool and (among is None or self.rng.random() < 0.8):
            return pool[0] if self.rng.random() < 0.6 else self.rng.choice(pool)
        return self.rng.choice(among) if among else self.main

    def product(self, role: str) -> tuple[str, str]:
        """(product id, company id): the main company's product of this role when it has one."""
        for cid in [self.main, *self.others]:
            own = [p.id for p in COMPANY[cid].products if p.role == role]
            if own and self.rng.random() < 0.85:
                return self.rng.choice(own), cid
        pid = self.rng.choice([p for p, (prod, _) in PRODUCTS.items() if prod.role == role])
        return pid, PRODUCTS[pid][1].id

    def quarter(self) -> tuple[str, str, str]:
        """The last full quarter before the article: (period, Chinese, English)."""
        q = (self.date.month - 1) // 3
        y = self.date.year if q else self.date.year - 1
        q = q or 4
        return f"{y}Q{q}", f"{y}年第{_Q_ZH[q - 1]}季", f"Q{q} {y}"

    def year(self, offset: int = 0) -> tuple[str, str, str]:
        y = self.date.year + offset
        return str(y), f"{y}年", str(y)


def _pct(rng: random.Random, lo: float, hi: float) -> float:
    return round(rng.uniform(lo, hi), 1)


def _row(entity: str, metric: str, period: str, value: float, unit: str, *, kind: str = "actual",
         qualifier: str | None = None, datasets: tuple[str, ...] = ()) -> dict[str, Any]:
    row: dict[str, Any] = {"entity": entity, "metric": metric, "period": period,
                           "value": int(value) if float(value).is_integer() else value, "unit": unit}
    if kind != "actual":
        row["kind"] = kind
    if qualifier:
        row["qualifier"] = qualifier
    if datasets:
        row["datasets"] = list(datasets)
    return row


def _en_pos(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


# --------------------------------------------------------------------------- templates


def revenue(c: Ctx) -> Fig:
    cid = c.company()
    e = c.names(cid)
    period, pzh, pen = c.quarter()
    a = Amount(round(c.rng.uniform(20, 3000), 1), "CNY")
    return Fig("{E}{P}營收為{N}", e, pzh, a.zh, _row(cid, "revenue", period, a.value, "CNY"),
               f"{_en_pos(e.en)} revenue was {a.en} in {pen}", "營收達{N}", f"revenue reaches {a.en}", {cid})


def revenue_growth(c: Ctx) -> Fig:
    cid = c.company()
    e = c.names(cid)
    period, pzh, pen = c.quarter()
    x = _pct(c.rng, 1, 60)
    return Fig("{E}{P}營收同比增長{N}", e, pzh, f"{plain(x, 1)}%",
               _row(cid, "revenue-growth", period, x, "%"),
               f"{_en_pos(e.en)} revenue grew {plain(x, 1)}% year on year in {pen}", "營收增長{N}",
               f"revenue up {plain(x, 1)}%", {cid})


def gross_margin(c: Ctx) -> Fig:
    cid = c.company()
    e = c.names(cid)
    period, pzh, pen = c.quarter()
    x = _pct(c.rng, 15, 75)
    return Fig("{E}{P}毛利率為{N}", e, pzh, f"{plain(x, 1)}%", _row(cid, "gross-margin", period, x, "%"),
               f"{_en_pos(e.en)} gross margin was {plain(x, 1)}% in {pen}", "毛利率升至{N}",
               f"gross margin at {plain(x, 1)}%", {cid})


def rd(c: Ctx) -> Fig:
    cid = c.company()
    e = c.names(cid)
    period, pzh, pen = c.year(-1)
    a = Amount(round(c.rng.uniform(10, 1800), 1), "CNY")
    return Fig("{E}{P}研發投入達{N}", e, pzh, a.zh, _row(cid, "rd-spending", period, a.value, "CNY"),
               f"{e.en} spent {a.en} on R&D in {pen}", "研發投入{N}", f"R&D spending hits {a.en}", {cid})


def capex(c: Ctx) -> Fig:
    cid = c.company(GIANTS)
    e = c.names(cid)
    period, pzh, pen = c.quarter()
    a = Amount(round(c.rng.uniform(30, 900), 1), "CNY")
    return Fig("{E}{P}資本開支為{N}", e, pzh, a.zh, _row(cid, "capex", period, a.value, "CNY", datasets=("capex",)),
               f"{_en_pos(e.en)} capital expenditure was {a.en} in {pen}", "資本開支達{N}",
               f"capex hits {a.en}", {cid})


def capex_qoq(c: Ctx) -> Fig:
    cid = c.company(GIANTS)
    e = c.names(cid)
    period, pzh, pen = c.quarter()
    x = _pct(c.rng, 2, 80)
    return Fig("{E}{P}資本開支環比增長{N}", e, pzh, f"{plain(x, 1)}%",
               _row(cid, "capex-growth-qoq", period, x, "%", datasets=("capex",)),
               f"{_en_pos(e.en)} capex rose {plain(x, 1)}% on the previous quarter in {pen}",
               "資本開支環比增{N}", f"capex up {plain(x, 1)}% on the quarter", {cid})


def ai_invest(c: Ctx) -> Fig:
    cid = c.company(GIANTS)
    e = c.names(cid)
    y = c.date.year
    a = Amount(float(c.rng.randrange(500, 5000, 50)), "CNY")
    return Fig("{E}計畫未來三年投入{N}建設AI基礎設施", e, "", a.zh,
               _row(cid, "ai-infrastructure-investment", f"{y}–{y + 2}", a.value, "CNY", kind="target",
                    datasets=("capex",)),
               f"{e.en} plans to invest {a.en} in AI infrastructure over three years", "三年投入{N}建AI基礎設施",
               f"plans a {a.en} AI build-out", {cid})


def group_capex(c: Ctx) -> Fig:
    gid = c.rng.choice(("china-csps", "us-csps", "global-ai-enablers"))
    e = c.names(gid)
    period, pzh, pen = c.quarter()
    a = Amount(round(c.rng.uniform(50, 4000), 1), "USD")
    return Fig("{E}{P}資本開支合計{N}", e, pzh, a.zh, _row(gid, "capex", period, a.value, "USD", datasets=("capex",)),
               f"{e.en} spent {a.en} on capex combined in {pen}", "資本開支合計{N}",
               f"combined capex hits {a.en}", set())


def chip_share(c: Ctx) -> Fig:
    eid = c.rng.choice(("nvidia", "domestic-ai-chip-vendors"))
    e = c.names(eid)
    off = c.rng.choice((-2, -1, 0, 1))
    period, pzh, pen = c.year(off)
    x = _pct(c.rng, 20, 80)
    kind = "forecast" if off > 0 else "actual"
    zh = "{E}在中國AI晶片市場的份額{P}預計為{N}" if off > 0 else "{E}在中國AI晶片市場的份額{P}為{N}"
    verb = "is forecast to be" if off > 0 else "was"
    return Fig(zh, e, pzh, f"{plain(x, 1)}%",
               _row(eid, "ai-chip-market-share-china", period, x, "%", kind=kind, datasets=("ai-chip-share",)),
               f"{_en_pos(e.en)} share of China's AI-chip market {verb} {plain(x, 1)}% in {pen}",
               "中國AI晶片份額{N}", f"holds {plain(x, 1)}% of China's AI-chip market", {eid} - set(ENTITY))


def chip_ship(c: Ctx) -> Fig:
    e = c.names("domestic-ai-chip-vendors")
    period, pzh, pen = c.year(-1)
    n = c.rng.randrange(20, 400)
    return Fig("{E}{P}出貨量約{N}", e, pzh, f"{n}萬片",
               _row(e.id, "ai-chip-shipments-china", period, n * 10_000, "units", qualifier="about",
                    datasets=("ai-chip-share",)),
               f"{e.en} shipped about {thousands(n * 10_000)} AI chips in {pen}", "出貨約{N}",
               f"ship about {thousands(n * 10_000)} chips", set())


def chip_compute(c: Ctx) -> Fig:
    pid, cid = c.product("chip")
    e = c.names(pid)
    x = c.rng.randrange(40, 160)
    return Fig("{E}的算力約為輝達H20的{N}", e, "", f"{x}%",
               _row(pid, "compute-vs-reference", str(c.date.year), x, "%", qualifier="about", datasets=("chips",)),
               f"{_en_pos(e.en)} compute is about {x}% of NVIDIA's H20", "算力達H20的{N}",
               f"compute at {x}% of the H20", {cid, "nvidia"})


def chip_cost(c: Ctx) -> Fig:
    pid, cid = c.product("chip")
    e = c.names(pid)
    x = c.rng.randrange(10, 60)
    return Fig("{E}的單位推理成本比輝達H20低{N}", e, "", f"{x}%",
               _row(pid, "inference-cost-vs-reference", str(c.date.year), x, "%", datasets=("chips",)),
               f"{_en_pos(e.en)} inference cost is {x}% below the H20's", "推理成本低{N}",
               f"runs inference {x}% cheaper than the H20", {cid, "nvidia"})


def cluster(c: Ctx) -> Fig:
    pid, cid = c.product("chip")
    e = c.names(pid)
    n = c.rng.choice((384, 1024, 2048, 4096, 8192, 16384, 30000))
    return Fig("{E}的叢集規模可達{N}", e, "", f"{n}張",
               _row(pid, "cluster-scale", str(c.date.year), n, "cards", datasets=("chips",)),
               f"{e.en} clusters can link {thousands(n)} cards", "叢集達{N}卡",
               f"clusters reach {thousands(n)} cards", {cid})


def china_rev(c: Ctx) -> Fig:
    e = c.names("nvidia")
    period, pzh, pen = c.quarter()
    a = Amount(round(c.rng.uniform(10, 80), 1), "USD")
    return Fig("{E}{P}來自中國大陸的收入為{N}", e, pzh, a.zh,
               _row("nvidia", "china-revenue", period, a.value, "USD", datasets=("nvidia-china",)),
               f"NVIDIA made {a.en} in mainland China in {pen}", "中國收入{N}", f"China sales reach {a.en}",
               {"nvidia"})


def china_share(c: Ctx) -> Fig:
    e = c.names("nvidia")
    period, pzh, pen = c.quarter()
    x = _pct(c.rng, 5, 30)
    return Fig("{E}{P}來自中國大陸的收入佔比為{N}", e, pzh, f"{plain(x, 1)}%",
               _row("nvidia", "china-revenue-share", period, x, "%", datasets=("nvidia-china",)),
               f"mainland China was {plain(x, 1)}% of NVIDIA's revenue in {pen}", "中國收入佔比{N}",
               f"gets {plain(x, 1)}% of sales from China", {"nvidia"})


def overseas(c: Ctx) -> Fig:
    cid = c.company((*GIANTS, "google", "xiaomi", "pdd"))
    e = c.names(cid)
    period, pzh, pen = c.year(-1)
    x = _pct(c.rng, 3, 70)
    return Fig("{E}{P}海外收入佔比為{N}", e, pzh, f"{plain(x, 1)}%",
               _row(cid, "overseas-revenue-share", period, x, "%", datasets=("overseas-revenue",)),
               f"{plain(x, 1)}% of {_en_pos(e.en)} revenue came from abroad in {pen}", "海外收入佔{N}",
               f"earns {plain(x, 1)}% of revenue abroad", {cid})


def dau(c: Ctx) -> Fig:
    pid, cid = c.product("app")
    e = c.names(pid)
    period, pzh, pen = c.quarter()
    x = round(c.rng.uniform(0.2, 8), 1)
    m = plain(x * 100, 0)
    return Fig("{E}{P}日活躍使用者達{N}", e, pzh, f"{plain(x, 1)}億",
               _row(pid, "dau", period, round(x * 10) * 10_000_000, "users", datasets=("users",)),
               f"{e.en} had {m} million daily active users in {pen}", "日活達{N}",
               f"reaches {m} million daily users", {cid})


def mau(c: Ctx) -> Fig:
    pid, cid = c.product("app")
    e = c.names(pid)
    period, pzh, pen = c.quarter()
    x = round(c.rng.uniform(0.5, 13), 1)
    m = plain(x * 100, 0)
    return Fig("{E}{P}月活躍使用者超過{N}", e, pzh, f"{plain(x, 1)}億",
               _row(pid, "mau", period, round(x * 10) * 10_000_000, "users", qualifier="over", datasets=("users",)),
               f"{e.en} passed {m} million monthly active users in {pen}", "月活破{N}",
               f"passes {m} million monthly users", {cid})


def time_spent(c: Ctx) -> Fig:
    pid, cid = c.product("app")
    e = c.names(pid)
    period, pzh, pen = c.quarter()
    n = c.rng.randrange(13, 160)
    return Fig("{E}使用者{P}日均使用時長為{N}", e, pzh, f"{n}分鐘",
               _row(pid, "daily-time-spent", period, n, "minutes", datasets=("users",)),
               f"{e.en} users spent {n} minutes a day in it in {pen}", "日均使用{N}",
               f"users spend {n} minutes a day", {cid})


def price_move(c: Ctx) -> Fig:
    listed = tuple(co for co in [c.main, *c.others] if COMPANY[co].tickers)
    if listed and c.rng.random() < 0.7:
        eid = c.rng.choice(listed)
        what_zh, what_en = "{E}股價當日", "shares"
    else:
        eid = c.rng.choice(INDEXES)
        what_zh, what_en = "{E}當日", ""
    e = c.names(eid)
    x = _pct(c.rng, 0.3, 12)
    up = c.rng.random() < 0.55
    verb_zh, verb_en = ("上漲", "rose") if up else ("下跌", "fell")
    subject = f"{_en_pos(e.en)} {what_en}" if what_en else f"the {e.en}" if eid in INDEXES else e.en
    title_verb = (f"{what_en} " if what_en else "") + ("rise" if up else "fall") + ("" if what_en else "s")
    return Fig(what_zh + verb_zh + "{N}", e, "", f"{plain(x, 1)}%",
               _row(eid, "price-change", c.date.isoformat(), x if up else -x, "%", datasets=("markets",)),
               f"{subject} {verb_en} {plain(x, 1)}% on the day", verb_zh + "{N}",
               f"{title_verb} {plain(x, 1)}%", {eid} - set(ENTITY))


def index_level(c: Ctx) -> Fig:
    eid = c.rng.choice(INDEXES)
    e = c.names(eid)
    x = round(c.rng.uniform(2100, 28000), 2)
    return Fig("{E}收報{N}", e, "", f"{x:.2f}點",
               _row(eid, "index-level", c.date.isoformat(), x, "points", datasets=("markets",)),
               f"the {e.en} closed at {x:.2f} points", "收報{N}", f"closes at {x:.2f} points", set())


def fund_return(c: Ctx) -> Fig:
    e = c.names("kweb")
    x = _pct(c.rng, 1, 60)
    return Fig("{E}年初至今回報率為{N}", e, "", f"{plain(x, 1)}%",
               _row("kweb", "fund-return", f"YTD to {c.date.isoformat()}", x, "%", datasets=("markets",)),
               f"KWEB has returned {plain(x, 1)}% so far this year", "年內回報{N}",
               f"returns {plain(x, 1)}% this year", set())


def market_cap(c: Ctx) -> Fig:
    listed = tuple(co for co in [c.main, *c.others] if COMPANY[co].tickers) or ("alibaba",)
    cid = c.rng.choice(listed)
    e = c.names(cid)
    a = Amount(float(c.rng.randrange(300, 40000, 10)), "USD")
    return Fig("{E}市值達到{N}", e, "", a.zh,
               _row(cid, "market-cap", c.date.isoformat(), a.value, "USD", datasets=("markets",)),
               f"{_en_pos(e.en)} market value reached {a.en}", "市值達{N}", f"market value reaches {a.en}", {cid})


def cloud_growth(c: Ctx) -> Fig:
    pid, cid = c.product("cloud")
    e = c.names(pid)
    period, pzh, pen = c.quarter()
    x = _pct(c.rng, 2, 45)
    return Fig("{E}{P}營收同比增長{N}", e, pzh, f"{plain(x, 1)}%",
               _row(pid, "cloud-revenue-growth", period, x, "%", datasets=("cloud",)),
               f"{_en_pos(e.en)} revenue grew {plain(x, 1)}% in {pen}", "營收增{N}",
               f"revenue up {plain(x, 1)}%", {cid})


def cloud_share(c: Ctx) -> Fig:
    pid, cid = c.product("cloud")
    e = c.names(pid)
    period, pzh, pen = c.year(-1)
    x = _pct(c.rng, 3, 40)
    return Fig("{E}{P}在中國AI雲市場的份額為{N}", e, pzh, f"{plain(x, 1)}%",
               _row(pid, "market-share-china", period, x, "%", datasets=("cloud",)),
               f"{e.en} held {plain(x, 1)}% of China's AI-cloud market in {pen}", "AI雲份額{N}",
               f"holds {plain(x, 1)}% of China's AI cloud", {cid})


def params(c: Ctx) -> Fig:
    pid, cid = c.product("model")
    e = c.names(pid)
    n = c.rng.choice((7, 14, 32, 72, 110, 235, 480, 671))
    return Fig("{E}最新版本的參數規模達到{N}", e, "", f"{n}B",
               _row(pid, "model-parameters", str(c.date.year), n * 1_000_000_000, "parameters"),
               f"the latest {e.en} has {n} billion parameters", "參數達{N}", f"reaches {n} billion parameters", {cid})


def downloads(c: Ctx) -> Fig:
    pid, cid = c.product("model")
    e = c.names(pid)
    x = round(c.rng.uniform(0.1, 6), 1)
    m = plain(x * 100, 0)
    return Fig("{E}累計下載量突破{N}", e, "", f"{plain(x, 1)}億次",
               _row(pid, "model-downloads", c.date.isoformat(), round(x * 10) * 10_000_000, "downloads"),
               f"{e.en} has been downloaded more than {m} million times", "下載破{N}",
               f"passes {m} million downloads", {cid})


def phones(c: Ctx) -> Fig:
    cid = c.company(("xiaomi", "huawei", "apple"))
    e = c.names(cid)
    period, pzh, pen = c.quarter()
    n = c.rng.randrange(300, 6000, 10)
    return Fig("{E}{P}手機出貨量為{N}", e, pzh, f"{n}萬台",
               _row(cid, "smartphone-shipments", period, n * 10_000, "units"),
               f"{e.en} shipped {thousands(n * 10_000)} phones in {pen}", "手機出貨{N}",
               f"ships {thousands(n * 10_000)} phones", {cid})


TEMPLATES: dict[str, Callable[[Ctx], Fig]] = {
    f.__name__: f
    for f in (revenue, revenue_growth, gross_margin, rd, capex, capex_qoq, ai_invest, group_capex, chip_share,
              chip_ship, chip_compute, chip_cost, cluster, china_rev, china_share, overseas, dau, mau, time_spent,
              price_move, index_level, fund_return, market_cap, cloud_growth, cloud_share, params, downloads,
              phones)
}
GENERAL = ("revenue", "revenue_growth", "price_move", "gross_margin", "market_cap")
