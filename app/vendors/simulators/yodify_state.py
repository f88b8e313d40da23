"""State and shared helpers of the Yodify simulator: auth, paging, problem bodies, arrivals."""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from app.vendors.simulators.faults import FaultPlan
from app.vendors.simulators.harness import Clock, Simulator
from app.vendors.simulators.request import SimError, SimRequest, json_response
from app.vendors.simulators.yodify_data import build_catalog
from app.vendors.simulators.yodify_orders import SimShipment, SimTradeOrder, make_lines

TOKEN = "demo-yodify-token"
VALIDATION_TITLE = "One or more validation errors occurred."
# Orders that have already happened when the simulator starts, newest `NEW_BACKLOG` still new.
HISTORY = 36
NEW_BACKLOG = 5
_HISTORY_STATUSES = (
    "Processing", "Shipped", "Complete", "Processing", "Cancelled", "Complete",
    "PartiallyShipped", "RefundRequested", "Complete", "OnHold",
)  # fmt: skip  # "OnHold" is undocumented on purpose: clients must show it, not crash


class YodifyState(Simulator):
    """Catalog, accounts and orders; handlers live in the route mixins."""

    vendor = "yodify"

    def __init__(
        self,
        seed: int = 7,
        clock: Clock | None = None,
        faults: FaultPlan | None = None,
        *,
        sku_count: int = 3000,
        token: str = TOKEN,
        arrivals: bool = True,
    ) -> None:
        super().__init__(seed, clock, faults)
        self.token = token
        self.start = self.now()
        self.catalog = build_catalog(seed, sku_count, self.start)
        self._sku_list = list(self.catalog.skus.values())
        self.orders: dict[int, SimTradeOrder] = {}
        self.refusals: deque[int] = deque()  # statuses answered with no body (403, 429)
        self._next_order = 1000
        self._next_line = 5000
        self._next_shipment = 3543
        self._schedule: deque[datetime] = deque()
        self._seed_history()
        if arrivals:
            self._plan_arrivals(timedelta(days=3))

    # -- auth and bodiless refusals -------------------------------------------------------------

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        if self.refusals:
            # yodify.md §1.5: 403 and 429 come without a body (and 429 without Retry-After).
            return httpx.Response(self.refusals.popleft())
        if req.headers.get("Authorization") != f"Bearer {self.token}":
            body = {
                "errors": {},
                "detail": "The access token is missing, expired or not valid.",
                "instance": req.full_path,
                "status": 401,
                "title": "Unauthorized",
            }
            return json_response(body, 401, {"Content-Type": "application/problem+json"})
        return None

    def refuse_next(self, status: int, times: int = 1) -> None:
        """Answer the next ``times`` requests with a bare ``status`` (403 or 429)."""
        with self.lock:
            self.refusals.extend([status] * times)

    # -- helpers for handlers -------------------------------------------------------------------

    def problem(
        self,
        req: SimRequest,
        errors: dict[str, list[str]] | None = None,
        detail: str | None = None,
        status: int = 400,
    ) -> SimError:
        """A ``ValidationProblemDetails`` answer (§4.14)."""
        body = {
            "errors": errors or {},
            "detail": detail,
            "instance": req.full_path,
            "status": status,
            "title": VALIDATION_TITLE,
        }
        return SimError(status, body, {"Content-Type": "application/problem+json"})

    def values(self, req: SimRequest, name: str) -> list[str]:
        """A query array sent as repeated keys or comma-separated (§2.2: both are accepted)."""
        found = [part.strip() for raw in req.query_list(name) for part in raw.split(",")]
        return [value for value in found if value]

    def integer(self, req: SimRequest, name: str, default: int | None = None) -> int | None:
        raw = req.query.get(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError:
            raise self.problem(
                req, {name: [f"The value '{raw}' is not valid for {name}."]}
            ) from None

    def time_param(self, req: SimRequest, name: str) -> datetime | None:
        raw = req.query.get(name)
        if not raw:
            return None
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            raise self.problem(req, {name: [f"The value '{raw}' is not a valid date."]}) from None

    def decimal(self, req: SimRequest, body: dict[str, Any], name: str) -> Decimal | None:
        raw = body.get(name)
        if raw is None:
            return None
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            raise self.problem(req, {name: [f"The value for {name} is not a number."]}) from None

    def page(self, req: SimRequest, items: list[Any]) -> tuple[list[Any], bool]:
        """One page; ``Limit`` outside 1..100 is refused as the document says (§2.2)."""
        limit = self.integer(req, "Limit", 100) or 0
        if not 1 <= limit <= 100:
            raise self.problem(req, {"Limit": ["Limit must be between 1 and 100."]})
        number = max(1, self.integer(req, "Page", 1) or 1)  # 1-based; 0 is read as the first
        start = (number - 1) * limit
        return items[start : start + limit], start + limit < len(items)

    def envelope(self, req: SimRequest, items: list[Any], wire: Any) -> dict[str, Any]:
        """The ``{object: "list", ...}`` shape (§2.4) for one page of ``items``."""
        chunk, more = self.page(req, items)
        data = [wire(item) for item in chunk]
        return {
            "object": "list",
            "data": data,
            "has_more": more,
            "total_items": len(items),
            "url": req.full_path,
            "count": len(data),
        }

    def bare(self, req: SimRequest, items: list[Any], wire: Any) -> list[Any]:
        """A bare JSON array page (§2.5: Brands, Carriers, Orders, Products, Shipments)."""
        chunk, _ = self.page(req, items)
        return [wire(item) for item in chunk]

    # -- orders arriving over time --------------------------------------------------------------

    def place_order(self, account_id: int | None = None, status: str = "New") -> SimTradeOrder:
        """A trade customer checks out now (tests and the demo call this)."""
        with self.lock:
            self.arrive()
            return self._create_order(self.now(), status, account_id)

    def arrive(self) -> None:
        """Materialise every scheduled order whose time has come; ids follow arrival order."""
        now = self.now()
        while self._schedule and self._schedule[0] <= now:
            self._create_order(self._schedule.popleft(), "New")

    def _create_order(
        self, at: datetime, status: str, account_id: int | None = None
    ) -> SimTradeOrder:
        accounts = list(self.catalog.accounts.values())
        account = self.catalog.accounts.get(account_id or -1) or self.random.choice(accounts)
        lines = make_lines(self.random, self.catalog, account, self._next_line)
        self._next_line += len(lines)
        order_id, self._next_order = self._next_order, self._next_order + 1
        number = f"ORD-{at:%y%m%d}-{order_id}"
        order = SimTradeOrder(order_id, number, account, at, lines, status)
        self.orders[order_id] = order
        return order

    def add_shipment_record(
        self,
        order: SimTradeOrder,
        carrier: str,
        tracking: str,
        kind: str = "Tracked",
        client_identifier: str = "",
    ) -> SimShipment:
        shipment = SimShipment(self._next_shipment, order.id, carrier, tracking, kind,
                               self.now(), self.now(), client_identifier)  # fmt: skip
        self._next_shipment += 1
        order.shipments.append(shipment)
        return shipment

    def _seed_history(self) -> None:
        for index in range(HISTORY):
            back = HISTORY - index
            if back <= NEW_BACKLOG:
                at = self.start - timedelta(minutes=7 + 40 * back)  # a few minutes to hours old
                status = "New"
            else:
                at = self.start - timedelta(hours=6 * back)
                status = _HISTORY_STATUSES[index % len(_HISTORY_STATUSES)]
            order = self._create_order(at, status)
            if status in ("Shipped", "Complete", "PartiallyShipped", "RefundRequested"):
                self.add_shipment_record(order, "FedEx", f"7{order.id:011d}")

    def _plan_arrivals(self, horizon: timedelta) -> None:
        at = self.start
        while at < self.start + horizon:
            at += timedelta(minutes=self.random.randint(6, 30))
            self._schedule.append(at)
