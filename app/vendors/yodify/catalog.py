"""SKUs (stock and prices), products, brands, carriers, shipping rates and search."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import TypeVar
from urllib.parse import quote

from app.domain.wholesale_catalog import Brand, Carrier, Product, SearchHit, ShippingRate, Sku
from app.vendors.yodify.base import Params, YodifyBase
from app.vendors.yodify.catalog_wire import (
    adjust_inventory_body,
    brand_from_wire,
    carrier_from_wire,
    product_from_wire,
    search_hit_from_wire,
    shipping_rate_from_wire,
    sku_from_wire,
    update_inventory_body,
    update_price_body,
)
from app.vendors.yodify.wire import MAX_LIMIT, JsonObject, WireError, format_time

T = TypeVar("T")
SEARCH_TYPES = ("Product", "Brand", "Category", "Inventory")  # §2.3


class CatalogApi(YodifyBase):
    """``/api/v1/SKUs`` (envelope), ``Products``/``Brands``/``Carriers`` (bare arrays), more."""

    def _parse(self, what: str, parse: Callable[[JsonObject], T], raw: object) -> T:
        if not isinstance(raw, dict):
            raise self.http.protocol_error(f"{what}: expected an object")
        try:
            return parse(raw)
        except WireError as error:
            raise self.http.protocol_error(f"{what}: {error}") from error

    def _parse_all(
        self, what: str, parse: Callable[[JsonObject], T], items: Iterable[JsonObject]
    ) -> list[T]:
        return [self._parse(what, parse, item) for item in items]

    # -- SKUs -----------------------------------------------------------------------------------

    async def list_skus(
        self,
        *,
        brand_id: int | None = None,
        since_id: int | None = None,
        ids: Iterable[int] = (),
        created_from: datetime | None = None,
    ) -> list[Sku]:
        """Every SKU: the first page tells the total, the rest are fetched concurrently."""
        params: Params = [("Ids", i) for i in ids]
        if brand_id is not None:
            params.append(("BrandId", brand_id))
        if since_id is not None:
            params.append(("SinceId", since_id))
        if created_from is not None:
            params.append(("CreatedOnMin", format_time(created_from)))
        items = await self._all_items("/SKUs", params, limit=MAX_LIMIT)
        return self._parse_all("sku", sku_from_wire, items)

    async def get_sku(self, sku_id: int) -> Sku:
        return self._parse("sku", sku_from_wire, await self._get(f"/SKUs/{sku_id}"))

    async def adjust_inventory(self, sku_id: int, delta: Decimal) -> Sku:
        """Add (positive) or remove (negative) stock. Relative, so never retried blindly."""
        body = adjust_inventory_body(delta)
        raw = await self._call("PUT", f"/SKUs/AdjustInventory/{sku_id}", json=body, retry=False)
        return self._parse("sku", sku_from_wire, raw)

    async def set_inventory(
        self, sku_id: int, inventory: Decimal, *, idempotency_key: str | None = None
    ) -> Sku:
        """Set the stock to an absolute count: sending it twice does no harm."""
        body = update_inventory_body(inventory)
        raw = await self._call(
            "PUT",
            f"/SKUs/UpdateInventory/{sku_id}",
            json=body,
            idempotency_key=idempotency_key,  # absolute: a keyed write may be retried
        )
        return self._parse("sku", sku_from_wire, raw)

    async def set_price(
        self,
        sku_id: int,
        list_price: Decimal | None,
        *,
        sale_price: Decimal | None = None,
        on_sale: bool = False,
        sale_start: datetime | None = None,
        sale_end: datetime | None = None,
        idempotency_key: str | None = None,
    ) -> Sku:
        """Set list and sale price, the on-sale flag and the sale window (absolute)."""
        body = update_price_body(list_price, sale_price, on_sale, sale_start, sale_end)
        raw = await self._call(
            "PUT",
            f"/SKUs/UpdatePrice/{sku_id}",
            json=body,
            idempotency_key=idempotency_key,  # absolute: a keyed write may be retried
        )
        return self._parse("sku", sku_from_wire, raw)

    # -- products, brands, carriers, shipping rates, search -------------------------------------

    async def list_products(self, *, brand_id: int | None = None) -> list[Product]:
        params: Params = [] if brand_id is None else [("BrandId", brand_id)]
        items = await self._all_items("/Products", params)
        return self._parse_all("product", product_from_wire, items)

    async def get_product(self, product_id: int) -> Product:
        raw = await self._get(f"/Products/{product_id}")
        return self._parse("product", product_from_wire, raw)

    async def list_brands(self) -> list[Brand]:
        return self._parse_all("brand", brand_from_wire, await self._all_items("/Brands"))

    async def get_brand(self, brand_id: int) -> Brand:
        return self._parse("brand", brand_from_wire, await self._get(f"/Brands/{brand_id}"))

    async def list_carriers(self) -> list[Carrier]:
        return self._parse_all("carrier", carrier_from_wire, await self._all_items("/Carriers"))

    async def list_shipping_rates(self) -> list[ShippingRate]:
        items = await self._all_items("/ShippingRates")
        return self._parse_all("shipping rate", shipping_rate_from_wire, items)

    async def search(
        self, term: str, *, types: Iterable[str] = (), limit: int = 25, page: int = 1
    ) -> list[SearchHit]:
        """Global search (§4.12); ``types`` among Product, Brand, Category, Inventory."""
        params: Params = [("Term", term), *(("Types", t) for t in types)]
        found = await self._page("/Search", params, page, limit)
        return self._parse_all("search result", search_hit_from_wire, found.items)


def quote_segment(text: str) -> str:
    """A path segment with spaces and slashes escaped (GetByName, §6 item 42)."""
    return quote(text, safe="")
