"""The fault plan: scoping, scripted versus seeded probabilistic rules, the rate window."""

from __future__ import annotations

from app.vendors.simulators.faults import FaultKind, FaultPlan, FaultRule
from tests.vendors.simulators.example import ShopSimulator, call


def kinds(plan: FaultPlan, method: str, path: str, n: int) -> list[FaultKind | None]:
    return [plan.decide(method, [path]).kind for _ in range(n)]


def test_scripted_fault_hits_exactly_the_next_n_matching_requests() -> None:
    plan = FaultPlan()
    plan.script(FaultKind.SERVER_ERROR, method="PUT", path="/orders/{id}", times=2)
    assert plan.decide("GET", ["/orders/1"]).kind is None  # other method: untouched
    assert plan.decide("PUT", ["/orders"]).kind is None  # other path: untouched
    assert kinds(plan, "PUT", "/orders/7", 3) == [FaultKind.SERVER_ERROR] * 2 + [None]


def test_fault_scope_accepts_the_path_with_or_without_base_path() -> None:
    sim = ShopSimulator()
    sim.faults.script(FaultKind.SERVER_ERROR, path="/api/v1/orders")
    sim.faults.script(FaultKind.SERVER_ERROR, path="/orders")
    assert call(sim, "GET", "/orders").status_code == 503
    assert call(sim, "GET", "/orders").status_code == 503
    assert call(sim, "GET", "/orders").status_code == 200


def test_probabilistic_faults_repeat_for_the_same_seed() -> None:
    first = kinds(FaultPlan(error_rate=0.3, seed=11), "GET", "/x", 200)
    again = kinds(FaultPlan(error_rate=0.3, seed=11), "GET", "/x", 200)
    other = kinds(FaultPlan(error_rate=0.3, seed=12), "GET", "/x", 200)
    assert first == again
    assert first != other
    assert 30 < first.count(FaultKind.SERVER_ERROR) < 90


def test_scripted_rules_take_precedence_over_probabilistic_ones() -> None:
    plan = FaultPlan(error_rate=1.0)
    plan.script(FaultKind.RATE_LIMIT, times=1, retry_after=7)
    decision = plan.decide("GET", ["/x"])
    assert decision.kind is FaultKind.RATE_LIMIT
    assert decision.rule is not None and decision.rule.retry_after == 7
    assert plan.decide("GET", ["/x"]).kind is FaultKind.SERVER_ERROR


def test_latency_adds_to_another_fault() -> None:
    plan = FaultPlan(latency=0.25)
    plan.script(FaultKind.TIMEOUT)
    decision = plan.decide("GET", ["/x"])
    assert (decision.delay, decision.kind) == (0.25, FaultKind.TIMEOUT)
    assert (plan.decide("GET", ["/x"]).delay, plan.decide("GET", ["/x"]).kind) == (0.25, None)


def test_rate_window_answers_429_beyond_the_limit_until_a_second_passes() -> None:
    now = [100.0]
    plan = FaultPlan(max_per_second=2, monotonic=lambda: now[0])
    assert kinds(plan, "GET", "/x", 3) == [None, None, FaultKind.RATE_LIMIT]
    now[0] += 1.0
    assert kinds(plan, "GET", "/x", 1) == [None]


def test_clear_removes_every_rule() -> None:
    plan = FaultPlan(error_rate=1.0)
    plan.clear()
    assert kinds(plan, "GET", "/x", 3) == [None, None, None]


def test_rule_round_trips_through_a_dict() -> None:
    rule = FaultRule(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/orders/{id}", times=1)
    again = FaultRule.from_dict(rule.to_dict())
    assert (again.kind, again.method, again.path, again.times) == (
        FaultKind.DROP_AFTER_COMMIT,
        "PUT",
        "/orders/{id}",
        1,
    )
