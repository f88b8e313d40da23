"""Trade accounts (Yodify) under the customer search: by name or email, level and discounts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from app.domain.trade_accounts import (
    AccountDiscounts,
    BrandDiscount,
    DiscountLevel,
    PriceDiscount,
    QuantityDiscount,
    QuantityTier,
    TradeAccount,
)
from app.services.runtime import Runtime
from app.services.trade_accounts import TradeAccountResult
from app.ui.views.customers.trade_accounts import TradeAccountsPanel, discount_lines
from app.ui.views.customers.view import CustomersView
from app.vendors.simulators.yodify import YodifySimulator
from app.vendors.simulators.yodify_data import LEVELS, SimAccount

Wait = Callable[..., None]
Loop = asyncio.AbstractEventLoop
Shown = list[TradeAccountResult | None]


@pytest.fixture
def yodify(runtime: Runtime) -> YodifySimulator:
    found = runtime.links["yodify"].simulator
    assert isinstance(found, YodifySimulator)
    return found


@pytest.fixture
def shown(view: CustomersView) -> Shown:
    """Every lookup the panel finished showing, in order."""
    results: Shown = []
    view.trade_accounts.shown.connect(results.append)
    return results


def type_text(qtbot: QtBot, view: CustomersView, text: str) -> None:
    view.search.clear()
    qtbot.keyClicks(view.search, text)


def shown_for(shown: Shown, text: str) -> bool:
    return bool(shown) and shown[-1] is not None and shown[-1].text == text


def level_name(account: SimAccount) -> str:
    return next(name for level_id, name, _, _ in LEVELS if level_id == account.level_id)


def first_account(yodify: YodifySimulator) -> SimAccount:
    return next(iter(yodify.catalog.accounts.values()))


def test_typing_a_shop_name_shows_its_level_and_discounts(
    qtbot: QtBot, view: CustomersView, yodify: YodifySimulator, shown: Shown, wait_until: Wait
) -> None:
    account = first_account(yodify)
    type_text(qtbot, view, account.name)
    wait_until(lambda: shown_for(shown, account.name))
    panel = view.trade_accounts
    assert panel.isVisible()
    assert panel.toggle.text().startswith("Trade accounts (Yodify)")
    assert panel.lines[0].startswith(account.name)
    assert panel.lines[1] == account.email
    level_line = panel.lines[2]
    assert level_line.startswith(f"Level {level_name(account)}: ")
    assert "% off" in level_line  # the level's brand discounts, in words
    assert any("off 10+" in line for line in panel.lines)  # case pricing tiers
    # The results list above keeps its room: the panel never takes the whole column.
    assert view.results.height() > 150


def test_typing_an_email_shows_the_same_account(
    qtbot: QtBot, view: CustomersView, yodify: YodifySimulator, shown: Shown, wait_until: Wait
) -> None:
    account = first_account(yodify)
    type_text(qtbot, view, account.email.upper())
    wait_until(lambda: shown_for(shown, account.email.upper()))
    panel = view.trade_accounts
    assert panel.isVisible()
    assert panel.toggle.text() == "Trade accounts (Yodify) — 1 found"
    assert panel.lines[:2] == [f"{account.name} · {account.number}", account.email]
    assert panel.lines[2].startswith(f"Level {level_name(account)}: ")


def test_text_matching_no_account_hides_the_panel(
    qtbot: QtBot, view: CustomersView, yodify: YodifySimulator, shown: Shown, wait_until: Wait
) -> None:
    account = first_account(yodify)
    type_text(qtbot, view, account.name)
    wait_until(lambda: shown_for(shown, account.name))
    assert view.trade_accounts.isVisible()
    type_text(qtbot, view, "zzqxw")
    wait_until(lambda: shown_for(shown, "zzqxw"))
    assert not view.trade_accounts.isVisible()
    assert view.trade_accounts.lines == []


def test_two_letters_do_not_look_accounts_up(
    qtbot: QtBot, view: CustomersView, yodify: YodifySimulator, shown: Shown, wait_until: Wait
) -> None:
    account = first_account(yodify)
    type_text(qtbot, view, account.name)
    wait_until(lambda: shown_for(shown, account.name))
    type_text(qtbot, view, account.name[:2])
    wait_until(lambda: len(shown) >= 2 and shown[-1] is None)
    assert not view.trade_accounts.isVisible()


def test_the_section_folds_away_and_back(
    qtbot: QtBot, view: CustomersView, yodify: YodifySimulator, shown: Shown, wait_until: Wait
) -> None:
    account = first_account(yodify)
    type_text(qtbot, view, account.name)
    wait_until(lambda: shown_for(shown, account.name))
    panel = view.trade_accounts
    panel.toggle.click()
    assert panel.isVisible() and not panel.area.isVisible()
    panel.toggle.click()
    assert panel.area.isVisible()


def test_no_yodify_means_no_panel(qtbot: QtBot, runtime: Runtime, qloop: Loop) -> None:
    runtime.trade_accounts = None
    panel = TradeAccountsPanel(runtime)
    qtbot.addWidget(panel)
    results: list[object] = []
    panel.shown.connect(results.append)
    qloop.run_until_complete(panel.find_now("Bloom & Bough"))
    assert results == [None] and panel.isHidden()


def test_discounts_in_plain_words() -> None:
    tiers = (QuantityTier(10, Decimal(5)), QuantityTier(50, Decimal("12.5")))
    own = (QuantityTier(25, Decimal(15)),)
    found = AccountDiscounts(
        TradeAccount(1, "Petal Pushers", discount_level_id=7),
        DiscountLevel(7, "Gold"),
        (
            BrandDiscount(1, 3, "Roses Co", 7, Decimal("12.00")),
            BrandDiscount(2, 4, "Acme Greens", 7, Decimal(12)),
            BrandDiscount(3, 5, "Tulip Farm", 7, Decimal(5)),
        ),
        (PriceDiscount(9, 7, Decimal(20), sku_id=44), PriceDiscount(10, 7, Decimal(3), 45)),
        (
            QuantityDiscount(8, "Case Pricing", True, tiers, {}),
            QuantityDiscount(9, "Stems", True, tiers, {7: own}),
        ),
    )
    assert discount_lines(found, {44: "RS-40 Freedom Rose 40cm"}) == [
        "Level Gold: 12% off Acme Greens and Roses Co; 5% off Tulip Farm",
        "20% off RS-40 Freedom Rose 40cm",
        "3% off SKU #45",
        "Case Pricing: 5% off 10+; 12.5% off 50+",
        "Stems: 15% off 25+",
    ]
    bare = AccountDiscounts(TradeAccount(2, "Solo"), None, (), (), ())
    assert discount_lines(bare, {}) == ["No discount level: list prices"]
