"""Routing, request parsing, answers and the auth hook, through the in-process transport."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from tests.vendors.simulators.example import ShopSimulator, call

FIXED = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def sim() -> ShopSimulator:
    return ShopSimulator(seed=7, clock=lambda: FIXED)


def test_path_params_reach_the_handler_and_state_persists(sim: ShopSimulator) -> None:
    created = call(sim, "POST", "/orders", json={"id": "A 1/2", "total": "12.99"})
    assert created.status_code == 201
    # Decimal is a JSON number with the same digits; the injected clock dates the order.
    assert created.json() == {
        "id": "A 1/2",
        "status": "new",
        "total": 12.99,
        "created": "2024-05-01T09:30:00+00:00",
    }
    fetched = call(sim, "GET", "/orders/A%201%2F2")
    assert fetched.json()["id"] == "A 1/2"


def test_literal_route_wins_over_a_parameter(sim: ShopSimulator) -> None:
    assert call(sim, "GET", "/orders/search", params={"q": "rose"}).json() == {"search": "rose"}


def test_unknown_path_is_404_json_and_wrong_method_405(sim: ShopSimulator) -> None:
    missing = call(sim, "GET", "/nothing/here")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not found"
    wrong = call(sim, "PATCH", "/orders/1")
    assert wrong.status_code == 405
    assert set(wrong.headers["Allow"].split(", ")) == {"GET", "PUT", "DELETE"}


def test_path_outside_the_base_path_is_404(sim: ShopSimulator) -> None:
    outside = "http://shop.test/orders"
    assert call(sim, "GET", outside).status_code == 404
    assert sim.requests[-1] == ("GET", "/orders")


def test_trailing_slash_is_exact_unless_declared_optional(sim: ShopSimulator) -> None:
    assert call(sim, "GET", "/items/").json() == sim.items
    assert call(sim, "GET", "/items").status_code == 404
    assert call(sim, "GET", "/stock").text == "plenty"
    slashed = call(sim, "GET", "/stock/")
    assert (slashed.text, slashed.headers["X-Stock"]) == ("plenty", "yes")


def test_matching_is_case_sensitive(sim: ShopSimulator) -> None:
    assert call(sim, "GET", "/Orders").status_code == 404


def test_repeated_query_keys_are_all_available(sim: ShopSimulator) -> None:
    for order_id in ("1", "2", "3"):
        call(sim, "POST", "/orders", json={"id": order_id})
    call(sim, "PUT", "/orders/2", json={"status": "ready"})
    call(sim, "PUT", "/orders/3", json={"status": "done"})
    listed = call(sim, "GET", "/orders?Statuses=ready&Statuses=done")
    assert sorted(o["id"] for o in listed.json()) == ["2", "3"]


def test_invalid_json_body_is_a_400_with_a_json_error(sim: ShopSimulator) -> None:
    answer = call(sim, "POST", "/orders", content=b"{not json", headers={"X": "1"})
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid JSON body"
    assert sim.orders == {}


def test_none_from_a_handler_is_204(sim: ShopSimulator) -> None:
    call(sim, "POST", "/orders", json={"id": "9"})
    assert call(sim, "DELETE", "/orders/9").status_code == 204
    assert "9" not in sim.orders


def test_handler_exception_is_a_logged_500(
    sim: ShopSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="counterpart.simulators"):
        answer = call(sim, "GET", "/boom")
    assert answer.status_code == 500
    assert "handler bug" in answer.json()["detail"]
    assert any("GET /boom" in r.getMessage() and r.exc_info for r in caplog.records)


def test_auth_hook_refuses_before_the_handler_runs(sim: ShopSimulator) -> None:
    refused = call(
        sim, "POST", "/orders", json={"id": "x"}, headers={"Authorization": "Bearer wrong"}
    )
    assert refused.status_code == 401
    assert sim.orders == {}


def test_route_without_auth_reads_a_form(sim: ShopSimulator) -> None:
    form = {"client_secret": "s3cret", "scope": ["read", "write"]}
    granted = call(sim, "POST", "/token", data=form, headers={"Authorization": ""})
    assert granted.json() == {"access_token": "good-token", "scopes": ["read", "write"]}
    denied = call(sim, "POST", "/token", data={"client_secret": "nope"})
    assert (denied.status_code, denied.json()) == (401, {"error": "invalid_client"})


def test_request_log_counts_by_template(sim: ShopSimulator) -> None:
    call(sim, "GET", "/orders/1")
    call(sim, "GET", "/orders/2")
    call(sim, "GET", "/orders")
    assert sim.requests == [("GET", "/orders/1"), ("GET", "/orders/2"), ("GET", "/orders")]
    assert sim.count("GET", "/orders/{id}") == 2
    assert sim.count("get", "/orders") == 1


def test_same_seed_gives_the_same_data() -> None:
    assert ShopSimulator(seed=3).items == ShopSimulator(seed=3).items
    assert ShopSimulator(seed=3).items != ShopSimulator(seed=4).items
