"""The MkDocs plugin: MkDocs' side of a Build, so plain `mkdocs build` / `mkdocs serve` work from the
project root, and `sinoreport build` drives MkDocs over the pages it already rendered.

on_config     — put our theme overrides ahead of Material's templates (`theme_dirs`: a project needs no
                custom_dir); take the Build this config was made for (`sitebuild.mkdocs_config`), or make one (plain
                `mkdocs build`), or keep the one of this preview (`serve`); run it unless build/docs is
                already rendered from these inputs (static-i18n re-enters on_config for every locale).
on_serve      — watch content/, data/ and templates/ instead of build/docs; drafts are shown while serving.
on_post_build — after every locale is built (the outermost call only): the site's post steps (search
                index over the Build's corpus, sinoreport.site) and the PDF editions the pages link.
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
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from sinoreport import fingerprints, static_i18n
from sinoreport.build import Build, BuildFailed
from sinoreport.render.codecache import TEMPLATE_CODE
from sinoreport.render.html import ids_in, toc_tokens
from sinoreport.theme import material_script, wrap_tables

log = logging.getLogger("mkdocs.plugins.sinoreport")


@dataclass
class Preview:
    """A `serve` process's one Build and what the preview adds to it. `mkdocs serve` makes a new config
    (and plugin) for every rebuild, so this outlives them: the only state the process keeps."""

    build: Build
    theme: str = ""  # the theme's inputs when build/docs was last rendered
    post: subprocess.Popen | None = None  # the search index of the last rebuild, made in the background
    built_once: bool = False
    indexed: bool = False  # the first build indexes in line; later rebuilds in the background
    status: dict = field(default_factory=lambda: {"ok": True, "title": "", "problems": []})


_PREVIEWS: dict[str, Preview] = {}  # by mkdocs.yml path


def docs_dir(path: str) -> str:
    """mkdocs.yml's `docs_dir: !!python/object/apply:sinoreport.mkdocs_plugin.docs_dir [build/docs]`: the
    folder the plugin renders into, made if missing — MkDocs requires docs_dir to exist before any plugin
    runs, and on a fresh clone nothing has made build/ yet. (Relative to where mkdocs runs: the project
    root, as its config's relative paths assume.)"""
    Path(path).mkdir(parents=True, exist_ok=True)
    return path


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
    labels = settings.language.labels
    for lang in getattr(getattr(i18n, "config", None), "languages", None) or []:
        if lang.locale in titles and not lang.default:
            lang.site_name = titles[lang.locale]
        if lang.locale in labels:
            lang.name = labels[lang.locale]


def theme_dirs(config: MkDocsConfig, settings) -> None:
    """The Material overrides a page is rendered with, first found wins: mkdocs.yml's `theme.custom_dir`
    (if any), the project's templates/overrides/, the package's; then the theme's own templates. Put in
    once (static-i18n re-enters on_config for every locale, with the same theme)."""
    dirs = config.theme.dirs
    ours = [str(d) for d in settings.template_dirs("overrides") if d.is_dir()]
    custom = config.theme.custom_dir
    at = 1 if custom and dirs and os.path.realpath(dirs[0]) == os.path.realpath(custom) else 0
    for d in reversed(ours):
        if not any(os.path.realpath(x) == os.path.realpath(d) for x in dirs):
            dirs.insert(at, d)


def nav_without(nav, hidden: frozenset[str]):
    """mkdocs.yml's nav without the pages of the sections the site does not have (`site.pages`): their
    tabs go, and a group left empty goes with them."""
    from sinoreport.render.catalogue import section_of

    if not nav or not hidden:
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            value = nav_without(value, hidden) if isinstance(value, list) else value
            if value and not (isinstance(value, str) and section_of(value) in hidden):
                out.append({title: value})
        elif not (isinstance(item, str) and section_of(item) in hidden):
            out.append(item)
    return out


def watch_when_made(server, folder: Path) -> None:
    """Watch `folder` from when it appears: a project that starts its own templates/ while serving. Then a
    rebuild at once, which reads what was written into it before its watch began."""
    import watchdog.events

    def made(event) -> None:
        path = Path(getattr(event, "dest_path", "") or event.src_path)
        if not event.is_directory or path != folder or not folder.is_dir():
            return
        server.watch(str(folder))
        cond = getattr(server, "_rebuild_cond", None)  # MkDocs' own trigger (livereload), when it has one
        if cond is not None:
            with cond:
                server._want_rebuild = True
                cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_created = handler.on_moved = made  # type: ignore[method-assign]
    server.observer.schedule(handler, str(folder.parent), recursive=False)


def _status(problems) -> dict:
    """What serve.js shows over a preview: the located messages of the last rebuild."""
    lines = [f"{p.where}: {p.what}" + (f" — {p.fix}" if p.fix else "") for p in problems]
    return {"ok": False, "title": f"sinoreport: {len(lines)} error(s) — the preview shows the last good pages",
            "problems": lines}


class SinoreportPlugin(BasePlugin[_Options]):
    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.build: Build | None = None  # set by sitebuild.mkdocs_config, or made in on_config
        self._bodies: dict[str, str] = {}  # HTML pages between on_page_markdown and on_page_content

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def _preview(self, config: MkDocsConfig, settings) -> Preview:
        key = str(Path(config.config_file_path or ".").resolve())
        p = _PREVIEWS.get(key)
        # by value: a Settings caches its resolved paths on itself, so == would tell a used one from a fresh one
        if p is None or p.build.settings.model_dump_json() != settings.model_dump_json():
            p = _PREVIEWS[key] = Preview(Build(settings, serving=True, strict=self.config.strict,
                                               docs_dir=Path(config.docs_dir)))
        return p

    @event_priority(100)  # before static-i18n sorts the files into locales
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from sinoreport.config import load_settings

        static_i18n.install()  # its file step, without pathlib (see static_i18n.py)
        if self.build is not None:
            settings = self.build.settings
        else:
            settings = load_settings(Path(config.config_file_path or ".").resolve().parent)
        apply_settings(config, settings)
        theme_dirs(config, settings)
        config.nav = nav_without(config.nav, settings.site.pages.hidden())
        if self.serving:
            config.extra["sinoreport_serving"] = True  # main.html adds the error box of serve.js
            self._serve_config(config, settings)
            return config
        if self.build is None:
            self.build = Build(settings, drafts=self.config.drafts, strict=self.config.strict,
                               docs_dir=Path(config.docs_dir))
        if not self.build.fresh():
            t0 = time.perf_counter()
            try:
                report = self.build.run()
            except BuildFailed as e:
                raise PluginError(f"{e}:\n" + "\n".join(map(str, e.problems))) from None
            for p in report.warnings if not self.build.strict else []:
                log.info(str(p))
            log.info(f"sinoreport: {len(self.build.files)} files in {self.build.docs_dir} "
                     f"in {time.perf_counter() - t0:.2f}s")
        return config

    def _serve_config(self, config: MkDocsConfig, settings) -> None:
        """A preview never stops on content: it keeps the last good pages (or, on its first build, shows
        what can be shown) with the errors over every page, until a rebuild is clean again."""
        preview = self._preview(config, settings)
        self.build = b = preview.build
        docs = b.docs_dir
        # Dirty rebuilds: only pages whose Markdown changed. A page's HTML depends on nothing else (the
        # navigation is fixed) — except the theme: when it changes, every page goes.
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        theme = fingerprints.tree([*custom, *settings.template_dirs("overrides"), settings.root / "mkdocs.yml"])
        if preview.theme not in ("", theme) and docs.is_dir():
            log.info(f"sinoreport: the theme changed; {touch_all(docs)} pages will be rebuilt")
        preview.theme = theme
        if b.fresh() or (b.failed and b.failed_inputs == b.inputs()):
            return  # another locale's pass over the same inputs
        t0 = time.perf_counter()
        try:
            report = b.run(render_with_errors=not preview.built_once)
        except BuildFailed as e:
            for p in e.problems:
                log.error(str(p))
            preview.status = _status(b.failed)
            log.warning(f"sinoreport: {len(b.failed)} error(s); serving the last good pages")
            return
        preview.built_once = True
        if report.ok:
            preview.status = {"ok": True, "title": "", "problems": []}
        else:  # the first build, shown with its errors
            for p in report.errors:
                log.error(str(p))
            preview.status = _status(report.errors)
        log.info(f"sinoreport: {len(b.files)} files in {docs} ({b.reused} of {b.pages} pages reused) in "
                 f"{time.perf_counter() - t0:.2f}s")

    def on_env(self, env, config: MkDocsConfig, files):
        # Each build (one per locale, and every rebuild while serving) makes a new Jinja environment
        # and would compile Material's templates again; compiled code is kept for the process instead
        # (keyed by the template's source, so an edited override is compiled afresh).
        env.bytecode_cache = TEMPLATE_CODE
        env.globals["material_script"] = material_script
        return env

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files) -> str:
        # A page we wrote as HTML (front matter `sr_body: html`) is final: Python-Markdown gets nothing to
        # parse, and on_page_content puts the HTML back with its table of contents.
        if page.meta.get("sr_body") == "html":
            self._bodies[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        body = self._bodies.pop(page.file.src_uri, None)
        if body is not None:
            html = body
            page.toc = get_toc(toc_tokens(body))
            page.present_anchor_ids = ids_in(body)  # what MkDocs checks links into this page against
        return wrap_tables(html)

    def on_serve(self, server, config: MkDocsConfig, builder):
        settings = self.build.settings if self.build is not None else None
        if settings is not None:
            for d in (settings.content_dir, settings.data_dir, *settings.template_roots, settings.root / "editions"):
                if d.is_dir():
                    server.watch(str(d))
            if not settings.templates_dir.is_dir() and settings.templates_dir.parent.is_dir():
                watch_when_made(server, settings.templates_dir)
        # build/docs is ours: on_config rewrites it from the inputs above within the same rebuild, so
        # watching it would only start a second, empty rebuild after every edit
        with contextlib.suppress(KeyError):  # not watched (livereload off)
            server.unwatch(config.docs_dir)
        return server

    def on_shutdown(self) -> None:
        for preview in _PREVIEWS.values():
            if preview.post is not None and preview.post.poll() is None:
                preview.post.terminate()

    @event_priority(-200)  # after static-i18n has built the other locales
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "building", False):
            return  # a nested per-locale build; the outermost call runs the post steps once
        if not self.config.post_build or self.build is None:
            return
        from sinoreport.site import drop_alternate_prefetch, post_build

        b = self.build
        settings = b.settings
        site_dir = Path(config.site_dir)
        b.copy_pdfs(site_dir)  # those made already (`sinoreport build` makes them after MkDocs)
        if self.serving:  # what serve.js shows: the errors of this rebuild, or none
            preview = self._preview(config, settings)
            status = site_dir / "assets" / "sinoreport" / "status.json"
            status.parent.mkdir(parents=True, exist_ok=True)
            status.write_text(json.dumps(preview.status, ensure_ascii=False), encoding="utf-8")
            if preview.indexed:
                # A rebuild while serving: the page is served now; the post steps (the search index over
                # every page) follow in a process of their own, on another core. One still indexing the
                # previous rebuild is stale: it is stopped (the index is swapped in whole, so nothing is
                # left half-made).
                running = preview.post
                if running is not None and running.poll() is None:
                    running.terminate()
                    running.wait()
                drop_alternate_prefetch(settings, site_dir, True)
                preview.post = subprocess.Popen(
                    [sys.executable, "-m", "sinoreport.site", str(settings.root), str(site_dir), "--serving"])
                return
        try:
            post_build(settings, site_dir, serving=self.serving, drafts=b.drafts,
                       corpus=b.publishable() if b.corpus is not None else None, catalogue=b.catalogue or None)
        except Exception as e:  # surfaced by MkDocs as a build error, not a traceback
            raise PluginError(f"post-build step failed: {e}") from e
        if self.serving:
            self._preview(config, settings).indexed = True  # later rebuilds index in the background

