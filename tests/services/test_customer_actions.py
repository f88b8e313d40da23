"""Customer operations at the counter: contact edits and promo codes through the outbox."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain.customers import ContactChanges, Customer
from app.domain.promotions import PromoCodeRequest, PromoCodeType
from app.services.customer_actions import ActionRefused, CustomerActions
from app.services.customers import to_customer
from app.services.outbox import OutboxState
from app.services.runtime import Runtime, open_runtime
from app.vendors.simulators.posiflora import PosifloraSimulator
from app.vendors.simulators.posiflora_views import customer_resource
from app.vendors.simulators.vroom import VroomSimulator
from tests.ui.helpers import make_context


def run(home: Path, scenario: Callable[[Runtime], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        runtime = await open_runtime(make_context(home))
        try:
            return await scenario(runtime)
        finally:
            await runtime.aclose()

    return asyncio.run(main())


def posiflora(runtime: Runtime) -> PosifloraSimulator:
    sim = runtime.links["posiflora"].simulator
    assert isinstance(sim, PosifloraSimulator)
    return sim


def vroom(runtime: Runtime) -> VroomSimulator:
    sim = runtime.links["vroom"].simulator
    assert isinstance(sim, VroomSimulator)
    return sim


def a_customer(runtime: Runtime) -> Customer:
    sim = posiflora(runtime)
    first = next(c for c in sim.customers.values() if c.email)
    return to_customer(customer_resource(first))


def test_contact_edit_is_queued_then_reaches_posiflora(counterpart_home: Path) -> None:
    async def scenario(runtime: Runtime) -> tuple[Any, ...]:
        actions = CustomerActions(runtime)
        customer = a_customer(runtime)
        entry = await actions.update_contact(
            customer, ContactChanges(email=" new.address@example.com ", notes=customer.notes)
        )
        pending = await actions.pending_contact_changes(customer.id)
        before = posiflora(runtime).customers[customer.id].email
        await runtime.worker.drain()
        after = posiflora(runtime).customers[customer.id].email
        sent = await runtime.outbox.get(entry.id)
        left = await actions.pending_contact_changes(customer.id)
        return entry, pending, before, after, sent, left

    entry, pending, before, after, sent, left = run(counterpart_home, scenario)
    assert entry.payload["changes"] == {"email": "new.address@example.com"}  # notes unchanged
    assert [e.id for e in pending] == [entry.id]
    assert before != "new.address@example.com"
    assert after == "new.address@example.com"
    assert sent is not None and sent.state is OutboxState.SENT
    assert left == []


def test_the_same_edit_twice_is_one_write(counterpart_home: Path) -> None:
    async def scenario(runtime: Runtime) -> tuple[int, int, int]:
        actions = CustomerActions(runtime)
        customer = a_customer(runtime)
        first = await actions.update_contact(customer, ContactChanges(phone="518-555-1212"))
        second = await actions.update_contact(customer, ContactChanges(phone="5185551212"))
        return first.id, second.id, len(await runtime.outbox.list())

    first, second, count = run(counterpart_home, scenario)
    assert first == second
    assert count == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (ContactChanges(email="not-an-email"), "email"),
        (ContactChanges(phone="12"), "phone"),
        (ContactChanges(), "contact"),
    ],
)
def test_bad_contact_input_is_refused_naming_the_field(
    counterpart_home: Path, changes: ContactChanges, field: str
) -> None:
    async def scenario(runtime: Runtime) -> tuple[ActionRefused, int]:
        actions = CustomerActions(runtime)
        with pytest.raises(ActionRefused) as refused:
            await actions.update_contact(a_customer(runtime), changes)
        return refused.value, len(await runtime.outbox.list())

    refused, queued = run(counterpart_home, scenario)
    assert refused.field == field
    assert refused.message.lower().startswith(field) or field == "contact"
    assert queued == 0


def test_promo_code_is_queued_with_the_customer_and_created_at_vroom(
    counterpart_home: Path,
) -> None:
    async def scenario(runtime: Runtime) -> tuple[Any, ...]:
        actions = CustomerActions(runtime)
        customer = a_customer(runtime)
        request = PromoCodeRequest(
            PromoCodeType.DOLLAR_OFF, value=Decimal("5.00"), is_one_time_use=True
        )
        entry = await actions.issue_promo_code(customer, request)
        again = await actions.issue_promo_code(
            customer, dataclasses.replace(request, code=entry.payload["code"])
        )
        await runtime.worker.drain()
        sent = await runtime.outbox.get(entry.id)
        return customer, entry, again, sent, vroom(runtime).promos.codes

    customer, entry, again, sent, codes = run(counterpart_home, scenario)
    payload = entry.payload
    assert (entry.vendor, entry.operation) == ("vroom", "create_promo_code")
    assert payload["promo_code_type"] == "dollar_off" and payload["value"] == "5.00"
    assert payload["is_one_time_use"] is True
    assert payload["customer_phone"] == customer.phone
    assert payload["customer_email"] == customer.email
    assert payload["code"].startswith(customer.name.split()[0].upper())
    assert again.id == entry.id  # the code is the idempotency key
    assert sent is not None and sent.state is OutboxState.SENT
    created = codes[payload["code"].upper()]
    assert created["is_one_time_use"] is True and created["customer_phone"] == customer.phone


def test_a_promo_code_vroom_would_refuse_is_never_queued(counterpart_home: Path) -> None:
    async def scenario(runtime: Runtime) -> tuple[ActionRefused, int]:
        actions = CustomerActions(runtime)
        request = PromoCodeRequest(PromoCodeType.PERCENT_OFF, value=Decimal(150))
        with pytest.raises(ActionRefused) as refused:
            await actions.issue_promo_code(a_customer(runtime), request)
        return refused.value, len(await runtime.outbox.list())

    refused, queued = run(counterpart_home, scenario)
    assert "Percent off" in refused.message
    assert queued == 0


def test_ordered_online_is_matched_on_phone_or_email(counterpart_home: Path) -> None:
    async def scenario(runtime: Runtime) -> tuple[Any, Any, Any]:
        actions = CustomerActions(runtime)
        customer = a_customer(runtime)
        stranger = dataclasses.replace(customer, phone="2125550000", email="nobody@example.org")
        sim = vroom(runtime)
        # The same person in Vroom: a formatted phone, another email.
        sim.customers[0] = dataclasses.replace(
            sim.customers[0], phone=customer.phone, email="other@example.org"
        )
        by_email = dataclasses.replace(stranger, email=sim.customers[1].email.upper())
        return (
            await actions.has_ordered_online(customer),
            await actions.has_ordered_online(stranger),
            await actions.has_ordered_online(by_email),
        )

    matched, unmatched, by_email = run(counterpart_home, scenario)
    assert matched.ordered is True
    assert unmatched.ordered is False
    assert by_email.ordered is True


def test_without_vroom_there_are_no_promo_codes(counterpart_home: Path) -> None:
    async def scenario(runtime: Runtime) -> tuple[bool, ActionRefused, Any]:
        await runtime.links.pop("vroom").http.aclose()
        actions = CustomerActions(runtime)
        with pytest.raises(ActionRefused) as refused:
            await actions.issue_promo_code(
                a_customer(runtime), PromoCodeRequest(PromoCodeType.FREE_DELIVERY)
            )
        online = await actions.has_ordered_online(a_customer(runtime))
        return actions.promo_available, refused.value, online

    available, refused, online = run(counterpart_home, scenario)
    assert available is False
    assert refused.field == "vroom"
    assert online.ordered is None
