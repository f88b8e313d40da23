"""Settings › Bonus points: the rules Posiflora does not document, kept in ``[bonus]``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.bonuses import BonusRules, PointsRounding
from app.services.config import save_config
from app.services.context import AppContext
from app.ui.views.customers.rules import SECTION, rules_from, rules_to

if TYPE_CHECKING:
    from app.services.runtime import Runtime

ROUNDING_LABELS = (
    (PointsRounding.DOWN, "Round down (a customer never gets a part point)"),
    (PointsRounding.HALF_UP, "Round to the nearest point"),
    (PointsRounding.UP, "Round up"),
)


class BonusRulesPanel(QGroupBox):
    """Point value, rounding and whether points paid also earn; Save writes the file."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Bonus points", parent)
        self.context = context
        rules, problems = rules_from(context.config.section(SECTION))
        self.point_value = QLineEdit(str(rules.point_value))
        self.rounding = QComboBox()
        for value, label in ROUNDING_LABELS:
            self.rounding.addItem(label, value)
        self.rounding.setCurrentIndex(self.rounding.findData(rules.rounding))
        self.paid_earn = QCheckBox("The part paid with points also earns points")
        self.paid_earn.setChecked(rules.points_paid_earn)
        self.status = QLabel()
        self.status.setWordWrap(True)
        if problems:
            self.status.setText(
                f"Could not read {', '.join(problems)} in [bonus]; showing the default."
            )
        self.save = QPushButton("Save bonus rules")
        self.save.clicked.connect(self.save_rules)
        self._compose()

    def _compose(self) -> None:
        intro = QLabel(
            "Posiflora states each group's earn rate and limit but not these details. "
            "Set them the way your shop's Posiflora account works."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow("One point is worth", self.point_value)
        form.addRow("Fractional points", self.rounding)
        form.addRow("", self.paid_earn)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)

    def rules(self) -> BonusRules:
        """What the form says; ValueError names the field."""
        try:
            value = Decimal(self.point_value.text().strip().lstrip("$"))
        except InvalidOperation:
            raise ValueError("One point is worth: type an amount such as 1 or 0.50.") from None
        if not value.is_finite() or value <= 0:
            raise ValueError("One point is worth: must be more than 0.")
        return BonusRules(
            value, PointsRounding(self.rounding.currentData()), self.paid_earn.isChecked()
        )

    def save_rules(self) -> None:
        try:
            rules = self.rules()
        except ValueError as exc:
            self.status.setProperty("role", "fieldError")
            self.status.setText(str(exc))
            return
        self.context.config.sections[SECTION] = rules_to(rules)
        try:
            save_config(self.context.config)
        except OSError as exc:
            self.status.setText(f"Could not save the settings file: {exc.strerror}")
            return
        self.status.setProperty("role", "hint")
        self.status.setText("Saved. The calculator uses these rules from now on.")


def make_panel(context: AppContext, _runtime: Runtime | None = None) -> QWidget:
    """The runtime is not needed: these settings are read when they are used."""
    return BonusRulesPanel(context)
