"""Async iterators over vendors' list endpoints; each yields one page's objects as raw dicts.

Where the first page tells how many pages there are, the rest are fetched concurrently (as many
at once as the client's concurrency limit) and still yielded in page order.
"""

from __future__ import annotations

import math
from collections.abc import AsyncGenerator, Mapping
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

import httpx

from app.vendors.http.paging_core import (
    Item,
    Page,
    as_int,
    items_of,
    nonempty,
    numbered_pages,
)

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp

Params = Mapping[str, Any] | None


def _items(page: Page) -> list[Item]:
    return page.items


def _with(params: Params, **extra: Any) -> dict[str, Any]:
    return {**(params or {}), **extra}


async def pages_by_number(
    http: VendorHttp,
    path: str,
    *,
    params: Params = None,
    page_param: str = "Page",
    size_param: str = "Limit",
    size: int = 100,
    first_page: int = 1,
) -> AsyncGenerator[list[Item], None]:
    """Page number + limit; the answer is ``{object: "list", data, has_more, total_items}`` or a
    bare array (yodify.md §2.4-2.5). Stops on ``has_more`` false, a short page or an empty one.
    """

    async def fetch(number: int) -> Page:
        body = await http.get_json(
            path, params=_with(params, **{page_param: number, size_param: size})
        )
        return _parse_numbered(http, body, number, first_page, size)

    pages = nonempty(numbered_pages(http, first_page, fetch), _items)
    async with aclosing(pages):  # a reader that stops early cancels the fetches in flight
        async for items in pages:
            yield items


def _parse_numbered(http: VendorHttp, body: Any, number: int, first: int, size: int) -> Page:
    if isinstance(body, list):  # yodify.md §2.5: five list endpoints answer with a bare array
        items = items_of(http, body, "list")
        return Page(items, body, done=len(items) < size)
    if not isinstance(body, dict) or "data" not in body:
        raise http.protocol_error("list answer is neither an array nor a list envelope")
    items = items_of(http, body["data"], "data")
    has_more = body.get("has_more")
    done = not items or (has_more is False) or (has_more is None and len(items) < size)
    total = as_int(body.get("total_items"))
    last = None
    # yodify.md §2.4: the sample shows total_items 0 beside data, so trust it only when it adds up.
    if number == first and not done and total is not None and total > len(items):
        last = first + math.ceil(total / size) - 1
    return Page(items, body, done=done, last=last)


async def laravel_pages(
    http: VendorHttp,
    path: str,
    *,
    params: Params = None,
    page_param: str = "page",
    size_param: str = "per_page",
    size: int | None = None,
) -> AsyncGenerator[list[Item], None]:
    """Laravel paginator envelopes, driven by ``current_page``/``last_page`` because the
    ``*_url`` links are relative to "/" (vroom-and-endless-aisles.md §B2)."""

    async def fetch(number: int) -> Page:
        extra: dict[str, Any] = {page_param: number}  # §B2: send page=1 too, defaults disagree
        if size is not None:
            extra[size_param] = size
        body = await http.get_json(path, params=_with(params, **extra))
        return _parse_laravel(http, body, number)

    pages = nonempty(numbered_pages(http, 1, fetch), _items)
    async with aclosing(pages):
        async for items in pages:
            yield items


def _parse_laravel(http: VendorHttp, body: Any, number: int) -> Page:
    if not isinstance(body, dict) or "data" not in body:
        raise http.protocol_error("paginated answer without data")
    items = items_of(http, body["data"], "data")
    current = as_int(body.get("current_page")) or number
    last = as_int(body.get("last_page"))
    done = not body.get("next_page_url") if last is None else current >= last
    return Page(items, body, done=done or not items, last=last)


async def pages_by_next_link(
    http: VendorHttp,
    path: str,
    *,
    params: Params = None,
    results_key: str = "results",
    max_pages: int = 10_000,
) -> AsyncGenerator[list[Item], None]:
    """DRF envelopes ``{count, next, previous, results}``, following ``next`` until null
    (fabric.md §3.1). A ``next`` on another host is refused: it would receive our token."""
    url: str | None = path
    query: dict[str, Any] | None = dict(params or {})
    seen: set[str] = set()
    while url is not None:
        if len(seen) >= max_pages:
            raise http.protocol_error(f"more than {max_pages} pages")
        body = await http.get_json(url, params=query)
        if not isinstance(body, dict) or results_key not in body:
            raise http.protocol_error(f"paginated answer without {results_key}")
        items = items_of(http, body[results_key], results_key)
        if items:
            yield items
        seen.add(url)
        url, query = _next_link(http, body.get("next"), seen), None  # next carries the query


def _next_link(http: VendorHttp, value: Any, seen: set[str]) -> str | None:
    if not value:
        return None
    if not isinstance(value, str):
        raise http.protocol_error("next link is not a URL")
    link, base = httpx.URL(value), http.base_url
    if link.is_relative_url:
        link = base.join(link)
    elif (link.host, link.port) != (base.host, base.port):
        raise http.protocol_error("next link points to another host")
    else:
        # A proxy may advertise http:// for an https:// API; keep the scheme we trust.
        link = link.copy_with(scheme=base.scheme)
    text = str(link)
    if text in seen:
        raise http.protocol_error("next link goes round in a circle")
    return text
