"""The customer card, the calculator in the view, contact edits and promo codes."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.bonuses import BonusGroup
from app.services.outbox import OutboxState
from app.services.runtime import Runtime
from app.ui.views.customers.models import EARNED, SPENT
from app.ui.views.customers.view import CustomersView
from app.vendors.simulators.posiflora import PosifloraSimulator
from app.vendors.simulators.vroom import VroomSimulator
from tests.ui.views.customers.conftest import settle, wait_signal

Loop = asyncio.AbstractEventLoop


def open_card(view: CustomersView, qloop: Loop, customer_id: str) -> None:
    customer = next(c for c in view.results_model.customers if c.id == customer_id)
    qloop.run_until_complete(view.flow.open(customer))


def test_demo_load_shows_a_customer_with_card_history_and_calculator(
    view: CustomersView, sim: PosifloraSimulator
) -> None:
    card = view.card.card
    assert card is not None and view.pages.currentIndex() == 1
    shown = sim.customers[card.customer.id]
    group = next(g for g in sim.bonus_groups if g.id == shown.bonus_group_id)
    assert view.card.name.text() == shown.title
    assert view.card.balance.text() == f"{shown.current_points:,} points"
    assert f"{shown.spent_points:,} points spent" in view.card.spent.text()
    assert view.card.group.text().startswith(group.title)
    assert f"earns {group.bonus_rate}%" in view.card.group.text()
    assert f"up to {group.limit}%" in view.card.group.text()
    assert f"{shown.orders_qty} orders, average check $" in view.card.orders.text()
    assert view.card.history_model.rowCount() == len(sim.history(shown.id))
    assert view.calculator.quote is not None  # the amount was filled in
    assert "Earns" in view.calculator.earned.text()


def test_history_signs_and_colours_follow_the_points(view: CustomersView) -> None:
    model = view.card.history_model
    for row, entry in enumerate(model.entries):
        points = model.index(row, 1)
        text = model.data(points)
        assert isinstance(text, str)
        assert text.startswith("+" if entry.amount > 0 else "−")
        colour = model.data(points, Qt.ItemDataRole.ForegroundRole)
        assert isinstance(colour, QColor)
        if not entry.admin:
            assert colour.name() == (EARNED if entry.amount >= 0 else SPENT)
        else:
            assert model.data(model.index(row, 2)) == "Adjusted by staff"


def test_calculator_edges_in_the_view(qtbot: QtBot, view: CustomersView) -> None:
    calc = view.calculator
    gold = BonusGroup("58", "Gold", bonus_rate=20, limit=15)
    calc.set_customer(gold, 5000)
    calc.amount.clear()
    qtbot.keyClicks(calc.amount, "abc")
    assert calc.problem.text().startswith("Purchase amount")
    assert calc.quote is None
    calc.amount.setText("-5")
    assert "negative" in calc.problem.text()
    calc.amount.setText("0")
    assert calc.problem.text() == ""
    assert "Earns <b>0 points</b>" in calc.earned.text()
    assert "nothing to pay" in calc.redeemable.text()
    calc.amount.setText("1000")
    assert "Earns <b>200 points</b>" in calc.earned.text()
    assert "up to <b>150 points</b>" in calc.redeemable.text()
    assert "group's limit" in calc.redeemable.text()
    calc.set_customer(gold, 40)  # limit reached by the balance first
    assert "up to <b>40 points</b>" in calc.redeemable.text()
    assert "balance" in calc.redeemable.text()
    calc.set_customer(gold, 0)
    assert "the balance is empty" in calc.redeemable.text()
    calc.set_customer(BonusGroup("59", "Staff", bonus_rate=0, limit=0), 500)
    assert "Earns <b>0 points</b>" in calc.earned.text()
    assert "cannot pay with points" in calc.redeemable.text()
    calc.set_customer(None, 500)
    assert "no active bonus group" in calc.redeemable.text()
    assert "no bonus group" in calc.rule.text()


def test_contact_edit_is_pending_until_sent(
    view: CustomersView, qloop: Loop, runtime: Runtime, sim: PosifloraSimulator
) -> None:
    customer = view.flow.customer
    assert customer is not None
    view.flow.edit_contact()
    dialog = view.flow.contact_dialog
    assert dialog is not None
    dialog.email.setText("not an email")
    dialog.buttons.accepted.emit()
    settle(qloop)
    assert dialog.problem.text().startswith("Email")
    assert dialog.isVisible()
    dialog.email.setText("ada.new@example.com")
    dialog.buttons.accepted.emit()
    settle(qloop)
    assert not dialog.isVisible()
    assert view.card.pending.isVisibleTo(view) and "email" in view.card.pending.text()
    entries = qloop.run_until_complete(runtime.outbox.list())
    assert [(e.vendor, e.operation, e.state) for e in entries] == [
        ("posiflora", "customer.update", OutboxState.QUEUED)
    ]
    qloop.run_until_complete(runtime.worker.drain())
    wait_signal(qloop, view.flow.card_shown)  # the card is fetched again once sent
    assert sim.customers[customer.id].email == "ada.new@example.com"
    assert view.card.email.text() == "ada.new@example.com"
    assert not view.card.pending.isVisibleTo(view)


def test_promo_code_is_queued_and_created_at_vroom(
    view: CustomersView, qloop: Loop, runtime: Runtime
) -> None:
    customer = view.flow.customer
    assert customer is not None and view.card.promo_button.isVisibleTo(view)
    view.flow.open_promo()
    dialog = view.flow.promo_dialog
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findText("Dollar off"))
    dialog.value.setText("five")
    dialog.buttons.accepted.emit()
    assert dialog.problem.text().startswith("Value")
    dialog.value.setText("7.50")
    code = dialog.code.text()
    dialog.buttons.accepted.emit()
    settle(qloop)
    assert not dialog.isVisible()
    [entry] = qloop.run_until_complete(runtime.outbox.list())
    assert (entry.vendor, entry.operation) == ("vroom", "create_promo_code")
    assert entry.payload["code"] == code and entry.payload["value"] == "7.50"
    assert entry.payload["promo_code_type"] == "dollar_off"
    assert entry.payload["is_one_time_use"] is True
    assert entry.payload["customer_phone"] == customer.phone
    qloop.run_until_complete(runtime.worker.drain())
    vroom = runtime.links["vroom"].simulator
    assert isinstance(vroom, VroomSimulator)
    assert vroom.promos.codes[code.upper()]["value"] == Decimal("7.50")


def test_models_pass_the_model_tester(view: CustomersView, qtmodeltester: ModelTester) -> None:
    assert view.results_model.rowCount() > 0
    qtmodeltester.check(view.results_model)
    assert view.card.history_model.rowCount() > 0
    qtmodeltester.check(view.card.history_model)
