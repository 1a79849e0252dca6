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


def test_content_errors_keep_the_last_good_pages_with_the_errors_over_them(project, tmp_path, chromium):
    """A preview never hangs or stops on content: with an error it answers at once with the last good page
    and the located error over it, and the box goes away with the next clean rebuild."""
    from tests.conftest import visit

    log = tmp_path / "serve.log"
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    good = art.read_text(encoding="utf-8")
    with serving(["sinoreport.cli", "serve", "--port", "{port}"], project, log) as base:
        url = f"{base}articles/2025-10-07-hanshan-capex/"
        status = f"{base}assets/sinoreport/status.json"
        assert wait_for(lambda: "Hanshan Cloud lifts" in fetch(url), 90, every=0.3), log.read_text()
        art.write_text(good.replace("value: 12000000000", "value: 1200000000").replace("lifts", "raises"), "utf-8")
        assert wait_for(lambda: '"ok": false' in fetch(status), 60), log.read_text()[-3000:]
        t0 = time.monotonic()
        page = fetch(url)
        assert time.monotonic() - t0 < 5 and "Hanshan Cloud lifts" in page  # the last good page, at once
        p, ctx, _ = visit(chromium, url, wait="load")  # livereload keeps a request open: never idle
        try:
            p.wait_for_selector(".sr-serve-errors", timeout=10000)
            box = p.inner_text(".sr-serve-errors")
            assert "2025-10-07-hanshan-capex.yaml:" in box and "is not a number the quote writes" in box
        finally:
            ctx.close()
        art.write_text(good, "utf-8")
        assert wait_for(lambda: '"ok": true' in fetch(status), 60), log.read_text()[-3000:]
        p, ctx, _v = visit(chromium, url, wait="load")  # livereload keeps a request open: never idle
        try:
            assert p.query_selector(".sr-serve-errors") is None
        finally:
            ctx.close()
