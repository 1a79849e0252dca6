"""`make bench` (`python -m sinoreport.dev.bench --sizes 10,100,1000`): the synthetic-corpus benchmark.

For each size, in a fresh interpreter: write the synthetic project (`sinoreport synth`), then time every
stage on it one after the other — ingest of its raw digests, load, check, charts, render, MkDocs, the
post-build steps (search index), the PDF stage for the smallest size — then the real things, each in its
own process: a cold `sinoreport build --no-pdf` (wall and CPU time, peak memory), the same again with
nothing changed, a bare MkDocs + Material + static-i18n build of a plain-Markdown tree with as many pages
(the yardstick our build is measured against, dev/bare_mkdocs.py), the three PDF editions cold
(`sinoreport pdf`), and in `sinoreport serve` the time from saving one article's YAML to the changed page
being served. Then sizes: the site on disk, HTML bytes per page and bytes a cold visitor transfers for one
search. Then the shipped report: cold (PDFs included), cold with the chart cache kept, unchanged.

Results go to build/bench/results.json with the machine they ran on; a table and the targets (issues 9
and 18) are printed as ratios measured in the same run — this machine drifts by a third within an hour,
so only numbers taken together compare. The load average before and after each size is recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sinoreport.config import Settings, load_settings

STAGES = ("synth", "ingest", "load", "check", "charts", "render", "mkdocs", "post_build", "pdf")
TARGETS = {
    "build_1000_s": 45.0,  # issue 18: 1,000 articles x 3 locales, --no-pdf
    "build_500_s": 30.0,
    "over_bare": 0.8,  # our --no-pdf build / a bare MkDocs build of as many plain-Markdown pages
    "shipped_cold_s": 25.0,  # the shipped report, PDFs included
    "unchanged_ratio": 0.2,  # an unchanged rebuild / the cold build
    "pdf_1000_s": 60.0,  # the three editions of 1,000 articles, cold
    "linear_ratio": 11.0,  # t(1000) / t(100)
    "page_ratio": 1.1,  # median article page at 1000 / at 10
    "own_share": 0.20,  # everything before MkDocs, as a share of the build
    "search_kb": 150.0,
    "serve_edit_s": 1.0,
}


# --------------------------------------------------------------------------- measuring one size


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float | None] = {}
        self.notes: dict[str, str] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - t0, 3)

    def na(self, name: str, why: str) -> None:
        self.seconds[name] = None
        self.notes[name] = why


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports KiB


def html_sizes(site: Path) -> dict[str, Any]:
    """Bytes of every HTML page, and of article pages (all locales), median and max."""
    pages = [p for p in site.rglob("*.html")]
    articles = [p for p in pages if p.parent.parent.name == "articles" and p.parent.name[:4].isdigit()]
    sizes = [p.stat().st_size for p in pages]
    art = [p.stat().st_size for p in articles]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "site_bytes": total,
        "html_pages": len(sizes),
        "html_median": int(statistics.median(sizes)) if sizes else None,
        "html_max": max(sizes) if sizes else None,
        "article_pages": len(art),
        "article_html_median": int(statistics.median(art)) if art else None,
        "article_html_max": max(art) if art else None,
    }


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "sinoreport.cli", *args]


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def run_process(cmd: list[str], cwd: Path) -> dict[str, Any]:
    """Run a command to completion: wall and CPU seconds (wait4), and peak memory sampled from /proc.

    ru_maxrss would include the memory of this (large) process, which a forked child inherits as its
    starting high-water mark; /proc's VmHWM of the command's own address space does not. `peak_rss_mb`
    is the largest VmHWM in the process tree, `tree_rss_mb` the largest sampled sum of RSS over it.
    """
    import threading

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = {"hwm": 0, "tree": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(p.pid)
            peak["hwm"] = max(peak["hwm"], *(_status_kb(q, "VmHWM") for q in pids))
            peak["tree"] = max(peak["tree"], sum(_status_kb(q, "VmRSS") for q in pids))
            done.wait(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    assert p.stdout is not None
    out = p.stdout.read()
    done.set()
    th.join()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    return {"code": p.returncode, "wall_s": round(wall, 2), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
            "peak_rss_mb": round(peak["hwm"] / 1024, 1), "tree_rss_mb": round(peak["tree"] / 1024, 1),
            "output": out[-3000:]}


def measure_stages(project: Path, n: int, seed: int, timer: Timer, with_pdf: bool) -> dict[str, Any]:
    """Every stage in turn, in this process (the numbers the table breaks the build into)."""
    from sinoreport import site
    from sinoreport.build import Build
    from sinoreport.charts.registry import cache_dir
    from sinoreport.check import run_checks
    from sinoreport.corpus import load_corpus
    from sinoreport.ingest.run import ingest_paths
    from sinoreport.render.pages import Renderer, render_tree
    from sinoreport.render.writer import write_tree
    from sinoreport.synth import write_project

    info: dict[str, Any] = {}
    shutil.rmtree(project, ignore_errors=True)
    with timer.stage("synth"):
        write_project(project, n, seed=seed)
    settings = load_settings(project)
    drafts_dir = settings.build_dir / "bench-ingest"
    with timer.stage("ingest"):
        result = ingest_paths(settings, [project / "raw"], drafts_dir)
    info["ingest"] = result.counts()
    shutil.rmtree(drafts_dir, ignore_errors=True)
    with timer.stage("load"):
        corpus = load_corpus(settings, include_drafts=False)
    with timer.stage("check"):
        report = run_checks(corpus, settings)
    info["check"] = {"errors": len(report.errors), "warnings": len(report.warnings), "rows": len(corpus.rows)}
    renderer = Renderer(settings, corpus, drafts=False)
    info["charts"] = _time_charts(renderer, timer)  # on their own, in this process: the breakdown
    # the render stage as `sinoreport build` runs it (charts and Markdown, per-locale workers on a large
    # corpus), from a cold chart cache
    shutil.rmtree(cache_dir(settings), ignore_errors=True)
    with timer.stage("render"):
        files = render_tree(settings, corpus)
        write_tree(settings.docs_dir, files)
    info["markdown_files"] = len(files)
    build = Build(settings).adopt()  # build/docs is rendered: MkDocs takes it as it is
    build.corpus = corpus
    site_dir = settings.build_dir / "bench-site"
    shutil.rmtree(site_dir, ignore_errors=True)
    with timer.stage("mkdocs"):
        _mkdocs(build, site_dir)
    steps: dict[str, float] = {}
    with timer.stage("post_build"):
        t0 = time.perf_counter()
        site.post_build(settings, site_dir, False, corpus=corpus.without_drafts())
        steps["post_build"] = round(time.perf_counter() - t0, 3)
    info["post_build_steps"] = steps
    if with_pdf:
        _time_pdf(settings, corpus, timer)
    else:
        timer.na("pdf", "timed for the smallest size only")
    shutil.rmtree(site_dir, ignore_errors=True)
    info["stage_peak_rss_mb"] = _peak_rss_mb()
    return info


def _mkdocs(build: Any, site_dir: Path) -> None:
    """MkDocs as `sinoreport build` runs it, without the post-build steps (timed on their own)."""

    from sinoreport.sitebuild import build_html  # per-locale processes on a large site, as the build runs

    build_html(build, site_dir, post_build=False)


def _time_charts(renderer: Any, timer: Timer) -> dict[str, Any]:
    from sinoreport.charts import render_charts
    from sinoreport.i18n.locales import LOCALES
    from sinoreport.render.view import View

    counts: dict[str, int] = {}
    try:
        with timer.stage("charts"):
            for code in renderer.settings.language.locales:
                view = View(renderer.corpus, LOCALES[code], renderer.conv, renderer.strings,
                            renderer.settings.language.default_locale)
                counts[code] = len(render_charts(renderer.corpus, view, renderer.settings).all())
    except Exception as e:  # a chart family failing on synthetic rows: report it, time the rest
        timer.na("charts", f"{type(e).__name__}: {e}")
        return {"error": str(e)}
    if not any(counts.values()):
        timer.notes["charts"] = "no chart families registered yet"
    return counts


def _time_pdf(settings: Settings, corpus: Any, timer: Timer) -> None:
    """The three editions from cold, as a build makes them (in parallel where there are cores)."""
    from sinoreport.pdf.editions import make_editions

    shutil.rmtree(settings.build_dir / "pdf", ignore_errors=True)
    try:
        with timer.stage("pdf"):
            make_editions(settings, corpus.without_drafts())
    except Exception as e:
        timer.na("pdf", f"{type(e).__name__}: {e}")


def search_queries() -> tuple[tuple[str, str], ...]:
    """What the bench searches for, from the synthetic corpus it builds: the most-featured company's
    Chinese short name (zh-Hans) and its English one, and the first glossary term (zh-Hant)."""
    from sinoreport.synth import vocab as V

    co = max(V.COMPANIES, key=lambda c: c.weight)  # the first of the most featured
    cjk = [a for a in co.aliases if not a.isascii()]
    latin = [a for a in co.aliases if a.isascii()]
    return (("zh-Hans", max(cjk, key=len, default=co.zh)), ("en", latin[0] if latin else co.en),
            ("zh-Hant", V.TERMS[0].zh))


def search_bytes(site_dir: Path) -> dict[str, Any]:
    try:
        from sinoreport.dev.search_measure import measure_query_bytes
    except ImportError:
        return {"note": "sinoreport.dev.search_measure is not available"}
    out: dict[str, Any] = {}
    for locale, query in search_queries():
        try:
            out[f"{locale}:{query}"] = measure_query_bytes(site_dir, locale, query)
        except Exception as e:
            out[f"{locale}:{query}"] = None
            out["error"] = f"{type(e).__name__}: {e}"
    return out


# --------------------------------------------------------------------------- serve: one edit


def serve_edit(project: Path, n: int, timeout: float = 600.0) -> dict[str, Any]:
    """Start `sinoreport serve`, wait for the site, change one article's English title, and time how
    long until the served page shows it."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    articles = sorted((project / "content" / "articles").glob("*.yaml"))
    target = articles[len(articles) // 2]
    ident = target.stem
    url = f"http://127.0.0.1:{port}/articles/{ident}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = open(project / "build" / "bench-serve.log", "w", encoding="utf-8")  # noqa: SIM115
    t0 = time.perf_counter()
    # its own process group: stopping it stops the indexer it may have started (the next size is timed)
    proc = subprocess.Popen(_cli("serve", "--port", str(port)), cwd=project, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    result: dict[str, Any] = {}
    try:
        if not _wait_for(url, lambda body: True, t0 + timeout, proc):
            return {"error": "the server never served the page", "log": str(log.name)}
        result["first_build_s"] = round(time.perf_counter() - t0, 2)
        time.sleep(2.0)  # let the watcher settle after the first build
        marker = f"Benchmark edit {int(time.time())}"
        text = target.read_text(encoding="utf-8")
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.startswith("  en: ") and i > 0 and lines[i - 1].startswith("  zh: ") and "title:" in lines[i - 2]:
                lines[i] = f"  en: {marker}"
                break
        else:
            return {"error": "could not find the English title to edit"}
        t1 = time.perf_counter()
        target.write_text("\n".join(lines), encoding="utf-8")
        ok = _wait_for(url, lambda body: marker in body, t1 + timeout, proc)
        result["edit_to_served_s"] = round(time.perf_counter() - t1, 2) if ok else None
        target.write_text(text, encoding="utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    return result


def _wait_for(url: str, ok: Callable[[str], bool], deadline: float, proc: subprocess.Popen) -> bool:
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if ok(r.read().decode("utf-8", "replace")):
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def bare_mkdocs(dest: Path, html_pages: int) -> dict[str, Any]:
    """The yardstick: MkDocs + Material + static-i18n over a plain-Markdown tree with as many pages per
    locale as our site (dev/bare_mkdocs.py), in its own process."""
    from sinoreport.dev.bare_mkdocs import LOCALES, write_tree

    shutil.rmtree(dest, ignore_errors=True)
    write_tree(dest, max(html_pages // len(LOCALES), 10))
    run = run_process([sys.executable, "-m", "mkdocs", "build", "-q"], dest)
    pages = sum(1 for _ in (dest / "site").rglob("*.html")) if (dest / "site").is_dir() else 0
    shutil.rmtree(dest, ignore_errors=True)
    return {k: v for k, v in run.items() if k != "output"} | {"html_pages": pages, "log_tail": run["output"][-400:]}


def measure_shipped(repo: Path, dest: Path) -> dict[str, Any]:
    """The shipped report as `sinoreport build` makes it, PDFs included: cold (no build/ at all), cold
    with the chart cache of a previous build (what a second clean build finds), then unchanged."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in ("content", "data", "templates"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, dest / name)
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    import yaml

    cfg = yaml.safe_load((repo / "sinoreport.yml").read_text(encoding="utf-8")) or {}
    # the raw digests where they are (the copy lives elsewhere): quotes are verified as in the repository
    cfg.setdefault("project", {})["raw"] = [str(p) for p in load_settings(repo).raw_dirs]
    (dest / "sinoreport.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    out: dict[str, Any] = {}
    cold = run_process(_cli("build"), dest)
    out["cold"] = {k: v for k, v in cold.items() if k != "output"} | {"log_tail": cold["output"][-400:]}
    for p in ("site", "docs", "pdf", ".site-stamp.json"):
        q = dest / "build" / p
        shutil.rmtree(q, ignore_errors=True) if q.is_dir() else q.unlink(missing_ok=True)
    warm = run_process(_cli("build"), dest)
    out["cold_chart_cache_kept"] = {k: v for k, v in warm.items() if k != "output"}
    again = run_process(_cli("build"), dest)
    out["unchanged"] = {k: v for k, v in again.items() if k != "output"} | {"log_tail": again["output"][-300:]}
    return out


# --------------------------------------------------------------------------- one size, end to end


def measure_size(project: Path, n: int, seed: int, with_pdf: bool, serve: bool) -> dict[str, Any]:
    timer = Timer()
    load0 = os.getloadavg()
    info = measure_stages(project, n, seed, timer, with_pdf)
    # the real command, cold: no rendered docs, no chart cache, no site
    shutil.rmtree(project / "build", ignore_errors=True)
    build = run_process(_cli("build", "--no-pdf"), project)
    rebuild = run_process(_cli("build", "--no-pdf"), project) if build["code"] == 0 else None
    site = project / "build" / "site"
    sizes = html_sizes(site) if site.is_dir() else {}
    bare = bare_mkdocs(project.parent / f"bare-{n}", sizes.get("html_pages", 0)) if sizes else None
    # the three PDF editions, cold, in their own process (a build makes them the same way, after the site)
    shutil.rmtree(project / "build" / "pdf", ignore_errors=True)
    pdf = run_process(_cli("pdf"), project) if build["code"] == 0 else None
    searched = search_bytes(site) if site.is_dir() else {}
    edit = serve_edit(project, n) if serve and build["code"] == 0 else {"note": "not measured"}
    own = sum(timer.seconds.get(s) or 0 for s in ("load", "check", "render"))  # charts: within render
    staged = own + sum(timer.seconds.get(s) or 0 for s in ("mkdocs", "post_build"))
    return {
        "n": n,
        "stages_s": timer.seconds,
        "notes": timer.notes,
        "info": info,
        "build": {k: v for k, v in build.items() if k != "output"} | {"log_tail": build["output"][-600:]},
        "rebuild": {k: v for k, v in rebuild.items() if k != "output"} if rebuild else None,
        "bare_mkdocs": bare,
        "pdf_cold": {k: v for k, v in pdf.items() if k != "output"} if pdf else None,
        "own_share": round(own / staged, 3) if staged else None,
        "sizes": sizes,
        "search_bytes": searched,
        "serve": edit,
        "loadavg": {"before": [round(x, 2) for x in load0], "after": [round(x, 2) for x in os.getloadavg()]},
    }


# --------------------------------------------------------------------------- the benchmark


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib.metadata import version

    import mkdocs
    import mkdocs_static_i18n  # noqa: F401

    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "memory_gb": mem,
            "os": platform.platform(), "python": platform.python_version(), "mkdocs": mkdocs.__version__,
            "material": version("mkdocs-material"), "static_i18n": version("mkdocs-static-i18n"),
            "date": dt.datetime.now().isoformat(timespec="seconds")}


def ratios(results: list[dict[str, Any]]) -> dict[str, Any]:
    by_n = {r["n"]: r for r in results}

    def total(n: int) -> float | None:
        b = by_n.get(n, {}).get("build") or {}
        return b.get("wall_s") if b.get("code") == 0 else None

    def page(n: int) -> int | None:
        return (by_n.get(n, {}).get("sizes") or {}).get("article_html_median")

    out: dict[str, Any] = {}
    if total(1000) and total(100):
        out["t1000_over_t100"] = round(total(1000) / total(100), 2)  # type: ignore[operator]
    if page(1000) and page(10):
        out["page1000_over_page10"] = round(page(1000) / page(10), 3)  # type: ignore[operator]
    ns = sorted(by_n)
    if len(ns) >= 2 and total(ns[-1]) and total(ns[0]):
        out[f"t{ns[-1]}_over_t{ns[0]}"] = round(total(ns[-1]) / total(ns[0]), 2)  # type: ignore[operator]
    for n in ns:
        bare = by_n[n].get("bare_mkdocs") or {}
        if total(n) and bare.get("code") == 0 and bare.get("wall_s"):
            out[f"build_over_bare_{n}"] = round(total(n) / bare["wall_s"], 2)  # type: ignore[operator]
    return out


def shipped_ratio(shipped: dict[str, Any] | None) -> float | None:
    if not shipped or (shipped.get("cold") or {}).get("code") != 0 or (shipped.get("unchanged") or {}).get("code"):
        return None
    return round(shipped["unchanged"]["wall_s"] / shipped["cold"]["wall_s"], 3)


def targets(results: list[dict[str, Any]], r: dict[str, Any], shipped: dict[str, Any] | None = None) -> dict[str, Any]:
    by_n = {x["n"]: x for x in results}
    out: dict[str, Any] = {}
    for n in (100, 1000):
        if f"build_over_bare_{n}" in r:
            v = r[f"build_over_bare_{n}"]
            out[f"build --no-pdf ≤ {TARGETS['over_bare']:g}x bare MkDocs ({n})"] = (v, v <= TARGETS["over_bare"])
    if shipped and (shipped.get("cold") or {}).get("code") == 0:
        v = shipped["cold"]["wall_s"]
        out[f"shipped report, cold build ≤ {TARGETS['shipped_cold_s']:g} s"] = (v, v <= TARGETS["shipped_cold_s"])
        warm = shipped.get("cold_chart_cache_kept") or {}
        if warm.get("code") == 0:
            v = warm["wall_s"]
            out[f"shipped report, cold build, chart cache kept ≤ {TARGETS['shipped_cold_s']:g} s"] = (
                v, v <= TARGETS["shipped_cold_s"])
        ratio = shipped_ratio(shipped)
        if ratio is not None:
            out[f"shipped report, unchanged rebuild ≤ {TARGETS['unchanged_ratio']:g}x cold"] = (
                ratio, ratio <= TARGETS["unchanged_ratio"])
    pdf = (by_n.get(1000, {}).get("pdf_cold") or {})
    if pdf.get("code") == 0:
        out[f"PDF editions of 1,000 articles, cold ≤ {TARGETS['pdf_1000_s']:g} s"] = (
            pdf["wall_s"], pdf["wall_s"] <= TARGETS["pdf_1000_s"])

    def build_s(n: int) -> float | None:
        b = by_n.get(n, {}).get("build") or {}
        return b.get("wall_s") if b.get("code") == 0 else None

    for n, key in ((1000, "build_1000_s"), (500, "build_500_s")):
        if build_s(n) is not None:
            out[f"build {n} ≤ {TARGETS[key]:g} s"] = (build_s(n), build_s(n) <= TARGETS[key])  # type: ignore[operator]
    if "t1000_over_t100" in r:
        out[f"t(1000)/t(100) ≤ {TARGETS['linear_ratio']:g}"] = (r["t1000_over_t100"],
                                                                 r["t1000_over_t100"] <= TARGETS["linear_ratio"])
    if "page1000_over_page10" in r:
        out[f"page(1000)/page(10) ≤ {TARGETS['page_ratio']:g}"] = (
            r["page1000_over_page10"], r["page1000_over_page10"] <= TARGETS["page_ratio"])
    big = by_n.get(max(by_n)) if by_n else None
    if big and big.get("own_share") is not None:
        out[f"own stages ≤ {TARGETS['own_share']:.0%} of build ({big['n']})"] = (
            big["own_share"], big["own_share"] <= TARGETS["own_share"])
    if 1000 in by_n:
        q = [v for k, v in by_n[1000]["search_bytes"].items() if ":" in k and v]
        if q:
            kb = round(max(q) / 1024, 1)
            out[f"search ≤ {TARGETS['search_kb']:g} KB per query (1000)"] = (kb, kb <= TARGETS["search_kb"])
        e = (by_n[1000].get("serve") or {}).get("edit_to_served_s")
        if e is not None:
            out[f"serve: one edit ≤ {TARGETS['serve_edit_s']:g} s (1000)"] = (e, e <= TARGETS["serve_edit_s"])
    return out


def _fmt(v: Any, unit: str = "") -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.1f}{unit}" if v >= 10 else f"{v:.2f}{unit}"
    return f"{v}{unit}"


def table(results: list[dict[str, Any]]) -> Table:
    """One column per size, one row per measure (fits a terminal however many stages there are)."""
    t = Table(title="sinoreport bench — seconds unless noted")
    t.add_column("articles")
    for r in results:
        t.add_column(str(r["n"]), justify="right")

    def row(label: str, get: Callable[[dict[str, Any]], Any], unit: str = "") -> None:
        t.add_row(label, *[_fmt(get(r), unit) for r in results])

    for s in STAGES:
        row(f"  {s}", lambda r, s=s: r["stages_s"].get(s))
    row("sinoreport build (cold)", lambda r: r["build"].get("wall_s") if r["build"].get("code") == 0 else None)
    row("  CPU time", lambda r: r["build"].get("cpu_s"))
    row("  peak RSS", lambda r: r["build"].get("peak_rss_mb"), " MB")
    row("  own stages' share", lambda r: r.get("own_share"))
    row("rebuild, nothing changed", lambda r: (r.get("rebuild") or {}).get("wall_s"))
    row("bare MkDocs, as many pages", lambda r: (r.get("bare_mkdocs") or {}).get("wall_s"))
    row("  our build / bare", lambda r: round(r["build"]["wall_s"] / r["bare_mkdocs"]["wall_s"], 2)
        if r["build"].get("code") == 0 and (r.get("bare_mkdocs") or {}).get("wall_s") else None)
    row("PDF editions (3), cold", lambda r: (r.get("pdf_cold") or {}).get("wall_s")
        if (r.get("pdf_cold") or {}).get("code") == 0 else None)
    row("  peak RSS of the PDFs", lambda r: (r.get("pdf_cold") or {}).get("tree_rss_mb"), " MB")
    row("serve: one edit served", lambda r: (r.get("serve") or {}).get("edit_to_served_s"))
    row("site on disk", lambda r: round(r["sizes"]["site_bytes"] / 1e6, 1) if r["sizes"] else None, " MB")
    row("HTML pages", lambda r: r["sizes"].get("html_pages"))
    row("article page median", lambda r: _kb(r["sizes"].get("article_html_median")), " KB")
    row("article page max", lambda r: _kb(r["sizes"].get("article_html_max")), " KB")
    row("any page median", lambda r: _kb(r["sizes"].get("html_median")), " KB")
    row("any page max", lambda r: _kb(r["sizes"].get("html_max")), " KB")
    row("one search, cold (max)", lambda r: _kb(max((v for k, v in r["search_bytes"].items() if ":" in k and v),
                                                    default=None)), " KB")
    row("load average before", lambda r: r["loadavg"]["before"][0])
    return t


def _kb(v: int | None) -> float | None:
    return None if v is None else round(v / 1024, 1)


def quality_report(settings: Settings, out: Console) -> dict[str, Any]:
    """How well ingest proposes rows (held-out, development and in-sample keys) and how much of a contradicting
    change the semantic check catches (the mutation battery on the shipped report): printed and returned."""
    from sinoreport.dev import ingest_score
    from sinoreport.dev.mutations import KINDS, run_battery

    scores = [ingest_score.heldout()]
    scores += [ingest_score.heldout(f, f.name) for f in sorted((ingest_score.REPO / "tests" / "fixtures").glob("dev*"))]
    if ingest_score.SEED.is_file():
        scores.append(ingest_score.in_sample())
    out.print(ingest_score.table(scores))
    battery = run_battery(settings)
    out.print(battery.table())
    return {"ingest": [sc.summary() for sc in scores],
            "mutations": {k: {"tried": battery.tried[k], "caught": battery.caught[k]} for k in KINDS}
            | {"rate": round(battery.rate(), 3)}}


def run_bench(settings: Settings, sizes: list[int], out_path: Path, out: Console, err: Console,
              *, seed: int = 1, serve: bool = True) -> int:
    sizes = sorted({n for n in sizes if n > 0})
    if not sizes:
        err.print("[bold red]error:[/] give at least one size above zero")
        return 2
    root = out_path.parent
    root.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    for n in sizes:
        project = root / f"synth-{n}"
        err.print(f"[bold]bench[/] {n} articles → {project}")
        part = root / f"result-{n}.json"
        cmd = [sys.executable, "-m", "sinoreport.dev.bench", "worker", str(project), str(n), str(part), str(seed),
               "pdf" if n == sizes[0] else "no-pdf", "serve" if serve else "no-serve"]
        p = subprocess.run(cmd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
        if p.returncode != 0 or not part.is_file():
            err.print(f"[bold red]bench failed[/] for {n} articles (exit {p.returncode})")
            return 1
        results.append(json.loads(part.read_text(encoding="utf-8")))
        out.print(table(results))
    err.print("[bold]bench[/] the shipped report: cold, cold with the chart cache kept, unchanged")
    shipped = measure_shipped(settings.root, root / "shipped")
    for k in ("cold", "cold_chart_cache_kept", "unchanged"):
        v = shipped.get(k) or {}
        out.print(f"shipped report, {k.replace('_', ' ')}: {v.get('wall_s')} s (exit {v.get('code')}), "
                  f"peak RSS {v.get('tree_rss_mb')} MB")
    r = ratios(results)
    if shipped_ratio(shipped) is not None:
        r["shipped_unchanged_over_cold"] = shipped_ratio(shipped)
    tg = targets(results, r, shipped)
    err.print("[bold]bench[/] ingest against its answer keys, and the mutation battery of check")
    quality = quality_report(settings, out)
    doc = {"machine": machine(), "seed": seed, "results": results, "shipped": shipped, "ratios": r,
           "targets": {k: {"value": v, "met": ok} for k, (v, ok) in tg.items()}, "quality": quality}
    out_path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out.print(table(results))
    for k, v in r.items():
        out.print(f"{k}: {v}")
    for k, (v, ok) in tg.items():
        out.print(f"{'[green]met[/]' if ok else '[red]missed[/]'}  {k}: {v}")
    out.print(f"[green]wrote[/] {out_path}")
    return 0


def _main(argv: list[str]) -> int:
    """`python -m sinoreport.dev.bench [--sizes 10,100,1000] [--out FILE]` (what `make bench` runs), and the
    per-size worker it starts: `… worker PROJECT N OUT.json SEED pdf|no-pdf serve|no-serve`."""
    if argv[:1] == ["worker"]:
        project, n, out, seed, pdf, serve = (Path(argv[1]), int(argv[2]), Path(argv[3]), int(argv[4]), argv[5],
                                             argv[6])
        result = measure_size(project.resolve(), n, seed, pdf == "pdf", serve == "serve")
        out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return 0
    import argparse

    p = argparse.ArgumentParser(prog="python -m sinoreport.dev.bench")
    p.add_argument("--sizes", default="10,100,1000", help="comma-separated corpus sizes")
    p.add_argument("--out", type=Path, default=None, help="results JSON (default build/bench/results.json)")
    args = p.parse_args(argv)
    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        p.error(f"--sizes must be comma-separated integers, got {args.sizes!r}")
    settings = load_settings()
    out_path = args.out or settings.build_dir / "bench" / "results.json"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    return run_bench(settings, sizes, out_path, Console(), Console(stderr=True))


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
