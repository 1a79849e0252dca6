"""Write a complete synthetic project: settings, MkDocs config, templates, data/, content/, raw/.

Files are written only when their bytes change (as the render stage does), so regenerating a project
leaves unchanged articles untouched and a running `serve` rebuilds only what moved.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from sinoreport.render.writer import WriteStats, write_tree
from sinoreport.synth import vocab as V
from sinoreport.synth.articles import (
    END,
    MOAT_EN,
    SynthArticle,
    digest_name,
    digest_tags,
    make_article,
    moat_ratings,
)
from sinoreport.synth.text import Script

MARKER = ".sinoreport-synth"
REPO = Path(__file__).resolve().parents[3]


class SynthError(Exception):
    pass


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:  # our loader refuses anchors; never emit them
        return True


def dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096).encode("utf-8")


# --------------------------------------------------------------------------- data/


def _name(en: str, zh: str | None, hans: str | None = None) -> dict[str, str]:
    out = {"en": en}
    if zh:
        out["zh"] = zh
    if hans:
        out["zh-Hans"] = hans
    return out


def company_doc(c: V.Co, moats: dict[str, dict[str, str]] | None) -> dict[str, Any]:
    hans = Script("hans")
    doc: dict[str, Any] = {"id": c.id, "tier": c.tier, "type": "company", "name": _name(c.en, c.zh, c.hans)}
    variants = [v for v in {*c.variants, hans.lit(c.zh)} if v not in (c.zh, c.hans)]
    if variants:
        doc["variants"] = sorted(variants)
    doc["aliases"] = list(c.aliases)
    if c.private:
        doc["private"] = True
    if c.tickers:
        doc["tickers"] = [{"symbol": s, "exchange": x} for s, x in c.tickers]
    doc["headquarters"] = {"en": c.hq_en, "zh": c.hq_zh}
    doc["sector"] = {"en": c.sector_en, "zh": c.sector_zh}
    doc["one_line"] = {"en": f"{c.en}: {c.sector_en.lower()}, based in {c.hq_en}.",
                       "zh": f"{c.zh}，總部位於{c.hq_zh}，主要業務為{c.sector_zh}。"}
    if c.tier == "full":
        doc["profile"] = {
            "en": f"{c.en} is one of the companies this report follows most closely. Its business spans "
                  f"{c.sector_en.lower()}, and its plans in AI shape how the rest of the industry moves.",
            "zh": f"{c.zh}是本報告最密切追蹤的公司之一，業務涵蓋{c.sector_zh}，其AI布局影響整個產業的走向。",
        }
    if moats:
        doc["scores"] = {"moats": moats}
    if c.products:
        doc["products"] = [
            {"id": p.id, "kind": p.kind, "name": _name(p.en, p.zh, p.hans), "aliases": list(p.aliases),
             "one_line": {"en": f"{p.en}, a {p.kind} from {c.en}.", "zh": f"{c.zh}旗下的{p.zh or p.en}。"}}
            for p in c.products
        ]
    if c.website:
        doc["website"] = c.website
    return doc


# The scorecard the giants are rated on (the shipped report's, as data/scorecards.yaml declares it).
SCORECARDS = {"scorecards": [{
    "id": "moats",
    "title": {"en": "Moat scorecard", "zh": "護城河評分"},
    "dimension_word": {"en": "moat", "one": "moat", "many": "moats", "zh": "護城河"},
    "dimensions": [{"id": "technology", "name": {"en": "Technology base", "zh": "技術底座"}},
                   {"id": "ecosystem", "name": {"en": "Ecosystem loop", "zh": "生態閉環"}},
                   {"id": "globalization", "name": {"en": "Globalization", "zh": "全球化"}}],
    "ratings": [{"id": "has", "name": {"en": "has", "zh": "具備"}, "score": 2},
                {"id": "building", "name": {"en": "building", "zh": "建構中"}, "score": 1},
                {"id": "lacks", "name": {"en": "lacks", "zh": "欠缺"}, "score": 0}],
}]}


def chart_decls(src: Path) -> list[dict[str, Any]]:
    """The source report's chart declarations (data/charts.yaml) over the synthetic vocabulary: selections of
    metrics and entities it does not have narrowed, charts of datasets it does not have left out, and what
    names the source's own articles and rows (`without_figure`, `takeaway`) dropped."""

    path = src / "data" / "charts.yaml"
    if not path.is_file():
        return []
    metrics = {m.id for m in V.METRICS}
    known = set(V.COMPANY) | set(V.PRODUCTS) | {e.id for e in V.ENTITIES}
    datasets = {d.id for d in V.DATASETS}
    out = []
    for c in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("charts") or []:
        c = {k: v for k, v in c.items() if k not in ("takeaway", "without_figure")}
        parts = c.get("panels") or [c]
        keep = []
        for p in parts:
            p.pop("without_figure", None)
            for sel in (p.get("select"), (p.get("notes") or {}).get("select")):
                if sel is None:
                    continue
                if sel.get("metrics") is not None:
                    sel["metrics"] = [m for m in sel["metrics"] if m in metrics]
                for k in ("entities", "exclude"):
                    if sel.get(k) is not None:
                        sel[k] = [e for e in sel[k] if e in known]
            if p.get("notes") and (p["notes"]["select"].get("dataset") not in datasets
                                   or p["notes"]["select"].get("metrics") == []):
                p.pop("notes")
            if (p.get("benchmark") or {}).get("entity") not in known | {None}:
                p.pop("benchmark")
            # narrowed, and only where the declaration has them: an option of another kind is an error
            if "keep" in p:
                p["keep"] = [e for e in p["keep"] if e in known]
            for k in ("transform", "labels"):
                if k in p:
                    p[k] = {m: v for m, v in (p[k] or {}).items() if m in metrics}
            sel = p.get("select")
            if sel is None or (sel.get("dataset") in datasets and sel.get("metrics") != []):
                keep.append(p)
        if not keep:
            continue
        if c.get("panels"):
            c["panels"] = keep
        out.append(c)
    return out


