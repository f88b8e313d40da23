"""A tiny shop simulator used only by the harness tests (and the serve subprocess test)."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import httpx

from app.vendors.simulators.harness import SimRequest, Simulator, json_response, route
from app.vendors.simulators.request import SimError

TOKEN = "good-token"


class ShopSimulator(Simulator):
    vendor = "shop"
    base_path = "/api/v1"

    def __init__(self, seed: int = 0, **kwargs: Any) -> None:
        super().__init__(seed=seed, **kwargs)
        self.orders: dict[str, dict[str, Any]] = {}
        self.counter = 0
        self.items = [f"item-{self.random.randint(1000, 9999)}" for _ in range(3)]

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        if req.headers.get("Authorization") != f"Bearer {TOKEN}":
            return json_response({"error": "unauthorized"}, 401)
        return None

    def snapshot(self) -> dict[str, Any]:
        return {"orders": sorted(self.orders), "counter": self.counter}

    @route("POST", "/token", auth=False)
    def token(self, req: SimRequest) -> dict[str, Any]:
        form = req.form()
        if form.get("client_secret") != "s3cret":
            raise SimError(401, {"error": "invalid_client"})
        return {"access_token": TOKEN, "scopes": req.form_list("scope")}

    @route("GET", "/orders")
    def list_orders(self, req: SimRequest) -> list[dict[str, Any]]:
        wanted = set(req.query_list("Statuses"))
        return [o for o in self.orders.values() if not wanted or o["status"] in wanted]

    @route("POST", "/orders")
    def create_order(self, req: SimRequest) -> tuple[int, dict[str, Any]]:
        data = req.json()
        order_id = str(data["id"])
        order: dict[str, Any] = {
            "id": order_id,
            "status": "new",
            "total": Decimal(str(data.get("total", "0"))),
            "created": self.now(),
        }
        self.orders[order_id] = order
        return 201, order

    @route("GET", "/orders/search")
    def search(self, req: SimRequest) -> dict[str, Any]:
        return {"search": req.query.get("q", "")}

    @route("GET", "/orders/{order_id}")
    def get_order(self, req: SimRequest) -> dict[str, Any]:
        order = self.orders.get(req.params["order_id"])
        if order is None:
            raise SimError(404, {"error": "no such order"})
        return order

    @route("PUT", "/orders/{order_id}")
    def update_order(self, req: SimRequest) -> dict[str, Any]:
        order = self.orders.setdefault(req.params["order_id"], {"id": req.params["order_id"]})
        order["status"] = req.json()["status"]
        return order

    @route("DELETE", "/orders/{order_id}")
    def delete_order(self, req: SimRequest) -> None:
        self.orders.pop(req.params["order_id"], None)

    @route("GET", "/items/")
    def items_exact_slash(self, req: SimRequest) -> list[str]:
        return self.items

    @route("GET", "/stock", slash_optional=True)
    def stock(self, req: SimRequest) -> tuple[int, str, dict[str, str]]:
        return 200, "plenty", {"Content-Type": "text/plain", "X-Stock": "yes"}

    @route("POST", "/counter")
    def bump(self, req: SimRequest) -> dict[str, int]:
        seen = self.counter
        time.sleep(0.001)  # widens the read-modify-write window the state lock must close
        self.counter = seen + 1
        return {"counter": self.counter}

    @route("GET", "/boom")
    def boom(self, req: SimRequest) -> dict[str, Any]:
        raise RuntimeError("handler bug")


AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE_URL = "http://shop.test/api/v1"


def call(sim: Simulator, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request through the in-process transport, as a vendor client would send it."""
    import asyncio

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(
            transport=sim.transport(), base_url=BASE_URL, headers=AUTH
        ) as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(send())
