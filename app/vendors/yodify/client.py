"""The Yodify client: one object over the shared HTTP runtime, returning domain records."""

from __future__ import annotations

import httpx

from app.vendors.http.auth import BearerToken
from app.vendors.http.client import VendorHttp
from app.vendors.http.clock import Clock
from app.vendors.http.events import Listener
from app.vendors.http.limits import RateLimit
from app.vendors.http.retry import RetryPolicy
from app.vendors.yodify.accounts import AccountsApi
from app.vendors.yodify.base import VENDOR
from app.vendors.yodify.catalog import CatalogApi
from app.vendors.yodify.errors import read_problem
from app.vendors.yodify.orders import OrdersApi

# yodify.md §1.5: the doc gives no rate numbers, only a bodiless 429 "API call quota exceeded".
# Four requests in flight caps the load; a 429 makes the runtime back off and retry reads.
YODIFY_RATE_LIMIT = RateLimit(per_second=None, max_concurrency=4)


class YodifyClient(OrdersApi, CatalogApi, AccountsApi):
    """Orders, shipments, SKUs, catalog, accounts and discounts of one Yodify store."""

    async def aclose(self) -> None:
        await self.http.aclose()


def yodify_http(
    base_url: str,
    token: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    listener: Listener | None = None,
    rate_limit: RateLimit = YODIFY_RATE_LIMIT,
    retry: RetryPolicy | None = None,
    clock: Clock | None = None,
) -> VendorHttp:
    """The runtime configured for Yodify: bearer token (§1.3), problem-body reader (§4.14).

    ``base_url`` is the store's host; paths carry ``/api/v1`` themselves.
    """
    return VendorHttp(
        VENDOR,
        base_url.rstrip("/"),
        auth=BearerToken(token),
        transport=transport,
        rate_limit=rate_limit,
        retry=retry or RetryPolicy(attempts=4, max_backoff=8.0),
        error_reader=read_problem,
        listener=listener,
        clock=clock,
        idempotency_header=None,  # Yodify documents no idempotency header
    )


def make_yodify_client(
    base_url: str,
    token: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    listener: Listener | None = None,
    clock: Clock | None = None,
    retry: RetryPolicy | None = None,
) -> YodifyClient:
    http = yodify_http(
        base_url, token, transport=transport, listener=listener, clock=clock, retry=retry
    )
    return YodifyClient(http)
