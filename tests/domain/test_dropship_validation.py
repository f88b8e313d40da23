"""The order file is refused before anything is sent, with messages naming line and field."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from app.domain.dropship import CatalogItem, DropshipOrder
from app.domain.dropship_validation import (
    OrderInvalid,
    parse_order,
    review_against_catalog,
    ship_to_problems,
)
from tests.vendors.endless_aisles.fakes import ORDER, order_data


def errors_for(data: Any) -> tuple[str, ...]:
    with pytest.raises(OrderInvalid) as caught:
        parse_order(data)
    return caught.value.errors


def with_ship_to(**changes: Any) -> dict[str, Any]:
    data = order_data()
    data["ship_to"].update(changes)
    return data


def with_line(index: int = 0, **changes: Any) -> dict[str, Any]:
    data = order_data()
    data["lines"][index].update(changes)
    return data


def test_the_contract_example_is_a_valid_order() -> None:
    order = parse_order(copy.deepcopy(ORDER))
    assert order.reference == "STORE12-000123"
    assert order.ship_to.full_name == "Ada Lovelace"
    assert order.lines[0].price == Decimal("12.99")
    assert order.total == Decimal("25.98")
    assert order.shipping_method == 2
    assert parse_order(order.to_payload()) == order  # what the outbox stores reads back the same


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (order_data(reference=""), "reference: required"),
        (order_data(reference="X" * 33), "reference: must be at most 32 characters"),
        (order_data(vendor="acme"), "vendor: unknown vendor 'acme' (use endless-aisles or fabric)"),
        (order_data(vendor=None), "vendor: required"),
        (order_data(ship_to=None), "ship_to: required"),
        (with_ship_to(first_name=""), "ship_to.first_name: required"),
        (with_ship_to(last_name=None), "ship_to.last_name: required"),
        (with_ship_to(address_line_1="  "), "ship_to.address_line_1: required"),
        (with_ship_to(city=""), "ship_to.city: required"),
        (with_ship_to(zip=""), "ship_to.zip: required"),
        (with_ship_to(state=""), "ship_to.state: required"),
        (with_ship_to(state="New York"), "ship_to.state: must be two letters"),
        (with_ship_to(state="N1"), "ship_to.state: must be two letters"),
        (with_ship_to(zip="1220"), "ship_to.zip: must be 5 digits or ZIP+4 (12345-6789)"),
        (with_ship_to(phone="555-01"), "ship_to.phone: must be a 10-digit phone number"),
        (with_ship_to(email="ada.example.com"), "ship_to.email: must be an email address"),
        (with_ship_to(country="USA"), "ship_to.country: must be a two-letter country code"),
        (with_ship_to(city=12), "ship_to.city: must be text"),
        (order_data(lines=[]), "lines: at least one line is required"),
        (with_line(quantity=0), "lines[0].quantity: must be at least 1"),
        (with_line(quantity="2"), "lines[0].quantity: must be a whole number"),
        (with_line(quantity=None), "lines[0].quantity: required"),
        (with_line(price="twelve"), "lines[0].price: must be an amount like 12.99"),
        (with_line(price="-1.00"), "lines[0].price: must not be negative"),
        (with_line(price="12.999"), "lines[0].price: must be whole cents"),
        (with_line(price=None), "lines[0].price: required"),
        (with_line(item=""), "lines[0].item: required"),
        (with_line(item="ABC-1"), "lines[0].item: must be the vendor's numeric item id"),
        (with_line(upc="18775-27"), "lines[0].upc: must be digits only"),
        (with_line(upc=None), "lines[0].upc: required"),
        (order_data(shipping_method=0), "shipping_method: must be a positive whole number"),
        ([], "order: must be a JSON object"),
    ],
)
def test_each_rule_refuses_with_a_message_naming_the_field(data: Any, message: str) -> None:
    assert message in errors_for(data)


def test_every_problem_is_reported_at_once_with_its_line_number() -> None:
    data = order_data()
    data["lines"].append({"item": "66542", "upc": "1877527745422", "quantity": -1, "price": "1"})
    data["ship_to"]["state"] = "NYC"
    errors = errors_for(data)
    assert errors == ("ship_to.state: must be two letters", "lines[1].quantity: must be at least 1")


def test_optional_fields_may_be_left_out() -> None:
    data = order_data()
    del data["shipping_method"]
    for key in ("address_line_2", "phone", "email", "country"):
        del data["ship_to"][key]
    order = parse_order(data)
    assert order.shipping_method is None
    assert order.ship_to.country == "US"
    assert "shipping_method" not in order.to_payload()


def test_the_ship_to_form_gets_the_same_messages_as_you_type() -> None:
    assert ship_to_problems({"state": "ny", "zip": "12207-0001"}) == []
    assert ship_to_problems({"state": "N"}) == ["ship_to.state: must be two letters"]


def _item(**changes: Any) -> CatalogItem:
    values: dict[str, Any] = {
        "vendor": "endless-aisles",
        "item_id": "66543",
        "upc": "1877527745411",
        "title": "Phundamental Puppy Phood",
        "map_price": Decimal("9.99"),
        "stock": 40,
    }
    values.update(changes)
    return CatalogItem(**values)


def _order(**line: Any) -> DropshipOrder:
    return parse_order(with_line(**line))


def test_catalog_review_accepts_an_item_in_stock_at_or_above_map() -> None:
    review = review_against_catalog(_order(), {"66543": _item()}.get)
    assert review.ok
    assert review.warnings == ()


@pytest.mark.parametrize(
    ("item", "line", "message"),
    [
        (None, {}, "lines[0].item: unknown item 66543"),
        (_item(stock=0), {}, "lines[0].item: Phundamental Puppy Phood is out of stock"),
        (_item(stock=1), {}, "lines[0].quantity: only 1 of Phundamental Puppy Phood in stock"),
        (
            _item(orderable=False),
            {},
            "lines[0].item: Phundamental Puppy Phood can no longer be ordered",
        ),
        (_item(), {"upc": "999"}, "lines[0].upc: 999 is not the UPC of item 66543 (1877527745411)"),
    ],
)
def test_catalog_review_refuses_unknown_or_unavailable_items(
    item: CatalogItem | None, line: dict[str, Any], message: str
) -> None:
    review = review_against_catalog(_order(**line), {"66543": item}.get)
    assert message in review.errors


def test_a_price_under_map_is_a_warning_not_an_error() -> None:
    review = review_against_catalog(_order(price="8.50"), {"66543": _item()}.get)
    assert review.ok
    assert review.warnings == (
        "lines[0].price: $8.50 is under the minimum advertised price $9.99 "
        "for Phundamental Puppy Phood",
    )
