"""Files shipped inside the package (style sheet, icons, sounds), found in source and bundles."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str) -> Path:
    return _ROOT / relative


def load_style() -> str:
    return resource_path("style.qss").read_text(encoding="utf-8")
