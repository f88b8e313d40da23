"""The orders list: state at the vendor, tracking links, cancel while the vendor allows it."""

from __future__ import annotations

import asyncio
import html
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.dropship_validation import OrderInvalid, parse_order
from app.services.dropship import OPERATION, DropshipService
from app.services.dropship_text import describe_place
from app.services.messages import MessageBus
from app.ui.async_slot import async_slot
from app.ui.views.dropship.orders_detail import detail_html
from app.ui.views.dropship.orders_model import OrderRow, OrdersModel
from app.vendors import display_name
from app.vendors.errors import VendorError

log = logging.getLogger("counterpart.ui.dropship")
RECENT = 30  # orders whose state is asked of the vendors on refresh


class OrdersPanel(QWidget):
    refreshed = Signal()
    cancel_confirmed = Signal(str)

    def __init__(self, service: DropshipService, messages: MessageBus) -> None:
        super().__init__()
        self.service, self.messages = service, messages
        self.model = OrdersModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = QLabel("Select an order to see its tracking.")
        self.detail.setWordWrap(True)
        self.detail.setOpenExternalLinks(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.refresh_button = QPushButton("Refresh from vendors")
        self.refresh_button.clicked.connect(self.refresh)
        self.resume_button = QPushButton("Check again")
        self.resume_button.setToolTip("Look the order up at the vendor; send it only if missing.")
        self.resume_button.clicked.connect(self.resume_selected)
        self.cancel_button = QPushButton("Cancel order…")
        self.cancel_button.clicked.connect(self.confirm_cancel)
        self.cancel_box: QMessageBox | None = None
        self.cancel_confirmed.connect(self.cancel_order)
        self._compose()
        self._reload_due = False
        self._working = 0  # follow-ups in flight (show_placed, resume, refresh)
        self._reload_task: asyncio.Task[None] | None = None
        self._unsubscribe = service.outbox.on_change(self._outbox_changed)
        self._selected()

    def _compose(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.refresh_button)
        tools.addStretch(1)
        tools.addWidget(self.resume_button)
        tools.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    def _outbox_changed(self, entry: object) -> None:
        """Coalesce a burst of outbox changes into one reload, run on the asyncio loop (a Qt
        timer could fire while the loop is not running, where no coroutine can start)."""
        if self._reload_due:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._reload_due = True
        loop.call_later(0.15, self._start_reload)

    @property
    def idle(self) -> bool:
        """No reload waiting or running (tests wait for this before looking)."""
        task = self._reload_task
        return not self._working and not self._reload_due and (task is None or task.done())

    def _start_reload(self) -> None:
        self._reload_due = False
        self._reload_task = asyncio.ensure_future(self.reload_local())

    def selected(self) -> OrderRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    async def reload_local(self) -> None:
        """The orders as recorded here (no network), keeping the vendor states already known."""
        entries = await self.service.outbox.list()
        # Read after the await: a status fetched meanwhile must not be lost.
        known = {row.reference: row.status for row in self.model.rows}
        chosen = self.selected()
        rows = [
            OrderRow(e, known.get(e.idempotency_key))
            for e in entries
            if e.operation == OPERATION and e.vendor in self.service.sources
        ]
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.reference)
        self._selected()

    @async_slot()
    async def reload(self) -> None:
        await self.reload_local()

    @async_slot(str)
    async def show_placed(self, reference: str) -> None:
        """A new order was recorded: list it, then ask its vendor where it stands."""
        self._working += 1
        try:
            await self.reload_local()
            index = self.model.row_for(reference)
            if index is not None and self.model.rows[index].entry.vendor_ref:
                self._update(await self._with_status(self.model.rows[index]))
        finally:
            self._working -= 1

    @async_slot()
    async def refresh(self) -> None:
        await self.refresh_now()

    async def refresh_now(self) -> None:
        """Ask each vendor where the recent orders stand (shipments are acknowledged)."""
        self._working += 1
        self.refresh_button.setEnabled(False)
        try:
            await self.reload_local()
            for row in list(self.model.rows)[:RECENT]:
                if row.entry.vendor_ref and row.state_text != "Canceled":
                    self._update(await self._with_status(row))
        finally:
            self._working -= 1
            self.refresh_button.setEnabled(True)
            self._selected()
            self.refreshed.emit()

    async def _with_status(self, row: OrderRow) -> OrderRow:
        try:
            return OrderRow(row.entry, await self.service.status(row.reference))
        except VendorError as exc:
            self.messages.warning(exc.message, vendor=exc.vendor)
            return row

    def _update(self, row: OrderRow) -> None:
        """Put a row's new state into the list as it is now (it may have been reloaded)."""
        index = self.model.row_for(row.reference)
        if index is None:
            return
        rows = list(self.model.rows)
        rows[index] = OrderRow(rows[index].entry, row.status)
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.reference)
        self._selected()

    def select(self, reference: str) -> None:
        found = self.model.row_for(reference)
        if found is not None:
            self.table.selectRow(found)

    def _selected(self) -> None:
        row = self.selected()
        self.resume_button.setEnabled(row is not None and row.resumable)
        self.cancel_button.setEnabled(row is not None and row.cancellable)
        self.detail.setText(detail_html(row) if row else "Select an order to see its tracking.")

    @async_slot()
    async def resume_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.resume_button.setEnabled(False)
        self._working += 1
        try:
            result = await self.service.place(parse_order(row.entry.payload))
            await self.reload_local()
            index = self.model.row_for(row.reference)
            if result.placed and index is not None:
                self._update(await self._with_status(self.model.rows[index]))
            self.messages.info(describe_place(result), vendor=row.entry.vendor)
        except (OrderInvalid, VendorError) as exc:
            self.messages.warning(str(exc), vendor=row.entry.vendor)
        finally:
            self._working -= 1

    def confirm_cancel(self) -> None:
        row = self.selected()
        if row is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Cancel this order?",
            f"Ask {display_name(row.entry.vendor)} to cancel order {row.entry.vendor_ref} "
            f"({row.reference}) for {row.customer}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda answer: self._cancel_answered(answer, row.reference))
        self.cancel_box = box
        box.open()

    def _cancel_answered(self, answer: int, reference: str) -> None:
        if answer == int(QMessageBox.StandardButton.Yes):
            self.cancel_confirmed.emit(reference)

    @async_slot(str)
    async def cancel_order(self, reference: str) -> None:
        await self.cancel_now(reference)

    async def cancel_now(self, reference: str) -> None:
        try:
            status = await self.service.cancel(reference)
        except VendorError as exc:
            # The vendor's own reason (e.g. already packed) is what staff need to tell the customer.
            self.detail.setText(html.escape(f"Not canceled. {exc.vendor_name} says: {exc.message}"))
            self.messages.warning(exc.message, vendor=exc.vendor)
            return
        except OrderInvalid as exc:
            self.detail.setText(html.escape("; ".join(exc.errors)))
            return
        index = self.model.row_for(reference)
        if index is not None:
            self._update(OrderRow(self.model.rows[index].entry, status))
        self.messages.info(f"Order {reference} was canceled at {display_name(status.vendor)}.")
