"""The core every Yodify resource API shares: requests, both list shapes, paging, 403 wording."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from app.vendors import display_name
from app.vendors.errors import VendorAuthFailed
from app.vendors.http.client import VendorHttp
from app.vendors.yodify.wire import (
    API,
    JsonObject,
    ListPage,
    WireError,
    clamp_limit,
    read_list,
    response_json,
)

T = TypeVar("T")
Params = list[tuple[str, Any]]
VENDOR = "yodify"


class YodifyBase:
    """Holds the shared ``VendorHttp`` and turns Yodify's answers into plain Python values."""

    def __init__(self, http: VendorHttp) -> None:
        self.http = http

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: JsonObject | None = None,
        idempotency_key: str | None = None,
        retry: bool | None = None,
    ) -> Any:
        try:
            response = await self.http.request(
                method,
                API + path,
                params=params,
                json=json,
                idempotency_key=idempotency_key,
                retry=retry,
            )
        except VendorAuthFailed as error:
            raise _explain_auth(error) from error
        try:
            return response_json(response) if response.content.strip() else None
        except WireError as error:
            raise self.http.protocol_error(f"{method} {path}: {error}") from error

    async def _get(self, path: str, params: Params | None = None) -> Any:
        return await self._call("GET", path, params=params)

    async def _get_object(self, path: str, params: Params | None = None) -> JsonObject:
        body = await self._get(path, params)
        if not isinstance(body, dict):
            raise self.http.protocol_error(f"GET {path}: expected an object")
        return body

    async def _page(self, path: str, params: Params, page: int, limit: int) -> ListPage:
        query = [*params, ("Page", page), ("Limit", clamp_limit(limit))]
        body = await self._get(path, query)
        try:
            return read_list(body)
        except WireError as error:
            raise self.http.protocol_error(f"GET {path}: {error}") from error

    async def _all_items(
        self, path: str, params: Params | None = None, *, limit: int = 100
    ) -> list[JsonObject]:
        """Every item of a list, page by page (1-based ``Page``; §2.2 leaves it undocumented).

        When the envelope tells the total, the remaining pages are fetched concurrently; the
        runtime's limiter keeps them within the vendor's allowance.
        """
        limit = clamp_limit(limit)
        base = list(params or [])
        first = await self._page(path, base, 1, limit)
        if first.is_last(limit):
            return first.items
        if first.total_items is not None:
            pages = math.ceil(first.total_items / limit)
            jobs = [partial(self._page, path, base, n, limit) for n in range(2, pages + 1)]
            rest = await gather_limited(jobs, self.http.max_concurrency)
            return _dedupe([*first.items, *(item for page in rest for item in page.items)])
        return await self._sequential(path, base, limit, first)

    async def _sequential(
        self, path: str, params: Params, limit: int, first: ListPage
    ) -> list[JsonObject]:
        items, page, number = list(first.items), first, 1
        while not page.is_last(limit) and page.items:
            number += 1
            page = await self._page(path, params, number, limit)
            items.extend(page.items)
        return _dedupe(items)


async def gather_limited(jobs: Sequence[Callable[[], Awaitable[T]]], concurrency: int) -> list[T]:
    """Run ``jobs`` with at most ``concurrency`` in flight; results in job order.

    The first failure cancels the jobs still waiting or in flight: a pull that has already
    failed must not go on asking the vendor for pages nobody will read.
    """
    gate = asyncio.Semaphore(max(1, concurrency))
    failed = False

    async def run(job: Callable[[], Awaitable[T]]) -> T:
        nonlocal failed
        async with gate:
            if failed:  # a job that gets the freed slot must not start after all
                raise asyncio.CancelledError
            try:
                return await job()
            except Exception:
                failed = True
                raise

    tasks = [asyncio.ensure_future(run(job)) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()  # no-op for the finished ones
        # Waits for the cancelled ones and collects every failure, not only the one raised.
        await asyncio.gather(*tasks, return_exceptions=True)


def _dedupe(items: list[JsonObject]) -> list[JsonObject]:
    """A record that moved between pages while we read must not be counted twice."""
    seen: set[object] = set()
    unique: list[JsonObject] = []
    for item in items:
        key = item.get("id")
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        unique.append(item)
    return unique


def _explain_auth(error: VendorAuthFailed) -> VendorAuthFailed:
    """yodify.md §1.5: 403 has no body and means the token may not do this, not a bad token."""
    if error.status != 403:
        return error
    name = display_name(VENDOR)
    text = (
        f"{name} does not allow this API token to do that (forbidden). Ask the {name} store "
        f"administrator to grant the token access, then check Settings > {name}."
    )
    return VendorAuthFailed(error.vendor, text, status=403)
