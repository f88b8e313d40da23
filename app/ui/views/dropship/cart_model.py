"""One vendor's cart as an editable table: quantity and price can be changed in place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.domain.money import MoneyFormatError, format_money, parse_money
from app.ui.table_columns import FixedColumnsModel
from app.ui.views.dropship.cart import CartLine, Carts

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Item", "Qty", "Price", "Amount")
QTY, PRICE = 1, 2


class CartModel(FixedColumnsModel):
    """Shows ``carts.of(vendor)``; edits go straight into the carts."""

    columns = COLUMNS

    edited = Signal()

    def __init__(self, carts: Carts) -> None:
        super().__init__()
        self.carts = carts
        self.vendor = ""

    def show_vendor(self, vendor: str) -> None:
        self.beginResetModel()
        self.vendor = vendor
        self.endResetModel()

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def line(self, row: int) -> CartLine:
        return self.carts.of(self.vendor)[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.carts.of(self.vendor))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in (QTY, PRICE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line, column = self.line(index.row()), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ForegroundRole and column == PRICE and line.under_map:
            return QColor("#ab091e")
        if role == Qt.ItemDataRole.ToolTipRole and column == PRICE and line.under_map:
            return "Under the minimum advertised price; placing will ask to confirm."
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, line: CartLine, column: int, editing: bool) -> object:
        if column == QTY:
            return line.quantity
        if column == PRICE:
            return str(line.price) if editing else format_money(line.price)
        if column == 3:
            return format_money(line.amount)
        variant = f" · {line.item.variant}" if line.item.variant else ""
        return f"{line.item.title}{variant}"

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == QTY:
            try:
                quantity = int(str(value))
            except ValueError:
                return False
            if quantity < 1:
                return False
            self.carts.update(self.vendor, index.row(), quantity=quantity)
        elif index.column() == PRICE:
            try:
                price = parse_money(value)
            except MoneyFormatError:
                return False
            if price < 0:
                return False
            self.carts.update(self.vendor, index.row(), price=price)
        else:
            return False
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.edited.emit()
        return True
