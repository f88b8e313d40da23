"""The program as scripts and installers run it: real processes, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ("orders", "pricing", "customers", "dropship", "reports", "outbox", "settings")


def run(
    args: list[str], env: dict[str, str], *, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def clean_env(tmp_path: Path, home: Path) -> dict[str, str]:
    """No display, a throwaway HOME and XDG folders: anything written outside ``home`` shows."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COUNTERPART_", "XDG_", "QT_")) and k not in ("DISPLAY", "HOME")
    }
    user_home = tmp_path / "user"
    user_home.mkdir()
    env.update(
        HOME=str(user_home),
        COUNTERPART_HOME=str(home),
        # An empty keyring backend: no desktop keyring in a test process.
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


@pytest.mark.slow
def test_screenshot_writes_every_view_and_nothing_outside_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = clean_env(tmp_path, home)
    shots = home / "shots"
    result = run(["main.py", "--screenshot", str(shots)], env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for view in VIEWS:
        image = QImage(str(shots / f"{view}.png"))
        assert not image.isNull(), view
        assert (image.width(), image.height()) == (1280, 800)
        # A real rendering, not a blank canvas: the navigation column is dark, the page light.
        assert image.pixelColor(20, 400).lightness() < 80
        assert image.pixelColor(900, 400).lightness() > 200
    assert list((tmp_path / "user").rglob("*")) == []
    assert (home / "logs" / "counterpart.log").exists()


@pytest.mark.slow
def test_python_dash_m_app_is_the_same_program(tmp_path: Path) -> None:
    env = clean_env(tmp_path, tmp_path / "home")
    via_module = run(["-m", "app", "--version"], env)
    via_script = run(["main.py", "--version"], env)
    assert via_module.returncode == via_script.returncode == 0
    assert via_module.stdout == via_script.stdout
    assert via_module.stdout.startswith("counterpart") or via_module.stdout.startswith(
        "Counterpart"
    )


@pytest.mark.slow
def test_configuration_errors_end_in_one_line_and_exit_2(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[vendors.yodify]\nbase_url = "https://y.example"\n')
    result = run(["main.py", "--screenshot", str(tmp_path / "shots")], clean_env(tmp_path, home))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"counterpart: {home / 'config.toml'}: [vendors.yodify] token: no api token found; enter "
        "it in Settings (kept in the system keyring) or set COUNTERPART_YODIFY_TOKEN"
    ]


@pytest.mark.slow
def test_no_display_gives_a_sentence_not_a_crash(tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("always a display on these platforms")
    result = run(["main.py", "--demo"], clean_env(tmp_path, tmp_path / "home"))
    assert result.returncode == 1
    assert result.stderr.startswith("counterpart: no display found.")
