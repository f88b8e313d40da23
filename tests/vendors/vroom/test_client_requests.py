"""Each Vroom endpoint is called the documented way: POST, JSON body, Basic auth, defaults."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import httpx
import pytest
import respx

from app.domain.promotions import PromoCodeRequest, PromoCodeType
from app.vendors.errors import VendorAuthFailed, VendorProtocolError, VendorUncertain
from app.vendors.http import RetryPolicy
from app.vendors.vroom import VroomClient
from tests.vendors.vroom.samples import ORDER, STATUS_ROW

BASE = "https://www.vroomdelivery.com/api/retailer/v1"
EXPECTED_AUTH = "Basic " + base64.b64encode(b"manager@example.com:s3cret").decode()
FROM = datetime(2025, 3, 14, 10, 0, tzinfo=timezone(timedelta(hours=-4)))
TO = datetime(2025, 3, 14, 16, 0, tzinfo=UTC)


def _client() -> VroomClient:
    return VroomClient.connect(
        "manager@example.com", "s3cret", retry=RetryPolicy(attempts=2, base_backoff=0.0)
    )


def _call(
    path: str, answer: Any, run: Callable[[VroomClient], Awaitable[Any]]
) -> tuple[Any, httpx.Request]:
    async def go() -> Any:
        client = _client()
        try:
            return await run(client)
        finally:
            await client.aclose()

    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(BASE + path).mock(return_value=httpx.Response(200, json=answer))
        result = asyncio.run(go())
    return result, route.calls.last.request


def _body(request: httpx.Request) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(request.content)
    return body


def _check_headers(request: httpx.Request) -> None:
    assert request.headers["Authorization"] == EXPECTED_AUTH
    assert request.headers["Content-Type"].startswith("application/json")


ENDPOINTS: list[tuple[str, Callable[..., Awaitable[Any]]]] = [
    ("/analytics/order_statuses", lambda c, **kw: c.order_statuses(**kw)),
    ("/analytics/orders", lambda c, **kw: c.orders(**kw)),
    ("/analytics/line_items", lambda c, **kw: c.line_items(**kw)),
    ("/analytics/customer_contacts", lambda c, **kw: c.customer_contacts(**kw)),
    ("/analytics/sales_by_product", lambda c, **kw: c.sales_by_product(**kw)),
    ("/analytics/search_terms", lambda c, **kw: c.search_terms(**kw)),
    ("/analytics/audit_logs", lambda c, **kw: c.audit_logs(**kw)),
]


@pytest.mark.parametrize(("path", "method"), ENDPOINTS)
def test_defaults_send_an_empty_body_so_vroom_windows_apply(
    path: str, method: Callable[..., Awaitable[Any]]
) -> None:
    result, request = _call(path, [], lambda c: method(c))
    _check_headers(request)
    assert _body(request) == {}  # no times, no sites: Vroom's default window, all stores
    assert result == []


@pytest.mark.parametrize(("path", "method"), ENDPOINTS)
def test_filters_are_sent_as_documented(path: str, method: Callable[..., Awaitable[Any]]) -> None:
    _, request = _call(
        path, [], lambda c: method(c, site_ids=["1001", "1002"], from_time=FROM, to_time=TO)
    )
    _check_headers(request)
    assert _body(request) == {
        "site_ids": ["1001", "1002"],
        "from_time": "2025-03-14T14:00:00Z",  # converted to UTC in the recommended form
        "to_time": "2025-03-14T16:00:00Z",
    }


def test_orders_include_line_items_only_when_asked() -> None:
    orders, request = _call(
        "/analytics/orders", [ORDER], lambda c: c.orders(include_line_items=True)
    )
    assert _body(request) == {"include_line_items": True}
    assert orders[0].items[0].title == "Red Roses, dozen"


def test_order_statuses_parsed() -> None:
    rows, _ = _call("/analytics/order_statuses", [STATUS_ROW], lambda c: c.order_statuses())
    assert rows[0].store_id == "1001" and rows[0].pending_over.count == 2


def test_transactions_always_send_both_times_and_no_sites() -> None:
    _, request = _call("/analytics/transactions", [], lambda c: c.transactions(FROM, TO))
    _check_headers(request)
    assert _body(request) == {
        "from_time": "2025-03-14T14:00:00Z",
        "to_time": "2025-03-14T16:00:00Z",
    }


def test_create_promo_code_body_and_answer() -> None:
    req = PromoCodeRequest(
        PromoCodeType.PERCENT_OFF,
        Decimal("12.5"),
        code="MOTHERSDAY",
        site_ids=("1001",),
        expiry_time=TO,
        maximum_discount=Decimal("20.00"),
        customer_phone="5185550100",
        is_one_time_use=True,
    )
    answer = {"code": "MOTHERSDAY", "promo_code_type": "percent_off", "value": 12.5}
    promo, request = _call(
        "/marketing/create_promo_code", answer, lambda c: c.create_promo_code(req)
    )
    _check_headers(request)
    assert request.content.count(b"12.5") == 1 and b'"12.5"' not in request.content  # a number
    assert _body(request) == {
        "promo_code_type": "percent_off",
        "value": 12.5,
        "code": "MOTHERSDAY",
        "site_ids": ["1001"],
        "expiry_time": "2025-03-14T16:00:00Z",
        "maximum_discount": 20.0,
        "customer_phone": "5185550100",
        "is_one_time_use": True,
    }
    assert promo.code == "MOTHERSDAY" and promo.value == Decimal("12.5")


def test_analytics_reads_are_retried_after_a_server_error() -> None:
    async def go() -> int:
        client = _client()
        try:
            return len(await client.search_terms())
        finally:
            await client.aclose()

    with respx.mock() as mock:
        route = mock.post(BASE + "/analytics/search_terms").mock(
            side_effect=[httpx.Response(502), httpx.Response(200, json=[])]
        )
        assert asyncio.run(go()) == 0
    assert route.call_count == 2


def test_create_promo_code_is_sent_once_when_no_answer_comes() -> None:
    async def go() -> None:
        client = _client()
        try:
            await client.create_promo_code(
                PromoCodeRequest(PromoCodeType.FREE_DELIVERY, code="FD1")
            )
        finally:
            await client.aclose()

    with respx.mock() as mock:
        route = mock.post(BASE + "/marketing/create_promo_code").mock(
            side_effect=httpx.ReadTimeout("no answer")
        )
        with pytest.raises(VendorUncertain):
            asyncio.run(go())
    assert route.call_count == 1


def test_wrong_credentials_and_wrong_shape_are_clear_errors() -> None:
    with respx.mock() as mock:
        mock.post(BASE + "/analytics/orders").mock(return_value=httpx.Response(401))
        with pytest.raises(VendorAuthFailed):
            _run(lambda c: c.orders())
        mock.post(BASE + "/analytics/audit_logs").mock(
            return_value=httpx.Response(200, json={"unexpected": True})
        )
        with pytest.raises(VendorProtocolError):
            _run(lambda c: c.audit_logs())


def _run(fn: Callable[[VroomClient], Awaitable[Any]]) -> Any:
    async def go() -> Any:
        client = _client()
        try:
            return await fn(client)
        finally:
            await client.aclose()

    return asyncio.run(go())
