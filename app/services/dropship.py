"""Dropship operations: validate an order, place it through the outbox, tell where it stands.

Placing never talks to the vendor before the order is recorded in the outbox under its
reference, so a crash, a timeout or a second run can never create a second vendor order: the
outbox looks an uncertain order up at the vendor before it would ever send it again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from app.domain.dropship import CatalogItem, DropshipOrder, VendorOrder
from app.domain.dropship_validation import OrderInvalid, OrderReview, review_against_catalog
from app.services.outbox import Outbox, OutboxEntry, OutboxHandler, OutboxState
from app.vendors import display_name
from app.vendors.errors import VendorError

log = logging.getLogger("counterpart.dropship")
OPERATION = "place_order"


class DropshipSource(Protocol):
    """A dropship vendor as the service sees it (EndlessAislesDropship, FabricDropship)."""

    vendor: str

    @property
    def placement(self) -> OutboxHandler: ...
    @property
    def is_production(self) -> bool: ...
    async def item(self, item_id: str) -> CatalogItem | None: ...
    async def search(self, text: str, *, limit: int = 50) -> list[CatalogItem]: ...
    async def tracking(self, vendor_order_id: str, reference: str) -> VendorOrder: ...
    async def cancel(self, vendor_order_id: str) -> VendorOrder | None: ...


class UnknownReference(LookupError):
    """No dropship order with this reference was ever recorded here."""


@dataclass(frozen=True)
class Review:
    """Validation outcome; unpacks as ``errors, warnings``."""

    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    items: Mapping[str, CatalogItem | None] = field(default_factory=dict)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter((self.errors, self.warnings))


@dataclass(frozen=True)
class PlaceResult:
    """What placing did. ``needs_confirmation``: nothing recorded; warnings must be accepted."""

    reference: str
    vendor: str
    state: str  # an outbox state ("sent", "uncertain", ...) or "needs_confirmation"
    vendor_order_id: str | None = None
    message: str | None = None
    warnings: tuple[str, ...] = ()
    error: VendorError | None = None

    @property
    def placed(self) -> bool:
        return self.vendor_order_id is not None


@dataclass(frozen=True)
class DropshipStatus:
    """Where a reference stands: in the outbox, and at the vendor once it is there."""

    reference: str
    vendor: str
    outbox_state: str
    vendor_order: VendorOrder | None = None
    message: str | None = None

    @property
    def state(self) -> str:
        return self.vendor_order.state.value if self.vendor_order else self.outbox_state


class DropshipService:
    """Operations behind the dropship view and ``dropship place`` / ``dropship status``."""

    def __init__(self, outbox: Outbox, sources: Mapping[str, DropshipSource]) -> None:
        self.outbox = outbox
        self.sources = dict(sources)
        for vendor, source in self.sources.items():
            outbox.register(vendor, OPERATION, source.placement)

    def source(self, vendor: str) -> DropshipSource:
        try:
            return self.sources[vendor]
        except KeyError:
            raise OrderInvalid([f"vendor: {display_name(vendor)} is not set up here"]) from None

    async def validate(
        self, order: DropshipOrder, items: Mapping[str, CatalogItem | None] | None = None
    ) -> Review:
        """Errors refuse the order; warnings (price under MAP) ask to confirm. ``items`` are
        catalog lookups already at hand; the rest are fetched live from the vendor."""
        known: dict[str, CatalogItem | None] = dict(items or {})
        source = self.source(order.vendor)
        for line in order.lines:
            if line.item not in known:
                known[line.item] = await source.item(line.item)
        review: OrderReview = review_against_catalog(order, known.get)
        return Review(review.errors, review.warnings, known)

    async def place(self, order: DropshipOrder, *, confirmed: bool = False) -> PlaceResult:
        """Validate, record in the outbox under the reference, then send (or reconcile) it.

        Placing a reference already recorded does not validate or send again: it resumes that
        write (reconciling it first if it may have arrived) and reports where it stands.
        """
        existing = await self.outbox.find(order.reference)
        if existing is None:
            errors, warnings = await self.validate(order)
            if errors:
                raise OrderInvalid(list(errors))
            if warnings and not confirmed:
                return PlaceResult(
                    order.reference, order.vendor, "needs_confirmation", warnings=tuple(warnings)
                )
        elif existing.payload != order.to_payload():
            raise OrderInvalid([f"reference: {order.reference} is already used by another order"])
        entry = await self.outbox.enqueue(
            order.vendor, OPERATION, order.to_payload(), order.reference, _summary(order)
        )
        attempt = await self.outbox.process(entry.id)
        return _result(attempt.entry, attempt.error)

    async def status(self, reference: str) -> DropshipStatus:
        """The order's state at the vendor (placed, shipped with tracking, canceled)."""
        entry = await self._entry(reference)
        if entry.vendor_ref is None:
            return DropshipStatus(
                reference, entry.vendor, entry.state.value, message=entry.last_message
            )
        order = await self.source(entry.vendor).tracking(entry.vendor_ref, reference)
        return DropshipStatus(reference, entry.vendor, entry.state.value, order)

    async def cancel(self, reference: str) -> DropshipStatus:
        """Cancel at the vendor while it allows it; its refusal comes back as VendorRejected."""
        entry = await self._entry(reference)
        if entry.vendor_ref is None:
            raise OrderInvalid(
                [f"reference: {reference} has not reached {display_name(entry.vendor)} yet"]
            )
        await self.source(entry.vendor).cancel(entry.vendor_ref)
        return await self.status(reference)

    async def search(self, vendor: str, text: str) -> list[CatalogItem]:
        return await self.source(vendor).search(text)

    async def _entry(self, reference: str) -> OutboxEntry:
        entry = await self.outbox.find(reference)
        if entry is None or entry.operation != OPERATION:
            raise UnknownReference(f"No dropship order with reference {reference} was placed here.")
        return entry


def _summary(order: DropshipOrder) -> str:
    count = sum(line.quantity for line in order.lines)
    noun = "item" if count == 1 else "items"
    return (
        f"Dropship order {order.reference} for {order.ship_to.full_name}: {count} {noun} "
        f"from {display_name(order.vendor)}"
    )


def _result(entry: OutboxEntry, error: VendorError | None) -> PlaceResult:
    message = entry.last_message
    if entry.state is OutboxState.SENT:
        message = message or f"Placed at {display_name(entry.vendor)} as order {entry.vendor_ref}."
    return PlaceResult(
        entry.idempotency_key,
        entry.vendor,
        entry.state.value,
        entry.vendor_ref,
        message,
        error=error,
    )
