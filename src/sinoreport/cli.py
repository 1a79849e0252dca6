"""The `sinoreport` command: argument parsing, exit codes and console output — no pipeline logic.

Exit codes: 0 ok · 1 content errors (bad input, failed check or build) · 2 usage (also: `new` into a folder
that is not empty) · 3 environment (a folder that is not a project, a read-only or full disk, a path that
cannot be read) · 70 internal error · 130 interrupted. No input makes it print a traceback (set
SINOREPORT_DEBUG=1 to see one for internal errors).
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_ENV, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 70, 130
# what to do about an environment fault, by errno
_WRITE = "give this user write access to the folder, or build elsewhere (project.build in sinoreport.yml)"
_ENV_FIX = {
    errno.EACCES: _WRITE,
    errno.EPERM: _WRITE,
    errno.EROFS: "the file system is read-only: build on a writable disk (project.build in sinoreport.yml)",
    errno.ENOSPC: "the disk is full: free some space (`make clean` removes build/), then run again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run again",
    errno.ELOOP: "a symbolic link points (through others) back at itself: replace it with a real file or folder",
    errno.ENAMETOOLONG: "use a shorter path",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) or close other programs",
}

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with a hint, like argparse, but calmly
        self.print_usage(sys.stderr)
        err.print(f"[bold red]error:[/] {message} — see `{self.prog} --help`")
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="sinoreport", description="Chinese tech news into a trilingual research report.")
    p.add_argument("-C", "--project", type=Path, default=None, help="project root (default: nearest sinoreport.yml)")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)

    s = sub.add_parser("ingest", help="raw digests → draft article YAML in content/")
    s.add_argument("paths", nargs="+", type=Path, help="digest files (.txt) or directories of them")
    s.add_argument("--content-dir", type=Path, default=None, help="where articles/ goes (default: content/)")

    s = sub.add_parser("rename", help="give an article, company, tag, metric … a new id; every reference follows")
    s.add_argument("old")
    s.add_argument("new")

    s = sub.add_parser("check", help="validate content and data; verify quotes and values against raw digests")
    s.add_argument("--strict", action="store_true", help="treat warnings as errors")

    s = sub.add_parser("build", help="check, render Markdown, build the site (atomically) into build/site")
    s.add_argument("--drafts", action="store_true", help="include draft articles, marked as drafts")
    s.add_argument("--strict", action="store_true", help="treat warnings as errors")
    s.add_argument("--no-pdf", action="store_true", help="skip the PDF edition")

    s = sub.add_parser("serve", help="live preview with drafts; rebuilds on edits to content/, data/, templates/")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1")

    s = sub.add_parser("pdf", help="write the PDF edition per locale into build/pdf")
    s.add_argument("--locale", action="append", help="only these locales (repeatable)")

    s = sub.add_parser("new", help="start a report: write a complete small project into an empty or new DIR")
    s.add_argument("dir", type=Path)
    s.add_argument("--title", default="Research report", help="the report's title (English; the Chinese too "
                   "unless --title-zh)")
    s.add_argument("--title-zh", default=None, help="the Chinese title, in Traditional (Simplified is derived)")
    s.add_argument("--author", default="", help="who publishes it (default: the title)")

    s = sub.add_parser("edition", help="record the published rows, articles and briefs as editions/<date>.json")
    s.add_argument("--date", type=_date, default=None, help="the edition's date, YYYY-MM-DD (default: site.edition)")
    s.add_argument("--force", action="store_true", help="replace an existing edition of that date")

    s = sub.add_parser("synth", help="write a synthetic project with N articles (for benchmarks)")
    s.add_argument("n", type=int)
    s.add_argument("outdir", type=Path)
    s.add_argument("--seed", type=int, default=1)

    return p


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code = _dispatch(args)
        if argv is None and threading.current_thread() is threading.main_thread():
            # the work is done: an interrupt while the worker pools wind down changes nothing
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        return code
    except KeyboardInterrupt:
        err.print("interrupted — nothing half-written was kept (builds are swapped in only when complete)")
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except RuntimeError as e:
        if "Symlink loop" not in str(e):  # pathlib reports a link loop as a RuntimeError
            return _internal(e)
        err.print(f"[bold red]error:[/] {e} — {_ENV_FIX[errno.ELOOP]}", highlight=False, markup=True)
        return EXIT_ENV
    except OSError as e:  # the machine, not the content: say which path and what to do
        where = f" {e.filename}" if e.filename else ""
        fix = _ENV_FIX.get(e.errno or 0, "check the path and its permissions")
        err.print(f"[bold red]error:[/] cannot use{where}: {e.strerror or e} — {fix}", highlight=False)
        return EXIT_ENV
    except Exception as e:  # the last resort: a located message instead of a traceback
        from sinoreport.load import ContentError

        if isinstance(e, ContentError):
            for p in e.problems:
                err.print(str(p), markup=False)
            return EXIT_CONTENT
        return _internal(e)


def _internal(e: Exception) -> int:
    if os.environ.get("SINOREPORT_DEBUG"):
        raise e
    err.print(f"[bold red]internal error:[/] {type(e).__name__}: {e}", markup=True)
    err.print("This is a bug in sinoreport, not in your content. Re-run with SINOREPORT_DEBUG=1 for details.")
    return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace) -> int:
    from sinoreport.config import CONFIG_NAME, find_root, load_settings

    if args.project is not None and not args.project.is_dir():
        err.print(f"[bold red]error:[/] project directory {args.project} does not exist")
        return EXIT_USAGE
    if args.cmd not in ("synth", "new") and not (find_root(args.project) / CONFIG_NAME).is_file():
        here = (args.project or Path.cwd()).resolve()
        err.print(f"[bold red]error:[/] {here} is not a sinoreport project (no {CONFIG_NAME} in it or above) — "
                  "run from a project's folder, point -C at one, or start one with `sinoreport new DIR`",
                  highlight=False)
        return EXIT_ENV
    cmd = args.cmd
    if cmd == "new":  # no project yet
        from sinoreport.commands import new

        return new(args.dir, args.title, args.title_zh, args.author, out, err)
    settings = load_settings(args.project)
    if cmd == "ingest":
        from sinoreport.commands import ingest

        return ingest(settings, args.paths, args.content_dir, out, err)
    if cmd == "rename":
        from sinoreport.commands import rename

        return rename(settings, args.old, args.new, out, err)
    if cmd == "check":
        from sinoreport.commands import check

        return check(settings, args.strict, out, err)
    if cmd == "build":
        from sinoreport.commands import build

        return build(settings, drafts=args.drafts, strict=args.strict, pdf=not args.no_pdf, out=out, err=err)
    if cmd == "serve":
        from sinoreport.commands import serve

        return serve(settings, args.host, args.port, out, err)
    if cmd == "pdf":
        from sinoreport.commands import pdf

        return pdf(settings, args.locale, out, err)
    if cmd == "edition":
        from sinoreport.commands import edition

        return edition(settings, args.date, args.force, out, err)
    if cmd == "synth":
        from sinoreport.commands import synth

        return synth(args.n, args.outdir, args.seed, out, err)
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
