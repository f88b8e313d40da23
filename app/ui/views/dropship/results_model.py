"""Search results from both catalogs as a table: picture, item, prices, live stock."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.dropship import CatalogItem
from app.domain.money import format_money
from app.ui.table_columns import FixedColumnsModel
from app.ui.views.dropship.tiles import TileCache, image_tooltip
from app.vendors import display_name

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("", "Item", "Brand", "Size / variant", "From", "Wholesale", "Retail", "MAP", "Stock")
MONEY_COLUMNS = (5, 6, 7)
STOCK = 8


def money_text(amount: Decimal | None) -> str:
    return "—" if amount is None else format_money(amount)


def stock_text(item: CatalogItem) -> str:
    if not item.orderable:
        return "Not orderable"
    if item.stock is None:
        return "Unknown"
    return "Out of stock" if item.stock < 1 else str(item.stock)


class ResultsModel(FixedColumnsModel):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.items: list[CatalogItem] = []
        self.tiles = TileCache()

    def set_items(self, items: list[CatalogItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int) -> CatalogItem:
        return self.items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item, column = self.items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.tiles.for_item(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return image_tooltip(item) if column == 0 else f"UPC {item.upc} · id {item.item_id}"
        if role == Qt.ItemDataRole.TextAlignmentRole and (column in MONEY_COLUMNS or column == 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == STOCK:
            available = item.orderable and (item.stock is None or item.stock > 0)
            return QColor("#147d64" if available else "#ab091e")
        return None

    def _text(self, item: CatalogItem, column: int) -> str:
        values = (
            "",
            item.title,
            item.brand,
            item.variant,
            display_name(item.vendor),
            money_text(item.wholesale),
            money_text(item.retail),
            money_text(item.map_price),
            stock_text(item),
        )
        return values[column]
