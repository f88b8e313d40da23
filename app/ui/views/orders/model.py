"""One vendor's board as a table: a row per store, a column per status cell, counts inside."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.orders_board import BoardColumn, BoardRow, StatusGroup, short_duration
from app.services.live_orders import BoardSnapshot
from app.ui.formatting import age_text
from app.ui.views.orders.escalation import Level, cell_level, oldest_wait

Index = QModelIndex | QPersistentModelIndex
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
STORE_HEADER = "Store"

# (background, text) per level: calm white, pale yellow, amber, red.
LEVEL_COLOURS = {
    Level.WATCH: ("#fff3c4", "#513c06"),
    Level.LATE: ("#ffd8a8", "#7a2e0b"),
    Level.VERY_LATE: ("#c81e1e", "#ffffff"),
}
ZERO_COLOUR = "#9aa5b1"
NameFor = Callable[[str, str], str]


@functools.cache
def _font(bold: bool, italic: bool) -> QFont:
    """Made once: data() runs on every paint; PySide6 6.12 on Python 3.11 leaks a None
    reference per void call (e.g. QFont.setBold), so hot paths must not call setters."""
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


@dataclass(frozen=True)
class Cell:
    row: BoardRow
    column: BoardColumn


class BoardModel(QAbstractTableModel):
    """Thin adapter over a :class:`BoardSnapshot`; updates in place when the shape is unchanged,
    so the keyboard's current cell survives every refresh."""

    def __init__(self, name_for: NameFor | None = None) -> None:
        super().__init__()
        self.snapshot = BoardSnapshot()
        self.groups: dict[str, StatusGroup] = {}
        self.rows: list[BoardRow] = []
        self.columns: list[BoardColumn] = []
        self.store_filter: frozenset[str] | None = None
        self.name_for: NameFor = name_for or (lambda _id, name: name)
        self._levels: dict[tuple[int, int], tuple[Level, str]] = {}

    # -- feeding --------------------------------------------------------------------------------

    def set_snapshot(self, snapshot: BoardSnapshot, groups: Collection[StatusGroup]) -> None:
        self.snapshot = snapshot
        self.groups = {g.key: g for g in groups}
        self._refill()

    def set_store_filter(self, store_ids: Collection[str] | None) -> None:
        self.store_filter = None if store_ids is None else frozenset(store_ids)
        self._refill()

    def _refill(self) -> None:
        rows = [
            r
            for r in self.snapshot.rows
            if self.store_filter is None or r.store_id in self.store_filter
        ]
        columns = list(self.snapshot.columns)
        same_shape = [r.store_id for r in rows] == [r.store_id for r in self.rows] and (
            columns == self.columns
        )
        if not same_shape:
            self.beginResetModel()
        self.rows, self.columns = rows, columns
        self._levels = self._compute_levels()
        if same_shape:
            if rows and columns:
                last = self.index(len(rows) - 1, len(columns))
                self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.endResetModel()

    def _compute_levels(self) -> dict[tuple[int, int], tuple[Level, str]]:
        now = self.snapshot.as_of or datetime.now(UTC)
        levels: dict[tuple[int, int], tuple[Level, str]] = {}
        for r, row in enumerate(self.rows):
            for c, column in enumerate(self.columns):
                wait = oldest_wait(row, column, self.snapshot.orders, now)
                group = self.groups.get(column.group_key)
                level = cell_level(row.cell(column), column, group, wait)
                levels[(r, c + 1)] = (level, age_text(wait) if wait is not None else "")
        return levels

    # -- reading --------------------------------------------------------------------------------

    def cell_at(self, index: Index) -> Cell | None:
        """The store and status cell behind an index (None for the store-name column)."""
        if not index.isValid() or index.column() == 0:
            return None
        return Cell(self.rows[index.row()], self.columns[index.column() - 1])

    def store_name(self, row: BoardRow) -> str:
        return self.name_for(row.store_id, row.store_name)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return STORE_HEADER if section == 0 else self.columns[section - 1].label
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            column = self.columns[section - 1]
            group = self.groups.get(column.group_key)
            name = group.label if group else column.label
            if column.late:
                return f"{name} orders waiting longer than they should"
            return f"{name} orders"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            return self._store_data(row, role)
        column = self.columns[index.column() - 1]
        level, wait = self._levels.get((index.row(), index.column()), (Level.CALM, ""))
        count = row.cell(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(count) if role == Qt.ItemDataRole.DisplayRole else self._say(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == LEVEL_ROLE:
            return int(level)
        if role == Qt.ItemDataRole.BackgroundRole and level in LEVEL_COLOURS:
            return QColor(LEVEL_COLOURS[level][0])
        if role == Qt.ItemDataRole.ForegroundRole:
            if level in LEVEL_COLOURS:
                return QColor(LEVEL_COLOURS[level][1])
            return QColor(ZERO_COLOUR) if count == 0 else None
        if role == Qt.ItemDataRole.FontRole:
            return self._font(count, level)
        if role == Qt.ItemDataRole.ToolTipRole:
            oldest = f"; the oldest has waited {wait}" if wait and count else ""
            return f"{self._say(row, column)}{oldest}. Press Enter or click to see them."
        return None

    def _store_data(self, row: BoardRow, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.store_name(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Store {row.store_id}"
        return None

    def _font(self, count: int, level: Level) -> QFont | None:
        if not count and not self.snapshot.stale:
            return None
        # old numbers look old (italic); late ones stand out (bold)
        return _font(count > 0 and level >= Level.LATE, self.snapshot.stale)

    def _say(self, row: BoardRow, column: BoardColumn) -> str:
        count = row.cell(column)
        noun = "order" if count == 1 else "orders"
        return f"{count} {noun} {self.describe(column)} at {self.store_name(row)}"

    def describe(self, column: BoardColumn) -> str:
        """``pending for over 10m``: a cell's column in words."""
        group = self.groups.get(column.group_key)
        if group is None:
            return column.label.lower()
        if column.late is None or group.late_after is None:
            return group.label.lower()
        side = "over" if column.late else "under"
        return f"{group.label.lower()} for {side} {short_duration(group.late_after)}"
