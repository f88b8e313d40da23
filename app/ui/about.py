"""The About box: the app's name and version, and the licenses of the components it ships."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, version

Reader = Callable[[str], metadata.PackageMetadata]


@dataclass(frozen=True)
class Component:
    """A bundled component; ``known_license`` is shown when its metadata is not at hand."""

    name: str
    distribution: str
    known_license: str
    note: str = ""


COMPONENTS = (
    Component(
        "Qt / PySide6",
        "PySide6_Essentials",
        "LGPL-3.0-only",
        # Qt for Python is offered under several licenses; the bundle ships its libraries as
        # separate files so they can be replaced, as the LGPLv3 asks.
        note="used under the LGPLv3; its libraries are separate, replaceable files",
    ),
    Component("qasync", "qasync", "BSD-2-Clause"),
    Component("httpx", "httpx", "BSD-3-Clause"),
    Component("keyring", "keyring", "MIT"),
    Component("platformdirs", "platformdirs", "MIT"),
    Component("tomli-w", "tomli_w", "MIT"),
    Component("tenacity", "tenacity", "Apache-2.0"),
)


@dataclass(frozen=True)
class ComponentLicense:
    name: str
    version: str
    license: str
    note: str


def _field(data: metadata.PackageMetadata, name: str) -> str:
    values = data.get_all(name) or []
    return str(values[0]).strip() if values else ""


def _license(data: metadata.PackageMetadata, known: str) -> str:
    """The SPDX expression, else a one-line License field (some hold the whole text), else known."""
    expression = _field(data, "License-Expression")
    if expression:
        return expression
    text = _field(data, "License")
    if text and "\n" not in text and len(text) <= 80 and text.upper() != "UNKNOWN":
        return text
    return known


def component_licenses(read: Reader = metadata.metadata) -> list[ComponentLicense]:
    """What the About box lists, read from the installed (or bundled) package metadata."""
    rows = []
    for component in COMPONENTS:
        try:
            data = read(component.distribution)
        except metadata.PackageNotFoundError:
            rows.append(
                ComponentLicense(component.name, "", component.known_license, component.note)
            )
            continue
        rows.append(
            ComponentLicense(
                component.name,
                _field(data, "Version"),
                _license(data, component.known_license),
                component.note,
            )
        )
    return rows


class AboutDialog(QDialog):
    """Open with ``AboutDialog(window).open()``: never ``exec()`` inside a coroutine."""

    def __init__(self, parent: QWidget | None = None, read: Reader = metadata.metadata) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{APP_NAME}</b>")
        title.setObjectName("aboutTitle")
        self.version_label = QLabel(f"Version {version()}")
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addWidget(QLabel("A desktop companion for the point of sale."))
        layout.addWidget(QLabel("It includes these components, under their own licenses:"))
        licenses = component_licenses(read)
        self.table = self._table(licenses)
        layout.addWidget(self.table)
        for item in licenses:
            if item.note:
                note = QLabel(f"{item.name}: {item.note}.")
                note.setWordWrap(True)
                layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 470)

    @staticmethod
    def _table(rows: list[ComponentLicense]) -> QTableWidget:
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels(["Component", "Version", "License"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, item in enumerate(rows):
            for column, text in enumerate((item.name, item.version, item.license)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        return table
