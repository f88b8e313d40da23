"""The board: groups as data, counts per store, cells escalating as orders wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.orders import Order, OrderStatus, OrderTimes, status_from_times
from app.domain.orders_board import (
    OrderPosition,
    StatusGroup,
    StoreRef,
    board_columns,
    build_board,
    portal_status_groups,
    position_of,
)

T0 = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
STORES = [StoreRef("1001", "Bloom Main Street"), StoreRef("1002", "Bloom Riverside")]


def _cells(
    positions: list[OrderPosition], now: datetime, groups: list[StatusGroup] | None = None
) -> dict[tuple[str, str], int]:
    groups = groups or portal_status_groups()
    rows = build_board(STORES, positions, groups, now)
    columns = board_columns(groups)
    return {(r.store_id, c.label): r.cell(c) for r in rows for c in columns}


def test_portal_columns_in_portal_order() -> None:
    labels = [c.label for c in board_columns(portal_status_groups())]
    assert labels == [
        "Pending < 10m",
        "> 10m",
        "Preparing < 1h",
        "> 1h",
        "Ready < 1h",
        "> 1h",
        "Complete",
        "Canceled",
    ]


def test_pending_order_escalates_after_ten_minutes() -> None:
    pos = [OrderPosition("A1", "1001", OrderStatus.PENDING, since=T0)]
    assert _cells(pos, T0 + timedelta(minutes=9, seconds=59))[("1001", "> 10m")] == 0
    cells = _cells(pos, T0 + timedelta(minutes=10))
    assert cells[("1001", "Pending < 10m")] == 0 and cells[("1001", "> 10m")] == 1


def test_preparing_and_ready_escalate_after_an_hour() -> None:
    pos = [
        OrderPosition("A1", "1001", OrderStatus.PREPARING, since=T0),
        OrderPosition("A2", "1002", OrderStatus.READY, since=T0 + timedelta(minutes=30)),
    ]
    rows = build_board(STORES, pos, portal_status_groups(), T0 + timedelta(minutes=61))
    assert rows[0].late_counts["preparing"] == 1 and rows[1].late_counts["ready"] == 0
    rows = build_board(STORES, pos, portal_status_groups(), T0 + timedelta(minutes=91))
    assert rows[1].late_counts["ready"] == 1
    assert rows[1].late_order_ids["ready"] == ("A2",)


def test_thresholds_are_configurable() -> None:
    groups = portal_status_groups(pending_late_after=timedelta(minutes=5))
    pos = [OrderPosition("A1", "1001", OrderStatus.PENDING, since=T0)]
    cells = _cells(pos, T0 + timedelta(minutes=6), groups)
    assert cells[("1001", "> 5m")] == 1
    assert board_columns(groups)[0].label == "Pending < 5m"


def test_vendor_verdict_used_only_when_times_unknown() -> None:
    pos = [
        OrderPosition("A1", "1001", OrderStatus.PENDING, since=None, vendor_late=True),
        OrderPosition("A2", "1001", OrderStatus.PENDING, since=T0, vendor_late=True),
    ]
    row = build_board(STORES, pos, portal_status_groups(), T0 + timedelta(minutes=1))[0]
    assert row.group_counts["pending"] == 2 and row.late_counts["pending"] == 1


def test_every_configured_store_has_a_row_even_without_orders() -> None:
    pos = [OrderPosition("Z1", "1999", OrderStatus.COMPLETED, since=T0)]
    rows = build_board(STORES, pos, portal_status_groups(), T0)
    assert [(r.store_id, r.store_name) for r in rows] == [
        ("1001", "Bloom Main Street"),
        ("1002", "Bloom Riverside"),
        ("1999", "1999"),
    ]
    assert rows[0].group_counts == dict.fromkeys(
        ["pending", "preparing", "ready", "completed", "canceled"], 0
    )


def test_new_groups_join_as_data() -> None:
    groups = [
        *portal_status_groups(),
        StatusGroup(
            "open",
            "Open (any)",
            9,
            timedelta(hours=2),
            frozenset({OrderStatus.PENDING, OrderStatus.PREPARING}),
        ),
    ]
    columns = board_columns(groups)
    assert [c.label for c in columns][-2:] == ["Open (any) < 2h", "> 2h"]


def test_cell_order_ids_split_on_time_and_late() -> None:
    pos = [
        OrderPosition("A1", "1001", OrderStatus.PENDING, since=T0),
        OrderPosition("A2", "1001", OrderStatus.PENDING, since=T0 + timedelta(minutes=8)),
        OrderPosition("", "1001", OrderStatus.PENDING, vendor_late=True),  # counted, no id
    ]
    groups = portal_status_groups()
    row = build_board(STORES, pos, groups, T0 + timedelta(minutes=12))[0]
    on_time, late = board_columns(groups)[:2]
    assert row.cell(on_time) == 1 and row.cell(late) == 2
    assert row.cell_order_ids(on_time) == ("A2",) and row.cell_order_ids(late) == ("A1",)


def test_order_status_and_clock_follow_its_milestones() -> None:
    times = OrderTimes(placed_at=T0, confirmed_at=T0 + timedelta(minutes=3))
    status = status_from_times(times, canceled=False)
    order = Order("A1", "vroom", "1001", status, times)
    assert status is OrderStatus.PREPARING
    assert position_of(order).since == T0 + timedelta(minutes=3)
    assert status_from_times(times, canceled=True) is OrderStatus.CANCELED
