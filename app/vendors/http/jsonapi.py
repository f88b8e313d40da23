"""JSON:API list paging as Posiflora does it (posiflora.md §3 "Pagination").

Two meta shapes: ``meta.page = {number, size}`` beside ``meta.total``, and the flat
``meta.pageNumber``/``meta.pageSize``/``meta.total``; ``total`` may be a string; ``size`` null
means the server did not page at all.
"""

from __future__ import annotations

import math
from collections.abc import AsyncGenerator, Mapping
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

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

_UNPAGED = object()


def _body(page: Page) -> Any:
    return page.body


async def jsonapi_documents(
    http: VendorHttp,
    path: str,
    *,
    params: Mapping[str, Any] | None = None,
    size: int = 50,
    number_param: str = "page[number]",
    size_param: str = "page[size]",
) -> AsyncGenerator[dict[str, Any], None]:
    """Each page's whole document (``data``, ``meta``, ``included``) in page order."""

    async def fetch(number: int) -> Page:
        query = {**(params or {}), number_param: number, size_param: size}
        body = await http.get_json(path, params=query)
        return _parse(http, body, number, size)

    pages = nonempty(numbered_pages(http, 1, fetch), _body)
    async with aclosing(pages):
        async for body in pages:
            yield body


async def jsonapi_pages(
    http: VendorHttp,
    path: str,
    *,
    params: Mapping[str, Any] | None = None,
    size: int = 50,
    number_param: str = "page[number]",
    size_param: str = "page[size]",
) -> AsyncGenerator[list[Item], None]:
    """Each page's ``data`` resources."""
    documents = jsonapi_documents(
        http, path, params=params, size=size, number_param=number_param, size_param=size_param
    )
    async with aclosing(documents):
        async for document in documents:
            yield document["data"]


def _parse(http: VendorHttp, body: Any, number: int, requested: int) -> Page:
    if not isinstance(body, dict) or "data" not in body:
        raise http.protocol_error("JSON:API list without data")
    items = items_of(http, body["data"], "data")
    meta = body.get("meta")
    size = _page_size(meta, requested)
    total = as_int(meta.get("total")) if isinstance(meta, dict) else None
    if size is _UNPAGED:
        return Page(items, body, done=True)
    assert isinstance(size, int)
    done = not items or len(items) < size or (total is not None and number * size >= total)
    last = math.ceil(total / size) if total is not None and size > 0 and not done else None
    return Page(items, body, done=done, last=last)


def _page_size(meta: Any, requested: int) -> object:
    """The page size the server used, ``_UNPAGED`` for ``size: null``, else what we asked."""
    if not isinstance(meta, dict):
        return requested
    page = meta.get("page")
    if isinstance(page, dict) and "size" in page:
        raw = page["size"]
    elif "pageSize" in meta:
        raw = meta["pageSize"]
    else:
        return requested
    if raw is None:
        return _UNPAGED
    size = as_int(raw)
    return size if size is not None and size > 0 else requested
