"""Looking a customer up at the counter: cache first, then Posiflora; the card assembled."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.services.customers import CustomerLookup, clean_input
from app.vendors.http import RetryPolicy
from app.vendors.posiflora import PosifloraClient, connect
from app.vendors.simulators.posiflora import SIM_PASSWORD, SIM_USERNAME, PosifloraSimulator
from app.vendors.simulators.posiflora_views import customer_resource, group_resource

FETCHED = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


@dataclass
class Cached:
    records: dict[str, dict[str, Any]]
    fetched_at: datetime | None


class FakeCache:
    """Duck-typed like app.services.cache.Cache: ``read`` and ``upsert``."""

    def __init__(self, sets: dict[str, dict[str, dict[str, Any]]]) -> None:
        self.sets = sets
        self.upserts: list[dict[str, dict[str, Any]]] = []

    async def read(self, vendor: str, resource: str) -> Cached:
        return Cached(dict(self.sets.get(resource, {})), FETCHED)

    async def upsert(self, vendor: str, resource: str, records: dict[str, Any]) -> None:
        self.upserts.append(records)
        self.sets.setdefault(resource, {}).update(records)


@pytest.fixture
def sim() -> PosifloraSimulator:
    return PosifloraSimulator(seed=5, customers=400, orders=10)


def cache_of(sim: PosifloraSimulator) -> FakeCache:
    customers = {c.id: customer_resource(c) for c in sim.customers.values()}
    groups = {g.id: group_resource(g, "bonus-groups") for g in sim.bonus_groups}
    return FakeCache({"customers": customers, "bonus-groups": groups})


def with_lookup(
    sim: PosifloraSimulator,
    cache: FakeCache,
    action: Any,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Any:
    async def scenario() -> Any:
        client: PosifloraClient = connect(
            "https://shop.posiflora.test/api",
            SIM_USERNAME,
            SIM_PASSWORD,
            transport=transport or sim.transport(),
            retry=RetryPolicy(attempts=1, jitter=0.0),
        )
        try:
            return await action(CustomerLookup(cache, client))
        finally:
            await client.http.aclose()

    return asyncio.run(scenario())


def test_scanner_input_with_enter_finds_the_card_holder_from_the_cache(
    sim: PosifloraSimulator,
) -> None:
    target = list(sim.customers.values())[42]
    result = with_lookup(sim, cache_of(sim), lambda lk: lk.cached(f"{target.bonus_card}\r\n"))
    assert result.source == "cache"
    assert result.exact is not None and result.exact.id == target.id
    assert result.customers[0].id == target.id
    assert sim.requests == []  # the cache answered without asking Posiflora
    assert clean_input(" 2000000070\n") == "2000000070"


def test_phone_typed_any_way_finds_the_customer(sim: PosifloraSimulator) -> None:
    target = list(sim.customers.values())[7]
    p = target.phone
    typed = [p, f"+{target.country_code} ({p[:3]}) {p[3:6]}-{p[6:]}", p[:6]]

    async def action(lookup: CustomerLookup) -> list[Any]:
        return [await lookup.cached(text) for text in typed]

    whole, formatted, partial = with_lookup(sim, cache_of(sim), action)
    assert whole.exact is not None and whole.exact.id == target.id
    assert formatted.exact is not None and formatted.exact.id == target.id
    assert partial.exact is None and target.id in [c.id for c in partial.customers]


def test_name_search_is_case_insensitive_and_matches_word_prefixes(
    sim: PosifloraSimulator,
) -> None:
    target = list(sim.customers.values())[3]
    first, last = target.title.split()
    result = with_lookup(
        sim, cache_of(sim), lambda lk: lk.cached(f"{last[:3].upper()} {first[:2]}")
    )
    assert target.id in [c.id for c in result.customers]
    assert all(
        any(w.lower().startswith(last[:3].lower()) for w in c.name.split())
        for c in result.customers
    )
    assert len(result.customers) <= 20


def test_refresh_asks_posiflora_and_writes_the_answer_to_the_cache(
    sim: PosifloraSimulator,
) -> None:
    target = list(sim.customers.values())[9]
    cache = cache_of(sim)
    del cache.sets["customers"][target.id]  # joined after the last sync

    async def action(lookup: CustomerLookup) -> list[Any]:
        return [r async for r in lookup.search(target.bonus_card)]

    cached, fresh = with_lookup(sim, cache, action)
    assert cached.customers == ()
    assert fresh.source == "posiflora" and fresh.exact is not None
    assert fresh.exact.id == target.id
    assert target.id in cache.upserts[0]
    assert sim.count("GET", "/v1/customers") == 1


def test_refresh_failure_keeps_the_cached_matches_and_says_why(sim: PosifloraSimulator) -> None:
    target = list(sim.customers.values())[1]

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("offline", request=request)

    result = with_lookup(
        sim, cache_of(sim), lambda lk: lk.refreshed(target.bonus_card), httpx.MockTransport(down)
    )
    assert result.source == "cache" and result.exact is not None
    assert result.error is not None and "Posiflora" in result.error


def test_customer_card_assembles_customer_group_and_history(sim: PosifloraSimulator) -> None:
    target = next(
        c for c in sim.customers.values() if c.current_points and c.bonus_group_id == "58"
    )
    card = with_lookup(sim, cache_of(sim), lambda lk: lk.customer_card(target.id))
    assert card.customer.current_points == target.current_points
    assert card.bonus_group is not None and card.bonus_group.bonus_rate == 20
    assert card.history_complete
    assert sum(e.amount for e in card.history) == target.current_points


def test_customer_card_offline_falls_back_to_the_cache(sim: PosifloraSimulator) -> None:
    target = next(c for c in sim.customers.values() if c.bonus_group_id == "57")

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("offline", request=request)

    card = with_lookup(
        sim, cache_of(sim), lambda lk: lk.customer_card(target.id), httpx.MockTransport(down)
    )
    assert card.customer.name == target.title
    assert card.bonus_group is not None and card.bonus_group.limit == 10
    assert not card.history_complete
