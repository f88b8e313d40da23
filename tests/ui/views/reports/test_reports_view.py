"""The reports view on the simulators: figures match the tables, charts, CSV and PDF come out."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.daily_review import RangePreset
from app.services.daily_review import DailyReviewService
from app.services.review_tables import ORDER_HEADERS
from app.services.runtime import Runtime, open_runtime
from app.ui.views.reports.order_dialog import OrderDialog
from app.ui.views.reports.view import ReportsView
from app.vendors.simulators.vroom import VroomSimulator
from tests.services.test_daily_review import client_for
from tests.ui.helpers import make_context


@pytest.fixture
def runtime(qloop: asyncio.AbstractEventLoop, counterpart_home: Path) -> Iterator[Runtime]:
    rt = qloop.run_until_complete(open_runtime(make_context(counterpart_home)))
    sim = rt.links["vroom"].simulator
    assert isinstance(sim, VroomSimulator)
    # The demo's client keeps Vroom's gentle 5 requests a second; the tests need not wait.
    rt.daily_review = DailyReviewService(rt.cache, client_for(sim), rt.links["posiflora"].client)
    yield rt
    qloop.run_until_complete(rt.daily_review.vroom.aclose())  # type: ignore[union-attr]
    qloop.run_until_complete(rt.aclose())


@pytest.fixture
def view(qtbot, qloop: asyncio.AbstractEventLoop, runtime: Runtime) -> ReportsView:  # type: ignore[no-untyped-def]
    widget = ReportsView(runtime.context, runtime)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    qloop.run_until_complete(widget.load())
    return widget


def _column(view: ReportsView, key: str, name: str) -> list[str]:
    table = view.panels[key].model.table
    index = list(table.headers).index(name)
    return [row[index] for row in table.rows]


def test_headline_figures_agree_with_the_orders_table(view: ReportsView, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    tiles = view.tiles.tiles
    canceled = _column(view, "orders", "canceled")
    totals = _column(view, "orders", "total")
    kept = [Decimal(t) for t, c in zip(totals, canceled, strict=True) if c == "no"]
    assert tiles["orders"].value.text() == f"{len(kept):,}" and kept
    assert tiles["gross_sales"].value.text() == f"${sum(kept, Decimal(0)):,.2f}"
    assert tiles["cancellations"].value.text() == str(canceled.count("yes"))
    assert "vs" in tiles["orders"].change.text()  # yesterday against the day before
    assert "bonuses_accrued" in tiles  # Posiflora's figures are there too
    assert len(view.charts) == 8 and all(c.series() for c in view.charts)
    for panel in view.panels.values():
        qtmodeltester.check(panel.model)


def test_the_store_filter_narrows_every_panel_without_fetching(view: ReportsView) -> None:
    all_orders = len(view.panels["orders"].model.table.rows)
    requests = view.service.requests if view.service else 0
    view.filters.store.setCurrentIndex(view.filters.store.findText("Group: Downtown"))
    stores = set(_column(view, "orders", "store id"))
    assert 0 < len(view.panels["orders"].model.table.rows) < all_orders
    assert stores and stores <= set(view.filters.store_choice().store_ids or ())
    assert set(_column(view, "transactions", "store id")) <= stores
    assert view.service is not None and view.service.requests == requests


def test_tables_sort_numerically(view: ReportsView) -> None:
    panel = view.panels["orders"]
    column = list(ORDER_HEADERS).index("total")
    panel.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = [Decimal(panel.proxy.index(r, column).data()) for r in range(panel.proxy.rowCount())]
    assert shown == sorted(shown, reverse=True)


def test_csv_export_writes_the_table_as_shown(
    view: ReportsView, qloop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    out = tmp_path / "orders.csv"
    rows = qloop.run_until_complete(view.export_csv("orders", out))
    lines = list(csv.reader(out.open(encoding="utf-8")))
    assert tuple(lines[0]) == ORDER_HEADERS
    assert rows == len(lines) - 1 == len(view.panels["orders"].model.table.rows)
    assert [list(r) for r in view.panels["orders"].model.table.rows] == lines[1:]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_review_saves_as_a_pdf_on_a4_and_letter(
    view: ReportsView, tmp_path: Path, paper: str
) -> None:
    out = tmp_path / f"review-{paper}.pdf"
    pages = view.save_pdf(out, paper)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and pages >= 2
    # The page box is the paper's: A4 595x842 pt, Letter 612x792 pt.
    box = b"/MediaBox [0 0 595.0" if paper == "A4" else b"/MediaBox [0 0 612.0"
    assert box in data


def test_double_clicking_an_order_opens_its_lines(view: ReportsView, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.show_order(0)
    dialogs = view.findChildren(OrderDialog)
    assert dialogs and dialogs[0].isVisible()
    assert dialogs[0].windowTitle() == f"Order {view.review.orders[0].id}"  # type: ignore[union-attr]
    dialogs[0].close()


def test_switching_to_today_fetches_only_today(view: ReportsView, qloop) -> None:  # type: ignore[no-untyped-def]
    assert view.service is not None
    before = view.service.requests
    view.filters.set_preset(RangePreset.TODAY)  # starts a load in the background
    assert view._task is not None
    qloop.run_until_complete(view._task)
    assert view.service.requests == before + 5  # one day, five reports; yesterday was cached
