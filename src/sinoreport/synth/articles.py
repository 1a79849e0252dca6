"""One synthetic article: its raw digest entry (title line, body line) and its curated YAML.

Article i is generated from its own random stream (seed, i), so the first ten articles of a
thousand-article corpus are the ten articles of a ten-article corpus: sizes are comparable page by page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sinoreport.ingest.digest import article_text
from sinoreport.synth import vocab as V
from sinoreport.synth.figures import GENERAL, TEMPLATES, Ctx, Fig, Named
from sinoreport.synth.text import HANT, Script

END = dt.date(2025, 11, 28)  # the newest article's date; older ones step back about 2.5 days each
PER_DIGEST = 20
_WEIGHTED = [c.id for c in V.COMPANIES for _ in range(c.weight)]
_BY_ROLE = {role: sorted({c.id for p, (prod, c) in V.PRODUCTS.items() if prod.role == role})
            for role in ("chip", "model", "app", "cloud")}
_FIRST = (("chips", "chip_share"), ("chips", "chip_compute"), ("chips", "china_rev"), ("cloud", "capex"),
          ("earnings", "overseas"), ("apps", "dau"), ("markets", "price_move"), ("cloud", "cloud_growth"))
_TOPIC_COMPANIES = {
    "chips": ("huawei", "baidu", "cambricon", "nvidia", "smic", "hygon", "moore-threads", "biren", "alibaba"),
    "cloud": ("alibaba", "tencent", "huawei", "baidu", "bytedance", "kingsoft-cloud", "vnet"),
    "models": (*_BY_ROLE["model"], "deepseek", "moonshot", "minimax"),
    "apps": (*_BY_ROLE["app"], "meituan", "pdd", "netease"),
    "devices": ("xiaomi", "huawei", "apple", "byd", "horizon-robotics", "unitree", "lenovo"),
}


@cache
def named(ident: str) -> Named:
    """Any company, product or entity id → its names (Simplified: the pin, else OpenCC)."""
    hans = Script("hans")
    if ident in V.COMPANY:
        c = V.COMPANY[ident]
        return Named(ident, c.en, c.zh, c.hans or hans.lit(c.zh))
    if ident in V.PRODUCTS:
        p, _ = V.PRODUCTS[ident]
        zh = p.zh or p.en
        return Named(ident, p.en, zh, p.hans or hans.lit(zh))
    e = V.ENTITY[ident]
    return Named(ident, e.en, e.zh, hans.lit(e.zh))


def digest_script(seed: int, k: int) -> str:
    return "hans" if random.Random(f"{seed}:digest:{k}").random() < 0.35 else "hant"


def digest_name(seed: int, k: int) -> str:
    h = hashlib.sha256(f"sinoreport-synth:{seed}:{k}".encode()).hexdigest()[:16]
    return f"{k:03d}_{h}.txt"


def digest_tags(seed: int, k: int) -> list[str]:
    """The digest's #tags as written (in the digest's script)."""
    rng = random.Random(f"{seed}:digest-tags:{k}")
    sc = Script(digest_script(seed, k))
    return [sc.lit(t.zh) for t in rng.sample(V.TAGS, 2)]


def moat_ratings(seed: int) -> dict[str, dict[str, str]]:
    rng = random.Random(f"{seed}:moats")
    return {g: {k: rng.choice(("has", "building", "lacks")) for k in ("technology", "ecosystem", "globalization")}
            for g in V.GIANTS}


MOAT_ZH = {
    "technology": {"has": "{A}在底層技術上已具備明顯優勢", "building": "{A}的技術底座仍在建設之中",
                   "lacks": "{A}在核心技術上仍缺乏積累"},
    "ecosystem": {"has": "{A}的生態閉環已經成形", "building": "{A}正在加快補齊生態",
                  "lacks": "{A}尚未形成完整的生態"},
    "globalization": {"has": "{A}的海外業務已具規模", "building": "{A}正在補全球化短板",
                      "lacks": "{A}的業務仍高度依賴國內市場"},
}
# our English of each moat quote above ({A}: the company's English name)
MOAT_EN = {
    "technology": {"has": "{A} already has a clear edge in core technology",
                   "building": "{A}'s technology base is still being built",
                   "lacks": "{A} still lacks depth in core technology"},
    "ecosystem": {"has": "{A}'s closed-loop ecosystem has taken shape",
                  "building": "{A} is filling in its ecosystem faster",
                  "lacks": "{A} has yet to form a complete ecosystem"},
    "globalization": {"has": "{A}'s overseas business is already at scale",
                      "building": "{A} is making up its globalization gap",
                      "lacks": "{A}'s business still depends heavily on the home market"},
}


@dataclass
class SynthArticle:
    index: int
    id: str
    date: dt.date
    digest: int
    script: str
    title: str  # raw headline, in the digest's script
    body: str  # raw body line, ending with (Outlet)
    doc: dict[str, Any] = field(default_factory=dict)  # the curated YAML
    main: str = ""
    moat_quotes: dict[str, str] = field(default_factory=dict)  # moat → quote (giant articles only)

    @property
    def raw_text(self) -> str:
        return article_text(self.title, self.body)


class _Writer:
    """Builds one article. Kept as an object only to share the random stream and the article's names."""

    def __init__(self, seed: int, i: int, ratings: dict[str, dict[str, str]]):
        self.seed, self.i, self.ratings = seed, i, ratings
        self.rng = rng = random.Random(f"{seed}:article:{i}")
        self.date = END - dt.timedelta(days=(i * 5) // 2 + rng.randint(0, 1))
        self.k = i // PER_DIGEST
        self.script = digest_script(seed, self.k)
        self.sc = Script(self.script)
        self.outlet = rng.choice(V.OUTLETS)
        # the first articles cover every dataset, so even a ten-article corpus feeds every chart family
        self.first_fig = _FIRST[i][1] if i < len(_FIRST) else None
        self.topic = _FIRST[i][0] if i < len(_FIRST) else rng.choice(list(V.TOPICS))
        pool = _TOPIC_COMPANIES.get(self.topic)
        self.main = rng.choice(pool) if pool and rng.random() < 0.7 else rng.choice(_WEIGHTED)
        others = [c for c in rng.sample(_WEIGHTED, 8) if c != self.main]
        self.others = list(dict.fromkeys(others))[: rng.randint(1, 3)]
        self.mentioned: dict[str, None] = dict.fromkeys([self.main, *self.others])
        self.term = rng.choice(V.TERMS)
        self.ctx = Ctx(rng, self.date, self.main, self.others, named)

    # ------------------------------------------------------------------ pieces

    def zh_name(self, ident: str, script: str | None = None) -> str:
        return named(ident).zh(script or self.script)

    def slots(self, script: str | None = None) -> dict[str, str]:
        s = script or self.script
        rng = self.rng
        prods = [p.id for c in [self.main, *self.others] for p in V.COMPANY[c].products]
        x = rng.choice(prods) if prods else rng.choice(list(V.PRODUCTS))
        term_zh = self.term.zh if s == "hant" else Script("hans").lit(self.term.zh)
        ent = rng.choice(("china-ai-chip-market", "china-csps", "domestic-ai-chip-vendors", "hang-seng-tech-index"))
        return {
            "A": self.zh_name(self.main, s),
            "B": self.zh_name(rng.choice(self.others) if self.others else self.main, s),
            "T": term_zh,
            "X": self.zh_name(x, s),
            "E": self.zh_name(ent, s),
            "M": str(rng.randint(1, 12)),
        }

    def figures(self) -> list[Fig]:
        rng = self.rng
        want = rng.randint(5, 20)
        topical = V.TOPICS[self.topic]["figs"]
        figs: list[Fig] = []
        seen: set[tuple[str, str, str]] = set()
        for n in range(want * 3):
            if len(figs) == want:
                break
            key = rng.choice(topical) if rng.random() < 0.7 else rng.choice(GENERAL)
            key = self.first_fig if n == 0 and self.first_fig else key
            f = TEMPLATES[key](self.ctx)
            sig = (f.row["entity"], f.row["metric"], f.row["period"])
            if sig in seen:
                continue
            seen.add(sig)
            figs.append(f)
            self.mentioned.update(dict.fromkeys(sorted(f.companies)))
        return figs

    def fig_clause(self, f: Fig, script: str) -> str:
        sc = self.sc if script == self.script else Script(script)
        return sc.fill(f.zh, {"E": f.entity.zh(script), "P": sc.lit(f.period_zh), "N": sc.lit(f.number_zh)})

    # ------------------------------------------------------------------ the article

    def write(self) -> SynthArticle:
        rng, sc = self.rng, self.sc
        figs = self.figures()
        specials: list[str] = []
        rows: list[dict[str, Any]] = []
        tails = ("", "，高於市場預期", "，略低於市場預期", "，與去年同期相比明顯改善", "，公司並未進一步說明",
                 "，這一數字引起市場關注")
        for f in figs:
            clause = self.fig_clause(f, self.script)
            specials.append(clause + sc.lit(rng.choice(tails)))
            rows.append({**f.row, "quote": clause, "quote_en": f.en})
        for r in rows:
            if rng.random() < 0.15:
                r["note"] = {"en": "Figure as reported; not independently verified.",
                             "zh": "數字依原文，未經獨立查證。"}
        quotes = []
        for q_zh, q_en in rng.sample(V.QUOTES, rng.randint(0, 2)):
            p = rng.choice(V.PEOPLE)
            text = sc.lit(q_zh)
            lead = rng.choice(V.QUOTE_LEADS)
            specials.append(sc.fill(lead, {"P": sc.lit(p.zh)}) + f"「{text}」")
            quotes.append({"text": text, "speaker": {"en": p.en, "zh": p.zh}, "en": q_en})
        moats: dict[str, str] = {}
        if self.main in V.GIANTS:
            for k, by_rating in MOAT_ZH.items():
                q = sc.fill(by_rating[self.ratings[self.main][k]], {"A": self.zh_name(self.main)})
                specials.append(q)
                moats[k] = q

        target = rng.randint(2000, 10000)
        lead = sc.fill("{O}{M}月{D}日訊，", {"O": sc.lit(self.outlet.zh), "M": str(self.date.month),
                                          "D": str(self.date.day)})
        sentences: list[str] = []
        size = len(lead) + sum(len(s) + 1 for s in specials)
        while size < target:
            s = sc.fill(rng.choice(V.BODY), self.slots())
            sentences.append(s)
            size += len(s) + 1
        for s in specials:
            sentences.insert(rng.randint(0, len(sentences)), s)
        outlet_written = sc.lit(self.outlet.zh)
        body = lead + "。".join(sentences) + f"。 ({outlet_written})"

        f0 = figs[0]
        b = self.others[0] if self.others else self.main
        tz, te = rng.randrange(len(V.TITLE_ZH)), rng.randrange(len(V.TITLE_EN))
        frag = sc.fill("{E}" + f0.title_zh, {"E": f0.entity.zh(self.script), "N": sc.lit(f0.number_zh)})
        title = sc.fill(V.TITLE_ZH[tz], {"B": self.zh_name(b), "T": sc.lit(self.term.zh), "F": frag})
        title_en = V.TITLE_EN[te].format(B=V.COMPANY[b].en, T=_mid(self.term.en), F=f"{f0.entity.en} {f0.title_en}")
        title_en = title_en[0].upper() + title_en[1:]

        ident = f"{self.date.isoformat()}-{self.main}-{self.topic}-{self.i:04d}"
        raw = article_text(title, body)
        tags = list(dict.fromkeys(t for t in V.TOPICS[self.topic]["tags"] if t in {x.id for x in V.TAGS}))
        tags = tags[: rng.randint(1, len(tags))]
        doc: dict[str, Any] = {
            "id": ident,
            "status": "curated",
            "title": {"zh": title, "en": title_en},
            "outlet": outlet_written,
            "date": self.date,
            "date_precision": "day",
            "date_basis": "stated",
            "tags": tags,
            "companies": list(self.mentioned),
            "summary": self.summary(figs),
            "key_points": self.key_points(figs),
        }
        if quotes:
            doc["quotes"] = quotes
        if rng.random() < 0.5:
            doc["analysis"] = self.analysis()
        doc["figures"] = rows
        doc["source"] = {"file": digest_name(self.seed, self.k), "sha256": hashlib.sha256(raw.encode()).hexdigest(),
                         "script": self.script, "index": self.i % PER_DIGEST + 1,
                         "digest_tags": digest_tags(self.seed, self.k)}
        return SynthArticle(self.i, ident, self.date, self.k, self.script, title, body, doc, self.main, moats)

    # ------------------------------------------------------------------ our prose (canonical script)

    def _names_en(self) -> dict[str, str]:
        b = self.others[0] if self.others else self.main
        return {"A": V.COMPANY[self.main].en, "B": V.COMPANY[b].en, "T": _mid(self.term.en)}

    def _names_zh(self) -> dict[str, str]:
        b = self.others[0] if self.others else self.main
        return {"A": V.COMPANY[self.main].zh, "B": V.COMPANY[b].zh, "T": self.term.zh}

    def fact_zh(self, f: Fig) -> str:
        return self.fig_clause(f, "hant") + "。"

    def summary(self, figs: list[Fig]) -> dict[str, str]:
        rng = self.rng
        facts = figs[: rng.randint(2, 4)]
        en = [f"{f.en[0].upper()}{f.en[1:]}." for f in facts]
        fill_en = rng.sample(V.SUMMARY_EN, len(V.SUMMARY_EN))
        while len(" ".join(en).split()) < 165 and fill_en:
            s = fill_en.pop().format(**self._names_en())
            if len(" ".join([*en, s]).split()) > 240:
                break
            en.insert(rng.randint(1, len(en)), s)
        zh = [self.fact_zh(f) for f in facts]
        fill_zh = rng.sample(V.SUMMARY_ZH, len(V.SUMMARY_ZH))
        while _cjk(zh) < 280 and fill_zh:
            s = HANT.fill(fill_zh.pop(), self._names_zh())
            if _cjk([*zh, s]) > 440:
                break
            zh.insert(rng.randint(1, len(zh)), s)
        return {"en": " ".join(en), "zh": "".join(zh)}

    def key_points(self, figs: list[Fig]) -> list[dict[str, str]]:
        n = min(len(figs), self.rng.randint(4, 7))
        return [{"en": f"{f.en[0].upper()}{f.en[1:]}.", "zh": self.fact_zh(f)} for f in figs[:n]]

    def analysis(self) -> dict[str, str]:
        k = self.rng.randint(1, len(V.ANALYSIS_EN))
        en = " ".join(s.format(**self._names_en()) for s in V.ANALYSIS_EN[:k])
        zh = "".join(HANT.fill(s, self._names_zh()) for s in V.ANALYSIS_ZH[:k])
        return {"en": en, "zh": zh}


def _mid(term: str) -> str:
    """A term inside an English sentence: "Embodied AI" → "embodied AI", "HBM" stays."""
    return term[0].lower() + term[1:] if term[1:2].islower() else term


def _cjk(parts: list[str]) -> int:
    return sum(1 for s in parts for ch in s if "\u4e00" <= ch <= "\u9fff")


def make_article(seed: int, i: int, ratings: dict[str, dict[str, str]] | None = None) -> SynthArticle:
    return _Writer(seed, i, ratings or moat_ratings(seed)).write()
