"""A wholesale order on the board opens with what staff can do about it."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.ui.views.orders.view import OrdersView


def test_a_yodify_order_drilldown_offers_confirm_cancel_and_shipment(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, every_board_view: OrdersView
) -> None:
    view = every_board_view
    section = view.sections["yodify"]
    model = section.model
    busy = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if model.data(model.index(r, c)) not in ("0", "", None)
    ]
    assert busy, "the demo wholesale board has no waiting trade orders"
    cell = model.cell_at(busy[0])
    assert cell is not None
    dialog = view.open_cell("yodify", cell)
    assert dialog.task is not None
    qloop.run_until_complete(dialog.task)
    assert dialog.model.rowCount() >= 1
    panel = dialog.action_panel
    assert panel is not None
    labels = {button.text() for button in panel.findChildren(QPushButton)}
    assert any(label.startswith("Confirm") for label in labels), labels
    assert any(label.startswith("Cancel") for label in labels), labels
    assert any("shipment" in label.lower() for label in labels), labels
    dialog.reject()
