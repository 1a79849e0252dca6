"""A locale's view of the corpus: its text, names, formats and interface strings.

Shared by the charts and render stages (and the PDF edition); knows nothing about pages or Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sinoreport.config import Settings
from sinoreport.corpus import Corpus, Row
from sinoreport.i18n import formats as F
from sinoreport.i18n.convert import Converter, join_cjk, script_of
from sinoreport.i18n.locales import Locale, script_locale
from sinoreport.load import parse_yaml
from sinoreport.model import SLOT_RE, Article, Bilingual, DataRow, DimensionWord, Finding, Name, Named

_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


@dataclass
class Strings:
    """Interface strings (en + canonical zh, optional per-locale pins): the package's strings.yaml, each
    key of the project's templates/strings.yaml replacing the package's entry."""

    table: dict[str, dict[str, str]]
    # the script a key's `zh` is written in, where its file says (`script: hant` at the top: the
    # package's strings are Traditional whatever a project writes); else the project's canonical script
    scripts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, paths: Path | Iterable[Path]) -> Strings:
        table: dict[str, dict[str, str]] = {}
        scripts: dict[str, str] = {}
        for path in [paths] if isinstance(paths, Path) else paths:
            data = parse_yaml(path).data
            entries = dict(data.get("strings", {}))
            table.update(entries)
            for key in entries:
                if data.get("script"):
                    scripts[key] = data["script"]
                else:
                    scripts.pop(key, None)
        return cls(table, scripts)

    @classmethod
    def of(cls, settings: Settings) -> Strings:
        """The strings a project's pages use."""
        return cls.load(settings.strings_files())


@dataclass(frozen=True)
class Piece:
    """A piece of a key finding as a page shows it: text, or a row's value (or period) with its row."""

    text: str
    row: Row | None = None
    fmt: str = ""  # what of the row it shows: value, abs or period (model.SLOT_FORMATS)

    @property
    def number(self) -> bool:
        """A value (the pages link and mark it), not text or a period."""
        return self.row is not None and self.fmt != "period"


@dataclass(frozen=True)
class ShownFinding:
    """A key finding in one locale: its pieces, and the articles its rows are quoted from (in order)."""

    pieces: list[Piece]
    sources: list[Article]


