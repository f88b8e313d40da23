"""fabric shapes read tolerantly: attributes, UPCs, inventory flags, DRF errors, order states."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from app.domain.dropship import VendorOrderState
from app.vendors.fabric.errors import error_sentences
from app.vendors.fabric.order_wire import parse_order
from app.vendors.fabric.wire import inventory_level, timestamp, variant_item


def _attr(code: str, *values: dict[str, object]) -> dict[str, object]:
    return {code: {"id": 1, "code": code, "values": list(values)}}


def test_a_variant_prefers_the_permit_prices_and_the_retailer_scoped_attribute() -> None:
    variant = {
        "id": 100024,
        "name": "The Best Of Radiohead",
        "upc": 9119119111,
        "brand": {"id": 500, "name": "Demo Brand"},
        "color": "Red",
        "size": "XL",
        "attributes": {
            **_attr("map", {"id": 1, "value": "8.99"}),
            **_attr(
                "retailer_price",
                {"id": 2, "value": "14.00"},
                {"id": 3, "value": "13.50", "retailer": {"id": 500}},
            ),
            **_attr("cost", {"id": 4, "value": "7.00"}),
        },
        "active_permit": None,
        "inventory": {"inventory": 4, "sellable": "Yes", "discontinued": False},
        "media": [{"url": "192.168.99.100/media/default/original"}],
    }
    item = variant_item(variant)
    assert item.upc == "9119119111"  # a JSON number in later samples, kept as text
    assert item.retail == Decimal("13.50")  # our retailer's own value wins
    assert (item.map_price, item.wholesale, item.stock) == (Decimal("8.99"), Decimal("7.00"), 4)
    assert item.variant == "Red / XL"
    assert item.image_url == "https://192.168.99.100/media/default/original"
    assert not item.orderable  # no active permit: not ours to sell
    permitted = variant_item(
        {**variant, "active_permit": {"retailer_price": "12.99", "retailer_cost": "8.99"}}
    )
    assert (permitted.retail, permitted.wholesale, permitted.orderable) == (
        Decimal("12.99"),
        Decimal("8.99"),
        True,
    )


def test_inventory_that_is_not_sellable_counts_as_none_available() -> None:
    level = inventory_level(
        {
            "variant": {"id": 100024, "upc": "0091191191"},
            "inventory": 7,
            "sellable": "No",
            "inventory_updated_at": "2022-07-14T08:56:31Z",
        }
    )
    assert (level.variant_id, level.upc, level.quantity, level.available) == (
        "100024",
        "0091191191",
        7,
        0,
    )
    assert level.updated_at == datetime(2022, 7, 14, 8, 56, 31, tzinfo=UTC)


def test_timestamps_with_a_space_or_without_a_zone_are_aware() -> None:
    assert timestamp("2015-09-22 12:34:56Z") == datetime(2015, 9, 22, 12, 34, 56, tzinfo=UTC)
    assert timestamp("2015-09-22T12:34:56") == datetime(2015, 9, 22, 12, 34, 56, tzinfo=UTC)
    assert timestamp("soon") is None


def test_nested_drf_errors_name_the_field_and_the_line() -> None:
    body = {
        "order_lines": [{}, {"variant": ['Invalid pk "9" - object does not exist.']}],
        "ship_to": ["postal_code: This field is required."],
        "non_field_errors": ["Order could not be saved."],
    }
    assert error_sentences(body) == [
        'order_lines[1].variant: Invalid pk "9" - object does not exist.',
        "ship_to: postal_code: This field is required.",
        "Order could not be saved.",
    ]
    assert error_sentences({"detail": "Authentication credentials were not provided."}) == [
        "Authentication credentials were not provided."
    ]


def test_order_state_is_read_from_the_order_timestamps() -> None:
    base = {"id": 1015, "status": "open", "purchase_order_number": "PO4567890"}
    assert parse_order(base).state is VendorOrderState.PLACED
    assert parse_order({**base, "shipment_count": 1}).state is VendorOrderState.SHIPPED
    assert parse_order({**base, "backordered_until": "2022-09-01T00:00:00Z"}).state is (
        VendorOrderState.BACKORDERED
    )
    assert parse_order({**base, "canceled_at": "2022-08-20T00:00:00Z"}).state is (
        VendorOrderState.CANCELED
    )
    assert parse_order(base).reference == "PO4567890"
