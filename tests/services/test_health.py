"""Vendor health for the status bar: fed by HTTP events and sync results, told in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.services.health import HealthRegistry, HealthState, VendorHealth
from app.services.sync import SyncResult
from app.vendors.errors import VendorAuthFailed, VendorUnavailable
from tests.services.conftest import FakeClock


@dataclass
class Event:
    vendor: str
    ok: bool
    error: Exception | None
    at: datetime
    token_expires_at: datetime | None = None


def _registry(clock: FakeClock) -> HealthRegistry:
    return HealthRegistry(clock=clock, display_tz=UTC)


def test_unknown_until_first_contact_then_ok() -> None:
    clock = FakeClock()
    health = _registry(clock)
    assert health.get("vroom").state is HealthState.UNKNOWN
    assert health.describe("vroom") == "Vroom: no contact yet"
    health.record_event(Event("vroom", True, None, clock()))
    assert health.get("vroom").state is HealthState.OK
    assert health.describe("vroom") == "Vroom: last update 12:04:10; OK"


def test_failures_degrade_then_mark_down_and_a_success_heals() -> None:
    clock = FakeClock()
    health = _registry(clock)
    changes: list[VendorHealth] = []
    health.on_change(changes.append)
    health.record_event(Event("yodify", True, None, clock()))
    down = VendorUnavailable("yodify", "Yodify did not answer.")
    states = []
    for _ in range(3):
        clock.advance(30)
        health.record_event(Event("yodify", False, down, clock()))
        states.append(health.get("yodify").state)
    assert states == [HealthState.DEGRADED, HealthState.DEGRADED, HealthState.DOWN]
    assert health.describe("yodify") == (
        "Yodify: last update 12:04:10; not answering — Yodify did not answer."
    )
    health.record_event(Event("yodify", True, None, clock()))
    assert health.get("yodify").state is HealthState.OK
    assert [c.state for c in changes] == ["ok", "degraded", "degraded", "down", "ok"]


def test_refused_credentials_are_down_at_once() -> None:
    clock = FakeClock()
    health = _registry(clock)
    refused = VendorAuthFailed("fabric", "fabric refused the client secret; fix it in Settings.")
    health.record_event(Event("fabric", False, refused, clock()))
    assert health.get("fabric").state is HealthState.DOWN
    assert health.describe("fabric") == (
        "fabric Marketplace: no successful update yet; not answering — "
        "fabric refused the client secret; fix it in Settings."
    )


def test_sync_results_backoff_and_token_expiry_show_in_the_sentence() -> None:
    clock = FakeClock()
    health = _registry(clock)
    expires = clock() + timedelta(minutes=5)
    health.record_event(Event("endless-aisles", True, None, clock(), token_expires_at=expires))
    assert health.get("endless-aisles").token_expires_at == expires
    clock.advance(60)
    failed = SyncResult("stock", "endless-aisles", 0, 1.0, "Endless Aisles timed out.", clock())
    health.record_sync(failed)
    health.set_backoff("endless-aisles", clock() + timedelta(seconds=20))
    assert health.describe("endless-aisles") == (
        "Endless Aisles: last update 12:04:10; having trouble; next try 12:05:30 — "
        "Endless Aisles timed out."
    )
    clock.advance(600)
    assert "; sign-in expired — " in health.describe("endless-aisles")
    health.record_sync(SyncResult("stock", "endless-aisles", 4, 1.0, None, clock()))
    assert health.get("endless-aisles").state is HealthState.OK
    assert health.get("endless-aisles").backoff_until is None