def data_files(articles: list[SynthArticle], seed: int, src: Path | None = None) -> dict[str, bytes]:
    ratings = moat_ratings(seed)
    moats: dict[str, dict[str, Any]] = {}
    for a in articles:  # the newest article featuring a giant is where its moat quotes come from
        if a.moat_quotes and a.main not in moats:
            en = next(c.en for c in V.COMPANIES if c.id == a.main)
            moats[a.main] = {k: {"rating": ratings[a.main][k], "source": a.id, "quote": q,
                                 "quote_en": MOAT_EN[k][ratings[a.main][k]].format(A=en)}
                             for k, q in a.moat_quotes.items()}
    hans = Script("hans")
    files = {f"companies/{c.id}.yaml": dump(company_doc(c, moats.get(c.id))) for c in V.COMPANIES}
    files["entities.yaml"] = dump({"entities": [
        {"id": e.id, "type": e.type, "name": _name(e.en, e.zh), "aliases": list(e.aliases),
         **({"one_line": {"en": e.one_en, "zh": e.one_zh}} if e.one_en else {})}
        for e in V.ENTITIES]})
    files["glossary.yaml"] = dump({"terms": [
        {"id": t.id, "name": _name(t.en, t.zh), "aliases": list(t.aliases),
         "definition": {"en": t.def_en, "zh": t.def_zh}, **({"see_also": list(t.see_also)} if t.see_also else {})}
        for t in V.TERMS]})
    files["metrics.yaml"] = dump({"metrics": [{"id": m.id, "name": _name(m.en, m.zh)} for m in V.METRICS]})
    files["tags.yaml"] = dump({"tags": [{"id": t.id, "name": _name(t.en, t.zh), "aliases": list(t.aliases)}
                                        for t in V.TAGS]})
    files["outlets.yaml"] = dump({"outlets": [
        {"id": o.id, "name": _name(o.en, o.zh), **({"variants": [hans.lit(o.zh)]} if hans.lit(o.zh) != o.zh else {}),
         "one_line": {"en": o.one_en, "zh": o.one_zh}}
        for o in V.OUTLETS]})
    for d in V.DATASETS:
        files[f"datasets/{d.id}.yaml"] = dump({"id": d.id, "title": _name(d.en, d.zh),
                                               "description": {"en": d.desc_en, "zh": d.desc_zh}, "order": d.order})
    files["scorecards.yaml"] = dump(SCORECARDS)
    files["charts.yaml"] = dump({"charts": chart_decls(src or REPO)})
    files["conversions.yaml"] = dump({"conversions": [
        {"zh-Hant": t, "zh-Hans": s, **({"note": n} if n else {})} for t, s, n in V.CONVERSIONS]})
    return files


# --------------------------------------------------------------------------- content/ and raw/


BRIEFS = (
    ("china-ai-race", "Who leads China's AI race", "誰領跑中國的AI競賽"),
    ("the-capex-bill", "How long is the capex bill?", "資本開支的帳單還有多長"),
    ("chips-and-controls", "Chips, controls and the domestic turn", "晶片、管制與國產化轉向"),
    ("platforms-go-abroad", "Platforms go abroad", "平台出海的下一步"),
    ("what-investors-price", "What investors are pricing in", "投資人正在定價什麼"),
)


