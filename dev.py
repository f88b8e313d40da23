#!/usr/bin/env python3
"""Set up a private virtual environment and run Counterpart or its tests.

    python3 dev.py run     # demo mode on a fresh machine
    python3 dev.py test    # the whole test suite, as CI runs it

Works the same on Windows (``py dev.py run``). Extra arguments are passed on:
``python3 dev.py run --screenshot shots`` or ``python3 dev.py test -k orders``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment() -> Path:
    """Create .venv and install the project with its dev extras, once per pyproject change."""
    if sys.version_info < (3, 11):
        sys.exit(f"Counterpart needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("Creating a virtual environment in .venv ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except Exception as exc:  # ensurepip missing on a bare Debian
            sys.exit(
                f"Could not create .venv ({exc}).\n"
                "On Debian or Ubuntu install the venv module first: "
                "sudo apt-get install python3-venv"
            )
    print("Installing Counterpart and its test tools into .venv ...", flush=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "-e", ".[dev]"],
        cwd=ROOT,
        check=True,
        # setuptools' notes about editable installs are for packagers, not for this script's user.
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    STAMP.write_text(wanted)
    return python


def check_qt_libraries(python: Path) -> None:
    """Qt's wheels need a few system libraries; name them instead of failing obscurely."""
    probe = "from PySide6 import QtGui, QtWidgets"
    result = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(
            "Qt could not load a system library:\n"
            f"{result.stderr.strip().splitlines()[-1]}\n"
            "On Debian or Ubuntu: sudo apt-get install libgl1 libegl1 libxkbcommon0 "
            "libfontconfig1 libdbus-1-3 libglib2.0-0"
        )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_environment()
    check_qt_libraries(python)
    if command == "setup":
        return 0
    if command == "run":
        args = rest or ["--demo"]
        return subprocess.run([python, ROOT / "main.py", *args], cwd=ROOT).returncode
    env = dict(os.environ)
    return subprocess.run(
        [python, "-m", "pytest", "-q", "tests", "--ignore=tests/bench", *rest], cwd=ROOT, env=env
    ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
