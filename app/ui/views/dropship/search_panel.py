"""One search over both catalogs: words, a scanned UPC or an item id; Enter or a scan searches."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.dropship import CatalogItem
from app.services.dropship_catalog import CatalogResults, DropshipCatalog
from app.ui.async_slot import async_slot
from app.ui.views.dropship.results_model import ResultsModel


class SearchPanel(QWidget):
    """``add_requested(item)``: staff chose an item for the cart (button or double-click)."""

    add_requested = Signal(object)

    def __init__(self, catalog: DropshipCatalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.box = QLineEdit()
        self.box.setObjectName("dropshipSearch")
        self.box.setPlaceholderText("Search both catalogs: words, scan a UPC, or an item id")
        self.box.setClearButtonEnabled(True)
        self.box.returnPressed.connect(self.search)
        self.search_button = QPushButton("Search")
        self.search_button.clicked.connect(self.search)
        self.model = ResultsModel()
        self.table = self._make_table()
        self.heading = QLabel("In stock now")
        self.heading.setProperty("role", "hint")
        self.heading.setWordWrap(True)
        self.add_button = QPushButton("Add to cart")
        self.add_button.clicked.connect(self.add_selected)
        self._compose()
        self._selection_changed()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(36)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.add_selected())
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    def _compose(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.box, 1)
        bar.addWidget(self.search_button)
        foot = QHBoxLayout()
        foot.addWidget(self.heading, 1)
        foot.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)

    def selected(self) -> CatalogItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        item = self.selected()
        sellable = item is not None and item.orderable and (item.stock is None or item.stock > 0)
        self.add_button.setEnabled(sellable)

    def add_selected(self) -> None:
        item = self.selected()
        if item is not None and item.orderable and (item.stock is None or item.stock > 0):
            self.add_requested.emit(item)

    async def show_featured(self) -> None:
        results = await self.catalog.featured()
        if not self.box.text().strip():  # a search typed meanwhile wins
            self.show_results(results, "In stock now — search to see more")

    @async_slot()
    async def search(self) -> None:
        await self.search_now(self.box.text())

    async def search_now(self, text: str) -> None:
        if not text.strip():
            await self.show_featured()
            return
        self.search_button.setEnabled(False)
        self.heading.setText(f"Searching for “{text.strip()}”…")
        try:
            results = await self.catalog.search(text)
        finally:
            self.search_button.setEnabled(True)
        count = len(results.items)
        self.show_results(results, f"{count} result(s) for “{text.strip()}”" if count else "")
        if count == 1:
            self.table.selectRow(0)  # a scanned UPC: ready for Add to cart

    def show_results(self, results: CatalogResults, heading: str) -> None:
        self.model.set_items(results.items)
        text = heading or "Nothing found. Try fewer words, or scan the UPC."
        self.heading.setText("  ".join([text, *results.notes]))
        self._selection_changed()
