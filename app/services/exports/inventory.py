"""``export inventory``: every stocked item the shop sells, one row per SKU, per vendor.

Rows come from per-vendor providers (``PROVIDERS``), concatenated in vendor order. Yodify gives
its wholesale SKUs; the pricing work adds Posiflora's inventory items as another provider. Cost,
price and margin columns are always there, blank where a vendor does not know them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.services.exports import ReportRequest, ReportTable
from app.services.wholesale_catalog import SKUS
from app.vendors import display_name

if TYPE_CHECKING:
    from app.services.runtime import Runtime

HEADERS = (
    "vendor",
    "sku",
    "product",
    "brand",
    "unit",
    "list price",
    "sale price",
    "on sale",
    "sale start",
    "sale end",
    "inventory",
    "cost",
    "price",
    "margin %",
)
# A cache older than this is refreshed before exporting (if the vendor answers).
FRESH_ENOUGH = timedelta(minutes=15)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class InventoryRow:
    """One item as the export shows it; ``None`` is a blank cell."""

    vendor: str
    sku: str
    product: str
    brand: str = ""
    unit: str = ""
    list_price: Decimal | None = None
    sale_price: Decimal | None = None
    on_sale: bool | None = None
    sale_start: datetime | None = None
    sale_end: datetime | None = None
    inventory: Decimal | None = None
    cost: Decimal | None = None
    price: Decimal | None = None  # what it sells for today

    @property
    def margin(self) -> Decimal | None:
        if self.cost is None or not self.price:
            return None
        return ((self.price - self.cost) / self.price * 100).quantize(Decimal("0.1"))

    def cells(self) -> list[str]:
        return [
            display_name(self.vendor),
            self.sku,
            self.product,
            self.brand,
            self.unit,
            _money(self.list_price),
            _money(self.sale_price),
            "" if self.on_sale is None else ("yes" if self.on_sale else "no"),
            _time(self.sale_start),
            _time(self.sale_end),
            _quantity(self.inventory),
            _money(self.cost),
            _money(self.price),
            "" if self.margin is None else str(self.margin),
        ]


@dataclass
class ProvidedRows:
    rows: list[InventoryRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


RowProvider = Callable[["Runtime", ReportRequest], Awaitable[ProvidedRows]]


async def yodify_rows(runtime: Runtime, request: ReportRequest) -> ProvidedRows:
    """Yodify's SKUs from the cache, refreshed first when old and Yodify answers."""
    wholesale = runtime.wholesale
    if wholesale is None:
        return ProvidedRows()
    notes = await _refresh_if_old(runtime, "yodify", SKUS)
    now = datetime.now(UTC)
    rows = [
        InventoryRow(
            vendor="yodify",
            sku=sku.sku,
            product=sku.product_name,
            brand=sku.brand_name,
            unit=sku.unit_of_measure,
            list_price=sku.list_price,
            sale_price=sku.sale_price,
            on_sale=sku.on_sale,
            sale_start=sku.sale_start,
            sale_end=sku.sale_end,
            inventory=sku.inventory,
            price=sku.price_at(now),
        )
        for sku in await wholesale.catalog.skus()
    ]
    return ProvidedRows(rows, notes)


# Vendor -> row provider, in the order the rows appear. The pricing work adds "posiflora" here.
PROVIDERS: dict[str, RowProvider] = {"yodify": yodify_rows}


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    rows: list[list[str]] = []
    notes: list[str] = []
    for vendor, provide in PROVIDERS.items():
        if vendor not in runtime.links:
            continue
        provided = await provide(runtime, request)
        rows.extend(row.cells() for row in provided.rows)
        notes.extend(provided.notes)
    return ReportTable(HEADERS, rows, notes)


async def _refresh_if_old(runtime: Runtime, vendor: str, source: str) -> list[str]:
    """[] when the cache is fresh or was refreshed; else a note saying the data is cached."""
    age = await runtime.cache.age(vendor, source)
    if age is not None and age <= FRESH_ENOUGH:
        return []
    if source not in {s.name for s in runtime.scheduler.sources}:
        return []
    result = await runtime.scheduler.refresh_now(source)
    if result.ok:
        return []
    fetched = await runtime.cache.fetched_at(vendor, source)
    when = fetched.isoformat() if fetched else "never"
    return [f"{display_name(vendor)} could not be reached ({result.error}); {source} from the "
            f"cache, last updated {when}."]  # fmt: skip


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else str(amount.quantize(CENT))


def _quantity(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return format(amount.normalize(), "f")


def _time(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat()
