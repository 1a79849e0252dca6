"""`mkdocs serve` from the project root: an edit to content/ is served within seconds, and the watcher
settles (writing only changed files means our own output does not trigger an endless rebuild loop)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(pred, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.3)
    return False


def test_edit_is_served_and_watcher_settles(project, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=fh, stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/articles/2025-10-07-hanshan-capex/"
        assert wait_for(lambda: "Hanshan Cloud lifts" in fetch(url), 90), log.read_text()
        # drafts are shown while serving
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/articles/2025-hanshan-open-model/") != "", 10)
        art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
        art.write_text(art.read_text(encoding="utf-8").replace(
            "Hanshan Cloud lifts quarterly capex by 40%", "Hanshan Cloud raises quarterly capex by 40%"),
            encoding="utf-8")
        t0 = time.monotonic()
        assert wait_for(lambda: "Hanshan Cloud raises" in fetch(url), 30), log.read_text()
        served_after = time.monotonic() - t0
        # let the watcher settle, then make sure it stays quiet: one rebuild per edit (build/docs, which
        # the rebuild itself rewrites, is not watched), and the search index follows in its own process
        time.sleep(4)
        builds = log.read_text().count("Documentation built")
        time.sleep(6)
        assert log.read_text().count("Documentation built") == builds == 2, "rebuild loop: " + log.read_text()[-2000:]
        assert wait_for(lambda: "post-build steps (search index) done" in log.read_text(), 60), log.read_text()
        assert served_after < 30
    finally:
        proc.terminate()
        proc.wait(timeout=20)
