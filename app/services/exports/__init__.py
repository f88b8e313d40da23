"""Reports as tables: the CLI's ``export`` writes them as CSV, the views show and export them.

Each report lives in ``app/services/exports/<module>.py`` as ``async def build(runtime, request)
-> ReportTable``. Values in a table are already text as a person should read them in a spreadsheet:
money as plain decimals (``12.50``), times in ISO 8601 with their offset.
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from app.services.runtime import Runtime

REPORT_MODULES = {
    "live-orders": "app.services.exports.live_orders",
    "orders": "app.services.exports.orders",
    "sales-by-product": "app.services.exports.sales_by_product",
    "transactions": "app.services.exports.transactions",
    "customers": "app.services.exports.customers",
    "inventory": "app.services.exports.inventory",
    "bouquets": "app.services.exports.bouquets",
}


@dataclass(frozen=True)
class ReportRequest:
    date_from: date | None = None
    date_to: date | None = None
    store: str | None = None


@dataclass
class ReportTable:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]] = ()
    # Vendors that could not be reached: the table holds what the cache had.
    notes: list[str] = field(default_factory=list)


Builder = Callable[["Runtime", ReportRequest], Awaitable[ReportTable]]


class ReportUnavailable(Exception):
    """The report is not part of this build (its module is missing)."""


def builder_for(report: str) -> Builder:
    name = REPORT_MODULES[report]
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        raise ReportUnavailable(f"The {report} report is not available in this version.") from exc
    return cast(Builder, module.build)


def write_csv(table: ReportTable, path: Path) -> int:
    """UTF-8 with a header row; returns the number of data rows. Run it in an executor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".partial")
    with temp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.headers)
        writer.writerows(table.rows)
    temp.replace(path)
    return len(table.rows)
