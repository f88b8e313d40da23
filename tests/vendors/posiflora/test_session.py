"""Sessions against the simulator: created once, refreshed before expireAt, renewed after a 401."""

from __future__ import annotations

import asyncio
import json

import pytest

from app.vendors.errors import VendorAuthFailed
from app.vendors.posiflora import connect
from app.vendors.simulators.posiflora import PosifloraSimulator

from .conftest import BASE_URL, FakeClock, client_for


def _bodies(sim: PosifloraSimulator, method: str) -> list[dict[str, object]]:
    return [
        json.loads(r.body) for r in sim.received if r.method == method and r.path == "/v1/sessions"
    ]


def test_first_request_creates_a_session_with_username_and_password(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def scenario() -> None:
        client = client_for(clock, sim.transport())
        await client.bonus_groups()
        await client.bonus_groups()
        await client.http.aclose()

    asyncio.run(scenario())
    created = _bodies(sim, "POST")
    assert len(created) == 1  # the second call reused the token
    assert created[0] == {
        "data": {
            "type": "sessions",
            "attributes": {"username": sim.username, "password": sim.password},
        }
    }
    post = next(r for r in sim.received if r.method == "POST")
    assert post.headers["content-type"] == "application/vnd.api+json"
    assert "authorization" not in post.headers  # posiflora.md §2: sessions take no bearer
    assert sim.received[-1].headers["authorization"].startswith("Bearer sim-access-")


def test_token_is_refreshed_with_the_refresh_token_before_it_expires(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def scenario() -> None:
        client = client_for(clock, sim.transport())
        await client.bonus_groups()
        clock.advance(3600 - 30)  # inside the last minute of the hour-long token
        await client.bonus_groups()
        await client.http.aclose()

    asyncio.run(scenario())
    refreshed = _bodies(sim, "PATCH")
    assert len(refreshed) == 1
    assert refreshed[0]["data"]["attributes"]["refreshToken"].startswith("sim-refresh-")  # type: ignore[index]
    assert len(_bodies(sim, "POST")) == 1
    assert sim.count("GET", "/v1/bonus-groups") == 2  # no 401 was ever needed


def test_a_401_renews_once_and_the_request_succeeds(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def scenario() -> int:
        client = client_for(clock, sim.transport())
        await client.bonus_groups()
        sim.expire_sessions()  # the server forgets every access token
        groups = await client.bonus_groups()
        await client.http.aclose()
        return len(groups)

    assert asyncio.run(scenario()) == len(sim.bonus_groups)
    assert sim.count("GET", "/v1/bonus-groups") == 3  # ok, 401, ok
    assert len(_bodies(sim, "PATCH")) == 1


def test_expired_refresh_token_starts_a_new_session(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def scenario() -> None:
        client = client_for(clock, sim.transport())
        await client.bonus_groups()
        clock.advance(31 * 86400)  # past refreshExpireAt (30 days)
        await client.bonus_groups()
        await client.http.aclose()

    asyncio.run(scenario())
    assert len(_bodies(sim, "POST")) == 2
    assert _bodies(sim, "PATCH") == []


def test_wrong_password_is_an_auth_failure_naming_settings(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def scenario() -> None:
        client = connect(BASE_URL, sim.username, "wrong", transport=sim.transport(), clock=clock)
        try:
            await client.bonus_groups()
        finally:
            await client.http.aclose()

    with pytest.raises(VendorAuthFailed) as caught:
        asyncio.run(scenario())
    assert "Settings" in caught.value.message
    assert sim.count("GET", "/v1/bonus-groups") == 0
