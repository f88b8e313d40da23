"""What a Yodify trade order panel does: load the order, confirm, cancel, ship, follow the write.

Each action checks the order's rule in the wholesale service, records the write in the outbox and
kicks the worker; the status line then follows that write until Yodify accepted or refused it.
The layout half is ``yodify_actions.TradeOrderPanel``, which builds the status line and buttons.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.wholesale import TradeOrder, TradeOrderRuleError
from app.services.outbox import OutboxEntry, OutboxState
from app.services.wholesale import QueuedWrite, WholesaleService
from app.ui.async_slot import async_slot
from app.ui.views.orders.yodify_dialogs import CancelTradeOrderDialog, ShipmentDialog
from app.vendors.errors import VendorError

if TYPE_CHECKING:
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.ui.wholesale")
VENDOR = "yodify"


class TradeOrderFlow(QWidget):
    """The panel's behaviour; ``TradeOrderPanel`` sets these attributes and lays it out."""

    runtime: Runtime
    order: TradeOrder | None
    order_id: int
    watching: set[int]  # outbox entries this panel queued and reports on
    status: QLabel
    _tasks: set[asyncio.Task[None]]

    def show_order(self, order: TradeOrder, now: datetime | None = None) -> None:
        raise NotImplementedError  # TradeOrderPanel: heading, lines, totals, buttons

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
