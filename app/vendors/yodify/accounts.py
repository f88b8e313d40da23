"""Trade accounts, the shop's addresses, discount levels and the three kinds of discount."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.domain.trade_accounts import (
    AccountDiscounts,
    BrandDiscount,
    DiscountLevel,
    PriceDiscount,
    QuantityDiscount,
    StoreAddress,
    TradeAccount,
    discounts_for,
)
from app.vendors.errors import VendorRejected
from app.vendors.yodify.accounts_wire import (
    account_from_wire,
    brand_discount_from_wire,
    discount_level_from_wire,
    price_discount_from_wire,
    quantity_discount_from_wire,
    store_address_from_wire,
)
from app.vendors.yodify.base import YodifyBase
from app.vendors.yodify.catalog import quote_segment
from app.vendors.yodify.wire import JsonObject, WireError

T = TypeVar("T")


class AccountsApi(YodifyBase):
    """``Accounts``, ``Addresses``, ``DiscountLevels`` and the discount lists (all envelopes)."""

    async def _list(self, path: str, what: str, parse: Callable[[JsonObject], T]) -> list[T]:
        items = await self._all_items(path)
        try:
            return [parse(item) for item in items]
        except WireError as error:
            raise self.http.protocol_error(f"{what}: {error}") from error

    async def _one(self, path: str, what: str, parse: Callable[[JsonObject], T]) -> T:
        raw = await self._get_object(path)
        try:
            return parse(raw)
        except WireError as error:
            raise self.http.protocol_error(f"{what}: {error}") from error

    async def list_accounts(self) -> list[TradeAccount]:
        return await self._list("/Accounts", "account", account_from_wire)

    async def get_account(self, account_id: int) -> TradeAccount:
        params = [("Expand", "discount_level")]
        raw = await self._get_object(f"/Accounts/{account_id}", params)
        try:
            return account_from_wire(raw)
        except WireError as error:
            raise self.http.protocol_error(f"account: {error}") from error

    async def find_accounts(self, text: str) -> list[TradeAccount]:
        """Accounts whose name, number or email contains ``text`` (no server filter, §2.3)."""
        return [account for account in await self.list_accounts() if account.matches(text)]

    async def list_addresses(self) -> list[StoreAddress]:
        return await self._list("/Addresses", "address", store_address_from_wire)

    async def list_discount_levels(self) -> list[DiscountLevel]:
        return await self._list("/DiscountLevels", "discount level", discount_level_from_wire)

    async def get_discount_level(self, level_id: int) -> DiscountLevel:
        path = f"/DiscountLevels/{level_id}"
        return await self._one(path, "discount level", discount_level_from_wire)

    async def discount_level_by_name(self, name: str) -> DiscountLevel | None:
        """``GetByName``; names hold spaces, so the segment is escaped. None when unknown."""
        path = f"/DiscountLevels/GetByName/{quote_segment(name)}"
        try:
            return await self._one(path, "discount level", discount_level_from_wire)
        except VendorRejected as error:
            # §6 item 33: "not found" comes back as a 400 (or a 404) problem body.
            if error.status in (400, 404):
                return None
            raise

    async def list_brand_discounts(self) -> list[BrandDiscount]:
        return await self._list("/BrandDiscounts", "brand discount", brand_discount_from_wire)

    async def list_price_discounts(self) -> list[PriceDiscount]:
        return await self._list("/PriceDiscounts", "SKU discount", price_discount_from_wire)

    async def list_quantity_discounts(self) -> list[QuantityDiscount]:
        return await self._list(
            "/QuantityDiscounts", "quantity discount", quantity_discount_from_wire
        )

    async def account_discounts(self, account: TradeAccount) -> AccountDiscounts:
        """The account's level and every discount attached to it, for the customers view."""
        levels = await self.list_discount_levels()
        return discounts_for(
            account,
            levels,
            await self.list_brand_discounts(),
            await self.list_price_discounts(),
            await self.list_quantity_discounts(),
        )
