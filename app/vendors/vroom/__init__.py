"""Vroom: the reporting API behind the live store orders board (vroom-and-endless-aisles.md A)."""

from app.vendors.vroom.client import BASE_URL, VroomClient
from app.vendors.vroom.promo_outbox import (
    OPERATION,
    VroomPromoCodeHandler,
    promo_from_payload,
    promo_payload,
)

__all__ = [
    "BASE_URL",
    "OPERATION",
    "VroomClient",
    "VroomPromoCodeHandler",
    "promo_from_payload",
    "promo_payload",
]
