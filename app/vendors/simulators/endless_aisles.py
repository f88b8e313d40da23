"""A stateful fake of the Endless Aisles Retailer API (vroom-and-endless-aisles.md PART B, C).

Stock runs out as orders are placed, orders ship after a while on ``sim.clock``, cancelling works
only inside the window, errors use the documented ``{"error": ...}`` bodies. Like the document,
it does not deduplicate on ``custom_order_id`` (B10: "undocumented"), so a blind resend doubles.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx

from app.vendors.simulators.endless_aisles_data import (
    NON_ENTITLED_SKU,
    SimProduct,
    SimSize,
    build_catalog,
)
from app.vendors.simulators.endless_aisles_orders import SimLine, SimOrder
from app.vendors.simulators.endless_aisles_put import validate_put
from app.vendors.simulators.endless_aisles_views import laravel_page, matches_query
from app.vendors.simulators.harness import SimError, SimRequest, Simulator, json_response, route

SIM_TOKEN = "sim-endless-aisles-token"
_NO_OPTION = "A product option with that id does not exist."  # B4.7 (E:969-971)


def error_body(messages: list[str]) -> dict[str, str]:
    """B7: validation messages as a JSON array inside a string, after a leading space."""
    return {"error": " " + json.dumps(messages)}


class EndlessAislesSimulator(Simulator):
    """Endless Aisles on ``/api/...``; tests read ``orders`` and ``sizes`` directly."""

    vendor = "endless-aisles"

    def __init__(
        self, seed: int = 0, *, token: str = SIM_TOKEN, deduct_stock: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(seed, **kwargs)
        self.token = token
        # B1: the test environment does not deduct stock; the demo does, so stock runs out.
        self.deduct_stock = deduct_stock
        self.products = build_catalog(seed)
        self.sizes = {s.id: (p, s) for p in self.products for s in p.sizes}
        self.orders: dict[int, SimOrder] = {}
        self.next_order_id = 10031

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        if req.headers.get("X-EA-REQUEST-TOKEN") != self.token:
            return json_response({"error": "Unauthenticated."}, 401)  # B10: body undocumented
        return None

    def snapshot(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "orders": len(self.orders),
            "references": [o.custom_order_id for o in self.orders.values()],
        }

    # -- products -----------------------------------------------------------------------------

    @route("GET", "/api/products")
    @route("GET", "/api/products/search")  # B9 #6: the example uses /search
    def search_products(self, req: SimRequest) -> dict[str, Any]:
        term = req.query.get("term", "").strip().lower()
        found = [p for p in self.products if _product_matches(p.wire(), term)]
        if req.query.get("sort") in ("asc", "desc"):  # B10: the sort key is unknown; title here
            found.sort(key=lambda p: p.title.lower(), reverse=req.query["sort"] == "desc")
        rows = [p.wire() for p in found]
        return laravel_page(rows, req.query, with_edge_urls=False)  # B9 #9

    @route("GET", "/api/products/{id}")
    def product(self, req: SimRequest) -> dict[str, Any]:
        for product in self.products:
            if str(product.id) == req.params["id"]:
                return {"data": product.wire()}
        raise SimError(404, {"error": _NO_OPTION})

    @route("GET", "/api/products/bysize/{id}")
    def product_by_size(self, req: SimRequest) -> dict[str, Any]:
        product, _size = self._size(req.params["id"])
        return {"data": product.wire()}

    @route("GET", "/api/products/{product_id}/options/{option_id}")
    def option(self, req: SimRequest) -> dict[str, Any]:
        product, size = self._size(req.params["option_id"])
        if str(product.id) != req.params["product_id"]:
            raise SimError(404, {"error": _NO_OPTION})
        return {
            "data": {  # B4.7: sku/retail instead of id/price
                "sku": size.id,
                "upc": size.upc,
                "brand": product.brand,
                "category": product.category,
                "species": product.species,
                "title": product.title,
                "size": size.description,
                "retail": size.price,
                "minimum_advertised_price": size.map_price,
                "wholesale": size.wholesale,
                "product_id": product.id,
            }
        }

    def _size(self, raw: str) -> tuple[SimProduct, SimSize]:
        found = self.sizes.get(int(raw)) if raw.isdigit() else None
        if found is None:
            raise SimError(404, {"error": _NO_OPTION})
        return found

    @route("GET", "/api/stock")
    def stock(self, req: SimRequest) -> dict[str, Any]:
        wanted = [s.strip() for s in req.query.get("sku", "").split(",") if s.strip()]
        if not wanted:
            return {"data": {str(k): v[1].stock for k, v in self.sizes.items()}}
        levels: dict[str, int] = {}
        for sku in wanted:
            if sku == str(NON_ENTITLED_SKU):
                levels[sku] = 0  # B4.8: non-entitled "always returns zero"
            elif sku.isdigit() and int(sku) in self.sizes:
                levels[sku] = self.sizes[int(sku)][1].stock
        return {"data": levels or []}  # B9 #24: nothing found is an empty array

    # -- orders -------------------------------------------------------------------------------

    @route("GET", "/api/orders")
    def list_orders(self, req: SimRequest) -> dict[str, Any]:
        now = self.now()
        rows = sorted(self.orders.values(), key=lambda o: o.id, reverse=True)  # "recency"
        rows = [o for o in rows if matches_query(o, req.query, now)]
        return laravel_page([o.list_item(now) for o in rows], req.query, with_edge_urls=True)

    @route("GET", "/api/orders/{id}")
    def order(self, req: SimRequest) -> dict[str, Any]:
        return {"data": self._order(req.params["id"]).detail(self.now())}

    @route("PUT", "/api/orders")
    def place(self, req: SimRequest) -> Any:
        body = req.json()
        problems, lines = validate_put(body, self.sizes)
        if problems:
            return 422, error_body(problems)  # B10: status undocumented; 422 as Laravel does
        order = self._create(body, lines)
        return {"data": order.put_answer()}

    @route("GET", "/api/orders/{id}/cancel")  # B9 #2: the HTTP Request line says GET ...
    @route("PUT", "/api/orders/{id}/cancel")  # ... the heading says PUT: serve both
    def cancel(self, req: SimRequest) -> Any:
        order = self._order(req.params["id"])
        now = self.now()
        if order.canceled_at is None and not order.cancellable(now):
            # B4.9: the refusal is undocumented; this sentence follows the doc's wording.
            return 422, {
                "error": f"Order {order.id} has already been packed at the warehouse "
                "and can no longer be cancelled."
            }
        if order.canceled_at is None:
            order.canceled_at = now
            self._restock(order)
        return {"data": order.detail(now)}

    def _order(self, raw: str) -> SimOrder:
        order = self.orders.get(int(raw)) if raw.isdigit() else None
        if order is None:
            raise SimError(404, {"error": "An order with that id does not exist."})
        return order

    def _create(self, body: dict[str, Any], lines: list[SimLine]) -> SimOrder:
        customer = body.get("customer") if isinstance(body.get("customer"), dict) else {}
        order = SimOrder(
            id=self.next_order_id,
            created_at=self.now(),
            email=str((customer or {}).get("email") or ""),
            shipping=dict(body["shipping"]),
            lines=lines,
            custom_order_id=str(body.get("custom_order_id") or ""),
            shipping_cost=Decimal(str(body.get("shipping_cost") or 0)),
            discount=Decimal(str(body.get("discount") or 0)),
        )
        self.next_order_id += 1
        self.orders[order.id] = order
        if self.deduct_stock:
            for line in lines:
                line.size.stock -= line.quantity
        return order

    def _restock(self, order: SimOrder) -> None:
        if self.deduct_stock:
            for line in order.lines:
                line.size.stock += line.quantity


def _product_matches(product: dict[str, Any], term: str) -> bool:
    if not term:
        return True
    text = " ".join(str(product.get(k) or "") for k in ("title", "brand", "description")).lower()
    meta = product.get("metadata") or {}
    text += " " + " ".join(str(meta.get(k) or "") for k in ("category", "subcategory", "species"))
    return all(word in text.lower() for word in term.replace("+", " ").split())
