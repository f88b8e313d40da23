"""The Vroom simulator's promo codes: the one thing a client can create (§A3.7)."""

from __future__ import annotations

import random
import string
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from app.vendors.simulators.request import SimError
from app.vendors.simulators.vroom_wire import parse_time, stamp

TYPES = ("percent_off", "dollar_off", "free_delivery")


def _reject(message: str) -> SimError:
    return SimError(422, {"error": message})


def _decimal(body: dict[str, Any], key: str) -> Decimal | None:
    value = body.get(key)
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise _reject(f"{key} must be a number") from exc


def _when(body: dict[str, Any], key: str, default: datetime) -> datetime:
    value = body.get(key)
    if value is None:
        return default
    try:
        return parse_time(str(value))
    except ValueError as exc:
        raise _reject(f"{key} is not a valid datetime") from exc


class PromoBook:
    """Every promo code created so far; codes are unique, case-insensitively."""

    def __init__(self, seed: int, all_sites: set[str]) -> None:
        self.codes: dict[str, dict[str, Any]] = {}
        self._rng = random.Random(f"vroom-promos:{seed}")
        self._all_sites = all_sites

    def __len__(self) -> int:
        return len(self.codes)

    def create(self, body: dict[str, Any], now: datetime) -> dict[str, Any]:
        kind = body.get("promo_code_type")
        if kind not in TYPES:
            raise _reject("promo_code_type must be percent_off, dollar_off or free_delivery")
        value = self._value(kind, _decimal(body, "value"))
        code = self._code(body)
        active = _when(body, "active_time", now)
        expiry = _when(body, "expiry_time", active + timedelta(days=30))  # "in one month"
        if expiry <= active:
            raise _reject("expiry_time must be after active_time")
        sites = body.get("site_ids")
        record = {
            "code": code,
            "active_time": stamp(active),
            "expiry_time": stamp(expiry),
            "promo_code_type": kind,
            "value": value,
            "minimum_order_amount": _decimal(body, "minimum_order_amount"),
            "maximum_discount": _decimal(body, "maximum_discount"),
            "first_order_only": bool(body.get("first_order_only", False)),
            "is_one_time_use": bool(body.get("is_one_time_use", False)),
            "customer_email": body.get("customer_email"),
            "customer_phone": body.get("customer_phone"),
            "site_ids": sorted(self._all_sites) if sites is None else [str(s) for s in sites],
        }
        self.codes[code.upper()] = record
        return record

    def _value(self, kind: str, value: Decimal | None) -> Decimal:
        if kind == "free_delivery":
            return Decimal(0)  # "can be excluded or set to 0"; reported as 0
        if value is None:
            raise _reject(f"value is required for {kind}")
        if kind == "percent_off" and not Decimal(0) < value <= Decimal(100):
            raise _reject("value must be a percentage between 0 and 100")
        if value <= 0:
            raise _reject("value must be greater than 0")
        return value

    def _code(self, body: dict[str, Any]) -> str:
        code = body.get("code")
        if code:
            if str(code).upper() in self.codes:
                raise _reject(f"Promo code {code} already exists")
            return str(code)
        name = str(body.get("customer_name") or "").split(" ")[0].upper()
        while True:  # "we will guarantee that the code is unique"
            if name:
                candidate = f"{name}{self._rng.randint(10, 99)}"
            else:
                candidate = "".join(self._rng.choices(string.ascii_uppercase + string.digits, k=8))
            if candidate.upper() not in self.codes:
                return candidate
