"""``export orders`` and ``export live-orders``: CSV headers and values, and Vroom's outages."""

from __future__ import annotations

import asyncio
import csv
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import main
from app.services.exports import ReportRequest
from app.services.exports import live_orders as live_export
from app.services.exports import orders as orders_export
from app.services.runtime import open_runtime
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient
from tests.ui.helpers import make_context
from tests.ui.views.orders.conftest import InstantRetries

MONEY = re.compile(r"^-?\d+\.\d\d$")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_orders_csv_has_one_row_per_order_with_money(tmp_path: Path) -> None:
    out = tmp_path / "orders.csv"
    assert main(["--demo", "export", "orders", "--out", str(out), "--store", "1002"]) == 0
    rows = _read(out)
    assert rows and {r["store_id"] for r in rows} == {"1002"}
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:4] == ["vendor", "order_id", "store_id", "store"]
    for name in ("total", "tip", "net_tip", "adjusted_total", "net_remit", "promotion_code"):
        assert name in header
    assert len({r["order_id"] for r in rows}) == len(rows)
    for row in rows:
        assert MONEY.match(row["total"]) and MONEY.match(row["net_remit"]), row
        placed = datetime.fromisoformat(row["placed_at"])
        assert placed.tzinfo is not None
        assert row["store"] == "Riverside"  # the demo's store names
    # The same order read straight from an identical simulator has the same values.
    sim = VroomSimulator(seed=7, store_count=6)
    client = VroomClient.connect(
        DEMO_EMAIL,
        DEMO_PASSWORD,
        base_url="https://v.test/api/retailer/v1",
        transport=sim.transport(),
    )

    async def fetch() -> dict[str, str]:
        try:
            found = await client.orders(site_ids=["1002"])
        finally:
            await client.aclose()
        order = next(o for o in found if o.id == rows[0]["order_id"])
        assert order.totals.total is not None
        return {"total": f"{order.totals.total:.2f}", "customer_name": order.customer_name or ""}

    truth = asyncio.run(fetch())
    assert rows[0]["total"] == truth["total"]
    assert rows[0]["customer_name"] == truth["customer_name"]


def test_export_orders_days_are_local_whole_days() -> None:
    start, end = orders_export.window(ReportRequest(date(2026, 3, 1), date(2026, 3, 2)))
    assert start is not None and end is not None
    assert start.utcoffset() is not None
    assert (start.hour, start.minute, start.day) == (0, 0, 1)
    assert end - start == timedelta(days=2, seconds=-1)
    only_to = orders_export.window(ReportRequest(None, date(2026, 3, 2)))
    assert only_to[0] is not None and only_to[1] is not None
    assert only_to[1] - only_to[0] == timedelta(days=7)


def test_export_live_orders_csv_is_the_board(tmp_path: Path) -> None:
    out = tmp_path / "board.csv"
    assert main(["--demo", "export", "live-orders", "--out", str(out)]) == 0
    rows = [r for r in _read(out) if r["vendor"] == "vroom"]
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    # Vroom's columns stand together, first; other sources' columns follow before as_of.
    assert header[:12] == [
        "vendor", "store_id", "store", "pending", "pending_late", "preparing", "preparing_late",
        "ready", "ready_late", "completed", "canceled", "notAccepted",
    ]  # fmt: skip
    assert header[-1] == "as_of"
    assert [r["store_id"] for r in rows] == ["1001", "1002", "1003", "1004", "1005", "1006"]
    assert rows[0]["store"] == "Main Street"
    for row in rows:
        assert int(row["pending_late"]) <= int(row["pending"])
        assert int(row["completed"]) > 0
        assert datetime.fromisoformat(row["as_of"]).tzinfo is not None


@pytest.mark.parametrize("report", ["orders", "live-orders"])
def test_when_vroom_fails_the_export_names_it(counterpart_home: Path, report: str) -> None:
    context = make_context(counterpart_home, demo=True)

    async def go() -> tuple[list[str], int]:
        runtime = await open_runtime(context, sender=False)
        try:
            sim = runtime.links["vroom"].simulator
            assert sim is not None
            if report == "live-orders":  # a board saved earlier is exported instead
                await live_export.build(runtime, ReportRequest())
            path = "/analytics/order_statuses" if report == "live-orders" else "/analytics/orders"
            sim.faults.script(FaultKind.SERVER_ERROR, path=path, times=100)
            runtime.links["vroom"].http.clock = InstantRetries()
            module = live_export if report == "live-orders" else orders_export
            table = await module.build(runtime, ReportRequest(store="1001"))
            vroom_rows = [r for r in table.rows if r[0] == "vroom"]
            return table.notes, len(vroom_rows)
        finally:
            await runtime.aclose()

    notes, rows = asyncio.run(go())
    assert any(note.startswith("Vroom") for note in notes), notes
    assert rows == (1 if report == "live-orders" else 0)
