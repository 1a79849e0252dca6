"""Files beside the pages: dataset downloads, RSS feeds, stylesheet, and brief bodies."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any, Protocol
from xml.sax.saxutils import escape as xml_escape

from sinoreport.charts import ChartSet
from sinoreport.charts.registry import asset_files
from sinoreport.corpus import Row
from sinoreport.i18n.convert import join_cjk
from sinoreport.load import Location, Problem
from sinoreport.model import Brief
from sinoreport.render.chartblock import chart_block
from sinoreport.render.errors import RenderError
from sinoreport.render.text import MD

if TYPE_CHECKING:
    from sinoreport.config import Settings
    from sinoreport.corpus import Corpus
    from sinoreport.render.view import View


class Renderer(Protocol):
    """What these files need of the renderer (render/pages.py), which calls them."""

    settings: Settings
    corpus: Corpus
    idx: Any  # pages.Indexes
    edition: dt.date
    dataset_files: dict[str, bytes]

    def briefs_sorted(self) -> list[Brief]: ...

ROW_FIELDS = ("entity", "metric", "period", "value", "value_high", "unit", "kind", "qualifier", "source", "producer",
              "quote", "quote_en", "note_en", "note_zh")
FEED_ITEMS = 30


def pdf_name(locale: str) -> str:
    return f"pdf/sinoreport-{locale}.pdf"


# --------------------------------------------------------------------------- datasets


def row_record(r: Row) -> dict[str, Any]:
    d = r.row
    value: float | int = int(d.value) if d.value == int(d.value) and abs(d.value) < 2**53 else d.value
    high = d.value_high
    if high is not None and high == int(high):
        high = int(high)
    return {
        "entity": d.entity, "metric": d.metric, "period": d.period, "value": value, "value_high": high,
        "unit": d.unit, "kind": d.kind.value, "qualifier": d.qualifier.value if d.qualifier else None,
        "source": r.article, "producer": d.producer, "quote": d.quote, "quote_en": d.quote_en,
        "note_en": d.note.en if d.note else None, "note_zh": d.note.zh if d.note else None,
    }


def dataset_files(renderer: Renderer) -> dict[str, bytes]:
    """/data/<dataset>.json and .csv: the same tidy rows, in a stable order."""
    out: dict[str, bytes] = {}
    published = {a.id for a in renderer.idx.articles}
    for ds in renderer.corpus.datasets.values():
        rows = [row_record(r) for r in renderer.corpus.rows_for(dataset=ds.id) if r.article in published]
        rows.sort(key=lambda x: (x["entity"], x["metric"], x["period"], x["source"], x["quote"]))
        out[f"data/{ds.id}.json"] = (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=ROW_FIELDS, lineterminator="\n")
        w.writeheader()
        for x in rows:
            w.writerow({k: "" if x[k] is None else x[k] for k in ROW_FIELDS})
        out[f"data/{ds.id}.csv"] = ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel reads CJK right
    return out


# --------------------------------------------------------------------------- feeds


def feed(renderer: Renderer, v: View) -> bytes:
    """RSS 2.0 of the newest articles and the briefs, in this locale."""
    s = renderer.settings
    base = s.site.url.rstrip("/") + "/" + v.loc.prefix(s.language.default_locale)
    items: list[tuple[dt.date, str, str, str]] = []
    for a in renderer.idx.articles[:FEED_ITEMS]:
        title = v.article_title(a)
        items.append((a.date or renderer.edition, title, v.text(a.summary)[0], f"{base}articles/{a.id}/"))
    for b in renderer.briefs_sorted():
        items.append((b.date, v.name(b.title), v.text(b.dek)[0], f"{base}briefs/{b.id}/"))
    from sinoreport.render.changes import feed_items

    items += feed_items(renderer, v, base)  # each edition, linked to its part of the change log
    items.sort(key=lambda x: (x[0], x[3]), reverse=True)

    def when(d: dt.date) -> str:
        return format_datetime(dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC))

    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
        f"<title>{xml_escape(s.site.title.get(v.loc.code, s.site.title['en']))}</title>",
        f"<link>{xml_escape(base)}</link>",
        f'<atom:link href="{xml_escape(base)}feed.xml" rel="self" type="application/rss+xml"/>',
        f"<description>{xml_escape(v.t('home_lead'))}</description>",
        f"<language>{v.loc.code}</language>",
        f"<lastBuildDate>{when(renderer.edition)}</lastBuildDate>",
    ]
    for d, title, summary, link in items:
        parts.append(
            f"<item><title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>"
            f'<guid isPermaLink="true">{xml_escape(link)}</guid><pubDate>{when(d)}</pubDate>'
            f"<description>{xml_escape(summary)}</description></item>"
        )
    parts.append("</channel></rss>")
    return ("\n".join(parts) + "\n").encode("utf-8")


def locale_files(renderer: Renderer, v: View, charts: ChartSet) -> dict[str, bytes]:
    """Per-locale files. Downloads live in every locale's tree so links from its pages resolve
    (and are checked by MkDocs); the copies under / are the canonical /data/<id>.json URLs. The PDF
    editions are not among them: they are made after the site (publish.py) and put beside its pages."""
    from sinoreport.render.chartpages import chart_files, cite_files

    return {"feed.xml": feed(renderer, v), **renderer.dataset_files, **chart_files(renderer, v, charts),
            **cite_files(renderer, v, charts)}


def shared_files(settings: Settings) -> dict[str, bytes]:
    """Files outside the locale folders: theme assets and the charts' Vega bundle."""
    out: dict[str, bytes] = {}
    for assets in reversed(settings.template_dirs("assets")):  # the package's, then the project's over them
        if assets.is_dir():
            for p in sorted(assets.rglob("*")):
                if p.is_file():
                    out[f"assets/sinoreport/{p.relative_to(assets).as_posix()}"] = p.read_bytes()
    out.update(asset_files(settings))  # the charts' interactive layer, served locally
    return out


