"""`sinoreport ingest`: raw digests → one draft YAML per article in content/articles/.

Guarantees
- Idempotent: the same input gives the same bytes; an unchanged article is never rewritten.
- Never loses curation: an existing article file is never modified. If its source text changed
  (same digest and headline, different sha256) the new draft is written beside it as
  `<id>.incoming` and reported, for a person to merge.
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
from sinoreport.ingest.aliases import AliasTable
from sinoreport.ingest.digest import (
    Digest,
    DigestError,
    RawArticle,
    clean_paragraphs,
    detect_script,
    read_digest,
)
from sinoreport.ingest.figures import propose
from sinoreport.model import ID_RE

HEADER = (
    "# Draft written by `sinoreport ingest`. Curate it: English title, summaries (en, zh), key points,\n"
    "# entities and metrics of the proposed figures, date; then set status: curated. Format: docs/FORMATS.md\n"
)


class IngestError(Exception):
    pass


@dataclass
class RowReport:
    file: str
    index: int
    id: str
    outlet: str
    figures: int
    status: str  # new | unchanged | changed (→ .incoming) | error


@dataclass
class IngestResult:
    rows: list[RowReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.rows))


# --------------------------------------------------------------------------- dates


_FULL_DATE = re.compile(r"(20\d{2})年(\d{1,2})月(\d{1,2})日")
_MD = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
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
    """(date, precision, basis, note). Stated dates win; else the latest dated event, inferred."""
    m = _FULL_DATE.search(text[:200])
    if m:
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


# --------------------------------------------------------------------------- ids


def make_id(ra: RawArticle, date: dt.date | None, year: int | None, aliases: AliasTable, outlet_id: str | None) -> str:
    """date + ASCII slug: company ids named in the headline, then its Latin words, then a short hash."""
    words: list[str] = []
    for c in aliases.companies(ra.title):
        words.append(c)
    for w in re.findall(r"[A-Za-z][A-Za-z0-9]*|\d+[A-Za-z]+", ra.title):
        w = w.lower()
        if w not in words and not any(w in x for x in words):
            words.append(w)
    if not words and outlet_id:
        words.append(outlet_id)
    slug = "-".join(words[:4]) or "article"
    slug = re.sub(r"[^a-z0-9-]+", "-", slug).strip("-")[:48].strip("-")
    prefix = date.isoformat() if date else str(year) if year else "undated"
    ident = f"{prefix}-{slug}-{ra.sha256[:4]}"
    ident = re.sub(r"-{2,}", "-", ident)
    assert ID_RE.match(ident), ident
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


def dump_yaml(data: dict[str, Any]) -> str:
    return HEADER + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)


def draft(ra: RawArticle, corpus: Corpus, aliases: AliasTable, year: int | None) -> dict[str, Any]:
    text = ra.text
    paras = clean_paragraphs(text)
    reading = "\n".join(paras)
    date, precision, basis, note = guess_date(ra.outlet, text, year)
    outlet = corpus.outlet_for(ra.outlet)
    ident = make_id(ra, date, year, aliases, outlet.id if outlet else None)
    tags = []
    for t in ra.tags:
        tid = _tag_id(corpus, t)
        if tid and tid not in tags:
            tags.append(tid)
    rows = []
    for p in propose(reading, aliases, date.year if date else year):
        if p.quote not in ra.raw_text:
            continue  # a window that straddled a dropped caption: not verbatim, so not a quote
        row: dict[str, Any] = {
            "entity": p.entity, "metric": p.metric, "period": p.period, "value": float(p.value),
            "unit": p.unit, "kind": p.kind,
        }
        if p.qualifier:
            row["qualifier"] = p.qualifier
        row["quote"] = p.quote
        if p.note_en:
            row["note"] = {"en": p.note_en, "zh": p.note_zh}
        rows.append(row)
    doc: dict[str, Any] = {"id": ident, "status": "draft", "title": {"zh": ra.title}, "outlet": ra.outlet}
    if date:
        doc["date"] = date
    doc |= {"date_precision": precision, "date_basis": basis, "date_note": {"en": note}}
    doc["tags"] = tags
    doc["companies"] = aliases.companies(ra.title + "\n" + reading)
    doc["figures"] = rows
    doc["source"] = {
        "file": ra.file, "sha256": ra.sha256, "script": detect_script(ra.raw_text), "index": ra.index,
        "digest_tags": list(ra.tags),
    }
    return doc


def _tag_id(corpus: Corpus, written: str) -> str | None:
    for t in corpus.tags.values():
        if written in (t.name.en, t.name.zh, t.name.zh_hans, t.name.zh_hant, *t.variants, *t.aliases):
            return t.id
    return None


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


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


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
    settings: Settings, paths: list[Path], content_dir: Path, progress: Console | None = None
) -> IngestResult:
    result = IngestResult()
    files = _expand(paths, result)
    corpus = load_corpus(settings)  # for the alias, tag and outlet tables in data/
    aliases = AliasTable.from_corpus(corpus)
    articles_dir = content_dir / "articles"
    existing = scan_existing(articles_dir, result)
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
    with Progress(console=progress, transient=True, disable=progress is None or len(todo) < 20) as bar:
        task = bar.add_task("ingesting", total=len(todo))
        for ra in todo:
            bar.advance(task)
            doc = draft(ra, corpus, aliases, years[ra.file])
            nfig = len(doc["figures"])
            if ra.sha256 in existing.by_sha:
                p = existing.by_sha[ra.sha256]
                result.rows.append(RowReport(ra.file, ra.index, p.stem, ra.outlet, nfig, "unchanged"))
                continue
            prev = existing.by_title.get((ra.file, ra.title))
            if prev is not None:
                doc["id"] = prev.stem
                incoming = prev.with_suffix(".incoming")
                _write_if_changed(incoming, dump_yaml(doc))
                result.rows.append(RowReport(ra.file, ra.index, prev.stem, ra.outlet, nfig, "changed"))
                result.warnings.append(
                    f"{ra.file} #{ra.index}: source text changed since {prev.name} was written; the curated file "
                    f"is untouched and the new draft is in {incoming.name} — merge, then delete it"
                )
                continue
            ident = doc["id"]
            if ident in existing.ids:  # same slug from another source: lengthen the hash until unique
                for k in range(6, 65, 2):
                    cand = ident[: ident.rfind("-")] + "-" + ra.sha256[:k]
                    if cand not in existing.ids:
                        ident = cand
                        break
                doc["id"] = ident
            _write_if_changed(articles_dir / f"{ident}.yaml", dump_yaml(doc))
            existing.ids.add(ident)
            existing.by_sha[ra.sha256] = articles_dir / f"{ident}.yaml"
            result.rows.append(RowReport(ra.file, ra.index, ident, ra.outlet, nfig, "new"))
    return result


def sha256_text(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()
