"""Project settings, read once from `sinoreport.yml` at the project root.

Settings are grouped by concern (project, paths, language, site, build), each with defaults,
so a synthetic project or a test fixture only states what differs from the report we ship.
"""

from __future__ import annotations

import errno
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CONFIG_NAME = "sinoreport.yml"
SITE_URL_ENV = "SINOREPORT_SITE_URL"  # set: the site's URL, over sinoreport.yml's site.url
# The general templates every project starts from (site/, print/, overrides/, assets/, strings.yaml); a
# project's templates/ folder overrides them file by file (`Settings.template_roots`).
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"


def cores() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def process_pool(workers: int, init: Callable[..., None] | None = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """Worker processes started fresh (spawn: no threads or locks inherited mid-use) that exit when the
    process that made them is gone, however it ended: a killed build or test run leaves none behind
    (idle workers would otherwise wait on their queue forever). `init(*initargs)` runs once in each
    worker: what every task needs (the corpus) is sent once per worker, not once per task."""
    return ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_start_worker,
                               initargs=(os.getpid(), init, initargs))


def _start_worker(parent: int, init: Callable[..., None] | None, initargs: tuple) -> None:
    _exit_with_parent(parent)
    if init is not None:
        init(*initargs)


def _exit_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="sinoreport-parent-watch", daemon=True).start()


