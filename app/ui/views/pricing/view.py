"""Cost, price and margin of bouquets, stock items and wholesale SKUs; price changes via outbox."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.domain.pricing import PreviewRow, PriceRuleError, parse_price
from app.services.manager_pin import check_pin, margin_floor, pin_is_set
from app.services.outbox import OutboxEntry, OutboxStateError
from app.services.pricing import PriceChangeError, PricingService
from app.services.pricing_rows import SOURCE_VENDOR, PriceRow, Source
from app.services.pricing_wiring import ensure_wired
from app.services.sync import SyncResult
from app.ui.views.base import VendorFedView
from app.ui.views.pricing.bulk_dialog import BulkDialog
from app.ui.views.pricing.model import PriceTableModel
from app.ui.views.pricing.pin_dialog import PinDialog
from app.ui.views.pricing.sale_dialog import SaleDialog
from app.ui.views.pricing.toolbar import PricingBar, RowActions

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.ui.pricing")
CACHE_OF = {"inventory": "inventory-prices", "bouquets": "bouquets", "skus": "skus"}
SOURCES = tuple(CACHE_OF)
FILTER_DELAY_MS = 120


class PricingView(VendorFedView):
    key = "pricing"
    title = "Pricing"
    subtitle = "Cost, price and margin of bouquets, stock items and wholesale SKUs."
    vendors = ("posiflora", "yodify")
    empty_body = (
        "Bouquets and stock items come from Posiflora; wholesale SKUs from Yodify. Connect them "
        "in Settings to see and change prices here."
    )

    def __init__(
        self,
        context: AppContext | None = None,
        runtime: Runtime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, runtime, parent)
        self.service: PricingService | None = None
        self.model = PriceTableModel(self)
        self.bar = PricingBar(self)
        self.table = QTableView(self)
        self.table.setObjectName("pricingTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Fits a 1280-wide window beside the navigation without a sideways scroll.
        # Source, Item, Code (13-digit barcodes), Store, Category, Cost, Price, Margin, Margin %,
        # State, Stock; Details takes the rest.
        for column, width in enumerate((84, 150, 128, 96, 110, 60, 60, 70, 82, 70, 60)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.table.sortByColumn(8, Qt.SortOrder.AscendingOrder)  # worst margin first
        self.row_actions = RowActions(self)
        self.row_actions.add_count(self.bar.count)
        page = QVBoxLayout()
        page.setContentsMargins(20, 0, 20, 8)  # the page's edge, as in the other views
        self.body.addLayout(page, 1)
        for widget in (self.bar, self.table, self.row_actions):
            widget.setVisible(False)
            page.addWidget(widget, 1 if widget is self.table else 0)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._filter_timer = _timer(self, FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self._states_timer = _timer(self, 200)
        self._reload_timer = _timer(self, 300)
        self._reload_timer.timeout.connect(self._reload_now)
        self._states_timer.timeout.connect(lambda: self._spawn(self.refresh_states()))
        self._connect()

    def _connect(self) -> None:
        self.bar.search.textChanged.connect(self._typed)
        self.bar.search.returnPressed.connect(self._scanned)
        for combo in (self.bar.source, self.bar.store, self.bar.category):
            combo.currentIndexChanged.connect(self._picked)
        self.bar.bulk.pressed.connect(self.open_bulk)
        self.bar.sale.pressed.connect(self.open_sale)
        self.row_actions.retry.pressed.connect(self._retry_pressed)
        self.row_actions.revert.pressed.connect(self._revert_pressed)
        self.model.price_edited.connect(self.edit_price)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selected)

    @Slot(str)
    def _typed(self, _text: str) -> None:
        self._filter_timer.start()

    @Slot(int)
    def _picked(self, _index: int) -> None:
        self._apply_filter()

    @Slot()
    def _retry_pressed(self) -> None:
        self._gated(self._retry)

    @Slot()
    def _revert_pressed(self) -> None:
        self._gated(self._revert)

    @Slot()
    def _reload_now(self) -> None:
        self._spawn(self.reload())

    def shutdown(self) -> None:
        for timer in (self._filter_timer, self._states_timer, self._reload_timer):
            timer.stop()

    def _selection_changed(self, *_: object) -> None:
        self._selected()

    # -- loading ------------------------------------------------------------------------------

    async def load(self) -> None:
        if self.runtime is None:
            return
        self.service = ensure_wired(self.runtime)
        self.service.on_change(self._outbox_changed)
        self.runtime.scheduler.on_result(self._synced)
        await self._first_fetch()
        self.show_rows(await self.service.rows())

    async def _first_fetch(self) -> None:
        """A source never fetched (a fresh demo) is fetched once before the first paint."""
        assert self.runtime is not None
        sources = {s.name: s.vendor for s in self.runtime.scheduler.sources if s.name in SOURCES}
        missing = [
            name
            for name, vendor in sources.items()
            if await self.runtime.cache.fetched_at(vendor, CACHE_OF[name]) is None
        ]
        if missing:
            await asyncio.gather(*(self.runtime.scheduler.refresh_now(n) for n in missing))

    def show_rows(self, rows: list[PriceRow]) -> None:
        if self.context is not None:
            self.model.floor = margin_floor(self.context.config)
        self.model.set_rows(rows)
        self.bar.set_choices(rows)
        has_rows = bool(rows)
        self.empty_state.setVisible(not has_rows)
        for widget in (self.bar, self.table, self.row_actions):
            widget.setVisible(has_rows)
        self._count()

    async def reload(self) -> None:
        if self.service is not None:
            self.show_rows(await self.service.rows())

    async def refresh_states(self) -> None:
        if self.service is not None:
            await self.service.apply_states(self.model.rows)
            self.model.states_changed()
            self._selected()

    def _synced(self, result: SyncResult) -> None:
        if result.source in SOURCES and result.ok:
            self._reload_timer.start()  # coalesced, and never after the view is gone

    def _outbox_changed(self, entry: OutboxEntry) -> None:
        self._states_timer.start()  # many changes in a bulk send: one refresh

    # -- filter, barcode ----------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.model.apply_filter(**self.bar.criteria())
        self._count()

    def _count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.rows)
        under = sum(
            1
            for r in self.model.rows
            if r.margin and r.margin.percent is not None and r.margin.percent < self.model.floor
        )
        self.bar.count.setText(
            f"{shown:,} of {total:,} · {under:,} under the {self.model.floor}% floor"
        )

    def _scanned(self) -> None:
        """A scanner types the code and Enter: jump to the item, whatever the filters are."""
        code = self.bar.search.text().strip()
        found = self.model.filter.find_barcode(code)
        if found is None:
            return
        key = self.model.rows[found].key
        self._filter_timer.stop()
        self.bar.reset()
        self.model.apply_filter(text="", source="", store="", category="")
        self.jump_to(key)
        self._count()

    def jump_to(self, key: str) -> bool:
        number = self.model.row_number(key)
        if number is None:
            return False
        index = self.model.index(number, 1)
        self.table.selectRow(number)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table.setFocus()
        return True

    def selected_rows(self) -> list[PriceRow]:
        numbers = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(n) for n in numbers]

    def _selected(self) -> None:
        self.row_actions.show_row(self.selected_rows())
        rows = self.selected_rows()
        self.bar.sale.setEnabled(len(rows) == 1 and rows[0].source is Source.SKU)
        self.bar.bulk.setEnabled(bool(rows))

    # -- changes ------------------------------------------------------------------------------

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


def _timer(parent: QWidget, interval_ms: int) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    return timer
