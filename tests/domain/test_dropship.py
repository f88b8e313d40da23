"""Recognising our own order among a vendor's orders, and catalog margins."""

from __future__ import annotations

from decimal import Decimal

from app.domain.dropship import CatalogItem, ShipTo, VendorOrderLine, same_address, same_lines
from app.domain.dropship_validation import parse_order
from tests.vendors.endless_aisles.fakes import order_data


def test_lines_match_regardless_of_order_but_not_of_quantity() -> None:
    data = order_data()
    data["lines"].append({"item": "66542", "upc": "1877527745422", "quantity": 1, "price": "29.99"})
    order = parse_order(data)
    theirs = (VendorOrderLine("66542", "", 1), VendorOrderLine("66543", "", 2))
    assert same_lines(order, theirs)
    assert not same_lines(order, (VendorOrderLine("66542", "", 1), VendorOrderLine("66543", "", 1)))


def test_address_match_ignores_case_and_spacing_but_not_the_street() -> None:
    ours = parse_order(order_data()).ship_to
    theirs = ShipTo("ADA", "lovelace", "12  Garden Row", "ALBANY", "ny", "12207")
    assert same_address(ours, theirs)
    other = ShipTo("Ada", "Lovelace", "14 Garden Row", "Albany", "NY", "12207")
    assert not same_address(ours, other)
    assert not same_address(ours, None)


def test_margin_is_retail_minus_wholesale_when_both_are_known() -> None:
    item = CatalogItem(
        "fabric", "451", "1", "Candle", wholesale=Decimal("8.99"), retail=Decimal("12.99")
    )
    assert item.margin == Decimal("4.00")
    assert CatalogItem("fabric", "451", "1", "Candle").margin is None
