"""Finding a customer: a scanner typing a card and Enter, and typing with a debounce."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.views.customers.view import CustomersView
from app.vendors.simulators.posiflora import PosifloraSimulator
from tests.ui.views.customers.conftest import wait_signal

Loop = asyncio.AbstractEventLoop


def other_customer(view: CustomersView, sim: PosifloraSimulator) -> str:
    """A customer that is not the one the demo opened first."""
    return next(i for i in sim.customers if i != view.flow.current_id)


def test_scanning_a_card_and_enter_opens_that_customer(
    qtbot: QtBot, view: CustomersView, qloop: Loop, sim: PosifloraSimulator
) -> None:
    wanted = sim.customers[other_customer(view, sim)]
    view.search.clear()
    qtbot.keyClicks(view.search, wanted.bonus_card)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert wait_signal(qloop, view.flow.card_shown) == [wanted.id]
    assert view.card.name.text() == wanted.title
    assert view.card.bonus_card.text() == wanted.bonus_card
    assert view.card.balance.text() == f"{wanted.current_points:,} points"
    assert view.pages.currentIndex() == 1
    # The next scan replaces the text instead of appending to it.
    assert view.search.selectedText() == wanted.bonus_card
    wait_signal(qloop, view.search_finished)


def test_a_whole_phone_number_and_enter_opens_the_card(
    qtbot: QtBot, view: CustomersView, qloop: Loop, sim: PosifloraSimulator
) -> None:
    wanted = sim.customers[other_customer(view, sim)]
    view.search.clear()
    qtbot.keyClicks(view.search, wanted.phone)
    qtbot.keyClick(view.search, Qt.Key.Key_Enter)
    assert wait_signal(qloop, view.flow.card_shown) == [wanted.id]
    wait_signal(qloop, view.search_finished)


def test_typing_runs_one_search_after_the_last_keystroke(
    qtbot: QtBot, view: CustomersView, qloop: Loop
) -> None:
    view.search.clear()
    before = view.searches
    qtbot.keyClicks(view.search, "Maria")
    [result] = wait_signal(qloop, view.search_finished)
    assert view.searches == before + 1
    assert result.text == "Maria"
    names = [c.name for c in view.results_model.customers]
    assert names and all("maria" in name.lower() for name in names)
    # Typing alone never opens a card: the demo's first customer is still shown.
    assert view.card.card is not None
    assert view.card.card.customer.id == view.flow.current_id


def test_an_empty_search_shows_no_results(qtbot: QtBot, view: CustomersView, qloop: Loop) -> None:
    qtbot.keyClicks(view.search, "x")
    wait_signal(qloop, view.search_finished)
    view.search.clear()
    view.search.textEdited.emit("")
    wait_signal(qloop, view.search_finished)
    assert view.results_model.rowCount() == 0
    assert view.status.text() == ""


def test_picking_a_result_opens_its_card(
    qtbot: QtBot, view: CustomersView, qloop: Loop, sim: PosifloraSimulator
) -> None:
    view.search.clear()
    qtbot.keyClicks(view.search, "Ada")
    wait_signal(qloop, view.search_finished)
    row = next(
        i for i, c in enumerate(view.results_model.customers) if c.id != view.flow.current_id
    )
    wanted = view.results_model.customer(row)
    view.results.selectRow(row)
    assert wait_signal(qloop, view.flow.card_shown) == [wanted.id]
    assert view.card.name.text() == sim.customers[wanted.id].title
