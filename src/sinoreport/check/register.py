"""Chinese as each locale's pages show it: the register lint and the punctuation rule.

- Register: words of the other region's register on a locale's pages — a Taiwan word on zh-Hans, a
  mainland word on zh-Hant. The words are the package's (i18n/register.yaml) with data/register.yaml's
  over them, plus the other region's side of every regional pair (the package's i18n/conversions.yaml and
  data/conversions.yaml), and a zh-Hans page's misreadings (指针 where the source writes 指標). Every
  prose field of content/ and data/ and every interface string is converted exactly as the pages convert
  it (i18n.view.LocaleView), and each hit is a warning at the source text's file:line with the locale's
  word. `lint_pages` runs the same over rendered pages.
- Punctuation: half-width ,.:;?!() next to Chinese and quotation marks not in the script's style
  (「」 for Traditional, “” for Simplified) in the canonical Chinese prose; an error with the fix. The
  converter applies the same fixes to every page (i18n/punct.py); the rule keeps the sources right.

Verbatim text is exempt from both: row, article and score quotes and published headlines stay as
published. Names of companies, products, funds, indexes and outlets are spelled as their owners spell
them (金山軟件 is Kingsoft's name on any page) and are never flagged; the names we gave glossary terms,
tags, groups and markets are our words and are read like prose.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sinoreport.alternation import alternation
from sinoreport.config import Settings
from sinoreport.corpus import HOME, Corpus
from sinoreport.i18n.convert import Converter, is_vocabulary, join_cjk, regional_forms, spellings
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.punct import Fix, fixes
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.load import ContentError, Doc, Location, Problem, load_yaml_model, parse_yaml
from sinoreport.model import Bilingual, KeyPoint, Name, RegisterFile

REGISTER_FILE = "register.yaml"  # the project's, in data/
PACKAGE_REGISTER = Path(__file__).parents[1] / "i18n" / "register.yaml"  # every project's, under it
SCRIPTS = {"zh-Hans": "hans", "zh-Hant": "hant"}
FOREIGN = {"zh-Hans": "Taiwan", "zh-Hant": "mainland"}  # whose words read as foreign on these pages
# their names are our words (and see is_vocabulary)
_VOCABULARY = {"term", "tag", "metric", "dataset", "brief", "chart"}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    word: str
    use: str  # the locale's word


class Register:
    """The other region's words per locale, and what is never flagged: shared words that contain one
    (`allow`), the locale's own side of each regional pair, and names."""

    def __init__(self, words: Mapping[str, Mapping[str, str]], allow: Mapping[str, Iterable[str]] | None = None,
                 names: Iterable[str] = ()):
        allow = allow or {}
        names = {n for n in names if n and not n.isascii()}
        self.words: dict[str, dict[str, str]] = {}
        self._flag: dict[str, re.Pattern[str] | None] = {}
        self._mask: dict[str, re.Pattern[str] | None] = {}
        for locale in SCRIPTS:
            # words are written as the locale's pages show them (a variant such as 裏 is the point)
            table = dict(words.get(locale, {}))
            keep = set(allow.get(locale, ()))
            keep |= {f for n in names for f in spellings(n)}
            table = {w: use for w, use in table.items() if w not in keep}
            self.words[locale] = table
            self._flag[locale] = alternation(table)
            # only what could hide a flagged word is worth matching
            pattern = self._flag[locale]
            self._mask[locale] = alternation(k for k in keep if pattern is not None and pattern.search(k))

    @classmethod
    def for_project(cls, settings: Settings, corpus: Corpus) -> Register:
        """The project's register (data/register.yaml, its regional pairs and names); a register file
        that does not load counts as empty here (`sinoreport check` reports why)."""
        return load_register(settings, corpus)[0]

    def hits(self, text: str, locale: str) -> list[Hit]:
        flag = self._flag.get(locale)
        if flag is None or not text:
            return []
        mask = self._mask[locale]
        spans = [m.span() for m in mask.finditer(text)] if mask is not None else []
        starts = [s for s, _ in spans]
        out: list[Hit] = []
        for m in flag.finditer(text):
            k = bisect.bisect_right(starts, m.start()) - 1  # the masked span starting at or before the hit
            near = spans[max(k, 0):k + 2] if spans else []
            if any(s < m.end() and m.start() < e for s, e in near):
                continue
            out.append(Hit(m.start(), m.end(), m.group(0), self.words[locale][m.group(0)]))
        return out


