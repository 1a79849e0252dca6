"""Worker processes never outlive the process that started them (a killed build or test run)."""

import os
import subprocess
import sys
import textwrap
import time

SCRIPT = textwrap.dedent("""
    import os
    from sinoreport.config import process_pool

    if __name__ == "__main__":
        pool = process_pool(2)
        print(*sorted({f.result() for f in [pool.submit(os.getpid) for _ in range(8)]}), flush=True)
        os._exit(0)  # no shutdown, no atexit: as if the parent were killed
""")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) counts as gone
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


def test_pool_workers_exit_when_their_parent_is_gone(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True)
    pids = [int(p) for p in out.stdout.split()]
    assert pids and os.getpid() not in pids
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    assert not [p for p in pids if alive(p)], "workers outlived their parent"
