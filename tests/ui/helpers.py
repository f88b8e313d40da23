"""Building a context and window for UI tests."""

from __future__ import annotations

from pathlib import Path

from app.services.config import load_config
from app.services.context import AppContext
from app.services.paths import resolve_paths
from app.services.secrets import SecretStore


def make_context(home: Path, *, demo: bool = True, config_text: str | None = None) -> AppContext:
    paths = resolve_paths({"COUNTERPART_HOME": str(home)})
    paths.ensure()
    if config_text is not None:
        paths.default_config_file.write_text(config_text, encoding="utf-8")
    config = load_config(paths.default_config_file, SecretStore(), need_secrets=False)
    return AppContext(paths, config, SecretStore(), demo=demo)