def load_register(settings: Settings, corpus: Corpus) -> tuple[Register, list[Problem]]:
    """The package's register (i18n/register.yaml) with the project's data/register.yaml over it: a word
    the project lists takes its replacement, its `allow` words are added; plus the other region's side of
    every regional pair (the package's and the project's). A file that does not load counts as empty, its
    problems located in it."""
    words: dict[str, dict[str, str]] = {loc: {} for loc in SCRIPTS}
    allow: dict[str, list[str]] = {loc: [] for loc in SCRIPTS}
    problems: list[Problem] = []
    for path in (PACKAGE_REGISTER, settings.data_dir / REGISTER_FILE):
        if not path.is_file():
            continue
        try:
            reg = load_yaml_model(path, RegisterFile)
        except ContentError as e:
            problems += e.problems
            continue
        words["zh-Hans"].update(reg.zh_hans)
        words["zh-Hant"].update(reg.zh_hant)
        for loc in SCRIPTS:
            allow[loc] += reg.allow.get(loc, [])  # type: ignore[call-overload]
    for rule in corpus.conversions:
        for script, (word, use) in regional_forms(rule).items():
            locale = "zh-Hans" if script == "hans" else "zh-Hant"
            allow[locale].append(use)  # a pair's own word is right there, whatever it contains
            if word != use:
                words[locale].setdefault(word, use)
    names: set[str] = set()
    for kind, n in corpus.named():
        if kind in ("company", "product", "entity") and not is_vocabulary(n):
            names |= {s for s in (n.name.zh, n.name.zh_hans, n.name.zh_hant, *n.variants, *n.aliases) if s}
    for o in corpus.outlets.values():
        names |= {s for s in (o.name.zh, o.name.zh_hans, o.name.zh_hant, *o.variants) if s}
    return Register(words, allow, names), problems


# --------------------------------------------------------------------------- prose of content/ and data/


@dataclass(frozen=True)
class Prose:
    """A Chinese field we wrote: a Bilingual's `zh` (`value`), or a name of our vocabulary (`name`)."""

    kind: str
    ident: str
    path: tuple[Any, ...]  # to the `zh` key, for Corpus.where
    value: Bilingual | KeyPoint | None = None
    name: Name | None = None
    markdown: bool = False  # a brief body: Markdown, converted as the brief page converts it

    def canonical(self) -> list[tuple[tuple[Any, ...], str, str | None]]:
        """(path, text, script) of the text as written: `zh` in the canonical script (None), pins in theirs."""
        if self.value is not None:
            return [(self.path, self.value.zh or "", None)]
        assert self.name is not None
        out: list[tuple[tuple[Any, ...], str, str | None]] = [(self.path, self.name.zh or "", None)]
        for key, script in (("zh-Hans", "hans"), ("zh-Hant", "hant")):
            pin = self.name.pinned(key)
            if pin:
                out.append(((*self.path[:-1], key), pin, script))
        return out

    def shown(self, view: LocaleView) -> tuple[tuple[Any, ...], str]:
        """The text as the locale's page shows it, and the path of what it comes from."""
        if self.name is not None:
            pin = self.name.pinned(view.loc.code)
            return ((*self.path[:-1], view.loc.code) if pin else self.path), view.name(self.name)
        assert self.value is not None
        if self.markdown:
            return self.path, view.zh(join_cjk(self.value.zh or "", markdown=True))
        return self.path, view.text(self.value)[0]


_PLAIN = (str, int, float, dt.date)


