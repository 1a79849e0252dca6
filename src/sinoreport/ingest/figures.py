"""Propose a data row for every material figure of an article, each field reasoned from the text.

For each number (numbers.py reads it exactly: 萬/億/兆, ranges, qualifiers, measure words):
- entity: the nearest mention governing its clause (not what it is compared with, not the source of a
  statistic); several when the clause lists them (阿里、百度跌超3%); else the paragraph's topic;
- metric: the nearest cue word of a metric in data/metrics.yaml whose unit family takes the number,
  with modifiers (年增, 環比, 佔比…) choosing its variant; `tbd` with the candidates when none fits;
- period: the nearest period words before it, resolved against the article's date (periods.py);
- kind: the nearest kind cue before it (預計 → forecast, 目標 → target, 市場預期 → estimate), or a period
  that has not begun; else actual;
- unit: as written; a currency only when written (else assumed from the article or the company, said
  in a note); a count's unit from its measure word or the metric's family;
- sign: negative where a signed metric (a change, a profit) is preceded by a word for a fall.

Dates, ordinals, section marks, list numbers and names with digits (Gemini 3, H20) are not figures.
Every guess is said in the row's `why` so the person curating sees what to check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sinoreport.corpus import Corpus
from sinoreport.ingest.mentions import Mention, Target
from sinoreport.ingest.periods import CLAUSE_ONLY, NOT_CARRIED, Context, ends_after, find_cues, future, resolve
from sinoreport.ingest.reading import Reading
from sinoreport.ingest.text import Sentence, quote_window, sentences
from sinoreport.model import MAX_QUOTE
from sinoreport.numbers import Number, find_numbers_zh

_LIST_JOIN = re.compile(r"^[\s、，,和與与及跟以及]*$")
_TICKER = re.compile(r"[(（][A-Za-z0-9.]{1,12}[)）]")
_OBJECT_GAP = re.compile(r"^(?:的)?$")
_OBJECT_AFTER = re.compile(r"^(?:的)?(?:股票|股份|股權|股权|港股|美股|A股|ADR)")
_REFERENCE_VERB = re.compile(r"(?:達|达|為|为|是|相當於|相当于|僅為|仅为|只有|約為|约为)\s*$")
_SOURCE_AFTER = re.compile(r"^(?:的)?(?:最新|最近|近日)?(?:的)?(?:數據|数据|資料|资料|統計|统计|報告|报告|預測|预测"
                           r"|預計|预计|估計|估计|指出|表示|認為|认为|顯示|显示|分析|調查|调查|研究)")
_YARDSTICK = re.compile(r"^[\u4e00-\u9fff]{0,4}的(?:約|约|近|逾|超過|超过)?$")
_SCOPE_AFTER = re.compile(r"^(?:中|裡|里|之中|當中|当中)")
_SOURCE_TYPES = {"research", "fund-manager", "regulator"}
_KEEP_PRODUCT = {"business", "subsidiary", "service", "platform"}  # segments: their figures are not the group's
_LOSS = {"虧損", "亏损", "虧", "亏", "淨虧損", "净亏损"}
_RANKED = re.compile(r"(?:排名|排行|位居|位列|名列|排在|位於|位于)\s*$")
_GENERIC_COUNTS = ("items", "people")  # 個, 人: the metric may know better (models, patents, users)


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
    value_high: float | None = None
    note_en: str = ""
    note_zh: str = ""
    why: tuple[str, ...] = ()
    number: str = ""  # the number as written


@dataclass
class _Topic:
    """What a paragraph is about so far: carried to sentences that name no entity or period."""

    entity: list[Target] = field(default_factory=list)
    period: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class ArticleContext:
    date: dt.date
    corpus: Corpus
    reading: Reading
    title_targets: tuple[Target, ...] = ()
    default_currency: str | None = None  # the currency the article states most


def material(n: Number, sentence: str, names: list[tuple[int, int]]) -> bool:
    """Is this number a figure (not a date, ordinal, list mark, section mark or part of a name)?"""
    if n.start > 0 and sentence[n.start - 1] in "第":
        return bool(_RANKED.search(sentence[: n.start - 1]))  # 排名第3 is a rank; 第3 alone an ordinal
    if n.bare:
        return False
    if any(a <= n.start < b for a, b in names):
        return False
    return not (n.unit == "points" and n.value < 100 and re.search(r"[上下晚早]午?\s*$", sentence[: n.start]))


def _clause(s: Sentence, pos: int) -> tuple[int, int]:
    return s.clause(pos, strong=True)


def _governing(mentions: list[Mention], s: Sentence, n: Number, reading: Reading) -> list[Mention]:
    """The mentions a number is about: nearest before it in its clause (with the list it ends), else in
    its sentence; never what it is compared with, and a statistic's source only when nothing else is."""
    text = s.text
    a, b = _clause(s, n.start)
    # 1630萬美元的阿里巴巴股票: the number measures what it is written before
    after = [m for m in mentions if n.end <= m.start < b and _OBJECT_GAP.match(text[n.end:m.start])]
    if after and _OBJECT_AFTER.match(text[after[0].end:]):
        return [after[0]]
    usable = []
    for m in mentions:
        if m.end > n.start:
            continue
        if reading.comparisons and _compared(text, m, reading):
            continue
        if text.rfind("《", 0, m.start) > text.rfind("》", 0, m.start):
            continue
        if _YARDSTICK.match(text[m.end:n.start]) and _REFERENCE_VERB.search(text[max(0, m.start - 4):m.start]):
            continue  # 算力達輝達H100的80%, 可達H20叢集的兩倍: the yardstick, not what is measured
        if text[max(0, m.start - 1):m.start] == "在" and _SCOPE_AFTER.match(text[m.end:]):
            continue  # 在本土廠商中排名第一: the field it is ranked in
        usable.append(m)
    if not usable:
        return []
    in_clause = [m for m in usable if m.start >= a]
    pool = in_clause or usable
    # a research firm or fund manager followed by 數據/預計/指出… is where the figure comes from
    sources = [m for m in pool if m.target.company_type in _SOURCE_TYPES and _SOURCE_AFTER.match(text[m.end:])]
    if len(sources) < len(pool):
        pool = [m for m in pool if m not in sources]
    elif pool is in_clause and len(usable) > len(in_clause):
        rest = [m for m in usable if m.start < a and m not in sources]
        pool = rest or pool
    nearest = pool[-1]
    out = [nearest]
    # 阿里、百度跌超3%: the list the nearest mention ends (a ticker in brackets may follow each name)
    for m in reversed(pool[:-1]):
        gap = _TICKER.sub("", text[m.end : out[-1].start])
        if m.id == out[-1].id and not gap.strip():
            out[-1] = m
        elif _LIST_JOIN.match(gap):
            out.append(m)
        else:
            break
    seen: dict[str, Mention] = {}
    for m in reversed(out):
        seen.setdefault(m.id, m)
    return list(seen.values())


