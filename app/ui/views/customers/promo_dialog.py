"""Issue a one-time Vroom promo code to this customer: percent off, dollar off or free delivery."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.customers import Customer
from app.domain.money import MoneyFormatError, parse_money
from app.domain.promotions import PromoCodeRequest, PromoCodeType, with_code

KINDS = (
    (PromoCodeType.PERCENT_OFF, "Percent off"),
    (PromoCodeType.DOLLAR_OFF, "Dollar off"),
    (PromoCodeType.FREE_DELIVERY, "Free delivery"),
)
DEFAULT_DAYS = 30


class PromoDialog(QDialog):
    """Emits ``submitted(PromoCodeRequest)``; the code is chosen when the dialog opens, so
    pressing Issue twice queues one code, not two."""

    submitted = Signal(object)

    def __init__(self, customer: Customer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer = customer
        self.setWindowTitle(f"Promo code for {customer.name}")
        self.kind = QComboBox()
        for kind, label in KINDS:
            self.kind.addItem(label, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.value = QLineEdit("10")
        draft = with_code(PromoCodeRequest(PromoCodeType.PERCENT_OFF, customer_name=customer.name))
        self.code = QLineEdit(draft.code or "")
        self.expiry = QDateEdit(QDate.currentDate().addDays(DEFAULT_DAYS))
        self.expiry.setCalendarPopup(True)
        self.one_time = QCheckBox("One-time use")
        self.one_time.setChecked(True)
        self.problem = QLabel()
        self.problem.setProperty("role", "fieldError")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue = self.buttons.addButton("Issue code", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue.setProperty("primary", True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._compose()

    def _compose(self) -> None:
        form = QFormLayout()
        form.addRow("Discount", self.kind)
        form.addRow("Value", self.value)
        form.addRow("Code", self.code)
        form.addRow("Expires at the end of", self.expiry)
        form.addRow("", self.one_time)
        hint = QLabel("The code is created at Vroom through the outbox; it shows there once sent.")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(440, 0)

    def _kind_changed(self) -> None:
        free = self.kind.currentData() is PromoCodeType.FREE_DELIVERY
        self.value.setEnabled(not free)
        if free:
            self.value.clear()

    def request(self) -> PromoCodeRequest:
        """What was filled in; ValueError names the field that cannot be read."""
        kind = PromoCodeType(self.kind.currentData())
        value = None
        if kind is not PromoCodeType.FREE_DELIVERY:
            try:
                value = parse_money(self.value.text().replace("%", ""))
            except MoneyFormatError:
                raise ValueError("Value: type a number such as 10.") from None
        chosen = self.expiry.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        if day < datetime.now().astimezone().date():
            raise ValueError("Expires: pick today or a later day.")
        local_end = datetime.combine(day, time(23, 59)).astimezone()
        now = datetime.now(UTC)
        return PromoCodeRequest(
            promo_code_type=kind,
            value=value,
            code=self.code.text().strip() or None,
            customer_name=self.customer.name or None,
            expiry_time=max(local_end, now + timedelta(hours=1)),
            is_one_time_use=self.one_time.isChecked(),
        )

    def _submit(self) -> None:
        self.problem.setText("")
        try:
            request = self.request()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self.buttons.setEnabled(False)
        self.submitted.emit(request)

    def refuse(self, message: str) -> None:
        self.problem.setText(message)
        self.buttons.setEnabled(True)

    def finish(self) -> None:
        self.accept()
