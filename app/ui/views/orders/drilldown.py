"""The orders behind one board cell: a list on the left, the chosen order's details beside it.

Keyboard: the list has focus (Up/Down pick an order), Esc closes. Opened with ``open()``.

A board that sends its orders without their lines (Posiflora) offers ``order_lines(order)``:
the lines of the chosen order are then fetched when the person picks it, once per order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.orders import Order
from app.services.live_orders_posiflora_lines import LinesAnswer
from app.ui.views.orders.order_text import order_html, summary_line
from app.vendors import display_name
from app.vendors.errors import VendorError

log = logging.getLogger("counterpart.ui.orders")
Index = QModelIndex | QPersistentModelIndex
Clock = Callable[[], datetime]
LinesLoader = Callable[[Order], Awaitable[LinesAnswer | None]]


def board_lines(parent: QWidget | None, vendor: str) -> LinesLoader | None:
    """The vendor board's ``order_lines``, when the orders view (``parent``) has one."""
    boards = getattr(parent, "boards", None)
    service = boards.get(vendor) if isinstance(boards, dict) else None
    loader = getattr(service, "order_lines", None)
    return loader if callable(loader) else None


class OrdersListModel(QAbstractListModel):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.orders: list[Order] = []
        self._clock = clock

    def set_orders(self, orders: list[Order]) -> None:
        self.beginResetModel()
        self.orders = list(orders)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.orders)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.orders):
            return None
        order = self.orders[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return summary_line(order, self._clock())
        if role == Qt.ItemDataRole.UserRole:
            return order.id
        return None


class OrderDrilldown(QDialog):
    """``load`` fetches the cell's orders (with items); shown while it runs, filled after."""

    def __init__(
        self,
        title: str,
        vendor: str,
        expected: int,
        load: Callable[[], Awaitable[list[Order]]],
        clock: Clock | None = None,
        parent: QWidget | None = None,
        actions: Callable[[Order], QWidget] | None = None,
        lines: LinesLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderDrilldown")
        self.setWindowTitle(title)
        self.resize(980, 640)
        self.vendor, self.expected, self._load_orders = vendor, expected, load
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.task: asyncio.Task[None] | None = None
        self.model = OrdersListModel(self.clock)
        self.list = QListView()
        self.list.setObjectName("drilldownList")
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(self._show_current)
        self.details = QTextBrowser()
        self.details.setObjectName("drilldownDetails")
        self.details.setOpenLinks(False)
        # What staff can do with the chosen order (Yodify: confirm, cancel, ship), if anything.
        self._actions = actions
        self.action_panel: QWidget | None = None
        # Lines of one order at a time, when the board sends orders without them (Posiflora).
        self._lines = lines or board_lines(parent, vendor)
        self.lines_asked: dict[str, asyncio.Task[None]] = {}  # by order id: asked once
        self.lines_notes: dict[str, str] = {}  # why an order's lines are missing
        self.detail_column = QVBoxLayout()
        self.detail_column.addWidget(self.details, 1)
        self.status = QLabel(f"Fetching the orders from {display_name(vendor)}…")
        self.status.setObjectName("drilldownStatus")
        self.status.setWordWrap(True)
        self._compose(title)

    def _compose(self, title: str) -> None:
        heading = QLabel(title)
        heading.setObjectName("drilldownTitle")
        close = QPushButton("Close")
        close.setAutoDefault(False)  # Enter in the list must not close the window
        close.clicked.connect(self.reject)
        panes = QHBoxLayout()
        panes.addWidget(self.list, 2)
        panes.addLayout(self.detail_column, 3)
        foot = QHBoxLayout()
        foot.addWidget(QLabel("↑ ↓ choose an order · Esc closes"))
        foot.addStretch(1)
        foot.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addLayout(panes, 1)
        layout.addLayout(foot)

    def start(self) -> asyncio.Task[None]:
        """Open the window and fetch the orders; the task ends (or is cancelled) with it."""
        self.open()
        self.list.setFocus()
        self.task = asyncio.ensure_future(self._fill())
        return self.task

    async def _fill(self) -> None:
        try:
            orders = await self._load_orders()
        except VendorError as error:
            self.status.setText(f"{error.message} The board still shows the counts.")
            return
        self.model.set_orders(orders)
        missing = self.expected - len(orders)
        if not orders:
            self.status.setText(f"{display_name(self.vendor)} no longer lists these orders.")
        elif missing > 0:
            self.status.setText(
                f"{missing} of {self.expected} orders were not found; "
                f"{display_name(self.vendor)} may have moved them on."
            )
        else:
            self.status.hide()
        if orders:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.setFocus()

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        order = self.model.orders[current.row()]
        note = self.lines_notes.get(order.id)
        if self._lines is not None and not order.items and order.id not in self.lines_asked:
            note = f"Fetching the lines from {display_name(self.vendor)}…"
            self.lines_asked[order.id] = asyncio.ensure_future(self._fetch_lines(order))
        self.details.setHtml(order_html(order, self.clock(), note))
        if self._actions is not None:
            if self.action_panel is not None:
                self.action_panel.deleteLater()
            self.action_panel = self._actions(order)
            self.detail_column.addWidget(self.action_panel)

    async def _fetch_lines(self, order: Order) -> None:
        assert self._lines is not None
        try:
            answer = await self._lines(order)
        except VendorError as error:
            answer = LinesAnswer(order, f"The lines could not be fetched. {error.message}")
        if answer is None:
            return
        if answer.note:
            self.lines_notes[order.id] = answer.note
        rows = [i for i, o in enumerate(self.model.orders) if o.id == order.id]
        for row in rows:  # keep the list's order object, now with its items
            self.model.orders[row] = replace(self.model.orders[row], items=answer.order.items)
        current = self.list.currentIndex()
        if current.isValid() and current.row() in rows:
            shown = self.model.orders[current.row()]
            self.details.setHtml(order_html(shown, self.clock(), self.lines_notes.get(order.id)))

    def done(self, result: int) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
        for task in self.lines_asked.values():
            if not task.done():
                task.cancel()
        super().done(result)