def _compared(text: str, m: Mention, reading: Reading) -> bool:
    """Is the mention what something is compared with (較進口H20, 比輝達)? Up to two words may sit between."""
    before = text[max(0, m.start - 6) : m.start]
    return any(len(before) - hit.end() <= 2 for hit in reading.comparisons.finditer(before))


def _unit_family(reading: Reading, n: Number) -> set[str]:
    return reading.family_of_unit(n.unit)


def _choose_metric(s: Sentence, n: Number, reading: Reading, cue_hits: list[tuple[int, int, tuple[str, ...]]],
                   modifiers: list[tuple[int, int, str]], directions: list[tuple[int, int, str]]
                   ) -> tuple[str, list[str], str, int | None]:
    """(metric id or "tbd", candidates, why, where its word starts in the sentence)."""
    a, b = _clause(s, n.start)
    before = [h for h in cue_hits if a <= h[0] and h[1] <= n.start]
    after = [h for h in cue_hits if n.end <= h[0] and h[1] <= b]
    earlier = [h for h in cue_hits if h[1] <= a]
    # 淨利潤為209億元: a financial term the project has no metric for names this number; nothing is borrowed
    others = [o for o in reading.other_metrics.find(s.text) if o[1] <= n.start]
    named_before = [h for h in cue_hits if h[1] <= n.start]
    if others and (not named_before or others[-1][0] > named_before[-1][0]) and (
            others[-1][0] >= a or not before):
        at = others[-1][0]
        word = s.text[at:others[-1][1]]
        return "tbd", [], f"metric: 「{word}」 has no metric in data/metrics.yaml (add one with that cue)", at
    if n.unit == "pp":
        earlier = []  # a change in percentage points: only a metric named in its own clause
    # the nearest word first, but a one-character cue (漲, 跌) after a longer one (一度上漲, 股價)
    before = sorted(before, key=lambda h: (h[1] - h[0] > 1, h[1]))
    ordered = [*reversed(before), *after, *reversed(earlier)]
    local_mods = [m for m in modifiers if a <= m[0] and m[1] <= n.start]
    specific = [m for m in local_mods if m[2] != "growth"]
    modifier = (specific or local_mods or [None])[-1]
    falls_or_rises = any(a <= d[0] and d[1] <= n.start for d in directions)
    seen: list[str] = []
    for start, end, base in ((a_, b_, lab) for a_, b_, labs in ordered for lab in labs):
        word = s.text[start:end]
        if base in seen:
            continue
        seen.append(base)
        options = []
        if modifier is not None:
            v = reading.variant(base, modifier[2])
            if v is None and modifier[2] == "yoy":
                v = reading.variant(base, "growth")  # a growth metric without a base is year on year
            if v:
                options.append((v, f"{word} + {s.text[modifier[0]:modifier[1]]}"))
        if n.unit in ("%", "pp") and falls_or_rises and not options:
            v = reading.variant(base, "growth")
            if v:
                options.append((v, f"{word} + a rise or fall"))
        options.append((base, word))
        for mid, said in options:
            if reading.accepts(mid, n.unit) and (n.unit is not None or _bare_fits(reading, mid, n)):
                return mid, [], f"metric {mid} from 「{said}」", start
    sole = _sole_metric(reading, n.unit)
    if sole and not seen:
        return sole, [], f"metric {sole}: the one metric measured in {n.unit}", None
    candidates = seen + [v for base in seen for (b2, _), v in reading.variants.items() if b2 == base]
    return "tbd", list(dict.fromkeys(candidates)), "metric: no metric of data/metrics.yaml fits", None


