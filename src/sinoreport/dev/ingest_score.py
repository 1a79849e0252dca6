"""How close ingest's proposals come to the rows a careful analyst keeps.

    python -m sinoreport.dev.ingest_score [--heldout] [--in-sample] [--json FILE] [--misses]

Two answer keys: the shipped report's curated rows (in sample: its metrics and names were written with
those articles, from the seed digest) and the held-out digest in tests/fixtures/heldout with the key
written by hand for it (not used to tune ingest). Each digest is ingested into a temporary copy of the
shipped project, and each key row is paired with the proposal that states the same number in the same
unit (|value|, value_high); a pair is a full match when entity, metric, period, signed value, unit and
kind all agree. Reported: full-row recall, value+unit recall, precision (proposals paired with a key
row), and per field the share of paired rows that field has right.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
HELDOUT = REPO / "tests" / "fixtures" / "heldout"
DEV = REPO / "tests" / "fixtures" / "dev"
SEED = REPO.parent / "shared" / "seeds" / "000_8deb6fad8f11d47a.txt"
FIELDS = ("entity", "metric", "period", "value", "unit", "kind")


@dataclass
class Score:
    name: str
    key_rows: int = 0
    proposals: int = 0
    full: int = 0
    value_unit: int = 0
    paired_proposals: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def full_recall(self) -> float:
        return self.full / self.key_rows if self.key_rows else 0.0

    @property
    def value_unit_recall(self) -> float:
        return self.value_unit / self.key_rows if self.key_rows else 0.0

    @property
    def precision(self) -> float:
        return self.paired_proposals / self.proposals if self.proposals else 0.0

    def field_rate(self, f: str) -> float:
        return self.fields[f] / self.value_unit if self.value_unit else 0.0

    def summary(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k not in ("misses", "fields")}
        out |= {"full_recall": round(self.full_recall, 3), "value_unit_recall": round(self.value_unit_recall, 3),
                "precision": round(self.precision, 3)}
        out["fields"] = {f: round(self.field_rate(f), 3) for f in FIELDS}
        return out


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def score_article(score: Score, key: list[dict[str, Any]], got: list[dict[str, Any]], new_ids: dict[str, str],
                  article: str) -> None:
    """Pair key rows with proposals and count what agrees (greedy, the proposal agreeing most first)."""
    score.key_rows += len(key)
    score.proposals += len(got)
    free = list(range(len(got)))
    for k in key:
        want = dict(k)
        if str(want["entity"]).startswith("new:"):
            want["entity"] = new_ids.get(str(want["entity"])[4:], want["entity"])
        best, best_agree = None, -1
        for i in free:
            p = got[i]
            if not (_same(abs(float(p["value"])), abs(float(want["value"])))
                    and _same(p.get("value_high") and abs(float(p["value_high"])),
                              want.get("value_high") and abs(float(want["value_high"])))
                    and p["unit"] == want["unit"]):
                continue
            agree = sum(_field_ok(f, p, want) for f in FIELDS)
            if agree > best_agree:
                best, best_agree = i, agree
        if best is None:
            score.misses.append({"article": article, "key": k, "got": None})
            continue
        free.remove(best)
        p = got[best]
        score.value_unit += 1
        score.paired_proposals += 1
        ok = True
        for f in FIELDS:
            if _field_ok(f, p, want):
                score.fields[f] += 1
            else:
                ok = False
        if ok:
            score.full += 1
        else:
            score.misses.append({"article": article, "key": k, "got": {f: p.get(f) for f in FIELDS}})


def _field_ok(f: str, p: dict[str, Any], want: dict[str, Any]) -> bool:
    if f == "value":
        return _same(float(p["value"]), float(want["value"]))
    return str(p.get(f, "actual" if f == "kind" else None)) == str(want.get(f, "actual" if f == "kind" else None))


def _project(tmp: Path) -> Path:
    """A copy of the shipped project (content, data, templates, config) to ingest into."""
    root = tmp / "report"
    for name in ("content", "data"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "sinoreport.yml", root / "sinoreport.yml")
    return root


def _ingest(root: Path, digest: Path, content: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Ingest into `content` (a fresh folder); {sha256: draft document}, {organization name: draft id}."""
    from sinoreport.config import load_settings
    from sinoreport.ingest.run import Ledger, ingest_paths

    settings = load_settings(root)
    result = ingest_paths(settings, [digest], content, data_dir=root / "data")
    if result.errors:
        raise SystemExit("; ".join(result.errors))
    docs = {}
    for p in sorted((content / "articles").glob("*.yaml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        docs[d["source"]["sha256"]] = d
    ledger = Ledger.read(content / "ingested.yaml")
    return docs, dict(ledger.organizations)


def in_sample() -> Score:
    """Proposals for the seed digest against the shipped report's curated rows."""
    score = Score("in sample (shipped report, 8 articles)")
    curated = {}
    for p in sorted((REPO / "content" / "articles").glob("*.yaml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        curated[d["source"]["sha256"]] = d
    with tempfile.TemporaryDirectory() as t:
        root = _project(Path(t))
        docs, new = _ingest(root, SEED, Path(t) / "fresh")
    for sha, d in curated.items():
        key = [_norm(r) for r in d.get("figures") or []]
        got = [_norm(r) for r in (docs.get(sha) or {}).get("figures") or []]
        score_article(score, key, got, new, d["id"])
    return score


def heldout(folder: Path = HELDOUT, name: str = "held out (tests/fixtures/heldout, 5 articles)") -> Score:
    """Proposals for a fixture digest against its hand-written key (the held-out one by default)."""
    score = Score(name)
    key = yaml.safe_load((folder / "key.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as t:
        root = _project(Path(t))
        docs, new = _ingest(root, folder / "digest.txt", Path(t) / "fresh")
    by_index = {d["source"]["index"]: d for d in docs.values()}
    for art in key["articles"]:
        got = [_norm(r) for r in (by_index.get(art["index"]) or {}).get("figures") or []]
        score_article(score, [_norm(r) for r in art["rows"]], got, new, f"#{art['index']}")
    return score


def _norm(r: dict[str, Any]) -> dict[str, Any]:
    out = {k: r.get(k) for k in ("entity", "metric", "period", "value", "value_high", "unit")}
    out["kind"] = r.get("kind") or "actual"
    out["period"] = str(out["period"])
    return out


def table(scores: Iterable[Score]) -> str:
    rows = ["| | key rows | proposals | full row | value+unit | precision | " + " | ".join(FIELDS) + " |",
            "|---|---:|---:|---:|---:|---:|" + "---:|" * len(FIELDS)]
    for s in scores:
        rows.append(f"| {s.name} | {s.key_rows} | {s.proposals} | {s.full_recall:.0%} | {s.value_unit_recall:.0%} | "
                    f"{s.precision:.0%} | " + " | ".join(f"{s.field_rate(f):.0%}" for f in FIELDS) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sinoreport.dev.ingest_score")
    ap.add_argument("--heldout", action="store_true")
    ap.add_argument("--in-sample", action="store_true")
    ap.add_argument("--dev", action="store_true", help="the development digest (tests/fixtures/dev), tuned on")
    ap.add_argument("--misses", action="store_true", help="print the key rows ingest did not get whole")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    which = [f for f, on in (("in", a.in_sample), ("dev", a.dev), ("held", a.heldout)) if on] or ["in", "held"]
    scores = []
    if "in" in which:
        if SEED.is_file():
            scores.append(in_sample())
        else:
            print(f"in-sample score skipped: {SEED} not found", file=sys.stderr)
    if "dev" in which:
        for folder in sorted(REPO.glob("tests/fixtures/dev*")):
            if (folder / "key.yaml").is_file():
                scores.append(heldout(folder, f"development ({folder.relative_to(REPO)})"))
    if "held" in which:
        scores.append(heldout())
    print(table(scores))
    if a.misses:
        for s in scores:
            for m in s.misses:
                print(s.name.split(" ")[0], m["article"], "key", {f: m["key"].get(f) for f in FIELDS}, "got", m["got"])
    if a.json:
        a.json.write_text(json.dumps([s.summary() for s in scores], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
