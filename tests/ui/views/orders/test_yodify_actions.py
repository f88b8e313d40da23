"""The trade order drill-down: what it shows, and Confirm / Add shipment / Cancel end to end."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.orders import Order, OrderStatus
from app.domain.wholesale import TradeOrderStatus
from app.services.runtime import Runtime, open_runtime
from app.ui.views.orders.yodify_actions import TradeOrderPanel, make_trade_order_panel
from app.ui.views.orders.yodify_dialogs import CancelTradeOrderDialog, ShipmentDialog
from app.vendors.simulators.yodify import YodifySimulator
from tests.ui.helpers import make_context

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def runtime(qloop: asyncio.AbstractEventLoop, counterpart_home: Path) -> Iterator[Runtime]:
    opened = qloop.run_until_complete(open_runtime(make_context(counterpart_home, demo=True)))
    yield opened
    qloop.run_until_complete(opened.aclose())


def simulator(runtime: Runtime) -> YodifySimulator:
    sim = runtime.links["yodify"].simulator
    assert isinstance(sim, YodifySimulator)
    return sim


def send(qloop: asyncio.AbstractEventLoop, runtime: Runtime) -> None:
    qloop.run_until_complete(runtime.worker.drain(["yodify"]))


def labels(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_drill_down_confirms_and_ships_a_canadian_order(
    qtbot: Any,
    qtmodeltester: Any,
    qloop: asyncio.AbstractEventLoop,
    runtime: Runtime,
    wait_until: Callable[..., None],
) -> None:
    sim = simulator(runtime)
    account = next(a for a in sim.catalog.accounts.values() if a.currency == "CAD")
    placed = sim.place_order(account_id=account.id)
    on_board = Order(str(placed.id), "yodify", "yodify", OrderStatus.PENDING)
    panel = make_trade_order_panel(runtime, on_board)
    qtbot.addWidget(panel)
    assert isinstance(panel, TradeOrderPanel)
    wait_until(lambda: panel.order is not None)

    assert placed.number in panel.heading.text() and "New" in panel.heading.text()
    assert account.name in panel.account.text()
    qtmodeltester.check(panel.lines)
    assert panel.lines.rowCount() == len(placed.lines)
    shown = labels(panel)
    assert "CAD" in shown and "USD" in shown  # the customer's total and the shop's
    assert not panel.ship_button.isEnabled()
    assert placed.number in panel.ship_button.toolTip()

    qtbot.mouseClick(panel.confirm_button, LEFT)
    wait_until(lambda: "sending it to Yodify" in panel.status.text())
    send(qloop, runtime)
    wait_until(lambda: panel.ship_button.isEnabled())
    assert sim.orders[placed.id].status == "Processing"
    assert not panel.confirm_button.isEnabled()

    qtbot.mouseClick(panel.ship_button, LEFT)
    wait_until(lambda: panel.findChild(ShipmentDialog) is not None)
    dialog = panel.findChild(ShipmentDialog)
    assert dialog is not None
    assert dialog.carrier.count() == 5 and not dialog.ok.isEnabled()
    dialog.carrier.setCurrentText("Canada Post")
    dialog.tracking.setText("CP123456789CA")
    qtbot.mouseClick(dialog.ok, LEFT)
    wait_until(lambda: "Ship trade order" in panel.status.text())
    send(qloop, runtime)
    wait_until(lambda: not panel.cancel_button.isEnabled())
    (shipment,) = sim.orders[placed.id].shipments
    assert (shipment.carrier, shipment.tracking_number) == ("Canada Post", "CP123456789CA")
    assert "refund it in Yodify" in panel.cancel_button.toolTip()


def test_cancel_on_a_stale_panel_shows_yodifys_refusal(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    runtime: Runtime,
    wait_until: Callable[..., None],
) -> None:
    sim = simulator(runtime)
    placed = sim.place_order()
    assert runtime.wholesale is not None
    seen = qloop.run_until_complete(runtime.wholesale.orders.refresh(placed.id))
    panel = make_trade_order_panel(runtime, replace(seen, status=TradeOrderStatus.PROCESSING))
    qtbot.addWidget(panel)
    assert isinstance(panel, TradeOrderPanel)
    # Shipped in Yodify's own admin after the panel was opened.
    placed.status = "Processing"
    sim.add_shipment_record(placed, "UPS", "1Z77")
    placed.status = "Shipped"

    qtbot.mouseClick(panel.cancel_button, LEFT)
    dialog = panel.findChild(CancelTradeOrderDialog)
    assert dialog is not None and not dialog.ok.isEnabled()  # a reason is required
    dialog.reason.setPlainText("Customer changed their mind")
    qtbot.mouseClick(dialog.ok, LEFT)
    wait_until(lambda: "sending it to Yodify" in panel.status.text())
    send(qloop, runtime)
    wait_until(lambda: "Yodify refused" in panel.status.text())
    assert "can no longer be cancelled" in panel.status.text()
    errors = [m.text for m in runtime.context.messages.history if m.level.value == "error"]
    assert any("can no longer be cancelled" in text for text in errors)
    assert sim.orders[placed.id].status == "Shipped"
