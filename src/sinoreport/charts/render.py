"""Vega-Lite → SVG with vl-convert, cached by spec hash; the SVG made accessible and self-contained;
the Vega/Vega-Lite/Vega-Embed bundle for the interactive layer, built once and served locally.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import vl_convert as vlc

from sinoreport.config import cores, process_pool

# Bump when the post-processing below changes, so cached SVGs are not reused across it.
_SVG_FORMAT = "2"
VL_VERSION = "6.4"


def _versions() -> str:
    return f"vl-convert {vlc.__version__ if hasattr(vlc, '__version__') else ''} vega {vlc.get_vega_version()} " \
           f"vl {VL_VERSION} fmt {_SVG_FORMAT}"


def spec_hash(spec: dict[str, Any]) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((_versions() + "\n" + text).encode("utf-8")).hexdigest()


def _convert(spec: dict[str, Any]) -> str:
    return vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=[])


def to_svg(spec: dict[str, Any], cache_dir: Path | None) -> str:
    """The raw SVG of a spec, from the cache when this exact spec (and toolchain) was rendered before."""
    return to_svgs([spec], cache_dir)[0]


# vl-convert holds the GIL while it converts (measured: a Python loop beside it slows by the whole
# conversion time), so threads do not overlap it with anything. Conversions that miss the cache go to
# worker processes instead, kept for the life of the process (`serve` converts on later edits too).
_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
POOL_MIN = 4  # fewer misses than this are converted here: a worker's start-up (~1 s) would cost more


_HERE = False  # convert in this process (set in workers that are themselves one of several)


def convert_here() -> None:
    """Never start conversion workers from this process: it is already one of the render workers."""
    global _HERE
    _HERE = True


def _pool() -> ProcessPoolExecutor | None:
    global _POOL
    n = cores()
    if _HERE or n < 2 or os.environ.get("SINOREPORT_JOBS") == "1":
        return None
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = process_pool(min(n, 4))
        return _POOL


def to_svgs(specs: list[dict[str, Any]], cache_dir: Path | None) -> list[str]:
    """The raw SVGs of many specs: cached ones read, the rest converted (in worker processes if many)."""
    paths = []
    out: list[str | None] = []
    for spec in specs:
        key = spec_hash(spec)
        path = cache_dir / f"{key[:2]}/{key}.svg" if cache_dir else None
        paths.append(path)
        out.append(path.read_text(encoding="utf-8") if path is not None and path.is_file() else None)
    todo = [i for i, svg in enumerate(out) if svg is None]
    pool = _pool() if len(todo) >= POOL_MIN else None
    made: list[str] | None = None
    if pool is not None:
        try:
            made = list(pool.map(_convert, [specs[i] for i in todo]))
        except BrokenProcessPool:  # workers could not start (or died): convert here instead
            _discard_pool()
    if made is None:
        made = [_convert(specs[i]) for i in todo]
    for i, svg in zip(todo, made, strict=True):
        out[i] = svg
        path = paths[i]
        if path is not None:
            _write_atomic(path, svg.encode("utf-8"))
    return [svg for svg in out if svg is not None]


def _discard_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=False, cancel_futures=True)
        _POOL = None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a uniquely named temp file and rename: concurrent renders (threads, parallel builds)
    of the same spec never read half a file or trip over each other's temp file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


# --------------------------------------------------------------------------- accessible SVG

_ROOT = re.compile(r"<svg\b([^>]*)>")
_ID = re.compile(r'\bid="([^"]+)"')


def accessible(svg: str, *, uid: str, title: str, desc: str, lang: str, font: str) -> str:
    """Mark the SVG as a graphics document with <title>/<desc>, scope its ids, keep it on one line.

    Ids are prefixed with `uid` because several charts share a page and Vega numbers its clip paths
    from 1 in each render: two `id="clip1"` on one page would clip the second chart with the first's box.
    """
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg).strip()
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{uid}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})") \
                 .replace(f'href="#{old}"', f'href="#{new}"')
    m = _ROOT.search(svg)
    if m is None:
        raise ValueError("vl-convert returned no <svg> element")
    attrs = re.sub(r'\s(role|aria-labelledby|aria-roledescription|lang|font-family)="[^"]*"', "", m.group(1))
    root = (f'<svg{attrs} role="graphics-document" aria-roledescription="chart" lang="{html.escape(lang)}" '
            f'aria-labelledby="{uid}-title {uid}-desc" font-family="{html.escape(font, quote=True)}">'
            f'<title id="{uid}-title">{html.escape(title, quote=False)}</title>'
            f'<desc id="{uid}-desc">{html.escape(desc, quote=False)}</desc>')
    svg = svg[: m.start()] + root + svg[m.end():]
    # one line: a blank line would end the raw-HTML block in Markdown
    return re.sub(r">\s*\n\s*<", "><", svg).replace("\n", " ")


# --------------------------------------------------------------------------- interactive bundle


def bundle_name() -> str:
    """File name of the local Vega bundle; versioned so browsers never keep a stale one."""
    v = f"{vlc.get_vega_version()}-{vlc.get_vegalite_versions()[-1]}-{vlc.get_vega_embed_version()}"
    return f"vega-{re.sub(r'[^0-9a-z.-]', '', v)}.js"


def bundle(cache_dir: Path | None) -> tuple[str, bytes]:
    """(file name, bytes) of vega + vega-lite + vega-embed as one classic script, built by vl-convert.

    Building takes over a second, so it is cached on disk beside the SVGs.
    """
    name = bundle_name()
    path = cache_dir / name if cache_dir else None
    if path is not None and path.is_file():
        return name, path.read_bytes()
    data = vlc.javascript_bundle(vl_version=VL_VERSION).encode("utf-8")
    if path is not None:
        _write_atomic(path, data)
    return name, data