def prose(c: Corpus) -> Iterator[Prose]:
    """Every Chinese field we wrote in content/ and data/. Not verbatim text (quotes, the headline as
    published), not names of companies, products, entities or outlets, not ingest's cue words."""
    tables: list[tuple[str, Mapping[str, BaseModel]]] = [
        ("article", c.articles), ("brief", c.briefs), ("company", c.companies), ("entity", c.entities),
        ("term", c.glossary), ("metric", c.metrics), ("tag", c.tags), ("outlet", c.outlets), ("dataset", c.datasets),
        ("scorecard", c.scorecards),
        ("chart", c.charts),
    ]
    for kind, table in tables:
        for ident, obj in table.items():
            yield from _walk(kind, ident, obj, ())
    yield from _walk("findings", HOME, c.findings, ("findings",))  # the home page's (content/findings.yaml)


def _walk(kind: str, ident: str, x: Any, path: tuple[Any, ...], parent: Any = None) -> Iterator[Prose]:
    if x is None or isinstance(x, _PLAIN):  # most values: ids, numbers, dates, quotes
        return
    if isinstance(x, Name):
        ours = kind in _VOCABULARY or (kind == "entity" and parent is not None and is_vocabulary(parent))
        named = path in (("name",), ("title",))
        if kind == "scorecard":  # its title and the names of its dimensions and ratings are our words
            ours, named = True, path[-1:] in (("name",), ("title",))
        if ours and named and x.zh:
            yield Prose(kind, ident, (*path, "zh"), name=x)
    elif isinstance(x, Bilingual | KeyPoint):
        if x.zh:
            yield Prose(kind, ident, (*path, "zh"), value=x, markdown=kind == "brief" and path == ("body",))
    elif isinstance(x, BaseModel):
        for name, info in type(x).model_fields.items():
            if name != "cues":
                yield from _walk(kind, ident, getattr(x, name), (*path, info.alias or name), x)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _walk(kind, ident, v, (*path, i), parent)
    elif isinstance(x, dict):  # a company's scores: scorecard → dimension → score
        for k, v in x.items():
            yield from _walk(kind, ident, v, (*path, k), parent)


class _Lines:
    """Source lines, to point a problem at the line (and column) inside a field where its text is."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}
        self._ends: dict[int, list[int]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._files:
            try:
                self._files[path] = Path(path).read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                self._files[path] = []
        return self._files[path]

    def find(self, where: Location, doc: Doc | None, needles: Iterable[str | tuple[str, int]],
             after: Location | None = None) -> Location:
        """The first of `needles` in the field that starts at `where`, at or after `after` if it is there
        (else from the field's start), else `where`. A needle is a string, or (string, offset of the
        character to point at within it); longer needles come first."""
        wanted = [(n, 0) if isinstance(n, str) else n for n in needles]
        lines = self.lines(where.path)
        if not lines or not where.line:
            return where
        last = len(lines)
        if doc is not None:
            marks = self._ends.get(id(doc))
            if marks is None:
                marks = self._ends[id(doc)] = sorted({line for line, _ in doc.marks.values()})
            k = bisect.bisect_right(marks, where.line)
            last = marks[k] - 1 if k < len(marks) else last  # the field ends where the next key begins
        starts = [where]
        if after is not None and after.path == where.path and after.line >= where.line:
            starts.insert(0, after)
        for needle, delta in wanted:
            for start in starts:
                for n in range(start.line, last + 1):
                    line = lines[n - 1]
                    lo = start.col if n == start.line else 1
                    col = line.find(needle, max(lo - 1 - delta, 0)) if needle else -1
                    if col >= 0:
                        return Location(where.path, n, col + delta + 1)
        return where


def _context(text: str, start: int, end: int, width: int = 8) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


@dataclass
class _Project:
    """What the two rules share: the converter and the views as the pages build them, the strings."""

    settings: Settings
    corpus: Corpus

    @cached_property
    def conv(self) -> Converter:
        s = self.settings
        return Converter(s.language.canonical_script, (n for _, n in self.corpus.named()), self.corpus.conversions)

    @cached_property
    def strings_table(self) -> dict[str, tuple[dict[str, str], Doc]]:
        """Each interface string as the pages use it, with the file it is written in: the package's
        strings.yaml, or the project's templates/strings.yaml where it gives the key."""
        out: dict[str, tuple[dict[str, str], Doc]] = {}
        for path in self.settings.strings_files():
            try:
                doc = parse_yaml(path)
            except ContentError:
                continue  # the build reports a broken strings file
            table = doc.data.get("strings", {}) if isinstance(doc.data, dict) else {}
            for key, entry in table.items() if isinstance(table, dict) else ():
                if isinstance(entry, dict):
                    out[key] = (entry, doc)
        return out

    @cached_property
    def views(self) -> dict[str, LocaleView]:
        table = self.strings_table
        strings = Strings({key: entry for key, (entry, _) in table.items()},
                          {key: doc.data["script"] for key, (_, doc) in table.items() if doc.data.get("script")})
        return {code: LocaleView(self.corpus, LOCALES[code], self.conv, strings, self.settings.language.default_locale)
                for code in self.settings.language.locales if code in SCRIPTS}

    def doc_of(self, kind: str, ident: str) -> Doc | None:
        hit = self.corpus.docs.get((kind, ident))
        return hit[0] if hit else None

    def strings(self) -> Iterator[tuple[str, dict[str, str], Doc]]:
        for key, (entry, doc) in self.strings_table.items():
            yield key, entry, doc


