"""Posiflora customers, bonus groups and their history (posiflora.md §4 Customers, §5.1, §5.2)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.bonuses import BonusGroup
from app.domain.customers import (
    BonusHistoryEntry,
    ContactChanges,
    Customer,
    CustomerCard,
    CustomerStatsPoint,
    DiscountGroup,
)
from app.vendors.posiflora import wire
from app.vendors.posiflora.base import PosifloraApi, resource_dict, segment
from app.vendors.posiflora.jsonapi import Document, resource_body
from app.vendors.posiflora.meta import PageInfo, page_info
from app.vendors.posiflora.queries import (
    PERIOD_FORMATS,
    CustomerFilters,
    Params,
    add,
    include_param,
)

CARD_INCLUDES = ("bonusGroup", "discountGroups")


@dataclass(frozen=True, slots=True)
class CustomerPage:
    """One page of customers."""

    customers: tuple[Customer, ...]
    page: PageInfo
    raw: tuple[dict[str, Any], ...] = field(default=(), repr=False)  # resources, for the cache


class PosifloraCustomers(PosifloraApi):
    """Customers and loyalty (posiflora.md §4 Customers, Bonus group and Discount group APIs)."""

    async def customers_page(
        self,
        search: str | None = None,
        filters: CustomerFilters | None = None,
        *,
        page: int = 1,
        size: int | None = None,
    ) -> CustomerPage:
        """``GET /v1/customers``; ``search`` matches name, phone or bonus card (§4.1)."""
        params = self._customer_params(search, filters)
        params += [("page[number]", str(page)), ("page[size]", str(size or self.page_size))]
        document = await self.get("/v1/customers", params)
        return self._customer_page(document)

    async def iter_customers(
        self, search: str | None = None, filters: CustomerFilters | None = None
    ) -> AsyncIterator[CustomerPage]:
        """All matching customers, a page at a time."""
        async for document, _ in self.pages(
            "/v1/customers", self._customer_params(search, filters)
        ):
            yield self._customer_page(document)

    async def customer(
        self, customer_id: str, include: Sequence[str] = CARD_INCLUDES
    ) -> CustomerCard:
        """``GET /v1/customers/{id}?include=bonusGroup,discountGroups``: a card, no history."""
        params: Params = [("include", include_param(include))] if include else []
        document = await self.get(f"/v1/customers/{segment(customer_id)}", params)
        return _card(document)

    async def update_customer(self, customer_id: str, changes: ContactChanges) -> Customer:
        """``PATCH /v1/customers/{id}`` with only the changed contact fields.

        The values are absolute, so sending the same change twice leaves the same record: retried
        like a read.
        """
        body = resource_body("customers", changes.as_dict(), ident=customer_id)
        document = await self.patch(f"/v1/customers/{segment(customer_id)}", body, retry=True)
        return wire.customer(document.one())

    async def bonus_history(self, customer_id: str) -> list[BonusHistoryEntry]:
        """``GET /v1/customers/{id}/bonus-history``, newest first."""
        entries: list[BonusHistoryEntry] = []
        async for document, _ in self.pages(f"/v1/customers/{segment(customer_id)}/bonus-history"):
            entries.extend(wire.history_entry(item) for item in document.many())
        return sorted(entries, key=_newest_first)

    async def bonus_groups(self) -> list[BonusGroup]:
        """``GET /v1/bonus-groups`` (meta uses pageNumber/pageSize)."""
        groups: list[BonusGroup] = []
        async for document, _ in self.pages("/v1/bonus-groups"):
            groups.extend(wire.bonus_group(item) for item in document.many())
        return groups

    async def discount_groups(self) -> list[DiscountGroup]:
        groups: list[DiscountGroup] = []
        async for document, _ in self.pages("/v1/discount-groups"):
            groups.extend(wire.discount_group(item) for item in document.many())
        return groups

    async def customer_stats(
        self, customer_id: str, start: date, end: date, period: str = "month"
    ) -> list[CustomerStatsPoint]:
        """Spending per period; posiflora.md §4 row 15: the path really sits under ``import``."""
        if period not in PERIOD_FORMATS:
            raise ValueError(f"period must be one of {', '.join(PERIOD_FORMATS)}")
        params: Params = []
        add(params, "filter[startDate]", start)
        add(params, "filter[endDate]", end)
        add(params, "filter[format]", period)
        document = await self.get(f"/v1/customers/import/{segment(customer_id)}/stats", params)
        return [wire.customer_stats_point(item) for item in document.many()]

    @staticmethod
    def _customer_params(search: str | None, filters: CustomerFilters | None) -> Params:
        params: Params = []
        if search and search.strip():
            params.append(("search", search.strip()))
        return params + (filters.params() if filters else [])

    @staticmethod
    def _customer_page(document: Document) -> CustomerPage:
        resources = document.many()
        return CustomerPage(
            customers=tuple(wire.customer(item) for item in resources),
            page=page_info(document.meta),
            raw=tuple(resource_dict(item) for item in resources),
        )


def _card(document: Document) -> CustomerCard:
    resource = document.one()
    group = document.related(resource, "bonusGroup")
    discounts = document.related_many(resource, "discountGroups")
    return CustomerCard(
        customer=wire.customer(resource),
        bonus_group=wire.bonus_group(group) if group else None,
        discount_groups=tuple(wire.discount_group(item) for item in discounts),
    )


def _newest_first(entry: BonusHistoryEntry) -> tuple[float, str]:
    stamp = entry.created_at.timestamp() if entry.created_at else 0.0
    return (-stamp, entry.id)
