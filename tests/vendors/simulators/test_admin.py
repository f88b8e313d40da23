"""The built-in /__sim__/ routes: outside auth, faults and the request log."""

from __future__ import annotations

from datetime import datetime

from app.vendors.simulators.faults import FaultKind
from tests.vendors.simulators.example import ShopSimulator, call

ROOT = "http://shop.test"


def test_admin_routes_skip_auth_faults_and_the_log() -> None:
    sim = ShopSimulator()
    sim.faults.sometimes(FaultKind.SERVER_ERROR, 1.0)
    answer = call(sim, "GET", ROOT + "/__sim__/snapshot", headers={"Authorization": "no"})
    assert answer.json() == {
        "vendor": "shop",
        "requests": 0,
        "state": {"orders": [], "counter": 0},
    }
    assert sim.requests == []


def test_faults_can_be_listed_added_and_cleared_from_outside() -> None:
    sim = ShopSimulator()
    added = call(sim, "POST", ROOT + "/__sim__/faults", json={"kind": "rate_limit", "times": 2})
    assert added.status_code == 201
    listed = call(sim, "GET", ROOT + "/__sim__/faults").json()
    assert [(r["kind"], r["times"]) for r in listed] == [("rate_limit", 2)]
    assert call(sim, "GET", "/orders").status_code == 429
    assert call(sim, "DELETE", ROOT + "/__sim__/faults").status_code == 204
    assert call(sim, "GET", "/orders").status_code == 200


def test_a_bad_fault_rule_is_refused_with_a_reason() -> None:
    answer = call(ShopSimulator(), "POST", ROOT + "/__sim__/faults", json={"kind": "gremlins"})
    assert answer.status_code == 400
    assert "gremlins" in answer.json()["error"]


def test_default_clock_is_timezone_aware() -> None:
    now = ShopSimulator().now()
    assert isinstance(now, datetime)
    assert now.utcoffset() is not None