def brief_docs(articles: list[SynthArticle], seed: int) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    recent = articles[:40]
    for j, (bid, en, zh) in enumerate(BRIEFS):
        rng = random.Random(f"{seed}:brief:{j}")
        cited = rng.sample(recent, min(len(recent), rng.randint(3, 6)))
        cos = list(dict.fromkeys(a.main for a in cited))
        names_en = [V.COMPANY[c].en for c in cos]
        names_zh = [V.COMPANY[c].zh for c in cos]
        body_en = ["## The picture", ""]
        body_zh = ["## 全貌", ""]
        for n, a in enumerate(cited, 1):
            c_en, c_zh = V.COMPANY[a.main].en, V.COMPANY[a.main].zh
            body_en.append(f"{c_en} is moving, and the reporting shows how.[^{n}] "
                           f"{rng.choice(V.SUMMARY_EN).format(A=c_en, B=names_en[0], T='AI')}")
            body_zh.append(f"{c_zh}正在行動，報導呈現了其中細節。[^{n}]"
                           f"{rng.choice(V.SUMMARY_ZH).format(A=c_zh, B=names_zh[0], T='AI')}")
            body_en.append("")
            body_zh.append("")
            if n == len(cited) // 2:
                body_en += ["## What to watch", ""]
                body_zh += ["## 觀察重點", ""]
        doc = {
            "id": bid, "order": j + 1, "title": {"en": en, "zh": zh},
            "dek": {"en": f"What {names_en[0]} and its rivals tell us about the year ahead.",
                    "zh": f"從{names_zh[0]}與對手的動向，看未來一年。"},
            "date": END, "cites": [a.id for a in cited], "companies": cos,
            "body": {"en": "\n".join(body_en).strip() + "\n", "zh": "\n".join(body_zh).strip() + "\n"},
        }
        out[f"briefs/{bid}.yaml"] = dump(doc)
    return out


def raw_files(articles: list[SynthArticle], seed: int) -> dict[str, bytes]:
    digests: dict[int, list[SynthArticle]] = {}
    for a in articles:
        digests.setdefault(a.digest, []).append(a)
    out: dict[str, bytes] = {}
    for k, arts in digests.items():
        lines = [" ".join(f"#{t}" for t in digest_tags(seed, k)), ""]
        for a in sorted(arts, key=lambda a: a.index):
            lines += [a.title, a.body]
        out[digest_name(seed, k)] = ("\n".join(lines) + "\n").encode("utf-8")
    return out


def settings_yaml(n: int) -> bytes:
    return (
        f"# A synthetic project of {n} articles written by `sinoreport synth` (for benchmarks and tests).\n"
        "project:\n  raw: [raw]\nsite:\n  url: https://synth.example/\n"
        f'  edition: "{END.isoformat()}"\n'
        f"  home:\n    companies: [{', '.join(V.GIANTS)}]\n"
    ).encode()


def tree(src: Path) -> dict[str, bytes]:
    return {p.relative_to(src).as_posix(): p.read_bytes() for p in sorted(src.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- entry


def articles(n: int, seed: int = 1) -> list[SynthArticle]:
    ratings = moat_ratings(seed)
    return [make_article(seed, i, ratings) for i in range(n)]


def write_project(outdir: Path, n: int, seed: int = 1, source: Path | None = None) -> dict[str, WriteStats]:
    """Write (or update in place) a synthetic project with `n` articles into `outdir`."""
    src = source or REPO
    if not (src / "mkdocs.yml").is_file():
        raise SynthError(f"{src} has no mkdocs.yml to copy; pass the repository as source")
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()) and not (outdir / MARKER).exists():
        raise SynthError(f"{outdir} exists and is not a synthetic project; choose an empty or new directory")
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / MARKER).write_text(f"n={n} seed={seed}\n", encoding="utf-8")
    arts = articles(n, seed)
    content = {f"articles/{a.id}.yaml": dump(a.doc) for a in arts} | brief_docs(arts, seed)
    stats = {
        "content": write_tree(outdir / "content", content),
        "data": write_tree(outdir / "data", data_files(arts, seed, src)),
        "raw": write_tree(outdir / "raw", raw_files(arts, seed)),
        # the source's own overrides of the package's templates (the shipped report's strings), if any
        "templates": write_tree(outdir / "templates", tree(src / "templates") if (src / "templates").is_dir() else {}),
    }
    for name, data in (("sinoreport.yml", settings_yaml(n)), ("mkdocs.yml", (src / "mkdocs.yml").read_bytes())):
        p = outdir / name
        if not p.is_file() or p.read_bytes() != data:
            p.write_bytes(data)
    (outdir / "build" / "docs").mkdir(parents=True, exist_ok=True)
    return stats
