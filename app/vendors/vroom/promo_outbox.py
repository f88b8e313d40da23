"""Promo codes through the outbox: the JSON payload it stores, and the handler that sends it.

Reconciling (vroom-and-endless-aisles.md §A5): Vroom has no endpoint to list or look up promo
codes, so an unanswered create cannot be looked up. Instead every code is chosen by us before it
is queued (``with_code``) and §A3.7 says a code "must be unique across all of your promo codes":
reconciling sends the same create again. Created now -> the first never arrived; refused as a
duplicate -> the first did arrive. Either way the code exists exactly once and is the reference.
Residual risk: a code that already existed *before* the first send would be taken for ours; codes
we generate carry random digits, which makes that unlikely. A write without a code cannot be
reconciled and stays uncertain for a person to check in the portal.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.domain.promotions import PromoCodeRequest, PromoCodeType
from app.vendors.errors import VendorRejected, VendorUncertain
from app.vendors.vroom.client import VroomClient
from app.vendors.vroom.fields import VENDOR
from app.vendors.writes import PendingWrite

OPERATION = "create_promo_code"
_DUPLICATE_WORDS = ("already", "exist", "unique", "duplicate", "taken", "in use")


def promo_payload(req: PromoCodeRequest) -> dict[str, Any]:
    """A JSON-able record of the request: money as strings, times as ISO text."""

    def text(value: Decimal | datetime | None) -> str | None:
        if value is None:
            return None
        return value.isoformat() if isinstance(value, datetime) else str(value)

    return {
        "promo_code_type": req.promo_code_type.value,
        "value": text(req.value),
        "code": req.code,
        "customer_name": req.customer_name,
        "site_ids": list(req.site_ids) if req.site_ids is not None else None,
        "active_time": text(req.active_time),
        "expiry_time": text(req.expiry_time),
        "maximum_discount": text(req.maximum_discount),
        "minimum_order_amount": text(req.minimum_order_amount),
        "customer_email": req.customer_email,
        "customer_phone": req.customer_phone,
        "first_order_only": req.first_order_only,
        "is_one_time_use": req.is_one_time_use,
    }


def promo_from_payload(payload: Mapping[str, Any]) -> PromoCodeRequest:
    def money(key: str) -> Decimal | None:
        value = payload.get(key)
        return None if value is None else Decimal(str(value))

    def moment(key: str) -> datetime | None:
        value = payload.get(key)
        return None if value is None else datetime.fromisoformat(str(value))

    sites = payload.get("site_ids")
    return PromoCodeRequest(
        promo_code_type=PromoCodeType(payload["promo_code_type"]),
        value=money("value"),
        code=payload.get("code"),
        customer_name=payload.get("customer_name"),
        site_ids=tuple(str(s) for s in sites) if sites is not None else None,
        active_time=moment("active_time"),
        expiry_time=moment("expiry_time"),
        maximum_discount=money("maximum_discount"),
        minimum_order_amount=money("minimum_order_amount"),
        customer_email=payload.get("customer_email"),
        customer_phone=payload.get("customer_phone"),
        first_order_only=bool(payload.get("first_order_only")),
        is_one_time_use=bool(payload.get("is_one_time_use")),
    )


def is_duplicate_code(error: VendorRejected) -> bool:
    """§A3.7 documents no error for a duplicate code; we read the refusal's words."""
    if error.status not in (400, 409, 422):
        return False
    text = " ".join((error.message, *error.details)).lower()
    return "code" in text and any(word in text for word in _DUPLICATE_WORDS)


class VroomPromoCodeHandler:
    """Outbox handler for ("vroom", "create_promo_code"); the reference is the code."""

    def __init__(self, client: VroomClient) -> None:
        self.client = client

    async def send(self, entry: PendingWrite) -> str:
        created = await self.client.create_promo_code(promo_from_payload(entry.payload))
        return created.code

    async def reconcile(self, entry: PendingWrite) -> str | None:
        request = promo_from_payload(entry.payload)
        if not request.code:
            raise VendorUncertain(
                VENDOR,
                "Vroom cannot be asked whether this promo code was created. Check Promotions > "
                "Promo Codes in the Vroom portal, then retry or discard it.",
            )
        try:
            created = await self.client.create_promo_code(request)
        except VendorRejected as error:
            if is_duplicate_code(error):
                return request.code  # the first create did arrive
            return None  # refused for another reason: the first was refused too; send again
        return created.code
