"""Endless Aisles' documented oddities read correctly: mixed dates, error bodies, shapes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest

from app.domain.dropship import VendorOrderState
from app.domain.dropship_validation import parse_order
from app.vendors.endless_aisles.dates import format_since, parse_ea_datetime
from app.vendors.endless_aisles.errors import error_reader, error_sentences
from app.vendors.endless_aisles.wire import (
    option_item,
    order_body,
    product_items,
    stock_levels,
)
from app.vendors.endless_aisles.wire import (
    parse_order as parse_ea_order,
)
from tests.vendors.endless_aisles.fakes import order_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03-23-2018", datetime(2018, 3, 23, tzinfo=UTC)),  # order created_at, m-d-Y
        ("2018-04-19", datetime(2018, 4, 19, tzinfo=UTC)),  # ship_date / placed_on
        ("2018-04-19 17:25:15", datetime(2018, 4, 19, 17, 25, 15, tzinfo=UTC)),  # last_updated
        (
            "2018-04-19T17:25:15+02:00",
            datetime(2018, 4, 19, 17, 25, 15, tzinfo=timezone(timedelta(hours=2))),
        ),
    ],
)
def test_every_documented_date_format_is_read_as_an_aware_datetime(
    text: str, expected: datetime
) -> None:
    parsed = parse_ea_datetime(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize("text", ["", "yesterday", "23-03-2018x", None, 12])
def test_an_unreadable_date_is_none_not_a_crash(text: object) -> None:
    assert parse_ea_datetime(text) is None


def test_since_is_written_month_day_year_in_the_vendor_zone() -> None:
    moment = datetime(2018, 3, 24, 2, 0, tzinfo=UTC)
    assert format_since(moment) == "03-24-2018"
    assert format_since(moment, timezone(timedelta(hours=-5))) == "03-23-2018"


def test_an_array_inside_the_error_string_becomes_separate_sentences() -> None:
    body = {"error": ' ["The pick pack field is required.","The freight field is required."]'}
    assert error_sentences(body) == [
        "The pick pack field is required.",
        "The freight field is required.",
    ]


def test_a_plain_error_string_and_laravel_shapes_are_read() -> None:
    assert error_sentences({"error": "A product option with that id does not exist."}) == [
        "A product option with that id does not exist."
    ]
    laravel = {
        "message": "The given data was invalid.",
        "errors": {"shipping.zip": ["The shipping.zip field is required."]},
    }
    assert error_sentences(laravel) == [
        "The given data was invalid.",
        "The shipping.zip field is required.",
    ]
    assert error_sentences({"error": " [broken"}) == ["[broken"]


def test_the_error_reader_ignores_html_pages() -> None:
    page = httpx.Response(502, text="<html><body>Bad gateway</body></html>")
    assert error_reader(page) == []
    assert error_reader(httpx.Response(422, json={"error": ' ["Bad."]'})) == ["Bad."]


def test_stock_reads_an_object_or_the_empty_array() -> None:
    assert stock_levels({"data": {"24752": 149, "24999": 0}}) == {"24752": 149, "24999": 0}
    assert stock_levels({"data": []}) == {}


def test_product_sizes_become_catalog_items_with_map_and_prices() -> None:
    product = {
        "id": 32154,
        "title": "Phundamental Puppy Phood",
        "brand": "PHIDO",
        "image_url": "https://image.hosting.net/images/products/321454-1.jpg",
        "sizes": [
            {
                "id": 66543,
                "upc": "1877527745411",
                "description": "1-lb",
                "price": 12.99,
                "wholesale": 3.57,
                "purchasability": True,
                "discontinued": False,
                "minimum_advertised_price": 9.99,
                "msrp": "9.99",
            },
            {
                "id": 66541,
                "upc": "1877527745433",
                "name": "75-lb",
                "price": 182.99,
                "wholesale": 61.85,
                "purchasability": False,
            },
        ],
    }
    small, large = product_items(product)
    assert (small.item_id, small.variant, small.retail, small.map_price) == (
        "66543",
        "1-lb",
        Decimal("12.99"),
        Decimal("9.99"),
    )
    assert small.wholesale == Decimal("3.57") and small.orderable
    assert large.variant == "75-lb"  # order-line sizes say "name" (B9 #17)
    assert not large.orderable


def test_a_product_option_uses_sku_retail_and_drops_the_stray_apostrophe() -> None:
    item = option_item(
        {
            "sku": 66541,
            "upc": "'1877527745433",
            "retail": 9.99,
            "size": "1-lb",
            "minimum_advertised_price": 9.99,
            "wholesale": 3.57,
            "product_id": 32154,
            "title": "Phundamental Puppy Phood",
        }
    )
    assert (item.item_id, item.upc, item.retail) == ("66541", "1877527745433", Decimal("9.99"))


def test_a_shipped_order_has_tracking_and_no_shipping_pseudo_line() -> None:
    raw = {
        "id": 13560,
        "status": "Shipped",
        "customer": {"email": "cardi@b.com"},
        "shipping": {
            "first_name": "Cardi",
            "last_name": "B",
            "line_1": "1 Main",
            "line_2": "",
            "city": "Bronx",
            "state": "NY",
            "zip": "10451",
            "phone": None,
        },
        "line_items": [
            {
                "id": 22397,
                "upc": "074198609628",
                "quantity": 1,
                "price": 0.89,
                "is_shipping": False,
            },
            {
                "id": 1,
                "product_id": 1,
                "upc": None,
                "quantity": 1,
                "price": 5.95,
                "is_shipping": True,
            },
        ],
        "shipments": [
            {
                "url": "https://www.fedex.com/apps/fedextrack/?trackingnumber=123456789012",
                "number": "123456789012",
            }
        ],
        "total": 0,
        "created_at": "01-31-2018",
        "last_updated": "2018-02-01 09:50:07",
    }
    order = parse_ea_order(raw)
    assert order.state is VendorOrderState.SHIPPED
    assert [ln.item for ln in order.lines] == ["22397"]
    assert order.lines[0].upc == "074198609628"
    assert order.shipments[0].tracking_number == "123456789012"
    assert order.ship_to is not None and order.ship_to.address_line_1 == "1 Main"
    assert order.created_at == datetime(2018, 1, 31, tzinfo=UTC)
    assert order.updated_at == datetime(2018, 2, 1, 9, 50, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("Scheduled", VendorOrderState.PLACED),
        ("PENDING", VendorOrderState.PLACED),
        ("Canceled", VendorOrderState.CANCELED),
        ("cancelled", VendorOrderState.CANCELED),
        ("Failed", VendorOrderState.FAILED),
    ],
)
def test_status_words_in_any_case_map_to_the_shop_state(
    status: str, state: VendorOrderState
) -> None:
    assert parse_ea_order({"id": 1, "status": status}).state is state


def test_the_put_body_carries_the_reference_and_request_key_names() -> None:
    body = order_body(parse_order(order_data()))
    assert body["custom_order_id"] == "STORE12-000123"
    assert body["shipping"]["address_line_1"] == "12 Garden Row"
    assert "address_line_2" not in body["shipping"]  # empty optional fields are left out
    assert body["customer"] == {"email": "ada@example.com"}
    assert body["line_items"] == [
        {"id": 66543, "upc": "1877527745411", "quantity": 2, "price": "12.99"}
    ]
