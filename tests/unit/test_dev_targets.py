"""The developer tools take what they measure from the project they measure: the audit's company page is
the project's first full profile, the bench's search queries come from the synthetic corpus it builds."""

from __future__ import annotations

from pathlib import Path

from sinoreport.dev.audit import first_full_profile, pages_to_audit
from sinoreport.dev.bench import search_queries
from sinoreport.synth import vocab as V


def _site(root: Path, companies: list[str]) -> Path:
    for prefix in ("", "zh-Hans/", "zh-Hant/"):
        pages = ("", "data/", "articles/a-1/", "briefs/b-1/", "charts/c-1/", *(f"companies/{c}/" for c in companies))
        for path in pages:
            (root / prefix / path).mkdir(parents=True, exist_ok=True)
            (root / prefix / path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    return root


def test_the_audited_company_is_the_projects_first_full_profile(project, tmp_path):
    assert first_full_profile(project) == "hanshan-cloud"
    site = _site(tmp_path / "site", ["beta", "hanshan-cloud"])
    got = {(loc, path) for loc, kind, path in pages_to_audit(site, "hanshan-cloud") if kind == "company"}
    assert got == {("en", "companies/hanshan-cloud/"), ("zh-Hans", "zh-Hans/companies/hanshan-cloud/"),
                   ("zh-Hant", "zh-Hant/companies/hanshan-cloud/")}
    # without a project, the first company page of the site
    assert ("en", "company", "companies/beta/") in pages_to_audit(site)


def test_the_bench_searches_for_names_of_the_synthetic_corpus():
    queries = dict(search_queries())
    names = {a for c in V.COMPANIES for a in (c.en, c.zh, *c.aliases)}
    assert queries["zh-Hans"] in names and queries["en"] in names
    assert queries["zh-Hant"] in {t.zh for t in V.TERMS}
