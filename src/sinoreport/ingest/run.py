"""`sinoreport ingest`: raw digests → one draft YAML per article in content/articles/, plus draft
companies (data/companies/<id>.yaml) and tags (data/tags.yaml) for what data/ does not know yet.

Guarantees
- Idempotent: the same input gives the same bytes; an unchanged article is never rewritten.
- Never loses curation: an existing file is never modified. If an article's source text changed
  (same digest and headline, different sha256) the new draft is written beside it as
  `<id>.incoming` and reported, for a person to merge.
- Deleting is remembered: content/ingested.yaml lists what ingest wrote, by source; an article, company
  or tag deleted since is not written again (remove its entry there to get it back).
- Where each digest was read from is remembered in .sinoreport/sources.yaml (git-ignored), so `check`
  can verify quotes against it wherever it lives.
- Bad input (binary, undecodable, malformed digest) is reported with the file name and line; the
  other files are still ingested; the exit code says something failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.progress import Progress

from sinoreport.config import Settings
from sinoreport.corpus import Corpus, load_corpus
from sinoreport.ingest.digest import (
    Digest,
    DigestError,
    RawArticle,
    clean_paragraphs,
    detect_script,
    read_digest,
)
from sinoreport.ingest.figures import ArticleContext, Proposal, propose
from sinoreport.ingest.mentions import Mention, Mentions, Target
from sinoreport.ingest.orgs import find_orgs, org_id
from sinoreport.ingest.reading import Reading, _converter, reading_for, script_forms
from sinoreport.model import ID_RE, PLACEHOLDER
from sinoreport.units import Units

_NOT_CURRENCY = {"塊", "块"}  # a currency after a number (5塊), but mostly a measure word (一塊電池) in running text
HEADER = (
    "# Draft written by `sinoreport ingest`. Curate it: replace every TODO, check each proposed figure\n"
    "# against its `why` comment (delete rows that are not material), then set status: curated.\n"
    "# Format: docs/FORMATS.md. `sinoreport build --drafts` or `sinoreport serve` shows it as a draft.\n"
)
LEDGER = "ingested.yaml"
SOURCES = Path(".sinoreport") / "sources.yaml"


class IngestError(Exception):
    pass


@dataclass
class RowReport:
    file: str
    index: int
    id: str
    outlet: str
    figures: int
    status: str  # new | unchanged | changed (→ .incoming) | deleted (kept out) | error


@dataclass
class IngestResult:
    rows: list[RowReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)  # draft company files written
    entities: list[str] = field(default_factory=list)  # draft entities added
    tags: list[str] = field(default_factory=list)  # draft tags added

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.rows))


# --------------------------------------------------------------------------- dates


_FULL_DATE = re.compile(r"(20\d{2})年(\d{1,2})月(\d{1,2})日")
_MD = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
_DATELINE = re.compile(r"(?:(20\d{2})年)?(\d{1,2})月(\d{1,2})日(?:電|电|訊|讯|消息|報導|报道|報道|讯)")
_FORECASTY = ("預計", "预计", "預測", "预测", "預估", "有望", "目標", "目标", "將", "将")


def guess_year(texts: list[str]) -> int | None:
    """The year a digest was written in: the year its articles mention most, outside forecasts.

    A digest collects articles from one period, so the whole digest votes: a single article may
    name a future product year (NVL576 in 2027) or only fiscal years, but the corpus does not.
    """
    votes: Counter[int] = Counter()
    for text in texts:
        for sent in re.split(r"[。！？!?]", text):
            if any(w in sent for w in _FORECASTY):
                continue
            votes.update(int(y) for y in re.findall(r"(20\d{2})年(?!度?財年|度?财年)", sent))
    if not votes:
        return None
    top = max(votes.values())
    return max(y for y, n in votes.items() if n == top)


def guess_date(outlet: str, text: str, year: int | None) -> tuple[dt.date | None, str, str, str]:
    """(date, precision, basis, note). The article's own dateline wins (智東西11月10日報導), then a full date
    at its start; else the latest dated event, inferred. An as-of date of data (截至2025年9月30日) is not it."""
    line = _DATELINE.search(text[:300])
    if line and (outlet in text[max(0, line.start() - len(outlet) - 2) : line.start() + 1] or line.start() < 3):
        y = int(line.group(1)) if line.group(1) else year
        day = _safe(y, int(line.group(2)), int(line.group(3))) if y else None
        if day:
            how = "" if line.group(1) else f"; year {y} from context — verify"
            return day, "day", "stated", f"the article's dateline: {line.group(0)}{how}"
    m = _FULL_DATE.search(text[:200])
    if m and "截至" not in text[max(0, m.start() - 3) : m.start()]:
        y, mo, d = map(int, m.groups())
        return _safe(y, mo, d), "day", "stated", f"stated in the text: {m.group(0)}"
    stated = None
    for mm in _MD.finditer(text):
        ctx_before = text[max(0, mm.start() - len(outlet) - 4) : mm.start()]
        ctx_after = text[mm.end() : mm.end() + 3]
        # the article's own dateline: at the very start, after its own outlet name (智東西11月10日報導),
        # or an as-of date (截至10月3日). "據《新京報》9月24日報導" dates someone else's report.
        own = outlet in ctx_before and ctx_after.startswith(("報導", "报道", "電", "电", "訊", "讯", "消息"))
        if mm.start() < 3 or own or "截至" in ctx_before:
            stated = mm
            break
    if stated and year:
        d = _safe(year, int(stated.group(1)), int(stated.group(2)))
        if d:
            return d, "day", "stated", f"the text dates itself {stated.group(0)}; year {year} from context — verify"
    dated = [(int(a), int(b)) for a, b in _MD.findall(text)]
    if dated and year:
        mo, d = max(dated)
        day = _safe(year, mo, d)
        if day:
            note = f"latest dated event in the text ({mo}月{d}日), year {year} from context — verify"
            return day, "day", "inferred", note
    return None, "day", "inferred", "ingest could not date this article — set date, date_precision and date_basis"


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------- what the article names


@dataclass
class Names:
    """Known names (data/) plus the organizations this run proposes, shared by every article of the run."""

    known: Mentions
    reading: Reading
    corpus: Corpus
    taken: set[str]  # ids in use (companies, products, entities) and proposed this run
    rejected: set[str]  # organization names a person deleted (the ledger)
    proposed: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name → (id, stem, kind)
    draft_tags: dict[str, str] = field(default_factory=dict)  # digest tag as written → proposed tag id
    article: str = ""  # the article being read (headline + body): names it repeats are names

    def mentions(self, text: str) -> list[Mention]:
        found = self.known.find(text)
        spans = [(m.start, m.end) for m in found]
        for o in find_orgs(text, self.reading, spans, self.article or None):
            hant = _converter("s2twp").convert(o.name)
            if o.name in self.rejected or hant in self.rejected:
                continue
            if hant not in self.proposed:
                self.proposed[hant] = (org_id(o.stem, self.taken), o.stem, o.kind)
                self.taken.add(self.proposed[hant][0])
            ident, _, kind = self.proposed[hant]
            target = (Target(ident, "company", ident, company_type="company") if kind == "company"
                      else Target(ident, "entity", "", entity_type=kind))
            found.append(Mention(o.start, o.end, o.name, target))
        return sorted(found, key=lambda m: m.start)


def _tags_for(corpus: Corpus, title: str, text: str) -> list[str]:
    """Tags whose words the article uses: in its headline, or at least twice in its body."""
    out = []
    for t in corpus.tags.values():
        forms = {f for w in (t.name.zh, t.name.zh_hans, t.name.zh_hant, t.name.en, *t.variants, *t.aliases)
                 if w and len(w) >= 2 for f in script_forms(w)}
        if not forms:
            continue
        in_title = any(f in title for f in forms)
        count = sum(text.count(f) for f in forms if not f.isascii()) + sum(
            len(re.findall(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", text, re.I)) for f in forms if f.isascii())
        if in_title or count >= 2:
            out.append(t.id)
    return out


def _tag_id(corpus: Corpus, written: str) -> str | None:
    for t in corpus.tags.values():
        words = (t.name.en, t.name.zh, t.name.zh_hans, t.name.zh_hant, *t.variants, *t.aliases)
        if any(written in script_forms(w) for w in words if w):
            return t.id
    return None


# --------------------------------------------------------------------------- ids


def make_id(date: dt.date | None, year: int | None, title_companies: list[str], topic: list[str],
            taken: set[str], sha: str) -> str:
    """date + company + topic, readable and ASCII (2025-11-13-tencent-revenue); a number, then a hash,
    only when that is taken."""
    words: list[str] = []
    for w in [*title_companies[:2], *topic]:
        w = re.sub(r"[^a-z0-9-]+", "-", w.lower()).strip("-")
        if w and w not in words and not any(w in x.split("-") for x in words) and len(words) < 3:
            words.append(w)
    prefix = date.isoformat() if date else str(year) if year else "undated"
    slug = re.sub(r"-{2,}", "-", "-".join(words)).strip("-")[:56].strip("-") or "article"
    base = f"{prefix}-{slug}"
    ident, n = base, 2
    while ident in taken or not ID_RE.match(ident):
        ident = f"{base}-{n}" if n < 10 else f"{base}-{sha[: n - 6]}"
        n += 1
    return ident


# --------------------------------------------------------------------------- YAML out


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, s: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)


def _float(dumper: yaml.SafeDumper, f: float) -> yaml.Node:
    if f == int(f) and abs(f) < 1e18:
        return dumper.represent_int(int(f))
    return dumper.represent_scalar("tag:yaml.org,2002:float", repr(f))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(float, _float)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)


def dump_yaml(data: dict[str, Any], comments: dict[int, list[str]] | None = None, header: str = HEADER) -> str:
    """The document; each figure row preceded by its `why` comments (why ingest proposed each field)."""
    figures = data.get("figures")
    if not comments or not figures:
        return header + _dump(data)
    head = {k: v for k, v in data.items() if k != "figures"}
    tail = {k: head.pop(k) for k in list(head) if list(data).index(k) > list(data).index("figures")}
    out = [header, _dump(head), "figures:\n"]
    for i, row in enumerate(figures):
        for c in comments.get(i, []):
            out.append(f"  # {c}\n")
        out.append("".join(("  " + ln if ln else ln) + "\n" for ln in _dump([row]).rstrip("\n").split("\n")))
    if tail:
        out.append(_dump(tail))
    return "".join(out)


def _hant(s: str, script: str) -> str:
    return _converter("s2twp").convert(s) if script == "hans" else s


def _stated_currency(text: str, units: Units) -> str | None:
    """The currency the article writes most (its most frequent currency word, of the project's units):
    what an amount without one is assumed to be in, said in the row's note."""
    words = {w: u for w, u in units.words().items() if u in units.currencies and w not in _NOT_CURRENCY}
    if not words:
        return None
    stated = Counter(re.findall("|".join(map(re.escape, sorted(words, key=len, reverse=True))), text))
    return words[stated.most_common(1)[0][0]] if stated else None


def draft(ra: RawArticle, names: Names, year: int | None, taken: set[str]) -> tuple[dict[str, Any], dict]:
    """The draft article document and the `why` comments of its rows."""
    corpus, reading = names.corpus, names.reading
    text = ra.text
    paras = clean_paragraphs(text)
    reading_text = "\n".join(paras)
    date, precision, basis, note = guess_date(ra.outlet, text, year)
    when = date or (dt.date(year, 12, 31) if year else dt.date.today())
    names.article = ra.title + "\n" + reading_text
    title_mentions = names.mentions(ra.title)
    body_mentions = names.mentions(reading_text)
    currency = _stated_currency(reading_text, reading.units)
    actx = ArticleContext(when, corpus, reading, tuple(m.target for m in title_mentions) or
                          tuple(m.target for m in body_mentions[:1]), currency)

    def digits(s: str) -> list[tuple[int, int]]:
        rx = corpus.digit_names
        return [(m.start(), m.end()) for m in rx.finditer(s)] if rx is not None else []

    proposals = propose(paras, names.mentions, actx, digits)
    proposals = [p for p in proposals if p.quote in ra.raw_text]  # a window across a dropped caption
    rows, comments = [], {}
    for i, p in enumerate(proposals):
        rows.append(_row(p))
        comments[i] = ["why: " + "; ".join(p.why)] if p.why else []
    outlet = corpus.outlet_for(ra.outlet)
    companies = list(dict.fromkeys(m.company for m in [*title_mentions, *body_mentions] if m.company))
    tags = _tags_for(corpus, ra.title, reading_text)
    for written in ra.tags:  # the digest's tag, only on the articles it is about
        tid = _tag_id(corpus, written) or names.draft_tags.get(written)
        forms = script_forms(written)
        if tid and tid not in tags and any(f in ra.raw_text for f in forms):
            tags.append(tid)
    title_companies = list(dict.fromkeys(m.company for m in title_mentions if m.company))
    topic = [t for t in tags if t not in title_companies][:1] or [
        p.metric for p in proposals if p.metric != "tbd"][:1] or (
        [outlet.id] if outlet and not title_companies else [])
    ident = make_id(date, year, title_companies or companies[:1], topic, taken, ra.sha256)
    doc: dict[str, Any] = {"id": ident, "status": "draft",
                           "title": {"zh": ra.title, "en": PLACEHOLDER + ": English headline"}, "outlet": ra.outlet}
    if date:
        doc["date"] = date
    doc |= {"date_precision": precision, "date_basis": basis, "date_note": {"en": note}}
    doc["tags"] = tags
    doc["companies"] = companies
    doc["summary"] = {"en": PLACEHOLDER + ": our own summary in English", "zh": PLACEHOLDER + ": 我們自己的中文摘要"}
    doc["key_points"] = [{"en": PLACEHOLDER + ": a key point", "zh": PLACEHOLDER + ": 要點"}]
    doc["figures"] = rows
    doc["source"] = {
        "file": ra.file, "sha256": ra.sha256, "script": detect_script(ra.raw_text), "index": ra.index,
        "digest_tags": list(ra.tags),
    }
    return doc, comments


def _row(p: Proposal) -> dict[str, Any]:
    row: dict[str, Any] = {"entity": p.entity, "metric": p.metric, "period": p.period, "value": float(p.value)}
    if p.value_high is not None:
        row["value_high"] = float(p.value_high)
    row |= {"unit": p.unit, "kind": p.kind}
    if p.qualifier:
        row["qualifier"] = p.qualifier
    row["quote"] = p.quote
    if p.note_en:
        row["note"] = {"en": p.note_en, "zh": p.note_zh}
    return row


def draft_company(ident: str, name: str, script: str, article: str, context: str) -> str:
    hant = _hant(name, script)
    hans = _converter("tw2sp").convert(hant)
    doc: dict[str, Any] = {
        "id": ident, "status": "draft", "tier": "short", "type": "company",
        "name": {"en": f"{PLACEHOLDER}: English name of {hant}", "zh": hant},
    }
    if hans != hant:
        doc["variants"] = [hans]
    doc |= {"sector": {"en": PLACEHOLDER, "zh": PLACEHOLDER}, "one_line": {"en": PLACEHOLDER, "zh": PLACEHOLDER}}
    header = (f"# Draft proposed by `sinoreport ingest`: the digest names 「{hant}」 and data/ does not know it\n"
              f"# (first seen in {article}: 「{context}」). Curate it (names, type, sector, one_line) and set\n"
              "# status: curated, or delete this file if it is not an organization (ingest will not propose it\n"
              "# again).\n")
    return header + _dump(doc)


# --------------------------------------------------------------------------- the ledger


@dataclass
class Ledger:
    """content/ingested.yaml: what ingest wrote, by source, so what a person deleted stays deleted."""

    path: Path
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # sha256 → {file, index, id}
    organizations: dict[str, str] = field(default_factory=dict)  # name → id
    tags: dict[str, str] = field(default_factory=dict)  # name → id

    @classmethod
    def read(cls, path: Path) -> Ledger:
        led = cls(path)
        if not path.is_file():
            return led
        from sinoreport.load import ContentError, parse_yaml

        try:
            data = parse_yaml(path).data or {}
        except ContentError as e:
            raise IngestError("; ".join(str(p) for p in e.problems)) from None
        for a in data.get("articles") or []:
            led.articles[str(a["sha256"])] = {"file": a.get("file"), "index": a.get("index"), "id": a.get("id")}
        led.organizations = {str(o["name"]): str(o["id"]) for o in data.get("organizations") or []}
        led.tags = {str(t["name"]): str(t["id"]) for t in data.get("tags") or []}
        return led

    def text(self) -> str:
        doc: dict[str, Any] = {"articles": [{"sha256": k, **v} for k, v in sorted(
            self.articles.items(), key=lambda kv: (str(kv[1]["file"]), int(kv[1]["index"] or 0), kv[0]))]}
        if self.organizations:
            doc["organizations"] = [{"name": k, "id": v} for k, v in sorted(self.organizations.items())]
        if self.tags:
            doc["tags"] = [{"name": k, "id": v} for k, v in sorted(self.tags.items())]
        return ("# What `sinoreport ingest` has written, by source. It never writes again what a person deleted:\n"
                "# remove an entry to let ingest write it again. `sinoreport rename` keeps the ids here current.\n"
                + _dump(doc))


def remember_sources(settings: Settings, files: list[Path]) -> None:
    """Where each digest was read from (git-ignored, this machine only): check verifies quotes there."""
    path = settings.root / SOURCES
    known: dict[str, str] = {}
    if path.is_file():
        try:
            known = dict((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("digests") or {})
        except (yaml.YAMLError, OSError, AttributeError):
            known = {}
    new = {**known, **{f.name: str(f.resolve()) for f in files}}
    if new != known:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, "# Where `sinoreport ingest` read each digest (this machine only; git-ignored).\n"
                         + _dump({"digests": dict(sorted(new.items()))}))


# --------------------------------------------------------------------------- existing files


@dataclass
class Existing:
    by_sha: dict[str, Path] = field(default_factory=dict)
    by_title: dict[tuple[str, str], Path] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)


