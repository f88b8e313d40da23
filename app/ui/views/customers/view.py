"""Look a customer up at the counter: scan a card or type a phone or name, see their bonus."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import cast

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.customers import Customer
from app.services.context import AppContext
from app.services.customer_actions import CustomerActions
from app.services.customers import BONUS_GROUPS, CUSTOMERS, CustomerLookup, LookupResult
from app.services.runtime import Runtime
from app.ui.async_slot import async_slot
from app.ui.views.base import BaseView, EmptyState, ViewHeader
from app.ui.views.customers.calculator import PurchaseCalculator
from app.ui.views.customers.card import CustomerCardView
from app.ui.views.customers.card_flow import CardFlow
from app.ui.views.customers.models import ResultsModel
from app.ui.views.customers.sample import pick_sample
from app.ui.views.customers.trade_accounts import TradeAccountsPanel, finishing

log = logging.getLogger("counterpart.ui.customers")

DEBOUNCE_MS = 150  # long enough to skip a scanner's keystrokes, short enough to feel instant


class CustomersView(BaseView):
    key = "customers"
    title = "Customers"

    search_finished = Signal(object)  # the last LookupResult shown for a search
    open_requested = Signal(object)  # a Customer picked in the results

    def __init__(
        self, context: AppContext, runtime: Runtime | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runtime, parent)
        self.lookup: CustomerLookup | None = runtime.customers if runtime else None
        actions = CustomerActions(runtime) if runtime and self.lookup else None
        self.searches = 0  # searches started (the debounce keeps this low while typing)
        self._generation = 0
        self._open_on_match = False
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText("Scan a bonus card, or type a phone number or a name")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._typed)
        self.search.returnPressed.connect(self._entered)
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.run_search)
        self.trade_accounts = TradeAccountsPanel(runtime)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.results_model = ResultsModel(self)
        self.results = self._results_table()
        self.card = CustomerCardView()
        self.calculator = PurchaseCalculator()
        self.flow = CardFlow(self, context, runtime, self.lookup, actions)
        self.open_requested.connect(self.flow.open_later)
        self.pages = QStackedWidget()
        self._compose()

    def _results_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.results_model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def _compose(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            ViewHeader(self.title, "Scan a bonus card or type a phone number or name.")
        )
        if self.lookup is None:
            layout.addWidget(
                EmptyState(
                    "Connect Posiflora to look customers up",
                    "Customers and their bonus points come from Posiflora. Open Settings › "
                    "Posiflora, enter the shop's address, user name and password, then search "
                    "here.",
                ),
                1,
            )
            return
        body = QHBoxLayout()
        body.setContentsMargins(20, 0, 20, 16)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.status)
        left.addWidget(self.results, 1)
        left.addWidget(self.trade_accounts)  # hidden until a Yodify account matches
        holder = QWidget()
        holder.setLayout(left)
        holder.setFixedWidth(380)
        body.addWidget(holder)
        self.pages.addWidget(
            EmptyState(
                "No customer chosen",
                "Scan the customer's bonus card, or type part of a phone number or a name. "
                "Press Enter to open the card when one customer matches.",
            )
        )
        self.pages.addWidget(self._card_page())
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)

    def _card_page(self) -> QWidget:
        history = QGroupBox("Bonus history")
        box = QVBoxLayout(history)
        box.setContentsMargins(0, 8, 0, 0)
        box.addWidget(self.card.history, 1)
        box.addWidget(self.card.history_note)
        lower = QHBoxLayout()
        lower.addWidget(history, 1)
        self.calculator.setFixedWidth(260)
        lower.addWidget(self.calculator)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.card)
        column.addLayout(lower, 1)
        return page

    def show_card_page(self) -> None:
        self.pages.setCurrentIndex(1)

    async def load(self) -> None:
        """Cached customers at once; a fresh demo waits for one sync so the view has data."""
        if self.lookup is None or self.runtime is None:
            return
        index = await self.lookup.index()
        if not index.records:
            for source in (CUSTOMERS, BONUS_GROUPS):
                result = await self.runtime.scheduler.refresh_now(source)
                if result.error and self.context is not None:
                    self.context.messages.warning(result.error, vendor="posiflora")
            index = await self.lookup.index()
        self.status.setText(f"{len(index.records):,} customers on this PC.")
        if self.runtime.demo:
            await self._show_sample()

    async def _show_sample(self) -> None:
        """Demo: a customer with points and history already open, as a florist would see it."""
        assert self.lookup is not None and self.runtime is not None
        groups = await self.runtime.cache.read("posiflora", BONUS_GROUPS)
        sample = pick_sample((await self.lookup.index()).records, groups.records)
        if sample is None:
            return
        self.search.setText(sample.name.split(" ")[0])
        await self.search_now(open_match=False)
        await self.flow.open(sample)
        self.calculator.amount.setText(str(sample.average_check.quantize(1)))

    # -- search ---------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._open_on_match = False
        self.debounce.start(DEBOUNCE_MS)  # restarts: only the last keystroke's search runs

    def _entered(self) -> None:
        """Enter (a scanner ends with it): search now and open the card on a single match."""
        self._open_on_match = True
        self.debounce.start(0)  # at once, replacing a search still waiting on the debounce

    @async_slot()
    async def run_search(self) -> None:
        await self.search_now(open_match=self._open_on_match)

    async def search_now(self, *, open_match: bool) -> None:
        if self.lookup is None:
            return
        self._generation += 1
        generation, text, last = self._generation, self.search.text(), None
        self.searches += 1
        results = cast(AsyncGenerator[LookupResult, None], self.lookup.search(text))
        # Yodify trade accounts alongside, never delaying the customers; done before "finished".
        trade = asyncio.ensure_future(self.trade_accounts.find_now(text))
        async with aclosing(results), finishing(trade):
            async for result in results:
                if generation != self._generation:
                    return  # a newer search took over
                self._show_results(result)
                last = result
                match = result.exact or (
                    result.customers[0] if len(result.customers) == 1 else None
                )
                if open_match and match is not None:
                    open_match = False
                    self.search.selectAll()  # the next scan replaces this one
                    await self.flow.open(match)
        self.search_finished.emit(last)

    def _show_results(self, result: LookupResult) -> None:
        self.results_model.set_customers(result.customers)
        self._select(self.flow.current_id)
        found = f"{len(result.customers)} found" if result.text else ""
        where = "on this PC" if result.source == "cache" else "at Posiflora"
        note = f" — {result.error}" if result.error else ""
        self.status.setText(f"{found} {where}{note}".strip() if result.text else "")

    def _select(self, customer_id: str | None) -> None:
        row = self.results_model.row_of(customer_id) if customer_id else None
        if row is None:
            return
        selection = self.results.selectionModel()
        selection.blockSignals(True)  # selecting the open customer must not reopen it
        self.results.selectRow(row)
        selection.blockSignals(False)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        customer: Customer = self.results_model.customer(current.row())
        if customer.id != self.flow.current_id:
            self.open_requested.emit(customer)

    def select_customer(self, customer: Customer) -> None:
        self._select(customer.id)
        self.results.scrollTo(
            self.results.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
