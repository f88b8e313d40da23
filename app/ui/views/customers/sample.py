"""Demo mode: which cached customer to open first, so the view shows a realistic card."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.customers import Customer
from app.services.customers import to_customer


def _earning_groups(groups: Mapping[str, Mapping[str, Any]]) -> set[str]:
    earning = set()
    for ident, raw in groups.items():
        attrs = raw.get("attributes") or {}
        if attrs.get("status", "on") == "on" and int(attrs.get("bonusRate") or 0) > 0:
            earning.add(ident)
    return earning


def pick_sample(
    records: Mapping[str, Mapping[str, Any]], groups: Mapping[str, Mapping[str, Any]]
) -> Customer | None:
    """The first customer by name with points, spending and orders in a group that earns."""
    earning = _earning_groups(groups)
    best: Customer | None = None
    for raw in records.values():
        customer = to_customer(raw)
        wanted = (
            customer.current_points > 0
            and customer.spent_points > 0
            and customer.orders_count > 2
            and customer.email
            and (not earning or customer.bonus_group_id in earning)
        )
        if wanted and (best is None or (customer.name, customer.id) < (best.name, best.id)):
            best = customer
    return best
