"""The orders view on the simulated Vroom account: counts, colours, alerts, outages."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from app.domain.orders import OrderStatus
from app.services.live_boards import add_live_board, live_source_name
from app.services.live_orders import LiveOrdersService
from app.services.runtime import Runtime
from app.ui.views.orders.escalation import Level
from app.ui.views.orders.model import LEVEL_COLOURS, LEVEL_ROLE
from app.ui.views.orders.view import OrdersView
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.vroom import VroomSimulator
from tests.ui.views.orders.conftest import T0, FakeClock, FakeSource, RecordingNotifier

SIM_KEYS = {
    ("pending", False): "orders_pending_less_than_ten_mins",
    ("pending", True): "orders_pending_more_than_ten_mins",
    ("preparing", False): "orders_preparing_less_than_one_hour",
    ("preparing", True): "orders_preparing_more_than_one_hour",
    ("ready", False): "orders_ready_less_than_one_hour",
    ("ready", True): "orders_ready_more_than_one_hour",
    ("completed", None): "orders_completed",
    ("canceled", None): "orders_canceled",
}


def _view(qtbot, runtime: Runtime) -> tuple[OrdersView, RecordingNotifier]:  # type: ignore[no-untyped-def]
    view = OrdersView(runtime.context, runtime)
    qtbot.addWidget(view)
    notifier = RecordingNotifier()
    view.set_notifier(notifier)
    return view, notifier


def _freeze(runtime: Runtime, clock: FakeClock) -> VroomSimulator:
    sim = runtime.links["vroom"].simulator
    assert isinstance(sim, VroomSimulator)
    sim.clock = clock
    runtime.live_boards["vroom"].clock = clock
    return sim


def test_board_shows_the_simulators_counts_per_store(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    _freeze(demo_runtime, FakeClock())
    view, _ = _view(qtbot, demo_runtime)
    qloop.run_until_complete(view.load())
    model = view.sections["vroom"].model
    statuses = qloop.run_until_complete(
        demo_runtime.links["vroom"].client.http.post_json("/analytics/order_statuses", json={})
    )
    by_site = {row["site_id"]: row for row in statuses}
    assert model.rowCount() == 6
    for r in range(model.rowCount()):
        site = model.rows[r].store_id
        assert model.data(model.index(r, 0)) == view.current_settings.store_name(site)
        for c, column in enumerate(model.columns, start=1):
            expected = by_site[site][SIM_KEYS[(column.group_key, column.late)]]["count"]
            assert model.data(model.index(r, c)) == str(expected), (site, column.label)
    section = view.sections["vroom"]
    assert section.status.text() == f"as of {T0.astimezone().strftime('%H:%M:%S')}"
    assert "open" in section.totals.text()
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Pending < 10m"


def _fake_board(runtime: Runtime, clock: FakeClock) -> tuple[FakeSource, LiveOrdersService]:
    source = FakeSource()
    service = LiveOrdersService(source, clock=clock)
    add_live_board(runtime, "vroom", service, ["1001", "1002"])
    return source, service


def test_cells_escalate_in_colour_as_orders_wait(qtbot, qloop, bare_runtime) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    source, service = _fake_board(bare_runtime, clock)
    source.add("A1", "1001", OrderStatus.PENDING, T0)
    view, _ = _view(qtbot, bare_runtime)
    model = view.sections["vroom"].model
    on_time, late = 1, 2  # "Pending < 10m" and "> 10m"

    def at(minutes: int) -> tuple[int, int, object]:
        clock.now = T0 + timedelta(minutes=minutes)
        qloop.run_until_complete(service.refresh())
        return (
            model.data(model.index(0, on_time), LEVEL_ROLE),
            model.data(model.index(0, late), LEVEL_ROLE),
            model.data(model.index(0, late), Qt.ItemDataRole.BackgroundRole),
        )

    assert at(5) == (Level.CALM, Level.CALM, None)
    assert at(8)[:2] == (Level.WATCH, Level.CALM)  # three quarters of the 10 minutes gone
    level_on, level_late, colour = at(12)
    assert (level_on, level_late) == (Level.CALM, Level.LATE)
    assert colour == QColor(LEVEL_COLOURS[Level.LATE][0])
    assert model.data(model.index(0, late)) == "1"
    assert at(21)[1:] == (Level.VERY_LATE, QColor(LEVEL_COLOURS[Level.VERY_LATE][0]))
    font = model.data(model.index(0, late), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()


def test_thresholds_come_from_settings(qtbot, qloop, bare_runtime) -> None:  # type: ignore[no-untyped-def]
    bare_runtime.context.config.sections["board"] = {"pending_late_minutes": 5}
    clock = FakeClock()
    source, _ = _fake_board(bare_runtime, clock)
    source.add("A1", "1001", OrderStatus.PENDING, T0)
    view, _ = _view(qtbot, bare_runtime)
    clock.now = T0 + timedelta(minutes=6)
    qloop.run_until_complete(bare_runtime.scheduler.refresh_now(live_source_name("vroom")))
    model = view.sections["vroom"].model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "> 5m"
    assert model.data(model.index(0, 2)) == "1"


def test_one_alert_per_late_order_and_mute_hushes(qtbot, qloop, bare_runtime) -> None:  # type: ignore[no-untyped-def]
    bare_runtime.context.config.sections["stores"] = {"names": {"1002": "Riverside"}}
    clock = FakeClock()
    source, _ = _fake_board(bare_runtime, clock)
    source.add("A1", "1001", OrderStatus.PENDING, T0)
    source.add("A2", "1002", OrderStatus.PREPARING, T0)
    source.add("A3", "1002", OrderStatus.PENDING, T0 + timedelta(minutes=9))
    _, notifier = _view(qtbot, bare_runtime)
    name = live_source_name("vroom")

    def refresh(minutes: int) -> None:
        clock.now = T0 + timedelta(minutes=minutes)
        qloop.run_until_complete(bare_runtime.scheduler.refresh_now(name))

    refresh(11)  # A1 is late; A2 preparing for 11 min is not; A3 waited 2 min
    assert [t for _, t in notifier.notes] == [
        "Order A1 for Ada Chen at 1001 has been pending for 11 min."
    ]
    assert notifier.chimes == 1
    refresh(12)
    refresh(13)
    assert len(notifier.notes) == 1  # still late, never announced twice
    refresh(20)  # A3 is late now
    assert notifier.notes[-1] == (
        "Vroom: late order",
        "Order A3 for Ada Chen at Riverside has been pending for 11 min.",
    )
    assert notifier.chimes == 2
    bare_runtime.context.config.sections["alerts"] = {"muted": True}
    refresh(61)  # A2 late in preparation, but alerts are muted
    assert len(notifier.notes) == 2 and notifier.chimes == 2


def test_quiet_hours_hush_alerts(qtbot, qloop, bare_runtime) -> None:  # type: ignore[no-untyped-def]
    local = T0.astimezone()
    start = (local + timedelta(minutes=5)).strftime("%H:%M")
    end = (local + timedelta(hours=2)).strftime("%H:%M")
    bare_runtime.context.config.sections["alerts"] = {"quiet_start": start, "quiet_end": end}
    clock = FakeClock()
    source, _ = _fake_board(bare_runtime, clock)
    source.add("A1", "1001", OrderStatus.PENDING, T0)
    _, notifier = _view(qtbot, bare_runtime)
    clock.now = T0 + timedelta(minutes=11)
    qloop.run_until_complete(bare_runtime.scheduler.refresh_now(live_source_name("vroom")))
    assert notifier.notes == [] and notifier.chimes == 0


def test_board_stays_visible_and_marked_stale_when_vroom_fails(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    sim = _freeze(demo_runtime, clock)
    view, _ = _view(qtbot, demo_runtime)
    qloop.run_until_complete(view.load())
    section = view.sections["vroom"]
    before = [[section.model.data(section.model.index(r, c)) for c in range(9)] for r in range(6)]
    sim.faults.script(FaultKind.SERVER_ERROR, path="/analytics/order_statuses", times=10)
    clock.advance(seconds=30)
    result = qloop.run_until_complete(demo_runtime.scheduler.refresh_now(live_source_name("vroom")))
    assert not result.ok  # the health bar hears of it
    after = [[section.model.data(section.model.index(r, c)) for c in range(9)] for r in range(6)]
    assert after == before  # the last good numbers stay on screen
    as_of = T0.astimezone().strftime("%H:%M:%S")
    assert section.status.text().startswith(f"as of {as_of} — Vroom did not answer")
    assert section.status.property("stale") == "true"
    font = section.model.data(section.model.index(0, 1), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert demo_runtime.health.get("vroom").state.value in ("degraded", "down")
    sim.faults.clear()
    clock.advance(seconds=30)
    qloop.run_until_complete(demo_runtime.scheduler.refresh_now(live_source_name("vroom")))
    later = (T0 + timedelta(minutes=1)).astimezone().strftime("%H:%M:%S")
    assert section.status.text() == f"as of {later}"
    assert section.status.property("stale") == "false"


def test_saved_board_paints_before_vroom_answers(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    sim = _freeze(demo_runtime, clock)
    qloop.run_until_complete(demo_runtime.scheduler.refresh_now(live_source_name("vroom")))
    saved = demo_runtime.live_boards["vroom"].snapshot
    demo_runtime.live_boards["vroom"].snapshot = type(saved)(columns=saved.columns)  # a new start
    sim.faults.script(FaultKind.SERVER_ERROR, path="/analytics/order_statuses", times=10)
    view, _ = _view(qtbot, demo_runtime)
    qloop.run_until_complete(view.load())
    model = view.sections["vroom"].model
    assert model.rowCount() == 6
    assert [r.group_counts for r in model.rows] == [r.group_counts for r in saved.rows]
    status = view.sections["vroom"].status
    assert status.text().endswith("(saved) — updating from Vroom…")
    qloop.run_until_complete(demo_runtime.scheduler.refresh_now(live_source_name("vroom")))
    assert "did not answer" in status.text()
    assert [r.group_counts for r in model.rows] == [r.group_counts for r in saved.rows]


def test_store_group_filter_shows_only_the_groups_stores(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    _freeze(demo_runtime, FakeClock())
    view, _ = _view(qtbot, demo_runtime)
    qloop.run_until_complete(view.load())
    groups = [view.group_filter.itemText(i) for i in range(view.group_filter.count())]
    assert groups == ["All stores", "Downtown", "Suburbs"]  # the demo's own groups
    view.group_filter.setCurrentText("Suburbs")
    model = view.sections["vroom"].model
    assert [r.store_id for r in model.rows] == ["1004", "1005", "1006"]
    view.group_filter.setCurrentText("All stores")
    assert model.rowCount() == 6


def test_refresh_now_and_retry_while_failing(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    view, _ = _view(qtbot, demo_runtime)
    qloop.run_until_complete(view.load())
    sim = demo_runtime.links["vroom"].simulator
    assert sim is not None
    calls = sim.count("POST", "/analytics/order_statuses")

    async def click_and_wait() -> None:
        view.refresh_button.click()
        assert view.pending_refresh is not None
        await view.pending_refresh

    qloop.run_until_complete(click_and_wait())
    assert sim.count("POST", "/analytics/order_statuses") == calls + 1
    sim.faults.script(FaultKind.SERVER_ERROR, path="/analytics/order_statuses", times=3)
    qloop.run_until_complete(click_and_wait())
    assert view.boards["vroom"].snapshot.stale
    view.pending_refresh = None
    view._retry_failing()  # the interval has not passed: no new ask
    assert view.pending_refresh is None
    view._last_attempt["vroom"] -= 31

    async def tick_and_wait() -> None:
        view._retry_failing()
        assert view.pending_refresh is not None
        await view.pending_refresh

    qloop.run_until_complete(tick_and_wait())
    assert not view.boards["vroom"].snapshot.stale  # back as soon as Vroom is
