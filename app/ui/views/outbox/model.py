"""The outbox as a table: one row per write, newest first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.outbox import OutboxEntry, OutboxState
from app.ui.formatting import age_text
from app.ui.table_columns import FixedColumnsModel
from app.vendors import display_name

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("State", "What", "Vendor", "Age", "Attempts", "Last message", "Vendor ref")
STATE_WORDS = {
    OutboxState.QUEUED: "Waiting to send",
    OutboxState.SENDING: "Sending",
    OutboxState.SENT: "Sent",
    OutboxState.FAILED: "Failed",
    OutboxState.UNCERTAIN: "Checking with vendor",
    OutboxState.DISCARDED: "Discarded",
}
STATE_COLOURS = {
    OutboxState.FAILED: "#ab091e",
    OutboxState.UNCERTAIN: "#8d2b0b",
    OutboxState.QUEUED: "#0b69a3",
    OutboxState.SENDING: "#0b69a3",
    OutboxState.SENT: "#147d64",
    OutboxState.DISCARDED: "#616e7c",
}


class OutboxModel(FixedColumnsModel):
    columns = COLUMNS

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__()
        self.entries: list[OutboxEntry] = []
        self._clock = clock

    def set_entries(self, entries: list[OutboxEntry]) -> None:
        self.beginResetModel()
        self.entries = sorted(entries, key=lambda e: e.created_at, reverse=True)
        self.endResetModel()

    def entry(self, row: int) -> OutboxEntry:
        return self.entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QColor(STATE_COLOURS[entry.state])
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.last_message or STATE_WORDS[entry.state]
        return None

    def _text(self, entry: OutboxEntry, column: int) -> str:
        values = (
            STATE_WORDS[entry.state],
            entry.summary,
            display_name(entry.vendor),
            age_text(self._clock() - entry.created_at),
            str(entry.attempts),
            entry.last_message or "",
            entry.vendor_ref or "",
        )
        return values[column]
