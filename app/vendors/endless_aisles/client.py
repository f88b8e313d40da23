"""Endless Aisles Retailer API client (vroom-and-endless-aisles.md PART B) on the shared runtime."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

import httpx

from app.domain.dropship import CatalogItem, DropshipOrder, VendorOrder
from app.vendors.endless_aisles import wire
from app.vendors.endless_aisles.dates import format_since
from app.vendors.endless_aisles.errors import error_reader
from app.vendors.errors import VendorRejected
from app.vendors.http.auth import HeaderToken
from app.vendors.http.client import VendorHttp
from app.vendors.http.clock import Clock
from app.vendors.http.events import Listener

VENDOR = wire.VENDOR
TEST_BASE_URL = "https://app-qa.endlessaisles.io"  # B1 (E:26)
PRODUCTION_BASE_URL = "https://app.endlessaisles.io"  # B1 (E:28): orders here are fulfilled
PRODUCTION_HOST = "app.endlessaisles.io"
TOKEN_HEADER = "X-EA-REQUEST-TOKEN"  # B1 (E:22)
MAX_PAGES = 1000


@dataclass(frozen=True)
class Page:
    """One page of a Laravel paginator answer (B2), driven by current_page/last_page."""

    rows: list[dict[str, Any]]
    page: int
    last_page: int
    total: int | None

    @property
    def done(self) -> bool:
        return self.page >= self.last_page or not self.rows


def make_http(
    base_url: str,
    token: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    listener: Listener | None = None,
    clock: Clock | None = None,
) -> VendorHttp:
    """The runtime configured the way Endless Aisles wants it."""
    return VendorHttp(
        VENDOR,
        base_url.rstrip("/") + "/",  # B1: avoid "//api" when joining
        auth=HeaderToken(TOKEN_HEADER, token),
        transport=transport,
        error_reader=error_reader,
        listener=listener,
        clock=clock,
        idempotency_header=None,  # B10: no idempotency support is documented
    )


class EndlessAislesClient:
    """Catalog, stock and orders at Endless Aisles, as domain objects."""

    def __init__(self, http: VendorHttp, *, tz: tzinfo = UTC) -> None:
        self.http = http
        self.tz = tz  # B8: no timezone is documented; the shop's zone is assumed

    @property
    def is_production(self) -> bool:
        """True on the production host, where orders are really shipped (B1, E:28)."""
        return self.http.base_url.host == PRODUCTION_HOST

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- catalog ------------------------------------------------------------------------------

    async def search_products(
        self, term: str = "", *, sort: str | None = None, page: int = 1, per_page: int = 10
    ) -> tuple[list[CatalogItem], Page]:
        """One page of ``GET /api/products`` (B3 #5); one item per size."""
        params: dict[str, Any] = {"page": page, "per_page": per_page}  # B9 #4: send page
        if term:
            params["term"] = term
        if sort in ("asc", "desc"):
            params["sort"] = sort
        found = self._page(await self.http.get_json("/api/products", params=params), page)
        items = [item for row in found.rows for item in wire.product_items(row)]
        return items, found

    async def all_products(self, term: str = "", per_page: int = 100) -> AsyncIterator[CatalogItem]:
        """Every size of every product, page after page (B1: pull all, refresh every 24 h)."""
        page = 1
        while page <= MAX_PAGES:
            items, found = await self.search_products(term, page=page, per_page=per_page)
            for item in items:
                yield item
            if found.done:
                return
            page += 1

    async def product(self, product_id: str) -> list[CatalogItem]:
        body = await self.http.get_json(f"/api/products/{product_id}")
        return wire.product_items(self._data(body))

    async def product_by_size(self, size_id: str) -> list[CatalogItem]:
        """The whole product that owns size (SKU/option) ``size_id`` (B3 #7)."""
        body = await self.http.get_json(f"/api/products/bysize/{size_id}")
        return wire.product_items(self._data(body))

    async def item(self, size_id: str) -> CatalogItem | None:
        """The catalog item for one size id, or None when Endless Aisles does not know it."""
        try:
            items = await self.product_by_size(size_id)
        except VendorRejected as error:
            if error.status == 404:
                return None
            raise
        return next((i for i in items if i.item_id == str(size_id)), None)

    async def option(self, product_id: str, option_id: str) -> CatalogItem:
        body = await self.http.get_json(f"/api/products/{product_id}/options/{option_id}")
        return wire.option_item(self._data(body))

    async def stock(self, skus: Sequence[str] | None = None) -> dict[str, int]:
        """Available quantity per SKU; unknown SKUs are absent, non-entitled ones read 0 (B4.8)."""
        params = {"sku": ",".join(skus)} if skus else None
        return wire.stock_levels(await self.http.get_json("/api/stock", params=params))

    # -- orders -------------------------------------------------------------------------------

    async def orders(
        self,
        *,
        query: str | None = None,
        since: datetime | None = None,
        status: str | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> tuple[list[VendorOrder], Page]:
        """One page of ``GET /api/orders``: query = email, order number or last name (B3)."""
        params: dict[str, Any] = {"page": page, "per_page": per_page}
        if query:
            params["query"] = query
        if since is not None:
            params["since"] = format_since(since, self.tz)
        if status in ("open", "closed"):
            params["status"] = status
        found = self._page(await self.http.get_json("/api/orders", params=params), page)
        return [wire.parse_order(row, self.tz) for row in found.rows], found

    async def all_orders(
        self, *, query: str | None = None, since: datetime | None = None, status: str | None = None
    ) -> AsyncIterator[VendorOrder]:
        page = 1
        while page <= MAX_PAGES:
            found, info = await self.orders(query=query, since=since, status=status, page=page)
            for order in found:
                yield order
            if info.done:
                return
            page += 1

    async def order(self, order_id: str) -> VendorOrder:
        """One order with its lines and shipments (B4.2)."""
        body = await self.http.get_json(f"/api/orders/{order_id}")
        return wire.parse_order(self._data(body), self.tz)

    async def place_order(self, order: DropshipOrder) -> VendorOrder:
        """``PUT /api/orders`` (B5). Not retried: a lost answer raises VendorUncertain."""
        body = await self.http.send_json("PUT", "/api/orders", json=wire.order_body(order))
        placed = wire.parse_order(self._data(body), self.tz)
        # B10: custom_order_id is not echoed; the order is ours, so say so.
        return dataclasses.replace(placed, reference=order.reference)

    async def cancel_order(self, order_id: str) -> VendorOrder | None:
        """Cancel while the vendor allows it (B4.9); a refusal is VendorRejected with the reason.

        B9 #2: the HTTP Request line says GET, the heading says PUT. GET first; a 405 means this
        server wants PUT.
        """
        path = f"/api/orders/{order_id}/cancel"
        try:
            response = await self.http.request("GET", path, retry=False)
        except VendorRejected as error:
            if error.status != 405:
                raise
            response = await self.http.request("PUT", path)
        body = self.http.parse_json(response)  # B4.9: the answer is undocumented; may be empty
        data = body.get("data") if isinstance(body, dict) else None
        return wire.parse_order(data, self.tz) if isinstance(data, dict) else None

    # -- shapes -------------------------------------------------------------------------------

    def _data(self, body: object) -> dict[str, Any]:
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise self.http.protocol_error("expected {'data': {...}}")
        return data

    def _page(self, body: object, asked: int) -> Page:
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise self.http.protocol_error("expected a paginated {'data': [...]}")
        rows = [row for row in body["data"] if isinstance(row, dict)]
        current = _int(body.get("current_page"), asked)
        last = _int(body.get("last_page"), current)
        return Page(rows, current, last, _int(body.get("total"), len(rows)))


def _int(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    try:
        return int(str(value))
    except ValueError:
        return default
