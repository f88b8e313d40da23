"""``export inventory``: Yodify's SKUs as a spreadsheet reads them."""

from __future__ import annotations

import asyncio
import csv
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from app.services.exports import ReportRequest, builder_for, write_csv
from tests.services.wholesale_helpers import demo_runtime


def test_inventory_csv_lists_every_yodify_sku(tmp_path: Path) -> None:
    out = tmp_path / "out" / "inventory.csv"
    codes: list[str] = []

    async def go() -> None:
        async with demo_runtime(tmp_path / "home") as demo:
            skus = demo.sim.catalog.skus
            first = skus[min(skus)]
            codes.append(first.sku)
            first.inventory = Decimal("12.50")
            first.list_price = Decimal("8")
            first.sale_price, first.is_on_sale = Decimal("6.5"), True
            first.sale_start = datetime.now(UTC) - timedelta(days=1)
            first.sale_end = datetime.now(UTC) + timedelta(days=6)
            table = await builder_for("inventory")(demo.runtime, ReportRequest())
            assert not [n for n in table.notes if "Yodify" in n]
            write_csv(table, out)

    asyncio.run(go())
    with out.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["vendor"] == "Yodify"]
    assert len(rows) == 3000  # other vendors' rows (Posiflora's items) may follow
    row = next(r for r in rows if r["sku"] == codes[0])
    assert row["inventory"] == "12.5"
    assert (row["vendor"], row["list price"], row["sale price"]) == ("Yodify", "8.00", "6.50")
    assert row["on sale"] == "yes" and row["price"] == "6.50"
    assert datetime.fromisoformat(row["sale end"]).tzinfo is not None
    assert row["cost"] == "" and row["margin %"] == ""  # Yodify does not know the cost
    assert all(r["product"] and r["sku"] for r in rows)


def test_inventory_without_yodify_says_so(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            demo.sim.token = "revoked"
            table = await builder_for("inventory")(demo.runtime, ReportRequest())
            assert not [row for row in table.rows if row[0] == "Yodify"]
            (note,) = [n for n in table.notes if "Yodify" in n]
            assert note.startswith("Yodify could not be reached") and "never" in note

    asyncio.run(go())
