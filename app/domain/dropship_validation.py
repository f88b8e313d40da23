"""Reading an order file and refusing bad input before anything is sent.

Every message names the field the way the order file spells it ("lines[0].quantity: ..."), so a
cashier or a script can find and fix it. Vendor rules come from the vendors' documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.dropship import (
    DROPSHIP_VENDORS,
    CatalogItem,
    DropshipOrder,
    OrderLine,
    ShipTo,
)
from app.domain.money import MoneyFormatError, format_money, parse_money

_STATE = re.compile(r"^[A-Za-z]{2}$")
_US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DIGITS = re.compile(r"^\d+$")
_REQUIRED_SHIP_TO = ("first_name", "last_name", "address_line_1", "city", "state", "zip")
_OPTIONAL_SHIP_TO = ("address_line_2", "country", "phone", "email")
# fabric.md §4.8 [EXT]: purchase_order_number is string(32).
REFERENCE_MAX = 32


class OrderInvalid(ValueError):
    """The order file cannot be placed; ``errors`` are the sentences to show."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = tuple(errors)


@dataclass(frozen=True)
class OrderReview:
    """What stands between an order and the vendor: errors refuse it, warnings ask to confirm."""

    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_order(data: object) -> DropshipOrder:
    """Build a :class:`DropshipOrder` from the order file's JSON, or raise :class:`OrderInvalid`."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise OrderInvalid(["order: must be a JSON object"])
    reference = _text(data, "reference", "reference", errors, required=True)
    if len(reference) > REFERENCE_MAX:
        errors.append(f"reference: must be at most {REFERENCE_MAX} characters")
    vendor = _text(data, "vendor", "vendor", errors, required=True)
    if vendor and vendor not in DROPSHIP_VENDORS:
        errors.append(f"vendor: unknown vendor '{vendor}' (use endless-aisles or fabric)")
    ship_to = _parse_ship_to(data.get("ship_to"), errors)
    lines = _parse_lines(data.get("lines"), vendor, errors)
    method = _parse_shipping_method(data.get("shipping_method"), errors)
    if errors or ship_to is None:
        raise OrderInvalid(errors)
    return DropshipOrder(reference, vendor, ship_to, tuple(lines), method)


def _text(
    data: Mapping[str, Any], key: str, name: str, errors: list[str], *, required: bool
) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"{name}: required")
        return ""
    if not isinstance(value, str):
        errors.append(f"{name}: must be text")
        return ""
    return value.strip()


def _parse_ship_to(raw: object, errors: list[str]) -> ShipTo | None:
    if raw is None:
        errors.append("ship_to: required")
        return None
    if not isinstance(raw, dict):
        errors.append("ship_to: must be an object")
        return None
    values = {k: _text(raw, k, f"ship_to.{k}", errors, required=True) for k in _REQUIRED_SHIP_TO}
    values |= {k: _text(raw, k, f"ship_to.{k}", errors, required=False) for k in _OPTIONAL_SHIP_TO}
    values["country"] = (values["country"] or "US").upper()
    values["state"] = values["state"].upper()
    errors.extend(ship_to_problems(values))
    return ShipTo(**values)


def ship_to_problems(values: Mapping[str, str]) -> list[str]:
    """Format rules on an address; also used by the ship-to form as the customer types."""
    problems: list[str] = []
    state, zip_code = values.get("state", ""), values.get("zip", "")
    # Endless Aisles B5: shipping.state "max length: 2"; both vendors use two-letter states.
    if state and not _STATE.match(state):
        problems.append("ship_to.state: must be two letters")
    if zip_code and values.get("country", "US") in ("", "US") and not _US_ZIP.match(zip_code):
        problems.append("ship_to.zip: must be 5 digits or ZIP+4 (12345-6789)")
    phone = values.get("phone", "")
    if phone and len(re.sub(r"\D", "", phone)) not in (10, 11):
        problems.append("ship_to.phone: must be a 10-digit phone number")
    email = values.get("email", "")
    # Endless Aisles B5: customer.email "Optional. Email".
    if email and not _EMAIL.match(email):
        problems.append("ship_to.email: must be an email address")
    country = values.get("country", "")
    if country and not _STATE.match(country):
        problems.append("ship_to.country: must be a two-letter country code")
    return problems


def _parse_lines(raw: object, vendor: str, errors: list[str]) -> list[OrderLine]:
    if not isinstance(raw, list) or not raw:
        errors.append("lines: at least one line is required")
        return []
    lines: list[OrderLine] = []
    for index, item in enumerate(raw):
        line = _parse_line(item, f"lines[{index}]", vendor, errors)
        if line is not None:
            lines.append(line)
    return lines


def _parse_line(raw: object, name: str, vendor: str, errors: list[str]) -> OrderLine | None:
    if not isinstance(raw, dict):
        errors.append(f"{name}: must be an object")
        return None
    before = len(errors)
    item = _id_text(raw.get("item"), f"{name}.item", errors)
    upc = _id_text(raw.get("upc"), f"{name}.upc", errors).lstrip("'")
    # Endless Aisles B5: line_items.*.id and .upc are "Numeric"; fabric variant ids are ints.
    if item and not _DIGITS.match(item):
        errors.append(f"{name}.item: must be the vendor's numeric item id")
    if upc and not _DIGITS.match(upc):
        errors.append(f"{name}.upc: must be digits only")
    quantity = _quantity(raw.get("quantity"), f"{name}.quantity", errors)
    price = _price(raw.get("price"), f"{name}.price", errors)
    if len(errors) > before or price is None:
        return None
    return OrderLine(item, upc, quantity, price)


def _id_text(value: object, name: str, errors: list[str]) -> str:
    if value is None or value == "":
        errors.append(f"{name}: required")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        errors.append(f"{name}: must be text or a whole number")
        return ""
    return str(value).strip()


def _quantity(value: object, name: str, errors: list[str]) -> int:
    if value is None:
        errors.append(f"{name}: required")
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(f"{name}: must be a whole number")
        return 0
    if value < 1:
        errors.append(f"{name}: must be at least 1")
    return value


def _price(value: object, name: str, errors: list[str]) -> Decimal | None:
    if value is None or value == "":
        errors.append(f"{name}: required")
        return None
    try:
        price = parse_money(value)
    except MoneyFormatError:
        errors.append(f"{name}: must be an amount like 12.99")
        return None
    if price < 0:
        errors.append(f"{name}: must not be negative")
        return None
    if price != price.quantize(Decimal("0.01")):
        errors.append(f"{name}: must be whole cents")
        return None
    return price


def _parse_shipping_method(value: object, errors: list[str]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        errors.append("shipping_method: must be a positive whole number")
        return None
    return value


CatalogLookup = Callable[[str], CatalogItem | None]


def review_against_catalog(order: DropshipOrder, lookup: CatalogLookup) -> OrderReview:
    """Check every line against the vendor's catalog: unknown or short items refuse the order,
    a price under the minimum advertised price (MAP) only warns."""
    errors: list[str] = []
    warnings: list[str] = []
    for index, line in enumerate(order.lines):
        name = f"lines[{index}]"
        item = lookup(line.item)
        if item is None:
            errors.append(f"{name}.item: unknown item {line.item}")
            continue
        errors.extend(_line_catalog_errors(name, line, item))
        if item.map_price is not None and line.price < item.map_price:
            warnings.append(
                f"{name}.price: {format_money(line.price)} is under the minimum advertised price "
                f"{format_money(item.map_price)} for {item.title}"
            )
    return OrderReview(tuple(errors), tuple(warnings))


def _line_catalog_errors(name: str, line: OrderLine, item: CatalogItem) -> list[str]:
    errors: list[str] = []
    if item.upc and line.upc and item.upc.lstrip("'").lstrip("0") != line.upc.lstrip("0"):
        errors.append(f"{name}.upc: {line.upc} is not the UPC of item {line.item} ({item.upc})")
    if not item.orderable:
        errors.append(f"{name}.item: {item.title} can no longer be ordered")
    elif item.stock is not None and item.stock < 1:
        errors.append(f"{name}.item: {item.title} is out of stock")
    elif item.stock is not None and item.stock < line.quantity:
        errors.append(f"{name}.quantity: only {item.stock} of {item.title} in stock")
    return errors
