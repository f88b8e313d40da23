"""The drill-down of one Yodify trade order: who ordered, what, the totals, and what to do next.

Embed with ``make_trade_order_panel(runtime, order)``. Confirm, Cancel (with a reason) and Add
shipment (carrier, tracking number) go through the outbox; a button the order's state does not
allow is disabled with the reason as its tooltip. How the write ended, including Yodify's own
refusal, shows on the panel's status line and in the window's message area. This module lays the
panel out; ``yodify_order_flow.TradeOrderFlow`` (its base) loads the order and runs the actions.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.orders import Order
from app.domain.trade_order_rules import cancel_refusal, confirm_refusal, shipment_refusal
from app.domain.wholesale import TradeOrder
from app.ui.formatting import age_text
from app.ui.views.orders.yodify_lines import TradeLinesModel, account_text, money, total_amounts
from app.ui.views.orders.yodify_order_flow import TradeOrderFlow

if TYPE_CHECKING:
    from app.services.runtime import Runtime

RIGHT = Qt.AlignmentFlag.AlignRight
TOTAL_ROWS = ("Subtotal", "Freight", "Tax", "Discount", "Total")


def make_trade_order_panel(
    runtime: Runtime, order: TradeOrder | Order | int | str, parent: QWidget | None = None
) -> QWidget:
    """The panel for ``order``: a trade order at once, a board order (or id) once loaded."""
    if isinstance(order, TradeOrder):
        return TradeOrderPanel(runtime, order, parent=parent)
    order_id = int(order.id if isinstance(order, Order) else order)
    panel = TradeOrderPanel(runtime, None, order_id, parent)
    panel.start_loading()
    return panel


class TradeOrderPanel(TradeOrderFlow):
    def __init__(
        self,
        runtime: Runtime,
        order: TradeOrder | None,
        order_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tradeOrderPanel")
        self.runtime = runtime
        self.order = order
        self.order_id = order.order_id if order else int(order_id or 0)
        self.watching: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._build()
        unsubscribe = runtime.outbox.on_change(self._outbox_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        if order is not None:
            self.show_order(order)

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel("Loading the trade order…")
        self.heading.setObjectName("tradeOrderHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.account = QLabel()
        self.account.setObjectName("tradeOrderAccount")
        self.account.setWordWrap(True)
        self.lines = TradeLinesModel()
        table = QTableView(self)
        table.setModel(self.lines)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.totals = QGridLayout()
        self.totals.setHorizontalSpacing(24)
        totals_row = QHBoxLayout()
        totals_row.addStretch(1)
        totals_row.addLayout(self.totals)
        self.status = QLabel()
        self.status.setObjectName("tradeOrderStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("Confirm")
        self.confirm_button.setProperty("primary", True)
        self.cancel_button = QPushButton("Cancel order…")
        self.ship_button = QPushButton("Add shipment…")
        for button in (self.confirm_button, self.ship_button, self.cancel_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self._ask_cancel)
        self.ship_button.clicked.connect(self._ask_shipment)
        for part in (self.heading, self.account, table):
            layout.addWidget(part)
        layout.addLayout(totals_row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def show_order(self, order: TradeOrder, now: datetime | None = None) -> None:
        self.order, self.order_id = order, order.order_id
        age = age_text((now or datetime.now(UTC)) - order.created_at)
        placed = "placed just now" if age == "just now" else f"placed {age} ago"
        self.heading.setText(f"{order.number} · {order.status_label} · {placed}")
        self.account.setText(account_text(order))
        self.lines.set_lines(order.lines, order.totals.currency)
        self._show_totals(order)
        for button, refusal in (
            (self.confirm_button, confirm_refusal(order)),
            (self.cancel_button, cancel_refusal(order)),
            (self.ship_button, shipment_refusal(order)),
        ):
            button.setEnabled(refusal is None)
            button.setToolTip(refusal or "")

    def _show_totals(self, order: TradeOrder) -> None:
        while self.totals.count():
            item = self.totals.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        columns = [order.totals] + ([order.seller_totals] if order.seller_totals else [])
        for col, totals in enumerate(columns, start=1):
            head = QLabel(totals.currency if len(columns) > 1 else "")
            head.setProperty("role", "hint")
            self.totals.addWidget(head, 0, col, RIGHT)
            for row, value in enumerate(total_amounts(totals), start=1):
                self.totals.addWidget(QLabel(money(value, totals.currency)), row, col, RIGHT)
        for row, name in enumerate(TOTAL_ROWS, start=1):
            self.totals.addWidget(QLabel(name), row, 0)
