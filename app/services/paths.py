"""Where Counterpart keeps its config, data and logs.

``COUNTERPART_HOME`` puts everything under one folder (portable installs, tests); otherwise the
platform's user folders are used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app import APP_NAME


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def default_config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "counterpart.sqlite3"

    @property
    def demo_database(self) -> Path:
        """Demo mode's own file: simulated orders and queued demo writes must never sit in the
        shop's cache or outbox, where a configured start would send them to the real vendor."""
        return self.data_dir / "demo.sqlite3"

    @property
    def ui_state(self) -> Path:
        """Window geometry and the last view (kept away from Qt's own registry locations)."""
        return self.config_dir / "ui-state.ini"

    def ensure(self) -> None:
        for folder in (self.config_dir, self.data_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_paths(environ: dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    home = env.get("COUNTERPART_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root, root / "data", root / "logs")
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(Path(dirs.user_config_dir), Path(dirs.user_data_dir), Path(dirs.user_log_dir))


def resolve_config_file(
    paths: AppPaths, cli_path: str | None, environ: dict[str, str] | None = None
) -> Path:
    """``--config`` wins over ``COUNTERPART_CONFIG``, which wins over the default location."""
    env = os.environ if environ is None else environ
    chosen = cli_path or env.get("COUNTERPART_CONFIG")
    return Path(chosen).expanduser() if chosen else paths.default_config_file