def _sole_metric(reading: Reading, unit: str | None) -> str | None:
    """points → index-level: where only one family takes the unit and one metric has that family."""
    fams = reading.family_of_unit(unit)
    if len(fams) != 1:
        return None
    (fam,) = fams
    ms = [m.id for m in reading.metrics.values() if m.family == fam and not m.variant_of]
    return ms[0] if len(ms) == 1 else None


def _bare_fits(reading: Reading, metric: str, n: Number) -> bool:
    """A number written without a unit (14.1億): fits a metric of any family but percent and ratios."""
    m = reading.metrics.get(metric)
    return m is None or m.family not in ("percent", "multiple", "rank", "index")


def _period(s: Sentence, n: Number, ctx: Context, topic: _Topic, metric: str, reading: Reading,
            article_date: dt.date) -> tuple[str, str]:
    a, _ = _clause(s, n.start)
    cues = [c for c in find_cues(s.text) if c.end <= n.start and (c.kind not in CLAUSE_ONLY or c.start >= a)]
    m = reading.metrics.get(metric)
    base = topic.period if m is None or m.period != "date" else None
    for c in reversed(cues):
        if c.kind == "same_last_year":
            earlier = [x for x in cues if x.start < c.start and x.kind != "same_last_year"]
            ref = resolve(earlier[-1], ctx) if earlier else base
            p = resolve(c, ctx, ref)
            if p:
                return p, f"period {p} from 「{s.text[c.start:c.end]}」 (a year before {ref})"
        else:
            p = resolve(c, ctx, base)
        if p:
            carry = "" if c.kind in NOT_CARRIED else " "
            return p, f"period {p} from 「{s.text[c.start:c.end]}」{carry}"
    if base:
        return base, f"period {base} carried from the paragraph"
    if m is not None and m.period == "date":
        return article_date.isoformat(), "period: the article's date (a figure of the day)"
    return str(article_date.year), "period: no period words; the article's year — verify"


