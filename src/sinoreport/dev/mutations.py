"""The mutation battery: does `check` catch data that contradicts its quote or article?

    python -m sinoreport.dev.mutations [PROJECT]

Every curated row whose raw text is at hand is changed one field at a time, each change one the quote or
the article contradicts: the unit (another currency, % for percentage points, a unit outside the
metric's family), the sign, the entity (a company the article never names), the period (a year the
article never mentions), the kind (actual where a forecast word stands, forecast where none does), the
magnitude (ten times the value). A mutation is caught when the semantic rules report a problem on the
row. Fields a row waives (with a note) are not mutated: the author has said why the check is wrong there.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sinoreport.check.raw import RawIndex, remembered
from sinoreport.check.semantic import _named_in, _RowCheck, check_row, entity_forms, quoted_number
from sinoreport.config import Settings, load_settings
from sinoreport.corpus import Corpus, Row, load_corpus
from sinoreport.ingest.periods import Context, ends_after, find_cues, future, resolve, years_of
from sinoreport.ingest.reading import reading_for
from sinoreport.model import DataRow, Kind, Status

KINDS = ("unit", "sign", "entity", "period", "kind", "magnitude")
_SHOWN = ("entity", "period", "value", "unit", "kind")
_OTHER_CURRENCY = {"CNY": "USD", "USD": "CNY", "HKD": "USD"}


@dataclass
class Battery:
    tried: Counter = field(default_factory=Counter)
    caught: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)

    def rate(self, kind: str | None = None) -> float:
        t = self.tried[kind] if kind else sum(self.tried.values())
        c = self.caught[kind] if kind else sum(self.caught.values())
        return c / t if t else 1.0

    def table(self) -> str:
        rows = ["| mutation | tried | caught | rate |", "|---|---:|---:|---:|"]
        for k in KINDS:
            rows.append(f"| {k} | {self.tried[k]} | {self.caught[k]} | {self.rate(k):.0%} |")
        rows.append(f"| **all** | {sum(self.tried.values())} | {sum(self.caught.values())} | {self.rate():.0%} |")
        return "\n".join(rows)


def _years_in(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)(20\d{2})(?!\d)", text)}


def _relative_years(article, raw_text: str) -> set[int]:
    """Years the article names in words (去年, 明年, 未來三年 …), read as the check reads them."""
    if article.date is None:
        return set()
    out: set[int] = set()
    for cue in find_cues(raw_text):
        p = resolve(cue, Context(article.date))
        if p:
            out |= years_of(p)
    return out


def _has_kind_cue(raw_text: str, quote: str, n, reading) -> bool:
    i = raw_text.find(quote)
    if i < 0:
        return False
    start = max(raw_text.rfind(ch, 0, i) for ch in "。！？!?") + 1
    sentence = raw_text[start : i + len(quote)]
    return reading.kind_cue(sentence, i - start + n.start) is not None


def mutations(c: Corpus, r: Row, raw_text: str, reading) -> list[tuple[str, DataRow]]:
    """The contradicting changes of one row (fewer where a change would not contradict anything)."""
    row = r.row
    out: list[tuple[str, DataRow]] = []
    waived = set(row.waive)
    n = quoted_number(row.quote, row.value, c.units)
    if n is None:
        return out
    if "unit" not in waived:
        cur = row.unit.split("/")[0]
        if cur in _OTHER_CURRENCY and (n.unit or "").split("/")[0] == cur:
            new = _OTHER_CURRENCY[cur] + row.unit[len(cur):]
        elif row.unit == "%":
            new = "pp"
        elif row.unit in ("pp", "x"):
            new = "%"
        else:
            metric = reading.metrics.get(row.metric)
            fam = set(reading.families.get(metric.family, ())) if metric and metric.family else set()
            new = next(u for u in ("tonnes", "MW", "grams") if u not in fam and u != row.unit)
        out.append(("unit", row.model_copy(update={"unit": new})))
    if "sign" not in waived and row.value != 0:
        out.append(("sign", row.model_copy(update={"value": -row.value, "value_high": None})))
    if "entity" not in waived:
        for cid in sorted(c.companies):
            forms = entity_forms(c, cid)
            if cid != row.entity and forms and not _named_in(raw_text, forms):
                out.append(("entity", row.model_copy(update={"entity": cid})))
                break
    if "period" not in waived:
        mentioned = _years_in(raw_text) | _relative_years(c.articles[r.article], raw_text)
        years = _years_in(row.period)
        for shift in (-1, 1, -2, 2, -3, 3, -5, 5):
            if years and all(y + shift not in mentioned for y in years):
                new = re.sub(r"(?<!\d)(20\d{2})(?!\d)", lambda m, s=shift: str(int(m.group(1)) + s), row.period)
                out.append(("period", row.model_copy(update={"period": new})))
                break
    if "kind" not in waived:
        article = c.articles[r.article]
        past = article.date is not None and not future(row.period, article.date)
        if row.kind == Kind.actual and past:
            out.append(("kind", row.model_copy(update={"kind": Kind.forecast})))
        elif row.kind != Kind.actual and (_has_kind_cue(raw_text, row.quote, n, reading)
                                          or (article.date is not None and ends_after(row.period, article.date))):
            out.append(("kind", row.model_copy(update={"kind": Kind.actual})))
        elif row.kind == Kind.estimate and past:
            out.append(("kind", row.model_copy(update={"kind": Kind.forecast})))
    if "value" not in waived:
        out.append(("magnitude", row.model_copy(update={
            "value": row.value * 10, "value_high": row.value_high * 10 if row.value_high is not None else None})))
    return out


def run_battery(settings: Settings, corpus: Corpus | None = None) -> Battery:
    c = corpus or load_corpus(settings)
    raw = RawIndex(settings.raw_dirs, remembered(settings.root))
    reading = reading_for(c, settings.data_dir)
    b = Battery()
    for a in c.articles.values():
        if a.status != Status.curated:
            continue
        ra = raw.article(a)
        if ra is None:
            continue
        for r in c.rows_for(article=a.id):
            if r.row.quote not in ra.raw_text or list(check_row(_RowCheck(c, reading, a, ra, r))):
                continue  # a row the check already objects to says nothing about mutations
            for kind, mutated in mutations(c, r, ra.raw_text, reading):
                b.tried[kind] += 1
                found = list(check_row(_RowCheck(c, reading, a, ra, Row(mutated, r.article, r.index))))
                if found:
                    b.caught[kind] += 1
                else:
                    changed = ", ".join(f"{k}={getattr(mutated, k)}" for k in _SHOWN)
                    b.missed.append(f"{kind}: {a.id} row {r.index} ({r.row.entity} {r.row.metric} "
                                    f"{r.row.period} {r.row.value:g} {r.row.unit}) → {changed}")
    return b


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    settings = load_settings(Path(args[0]) if args else None)
    b = run_battery(settings)
    print(b.table())
    for m in b.missed:
        print("missed", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
