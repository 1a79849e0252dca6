"""The PDF edition: one print report per locale, from our own print templates, rendered by WeasyPrint.

    LocaleView + ChartSet ──▶ templates/print/report.html.j2 (HTML, autoescaped) + report.css (paged media)
                           ──▶ WeasyPrint ──▶ build/pdf/sinoreport-<locale>.pdf

Charts are the charts stage's vector SVGs, inline; fonts are Debian's Noto Sans CJK (SC for zh-Hans,
TC for zh-Hant: regional glyph forms differ), embedded and subset by WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from sinoreport.charts import Chart, ChartSet, render_charts
from sinoreport.config import Settings
from sinoreport.corpus import Corpus, Row
from sinoreport.i18n.convert import Converter, join_cjk
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, ShownFinding, Strings
from sinoreport.model import Article, Brief, Status
from sinoreport.render.mentions import report_companies
from sinoreport.render.text import mark_han

CJK_FONTS = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC", "en": "Noto Sans CJK SC"}
CHART_FONTS = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC", "en": "Liberation Sans"}
FONT_PACKAGE = "fonts-noto-cjk"
_SVG_FONT = re.compile(r'font-family="[^"]*"')


class PdfError(Exception):
    pass


def pdf_path(settings: Settings, locale: str) -> Path:
    return settings.build_dir / "pdf" / f"sinoreport-{locale}.pdf"


def require_fonts(locales: list[str]) -> None:
    """Fail early, naming the package, when the CJK fonts the editions need are not installed."""
    if shutil.which("fc-list") is None:
        raise PdfError(f"fontconfig (fc-list) not found; install the Debian packages fontconfig and {FONT_PACKAGE}")
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    missing = sorted({CJK_FONTS[loc] for loc in locales if CJK_FONTS[loc] not in families})
    if missing:
        raise PdfError(
            f"no CJK font found ({', '.join(missing)}): install the Debian package {FONT_PACKAGE} "
            f"(`apt-get install {FONT_PACKAGE}`; `make pdf` does it for you)"
        )


# --------------------------------------------------------------------------- content


_CITE = re.compile(r"\[\^(\d+)\]")
_CHART = re.compile(r"^@chart\(([a-z0-9-]+)\)\s*$", re.M)


@dataclass
class Edition:
    """Everything the print template needs, in one locale."""

    v: LocaleView
    charts: ChartSet
    articles: list[Article]
    briefs: list[Brief]
    source_no: dict[str, int]  # article id → number in the sources list
    full_articles: bool = True  # every article in full, or the compact annex (PdfSettings)
    web: str = ""  # the site's URL of this locale, for the annex's links
    findings: list[ShownFinding] = field(default_factory=list)  # the home page's: the executive summary

    def row_anchor(self, r: Row) -> str:
        """Where a key finding's value links: its row in the article's figures, or the article's entry in
        the sources when the articles are an annex (their figures are on the website)."""
        return f"row-{r.article}-{r.index + 1}" if self.full_articles else f"src-{r.article}"

    def article_url(self, a: Article) -> str:
        return f"{self.web}articles/{a.id}/"

    @staticmethod
    def one_line(text: str, limit: int = 140) -> str:
        """The summary's first sentence, cut at a clause when it is long."""
        text = " ".join(text.split())
        for end in ("。", ". ", "！", "？"):
            i = text.find(end)
            if 0 < i < limit:
                return text[: i + len(end)].strip()
        if len(text) <= limit:
            return text
        cut = text[:limit]
        for sep in ("；", "，", ", ", " "):
            i = cut.rfind(sep)
            if i > limit // 2:
                return cut[:i] + "…"
        return cut + "…"

    def cite(self, brief: Brief, n: int) -> Markup:
        aid = brief.cites[n - 1] if 0 < n <= len(brief.cites) else None
        if aid is None or aid not in self.source_no:
            return Markup("")
        no = self.source_no[aid]
        return Markup(f'<sup class="cite"><a href="#src-{escape(aid)}">{no}</a></sup>')

    def marked(self, text: str) -> Markup:
        """Text for the page, the Chinese words inside English (a term a definition quotes) marked with
        their lang, as on the site's English pages."""
        html = escape(text)
        return html if self.v.loc.zh else Markup(mark_han(html, self.v.lang_of))

    def brief_html(self, b: Brief) -> Markup:
        """A brief body: our Markdown, raw HTML kept inert, citations → the sources list, charts inline."""
        import markdown

        text = getattr(b.body, "zh" if self.v.loc.zh else "en") or ""
        if self.v.loc.zh:
            text = self.v.zh(join_cjk(text, markdown=True))
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = re.sub(r"^&gt;", ">", text, flags=re.M)
        text = re.sub(r"\]\((?!https?://)[^)]*\)", "]", text)  # web-relative links mean nothing on paper
        marks: dict[str, Markup] = {}

        def keep(html: Markup) -> str:
            key = f"SRMARK{len(marks)}X"
            marks[key] = html
            return key

        text = _CITE.sub(lambda m: keep(self.cite(b, int(m.group(1)))), text)
        text = _CHART.sub(lambda m: "\n\n" + keep(self.chart(m.group(1))) + "\n\n", text)
        html = markdown.markdown(text, extensions=["sane_lists"])
        html = html.replace("<h2>", '<h3 class="brief-h">').replace("</h2>", "</h3>")
        for key, value in marks.items():
            html = html.replace(f"<p>{key}</p>", str(value)).replace(key, str(value))
        return Markup(html if self.v.loc.zh else mark_han(Markup(html), self.v.lang_of))

    def card(self, ch: Chart) -> str:
        v = self.v
        items = []
        for r in ch.card:
            kind = f' <span class="kind">{escape(v.kind(r.row.kind))}</span>' if r.row.kind != "actual" else ""
            what = v.punct(" · ").join([v.name_of(r.row.entity), v.name_of(r.row.metric), v.period(r.row.period)])
            items.append(f'<p class="card"><span class="value">{escape(v.value(r.row))}{kind}</span>'
                         f'<span class="label">{escape(what)}</span></p>')
        return f'<div class="cards">{"".join(items)}</div>'

    def figure(self, ch: Chart) -> str:
        if ch.card:
            return (f'<figure class="chart">{self.card(ch)}'
                    f"<figcaption><b>{escape(ch.title)}</b> — {escape(ch.takeaway)}</figcaption></figure>")
        # The web SVG names a stack of fonts readers may have; WeasyPrint's SVG renderer does not walk
        # such a stack, so on paper the text is set in the edition's own (embedded) face.
        face = CHART_FONTS[self.v.loc.code]
        svg = _SVG_FONT.sub(f'font-family="{face}"', ch.svg)
        return (f'<figure class="chart"><div class="svg">{svg}</div>'
                f"<figcaption><b>{escape(ch.title)}</b> — {escape(ch.takeaway)}</figcaption></figure>")

    def chart(self, chart_id: str) -> Markup:
        ch = self.charts.get(chart_id)
        return Markup(self.figure(ch)) if ch is not None and (ch.svg or ch.card) else Markup("")

    def company_charts(self, company: str) -> Markup:
        return Markup("".join(self.figure(c) for c in self.charts.for_company(company) if c.svg or c.card))


