"""The review's tables: a thin Qt model over a ReportTable, sorted by number or by text."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.exports import ReportTable

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def sort_key(text: str) -> tuple[int, Decimal, str]:
    """Numbers sort as numbers (money, counts), everything else as text, blanks last."""
    if not text:
        return (2, Decimal(0), "")
    try:
        return (0, Decimal(text), "")
    except InvalidOperation:
        return (1, Decimal(0), text.casefold())


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ReportTable(())
        self._numeric: set[int] = set()

    def set_table(self, table: ReportTable) -> None:
        self.beginResetModel()
        self.table = table
        self._numeric = {
            c
            for c in range(len(table.headers))
            if table.rows and all(sort_key(r[c])[0] != 1 for r in table.rows)
        }
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numeric:
            return int(RIGHT.value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.headers):
            return self.table.headers[section].capitalize()
        return None


class SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        a = str(model.data(left) or "")
        b = str(model.data(right) or "")
        return sort_key(a) < sort_key(b)


class TablePanel(QWidget):
    """A sortable table with its row count and an Export CSV button."""

    export_requested = Signal(str)  # the table's key
    row_activated = Signal(int)  # the source row double-clicked

    def __init__(self, key: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.model = ReportTableModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName(f"reportTable-{key}")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(self._activated)
        self.count = QLabel()
        self.export_button = QPushButton("Export CSV…")
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.key))
        top = QHBoxLayout()
        top.addWidget(QLabel(hint))
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def set_table(self, table: ReportTable) -> None:
        self.model.set_table(table)
        rows = len(table.rows)
        self.count.setText("1 row" if rows == 1 else f"{rows:,} rows")
        self.export_button.setEnabled(bool(rows))
        # Widths from the header and the first rows: resizeColumnsToContents() measures every
        # cell of every row, which takes seconds on a week of orders.
        metrics = self.view.fontMetrics()
        for column, header in enumerate(table.headers):
            texts = [header.capitalize()] + [row[column] for row in table.rows[:60]]
            widest = max(metrics.horizontalAdvance(t) for t in texts) + 24
            self.view.setColumnWidth(column, min(widest, 320))

    def _activated(self, index: QModelIndex) -> None:
        self.row_activated.emit(self.proxy.mapToSource(index).row())
