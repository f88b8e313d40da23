"""Opening a count: the orders behind it with their details; keyboard all the way."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from app.domain.orders import (
    Delivery,
    LineItem,
    Order,
    OrderDiscounts,
    OrderStatus,
    OrderTimes,
    OrderTotals,
)
from app.ui.views.orders.drilldown import OrdersListModel
from app.ui.views.orders.model import BoardModel
from app.ui.views.orders.order_text import order_html, phone_text
from app.ui.views.orders.view import OrdersView
from tests.ui.views.orders.conftest import T0, FakeClock, RecordingNotifier
from tests.ui.views.orders.test_board_view import _freeze


def _open_view(qtbot, qloop, runtime) -> OrdersView:  # type: ignore[no-untyped-def]
    _freeze(runtime, FakeClock())
    view = OrdersView(runtime.context, runtime)
    view.set_notifier(RecordingNotifier())
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qloop.run_until_complete(view.load())
    return view


def test_enter_opens_the_orders_behind_a_cell_and_esc_closes(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    view = _open_view(qtbot, qloop, demo_runtime)
    section = view.sections["vroom"]
    table, model = section.table, section.model
    table.setFocus()
    # Arrow keys walk the cells: find a busy "Preparing < 1h" cell by keyboard alone.
    start = model.index(0, 1)
    table.setCurrentIndex(start)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == 3
    while model.data(table.currentIndex()) == "0":
        row = table.currentIndex().row()
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentIndex().row() == row + 1, "no store is preparing an order"
    cell = model.cell_at(table.currentIndex())
    assert cell is not None
    count = int(model.data(table.currentIndex()))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = view.drilldown
    assert dialog is not None and dialog.isVisible()
    assert dialog.task is not None
    qloop.run_until_complete(dialog.task)
    assert dialog.model.rowCount() == count
    assert dialog.windowTitle().startswith(f"{model.store_name(cell.row)}: {count} order")
    first = dialog.model.orders[0]
    assert first.id in cell.row.cell_order_ids(cell.column)
    html = dialog.details.toPlainText()
    assert f"Order #{first.id}" in html
    assert (first.customer_name or "") in html
    assert phone_text(first.customer_phone) in html
    assert first.items and (first.items[0].title or "") in html
    assert "Total paid" in html and "Placed" in html and "Confirmed" in html
    if count > 1:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        assert f"Order #{dialog.model.orders[1].id}" in dialog.details.toPlainText()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_click_on_a_count_opens_it_but_not_on_a_zero(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    view = _open_view(qtbot, qloop, demo_runtime)
    section = view.sections["vroom"]
    model = section.model
    zero = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if model.data(model.index(r, c)) == "0"
    )
    section.table.clicked.emit(zero)
    assert view.drilldown is None
    busy = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if model.data(model.index(r, c)) != "0"
    )
    section.table.clicked.emit(busy)
    assert view.drilldown is not None and view.drilldown.task is not None
    qloop.run_until_complete(view.drilldown.task)
    assert view.drilldown.model.rowCount() == int(model.data(busy))
    view.drilldown.reject()


def test_order_details_show_every_part_a_person_asks_about() -> None:
    now = datetime(2026, 3, 14, 15, 30, tzinfo=T0.tzinfo)
    order = Order(
        "77",
        "vroom",
        "1001",
        OrderStatus.READY,
        OrderTimes(placed_at=T0, confirmed_at=T0.replace(minute=5), ready_at=T0.replace(minute=25)),
        customer_name="Ada <Chen>",
        customer_phone="5185550100",
        order_type="Delivery",
        items=(
            LineItem("77", title="Red Roses, dozen", unit_price=Decimal("39.99"),
                     original_quantity=3, final_quantity=2),
        ),
        totals=OrderTotals(total=Decimal("92.48"), merchandise=Decimal("79.98"),
                           delivery_fee=Decimal("5.00"), tip=Decimal("7.50")),
        discounts=OrderDiscounts(promotion_code="SPRING10",
                                 promotion_code_final_discount=Decimal("8.00"),
                                 loyalty_code="LC123", loyalty_final_discount=Decimal("1.00")),
        delivery=Delivery(driver="Marco R.", address="12 Garden Row"),
    )  # fmt: skip
    html = order_html(order, now)
    assert "Ada &lt;Chen&gt;" in html  # vendor text is escaped
    for text in ("(518) 555-0100", "Delivery", "2 (ordered 3) ×", "$39.99", "$79.98",
                 "$92.48", "$7.50", "Marco R.", "SPRING10", "$8.00 off", "LC123",
                 "30 min ago", "5 min ago"):  # fmt: skip
        assert text in html, text


def test_models_pass_qt_model_checks(qtmodeltester, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    from app.services.live_boards import live_source_name

    _freeze(demo_runtime, FakeClock())
    qloop.run_until_complete(demo_runtime.scheduler.refresh_now(live_source_name("vroom")))
    service = demo_runtime.live_boards["vroom"]
    board = BoardModel()
    board.set_snapshot(service.snapshot, service.groups)
    qtmodeltester.check(board)
    board.set_store_filter({"1001", "1003"})
    qtmodeltester.check(board)
    orders = OrdersListModel(lambda: T0)
    orders.set_orders(list(service.snapshot.orders.values()))
    qtmodeltester.check(orders)
