"""The pricing table: every row once, a list of visible row numbers on top.

Filtering and sorting never rebuild the rows. Each row's search text is made once; a keystroke
that extends the previous text only narrows the rows already visible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.domain.pricing import below_floor
from app.services.pricing_rows import PriceRow, Source
from app.ui.views.pricing.filtering import RowFilter, sort_key

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    "Source",
    "Item",
    "Code",
    "Store",
    "Category",
    "Cost",
    "Price",
    "Margin",
    "Margin %",
    "State",
    "Stock",
    "Details",
)
STATE_COLUMN = COLUMNS.index("State")
PRICE_COLUMN = COLUMNS.index("Price")
MONEY_COLUMNS = frozenset({5, 6, 7, 8, 10})
SHORT_LABELS = {Source.BOUQUET: "Bouquet", Source.ITEM: "Stock", Source.SKU: "Wholesale"}
FLOOR_BRUSH = QBrush(QColor("#fde8e6"))
FAILED_BRUSH = QBrush(QColor("#b3261e"))
PENDING_BRUSH = QBrush(QColor("#7a5c00"))


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _stock(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,}"


def _state(row: PriceRow) -> str:
    if row.state == "pending":
        return "Pending"
    if row.state == "failed":
        return f"Failed: {row.state_message}"
    return "Sent" if row.state == "sent" else ""


CELL: tuple[Callable[[PriceRow], str], ...] = (
    lambda r: SHORT_LABELS[r.source],
    lambda r: r.title,
    lambda r: r.code,
    lambda r: r.store,
    lambda r: r.category,
    lambda r: _money(r.cost),
    lambda r: _money(r.shown_price),
    lambda r: "—" if r.margin is None else f"{r.margin.amount:,.2f}",
    lambda r: "—" if r.margin is None or r.margin.percent is None else f"{r.margin.percent}%",
    _state,
    lambda r: _stock(r.stock),
    lambda r: r.detail,
)


class PriceTableModel(QAbstractTableModel):
    price_edited = Signal(object, str)  # (PriceRow, the text typed)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PriceRow] = []
        self.filter = RowFilter([])
        self._visible: list[int] = []
        self.floor = Decimal("30")
        self._sort: tuple[int, bool] | None = None

    # -- data in ------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PriceRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.filter = RowFilter(self.rows, keep=self.filter)
        if self._sort is not None:
            self.filter.sort(sort_key(self._sort[0]), descending=self._sort[1])
        self._visible = self.filter.visible()
        self.endResetModel()

    def set_floor(self, floor: Decimal) -> None:
        self.floor = floor
        self._changed_all()

    def states_changed(self) -> None:
        self._changed_all()

    def _changed_all(self) -> None:
        if self._visible:
            last = self.index(len(self._visible) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def apply_filter(self, **criteria: Any) -> None:
        """Text, source, store or category; only the visible list changes."""
        self.beginResetModel()
        self.filter.update(**criteria)
        self._visible = self.filter.visible()
        self.endResetModel()

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def row_at(self, row: int) -> PriceRow:
        return self.rows[self._visible[row]]

    def row_number(self, key: str) -> int | None:
        """The visible row number of the row with ``key``, or None when filtered out."""
        wanted = self.filter.position(key)
        if wanted is None:
            return None
        try:
            return self._visible.index(wanted)
        except ValueError:
            return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self.rows[self._visible[index.row()]]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole and column == PRICE_COLUMN:
                return "" if row.shown_price is None else str(row.shown_price)
            return CELL[column](row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and below_floor(
            row.cost, row.shown_price, self.floor
        ):
            return FLOOR_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE_COLUMN:
            return FAILED_BRUSH if row.state == "failed" else PENDING_BRUSH if row.state else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, self.floor)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (
            index.isValid()
            and index.column() == PRICE_COLUMN
            and self.row_at(index.row()).state != "pending"
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit is a request: the view asks for the PIN and queues it; nothing changes here."""
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != PRICE_COLUMN
        ):
            return False
        self.price_edited.emit(self.row_at(index.row()), str(value))
        return False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.filter.sort(sort_key(column), descending=self._sort[1])
        self._visible = self.filter.visible()
        self.endResetModel()


def _tooltip(row: PriceRow, floor: Decimal) -> str | None:
    if row.state == "failed":
        return f"The vendor refused this change: {row.state_message}"
    if below_floor(row.cost, row.shown_price, floor):
        return f"Margin under the {floor}% floor."
    if row.source is Source.SKU and row.cost is None:
        return "Yodify keeps no cost; none of the stock items shares this code."
    return None
