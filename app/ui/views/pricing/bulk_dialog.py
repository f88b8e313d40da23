"""Bulk price change: pick a rule, see every old and new price and margin, then apply."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.pricing import RULE_LABELS, Margin, PreviewRow, PriceRule, PriceRuleError, RuleKind

Previewer = Callable[[PriceRule], list[PreviewRow]]
HEADERS = ("Item", "Old price", "New price", "Old margin", "New margin", "Note")
NEEDS_VALUE = (RuleKind.SET, RuleKind.PERCENT, RuleKind.AMOUNT)
FLOOR_BRUSH = QBrush(QColor("#fde8e6"))


def _margin(m: Margin | None) -> str:
    if m is None:
        return "—"
    return f"{m.amount:,.2f}" + ("" if m.percent is None else f" ({m.percent}%)")


class BulkDialog(QDialog):
    """Emits ``confirmed(rule, preview rows)``; the preview shown is the one that is sent."""

    confirmed = Signal(object, object)

    def __init__(self, count: int, previewer: Previewer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Change {count} prices")
        self.resize(820, 480)
        self._previewer = previewer
        self.rows: list[PreviewRow] = []
        self.rule: PriceRule | None = None
        self.kind = QComboBox()
        for kind, label in RULE_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.value = QLineEdit()
        self.value.setPlaceholderText("e.g. 10 or -5")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(
            "Send changes", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setProperty("primary", True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Rule"))
        top.addWidget(self.kind)
        top.addWidget(self.value, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.value.textChanged.connect(self.refresh)
        self.refresh()

    def set_rule(self, kind: RuleKind, value: str = "") -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.value.setText(value)

    def refresh(self) -> None:
        kind = RuleKind(self.kind.currentData())
        self.value.setEnabled(kind in NEEDS_VALUE)
        self.rule, self.rows = None, []
        try:
            raw = self.value.text().strip() if kind in NEEDS_VALUE else "0"
            self.rule = PriceRule(kind, Decimal(raw or "x"))
            self.rows = self._previewer(self.rule)
        except (InvalidOperation, PriceRuleError) as exc:
            message = str(exc) if isinstance(exc, PriceRuleError) else "Type a number for the rule."
            self.summary.setText(message)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            cells = (
                row.label,
                f"{row.old_price:,.2f}",
                f"{row.new_price:,.2f}",
                _margin(row.old_margin),
                _margin(row.new_margin),
                row.skipped or ("under the margin floor" if row.below_floor else ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < column < 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row.below_floor:
                    item.setBackground(FLOOR_BRUSH)
                self.table.setItem(n, column, item)
        sending = sum(1 for r in self.rows if r.changes)
        under = sum(1 for r in self.rows if r.changes and r.below_floor)
        if self.rule is not None:
            text = f"{sending} of {len(self.rows)} prices will change."
            if under:
                text += f" {under} will sit under the margin floor."
            self.summary.setText(text)
        self.apply_button.setEnabled(sending > 0)

    def _confirm(self) -> None:
        if self.rule is None or not any(r.changes for r in self.rows):
            return
        self.confirmed.emit(self.rule, list(self.rows))
        self.accept()
