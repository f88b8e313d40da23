"""Promo codes through the outbox: sent once; an unanswered create is settled without a double."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from app.domain.promotions import PromoCodeRequest, PromoCodeType
from app.vendors.errors import VendorUncertain
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient, VroomPromoCodeHandler, promo_from_payload, promo_payload

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
PATH = "/marketing/create_promo_code"


@dataclass
class Entry:
    payload: dict[str, Any]


def _with_handler(sim: VroomSimulator, fn: Any) -> Any:
    async def go() -> Any:
        client = VroomClient.connect(
            DEMO_EMAIL,
            DEMO_PASSWORD,
            base_url="https://vroom.sim/api/retailer/v1",
            transport=sim.transport(),
        )
        try:
            return await fn(VroomPromoCodeHandler(client))
        finally:
            await client.aclose()

    return asyncio.run(go())


REQ = PromoCodeRequest(
    PromoCodeType.PERCENT_OFF,
    Decimal("10"),
    code="ROSES10",
    site_ids=("1001",),
    expiry_time=datetime(2025, 4, 1, tzinfo=UTC),
)


def test_payload_round_trips_exactly() -> None:
    assert promo_from_payload(promo_payload(REQ)) == REQ


def test_send_returns_the_code_as_reference() -> None:
    sim = VroomSimulator(seed=1, clock=lambda: NOW)
    ref = _with_handler(sim, lambda h: h.send(Entry(promo_payload(REQ))))
    assert ref == "ROSES10" and "ROSES10" in sim.promos.codes


def test_lost_answer_then_reconcile_finds_it_without_a_second_code() -> None:
    sim = VroomSimulator(seed=1, clock=lambda: NOW)
    sim.faults.script(FaultKind.DROP_AFTER_COMMIT, path=PATH)
    entry = Entry(promo_payload(REQ))
    with pytest.raises(VendorUncertain):
        _with_handler(sim, lambda h: h.send(entry))
    assert len(sim.promos) == 1  # it did arrive
    ref = _with_handler(sim, lambda h: h.reconcile(entry))
    assert ref == "ROSES10" and len(sim.promos) == 1


def test_reconcile_creates_when_the_first_never_arrived() -> None:
    sim = VroomSimulator(seed=1, clock=lambda: NOW)
    ref = _with_handler(sim, lambda h: h.reconcile(Entry(promo_payload(REQ))))
    assert ref == "ROSES10" and len(sim.promos) == 1


def test_reconcile_without_a_code_stays_uncertain() -> None:
    sim = VroomSimulator(seed=1, clock=lambda: NOW)
    payload = promo_payload(PromoCodeRequest(PromoCodeType.FREE_DELIVERY))
    with pytest.raises(VendorUncertain) as info:
        _with_handler(sim, lambda h: h.reconcile(Entry(payload)))
    assert "Promo Codes" in info.value.message and len(sim.promos) == 0
