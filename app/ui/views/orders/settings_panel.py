"""Settings › Live orders board: refresh, when orders count as late, alerts, store names, groups.

Nothing here needs a restart: the boards read these settings on every refresh. Given the running
runtime, Save also hands the refresh interval to the scheduler at once, so a wait in progress
is re-planned instead of running out at the old interval first.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.board_settings import BoardSettings, read_board_settings, write_board_settings
from app.services.config import save_config
from app.services.context import AppContext
from app.services.live_boards import apply_refresh_interval
from app.services.live_orders import QuietHours
from app.services.runtime import Runtime

LATE_LABELS = {"pending": "Pending", "preparing": "Preparing", "ready": "Ready"}


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


def names_text(names: dict[str, str]) -> str:
    return "\n".join(f"{store} = {name}" for store, name in names.items())


def groups_text(groups: dict[str, tuple[str, ...]]) -> str:
    return "\n".join(f"{group}: {', '.join(ids)}" for group, ids in groups.items())


def parse_lines(text: str, sep: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        key, found, value = line.partition(sep)
        if found and key.strip() and value.strip():
            pairs.append((key.strip(), value.strip()))
    return pairs


class BoardSettingsPanel(QGroupBox):
    def __init__(
        self, context: AppContext, runtime: Runtime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Live orders board", parent)
        self.setObjectName("boardSettings")
        self.context = context
        self.runtime = runtime
        self.refresh = _spin(10, 3600, " s")
        self.late = {key: _spin(1, 24 * 60, " min") for key in LATE_LABELS}
        self.muted = QCheckBox("Mute late-order alerts (no sound, no notification)")
        self.quiet = QCheckBox("Quiet hours: no alerts from")
        self.quiet_start, self.quiet_end = QTimeEdit(), QTimeEdit()
        for clock in (self.quiet_start, self.quiet_end):
            clock.setDisplayFormat("HH:mm")
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("1001 = Main Street\n1002 = Riverside")
        self.groups = QPlainTextEdit()
        self.groups.setPlaceholderText("Downtown: 1001, 1002\nSuburbs: 1003")
        for edit in (self.names, self.groups):
            edit.setFixedHeight(92)
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        self._compose()
        self.load(read_board_settings(context.config))

    def _compose(self) -> None:
        form = QFormLayout()
        form.addRow("Refresh every", self.refresh)
        for key, label in LATE_LABELS.items():
            form.addRow(f"{label} is late after", self.late[key])
        form.addRow(self.muted)
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet)
        quiet.addWidget(self.quiet_start)
        quiet.addWidget(QLabel("to"))
        quiet.addWidget(self.quiet_end)
        quiet.addStretch(1)
        form.addRow(quiet)
        form.addRow("Store names", self.names)
        form.addRow("Store groups", self.groups)
        hint = QLabel(
            "Names: one store per line, site id = name. Groups: one per line, name: site ids. "
            "Saved changes apply from the next refresh; no restart needed."
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def load(self, settings: BoardSettings) -> None:
        self.refresh.setValue(settings.refresh_seconds)
        for key, box in self.late.items():
            box.setValue(settings.late_minutes[key])
        self.muted.setChecked(settings.muted)
        quiet = settings.quiet_hours
        self.quiet.setChecked(quiet is not None)
        start, end = (quiet.start, quiet.end) if quiet else (time(22), time(7))
        self.quiet_start.setTime(QTime(start.hour, start.minute))
        self.quiet_end.setTime(QTime(end.hour, end.minute))
        self.names.setPlainText(names_text(settings.store_names))
        self.groups.setPlainText(groups_text(settings.store_groups))

    def current(self) -> BoardSettings:
        quiet = None
        if self.quiet.isChecked():
            start, end = self.quiet_start.time(), self.quiet_end.time()
            quiet = QuietHours(time(start.hour(), start.minute()), time(end.hour(), end.minute()))
        groups = {
            group: tuple(i.strip() for i in ids.split(",") if i.strip())
            for group, ids in parse_lines(self.groups.toPlainText(), ":")
        }
        return BoardSettings(
            refresh_seconds=self.refresh.value(),
            late_minutes={key: box.value() for key, box in self.late.items()},
            muted=self.muted.isChecked(),
            quiet_hours=quiet,
            store_names=dict(parse_lines(self.names.toPlainText(), "=")),
            store_groups=groups,
        )

    def save(self) -> None:
        config = self.context.config
        write_board_settings(config, self.current())
        try:
            save_config(config)
        except OSError as exc:
            self.context.messages.error(f"Board settings were not saved: {exc}")
            return
        if self.runtime is not None:
            apply_refresh_interval(self.runtime)
        self.context.messages.info(f"Live orders board settings saved to {config.file}.")


def make_panel(context: AppContext, runtime: Runtime | None = None) -> QWidget:
    """``runtime``: the running one, when Settings passes it (the new interval applies at once)."""
    return BoardSettingsPanel(context, runtime)
