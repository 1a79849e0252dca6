"""The MkDocs plugin that makes plain `mkdocs build` / `mkdocs serve` work from the project root.

on_config     — load and check content/ + data/, render build/docs (only changed files are written),
                once per change of inputs (static-i18n re-enters on_config for every locale).
on_serve      — watch content/, data/ and templates/ instead of build/docs; drafts are shown while serving.
on_post_build — after every locale is built (the outermost call only): the site's post steps
                (search index, PDF copy) registered in sinoreport.site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from sinoreport import static_i18n
from sinoreport.render.codecache import TEMPLATE_CODE
from sinoreport.theme import material_script, wrap_tables

log = logging.getLogger("mkdocs.plugins.sinoreport")

# inputs fingerprint → done; survives the plugin instances that `mkdocs serve` recreates per rebuild
_RENDERED: dict[str, str] = {}
# serve: the theme's inputs per docs dir, and the post-build work running after a rebuild
_THEME: dict[str, str] = {}
# serve: inputs that failed the checks (per docs dir), with what the preview shows about them
_FAILED: dict[str, tuple[str, dict]] = {}
_POST: dict[str, subprocess.Popen | None] = {}


def touch_all(docs: Path) -> int:
    """Mark every page modified, so a dirty rebuild renders all of them (the theme changed)."""
    now = time.time()
    n = 0
    for p in docs.rglob("*.md"):
        os.utime(p, (now, now))
        n += 1
    return n


class _Options(Config):
    drafts = c.Type(bool, default=False)
    strict = c.Type(bool, default=False)
    post_build = c.Type(bool, default=True)


def fingerprint(paths: list[Path]) -> str:
    """Cheap change detector: every input file's path, size and mtime."""
    h: list[str] = []
    for root in paths:
        if not root.exists():
            continue
        for dirpath, _, names in sorted(os.walk(root)):
            for n in sorted(names):
                p = os.path.join(dirpath, n)
                try:
                    st = os.stat(p)
                except FileNotFoundError:
                    continue
                h.append(f"{p}:{st.st_size}:{st.st_mtime_ns}")
    import hashlib

    return hashlib.sha256("\n".join(h).encode()).hexdigest()


def apply_settings(config: MkDocsConfig, settings) -> None:
    """sinoreport.yml is the one place for the site URL and titles; mkdocs.yml follows it.

    Builds are reproducible: unless SOURCE_DATE_EPOCH is set, MkDocs' timestamps (sitemap lastmod,
    gzip headers) come from the report's edition date, not the clock.
    """
    if "SOURCE_DATE_EPOCH" not in os.environ:
        edition = dt.datetime.fromisoformat(settings.site.edition).replace(tzinfo=dt.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(edition.timestamp()))
    config.site_url = settings.site.url
    titles = settings.site.title
    config.site_name = titles.get(settings.language.default_locale, config.site_name)
    i18n = config.plugins.get("i18n")
    for lang in getattr(getattr(i18n, "config", None), "languages", None) or []:
        if lang.locale in titles and not lang.default:
            lang.site_name = titles[lang.locale]


def _status(problems) -> dict:
    """What serve.js shows over a preview: the located messages of the last rebuild."""
    lines = [f"{p.where}: {p.what}" + (f" — {p.fix}" if p.fix else "") for p in problems]
    return {"ok": False, "title": f"sinoreport: {len(lines)} error(s) — the preview shows the last good pages",
            "problems": lines}