def check_register(c: Corpus, settings: Settings, project: _Project | None = None) -> Iterator[Problem]:
    """Each word of the other region's register on a locale's pages, at the source text's line."""
    p = project or _Project(settings, c)
    register, problems = load_register(settings, c)
    yield from problems
    lines = _Lines()

    def report(where: Location, doc: Doc | None, source: str, shown: str, locale: str) -> Iterator[Problem]:
        cursor: dict[str, Location] = {}  # a word found twice in one field: the second after the first
        for h in register.hits(shown, locale):
            forms = sorted(spellings(h.word), key=lambda f: f != h.word)
            if h.word not in source:  # what the canonical text says where the page shows the word
                forms += [f for f in sorted(spellings(h.use)) if f in source]
            at = lines.find(where, doc, forms, cursor.get(h.word))
            cursor[h.word] = Location(at.path, at.line, at.col + 1) if at is not where else at
            yield Problem(at, f"{h.word!r} reads as {FOREIGN[locale]} usage on {locale} pages: "
                          f"{_context(shown, h.start, h.end)}",
                          f"{locale} writes {h.use}: reword the text, or add a regional pair to data/conversions.yaml",
                          "warning")
        if locale != "zh-Hans":
            return
        for m in c.misreadings:  # OpenCC's reading of a word of ours no rule pins (指標 → 指针)
            if m.zh_hant in source and m.wrong in shown:
                at = lines.find(where, doc, [m.zh_hant])
                i = shown.find(m.wrong)
                yield Problem(at, f"{m.wrong!r} on {locale} pages is OpenCC's reading of {m.zh_hant}: "
                              f"{_context(shown, i, i + len(m.wrong))}",
                              f"add a rule to data/conversions.yaml ({{zh-Hant: {m.zh_hant}, zh-Hans: …}}) with the "
                              "form a mainland reader writes", "warning")

    for f in prose(c):
        doc = p.doc_of(f.kind, f.ident)
        source = f.value.zh if f.value is not None else (f.name.zh if f.name else "") or ""
        for locale, view in p.views.items():
            path, shown = f.shown(view)
            yield from report(c.where(f.kind, f.ident, *path), doc, source, shown, locale)
    for key, entry, doc in p.strings():
        for locale, view in p.views.items():
            if not (entry.get("zh") or entry.get(locale)):
                continue
            shown = view.t(key)
            field_ = locale if entry.get(locale) else "zh"
            yield from report(doc.locate(("strings", key, field_)), doc, entry.get("zh") or "", shown, locale)


