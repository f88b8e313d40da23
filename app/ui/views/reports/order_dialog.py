"""One order from the review, opened from the orders table: its money and its lines."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money
from app.domain.orders import Order
from app.domain.review_figures import adjustment, net_tip
from app.ui.formatting import local_time

LINE_HEADERS = ("Product", "Unit price", "Ordered", "Final", "Line total")


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else format_money(amount)


class OrderDialog(QDialog):
    def __init__(
        self, order: Order, names: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Order {order.id}")
        self.resize(620, 480)
        form = QFormLayout()
        t = order.totals
        store = names.get(order.store_id, order.store_id)
        facts = (
            ("Store", store),
            ("Placed", local_time(order.placed_at)),
            ("Customer", order.customer_name or "—"),
            ("Type / channel", f"{order.order_type or '—'} · {order.sales_channel or '—'}"),
            ("Status", _status(order)),
            ("Total charged", _money(t.total)),
            ("Adjustments", _money(adjustment(order))),
            ("Tip (net)", _money(net_tip(order))),
            ("Net remit", _money(t.net_remit)),
        )
        for label, value in facts:
            form.addRow(label, QLabel(value))
        lines = QTableWidget(len(order.items), len(LINE_HEADERS))
        lines.setObjectName("orderLines")
        lines.setHorizontalHeaderLabels(list(LINE_HEADERS))
        lines.verticalHeader().hide()
        for row, item in enumerate(order.items):
            cells = (
                item.title or item.upc_or_plu or "?",
                _money(item.unit_price),
                str(item.original_quantity or 0),
                str(item.quantity),
                _money(item.line_total),
            )
            for column, text in enumerate(cells):
                lines.setItem(row, column, QTableWidgetItem(text))
        lines.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(lines, 1)
        layout.addWidget(buttons)


def _status(order: Order) -> str:
    if order.canceled:
        return f"canceled ({order.cancelation_reason or 'no reason given'})"
    return order.status.value
