"""Reading Yodify's wire: both list shapes, orders in two currencies, Decimal stock, dates."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.domain.wholesale import TradeOrderStatus
from app.vendors.yodify.catalog_wire import (
    adjust_inventory_body,
    sku_from_wire,
    update_price_body,
)
from app.vendors.yodify.orders_wire import order_from_wire
from app.vendors.yodify.wire import (
    WireError,
    clamp_limit,
    decode_json,
    format_time,
    parse_time,
    read_list,
)

ORDER = b"""{"id": 8, "object": "order", "order_number": "ORD-8", "customer_id": "e49f",
 "customer": {"id": "e49f", "first_name": "Jo", "last_name": "Smit", "company_name": "Widgets",
   "account_id": 12, "account_name": "Widgets Inc", "discount_level_name": "PRICELEVEL-1"},
 "items": [{}], "shipments": [{}],
 "currency_code": "CAD", "seller_currency_code": "USD", "order_status": "Processing",
 "subtotal": 484.99, "freight": 15.99, "tax": 24.25, "discount": 15, "transaction_fee": 31.23,
 "total": 525.23, "exchange_rate": 0.75, "seller_subtotal": 363.74, "seller_freight": 11.99,
 "seller_tax": 18.19, "seller_discount": 10, "seller_transaction_fee": 31.23,
 "seller_total": 393.917, "ordered_date": "2020-12-01T08:00:00.000Z",
 "additional_information": {"purchase_order_number": "PO-89838"}}"""


def test_envelope_and_bare_array_read_the_same() -> None:
    envelope = read_list({"object": "list", "data": [{"id": 1}], "has_more": True,
                          "total_items": 250, "url": "/api/v1/SKUs", "count": 1})  # fmt: skip
    bare = read_list([{"id": 1}])
    assert envelope.items == bare.items == [{"id": 1}]
    assert envelope.total_items == 250
    assert not envelope.is_last(100)
    assert bare.is_last(100)  # a short bare page is the end
    assert not read_list([{"id": n} for n in range(100)]).is_last(100)


def test_a_body_that_is_no_list_is_a_wire_error() -> None:
    with pytest.raises(WireError):
        read_list({"id": 1})


def test_order_keeps_both_currencies_when_they_differ() -> None:
    order = order_from_wire(decode_json(ORDER))
    assert order.totals.currency == "CAD"
    assert order.totals.total == Decimal("525.23")
    assert order.seller_totals is not None
    assert order.seller_totals.currency == "USD"
    assert order.seller_totals.total == Decimal("393.917")
    assert order.account.display_name == "Widgets Inc"
    assert order.status is TradeOrderStatus.PROCESSING
    assert order.created_at == datetime(2020, 12, 1, 8, 0, tzinfo=UTC)
    assert order.purchase_order_number == "PO-89838"
    assert order.lines == ()  # the [{}] placeholders are not lines (§2.5)
    assert order.shipments == ()


def test_same_currency_order_shows_one_set_of_totals() -> None:
    raw = decode_json(ORDER)
    raw.update(currency_code="USD", seller_currency_code="USD")
    raw.update({k: raw[k.replace("seller_", "")] for k in list(raw) if k.startswith("seller_")
                and k != "seller_currency_code"})  # fmt: skip
    assert order_from_wire(raw).seller_totals is None


def test_unknown_order_status_does_not_crash() -> None:
    raw = decode_json(ORDER)
    raw["order_status"] = "AwaitingApproval"
    order = order_from_wire(raw)
    assert order.status_label == "Unknown (AwaitingApproval)"


def test_inventory_is_an_exact_decimal() -> None:
    sku = sku_from_wire(decode_json(b'{"id": 5, "inventory": 0.1, "list_price": 75.99}'))
    assert sku.inventory == Decimal("0.1")
    assert isinstance(sku.inventory, Decimal)
    assert sku.list_price == Decimal("75.99")


def test_dates_with_and_without_fraction_are_utc() -> None:
    assert parse_time("2019-08-24T14:15:22Z") == datetime(2019, 8, 24, 14, 15, 22, tzinfo=UTC)
    assert parse_time("2019-08-24T14:15:22").tzinfo is not None  # type: ignore[union-attr]
    assert format_time(datetime(2020, 12, 31, 21, 0, tzinfo=UTC)) == "2020-12-31T21:00:00.000Z"
    with pytest.raises(WireError):
        parse_time("yesterday")


def test_bodies_write_amounts_exactly() -> None:
    assert adjust_inventory_body(Decimal("-2.5")) == {"inventory_adjustment": -2.5}
    body = update_price_body(Decimal("12.99"), Decimal("9.99"), True, None, None)
    assert body["list_price"] == 12.99
    assert body["is_on_sale"] is True
    assert body["sale_start_date"] is None


@pytest.mark.parametrize(("asked", "sent"), [(500, 100), (0, 1), (-3, 1), (40, 40)])
def test_page_size_is_clamped_to_the_documented_range(asked: int, sent: int) -> None:
    assert clamp_limit(asked) == sent
