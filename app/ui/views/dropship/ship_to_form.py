"""The customer's delivery address, checked as it is typed (two-letter state, zip, phone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.domain.dropship import ShipTo
from app.domain.dropship_validation import ship_to_problems

# (field, label, placeholder, required); three per grid row.
FIELDS = (
    ("first_name", "First name", "", True),
    ("last_name", "Last name", "", True),
    ("email", "E-mail", "", False),
    ("address_line_1", "Address", "", True),
    ("address_line_2", "Apt / suite", "", False),
    ("city", "City", "", True),
    ("state", "State", "e.g. NY", True),
    ("zip", "ZIP", "12345", True),
    ("phone", "Phone", "10 digits", False),
)
COLUMNS = 3
REQUIRED = tuple(name for name, _label, _hint, required in FIELDS if required)


class ShipToForm(QWidget):
    """``changed`` fires on every keystroke; ``problems()`` says what still stops the order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for index, (name, label, hint, _required) in enumerate(FIELDS):
            row, col = divmod(index, COLUMNS)
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setObjectName(f"shipTo-{name}")
            edit.textChanged.connect(self._typed)
            error = QLabel("")
            error.setProperty("role", "fieldError")
            error.setWordWrap(True)
            error.hide()
            caption = QLabel(label + ("" if _required else " (optional)"))
            caption.setProperty("role", "hint")
            grid.addWidget(caption, row * 3, col)
            grid.addWidget(edit, row * 3 + 1, col)
            grid.addWidget(error, row * 3 + 2, col)
            self.edits[name], self.errors[name] = edit, error
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)  # equal columns, whatever an error message says
        self.edits["state"].setMaxLength(2)

    def values(self) -> dict[str, str]:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        values["state"] = values["state"].upper()
        values["country"] = "US"
        return values

    def format_problems(self) -> dict[str, str]:
        """Problems with what was typed, by field (empty fields are not complained about)."""
        found: dict[str, str] = {}
        for problem in ship_to_problems(self.values()):
            field, _, text = problem.partition(": ")
            found.setdefault(field.removeprefix("ship_to."), text)
        return found

    def missing(self) -> list[str]:
        values = self.values()
        return [name for name in REQUIRED if not values[name]]

    def problems(self) -> list[str]:
        """What still stops the order, in a few words: bad formats first, then what is missing."""
        labels = {name: label for name, label, _hint, _req in FIELDS}
        found = [f"{labels.get(f, f)}: {text}." for f, text in self.format_problems().items()]
        missing = [labels[name].lower() for name in self.missing()]
        if missing:
            found.append("Still needed: " + ", ".join(missing) + ".")
        return found

    def ship_to(self) -> ShipTo:
        values = self.values()
        return ShipTo(**{k: values[k] for k in (*self.edits, "country")})

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)

    def _typed(self) -> None:
        found = self.format_problems()
        for name, edit in self.edits.items():
            message = found.get(name, "")
            self.errors[name].setText(message)
            self.errors[name].setVisible(bool(message))
            edit.setProperty("invalid", "true" if message else "false")
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        self.changed.emit()
