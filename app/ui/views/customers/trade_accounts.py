"""Trade accounts (Yodify) matching the customer search: discount level and discounts in words.

A florist looks a trade customer up by shop name or email at the counter; Yodify has no points,
so what that customer gets is its discount level and the discounts attached to it (yodify.md §7).
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.trade_accounts import AccountDiscounts, QuantityDiscount
from app.services.runtime import Runtime
from app.services.trade_accounts import TradeAccountLookup, TradeAccountResult

log = logging.getLogger("counterpart.ui.customers")

TITLE = "Trade accounts (Yodify)"
MIN_CHARS = 3  # fewer letters match most shops' emails (".example", "orders@"): noise
MAX_SHOWN = 5  # the panel stays compact; typing more narrows it
BODY_HEIGHT = 220  # the results list above keeps the rest of the column


def percent(value: Decimal) -> str:
    """``5%`` / ``12.5%``: no trailing zeros, never an exponent."""
    return f"{value.normalize():f}%"


def level_line(found: AccountDiscounts) -> str:
    """``Level Event Designer: 10% off Acme and Bloomfield`` (brand discounts by percent)."""
    if found.level is None:
        name = found.account.discount_level_name
        return (
            f"Level {name}: no discounts on this PC" if name else "No discount level: list prices"
        )
    by_percent: dict[Decimal, list[str]] = defaultdict(list)
    for discount in found.brand_discounts:
        by_percent[discount.percent].append(discount.brand_name or f"brand #{discount.brand_id}")
    parts = [
        f"{percent(pct)} off {_and(sorted(names))}"
        for pct, names in sorted(by_percent.items(), reverse=True)
    ]
    return f"Level {found.level.name}: " + ("; ".join(parts) if parts else "list prices")


def quantity_line(discount: QuantityDiscount, level_id: int | None) -> str:
    """``Case Pricing: 5% off 10+; 10% off 25+`` (the level's own tiers when it has them)."""
    tiers = discount.tiers
    if level_id is not None and level_id in discount.level_tiers:
        tiers = discount.level_tiers[level_id]
    steps = [f"{percent(t.percent)} off {t.min_quantity}+" for t in tiers]
    return f"{discount.name or 'Quantity discount'}: " + "; ".join(steps or ["no tiers"])


def discount_lines(found: AccountDiscounts, sku_names: dict[int, str]) -> list[str]:
    """Every discount that applies to the account, one plain sentence each."""
    lines = [level_line(found)]
    for price in found.price_discounts:
        what = sku_names.get(price.sku_id or -1) or (
            f"SKU #{price.sku_id}" if price.sku_id else "every item"
        )
        lines.append(f"{percent(price.percent)} off {what}")
    level_id = found.account.discount_level_id
    lines.extend(quantity_line(q, level_id) for q in found.quantity_discounts)
    return lines


@asynccontextmanager
async def finishing(task: asyncio.Future[None]) -> AsyncIterator[None]:
    """Await ``task`` when the block ends, however it ends (no lookup is left running)."""
    try:
        yield
    finally:
        await task


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class TradeAccountsPanel(QWidget):
    """A collapsible list under the search results; hidden while nothing matches."""

    shown = Signal(object)  # the TradeAccountResult last shown (None: text too short)

    def __init__(self, runtime: Runtime | None) -> None:
        super().__init__()
        self.setObjectName("tradeAccounts")
        self.runtime = runtime
        self.lookup: TradeAccountLookup | None = runtime.trade_accounts if runtime else None
        self.lines: list[str] = []  # what the panel says, plain text (tests read it)
        self._generation = 0
        self.toggle = QToolButton()
        self.toggle.setObjectName("tradeAccountsToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._expand)
        self.body = QLabel()
        self.body.setObjectName("tradeAccountsBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.area = QScrollArea()
        self.area.setWidget(self.body)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setMaximumHeight(BODY_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(self.area)
        self.hide()

    def _expand(self, expanded: bool) -> None:
        self.area.setVisible(expanded)
        arrow = Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        self.toggle.setArrowType(arrow)

    async def find_now(self, text: str) -> None:
        """Look ``text`` up (cache first) and show it, unless a newer lookup started meanwhile."""
        self._generation += 1
        generation = self._generation
        if self.lookup is None or len(text.strip()) < MIN_CHARS:
            self._show(None)
            return
        result = await self.lookup.find(text)
        names = await self._sku_names(result)
        if generation == self._generation:  # else a newer search took over
            self._show(result, names)

    async def _sku_names(self, result: TradeAccountResult) -> dict[int, str]:
        """SKU codes and names for SKU discounts, from the cached catalog when it is there."""
        wholesale = self.runtime.wholesale if self.runtime else None
        ids = {p.sku_id for m in result.matches[:MAX_SHOWN] for p in m.price_discounts}
        names: dict[int, str] = {}
        for sku_id in ids:
            sku = await wholesale.catalog.sku(sku_id) if wholesale and sku_id else None
            if sku is not None and sku_id is not None:
                names[sku_id] = f"{sku.sku} {sku.product_name}".strip()
        return names

    def _show(self, result: TradeAccountResult | None, names: dict[int, str] | None = None) -> None:
        if result is None or not (result.matches or result.error):
            self.lines = []
            self.hide()
            self.shown.emit(result)
            return
        count = len(result.matches)
        self.toggle.setText(f"{TITLE} — {count} found" if count else TITLE)
        blocks = [self._block(m, names or {}) for m in result.matches[:MAX_SHOWN]]
        notes = [f"And {count - MAX_SHOWN} more: type more of the name or email."] * (
            count > MAX_SHOWN
        )
        if result.error and not count:
            notes.append(result.error)
        self.lines = [line for block in blocks for line in block] + notes
        parts = [_html(block) for block in blocks] + [f"<i>{html.escape(n)}</i>" for n in notes]
        self.body.setText("<br><br>".join(parts))
        self.show()
        self.shown.emit(result)

    def _block(self, found: AccountDiscounts, names: dict[int, str]) -> list[str]:
        account = found.account
        who = " · ".join(v for v in (account.name, account.account_number) if v)
        return [who, *([account.email] if account.email else []), *discount_lines(found, names)]


def _html(block: list[str]) -> str:
    """The account in bold, then its level and discounts one per line."""
    head, *rest = [html.escape(line) for line in block]
    return "<br>".join([f"<b>{head}</b>", *rest])
