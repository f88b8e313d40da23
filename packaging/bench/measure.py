"""Time a bundled program's start, as a store PC sees it: a clean environment, a fresh home.

    python measure.py exit RUNS -- COMMAND ...          seconds until COMMAND exits (must exit 0)
    python measure.py window TITLE RUNS -- COMMAND ...  seconds until a window whose title starts
                                                        with TITLE is mapped (needs DISPLAY and
                                                        xwininfo; polled every 10 ms, +-20 ms)

Prints one line per run: the seconds, or "failed: why". Each run gets a new COUNTERPART_HOME and
HOME, so every start is a first start (an empty database, demo data generated).
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT = 120.0


def clean_env(scratch: Path) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(scratch / "user")}
    env["COUNTERPART_HOME"] = str(scratch / "home")
    for name in ("DISPLAY", "XAUTHORITY", "QT_QPA_PLATFORM"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def time_exit(command: list[str], scratch: Path) -> str:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, env=clean_env(scratch), cwd=scratch, capture_output=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return f"failed: no exit within {TIMEOUT:.0f} s"
    elapsed = time.perf_counter() - start
    return f"{elapsed:.3f}" if done.returncode == 0 else f"failed: exit {done.returncode}"


def viewable(title: str) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    for window in re.findall(r'^\s*(0x[0-9a-f]+) "' + re.escape(title), tree, re.M):
        info = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True)
        if "IsViewable" in info.stdout:
            return True
    return False


def time_window(title: str, command: list[str], scratch: Path) -> str:
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=clean_env(scratch),
        cwd=scratch,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < TIMEOUT:
            if viewable(title):
                return f"{time.perf_counter() - start:.3f}"
            if process.poll() is not None:
                return f"failed: exit {process.returncode} before a window"
            time.sleep(0.01)
        return f"failed: no window within {TIMEOUT:.0f} s"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str]) -> int:
    mode, *rest = argv
    title = rest.pop(0) if mode == "window" else ""
    runs, separator, *command = rest
    if separator != "--" or not command or (mode == "window" and "DISPLAY" not in os.environ):
        sys.stderr.write(__doc__ or "")
        return 2
    for _ in range(int(runs)):
        with tempfile.TemporaryDirectory(prefix="counterpart-bench-") as scratch:
            folder = Path(scratch)
            (folder / "user").mkdir()
            if mode == "exit":
                line = time_exit(command, folder)
            else:
                line = time_window(title, command, folder)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
