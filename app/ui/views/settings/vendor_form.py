"""One vendor's connection: its fields from the config schema, checked as you type."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.config import VendorConfig
from app.services.config_schema import FieldSpec, VendorSpec, check_value, normalise
from app.vendors import display_name


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


class VendorForm(QGroupBox):
    """Edits one ``[vendors.<name>]`` section; the secret goes to the keyring, never the file."""

    save_requested = Signal(str)

    def __init__(self, spec: VendorSpec, parent: QWidget | None = None) -> None:
        super().__init__(display_name(spec.name), parent)
        self.spec = spec
        self.setObjectName(f"vendorForm-{spec.name}")
        self.enabled = QCheckBox(f"Use {display_name(spec.name)}")
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.enabled)
        for field in spec.fields:
            self._add_field(form, field)
        self.secret = QLineEdit()
        self.secret.setObjectName("secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_hint = QLabel()
        self.secret_hint.setProperty("role", "hint")
        form.addRow(spec.secret_label, self.secret)
        form.addRow("", self.secret_hint)
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(spec.name))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.enabled.toggled.connect(self.revalidate)
        self.secret.textChanged.connect(self.revalidate)

    def _add_field(self, form: QFormLayout, field: FieldSpec) -> None:
        edit = QLineEdit()
        edit.setObjectName(field.name)
        edit.setPlaceholderText(field.placeholder)
        error = QLabel()
        error.setProperty("role", "fieldError")
        error.hide()
        edit.textChanged.connect(self.revalidate)
        self.inputs[field.name] = edit
        self.errors[field.name] = error
        label = field.label + ("" if field.required else " (optional)")
        form.addRow(label, edit)
        form.addRow("", error)

    def load(self, vendor: VendorConfig | None, secret_source: str) -> None:
        self.enabled.setChecked(vendor is not None and vendor.enabled)
        for name, edit in self.inputs.items():
            edit.setText(_as_text(vendor.get(name) if vendor else None))
        self.secret.clear()
        self.secret_source = secret_source
        self.secret_hint.setText(
            {
                "env": f"Taken from {self.spec.secret_env}; that variable wins over the keyring.",
                "keyring": "Stored in the system keyring. Type a new one to replace it.",
            }.get(
                secret_source, "Not stored yet. It is kept in the system keyring, never in a file."
            )
        )
        self.revalidate()

    def values(self) -> dict[str, object]:
        result: dict[str, object] = {}
        for field in self.spec.fields:
            text = self.inputs[field.name].text().strip()
            if text:
                result[field.name] = normalise(field, text)
        return result

    def problems(self) -> dict[str, str]:
        """Field name -> what is wrong; empty when the form can be saved."""
        if not self.enabled.isChecked():
            return {}
        found: dict[str, str] = {}
        for field in self.spec.fields:
            text = self.inputs[field.name].text().strip()
            value: object = normalise(field, text) if field.kind == "list" else text
            problem = check_value(field, value)
            if problem:
                found[field.name] = problem
        if self.secret_source == "missing" and not self.secret.text():
            found[self.spec.secret_field] = f"{self.spec.secret_label} is required"
        return found

    def revalidate(self) -> None:
        problems = self.problems()
        for name, label in self.errors.items():
            problem = problems.get(name)
            edit = self.inputs[name]
            # Only shout about a field once someone has typed in it.
            visible = bool(problem) and bool(edit.text())
            label.setText(problem or "")
            label.setVisible(visible)
            edit.setProperty("invalid", visible)
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        self.save_button.setEnabled(not problems)
        self.save_button.setToolTip("; ".join(f"{k}: {v}" for k, v in problems.items()))
