"""Window geometry and the last view, kept in an ini file under the config folder.

QSettings' default location is the platform registry or ~/.config; an explicit file keeps
``COUNTERPART_HOME`` installs and tests from writing anywhere else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow


class UiState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def restore_geometry(self, window: QMainWindow) -> bool:
        value = self._settings.value("window/geometry")
        return isinstance(value, QByteArray) and window.restoreGeometry(value)

    def save(self, window: QMainWindow, last_view: str) -> None:
        self._settings.setValue("window/geometry", window.saveGeometry())
        self._settings.setValue("window/last_view", last_view)
        self._settings.sync()

    def last_view(self) -> str | None:
        value = self._settings.value("window/last_view")
        return value if isinstance(value, str) else None
