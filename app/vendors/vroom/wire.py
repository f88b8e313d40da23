"""Vroom's order wire shapes (vroom-and-endless-aisles.md §A3.2, §A3.5, §A3.6) -> domain objects."""

from __future__ import annotations

from app.domain.orders import (
    Delivery,
    LineItem,
    Order,
    OrderDiscounts,
    OrderTimes,
    OrderTotals,
    status_from_times,
)
from app.domain.orders_reports import EMPTY_GROUP, OrderGroup, StoreOrderStatuses
from app.vendors.vroom.fields import VENDOR, Row, protocol_error

# §A3.2: the eight Order Group fields of a Store Order Statuses row, by our attribute name.
STATUS_FIELDS = {
    "pending_under": "orders_pending_less_than_ten_mins",
    "pending_over": "orders_pending_more_than_ten_mins",
    "preparing_under": "orders_preparing_less_than_one_hour",
    "preparing_over": "orders_preparing_more_than_one_hour",
    "ready_under": "orders_ready_less_than_one_hour",
    "ready_over": "orders_ready_more_than_one_hour",
    "completed": "orders_completed",
    "canceled": "orders_canceled",
}

TOTAL_FIELDS = tuple(OrderTotals.__dataclass_fields__)  # same names as on the wire (§A3.6)
DISCOUNT_MONEY = (
    "promotion_code_original_discount",
    "promotion_code_final_discount",
    "mix_match_combo_original_discount",
    "mix_match_combo_final_discount",
    "loyalty_original_discount",
    "loyalty_final_discount",
    "subscription_discount",
)


def parse_order_group(raw: object, what: str) -> OrderGroup:
    if raw is None:
        return EMPTY_GROUP
    row = Row(raw, what)
    ids = row.texts("order_ids")
    count = row.integer("count")
    return OrderGroup(len(ids) if count is None else count, ids)


def parse_store_statuses(raw: object) -> StoreOrderStatuses:
    row = Row(raw, "an order status row")
    groups = {
        attr: parse_order_group(row.raw.get(wire), f"the {wire} group")
        for attr, wire in STATUS_FIELDS.items()
    }
    return StoreOrderStatuses(store_id=row.required_text("site_id"), **groups)


def parse_line_item(raw: object, order_id: str | None = None) -> LineItem:
    """A line item (§A3.5), from /analytics/line_items or nested in an order."""
    row = Row(raw, "a line item")
    return LineItem(
        order_id=row.text("order_id") or order_id or "",
        upc_or_plu=row.text("product_upc_or_plu"),
        title=row.text("product_title"),
        unit_price=row.decimal("product_price"),
        container_deposit=row.decimal("product_container_deposit"),
        original_quantity=row.integer("original_quantity"),
        final_quantity=row.integer("final_quantity"),
        upsell=row.flag("upsell"),
        cart_position=row.integer("cart_position"),
        added_by_store=row.flag("added_by_store"),
        merchandise_code=row.text("product_merchandise_code"),
        store_id=row.text("site_id"),
        sales_channel=row.text("sales_channel"),
        external_order_id=row.text("external_order_id"),
        created_at=row.moment("created_at"),
        customer_name=row.text("customer_name"),
        customer_email=row.text("customer_email"),
        customer_phone=row.text("customer_phone"),
    )


def _times(row: Row) -> OrderTimes:
    return OrderTimes(
        created_at=row.moment("created_at"),
        scheduled_for=row.moment("scheduled_time"),
        placed_at=row.moment("placed_time"),
        confirmed_at=row.moment("confirm_time"),
        ready_at=row.moment("ready_time"),
        driver_started_at=row.moment("driver_start_time"),
        driver_finished_at=row.moment("driver_end_time"),
        completed_at=row.moment("complete_time"),
    )


def _discounts(row: Row) -> OrderDiscounts:
    money = {name: row.decimal(name) for name in DISCOUNT_MONEY}
    return OrderDiscounts(
        promotion_code=row.text("promotion_code"),
        mix_match_combo_original_count=row.integer("mix_match_combo_original_count"),
        mix_match_combo_final_count=row.integer("mix_match_combo_final_count"),
        loyalty_code=row.text("loyalty_code"),
        subscribed=row.flag("subscribed"),
        **money,
    )


def _delivery(row: Row) -> Delivery:
    return Delivery(
        driver=row.text("driver"),
        address=row.text("delivery_address"),
        latitude=row.decimal("delivery_latitude"),
        longitude=row.decimal("delivery_longitude"),
        distance_miles=row.decimal("delivery_distance"),
    )


def _items(row: Row, order_id: str) -> tuple[LineItem, ...]:
    raw = row.raw.get("line_items")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise protocol_error(row.what, "line_items is not a list")
    return tuple(parse_line_item(item, order_id) for item in raw)


def parse_order(raw: object) -> Order:
    """An order (§A3.6). Its status follows its milestones; Vroom sends no status field."""
    row = Row(raw, "an order")
    order_id = row.required_text("order_id")
    times = _times(row)
    canceled = bool(row.flag("canceled"))
    return Order(
        id=order_id,
        vendor=VENDOR,
        store_id=row.text("site_id") or "",
        status=status_from_times(times, canceled=canceled),
        times=times,
        customer_name=row.text("customer_name"),
        customer_email=row.text("customer_email"),
        customer_phone=row.text("customer_phone"),
        order_type=row.text("order_type"),
        sales_channel=row.text("sales_channel"),
        external_order_id=row.text("external_order_id"),
        items=_items(row, order_id),
        totals=OrderTotals(**{name: row.decimal(name) for name in TOTAL_FIELDS}),
        discounts=_discounts(row),
        delivery=_delivery(row),
        canceled=canceled,
        cancelation_reason=row.text("cancelation_reason"),
        auto_retention_conversion=row.flag("auto_retention_conversion"),
        is_new_customer=row.flag("is_new_customer"),
    )
