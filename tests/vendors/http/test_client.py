"""The client's plumbing: injected transport, timeouts, URL joining, empty answers."""

from __future__ import annotations

import asyncio

import httpx

from app.vendors.http import VendorHttp
from tests.vendors.http.conftest import FakeClock


def test_injected_transport_timeouts_and_url_joining(clock: FakeClock) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    async def go() -> object:
        # vroom-and-endless-aisles.md §B1: the base ends with "/" and paths start with "/".
        async with VendorHttp(
            "endless-aisles",
            "https://app-qa.endlessaisles.io/",
            transport=httpx.MockTransport(handler),
            clock=clock,
        ) as http:
            return await http.post_json("/api/orders/7/cancel", json={}, retry=True)

    assert asyncio.run(go()) is None  # an empty answer is not an unreadable one
    request = seen[0]
    assert str(request.url) == "https://app-qa.endlessaisles.io/api/orders/7/cancel"
    timeout = request.extensions["timeout"]
    assert (timeout["connect"], timeout["read"]) == (5.0, 20.0)


def test_client_is_closed_by_aclose(clock: FakeClock) -> None:
    async def go() -> bool:
        http = VendorHttp(
            "vroom",
            "https://api.test",
            transport=httpx.MockTransport(lambda request: httpx.Response(200)),
            clock=clock,
        )
        await http.aclose()
        return http._client.is_closed

    assert asyncio.run(go())
