"""Endless Aisles' mixed date formats (vroom-and-endless-aisles.md B8).

Orders' ``created_at`` is ``m-d-Y``; ``ship_date``/``placed_on`` are ``Y-m-d``; ``last_updated`` and
the shipping timestamps are ``Y-m-d H:i:s``. No timezone is documented anywhere, so the shop's
configured zone (UTC by default) is assumed and every result is timezone-aware.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

_FORMATS = (
    "%m-%d-%Y",  # B8: order created_at, the `since` parameter
    "%Y-%m-%d %H:%M:%S",  # B8: last_updated, shipping created_at/updated_at
    "%Y-%m-%d",  # B8: ship_date, placed_on
    "%m/%d/%Y",
    "%Y-%m-%dT%H:%M:%S",
)


def parse_ea_datetime(value: object, tz: tzinfo = UTC) -> datetime | None:
    """Any of the documented forms (or ISO 8601 with an offset) -> an aware datetime, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def format_since(moment: datetime, tz: tzinfo = UTC) -> str:
    """The ``since`` query value: ``m-d-Y`` in the vendor's zone (B3; a wrong format is ignored)."""
    return moment.astimezone(tz).strftime("%m-%d-%Y")
