"""`sinoreport build`, `pdf` and `serve`: one Build and its outputs, published atomically.

The site is built into a fresh directory beside build/site — MkDocs over the Build's pages, the search
index, the PDF editions beside them — and swapped in only when everything succeeded; a failed build
leaves the previous site exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from sinoreport.build import Build, BuildFailed
from sinoreport.config import Settings
from sinoreport.load import Problem

if TYPE_CHECKING:
    from sinoreport.check import Report

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice; see README


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    report: Report | None = None  # the checks: warnings, drafts and their open problems, verification
    up_to_date: bool = False  # nothing the site is made of changed since it was built: it was kept

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


def build_site(settings: Settings, *, drafts: bool = False, strict: bool = False, pdf: bool = True,
               console: Console | None = None) -> BuildResult:
    """One Build, then its outputs: MkDocs into a fresh folder, the search index, the PDF editions
    (made last, and only those whose inputs changed) put beside the pages; then the swap."""
    from mkdocs.exceptions import MkDocsException

    from sinoreport.sitebuild import build_html

    console = console or Console(stderr=True)
    t0 = time.perf_counter()
    build = Build(settings, drafts=drafts, strict=strict, pdf=pdf)
    stamp, stamp_file = build.stamp(), settings.build_dir / ".site-stamp.json"
    kept = _read_stamp(stamp_file)
    if kept.get("stamp") == stamp and settings.site_dir.is_dir():
        # Nothing the site is made of changed: it is kept as it is. The checks still run (their warnings
        # and the verification against raw digests, which live outside the inputs, are reported).
        with console.status("checking…"):
            report = build.check(build.load())
        if not report.ok:
            raise BuildFailed(f"{len(report.errors)} content error(s)", report.problems)
        return BuildResult(settings.site_dir, kept.get("pages", 0), time.perf_counter() - t0, report, True)
    stamp_file.unlink(missing_ok=True)
    with console.status("checking and rendering pages…"):
        report = build.run()
    build_dir = settings.build_dir
    build_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(build_dir)
    tmp = build_dir / f".site-new-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    handler = _ConsoleHandler(console)
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    try:
        with console.status(f"building {build.pages} pages with MkDocs…"):
            build_html(build, tmp)
        if pdf:
            with console.status("PDF editions…"):
                make_pdfs(build, console=console)
        build.copy_pdfs(tmp, required=True)
    except MkDocsException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(f"MkDocs: {e}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        mk_log.removeHandler(handler)
    swap_in(tmp, settings.site_dir)
    if stamp == build.stamp():  # nothing was edited while it built
        stamp_file.write_text(json.dumps({"stamp": stamp, "pages": build.pages}) + "\n", encoding="utf-8")
    return BuildResult(settings.site_dir, build.pages, time.perf_counter() - t0, report)


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def make_pdfs(build: Build, *, locales: list[str] | None = None, console: Console | None = None) -> list[Path]:
    """The PDF editions of a Build's curated corpus in build/pdf (drafts never go to print)."""
    from sinoreport.pdf import PdfError
    from sinoreport.pdf.editions import make_editions

    say = (lambda m: console.print(m, highlight=False)) if console is not None else None
    try:
        return make_editions(build.settings, build.curated(), locales, report=say)
    except PdfError as e:
        raise BuildFailed(str(e)) from None


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
    """`sinoreport pdf`: load and check the curated report, then its editions (unchanged ones kept)."""
    build = Build(settings)
    build.corpus = build.load()
    build.report = build.check(build.corpus)
    if not build.report.ok:
        raise BuildFailed(f"{len(build.report.errors)} content error(s)", build.report.problems)
    return make_pdfs(build, locales=locales, console=console)


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
