"""Settings › Pricing: the margin floor and the manager PIN (kept as a salted hash)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.services.context import AppContext
from app.services.manager_pin import (
    PinError,
    check_pin,
    clear_pin,
    margin_floor,
    pin_is_set,
    set_margin_floor,
    set_pin,
)

if TYPE_CHECKING:
    from app.services.runtime import Runtime


def _password(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class PricingPanel(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Pricing", parent)
        self.context = context
        self.floor = QLineEdit(str(margin_floor(context.config)))
        self.current = _password("current PIN")
        self.new_pin = _password("new PIN, 4 digits or more")
        self.save_button = QPushButton("Save")
        self.clear_button = QPushButton("Remove PIN")
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow("Margin floor (%)", self.floor)
        form.addRow("Current manager PIN", self.current)
        form.addRow("New manager PIN", self.new_pin)
        form.addRow(buttons)
        form.addRow(self.status)
        self.save_button.pressed.connect(self.save)
        self.clear_button.pressed.connect(self.remove_pin)
        self._describe()

    def _describe(self) -> None:
        has_pin = pin_is_set(self.context.config)
        self.current.setEnabled(has_pin)
        self.clear_button.setEnabled(has_pin)
        if not self.status.text():
            self.status.setText(
                "Price changes ask for the manager PIN."
                if has_pin
                else "No manager PIN: anyone at this PC can change prices."
            )

    def _pin_ok(self) -> bool:
        if check_pin(self.context.config, self.current.text()):
            return True
        self.status.setText("The current PIN is not right; nothing was changed.")
        return False

    def save(self) -> None:
        config = self.context.config
        try:
            floor = Decimal(self.floor.text().strip())
            if not floor.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.status.setText("The margin floor must be a number, e.g. 30.")
            return
        if not self._pin_ok():
            return
        try:
            if self.new_pin.text():
                set_pin(config, self.new_pin.text(), save=False)
            set_margin_floor(config, floor)
        except (PinError, ValueError) as exc:
            self.status.setText(str(exc))
            return
        self.current.clear()
        self.new_pin.clear()
        self.status.setText("Saved.")
        self._describe()

    def remove_pin(self) -> None:
        if not self._pin_ok():
            return
        clear_pin(self.context.config)
        self.current.clear()
        self.status.setText("The manager PIN is removed.")
        self._describe()


def make_panel(context: AppContext, _runtime: Runtime | None = None) -> QWidget:
    """The runtime is not needed: these settings are read when they are used."""
    return PricingPanel(context)
