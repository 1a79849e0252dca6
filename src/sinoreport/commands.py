"""What each CLI command does: call the pipeline, print progress and results, pick the exit code."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from sinoreport.config import Settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def print_problems(problems, err: Console, strict: bool = False) -> None:
    for p in problems:
        sev = p.severity if p.severity == "draft" else "error" if (p.severity == "error" or strict) else "warning"
        color = {"error": "red", "warning": "yellow", "draft": "cyan"}[sev]
        tail = f" — {p.fix}" if p.fix else ""
        err.print(f"{p.where}: [{color}]{sev}:[/] ", end="")
        err.print(f"{p.what}{tail}", markup=False, highlight=False)


def draft_lines(report, *, shown: bool) -> list[str]:
    """One line per draft file: left out of this build (or shown), with its open problems counted."""
    out = []
    for path, problems in sorted(report.drafts.items()):
        n = len(problems)
        said = f"{n} open problem{'s' * (n != 1)}" if n else "no open problems"
        out.append(f"{path}: draft shown, {said}" if shown else
                   f"{path}: draft left out of this build ({said}) — `sinoreport build --drafts` or `serve` shows it")
    return out


def check(settings: Settings, strict: bool, out: Console, err: Console) -> int:
    from sinoreport.check import run_checks
    from sinoreport.corpus import load_corpus

    corpus = load_corpus(settings)
    report = run_checks(corpus, settings, strict=strict)
    if strict and not any(p.severity == "error" for p in report.problems):
        # the publication gate reads the pages too: rendered in memory (nothing written), every locale's
        # Chinese as a reader sees it
        from sinoreport.build import Build, BuildFailed
        from sinoreport.check.register import lint_site

        b = Build(settings)
        try:
            b.run(write=False)
        except BuildFailed as e:  # a page that does not render, a link that leads nowhere
            on_pages = e.problems
        else:
            on_pages = lint_site(settings, b.corpus, b.files)
        report.problems += [p for p in on_pages if p not in report.problems]
    print_problems(report.problems, err, strict)
    n_e, n_w = len(report.errors), len(report.warnings) if not strict else 0
    drafts = report.drafts
    n_d = sum(len(v) for v in drafts.values())
    counts = ((corpus.articles, "article"), (corpus.briefs, "brief"), (corpus.companies, "company"),
              (corpus.rows, "data row"), (corpus.glossary, "glossary term"))
    summary = (
        ", ".join(_plural(len(things), word) for things, word in counts)
        + (f"; {len(drafts)} draft file(s) with {n_d} open problem(s)" if drafts else "")
    )
    err.print(report.coverage.line(), highlight=False)
    if report.ok:
        out.print(f"[green]ok[/] — {summary}" + (f"; {n_w} warning(s)" if n_w else ""))
        return EXIT_OK
    err.print(f"[red]{n_e} error(s)[/]" + (f", {n_w} warning(s)" if n_w else "") + f" — {summary}")
    return EXIT_CONTENT


def ingest(settings: Settings, paths: list[Path], content_dir: Path | None, out: Console, err: Console) -> int:
    from sinoreport.ingest.run import IngestError, ingest_paths

    target = (content_dir or settings.content_dir).resolve()
    try:
        result = ingest_paths(settings, paths, target, progress=err)
    except IngestError as e:
        err.print(f"[bold red]error:[/] {e}", highlight=False)
        return EXIT_CONTENT
    t = Table(title=f"ingest → {target / 'articles'}", show_lines=False)
    for col in ("file", "#", "id", "outlet", "figures", "status"):
        t.add_column(col)
    for r in result.rows:
        t.add_row(r.file, str(r.index), r.id, r.outlet, str(r.figures), r.status)
    out.print(t)
    for w in result.warnings:
        err.print(f"[yellow]warning:[/] {w}", highlight=False)
    for e in result.errors:
        err.print(f"[bold red]error:[/] {e}", highlight=False)
    counts = result.counts()
    out.print(", ".join(f"{v} {k}" for k, v in counts.items()) or "nothing to do")
    return EXIT_CONTENT if result.errors else EXIT_OK


def build(settings: Settings, *, drafts: bool, strict: bool, pdf: bool, out: Console, err: Console) -> int:
    from sinoreport.publish import BuildFailed, build_site

    try:
        result = build_site(settings, drafts=drafts, strict=strict, pdf=pdf, console=err)
    except BuildFailed as e:
        if e.problems:
            print_problems(e.problems, err, strict)
        err.print(f"[bold red]build failed:[/] {e} — build/site was left as it was", highlight=False)
        return EXIT_CONTENT
    print_problems(result.warnings, err)
    if result.report is not None:
        for line in draft_lines(result.report, shown=drafts):
            err.print(f"[cyan]draft:[/] {line}", highlight=False, markup=True)
        err.print(result.report.coverage.line(), highlight=False)
    tail = f"; {len(result.warnings)} warning(s)" if result.warnings else ""
    if result.up_to_date:
        out.print(f"[green]up to date[/] — nothing changed since {result.site_dir} was built ({result.pages} pages; "
                  f"checked in {result.seconds:.1f}s){tail}")
        return EXIT_OK
    out.print(f"[green]built[/] {result.pages} pages into {result.site_dir} in {result.seconds:.1f}s{tail}")
    return EXIT_OK


def serve(settings: Settings, host: str, port: int, out: Console, err: Console) -> int:
    from sinoreport.publish import serve_site

    return serve_site(settings, host, port, console=err)


def pdf(settings: Settings, locales: list[str] | None, out: Console, err: Console) -> int:
    from sinoreport.publish import BuildFailed, build_pdfs

    try:
        paths = build_pdfs(settings, locales=locales, console=err)
    except BuildFailed as e:
        if e.problems:
            print_problems(e.problems, err)
        err.print(f"[bold red]pdf failed:[/] {e}", highlight=False)
        return EXIT_CONTENT
    for p in paths:
        out.print(f"[green]wrote[/] {p}")
    return EXIT_OK


def new(dest: Path, title: str, title_zh: str | None, author: str, out: Console, err: Console) -> int:
    from sinoreport.scaffold import ScaffoldError, write_project

    try:
        written = write_project(dest, title, title_zh=title_zh, author=author)
    except ScaffoldError as e:
        err.print(f"[bold red]error:[/] {e}", highlight=False)
        return EXIT_USAGE
    out.print(f"[green]wrote[/] a new report ({len(written)} files) to {dest}", highlight=False)
    out.print(f"next: cd {dest} && sinoreport build && sinoreport serve — then README.md there, "
              "“Work on it”", highlight=False)
    return EXIT_OK


def edition(settings: Settings, date, force: bool, out: Console, err: Console) -> int:
    """`sinoreport edition`: 0 written (or already recorded, the same) · 1 the content has errors, or an
    edition of that date exists with other contents (without --force) · 2 a bad date in site.edition."""
    import datetime as dt

    from sinoreport.check import run_checks
    from sinoreport.corpus import load_corpus
    from sinoreport.editions import EditionExists, write_edition

    if date is None:
        try:
            date = dt.date.fromisoformat(settings.site.edition)
        except ValueError:
            err.print(f"[bold red]error:[/] site.edition {settings.site.edition!r} is not a date — "
                      "pass --date YYYY-MM-DD", highlight=False)
            return EXIT_USAGE
    corpus = load_corpus(settings)
    report = run_checks(corpus, settings)
    if report.errors:
        print_problems(report.errors, err)
        err.print(f"[red]{len(report.errors)} error(s)[/] — an edition records checked content only; fix them first")
        return EXIT_CONTENT
    try:
        path, written = write_edition(settings, corpus, date, force=force)
    except EditionExists as e:
        err.print(f"[bold red]error:[/] {e} — an edition is a record: give the new one another --date, or "
                  "pass --force to replace it", highlight=False)
        return EXIT_CONTENT
    rel = path.relative_to(settings.root.resolve()) if path.is_relative_to(settings.root.resolve()) else path
    out.print(f"[green]{'wrote' if written else 'unchanged'}[/] {rel}", highlight=False)
    return EXIT_OK


def synth(n: int, outdir: Path, seed: int, out: Console, err: Console) -> int:
    from sinoreport.synth import SynthError, write_project

    if n < 1:
        err.print("[bold red]error:[/] N must be at least 1")
        return EXIT_USAGE
    try:
        write_project(outdir, n, seed=seed)
    except SynthError as e:
        err.print(f"[bold red]error:[/] {e}", highlight=False)
        return EXIT_USAGE
    out.print(f"[green]wrote[/] a synthetic project with {n} articles to {outdir}")
    return EXIT_OK


def rename(settings: Settings, old: str, new: str, out: Console, err: Console) -> int:
    from sinoreport.rename import RenameError
    from sinoreport.rename import rename as do_rename

    try:
        plan = do_rename(settings, old, new)
    except RenameError as e:
        err.print(f"[bold red]error:[/] {e}", highlight=False)
        return EXIT_CONTENT
    files = len(plan.edits) + (1 if plan.move and plan.move[0] not in plan.edits else 0)
    out.print(f"[green]renamed[/] {plan.kind} {old} → {new}: {plan.count} reference(s) in {files} file(s)"
              + (f"; moved {plan.move[0].name} → {plan.move[1].name}" if plan.move else ""), highlight=False)
    folder = {"article": "articles", "company": "companies", "brief": "briefs", "tag": "tags"}.get(plan.kind)
    if folder:
        err.print(f"[yellow]note:[/] ids are URLs: a published /{folder}/{old}/ page moves to /{folder}/{new}/",
                  highlight=False)
    return EXIT_OK


def _plural(n: int, word: str) -> str:
    """"1 brief", "5 briefs", "86 companies"."""
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"
