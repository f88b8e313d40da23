"""Each customer query goes out exactly as the OpenAPI file declares it."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime
from typing import Any

import httpx

from app.domain.customers import ContactChanges
from app.vendors.posiflora import CustomerFilters, OrderFilters, PosifloraClient

from .conftest import FakeClock, client_for

SESSION = {
    "data": {
        "type": "sessions",
        "id": "current",
        "attributes": {
            "expireAt": "2024-05-01T10:00:00+00:00",
            "refreshExpireAt": "2024-05-31T09:00:00+00:00",
            "accessToken": "tok",
            "refreshToken": "ref",
            "saasCustomerId": 1,
        },
    }
}
CUSTOMER = {
    "type": "customers",
    "id": "c1",
    "attributes": {"title": "Bob Ross", "phone": "9268693654", "currentPoints": 5},
    "relationships": {"bonusGroup": {"data": {"type": "bonus-groups", "id": "57"}}},
}


class Recorder:
    """A fake Posiflora that records every request and answers with ``body``."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/v1/sessions"):
            return httpx.Response(200, json=SESSION)
        self.requests.append(request)
        return httpx.Response(200, json=self.body)


def _call(clock: FakeClock, body: dict[str, Any], action: Any) -> httpx.Request:
    recorder = Recorder(body)

    async def scenario() -> None:
        client: PosifloraClient = client_for(clock, httpx.MockTransport(recorder))
        try:
            await action(client)
        finally:
            await client.http.aclose()

    asyncio.run(scenario())
    assert len(recorder.requests) == 1
    return recorder.requests[0]


def _query(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


def test_customer_search_sends_search_and_documented_filters(clock: FakeClock) -> None:
    filters = CustomerFilters(
        bonus_group_id="57",
        discount_group_id="1",
        points_from=100,
        points_to=500,
        orders_count_from=2,
        registered_from=date(2024, 1, 1),
        updated_after=datetime(2024, 4, 1, 12, 0, tzinfo=UTC),
        gender="female",
        is_person=True,
        min_revision=40,
    )
    page = {"data": [CUSTOMER], "meta": {"page": {"number": 1, "size": 20}, "total": 1}}
    request = _call(clock, page, lambda c: c.customers_page(" 926 869 ", filters, page=1, size=20))
    assert request.method == "GET"
    assert request.url.path == "/api/v1/customers"
    assert request.headers["accept"] == "application/vnd.api+json"
    assert request.headers["authorization"] == "Bearer tok"
    assert sorted(_query(request)) == sorted(
        [
            ("search", "926 869"),
            ("from", "2024-04-01T12:00:00+00:00"),
            ("filter[idBonus]", "57"),
            ("filter[discount]", "1"),
            ("filter[moreBonus]", "100"),
            ("filter[lessBonus]", "500"),
            ("filter[ordersCount][from]", "2"),
            ("filter[create][from]", "2024-01-01"),
            ("filter[isPerson]", "true"),
            ("filter[gender]", "female"),
            ("filter[revision]", "40"),
            ("page[number]", "1"),
            ("page[size]", "20"),
        ]
    )


def test_customer_get_includes_bonus_group_and_discount_groups(clock: FakeClock) -> None:
    body = {"data": CUSTOMER, "meta": {"last_order": None}}
    request = _call(clock, body, lambda c: c.customer("c1"))
    assert request.url.path == "/api/v1/customers/c1"
    assert _query(request) == [("include", "bonusGroup,discountGroups")]


def test_customer_update_patches_only_the_changed_contact_fields(clock: FakeClock) -> None:
    body = {"data": CUSTOMER, "meta": {"last_order": None}}
    changes = ContactChanges(email="bob@example.com", notes="Call first")
    request = _call(clock, body, lambda c: c.update_customer("c1", changes))
    assert request.method == "PATCH"
    assert request.url.path == "/api/v1/customers/c1"
    assert request.headers["content-type"] == "application/vnd.api+json"
    assert json.loads(request.content) == {
        "data": {
            "type": "customers",
            "id": "c1",
            "attributes": {"email": "bob@example.com", "notes": "Call first"},
        }
    }


def test_bonus_history_and_customer_stats_paths(clock: FakeClock) -> None:
    history = {"meta": {"total": 0, "pageNumber": 1, "pageSize": 100}, "data": []}
    request = _call(clock, history, lambda c: c.bonus_history("c 1"))
    assert request.url.raw_path.split(b"?")[0] == b"/api/v1/customers/c%201/bonus-history"
    stats = {"meta": {"total": 0, "format": "week"}, "data": []}
    request = _call(
        clock, stats, lambda c: c.customer_stats("c1", date(2024, 4, 1), date(2024, 4, 30), "week")
    )
    # posiflora.md §4 row 15: the per-customer stats path really sits under "import".
    assert request.url.path == "/api/v1/customers/import/c1/stats"
    assert _query(request) == [
        ("filter[startDate]", "2024-04-01"),
        ("filter[endDate]", "2024-04-30"),
        ("filter[format]", "week"),
    ]


def test_order_filters_send_arrays_php_style(clock: FakeClock) -> None:
    filters = OrderFilters(statuses=("new", "assembled"), store_ids=("s1",), add_meta_statuses=True)
    body = {"data": [], "meta": {"page": {"number": 1, "size": 100}, "total": 0}}
    request = _call(clock, body, lambda c: c.orders(filters))
    query = _query(request)
    assert ("filter[statuses][]", "new") in query
    assert ("filter[statuses][]", "assembled") in query
    assert ("filter[stores][]", "s1") in query
    assert ("addMetaStatuses", "true") in query
