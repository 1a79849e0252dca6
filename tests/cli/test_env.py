"""Faults of the machine, not of the content: a plain message, a documented exit code (3 environment,
130 interrupted), never a traceback or "a bug in sinoreport", and nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from tests.conftest import assert_no_traceback, override_template


def test_a_folder_that_is_not_a_project(cli, tmp_path):
    r = cli("-C", str(tmp_path), "check")
    assert r.code == 3 and "is not a sinoreport project" in r.err and "sinoreport new" in r.err
    assert_no_traceback(r)


def test_an_unwritable_build_folder(project, cli):
    cfg = project / "sinoreport.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("project:\n", "project:\n  build: /sys/sinoreport-test\n"),
                   encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 3, r.text
    assert "cannot use /sys/sinoreport-test" in r.err and "bug" not in r.err
    assert_no_traceback(r)


def test_a_symlink_loop_where_the_site_goes(project, cli):
    build = project / "build"
    build.mkdir(exist_ok=True)
    (build / "loop").symlink_to(build / "loop")
    cfg = project / "sinoreport.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("project:\n", "project:\n  build: build/loop/out\n"),
                   encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 3 and "points (through others) back at itself" in r.err, r.text
    assert_no_traceback(r)


@pytest.mark.slow
def test_interrupted_build_exits_130_and_keeps_the_site(project, cli):
    assert cli("build", "--no-pdf", cwd=project).code == 0
    site = project / "build" / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    # A template that takes its time (about a second per article page): the signal lands while the
    # pages render, whatever the machine's load. It is an input too, so this build is not up to date.
    tpl = override_template(project, "site/article.html.j2")
    tpl.write_text("{% for _ in range(20000000) %}{% endfor %}" + tpl.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    p = subprocess.Popen([sys.executable, "-m", "sinoreport.cli", "build", "--no-pdf"], cwd=project, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, (p.returncode, err[-2000:])
    assert "Traceback" not in err and "interrupted" in err
    assert sorted(q.relative_to(site) for q in site.rglob("*")) == before


def test_leftovers_of_killed_builds_are_removed(project, cli):
    dead = project / "build" / ".site-new-999999"
    (dead / "x").mkdir(parents=True)
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0, r.text
    assert not dead.exists()
