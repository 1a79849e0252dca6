"""`make audit`: Lighthouse, axe-core, the Nu Html Checker and linkinator over the built site.

    python -m sinoreport.dev.audit [--site DIR] [--only lighthouse,axe,html,links] [--preset mobile|desktop]

Builds the shipped site (unless --site is given), serves it on 127.0.0.1 the way a real host would
(gzip, cache headers, 404 page), installs the npm tools at pinned versions into build/audit/node_modules
(git-ignored, reused by later runs), audits six page types (home, article, company, brief, data, chart)
in every locale, prints a table and writes build/audit/results.json and results.md. Exit 0 when every
target is met, 1 when one is missed, 2 when a tool is missing or the build fails.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sinoreport.dev.httpd import serve

# Pinned so two machines audit with the same rules; bump deliberately and re-run. Lighthouse 13 and
# linkinator 8 need Node 22 (engines >=22.19; undici's zstd); Debian 12 ships Node 20.
NPM_TOOLS = {"lighthouse": "12.8.2", "axe-core": "4.14.1", "vnu-jar": "26.9.27", "linkinator": "7.6.1"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCALE_PREFIX = {"en": "", "zh-Hans": "zh-Hans/", "zh-Hant": "zh-Hant/"}
# The page types the trackers name; `None` means "the first such page in the built site" (a company:
# the project's first full profile, by id, when the project is known).
PAGE_TYPES = {"home": "", "article": None, "company": None, "brief": None, "data": "data/", "chart": None}
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# Nu checker errors that come from Material's own templates, not ours: (message contains, markup
# contains, why). They are counted apart in the results; every other error is a finding.
VNU_MATERIAL: list[tuple[str, str, str]] = [
    ("Attribute “autocomplete” is only allowed", 'class="md-toggle"',
     "Material's base.html puts autocomplete=off on its drawer/search checkboxes so Firefox does not "
     "restore them open on reload; browsers honour it, the spec does not allow it on checkboxes"),
    ("must be the ID of a non-hidden form control", 'for="__toc"',
     "Material's toc.html labels a __toc toggle that its nav only renders for pages in the sidebar nav; "
     "with our fixed tabs most pages have none (a dangling label, no effect on use)"),
    ("Bad value “” for attribute “tabindex”", 'class="md-nav__link"',
     "Material's nav-item.html writes tabindex=\"\" for section labels when navigation.tabs is on"),
]

console = Console(stderr=True)


class AuditError(Exception):
    """A tool is missing or failed to run: a message for the reader, no traceback."""


@dataclass
class PageResult:
    locale: str
    kind: str
    path: str
    lighthouse: dict[str, float | None] = field(default_factory=dict)
    lighthouse_failing: list[str] = field(default_factory=list)
    lighthouse_runs: list[float | None] = field(default_factory=list)  # performance of every run
    axe: dict[str, int] = field(default_factory=dict)  # palette -> violations
    axe_rules: list[str] = field(default_factory=list)
    html_errors: int | None = None


# ------------------------------------------------------------------------------------------ serving


# ------------------------------------------------------------------------------------------- tools


def install_tools(prefix: Path, names: list[str] | None = None) -> Path:
    """npm install the pinned tools into `prefix` unless already there; return node_modules."""
    modules = prefix / "node_modules"
    wanted = {n: v for n, v in NPM_TOOLS.items() if names is None or n in names}
    missing = [f"{n}@{v}" for n, v in wanted.items() if _installed_version(modules / n) != v]
    if not missing:
        return modules
    npm = shutil.which("npm")
    if not npm:
        raise AuditError("npm is not installed: the audit tools come from the npm registry (apt-get install npm)")
    prefix.mkdir(parents=True, exist_ok=True)
    if not (prefix / "package.json").exists():
        (prefix / "package.json").write_text('{"private": true, "description": "sinoreport audit tools"}\n')
    console.print(f"installing {', '.join(missing)} into {prefix} …")
    r = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--save-exact",
                        "--loglevel=error", *missing], capture_output=True, text=True)
    if r.returncode:
        raise AuditError(f"npm install failed ({r.returncode}):\n{r.stderr.strip()[-2000:]}")
    return modules


def _installed_version(pkg: Path) -> str | None:
    try:
        return json.loads((pkg / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise AuditError("node is not installed (apt-get install nodejs)")
    return node


def _bin(modules: Path, package: str, rel: str) -> list[str]:
    return [_node(), str(modules / package / rel)]


# ------------------------------------------------------------------------------------------ checks


def lighthouse(modules: Path, url: str, out: Path, preset: str) -> tuple[dict[str, float | None], list[str]]:
    """Scores per category and the audits that lost points outside performance."""
    cmd = [*_bin(modules, "lighthouse", "cli/index.js"), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=performance,accessibility,best-practices,seo",
           f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}", "--max-wait-for-load=30000"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if r.returncode or not out.exists():
        raise AuditError(f"lighthouse failed on {url}:\n{r.stderr.strip()[-1500:]}")
    report = json.loads(out.read_text())
    scores = {k: report["categories"][k]["score"] for k in TARGETS if k in report["categories"]}
    failing = []
    for cat_id, cat in report["categories"].items():
        for ref in cat["auditRefs"]:
            a = report["audits"][ref["id"]]
            if ref.get("weight", 0) and a.get("score") is not None and a["score"] < 1 and (
                    cat_id != "performance" or a["score"] < 0.9):
                failing.append(f"{cat_id}:{ref['id']}={a['score']}")
    return scores, failing


def axe(browser: Any, axe_js: str, url: str) -> dict[str, list[dict[str, Any]]]:
    """axe-core violations per palette (light and dark: contrast differs)."""
    found = {}
    for scheme in ("light", "dark"):
        ctx = browser.new_context(color_scheme=scheme)
        page = ctx.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate(axe_js)
        found[scheme] = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))""")
        ctx.close()
    return found


