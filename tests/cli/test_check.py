"""`sinoreport check`: exit codes and located messages."""

from tests.conftest import assert_no_traceback


def test_fixture_passes(project, cli):
    r = cli("check", cwd=project)
    assert r.code == 0, r.text
    assert "3 articles" in r.out


def test_strict_turns_warnings_into_errors(project, cli):
    r = cli("check", "--strict", cwd=project)
    assert r.code == 1  # the fixture's summaries are shorter than the editorial minimum
    assert "summary.en has" in r.err


def edit(p, old, new):
    p.write_text(p.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_unknown_company_is_located(project, cli):
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    edit(art, "  - nvidia\n", "  - nvidai\n")
    r = cli("check", cwd=project)
    assert r.code == 1
    assert "content/articles/2025-10-07-hanshan-capex.yaml:18:5: error: unknown company 'nvidai'" in r.err
    assert "add data/companies/nvidai.yaml" in r.err


def test_quote_not_in_source(project, cli):
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    edit(art, "quote: 較上季增長40%", "quote: 較上季大增40%")
    r = cli("check", cwd=project)
    assert r.code == 1 and "quote not found in the raw article" in r.err


def test_value_must_be_the_quoted_number(project, cli):
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    edit(art, "value: 12000000000", "value: 1200000000")
    r = cli("check", cwd=project)
    assert r.code == 1
    assert "value 1200000000 is not a number the quote writes (it writes: 120億元 = 12000000000)" in r.err


def test_duplicate_id(project, cli):
    src = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    (project / "content" / "articles" / "copy.yaml").write_bytes(src.read_bytes())
    r = cli("check", cwd=project)
    assert r.code == 1 and "duplicate article id" in r.err and "differs from the file name" in r.err


def test_missing_raw_is_a_warning_not_an_error(project, cli):
    (project / "raw" / "digest.txt").unlink()
    r = cli("check", cwd=project)
    assert r.code == 0 and "not found in the raw directories" in r.err


def test_broken_yaml_everywhere_no_traceback(project, cli):
    (project / "data" / "glossary.yaml").write_text("terms:\n  - id: x\n    name: {en: [\n", encoding="utf-8")
    evil = project / "data" / "companies" / "evil.yaml"
    evil.write_text("!!python/object/apply:os.system [ls]\n", encoding="utf-8")
    r = cli("check", cwd=project)
    assert r.code == 1
    assert_no_traceback(r)
    assert "data/glossary.yaml:" in r.err and "data/companies/evil.yaml:1:1" in r.err


def test_check_says_how_many_articles_it_verified(project, cli):
    r = cli("check", cwd=project)
    assert "quotes verified against the raw text for all 3 articles" in r.err
    (project / "raw" / "digest.txt").rename(project / "raw" / "moved.txt")
    r = cli("check", cwd=project)
    assert r.code == 0  # not an error without --strict …
    assert "for 0 of 3 articles — not verified: digest digest.txt not found (3)" in r.err
    r = cli("check", "--strict", cwd=project)
    assert r.code == 1 and "not verified: raw digest 'digest.txt'" in r.err  # … but never silently off


def test_summary_lengths_scale_with_the_source():
    from sinoreport.check import summary_bounds

    (_en_lo, en_hi), (_zh_lo, zh_hi), _ = summary_bounds(270)
    assert zh_hi <= 135 and en_hi < 150  # a 270-character item cannot need a 250-character summary
    assert summary_bounds(5000)[1] == (250, 450)  # full-length articles: the editorial range
