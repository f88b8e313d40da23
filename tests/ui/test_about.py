"""The About box names the app, its version and what it ships under which license."""

from __future__ import annotations

from email.message import Message
from importlib import metadata

from pytestqt.qtbot import QtBot

from app import version
from app.ui.about import COMPONENTS, AboutDialog, component_licenses


def rows(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    def cell(row: int, column: int) -> str:
        item = dialog.table.item(row, column)
        assert item is not None
        return item.text()

    return {cell(r, 0): (cell(r, 1), cell(r, 2)) for r in range(dialog.table.rowCount())}


def test_about_shows_version_and_every_bundled_license(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.version_label.text() == f"Version {version()}"
    shown = rows(dialog)
    assert list(shown) == [c.name for c in COMPONENTS]
    # Read from the installed packages' metadata.
    assert shown["keyring"] == (metadata.version("keyring"), "MIT")
    assert shown["tenacity"] == (metadata.version("tenacity"), "Apache-2.0")
    assert shown["qasync"][1].startswith("BSD")
    assert shown["httpx"][1].startswith("BSD")
    assert "LGPL-3.0" in shown["Qt / PySide6"][1]
    assert shown["tomli-w"][1] == "MIT"


def test_licenses_fall_back_when_a_bundle_lacks_metadata() -> None:
    def missing(name: str) -> metadata.PackageMetadata:
        raise metadata.PackageNotFoundError(name)

    licenses = {row.name: row.license for row in component_licenses(missing)}
    assert licenses == {
        "Qt / PySide6": "LGPL-3.0-only",
        "qasync": "BSD-2-Clause",
        "httpx": "BSD-3-Clause",
        "keyring": "MIT",
        "platformdirs": "MIT",
        "tomli-w": "MIT",
        "tenacity": "Apache-2.0",
    }


def test_a_license_field_holding_the_whole_text_is_not_shown() -> None:
    def whole_text(name: str) -> metadata.PackageMetadata:
        message = Message()
        message["Version"] = "1.0"
        message["License"] = "Copyright (c) someone\n\nPermission is hereby granted..."
        return message  # type: ignore[return-value]

    licenses = {row.name: row.license for row in component_licenses(whole_text)}
    assert licenses["keyring"] == "MIT"
