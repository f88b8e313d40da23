"""Cost, price and margin of bouquets, stock items and wholesale SKUs; price changes via outbox.

This module lays the view out, loads and filters the rows; ``changes.PricingChanges`` (its base)
edits and sends prices.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.services.manager_pin import margin_floor
from app.services.outbox import OutboxEntry
from app.services.pricing import PricingService
from app.services.pricing_rows import PriceRow, Source
from app.services.pricing_wiring import ensure_wired
from app.services.sync import SyncResult
from app.ui.views.pricing.changes import PricingChanges
from app.ui.views.pricing.model import PriceTableModel
from app.ui.views.pricing.toolbar import PricingBar, RowActions

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.services.runtime import Runtime

CACHE_OF = {"inventory": "inventory-prices", "bouquets": "bouquets", "skus": "skus"}
SOURCES = tuple(CACHE_OF)
FILTER_DELAY_MS = 120


class PricingView(PricingChanges):
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


def _timer(parent: QWidget, interval_ms: int) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    return timer
