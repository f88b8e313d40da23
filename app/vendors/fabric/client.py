"""fabric Marketplace (dropship) client (fabric.md) on the shared runtime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.domain.dropship import CatalogItem, DropshipOrder, VendorOrder
from app.vendors.errors import VendorRejected
from app.vendors.fabric import order_wire, wire
from app.vendors.fabric.errors import error_reader
from app.vendors.fabric.order_wire import FabricShipment
from app.vendors.fabric.wire import InventoryLevel
from app.vendors.http.client import VendorHttp
from app.vendors.http.clock import Clock
from app.vendors.http.events import Listener
from app.vendors.http.tokens import OAuthClientCredentials

VENDOR = wire.VENDOR
SANDBOX_BASE_URL = "https://marketplace-api-sandbox.fabric.inc"  # §1.4
PRODUCTION_BASE_URL = "https://marketplace-api.fabric.inc"
PRODUCTION_HOST = "marketplace-api.fabric.inc"
# §2: the seed's token request goes to the bare API base "/v1/" (almost certainly a doc error,
# so the URL is configurable; RevCascade [EXT] uses /auth/token/).
DEFAULT_TOKEN_PATH = "/v1/"
TOKEN_LIFETIME = 36000.0  # §2: "Tokens are valid for 10 hours."
MAX_PAGES = 10_000


def origin(base_url: str) -> str:
    """§1.4: the documented base ends in /v1/ and the paths start with /v1/; keep the origin."""
    parts = urlsplit(base_url if "://" in base_url else "https://" + base_url)
    return f"{parts.scheme}://{parts.netloc}"


def make_http(
    base_url: str,
    client_id: str,
    client_secret: str,
    *,
    token_url: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    listener: Listener | None = None,
    clock: Clock | None = None,
) -> VendorHttp:
    """The runtime with fabric's OAuth2 client-credentials grant (form body, 10 h tokens)."""
    root = origin(base_url)
    auth = OAuthClientCredentials(
        token_url or root + DEFAULT_TOKEN_PATH,
        client_id,
        client_secret,
        default_lifetime=TOKEN_LIFETIME,
    )
    return VendorHttp(
        VENDOR,
        root + "/",
        auth=auth,
        transport=transport,
        listener=listener,
        clock=clock,
        error_reader=error_reader,
        idempotency_header=None,
    )  # §5: no idempotency documented


