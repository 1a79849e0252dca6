"""What changed between editions, on the pages: the change log (`changes/`), the revision marks on
article pages ("revised in the 2025-12-05 edition"), and an item per edition in the feeds.

The editions are the project's committed `editions/<date>.json` (editions.py); nothing here writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sinoreport.editions import Diff, EditionError, history, load_editions, revisions, row_keys
from sinoreport.i18n import formats as F
from sinoreport.load import Location, Problem
from sinoreport.render.errors import RenderError

if TYPE_CHECKING:
    from sinoreport.corpus import Row
    from sinoreport.render.view import View

_SIGNED = ("change", "growth", "growth-qoq")


@dataclass(frozen=True)
class EditionLog:
    """The project's editions as read once per build: each by date, and each with its diff against the one
    before, newest first."""

    editions: dict[str, dict[str, Any]]
    diffs: list[Diff]


def read_log(settings) -> EditionLog:
    try:
        eds = load_editions(settings)
    except EditionError as e:
        raise RenderError([Problem(Location("editions"), str(e),
                                   "editions are written by `sinoreport edition`; restore it from git")]) from e
    return EditionLog({e["edition"]: e for e in eds}, history(eds))


def edition_history(renderer) -> list[Diff]:
    """Each edition with its diff against the one before, newest first (the Renderer reads them once)."""
    return renderer.edition_log.diffs


def anchor(edition: str) -> str:
    return f"edition-{edition}"


def revised_rows(renderer, v: View, article: str, rows: list[Row]) -> dict[int, tuple[str, str]]:
    """Row index (in the article's figures) → (anchor on the change log, date) of the latest edition that
    revised it."""
    diffs = edition_history(renderer)
    if not diffs or not rows:
        return {}
    latest = renderer.__dict__.get("_edition_revisions")
    if latest is None:
        latest = renderer.__dict__["_edition_revisions"] = revisions(diffs)
    if not latest:
        return {}
    keys = row_keys(rows)
    found = {r.index: latest[keys[(r.article, r.index)]] for r in rows if keys[(r.article, r.index)] in latest}
    return {i: (anchor(e), edition_label(v, e)) for i, e in found.items()}


def edition_label(v: View, edition: str) -> str:
    return v.date(dt.date.fromisoformat(edition))


@dataclass(frozen=True)
class ShownRow:
    """A row of an edition as the change log shows it."""

    key: str
    entity: str
    metric: str
    period: str
    value: str
    old: str  # the value before (revisions), else ""
    quote: str
    article: str  # its article's id
    live: bool  # the article is published now (its page can be linked)
    kind: str


def _value(v: View, rec: dict[str, Any]) -> str:
    value = F.fmt_value(rec["value"], rec["unit"], v.loc, high=rec.get("value_high"), qualifier=rec.get("qualifier"),
                        signed=str(rec.get("metric", "")).endswith(_SIGNED))
    if rec.get("kind") in (None, "actual"):
        return value
    return f"{value}{v.punct(' (')}{v.kind(rec['kind'])}{v.punct(')')}"


def _shown(renderer, v: View, key: str, rec: dict[str, Any], old: dict[str, Any] | None = None) -> ShownRow:
    art = rec.get("article", "")
    a = renderer.corpus.articles.get(art)
    return ShownRow(key=key, entity=v.name_of(rec["entity"]), metric=v.name_of(rec["metric"]),
                    period=v.period(rec["period"]), value=_value(v, rec), old=_value(v, old) if old else "",
                    quote=v.quote(rec.get("quote") or "", a.source.script.value) if a is not None and v.loc.zh
                    else rec.get("quote") or "",
                    article=art, live=art in renderer.idx.position, kind=rec.get("kind", "actual"))


def changes_ctx(renderer, v: View) -> dict[str, Any]:
    """The change log: every edition, newest first, with what it added, removed or revised."""
    log = renderer.edition_log
    eds = log.editions
    out = []
    for d in log.diffs:
        new, old = eds[d.edition], eds.get(d.previous) if d.previous else None
        titles = {**(old or {}).get("articles", {}), **new["articles"]}
        btitles = {**(old or {}).get("briefs", {}), **new["briefs"]}

        def title(table: dict[str, Any], ident: str) -> str:
            t = table.get(ident) or {}
            return (t.get("zh") and v.quote(t["zh"])) if v.loc.zh else (t.get("en") or t.get("zh") or ident)

        out.append({
            "edition": d.edition,
            "anchor": anchor(d.edition),
            "label": edition_label(v, d.edition),
            "previous": edition_label(v, d.previous) if d.previous else None,
            "first": d.previous is None,
            "counts": (len(new["articles"]), len(new["briefs"]), len(new["rows"])),
            "diff": d,
            "summary": summary(v, d),
            "articles_added": [(i, title(titles, i), i in renderer.idx.position) for i in d.articles_added],
            "articles_removed": [(i, title(titles, i), False) for i in d.articles_removed],
            "briefs_added": [(i, title(btitles, i), i in renderer.corpus.briefs) for i in d.briefs_added],
            "briefs_removed": [(i, title(btitles, i), False) for i in d.briefs_removed],
            "rows_added": [] if d.previous is None else [_shown(renderer, v, k, new["rows"][k]) for k in d.rows_added],
            "rows_removed": [_shown(renderer, v, k, old["rows"][k]) for k in d.rows_removed] if old else [],
            "rows_revised": [_shown(renderer, v, r.key, r.new, r.old) for r in d.rows_revised],
        })
    return {"editions": out}


def summary(v: View, d: Diff) -> str:
    return v.t("changes_feed", articles=len(d.articles_added), briefs=len(d.briefs_added), added=len(d.rows_added),
               removed=len(d.rows_removed), revised=len(d.rows_revised))


def feed_items(renderer, v: View, base: str) -> list[tuple[dt.date, str, str, str]]:
    """(date, title, summary, link) of each edition, for the locale's feed."""
    items = []
    for d in edition_history(renderer):
        items.append((dt.date.fromisoformat(d.edition), v.t("edition_of", date=edition_label(v, d.edition)),
                      summary(v, d), f"{base}changes/#{anchor(d.edition)}"))
    return items
