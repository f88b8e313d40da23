"""The JSON:API plumbing every Posiflora call shares: headers, documents and pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from app.vendors.posiflora.jsonapi import MEDIA_TYPE, Document, Resource, encode, parse_document
from app.vendors.posiflora.meta import PageInfo, page_info
from app.vendors.posiflora.queries import Params

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp

HEADERS = {"Accept": MEDIA_TYPE}
WRITE_HEADERS = {"Accept": MEDIA_TYPE, "Content-Type": MEDIA_TYPE}
DEFAULT_PAGE_SIZE = 100


class PosifloraApi:
    """Reads and writes JSON:API documents; the base of the customer and order clients."""

    def __init__(self, http: VendorHttp, *, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        self.http = http
        self.page_size = page_size

    async def get(self, path: str, params: Params | None = None) -> Document:
        response = await self.http.request("GET", path, params=params or [], headers=HEADERS)
        return parse_document(self.http.parse_json(response))

    async def get_raw(self, path: str, params: Params | None = None) -> Any:
        response = await self.http.request("GET", path, params=params or [], headers=HEADERS)
        return self.http.parse_json(response)

    async def patch(
        self, path: str, body: dict[str, Any], *, params: Params | None = None, retry: bool = False
    ) -> Document:
        response = await self.http.request(
            "PATCH",
            path,
            params=params or [],
            content=encode(body),
            headers=WRITE_HEADERS,
            retry=retry,
        )
        return parse_document(self.http.parse_json(response))

    async def pages(
        self, path: str, params: Params | None = None
    ) -> AsyncIterator[tuple[Document, PageInfo]]:
        """Every page of a list. ``page[number]``/``page[size]`` are posiflora.md §3 [inf]."""
        number = 1
        while True:
            query = [
                *(params or []),
                ("page[number]", str(number)),
                ("page[size]", str(self.page_size)),
            ]
            document = await self.get(path, query)
            info = page_info(document.meta, self.page_size)
            yield document, info
            if not info.has_more(len(document.many())):
                return
            number = info.number + 1


def segment(ident: str) -> str:
    """An id as one path segment."""
    if not ident:
        raise ValueError("an id is needed")
    return quote(ident, safe="")


def resource_dict(resource: Resource) -> dict[str, Any]:
    """A resource back as a plain JSON:API dict (what the cache keeps)."""
    rels: dict[str, Any] = {}
    for name, ref in resource.relationships.items():
        if ref is None:
            rels[name] = {"data": None}
        elif ref and isinstance(ref[0], str):
            rels[name] = {"data": {"type": ref[0], "id": ref[1]}}
        else:
            rels[name] = {"data": [{"type": t, "id": i} for t, i in ref]}
    return {
        "type": resource.type,
        "id": resource.id,
        "attributes": dict(resource.attributes),
        "relationships": rels,
    }
