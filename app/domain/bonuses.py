"""Bonus groups and the purchase calculator: what a purchase earns and what may be paid in points.

Posiflora documents the fields (``bonusRate``, ``limit``, ``entryAmount``) but not the arithmetic
(posiflora.md §5.2, §6.5). Read as percents: ``bonusRate`` percent of a purchase is earned,
``limit`` percent of a purchase may be paid with points. Everything else the vendor leaves unsaid
(rounding, whether points paid also earn, what a point is worth) is a :class:`BonusRules` setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from app.domain.money import ZERO, format_money, to_cents

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class BonusGroup:
    """A loyalty tier: the rate at which purchases earn points and the share payable in points."""

    id: str
    title: str
    bonus_rate: int = 0  # percent of a purchase earned as points
    limit: int = 0  # percent of a purchase that may be paid with points
    entry_amount: Decimal = ZERO  # purchases needed to join (posiflora.md §5.2 [inf])
    status: str = "on"  # on | off | deleted
    private: bool = False
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    activate_on_entry: bool = False
    updated_at: datetime | None = None

    def is_active(self, at: datetime | None = None) -> bool:
        """On, and inside its validity window when one is set and a moment is given."""
        if self.status != "on":
            return False
        if at is None:
            return True
        if self.valid_from is not None and at < self.valid_from:
            return False
        return self.valid_to is None or at <= self.valid_to

    @property
    def earns_points(self) -> bool:
        return self.bonus_rate > 0


class PointsRounding(StrEnum):
    """How a fractional number of earned points becomes a whole number."""

    DOWN = "down"
    HALF_UP = "half_up"
    UP = "up"


_ROUNDING = {
    PointsRounding.DOWN: ROUND_FLOOR,
    PointsRounding.HALF_UP: ROUND_HALF_UP,
    PointsRounding.UP: ROUND_CEILING,
}
_ROUNDING_WORDS = {
    PointsRounding.DOWN: "rounded down",
    PointsRounding.HALF_UP: "rounded to the nearest point",
    PointsRounding.UP: "rounded up",
}


@dataclass(frozen=True, slots=True)
class BonusRules:
    """The rules Posiflora does not document, as settings (posiflora.md §6.5 "Not documented").

    Defaults follow the digest's suggestion: points earned on the part paid in money, rounded
    down, one point worth one unit of currency.
    """

    point_value: Decimal = field(default_factory=lambda: Decimal(1))
    rounding: PointsRounding = PointsRounding.DOWN
    points_paid_earn: bool = False  # does the part paid with points also earn points?

    def __post_init__(self) -> None:
        if self.point_value <= 0:
            raise ValueError("a point must be worth more than nothing")

    def explain(self, group: BonusGroup | None) -> str:
        """The rule as a sentence a florist can read to a customer."""
        if group is None:
            return (
                "This customer is in no bonus group: purchases earn no points "
                "and cannot be paid with points."
            )
        if not group.is_active():
            return (
                f"The bonus group “{group.title}” is not active: no points are earned or redeemed."
            )
        base = "the whole purchase" if self.points_paid_earn else "the part paid in money"
        earn = (
            f"Earns {group.bonus_rate}% of {base} as points ({_ROUNDING_WORDS[self.rounding]})"
            if group.earns_points
            else "Earns no points"
        )
        worth = format_money(self.point_value)
        if group.limit <= 0:
            return f"{earn}; purchases cannot be paid with points (1 point = {worth})."
        return (
            f"{earn}; up to {min(group.limit, 100)}% of a purchase may be paid with points, "
            f"never more than the balance (1 point = {worth})."
        )

    def points_for(self, amount: Decimal, rate: int) -> int:
        """Points earned on ``amount`` at ``rate`` percent."""
        if amount <= 0 or rate <= 0:
            return 0
        return int(
            (amount * rate / HUNDRED).quantize(Decimal(1), rounding=_ROUNDING[self.rounding])
        )


@dataclass(frozen=True, slots=True)
class PurchaseQuote:
    """What one purchase means for a customer's points."""

    purchase: Decimal
    points_earned: int  # when the purchase is paid entirely in money
    max_redeemable_points: int
    max_redeemable_amount: Decimal  # money covered by the redeemable points
    points_earned_if_redeemed: int  # when the most points are redeemed
    limited_by: str  # "limit", "balance", "purchase", "inactive" or "no group"
    explanation: str


def quote_purchase(
    purchase: Decimal,
    group: BonusGroup | None,
    balance: int,
    rules: BonusRules | None = None,
    *,
    at: datetime | None = None,
) -> PurchaseQuote:
    """Points earned by ``purchase`` and the most points that may pay for it."""
    if purchase < 0:
        raise ValueError("a purchase amount cannot be negative")
    rules = rules or BonusRules()
    explanation = rules.explain(group)
    if group is None or not group.is_active(at):
        reason = "no group" if group is None else "inactive"
        return PurchaseQuote(purchase, 0, 0, ZERO, 0, reason, explanation)
    earned = rules.points_for(purchase, group.bonus_rate)
    points, limited_by = _max_redeemable(purchase, group, max(balance, 0), rules)
    paid_in_points = to_cents(points * rules.point_value)
    base = purchase if rules.points_paid_earn else purchase - paid_in_points
    earned_if_redeemed = rules.points_for(base, group.bonus_rate)
    return PurchaseQuote(
        purchase, earned, points, paid_in_points, earned_if_redeemed, limited_by, explanation
    )


def _max_redeemable(
    purchase: Decimal, group: BonusGroup, balance: int, rules: BonusRules
) -> tuple[int, str]:
    """Whole points under the group's limit, never above the balance (always rounded down)."""
    if purchase == 0:
        return 0, "purchase"
    if group.limit <= 0:
        return 0, "limit"
    cap_money = purchase * min(group.limit, 100) / HUNDRED
    cap_points = int((cap_money / rules.point_value).to_integral_value(rounding=ROUND_FLOOR))
    if balance < cap_points:
        return balance, "balance"
    return cap_points, "limit"
