"""What staff read when a vendor fails, what vendor health hears, and what the log keeps."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest
import respx

from app.vendors.errors import (
    VendorAuthFailed,
    VendorError,
    VendorProtocolError,
    VendorRateLimited,
    VendorRejected,
    VendorUnavailable,
    VendorUncertain,
)
from app.vendors.http import BasicAuth, HttpEvent, RetryPolicy, default_error_reader
from tests.vendors.http.conftest import START, FakeClock, make_http

NO_RETRY = RetryPolicy(attempts=1, jitter=0.0)


def _fail(
    clock: FakeClock, vendor: str, answer: object, method: str = "GET", **client: Any
) -> VendorError:
    async def go() -> None:
        http = make_http(clock, vendor, retry=NO_RETRY, **client)
        try:
            await http.send_json(method, "/things")
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.route(url="https://api.test/v1/things").mock(side_effect=[answer])
        with pytest.raises(VendorError) as caught:
            asyncio.run(go())
    return caught.value


@pytest.mark.parametrize(
    ("vendor", "answer", "method", "kind", "words"),
    [
        (
            "vroom",
            httpx.ConnectTimeout("t"),
            "GET",
            VendorUnavailable,
            "Vroom did not answer. Check the internet connection",
        ),
        (
            "yodify",
            httpx.Response(502),
            "GET",
            VendorUnavailable,
            "Yodify is having trouble right now (error 502)",
        ),
        ("yodify", httpx.Response(429), "GET", VendorRateLimited, "Yodify asked Counterpart"),
        (
            "vroom",
            httpx.Response(401),
            "GET",
            VendorAuthFailed,
            "Vroom refused the credentials. Check them in Settings > Vroom.",
        ),
        (
            "endless-aisles",
            httpx.Response(403),
            "GET",
            VendorAuthFailed,
            "Settings > Endless Aisles",
        ),
        ("fabric", httpx.Response(404), "GET", VendorRejected, "fabric Marketplace could not find"),
        (
            "posiflora",
            httpx.Response(200, text="{not json"),
            "GET",
            VendorProtocolError,
            "Posiflora sent an answer Counterpart could not read",
        ),
        (
            "endless-aisles",
            httpx.ReadTimeout("t"),
            "PUT",
            VendorUncertain,
            "Endless Aisles may or may not have received it",
        ),
    ],
)
def test_every_error_names_the_vendor_and_what_to_do(
    clock: FakeClock, vendor: str, answer: object, method: str, kind: type, words: str
) -> None:
    error = _fail(clock, vendor, answer, method)
    assert type(error) is kind
    assert error.vendor == vendor
    assert words in error.message
    assert str(error) == error.message


def test_rejection_carries_the_vendors_reasons_as_sentences(clock: FakeClock) -> None:
    body = {
        "errors": [
            {
                "status": "422",
                "title": "Invalid",
                "detail": "Phone is not valid",
                "source": {"pointer": "/data/attributes/phone"},
            }
        ]
    }
    error = _fail(clock, "posiflora", httpx.Response(422, json=body), "PATCH")
    assert isinstance(error, VendorRejected)
    assert error.status == 422
    assert error.details == ("phone: Phone is not valid",)
    assert error.message == "Posiflora refused the request: phone: Phone is not valid."


def test_a_custom_error_reader_is_used(clock: FakeClock) -> None:
    error = _fail(
        clock,
        "vroom",
        httpx.Response(400, json={"x": 1}),
        "POST",
        error_reader=lambda response: ["Promo code already exists"],
    )
    assert error.message == "Vroom refused the request: Promo code already exists."


def test_a_broken_error_reader_still_gives_a_refusal(clock: FakeClock) -> None:
    def broken(response: httpx.Response) -> list[str]:
        raise KeyError("oops")

    error = _fail(clock, "vroom", httpx.Response(400), "POST", error_reader=broken)
    assert isinstance(error, VendorRejected)
    assert "Vroom refused the request (error 400)" in error.message


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        # vroom-and-endless-aisles.md §B7: a string holding a JSON array, and a plain string.
        (
            {"error": ' ["The pick pack field is required.","The freight field is required."]'},
            ["The pick pack field is required.", "The freight field is required."],
        ),
        (
            {"error": "A product option with that id does not exist."},
            ["A product option with that id does not exist."],
        ),
        # yodify.md §4.14: ValidationProblemDetails.
        (
            {"errors": {"Limit": ["Must be between 1 and 100"]}, "title": "Bad"},
            ["Limit: Must be between 1 and 100"],
        ),
        (
            {"errors": {}, "title": "One or more validation errors occurred."},
            ["One or more validation errors occurred."],
        ),
        # fabric.md §5: DRF.
        (
            {"detail": "Authentication credentials were not provided."},
            ["Authentication credentials were not provided."],
        ),
        (
            {"purchase_order_number": ["Already used."], "non_field_errors": ["Bad order."]},
            ["purchase_order_number: Already used.", "Bad order."],
        ),
    ],
)
def test_default_error_reader_understands_each_vendor(body: object, sentences: list[str]) -> None:
    assert default_error_reader(httpx.Response(400, json=body)) == sentences


def test_default_error_reader_ignores_html_pages() -> None:
    assert default_error_reader(httpx.Response(400, text="<html>Bad gateway</html>")) == []
    assert default_error_reader(httpx.Response(400, text="Missing from_time")) == [
        "Missing from_time"
    ]


def test_listener_hears_each_logical_request_once(clock: FakeClock) -> None:
    events: list[HttpEvent] = []

    async def go() -> None:
        http = make_http(clock, listener=events.append)
        try:
            assert await http.get_json("/ok") == {"fine": True}
            with pytest.raises(VendorUnavailable):
                await http.get_json("/down")
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.get("https://api.test/v1/ok").respond(200, json={"fine": True})
        router.get("https://api.test/v1/down").respond(503)
        asyncio.run(go())
    assert [(e.vendor, e.ok) for e in events] == [("vroom", True), ("vroom", False)]
    assert events[0].error is None and events[0].at >= START
    assert isinstance(events[1].error, VendorUnavailable)  # after 4 attempts, one event


def test_log_has_method_path_status_and_never_secrets(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    async def go() -> None:
        http = make_http(clock, auth=BasicAuth("manager@example.com", "hunter2"))
        try:
            await http.post_json(
                "/analytics/orders?token=s3cret", json={"password": "hunter2"}, retry=True
            )
        finally:
            await http.aclose()

    caplog.set_level(logging.DEBUG, logger="counterpart.http")
    with respx.mock() as router:
        router.post("https://api.test/v1/analytics/orders").respond(200, json=[])
        asyncio.run(go())
    lines = [r for r in caplog.records if r.name == "counterpart.http.vroom"]
    assert lines and "POST /v1/analytics/orders -> 200 in" in lines[0].getMessage()
    text = caplog.text
    assert "hunter2" not in text and "s3cret" not in text and "Basic" not in text


def test_requests_say_who_is_calling(clock: FakeClock) -> None:
    async def go() -> None:
        http = make_http(clock)
        try:
            await http.get_json("/ok")
        finally:
            await http.aclose()

    with respx.mock() as router:
        route = router.get("https://api.test/v1/ok").respond(200, json={})
        asyncio.run(go())
    assert route.calls.last.request.headers["User-Agent"].startswith("Counterpart/")
