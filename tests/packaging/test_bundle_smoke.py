"""The built bundle, .deb and .tar.gz, run the way a store PC runs them: no Python, no source tree.

Skipped unless COUNTERPART_BUNDLE_DIR names a built bundle (dist/counterpart); packaging/smoke.sh
sets it, and COUNTERPART_DEB / COUNTERPART_TARBALL, after `make package`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ("orders", "pricing", "customers", "dropship", "reports", "outbox", "settings")
BUNDLE = os.environ.get("COUNTERPART_BUNDLE_DIR", "")
DEB = os.environ.get("COUNTERPART_DEB", "")
TARBALL = os.environ.get("COUNTERPART_TARBALL", "")
LAUNCHER_EXEC = 'exec /opt/counterpart/counterpart "$@"'

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BUNDLE, reason="set COUNTERPART_BUNDLE_DIR to a built bundle"),
]


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def artifact(explicit: str, pattern: str) -> Path:
    """The named artifact (it must exist), else the newest match beside the bundle."""
    if explicit:
        assert Path(explicit).is_file(), f"{explicit} does not exist"
        return Path(explicit)
    found = sorted(Path(BUNDLE).resolve().parent.glob(pattern), key=lambda p: p.stat().st_mtime)
    if not found:
        pytest.skip(f"no {pattern} beside {BUNDLE}")
    return found[-1]


def clean_env(tmp_path: Path, home: Path | None) -> dict[str, str]:
    """A desktop session's basics minus the display: no Python, venv or Qt variables."""
    user = tmp_path / "user"
    user.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(user), "LANG": "C.UTF-8"}
    if home is not None:
        env["COUNTERPART_HOME"] = str(home)
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def assert_screenshots(result: subprocess.CompletedProcess[str], shots: Path) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert sorted(p.name for p in shots.glob("*.png")) == sorted(f"{v}.png" for v in VIEWS)
    for view in VIEWS:
        image = QImage(str(shots / f"{view}.png"))
        assert (image.width(), image.height()) == (1280, 800), view
        # A real rendering: the navigation column is dark, the page light.
        assert image.pixelColor(20, 400).lightness() < 80, view
        assert image.pixelColor(900, 400).lightness() > 200, view


def test_bundle_starts_in_demo_mode_without_python_or_source_tree(tmp_path: Path) -> None:
    binary = Path(BUNDLE) / "counterpart"
    assert not binary.resolve().is_relative_to(tmp_path)
    home = tmp_path / "home"
    env = clean_env(tmp_path, home)
    version = run([str(binary), "--version"], env, tmp_path)
    assert version.stdout.strip() == f"Counterpart {project_version()}"
    result = run([str(binary), "--screenshot", str(tmp_path / "shots")], env, tmp_path)
    assert_screenshots(result, tmp_path / "shots")
    assert (home / "logs" / "counterpart.log").is_file()
    assert list((tmp_path / "user").rglob("*")) == [], "wrote outside COUNTERPART_HOME"


def test_deb_installs_a_launcher_menu_entry_and_icon(tmp_path: Path) -> None:
    deb = artifact(DEB, "counterpart_*.deb")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Package: counterpart" in fields
    assert f"Version: {project_version()}" in fields.replace("~", "")
    for lib in ("libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3"):
        assert lib in fields
    launcher = root / "usr/bin/counterpart"
    assert os.access(launcher, os.X_OK)
    assert LAUNCHER_EXEC in launcher.read_text()
    desktop = (root / "usr/share/applications/counterpart.desktop").read_text()
    assert "Exec=counterpart\n" in desktop and "Icon=counterpart\n" in desktop
    icon = QImage(str(root / "usr/share/icons/hicolor/256x256/apps/counterpart.png"))
    assert (icon.width(), icon.height()) == (256, 256)

    env = clean_env(tmp_path, tmp_path / "home")
    installed = root / "opt/counterpart/counterpart"
    result = run([str(installed), "--screenshot", str(tmp_path / "shots")], env, tmp_path)
    assert_screenshots(result, tmp_path / "shots")


def test_deb_launcher_script_runs_the_installed_program(tmp_path: Path) -> None:
    """The launcher itself, pointed at the scratch root instead of /opt (no root needed)."""
    deb = artifact(DEB, "counterpart_*.deb")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    text = (root / "usr/bin/counterpart").read_text()
    relocated = tmp_path / "counterpart-launcher"
    relocated.write_text(text.replace("/opt/counterpart", str(root / "opt/counterpart")))
    relocated.chmod(0o755)
    env = clean_env(tmp_path, tmp_path / "home")
    result = run([str(relocated), "--screenshot", str(tmp_path / "shots")], env, tmp_path)
    assert_screenshots(result, tmp_path / "shots")


def test_portable_tarball_keeps_its_data_beside_the_launcher(tmp_path: Path) -> None:
    tarball = artifact(TARBALL, "counterpart-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    launcher = folder / "counterpart"
    result = run(
        [str(launcher), "--screenshot", str(tmp_path / "shots")],
        clean_env(tmp_path, None),
        tmp_path,
    )
    assert_screenshots(result, tmp_path / "shots")
    assert (folder / "home" / "logs" / "counterpart.log").is_file()
    assert list((tmp_path / "user").rglob("*")) == [], "portable run wrote into the user's home"

    # An explicit COUNTERPART_HOME still wins over the folder beside the launcher.
    shutil.rmtree(folder / "home")
    elsewhere = tmp_path / "elsewhere"
    result = run(
        [str(launcher), "--screenshot", str(tmp_path / "shots2")],
        clean_env(tmp_path, elsewhere),
        tmp_path,
    )
    assert_screenshots(result, tmp_path / "shots2")
    assert (elsewhere / "logs" / "counterpart.log").is_file()
    assert not (folder / "home").exists()
