"""Customer lookup at the counter: phone, name or bonus card, cache first, then Posiflora.

The cache holds Posiflora's customer resources (``cache.read("posiflora", "customers")``). They
are indexed once per fetch; what Posiflora answers later is laid over them and, when the cache
can ``upsert``, written back so the next lookup starts from it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from app.domain.customers import BonusHistoryEntry, Customer, CustomerCard, normalise_card
from app.services.customer_index import CustomerIndex
from app.vendors.errors import VendorError
from app.vendors.posiflora import wire
from app.vendors.posiflora.customers import CustomerPage
from app.vendors.posiflora.jsonapi import parse_resource

log = logging.getLogger("counterpart.customers")

VENDOR = "posiflora"
CUSTOMERS = "customers"
BONUS_GROUPS = "bonus-groups"


class CachedRecords(Protocol):
    @property
    def records(self) -> dict[str, dict[str, Any]]: ...

    @property
    def fetched_at(self) -> datetime | None: ...


class CustomerCache(Protocol):
    """``app.services.cache.Cache``; ``fetched_at`` (optional) avoids re-reading every keystroke."""

    async def read(self, vendor: str, resource: str) -> CachedRecords: ...


class CustomerSource(Protocol):
    """The part of the Posiflora client the lookup uses."""

    async def customers_page(
        self,
        search: str | None = None,
        filters: Any = None,
        *,
        page: int = 1,
        size: int | None = None,
    ) -> CustomerPage: ...

    async def customer(self, customer_id: str, include: Any = ...) -> CustomerCard: ...

    async def bonus_history(self, customer_id: str) -> list[BonusHistoryEntry]: ...


@dataclass(frozen=True, slots=True)
class LookupResult:
    """Matches for what was typed; ``exact`` is set when a card or whole phone matched one."""

    text: str
    customers: tuple[Customer, ...]
    source: str  # "cache" or "posiflora"
    fetched_at: datetime | None = None
    exact: Customer | None = None
    error: str | None = None  # why Posiflora could not be asked, for the status line


def clean_input(text: str) -> str:
    """What was typed or scanned: a scanner's trailing Enter (CR/LF) and outer spaces go."""
    return text.strip("\r\n\t ")


def to_customer(record: Mapping[str, Any]) -> Customer:
    return wire.customer(parse_resource(dict(record)))


class CustomerLookup:
    """Search cached customers at once, then ask Posiflora; assemble a customer's card."""

    def __init__(self, cache: CustomerCache, client: CustomerSource, *, limit: int = 20) -> None:
        self._cache = cache
        self._client = client
        self.limit = limit
        self._index: CustomerIndex | None = None
        self._index_time: datetime | None = None
        self._fresh: dict[str, dict[str, Any]] = {}  # answered by Posiflora since the last sync

    async def index(self) -> CustomerIndex:
        """The index of the cached customers, rebuilt only when the cache was refetched."""
        stamp_of = getattr(self._cache, "fetched_at", None)
        if self._index is not None and stamp_of is not None:
            # Reading 50,000 records on every keystroke would be slow: ask only for the time.
            unchanged = await stamp_of(VENDOR, CUSTOMERS) == self._index_time
            if unchanged:
                return self._index
        cached = await self._cache.read(VENDOR, CUSTOMERS)
        if self._index is None or cached.fetched_at != self._index_time:
            records = {**cached.records, **self._fresh}
            self._index, self._index_time = CustomerIndex.build(records), cached.fetched_at
        return self._index

    async def cached(self, text: str) -> LookupResult:
        """Matches from the cache only: never waits on the network."""
        text = clean_input(text)
        index = await self.index()
        if not text:
            return LookupResult(text, (), "cache", self._index_time)
        ids, exact = index.search(text, self.limit)
        customers = tuple(to_customer(self._fresh.get(i) or index.records[i]) for i in ids)
        hit = next((c for c in customers if c.id == exact), None)
        return LookupResult(text, customers, "cache", self._index_time, hit)

    async def refreshed(self, text: str) -> LookupResult:
        """Posiflora's own ``search`` (name, phone or card); on failure, the cached matches."""
        text = clean_input(text)
        if not text:
            return LookupResult(text, (), VENDOR)
        try:
            page = await self._client.customers_page(text, size=self.limit)
        except VendorError as error:
            log.info("customer search at Posiflora failed: %s", error.message)
            cached = await self.cached(text)
            return LookupResult(
                text, cached.customers, "cache", cached.fetched_at, cached.exact, error.message
            )
        await self._remember(page)
        card = normalise_card(text)
        exact = [
            c
            for c in page.customers
            if card in (normalise_card(c.bonus_card), c.full_phone, c.phone)
        ]
        return LookupResult(
            text, page.customers, VENDOR, None, exact[0] if len(exact) == 1 else None
        )

    async def search(self, text: str) -> AsyncIterator[LookupResult]:
        """What the cache knows at once, then what Posiflora answers."""
        yield await self.cached(text)
        yield await self.refreshed(text)

    async def customer_card(self, customer_id: str) -> CustomerCard:
        """Customer, bonus group, discount groups and bonus history, fresh from Posiflora.

        If Posiflora cannot be reached the cached record is shown with what groups we know; the
        history is then marked incomplete.
        """
        try:
            card = await self._client.customer(customer_id)
        except VendorError:
            fallback = await self._cached_card(customer_id)
            if fallback is None:
                raise
            return fallback
        try:
            history = tuple(await self._client.bonus_history(customer_id))
        except VendorError as error:
            log.info("bonus history for a customer failed: %s", error.message)
            return CustomerCard(card.customer, card.bonus_group, card.discount_groups, (), False)
        return CustomerCard(card.customer, card.bonus_group, card.discount_groups, history, True)

    async def _cached_card(self, customer_id: str) -> CustomerCard | None:
        index = await self.index()
        record = self._fresh.get(customer_id) or index.records.get(customer_id)
        if record is None:
            return None
        customer = to_customer(record)
        groups = await self._cache.read(VENDOR, BONUS_GROUPS)
        raw_group = groups.records.get(customer.bonus_group_id or "")
        group = wire.bonus_group(parse_resource(raw_group)) if raw_group else None
        return CustomerCard(customer, group, (), (), False)

    async def _remember(self, page: CustomerPage) -> None:
        records = {str(raw["id"]): raw for raw in page.raw}
        self._fresh.update(records)
        upsert = getattr(self._cache, "upsert", None)
        if upsert is not None and records:
            try:
                await upsert(VENDOR, CUSTOMERS, records)
            except Exception:  # the lookup still has them in memory; the next sync fixes the rest
                log.exception("could not write searched customers to the cache")
        self._index = None  # re-index so typed text finds the fresh records too
