"""Posiflora simulator: general store stats over the documented ranges (posiflora.md §4.4, §5.7).

``filter[range]`` is required. ``custom`` counts ``filter[rangeFrom]``..``filter[rangeTo]``
(both ends inclusive; a plain date as ``rangeTo`` means to the end of that day) and needs both;
``day``, ``week``, ``month`` and ``year`` run from the start of the current one (UTC, Monday-first
weeks) to now, and ignore ``rangeFrom``/``rangeTo`` as the document says they are used only with
``custom``. A sale counts on the day its order was closed (``posted_at``), a return on the day it
came back, bonus points on the day their history line was written. ``*Prev`` is the percent
change against the span of the same length just before [inf, §5.7].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.harness import SimRequest, route
from app.vendors.simulators.posiflora_query import bad, list_param, when_param
from app.vendors.simulators.posiflora_state import PosifloraState
from app.vendors.simulators.posiflora_views import api_response, error_document, number

RANGES = ("day", "week", "month", "year", "custom")
CENT = Decimal("0.01")
MARGIN = Decimal("0.6")  # the demo shop's flowers and wrapping cost 40% of their price
_PREV = ("revenue", "paymentsRevenue", "profit", "ordersQty", "avgOrderSum", "ordersReturnedQty")


@dataclass(frozen=True, slots=True)
class Span:
    start: datetime
    end: datetime  # inclusive

    def __contains__(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment <= self.end

    def before(self) -> Span:
        """The span of the same length that ends just before this one starts."""
        step = timedelta(microseconds=1)
        return Span(self.start - (self.end - self.start) - step, self.start - step)


def requested_span(req: SimRequest, now: datetime) -> Span:
    range_ = req.query.get("filter[range]")
    if range_ not in RANGES:  # required (posiflora.md §4.4)
        raise bad("filter[range]", "one of " + ", ".join(RANGES))
    if range_ != "custom":
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        begins = {
            "day": today,
            "week": today - timedelta(days=today.weekday()),
            "month": today.replace(day=1),
            "year": today.replace(month=1, day=1),
        }
        return Span(begins[range_], now)
    start = when_param(req, "filter[rangeFrom]")
    end = when_param(req, "filter[rangeTo]")
    if start is None or end is None:
        name = "filter[rangeFrom]" if start is None else "filter[rangeTo]"
        raise bad(name, "given with a custom range (rangeFrom and rangeTo)")
    if "T" not in req.query["filter[rangeTo]"].strip().replace(" ", "T"):
        end += timedelta(days=1, microseconds=-1)  # a date alone: the whole of that day
    if end < start:
        raise bad("filter[rangeTo]", "on or after filter[rangeFrom]")
    return Span(start, end)


class StatsRoutes(PosifloraState):
    """``GET /v1/stats/stores/general`` and ``GET /v1/stores/{id}/stats``."""

    @route("GET", "/v1/stores/{id}/stats")
    def store_stats(self, req: SimRequest) -> Any:
        if not any(s.id == req.params["id"] for s in self.stores):
            raise error_document(404, "Not found", f"Store {req.params['id']} does not exist.")
        return self._stats(req, {req.params["id"]})

    @route("GET", "/v1/stats/stores/general")
    def network_stats(self, req: SimRequest) -> Any:
        chosen = list_param(req, "filter[stores]") or [s.id for s in self.stores]
        return self._stats(req, set(chosen))

    def _stats(self, req: SimRequest, store_ids: set[str]) -> Any:
        span = requested_span(req, self.now())
        attrs = self.figures(span, store_ids)
        before = self.figures(span.before(), store_ids)
        for key in _PREV:
            attrs[key + "Prev"] = _change(attrs[key], before[key])
        data = {
            "type": "store-stats",
            "id": "1",
            "attributes": {k: number(v) if isinstance(v, Decimal) else v for k, v in attrs.items()},
            "links": {"self": "/store-stats/1"},
        }
        return api_response(
            {"meta": {"calculatedAt": self.now().isoformat(timespec="seconds")}, "data": data}
        )

    def figures(self, span: Span, store_ids: set[str]) -> dict[str, Any]:
        """The ``store-stats`` attributes for orders of ``store_ids`` within ``span``."""
        mine = [o for o in self.orders.values() if o.store_id in store_ids]
        done = [o for o in mine if o.status == "done" and o.posted_at in span]
        returned = [o for o in mine if o.status == "returned" and o.updated_at in span]
        revenue = sum((o.total_amount for o in done), Decimal(0))
        points = sum((o.bonus_paid * self.rules.point_value for o in done), Decimal(0))
        ours = {o.id for o in mine}
        moved = [
            x.amount for x in self.bonus_lines() if x.order_id in ours and x.created_at in span
        ]
        return {
            "revenue": revenue,
            "paymentsRevenue": revenue - points,
            "profit": (revenue * MARGIN).quantize(CENT),
            "marginality": 60.0 if done else 0,
            "ordersQty": len(done),
            "avgOrderSum": (revenue / len(done)).quantize(CENT) if done else Decimal(0),
            "ordersReturnedQty": len(returned),
            "ordersReturnedAmount": sum((o.total_amount for o in returned), Decimal(0)),
            "checksPrinted": len(done),
            "discountAmount": 0,
            "discountShare": 0,
            "bonusesAccrued": sum(a for a in moved if a > 0),
            "bonusesSpent": -sum(a for a in moved if a < 0),
            "negativeBalance": False,
            "cashboxAmount": revenue - points,
        }


def _change(now: Any, before: Any) -> float:
    """Percent change, 0 when there was nothing before (the document shows no null)."""
    if not before:
        return 0.0
    return float(((Decimal(now) - Decimal(before)) * 100 / Decimal(before)).quantize(CENT))