def edition(settings: Settings, corpus: Corpus, locale: str) -> Edition:
    loc = LOCALES[locale]
    conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.of(settings)
    v = LocaleView(corpus, loc, conv, strings, settings.language.default_locale)
    charts = render_charts(corpus, v, settings)
    articles = [a for a in corpus.published() if a.status == Status.curated]
    by_date = sorted(articles, key=lambda a: (a.date or dt.date.min, a.id))
    briefs = sorted(corpus.briefs.values(), key=lambda b: (b.order, b.id))
    mode = settings.pdf.articles
    full = mode == "full" or (mode == "auto" and len(articles) <= settings.pdf.full_articles)
    web = settings.site.url.rstrip("/") + "/" + loc.prefix(settings.language.default_locale)
    return Edition(v, charts, articles, briefs, {a.id: i for i, a in enumerate(by_date, 1)}, full, web,
                   [v.finding(f) for f in corpus.findings])


# --------------------------------------------------------------------------- rendering


def _env(settings: Settings) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in settings.template_dirs("print")]),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(s: object) -> Markup:
    """A CSS string literal that is safe inside <style>: quotes, backslashes and `<` escaped."""
    text = str(s).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{text}"')


def render_html(settings: Settings, corpus: Corpus, locale: str) -> str:
    ed = edition(settings, corpus, locale)
    v = ed.v
    title = settings.site.title.get(locale) or settings.site.title["en"]
    listed = report_companies(corpus, v.conv, settings.language.locales, ed.articles, ed.briefs)  # as the site lists
    companies = sorted(listed, key=lambda c: v.name(c).lower())
    datasets = sorted(corpus.datasets.values(), key=lambda d: (d.order, d.id))
    ctx: dict[str, Any] = {
        "ed": ed, "v": v, "t": v.t, "title": title,
        # the locale as the cover names it: sinoreport.yml's label for it, if any
        "loc": replace(v.loc, name=settings.language.labels.get(locale, v.loc.name)),
        "edition": dt.date.fromisoformat(settings.site.edition),
        "author": settings.site.author,
        "full": [c for c in companies if c.tier == "full"],
        "short": [c for c in companies if c.tier != "full"],
        "datasets": [(d, corpus.rows_for(dataset=d.id)) for d in datasets],
        "glossary": sorted(corpus.glossary.values(), key=lambda t: v.name(t).lower()),
        "sources": sorted(ed.articles, key=lambda a: ed.source_no[a.id]),
        "font": CJK_FONTS[locale],
        # the edition's CJK face, written in (WeasyPrint does not resolve var() inside font-family)
        "css": Markup(settings.template_file("print/report.css").read_text(encoding="utf-8")
                      .replace("var(--cjk)", f'"{CJK_FONTS[locale]}"').replace("</", "<\\/")),
    }
    return _env(settings).get_template("report.html.j2").render(**ctx)


def write_pdf(settings: Settings, corpus: Corpus, locale: str) -> Path:
    from weasyprint import HTML

    html = render_html(settings, corpus, locale)
    out = pdf_path(settings, locale)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    HTML(string=html, base_url=str(settings.template_file("print/report.css").parent)).write_pdf(
        tmp, uncompressed_pdf=False, pdf_identifier=f"sinoreport-{locale}-{settings.site.edition}".encode(),
    )
    tmp.replace(out)  # a reader never sees half a PDF
    return out
