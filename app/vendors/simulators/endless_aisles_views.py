"""List helpers for the Endless Aisles simulator: the Laravel page envelope and order filters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.vendors.simulators.endless_aisles_orders import SimOrder

_OPEN = {"pending", "scheduled"}  # B3: open = PENDING or SCHEDULED
_CLOSED = {"shipped", "canceled", "failed"}  # closed = SHIPPED, CANCELED or FAILED


def _int(raw: str | None, default: int) -> int:
    try:
        value = int(raw or "")
    except ValueError:
        return default
    return value if value > 0 else default


def laravel_page(
    rows: list[dict[str, Any]], query: dict[str, str], *, with_edge_urls: bool
) -> dict[str, Any]:
    """B2: the paginator envelope. Products omit first/last_page_url (B9 #9); urls are relative."""
    per_page = _int(query.get("per_page"), 10)
    page = _int(query.get("page"), 1)  # B9 #4: the endpoint tables say page defaults to 1
    total = len(rows)
    last = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    chunk = rows[start : start + per_page]
    body: dict[str, Any] = {"current_page": page, "data": chunk}
    if with_edge_urls:
        body["first_page_url"] = "/?page=1"
    body["from"] = start + 1 if chunk else None
    body["last_page"] = last
    if with_edge_urls:
        body["last_page_url"] = f"/?page={last}"
    body |= {
        "next_page_url": f"/?page={page + 1}" if page < last else None,
        "path": "/",
        "per_page": per_page,
        "prev_page_url": f"/?page={page - 1}" if page > 1 else None,
        "to": start + len(chunk) if chunk else None,
        "total": total,
    }
    return body


def _since(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%m-%d-%Y").replace(tzinfo=UTC)
    except ValueError:
        return None  # B3: "If format is wrong, is ignored."


def matches_query(order: SimOrder, query: dict[str, str], now: datetime) -> bool:
    """B3: ``query`` is an email, an order number or a last name; ``since`` m-d-Y; ``status``."""
    text = query.get("query", "").strip()
    if text:
        if "@" in text:
            if order.email.lower() != text.lower():
                return False
        elif text.isdigit():
            if order.id != int(text):
                return False
        elif str(order.shipping.get("last_name", "")).lower() != text.lower():
            return False
    since = _since(query.get("since"))
    # B10: inclusiveness undocumented; the whole day named counts.
    if since is not None and order.created_at.date() < since.date():
        return False
    status = query.get("status", "").lower()
    state = order.status(now).lower()
    if status == "open" and state not in _OPEN:
        return False
    return not (status == "closed" and state not in _CLOSED)
