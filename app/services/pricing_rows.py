"""The pricing screen's rows, built from the cache: bouquets, stock items per store, SKUs.

Building is a single pass over the cached records; margins are computed once here so that
sorting and filtering 50,000 rows never redo Decimal arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain.pricing import CENT, UNIT, Margin, margin
from app.vendors.posiflora.wire import timestamp


class Source(StrEnum):
    BOUQUET = "bouquet"
    ITEM = "item"
    SKU = "sku"


SOURCE_LABELS = {Source.BOUQUET: "Bouquet", Source.ITEM: "Stock item", Source.SKU: "Wholesale SKU"}
SOURCE_VENDOR = {Source.BOUQUET: "posiflora", Source.ITEM: "posiflora", Source.SKU: "yodify"}


@dataclass(slots=True)
class PriceRow:
    """One priced thing; ``state`` is pending, sent or failed while a change is on record."""

    key: str
    source: Source
    vendor_id: str
    title: str
    code: str = ""
    barcodes: tuple[str, ...] = ()
    store_id: str = ""
    store: str = ""
    category: str = ""
    cost: Decimal | None = None
    price: Decimal | None = None
    stock: Decimal | None = None
    step: Decimal = CENT
    detail: str = ""
    sale_price: Decimal | None = None
    on_sale: bool = False
    sale_start: datetime | None = None
    sale_end: datetime | None = None
    state: str | None = None
    state_message: str = ""
    entry_id: int | None = None
    target_price: Decimal | None = None
    since: datetime | None = None  # a bouquet's time on the showcase
    margin: Margin | None = field(default=None)

    def __post_init__(self) -> None:
        self.margin = margin(self.cost, self.shown_price)

    @property
    def shown_price(self) -> Decimal | None:
        """The price the row shows: a change on its way, else what the vendor has."""
        return self.target_price if self.target_price is not None else self.price

    def refresh_margin(self) -> None:
        self.margin = margin(self.cost, self.shown_price)


def _dec(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def item_rows(
    records: Mapping[str, Mapping[str, Any]],
    stores: Mapping[str, str],
    categories: Mapping[str, str],
) -> list[PriceRow]:
    rows = []
    for record in records.values():
        barcodes = tuple(str(b) for b in record.get("barcodes") or ())
        store_id = str(record.get("store_id") or "")
        rows.append(
            PriceRow(
                key=f"item:{record['item_id']}:{store_id}",
                source=Source.ITEM,
                vendor_id=str(record["item_id"]),
                title=str(record.get("title") or ""),
                code=", ".join(barcodes),
                barcodes=barcodes,
                store_id=store_id,
                store=stores.get(store_id, store_id[:8]),
                category=categories.get(str(record.get("category_id") or ""), ""),
                cost=_dec(record.get("cost")),
                price=_dec(record.get("price")),
                stock=_dec(record.get("stock")),
                step=UNIT,  # posiflora.md §5.3: per-store prices are int32
            )
        )
    return rows


def _on_window(since: datetime | None, now: datetime) -> str:
    if since is None:
        return ""
    hours = max(0, int((now - since).total_seconds() // 3600))
    spent = f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h"
    return f"on the showcase {spent}"


def bouquet_rows(
    records: Mapping[str, Mapping[str, Any]], stores: Mapping[str, str], now: datetime
) -> list[PriceRow]:
    rows = []
    for record in records.values():
        a = record.get("attributes") or {}
        store_ref = ((record.get("relationships") or {}).get("store") or {}).get("data") or {}
        store_id = str(store_ref.get("id") or "")
        status = str(a.get("status") or "")
        # §5.6: "demonstrated" is the only status seen: the bouquet is on the showcase.
        parts = [] if status == "demonstrated" else [status]
        if _dec(a.get("discount")):
            parts.append(f"discount {a.get('discount')} ({a.get('discountType') or 'absolute'})")
        if _dec(a.get("markup")):
            parts.append(f"markup {a.get('markup')} ({a.get('markupType') or 'absolute'})")
        since = timestamp(a.get("onWindowAt"))
        parts.append(_on_window(since, now))
        rows.append(
            PriceRow(
                key=f"bouquet:{record['id']}",
                source=Source.BOUQUET,
                vendor_id=str(record["id"]),
                title=str(a.get("title") or ""),
                code=str(a.get("docNo") or ""),
                store_id=store_id,
                store=stores.get(store_id, store_id[:8]),
                category="Bouquets",
                # §5.6 [inf]: amount is the composition's cost, saleAmount the price.
                cost=_dec(a.get("amount")),
                price=_dec(a.get("saleAmount")),
                detail=" · ".join(p for p in parts if p),
                since=since,
            )
        )
    return rows


def sku_rows(
    records: Mapping[str, Mapping[str, Any]], costs_by_code: Mapping[str, Decimal]
) -> list[PriceRow]:
    """Yodify SKUs carry no cost (yodify.md §4.3): it comes from a stock item sharing the code."""
    rows = []
    for record in records.values():
        code = str(record.get("sku") or "")
        on_sale = bool(record.get("on_sale"))
        start, end = timestamp(record.get("sale_start")), timestamp(record.get("sale_end"))
        sale = _dec(record.get("sale_price"))
        detail = ""
        if on_sale and sale is not None:
            window = " to ".join(d.date().isoformat() for d in (start, end) if d is not None)
            detail = f"on sale at {sale}" + (f" ({window})" if window else "")
        rows.append(
            PriceRow(
                key=f"sku:{record['sku_id']}",
                source=Source.SKU,
                vendor_id=str(record["sku_id"]),
                title=str(record.get("product_name") or record.get("description") or ""),
                code=code,
                barcodes=(code,) if code else (),
                store="Wholesale",
                category=str(record.get("brand_name") or ""),
                cost=costs_by_code.get(code),
                price=_dec(record.get("list_price")),
                stock=_dec(record.get("inventory")),
                detail=detail,
                sale_price=sale,
                on_sale=on_sale,
                sale_start=start,
                sale_end=end,
            )
        )
    return rows