def scan_existing(articles_dir: Path, result: IngestResult) -> Existing:
    ex = Existing()
    if not articles_dir.is_dir():
        return ex
    for p in sorted(articles_dir.glob("*.yaml")):
        ex.ids.add(p.stem)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
            src, title = data["source"], data["title"]["zh"]
            ex.by_sha[str(src["sha256"])] = p
            ex.by_title[(str(src["file"]), str(title))] = p
        except Exception:  # a file a person broke: leave it alone, say so
            result.warnings.append(f"{p}: could not read its source block; it will not be matched or touched")
    return ex


def write_if_changed(path: Path, text: str) -> bool:
    """Write whole or not at all (a temporary file renamed into place); False when the bytes are the same."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def _append_draft_entities(path: Path, entities: list[tuple[str, str, str, str]]) -> None:
    """Add draft entities (indexes, markets) at the end of data/entities.yaml, touching nothing there."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "entities:\n"
    if not text.endswith("\n"):
        text += "\n"
    for ident, name, kind, article in entities:
        hans = _converter("tw2sp").convert(name)
        variants = f", variants: [{hans}]" if hans != name else ""
        text += (f"  - {{id: {ident}, status: draft, type: {kind}, name: {{en: \"{PLACEHOLDER}: English name\", "
                 f"zh: {name}}}{variants}}}  # proposed by `sinoreport ingest` from {article}\n")
    write_if_changed(path, text)


