"""Posiflora simulator: categories, stock items with per-store prices and costs, bouquets.

Price writes are checked against the OpenAPI file's shape (posiflora.md §5.3): ``price`` must be
an int32 and the store a known one. ``locked_items`` makes an item refuse price changes (422),
so a failed write and its reason can be shown. ``price_bodies`` keeps every price body received.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from app.vendors.simulators.harness import SimRequest, route
from app.vendors.simulators.posiflora_inventory_data import (
    SimBouquet,
    SimCategory,
    SimItem,
    SimPrice,
    barcode_resource,
    bouquet_resource,
    build_bouquets,
    build_categories,
    build_items,
    category_resource,
    item_resource,
    price_resource,
)
from app.vendors.simulators.posiflora_query import bool_param, list_param
from app.vendors.simulators.posiflora_state import PosifloraState
from app.vendors.simulators.posiflora_views import api_response, error_document, page_slice

LOCKED_REASON = "The price of this item is locked by a running promotion."


class InventoryRoutes(PosifloraState):
    """Needs ``stores``; call :meth:`build_inventory` from ``__init__``."""

    categories: list[SimCategory]
    items: dict[str, SimItem]
    bouquets: dict[str, SimBouquet]
    locked_items: set[str]
    price_bodies: list[tuple[str, Any]]

    def build_inventory(self, seed: int, items: int = 400, bouquets: int = 24) -> None:
        rng = random.Random(f"{seed}:inventory")
        now = self.now()
        self.categories = build_categories(rng)
        self.items = build_items(rng, items, now, self.categories, self.stores)
        self.bouquets = build_bouquets(rng, bouquets, now, self.stores)
        self.locked_items = set()
        self.price_bodies = []

    @route("GET", "/v1/categories")
    def list_categories(self, req: SimRequest) -> Any:
        meta = {"total": len(self.categories), "revision": 2}  # §5.4: no page params
        return api_response({"meta": meta, "data": [category_resource(c) for c in self.categories]})

    @route("GET", "/v1/inventory-items")
    def list_items(self, req: SimRequest) -> Any:
        store = req.query.get("filter[store]") or None
        rows = list(self.items.values())
        ids = list_param(req, "filter[id]")
        if ids:
            rows = [i for i in rows if i.id in ids]
        if store is not None:
            rows = [i for i in rows if store in i.prices]
        term = req.query.get("search", "").casefold()
        if term:
            rows = [i for i in rows if term in i.title.casefold() or term == i.barcode]
        if bool_param(req, "filter[hasActivePrices]"):
            rows = [i for i in rows if any(p.status == "on" for p in i.prices.values())]
        chunk, meta = page_slice(rows, req, flat=False)
        body = {
            "meta": meta,
            "data": [item_resource(i, store) for i in chunk],
            "included": [barcode_resource(i) for i in chunk],
        }
        return api_response(body)

    def _item(self, ident: str) -> SimItem:
        found = self.items.get(ident)
        if found is None:
            raise error_document(400, "Item not found", f"Inventory item {ident} does not exist.")
        return found

    def _price_object(self, item: SimItem, data: object, pointer: str) -> tuple[str, SimPrice]:
        """One ``prices`` object of a set or bulk-set body, validated and applied."""
        if not isinstance(data, dict) or data.get("type") != "prices":
            raise error_document(
                400, "Invalid type", "Expected a prices resource.", pointer=pointer
            )
        attrs = data.get("attributes") or {}
        price, status = attrs.get("price"), attrs.get("status", "on")
        if not isinstance(price, int) or isinstance(price, bool) or not 0 <= price < 2**31:
            detail = "price must be a whole number (int32)."
            raise error_document(
                422, "Invalid price", detail, pointer=f"{pointer}/attributes/price"
            )
        if status not in ("on", "off"):
            detail = "status must be on or off."
            raise error_document(
                422, "Invalid status", detail, pointer=f"{pointer}/attributes/status"
            )
        store = (((data.get("relationships") or {}).get("store") or {}).get("data")) or {}
        store_id = store.get("id") if isinstance(store, dict) else None
        if store_id not in {s.id for s in self.stores} or store.get("type") != "stores":
            detail = "relationships.store must name a known store."
            raise error_document(422, "Unknown store", detail, pointer=f"{pointer}/relationships")
        if item.id in self.locked_items:
            raise error_document(
                422, "Price locked", LOCKED_REASON, pointer=f"{pointer}/attributes"
            )
        current = item.prices.get(store_id)
        stock = current.quantity if current else Decimal(0)
        updated = SimPrice(Decimal(price), current.cost if current else None, stock)
        updated.status, updated.set_at = status, self.now()
        return store_id, updated

    def _body(self, req: SimRequest) -> Any:
        try:
            body = json.loads(req.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise error_document(
                400, "Invalid JSON", "The request body is not valid JSON."
            ) from None
        self.price_bodies.append((req.path, body))
        return body.get("data") if isinstance(body, dict) else None

    @route("POST", "/v1/inventory-items/{id}/prices")
    def set_price(self, req: SimRequest) -> Any:
        item = self._item(req.params["id"])
        store_id, price = self._price_object(item, self._body(req), "/data")
        item.prices[store_id] = price
        return api_response({"data": price_resource(item.id, store_id, price)})

    @route("POST", "/v1/inventory-items/{id}/bulk-prices")
    def set_prices(self, req: SimRequest) -> Any:
        item = self._item(req.params["id"])
        data = self._body(req)
        if not isinstance(data, list):
            raise error_document(400, "Invalid document", "data must be a list.", pointer="/data")
        applied = [self._price_object(item, d, f"/data/{n}") for n, d in enumerate(data)]
        item.prices.update(applied)
        return api_response({"data": [price_resource(item.id, s, p) for s, p in applied]})

    def _search(self, req: SimRequest, kind: str) -> tuple[list[SimItem], str]:
        data = json.loads(req.body.decode("utf-8")).get("data") or {}
        if data.get("type") != kind:
            raise error_document(400, "Invalid type", f"Expected {kind}.", pointer="/data/type")
        store_id = (((data.get("relationships") or {}).get("store") or {}).get("data") or {}).get(
            "id"
        )
        ids = (data.get("attributes") or {}).get("items") or []
        return [self.items[i] for i in ids if i in self.items], str(store_id)

    @route("POST", "/v1/inventory-items/last-costs")
    def last_costs(self, req: SimRequest) -> Any:
        items, store_id = self._search(req, "search-last-costs")
        rows = []
        for item in items:
            price = item.prices.get(store_id)
            cost = price.cost if price else None
            attrs = {"purchasePrice": cost, "costPrice": cost}
            rows.append(_cost_row("last-costs", item.id, store_id, attrs))
        return api_response({"data": rows})

    @route("POST", "/v1/inventory-items/net-costs")
    def net_costs(self, req: SimRequest) -> Any:
        items, store_id = self._search(req, "search-net-costs")
        rows = []
        for item in items:
            price = item.prices.get(store_id)
            attrs = {
                "cost": price.cost if price else None,
                "leftQty": price.quantity if price else 0,
                "date": self.now().date().isoformat(),
            }
            rows.append(_cost_row("net-costs", item.id, store_id, attrs))
        return api_response({"data": rows})

    @route("GET", "/v1/bouquets")
    def list_bouquets(self, req: SimRequest) -> Any:
        rows = sorted(self.bouquets.values(), key=lambda b: b.doc_no)
        chunk, meta = page_slice(rows, req, flat=False)
        prices = [b.sale_amount for b in rows]
        meta |= {"minPrice": min(prices, default=0), "maxPrice": max(prices, default=0)}
        meta |= {"totalAmount": sum(prices, start=0), "revision": self.revision}
        return api_response({"meta": meta, "data": [bouquet_resource(b) for b in chunk]})

    @route("PATCH", "/v1/bouquets/{id}")
    def update_bouquet(self, req: SimRequest) -> Any:
        bouquet = self.bouquets.get(req.params["id"])
        if bouquet is None:
            raise error_document(400, "Bouquet not found", f"Bouquet {req.params['id']} is gone.")
        data = self._body(req) or {}
        amount = (data.get("attributes") or {}).get("saleAmount")
        if not isinstance(amount, int | float) or isinstance(amount, bool) or amount < 0:
            detail = "saleAmount must be a number of zero or more."
            raise error_document(
                422, "Invalid amount", detail, pointer="/data/attributes/saleAmount"
            )
        bouquet.sale_amount = (
            Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
        )
        bouquet.updated_at, bouquet.revision = self.now(), self.next_revision()
        # §5.6: the example answers with the list shape; so does the simulator.
        return api_response({"meta": {"total": 1}, "data": [bouquet_resource(bouquet)]})


def _cost_row(kind: str, item_id: str, store_id: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": kind,
        "id": f"{kind}-{item_id}-{store_id}",
        "attributes": attrs,
        "relationships": {
            "item": {"data": {"type": "inventory-items", "id": item_id}},
            "store": {"data": {"type": "stores", "id": store_id}},
        },
    }
