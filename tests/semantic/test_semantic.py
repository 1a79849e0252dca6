"""`check` holds every row to its quote and article. The examples a reviewer found accepted before (a row
moved to another company, a negative revenue in the wrong currency, a third-quarter figure filed under the
wrong year, a forecast marked actual) are refused with located messages, root cause first; a rule is
waived only with a note; and the mutation battery catches nearly every contradicting change of every
curated row — of the fixture project here, of the shipped report against the seed digest."""

from __future__ import annotations

import re

import pytest
from tests.conftest import copy_shipped

from sinoreport.config import load_settings
from sinoreport.dev.mutations import KINDS, run_battery

ART = "content/articles/2025-10-07-hanshan-capex.yaml"


def edit(project, old: str, new: str) -> None:
    p = project / ART
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


CAPEX_ROW = """  - entity: hanshan-cloud
    metric: capex
    period: 2025Q2
    value: 12000000000
    unit: CNY"""


@pytest.mark.parametrize(("change", "message"), [
    ("entity: lingxi", "lingxi is not named in the article"),
    ("unit: USD", "unit USD but the quote writes 120億元 (CNY)"),
    ("value: -12000000000", "capex is not a change or a profit, so it cannot be negative"),
    ("period: 2024Q2", "period 2024Q2: the text gives no 2024"),
    ("period: 2025Q3", "period 2025Q3: no words before the quote name that quarter"),
])
def test_a_contradicted_field_is_a_located_error(project, cli, change, message):
    key = change.split(":")[0]
    edit(project, CAPEX_ROW, re.sub(rf"{key}: .*", change, CAPEX_ROW, count=1))
    r = cli("check", cwd=project)
    assert r.code == 1, r.text
    (line,) = [ln for ln in r.err.splitlines() if message in ln]
    assert re.match(rf"{re.escape(ART)}:\d+:\d+: error: ", line) and " — " in line


def test_a_forecast_marked_actual_and_an_actual_marked_forecast(project, cli):
    quote = "    quote: 分析師預計明年雲端營收將成長25%"
    edit(project, "    kind: forecast\n" + quote, quote)
    r = cli("check", cwd=project)
    assert r.code == 1 and "before the number makes it a forecast" in r.err
    edit(project, CAPEX_ROW, CAPEX_ROW + "\n    kind: forecast")  # a reported quarter marked a forecast
    r = cli("check", cwd=project)
    assert "kind forecast but no forecast or target word" in r.err


def test_root_cause_first_and_nothing_read_off_a_wrong_value(project, cli):
    # ten times the value and another currency: the value is reported, the unit is not read off it
    edit(project, CAPEX_ROW, CAPEX_ROW.replace("12000000000", "120000000000").replace("CNY", "USD"))
    r = cli("check", cwd=project)
    row = [ln for ln in r.err.splitlines() if ART in ln and "error" in ln]
    assert row and "is not a number the quote writes" in row[0]
    assert not any("unit USD" in ln for ln in row)


def test_a_waiver_needs_a_note(project, cli):
    edit(project, CAPEX_ROW, CAPEX_ROW.replace("entity: hanshan-cloud", "entity: lingxi") + "\n    waive: [entity]")
    r = cli("check", cwd=project)
    assert r.code == 1 and "waives entity without a note" in r.err
    edit(project, "    waive: [entity]", "    waive: [entity]\n    note: {en: A test of a waiver with its reason.}")
    r = cli("check", cwd=project)
    assert "not named in the article" not in r.err and "waives entity" not in r.err


def test_the_battery_on_the_fixture_project(project):
    b = run_battery(load_settings(project))
    assert sum(b.tried.values()) >= 40 and set(b.tried) == set(KINDS)
    assert b.rate() >= 0.95, b.missed


def test_the_battery_on_the_shipped_report(seed, tmp_path):
    b = run_battery(load_settings(copy_shipped(tmp_path / "report")))
    assert sum(b.tried.values()) >= 1000  # every kind of change to each of the 229 curated rows
    assert b.rate() >= 0.95, b.missed[:20]
    assert all(b.rate(k) >= 0.9 for k in KINDS), b.table()