_WHAT = {",": "half-width comma", ".": "half-width full stop", ":": "half-width colon", ";": "half-width semicolon",
         "?": "half-width question mark", "!": "half-width exclamation mark", "(": "half-width parenthesis",
         ")": "half-width parenthesis"}


def punctuation_problems(where: Location, doc: Doc | None, text: str, script: str, lines: _Lines) -> Iterator[Problem]:
    style = "「」 (nested 『』)" if script == "hant" else "“” (nested ‘’)"
    after: Location | None = None
    for f in fixes(text, script):
        old = f.old(text)
        mark = old.strip()
        what = _WHAT.get(mark, "ellipsis" if mark.startswith((".", "…")) else "quotation mark")
        at = lines.find(where, doc, _needles(text, f), after)
        after = Location(at.path, at.line, at.col + 1) if at is not where else after
        fix = (f"Chinese prose quotes with {style}: write {f.new}" if what == "quotation mark"
               else f"write {f.new!r} (full-width next to Chinese; half-width stays inside Latin and numbers)")
        yield Problem(at, f"{what} {old!r} in Chinese prose: {_context(text, f.start, f.end)}", fix, "error")


def _needles(text: str, f: Fix) -> list[tuple[str, int]]:
    """The mark with some of what precedes it, longest first (found on the line it was written on), each
    pointing at the mark. Never the mark alone: any comma of the field would match it."""
    out = []
    for k in (4, 2, 1):
        a = max(0, f.start - k)
        if "\n" not in text[a:f.end]:
            out.append((text[a:f.end], f.start - a))
    return out


def check_punctuation(c: Corpus, settings: Settings, project: _Project | None = None) -> Iterator[Problem]:
    """Half-width punctuation between Chinese and quotation marks of the wrong style, in the Chinese we
    write (canonical prose and pins; interface strings). Quotes and headlines stay as published."""
    p = project or _Project(settings, c)
    canonical = settings.language.canonical_script
    lines = _Lines()
    for f in prose(c):
        doc = p.doc_of(f.kind, f.ident)
        for path, text, script in f.canonical():
            yield from punctuation_problems(c.where(f.kind, f.ident, *path), doc, text, script or canonical, lines)
    for key, entry, doc in p.strings():
        for field_, script in (("zh", doc.data.get("script") or canonical), ("zh-Hans", "hans"), ("zh-Hant", "hant")):
            text = entry.get(field_)
            if text:
                yield from punctuation_problems(doc.locate(("strings", key, field_)), doc, text, script, lines)


def check_chinese(c: Corpus, settings: Settings) -> list[Problem]:
    """Both rules, sharing one converter and one set of views."""
    if not any(code in SCRIPTS for code in settings.language.locales):
        return []
    p = _Project(settings, c)
    return [*check_punctuation(c, settings, p), *check_register(c, settings, p)]


# --------------------------------------------------------------------------- rendered pages


