"""Every documented Vroom field reaches the domain; nulls are tolerated; junk is a clear error."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.domain.orders import OrderStatus
from app.vendors.errors import VendorProtocolError
from app.vendors.vroom.fields import records
from app.vendors.vroom.wire import parse_order, parse_store_statuses
from app.vendors.vroom.wire_reports import (
    parse_audit_log,
    parse_customer_contact,
    parse_promo_code,
    parse_sales_by_product,
    parse_search_term,
    parse_transaction,
)
from tests.vendors.vroom.samples import ORDER, STATUS_ROW


def _utc(h: int, m: int) -> datetime:
    return datetime(2025, 3, 14, h, m, tzinfo=UTC)


def test_order_fields_all_parsed() -> None:
    order = parse_order(ORDER)
    assert (order.id, order.vendor, order.store_id) == ("A100", "vroom", "1001")
    assert order.status is OrderStatus.READY  # ready_time set, not completed
    assert order.customer_name == "Ada Lovelace" and order.customer_phone == "5185550100"
    assert order.customer_email == "ada@example.com"
    assert order.order_type == "Scheduled Delivery" and order.sales_channel == "Vroom"
    t = order.times
    assert t.placed_at == _utc(14, 0) and t.confirmed_at == _utc(14, 5)
    assert t.ready_at == _utc(14, 40) and t.completed_at is None
    assert t.driver_started_at == _utc(14, 45) and t.driver_finished_at == _utc(15, 5)
    assert t.scheduled_for == datetime(2025, 3, 14, 22, 0, tzinfo=UTC)
    assert t.scheduled_for.utcoffset() == timedelta(hours=-4)
    totals = order.totals
    assert totals.total == Decimal("52.41") and totals.merchandise == Decimal("43.19")
    assert totals.delivery_fee == Decimal("5.99") and totals.net_tip == Decimal("6.00")
    assert totals.net_remit == Decimal("38.93") and totals.ebt_fees == Decimal(0)
    assert totals.processing_fee_on_upcharge == Decimal("0.02")
    d = order.discounts
    assert d.promotion_code == "SPRING10" and d.promotion_code_final_discount == Decimal("3.5")
    assert d.loyalty_code == "LC123456789" and d.mix_match_combo_original_count == 1
    assert d.subscribed is True and d.subscription_discount == Decimal("5.99")
    assert order.delivery.driver == "Marco R."
    assert order.delivery.latitude == Decimal("42.6526")
    assert order.delivery.distance_miles == Decimal("2.4")
    assert order.is_new_customer is True and order.auto_retention_conversion is False


def test_nested_line_items_parsed_with_decimal_prices() -> None:
    (item,) = parse_order(ORDER).items
    assert item.title == "Red Roses, dozen" and item.upc_or_plu == "4011"
    assert item.unit_price == Decimal("39.99") and item.container_deposit == Decimal("0.05")
    assert (item.original_quantity, item.final_quantity, item.quantity) == (2, 1, 1)
    assert item.line_total == Decimal("39.99")
    assert item.upsell is True and item.added_by_store is False and item.cart_position == 0
    assert item.merchandise_code == "MC100" and item.external_order_id == "DD-77"


def test_order_with_every_optional_field_null() -> None:
    raw = {key: None for key in ORDER} | {"order_id": "B1", "site_id": "1002"}
    order = parse_order(raw)
    assert order.status is OrderStatus.PENDING
    assert order.totals.total is None and order.items == () and order.delivery.driver is None
    assert order.times.placed_at is None and order.customer_name is None


def test_canceled_order_is_canceled_whatever_its_times() -> None:
    order = parse_order(ORDER | {"canceled": True, "cancelation_reason": "Out of stock"})
    assert order.status is OrderStatus.CANCELED
    assert order.cancelation_reason == "Out of stock"


def test_order_time_without_offset_taken_as_utc() -> None:
    order = parse_order(ORDER | {"placed_time": "2025-03-14 14:00:00"})
    assert order.times.placed_at == _utc(14, 0)


@pytest.mark.parametrize(
    ("field", "value"),
    [("total", "lots"), ("placed_time", "yesterday"), ("canceled", "maybe"), ("line_items", {})],
)
def test_unreadable_field_is_a_protocol_error(field: str, value: object) -> None:
    with pytest.raises(VendorProtocolError) as info:
        parse_order(ORDER | {field: value})
    assert "Vroom" in info.value.message


def test_order_statuses_row_keeps_vendor_split() -> None:
    row = parse_store_statuses(STATUS_ROW)
    assert row.store_id == "1001"
    assert row.pending_over.count == 2 and row.pending_over.order_ids == ("P2", "P3")
    late = {p.order_id: p.vendor_late for p in row.positions()}
    assert late == {
        "P1": False,
        "P2": True,
        "P3": True,
        "R1": True,
        "F1": False,
        "C1": None,
        "C2": None,
        "X1": None,
    }


def test_order_statuses_missing_group_counts_zero() -> None:
    raw = {"site_id": 1003, "orders_completed": None}
    row = parse_store_statuses(raw)
    assert row.store_id == "1003" and row.positions() == []


def test_customer_contact_blank_phone_and_sites() -> None:
    contact = parse_customer_contact(
        {
            "name": "Ada",
            "email": "a@x.com",
            "phone": "",
            "created_at": "2024-01-02T03:04:05Z",
            "last_order_id": "A1",
            "last_order_time": "2025-03-01T10:00:00+00:00",
            "unsubscribed": True,
            "site_ids": ["1001", "1002"],
        }
    )
    assert contact.phone is None and contact.unsubscribed is True
    assert contact.store_ids == ("1001", "1002")
    assert contact.created_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert contact.last_order_id == "A1"


def test_transaction_estimated_deposit_is_us_date() -> None:
    txn = parse_transaction(
        {
            "site_id": "1001",
            "amount": -1.82,
            "transaction_id": "T1",
            "payout_id": "PO1",
            "type": "Fee",
            "time": "2025-03-14T14:00:00Z",
            "source": "A100",
            "deposit_status": "in_transit",
            "estimated_deposit": "03/16/2025",
            "additional_details": "Processing fee",
        }
    )
    assert txn.estimated_deposit == date(2025, 3, 16)
    assert txn.amount == Decimal("-1.82") and txn.source_order_id == "A100"
    assert txn.deposit_status == "in_transit" and txn.payout_id == "PO1"
    with pytest.raises(VendorProtocolError):
        parse_transaction({"estimated_deposit": "2025-03-16"})


def test_search_term_without_selection_has_nulls() -> None:
    term = parse_search_term(
        {
            "site_id": "1001",
            "created_at": "2025-03-14T14:00:00Z",
            "ip_hash": "ab12",
            "term": "peonies",
            "num_search_results": 0,
            "selected_product_upc_or_plu": None,
            "selected_product_title": None,
            "selection_position": None,
        }
    )
    assert term.found_nothing and term.selected_upc_or_plu is None
    assert term.selection_position is None and term.ip_hash == "ab12"


def test_sales_audit_and_promo_parsed() -> None:
    sale = parse_sales_by_product(
        {
            "upc_or_plu": "4011",
            "title": "Roses",
            "total_sales": "1234.50",
            "units_sold": 31,
            "category": "Flowers > Roses",
            "image_url": None,
        }
    )
    assert sale.total_sales == Decimal("1234.50") and sale.units_sold == 31
    assert sale.image_url is None and sale.category == "Flowers > Roses"
    entry = parse_audit_log(
        {
            "site_id": "Management",
            "created_at": "2025-03-14T14:00:00Z",
            "action": "Bulk Product Update Run",
            "additional_details": "42 products",
            "user": "Automated",
        }
    )
    assert entry.store_id == "Management" and entry.user == "Automated"
    promo = parse_promo_code(
        {
            "code": "JACK12",
            "active_time": "2025-03-14T14:00:00Z",
            "expiry_time": "2025-04-14T14:00:00+02:00",
            "promo_code_type": "free_delivery",
            "value": 0,
            "minimum_order_amount": 20,
            "maximum_discount": None,
            "first_order_only": False,
            "is_one_time_use": True,
            "customer_email": None,
            "customer_phone": "5185550100",
            "site_ids": [1001],
        }
    )
    assert promo.code == "JACK12" and promo.value == Decimal(0)
    assert promo.expiry_time is not None
    assert promo.expiry_time.tzinfo == timezone(timedelta(hours=2))
    assert promo.site_ids == ("1001",) and promo.is_one_time_use is True


def test_records_accepts_array_or_data_envelope_only() -> None:
    assert records([{"a": 1}], "orders") == [{"a": 1}]
    assert records({"data": [{"a": 1}]}, "orders") == [{"a": 1}]
    with pytest.raises(VendorProtocolError):
        records({"orders": []}, "orders")
    with pytest.raises(VendorProtocolError):
        parse_order(["not", "an", "object"])
