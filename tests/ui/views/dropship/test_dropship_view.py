"""The dropship view on simulated Endless Aisles and fabric: find, fill, place, track, cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.dropship import CatalogItem
from app.services.db import Database
from app.services.plugs.endless_aisles import plug as plug_endless_aisles
from app.services.runtime import Runtime
from app.ui.views.dropship.view import DropshipView
from app.vendors.simulators.faults import FaultKind
from tests.ui.helpers import make_context
from tests.ui.views.dropship.conftest import Shop

Wait = Callable[..., None]
ADA = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "address_line_1": "12 Garden Row",
    "city": "Albany",
    "state": "NY",
    "zip": "12207",
    "phone": "5185550100",
    "email": "ada@example.com",
}


def find(shop: Shop, text: str) -> CatalogItem:
    """Search like staff do and select the single result."""
    assert shop.view.search is not None
    shop.view.search.box.setText(text)
    shop.run(shop.view.search.search_now(text))
    assert shop.view.search.model.rowCount() == 1, shop.view.search.heading.text()
    return shop.view.search.model.item(0)


def add(shop: Shop, text: str, quantity: int = 1, price: str | None = None) -> None:
    assert shop.view.search is not None and shop.view.order is not None
    find(shop, text)
    shop.view.search.add_button.click()
    model = shop.view.order.model
    row = model.rowCount() - 1
    assert model.setData(model.index(row, 1), quantity)
    if price is not None:
        assert model.setData(model.index(row, 2), price)


def fill(shop: Shop, **changes: str) -> None:
    assert shop.view.order is not None
    for name, value in (ADA | changes).items():
        shop.view.order.form.edits[name].setText(value)


def listed(shop: Shop, count: int) -> bool:
    """The orders list shows ``count`` orders, each placed one with its state at the vendor
    (so the view's own follow-up work has finished before the test goes on)."""
    orders, order = shop.view.orders, shop.view.order
    assert orders is not None and order is not None
    rows = orders.model.rows
    return (
        not order.busy
        and orders.idle
        and len(rows) == count
        and all(r.status is not None or not r.entry.vendor_ref for r in rows)
    )


def result_text(shop: Shop) -> str:
    assert shop.view.order is not None
    return shop.view.order.result.text()


def test_the_empty_view_lists_in_stock_items_from_both_catalogs(shop: Shop) -> None:
    assert shop.view.search is not None
    items = shop.view.search.model.items
    assert {i.vendor for i in items} == {"endless-aisles", "fabric"}
    assert all(i.stock and i.stock > 0 for i in items)
    assert shop.view.search.heading.text().startswith("In stock now")
    first = shop.view.search.model
    assert first.data(first.index(0, 1)) == "Phundamental Puppy Phood"
    assert first.data(first.index(0, 6)) == "$12.99"  # retail
    assert first.data(first.index(0, 7)) == "$9.99"  # minimum advertised price
    tooltip = first.data(first.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Picture on image.hosting.net (not loaded at the till)"


def test_a_scanned_upc_finds_the_item_in_either_catalog(shop: Shop) -> None:
    ea = find(shop, "1877527745411")
    assert (ea.vendor, ea.item_id, ea.variant, ea.stock) == ("endless-aisles", "66543", "1-lb", 40)
    upc = shop.fabric.variants[452].upc
    fabric = find(shop, upc)
    assert (fabric.vendor, fabric.item_id) == ("fabric", "452")
    assert shop.view.search is not None and shop.view.search.add_button.isEnabled()


def test_words_search_both_catalogs(shop: Shop) -> None:
    assert shop.view.search is not None
    shop.run(shop.view.search.search_now("candle"))
    vendors = {i.vendor for i in shop.view.search.model.items}
    assert vendors == {"fabric"}
    assert "result(s) for “candle”" in shop.view.search.heading.text()


def test_the_ship_to_form_is_checked_as_you_type(shop: Shop, qtbot: QtBot) -> None:
    order = shop.view.order
    assert order is not None
    add(shop, "1877527745411")
    form = order.form
    qtbot.keyClicks(form.edits["state"], "N1")
    qtbot.keyClicks(form.edits["zip"], "1220")
    qtbot.keyClicks(form.edits["phone"], "555")
    assert form.errors["state"].isVisible() and form.errors["state"].text() == "must be two letters"
    assert form.errors["zip"].text() == "must be 5 digits or ZIP+4 (12345-6789)"
    assert form.errors["phone"].text() == "must be a 10-digit phone number"
    assert form.edits["zip"].property("invalid") == "true"
    assert not order.place_button.isEnabled()
    fill(shop)
    assert not any(label.isVisible() for label in form.errors.values())
    assert order.place_button.isEnabled()
    assert order.place_button.text() == "Place order with Endless Aisles"
    form.edits["city"].clear()
    assert order.blockers.text() == "Still needed: city."
    assert not order.place_button.isEnabled()


def test_the_summary_shows_totals_and_margin(shop: Shop) -> None:
    add(shop, "1877527745411", quantity=2)  # retail 12.99, wholesale 3.57
    assert shop.view.order is not None
    assert shop.view.order.summary.text() == (
        "2 item(s) · customer pays $25.98 · store pays $7.14 · margin $18.84 (72.5%)"
    )
    assert shop.view.order.vendor_bar.tabText(0) == "Endless Aisles (2)"


def test_place_order_records_it_places_it_and_lists_it(shop: Shop, wait_until: Wait) -> None:
    add(shop, "1877527745411", quantity=2)
    fill(shop)
    assert shop.view.order is not None and shop.view.orders is not None
    shop.view.order.place_button.click()
    wait_until(lambda: "as order 10031." in result_text(shop) and listed(shop, 1))
    assert [o.custom_order_id for o in shop.ea.orders.values()] == [
        shop.view.orders.model.rows[0].reference
    ]
    assert shop.view.order.model.rowCount() == 0, "the cart is emptied once the order is recorded"
    orders = shop.view.orders.model
    assert orders.data(orders.index(0, 3)) == "Scheduled"
    assert orders.data(orders.index(0, 1)) == "Ada Lovelace"
    assert shop.view.tabs.tabText(1) == "Orders (1)"


def test_a_price_under_map_asks_to_confirm_first(shop: Shop, wait_until: Wait) -> None:
    add(shop, "1877527745411", price="8.00")
    fill(shop)
    order = shop.view.order
    assert order is not None
    order.place_button.click()
    wait_until(lambda: order.map_box is not None and order.map_box.isVisible())
    assert order.map_box is not None
    assert "$8.00 is under the minimum advertised price $9.99" in order.map_box.text()
    assert shop.ea.orders == {}
    order.map_box.button(QMessageBox.StandardButton.Yes).click()
    wait_until(lambda: "Placed at Endless Aisles" in result_text(shop) and listed(shop, 1))
    assert len(shop.ea.orders) == 1


def test_declining_the_map_warning_places_nothing(shop: Shop, wait_until: Wait) -> None:
    add(shop, "1877527745411", price="8.00")
    fill(shop)
    order = shop.view.order
    assert order is not None
    order.place_button.click()
    wait_until(lambda: order.map_box is not None and order.map_box.isVisible())
    assert order.map_box is not None
    order.map_box.button(QMessageBox.StandardButton.Cancel).click()
    assert result_text(shop).startswith("Not placed.")
    assert shop.ea.orders == {} and shop.run(shop.runtime.outbox.list()) == []
    assert order.model.rowCount() == 1, "the cart is kept to fix the price"


def test_drop_after_commit_then_check_again_gives_exactly_one_order(
    shop: Shop, wait_until: Wait
) -> None:
    shop.ea.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/api/orders")
    add(shop, "1877527745411")
    fill(shop)
    assert shop.view.order is not None and shop.view.orders is not None
    shop.view.order.place_button.click()
    wait_until(lambda: "may have received the order" in result_text(shop) and listed(shop, 1))
    assert "cannot be placed twice" in result_text(shop)
    orders = shop.view.orders
    assert orders.model.data(orders.model.index(0, 3)) == "Checking with vendor"
    orders.table.selectRow(0)
    assert orders.resume_button.isEnabled()
    orders.resume_button.click()
    wait_until(lambda: listed(shop, 1) and orders.model.rows[0].state_text == "Scheduled")
    assert orders.model.data(orders.model.index(0, 4)) == "10031"
    assert orders.model.rows[0].state_text == "Scheduled"
    assert len(shop.ea.orders) == 1
    assert shop.ea.count("PUT", "/api/orders") == 1, "found at the vendor, never resent"


def test_cancel_within_the_window_then_the_vendors_reason_after_it(
    shop: Shop, wait_until: Wait
) -> None:
    orders = shop.view.orders
    assert orders is not None and shop.view.order is not None
    for placed in (1, 2):
        add(shop, "1877527745411")
        fill(shop)
        shop.view.order.place_button.click()
        wait_until(lambda n=placed: listed(shop, n))
    first, second = reversed([row.reference for row in orders.model.rows])
    shop.run(orders.cancel_now(first))
    row = orders.model.rows[orders.model.row_for(first) or 0]
    assert row.state_text == "Canceled"
    shop.clock.advance(timedelta(hours=1))
    shop.run(orders.cancel_now(second))
    assert "can no longer be cancelled" in orders.detail.text()
    assert "Endless Aisles says" in orders.detail.text()


def test_cancel_asks_first_in_a_dialog(shop: Shop, wait_until: Wait) -> None:
    orders = shop.view.orders
    assert orders is not None and shop.view.order is not None
    add(shop, "1877527745411")
    fill(shop)
    shop.view.order.place_button.click()
    wait_until(lambda: listed(shop, 1))
    orders.table.selectRow(0)
    orders.cancel_button.click()
    assert orders.cancel_box is not None and orders.cancel_box.isVisible()
    orders.cancel_box.button(QMessageBox.StandardButton.Yes).click()
    wait_until(lambda: orders.model.rows[0].state_text == "Canceled" and listed(shop, 1))
    assert next(iter(shop.ea.orders.values())).canceled_at is not None


def test_fabric_shipments_show_tracking_links_and_are_acknowledged(
    shop: Shop, wait_until: Wait
) -> None:
    shop.fabric.variants[452].inventory = 30
    orders = shop.view.orders
    assert orders is not None and shop.view.order is not None
    add(shop, shop.fabric.variants[452].upc)
    fill(shop)
    shop.view.order.place_button.click()
    wait_until(lambda: "Placed at fabric Marketplace" in result_text(shop) and listed(shop, 1))
    shop.clock.advance(timedelta(hours=4))
    shop.run(orders.refresh_now())
    assert orders.model.rows[0].state_text == "Shipped"
    orders.table.selectRow(0)
    assert '<a href="https://' in orders.detail.text()
    assert shop.fabric.shipments
    assert all(s.acknowledged_at is not None for s in shop.fabric.shipments.values())


def test_production_endless_aisles_shows_a_real_orders_marker(
    qtbot: QtBot, qloop: object, counterpart_home: Path
) -> None:
    context = make_context(
        counterpart_home,
        demo=False,
        config_text='[vendors.endless-aisles]\nbase_url = "https://app.endlessaisles.io"\n',
    )

    async def build() -> Runtime:
        runtime = Runtime(context, await Database.open(context.database))
        await plug_endless_aisles(runtime, context.config.vendors["endless-aisles"])
        return runtime

    runtime = qloop.run_until_complete(build())  # type: ignore[attr-defined]
    try:
        view = DropshipView(context, runtime)
        qtbot.addWidget(view)
        view.show()
        assert view.marker.isVisible()
        assert view.marker.text().startswith("REAL ORDERS — Endless Aisles production")
    finally:
        qloop.run_until_complete(runtime.aclose())  # type: ignore[attr-defined]


def test_the_test_environment_has_no_marker(shop: Shop) -> None:
    assert not shop.view.marker.isVisible()


def test_without_a_dropship_vendor_the_view_says_how_to_connect(
    qtbot: QtBot, counterpart_home: Path
) -> None:
    view = DropshipView(make_context(counterpart_home), None)
    qtbot.addWidget(view)
    view.show()
    assert view.empty_state.isVisible() and view.search is None
