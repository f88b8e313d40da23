"""Margin arithmetic at its edges, and the bulk price rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.pricing import (
    UNIT,
    Margin,
    PricedItem,
    PriceRule,
    PriceRuleError,
    RuleKind,
    below_floor,
    margin,
    parse_price,
    preview,
    price_for_margin,
    round_money,
    to_send,
)


def test_margin_in_money_and_percent() -> None:
    assert margin(Decimal("6.00"), Decimal("10.00")) == Margin(Decimal("4.00"), Decimal("40.0"))


def test_zero_cost_is_a_full_margin() -> None:
    assert margin(Decimal("0"), Decimal("12.50")) == Margin(Decimal("12.50"), Decimal("100.0"))


def test_zero_price_has_an_amount_but_no_percent_and_is_below_any_floor() -> None:
    assert margin(Decimal("3"), Decimal("0")) == Margin(Decimal("-3.00"), None)
    assert below_floor(Decimal("3"), Decimal("0"), Decimal("10"))
    assert not below_floor(
        Decimal("0"), Decimal("0"), Decimal("10")
    )  # a free sample that cost nothing


def test_unknown_cost_gives_no_margin_and_never_stands_out() -> None:
    assert margin(None, Decimal("10")) is None
    assert not below_floor(None, Decimal("10"), Decimal("30"))


def test_rounding_is_half_up_to_cents() -> None:
    assert round_money(Decimal("2.345")) == Decimal("2.35")
    assert round_money(Decimal("2.344")) == Decimal("2.34")
    assert round_money(Decimal("-2.345")) == Decimal("-2.35")
    # one third margin: 33.333… rounds to 33.3, 2/3 to 66.7
    assert margin(Decimal("2"), Decimal("3")) == Margin(Decimal("1.00"), Decimal("33.3"))
    assert margin(Decimal("1"), Decimal("3")) == Margin(Decimal("2.00"), Decimal("66.7"))


def test_floor_is_strict() -> None:
    assert not below_floor(Decimal("7"), Decimal("10"), Decimal("30"))  # exactly 30%
    assert below_floor(Decimal("7.01"), Decimal("10"), Decimal("30"))


def test_price_for_margin_reaches_the_floor() -> None:
    price = price_for_margin(Decimal("7"), Decimal("30"))
    assert price == Decimal("10.00")
    assert price_for_margin(Decimal("7.01"), Decimal("30"), UNIT) == Decimal("11.00")


@pytest.mark.parametrize(
    ("kind", "value", "old", "new"),
    [
        (RuleKind.SET, Decimal("15"), Decimal("10"), Decimal("15.00")),
        (RuleKind.PERCENT, Decimal("10"), Decimal("9.99"), Decimal("10.99")),  # 10.989 -> 10.99
        (RuleKind.PERCENT, Decimal("-15"), Decimal("20"), Decimal("17.00")),
        (RuleKind.AMOUNT, Decimal("-2.50"), Decimal("10"), Decimal("7.50")),
        (RuleKind.AMOUNT, Decimal("-20"), Decimal("10"), Decimal("0.00")),  # never below zero
        (RuleKind.ROUND_99, Decimal("0"), Decimal("12.40"), Decimal("11.99")),
        (RuleKind.ROUND_99, Decimal("0"), Decimal("12.50"), Decimal("12.99")),
        (RuleKind.ROUND_99, Decimal("0"), Decimal("13.00"), Decimal("12.99")),
        (RuleKind.ROUND_99, Decimal("0"), Decimal("0.30"), Decimal("0.99")),
        (RuleKind.ROUND_WHOLE, Decimal("0"), Decimal("12.50"), Decimal("13.00")),
        (RuleKind.ROUND_WHOLE, Decimal("0"), Decimal("12.49"), Decimal("12.00")),
    ],
)
def test_rules(kind: RuleKind, value: Decimal, old: Decimal, new: Decimal) -> None:
    assert PriceRule(kind, value).apply(old) == new


def test_whole_unit_rows_round_to_units_and_skip_99() -> None:
    assert PriceRule(RuleKind.PERCENT, Decimal("5")).apply(Decimal("30"), UNIT) == Decimal(
        "32.00"
    )  # 31.5 -> 32
    rows = preview(
        [PricedItem("a", "Rose", Decimal("1"), Decimal("30"), UNIT)],
        PriceRule(RuleKind.ROUND_99),
        Decimal("30"),
    )
    assert rows[0].skipped and "whole units" in rows[0].skipped
    assert to_send(rows) == []


def test_a_cut_of_100_percent_is_refused() -> None:
    with pytest.raises(PriceRuleError):
        PriceRule(RuleKind.PERCENT, Decimal("-100"))


def test_preview_lists_old_and_new_price_and_margin_and_flags_the_floor() -> None:
    items = [
        PricedItem("a", "Rose", Decimal("6"), Decimal("10")),
        PricedItem("b", "Tulip", Decimal("1"), Decimal("2")),
        PricedItem("c", "Vase", None, Decimal("20")),
    ]
    rows = preview(items, PriceRule(RuleKind.PERCENT, Decimal("-20")), Decimal("30"))
    assert [(r.key, r.old_price, r.new_price) for r in rows] == [
        ("a", Decimal("10"), Decimal("8.00")),
        ("b", Decimal("2"), Decimal("1.60")),
        ("c", Decimal("20"), Decimal("16.00")),
    ]
    assert rows[0].old_margin == Margin(Decimal("4.00"), Decimal("40.0"))
    assert rows[0].new_margin == Margin(Decimal("2.00"), Decimal("25.0"))
    assert [r.below_floor for r in rows] == [True, False, False]
    assert [r.key for r in to_send(rows)] == ["a", "b", "c"]


def test_unchanged_rows_are_not_sent() -> None:
    rows = preview(
        [PricedItem("a", "Rose", Decimal("6"), Decimal("10.00"))],
        PriceRule(RuleKind.SET, Decimal("10")),
        Decimal("0"),
    )
    assert rows[0].skipped == "unchanged"
    assert to_send(rows) == []


@pytest.mark.parametrize(
    ("text", "value"), [("12.5", Decimal("12.50")), ("$1,200", Decimal("1200.00"))]
)
def test_parse_price(text: str, value: Decimal) -> None:
    assert parse_price(text) == value


@pytest.mark.parametrize("text", ["abc", "-1", "12.345", "nan"])
def test_parse_price_refuses(text: str) -> None:
    with pytest.raises(PriceRuleError):
        parse_price(text)


def test_parse_price_on_whole_units() -> None:
    assert parse_price("12", UNIT) == Decimal("12.00")
    with pytest.raises(PriceRuleError, match="whole units"):
        parse_price("12.50", UNIT)
