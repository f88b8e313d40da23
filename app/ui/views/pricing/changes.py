"""The pricing view's editing and sending half: price edits, bulk rules, sales, retry, revert.

Every change goes through the manager's PIN when one is set, then to the outbox via the pricing
service; a refusal is a warning naming the vendor. The layout, loading and filtering half is
``view.PricingView``, which builds ``model`` and ``service`` and says which rows are selected.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.domain.pricing import PreviewRow, PriceRuleError, parse_price
from app.services.manager_pin import check_pin, pin_is_set
from app.services.outbox import OutboxEntry, OutboxStateError
from app.services.pricing import PriceChangeError, PricingService
from app.services.pricing_rows import SOURCE_VENDOR, PriceRow, Source
from app.ui.views.base import VendorFedView
from app.ui.views.pricing.bulk_dialog import BulkDialog
from app.ui.views.pricing.model import PriceTableModel
from app.ui.views.pricing.pin_dialog import PinDialog
from app.ui.views.pricing.sale_dialog import SaleDialog

log = logging.getLogger("counterpart.ui.pricing")


class PricingChanges(VendorFedView):
    """What the person changes in the pricing view, and the tasks that send it."""

    # Built by PricingView.__init__.
    service: PricingService | None
    model: PriceTableModel
    _tasks: set[asyncio.Task[Any]]

    def selected_rows(self) -> list[PriceRow]:
        raise NotImplementedError  # PricingView: the table's selection

    async def refresh_states(self) -> None:
        raise NotImplementedError  # PricingView: rows' outbox states after a change

    def _gated(self, action: Callable[[], None]) -> None:
        """Run ``action`` at once, or after the manager's PIN when one is set."""
        if self.context is None or not pin_is_set(self.context.config):
            action()
            return
        config = self.context.config
        dialog = PinDialog(lambda pin: check_pin(config, pin), self)
        dialog.granted.connect(action)
        dialog.open()
        self.pin_dialog = dialog

    def edit_price(self, row: PriceRow, text: str) -> None:
        try:
            price = parse_price(text, row.step)
        except PriceRuleError as exc:
            self._warn(str(exc), row)
            return
        if price == row.shown_price:
            return
        self._gated(lambda: self._spawn(self._queue(row, price)))

    async def _queue(self, row: PriceRow, price: Decimal) -> None:
        assert self.service is not None
        try:
            await self.service.set_price(row, price)
        except PriceChangeError as exc:
            self._warn(str(exc), row)
        await self.refresh_states()

    def open_bulk(self) -> None:
        rows = self.selected_rows()
        if not rows or self.service is None:
            return
        service, floor = self.service, self.model.floor
        dialog = BulkDialog(len(rows), lambda rule: service.preview(rows, rule, floor), self)
        dialog.confirmed.connect(
            lambda rule, preview: self._gated(lambda: self._spawn(self._apply(rows, preview)))
        )
        dialog.open()
        self.bulk_dialog = dialog

    async def _apply(self, rows: list[PriceRow], preview: list[PreviewRow]) -> None:
        assert self.service is not None
        entries = await self.service.apply(rows, preview, uuid.uuid4().hex)
        if self.context is not None:
            self.context.messages.info(
                f"{len(entries)} price changes queued; they are sent in the background."
            )
        await self.refresh_states()

    def open_sale(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].source is not Source.SKU:
            return
        row = rows[0]
        dialog = SaleDialog(row, datetime.now(UTC), self)
        dialog.chosen.connect(
            lambda price, on, start, end: self._gated(
                lambda: self._spawn(self._sale(row, price, on, start, end))
            )
        )
        dialog.open()
        self.sale_dialog = dialog

    async def _sale(
        self, row: PriceRow, price: Decimal | None, on: bool, start: datetime, end: datetime
    ) -> None:
        assert self.service is not None
        try:
            await self.service.set_sale(row, price, on, start, end)
        except PriceChangeError as exc:
            self._warn(str(exc), row)
        await self.refresh_states()

    def _retry(self) -> None:
        for row in self.selected_rows():
            if row.state == "failed" and self.service is not None:
                self._spawn(self._guard(self.service.retry(row), row))

    def _revert(self) -> None:
        for row in self.selected_rows():
            if row.state in ("failed", "sent") and self.service is not None:
                self._spawn(self._guard(self.service.revert(row), row))

    async def _guard(self, work: Coroutine[Any, Any, OutboxEntry], row: PriceRow) -> None:
        try:
            await work
        except (PriceChangeError, OutboxStateError) as exc:
            self._warn(str(exc), row)
        await self.refresh_states()

    def _warn(self, text: str, row: PriceRow) -> None:
        if self.context is not None:
            self.context.messages.warning(text, vendor=SOURCE_VENDOR[row.source])

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_event_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a pricing action failed", exc_info=task.exception())
