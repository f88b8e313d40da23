"""Each vendor's way of splitting a list into pages, read to the end and in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from typing import Any

import httpx
import pytest
import respx

from app.vendors.errors import VendorProtocolError
from app.vendors.http import (
    RateLimit,
    VendorHttp,
    jsonapi_documents,
    jsonapi_pages,
    laravel_pages,
    pages_by_next_link,
    pages_by_number,
)
from tests.vendors.http.conftest import FakeClock, make_http

API = "https://api.test/v1/things"
Pager = Callable[[VendorHttp], AsyncIterator[Any]]


def _rows(*ids: int) -> list[dict[str, int]]:
    return [{"id": i} for i in ids]


def _collect(clock: FakeClock, pager: Pager, handler: Any, **client: Any) -> list[Any]:
    """Run ``pager`` against ``handler`` (a respx side effect); return what it yielded."""

    async def go() -> list[Any]:
        http = make_http(clock, **client)
        try:
            return [page async for page in pager(http)]
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.get(url__startswith=API).mock(side_effect=handler)
        return asyncio.run(go())


def _query(request: httpx.Request, name: str) -> int:
    return int(request.url.params[name])


def test_numbered_envelope_with_total_fetches_the_rest_together_in_order(clock: FakeClock) -> None:
    asked: list[tuple[int, int]] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        page, limit = _query(request, "Page"), _query(request, "Limit")
        asked.append((page, limit))
        if page == 2:  # page 2 is slow: page 3 answers first, yet page 2 is yielded first
            for _ in range(5):
                await asyncio.sleep(0)
        data = _rows(*range((page - 1) * 2 + 1, min(page * 2, 5) + 1))
        body = {"object": "list", "data": data, "has_more": page < 3, "total_items": 5}
        return httpx.Response(200, json=body)

    pages = _collect(clock, lambda h: pages_by_number(h, "/things", size=2), answer)
    assert pages == [_rows(1, 2), _rows(3, 4), _rows(5)]
    assert sorted(asked) == [(1, 2), (2, 2), (3, 2)]
    assert asked[0] == (1, 2)


def test_numbered_envelope_without_a_usable_total_follows_has_more(clock: FakeClock) -> None:
    # yodify.md §2.4: the sample envelope shows total_items 0 next to has_more.
    def answer(request: httpx.Request) -> httpx.Response:
        page = _query(request, "Page")
        body = {"object": "list", "data": _rows(page), "has_more": page < 4, "total_items": 0}
        return httpx.Response(200, json=body)

    pages = _collect(clock, lambda h: pages_by_number(h, "/things", size=1), answer)
    assert pages == [_rows(1), _rows(2), _rows(3), _rows(4)]


def test_numbered_pages_may_start_at_zero(clock: FakeClock) -> None:
    # yodify.md §2.2: whether Page starts at 0 or 1 is undocumented.
    def answer(request: httpx.Request) -> httpx.Response:
        page = _query(request, "Page")
        body = {"object": "list", "data": _rows(page), "has_more": page < 2, "total_items": 3}
        return httpx.Response(200, json=body)

    pager = lambda h: pages_by_number(h, "/things", size=1, first_page=0)  # noqa: E731
    assert _collect(clock, pager, answer) == [_rows(0), _rows(1), _rows(2)]


def test_bare_arrays_stop_on_a_short_page(clock: FakeClock) -> None:
    served = {1: _rows(1, 2), 2: _rows(3, 4), 3: _rows(5), 4: _rows(6)}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=served[_query(request, "Page")])

    pages = _collect(clock, lambda h: pages_by_number(h, "/things", size=2), answer)
    assert pages == [_rows(1, 2), _rows(3, 4), _rows(5)]


def test_bare_arrays_stop_on_an_empty_page(clock: FakeClock) -> None:
    served = {1: _rows(1, 2), 2: []}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=served[_query(request, "Page")])

    pages = _collect(clock, lambda h: pages_by_number(h, "/things", size=2), answer)
    assert pages == [_rows(1, 2)]


@pytest.mark.parametrize("body", [{"items": []}, {"data": {"id": 1}}, [1, 2], "nope"])
def test_a_list_of_the_wrong_shape_is_a_protocol_error(clock: FakeClock, body: Any) -> None:
    with pytest.raises(VendorProtocolError) as caught:
        _collect(clock, lambda h: pages_by_number(h, "/things"), [httpx.Response(200, json=body)])
    assert caught.value.message.startswith("Vroom sent an answer Counterpart could not read")


def test_laravel_pages_follow_current_and_last_page(clock: FakeClock) -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url.params))
        page = _query(request, "page")
        body = {
            "current_page": page,
            "data": _rows(page * 10),
            "last_page": "3",
            "next_page_url": "\\/?page=2",
            "path": "/",
            "per_page": 1,
            "total": 3,
        }
        return httpx.Response(200, json=body)

    pages = _collect(
        clock, lambda h: laravel_pages(h, "/things", params={"since": "05-01-2024"}, size=1), answer
    )
    assert pages == [_rows(10), _rows(20), _rows(30)]
    assert asked[0] == "since=05-01-2024&page=1&per_page=1"


def test_laravel_without_last_page_stops_when_next_url_is_null(clock: FakeClock) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        page = _query(request, "page")
        body = {"data": _rows(page), "next_page_url": "/?page=2" if page == 1 else None}
        return httpx.Response(200, json=body)

    assert _collect(clock, lambda h: laravel_pages(h, "/things"), answer) == [_rows(1), _rows(2)]


def test_drf_pages_follow_next_links(clock: FakeClock) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        link = f"http://api.test/v1/things?is_acknowledged=0&page={page + 1}" if page < 3 else None
        body = {"count": 3, "next": link, "previous": None, "results": _rows(page)}
        return httpx.Response(200, json=body)

    seen: list[httpx.URL] = []

    def spy(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return answer(request)

    pages = _collect(
        clock, lambda h: pages_by_next_link(h, "/things", params={"is_acknowledged": 0}), spy
    )
    assert pages == [_rows(1), _rows(2), _rows(3)]
    # A proxy's http:// link is followed over https, as the base URL says.
    assert [u.scheme for u in seen] == ["https"] * 3
    assert seen[2].params["is_acknowledged"] == "0"


def test_drf_next_link_to_another_host_is_refused(clock: FakeClock) -> None:
    body = {"count": 2, "next": "https://evil.test/v1/things?page=2", "results": _rows(1)}
    with pytest.raises(VendorProtocolError):
        _collect(
            clock, lambda h: pages_by_next_link(h, "/things"), [httpx.Response(200, json=body)]
        )


def test_drf_next_link_going_in_circles_is_refused(clock: FakeClock) -> None:
    body = {"count": 2, "next": "https://api.test/v1/things?page=2", "results": _rows(1)}
    with pytest.raises(VendorProtocolError):
        _collect(
            clock,
            lambda h: pages_by_next_link(h, "/things"),
            lambda request: httpx.Response(200, json=body),
        )


def _jsonapi(meta_style: str) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        number, size = _query(request, "page[number]"), _query(request, "page[size]")
        data = [
            {"type": "customers", "id": str(i)}
            for i in range((number - 1) * size + 1, min(number * size, 5) + 1)
        ]
        if meta_style == "page":  # posiflora.md §3: page{number,size} and a string total
            meta: dict[str, Any] = {"page": {"number": number, "size": size}, "total": "5"}
        else:  # bonus-groups and discount-groups: flat pageNumber/pageSize
            meta = {"pageNumber": number, "pageSize": size, "total": 5, "revision": 9}
        body = {"data": data, "meta": meta, "included": [{"type": "people", "id": str(number)}]}
        return httpx.Response(200, json=body)

    return answer


@pytest.mark.parametrize("style", ["page", "flat"])
def test_jsonapi_pages_read_both_meta_shapes(clock: FakeClock, style: str) -> None:
    pages = _collect(clock, lambda h: jsonapi_pages(h, "/things", size=2), _jsonapi(style))
    assert [[r["id"] for r in page] for page in pages] == [["1", "2"], ["3", "4"], ["5"]]


def test_jsonapi_documents_keep_included(clock: FakeClock) -> None:
    docs = _collect(clock, lambda h: jsonapi_documents(h, "/things", size=2), _jsonapi("page"))
    assert [d["included"][0]["id"] for d in docs] == ["1", "2", "3"]


def test_jsonapi_size_null_means_everything_came_at_once(clock: FakeClock) -> None:
    body = {
        "data": [{"id": "1"}, {"id": "2"}],
        "meta": {"page": {"number": 1, "size": None}, "total": 40},
    }
    pages = _collect(
        clock, lambda h: jsonapi_pages(h, "/things", size=1), [httpx.Response(200, json=body)]
    )
    assert pages == [[{"id": "1"}, {"id": "2"}]]


def test_concurrent_pages_respect_the_clients_concurrency_limit(clock: FakeClock) -> None:
    in_flight = {"now": 0, "most": 0}

    async def answer(request: httpx.Request) -> httpx.Response:
        in_flight["now"] += 1
        in_flight["most"] = max(in_flight["most"], in_flight["now"])
        for _ in range(3):
            await asyncio.sleep(0)
        in_flight["now"] -= 1
        page = _query(request, "page")
        return httpx.Response(200, json={"current_page": page, "last_page": 8, "data": _rows(page)})

    pages = _collect(
        clock,
        lambda h: laravel_pages(h, "/things"),
        answer,
        rate_limit=RateLimit(max_concurrency=3),
    )
    assert pages == [_rows(n) for n in range(1, 9)]
    assert in_flight["most"] == 3


def test_stopping_early_leaves_no_requests_running(clock: FakeClock) -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        page = _query(request, "page")
        for _ in range(page * 3):  # later pages are still in flight when the reader stops
            await asyncio.sleep(0)
        return httpx.Response(200, json={"current_page": page, "last_page": 9, "data": _rows(page)})

    async def go() -> tuple[list[Any], int]:
        http = make_http(clock)
        try:
            async with aclosing(laravel_pages(http, "/things")) as pages:
                async for page in pages:
                    if page == _rows(2):
                        break
            return page, len(asyncio.all_tasks()) - 1
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.get(url__startswith=API).mock(side_effect=answer)
        last, leftover = asyncio.run(go())
    assert last == _rows(2)
    assert leftover == 0
