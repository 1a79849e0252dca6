"""`sinoreport build` and `sinoreport serve`: check, render, MkDocs, post steps — atomically.

The site is built into a fresh directory beside build/site and swapped in only when everything
succeeded; a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from sinoreport.config import Settings
from sinoreport.load import Location, Problem

if TYPE_CHECKING:
    from sinoreport.check import Report

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice; see README


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    report: Report | None = None  # the checks: warnings, drafts and their open problems, verification

    @property
    def warnings(self) -> list[Problem]:
        return self.report.warnings if self.report else []


class _ConsoleHandler(logging.Handler):
    def __init__(self, console: Console):
        super().__init__(logging.WARNING)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        color = "red" if record.levelno >= logging.ERROR else "yellow"
        self.console.print(f"[{color}]{record.levelname.lower()}:[/] ", end="")
        self.console.print(record.getMessage(), markup=False, highlight=False)


def render_docs(
    settings: Settings, *, drafts: bool, strict: bool, docs_dir: Path | None = None
) -> tuple[int, Report]:
    """Load, check and render build/docs (only changed files written). Returns (pages, the checks' report)."""
    from sinoreport import mkdocs_plugin
    from sinoreport.check import run_checks
    from sinoreport.corpus import load_corpus
    from sinoreport.render.pages import RenderError, start_render
    from sinoreport.render.writer import write_tree

    corpus = load_corpus(settings, include_drafts=drafts)
    if drafts:  # draft pages show their open problems: the checks come first
        report = run_checks(corpus, settings, strict=strict)
        corpus.open_problems = report.drafts
    # a large corpus renders in worker processes: they start, and take in the corpus, during the checks
    with start_render(settings, corpus, drafts=drafts) as render:
        if not drafts:
            report = run_checks(corpus, settings, strict=strict)
        if not report.ok:
            raise BuildFailed(f"{len(report.errors)} content error(s)", report.problems)
        try:
            files = render()
        except RenderError as e:
            raise BuildFailed("rendering failed", e.problems) from None
    docs = docs_dir or settings.docs_dir
    write_tree(docs, files)
    # tell the MkDocs plugin these inputs are already rendered, so it does not do it again
    inputs = [settings.content_dir, settings.data_dir, settings.templates_dir, settings.root / "sinoreport.yml"]
    mkdocs_plugin._RENDERED[f"{docs}|{drafts}|{strict}"] = mkdocs_plugin.fingerprint(inputs)
    return sum(1 for k in files if k.endswith(".md")), report


def mkdocs_config(settings: Settings, *, site_dir: Path, drafts: bool, strict: bool):
    from mkdocs.config import load_config

    cfg_file = settings.root / "mkdocs.yml"
    if not cfg_file.is_file():
        raise BuildFailed(f"{cfg_file} not found", [Problem(Location(str(cfg_file)), "no mkdocs.yml",
                                                            "run from the project root")])
    config = load_config(str(cfg_file), site_dir=str(site_dir), strict=True)
    plugin = config.plugins.get("sinoreport")
    if plugin is None:
        raise BuildFailed("mkdocs.yml does not enable the sinoreport plugin (plugins: - sinoreport)")
    plugin.config.drafts = drafts
    plugin.config.strict = strict
    return config


def build_site(settings: Settings, *, drafts: bool = False, strict: bool = False, pdf: bool = True,
               console: Console | None = None) -> BuildResult:
    from mkdocs.exceptions import MkDocsException

    from sinoreport.sitebuild import build_html

    console = console or Console(stderr=True)
    t0 = time.perf_counter()
    if pdf:
        build_pdfs(settings, console=console)  # first, so the pages can link the fresh PDFs
    with console.status("checking and rendering Markdown…"):
        pages, report = render_docs(settings, drafts=drafts, strict=strict)
    build_dir = settings.build_dir
    build_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(build_dir)
    tmp = build_dir / f".site-new-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    handler = _ConsoleHandler(console)
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    try:
        with console.status(f"building {pages} pages with MkDocs…"):
            build_html(settings, tmp, drafts=drafts, strict=strict)
    except MkDocsException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(f"MkDocs: {e}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        mk_log.removeHandler(handler)
    swap_in(tmp, settings.site_dir)
    return BuildResult(settings.site_dir, pages, time.perf_counter() - t0, report)


def remove_leftovers(build_dir: Path) -> list[Path]:
    """Half-built sites of builds that were killed (.site-new-PID, .site-old-PID of a PID no longer
    running): removed, so they do not pile up. A running build's folder is left alone."""
    gone = []
    for p in build_dir.glob(".site-*-*"):
        pid = p.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            shutil.rmtree(p, ignore_errors=True)
            gone.append(p)
    return gone


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(new: Path, site: Path) -> None:
    """Replace `site` with `new` using renames on one filesystem: readers see old or new, never half."""
    old = site.with_name(f".site-old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def build_pdfs(settings: Settings, *, locales: list[str] | None = None, console: Console | None = None) -> list[Path]:
    """The PDF edition of the curated report, per locale, into build/pdf (drafts never go to print)."""
    from sinoreport.check import run_checks
    from sinoreport.corpus import load_corpus
    from sinoreport.pdf import PdfError, build_all

    corpus = load_corpus(settings, include_drafts=False)
    report = run_checks(corpus, settings)
    if not report.ok:
        raise BuildFailed(f"{len(report.errors)} content error(s)", report.problems)
    try:
        return build_all(settings, corpus.without_drafts(), locales=locales, console=console)
    except PdfError as e:
        raise BuildFailed(str(e)) from None


class _NoDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale; ours is fixed, so it cannot be."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


def serve_site(settings: Settings, host: str, port: int, console: Console | None = None) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    console = console or Console(stderr=True)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    # Dirty rebuilds: only pages whose Markdown changed are built again (the render stage writes only
    # changed files, and a page's HTML depends on nothing else but the theme; see mkdocs_plugin.py).
    # static-i18n builds the other locales dirty only when it sees --dirty on the command line.
    if "--dirty" not in sys.argv:
        sys.argv.append("--dirty")
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyNotice())
    try:
        serve(str(settings.root / "mkdocs.yml"), dev_addr=f"{host}:{port}", livereload=True, build_type="dirty")
    except MkDocsException as e:
        console.print(f"[red]error:[/] {e}")
        return 1
    return 0
