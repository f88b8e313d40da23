"""Purchase-order validation in the fabric simulator: DRF-style field errors (fabric.md §5).

§6 #6: required flags are undocumented; fields the seed sample always sends are required here,
plus ``purchase_order_number`` and ``ordered_at`` which fabric's public reference marks required.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from app.vendors.simulators.fabric_data import SimVariant
from app.vendors.simulators.fabric_orders import SimPOLine

_SHIP_TO = ("name1", "street1", "city", "province", "postal_code", "country")
_REQUIRED = "This field is required."


def _ship_to_errors(raw: object) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        return {"ship_to": [_REQUIRED]}
    missing = {k: [_REQUIRED] for k in _SHIP_TO if not str(raw.get(k) or "").strip()}
    return {"ship_to": [f"{k}: {v[0]}" for k, v in missing.items()]} if missing else {}


def _line(raw: object, variants: dict[int, SimVariant]) -> tuple[dict[str, Any], SimPOLine | None]:
    if not isinstance(raw, dict):
        return {"non_field_errors": ["Invalid data."]}, None
    errors: dict[str, Any] = {}
    quantity = raw.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        errors["quantity"] = ["Ensure this value is greater than or equal to 1."]
    try:
        price = Decimal(str(raw.get("price")))
        if not price.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        errors["price"] = ["A valid number is required."]
        price = Decimal("0")
    variant = raw.get("variant")
    vid = variant.get("id") if isinstance(variant, dict) else None
    found = variants.get(vid) if isinstance(vid, int) else None
    if found is None:
        errors["variant"] = [f'Invalid pk "{vid}" - object does not exist.']
    elif not found.sellable:
        errors["variant"] = [f"Variant {vid} is not sellable."]
    if errors or found is None or not isinstance(quantity, int):
        return errors, None
    return {}, SimPOLine(found, quantity, price)


def validate_po(
    body: object, variants: dict[int, SimVariant]
) -> tuple[dict[str, Any], list[SimPOLine]]:
    """DRF errors (``{"field": ["msg"]}``) or the lines to book."""
    if not isinstance(body, dict):
        return {"non_field_errors": ["Invalid data. Expected a dictionary."]}, []
    errors: dict[str, Any] = {}
    for key in ("purchase_order_number", "ordered_at"):
        if not str(body.get(key) or "").strip():
            errors[key] = [_REQUIRED]
    errors |= _ship_to_errors(body.get("ship_to"))
    raw_lines = body.get("order_lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        errors["order_lines"] = [_REQUIRED]
        return errors, []
    results = [_line(raw, variants) for raw in raw_lines]
    if any(err for err, _ in results):
        errors["order_lines"] = [err for err, _ in results]
    if errors:
        return errors, []
    return {}, [line for _, line in results if line is not None]