def _kind(s: Sentence, n: Number, reading: Reading, period: str, date: dt.date) -> tuple[str, str]:
    """The kind cue that governs the number (Reading.kind_cue); else forecast for a period that has not
    begun; else actual."""
    cue = reading.kind_cue(s.text, n.start)
    if cue is not None:
        return cue[0], f"kind {cue[0]} from 「{s.text[cue[1]:cue[2]]}」"
    if reading.target_after(s.text, n.end):
        return "target", "kind target: 「目標」 after the number"
    if future(period, date) or ends_after(period, date):
        return "forecast", f"kind forecast: {period} runs past the article's date"
    return "actual", ""


_RESPECTIVELY = re.compile(r"分別|分别|依次")


def _respectively(s: Sentence, numbers: list[Number], mentions: list[Mention], reading: Reading,
                  actx: ArticleContext) -> dict[int, tuple[Mention | None, str | None]]:
    """阿里和百度的資本開支環比增速分別達到57%和30%: the k-th number goes with the k-th name or period
    of the list before 分別 (only when the counts agree)."""
    marks = list(_RESPECTIVELY.finditer(s.text))
    if not marks:
        return {}
    out: dict[int, tuple[Mention | None, str | None]] = {}
    first = marks[0]
    cues = [c for c in find_cues(s.text) if c.end <= first.start()]
    periods = _listed_periods(s, cues, actx)
    for k, m in enumerate(marks):  # each 分別 takes the numbers up to the next one
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(s.text)
        group = [i for i, n in enumerate(numbers) if m.end() <= n.start < stop]
        if len(group) < 2:
            continue
        listed = _governing(mentions, s, numbers[group[0]], reading)
        names = listed if len(listed) == len(group) else []
        per = periods if len(periods) == len(group) else []
        for j, i in enumerate(group):
            out[i] = (names[j] if names else None, per[j] if per else None)
    return out


def _listed_periods(s: Sentence, cues, actx: ArticleContext) -> list[str]:
    """The run of period words that ends the part of a sentence before 分別 (2022年、2023年及2024年)."""
    periods: list[tuple] = []
    for c in cues:
        if periods and not re.fullmatch(r"[\s、，,和與与及以及至到截]*", s.text[periods[-1][0].end:c.start]):
            periods = []
        periods.append((c, resolve(c, Context(actx.date))))
    return [p for _, p in periods if p]


def _signed(n: Number, s: Sentence, reading: Reading, metric: str,
            directions: list[tuple[int, int, str]], entity_end: int) -> tuple[float, float | None, str]:
    m = reading.metrics.get(metric)
    a, _ = _clause(s, n.start)
    # 降至50% names the level it fell to, not a fall of 50%: a word before 至/到 says no sign
    near = [d for d in directions
            if max(a, entity_end) <= d[0] and d[1] <= n.start and s.text[d[1]:d[1] + 1] not in "至到"]
    if n.value < 0:
        return n.value, n.high, ""
    if m is None:
        # no metric yet: only a loss (虧損) or a % change with a word for a fall says the sign
        loss = near and near[-1][2] == "down" and (
            s.text[near[-1][0]:near[-1][1]] in _LOSS or n.unit in ("%", "pp"))
        if not loss:
            return n.value, n.high, ""
    elif not m.signed:
        return n.value, n.high, ""
    if near and near[-1][2] == "down":
        word = s.text[near[-1][0]:near[-1][1]]
        hi = -n.high if n.high is not None else None
        return -n.value, hi, f"negative: 「{word}」"
    return n.value, n.high, ""


