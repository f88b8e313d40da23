"""The order being built: a cart per vendor, the customer's address, totals, Place order."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.dropship import CatalogItem, DropshipOrder
from app.domain.dropship_validation import OrderInvalid
from app.domain.money import format_money
from app.services.dropship import DropshipService, PlaceResult
from app.services.dropship_text import describe_place
from app.ui.async_slot import async_slot
from app.ui.views.dropship.cart import Carts, build_order, new_reference, totals
from app.ui.views.dropship.cart_model import CartModel
from app.ui.views.dropship.ship_to_form import ShipToForm
from app.vendors import display_name
from app.vendors.errors import VendorError


class OrderPanel(QWidget):
    """``placed(reference)`` fires once an order is recorded (whatever the vendor answered)."""

    placed = Signal(str)
    map_confirmed = Signal()

    def __init__(self, service: DropshipService) -> None:
        super().__init__()
        self.service = service
        self.vendors = list(service.sources)
        self.carts = Carts()
        self.model = CartModel(self.carts)
        self.model.edited.connect(self.update_state)
        self.vendor_bar = QTabBar()
        for vendor in self.vendors:
            self.vendor_bar.addTab(display_name(vendor))
        self.vendor_bar.currentChanged.connect(self._vendor_changed)
        self.table = self._make_table()
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.form = ShipToForm()
        self.form.changed.connect(self.update_state)
        self.summary = QLabel()
        self.summary.setObjectName("dropshipSummary")
        self.summary.setWordWrap(True)
        self.blockers = QLabel()
        self.blockers.setProperty("role", "hint")
        self.blockers.setWordWrap(True)
        self.place_button = QPushButton("Place order")
        self.place_button.setProperty("primary", True)
        self.place_button.clicked.connect(self.place)
        self.result = QLabel()
        self.result.setObjectName("dropshipResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending: DropshipOrder | None = None
        self.busy = False  # a placement is in flight
        self.map_box: QMessageBox | None = None
        self.map_confirmed.connect(self.place_confirmed)
        self._compose()
        self._vendor_changed(0)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(90)
        return table

    def _compose(self) -> None:
        cart_box = QGroupBox("Cart")
        cart = QVBoxLayout(cart_box)
        bar = QHBoxLayout()
        bar.addWidget(self.vendor_bar, 1)
        bar.addWidget(self.remove_button)
        cart.addLayout(bar)
        cart.addWidget(self.table, 1)
        cart.addWidget(self.summary)
        ship_box = QGroupBox("Ship to the customer")
        ship = QVBoxLayout(ship_box)
        ship.addWidget(self.form)
        ship.addStretch(1)  # keep the fields together at the top
        boxes = QHBoxLayout()
        boxes.addWidget(cart_box, 1)
        boxes.addWidget(ship_box, 1)
        place_row = QHBoxLayout()
        place_row.addWidget(self.blockers, 1)
        place_row.addWidget(self.place_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 8)
        layout.addLayout(boxes, 1)
        layout.addLayout(place_row)
        layout.addWidget(self.result)

    @property
    def vendor(self) -> str:
        index = self.vendor_bar.currentIndex()
        return self.vendors[index] if 0 <= index < len(self.vendors) else ""

    def add(self, item: CatalogItem) -> None:
        self.carts.add(item)
        self.vendor_bar.setCurrentIndex(self.vendors.index(item.vendor))
        self.model.refresh()
        self.update_state()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.carts.remove(self.vendor, rows[0].row())
            self.model.refresh()
            self.update_state()

    def _vendor_changed(self, _index: int) -> None:
        self.model.show_vendor(self.vendor)
        self.update_state()

    def update_state(self) -> None:
        for index, vendor in enumerate(self.vendors):
            count = self.carts.count(vendor)
            name = display_name(vendor)
            self.vendor_bar.setTabText(index, f"{name} ({count})" if count else name)
        lines = self.carts.of(self.vendor)
        sums = totals(lines)
        margin = format_money(sums.margin) if sums.cost_known else "unknown"
        percent = f" ({sums.margin_percent}%)" if sums.margin_percent is not None else ""
        self.summary.setText(
            f"{sums.items} item(s) · customer pays {format_money(sums.charged)} · "
            f"store pays {format_money(sums.cost)} · margin {margin}{percent}"
        )
        if lines:
            blockers = self.form.problems()
        else:
            blockers = [f"Add {display_name(self.vendor)} items from the search to order them."]
        self.blockers.setText(" ".join(blockers))
        self.place_button.setText(f"Place order with {display_name(self.vendor)}")
        self.place_button.setEnabled(not blockers and not self.busy)

    @async_slot()
    async def place(self) -> None:
        order = build_order(
            new_reference(), self.vendor, self.form.ship_to(), self.carts.of(self.vendor)
        )
        await self.place_order(order, confirmed=False)

    @async_slot()
    async def place_confirmed(self) -> None:
        if self.pending is not None:
            await self.place_order(self.pending, confirmed=True)

    async def place_order(self, order: DropshipOrder, *, confirmed: bool) -> None:
        self.busy = True
        try:
            await self._place_order(order, confirmed=confirmed)
        finally:
            self.busy = False
            self.update_state()

    async def _place_order(self, order: DropshipOrder, *, confirmed: bool) -> None:
        self.place_button.setEnabled(False)
        self.result.setText(f"Checking stock and prices with {display_name(order.vendor)}…")
        try:
            result = await self.service.place(order, confirmed=confirmed)
        except OrderInvalid as exc:
            self.show_result("Not placed: " + "; ".join(exc.errors), "error")
            return
        except VendorError as exc:
            self.show_result(f"Not placed; nothing was sent. {exc.message}", "error")
            return
        if result.state == "needs_confirmation":
            self.pending = order
            self.ask_map(result)
            return
        self.pending = None
        self.finished(order, result)

    def ask_map(self, result: PlaceResult) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Under the minimum advertised price",
            "This order sells below the vendor's minimum advertised price:\n\n"
            + "\n".join(result.warnings)
            + "\n\nPlace it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Place anyway")
        box.finished.connect(self._map_answered)
        self.map_box = box
        self.result.setText("Waiting for you to confirm the price.")
        box.open()

    def _map_answered(self, answer: int) -> None:
        if answer == int(QMessageBox.StandardButton.Yes):
            self.map_confirmed.emit()
        else:
            self.pending = None
            self.result.setText("Not placed. Change the price in the cart, or place it again.")

    def finished(self, order: DropshipOrder, result: PlaceResult) -> None:
        level = "ok" if result.placed else ("error" if result.state == "failed" else "warning")
        self.show_result(f"{order.reference}: {describe_place(result)}", level)
        if result.state != "failed":
            # Recorded: the outbox owns it now, so the cart cannot send it a second time.
            self.carts.clear(order.vendor)
            if self.carts.empty():
                self.form.clear()
            self.model.refresh()
            self.update_state()
        self.placed.emit(order.reference)

    def show_result(self, text: str, level: str) -> None:
        self.result.setProperty("level", level)
        self.result.setText(text)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
