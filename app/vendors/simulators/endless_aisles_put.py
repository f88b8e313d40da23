"""The Endless Aisles simulator's ``PUT /api/orders`` validation (B5 "Validations and Formatting").

Messages are worded as Laravel words them (the error sample in B7 is Laravel's), attribute
names with underscores read as spaces.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from app.vendors.simulators.endless_aisles_data import SimProduct, SimSize
from app.vendors.simulators.endless_aisles_orders import SimLine

_REQUIRED = ("first_name", "last_name", "address_line_1", "city", "state", "zip")
_OPTIONAL = ("phone", "address_line_2", "country")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _name(attribute: str) -> str:
    return attribute.replace("_", " ")


def _numeric(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _shipping_problems(shipping: object) -> list[str]:
    if not isinstance(shipping, dict):
        return [f"The shipping.{_name(k)} field is required." for k in _REQUIRED]
    problems: list[str] = []
    for key in _REQUIRED:
        value = shipping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(f"The shipping.{_name(key)} field is required.")
        elif not isinstance(value, str):
            problems.append(f"The shipping.{_name(key)} must be a string.")
    for key in _OPTIONAL:
        value = shipping.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"The shipping.{_name(key)} must be a string.")
    state = shipping.get("state")
    if isinstance(state, str) and len(state) > 2:  # B5: "max length: 2"
        problems.append("The shipping.state may not be greater than 2 characters.")
    return problems


def _line_problems(index: int, line: object) -> list[str]:
    if not isinstance(line, dict):
        return [f"The line_items.{index} field is required."]
    problems: list[str] = []
    for key in ("upc", "id", "price", "quantity"):  # B5: all "Required. Numeric"
        value = line.get(key)
        if value is None or value == "":
            problems.append(f"The line_items.{index}.{key} field is required.")
        elif _numeric(value) is None:
            problems.append(f"The line_items.{index}.{key} must be a number.")
    return problems


def validate_put(
    body: object, sizes: dict[int, tuple[SimProduct, SimSize]]
) -> tuple[list[str], list[SimLine]]:
    """Every problem with a create-order body, or the lines to book."""
    if not isinstance(body, dict):
        return ["The shipping field is required.", "The line items field is required."], []
    problems = _shipping_problems(body.get("shipping"))
    customer = body.get("customer")
    email = customer.get("email") if isinstance(customer, dict) else None
    if email and not (isinstance(email, str) and _EMAIL.match(email)):
        problems.append("The customer.email must be a valid email address.")
    for key in ("tax_rate", "shipping_cost", "discount"):
        if body.get(key) is not None and _numeric(body.get(key)) is None:
            problems.append(f"The {_name(key)} must be a number.")
    if body.get("custom_order_id") is not None and not isinstance(body["custom_order_id"], str):
        problems.append("The custom order id must be a string.")
    raw_lines = body.get("line_items")
    if not isinstance(raw_lines, list) or not raw_lines:
        return [*problems, "The line items field is required."], []
    for index, line in enumerate(raw_lines):
        problems.extend(_line_problems(index, line))
    if problems:
        return problems, []
    return _book(raw_lines, sizes)


def _book(
    raw_lines: list[dict[str, Any]], sizes: dict[int, tuple[SimProduct, SimSize]]
) -> tuple[list[str], list[SimLine]]:
    problems: list[str] = []
    lines: list[SimLine] = []
    for index, raw in enumerate(raw_lines):
        number = _numeric(raw["id"])
        found = sizes.get(int(number)) if number is not None else None
        if found is None:
            problems.append(f"The selected line_items.{index}.id is invalid.")
            continue
        product, size = found
        quantity = int(_numeric(raw["quantity"]) or 0)
        # Undocumented (B10); a warehouse cannot ship what it does not have.
        if not size.purchasable or size.stock < quantity:
            problems.append(f"The line_items.{index}.id is out of stock ({size.stock} available).")
            continue
        price = _numeric(raw["price"]) or Decimal("0")
        lines.append(SimLine(size, product, quantity, price))
    return problems, lines
