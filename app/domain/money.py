"""Money is Decimal, whatever form a vendor sends it in."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0")


class MoneyFormatError(ValueError):
    """A value that should be an amount of money is not one."""


def parse_money(value: object) -> Decimal:
    """Read an amount from a vendor's wire form: int, float, numeric string or Decimal.

    Floats go through ``repr`` so 12.99 stays 12.99 rather than 12.9900000000000002131628...
    """
    if isinstance(value, bool) or value is None:
        raise MoneyFormatError(f"not an amount: {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").lstrip("$")
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise MoneyFormatError(f"not an amount: {value!r}") from exc
    else:
        raise MoneyFormatError(f"not an amount: {value!r}")
    if not result.is_finite():
        raise MoneyFormatError(f"not an amount: {value!r}")
    return result


def parse_optional_money(value: object) -> Decimal | None:
    """Like :func:`parse_money`, but ``None`` and empty strings stay ``None``."""
    if value is None or value == "":
        return None
    return parse_money(value)


def to_cents(amount: Decimal) -> Decimal:
    """Round to the cent the way a till does (half up)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, symbol: str = "$") -> str:
    """``$1,234.50`` / ``-$3.00``: what a cashier reads."""
    cents = to_cents(amount)
    sign = "-" if cents < 0 else ""
    return f"{sign}{symbol}{abs(cents):,.2f}"
