"""What the pricing screen prices: Posiflora stock items per store and showcase bouquets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    path: tuple[str, ...] = ()

    @property
    def full_title(self) -> str:
        """``Flowers / Roses`` when the category sits under others (posiflora.md §5.4 ``path``)."""
        return " / ".join((*self.path, self.title)) if self.path else self.title


@dataclass(frozen=True, slots=True)
class InventoryItem:
    """A stock item (``inventory-items``) with its barcodes and category."""

    id: str
    title: str
    category_id: str | None
    barcodes: tuple[str, ...] = ()
    item_type: str = "item"
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ItemCost:
    """An item's cost at one store: the last cost price, else purchase price, else net cost."""

    item_id: str
    store_id: str
    cost: Decimal | None
    stock: Decimal | None = None


@dataclass(frozen=True, slots=True)
class StorePrice:
    """A per-store price (``prices``, id ``<itemId>-<storeId>``, posiflora.md §5.3)."""

    item_id: str
    store_id: str
    price: Decimal
    cost: Decimal | None = None
    stock: Decimal | None = None
    active: bool = True
    set_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Bouquet:
    """A bouquet on the showcase (posiflora.md §5.6; its attributes come from the examples)."""

    id: str
    title: str
    store_id: str | None
    amount: Decimal
    sale_amount: Decimal
    true_sale_amount: Decimal
    discount: Decimal = Decimal(0)
    discount_type: str = "absolute"
    markup: Decimal = Decimal(0)
    markup_type: str = "absolute"
    status: str = ""
    doc_no: str = ""
    on_window_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)
