"""A stateful fake of Vroom's reporting API (vroom-and-endless-aisles.md Part A).

Orders come from :class:`OrderStream` and move with ``sim.clock``; promo codes are the only state
a client can change. Errors are shaped ``{"error": "..."}``, since Vroom documents none (§A6.13).
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime, timedelta
from typing import Any

import httpx

from app.vendors.simulators.faults import FaultPlan
from app.vendors.simulators.harness import Clock, SimError, SimRequest, Simulator, json_response
from app.vendors.simulators.routing import route
from app.vendors.simulators.vroom_data import make_customers, make_products, make_stores
from app.vendors.simulators.vroom_orders import OrderStream
from app.vendors.simulators.vroom_promos import PromoBook
from app.vendors.simulators.vroom_reports import (
    audit_logs,
    customer_contacts,
    sales_by_product,
    search_terms,
    transactions,
)
from app.vendors.simulators.vroom_wire import order_wire, parse_time

DEMO_EMAIL = "manager@example.com"
DEMO_PASSWORD = "demo-password"
WEEK = timedelta(days=7)
PROGRAM_START = timedelta(days=800)  # "the start of your online program" (§A2)
STATUS_GROUPS = (
    "orders_pending_less_than_ten_mins",
    "orders_pending_more_than_ten_mins",
    "orders_preparing_less_than_one_hour",
    "orders_preparing_more_than_one_hour",
    "orders_ready_less_than_one_hour",
    "orders_ready_more_than_one_hour",
    "orders_completed",
    "orders_canceled",
)


class VroomSimulator(Simulator):
    """Vroom's nine endpoints over seeded stores, customers, products and a live order stream."""

    vendor = "vroom"
    base_path = "/api/retailer/v1"

    def __init__(
        self,
        seed: int = 0,
        clock: Clock | None = None,
        faults: FaultPlan | None = None,
        *,
        store_count: int = 6,
        orders_per_hour: float = 3.0,
        email: str = DEMO_EMAIL,
        password: str = DEMO_PASSWORD,
    ) -> None:
        super().__init__(seed, clock, faults)
        self.email, self.password = email, password
        self.stores = make_stores(store_count, seed)
        self.customers = make_customers(max(40, store_count * 20), self.stores, seed)
        self.stream = OrderStream(
            seed, self.stores, make_products(), self.customers, orders_per_hour
        )
        self.promos = PromoBook(seed, {s.site_id for s in self.stores})

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        """§A1: HTTP Basic with the portal email and password, in ``Authorization``."""
        scheme, _, token = req.headers.get("Authorization", "").partition(" ")
        try:
            given = base64.b64decode(token, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            given = ""
        if scheme.lower() == "basic" and given == f"{self.email}:{self.password}":
            return None
        return json_response(
            {"error": "Invalid email or password"}, 401, {"WWW-Authenticate": 'Basic realm="Vroom"'}
        )

    def snapshot(self) -> dict[str, Any]:
        return {"vendor": self.vendor, "stores": len(self.stores), "promo_codes": len(self.promos)}

    # -- request reading ------------------------------------------------------------------------

    def _body(self, req: SimRequest) -> dict[str, Any]:
        if "application/json" not in req.headers.get("Content-Type", ""):
            raise SimError(415, {"error": "Content-Type must be application/json"})
        body = req.json() if req.body else {}
        if not isinstance(body, dict):
            raise SimError(400, {"error": "The request body must be a JSON object"})
        return body

    def _window(self, body: dict[str, Any], default_span: timedelta) -> tuple[datetime, datetime]:
        now = self.now()
        start = _time(body, "from_time") or now - default_span
        end = _time(body, "to_time") or now
        return start, end

    def _sites(self, body: dict[str, Any]) -> set[str] | None:
        sites = body.get("site_ids")
        if sites is None:
            return None
        if not isinstance(sites, list):
            raise SimError(400, {"error": "site_ids must be an array of strings"})
        # §A6.18: an empty list is unspecified; we read it as "all stores", like an absent one.
        return {str(s) for s in sites} or None

    def _orders(self, body: dict[str, Any], span: timedelta) -> list[Any]:
        start, end = self._window(body, span)
        return self.stream.orders(start, end, self.now(), self._sites(body))

    # -- endpoints ------------------------------------------------------------------------------

    @route("POST", "/analytics/order_statuses")
    def order_statuses(self, req: SimRequest) -> list[dict[str, Any]]:
        body = self._body(req)
        sites = self._sites(body)
        now = self.now()
        rows: dict[str, dict[str, list[str]]] = {
            s.site_id: {g: [] for g in STATUS_GROUPS}
            for s in self.stores
            if sites is None or s.site_id in sites
        }
        for order in self._orders(body, timedelta(hours=24)):
            rows[order.site_id][order.vroom_group(now)].append(order.order_id)
        return [
            {
                "site_id": site,
                **{g: {"count": len(ids), "order_ids": ids} for g, ids in groups.items()},
            }
            for site, groups in rows.items()
        ]

    @route("POST", "/analytics/orders")
    def orders(self, req: SimRequest) -> list[dict[str, Any]]:
        body = self._body(req)
        items = body.get("include_line_items") is True
        now = self.now()
        return [order_wire(o, now, items) for o in self._orders(body, WEEK)]

    @route("POST", "/analytics/line_items")
    def line_items(self, req: SimRequest) -> list[dict[str, Any]]:
        now = self.now()
        return [
            item
            for o in self._orders(self._body(req), WEEK)
            for item in order_wire(o, now, True)["line_items"]
        ]

    @route("POST", "/analytics/customer_contacts")
    def customer_contacts(self, req: SimRequest) -> list[dict[str, Any]]:
        body = self._body(req)
        now = self.now()
        window = self._window(body, PROGRAM_START)
        recent = self.stream.orders(now - WEEK, now, now, None)
        return customer_contacts(self.customers, recent, now, window, self._sites(body))

    @route("POST", "/analytics/transactions")
    def transactions(self, req: SimRequest) -> list[dict[str, Any]]:
        body = self._body(req)
        if _time(body, "from_time") is None or _time(body, "to_time") is None:
            # §A2: both are Required here, unlike every other endpoint.
            raise SimError(400, {"error": "from_time and to_time are required"})
        start, end = self._window(body, WEEK)
        # §A6.7: no site_ids filter on transactions.
        return transactions(self.stream.orders(start, end, self.now(), None), self.now())

    @route("POST", "/analytics/sales_by_product")
    def sales_by_product(self, req: SimRequest) -> list[dict[str, Any]]:
        return sales_by_product(self._orders(self._body(req), WEEK), self.now())

    @route("POST", "/analytics/search_terms")
    def search_terms(self, req: SimRequest) -> list[dict[str, Any]]:
        body = self._body(req)
        sites = self._sites(body)
        stores = [s for s in self.stores if sites is None or s.site_id in sites]
        return search_terms(stores, self.seed, *self._window(body, WEEK))

    @route("POST", "/analytics/audit_logs")
    def audit_logs(self, req: SimRequest) -> list[dict[str, Any]]:
        return audit_logs(self._orders(self._body(req), WEEK), self.now())

    @route("POST", "/marketing/create_promo_code")
    def create_promo_code(self, req: SimRequest) -> dict[str, Any]:
        return self.promos.create(self._body(req), self.now())


def _time(body: dict[str, Any], key: str) -> datetime | None:
    value = body.get(key)
    if value is None:
        return None
    try:
        return parse_time(str(value))
    except ValueError as exc:
        raise SimError(400, {"error": f"{key} is not a valid datetime"}) from exc
