"""The manager PIN that guards price changes, and the pricing preferences in ``[pricing]``.

The PIN is kept only as a salted PBKDF2 hash (hashlib) in the config file, never in plain::

    [pricing]
    margin_floor = "30"            # percent; rows under it stand out
    pin_hash = "9f2c…"             # hex; absent = no PIN, changes need no PIN
    pin_salt = "41ab…"
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from decimal import Decimal, InvalidOperation

from app.services.config import AppConfig, save_config

SECTION = "pricing"
ITERATIONS = 200_000
DEFAULT_FLOOR = Decimal("30")
MIN_PIN_LENGTH = 4


class PinError(ValueError):
    """A PIN that cannot be used; the message says why."""


def _table(config: AppConfig) -> dict[str, object]:
    table = config.sections.get(SECTION)
    if not isinstance(table, dict):
        table = {}
        config.sections[SECTION] = table
    return table


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, ITERATIONS).hex()


def pin_is_set(config: AppConfig) -> bool:
    table = config.section(SECTION)
    return bool(table.get("pin_hash")) and bool(table.get("pin_salt"))


def check_pin(config: AppConfig, pin: str) -> bool:
    """True when no PIN is set, or ``pin`` is the manager's (compared in constant time)."""
    if not pin_is_set(config):
        return True
    table = config.section(SECTION)
    try:
        salt = bytes.fromhex(str(table["pin_salt"]))
    except ValueError:
        return False
    return hmac.compare_digest(_hash(pin, salt), str(table["pin_hash"]))


def set_pin(config: AppConfig, pin: str, *, save: bool = True) -> None:
    """Store a new PIN (digits, at least four) as a fresh salt and hash."""
    if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
        raise PinError(f"A manager PIN is at least {MIN_PIN_LENGTH} digits.")
    salt = secrets.token_bytes(16)
    table = _table(config)
    table["pin_salt"] = salt.hex()
    table["pin_hash"] = _hash(pin, salt)
    if save:
        save_config(config)


def clear_pin(config: AppConfig, *, save: bool = True) -> None:
    table = _table(config)
    table.pop("pin_hash", None)
    table.pop("pin_salt", None)
    if save:
        save_config(config)


def margin_floor(config: AppConfig) -> Decimal:
    """The margin floor in percent; a value that is not a number falls back to the default."""
    raw = config.section(SECTION).get("margin_floor")
    if raw is None:
        return DEFAULT_FLOOR
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return DEFAULT_FLOOR
    return value if value.is_finite() and Decimal(-100) < value < Decimal(100) else DEFAULT_FLOOR


def set_margin_floor(config: AppConfig, percent: Decimal, *, save: bool = True) -> None:
    if not Decimal(-100) < percent < Decimal(100):
        raise ValueError("A margin floor lies between -100% and 100%.")
    _table(config)["margin_floor"] = str(percent)
    if save:
        save_config(config)
