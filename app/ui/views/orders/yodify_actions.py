"""The drill-down of one Yodify trade order: who ordered, what, the totals, and what to do next.

Embed with ``make_trade_order_panel(runtime, order)``. Confirm, Cancel (with a reason) and Add
shipment (carrier, tracking number) go through the outbox; a button the order's state does not
allow is disabled with the reason as its tooltip. How the write ended, including Yodify's own
refusal, shows on the panel's status line and in the window's message area.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
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
from app.domain.wholesale import TradeOrder, TradeOrderRuleError
from app.services.outbox import OutboxEntry, OutboxState
from app.services.wholesale import QueuedWrite, WholesaleService
from app.ui.async_slot import async_slot
from app.ui.formatting import age_text
from app.ui.views.orders.yodify_dialogs import CancelTradeOrderDialog, ShipmentDialog
from app.ui.views.orders.yodify_lines import TradeLinesModel, account_text, money, total_amounts
from app.vendors.errors import VendorError

if TYPE_CHECKING:
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.ui.wholesale")
VENDOR = "yodify"
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


class TradeOrderPanel(QWidget):
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

    # -- loading --------------------------------------------------------------------------------

    def start_loading(self) -> None:
        self._spawn(self.load())

    async def load(self, *, fresh: bool = False) -> None:
        """Show the order as last seen (or as Yodify has it now, ``fresh``)."""
        service = self._service()
        try:
            book = service.orders
            found = None if fresh else await book.get(self.order_id)
            order = found or await book.refresh(self.order_id)
        except VendorError as error:
            self._say(error.message)
            return
        self.show_order(order)

    # -- actions --------------------------------------------------------------------------------

    @async_slot()
    async def _confirm(self) -> None:
        if self.order is not None:
            order = self.order
            await self._act(lambda s: s.confirm_trade_order(order))

    def _ask_cancel(self) -> None:
        if self.order is None:
            return
        dialog = CancelTradeOrderDialog(self.order, self)
        dialog.submitted.connect(self._cancel)
        dialog.open()

    @async_slot(str)
    async def _cancel(self, reason: str) -> None:
        if self.order is not None:
            order = self.order
            await self._act(lambda s: s.cancel_trade_order(order, reason))

    @async_slot()
    async def _ask_shipment(self) -> None:
        if self.order is None:
            return
        try:
            carriers = await self._service().catalog.carriers()
        except VendorError as error:
            log.info("carriers unavailable: %s", error.message)
            carriers = []  # the dialog then lets staff type the carrier
        dialog = ShipmentDialog(self.order, carriers, self)
        dialog.submitted.connect(self._ship)
        dialog.open()

    @async_slot(str, str)
    async def _ship(self, carrier: str, tracking: str) -> None:
        if self.order is not None:
            order = self.order
            await self._act(lambda s: s.add_shipment(order, carrier, tracking))

    async def _act(self, action: Callable[[WholesaleService], Awaitable[QueuedWrite]]) -> None:
        try:
            queued = await action(self._service())
        except TradeOrderRuleError as refusal:
            self._say(str(refusal))
            self.runtime.context.messages.warning(str(refusal), vendor=VENDOR)
            return
        self.watching.add(queued.entry.id)
        state = "sending it to Yodify" if queued.new else "it is already on its way"
        self._say(f"{queued.summary}: {state}.")
        self.runtime.worker.kick()

    def _outbox_changed(self, entry: OutboxEntry) -> None:
        if entry.id not in self.watching:
            return
        if entry.state is OutboxState.SENT:
            self._say(f"Done in Yodify: {entry.summary}.")
            self._spawn(self.load(fresh=True))
        elif entry.state is OutboxState.FAILED:
            self._say(f"Yodify refused: {entry.last_message or 'no reason given'}")
        elif entry.state is OutboxState.UNCERTAIN:
            self._say(entry.last_message or "Checking with Yodify whether this arrived.")

    # -- helpers --------------------------------------------------------------------------------

    def _service(self) -> WholesaleService:
        if self.runtime.wholesale is None:
            raise RuntimeError("Yodify is not connected")
        return self.runtime.wholesale

    def _say(self, text: str) -> None:
        with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile
            self.status.setText(text)

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
