"""What staff do to a customer at the counter: edit contact fields, issue a Vroom promo code, and
see whether the customer has ordered online. Writes go through the outbox, never straight out."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain.customers import ContactChanges, Customer, phone_digits
from app.domain.orders_reports import CustomerContact
from app.domain.promotions import PromoCodeRequest, validate_promo_request, with_code
from app.services.outbox import OutboxEntry
from app.services.outbox_store import PENDING_STATES
from app.vendors.errors import VendorError
from app.vendors.posiflora.outbox import CUSTOMER_UPDATE, update_payload
from app.vendors.vroom.promo_outbox import OPERATION as PROMO_OPERATION
from app.vendors.vroom.promo_outbox import promo_payload

if TYPE_CHECKING:
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.customers")

POSIFLORA = "posiflora"
VROOM = "vroom"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_US_PHONE = 10  # Vroom reports and takes 10-digit phones (vroom-and-endless-aisles.md §A3.7)


class ActionRefused(ValueError):
    """Input refused before anything was queued; ``field`` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class OnlineHistory:
    """Whether a customer has ordered online at Vroom; ``None`` when Vroom could not say."""

    ordered: bool | None
    last_order_time: datetime | None = None
    error: str | None = None


def check_contact(changes: ContactChanges) -> ContactChanges:
    """The changes with the phone as digits; refuses a bad phone or email, naming the field."""
    phone = changes.phone
    if phone is not None:
        phone = phone_digits(phone)
        if not 5 <= len(phone) <= 15:
            # posiflora.md §5.1: phone is the national number without country code.
            raise ActionRefused("phone", "Phone: enter 5 to 15 digits, without the country code.")
    email = changes.email.strip() if changes.email is not None else None
    if email and not _EMAIL.fullmatch(email):
        raise ActionRefused("email", "Email: this does not look like an email address.")
    cleaned = ContactChanges(phone=phone, email=email, notes=changes.notes)
    if cleaned.is_empty():
        raise ActionRefused("contact", "Nothing to change.")
    return cleaned


def contact_key(customer: Customer, changes: ContactChanges) -> str:
    """The same edit of the same record version is one write (a double click queues it once)."""
    blob = json.dumps([customer.id, customer.revision, changes.as_dict()], sort_keys=True)
    return f"posiflora-contact-{hashlib.sha256(blob.encode()).hexdigest()[:24]}"


def changed_only(customer: Customer, changes: ContactChanges) -> ContactChanges:
    """Leave out fields whose value is what Posiflora already holds."""
    current = {"phone": customer.phone, "email": customer.email, "notes": customer.notes}
    kept = {k: v for k, v in changes.as_dict().items() if current[k] != v}
    return ContactChanges(**kept)


def promo_for(customer: Customer, request: PromoCodeRequest) -> PromoCodeRequest:
    """The request tied to this customer: name, email and a 10-digit phone when they have one."""
    digits = phone_digits(customer.phone)
    phone = digits if len(digits) == _US_PHONE else None
    return replace(
        request,
        customer_name=request.customer_name or customer.name or None,
        customer_email=request.customer_email or customer.email or None,
        customer_phone=request.customer_phone or phone,
    )


def matches(customer: Customer, contact: CustomerContact) -> bool:
    """Same phone (last ten digits) or same email, case folded."""
    email = customer.email.strip().casefold()
    if email and (contact.email or "").strip().casefold() == email:
        return True
    mine = phone_digits(customer.phone)[-_US_PHONE:]
    theirs = phone_digits(contact.phone or "")[-_US_PHONE:]
    return len(mine) >= 7 and mine == theirs


class CustomerActions:
    """Operations on one runtime; Vroom's parts are available only when Vroom is in use."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        contacts_ttl: timedelta = timedelta(minutes=10),
    ) -> None:
        self.runtime = runtime
        self._clock = clock
        self._ttl = contacts_ttl
        self._contacts: list[CustomerContact] | None = None
        self._contacts_at: datetime | None = None

    @property
    def vroom(self) -> Any | None:
        link = self.runtime.links.get(VROOM)
        return link.client if link is not None else None

    @property
    def promo_available(self) -> bool:
        return self.vroom is not None

    async def update_contact(self, customer: Customer, changes: ContactChanges) -> OutboxEntry:
        """Queue a Posiflora customer update; refuses bad input with the field named."""
        cleaned = changed_only(customer, check_contact(changes))
        if cleaned.is_empty():
            raise ActionRefused("contact", "Nothing changed: these are the values on record.")
        fields = ", ".join(cleaned.as_dict())
        summary = f"Update {fields} of {customer.name or 'a customer'}"
        entry = await self.runtime.outbox.enqueue(
            POSIFLORA,
            CUSTOMER_UPDATE,
            update_payload(customer.id, cleaned),
            contact_key(customer, cleaned),
            summary,
        )
        self.runtime.worker.kick()
        return entry

    async def pending_contact_changes(self, customer_id: str) -> list[OutboxEntry]:
        """Contact edits for this customer that Posiflora has not confirmed yet."""
        entries = await self.runtime.outbox.list(PENDING_STATES, POSIFLORA)
        return [
            e
            for e in entries
            if e.operation == CUSTOMER_UPDATE and e.payload.get("customer_id") == customer_id
        ]

    async def issue_promo_code(self, customer: Customer, request: PromoCodeRequest) -> OutboxEntry:
        """Validate, fix the code, and queue the create for Vroom; the code is the key."""
        if not self.promo_available:
            raise ActionRefused("vroom", "Promo codes need Vroom: connect it in Settings first.")
        full = with_code(promo_for(customer, request))
        problems = validate_promo_request(full)
        if problems:
            raise ActionRefused("promo", " ".join(problems))
        summary = f"Promo code {full.code} for {customer.name or 'a customer'}"
        entry = await self.runtime.outbox.enqueue(
            VROOM, PROMO_OPERATION, promo_payload(full), f"vroom-promo-{full.code}", summary
        )
        self.runtime.worker.kick()
        return entry

    async def has_ordered_online(self, customer: Customer) -> OnlineHistory:
        """Matched against Vroom's customer contacts (fetched at most every ``contacts_ttl``)."""
        if self.vroom is None:
            return OnlineHistory(None, error="Vroom is not connected.")
        try:
            contacts = await self._online_contacts()
        except VendorError as error:
            log.info("Vroom customer contacts failed: %s", error.message)
            return OnlineHistory(None, error=error.message)
        found = [c for c in contacts if matches(customer, c)]
        if not found:
            return OnlineHistory(False)
        times = [c.last_order_time for c in found if c.last_order_time is not None]
        return OnlineHistory(True, max(times) if times else None)

    async def _online_contacts(self) -> list[CustomerContact]:
        now = self._clock()
        fresh = self._contacts_at is not None and now - self._contacts_at < self._ttl
        if self._contacts is None or not fresh:
            client = self.vroom
            assert client is not None
            self._contacts = list(await client.customer_contacts())
            self._contacts_at = now
        return self._contacts
