"""A Posiflora cell's drill-down: the chosen order's lines are fetched when it is picked."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.runtime import Runtime
from app.ui.views.orders.drilldown import OrderDrilldown
from app.ui.views.orders.view import OrdersView
from app.vendors.simulators.posiflora import PosifloraSimulator

ONE_ORDER = "/v1/orders/{id}"


def _simulator(runtime: Runtime) -> PosifloraSimulator:
    sim = runtime.links["posiflora"].simulator
    assert isinstance(sim, PosifloraSimulator)
    return sim


def _open_busy_cell(view: OrdersView, qloop: asyncio.AbstractEventLoop) -> OrderDrilldown:
    """The first Posiflora cell holding two orders or more, opened and listed."""
    model = view.sections["posiflora"].model
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if int(str(model.data(model.index(r, c)) or 0)) >= 2
    )
    cell = model.cell_at(index)
    assert cell is not None
    dialog = view.open_cell("posiflora", cell)
    assert dialog.task is not None
    qloop.run_until_complete(dialog.task)
    return dialog


def test_picking_an_order_shows_its_lines_fetched_once(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    wait_until: Callable[..., None],
    every_board_view: OrdersView,
    every_board_runtime: Runtime,
) -> None:
    sim = _simulator(every_board_runtime)
    dialog = _open_busy_cell(every_board_view, qloop)
    first = dialog.model.orders[0]
    in_shop = next(o for o in sim.orders.values() if o.doc_no == first.id)
    line = sim.lines_for(in_shop)[-1]  # a bouquet for the rest of the total
    bouquet = sim.bouquets[line.bouquet_id or ""].title

    wait_until(lambda: bouquet in dialog.details.toPlainText())
    assert "No items reported" not in dialog.details.toPlainText()
    assert sim.count("GET", ONE_ORDER) == 1  # only the order that was picked

    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)  # type: ignore[no-untyped-call]
    wait_until(lambda: sim.count("GET", ONE_ORDER) == 2)
    # Back to the first order: it already has its lines.
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up)  # type: ignore[no-untyped-call]
    assert bouquet in dialog.details.toPlainText()
    wait_until(lambda: all(t.done() for t in dialog.lines_asked.values()))
    assert sim.count("GET", ONE_ORDER) == 2
    dialog.reject()


def test_lines_posiflora_does_not_send_are_said_to_be_missing(
    qloop: asyncio.AbstractEventLoop,
    wait_until: Callable[..., None],
    every_board_view: OrdersView,
    every_board_runtime: Runtime,
) -> None:
    _simulator(every_board_runtime).include_lines = False
    dialog = _open_busy_cell(every_board_view, qloop)
    wait_until(lambda: "did not send this order's lines" in dialog.details.toPlainText())
    dialog.reject()
