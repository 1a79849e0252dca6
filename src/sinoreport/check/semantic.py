"""Data that contradicts its quote or its article does not pass.

For every row whose article's raw text is at hand, read the number where the quote sits, with the same
word tables and period rules ingest proposes rows with, and hold the row to it:
- value: exactly a number the quote writes (3800億 is 380000000000, not 3.8e11 ± a float error);
- unit: the quote's currency, percent or measure word, and a unit the metric's family takes;
- entity: named in the article (by a name, alias, product or parent company), in the quote's paragraph;
- period: its years (and quarter or half) derivable from the article's date and the words before the quote;
- kind: a forecast, target or estimate word before the number is not an `actual`, and a forecast or
  target needs such a word (or a period that has not begun);
- sign: a fall (跌, 下滑, 虧損, a minus) is negative on a signed metric, and nothing else is.

A row is exempt from a rule only by naming it in `waive` and saying why in its `note`. Problems of one
row are listed root cause first: a value not in the quote is reported before what that value implies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from sinoreport.corpus import Corpus, Row
from sinoreport.ingest.digest import RawArticle, clean_paragraphs
from sinoreport.ingest.periods import Context, PeriodCue, ends_after, find_cues, resolve, years_of
from sinoreport.ingest.reading import Reading, script_forms
from sinoreport.ingest.text import Sentence, sentences
from sinoreport.load import Location, Problem
from sinoreport.model import Article, Kind
from sinoreport.numbers import Number, exact, find_numbers
from sinoreport.units import Units

RULES = ("value", "unit", "entity", "period", "kind", "sign")
_GENERIC_COUNTS = {"items", "units", "people"}
_STRONG = "，,:：;；()（）"


@dataclass(frozen=True)
class Where:
    """Where a quote sits: its paragraph, the sentence around it, and the quoted number in that sentence."""

    paragraph: str
    before: str  # the paragraph up to the end of the quote's sentence
    sentence: Sentence
    at: int  # the quote's start in the sentence


# Pure functions of the text, asked again for every row of an article (and on every rebuild in serve):
# their results are kept by text.
@lru_cache(maxsize=1 << 12)
def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(clean_paragraphs(text))


@lru_cache(maxsize=1 << 14)
def _sentences(para: str) -> tuple[Sentence, ...]:
    return tuple(sentences(para))


@lru_cache(maxsize=1 << 14)
def _cues(text: str) -> tuple[PeriodCue, ...]:
    return tuple(find_cues(text))


def locate_quote(ra: RawArticle, quote: str) -> Where | None:
    for para in _paragraphs(ra.text):
        i = para.find(quote)
        if i < 0:
            continue
        for s in _sentences(para):
            if s.start <= i < s.start + len(s.text):
                j = i - s.start
                if quote not in s.text:  # a quote that runs over a sentence end: read it as one
                    s = Sentence(s.start, para[s.start : i + len(quote)])
                return Where(para, para[: s.start + len(s.text)], s, j)
    return None


def _same(a: float, b: float) -> bool:
    return exact(abs(a)) == exact(abs(b))


def quoted_number(quote: str, value: float, units: Units | None = None) -> Number | None:
    """The number of the quote whose value (or numeral, or upper end) is exactly this value (`units`: the
    project's, whose words it reads after a number)."""
    for n in find_numbers(quote, units):
        if any(_same(c, value) for c in n.candidates):
            return n
    return None


def entity_forms(c: Corpus, ident: str) -> set[str]:
    """Every way the text may name what a row is about: its names, its products', its company's."""
    named = []
    if ident in c.companies:
        co = c.companies[ident]
        named += [co, *co.products]
        if co.parent and co.parent in c.companies:
            named.append(c.companies[co.parent])
    elif ident in c.products:
        p, co = c.products[ident]
        named += [p, co]
    elif ident in c.entities:
        named.append(c.entities[ident])
    forms: set[str] = set()
    for x in named:
        for w in (x.name.en, x.name.zh, x.name.zh_hans, x.name.zh_hant, *x.variants, *x.aliases):
            if w and len(w) >= 2:
                forms |= script_forms(w)
    return forms


def _named_in(text: str, forms: set[str]) -> bool:
    low = text.lower()
    for f in forms:
        if f.isascii():
            if re.search(rf"(?<![A-Za-z]){re.escape(f.lower())}(?![A-Za-z])", low):  # TikTok2025年 names TikTok
                return True
        elif f in text:
            return True
    return False


def _clause_start(text: str, pos: int) -> int:
    a = pos
    while a > 0 and text[a - 1] not in _STRONG:
        a -= 1
    return a


@dataclass
class _RowCheck:
    c: Corpus
    reading: Reading
    article: Article
    ra: RawArticle
    r: Row

    def where(self, key: str) -> Location:
        return self.c.where("article", self.article.id, "figures", self.r.index, key)

    def problem(self, rank: int, key: str, what: str, fix: str) -> Problem:
        row_line = self.c.where("article", self.article.id, "figures", self.r.index).line
        return Problem(self.where(key), what, fix, "error", (row_line, rank))


def check_row(rc: _RowCheck) -> Iterator[Problem]:
    row, reading = rc.r.row, rc.reading
    waived = set(row.waive)
    if waived and not (row.note and (row.note.en or row.note.zh)):
        yield rc.problem(0, "waive", f"waives {', '.join(row.waive)} without a note",
                         "say in `note` why the row is right although the check disagrees")
        waived = set()
    where = locate_quote(rc.ra, row.quote)
    if where is None:
        return  # provenance reports quotes that are not in the raw text
    # value: exactly a number the quote writes
    units = rc.c.units
    n = quoted_number(row.quote, row.value, units)
    if n is None:
        if "value" not in waived:
            stated = ", ".join(f"{x.text} = {decimal_text(x.value)}" for x in find_numbers(row.quote, units)) or "none"
            yield rc.problem(1, "value", f"value {decimal_text(row.value)} is not a number the quote writes "
                             f"(it writes: {stated})", "write the quoted number normalized, exactly (億 = 1e8, "
                             "萬 = 1e4, % as a plain number)")
        return  # what the row's other fields say is read off that number: nothing to hold them to
    if row.value_high is not None and "value" not in waived and not any(
            _same(cand, row.value_high) for x in find_numbers(row.quote, units) for cand in x.candidates):
        yield rc.problem(1, "value_high", f"value_high {decimal_text(row.value_high)} is not a number the quote writes",
                         "write the upper end of the quoted range, normalized")
    s = where.sentence
    pos = where.at + n.start  # the number in its sentence
    metric = reading.metrics.get(row.metric)
    if "unit" not in waived:
        yield from _unit(rc, n, metric)
    if "entity" not in waived:
        yield from _entity(rc, where)
    if "period" not in waived:
        yield from _period(rc, where, pos)
    if "kind" not in waived:
        yield from _kind(rc, s, pos, n)
    if "sign" not in waived and metric is not None:
        yield from _sign(rc, s, pos, n, metric)


def _unit(rc: _RowCheck, n: Number, metric) -> Iterator[Problem]:
    row = rc.r.row
    currencies = rc.c.units.currencies
    currency = row.unit.split("/")[0]
    if (n.unit or "").split("/")[0] in currencies:
        if currency != n.unit.split("/")[0]:
            yield rc.problem(2, "unit", f"unit {row.unit} but the quote writes {n.text} ({n.unit})",
                             f"use {n.unit}" + ("/share or /oz as quoted" if "/" in row.unit else ""))
            return
    elif n.unit in ("%", "pp", "x"):
        if row.unit != n.unit:
            yield rc.problem(2, "unit", f"unit {row.unit} but the quote writes {n.text}", f"use {n.unit}")
            return
    elif n.unit and n.unit not in _GENERIC_COUNTS and row.unit != n.unit:
        yield rc.problem(2, "unit", f"unit {row.unit} but the quote counts in {n.measure} ({n.unit})",
                         f"use {n.unit}")
        return
    elif n.unit is None and currency in currencies and not (row.note and (row.note.en or row.note.zh)):
        yield rc.problem(2, "unit", f"the quote names no currency but the row says {row.unit}",
                         "say in `note` why the amount is in " + currency + " (the text, the company's accounts)")
    if metric is not None and metric.family and metric.family in rc.reading.families \
            and not rc.reading.accepts(row.metric, row.unit):
        units = ", ".join(rc.reading.families.get(metric.family, ()))
        yield rc.problem(2, "unit", f"unit {row.unit} is not a unit of {row.metric} ({metric.family}: {units})",
                         "use one of those units, or the metric the number is really about")


def _entity(rc: _RowCheck, where: Where) -> Iterator[Problem]:
    ident = rc.r.row.entity
    forms = entity_forms(rc.c, ident)
    if not forms:
        return  # unknown ids are reported by the reference rules
    if _named_in(where.paragraph, forms) or _named_in(rc.ra.title, forms):
        return
    if _named_in(rc.ra.text, forms):
        yield rc.problem(3, "entity", f"{ident} is named in the article but not near this quote",
                         "check that the figure is about it; if the paragraph names it another way, add that "
                         "name as an alias in data/, or waive entity with a note")
    else:
        yield rc.problem(3, "entity", f"{ident} is not named in the article (by any name, alias, product or parent)",
                         "use the entity the quote is about, or add the name the text uses as an alias in data/")


def _candidates(rc: _RowCheck, where: Where, pos: int) -> set[str]:
    a = rc.article
    date = a.date
    if date is None:
        return set()
    fiscal = None
    ent = rc.r.row.entity
    co = rc.c.companies.get(ent) or (rc.c.products[ent][1] if ent in rc.c.products else None)
    if co is not None:
        fiscal = co.fiscal_year_end
    # the words before the number (and a little after it): the cues of the title and the whole paragraph
    # (read once per paragraph), up to there
    head = rc.ra.title + "。"
    limit = len(head) + len(where.before) - len(where.sentence.text) + pos + 40
    text = head + where.paragraph
    every = _cues(text)
    k = sum(1 for c in every if c.end <= limit)
    out = {date.isoformat(), date.isoformat()[:7], str(date.year)}
    if all(c.end <= limit for c in every[:k]):  # the cues up to the quote are a prefix (nearly always)
        return out | _resolved(text, date, fiscal)[k]
    return out | _resolve_all(tuple(c for c in every if c.end <= limit), date, fiscal)


def _contexts(date: dt.date, fiscal: int | None) -> set[Context]:
    return {Context(date, f, forward) for forward in (False, True) for f in (fiscal, None)}


def _step(cue: PeriodCue, ctx: Context, base: str | None, out: set[str]) -> str | None:
    """Resolve one cue after those before it (`base`: the last period they named); add what it names."""
    p = resolve(cue, ctx, base)
    if not p:
        return base
    out.add(p)
    if cue.kind == "year" and p.isdigit() and int(p) > ctx.date.year:
        out.add(f"{ctx.date.year}–{p}")  # 到2035年…增長10萬倍: from now to then
    return p if cue.kind != "same_last_year" else base


def _resolve_all(cues: tuple[PeriodCue, ...], date: dt.date, fiscal: int | None) -> set[str]:
    out: set[str] = set()
    for ctx in _contexts(date, fiscal):
        base = None
        for cue in cues:
            base = _step(cue, ctx, base, out)
    return out


@lru_cache(maxsize=1 << 12)
def _resolved(text: str, date: dt.date, fiscal: int | None) -> tuple[frozenset[str], ...]:
    """The periods the first k cues of `text` name, for every k: the rows of a paragraph share the
    resolution of its cues instead of each resolving them again (most of the check's time at scale)."""
    cues = _cues(text)
    contexts = sorted(_contexts(date, fiscal), key=repr)
    bases: list[str | None] = [None] * len(contexts)
    out: set[str] = set()
    prefixes = [frozenset()]
    for cue in cues:
        for i, ctx in enumerate(contexts):
            bases[i] = _step(cue, ctx, bases[i], out)
        prefixes.append(frozenset(out))
    return tuple(prefixes)


_QUARTERISH = re.compile(r"(FY)?(\d{4})(Q[1-4]|H[12]|Q1-Q3|9M)$")


def _period(rc: _RowCheck, where: Where, pos: int) -> Iterator[Problem]:
    period = rc.r.row.period
    cands = _candidates(rc, where, pos)
    if not cands:
        return
    span = "–" in period or "/" in period
    # a single year is supported by the words that name it, not by a span that runs through it
    supported = set().union(*(years_of(p) for p in cands if span or not ("–" in p or "/" in p)))
    supported |= {int(p[:4]) for p in cands if ("–" in p or "/" in p) and p[:4].isdigit()}
    years = years_of(period)
    if years and not years <= supported:
        missing = ", ".join(str(y) for y in sorted(years - supported))
        yield rc.problem(4, "period", f"period {period}: the text gives no {missing} for this figure (the article is "
                         f"dated {rc.article.date}; periods the words before the quote give: "
                         f"{', '.join(sorted(cands - {str(rc.article.date)})) or 'none'})",
                         "use the period the text states, or waive period with a note saying where it comes from")
        return
    m = _QUARTERISH.match(period)
    if m:
        same = {p for p in cands if _QUARTERISH.match(p) and _QUARTERISH.match(p).group(3) == m.group(3)
                and (_QUARTERISH.match(p).group(1) or "") == (m.group(1) or "")}
        if not same:
            yield rc.problem(4, "period", f"period {period}: no words before the quote name that "
                             f"{'half' if m.group(3).startswith('H') else 'quarter'}",
                             "use the period the text states, or waive period with a note saying where it comes from")


def _kind(rc: _RowCheck, s: Sentence, pos: int, n: Number) -> Iterator[Problem]:
    row = rc.r.row
    cue = rc.reading.kind_cue(s.text, pos)
    if row.kind == Kind.actual and cue is not None:
        word = s.text[cue[1]:cue[2]]
        yield rc.problem(5, "kind", f"kind actual, but 「{word}」 before the number makes it a {cue[0]}",
                         f"set kind: {cue[0]}, or waive kind with a note if the word is about something else")
    elif row.kind == Kind.actual and rc.article.date is not None and ends_after(row.period, rc.article.date):
        yield rc.problem(5, "kind", f"kind actual for {row.period}, which runs past the article's date "
                         f"({rc.article.date})", "an actual figure is for a period that has been: set kind: "
                         "forecast or target (or the period the figure is for)")
    elif row.kind in (Kind.forecast, Kind.target) and cue is None and rc.article.date is not None \
            and not ends_after(row.period, rc.article.date):
        yield rc.problem(5, "kind", f"kind {row.kind} but no forecast or target word comes before the number, and "
                         f"{row.period} is over or under way",
                         "set kind: actual (or estimate), or waive kind with a note")


def _sign(rc: _RowCheck, s: Sentence, pos: int, n: Number, metric) -> Iterator[Problem]:
    row = rc.r.row
    a = _clause_start(s.text, pos)
    # 降至50% names the level it fell to: a word before 至/到 is no sign
    dirs = [d for d in rc.reading.directions.find(s.text)
            if a <= d[0] and d[1] <= pos and s.text[d[1]:d[1] + 1] not in "至到"]
    down = bool(dirs) and dirs[-1][2] == "down"
    minus = n.value < 0
    if not metric.signed:
        if row.value < 0 and metric.family:  # a metric described for reading, and not as a change
            yield rc.problem(6, "value", f"{row.metric} is not a change or a profit, so it cannot be negative "
                             f"({decimal_text(row.value)})", "write the amount as a positive number")
        return
    if row.value > 0 and (down or minus):
        word = s.text[dirs[-1][0]:dirs[-1][1]] if down else "-"
        yield rc.problem(6, "value", f"the quote says it fell (「{word}」) but the value is positive",
                         f"write {decimal_text(-row.value)}")
    elif row.value < 0 and not (down or minus):
        yield rc.problem(6, "value", "the value is negative but the quote names no fall (跌, 下滑, 虧損 or a minus)",
                         f"write {decimal_text(-row.value)}, or waive sign with a note")


def check_semantics(c: Corpus, reading: Reading, raw_article, memo: dict | None = None,
                    data_key: str = "") -> Iterator[Problem]:
    """Every row of every article whose raw text `raw_article(article)` finds.

    `memo` (a long-lived process: serve): an article's problems are a function of the article, its raw
    text and data/ (names, metrics, reading words); when the corpus hands back the same Article object
    (its file did not change), the same raw article and `data_key` (a fingerprint of data/), they are
    reused. Most of a rebuild's checking time at scale is this check."""
    for a in c.articles.values():
        ra = raw_article(a)
        if ra is None:
            continue
        hit = memo.get(a.id) if memo is not None else None
        if hit is not None and hit[0] is a and hit[1] is ra and hit[2] == data_key:
            yield from hit[3]
            continue
        found = [p for r in c.rows_for(article=a.id) if r.row.quote in ra.raw_text
                 for p in check_row(_RowCheck(c, reading, a, ra, r))]
        if memo is not None:
            memo[a.id] = (a, ra, data_key, found)
        yield from found


def decimal_text(v: float) -> str:
    return f"{Decimal(repr(v)).normalize():f}"
