"""SKU, product, brand, carrier, shipping-rate and search routes of the Yodify simulator."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.vendors.simulators.request import SimRequest
from app.vendors.simulators.routing import route
from app.vendors.simulators.yodify_data import (
    CARRIERS,
    SimProduct,
    SimSku,
    brand_wire,
    carrier_wire,
)
from app.vendors.simulators.yodify_orders import stamp
from app.vendors.simulators.yodify_state import YodifyState

API = "/api/v1"
SHIPPING_RATES = (
    (4, "Cold Chain Overnight", "24.00", "6.00", True),
    (5, "Hard Goods Ground", "9.99", "2.50", False),
)


class CatalogRoutes(YodifyState):
    def sku_wire(self, sku: SimSku) -> dict[str, Any]:
        product = self.catalog.products[sku.product_id]
        return {
            "id": sku.id,
            "object": "sku",
            "client_identifier": "",
            "store_product_id": sku.product_id,
            "library_product_id": sku.product_id,
            "product": self.product_wire(product),
            "brand": brand_wire(sku.brand_id, self.catalog.brands[sku.brand_id]),
            "sku_identifier": sku.sku,
            "manufacturer_part_number": sku.sku,
            "short_description": sku.name,
            "description": "",
            "list_price": sku.list_price,
            "sale_price": sku.sale_price,
            "is_on_sale": sku.is_on_sale,
            "sale_start_date": stamp(sku.sale_start),
            "sale_end_date": stamp(sku.sale_end),
            "inventory": sku.inventory,
            "unit_of_measure": sku.unit,
            "unit_of_measure_quantity": 1,
            "allow_backorders": False,
            "always_in_stock": False,
            "price_discounts": sku.price_discounts,
            "price_visibility": "InheritFromProduct",
            "created_on": stamp(sku.created_on),
            "modified_on": stamp(sku.modified_on),
        }

    def product_wire(self, product: SimProduct) -> dict[str, Any]:
        return {
            "id": product.id,
            "library_product_id": product.id,
            "object": "product",
            "client_identifier": "",
            "name": product.name,
            "short_name": product.short_name,
            "short_description": product.name,
            "primary_image": "",
            "brand_id": product.brand_id,
            "brand": {},
            "created_on": stamp(product.created_on),
            "url": "",
        }

    def _sku(self, req: SimRequest) -> SimSku:
        sku = self.catalog.skus.get(int(req.params["id"]) if req.params["id"].isdigit() else -1)
        if sku is None:
            raise self.problem(req, detail=f"SKU {req.params['id']} was not found.")
        return sku

    @route("GET", API + "/SKUs")
    def list_skus(self, req: SimRequest) -> dict[str, Any]:
        skus = self._sku_list
        since = self.integer(req, "SinceId")
        brand = self.integer(req, "BrandId")
        ids = {int(v) for v in self.values(req, "Ids") if v.isdigit()}
        low = self.time_param(req, "CreatedOnMin")
        if since is not None or brand is not None or ids or low is not None:
            skus = [
                s
                for s in skus
                if (since is None or s.id > since)
                and (brand is None or s.brand_id == brand)
                and (not ids or s.id in ids)
                and (low is None or s.created_on >= low)
            ]
        return self.envelope(req, skus, self.sku_wire)

    @route("GET", API + "/SKUs/{id}")
    def get_sku(self, req: SimRequest) -> dict[str, Any]:
        return self.sku_wire(self._sku(req))

    @route("PUT", API + "/SKUs/AdjustInventory/{id}")
    def adjust_inventory(self, req: SimRequest) -> dict[str, Any]:
        sku, body = self._sku(req), req.json()
        delta = self.decimal(req, body, "inventory_adjustment")
        if delta is None:
            raise self.problem(req, {"inventory_adjustment": ["An adjustment is required."]})
        sku.inventory += delta
        sku.modified_on = self.now()
        return self.sku_wire(sku)

    @route("PUT", API + "/SKUs/UpdateInventory/{id}")
    def update_inventory(self, req: SimRequest) -> dict[str, Any]:
        sku, body = self._sku(req), req.json()
        value = self.decimal(req, body, "inventory")
        if value is not None:
            sku.inventory = value
        if body.get("unit_of_measure"):
            sku.unit = str(body["unit_of_measure"])
        sku.modified_on = self.now()
        return self.sku_wire(sku)

    @route("PUT", API + "/SKUs/UpdatePrice/{id}")
    def update_price(self, req: SimRequest) -> dict[str, Any]:
        sku, body = self._sku(req), req.json()
        list_price = self.decimal(req, body, "list_price")
        sale_price = self.decimal(req, body, "sale_price")
        for name, value in (("list_price", list_price), ("sale_price", sale_price)):
            if value is not None and value < 0:
                raise self.problem(req, {name: ["The price cannot be negative."]})
        if list_price is not None:
            sku.list_price = list_price
        sku.sale_price = sale_price
        sku.is_on_sale = bool(body.get("is_on_sale"))
        sku.sale_start = self.body_time(req, body, "sale_start_date")
        sku.sale_end = self.body_time(req, body, "sale_end_date")
        sku.modified_on = self.now()
        return self.sku_wire(sku)

    def body_time(self, req: SimRequest, body: dict[str, Any], name: str) -> Any:
        raw = body.get(name)
        if not raw:
            return None
        try:
            return datetime.fromisoformat(str(raw))
        except ValueError:
            raise self.problem(req, {name: [f"'{raw}' is not a valid date."]}) from None

    @route("GET", API + "/Products")
    def list_products(self, req: SimRequest) -> list[Any]:
        brand = self.integer(req, "BrandId")
        products = [p for p in self.catalog.products.values() if brand in (None, p.brand_id)]
        return self.bare(req, products, self.product_wire)

    @route("GET", API + "/Products/{id}")
    def get_product(self, req: SimRequest) -> dict[str, Any]:
        raw = req.params["id"]
        product = self.catalog.products.get(int(raw) if raw.isdigit() else -1)
        if product is None:
            raise self.problem(req, detail=f"Product {raw} was not found.")
        return self.product_wire(product)

    @route("GET", API + "/Brands")
    def list_brands(self, req: SimRequest) -> list[Any]:
        return self.bare(req, list(self.catalog.brands.items()), lambda b: brand_wire(*b))

    @route("GET", API + "/Brands/{id}")
    def get_brand(self, req: SimRequest) -> dict[str, Any]:
        raw = req.params["id"]
        name = self.catalog.brands.get(int(raw) if raw.isdigit() else -1)
        if name is None:
            raise self.problem(req, detail=f"Brand {raw} was not found.")
        return brand_wire(int(raw), name)

    @route("GET", API + "/Carriers")
    def list_carriers(self, req: SimRequest) -> list[Any]:
        return self.bare(req, list(CARRIERS), carrier_wire)

    @route("GET", API + "/ShippingRates")
    def list_shipping_rates(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, list(SHIPPING_RATES), _rate_wire)

    @route("GET", API + "/Search")
    def search(self, req: SimRequest) -> dict[str, Any]:
        term = req.query.get("Term", "").strip().lower()
        types = set(self.values(req, "Types")) or {"Product", "Brand", "Inventory"}
        hits: list[dict[str, Any]] = []
        if term and "Brand" in types:
            hits += [
                _hit(i, n, "Brand", n) for i, n in self.catalog.brands.items() if term in n.lower()
            ]
        if term and "Product" in types:
            for p in self.catalog.products.values():
                if term in p.name.lower():
                    hits.append(_hit(p.id, p.name, "Product", self.catalog.brands[p.brand_id]))
        if term and "Inventory" in types:
            for s in self._sku_list:
                if term in s.sku.lower():
                    hits.append(_hit(s.id, s.name, "Inventory", self.catalog.brands[s.brand_id]))
        return self.envelope(req, hits, lambda hit: hit)


def _hit(hit_id: int, name: str, kind: str, brand: str) -> dict[str, Any]:
    return {
        "id": hit_id,
        "object": "search_result",
        "name": name,
        "short_name": name[:24],
        "primary_image": "",
        "url": "",
        "short_description": name,
        "brand_name": brand,
        "type": kind,
        "related": [],
    }


def _rate_wire(rate: tuple[int, str, str, str, bool]) -> dict[str, Any]:
    rate_id, name, base, extra, default = rate
    return {
        "id": rate_id,
        "object": "shippingrate",
        "client_identifier": "",
        "name": name,
        "shipping_economy": float(base),
        "shipping_economy_additional": float(extra),
        "is_free_shipping": False,
        "economy_days_from": 1 if default else 3,
        "economy_days_to": 2 if default else 6,
        "shipping_priority": float(base) * 2,
        "shipping_priority_additional": float(extra),
        "is_free_shipping_priority": False,
        "priority_days_from": 1,
        "priority_days_to": 1,
        "is_default": default,
        "notes": "",
    }
