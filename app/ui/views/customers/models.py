"""Thin Qt models over plain lists: search results and a customer's bonus history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.customers import BonusHistoryEntry, Customer

Index = QModelIndex | QPersistentModelIndex

EARNED = "#147d64"
SPENT = "#ab091e"
ADMIN = "#8d2b0b"


class _Table(QAbstractTableModel):
    columns: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def _count(self) -> int:
        return 0


class ResultsModel(_Table):
    """Customers matching what was typed: name, phone, points (the card number in the tip)."""

    columns = ("Name", "Phone", "Points")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.customers: list[Customer] = []

    def set_customers(self, customers: Sequence[Customer]) -> None:
        self.beginResetModel()
        self.customers = list(customers)
        self.endResetModel()

    def customer(self, row: int) -> Customer:
        return self.customers[row]

    def row_of(self, customer_id: str) -> int | None:
        return next((i for i, c in enumerate(self.customers) if c.id == customer_id), None)

    def _count(self) -> int:
        return len(self.customers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        customer = self.customers[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                customer.name or "(no name)",
                customer.phone,
                f"{customer.current_points:,}",
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "  ".join(
                x for x in (customer.bonus_card, customer.display_phone, customer.email) if x
            )
        return None


def signed(amount: int) -> str:
    return f"+{amount:,}" if amount > 0 else f"−{abs(amount):,}" if amount < 0 else "0"


class HistoryModel(_Table):
    """Bonus movements, newest first: when, how many points (signed), what and which order."""

    columns = ("When", "Points", "What")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[BonusHistoryEntry] = []

    def set_entries(self, entries: Sequence[BonusHistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def _count(self) -> int:
        return len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 2):
            if entry.admin:
                return QColor(ADMIN)
            return QColor(EARNED if entry.amount >= 0 else SPENT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and entry.order_id:
            return f"Order {entry.order_id}"
        return None

    @staticmethod
    def _text(entry: BonusHistoryEntry, column: int) -> str:
        if column == 0:
            return entry.created_at.astimezone().strftime("%d %b %Y") if entry.created_at else "—"
        if column == 1:
            return signed(entry.amount)
        return what(entry)


def what(entry: BonusHistoryEntry) -> str:
    """Short words for the table, with the linked order's short number."""
    if entry.admin:
        return "Adjusted by staff"
    verb = "Earned" if entry.amount >= 0 else "Spent"
    return f"{verb} on order {short_order(entry.order_id)}" if entry.order_id else verb


def short_order(order_id: str | None) -> str:
    """An order id short enough to read out: the first block of a UUID."""
    if not order_id:
        return ""
    return order_id.split("-")[0] if len(order_id) > 12 else order_id
