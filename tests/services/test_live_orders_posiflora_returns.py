"""Posiflora's board: returned orders counted, one order's lines on demand, plain late alerts."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from app.domain.orders import Order, OrderStatus
from app.domain.orders_board import BoardColumn, BoardRow
from app.services.live_boards import live_source_name
from app.services.live_orders_alerts import Deadline, LateOrderAlert
from app.services.live_orders_posiflora import PosifloraBoard
from app.services.live_orders_posiflora_lines import NOT_SENT, line_item
from app.services.runtime import Runtime, open_runtime
from app.vendors.simulators.posiflora import PosifloraSimulator
from app.vendors.simulators.posiflora_data import SimOrder
from tests.ui.helpers import make_context

ONE_ORDER = "/v1/orders/{id}"


def simulator(runtime: Runtime) -> PosifloraSimulator:
    sim = runtime.links["posiflora"].simulator
    assert isinstance(sim, PosifloraSimulator)
    return sim


def board(runtime: Runtime) -> PosifloraBoard:
    found = runtime.live_boards["posiflora"]
    assert isinstance(found, PosifloraBoard)
    return found


def column(board: PosifloraBoard, group: str) -> BoardColumn:
    return next(c for c in board.snapshot.columns if c.group_key == group)


def row_of(board: PosifloraBoard, store_id: str) -> BoardRow:
    return next(r for r in board.snapshot.rows if r.store_id == store_id)


async def refreshed(runtime: Runtime) -> PosifloraBoard:
    result = await runtime.scheduler.refresh_now(live_source_name("posiflora"))
    assert result.ok, result.error
    return board(runtime)


def test_orders_returned_today_fill_the_returned_column(tmp_path: Path) -> None:
    async def go() -> None:
        runtime = await open_runtime(make_context(tmp_path, demo=True))
        try:
            sim = simulator(runtime)
            now = sim.now()
            done = [o for o in sim.orders.values() if o.status == "done"]
            # Taken 40 days ago (past the orders sync's lookback), brought back today.
            taken_long_ago, returned_earlier = done[0], done[1]
            taken_long_ago.created_at, taken_long_ago.due_time = now - timedelta(days=40), None
            sim.mark_returned(taken_long_ago)
            sim.mark_returned(returned_earlier, at=now - timedelta(days=3))
            live = await refreshed(runtime)

            def today(o: SimOrder) -> bool:
                moment = o.updated_at or o.created_at
                return o.status == "returned" and now - moment <= timedelta(hours=24)

            expected = Counter(o.store_id for o in sim.orders.values() if today(o))
            assert sum(expected.values()) == 3  # the demo shop's two, and today's
            counts = {r.store_id: r.group_counts["returned"] for r in live.snapshot.rows}
            assert counts == {store: expected[store] for store in counts}
            returned = column(live, "returned")
            shown = row_of(live, taken_long_ago.store_id).cell_order_ids(returned)
            assert taken_long_ago.doc_no in shown
            elsewhere = row_of(live, returned_earlier.store_id).cell_order_ids(returned)
            assert returned_earlier.doc_no not in elsewhere  # three days ago: off the board
            details = await live.order_details(row_of(live, taken_long_ago.store_id), returned)
            (detail,) = [d for d in details if d.id == taken_long_ago.doc_no]
            assert detail.canceled and (detail.order_type or "").endswith("Returned")
        finally:
            await runtime.aclose()

    asyncio.run(go())


def _names(sim: PosifloraSimulator, order: SimOrder) -> list[str]:
    names = []
    for line in sim.lines_for(order):
        if line.item_id:
            names.append(sim.items[line.item_id].title)
        else:
            names.append(sim.bouquets[line.bouquet_id or ""].title)
    return names


async def _first_open_order(runtime: Runtime) -> tuple[Order, SimOrder]:
    live = await refreshed(runtime)
    sim = simulator(runtime)
    new = column(live, "new")
    row = next(r for r in live.snapshot.rows if r.cell(new))
    details = await live.order_details(row, new)
    order = details[0]
    return order, next(o for o in sim.orders.values() if o.doc_no == order.id)


def test_an_orders_lines_are_fetched_when_opened_then_read_from_the_cache(tmp_path: Path) -> None:
    async def go() -> None:
        runtime = await open_runtime(make_context(tmp_path, demo=True))
        try:
            sim = simulator(runtime)
            order, in_shop = await _first_open_order(runtime)
            # Refreshing the board and listing a cell ask for no order's lines.
            assert sim.count("GET", ONE_ORDER) == 0
            assert not order.items

            answer = await board(runtime).order_lines(order)
            assert answer is not None and answer.note is None
            items = answer.order.items
            assert [i.title for i in items] == _names(sim, in_shop)
            assert sum(i.line_total or 0 for i in items) == in_shop.total_amount
            assert sim.count("GET", ONE_ORDER) == 1

            again = await board(runtime).order_lines(order)  # opened again: from the cache
            assert again is not None and again.order.items == items
            assert sim.count("GET", ONE_ORDER) == 1

            # The shop changes the order: its next opening asks Posiflora again.
            in_shop.revision = sim.next_revision()
            await runtime.scheduler.refresh_now("orders")
            await board(runtime).order_lines(order)
            assert sim.count("GET", ONE_ORDER) == 2
        finally:
            await runtime.aclose()

    asyncio.run(go())


def test_a_server_that_ignores_the_include_is_said_plainly(tmp_path: Path) -> None:
    async def go() -> None:
        runtime = await open_runtime(make_context(tmp_path, demo=True))
        try:
            simulator(runtime).include_lines = False  # the documented API: references only
            order, _ = await _first_open_order(runtime)
            answer = await board(runtime).order_lines(order)
            assert answer is not None
            assert answer.note == NOT_SENT and not answer.order.items
        finally:
            await runtime.aclose()

    asyncio.run(go())


def test_ribbon_by_the_metre_keeps_its_quantity_and_price() -> None:
    record = {"title": "Ribbon", "qty": "1.50", "price": "2.00", "total": "3.00", "item_id": "r"}
    item = line_item("A1", record, {})
    assert item.title == "Ribbon (1.5)"
    assert (item.quantity, item.line_total) == (1, Decimal("3.00"))
    whole = line_item("A1", {**record, "title": "", "qty": "3.00", "total": "6.00"}, {"r": "Rose"})
    assert (whole.title, whole.quantity, whole.line_total) == ("Rose", 3, Decimal("6.00"))


DUE = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)


def _alert(noticed: datetime, deadline: Deadline | None) -> LateOrderAlert:
    order = Order("aaab22003001", "posiflora", "s1", OrderStatus.PENDING, customer_name="Ada Ross")
    waited = noticed - (DUE - timedelta(hours=2))
    return LateOrderAlert(
        "aaab22003001", "s1", "Main street", "new", "New", waited, order, deadline, noticed, UTC
    )


def test_a_late_alert_names_the_delivery_time_not_minutes_from_an_inner_clock() -> None:
    delivery = Deadline("delivery", DUE)
    before = _alert(DUE - timedelta(hours=1), delivery).text
    assert before == (
        "Order aaab22003001 for Ada Ross at Main street is still new; delivery at 14:00, in 60 min."
    )
    assert "in 0 min" not in _alert(DUE - timedelta(seconds=20), delivery).text
    assert _alert(DUE - timedelta(seconds=20), delivery).text.endswith("delivery due now (14:00).")
    after = _alert(DUE + timedelta(minutes=20), Deadline("pickup", DUE)).text
    assert after.endswith("still new; pickup was due at 14:00, 20 min ago.")
    # Without a deadline (an order timed from when it was taken) the wait is what counts.
    assert _alert(DUE, None).text.endswith("has been new for 120 min.")


def test_the_boards_alert_for_a_new_delivery_names_its_delivery_time(tmp_path: Path) -> None:
    async def go() -> None:
        runtime = await open_runtime(make_context(tmp_path, demo=True))
        try:
            sim = simulator(runtime)
            now = datetime.now(UTC).replace(microsecond=0)
            order = next(o for o in sim.orders.values() if o.delivery)
            order.status, order.due_time = "new", now + timedelta(minutes=50)
            live = board(runtime)
            alerts: list[LateOrderAlert] = []
            live.on_alerts(alerts.extend)
            await refreshed(runtime)
            (alert,) = [a for a in alerts if a.order_id == order.doc_no]
            due = order.due_time.astimezone().strftime("%H:%M")
            assert f"is still new; delivery at {due}, in " in alert.text
            assert "for 70 min" not in alert.text  # the inner clock's minutes are not shown
        finally:
            await runtime.aclose()

    asyncio.run(go())
