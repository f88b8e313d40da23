"""The board after many cheap refreshes: the counts, the late cells and the drill-down still right.

Refreshes ask Vroom for counts and only new order details; these tests watch the board a person
sees over ten minutes of refreshes, with the shop's own thresholds, against the
simulator's orders themselves.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.orders import Order, OrderStatus
from app.services.live_boards import live_source_name
from app.ui.views.orders.view import OrdersView
from tests.ui.views.orders.conftest import FakeClock, RecordingNotifier
from tests.ui.views.orders.test_board_view import SIM_KEYS, _freeze

LIMITS = {"pending": 5, "preparing": 30, "ready": 45}  # minutes; not Vroom's 10 / 60 / 60


def _truth(orders: list[Order], now: datetime) -> dict[tuple[str, str], set[str]]:
    """(store, group) -> the ids of the open orders late under LIMITS, from their own times."""
    late: dict[tuple[str, str], set[str]] = {}
    for order in orders:
        if order.status in (OrderStatus.COMPLETED, OrderStatus.CANCELED):
            continue
        since = order.status_since
        assert since is not None
        if now - since >= timedelta(minutes=LIMITS[order.status]):
            late.setdefault((order.store_id, order.status), set()).add(order.id)
    return late


def test_cells_and_drill_down_stay_right_over_many_refreshes(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    _freeze(demo_runtime, clock)
    demo_runtime.context.config.sections["board"] = {
        f"{key}_late_minutes": minutes for key, minutes in LIMITS.items()
    }
    view = OrdersView(demo_runtime.context, demo_runtime)
    view.set_notifier(RecordingNotifier())
    qtbot.addWidget(view)
    qloop.run_until_complete(view.load())
    model = view.sections["vroom"].model
    client = demo_runtime.links["vroom"].client
    seen_late = 0
    for _ in range(10):  # ten minutes: orders arrive, move on, turn late
        clock.advance(minutes=1)
        qloop.run_until_complete(demo_runtime.scheduler.refresh_now(live_source_name("vroom")))
        asked = client.http.post_json("/analytics/order_statuses", json={})
        vroom = {r["site_id"]: r for r in qloop.run_until_complete(asked)}
        orders = qloop.run_until_complete(client.orders(from_time=clock() - timedelta(hours=6)))
        late = _truth(orders, clock())
        for r, row in enumerate(model.rows):
            site = vroom[row.store_id]
            for c, column in enumerate(model.columns, start=1):
                shown = int(model.data(model.index(r, c)))
                if column.late is None:
                    assert shown == site[SIM_KEYS[(column.group_key, None)]]["count"]
                    continue
                total = sum(
                    site[SIM_KEYS[(column.group_key, side)]]["count"] for side in (False, True)
                )
                truly_late = len(late.get((row.store_id, column.group_key), set()))
                assert shown == (truly_late if column.late else total - truly_late), column.label
                seen_late += truly_late if column.late else 0
    assert seen_late  # the run did show late cells
    # The drill-down of a late cell lists exactly its orders, with their items.
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c, column in enumerate(model.columns, start=1)
        if column.late and model.data(model.index(r, c)) != "0"
    )
    cell = model.cell_at(index)
    assert cell is not None
    dialog = view.open_cell("vroom", cell)
    assert dialog.task is not None
    qloop.run_until_complete(dialog.task)
    listed = [o.id for o in dialog.model.orders]
    assert listed and sorted(listed) == sorted(cell.row.cell_order_ids(cell.column))
    assert all(o.items for o in dialog.model.orders)
    dialog.reject()
