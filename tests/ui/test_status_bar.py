"""The status bar shows each vendor's health and explains it on hover."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from app.services.health import HealthRegistry
from app.ui.status_bar import VendorStatusBar
from app.vendors.errors import VendorUnavailable


class Event:
    def __init__(self, vendor: str, ok: bool, error: object | None = None) -> None:
        self.vendor, self.ok, self.error = vendor, ok, error
        self.at = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
        self.token_expires_at = None


def test_health_changes_reach_the_labels(qtbot: QtBot) -> None:
    clock = lambda: datetime(2026, 11, 22, 9, 31, tzinfo=UTC)  # noqa: E731
    health = HealthRegistry(["vroom", "yodify"], clock=clock, display_tz=UTC)
    bar = VendorStatusBar(["vroom", "yodify"], demo=False)
    qtbot.addWidget(bar)
    bar.follow(health)
    assert bar.labels["vroom"].text() == "· Vroom —"
    health.record_event(Event("vroom", True))
    assert bar.labels["vroom"].text() == "● Vroom OK"
    assert bar.labels["vroom"].toolTip() == "Vroom: last update 09:30:00; OK"
    outage = VendorUnavailable("yodify", "Yodify did not answer; check the connection.")
    for _ in range(3):
        health.record_event(Event("yodify", False, outage))
    assert bar.labels["yodify"].text() == "○ Yodify offline"
    assert "Yodify did not answer" in bar.labels["yodify"].toolTip()
    assert bar.labels["yodify"].property("health") == "down"
    bar.detach()
    health.record_event(Event("vroom", False, outage))
    assert bar.labels["vroom"].text() == "● Vroom OK"  # detached: no more updates
