"""What staff see when Yodify refuses: a bad token, a forbidden call, a spent quota."""

from __future__ import annotations

import asyncio

import pytest

from app.vendors.errors import VendorAuthFailed, VendorRateLimited, VendorRejected
from app.vendors.simulators.yodify import YodifySimulator
from tests.vendors.yodify.conftest import FakeClock, client_for


def test_wrong_token_is_an_auth_failure_pointing_to_settings(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    client = client_for(sim, clock, token="stale")

    async def go() -> None:
        async with client.http:
            await client.list_orders()

    with pytest.raises(VendorAuthFailed) as caught:
        asyncio.run(go())
    assert caught.value.status == 401
    assert "Settings > Yodify" in caught.value.message
    assert sim.count("GET", "/api/v1/Orders") == 1  # a static token is not retried


def test_403_without_body_says_the_token_is_not_allowed(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sim.refuse_next(403)
    client = client_for(sim, clock)

    async def go() -> None:
        async with client.http:
            await client.list_accounts()

    with pytest.raises(VendorAuthFailed) as caught:
        asyncio.run(go())
    assert caught.value.status == 403
    assert "does not allow this API token" in caught.value.message


def test_429_without_body_or_retry_after_is_retried_with_backoff(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sim.refuse_next(429, times=2)
    client = client_for(sim, clock, attempts=3)

    async def go() -> int:
        async with client.http:
            return len(await client.list_carriers())

    assert asyncio.run(go()) == 5
    assert sim.count("GET", "/api/v1/Carriers") == 3
    assert [s for s in clock.slept if s >= 0.5] == [0.5, 1.0]


def test_429_that_persists_becomes_a_rate_limit_message(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sim.refuse_next(429, times=5)
    client = client_for(sim, clock, attempts=3)

    async def go() -> None:
        async with client.http:
            await client.list_carriers()

    with pytest.raises(VendorRateLimited) as caught:
        asyncio.run(go())
    assert "slow down" in caught.value.message
    assert sim.count("GET", "/api/v1/Carriers") == 3


def test_unknown_record_gives_the_detail_sentence(sim: YodifySimulator, clock: FakeClock) -> None:
    client = client_for(sim, clock)

    async def go() -> None:
        async with client.http:
            await client.get_order(999999)

    with pytest.raises(VendorRejected) as caught:
        asyncio.run(go())
    assert caught.value.details == ("Order 999999 was not found.",)


def test_discount_level_by_name_handles_spaces_and_unknown_names(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    client = client_for(sim, clock)

    async def go() -> tuple[str | None, object]:
        async with client.http:
            found = await client.discount_level_by_name("Event Designer")
            missing = await client.discount_level_by_name("No Such Level")
            return (found.name if found else None), missing

    assert asyncio.run(go()) == ("Event Designer", None)
    assert any(r.full_path.endswith("GetByName/Event%20Designer") for r in sim.received)
