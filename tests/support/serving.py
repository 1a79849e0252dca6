"""Helpers for tests that run `sinoreport serve` or `mkdocs serve` in a subprocess and poll it over HTTP."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    """The page's text, or "" while the server is not answering (or answers with an error)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def fetch_status(url: str, timeout: float = 5) -> tuple[int, str]:
    """(status, text) whatever the status; (0, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def wait_for(pred: Callable[[], bool], timeout: float, every: float = 0.2) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(every)
    return False


@contextlib.contextmanager
def serving(args: list[str], cwd: Path, log: Path) -> Iterator[str]:
    """Run `python -m <args> --port P` style commands: `args` get the port through "{port}"; yields the base URL.

    The process (and its own children: the search indexer) is stopped however the test ends.
    """
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SINOREPORT_DEBUG", None)
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", *(a.format(port=port) for a in args)], cwd=cwd, env=env,
                                stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
