"""The engine under the pagination helpers: numbered pages, fetched in order, some at once."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp

Item = dict[str, Any]
DEFAULT_MAX_PAGES = 10_000


@dataclass(frozen=True, slots=True)
class Page:
    """One page as a helper understood it."""

    items: list[Item]
    body: Any  # the whole answer, for callers that need more than the items (JSON:API included)
    done: bool  # nothing follows this page
    last: int | None = None  # the last page number, when the answer says so


Parse = Callable[[Any, int], Page]  # (body, page number) -> Page
Fetch = Callable[[int], Awaitable[Page]]


def items_of(http: VendorHttp, value: Any, where: str) -> list[Item]:
    """A list of objects, or a VendorProtocolError naming where the shape was wrong."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise http.protocol_error(f"{where}: expected a list of objects")
    return value


def as_int(value: Any) -> int | None:
    """An int from an int or a digit string (posiflora.md §3: total may be a string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


async def in_order(fetch: Fetch, numbers: Iterator[int], window: int) -> AsyncGenerator[Page, None]:
    """Fetch pages with up to ``window`` in flight; yield them in page order."""
    pending: deque[asyncio.Task[Page]] = deque()
    try:
        for number in numbers:
            pending.append(asyncio.ensure_future(fetch(number)))
            if len(pending) >= window:
                yield await pending.popleft()
        while pending:
            yield await pending.popleft()
    finally:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


async def numbered_pages(
    http: VendorHttp, first: int, fetch: Fetch, max_pages: int = DEFAULT_MAX_PAGES
) -> AsyncGenerator[Page, None]:
    """Page ``first``, then the rest: concurrently when the last page is known, else one by one."""
    page = await fetch(first)
    yield page
    number, seen = first, 1
    if not page.done and page.last is not None and page.last > first:
        last = min(page.last, first + max_pages - 1)
        rest = in_order(fetch, iter(range(first + 1, last + 1)), max(1, http.max_concurrency))
        async with aclosing(rest):  # stopping early must cancel the pages still in flight
            async for page in rest:
                yield page
                number, seen = number + 1, seen + 1
                if page.done:
                    return
    while not page.done:
        if seen >= max_pages:
            raise http.protocol_error(f"more than {max_pages} pages")
        number, seen = number + 1, seen + 1
        page = await fetch(number)
        yield page


async def nonempty(
    pages: AsyncGenerator[Page, None], pick: Callable[[Page], Any]
) -> AsyncGenerator[Any, None]:
    """``pick(page)`` for each page with items; closing this closes ``pages`` (and its fetches)."""
    async with aclosing(pages):
        async for page in pages:
            if page.items:
                yield pick(page)
