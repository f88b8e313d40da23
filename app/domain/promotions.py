"""Promo codes: what staff may ask for, the rules it must meet, and what the vendor created."""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

_CODE = re.compile(r"^[A-Za-z0-9_-]{3,40}$")
_PHONE_DIGITS = 10


class PromoCodeType(StrEnum):
    PERCENT_OFF = "percent_off"
    DOLLAR_OFF = "dollar_off"
    FREE_DELIVERY = "free_delivery"


@dataclass(frozen=True)
class PromoCodeRequest:
    """A promo code to create. ``None`` fields are left to the vendor's defaults."""

    promo_code_type: PromoCodeType
    value: Decimal | None = None
    code: str | None = None
    customer_name: str | None = None
    site_ids: tuple[str, ...] | None = None  # None: valid at every store
    active_time: datetime | None = None  # None: active at once
    expiry_time: datetime | None = None  # None: the vendor's default (Vroom: one month)
    maximum_discount: Decimal | None = None
    minimum_order_amount: Decimal | None = None
    customer_email: str | None = None
    customer_phone: str | None = None
    first_order_only: bool = False
    is_one_time_use: bool = False


@dataclass(frozen=True)
class PromoCode:
    """A promo code as the vendor reports it after creating it."""

    code: str
    promo_code_type: str | None
    value: Decimal | None
    active_time: datetime | None = None
    expiry_time: datetime | None = None
    minimum_order_amount: Decimal | None = None
    maximum_discount: Decimal | None = None
    first_order_only: bool | None = None
    is_one_time_use: bool | None = None
    customer_email: str | None = None
    customer_phone: str | None = None
    site_ids: tuple[str, ...] = ()


def _value_problems(req: PromoCodeRequest) -> list[str]:
    value = req.value
    if req.promo_code_type is PromoCodeType.PERCENT_OFF:
        if value is None or not Decimal(0) < value <= Decimal(100):
            return ["Percent off must be a percentage above 0 and at most 100."]
    elif req.promo_code_type is PromoCodeType.DOLLAR_OFF:
        if value is None or value <= 0:
            return ["Dollar off must be an amount above $0."]
    elif value not in (None, Decimal(0)):
        return ["Free delivery takes no value; leave it empty."]
    if req.maximum_discount is not None and req.maximum_discount <= 0:
        return ["The maximum discount must be above $0."]
    return []


def validate_promo_request(req: PromoCodeRequest) -> list[str]:
    """Every rule the request breaks, as sentences staff can fix; empty when it may be sent."""
    problems = _value_problems(req)
    if req.minimum_order_amount is not None and req.minimum_order_amount < 0:
        problems.append("The minimum order amount cannot be negative.")
    if req.code is not None and not _CODE.match(req.code):
        problems.append("The code must be 3 to 40 letters, digits, '-' or '_', without spaces.")
    if req.customer_phone is not None:
        digits = re.sub(r"\D", "", req.customer_phone)
        if len(digits) != _PHONE_DIGITS:
            problems.append("The customer phone must have 10 digits.")
    if req.customer_email is not None and "@" not in req.customer_email:
        problems.append("The customer email does not look like an email address.")
    if req.active_time and req.expiry_time and req.expiry_time <= req.active_time:
        problems.append("The code must expire after it starts.")
    for moment in (req.active_time, req.expiry_time):
        if moment is not None and moment.tzinfo is None:
            problems.append("Start and end times need a time zone.")
            break
    if req.site_ids is not None and not req.site_ids:
        problems.append("Pick at least one store, or leave stores empty for all stores.")
    return problems


def generate_code(customer_name: str | None, rng: random.Random) -> str:
    """A code like ``JACK4821`` from a name, or eight random letters and digits.

    We choose the code ourselves (rather than letting the vendor generate one) so that an
    unanswered create can be recognised later by its code.
    """
    first = re.sub(r"[^A-Za-z]", "", (customer_name or "").split(" ")[0]).upper()[:8]
    if first:
        return first + "".join(rng.choices(string.digits, k=4))
    alphabet = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
    return "".join(rng.choices(alphabet, k=8))


def with_code(req: PromoCodeRequest, rng: random.Random | None = None) -> PromoCodeRequest:
    """The request with a code of its own (kept when staff typed one)."""
    if req.code:
        return req
    return replace(req, code=generate_code(req.customer_name, rng or random.SystemRandom()))
