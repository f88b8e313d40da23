"""Which requests are tried again, how often, and how long the runtime waits in between."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx

from app.vendors.errors import VendorRateLimited, VendorUnavailable, VendorUncertain
from app.vendors.http import RetryPolicy, parse_retry_after
from tests.vendors.http.conftest import START, FakeClock, make_http

URL = "https://api.test/v1/orders"


def _run(clock: FakeClock, method: str, responses: list[object], **kwargs: object) -> respx.Route:
    """Send one request against a route answering ``responses`` in turn; return the route."""

    async def go() -> None:
        http = make_http(clock)
        try:
            await http.request(method, "/orders", **kwargs)  # type: ignore[arg-type]
        finally:
            await http.aclose()

    with respx.mock(assert_all_called=False) as router:
        route = router.route(method=method, url=URL).mock(side_effect=responses)
        asyncio.run(go())
    return route


def test_read_is_retried_with_doubling_backoff_until_it_works(clock: FakeClock) -> None:
    route = _run(clock, "GET", [httpx.Response(503), httpx.Response(502), httpx.Response(200)])
    assert route.call_count == 3
    assert clock.sleeps == [0.5, 1.0]


def test_read_gives_up_after_the_policy_attempts_with_capped_backoff(clock: FakeClock) -> None:
    async def go() -> None:
        http = make_http(
            clock, retry=RetryPolicy(attempts=5, base_backoff=1.0, max_backoff=3.0, jitter=0.0)
        )
        try:
            await http.get_json("/orders")
        finally:
            await http.aclose()

    with respx.mock() as router:
        route = router.get(URL).mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(VendorUnavailable) as caught:
            asyncio.run(go())
    assert route.call_count == 5
    assert clock.sleeps == [1.0, 2.0, 3.0, 3.0]
    assert not isinstance(caught.value, VendorUncertain)
    assert caught.value.message.startswith("Vroom did not answer.")


def test_jitter_shortens_waits_within_bounds() -> None:
    policy = RetryPolicy(base_backoff=1.0, max_backoff=8.0, jitter=0.5, rand=lambda: 1.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    eager = RetryPolicy(base_backoff=1.0, jitter=0.5, rand=lambda: 0.0)
    assert eager.backoff(2) == 2.0


def test_retry_after_seconds_is_honoured(clock: FakeClock) -> None:
    busy = httpx.Response(429, headers={"Retry-After": "7"})
    route = _run(clock, "GET", [busy, httpx.Response(200)])
    assert route.call_count == 2
    assert clock.sleeps == [7.0]


def test_retry_after_http_date_is_honoured_and_capped(clock: FakeClock) -> None:
    soon = format_datetime(START + timedelta(seconds=12), usegmt=True)
    later = format_datetime(START + timedelta(hours=2), usegmt=True)
    responses = [
        httpx.Response(429, headers={"Retry-After": soon}),
        httpx.Response(503, headers={"Retry-After": later}),
        httpx.Response(200),
    ]
    _run(clock, "GET", responses)
    assert clock.sleeps[0] == pytest.approx(12.0)
    assert clock.sleeps[1] == 60.0  # RetryPolicy.max_retry_after


def test_rate_limited_to_the_end_reports_retry_after(clock: FakeClock) -> None:
    with pytest.raises(VendorRateLimited) as caught:
        _run(clock, "GET", [httpx.Response(429, headers={"Retry-After": "3"})] * 4)
    assert caught.value.retry_after == 3.0
    assert "Vroom asked Counterpart to slow down" in caught.value.message


def test_unkeyed_write_is_never_retried(clock: FakeClock) -> None:
    with pytest.raises(VendorUnavailable) as caught:
        _run(clock, "POST", [httpx.Response(503), httpx.Response(201)], json={"a": 1})
    assert not isinstance(caught.value, VendorUncertain)
    assert clock.sleeps == []


def test_unkeyed_write_whose_answer_never_came_is_uncertain(clock: FakeClock) -> None:
    with pytest.raises(VendorUncertain) as caught:
        _run(clock, "POST", [httpx.ReadTimeout("slow"), httpx.Response(201)], json={})
    assert "Vroom may or may not have received it" in caught.value.message
    assert "checked before anything is resent" in caught.value.message
    assert clock.sleeps == []


@pytest.mark.parametrize("dropped", [httpx.RemoteProtocolError("gone"), httpx.ReadError("reset")])
def test_dropped_connection_on_a_write_is_uncertain(clock: FakeClock, dropped: Exception) -> None:
    with pytest.raises(VendorUncertain):
        _run(clock, "PUT", [dropped], json={})


def test_write_that_could_not_connect_was_not_sent(clock: FakeClock) -> None:
    with pytest.raises(VendorUnavailable) as caught:
        _run(clock, "POST", [httpx.ConnectError("refused")], json={})
    assert not isinstance(caught.value, VendorUncertain)


def test_server_error_on_a_write_may_have_been_applied(clock: FakeClock) -> None:
    # fabric.md §5: after a 5xx the order may exist; 503 means the server did not take it.
    with pytest.raises(VendorUncertain):
        _run(clock, "POST", [httpx.Response(500)], json={})


def test_keyed_write_is_retried_with_the_same_key(clock: FakeClock) -> None:
    route = _run(
        clock,
        "POST",
        [httpx.Response(503), httpx.Response(201)],
        json={},
        idempotency_key="STORE12-000123",
    )
    assert route.call_count == 2
    keys = {call.request.headers["Idempotency-Key"] for call in route.calls}
    assert keys == {"STORE12-000123"}


def test_keyed_write_that_timed_out_then_failed_stays_uncertain(clock: FakeClock) -> None:
    responses = [httpx.ReadTimeout("slow")] + [httpx.Response(503)] * 3
    with pytest.raises(VendorUncertain):
        _run(clock, "POST", responses, json={}, idempotency_key="K1")
    assert len(clock.sleeps) == 3


def test_post_that_is_really_a_read_is_retried_and_never_uncertain(clock: FakeClock) -> None:
    # Vroom's /analytics/* are POSTs that only read; the client passes retry=True.
    with pytest.raises(VendorUnavailable) as caught:
        _run(clock, "POST", [httpx.ReadTimeout("slow")] * 4, json={}, retry=True)
    assert not isinstance(caught.value, VendorUncertain)
    assert len(clock.sleeps) == 3


def test_retry_false_forbids_retrying_a_read(clock: FakeClock) -> None:
    with pytest.raises(VendorUnavailable):
        _run(clock, "GET", [httpx.Response(503), httpx.Response(200)], retry=False)
    assert clock.sleeps == []


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    date = format_datetime(START + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(date, START) == pytest.approx(30.0)
    past = format_datetime(START - timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(past, START) == 0.0
