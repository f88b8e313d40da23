"""Edit a customer's phone, email and notes; the view queues the change in the outbox."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.customers import ContactChanges, Customer


class ContactDialog(QDialog):
    """Emits ``submitted(ContactChanges)``; stays open until the view calls :meth:`finish`."""

    submitted = Signal(object)

    def __init__(self, customer: Customer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer = customer
        self.setWindowTitle(f"Contact details of {customer.name}")
        self.phone = QLineEdit(customer.phone)
        self.phone.setPlaceholderText("National number, digits only")
        self.email = QLineEdit(customer.email)
        self.notes = QPlainTextEdit(customer.notes)
        self.notes.setFixedHeight(80)
        self.problem = QLabel()
        self.problem.setProperty("role", "fieldError")
        self.problem.setWordWrap(True)
        hint = QLabel("Saved changes are sent to Posiflora through the outbox.")
        hint.setProperty("role", "hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Phone", self.phone)
        form.addRow("Email", self.email)
        form.addRow("Notes", self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(460, 0)

    def changes(self) -> ContactChanges:
        return ContactChanges(
            phone=self.phone.text(), email=self.email.text(), notes=self.notes.toPlainText()
        )

    def _submit(self) -> None:
        self.problem.setText("")
        self.buttons.setEnabled(False)
        self.submitted.emit(self.changes())

    def refuse(self, message: str) -> None:
        """The change was refused: say why, and let the person fix it."""
        self.problem.setText(message)
        self.buttons.setEnabled(True)

    def finish(self) -> None:
        self.accept()
