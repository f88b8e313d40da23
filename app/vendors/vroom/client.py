"""Vroom's reporting API (vroom-and-endless-aisles.md Part A): nine POST endpoints, Basic auth.

Every analytics endpoint is a POST that only reads, so it is sent with ``retry=True``; the one
write, create_promo_code, is sent once and never retried here (the outbox owns that).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

import httpx

from app.domain.orders import LineItem, Order
from app.domain.orders_reports import (
    AuditLogEntry,
    CustomerContact,
    SalesByProduct,
    SearchTerm,
    StoreOrderStatuses,
    Transaction,
)
from app.domain.promotions import PromoCode, PromoCodeRequest
from app.vendors.http import BasicAuth, Clock, Listener, RateLimit, RetryPolicy, VendorHttp
from app.vendors.vroom.fields import VENDOR, read_json, records
from app.vendors.vroom.wire import parse_line_item, parse_order, parse_store_statuses
from app.vendors.vroom.wire_reports import (
    format_time,
    json_bytes,
    parse_audit_log,
    parse_customer_contact,
    parse_promo_code,
    parse_sales_by_product,
    parse_search_term,
    parse_transaction,
    promo_request_body,
)

log = logging.getLogger("counterpart.vendors.vroom")

BASE_URL = "https://www.vroomdelivery.com/api/retailer/v1"  # §A1: the only environment
T = TypeVar("T")


def window_body(
    site_ids: Sequence[str] | None, from_time: datetime | None, to_time: datetime | None
) -> dict[str, Any]:
    """The common filter body: only what was given, so Vroom's default window applies (§A2)."""
    body: dict[str, Any] = {}
    # §A6.18: an empty list is unspecified at Vroom; we send no filter, meaning every store.
    if site_ids:
        body["site_ids"] = [str(s) for s in site_ids]
    if from_time is not None:
        body["from_time"] = format_time(from_time)
    if to_time is not None:
        body["to_time"] = format_time(to_time)
    return body


class VroomClient:
    """Async methods returning domain objects; one instance per configured Vroom account."""

    vendor = VENDOR

    def __init__(self, http: VendorHttp) -> None:
        self.http = http

    @classmethod
    def connect(
        cls,
        email: str,
        password: str,
        *,
        base_url: str = BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        listener: Listener | None = None,
        clock: Clock | None = None,
        retry: RetryPolicy | None = None,
    ) -> VroomClient:
        """A client with its own runtime: §A1 Basic auth with the portal email and password."""
        http = VendorHttp(
            VENDOR,
            base_url,
            auth=BasicAuth(email, password),
            transport=transport,
            # §A6.13: no documented rate limit; stay gentle with one account's reporting API.
            rate_limit=RateLimit(per_second=5, max_concurrency=4),
            retry=retry or RetryPolicy(attempts=3, max_backoff=8.0),
            listener=listener,
            clock=clock,
        )
        return cls(http)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _read(
        self, path: str, body: dict[str, Any], parse: Callable[[object], T], what: str
    ) -> list[T]:
        response = await self.http.request("POST", path, json=body, retry=True)  # reads
        return [parse(item) for item in records(read_json(response, what), what)]

    async def order_statuses(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
    ) -> list[StoreOrderStatuses]:
        """Live counts per store (§A3.2); window on placed time, default the last 24 hours."""
        body = window_body(site_ids, from_time, to_time)
        return await self._read(
            "/analytics/order_statuses", body, parse_store_statuses, "order statuses"
        )

    async def orders(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        include_line_items: bool = False,
    ) -> list[Order]:
        """Orders (§A3.6), default the last week; line items nested only when asked for."""
        body = window_body(site_ids, from_time, to_time)
        if include_line_items:
            body["include_line_items"] = True
        return await self._read("/analytics/orders", body, parse_order, "orders")

    async def line_items(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
    ) -> list[LineItem]:
        body = window_body(site_ids, from_time, to_time)
        return await self._read("/analytics/line_items", body, parse_line_item, "line items")

    async def customer_contacts(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
    ) -> list[CustomerContact]:
        """Customers by first-order time; default since the start of the online program."""
        body = window_body(site_ids, from_time, to_time)
        return await self._read(
            "/analytics/customer_contacts", body, parse_customer_contact, "customer contacts"
        )

    async def transactions(self, from_time: datetime, to_time: datetime) -> list[Transaction]:
        """§A2 #8: both times are required and there is no site filter."""
        body = window_body(None, from_time, to_time)
        return await self._read("/analytics/transactions", body, parse_transaction, "transactions")

    async def sales_by_product(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
    ) -> list[SalesByProduct]:
        body = window_body(site_ids, from_time, to_time)
        return await self._read(
            "/analytics/sales_by_product", body, parse_sales_by_product, "sales by product"
        )

    async def search_terms(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
    ) -> list[SearchTerm]:
        body = window_body(site_ids, from_time, to_time)
        return await self._read("/analytics/search_terms", body, parse_search_term, "search terms")

    async def audit_logs(
        self,
        *,
        site_ids: Sequence[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
    ) -> list[AuditLogEntry]:
        body = window_body(site_ids, from_time, to_time)
        return await self._read("/analytics/audit_logs", body, parse_audit_log, "audit logs")

    async def create_promo_code(self, request: PromoCodeRequest) -> PromoCode:
        """One POST, never retried: a lost answer raises VendorUncertain for the outbox."""
        response = await self.http.request(
            "POST",
            "/marketing/create_promo_code",
            content=json_bytes(promo_request_body(request)),
            headers={"Content-Type": "application/json"},
            retry=False,
        )
        return parse_promo_code(read_json(response, "the created promo code"))