def _unit(n: Number, metric: str, reading: Reading, topic: _Topic, target: Target | None,
          actx: ArticleContext) -> tuple[str, str, str, str]:
    """(unit, note_en, note_zh, why)."""
    fam = reading.metrics.get(metric)
    if n.unit:
        if fam is not None and fam.unit and fam.unit != n.unit and n.unit in _GENERIC_COUNTS \
                and reading.accepts(metric, fam.unit):
            return fam.unit, "", "", f"unit {fam.unit} (the metric's; written {n.measure})"
        if fam is not None and fam.family == "users" and n.unit == "people":
            return "users", "", "", "unit users (人)"
        if n.unit in reading.units.currencies and target is not None and fam is not None and fam.family == "price":
            quoted = target.price_unit or (
                f"{n.unit}/share" if target.kind == "company" or target.entity_type in ("fund", "security") else "")
            if quoted and quoted.split("/")[0] == n.unit and reading.accepts(metric, quoted):
                return quoted, "", "", f"unit {quoted} (how {target.id} is quoted)"
        return n.unit, "", "", ""
    if fam is not None and fam.unit:
        return fam.unit, "", "", f"unit {fam.unit} (the metric's)"
    default = reading.default_unit(metric) if metric != "tbd" else None
    if default in reading.units.currencies or (metric == "tbd" and n.multiplier):
        company = actx.corpus.companies.get(target.company) if target and target.company else None
        for cur, source_en, source_zh in (
            (company.currency if company else None, f"{company.name.en if company else ''}'s reporting currency",
             "該公司的報告幣別"),
            (topic.currency, "the currency of the amounts around it", "上下文其他金額的幣別"),
            (actx.default_currency, "the currency the article uses", "全文所用幣別"),
        ):
            if cur:
                return (cur, f"Currency not stated in the text; {cur} assumed from {source_en} — verify.",
                        f"原文未註明幣別，依{source_zh}暫定{cur}，請核對。", f"unit {cur} assumed")
        if metric == "tbd":
            return "tbd", "", "", "unit: not stated"
        return (default or "tbd", "Currency not stated in the text; verify.", "原文未註明幣別，請核對。",
                "unit: currency not stated")
    if default:
        return default, "", "", f"unit {default} (the metric's)"
    return "tbd", "", "", "unit: not stated"


def _segment(s: Sentence, n: Number, reading: Reading, metric: str, targets: list[Target]) -> str | None:
    """汽車業務收入為283億元: the word that makes a company's group-level figure a segment's, if any."""
    m = reading.metrics.get(metric)
    if m is None or m.scope != "company" or not targets or targets[0].kind != "company":
        return None
    a, _ = _clause(s, n.start)
    start = max(a, s.text.rfind("，", 0, n.start) + 1, s.text.rfind(",", 0, n.start) + 1)
    hits = [h for h in reading.segments.find(s.text) if start <= h[0] and h[1] <= n.start]
    return s.text[hits[-1][0]:hits[-1][1]] if hits else None


def _resolve_target(t: Target, metric: str, reading: Reading) -> Target:
    m = reading.metrics.get(metric)
    if m is not None and m.scope == "company" and t.kind == "product" and t.product_kind not in _KEEP_PRODUCT:
        return Target(t.company, "company", t.company)
    return t


