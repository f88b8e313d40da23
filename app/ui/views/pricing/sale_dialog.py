"""A Yodify SKU's sale: price, on/off, and the window it runs in (yodify.md §4.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.services.pricing_rows import PriceRow


def _qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _py(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class SaleDialog(QDialog):
    """Emits ``chosen(sale_price or None, on_sale, start, end)``."""

    chosen = Signal(object, bool, object, object)

    def __init__(self, row: PriceRow, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Sale price of {row.code}")
        self.price = QLineEdit("" if row.sale_price is None else str(row.sale_price))
        self.on_sale = QCheckBox("On sale")
        self.on_sale.setChecked(row.on_sale)
        self.start = QDateTimeEdit(_qt(row.sale_start or now))
        self.end = QDateTimeEdit(_qt(row.sale_end or now + timedelta(days=7)))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self.error = QLabel("")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"{row.title} — list price {row.shown_price}"))
        form.addRow("Sale price", self.price)
        form.addRow("", self.on_sale)
        form.addRow("Starts", self.start)
        form.addRow("Ends", self.end)
        form.addRow(self.error)
        form.addRow(buttons)

    def confirm(self) -> None:
        text = self.price.text().strip()
        try:
            price = Decimal(text).quantize(Decimal("0.01")) if text else None
        except InvalidOperation:
            self.error.setText(f"“{text}” is not a price.")
            return
        self.accept()
        self.chosen.emit(
            price, self.on_sale.isChecked(), _py(self.start.dateTime()), _py(self.end.dateTime())
        )
