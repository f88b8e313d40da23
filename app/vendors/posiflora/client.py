"""The Posiflora client: customers, loyalty, orders and stores over one ``VendorHttp``."""

from __future__ import annotations

import httpx

from app.vendors.http import Clock, Listener, RateLimit, RetryPolicy, VendorHttp
from app.vendors.posiflora.customers import PosifloraCustomers
from app.vendors.posiflora.jsonapi import MEDIA_TYPE, VENDOR
from app.vendors.posiflora.meta import read_errors
from app.vendors.posiflora.orders import PosifloraOrders
from app.vendors.posiflora.session import PosifloraSessions

# Nothing documents Posiflora's rate limits (posiflora.md §1): stay polite.
RATE_LIMIT = RateLimit(per_second=5, max_concurrency=4)


class PosifloraClient(PosifloraCustomers, PosifloraOrders):
    """Every Posiflora call the app makes; build it with :func:`connect`."""


def connect(
    base_url: str,
    username: str,
    password: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock | None = None,
    listener: Listener | None = None,
    retry: RetryPolicy | None = None,
    page_size: int = 100,
) -> PosifloraClient:
    """A client with its own session; ``base_url`` ends before ``/v1`` (e.g. ``…/api``).

    posiflora.md §1: live accounts use ``/api`` or ``/public/api``; the configuration says which.
    """
    sessions = PosifloraSessions(username, password)
    http = VendorHttp(
        VENDOR,
        base_url.rstrip("/"),
        auth=sessions.auth(),
        transport=transport,
        rate_limit=RATE_LIMIT,
        retry=retry,
        error_reader=read_errors,
        listener=listener,
        clock=clock,
        headers={"Accept": MEDIA_TYPE},
    )
    return PosifloraClient(http, page_size=page_size)
