"""Takeaway sentences from localized templates (templates/strings.yaml, `chart_*` keys) and the words a
declaration gives (data/charts.yaml): joined and punctuated per locale, filled only with values formatted
from rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from babel.numbers import format_decimal

from sinoreport.charts.base import Ctx, latest_per_entity, record, select_rows
from sinoreport.corpus import Row
from sinoreport.model import Name


def sep(ctx: Ctx) -> str:
    return "；" if ctx.loc.zh else "; "


def sentence(ctx: Ctx, parts: Iterable[str]) -> str:
    """Clauses joined into one sentence with the locale's punctuation."""
    parts = [p.strip().rstrip("。.;；") for p in parts if p and p.strip()]
    if not parts:
        return ""
    text = sep(ctx).join(parts)
    if ctx.loc.zh:
        return text + "。"
    return text[0].upper() + text[1:] + "."


def lower_first(ctx: Ctx, name: str) -> str:
    """A name inside an English sentence: "Price change" → "price change"; "AI spending", "ACME" stay."""
    if ctx.loc.zh or len(name) < 2 or not name[1].islower():
        return name
    return name[0].lower() + name[1:]


def labeled(ctx: Ctx, name: str, detail: str) -> str:
    """"Acme Logistics (FY2025)" / "某物流（2025財年）": a label with a detail in the locale's brackets."""
    return ctx.t("chart_label_detail", name=name, detail=detail)


def shown_note(ctx: Ctx, shown: int, total: int) -> str:
    """"largest 15 of 230 shown; every row is in the download" — when a chart had to leave rows out."""
    return ctx.t("chart_top_note", n=shown, total=total) if shown < total else ""


def multiple(ctx: Ctx, x: float) -> str:
    """A computed ratio, 6.5 → "6.5" (one decimal, locale digits)."""
    return format_decimal(round(x, 1), locale=ctx.loc.babel, format="#,##0.#")


def path_item(ctx: Ctx, label: str, pts: list[dict[str, Any]]) -> str:
    """"Acme 85% in 2023 → 54% in 2025 (forecast)" for one series of records in time order."""
    first, last = pts[0], pts[-1]
    if first is last:
        return ctx.t("chart_point_item", entity=label, value=_v(ctx, first), period=first["period_label"])
    return ctx.t("chart_path_item", entity=label, first=_v(ctx, first), p1=first["period_label"],
                 last=_v(ctx, last), p2=last["period_label"])


def _v(ctx: Ctx, rec: dict[str, Any]) -> str:
    if rec.get("projection") or rec.get("kind") == "estimate":
        return ctx.t("chart_value_kind", value=rec["text"], kind=rec["kind_label"])
    return rec["text"]


def value_of(ctx: Ctx, rec: dict[str, Any]) -> str:
    return _v(ctx, rec)


# --------------------------------------------------------------------------- declared words


def said(ctx: Ctx, words: Name | None, default_key: str) -> str:
    """A declared word (a chart's `words.top`) in the locale, or the package's default."""
    return ctx.view.name(words) if words is not None else ctx.t(default_key)


def scope_label(ctx: Ctx, scope: str) -> str:
    """What rows of a scope are, in the plural: "companies", "businesses" (strings `scope_<id>`)."""
    key = f"scope_{scope}"
    return ctx.t(key) if key in ctx.view.strings.table else scope.replace("-", " ")


def upper_first(ctx: Ctx, text: str) -> str:
    return text if ctx.loc.zh or not text else text[0].upper() + text[1:]


def template(ctx: Ctx, text: Name | None, **kw: object) -> str:
    """A declared template (an axis title, a note, a reference label) filled with formatted values; a
    placeholder the template does not write is simply not used."""
    if text is None:
        return ""
    s = ctx.view.name(text)
    try:
        return s.format(**kw)
    except (KeyError, IndexError, ValueError):
        return s


def without_figure(ctx: Ctx, entries: Iterable[Any]) -> list[Any]:
    """The `without_figure` entries that belong in this context: all of them, or on a company's page only
    the company's own (Alibaba's page does not say that Tencent's capex fell)."""
    return [w for w in entries if ctx.owned is None or w.entity in ctx.owned]


def no_figure_clauses(ctx: Ctx, entries: Iterable[Any]) -> list[str]:
    """"Acme: spending fell; no figure given" for each entity the source names without a figure."""
    return [ctx.t("chart_no_figure", entity=ctx.name(w.entity), note=ctx.view.text(w.note)[0].rstrip("。."))
            for w in without_figure(ctx, entries)]


def names_list(ctx: Ctx, names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ctx.view.list_sep.join(names[:-1]) + ctx.t("chart_and") + names[-1]


def notes_of(ctx: Ctx, decl: Any) -> tuple[list[Row], list[str], str]:
    """A declaration's `notes`: (their rows, their clauses for the takeaway, the sentence under the chart)."""
    notes = decl.notes
    if notes is None:
        return [], [], ""
    rows = latest_per_entity(select_rows(ctx, notes.select))
    if notes.latest:
        rows = rows[-notes.latest:]
    clauses = [template(ctx, notes.text, entity=ctx.name(r.row.entity), metric=lower_first(ctx, ctx.name(r.row.metric)),
                        value=value_of(ctx, record(ctx, r)), period=ctx.period(r.row.period)) for r in rows]
    return rows, clauses, sentence(ctx, clauses)
