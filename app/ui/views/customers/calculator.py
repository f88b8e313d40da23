"""The purchase calculator: what an amount earns and how much of it points may pay."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.bonuses import BonusGroup, BonusRules, PurchaseQuote, quote_purchase
from app.domain.money import MoneyFormatError, format_money, parse_money

LIMITED_BY = {
    "limit": "the group's limit",
    "balance": "the customer's balance",
    "purchase": "the purchase amount",
}


def read_amount(text: str) -> Decimal:
    """A purchase amount as typed; ValueError names the field and what to type."""
    try:
        amount = parse_money(text)
    except MoneyFormatError:
        raise ValueError("Purchase amount: type an amount such as 45.00.") from None
    if amount < 0:
        raise ValueError("Purchase amount: cannot be negative.")
    return amount


def points_text(points: int) -> str:
    return "1 point" if points == 1 else f"{points:,} points"


class PurchaseCalculator(QGroupBox):
    """Type an amount; see points earned, the most redeemable, and the rule in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Purchase calculator", parent)
        self.group: BonusGroup | None = None
        self.balance = 0
        self.rules = BonusRules()
        self.quote: PurchaseQuote | None = None
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("Purchase amount, e.g. 45.00")
        self.amount.setObjectName("purchaseAmount")
        self.amount.textChanged.connect(self.recalculate)
        self.problem = QLabel()
        self.problem.setProperty("role", "fieldError")
        self.earned = QLabel()
        self.redeemable = QLabel()
        self.earned_if_redeemed = QLabel()
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setProperty("role", "hint")
        self._compose()
        self.recalculate()

    def _compose(self) -> None:
        form = QFormLayout()
        form.addRow("Purchase", self.amount)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        for label in (self.earned, self.redeemable, self.earned_if_redeemed):
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addSpacing(6)
        layout.addWidget(self.rule)
        layout.addStretch(1)

    def set_customer(self, group: BonusGroup | None, balance: int) -> None:
        self.group, self.balance = group, balance
        self.recalculate()

    def set_rules(self, rules: BonusRules) -> None:
        self.rules = rules
        self.recalculate()

    def recalculate(self) -> None:
        self.rule.setText(self.rules.explain(self.group))
        text = self.amount.text().strip()
        self.quote = None
        self.problem.setText("")
        self.amount.setProperty("invalid", False)
        if not text:
            self._show(None)
            return
        try:
            amount = read_amount(text)
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.amount.setProperty("invalid", True)
            self._show(None)
            return
        finally:
            self.amount.style().polish(self.amount)
        self.quote = quote_purchase(amount, self.group, self.balance, self.rules)
        self._show(self.quote)

    def _show(self, quote: PurchaseQuote | None) -> None:
        if quote is None:
            self.earned.setText("Type the purchase amount to see its points.")
            self.redeemable.setText("")
            self.earned_if_redeemed.setText("")
            return
        self.earned.setText(f"Earns <b>{points_text(quote.points_earned)}</b>.")
        if quote.max_redeemable_points == 0:
            self.redeemable.setText(f"Points may pay: {self._why_none(quote)}.")
            self.earned_if_redeemed.setText("")
            return
        limit = LIMITED_BY.get(quote.limited_by, quote.limited_by)
        self.redeemable.setText(
            f"Points may pay up to <b>{points_text(quote.max_redeemable_points)}</b> "
            f"= <b>{format_money(quote.max_redeemable_amount)}</b>, capped by {limit}."
        )
        self.earned_if_redeemed.setText(
            f"Paid so, it earns {points_text(quote.points_earned_if_redeemed)}."
        )

    def _why_none(self, quote: PurchaseQuote) -> str:
        if quote.limited_by in ("no group", "inactive"):
            return "none, no active bonus group"
        if quote.limited_by == "balance":
            return "none, the balance is empty"
        if quote.limited_by == "purchase":
            return "none, there is nothing to pay"
        if self.group is not None and self.group.limit > 0:
            return f"none, {self.group.limit}% of this purchase is less than one point"
        return "none, this group cannot pay with points"