def _append_draft_tags(path: Path, tags: list[tuple[str, str]]) -> None:
    """Add draft tags at the end of data/tags.yaml without touching a byte of what is there."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "tags:\n"
    if not text.endswith("\n"):
        text += "\n"
    for ident, name in tags:
        text += (f"  - id: {ident}  # proposed by `sinoreport ingest` from the digest tag #{name}\n"
                 f"    status: draft\n    name: {{en: \"{PLACEHOLDER}: English name\", zh: {name}}}\n")
    write_if_changed(path, text)


# --------------------------------------------------------------------------- entry point


def _expand(paths: list[Path], result: IngestResult) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() == ".txt")
            if not found:
                result.warnings.append(f"{p}: no .txt digests in this directory")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            result.errors.append(f"{p}: no such file or directory")
    return files


def ingest_paths(
    settings: Settings, paths: list[Path], content_dir: Path, progress: Console | None = None,
    data_dir: Path | None = None,
) -> IngestResult:
    """Ingest digests into content_dir/articles (draft companies and tags go to data_dir, by default the
    project's data/, only when content_dir is the project's own content/)."""
    result = IngestResult()
    files = _expand(paths, result)
    corpus = load_corpus(settings)  # for the names, tags, outlets and metrics in data/
    own_content = content_dir.resolve() == settings.content_dir.resolve()
    data_dir = data_dir or (settings.data_dir if own_content else None)
    reading = reading_for(corpus, settings.data_dir)
    articles_dir = content_dir / "articles"
    ledger = Ledger.read(content_dir / LEDGER)
    existing = scan_existing(articles_dir, result)
    taken = {*corpus.companies, *corpus.products, *corpus.entities, *(ledger.organizations.values())}
    names = Names(Mentions.from_corpus(corpus), reading, corpus, taken, set(ledger.organizations))
    digests: list[Digest] = []
    for f in files:
        try:
            d = read_digest(f)
        except DigestError as e:
            result.errors.append(f"{f}: {e.what}" + (f" — {e.fix}" if e.fix else "") if e.where == str(f)
                                 else f"{e.where}: {e.what} — {e.fix}")
            continue
        result.warnings += d.warnings
        digests.append(d)
    years = {d.file: guess_year([a.text for a in d.articles]) for d in digests}
    todo = [ra for d in digests for ra in d.articles]
    if not todo:
        return result
    try:
        articles_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise IngestError(f"cannot create {articles_dir}: {e.strerror}") from None
    if own_content:
        remember_sources(settings, [Path(d_path) for d_path in files])
    new_tags = _propose_tags(corpus, digests, ledger, names)
    first_seen: dict[str, tuple[str, str]] = {}  # organization → (article id, context)
    ids_taken = set(existing.ids) | {str(v["id"]) for v in ledger.articles.values()}
    with Progress(console=progress, transient=True, disable=progress is None or len(todo) < 20) as bar:
        task = bar.add_task("ingesting", total=len(todo))
        for ra in todo:
            bar.advance(task)
            if ra.sha256 in existing.by_sha:
                p = existing.by_sha[ra.sha256]
                result.rows.append(RowReport(ra.file, ra.index, p.stem, ra.outlet, 0, "unchanged"))
                ledger.articles.setdefault(ra.sha256, {"file": ra.file, "index": ra.index, "id": p.stem})
                continue
            if ra.sha256 in ledger.articles and (ra.file, ra.title) not in existing.by_title:
                gone = ledger.articles[ra.sha256]["id"]
                result.rows.append(RowReport(ra.file, ra.index, str(gone), ra.outlet, 0, "deleted"))
                result.warnings.append(f"{ra.file} #{ra.index}: {gone} was deleted after ingest wrote it, so it is "
                                       f"not written again (remove its entry from {content_dir.name}/{LEDGER} "
                                       "to get it back)")
                continue
            before = dict(names.proposed)
            doc, comments = draft(ra, names, years[ra.file], ids_taken)
            for name in names.proposed.keys() - before.keys():
                i = ra.raw_text.find(name) if name in ra.raw_text else ra.raw_text.find(
                    _converter("tw2sp").convert(name))
                first_seen[name] = (doc["id"], ra.raw_text[max(0, i - 12) : i + len(name) + 12].replace("\n", " "))
            nfig = len(doc["figures"])
            prev = existing.by_title.get((ra.file, ra.title))
            if prev is not None:
                doc["id"] = prev.stem
                incoming = prev.with_suffix(".incoming")
                write_if_changed(incoming, dump_yaml(doc, comments))
                result.rows.append(RowReport(ra.file, ra.index, prev.stem, ra.outlet, nfig, "changed"))
                result.warnings.append(
                    f"{ra.file} #{ra.index}: source text changed since {prev.name} was written; the curated file "
                    f"is untouched and the new draft is in {incoming.name} — merge, then delete it"
                )
                continue
            ident = doc["id"]
            write_if_changed(articles_dir / f"{ident}.yaml", dump_yaml(doc, comments))
            ids_taken.add(ident)
            existing.by_sha[ra.sha256] = articles_dir / f"{ident}.yaml"
            ledger.articles[ra.sha256] = {"file": ra.file, "index": ra.index, "id": ident}
            result.rows.append(RowReport(ra.file, ra.index, ident, ra.outlet, nfig, "new"))
    _write_proposals(names, first_seen, new_tags, data_dir, ledger, result)
    write_if_changed(content_dir / LEDGER, ledger.text())
    return result


def _propose_tags(corpus: Corpus, digests: list[Digest], ledger: Ledger, names: Names) -> list[tuple[str, str]]:
    """A draft tag for each digest tag data/tags.yaml does not know (and no person deleted)."""
    new: list[tuple[str, str]] = []
    taken = set(corpus.tags) | set(ledger.tags.values())
    for d in digests:
        for written in d.tags:
            if _tag_id(corpus, written) or written in names.draft_tags:
                continue
            if written in ledger.tags:
                if ledger.tags[written] in corpus.tags:
                    names.draft_tags[written] = ledger.tags[written]
                continue  # proposed before and deleted since
            ident = org_id(written, taken)
            taken.add(ident)
            names.draft_tags[written] = ident
            new.append((ident, _hant(written, detect_script(written))))
    return new


def _write_proposals(names: Names, first_seen: dict[str, tuple[str, str]], new_tags: list[tuple[str, str]],
                     data_dir: Path | None, ledger: Ledger, result: IngestResult) -> None:
    """Draft companies for the organizations this run found, draft tags for unknown digest tags."""
    if data_dir is None:
        return
    companies_dir = data_dir / "companies"
    entities: list[tuple[str, str, str, str]] = []
    for name, (ident, _, kind) in sorted(names.proposed.items()):
        if name not in first_seen:
            continue  # found only in articles that were already there
        article, context = first_seen[name]
        if kind != "company":
            entities.append((ident, name, kind, article))
            ledger.organizations[name] = ident
            continue
        path = companies_dir / f"{ident}.yaml"
        if not path.exists():
            companies_dir.mkdir(parents=True, exist_ok=True)
            write_if_changed(path, draft_company(ident, name, "hant", article, context))
            result.companies.append(ident)
        ledger.organizations[name] = ident
    if entities:
        _append_draft_entities(data_dir / "entities.yaml", entities)
        result.entities += [e[0] for e in entities]
    if new_tags:
        _append_draft_tags(data_dir / "tags.yaml", new_tags)
        for written, ident in names.draft_tags.items():
            if any(ident == i for i, _ in new_tags):
                ledger.tags[written] = ident
        result.tags += [i for i, _ in new_tags]


def sha256_text(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()
