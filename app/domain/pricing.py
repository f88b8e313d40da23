"""Cost, price and margin, and the bulk price rules a manager applies before anything is sent.

Every amount is a Decimal rounded the way the shop's currency rounds: two places, half up.
A row's ``step`` says what its vendor can store: Posiflora's per-store prices are whole units
(posiflora.md §5.3: ``price`` is int32), bouquets and Yodify SKUs take cents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
UNIT = Decimal("1")
HUNDRED = Decimal("100")
ZERO = Decimal("0")


def round_money(amount: Decimal, step: Decimal = CENT) -> Decimal:
    """``amount`` to the nearest ``step``, half up: 2.345 -> 2.35; 2.5 -> 3 on whole units."""
    units = (amount / step).quantize(UNIT, rounding=ROUND_HALF_UP)
    return (units * step).quantize(CENT)


@dataclass(frozen=True, slots=True)
class Margin:
    """Margin in money and as a percent of the price; ``percent`` is None when price is zero."""

    amount: Decimal
    percent: Decimal | None


def margin(cost: Decimal | None, price: Decimal | None) -> Margin | None:
    """Price minus cost, and that as a share of the price (one decimal place, half up).

    Unknown cost or price gives None: a margin made up from a missing cost would mislead. A zero
    price gives the (negative) amount but no percent, since a share of nothing is undefined.
    """
    if cost is None or price is None:
        return None
    amount = round_money(price - cost)
    if price == 0:
        return Margin(amount, None)
    percent = ((price - cost) * HUNDRED / price).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Margin(amount, percent)


def below_floor(cost: Decimal | None, price: Decimal | None, floor_percent: Decimal) -> bool:
    """Whether the row sells under the shop's margin floor (a zero price always does)."""
    found = margin(cost, price)
    if found is None:
        return False
    if found.percent is None:
        return cost is not None and cost > 0
    return found.percent < floor_percent


def price_for_margin(cost: Decimal, percent: Decimal, step: Decimal = CENT) -> Decimal:
    """The lowest price (on ``step``) whose margin reaches ``percent``; used for hints."""
    if percent >= HUNDRED:
        raise ValueError("a margin must stay below 100%")
    raw = cost * HUNDRED / (HUNDRED - percent)
    return ((raw / step).quantize(UNIT, rounding=ROUND_CEILING) * step).quantize(CENT)


class RuleKind(StrEnum):
    SET = "set"
    PERCENT = "percent"  # plus or minus a percent
    AMOUNT = "amount"  # plus or minus an amount
    ROUND_99 = "round-99"  # to the nearest .99 at or below the next whole unit
    ROUND_WHOLE = "round-whole"


RULE_LABELS = {
    RuleKind.SET: "Set to",
    RuleKind.PERCENT: "Change by percent",
    RuleKind.AMOUNT: "Change by amount",
    RuleKind.ROUND_99: "Round to .99",
    RuleKind.ROUND_WHOLE: "Round to whole units",
}


class PriceRuleError(ValueError):
    """A bulk rule that cannot be applied; the message names the value and why."""


@dataclass(frozen=True, slots=True)
class PriceRule:
    kind: RuleKind
    value: Decimal = ZERO

    def __post_init__(self) -> None:
        if self.kind is RuleKind.SET and self.value < 0:
            raise PriceRuleError("A price cannot be set below zero.")
        if self.kind is RuleKind.PERCENT and self.value <= -HUNDRED:
            raise PriceRuleError("A cut of 100% or more would give the goods away.")

    def apply(self, price: Decimal, step: Decimal = CENT) -> Decimal:
        """The new price for a row now at ``price``, on the row's ``step``."""
        if self.kind is RuleKind.SET:
            raw = self.value
        elif self.kind is RuleKind.PERCENT:
            raw = price * (HUNDRED + self.value) / HUNDRED
        elif self.kind is RuleKind.AMOUNT:
            raw = price + self.value
        elif self.kind is RuleKind.ROUND_99:
            return _round_99(price, step)
        else:
            raw = price.quantize(UNIT, rounding=ROUND_HALF_UP)
        return max(round_money(raw, step), ZERO)

    def describe(self) -> str:
        if self.kind is RuleKind.PERCENT:
            return f"{self.value:+}%"
        if self.kind is RuleKind.AMOUNT:
            return f"{self.value:+}"
        if self.kind is RuleKind.SET:
            return f"set to {self.value}"
        return RULE_LABELS[self.kind].lower()


def _round_99(price: Decimal, step: Decimal) -> Decimal:
    """The nearest price ending in .99 (12.40 -> 11.99, 12.50 -> 12.99, 13.00 -> 12.99).

    Never below 0.99; whole-unit rows cannot end in .99 and are skipped in the preview.
    """
    if step >= UNIT:
        raise PriceRuleError("this price takes whole units, so it cannot end in .99")
    whole = (price + CENT).quantize(UNIT, rounding=ROUND_HALF_UP)
    return max(whole - CENT, Decimal("0.99"))


@dataclass(frozen=True, slots=True)
class PricedItem:
    """What a rule needs of a row: its key, label, cost, current price and price step."""

    key: str
    label: str
    cost: Decimal | None
    price: Decimal
    step: Decimal = CENT


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One line of the bulk preview: old and new price and margin, or why it is skipped."""

    key: str
    label: str
    old_price: Decimal
    new_price: Decimal
    old_margin: Margin | None
    new_margin: Margin | None
    below_floor: bool
    skipped: str | None = None

    @property
    def changes(self) -> bool:
        return self.skipped is None and self.new_price != self.old_price


def preview(
    items: Iterable[PricedItem], rule: PriceRule, floor_percent: Decimal
) -> list[PreviewRow]:
    """Every selected row with its old and new price; exactly what would be sent."""
    rows: list[PreviewRow] = []
    for item in items:
        old = margin(item.cost, item.price)
        try:
            new_price = rule.apply(item.price, item.step)
        except PriceRuleError as exc:
            rows.append(
                PreviewRow(item.key, item.label, item.price, item.price, old, old, False, str(exc))
            )
            continue
        rows.append(
            PreviewRow(
                item.key,
                item.label,
                item.price,
                new_price,
                old,
                margin(item.cost, new_price),
                below_floor(item.cost, new_price, floor_percent),
                None if new_price != item.price else "unchanged",
            )
        )
    return rows


def to_send(rows: Sequence[PreviewRow]) -> list[PreviewRow]:
    """The preview rows that change a price (skipped and unchanged ones are not sent)."""
    return [row for row in rows if row.changes]


def parse_price(text: str, step: Decimal = CENT) -> Decimal:
    """A price typed by a person: ``12.5``, ``$12.50``, ``1,200``; refuses what is not on step."""
    cleaned = text.strip().replace(",", "").lstrip("$").strip()
    try:
        value = Decimal(cleaned)
    except ArithmeticError as exc:
        raise PriceRuleError(f"“{text}” is not a price.") from exc
    if not value.is_finite() or value < 0:
        raise PriceRuleError(f"“{text}” is not a price.")
    if round_money(value, step) != value.quantize(CENT) or value != value.quantize(CENT):
        unit = "whole units" if step >= UNIT else "cents"
        raise PriceRuleError(f"“{text}” cannot be stored: this price takes {unit}.")
    return value.quantize(CENT)
