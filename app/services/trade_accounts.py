"""Trade account lookup for the customers view: by name, account number or email, cache first.

An account's price tier is its discount level; the brand, SKU and quantity discounts attached to
that level are what the account gets (Yodify has no points, yodify.md §7).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from app.domain.trade_accounts import (
    AccountDiscounts,
    BrandDiscount,
    DiscountLevel,
    PriceDiscount,
    QuantityDiscount,
    TradeAccount,
    discounts_for,
)
from app.services.cache import Cache
from app.services.wholesale_records import RecordError, from_record, to_record
from app.vendors.errors import VendorError

log = logging.getLogger("counterpart.wholesale")
T = TypeVar("T")

VENDOR = "yodify"
ACCOUNTS = "accounts"
DISCOUNT_LEVELS = "discount-levels"
BRAND_DISCOUNTS = "brand-discounts"
PRICE_DISCOUNTS = "price-discounts"
QUANTITY_DISCOUNTS = "quantity-discounts"
_KINDS: dict[str, type[Any]] = {
    ACCOUNTS: TradeAccount,
    DISCOUNT_LEVELS: DiscountLevel,
    BRAND_DISCOUNTS: BrandDiscount,
    PRICE_DISCOUNTS: PriceDiscount,
    QUANTITY_DISCOUNTS: QuantityDiscount,
}
_IDS: dict[str, Callable[[Any], int]] = {
    ACCOUNTS: lambda r: r.account_id,
    DISCOUNT_LEVELS: lambda r: r.level_id,
    BRAND_DISCOUNTS: lambda r: r.discount_id,
    PRICE_DISCOUNTS: lambda r: r.discount_id,
    QUANTITY_DISCOUNTS: lambda r: r.discount_id,
}


class AccountsClient(Protocol):
    async def list_accounts(self) -> list[TradeAccount]: ...
    async def list_discount_levels(self) -> list[DiscountLevel]: ...
    async def list_brand_discounts(self) -> list[BrandDiscount]: ...
    async def list_price_discounts(self) -> list[PriceDiscount]: ...
    async def list_quantity_discounts(self) -> list[QuantityDiscount]: ...


@dataclass(frozen=True)
class TradeAccountResult:
    """Accounts matching what was typed, each with its level and discounts."""

    text: str
    matches: tuple[AccountDiscounts, ...]
    fetched_at: datetime | None  # when the accounts were last pulled; None: never
    error: str | None = None  # why Yodify could not be asked (the cache was empty)


class TradeAccountLookup:
    def __init__(self, cache: Cache, client: AccountsClient) -> None:
        self.cache = cache
        self.client = client

    async def pull(self) -> int:
        """Accounts, levels and the three discount lists into the cache; returns the count."""
        client = self.client
        lists: list[list[Any]] = list(
            await asyncio.gather(
                client.list_accounts(),
                client.list_discount_levels(),
                client.list_brand_discounts(),
                client.list_price_discounts(),
                client.list_quantity_discounts(),
            )
        )
        for resource, items in zip(_KINDS, lists, strict=True):
            key = _IDS[resource]
            records = {str(key(item)): to_record(item) for item in items}
            await self.cache.replace(VENDOR, resource, records)
        return sum(len(items) for items in lists)

    async def find(self, text: str) -> TradeAccountResult:
        """Accounts whose name, number or email contains ``text``; pulls once if never pulled."""
        error = None
        if await self.cache.fetched_at(VENDOR, ACCOUNTS) is None:
            try:
                await self.pull()
            except VendorError as exc:
                error = exc.message
        accounts = await self._read(ACCOUNTS, TradeAccount)
        found = [a for a in accounts if a.matches(text)]
        found.sort(key=lambda a: (not a.name.lower().startswith(text.strip().lower()), a.name))
        levels = await self._read(DISCOUNT_LEVELS, DiscountLevel)
        brands = await self._read(BRAND_DISCOUNTS, BrandDiscount)
        prices = await self._read(PRICE_DISCOUNTS, PriceDiscount)
        quantities = await self._read(QUANTITY_DISCOUNTS, QuantityDiscount)
        matches = tuple(discounts_for(a, levels, brands, prices, quantities) for a in found)
        fetched = await self.cache.fetched_at(VENDOR, ACCOUNTS)
        return TradeAccountResult(text, matches, fetched, error)

    async def _read(self, resource: str, cls: type[T]) -> list[T]:
        found: list[T] = []
        for key, record in (await self.cache.read(VENDOR, resource)).records.items():
            try:
                found.append(from_record(cls, record))
            except (RecordError, KeyError, TypeError, ValueError):
                log.warning("skipping an unreadable cached %s %s", resource, key)
        return found
