"""What a trade order shows: its lines as a table, its account and totals as text."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.money import format_money
from app.domain.wholesale import OrderTotals, TradeOrder, TradeOrderLine

HEADERS = ("Item", "Code", "Qty", "Unit price", "Line total")
Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def money(amount: Decimal, currency: str) -> str:
    """``1,234.50 CAD``: trade orders may be in any currency, so the code is always shown."""
    return f"{format_money(amount, '')} {currency}".strip()


class TradeLinesModel(QAbstractTableModel):
    def __init__(self, lines: tuple[TradeOrderLine, ...] = (), currency: str = "") -> None:
        super().__init__()
        self._lines = lines
        self._currency = currency

    def set_lines(self, lines: tuple[TradeOrderLine, ...], currency: str) -> None:
        self.beginResetModel()
        self._lines, self._currency = lines, currency
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(_RIGHT.value)
        return None

    def _text(self, line: TradeOrderLine, column: int) -> str | None:
        unit = f" {line.unit_of_measure}" if line.unit_of_measure else ""
        texts = (
            line.description,
            line.model_number,
            f"{line.quantity}{unit}",
            money(line.unit_price, self._currency),
            money(line.line_total, self._currency),
        )
        return texts[column] if 0 <= column < len(texts) else None


def total_amounts(totals: OrderTotals) -> tuple[Decimal, ...]:
    """Subtotal, freight, tax, discount (as a deduction) and total, as the panel lists them."""
    return (totals.subtotal, totals.freight, totals.tax, -totals.discount, totals.total)


def account_text(order: TradeOrder) -> str:
    """Who ordered: account, buyer, contact, price tier, ship-to and PO, one per line."""
    account = order.account
    who = [account.display_name]
    if account.name and account.name != account.display_name:
        who.append(account.name)
    contact = " · ".join(p for p in (account.email, account.phone) if p)
    parts = [", ".join(who)]
    if contact:
        parts.append(contact)
    if account.discount_level_name:
        parts.append(f"Price tier: {account.discount_level_name}")
    if order.ship_to and order.ship_to.one_line:
        parts.append(f"Ship to: {order.ship_to.one_line}")
    if order.purchase_order_number:
        parts.append(f"PO {order.purchase_order_number}")
    return "\n".join(parts)
