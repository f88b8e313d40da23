"""The two questions a trade order action asks: why cancel, and which parcel was sent.

Both are opened with ``open()`` and answer through ``submitted``; the OK button stays disabled
until every required field is filled, so Yodify never gets an empty reason or tracking number.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.wholesale import TradeOrder
from app.domain.wholesale_catalog import Carrier


class CancelTradeOrderDialog(QDialog):
    """Asks for the reason; Yodify sends it to the customer (yodify.md §5.2)."""

    submitted = Signal(str)

    def __init__(self, order: TradeOrder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelTradeOrderDialog")
        self.setWindowTitle(f"Cancel order {order.number}")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        note = QLabel(
            f"Cancel order {order.number} for {order.account.display_name}? "
            "Yodify sends the reason below to the customer."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText("Reason (required), e.g. Out of stock until next week")
        self.reason.setFixedHeight(80)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(self)
        self.ok: QPushButton = buttons.addButton(
            "Cancel order", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Keep order", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def _submit(self) -> None:
        text = self.reason.toPlainText().strip()
        if text:
            self.accept()
            self.submitted.emit(text)


class ShipmentDialog(QDialog):
    """Carrier (from Yodify's carriers) and tracking number for a new shipment."""

    submitted = Signal(str, str)

    def __init__(
        self, order: TradeOrder, carriers: Sequence[Carrier], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shipmentDialog")
        self.setWindowTitle(f"Add shipment to {order.number}")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.carrier = QComboBox(self)
        self.carrier.setObjectName("shipmentCarrier")
        for carrier in carriers:
            self.carrier.addItem(carrier.name, carrier.name)
        # Carriers could not be fetched: let staff type the carrier's name instead.
        self.carrier.setEditable(not carriers)
        form.addRow("Carrier", self.carrier)
        self.tracking = QLineEdit(self)
        self.tracking.setObjectName("shipmentTracking")
        self.tracking.setPlaceholderText("Tracking number (required)")
        form.addRow("Tracking number", self.tracking)
        layout.addLayout(form)
        note = QLabel("The shipment covers every item not yet shipped; Yodify emails the customer.")
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.ok: QPushButton = buttons.addButton(
            "Add shipment", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setProperty("primary", True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tracking.textChanged.connect(self._check)
        self.carrier.currentTextChanged.connect(self._check)
        self._check()

    def _values(self) -> tuple[str, str]:
        return self.carrier.currentText().strip(), self.tracking.text().strip()

    def _check(self) -> None:
        carrier, tracking = self._values()
        self.ok.setEnabled(bool(carrier and tracking))

    def _submit(self) -> None:
        carrier, tracking = self._values()
        if carrier and tracking:
            self.accept()
            self.submitted.emit(carrier, tracking)