_SKIP_TAGS = {"q", "blockquote", "script", "style", "code", "pre", "svg", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_ATTRS = ("title", "alt", "aria-label", "placeholder")  # attribute text a reader sees


_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_HAN_ANY = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def page_text(page: str, locale: str) -> list[tuple[int, str]]:
    """(offset in the page, text) of the text a reader of the page's locale reads, in order: not inside <q>,
    <blockquote>, code or scripts, nor in an element whose lang is another locale's or that is marked
    `sr-verbatim` (other people's words, search aliases); reader-visible attributes (title, alt,
    aria-label, placeholder, a meta description) too. Only pieces with Han characters are kept. Our
    pages are regular markup, so a scan over tags does what html.parser does, in a fraction of the time."""
    stack: list[tuple[str, bool]] = []
    pieces: list[tuple[int, str]] = []
    pos = 0

    def text(start: int, end: int) -> None:
        if start < end and not (stack and stack[-1][1]):
            chunk = page[start:end]
            if _HAN_ANY.search(chunk):
                pieces.append((start, html.unescape(chunk)))

    for m in _TAG.finditer(page):
        if m.start() < pos:
            continue  # inside a script or style we jumped over
        text(pos, m.start())
        pos = m.end()
        closing, tag = m.group(1), (m.group(2) or "").lower()
        if not tag:
            continue  # a comment
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == tag:
                    del stack[i:]
                    break
            continue
        attrs = {k.lower(): html.unescape(v1 or v2 or v3 or "") for k, v1, v2, v3 in _ATTR.findall(m.group(3))}
        lang = attrs.get("lang")
        skip = ((stack and stack[-1][1]) or tag in _SKIP_TAGS
                or (lang is not None and tag != "html" and lang != locale)
                or "sr-verbatim" in attrs.get("class", "").split())
        if not skip:
            for k in _ATTRS:
                if attrs.get(k) and _HAN_ANY.search(attrs[k]):
                    pieces.append((m.start(), attrs[k]))
            if tag == "meta" and attrs.get("name") == "description" and _HAN_ANY.search(attrs.get("content", "")):
                pieces.append((m.start(), attrs["content"]))
        if tag in ("script", "style"):  # their content is not markup: jump to the end tag
            end = page.find(f"</{tag}", pos)
            pos = len(page) if end < 0 else end
            continue
        if tag not in _VOID and not m.group(0).endswith("/>"):
            stack.append((tag, bool(skip)))
    text(pos, len(page))
    return pieces


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK_TITLE = re.compile(r'(\]\([^()\s]*)(\s+"[^"\n]*")\)')


def _markdown_as_html(text: str) -> str:
    """A Markdown page with its front matter, blockquotes, code blocks and link titles (a glossary
    definition, checked at its source) blanked: lines and columns are kept, so positions hold."""
    out: list[str] = []
    fence = False
    front = text.startswith("---\n")
    for n, line in enumerate(text.split("\n")):
        stripped = line.lstrip()
        if front:
            if n and line.strip() == "---":
                front = False
            out.append("")  # front matter: the title (a headline as published, or a string checked at its
            # source) and machine data (JSON-LD) are not prose to read here
        elif stripped.startswith(("```", "~~~")):
            fence = not fence
            out.append("")
        elif fence or stripped.startswith(">"):
            out.append("")
        else:
            # a link's title goes; its target stays, which punct.py looks through like other markup
            line = _LINK_TITLE.sub(lambda m: " " * len(m.group(2)) + m.group(1) + ")", line)
            # a Markdown escape (公司\!) is the mark itself to a reader: the backslash becomes a zero-width
            # space after it, so headlines still match and columns hold
            out.append(_ESCAPE.sub(lambda m: m.group(1) + "\u200b", line))
    return "\n".join(out)


def lint_pages(files: dict[str, bytes], register: Register | None = None, *,
               punctuation: bool = False, verbatim: Iterable[str] = ()) -> list[Problem]:
    """The register lint over rendered pages ({"zh-Hans/articles/x.md": bytes}, HTML or Markdown): each
    word of the other region's register a reader of the page's locale reads, as a warning at the page's
    line and column. Quotations (<q>, <blockquote>, Markdown's `>`), code, scripts and elements in
    another language (lang="zh-Hant" on a zh-Hans page, lang="en") are not read. `register`: the
    project's (Register.for_project); by default that of the project in the working directory.
    `punctuation`: also flag half-width punctuation next to Chinese and the wrong quotation marks (off by
    default: a published headline on a page of its own script is shown as written). `verbatim`: other
    people's words as the pages show them (headlines as published, quotes in each script): never read,
    wherever they appear."""
    if register is None:
        from sinoreport.config import load_settings
        from sinoreport.corpus import load_corpus

        settings = load_settings()
        register = Register.for_project(settings, load_corpus(settings))
    quoted = alternation(v for v in verbatim if len(v) > 1)
    out: list[Problem] = []
    for key in sorted(files):
        locale = key.split("/", 1)[0]
        if locale not in SCRIPTS or not key.endswith((".html", ".htm", ".md")):
            continue
        text = files[key].decode("utf-8", errors="replace")
        page = _markdown_as_html(text) if key.endswith(".md") else text
        pieces = page_text(page, locale)
        if not pieces:
            continue
        # one pass of each pattern over the page's text, pieces joined by a separator no word holds
        joined = "\x00".join(p for _, p in pieces)
        starts = list(itertools.accumulate((len(p) + 1 for _, p in pieces), initial=0))
        theirs = [m.span() for m in quoted.finditer(joined)] if quoted is not None else []

        def quoted_at(offset: int, spans: list[tuple[int, int]] = theirs) -> bool:
            return any(a <= offset < b for a, b in spans)

        for h in register.hits(joined, locale):
            if quoted_at(h.start):
                continue
            k = bisect.bisect_right(starts, h.start) - 1
            at, piece = pieces[k]
            i = h.start - starts[k]
            where = _at(key, page, at, piece, i)
            out.append(Problem(where, f"{h.word!r} reads as {FOREIGN[locale]} usage on {locale} pages: "
                               f"{_context(piece, i, i + len(h.word))}", f"{locale} writes {h.use}", "warning"))
        if punctuation:
            for k, (at, piece) in enumerate(pieces):
                for f in fixes(piece, SCRIPTS[locale]):
                    if quoted_at(starts[k] + f.start):
                        continue
                    out.append(Problem(_at(key, page, at, piece, f.start),
                                       f"{f.old(piece)!r} in Chinese text: {_context(piece, f.start, f.end)}",
                                       f"write {f.new!r}", "warning"))
    return out


def _at(key: str, page: str, at: int, piece: str, offset: int) -> Location:
    """Where `offset` into a piece of page text that starts at `at` in the page is: line and column
    (1-based) as an editor shows them. Entities in the piece are read as one character."""
    before = page[:at].count("\n")
    line_start = page.rfind("\n", 0, at) + 1
    inner = piece[:offset]
    nl = inner.count("\n")
    col = len(inner) - inner.rfind("\n") if nl else at - line_start + len(inner) + 1
    return Location(key, before + nl + 1, col)


def verbatim_texts(settings: Settings, corpus: Corpus) -> set[str]:
    """Other people's words as each Chinese locale's pages show them: the headlines as published and the
    quotes of rows and scores, as written and converted verbatim into each script."""
    p = _Project(settings, corpus)
    out: set[str] = set()
    for a in corpus.articles.values():
        script = a.source.script.value
        texts = [a.title.zh, *(r.quote for r in a.figures)]
        for text in texts:
            if text:
                out.add(text)
                out |= {v.quote(text, script) for v in p.views.values()}
    for co in corpus.companies.values():
        for mo in (m for dims in co.scores.values() for m in dims.values()):
            source = corpus.articles.get(mo.source)
            script = source.source.script.value if source is not None else settings.language.canonical_script
            out.add(mo.quote)
            out |= {v.quote(mo.quote, script) for v in p.views.values()}
    return out


def lint_site(settings: Settings, corpus: Corpus, files: dict[str, bytes]) -> list[Problem]:
    """Both rules over the rendered pages ({build/docs path: bytes}): what reaches a reader that the
    checks of content/ and data/ cannot see (words and marks our templates put between strings),
    each at the page's line and column. Other people's words are not read."""
    if not any(code in SCRIPTS for code in settings.language.locales):
        return []
    found = lint_pages(files, Register.for_project(settings, corpus), punctuation=True,
                       verbatim=verbatim_texts(settings, corpus))
    # named as the file an author can open (build/docs/…), as the link check names them
    return [Problem(Location(f"build/docs/{p.where.path}", p.where.line, p.where.col), p.what,
                    p.fix + " (the page's template or the code that writes it)", p.severity) for p in found]
