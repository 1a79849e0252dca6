"""`sinoreport check`: every rule about content, run once over a loaded corpus.

- rules.py — references between files, provenance (quotes verbatim in the raw text), translations (an
  English rendering of every quote) and summary lengths, numbers in prose, key findings, placeholders,
  curated content that leans on drafts;
- charts.py — chart declarations (data/charts.yaml): the ids they name, `without_figure` quotes, and
  authors' takeaways (numbers only from placeholders for the chart's rows; comparisons and superlatives true);
- semantic.py — each data row held to its quote and article (value, unit, entity, period, kind, sign);
- raw.py — where raw digests are, and how many articles could be verified against them;
- spelling.py — one English spelling standard (language.spelling) in our English prose;
- register.py — Chinese as each locale's pages show it: words of the other region's register (a warning)
  and half-width punctuation or the wrong quotation marks in our Chinese prose (an error); `lint_pages`
  runs the register lint over rendered pages.

Problems in drafts are open problems (severity "draft"): listed, shown on the draft's page, never an
error. Only curated content can fail a check or a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sinoreport import fingerprints
from sinoreport.check.charts import check_charts
from sinoreport.check.raw import Coverage, RawIndex, remembered
from sinoreport.check.register import Register, check_chinese, lint_pages
from sinoreport.check.rules import (
    check_drafts_referenced,
    check_findings,
    check_home,
    check_incoming,
    check_placeholders,
    check_prose,
    check_provenance,
    check_quote_renderings,
    check_references,
    check_scores,
    check_translations,
    summary_bounds,
    unbacked_numbers,
)
from sinoreport.check.semantic import check_semantics
from sinoreport.check.spelling import check_spelling
from sinoreport.config import Settings
from sinoreport.corpus import Corpus
from sinoreport.load import Problem
from sinoreport.model import Status

__all__ = ["Coverage", "RawIndex", "Register", "Report", "lint_pages", "run_checks", "summary_bounds",
           "unbacked_numbers"]


@dataclass
class Report:
    problems: list[Problem]
    strict: bool
    coverage: Coverage = field(default_factory=Coverage)
    draft_files: set[str] = field(default_factory=set)  # every file that holds a draft

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error" or (self.strict and p.severity == "warning")]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def drafts(self) -> dict[str, list[Problem]]:
        """Open problems of each draft file, by path (every draft file, with none or some)."""
        out: dict[str, list[Problem]] = {path: [] for path in self.draft_files}
        for p in self.problems:
            if p.severity == "draft":
                out.setdefault(p.where.path, []).append(p)
        return out

    @property
    def ok(self) -> bool:
        return not self.errors


def draft_paths(c: Corpus) -> set[str]:
    """The files that hold drafts: articles and companies not curated, and drafts that could not load."""
    out = set(c.draft_files)
    for (kind, ident), (doc, prefix) in c.docs.items():
        if prefix:
            continue  # an item of a list file (tags.yaml): the file itself is curated
        obj = c.articles.get(ident) if kind == "article" else c.companies.get(ident) if kind == "company" else None
        if obj is not None and str(obj.status) != Status.curated:
            out.add(doc.path)
    return out


def _sort_key(p: Problem) -> tuple:
    return (p.where.path, p.order or (p.where.line,), p.where.line, p.where.col, p.what)


def run_checks(c: Corpus, settings: Settings, *, strict: bool = False, raw: RawIndex | None = None,
               memo: dict | None = None) -> Report:
    """Every rule over the corpus. `memo`: what a long-lived process (serve) keeps between runs, so that
    per-article results of unchanged articles are reused (semantic.py)."""
    from sinoreport.ingest.reading import reading_for

    raw = raw or RawIndex(settings.raw_dirs, remembered(settings.root))
    coverage = Coverage()
    problems = list(c.problems)
    problems += check_references(c)
    problems += check_scores(c)
    problems += check_home(c, settings)
    problems += check_provenance(c, raw, coverage)
    data_key = fingerprints.tree([settings.data_dir]) if memo is not None else ""
    problems += check_semantics(c, reading_for(c, settings.data_dir), raw.article,
                                memo.setdefault("semantic", {}) if memo is not None else None, data_key)
    problems += check_translations(c, settings.language.canonical_script, raw)
    problems += check_quote_renderings(c)
    problems += check_spelling(c, settings.language.spelling,
                               frozenset(w.lower() for w in settings.language.spelling_keep))
    problems += check_prose(c)
    problems += check_findings(c)
    problems += check_charts(c, raw)
    problems += check_placeholders(c)
    problems += check_drafts_referenced(c)
    problems += check_incoming(settings)
    problems += check_chinese(c, settings)
    drafts = draft_paths(c)
    marked = {p if p.where.path not in drafts else Problem(p.where, p.what, p.fix, "draft", p.order)
              for p in problems}
    return Report(sorted(marked, key=_sort_key), strict, coverage, drafts)