def propose(paragraphs: list[str], mentions_of, actx: ArticleContext, names_with_digits) -> list[Proposal]:
    """Rows for every material figure of an article's paragraphs.

    `mentions_of(text)` gives the mentions (known and proposed organizations) of a sentence;
    `names_with_digits(text)` the spans of names that contain digits (S&P 500, Gemini 3)."""
    reading = actx.reading
    currencies = reading.units.currencies
    out: list[Proposal] = []
    seen: set[tuple[str, str, float, str]] = set()
    period: str | None = None  # sections (01, 02 …) continue the article: its period carries into them
    for para in paragraphs:
        topic = _Topic(entity=list(actx.title_targets[:1]), period=period)
        for s in sentences(para):
            mentions = mentions_of(s.text)
            cue_hits = reading.metric_cues.find_all(s.text)
            mods = reading.modifiers.find(s.text)
            dirs = reading.directions.find(s.text)
            names = names_with_digits(s.text)
            stated = [n.unit for n in find_numbers_zh(s.text, reading.units) if n.unit in currencies]
            if stated:
                topic.currency = stated[0]
            sentence_period: str | None = None
            numbers = [n for n in find_numbers_zh(s.text, reading.units) if material(n, s.text, names)]
            respective = _respectively(s, numbers, mentions, reading, actx)
            for i, n in enumerate(numbers):
                governing = _governing(mentions, s, n, reading)
                if i in respective and respective[i][0] is not None:
                    governing = [respective[i][0]]
                targets = [m.target for m in governing] or topic.entity
                metric, candidates, why_metric, cue_at = _choose_metric(s, n, reading, cue_hits, mods, dirs)
                segment = _segment(s, n, reading, metric, targets)
                if segment:
                    metric, candidates = "tbd", [metric]
                    why_metric = f"metric: a segment's figure (「{segment}」), not the group's {candidates[0]}"
                targets = [_resolve_target(t, metric, reading) for t in targets] or [Target("tbd", "entity", "")]
                first = targets[0]
                fiscal = None
                if first.company and first.company in actx.corpus.companies:
                    fiscal = actx.corpus.companies[first.company].fiscal_year_end
                cue = reading.kind_cue(s.text, n.start)
                provisional = cue[0] if cue else "actual"
                ctx = Context(actx.date, fiscal, forward=provisional in ("forecast", "target"))
                period, why_period = _period(s, n, ctx, topic, metric, reading, actx.date)
                if i in respective and respective[i][1] is not None:
                    period, why_period = respective[i][1], f"period {respective[i][1]} (分別: in the order listed)"
                kind, why_kind = _kind(s, n, reading, period, actx.date)
                unit, note_en, note_zh, why_unit = _unit(n, metric, reading, topic, first, actx)
                if n.unit in currencies:
                    topic.currency = n.unit
                ent_end = governing[-1].end if governing else 0
                value, high, why_sign = _signed(n, s, reading, metric, dirs, ent_end)
                starts = [x for x in (governing[0].start if governing else None, cue_at) if x is not None]
                keep = (min(starts), n.start) if starts else None
                quote = quote_window(s.text, n.start, n.end, MAX_QUOTE, keep)
                if n.text not in quote:
                    continue
                who = "entity " + (", ".join(t.id for t in targets) + (
                    " (named before it)" if governing else " (the paragraph's subject)"))
                why = tuple(w for w in (who, why_metric, why_period, why_kind, why_unit, why_sign) if w)
                if candidates:
                    why = (*why, "candidates: " + ", ".join(candidates))
                for t in targets:
                    key = (t.id, quote, value, metric)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Proposal(t.id, metric, period, value, unit, kind, n.qualifier, quote, high,
                                        note_en, note_zh, why, n.text))
                if governing:
                    topic.entity = targets
                if why_period.endswith("」 "):
                    sentence_period = period  # explicit period words carry to the paragraph's next sentences
            if sentence_period:
                topic.period = sentence_period
        # a results quarter (2025Q3, FY2026Q3, 2025H1) carries into the next section; a year does not
        period = topic.period if topic.period and re.search(r"Q[1-4]$|H[12]$|Q1-Q3$", topic.period) else None
    return out
