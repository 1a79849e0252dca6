"""One build of a project: load and check once, render every locale's pages once, and hand the result to
every output — the MkDocs tree (build/docs), the search index, the PDF editions.

    b = Build(settings, drafts=False)
    report = b.run()          # load → check → render → write build/docs (only changed files)
    b.corpus, b.report, b.files, b.catalogue

A Build is the only state a long-lived process keeps: `serve` holds one for its whole life, and what it
keeps between rebuilds (parsed files, raw digests, rendered pages, what was written) lives in its State,
not in module globals, so everything a rebuild reuses is forgotten together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sinoreport import fingerprints
from sinoreport.config import Settings
from sinoreport.load import Problem

if TYPE_CHECKING:
    from sinoreport.check import Report
    from sinoreport.corpus import Corpus
    from sinoreport.render.catalogue import Entry
    from sinoreport.render.memo import MemoStore


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class State:
    """What a Build reuses from one run to the next (serve): kept, and forgotten, together."""

    parsed: dict[Path, Any] = field(default_factory=dict)  # content files by path and bytes (corpus.py)
    digests: dict[Path, Any] = field(default_factory=dict)  # raw digests by path and bytes (check/raw.py)
    memo: MemoStore | None = None  # rendered pages, charts, downloads (render/memo.py)
    checks: dict[str, Any] = field(default_factory=dict)  # per-article check results (check/semantic.py)
    written: dict[str, dict] = field(default_factory=dict)  # what build/docs holds (render/writer.py)


class Build:
    def __init__(self, settings: Settings, *, drafts: bool = False, strict: bool = False, serving: bool = False,
                 pdf: bool = False, docs_dir: Path | None = None):
        self.settings = settings
        self.drafts = drafts or serving
        self.strict = strict
        self.serving = serving
        self.pdf = pdf  # this build makes the PDF editions (after the site); else it links the fresh ones
        self.pdfs: frozenset[str] = frozenset()  # the locales whose edition the pages link
        self.docs_dir = docs_dir or settings.docs_dir
        self.state = State()
        self.rendered_from: str | None = None  # the inputs build/docs was last rendered from
        self.corpus: Corpus | None = None
        self.report: Report | None = None
        self.files: dict[str, bytes] = {}
        self.catalogue: list[Entry] = []  # every page: kind, id, locale, URL (render/catalogue.py)
        self.reused = 0  # pages of the last run taken unchanged from the memo (serve)
        self.failed: list[Problem] = []  # serve: the errors of the last run that did not render
        self.failed_inputs: str | None = None  # … and the inputs they were found in

    # ------------------------------------------------------------------ inputs

    def inputs(self) -> str:
        s = self.settings
        return fingerprints.tree([s.content_dir, s.data_dir, *s.template_roots, s.root / "sinoreport.yml",
                                  s.root / "editions"])  # editions: the change log and revision marks

    def epoch(self) -> str:
        """The build's timestamp (sitemap, gzip headers): SOURCE_DATE_EPOCH, else the edition date."""
        edition = dt.datetime.fromisoformat(self.settings.site.edition).replace(tzinfo=dt.UTC)
        return os.environ.get("SOURCE_DATE_EPOCH") or str(int(edition.timestamp()))

    def stamp(self) -> str:
        """What the published site is made of, cheaply: the inputs, mkdocs.yml, our code and the engines'
        versions, this build's options. A site built from the same stamp is up to date (build_site)."""
        s = self.settings
        parts = [self.inputs(), fingerprints.tree([s.root / "mkdocs.yml"]),
                 fingerprints.code("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "weasyprint"),
                 f"drafts={self.drafts} strict={self.strict} pdf={self.pdf}", self.epoch()]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def fresh(self) -> bool:
        """build/docs was rendered from the inputs as they are now (by this Build, or by the process that
        started this one: see `adopt`)."""
        return self.rendered_from is not None and self.rendered_from == self.inputs() and self.docs_dir.is_dir()

    def adopt(self) -> Build:
        """Take build/docs as rendered: a worker process building one locale of a tree its parent made."""
        self.rendered_from = self.inputs()
        return self

    # ------------------------------------------------------------------ the run

    def load(self) -> Corpus:
        from sinoreport.corpus import load_corpus

        return load_corpus(self.settings, include_drafts=self.drafts, parsed=self.state.parsed)

    def check(self, corpus: Corpus) -> Report:
        from sinoreport.check import RawIndex, run_checks
        from sinoreport.check.raw import remembered

        raw = RawIndex(self.settings.raw_dirs, remembered(self.settings.root), digests=self.state.digests)
        return run_checks(corpus, self.settings, strict=self.strict, raw=raw,
                          memo=self.state.checks if self.serving else None)

    def run(self, *, render_with_errors: bool = False, write: bool = True) -> Report:
        """Load, check and render build/docs (only changed files written; nothing with `write=False`).
        Content errors raise BuildFailed and leave build/docs as it was — unless `render_with_errors` (a
        preview's first build: there is no last good site to keep, so show what can be shown). A strict
        build also reads the Chinese of every rendered page (check/register.py's lint_site): what the
        templates put between strings, which the checks of content/ and data/ cannot see."""
        from sinoreport.render.errors import RenderError
        from sinoreport.render.extras import pdf_name
        from sinoreport.render.html import broken_links
        from sinoreport.render.memo import MemoStore
        from sinoreport.render.pages import catalogue_of, start_render
        from sinoreport.render.writer import write_tree

        inputs = self.inputs()
        corpus = self.load()
        self.pdfs = self.linked_pdfs(corpus)
        report: Report | None = None
        if self.drafts:  # draft pages show their open problems: the checks come first
            report = self.check(corpus)
            corpus.open_problems = report.drafts
        if self.serving and self.state.memo is None:
            self.state.memo = MemoStore()
        reused_before = self.state.memo.reused if self.state.memo is not None else 0
        # a large corpus renders in worker processes: they start, and take in the corpus, during the checks
        with start_render(self.settings, corpus, drafts=self.drafts, memo=self.state.memo,
                          pdfs=self.pdfs) as render:
            if report is None:
                report = self.check(corpus)
            if not report.ok and not render_with_errors:
                self.failed, self.failed_inputs = report.errors, inputs
                raise BuildFailed(f"{len(report.errors)} content error(s)", report.problems)
            try:
                files = render()
            except RenderError as e:
                self.failed, self.failed_inputs = e.problems, inputs
                raise BuildFailed("rendering failed", e.problems) from None
        broken = broken_links(files, self.settings.language.locales, {pdf_name(c) for c in self.pdfs})
        if broken:
            self.failed, self.failed_inputs = broken, inputs
            raise BuildFailed(f"{len(broken)} broken link(s)", broken)
        if self.strict:
            from sinoreport.check.register import lint_site

            on_pages = lint_site(self.settings, corpus, files)
            if on_pages:
                self.failed, self.failed_inputs = on_pages, inputs
                raise BuildFailed(f"{len(on_pages)} problem(s) in the Chinese of rendered pages", on_pages)
        if not write:
            self.rendered_from, self.corpus, self.report, self.files = None, corpus, report, files
            return report
        write_tree(self.docs_dir, files, seen=self.state.written.setdefault(str(self.docs_dir), {})
                   if self.serving else None)
        self.catalogue = catalogue_of(self.settings, corpus, drafts=self.drafts, files=files)
        self.reused = self.state.memo.reused - reused_before if self.state.memo is not None else 0
        self.failed = [] if report.ok else report.errors
        self.rendered_from, self.corpus, self.report, self.files = inputs, corpus, report, files
        return report

    def linked_pdfs(self, corpus: Corpus) -> frozenset[str]:
        """Every locale's edition when this build makes them; else those in build/pdf made from exactly
        these inputs (a stale edition is never linked: its figures could differ from the pages')."""
        if self.pdf:
            return frozenset(self.settings.language.locales)
        if self.serving:
            # a preview shows drafts and changes with every edit; an edition is made by `build` from the
            # curated corpus, and linking one would make every page's memo key follow its freshness
            return frozenset()
        from sinoreport.pdf.editions import fresh_locales

        return frozenset(fresh_locales(self.settings, corpus.without_drafts()))

    def copy_pdfs(self, site: Path, *, required: bool = False) -> None:
        """The editions the pages link, beside them in `site` (each locale's own folder). `required`: each
        must exist (the pages link it; a site without it would have a broken link)."""
        import shutil

        from sinoreport.pdf import pdf_path
        from sinoreport.render.extras import pdf_name

        default = self.settings.language.default_locale
        for code in sorted(self.pdfs):
            src = pdf_path(self.settings, code)
            if not src.is_file():
                if required:
                    raise BuildFailed(f"{src} is missing; the pages link it (run `sinoreport pdf`)")
                continue
            dest = site / ("" if code == default else code) / pdf_name(code)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)

    @property
    def pages(self) -> int:
        return sum(1 for k in self.files if k.endswith(".md"))

    def publishable(self) -> Corpus:
        """The corpus as the site shows it: drafts included only when the build shows them."""
        assert self.corpus is not None, "run() first"
        return self.corpus if self.drafts else self.corpus.without_drafts()

    def curated(self) -> Corpus:
        """The corpus without drafts: what goes to print."""
        assert self.corpus is not None, "run() first"
        return self.corpus.without_drafts()
