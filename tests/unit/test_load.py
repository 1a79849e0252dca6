"""Malformed YAML gets a located error (file:line:col, what, how to fix) — never a traceback, never code."""

import tempfile
from pathlib import Path

import pytest

from sinoreport.load import ContentError, load_yaml_model, parse_yaml_text
from sinoreport.model import Article

GOOD = """\
id: 2025-10-08-test
status: draft
title:
  zh: 測試標題
outlet: 測試日報
date: 2025-10-08
source:
  file: digest.txt
  sha256: {sha}
  script: hant
  index: 1
""".replace("{sha}", "a" * 64)


def problems(text: str, name: str = "content/articles/x.yaml"):
    # a file of its own: a shared path raced between xdist workers (one test read another's YAML)
    with tempfile.TemporaryDirectory(prefix="sinoreport-load-") as d:
        p = Path(d) / "x.yaml"
        p.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError) as e:
            load_yaml_model(p, Article)
    return e.value.problems


def test_good_file_loads(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text(GOOD, encoding="utf-8")
    a = load_yaml_model(p, Article)
    assert a.id == "2025-10-08-test" and a.date.isoformat() == "2025-10-08"


def test_syntax_error_is_located():
    (p,) = problems(GOOD.replace("outlet: 測試日報", "outlet: [unclosed"))
    assert p.where.line >= 5 and "YAML syntax" in p.what and p.fix


def test_python_tag_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    evil = GOOD + f'extra: !!python/object/apply:os.system ["touch {marker}"]\n'
    (p,) = problems(evil)
    assert "tag" in p.what and p.where.line == 12
    assert not marker.exists()


def test_alias_bomb_is_refused_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" + "".join(
        f"{chr(99 + i)}: &{chr(99 + i)} [" + ", ".join([f"*{chr(98 + i)}"] * 9) + "]\n" for i in range(8)
    )
    (p,) = problems(bomb)
    assert "anchor" in p.what or "alias" in p.what
    assert p.where.line == 1


def test_duplicate_key_is_refused():
    (p,) = problems(GOOD + "outlet: again\n")
    assert "duplicate key 'outlet'" in p.what and p.where.line == 12


def test_bad_date_is_located():
    (p,) = problems(GOOD.replace("date: 2025-10-08", "date: 2025-02-30"))
    assert p.where.line == 6 and "date" in p.what


def test_dotdot_id_is_refused():
    (p,) = problems(GOOD.replace("id: 2025-10-08-test", "id: ../../etc/passwd"))
    assert p.where.line == 1 and "url-safe" in p.what


def test_wrong_types_are_located():
    ps = problems(GOOD.replace("  index: 1", "  index: first").replace("status: draft", "status: [a]"))
    lines = sorted(p.where.line for p in ps)
    assert lines == [2, 11]
    assert all(p.fix for p in ps)


def test_unknown_key_names_the_key():
    (p,) = problems(GOOD + "summery: {en: typo}\n")
    assert p.what == "unknown key `summery`" and p.where.line == 12


def test_very_long_string_is_refused():
    ps = problems(GOOD.replace("outlet: 測試日報", "outlet: " + "長" * 1000))
    assert ps[0].where.line == 5


def test_empty_file():
    with pytest.raises(ContentError, match="empty"):
        parse_yaml_text("", "e.yaml")
