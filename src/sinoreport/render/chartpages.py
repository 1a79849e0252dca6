"""A chart's own page (`charts/<id>/`), its chart-only view for embedding (`charts/<id>/embed/`), its
image downloads (PNG and SVG with the source drawn in, charts/export.py), and "Cite this" for every page
that can be cited (render/cite.py), with its BibTeX and CSL-JSON as files beside the pages.

The renderer (render/pages.py) yields the pages and asks here for their contexts; the files come with
the locale's other files (render/extras.py).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sinoreport.charts import Chart, ChartSet
from sinoreport.charts import export as ex
from sinoreport.charts.registry import cache_dir
from sinoreport.render.catalogue import path_of
from sinoreport.render.cite import Citable, Citation, cite
from sinoreport.render.text import attr, html_text

if TYPE_CHECKING:
    from sinoreport.render.view import View

_HEIGHT = re.compile(r'<svg\b[^>]*?\sheight="([\d.]+)"')
_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"')


# --------------------------------------------------------------------------- URLs and files


def absolute(renderer, v: View, path: str) -> str:
    """The stable absolute URL of a page of this locale (site.url + the locale's prefix + its folder)."""
    from sinoreport.render.view import page_url

    base = renderer.settings.site.url.rstrip("/") + "/"
    return base + v.loc.prefix(renderer.settings.language.default_locale) + page_url(path)


def image_path(chart_id: str, locale: str, ext: str) -> str:
    """A chart's image download in the locale's tree, beside its page: charts/<id>/<id>-<locale>.<ext>."""
    return f"charts/{chart_id}/{chart_id}-{locale}.{ext}"


def exportable(chart: Chart) -> bool:
    return chart.ready and chart.spec is not None


def export_text(renderer, v: View, chart: Chart) -> ex.ExportText:
    return ex.ExportText(
        title=chart.title,
        source=ex.source_line(v, chart),
        edition=v.t("edition_of", date=v.date(renderer.edition)),
        licence=renderer.settings.site.licence,
        url=absolute(renderer, v, path_of("chart", chart.id)),
    )


def exports(renderer, v: View, charts: ChartSet) -> dict[str, ex.Export]:
    """Chart id → its PNG and SVG in this locale, made once per locale and build (cached on disk)."""
    made: dict[str, dict[str, ex.Export]] = renderer.__dict__.setdefault("_chart_exports", {})
    code = v.loc.code
    if code not in made:
        todo = [c for c in charts.all() if exportable(c)]
        out = ex.exports([(c.spec, export_text(renderer, v, c), code) for c in todo],
                         cache_dir(renderer.settings))
        made[code] = dict(zip((c.id for c in todo), out, strict=True))
    return made[code]


def chart_files(renderer, v: View, charts: ChartSet) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for chart_id, e in exports(renderer, v, charts).items():
        out[image_path(chart_id, v.loc.code, "png")] = e.png
        out[image_path(chart_id, v.loc.code, "svg")] = e.svg.encode("utf-8")
    return out


# --------------------------------------------------------------------------- citations


def _site_title(renderer, v: View) -> str:
    s = renderer.settings
    return s.site.title.get(v.loc.code) or s.site.title.get("en", "sinoreport")


def citable(renderer, v: View, kind: str, ident: str) -> Citable | None:
    """What a citation of a page says, in this locale; None for an id the corpus does not have."""
    s = renderer.settings
    site = _site_title(renderer, v)
    c = renderer.corpus
    if kind == "article":
        a = c.articles.get(ident)
        if a is None:
            return None
        return Citable("article", a.id, v.loc.code, v.article_title(a), v.outlet_name(a), site,
                       absolute(renderer, v, path_of("article", a.id)), renderer.edition, a.date, prefix=s.site.author)
    if kind == "brief":
        b = c.briefs.get(ident)
        if b is None:
            return None
        return Citable("brief", b.id, v.loc.code, v.name(b.title), s.site.author, site,
                       absolute(renderer, v, path_of("brief", b.id)), renderer.edition, b.date, prefix=s.site.author)
    if kind == "dataset":
        d = c.datasets.get(ident)
        if d is None:
            return None
        return Citable("dataset", d.id, v.loc.code, v.name(d.title), s.site.author, site,
                       absolute(renderer, v, path_of("data")) + f"#dataset-{d.id}", renderer.edition,
                       prefix=s.site.author)
    return None


def chart_citable(renderer, v: View, chart: Chart) -> Citable:
    """A chart's citation: its title is the locale's chart's (charts are not in the corpus)."""
    s = renderer.settings
    return Citable("chart", chart.id, v.loc.code, chart.title, s.site.author, _site_title(renderer, v),
                   absolute(renderer, v, path_of("chart", chart.id)), renderer.edition, prefix=s.site.author)


def cite_path(kind: str, ident: str, ext: str) -> str:
    return f"cite/{kind}/{ident}.{ext}"


def cite_files(renderer, v: View, charts: ChartSet) -> dict[str, bytes]:
    """Every citable page's BibTeX and CSL-JSON, in the locale's tree (cite/<kind>/<id>.bib, .json)."""
    items: list[Citable | None] = [citable(renderer, v, "article", a.id) for a in renderer.idx.articles]
    items += [citable(renderer, v, "brief", b.id) for b in renderer.briefs_sorted()]
    items += [citable(renderer, v, "dataset", d) for d in sorted(renderer.corpus.datasets)]
    items += [chart_citable(renderer, v, ch) for ch in charts.all()]
    out: dict[str, bytes] = {}
    for item in items:
        if item is None:
            continue
        c = cite(item)
        out[cite_path(item.kind, item.ident, "bib")] = c.bibtex.encode("utf-8")
        out[cite_path(item.kind, item.ident, "json")] = c.csl.encode("utf-8")
    return out


def _pre(text: str) -> str:
    """Text for <pre>, its lines kept (no blank line: inside a Markdown page it is one raw HTML block)."""
    lines = [ln for ln in text.rstrip().split("\n") if ln.strip()]
    return html.escape("\n".join(lines), quote=False).replace('"', "&quot;").replace("'", "&#39;")


def cite_block(v: View, item: Citable | None, *, level: int | None = 2, heading: str | None = None) -> str:
    """The "Cite this" block: the citation as text, BibTeX and CSL-JSON shown (no script needed) with
    links to their files; a copy button is added by templates/assets/cite.js where scripts run."""
    if item is None:
        return ""
    c: Citation = cite(item)
    text = heading or v.t("cite_this")
    hid = f"cite-{item.kind}-{item.ident}" if item.kind == "dataset" else "cite-this"
    bib, csl = v.asset(cite_path(item.kind, item.ident, "bib")), v.asset(cite_path(item.kind, item.ident, "json"))
    copy = html_text(v.t("cite_copy"))
    copied = attr(v.t("cite_copied"))
    button = f'<button type="button" class="sr-copy" hidden data-copied="{copied}">{copy}</button>'

    def code(label: str, body: str, href: str, ext: str) -> str:
        return (f'<details class="sr-cite-code"><summary>{label}</summary>\n'
                f'<pre><code>{_pre(body)}</code></pre>\n'
                f'<p><a href="{attr(href)}" download="{attr(c.key)}.{ext}">{html_text(v.t("download"))}'
                f'{v.punct(" (")}{label}{v.punct(")")}</a> {button}</p>\n</details>')

    # level None: a label, not a heading (the Data page's one per dataset would fill its table of contents)
    head = (f'<h{level} id="{attr(hid)}">{html_text(text)}</h{level}>' if level else
            f'<p class="sr-cite-head" id="{attr(hid)}"><strong>{html_text(text)}</strong></p>')
    return (f'<section class="sr-cite" aria-labelledby="{attr(hid)}">\n'
            f'{head}\n'
            # the reference as the standard writes it (GB/T 7714: half-width marks): not our prose
            f'<p class="sr-cite-text"><span class="sr-verbatim">{html_text(c.text)}</span> '
            f"{button}</p>\n"
            f'{code("BibTeX", c.bibtex, bib, "bib")}\n{code("CSL-JSON", c.csl, csl, "json")}\n</section>')


def dataset_cite(renderer, v: View, d) -> str:
    """A dataset's "Cite this" on the Data page (a section per dataset, under the table)."""
    heading = f"{v.t('cite_dataset')}{v.punct(': ')}{v.name(d.title)}"
    return cite_block(v, citable(renderer, v, "dataset", d.id), level=None, heading=heading)


# --------------------------------------------------------------------------- contexts


def _svg_size(svg: str) -> tuple[int, int]:
    w, h = _WIDTH.search(svg), _HEIGHT.search(svg)
    return (round(float(w.group(1))) if w else 600, round(float(h.group(1))) if h else 400)


def chart_ctx(renderer, v: View, chart: Chart, charts: ChartSet) -> dict[str, Any]:
    """A chart's page: the figure (Chart | Table), takeaway, sources, downloads, embed snippet, citation."""
    from sinoreport.render.chartblock import chart_block, chart_table, sources_html

    e = exports(renderer, v, charts).get(chart.id)
    code = v.loc.code
    embed_url = absolute(renderer, v, path_of("chart-embed", chart.id))
    _, h = _svg_size(chart.svg) if chart.svg else (0, 240)
    snippet = (f'<iframe src="{attr(embed_url)}" title="{attr(chart.title)}" width="100%" height="{h + 140}" '
               f'style="border:0;max-width:100%" loading="lazy"></iframe>')
    files = []
    if e is not None:
        files.append((v.t("chart_png", width=e.width), v.asset(image_path(chart.id, code, "png"))))
        files.append((v.t("chart_svg"), v.asset(image_path(chart.id, code, "svg"))))
    data = [(f"{d}.{x}", v.asset(f"data/{d}.{x}")) for d in chart.datasets for x in ("csv", "json")]
    return {
        "chart": chart,
        "figure": Markup(chart_block(v, chart, own_page=True)),
        "table": Markup(chart_table(v, chart)),
        "sources": Markup(sources_html(v, chart)),
        "images": files,
        "data_files": data,
        "embed_snippet": snippet,
        "embed_href": v.href(path_of("chart-embed", chart.id)),
        "permalink": absolute(renderer, v, path_of("chart", chart.id)),
        "cite": Markup(cite_block(v, chart_citable(renderer, v, chart))),
        "licence": renderer.settings.site.licence,
        "licence_url": renderer.settings.site.licence_url,
        "edition": renderer.edition,
    }


def embed_ctx(renderer, v: View, chart: Chart) -> dict[str, Any]:
    from sinoreport.render.chartblock import card
    from sinoreport.render.view import page_url

    here = v.loc.prefix(renderer.settings.language.default_locale) + page_url(path_of("chart-embed", chart.id))
    return {
        "chart": chart,
        # the site's own icon (a browser asks for /favicon.ico otherwise), relative: any mirror serves it
        "icon": "../" * here.count("/") + "assets/sinoreport/favicon.svg",
        "figure": Markup(chart.svg if chart.svg else card(v, chart) if chart.card else ""),
        "source": ex.source_line(v, chart),
        "back": v.href(path_of("chart", chart.id)),
        "edition": v.t("edition_of", date=v.date(renderer.edition)),
        "licence": renderer.settings.site.licence,
        "licence_url": renderer.settings.site.licence_url,
    }