@dataclass
class LocaleView:
    """Everything needed to speak one locale. One per locale per build."""

    corpus: Corpus
    loc: Locale
    conv: Converter
    strings: Strings
    default: str = "en"
    _t: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ text

    def zh(self, text: str | None, source: str | None = None) -> str:
        """Chinese text in this locale's script (canonical → target, with overrides)."""
        if not text:
            return ""
        return self.conv.to_script(text, self.loc.script or "hant", source)

    def quote(self, text: str | None, source: str | None = None) -> str:
        """Someone else's Chinese (a quote, a published headline) in this locale's script: the script
        changes, the words and punctuation stay the source's."""
        if not text:
            return ""
        return self.conv.to_script(text, self.loc.script or "hant", source, verbatim=True)

    def text(self, b: Bilingual | None) -> tuple[str, str | None]:
        """(text, lang) of a bilingual field in this locale; lang is set when we fell back to the other."""
        if b is None:
            return "", None
        if self.loc.zh:
            if b.zh:
                return self.zh(join_cjk(b.zh)), None
            return (b.en or ""), ("en" if b.en else None)
        if b.en:
            return b.en, None
        return join_cjk(b.zh or ""), (f"zh-{self.conv.canonical.capitalize()}" if b.zh else None)

    def t(self, key: str, **kw: object) -> str:
        if key not in self._t:
            entry = self.strings.table.get(key)
            if entry is None:
                raise KeyError(f"no interface string {key!r} (package or project templates/strings.yaml)")
            if self.loc.zh:
                pin = entry.get(self.loc.code)
                s = pin or self.zh(entry.get("zh") or entry.get("en", key), self.strings.scripts.get(key))
            else:
                s = entry.get("en", key)
            self._t[key] = s
        s = self._t[key]
        return s.format(**kw) if kw else s

    def punct(self, mark: str) -> str:
        """A punctuation mark a template writes between interface strings ("原文标题：", "（推断）"): the
        full-width form on Chinese pages, as the converter gives our prose, without the spaces English
        puts around it (": " → "：", " (" → "（"); as written on English pages."""
        if not self.loc.zh:
            return mark
        return "".join(_FULL_WIDTH.get(ch, ch) for ch in mark if ch != " ")

    @property
    def list_sep(self) -> str:
        """Between the items of a list of names (tags, aliases, tickers): 、 in Chinese, ", " in English."""
        return "、" if self.loc.zh else ", "

    def name(self, n: Named | Name | None) -> str:
        if n is None:
            return ""
        name = n if isinstance(n, Name) else n.name  # Named, Outlet, Metric, Dataset titles…
        if not self.loc.zh:
            return name.en
        pin = name.pinned(self.loc.code)
        if pin:
            return pin
        return self.zh(name.zh) if name.zh else name.en

    def word(self, w: DimensionWord, n: int = 1, *, capital: bool = False) -> str:
        """What a scorecard calls its dimensions, for n of them ("moat", "moats", 護城河); `capital` for a
        column heading ("Moat")."""
        if self.loc.zh and w.zh:
            return self.zh(w.zh)
        s = w.english(n)
        return s[:1].upper() + s[1:] if capital else s

    def name_of(self, ident: str) -> str:
        n = self.corpus.name_of(ident)
        if n is None:
            return ident
        return self.name(n)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ formats

    def value(self, r: DataRow, *, signed: bool | None = None) -> str:
        signed = r.metric.endswith(("change", "growth", "growth-qoq")) if signed is None else signed
        return F.fmt_value(r.value, self.corpus.units.display(r.unit), self.loc, high=r.value_high,
                           qualifier=r.qualifier, signed=signed)

    def finding(self, f: Finding) -> ShownFinding:
        """A key finding in this locale: the text split at its placeholders, each replaced by its row's
        value (or period) formatted for the locale. A reference that names no single row stays as written
        (`check` reports it before anything is built)."""
        text, _ = self.text(f)
        pieces: list[Piece] = []
        sources: dict[str, Article] = {}
        at = 0
        for m in SLOT_RE.finditer(text):
            found = self.corpus.rows_at(f.rows.get(m.group(1), ""))
            if len(found) != 1:
                continue
            r = found[0]
            if m.start() > at:
                pieces.append(Piece(text[at:m.start()]))
            fmt = m.group(2) or "value"
            if fmt == "period":
                shown = self.period(r.row.period)
            elif fmt == "abs":  # no sign at all: neither the minus nor the plus of a change
                shown = self.value(_magnitude(r.row), signed=False)
            else:
                shown = self.value(r.row)
            pieces.append(Piece(shown, r, fmt))
            sources.setdefault(r.article, self.corpus.articles[r.article])
            at = m.end()
        if at < len(text):
            pieces.append(Piece(text[at:]))
        for ref in f.rows.values():  # a row that backs a number the text writes itself is a source too
            for r in self.corpus.rows_at(ref)[:1]:
                sources.setdefault(r.article, self.corpus.articles[r.article])
        return ShownFinding(pieces, list(sources.values()))

    def amount(self, value: float, unit: str, **kw: object) -> str:
        return F.fmt_value(value, self.corpus.units.display(unit), self.loc, **kw)  # type: ignore[arg-type]

    def date(self, d, precision: str = "day") -> str:
        return F.fmt_date(d, self.loc, precision) if d else ""

    def period(self, p: str) -> str:
        return F.fmt_period(p, self.loc)

    def kind(self, k: str) -> str:
        return self.t(f"kind_{k}")

    def article_title(self, a) -> str:
        """The headline in this locale: our English title, or the published one in this script."""
        if not self.loc.zh and a.title.en:
            return a.title.en
        return self.quote(a.title.zh, a.source.script.value) if self.loc.zh else a.title.zh

    def outlet_name(self, a) -> str:
        """The article's outlet: its English name on English pages, as written (converted) on Chinese ones."""
        o = self.corpus.outlet_for(a.outlet)
        if not self.loc.zh:
            return o.name.en if o else a.outlet
        return self.zh(a.outlet, a.source.script.value)

    def via(self, outlet: str, producers: list[str] | tuple[str, ...] = ()) -> str:
        """Who a figure is from: the outlet that reported it, after the parties that produced it when the
        outlet only passes them on ("IDC via 36Kr Finance", 「IDC，經36氪財經」)."""
        names = list(dict.fromkeys(self.name_of(p) for p in producers if p))
        if not names:
            return outlet
        who = self.list_sep.join(names) if self.loc.zh or len(names) == 1 else (
            ", ".join(names[:-1]) + " and " + names[-1])
        return self.t("source_via", producer=who, outlet=outlet)

    def lang_of(self, text: str) -> str | None:
        """The lang a name needs on this page: None when it is in the page's language (or has no Chinese
        characters); else the locale of its script, a name that reads the same in both scripts taken as
        the page's own form on Chinese pages and as the canonical script's on English ones."""
        script = script_of(text)
        if script is None:
            return None
        script = script or self.loc.script or self.conv.canonical
        return None if script == self.loc.script else script_locale(script).code

    def quote_lang(self, script: str) -> str:
        return script_locale(script).code


def _magnitude(r: DataRow) -> DataRow:
    """The row without its sign, for text whose verb says the direction ("fell {drop:abs}")."""
    ends = sorted(abs(v) for v in (r.value, r.value_high) if v is not None)
    signed = r.value < 0 or (r.value_high or 0) < 0
    if not signed:
        return r
    return r.model_copy(update={"value": ends[0], "value_high": ends[1] if len(ends) > 1 else None})
