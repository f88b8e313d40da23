"""A stateful fake of Posiflora (posiflora.md, posiflora-openapi.json): sessions and customers.

Sessions expire on ``sim.clock``; customers, groups and bonus history come from a seed; orders,
stores and the bonus rules live in ``posiflora_orders``, the shop's past days in
``posiflora_past`` and store stats in ``posiflora_stats``. Paths sit under ``/api/v1``.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx

from app.domain.bonuses import BonusRules
from app.vendors.simulators.harness import SimRequest, route
from app.vendors.simulators.posiflora_customers import CustomerRoutes
from app.vendors.simulators.posiflora_data import (
    SimHistoryLine,
    build_customers,
    build_orders,
    build_stores,
    default_groups,
)
from app.vendors.simulators.posiflora_inventory import InventoryRoutes
from app.vendors.simulators.posiflora_order_lines import OrderDetailRoutes
from app.vendors.simulators.posiflora_orders import OrderRoutes
from app.vendors.simulators.posiflora_past import (
    PAST_DAYS,
    build_past_orders,
    history_for,
    settle_bonuses,
    window_start,
)
from app.vendors.simulators.posiflora_stats import StatsRoutes
from app.vendors.simulators.posiflora_views import api_response, error_document, read_body, stamp

SIM_USERNAME = "florist@example.com"
SIM_PASSWORD = "demo-password"
ACCESS_LIFETIME = timedelta(hours=1)  # posiflora.md §2.1: expireAt = issue + 1 h
REFRESH_LIFETIME = timedelta(days=30)


class PosifloraSimulator(
    CustomerRoutes, OrderRoutes, OrderDetailRoutes, InventoryRoutes, StatsRoutes
):
    """Posiflora with ``customers`` (dict by id), ``orders``, ``stores`` and session tables.

    ``orders``: how many orders were taken today, in every status (they come first in
    ``self.orders``); ``past_days``: days before today that have closed orders of their own.
    ``returned``: that many of today's done orders were returned a little later (posiflora.md
    §6.1: ``returned`` follows ``done``), so the board's "Returned" column has something to count.
    """

    vendor = "posiflora"
    base_path = "/api"

    def __init__(
        self,
        seed: int = 0,
        *,
        customers: int = 300,
        orders: int = 40,
        rules: BonusRules | None = None,
        username: str = SIM_USERNAME,
        password: str = SIM_PASSWORD,
        access_lifetime: timedelta = ACCESS_LIFETIME,
        inventory_items: int = 400,
        bouquets: int = 24,
        returned: int = 0,
        past_days: int = PAST_DAYS,
        **kwargs: Any,
    ) -> None:
        super().__init__(seed, **kwargs)
        self.username, self.password = username, password
        self.access_lifetime = access_lifetime
        self.rules = rules or BonusRules()
        now = self.now()
        self.bonus_groups, self.discount_groups = default_groups()
        rng = random.Random(seed)
        group_ids = [g.id for g in self.bonus_groups]
        self.customers = build_customers(rng, customers, now, group_ids)
        self.stores = build_stores(rng)
        ids = list(itertools.islice(self.customers, 200))
        self.orders = build_orders(rng, orders, now, self.stores, ids)
        todays = list(self.orders.values())
        # The past has rngs of its own, so today's orders stay what they were for a seed.
        self.window_start = window_start(now, past_days)
        regulars = [self.customers[i] for i in ids]
        self.orders.update(build_past_orders(seed, now, past_days, self.stores, regulars))
        for customer in self.customers.values():
            if customer.created_at >= self.window_start:  # joined lately: no older balance
                customer.current_points = customer.spent_points = 0
        self._recent = settle_bonuses(
            seed,
            self.orders.values(),
            self.customers,
            self._group_of,
            self.rules,
        )
        self._history: dict[str, list[SimHistoryLine]] = {}
        self.access_tokens: dict[str, Any] = {}
        self.refresh_tokens: dict[str, Any] = {}
        self._counter = itertools.count(1)
        self.revision = 1000
        self.build_inventory(seed, inventory_items, bouquets)
        self.order_lines = {}
        done = [o for o in sorted(todays, key=lambda o: o.created_at) if o.status == "done"]
        for order in done[:returned]:
            self.mark_returned(order, at=min(now, order.created_at + timedelta(minutes=45)))

    def snapshot(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "customers": len(self.customers),
            "orders": len(self.orders),
            "sessions": len(self.access_tokens),
        }

    def history(self, customer_id: str) -> list[SimHistoryLine]:
        """A customer's bonus history, generated on first use and then kept.

        Older lines (from the seed, up to where the generated orders begin) bring the balance to
        what it was before the recent orders; those orders' own lines follow, oldest first.
        """
        if customer_id not in self._history:
            customer = self.customers[customer_id]
            recent = self._recent.pop(customer_id, [])
            balance = customer.current_points - sum(x.amount for x in recent)
            spent = customer.spent_points + sum(x.amount for x in recent if x.amount < 0)
            older = history_for(
                self.seed, customer, self.window_start, balance=balance, spent=spent
            )
            lines = older + recent
            for n, line in enumerate(lines, 1):
                line.id = f"{customer_id[:8]}-{n}"
            self._history[customer_id] = lines
        return self._history[customer_id]

    def bonus_lines(self) -> Iterator[SimHistoryLine]:
        """Lines of customers not looked at yet, then of those whose history is out."""
        for lines in itertools.chain(self._recent.values(), self._history.values()):
            yield from lines

    # -- sessions (posiflora.md §2) -----------------------------------------------------------

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        match = re.fullmatch(r"Bearer (\S+)", req.headers.get("Authorization", ""))
        expires = self.access_tokens.get(match.group(1)) if match else None
        if expires is None or self.now() >= expires:
            detail = "The access token is missing, unknown or expired."
            return error_document(401, "Unauthorized", detail, code="unauthorized").response()
        return None

    @route("POST", "/v1/sessions", auth=False)
    def create_session(self, req: SimRequest) -> httpx.Response:
        attrs = read_body(req, "sessions").get("attributes") or {}
        for name in ("username", "password"):
            if not attrs.get(name):
                raise error_document(
                    422, "Missing field", f"{name} is required.", pointer=f"/data/attributes/{name}"
                )
        if (attrs["username"], attrs["password"]) != (self.username, self.password):
            raise error_document(401, "Invalid credentials", "Wrong user name or password.")
        return self._issue()

    @route("PATCH", "/v1/sessions", auth=False)
    def refresh_session(self, req: SimRequest) -> httpx.Response:
        token = (read_body(req, "sessions").get("attributes") or {}).get("refreshToken")
        if not token:
            raise error_document(
                422,
                "Missing field",
                "refreshToken is required.",
                pointer="/data/attributes/refreshToken",
            )
        expires = self.refresh_tokens.pop(token, None)
        if expires is None or self.now() >= expires:
            raise error_document(
                401, "Invalid refresh token", "The refresh token is unknown or expired."
            )
        return self._issue()

    def _issue(self) -> httpx.Response:
        now, n = self.now(), next(self._counter)
        access, refresh = f"sim-access-{self.seed}-{n}", f"sim-refresh-{self.seed}-{n}"
        self.access_tokens[access] = now + self.access_lifetime
        self.refresh_tokens[refresh] = now + REFRESH_LIFETIME
        attributes = {
            "expireAt": stamp(now + self.access_lifetime),
            "refreshExpireAt": stamp(now + REFRESH_LIFETIME),
            "accessToken": access,
            "refreshToken": refresh,
            "saasCustomerId": 1,
        }
        data = {
            "type": "sessions",
            "id": "current",
            "attributes": attributes,
            "relationships": {"worker": {"data": None}},
        }
        return api_response({"data": data})  # posiflora.md §2.1: 200, not 201

    def expire_sessions(self) -> None:
        """Tests: make every access token stale at once (a server restart, a revoked key)."""
        self.access_tokens.clear()