def locale_jobs(locales: int, size: int, threshold: int) -> int:
    """Processes for work split by locale (render, MkDocs, search index): SINOREPORT_JOBS when set;
    otherwise one per locale once the work (`size`) is large enough to pay for a worker's start-up and
    there are two cores or more — three locales on two cores finish sooner than two workers."""
    env = os.environ.get("SINOREPORT_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return min(int(env), locales)
    return locales if cores() >= 2 and size >= threshold else 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PathSettings(_Strict):
    content: str = "content"
    data: str = "data"
    templates: str = "templates"
    build: str = "build"
    # Where raw digests live. Provenance checks read quotes back from these; a missing
    # directory is not an error (a clean clone has no ../shared), it just skips those checks.
    raw: list[str] = Field(default_factory=lambda: ["raw", "../shared/seeds"])


class LanguageSettings(_Strict):
    # Chinese prose in content/ and data/ is written once in this script; the other is derived.
    # Traditional (Taiwan) is canonical because the sources are, and because Traditional to
    # Simplified is a many-to-one mapping (safe) while the reverse is one-to-many (發/髮, 後/后).
    canonical_script: Literal["hant", "hans"] = "hant"
    locales: list[str] = Field(default_factory=lambda: ["en", "zh-Hans", "zh-Hant"])
    default_locale: str = "en"
    # each locale's name, in its own language (the language switcher, the PDF edition's cover); unset:
    # English, 简体中文, 繁體中文, or what mkdocs.yml's i18n languages call it
    labels: dict[str, str] = Field(default_factory=dict)
    # One English spelling standard for our English prose (check warns on the other: favour, centre on
    # en-US); words kept as written because they belong to names ("centre" of a venue) in spelling_keep.
    spelling: Literal["en-US", "en-GB"] = "en-US"
    spelling_keep: list[str] = Field(default_factory=list)


class PagesSettings(_Strict):
    """The sections a site has besides its home, articles and About pages (`site.pages` in sinoreport.yml;
    each `true` unless turned off). A section turned off has no pages, no tab, no search results, and no
    page links to it: names that would link to it (a company in a summary, a glossary term) stay text."""

    briefs: bool = True  # the analysis briefs (briefs/)
    companies: bool = True  # company profiles and their article lists (companies/)
    tags: bool = True  # tag listings (tags/)
    glossary: bool = True  # the glossary (glossary/)
    data: bool = True  # the Data page (data/index.md); the downloads (data/<id>.json, .csv) stay

    def hidden(self) -> frozenset[str]:
        return frozenset(name for name, on in self.model_dump().items() if not on)


class HomeSettings(_Strict):
    # The home page's "at a glance" table: these companies (ids of data/companies/), in this order, with
    # their sectors and their ratings on every scorecard one of them is scored on. Empty: no table.
    # Its heading is the interface string `home_companies`.
    companies: list[str] = Field(default_factory=list)


class SiteSettings(_Strict):
    # where the site is published, with its path: https://example.org/report/ for a site served under
    # /report/ (a GitHub Pages project site is under /<repository>/); canonical URLs, hreflang, the
    # sitemap, feeds and the PDF's links are made from it, every link between pages is relative
    url: str = "https://sinoreport.example/"
    # the site's name per locale (mkdocs.yml's site_name follows it), the PDF's title
    title: dict[str, str] = Field(
        default_factory=lambda: {"en": "Research report", "zh-Hans": "研究报告", "zh-Hant": "研究報告"})
    author: str = "sinoreport"
    # The edition date printed on the report; also the reproducible-build timestamp.
    edition: str = "2025-11-28"
    # The licence the report's text, data and chart images are published under: drawn into every chart
    # image, named in citations and on chart pages
    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    page_size: int = Field(default=30, ge=5, description="rows per page on paginated indexes")
    latest: int = Field(default=6, ge=1, description="articles listed on the home page")
    pages: PagesSettings = Field(default_factory=PagesSettings)
    home: HomeSettings = Field(default_factory=HomeSettings)


class PdfSettings(_Strict):
    # A print edition of a large report carries its findings, briefs, profiles and data in full and its
    # articles as a compact annex (title, outlet, date, one-line summary, link); "auto" prints every
    # article in full up to `full_articles` of them.
    articles: Literal["auto", "full", "annex"] = "auto"
    full_articles: int = Field(default=120, ge=0)


class Settings(_Strict):
    project: PathSettings = Field(default_factory=PathSettings)
    language: LanguageSettings = Field(default_factory=LanguageSettings)
    site: SiteSettings = Field(default_factory=SiteSettings)
    pdf: PdfSettings = Field(default_factory=PdfSettings)
    root: Path = Path(".")

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    def path(self, name: str) -> Path:
        p = self.root / getattr(self.project, name)
        try:
            return p.resolve()
        except RuntimeError:  # pathlib's word for a symbolic link loop: the OS error it is
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(p)) from None

    @cached_property
    def content_dir(self) -> Path:
        return self.path("content")

    @cached_property
    def data_dir(self) -> Path:
        return self.path("data")

    @cached_property
    def templates_dir(self) -> Path:
        return self.path("templates")

    @cached_property
    def template_roots(self) -> tuple[Path, ...]:
        """Where templates are looked up, the first that has a file winning: the project's templates/
        (any file of the package's, at the same path, overrides it), then the package's."""
        own = self.templates_dir
        return (PACKAGE_TEMPLATES,) if own == PACKAGE_TEMPLATES else (own, PACKAGE_TEMPLATES)

    def template_dirs(self, sub: str) -> list[Path]:
        """A template folder (`site`, `print`, `overrides`, `assets`) in lookup order: the project's, then
        the package's (a Jinja loader's search path)."""
        return [root / sub for root in self.template_roots]

    def template_file(self, rel: str) -> Path:
        """The file a template path names: the project's when it has one, else the package's."""
        for root in self.template_roots:
            if (root / rel).is_file():
                return root / rel
        return PACKAGE_TEMPLATES / rel

    def strings_files(self) -> list[Path]:
        """The interface strings in the order they apply: the package's, then the project's
        templates/strings.yaml (a key there replaces the package's entry)."""
        return [p for root in reversed(self.template_roots) if (p := root / "strings.yaml").is_file()]

    @cached_property
    def build_dir(self) -> Path:
        return self.path("build")

    @property
    def docs_dir(self) -> Path:
        return self.build_dir / "docs"

    @property
    def site_dir(self) -> Path:
        return self.build_dir / "site"

    @property
    def raw_dirs(self) -> list[Path]:
        return [(self.root / d).resolve() for d in self.project.raw]


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above `start` holding sinoreport.yml (else `start`)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / CONFIG_NAME).is_file():
            return d
    return here


def load_settings(root: Path | None = None) -> Settings:
    """Read sinoreport.yml (located errors come from load.py, which owns YAML parsing)."""
    from sinoreport.load import load_yaml_model  # same stage: loading

    root = find_root(root)
    cfg = root / CONFIG_NAME
    given = load_yaml_model(cfg, _SettingsFile).model_dump(exclude_unset=True) if cfg.is_file() else {}
    url = os.environ.get(SITE_URL_ENV, "").strip()
    if url:  # where a CI job publishes it (the deploy workflow of `sinoreport new`: GitHub Pages' address)
        given["site"] = {**given.get("site", {}), "url": url if url.endswith("/") else url + "/"}
    return Settings(root=root, **given)


class _SettingsFile(_Strict):
    project: PathSettings = Field(default_factory=PathSettings)
    language: LanguageSettings = Field(default_factory=LanguageSettings)
    site: SiteSettings = Field(default_factory=SiteSettings)
    pdf: PdfSettings = Field(default_factory=PdfSettings)
