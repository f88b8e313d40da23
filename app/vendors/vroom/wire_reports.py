"""Vroom's report and promo wire shapes (vroom-and-endless-aisles.md §A3.1, §A3.3-§A3.9)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.domain.orders_reports import (
    AuditLogEntry,
    CustomerContact,
    SalesByProduct,
    SearchTerm,
    Transaction,
)
from app.domain.promotions import PromoCode, PromoCodeRequest
from app.vendors.vroom.fields import Row


def parse_customer_contact(raw: object) -> CustomerContact:
    row = Row(raw, "a customer contact")
    return CustomerContact(
        name=row.text("name"),
        email=row.text("email"),
        phone=row.text("phone"),
        created_at=row.moment("created_at"),
        last_order_id=row.text("last_order_id"),
        last_order_time=row.moment("last_order_time"),
        unsubscribed=row.flag("unsubscribed"),
        store_ids=row.texts("site_ids"),
    )


def parse_transaction(raw: object) -> Transaction:
    row = Row(raw, "a transaction")
    return Transaction(
        store_id=row.text("site_id"),
        amount=row.decimal("amount"),
        transaction_id=row.text("transaction_id"),
        payout_id=row.text("payout_id"),
        type=row.text("type"),
        time=row.moment("time"),
        source_order_id=row.text("source"),
        deposit_status=row.text("deposit_status"),
        estimated_deposit=row.us_date("estimated_deposit"),
        additional_details=row.text("additional_details"),
    )


def parse_sales_by_product(raw: object) -> SalesByProduct:
    row = Row(raw, "a product sales row")
    return SalesByProduct(
        upc_or_plu=row.text("upc_or_plu"),
        title=row.text("title"),
        total_sales=row.decimal("total_sales"),
        units_sold=row.integer("units_sold"),
        category=row.text("category"),
        image_url=row.text("image_url"),
    )


def parse_search_term(raw: object) -> SearchTerm:
    row = Row(raw, "a search term")
    return SearchTerm(
        store_id=row.text("site_id"),
        created_at=row.moment("created_at"),
        ip_hash=row.text("ip_hash"),
        term=row.text("term"),
        num_search_results=row.integer("num_search_results"),
        selected_upc_or_plu=row.text("selected_product_upc_or_plu"),
        selected_title=row.text("selected_product_title"),
        selection_position=row.integer("selection_position"),
    )


def parse_audit_log(raw: object) -> AuditLogEntry:
    row = Row(raw, "an audit log entry")
    return AuditLogEntry(
        store_id=row.text("site_id"),
        created_at=row.moment("created_at"),
        action=row.text("action"),
        additional_details=row.text("additional_details"),
        user=row.text("user"),
    )


def parse_promo_code(raw: object) -> PromoCode:
    """§A3.7 response. ``customer_name`` is not echoed; ``site_ids`` is an untyped Array."""
    row = Row(raw, "the created promo code")
    return PromoCode(
        code=row.required_text("code"),
        promo_code_type=row.text("promo_code_type"),
        value=row.decimal("value"),
        active_time=row.moment("active_time"),
        expiry_time=row.moment("expiry_time"),
        minimum_order_amount=row.decimal("minimum_order_amount"),
        maximum_discount=row.decimal("maximum_discount"),
        first_order_only=row.flag("first_order_only"),
        is_one_time_use=row.flag("is_one_time_use"),
        customer_email=row.text("customer_email"),
        customer_phone=row.text("customer_phone"),
        site_ids=row.texts("site_ids"),
    )


def format_time(moment: datetime) -> str:
    """§A2: input format is "flexible"; we send the recommended YYYY-MM-DDTHH:MM:SSZ, in UTC."""
    if moment.tzinfo is None:
        raise ValueError("Vroom times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _money(value: Decimal) -> Decimal:
    # §A3 types these "Decimal" without saying number or string; a JSON number is the plain
    # reading, written exactly by json_bytes() so no float ever touches the amount.
    return value


def promo_request_body(req: PromoCodeRequest) -> dict[str, Any]:
    """The create_promo_code body (§A3.7): optional fields left out so Vroom's defaults apply."""
    body: dict[str, Any] = {"promo_code_type": req.promo_code_type.value}
    optional: dict[str, Any] = {
        "code": req.code,
        "customer_name": req.customer_name,
        "site_ids": list(req.site_ids) if req.site_ids is not None else None,
        "active_time": format_time(req.active_time) if req.active_time else None,
        "expiry_time": format_time(req.expiry_time) if req.expiry_time else None,
        "value": _money(req.value) if req.value is not None else None,
        "maximum_discount": _money(req.maximum_discount) if req.maximum_discount else None,
        "minimum_order_amount": (
            _money(req.minimum_order_amount) if req.minimum_order_amount is not None else None
        ),
        "customer_email": req.customer_email,
        "customer_phone": req.customer_phone,
        "first_order_only": req.first_order_only or None,
        "is_one_time_use": req.is_one_time_use or None,
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    return body


def json_bytes(body: dict[str, Any]) -> bytes:
    """JSON with Decimals written as exact JSON numbers (``12.50``), never through a float."""
    exact: dict[str, str] = {}

    def mark(value: object) -> object:
        if isinstance(value, Decimal):
            token = f"\x00dec{len(exact)}\x00"
            exact[token] = format(value, "f")
            return token
        raise TypeError(f"cannot encode {type(value).__name__}")

    text = json.dumps(body, default=mark, ensure_ascii=False)
    for token, number in exact.items():
        text = text.replace(json.dumps(token), number)
    return text.encode("utf-8")
