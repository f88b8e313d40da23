"""The pricing view: rows from the three sources, barcode jump, PIN gate, edits into the outbox."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.pricing import RuleKind
from app.services.manager_pin import set_pin
from app.services.pricing_rows import PriceRow, Source
from app.services.runtime import Runtime, open_runtime
from app.ui.views.pricing.bulk_dialog import BulkDialog
from app.ui.views.pricing.model import PRICE_COLUMN, PriceTableModel
from app.ui.views.pricing.view import PricingView
from tests.ui.helpers import make_context


def _rows() -> list[PriceRow]:
    return [
        PriceRow(
            "item:a:s1",
            Source.ITEM,
            "a",
            "Rose red",
            "4601",
            ("4601",),
            "s1",
            "Main",
            "Roses",
            Decimal("9"),
            Decimal("10"),
            step=Decimal(1),
        ),
        PriceRow(
            "item:b:s1",
            Source.ITEM,
            "b",
            "Tulip",
            "4602",
            ("4602",),
            "s1",
            "Main",
            "Tulips",
            Decimal("2"),
            Decimal("10"),
            step=Decimal(1),
        ),
        PriceRow(
            "bouquet:c",
            Source.BOUQUET,
            "c",
            "Spring mix",
            "91001",
            (),
            "s2",
            "Kiosk",
            "Bouquets",
            Decimal("40"),
            Decimal("80"),
        ),
        PriceRow(
            "sku:7",
            Source.SKU,
            "7",
            "Rose box",
            "ROS-1",
            ("ROS-1",),
            "",
            "Wholesale",
            "Farm",
            None,
            Decimal("30"),
        ),
    ]


class FakeService:
    def __init__(self) -> None:
        self.set: list[tuple[str, Decimal]] = []

    async def set_price(self, row: PriceRow, price: Decimal, **_: Any) -> None:
        self.set.append((row.key, price))

    async def apply_states(self, rows: Any) -> None:
        return None


def test_model_passes_the_model_tester_and_marks_rows_under_the_floor(
    qtmodeltester: ModelTester,
) -> None:
    model = PriceTableModel()
    model.set_rows(_rows())
    qtmodeltester.check(model)
    from PySide6.QtCore import Qt

    under = [
        model.data(model.index(n, 0), Qt.ItemDataRole.BackgroundRole) is not None for n in range(4)
    ]
    assert under == [True, False, False, False]  # 10% margin under the 30% floor
    assert model.data(model.index(3, 8)) == "—"  # a SKU without a cost has no margin


def test_sorting_and_filtering_do_not_rebuild_rows() -> None:
    model = PriceTableModel()
    rows = _rows()
    model.set_rows(rows)
    model.sort(PRICE_COLUMN)
    assert [model.row_at(n).key for n in range(4)][-1] == "bouquet:c"
    model.apply_filter(text="ro")
    assert {model.row_at(n).title for n in range(model.rowCount())} == {"Rose red", "Rose box"}
    model.apply_filter(text="ros", source="sku")
    assert [model.row_at(n).key for n in range(model.rowCount())] == ["sku:7"]
    assert model.rows is not None and model.rows[0] is rows[0]  # the same row objects


def test_a_scanned_barcode_jumps_to_the_item_whatever_the_filter(qtbot: QtBot) -> None:
    view = PricingView()
    qtbot.addWidget(view)
    view.show_rows(_rows())
    view.bar.source.setCurrentIndex(view.bar.source.findData("bouquet"))
    assert view.model.rowCount() == 1
    view.bar.search.setText("4602")
    view.bar.search.returnPressed.emit()
    assert [r.key for r in view.selected_rows()] == ["item:b:s1"]
    assert view.model.rowCount() == 4 and view.bar.search.text() == ""


def test_price_edits_ask_for_the_manager_pin_when_one_is_set(
    qtbot: QtBot, counterpart_home: Path, wait_until: Callable[..., None]
) -> None:
    context = make_context(counterpart_home)
    set_pin(context.config, "2468")
    view = PricingView(context)
    qtbot.addWidget(view)
    service = FakeService()
    view.service = service  # type: ignore[assignment]
    view.show_rows(_rows())
    view.edit_price(view.model.rows[1], "12")
    dialog = view.pin_dialog
    dialog.pin.setText("1111")
    dialog.try_pin()
    assert dialog.isVisible() and "not the manager's" in dialog.error.text()
    assert service.set == []
    dialog.pin.setText("2468")
    dialog.try_pin()
    wait_until(lambda: service.set == [("item:b:s1", Decimal("12"))])


def test_a_whole_unit_price_refuses_cents_before_anything_is_queued(
    qtbot: QtBot, counterpart_home: Path
) -> None:
    context = make_context(counterpart_home)
    view = PricingView(context)
    qtbot.addWidget(view)
    service = FakeService()
    view.service = service  # type: ignore[assignment]
    view.show_rows(_rows())
    seen: list[str] = []
    context.messages.subscribe(lambda m: seen.append(m.text)) if hasattr(
        context.messages, "subscribe"
    ) else None
    view.edit_price(view.model.rows[0], "10.50")
    assert service.set == []


@pytest.fixture
def runtime(qloop: asyncio.AbstractEventLoop, counterpart_home: Path) -> Iterator[Runtime]:
    rt = qloop.run_until_complete(open_runtime(make_context(counterpart_home)))
    yield rt
    if rt.pricing is not None:
        qloop.run_until_complete(rt.pricing.aclose())
    qloop.run_until_complete(rt.aclose())


def test_demo_shows_three_sources_and_a_bulk_change_queues_the_preview(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    runtime: Runtime,
    wait_until: Callable[..., None],
) -> None:
    view = PricingView(runtime.context, runtime)
    qtbot.addWidget(view)
    view.show()
    qloop.run_until_complete(view.load())
    sources = {r.source for r in view.model.rows}
    assert sources == {Source.BOUQUET, Source.ITEM, Source.SKU}
    assert view.table.isVisible() and not view.empty_state.isVisible()
    assert "under the" in view.bar.count.text()
    view.table.selectRow(0)
    view.open_bulk()
    dialog: BulkDialog = view.bulk_dialog
    dialog.set_rule(RuleKind.AMOUNT, "5")
    preview = list(dialog.rows)
    assert len(preview) == 1 and preview[0].new_price == preview[0].old_price + 5
    dialog.apply_button.click()
    key = preview[0].key

    def queued() -> bool:
        row = next(r for r in view.model.rows if r.key == key)
        return row.state in ("pending", "sent") and row.shown_price == preview[0].new_price

    wait_until(queued)
    entries = qloop.run_until_complete(runtime.outbox.list())
    assert [e.payload["row_key"] for e in entries if "row_key" in e.payload] == [key]
