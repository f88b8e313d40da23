"""The purchase calculator at its edges, and the rule stated in words."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.domain.bonuses import BonusGroup, BonusRules, PointsRounding, quote_purchase

GOLD = BonusGroup("58", "Gold", bonus_rate=20, limit=15)


def test_points_earned_at_the_group_rate_and_redeemable_under_the_limit() -> None:
    quote = quote_purchase(Decimal("1000"), GOLD, balance=5000)
    assert quote.points_earned == 200
    assert quote.max_redeemable_points == 150  # 15% of 1000
    assert quote.max_redeemable_amount == Decimal("150.00")
    assert quote.points_earned_if_redeemed == 170  # 20% of the 850 paid in money
    assert quote.limited_by == "limit"


def test_zero_purchase_earns_and_redeems_nothing() -> None:
    quote = quote_purchase(Decimal("0"), GOLD, balance=5000)
    assert (quote.points_earned, quote.max_redeemable_points) == (0, 0)


def test_balance_caps_redemption_below_the_limit() -> None:
    quote = quote_purchase(Decimal("1000"), GOLD, balance=40)
    assert quote.max_redeemable_points == 40
    assert quote.limited_by == "balance"


def test_limit_reached_exactly_and_negative_balance() -> None:
    assert quote_purchase(Decimal("1000"), GOLD, balance=150).max_redeemable_points == 150
    assert quote_purchase(Decimal("1000"), GOLD, balance=-20).max_redeemable_points == 0


def test_group_without_bonus_earns_nothing_and_says_so() -> None:
    staff = BonusGroup("59", "Staff", bonus_rate=0, limit=0)
    quote = quote_purchase(Decimal("500"), staff, balance=300)
    assert (quote.points_earned, quote.max_redeemable_points) == (0, 0)
    assert "Earns no points" in quote.explanation
    assert "cannot be paid with points" in quote.explanation


def test_no_group_and_inactive_group() -> None:
    assert quote_purchase(Decimal("500"), None, balance=300).limited_by == "no group"
    off = BonusGroup("60", "Last season", bonus_rate=10, limit=10, status="off")
    quote = quote_purchase(Decimal("500"), off, balance=300)
    assert (quote.points_earned, quote.max_redeemable_points) == (0, 0)
    assert "not active" in quote.explanation
    expired = BonusGroup("61", "Spring", 10, 10, valid_to=datetime(2024, 1, 1, tzinfo=UTC))
    late = quote_purchase(Decimal("500"), expired, 300, at=datetime(2024, 2, 1, tzinfo=UTC))
    assert late.points_earned == 0


def test_rounding_and_point_value_are_settings() -> None:
    group = BonusGroup("57", "Ten", bonus_rate=10, limit=10)
    purchase = Decimal("12.99")
    assert quote_purchase(purchase, group, 100).points_earned == 1  # 1.299 rounded down
    up = BonusRules(rounding=PointsRounding.UP)
    assert quote_purchase(purchase, group, 100, up).points_earned == 2
    cents = BonusRules(point_value=Decimal("0.01"))
    quote = quote_purchase(Decimal("100"), group, 5000, cents)
    assert quote.max_redeemable_points == 1000  # $10 of a $100 purchase at 1 cent a point
    assert quote.max_redeemable_amount == Decimal("10.00")
    whole = BonusRules(points_paid_earn=True)
    assert quote_purchase(Decimal("1000"), GOLD, 5000, whole).points_earned_if_redeemed == 200


def test_rule_in_words_names_rate_limit_rounding_and_point_value() -> None:
    text = BonusRules().explain(GOLD)
    assert "20%" in text and "15%" in text and "rounded down" in text and "$1.00" in text


def test_negative_purchase_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        quote_purchase(Decimal("-1"), GOLD, 10)
    with pytest.raises(ValueError, match="worth"):
        BonusRules(point_value=Decimal(0))
