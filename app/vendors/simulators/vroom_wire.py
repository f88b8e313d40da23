"""How the Vroom simulator writes its orders on the wire (vroom-and-endless-aisles.md §A3.5-6)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.vendors.simulators.vroom_orders import SimLine, SimOrder

TAX_RATE = Decimal("0.08")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def line_wire(order: SimOrder, line: SimLine, position: int) -> dict[str, Any]:
    product = line.product
    return {
        **_order_context(order),
        "product_upc_or_plu": product.upc_or_plu,
        "product_title": product.title,
        "product_price": product.price,
        "product_container_deposit": product.deposit,
        "original_quantity": line.original_quantity,
        "final_quantity": line.final_quantity,
        "upsell": line.upsell,
        "cart_position": position,
        "added_by_store": line.added_by_store,
        "product_merchandise_code": product.merchandise_code,
    }


def _order_context(order: SimOrder) -> dict[str, Any]:
    return {
        "site_id": order.site_id,
        "order_id": order.order_id,
        "sales_channel": order.sales_channel,
        "external_order_id": order.external_order_id,
        "created_at": stamp(order.placed_at),
        "customer_name": order.customer.name,
        "customer_email": order.customer.email,
        "customer_phone": order.customer.phone,
    }


def _goods(order: SimOrder, final: bool) -> Decimal:
    return sum(
        (
            (ln.product.price + ln.product.deposit)
            * (ln.final_quantity if final else ln.original_quantity)
            for ln in order.lines
        ),
        ZERO,
    )


def order_money(order: SimOrder, canceled: bool) -> dict[str, Any]:
    """Every amount of §A3.6, made to add up the way a store's statement would."""
    goods = _goods(order, final=False)
    merchandise = cents(goods * (1 + TAX_RATE))
    delivery_fee = Decimal("5.99") if order.is_delivery else ZERO
    if order.order_type == "Shipping":
        delivery_fee = Decimal("9.99")
    tip = cents(goods * Decimal("0.15")) if order.is_delivery else ZERO
    promo = cents(goods * Decimal("0.10")) if order.promotion_code else ZERO
    loyalty = Decimal("1.00") if order.loyalty_code else ZERO
    subscription = delivery_fee if order.subscribed else ZERO
    total = merchandise + delivery_fee + tip - promo - loyalty - subscription
    shortfall = cents((goods - _goods(order, final=True)) * (1 + TAX_RATE))
    tip_refund = tip if canceled else ZERO
    refund = total if canceled else shortfall
    adjusted = total - refund
    fee = cents(total * Decimal("0.029") + Decimal("0.30"))
    fee_refund = fee if canceled else ZERO
    third = tip - tip_refund + Decimal("4.99") if order.is_delivery else ZERO
    third_refund = third if canceled else ZERO
    return {
        "total": total,
        "merchandise": merchandise,
        "delivery_fee": delivery_fee,
        "tip": tip,
        "tip_refund": tip_refund,
        "net_tip": tip - tip_refund,
        "refund_amount": refund,
        "upcharge_amount": ZERO,
        "adjusted_total": adjusted,
        "adjusted_total_less_tips": adjusted - (tip - tip_refund),
        "processing_fee": fee,
        "processing_fee_refund": fee_refund,
        "processing_fee_on_upcharge": ZERO,
        "net_processing_fee": fee - fee_refund,
        "third_party_fulfillment_fee": third,
        "third_party_fulfillment_fee_refund": third_refund,
        "net_third_party_fulfillment_fee": third - third_refund,
        "ebt_fees": ZERO,
        "net_remit": adjusted - (fee - fee_refund) - (third - third_refund),
        "promotion_code": order.promotion_code,
        "promotion_code_original_discount": promo if order.promotion_code else None,
        "promotion_code_final_discount": promo if order.promotion_code else None,
        "mix_match_combo_original_count": 0,
        "mix_match_combo_final_count": 0,
        "mix_match_combo_original_discount": ZERO,
        "mix_match_combo_final_discount": ZERO,
        "loyalty_code": order.loyalty_code,
        "loyalty_original_discount": loyalty if order.loyalty_code else None,
        "loyalty_final_discount": loyalty if order.loyalty_code else None,
        "subscribed": order.subscribed,
        "subscription_discount": subscription if order.subscribed else None,
    }


def order_wire(order: SimOrder, now: datetime, include_line_items: bool) -> dict[str, Any]:
    """An order as ``/analytics/orders`` reports it at ``now``."""
    canceled = order.reached(order.canceled_at, now) is not None
    delivery = order.is_delivery
    body: dict[str, Any] = {
        **_order_context(order),
        **order_money(order, canceled),
        "canceled": canceled,
        "driver": order.driver if order.reached(order.driver_started_at, now) else None,
        "delivery_address": f"{100 + order.customer.index} Garden Row" if delivery else None,
        "delivery_latitude": Decimal("42.6526") if delivery else None,
        "delivery_longitude": Decimal("-73.7562") if delivery else None,
        "delivery_distance": Decimal("2.4") if delivery else None,
        "order_type": order.order_type,
        "scheduled_time": stamp(order.scheduled_for),
        "placed_time": stamp(order.placed_at),
        "confirm_time": stamp(order.reached(order.confirmed_at, now)),
        "ready_time": stamp(order.reached(order.ready_at, now)),
        "driver_start_time": stamp(order.reached(order.driver_started_at, now)),
        "driver_end_time": stamp(order.reached(order.driver_finished_at, now)),
        "complete_time": stamp(order.reached(order.completed_at, now)),
        "cancelation_reason": order.cancel_reason if canceled else None,
        "auto_retention_conversion": order.customer.index % 23 == 0,
        "is_new_customer": order.is_new_customer,
    }
    if include_line_items:
        body["line_items"] = [line_wire(order, ln, i) for i, ln in enumerate(order.lines)]
    return body


def parse_time(text: str) -> datetime:
    """§A2: request times are "flexible"; ISO-8601 with or without offset (naive = UTC)."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
