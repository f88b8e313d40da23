"""The outbox handler for contact edits: ``PATCH /v1/customers/{id}`` with absolute values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.customers import ContactChanges, Customer
from app.vendors.posiflora.customers import PosifloraCustomers
from app.vendors.writes import PendingWrite

CUSTOMER_UPDATE = "customer.update"


def update_payload(customer_id: str, changes: ContactChanges) -> dict[str, Any]:
    """The outbox payload for a contact edit."""
    if changes.is_empty():
        raise ValueError("nothing to change")
    return {"customer_id": customer_id, "changes": changes.as_dict()}


def _read(payload: Mapping[str, Any]) -> tuple[str, ContactChanges]:
    changes = payload.get("changes") or {}
    return str(payload["customer_id"]), ContactChanges(
        phone=changes.get("phone"), email=changes.get("email"), notes=changes.get("notes")
    )


def _applied(customer: Customer, changes: ContactChanges) -> bool:
    current = {"phone": customer.phone, "email": customer.email, "notes": customer.notes}
    return all(current[key] == value for key, value in changes.as_dict().items())


class PosifloraCustomerUpdateHandler:
    """Sends a contact edit; the values are absolute, so sending twice changes nothing more."""

    vendor = "posiflora"
    operation = CUSTOMER_UPDATE

    def __init__(self, client: PosifloraCustomers) -> None:
        self._client = client

    async def send(self, entry: PendingWrite) -> str:
        customer_id, changes = _read(entry.payload)
        updated = await self._client.update_customer(customer_id, changes)
        return updated.id

    async def reconcile(self, entry: PendingWrite) -> str | None:
        """The customer's id when the record already holds the new values, else None."""
        customer_id, changes = _read(entry.payload)
        card = await self._client.customer(customer_id, include=())
        return customer_id if _applied(card.customer, changes) else None
