"""The dropship tables pass Qt's model checks and read the way staff expect."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from app.domain.dropship import CatalogItem, Shipment, VendorOrder, VendorOrderState
from app.services.dropship import DropshipStatus
from app.services.outbox_store import OutboxEntry, OutboxState
from app.ui.views.dropship.cart import Carts, new_reference, totals
from app.ui.views.dropship.cart_model import CartModel
from app.ui.views.dropship.orders_detail import detail_html
from app.ui.views.dropship.orders_model import OrderRow, OrdersModel
from app.ui.views.dropship.results_model import ResultsModel
from tests.vendors.endless_aisles.fakes import order_data

PUPPY = CatalogItem(
    "endless-aisles",
    "66543",
    "1877527745411",
    "Phundamental Puppy Phood",
    brand="PHIDO",
    variant="1-lb",
    image_url="https://image.hosting.net/images/products/32154-1.jpg",
    wholesale=Decimal("3.57"),
    retail=Decimal("12.99"),
    map_price=Decimal("9.99"),
    stock=40,
)
GONE = CatalogItem("fabric", "460", "284135589248", "Dried Lavender", stock=0)


def entry(state: OutboxState, vendor_ref: str | None = None) -> OutboxEntry:
    fields: dict[str, Any] = {
        "id": 1,
        "vendor": "endless-aisles",
        "operation": "place_order",
        "payload": order_data(),
        "idempotency_key": "STORE12-000123",
        "summary": "Dropship order STORE12-000123",
        "state": state,
        "attempts": 1,
        "created_at": datetime(2026, 3, 2, 15, 0, tzinfo=UTC),
        "updated_at": datetime(2026, 3, 2, 15, 0, tzinfo=UTC),
        "vendor_ref": vendor_ref,
        "last_message": None,
        "needs_reconcile": False,
    }
    names = OutboxEntry.__dataclass_fields__
    return OutboxEntry(**{k: v for k, v in fields.items() if k in names})


def shipped() -> DropshipStatus:
    parcel = Shipment("1Z999", "https://track.example/1Z999", carrier="UPS")
    order = VendorOrder("endless-aisles", "10031", VendorOrderState.SHIPPED, shipments=(parcel,))
    return DropshipStatus("STORE12-000123", "endless-aisles", "sent", order)


def test_results_model(qapp: Any, qtmodeltester: Any) -> None:
    model = ResultsModel()
    model.set_items([PUPPY, GONE])
    qtmodeltester.check(model)
    assert [model.data(model.index(0, c)) for c in range(1, 9)] == [
        "Phundamental Puppy Phood",
        "PHIDO",
        "1-lb",
        "Endless Aisles",
        "$3.57",
        "$12.99",
        "$9.99",
        "40",
    ]
    assert model.data(model.index(1, 8)) == "Out of stock"
    assert model.data(model.index(1, 5)) == "—"


def test_cart_model_edits_quantity_and_price(qtmodeltester: Any) -> None:
    carts = Carts()
    carts.add(PUPPY)
    carts.add(PUPPY)
    model = CartModel(carts)
    model.show_vendor("endless-aisles")
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == 2, "adding again raises the quantity"
    assert not model.setData(model.index(0, 1), 0), "a quantity below 1 is refused"
    assert model.setData(model.index(0, 2), "8.50")
    assert model.data(model.index(0, 3)) == "$17.00"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole).startswith("Under the")
    assert totals(carts.of("endless-aisles")).margin == Decimal("9.86")


def test_orders_model_says_where_each_order_stands(qtmodeltester: Any) -> None:
    model = OrdersModel()
    rows = [OrderRow(entry(OutboxState.UNCERTAIN)), OrderRow(entry(OutboxState.SENT, "10031"))]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 3)) == "Checking with vendor"
    model.set_rows([OrderRow(entry(OutboxState.SENT, "10031"), shipped())])
    assert [model.data(model.index(0, c)) for c in (1, 3, 4, 5)] == [
        "Ada Lovelace",
        "Shipped",
        "10031",
        "1Z999",
    ]
    assert not model.rows[0].cancellable, "a shipped order cannot be canceled"
    assert 'UPS <a href="https://track.example/1Z999">1Z999</a>' in detail_html(model.rows[0])


def test_references_fit_both_vendors() -> None:
    reference = new_reference(datetime(2026, 3, 2, 15, 4, 5, tzinfo=UTC))
    assert reference.startswith("CP-260302-150405-") and len(reference) <= 32