def validate_html(modules: Path, site: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """Nu Html Checker over every HTML page of the site: our errors per relative path, and the counts
    of the known errors in Material's markup (see VNU_MATERIAL)."""
    java = shutil.which("java")
    if not java:
        raise AuditError("java is not installed: the Nu Html Checker needs a JRE (apt-get install default-jre)")
    jar = modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    r = subprocess.run([java, "-Xss1m", "-jar", str(jar), "--format", "json", "--errors-only", "--skip-non-html",
                        str(site)], capture_output=True, text=True, timeout=900)
    try:
        messages = json.loads(r.stderr or r.stdout or '{"messages": []}')["messages"]
    except ValueError:
        raise AuditError(f"the Nu Html Checker failed:\n{(r.stderr or r.stdout)[-1500:]}") from None
    errors: dict[str, list[dict[str, Any]]] = {}
    material: dict[str, int] = {}
    for m in messages:
        if m.get("type") != "error":
            continue
        why = next((w for msg, mark, w in VNU_MATERIAL
                    if msg in m.get("message", "") and mark in (m.get("extract") or "")), None)
        if why:
            material[why] = material.get(why, 0) + 1
            continue
        rel = os.path.relpath(m.get("url", "").removeprefix("file:"), site)
        errors.setdefault(rel, []).append({"line": m.get("lastLine"), "message": m.get("message"),
                                           "extract": (m.get("extract") or "")[:160]})
    return errors, material


def check_links(modules: Path, base: str) -> dict[str, Any]:
    """linkinator over the whole served site (every locale), fragments included; only local links."""
    host = re.escape(base.rstrip("/"))
    cmd = [*_bin(modules, "linkinator", "build/src/cli.js"), base, "--recurse", "--format", "json",
           "--check-fragments", "--concurrency", "8", "--skip", f"^(?!{host})"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    try:
        data = json.loads(r.stdout)
    except ValueError:
        raise AuditError(f"linkinator failed ({r.returncode}):\n{(r.stderr or r.stdout)[-1500:]}") from None
    links = data.get("links", [])
    broken = [{"url": x["url"], "status": x.get("status"), "parent": x.get("parent"),
               "failure": [str(f)[:200] for f in (x.get("failureDetails") or [])][:2]}
              for x in links if x.get("state") == "BROKEN"]
    return {"checked": len(links), "broken": broken}


# --------------------------------------------------------------------------------------------- run


def first_full_profile(root: Path | None = None) -> str | None:
    """The id of the project's first curated company with a full profile (by id), or None."""
    from sinoreport.config import load_settings
    from sinoreport.corpus import load_corpus

    corpus = load_corpus(load_settings(root), include_drafts=False)
    full = sorted(k for k, c in corpus.companies.items() if c.tier == "full" and c.status == "curated")
    return full[0] if full else None


def pages_to_audit(site: Path, company: str | None = None) -> list[tuple[str, str, str]]:
    """(locale, kind, path) for the page types in every locale; the first article, brief and chart by name,
    the company `company` (else the first company page by name)."""
    out = []
    for kind, path in PAGE_TYPES.items():
        if kind == "company" and company:
            path = f"companies/{company}/"
        if path is None:
            section = {"article": "articles", "brief": "briefs", "company": "companies", "chart": "charts"}[kind]
            found = sorted(p.parent.name for p in (site / section).glob("*/index.html")
                           if p.parent.name not in ("months", "page"))
            if not found:
                raise AuditError(f"no {kind} page in {site / section}: is this a sinoreport site?")
            path = f"{section}/{found[0]}/"
        for locale, prefix in LOCALE_PREFIX.items():
            if not (site / prefix / path / "index.html").is_file():
                raise AuditError(f"{site / prefix / path / 'index.html'} is missing")
            out.append((locale, kind, prefix + path))
    return out


def run(site: Path, out: Path, only: set[str], preset: str, kinds: set[str] | None = None,
        runs: int = 3, company: str | None = None) -> dict[str, Any]:
    modules = install_tools(out, [{"lighthouse": "lighthouse", "axe": "axe-core", "html": "vnu-jar",
                                   "links": "linkinator"}[c] for c in sorted(only)])
    if ({"lighthouse", "axe"} & only) and not Path(CHROMIUM).exists():
        raise AuditError(f"{CHROMIUM} is missing (apt-get install chromium; make test installs it)")
    results = [PageResult(loc, kind, path) for loc, kind, path in pages_to_audit(site, company)
               if kinds is None or kind in kinds]
    summary: dict[str, Any] = {"preset": preset, "lighthouse_runs": runs, "site": str(site), "tools": NPM_TOOLS,
                               "targets": TARGETS}
    failed: dict[str, str] = {}

    @contextlib.contextmanager
    def step(name: str) -> Iterator[None]:
        # one tool failing must not lose the others' results: record it as a missed target and go on
        try:
            yield
        except (AuditError, subprocess.TimeoutExpired, OSError) as e:
            failed[name] = str(e)
            console.print(f"[red]{name} failed:[/] {e}")

    with serve(site) as base:
        if "lighthouse" in only:
            (out / "lighthouse").mkdir(parents=True, exist_ok=True)
            with step("lighthouse"):
                for i, pr in enumerate(results, 1):
                    console.print(f"lighthouse {i}/{len(results)} {pr.path or '/'}")
                    # Simulated throttling on a busy 2-core machine moves the performance score by a few
                    # hundredths from run to run: keep the median run, as Lighthouse's own docs advise.
                    scored = []
                    for n in range(runs):
                        report = out / "lighthouse" / f"{pr.locale}-{pr.kind}-{n}.json"
                        scored.append((*lighthouse(modules, base + pr.path, report, preset), report))
                    scored.sort(key=lambda s: s[0].get("performance") or 0)
                    pr.lighthouse, pr.lighthouse_failing, median = scored[len(scored) // 2]
                    shutil.copyfile(median, out / "lighthouse" / f"{pr.locale}-{pr.kind}.json")
                    pr.lighthouse_runs = [s[0].get("performance") for s in scored]
        if "axe" in only:
            with step("axe"):
                run_axe(modules, base, results, summary)
        if "links" in only:
            console.print("linkinator over the whole site …")
            with step("links"):
                summary["links"] = check_links(modules, base)
    if "html" in only:
        console.print("Nu Html Checker over every page …")
        with step("html"):
            errors, material = validate_html(modules, site)
            summary["html"] = {"pages": sum(1 for _ in site.rglob("*.html")), "pages_with_errors": len(errors),
                               "errors": sum(len(v) for v in errors.values()),
                               "details": dict(list(errors.items())[:50]), "material_errors": material}
            for pr in results:
                pr.html_errors = len(errors.get(os.path.join(pr.path, "index.html"), []))
    summary["failed"] = failed
    summary["pages"] = [asdict(r) for r in results]
    summary["missed"] = missed_targets(results, summary)
    return summary


def run_axe(modules: Path, base: str, results: list[PageResult], summary: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    axe_js = (modules / "axe-core" / "axe.min.js").read_text()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        try:
            for pr in results:
                found = axe(browser, axe_js, base + pr.path)
                pr.axe = {scheme: len(v) for scheme, v in found.items()}
                pr.axe_rules = sorted({f"{s}:{v['id']}" for s, vs in found.items() for v in vs})
                if any(found.values()):
                    summary.setdefault("axe_details", {})[pr.path or "/"] = found
        finally:
            browser.close()


def missed_targets(results: list[PageResult], summary: dict[str, Any]) -> list[str]:
    missed = [f"{tool} did not run to the end: {why.splitlines()[0]}" for tool, why in summary["failed"].items()]
    for r in results:
        where = f"{r.locale} {r.kind}"
        for cat, target in TARGETS.items():
            score = r.lighthouse.get(cat, target)
            if score is None or score < target:
                missed.append(f"{where}: lighthouse {cat} {score} < {target}")
        if any(r.axe.values()):
            missed.append(f"{where}: axe {', '.join(r.axe_rules)}")
    if summary.get("html", {}).get("errors"):
        missed.append(f"html: {summary['html']['errors']} errors on {summary['html']['pages_with_errors']} pages")
    if summary.get("links", {}).get("broken"):
        missed.append(f"links: {len(summary['links']['broken'])} broken")
    return missed


def table(summary: dict[str, Any]) -> Table:
    t = Table(title=f"sinoreport audit (Lighthouse {summary['preset']}, median of {summary['lighthouse_runs']} runs)")
    for col in ("locale", "page", "perf", "a11y", "best pr.", "SEO", "axe light/dark", "html errors"):
        t.add_column(col, justify="left" if col in ("locale", "page") else "right")

    def score(r: dict[str, Any], cat: str) -> str:
        s = r["lighthouse"].get(cat)
        if s is None:
            return "–" if not r["lighthouse"] else "n/a"
        return f"[{'green' if s >= TARGETS[cat] else 'red'}]{s:.2f}[/]"

    for r in summary["pages"]:
        axe_cell = "/".join(str(r["axe"].get(s, "–")) for s in ("light", "dark")) if r["axe"] else "–"
        html = "–" if r["html_errors"] is None else str(r["html_errors"])
        t.add_row(r["locale"], r["kind"], *(score(r, c) for c in TARGETS), axe_cell, html)
    return t


def markdown(summary: dict[str, Any]) -> str:
    lines = ["# Audit results", "", f"Lighthouse preset: {summary['preset']}, median of "
             f"{summary['lighthouse_runs']} runs per page. Tools: "
             + ", ".join(f"{k} {v}" for k, v in summary["tools"].items()) + ".", "",
             "| locale | page | performance | accessibility | best practices | SEO | axe (light/dark) | html errors "
             "| performance of each run |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in summary["pages"]:
        cells = [f"{r['lighthouse'][c]:.2f}" if r["lighthouse"].get(c) is not None else "–" for c in TARGETS]
        axe_cell = "/".join(str(r["axe"].get(s, "–")) for s in ("light", "dark")) if r["axe"] else "–"
        lines.append(f"| {r['locale']} | {r['kind']} | {' | '.join(cells)} | {axe_cell} | "
                     f"{'–' if r['html_errors'] is None else r['html_errors']} | "
                     f"{' '.join('–' if x is None else f'{x:.2f}' for x in r['lighthouse_runs']) or '–'} |")
    if "html" in summary:
        h = summary["html"]
        lines += ["", f"Nu Html Checker: {h['errors']} errors from our templates on {h['pages_with_errors']} "
                  f"of {h['pages']} pages. Known errors in Material's own markup, counted apart:"]
        lines += [f"- {n} × {why}" for why, n in h["material_errors"].items()]
    if "links" in summary:
        lk = summary["links"]
        lines += [f"linkinator: {len(lk['broken'])} broken of {lk['checked']} links checked (all locales)."]
    lines += ["", "Missed targets: " + ("none" if not summary["missed"] else "")]
    lines += [f"- {m}" for m in summary["missed"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sinoreport.dev.audit", description=__doc__.split("\n")[0])
    ap.add_argument("--site", type=Path, help="audit this built site instead of building the shipped one")
    ap.add_argument("--only", default="lighthouse,axe,html,links", help="comma-separated subset of the checks")
    ap.add_argument("--kinds", default=",".join(PAGE_TYPES), help="page types to audit (comma-separated)")
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median run counts")
    ap.add_argument("--preset", choices=("mobile", "desktop"), default="mobile",
                    help="Lighthouse's device and throttling preset (mobile is the stricter)")
    ap.add_argument("--out", type=Path, help="where results go (default build/audit)")
    args = ap.parse_args(argv)
    only = {c.strip() for c in args.only.split(",") if c.strip()}
    unknown = only - {"lighthouse", "axe", "html", "links"}
    if unknown:
        ap.error(f"unknown check(s): {', '.join(sorted(unknown))}")
    kinds = {k.strip() for k in args.kinds.split(",") if k.strip()}
    if kinds - set(PAGE_TYPES):
        ap.error(f"unknown page type(s): {', '.join(sorted(kinds - set(PAGE_TYPES)))}")
    try:
        from sinoreport.config import load_settings

        settings = load_settings()
        out = (args.out or settings.build_dir / "audit").resolve()
        site = args.site
        if site is None:
            from sinoreport.cli import main as cli_main

            if cli_main(["build"]) != 0:
                raise AuditError("the build failed; nothing to audit")
            site = settings.site_dir
        t0 = time.perf_counter()
        summary = run(site.resolve(), out, only, args.preset, kinds, max(1, args.runs),
                      company=first_full_profile(settings.root))
    except AuditError as e:
        console.print(f"[red]audit:[/] {e}")
        return 2
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    (out / "results.md").write_text(markdown(summary))
    Console().print(table(summary))
    for m in summary["missed"]:
        console.print(f"[red]missed:[/] {m}")
    console.print(f"results in {out / 'results.json'} and results.md ({summary['seconds']} s)")
    return 1 if summary["missed"] else 0


if __name__ == "__main__":
    sys.exit(main())
