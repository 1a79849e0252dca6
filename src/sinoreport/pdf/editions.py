"""The PDF editions of a build: made last, from the corpus the site was built from, and only when
something they are made of changed.

An edition's key is a hash of everything it is made of: the curated corpus (as loaded: drafts never go
to print), data/, the print templates and strings, the settings, the fonts it embeds, WeasyPrint's
version and sinoreport's own code. build/pdf keeps each edition beside its key
(`.sinoreport-<locale>.key`); an edition whose key is unchanged is not made again. The editions that
must be made are made in parallel, one process each, when there are cores for it.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from sinoreport import fingerprints
from sinoreport.config import Settings, cores, process_pool
from sinoreport.corpus import Corpus
from sinoreport.pdf import CHART_FONTS, CJK_FONTS, PdfError, pdf_path, require_fonts, write_pdf


def _files(*roots: Path) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        elif root.is_dir():
            out += sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return out


def _font_files(locale: str) -> list[str]:
    out = []
    for family in {CJK_FONTS[locale], CHART_FONTS[locale]}:
        found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True,
                               check=False).stdout if shutil.which("fc-match") else ""
        out.append(found)
    return sorted(out)


def corpus_hash(corpus: Corpus) -> str:
    """What the editions show of the corpus: every curated model, by value."""
    h = hashlib.sha256()
    for name in ("articles", "briefs", "companies", "entities", "glossary", "metrics", "tags", "outlets",
                 "datasets", "scorecards"):
        for key, model in sorted(getattr(corpus, name).items()):
            h.update(f"{name}:{key}:".encode() + model.model_dump_json().encode() + b"\n")
    for rule in corpus.conversions:
        h.update(rule.model_dump_json().encode())
    for f in corpus.findings:  # the executive summary
        h.update(b"finding:" + f.model_dump_json().encode())
    return h.hexdigest()


def edition_key(settings: Settings, corpus_fp: str, locale: str) -> str:
    code = fingerprints.code("weasyprint")  # our code and the WeasyPrint that lays it out
    h = hashlib.sha256(f"{locale}|{corpus_fp}|{code}|{settings.model_dump_json()}".encode())
    for p in _files(settings.data_dir, *settings.template_dirs("print"), *settings.strings_files()):
        h.update(str(p).encode() + b"\0" + p.read_bytes())
    for f in _font_files(locale):
        p = Path(f)
        st = p.stat() if f and p.is_file() else None
        h.update(f"{f}:{st.st_size if st else 0}:{st.st_mtime_ns if st else 0}".encode())
    return h.hexdigest()


def _key_file(settings: Settings, locale: str) -> Path:
    p = pdf_path(settings, locale)
    return p.with_name(f".{p.stem}.key")


def fresh(settings: Settings, locale: str, key: str) -> bool:
    k = _key_file(settings, locale)
    return pdf_path(settings, locale).is_file() and k.is_file() and k.read_text().strip() == key


def fresh_locales(settings: Settings, corpus: Corpus) -> list[str]:
    """The editions in build/pdf made from exactly these inputs (what a build without PDFs may link)."""
    if not pdf_path(settings, settings.language.locales[0]).parent.is_dir():
        return []
    fp = corpus_hash(corpus)
    return [loc for loc in settings.language.locales if fresh(settings, loc, edition_key(settings, fp, loc))]


def _made(settings: Settings, locale: str, key: str, path: Path) -> Path:
    _key_file(settings, locale).write_text(key + "\n")
    return path


_WORKER: dict[str, tuple[Settings, Corpus]] = {}


def _start(settings: Settings, corpus: bytes) -> None:
    from sinoreport.charts.render import convert_here

    convert_here()  # this worker is already one of the cores' processes
    _WORKER["job"] = (settings, pickle.loads(corpus))


def _write(locale: str) -> tuple[Path, float]:
    settings, corpus = _WORKER["job"]
    t0 = time.perf_counter()
    return write_pdf(settings, corpus, locale), time.perf_counter() - t0


def make_editions(settings: Settings, corpus: Corpus, locales: list[str] | None = None, *,
                  report: Callable[[str], None] | None = None) -> list[Path]:
    """Every locale's edition in build/pdf, made again only where its key changed. `corpus`: the
    curated corpus (drafts left out)."""
    from sinoreport.i18n.locales import LOCALES

    locales = locales or list(settings.language.locales)
    unknown = [loc for loc in locales if loc not in LOCALES]
    if unknown:
        raise PdfError(f"unknown locale(s) {', '.join(unknown)}; known: {', '.join(LOCALES)}")
    require_fonts(locales)
    say = report or (lambda _m: None)
    fp = corpus_hash(corpus)
    keys = {loc: edition_key(settings, fp, loc) for loc in locales}
    todo = [loc for loc in locales if not fresh(settings, loc, keys[loc])]
    for loc in locales:
        if loc not in todo:
            say(f"pdf: {pdf_path(settings, loc).name} unchanged")
    if not todo:
        return [pdf_path(settings, loc) for loc in locales]
    pdf_path(settings, todo[0]).parent.mkdir(parents=True, exist_ok=True)
    for loc in todo:  # a failed run leaves no key that vouches for an old file
        _key_file(settings, loc).unlink(missing_ok=True)
    workers = min(len(todo), cores())
    if workers <= 1:
        for loc in todo:
            t0 = time.perf_counter()
            _made(settings, loc, keys[loc], write_pdf(settings, corpus, loc))
            say(f"pdf: {pdf_path(settings, loc).name} in {time.perf_counter() - t0:.1f}s")
    else:
        with process_pool(workers, _start, (settings, pickle.dumps(corpus, pickle.HIGHEST_PROTOCOL))) as pool:
            for loc, (path, seconds) in zip(todo, pool.map(_write, todo), strict=True):
                _made(settings, loc, keys[loc], path)
                say(f"pdf: {path.name} in {seconds:.1f}s")
    return [pdf_path(settings, loc) for loc in locales]
