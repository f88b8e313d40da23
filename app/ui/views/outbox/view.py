"""Every write on its way to a vendor: queued, sent, failed or being checked with the vendor."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.context import AppContext
from app.services.outbox import Outbox, OutboxEntry, OutboxState, OutboxStateError
from app.services.outbox_store import PENDING_STATES
from app.services.runtime import Runtime
from app.ui.async_slot import async_slot
from app.ui.views.base import BaseView, EmptyState, ViewHeader
from app.ui.views.outbox.model import OutboxModel


class OutboxView(BaseView):
    key = "outbox"
    title = "Outbox"

    def __init__(
        self, context: AppContext, runtime: Runtime | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runtime, parent)
        self.outbox: Outbox | None = runtime.outbox if runtime else None
        self.messages = context.messages
        self.model = OutboxModel()
        self.table = self._make_table()
        self.show_filter = QComboBox()
        self.show_filter.addItems(["Needs attention", "All writes"])
        self.show_filter.currentIndexChanged.connect(self.schedule_reload)
        self.retry_button = QPushButton("Retry now")
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton("Discard…")
        self.discard_button.clicked.connect(self.confirm_discard)
        self.discard_candidate: OutboxEntry | None = None
        self.discard_box: QMessageBox | None = None
        self.empty = EmptyState(
            "Nothing waiting to be sent",
            "Every order, price or promo code sent to a vendor is recorded here first, and "
            "stays here until the vendor confirms it. Nothing is lost when the network drops.",
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.table)
        self._reload_timer = QTimer(self, singleShot=True, interval=150)
        self._reload_timer.timeout.connect(self.reload)
        self._compose()
        outbox = self.outbox
        self._unsubscribe = outbox.on_change(lambda _e: self.schedule_reload()) if outbox else None
        self._update_buttons()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        return table

    def _compose(self) -> None:
        tools = QHBoxLayout()
        tools.setContentsMargins(20, 0, 20, 8)
        tools.addWidget(self.show_filter)
        tools.addStretch(1)
        tools.addWidget(self.retry_button)
        tools.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        subtitle = "Changes on their way to vendors. Nothing is lost or sent twice."
        layout.addWidget(ViewHeader(self.title, subtitle))
        layout.addLayout(tools)
        layout.addWidget(self.pages, 1)

    async def load(self) -> None:
        await self.reload_now()

    def shutdown(self) -> None:
        self._reload_timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.outbox = None  # a late click must not reach a closed database

    def schedule_reload(self) -> None:
        self._reload_timer.start()

    @async_slot()
    async def reload(self) -> None:
        await self.reload_now()

    async def reload_now(self) -> None:
        if self.outbox is None:
            return
        states = PENDING_STATES if self.show_filter.currentIndex() == 0 else None
        entries = await self.outbox.list(states)
        self.model.set_entries(entries)
        self.pages.setCurrentWidget(self.table if entries else self.empty)
        self._update_buttons()

    def selected(self) -> OutboxEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        entry = self.selected()
        settled = (OutboxState.SENT, OutboxState.SENDING, OutboxState.DISCARDED)
        actionable = entry is not None and entry.state not in settled
        self.retry_button.setEnabled(actionable)
        self.discard_button.setEnabled(actionable)

    @async_slot()
    async def retry_selected(self) -> None:
        entry = self.selected()
        if entry is None or self.outbox is None:
            return
        self.retry_button.setEnabled(False)
        try:
            await self.outbox.retry(entry.id)
        except OutboxStateError as exc:
            self.messages.warning(str(exc), vendor=entry.vendor)
        finally:
            self._update_buttons()

    def confirm_discard(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Discard this write?",
            f"“{entry.summary}” will not be sent. The vendor has not received it. "
            "This cannot be undone.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.discard_candidate = entry
        box.finished.connect(self._discard_answered)
        self.discard_box = box
        box.open()  # never exec() inside the event loop's coroutines

    @async_slot(int)
    async def _discard_answered(self, result: int) -> None:
        entry, self.discard_candidate = self.discard_candidate, None
        if entry is None or self.outbox is None or result != QMessageBox.StandardButton.Discard:
            return
        try:
            discarded = await self.outbox.discard(entry.id)
        except OutboxStateError as exc:
            self.messages.warning(str(exc))
            return
        self.messages.info(f"Discarded “{discarded.summary}”.", vendor=discarded.vendor)