class FabricClient:
    """Variants, inventory, purchase orders and shipments for one retailer."""

    def __init__(self, http: VendorHttp, retailer_id: int | str) -> None:
        self.http = http
        self.retailer_id = str(retailer_id)

    @property
    def is_production(self) -> bool:
        return self.http.base_url.host == PRODUCTION_HOST

    def path(self, tail: str) -> str:
        """``/v1/retailers/<id>/<tail>`` with the trailing slash every route has (§1.4)."""
        return f"/v1/retailers/{self.retailer_id}/{tail.strip('/')}/"

    async def aclose(self) -> None:
        await self.http.aclose()

    async def pages(
        self, tail: str, params: dict[str, Any] | None = None
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """DRF pages (§3.1): follow ``next`` until null. Only its path and query are used, so the
        token never travels to a host other than the configured one."""
        url: str = self.path(tail)
        query: dict[str, Any] | None = params
        for _ in range(MAX_PAGES):
            body = await self.http.get_json(url, params=query)
            if not isinstance(body, dict) or not isinstance(body.get("results"), list):
                raise self.http.protocol_error("expected a DRF list {count, next, results}")
            yield [row for row in body["results"] if isinstance(row, dict)]
            following = body.get("next")
            if not isinstance(following, str) or not following:
                return
            parts = urlsplit(following)
            url, query = parts.path + (f"?{parts.query}" if parts.query else ""), None
        raise self.http.protocol_error(f"more than {MAX_PAGES} pages")

    # -- catalog ------------------------------------------------------------------------------

    async def products(self, updated_since: datetime | None = None) -> list[dict[str, Any]]:
        params = {"updated_at_gte": int(updated_since.timestamp())} if updated_since else None
        return [row async for page in self.pages("products", params) for row in page]

    async def variants(self) -> AsyncIterator[CatalogItem]:
        """Every variant we may sell (§4.2; the variants list documents no filters)."""
        async for page in self.pages("variants"):
            for row in page:
                yield wire.variant_item(row)

    async def variant(self, variant_id: str) -> CatalogItem | None:
        try:
            body = await self.http.get_json(self.path(f"variants/{variant_id}"))
        except VendorRejected as error:
            if error.status == 404:
                return None
            raise
        if not isinstance(body, dict):
            raise self.http.protocol_error("variant is not an object")
        return wire.variant_item(body)

    async def inventory(
        self, updated_since: datetime | None = None
    ) -> AsyncIterator[InventoryLevel]:
        """Inventory positions; ``updated_since`` -> ``updated_at_gte`` in epoch seconds (§3.2)."""
        params: dict[str, Any] = {}
        if updated_since is not None:
            params["updated_at_gte"] = int(updated_since.timestamp())
        async for page in self.pages("inventory", params or None):
            for row in page:
                yield wire.inventory_level(row)

    async def inventory_item(self, variant_id: str) -> InventoryLevel:
        body = await self.http.get_json(self.path(f"inventory/{variant_id}"))
        if not isinstance(body, dict):
            raise self.http.protocol_error("inventory item is not an object")
        return wire.inventory_level(body)

    # -- orders and shipments -----------------------------------------------------------------

    async def place_order(self, order: DropshipOrder, ordered_at: datetime) -> VendorOrder:
        """``POST orders/`` (§4.8). Not retried: a lost answer raises VendorUncertain, and a 400
        means nothing was saved ("the entire operation must be retried")."""
        body = await self.http.post_json(
            self.path("orders"), json=order_wire.order_body(order, ordered_at)
        )
        if not isinstance(body, dict):
            raise self.http.protocol_error("order answer is not an object")
        return order_wire.parse_order(body)

    async def orders(self) -> AsyncIterator[VendorOrder]:
        """``GET orders/`` (§3 O2: shown only as the auth example; no filters are documented)."""
        async for page in self.pages("orders"):
            for row in page:
                yield order_wire.parse_order(row)

    async def find_order(self, purchase_order_number: str) -> VendorOrder | None:
        """The order carrying our PO number, looked up page by page (no filter is documented)."""
        async for order in self.orders():
            if order.reference == purchase_order_number:
                return order
        return None

    async def shipments(self, *, new_only: bool = True) -> list[FabricShipment]:
        """§4.9: ``is_acknowledged=0`` for the ones not yet acknowledged."""
        params = {"is_acknowledged": 0} if new_only else None
        return [
            order_wire.shipment(row)
            async for page in self.pages("shipments", params)
            for row in page
        ]

    async def acknowledge_shipment(self, shipment_id: str) -> None:
        """§4.9 S2: ``PUT shipments/:id/`` (no /acknowledge/ suffix; body undocumented)."""
        await self.http.request(
            "PUT", self.path(f"shipments/{shipment_id}"), json={"is_acknowledged": True}, retry=True
        )

    async def order(self, order_id: str) -> VendorOrder:
        """[EXT] ``GET orders/:id/`` (fabric.md §8; not in the truncated seed)."""
        body = await self.http.get_json(self.path(f"orders/{order_id}"))
        if not isinstance(body, dict):
            raise self.http.protocol_error("order is not an object")
        return order_wire.parse_order(body)

    async def cancel_order(self, order_id: str, reason_id: int = 1) -> None:
        """[EXT] ``POST cancels/`` (fabric.md §8, RevCascade): reason 1 = retailer requested.
        Allowed only before the supplier acknowledges the order; a refusal is VendorRejected."""
        await self.http.post_json(
            self.path("cancels"), json={"order_id": int(order_id), "reason_id": reason_id}
        )
