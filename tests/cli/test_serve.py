"""`mkdocs serve` from the project root: an edit to content/ is served within seconds, and the watcher
settles (writing only changed files means our own output does not trigger an endless rebuild loop)."""

import time

import pytest
from tests.support.serving import fetch, serving, wait_for

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out


def test_edit_is_served_and_watcher_settles(project, tmp_path):
    log = tmp_path / "serve.log"
    with serving(["mkdocs", "serve", "-a", "127.0.0.1:{port}"], project, log) as base:
        url = f"{base}articles/2025-10-07-hanshan-capex/"
        assert wait_for(lambda: "Hanshan Cloud lifts" in fetch(url), 90, every=0.3), log.read_text()
        # drafts are shown while serving
        assert wait_for(lambda: fetch(f"{base}articles/2025-hanshan-open-model/") != "", 10)
        art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
        art.write_text(art.read_text(encoding="utf-8").replace(
            "Hanshan Cloud lifts quarterly capex by 40%", "Hanshan Cloud raises quarterly capex by 40%"),
            encoding="utf-8")
        t0 = time.monotonic()
        assert wait_for(lambda: "Hanshan Cloud raises" in fetch(url), 30, every=0.3), log.read_text()
        served_after = time.monotonic() - t0
        # let the watcher settle, then make sure it stays quiet: one rebuild per edit (build/docs, which
        # the rebuild itself rewrites, is not watched), and the search index follows in its own process
        time.sleep(4)
        builds = log.read_text().count("Documentation built")
        time.sleep(6)
        assert log.read_text().count("Documentation built") == builds == 2, "rebuild loop: " + log.read_text()[-2000:]
        assert wait_for(lambda: "post-build steps (search index) done" in log.read_text(), 60), log.read_text()
        assert served_after < 30
