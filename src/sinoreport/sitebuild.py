"""MkDocs for every locale: one process per locale when the machine has the cores, merged into one site.

mkdocs-static-i18n builds the locales one after another in one process (the default locale, then each
other locale from its on_post_build). Markdown conversion and Material's templates are CPU-bound Python,
so on a multi-core machine each locale is built in its own process instead — a complete static-i18n
build started at that locale, with every locale's alternates (hreflang, language switcher) computed from
the same docs as before — and the trees are merged exactly as the sequential build leaves them:

- each locale's own folder comes from its build; the default locale's build gives the root;
- files every build writes at the root (theme assets, 404.html) are laid down in locale order, later
  over earlier, as the sequential build overwrites them;
- sitemap.xml lists every locale's pages in locale order (each build lists only its own), and
  sitemap.xml.gz is its gzip with the same header timestamp.

The post-build steps (search index, …) run once, on the merged site. `SINOREPORT_JOBS=1` (or one core)
keeps the sequential build.
"""

from __future__ import annotations

import gzip
import logging
import re
import shutil
from pathlib import Path

from sinoreport.build import Build, BuildFailed
from sinoreport.config import Settings, load_settings, locale_jobs, process_pool
from sinoreport.load import Location, Problem

log = logging.getLogger("mkdocs.plugins.sinoreport")

_URL = re.compile(r"\s*<url>.*?</url>", re.S)


# Below this many Markdown pages a worker's start-up (imports, config, static-i18n's file scan) costs
# more than the locale build it takes over.
PARALLEL_MIN_PAGES = 1200


def jobs_for(settings: Settings, pages: int) -> int:
    return locale_jobs(len(settings.language.locales), pages, PARALLEL_MIN_PAGES)


def mkdocs_config(build: Build, *, site_dir: Path):
    """mkdocs.yml loaded for this Build: its plugin takes the Build's pages instead of rendering them."""
    from mkdocs.config import load_config

    settings = build.settings
    cfg_file = settings.root / "mkdocs.yml"
    if not cfg_file.is_file():
        raise BuildFailed(f"{cfg_file} not found", [Problem(Location(str(cfg_file)), "no mkdocs.yml",
                                                            "run from the project root")])
    config = load_config(str(cfg_file), site_dir=str(site_dir), strict=True)
    plugin = config.plugins.get("sinoreport")
    if plugin is None:
        raise BuildFailed("mkdocs.yml does not enable the sinoreport plugin (plugins: - sinoreport)")
    plugin.build = build
    plugin.config.drafts = build.drafts
    plugin.config.strict = build.strict
    return config


def build_html(build: Build, site_dir: Path, *, post_build: bool = True, jobs: int | None = None) -> None:
    """MkDocs (with static-i18n) for every locale into `site_dir`, over the pages `build` rendered."""
    settings = build.settings
    if jobs is None:
        jobs = jobs_for(settings, build.pages)
    if jobs <= 1 or len(settings.language.locales) < 2:
        _sequential(build, site_dir, post_build=post_build)
        return
    parts = site_dir.with_name(site_dir.name + ".parts")
    shutil.rmtree(parts, ignore_errors=True)
    locales = list(settings.language.locales)
    try:
        with process_pool(jobs) as pool:
            futures = [pool.submit(build_locale, str(settings.root), code, str(parts / code), build.drafts,
                                   build.strict) for code in locales]
            for f in futures:
                for level, message in f.result():  # a worker's MkDocs error is raised here
                    logging.getLogger("mkdocs").log(level, message)
        merge(parts, site_dir, locales, settings.language.default_locale)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    if post_build:
        from sinoreport.site import post_build as steps

        steps(settings, site_dir, serving=False, drafts=build.drafts, corpus=build.publishable(),
              catalogue=build.catalogue)


def _sequential(build: Build, site_dir: Path, *, post_build: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    config = mkdocs_config(build, site_dir=site_dir)
    config.plugins["sinoreport"].config.post_build = post_build
    mkdocs_build(config)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def build_locale(root: str, code: str, out: str, drafts: bool, strict: bool) -> list[tuple[int, str]]:
    """In a worker process: a static-i18n build of one locale into `out`; returns MkDocs' warnings."""
    from mkdocs.commands.build import build as mkdocs_build

    # build/docs is current (the parent rendered it): this process's Build takes it as it is
    build = Build(load_settings(Path(root)), drafts=drafts, strict=strict).adopt()
    config = mkdocs_config(build, site_dir=Path(out))
    i18n = config.plugins["i18n"]
    i18n.current_language = code  # start at this locale …
    i18n.building = True  # … and stop there: static-i18n's on_post_build builds no other locale
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        mkdocs_build(config)
    finally:
        logger.removeHandler(handler)
    return handler.records


def merge(parts: Path, site: Path, locales: list[str], default: str) -> None:
    """Lay the per-locale trees into one site, as the sequential build would have left it."""
    shutil.rmtree(site, ignore_errors=True)
    (parts / default).rename(site)
    sitemaps = {default: _read(site / "sitemap.xml")}
    for code in locales:
        if code == default:
            continue
        tree = parts / code
        (tree / code).rename(site / code)
        for p in sorted(tree.rglob("*")):
            if p.is_file() and p.name not in ("sitemap.xml", "sitemap.xml.gz"):
                dest = site / p.relative_to(tree)
                dest.parent.mkdir(parents=True, exist_ok=True)
                if not dest.exists() or dest.read_bytes() != p.read_bytes():
                    shutil.copy2(p, dest)  # later builds overwrite shared root files (404.html)
        sitemaps[code] = _read(tree / "sitemap.xml")
    head_tail = sitemaps[default]
    if head_tail is None:
        return
    urls = "".join("".join(_URL.findall(sitemaps[c] or "")) for c in locales)
    first = _URL.search(head_tail)
    head = head_tail[: first.start()] if first else head_tail.split("</urlset>")[0]
    text = head + urls + "\n</urlset>"
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    gz = site / "sitemap.xml.gz"
    mtime = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.is_file() else 0
    with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as z:
        z.write(text.encode("utf-8"))


def _read(p: Path) -> str | None:
    return p.read_text(encoding="utf-8") if p.is_file() else None
