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
from pathlib import Path
from typing import Any

import vl_convert as vlc

# Bump when the post-processing below changes, so cached SVGs are not reused across it.
_SVG_FORMAT = "2"
VL_VERSION = "6.4"


def _versions() -> str:
    return f"vl-convert {vlc.__version__ if hasattr(vlc, '__version__') else ''} vega {vlc.get_vega_version()} " \
           f"vl {VL_VERSION} fmt {_SVG_FORMAT}"


def spec_hash(spec: dict[str, Any]) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((_versions() + "\n" + text).encode("utf-8")).hexdigest()


def to_svg(spec: dict[str, Any], cache_dir: Path | None) -> str:
    """The raw SVG of a spec, from the cache when this exact spec (and toolchain) was rendered before."""
    key = spec_hash(spec)
    path = cache_dir / f"{key[:2]}/{key}.svg" if cache_dir else None
    if path is not None and path.is_file():
        return path.read_text(encoding="utf-8")
    svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=[])
    if path is not None:
        _write_atomic(path, svg.encode("utf-8"))
    return svg


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
