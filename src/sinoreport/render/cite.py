""""Cite this": a page as a formatted citation in its locale's convention, as BibTeX and as CSL-JSON.

Pure functions over a `Citable` (plain data the renderer fills in):

- English: author (the outlet for an article page, the report's author otherwise), “title,” the report,
  the publication date, the edition, the stable URL, the accessed date.
- Chinese: GB/T 7714-2015, `作者. 题名[EB/OL]. 版本. 出版者, (发布日期)[引用日期]. URL.`, with the
  document type code of the work (EB/OL a web page, R/OL a report, DS/OL a data set) and the text in the
  locale's script as the caller gives it (the fixed parts, 版 and the codes, are the same in both).
- BibTeX: biblatex's `@online` with `version` (the edition), `urldate`, `langid`; a key that stays the
  same across builds (`<report>-<kind>-<id>`, plus the locale for a Chinese page).
- CSL-JSON: one item (Zotero, Pandoc citeproc and Mendeley read it).

The accessed date is the edition's date: builds are reproducible, and the edition is the snapshot the
citation describes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
GB_TYPES = {"article": "EB/OL", "brief": "R/OL", "dataset": "DS/OL", "chart": "EB/OL", "page": "EB/OL"}
CSL_TYPES = {"article": "webpage", "brief": "report", "dataset": "dataset", "chart": "figure", "page": "webpage"}
LANGID = {"en": "english", "zh-Hans": "chinese", "zh-Hant": "chinese"}


@dataclass(frozen=True)
class Citable:
    kind: str  # article | brief | dataset | chart
    ident: str  # the page's id (stable: ids never change once published)
    locale: str
    title: str  # in the locale
    author: str  # the outlet (an article page) or the report's author
    site: str  # the report's title in the locale
    url: str  # the page's absolute URL
    edition: dt.date
    published: dt.date | None = None
    accessed: dt.date | None = None  # default: the edition's date
    prefix: str = "sinoreport"  # of the BibTeX key: the report's author, as a slug

    @property
    def zh(self) -> bool:
        return self.locale.startswith("zh")

    @property
    def seen(self) -> dt.date:
        return self.accessed or self.edition


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str
    csl: str  # CSL-JSON, pretty-printed
    key: str


def en_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def key(c: Citable) -> str:
    """A BibTeX key that stays the same across builds: `<prefix>-<kind>-<id>`, `-<locale>` on Chinese."""
    prefix = re.sub(r"[^a-z0-9]+", "-", c.prefix.lower()).strip("-") or "sinoreport"
    base = f"{prefix}-{c.kind}-{c.ident}"
    return base if not c.zh else f"{base}-{c.locale.lower()}"


def formatted(c: Citable) -> str:
    """The citation as a reader copies it into a reference list."""
    if c.zh:
        when = f"({c.published.isoformat()})" if c.published else ""
        return (f"{c.author}. {c.title}[{GB_TYPES.get(c.kind, 'EB/OL')}]. {c.edition.isoformat()}版. "
                f"{c.site}, {when}[{c.seen.isoformat()}]. {c.url}.")
    end = "" if c.title[-1:] in ".?!" else "."
    when = f", {en_date(c.published)}" if c.published else ""
    return (f"{c.author}. “{c.title}{end}” {c.site}{when}. Edition of {en_date(c.edition)}. {c.url}. "
            f"Accessed {en_date(c.seen)}.")


_BIB_ESCAPE = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
               "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(s: str) -> str:
    return "".join(_BIB_ESCAPE.get(ch, ch) for ch in s)


def bibtex(c: Citable) -> str:
    fields: list[tuple[str, str]] = [
        ("author", "{" + bib_escape(c.author) + "}"),  # braced: a corporate name, not "Last, First"
        ("title", "{" + bib_escape(c.title) + "}"),
        ("organization", bib_escape(c.site)),
    ]
    if c.published:
        fields += [("date", c.published.isoformat()), ("year", str(c.published.year))]
    else:
        fields.append(("year", str(c.edition.year)))
    fields += [("version", c.edition.isoformat()), ("url", c.url), ("urldate", c.seen.isoformat()),
               ("langid", LANGID.get(c.locale, "english"))]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@online{{{key(c)},\n{body}\n}}\n"


def _parts(d: dt.date) -> dict[str, Any]:
    return {"date-parts": [[d.year, d.month, d.day]]}


def csl(c: Citable) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": key(c),
        "type": CSL_TYPES.get(c.kind, "webpage"),
        "title": c.title,
        "author": [{"literal": c.author}],
        "container-title": c.site,
        "publisher": c.site if c.kind == "article" else c.author,
        "version": c.edition.isoformat(),
        "URL": c.url,
        "accessed": _parts(c.seen),
        "language": c.locale,
    }
    if c.published:
        item["issued"] = _parts(c.published)
    return item


_DATE_PARTS = re.compile(r"\[\s+\[\s+(\d+),\s+(\d+),\s+(\d+)\s+\]\s+\]")


def csl_json(c: Citable) -> str:
    text = json.dumps([csl(c)], ensure_ascii=False, indent=2, sort_keys=True)
    return _DATE_PARTS.sub(r"[[\1, \2, \3]]", text) + "\n"  # a date on one line


def cite(c: Citable) -> Citation:
    return Citation(text=formatted(c), bibtex=bibtex(c), csl=csl_json(c), key=key(c))