class SinoreportPlugin(BasePlugin[_Options]):
    def __init__(self) -> None:
        super().__init__()
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)  # before static-i18n sorts the files into locales
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from sinoreport.check import run_checks
        from sinoreport.config import load_settings
        from sinoreport.corpus import load_corpus
        from sinoreport.render.pages import RenderError, render_tree
        from sinoreport.render.writer import write_tree

        static_i18n.install()  # its file step, without pathlib (see static_i18n.py)
        root = Path(config.config_file_path or ".").resolve().parent
        settings = load_settings(root)
        apply_settings(config, settings)
        drafts = self.config.drafts or self.serving
        docs = Path(config.docs_dir)
        key = f"{docs}|{drafts}|{self.config.strict}"
        if self.serving:
            # `sinoreport serve` rebuilds dirty: only pages whose Markdown changed. A page's HTML depends on
            # nothing else (the navigation is fixed) — except the theme: when it changes, every page goes.
            theme = fingerprint([settings.templates_dir / "overrides", root / "mkdocs.yml"])
            if _THEME.get(str(docs)) not in (None, theme) and docs.is_dir():
                log.info(f"sinoreport: the theme changed; {touch_all(docs)} pages will be rebuilt")
            _THEME[str(docs)] = theme
        if self.serving:
            config.extra["sinoreport_serving"] = True  # main.html adds the error box of serve.js
        fp = fingerprint([settings.content_dir, settings.data_dir, settings.templates_dir, root / "sinoreport.yml"])
        if _RENDERED.get(key) == fp and docs.is_dir():
            return config
        if key in _FAILED and _FAILED[key][0] == fp:  # another locale's pass over the same broken inputs
            return config
        t0 = time.perf_counter()
        corpus = load_corpus(settings, include_drafts=drafts)
        report = run_checks(corpus, settings, strict=self.config.strict)
        corpus.open_problems = report.drafts
        for p in report.warnings if not self.config.strict else []:
            log.info(str(p))
        if not report.ok:
            if not self.serving:
                raise PluginError("content has errors:\n" + "\n".join(map(str, report.errors)))
            # A preview never stops on content: it keeps the last good pages (or, on its first build, shows
            # what can be shown) with the errors over every page, until a rebuild is clean again.
            for p in report.errors:
                log.error(str(p))
            _FAILED[key] = (fp, _status(report.errors))
            if key in _RENDERED and docs.is_dir():
                log.warning(f"sinoreport: {len(report.errors)} content error(s); serving the last good pages")
                return config
        try:
            files = render_tree(settings, corpus, drafts=drafts, memo=self.serving)
        except RenderError as e:
            if not self.serving or key not in _RENDERED:
                raise PluginError("render failed:\n" + "\n".join(map(str, e.problems))) from None
            _FAILED[key] = (fp, _status(e.problems))
            log.warning("sinoreport: the pages could not be rendered; serving the last good ones")
            return config
        stats = write_tree(docs, files, remember=self.serving)
        _RENDERED[key] = fp
        if report.ok:
            _FAILED.pop(key, None)
        log.info(f"sinoreport: {len(files)} files in {docs} ({stats}) in {time.perf_counter() - t0:.2f}s")
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        # Each build (one per locale, and every rebuild while serving) makes a new Jinja environment
        # and would compile Material's templates again; compiled code is kept for the process instead
        # (keyed by the template's source, so an edited override is compiled afresh).
        env.bytecode_cache = TEMPLATE_CODE
        env.globals["material_script"] = material_script
        return env

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        return wrap_tables(html)

    def on_serve(self, server, config: MkDocsConfig, builder):
        from sinoreport.config import load_settings

        settings = load_settings(Path(config.config_file_path or ".").resolve().parent)
        for d in (settings.content_dir, settings.data_dir, settings.templates_dir):
            if d.is_dir():
                server.watch(str(d))
        # build/docs is ours: on_config rewrites it from the inputs above within the same rebuild, so
        # watching it would only start a second, empty rebuild after every edit
        with contextlib.suppress(KeyError):  # not watched (livereload off)
            server.unwatch(config.docs_dir)
        return server

    def on_shutdown(self) -> None:
        for running in _POST.values():
            if running is not None and running.poll() is None:
                running.terminate()

    @event_priority(-200)  # after static-i18n has built the other locales
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "building", False):
            return  # a nested per-locale build; the outermost call runs the post steps once
        if not self.config.post_build:
            return
        from sinoreport.config import load_settings
        from sinoreport.site import drop_alternate_prefetch, post_build

        settings = load_settings(Path(config.config_file_path or ".").resolve().parent)
        site_dir = Path(config.site_dir)
        if self.serving:  # what serve.js shows: the errors of this rebuild, or none
            key = f"{Path(config.docs_dir)}|True|{self.config.strict}"
            failed = _FAILED.get(key, (None, {"ok": True, "title": "", "problems": []}))[1]
            status = site_dir / "assets" / "sinoreport" / "status.json"
            status.parent.mkdir(parents=True, exist_ok=True)
            status.write_text(json.dumps(failed, ensure_ascii=False), encoding="utf-8")
        if self.serving and str(site_dir) in _POST:
            # A rebuild while serving: the page is served now; the post steps (the search index over every
            # page) follow in a process of their own, on another core. One still indexing the previous
            # rebuild is stale: it is stopped (the index is swapped in whole, so nothing is left half-made).
            running = _POST[str(site_dir)]
            if running is not None and running.poll() is None:
                running.terminate()
                running.wait()
            drop_alternate_prefetch(settings, site_dir, True)
            _POST[str(site_dir)] = subprocess.Popen(
                [sys.executable, "-m", "sinoreport.site", str(settings.root), str(site_dir), "--serving"])
            return
        try:
            post_build(settings, site_dir, serving=self.serving, drafts=self.config.drafts)
        except Exception as e:  # surfaced by MkDocs as a build error, not a traceback
            raise PluginError(f"post-build step failed: {e}") from e
        if self.serving:
            _POST[str(site_dir)] = None  # the first build is done; later ones go to the background

