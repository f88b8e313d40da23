"""``export customers``: one CSV row per Posiflora customer, money as plain decimals."""

from __future__ import annotations

import csv
from pathlib import Path

from app.bootstrap import main
from app.services.exports.customers import HEADERS
from app.vendors.simulators.posiflora import PosifloraSimulator


def test_export_customers_writes_every_customer(tmp_path: Path) -> None:
    out = tmp_path / "customers.csv"
    assert main(["--demo", "export", "customers", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == HEADERS
    # The demo Posiflora is seeded: the export must hold exactly its customers.
    sim = PosifloraSimulator(seed=11, customers=400, orders=60)
    assert len(rows) == len(sim.customers)
    by_id = {row["id"]: row for row in rows}
    some = next(c for c in sim.customers.values() if c.orders_qty and c.email)
    row = by_id[some.id]
    assert row["name"] == some.title and row["email"] == some.email
    assert row["bonus card"] == some.bonus_card
    assert row["balance"] == str(some.current_points)
    assert row["points spent"] == str(some.spent_points)
    assert row["orders count"] == str(some.orders_qty)
    average = row["average check"]
    assert average.count(".") == 1 and len(average.split(".")[1]) == 2
    assert row["group"] in {g.title for g in sim.bonus_groups}
    with_orders = [r for r in rows if r["last order"]]
    assert with_orders and all("T" in r["last order"] for r in with_orders)
    assert all(r["last order"][-6] in "+-" for r in with_orders)  # ISO 8601 with offset
    assert [r["name"].casefold() for r in rows] == sorted(r["name"].casefold() for r in rows)