# --------------------------------------------------------------------------- briefs


_CHART_LINE = re.compile(r"^@chart\(([a-z0-9-]+)\)\s*$", re.M)
_PROTECT = re.compile(r"(\[\^\d+\]|\[[^\]]*\]\([^)]*\)|`[^`]*`)")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)([^)]*)\)")


def _sanitize(md: str) -> str:
    """Our own Markdown, but hostile-proof: raw HTML shows as text; only safe link targets survive."""
    md = md.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    md = re.sub(r"^&gt;", ">", md, flags=re.M)  # keep Markdown blockquotes
    # braces would let `{ onclick=… }` reach attr_list; escaped, they show as typed ({{ 7*7 }} stays text)
    md = md.replace("{", "\\{").replace("}", "\\}")

    def link(m: re.Match[str]) -> str:
        url = m.group(2)
        if re.match(r"^(https?://|#|\.\./|[a-z0-9-]+\.md)", url):
            return m.group(0)
        return m.group(1)  # drop javascript:, data:, and anything else

    return _LINK.sub(link, md)


def brief_body(renderer: Renderer, v: View, b: Brief, charts: ChartSet) -> MD:
    """The brief's Markdown in this locale: converted, names linked once per section, charts embedded,
    footnotes pointing at the cited article pages."""
    lang = "zh" if v.loc.zh else "en"
    text = getattr(b.body, lang) or ""
    if v.loc.zh:
        text = v.zh(join_cjk(text, markdown=True))
    text = _sanitize(text)
    problems: list[Problem] = []
    out_lines: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        m = _CHART_LINE.match(line)
        if m:
            chart = charts.get(m.group(1))
            if chart is None:
                problems.append(Problem(Location(f"content/briefs/{b.id}.yaml"), f"unknown chart {m.group(1)!r}",
                                        "use a chart id listed on the Data page"))
                continue
            out_lines += ["", chart_block(v, chart), ""]
            continue
        if line.startswith("#"):
            seen = set()  # first mention per section
            out_lines.append(line)
            continue
        parts = _PROTECT.split(line)
        linked = [
            p if i % 2 else v.marked(v.linker.link(p, seen, resolve=v.url, escape_fn=lambda s: s))
            for i, p in enumerate(parts)
        ]
        out_lines.append("".join(linked))
    if problems:
        raise RenderError(problems)
    notes = []
    for i, aid in enumerate(b.cites, 1):
        a = renderer.corpus.articles.get(aid)
        if a is None:
            continue
        outlet = renderer.corpus.outlet_for(a.outlet)
        title = v.article_title(a)
        label = f"{v.name(outlet) if outlet else a.outlet}{v.punct(', ')}{v.date(a.date, a.date_precision)}"
        notes.append(f"[^{i}]: {label}{v.punct(': ')}[{_md_text(title)}]({v.url(f'articles/{a.id}.md')})")
    return MD("\n".join(out_lines).strip() + "\n\n" + "\n".join(notes) + "\n")


def _md_text(s: str) -> str:
    from sinoreport.render.text import escape

    return escape(s)
