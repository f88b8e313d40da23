"""Dropship orders placed from this shop: where each stands at its vendor, with tracking."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.dropship import VendorOrderState
from app.services.dropship import DropshipStatus
from app.services.outbox import OutboxEntry, OutboxState
from app.ui.formatting import local_time
from app.ui.table_columns import FixedColumnsModel
from app.vendors import display_name

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Reference", "Customer", "From", "State", "Vendor order", "Tracking", "Placed")
OUTBOX_WORDS = {
    OutboxState.QUEUED: "Saved — waiting to send",
    OutboxState.SENDING: "Sending",
    OutboxState.UNCERTAIN: "Checking with vendor",
    OutboxState.FAILED: "Refused by vendor",
    OutboxState.SENT: "Placed",
    OutboxState.DISCARDED: "Discarded",
}
VENDOR_WORDS = {
    VendorOrderState.PLACED: "Scheduled",
    VendorOrderState.SHIPPED: "Shipped",
    VendorOrderState.CANCELED: "Canceled",
    VendorOrderState.BACKORDERED: "Backordered",
    VendorOrderState.FAILED: "Failed at vendor",
}
COLOURS = {
    "Shipped": "#147d64",
    "Scheduled": "#0b69a3",
    "Placed": "#0b69a3",
    "Canceled": "#616e7c",
    "Backordered": "#8d2b0b",
    "Checking with vendor": "#8d2b0b",
    "Refused by vendor": "#ab091e",
    "Failed at vendor": "#ab091e",
}


@dataclass(frozen=True)
class OrderRow:
    entry: OutboxEntry
    status: DropshipStatus | None = None

    @property
    def reference(self) -> str:
        return self.entry.idempotency_key

    @property
    def vendor_state(self) -> VendorOrderState | None:
        order = self.status.vendor_order if self.status else None
        return order.state if order else None

    @property
    def state_text(self) -> str:
        state = self.vendor_state
        return VENDOR_WORDS[state] if state else OUTBOX_WORDS[self.entry.state]

    @property
    def customer(self) -> str:
        ship = self.entry.payload.get("ship_to") or {}
        return f"{ship.get('first_name', '')} {ship.get('last_name', '')}".strip()

    @property
    def tracking(self) -> str:
        order = self.status.vendor_order if self.status else None
        return ", ".join(s.tracking_number for s in order.shipments) if order else ""

    @property
    def cancellable(self) -> bool:
        placed = (VendorOrderState.PLACED, VendorOrderState.BACKORDERED)
        return self.entry.vendor_ref is not None and self.vendor_state in (None, *placed)

    @property
    def resumable(self) -> bool:
        return self.entry.state in (OutboxState.QUEUED, OutboxState.UNCERTAIN)


class OrdersModel(FixedColumnsModel):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OrderRow] = []

    def set_rows(self, rows: list[OrderRow]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda r: r.entry.created_at, reverse=True)
        self.endResetModel()

    def row_for(self, reference: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.reference == reference), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QColor(COLOURS.get(row.state_text, "#1f2933"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.entry.last_message or row.entry.summary
        return None

    def _text(self, row: OrderRow, column: int) -> str:
        values = (
            row.reference,
            row.customer,
            display_name(row.entry.vendor),
            row.state_text,
            row.entry.vendor_ref or "—",
            row.tracking or "—",
            local_time(row.entry.created_at),
        )
        return values[column]
