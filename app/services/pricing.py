"""Price changes for the pricing screen: rows from the cache, every change through the outbox.

A change is recorded with an idempotency key made of the action's id and the row, so pressing
Apply twice queues each row once. Rows show the latest change's state: pending (queued, sending,
uncertain), sent, or failed with the vendor's reason. A failed change can be retried, or reverted
(discarded); a sent one is reverted by sending the previous price back.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.domain.pricing import PreviewRow, PricedItem, PriceRule, PriceRuleError, preview, to_send
from app.services.cache import Cache
from app.services.outbox import Outbox, OutboxEntry, OutboxState
from app.services.pricing_rows import SOURCE_VENDOR, PriceRow, Source
from app.services.pricing_source import apply_sent, load_rows
from app.vendors.posiflora.price_outbox import (
    BOUQUET_PRICE,
    ITEM_PRICE,
    bouquet_price_payload,
    item_price_payload,
)
from app.vendors.yodify.outbox import SET_PRICE

log = logging.getLogger("counterpart.pricing")
OPERATIONS = {Source.ITEM: ITEM_PRICE, Source.BOUQUET: BOUQUET_PRICE, Source.SKU: SET_PRICE}
PENDING = frozenset({OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNCERTAIN})
Clock = Callable[[], datetime]


class PriceChangeError(ValueError):
    """A change that cannot be made; the message says which row and why."""


class PricingService:
    def __init__(self, cache: Cache, outbox: Outbox, clock: Clock = lambda: datetime.now(UTC)):
        self.cache = cache
        self.outbox = outbox
        self.clock = clock
        self._listeners: list[Callable[[OutboxEntry], None]] = []
        self._writes: set[asyncio.Task[None]] = set()
        self._unsubscribe = outbox.on_change(self._changed)

    async def aclose(self) -> None:
        """Stop listening and finish writing sent prices into the cache."""
        self._unsubscribe()
        await self.settle()

    async def settle(self) -> None:
        """Wait until every sent price is in the cache."""
        while self._writes:
            await asyncio.gather(*list(self._writes), return_exceptions=True)

    def on_change(self, listener: Callable[[OutboxEntry], None]) -> None:
        """``listener(entry)`` after a price change moves (queued, sent, failed, discarded)."""
        self._listeners.append(listener)

    async def rows(self) -> list[PriceRow]:
        rows = await load_rows(self.cache, self.clock())
        await self.apply_states(rows)
        return rows

    async def apply_states(self, rows: Iterable[PriceRow]) -> None:
        """Set each row's state from the latest outbox entry recorded for it."""
        latest = await self.latest_entries()
        for row in rows:
            set_state(row, latest.get(row.key))

    async def latest_entries(self) -> dict[str, OutboxEntry]:
        latest: dict[str, OutboxEntry] = {}
        for entry in await self.outbox.list():
            if entry.operation in OPERATIONS.values() and "row_key" in entry.payload:
                latest[str(entry.payload["row_key"])] = entry  # oldest first: last one wins
        return latest

    # -- changes --------------------------------------------------------------------------------

    async def set_price(
        self, row: PriceRow, price: Decimal, *, action: str | None = None
    ) -> OutboxEntry:
        if row.state == "pending":
            raise PriceChangeError(f"A change to “{row.title}” is still on its way; wait for it.")
        payload, summary = change_payload(row, price)
        key = f"pricing:{action or uuid.uuid4().hex}:{row.key}"
        return await self.outbox.enqueue(
            SOURCE_VENDOR[row.source], OPERATIONS[row.source], payload, key, summary
        )

    async def set_sale(
        self,
        row: PriceRow,
        sale_price: Decimal | None,
        on_sale: bool,
        start: datetime | None,
        end: datetime | None,
    ) -> OutboxEntry:
        """A Yodify sale price with its window; the list price stays as it is."""
        if row.source is not Source.SKU:
            raise PriceChangeError("Only wholesale SKUs have sale prices.")
        check_sale(row, sale_price, on_sale, start, end)
        payload, summary = change_payload(row, row.shown_price)
        payload |= {
            "sale_price": None if sale_price is None else str(sale_price),
            "on_sale": on_sale,
            "sale_start": start.isoformat() if start else None,
            "sale_end": end.isoformat() if end else None,
        }
        summary = (
            f"Put {row.code} on sale at {sale_price}" if on_sale else f"End the sale of {row.code}"
        )
        key = f"pricing:{uuid.uuid4().hex}:{row.key}"
        return await self.outbox.enqueue("yodify", SET_PRICE, payload, key, summary)

    def preview(
        self, rows: Sequence[PriceRow], rule: PriceRule, floor: Decimal
    ) -> list[PreviewRow]:
        items = [
            PricedItem(
                r.key,
                f"{r.title} ({r.store})" if r.store else r.title,
                r.cost,
                r.shown_price or Decimal(0),
                r.step,
            )
            for r in rows
        ]
        result = preview(items, rule, floor)
        pending = {r.key for r in rows if r.state == "pending"}
        return [
            p if p.key not in pending or p.skipped else _skip(p, "a change is on its way")
            for p in result
        ]

    async def apply(
        self, rows: Sequence[PriceRow], previewed: Sequence[PreviewRow], action: str
    ) -> list[OutboxEntry]:
        """Queue exactly the previewed changes; ``action`` makes a second press harmless."""
        by_key = {row.key: row for row in rows}
        entries = []
        for line in to_send(previewed):
            entries.append(await self.set_price(by_key[line.key], line.new_price, action=action))
        return entries

    async def retry(self, row: PriceRow) -> OutboxEntry:
        if row.entry_id is None or row.state != "failed":
            raise PriceChangeError(f"“{row.title}” has no failed change to retry.")
        return await self.outbox.retry(row.entry_id)

    async def revert(self, row: PriceRow) -> OutboxEntry:
        """Failed or queued: drop the change. Sent: send the previous price back."""
        if row.entry_id is None:
            raise PriceChangeError(f"“{row.title}” has no change to revert.")
        entry = await self.outbox.get(row.entry_id)
        if entry is None:
            raise PriceChangeError(f"“{row.title}” has no change to revert.")
        if entry.state in (OutboxState.FAILED, OutboxState.QUEUED):
            return await self.outbox.discard(entry.id)
        if entry.state is OutboxState.SENT and entry.payload.get("previous") is not None:
            row.state, row.target_price = None, None
            return await self.set_price(row, Decimal(str(entry.payload["previous"])))
        raise PriceChangeError(f"The change to “{row.title}” is {entry.state.value}; wait for it.")

    def _changed(self, entry: OutboxEntry) -> None:
        if entry.operation not in OPERATIONS.values() or "row_key" not in entry.payload:
            return
        if entry.state is OutboxState.SENT:
            task = asyncio.get_running_loop().create_task(apply_sent(self.cache, entry))
            self._writes.add(task)
            task.add_done_callback(self._writes.discard)
        for listener in list(self._listeners):
            try:
                listener(entry)
            except Exception:
                log.exception("pricing listener failed for write %s", entry.id)


def _skip(row: PreviewRow, reason: str) -> PreviewRow:
    return PreviewRow(
        row.key,
        row.label,
        row.old_price,
        row.old_price,
        row.old_margin,
        row.old_margin,
        False,
        reason,
    )


def set_state(row: PriceRow, entry: OutboxEntry | None) -> None:
    row.state, row.state_message, row.entry_id, row.target_price = None, "", None, None
    if entry is None or entry.state is OutboxState.DISCARDED:
        row.refresh_margin()
        return
    row.entry_id = entry.id
    target = entry.payload.get(
        "price", entry.payload.get("sale_amount", entry.payload.get("list_price"))
    )
    if entry.state in PENDING:
        row.state, row.state_message = "pending", entry.last_message or "On its way."
        row.target_price = None if target is None else Decimal(str(target))
    elif entry.state is OutboxState.FAILED:
        row.state, row.state_message = "failed", entry.last_message or "The vendor refused it."
    else:
        row.state, row.state_message = "sent", entry.last_message or "Sent."
        if target is not None and row.price != Decimal(str(target)):
            row.target_price = Decimal(str(target))  # the cache has not caught up yet
    row.refresh_margin()


def change_payload(row: PriceRow, price: Decimal | None) -> tuple[dict[str, Any], str]:
    """The outbox payload and summary for setting ``row``'s price (absolute values only)."""
    if price is None or price < 0:
        raise PriceChangeError(f"“{row.title}” needs a price of zero or more.")
    if row.source is Source.ITEM:
        if price != price.to_integral_value():
            raise PriceChangeError(f"Posiflora keeps whole-unit prices; {price} cannot be stored.")
        payload = item_price_payload(row.vendor_id, row.store_id, price)
        summary = f"Price of {row.title} at {row.store}: {row.price} → {price}"
    elif row.source is Source.BOUQUET:
        payload = bouquet_price_payload(row.vendor_id, price)
        summary = f"Price of bouquet {row.title}: {row.price} → {price}"
    else:
        payload = {
            "sku_id": int(row.vendor_id),
            "list_price": str(price),
            "sale_price": None if row.sale_price is None else str(row.sale_price),
            "on_sale": row.on_sale,
            "sale_start": row.sale_start.isoformat() if row.sale_start else None,
            "sale_end": row.sale_end.isoformat() if row.sale_end else None,
        }
        summary = f"List price of {row.code}: {row.price} → {price}"
    payload["row_key"] = row.key
    payload["previous"] = None if row.price is None else str(row.price)
    return payload, summary


def check_sale(
    row: PriceRow, sale: Decimal | None, on_sale: bool, start: datetime | None, end: datetime | None
) -> None:
    """yodify.md §4.3: a sale shows only below the list price and inside its window."""
    if on_sale and sale is None:
        raise PriceChangeError(f"{row.code} is marked on sale but has no sale price.")
    if sale is not None and sale < 0:
        raise PriceChangeError(f"The sale price of {row.code} cannot be below zero.")
    if on_sale and sale is not None and row.shown_price is not None and sale >= row.shown_price:
        raise PriceChangeError(f"The sale price of {row.code} must be below its list price.")
    if start and end and end <= start:
        raise PriceChangeError(f"The sale of {row.code} must end after it starts.")


__all__ = ["PriceChangeError", "PriceRuleError", "PricingService"]
