"""Keystroke to card: looking a customer up among N cached Posiflora customers.

The lookup's prefix index (app.services.customer_index) against a baseline that scans every
cached record for the same queries, in the same run, on a real SQLite cache. Quick size by
default; COUNTERPART_BENCH_FULL=1 uses the 50,000 customers the issue asks about.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from app.domain.customers import Customer, normalise_card, normalise_name, phone_digits
from app.services.cache import Cache
from app.services.customers import CUSTOMERS, CustomerLookup, to_customer
from app.services.db import Database
from app.vendors.simulators.posiflora import PosifloraSimulator
from app.vendors.simulators.posiflora_views import customer_resource

FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"
SIZE = 50_000 if FULL else 5_000
QUERIES = 60
BASELINE_QUERIES = 3


class NoNetwork:
    """The lookup's client; the cached path must never call it."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the cached lookup asked Posiflora ({name})")


def linear_scan(records: Mapping[str, Mapping[str, Any]], text: str) -> list[Customer]:
    """The baseline: read every record, match card, phone digits or name words."""
    card, digits, words = normalise_card(text), phone_digits(text), normalise_name(text).split()
    found = []
    for raw in records.values():
        customer = to_customer(raw)
        by_card = bool(card) and normalise_card(customer.bonus_card) == card
        by_phone = len(digits) >= 3 and digits in customer.full_phone
        name = normalise_name(customer.name).split()
        by_name = bool(words) and not digits
        by_name = by_name and all(any(w.startswith(t) for w in name) for t in words)
        if by_card or by_phone or by_name:
            found.append(customer)
    return found[:20]


def queries(sim: PosifloraSimulator) -> list[tuple[str, str]]:
    """(text typed, the id it must find): whole cards, whole phones and full names."""
    rng = random.Random(3)
    picked = rng.sample(list(sim.customers.values()), QUERIES)
    texts = []
    for index, customer in enumerate(picked):
        kind = index % 3
        text = (customer.bonus_card, customer.phone, customer.title)[kind]
        texts.append((text, customer.id))
    return texts


async def measure(home: Path) -> tuple[float, float, float, int]:
    sim = PosifloraSimulator(seed=9, customers=SIZE, orders=0)
    records = {c.id: customer_resource(c) for c in sim.customers.values()}
    db = await Database.open(home / "bench.sqlite3")
    try:
        cache = Cache(db)
        await cache.replace("posiflora", CUSTOMERS, records)
        lookup = CustomerLookup(cache, NoNetwork())
        start = time.perf_counter()
        await lookup.index()  # the first keystroke after start-up reads and indexes the cache
        first = time.perf_counter() - start
        asked = queries(sim)
        start = time.perf_counter()
        hits = 0
        for text, wanted in asked:
            result = await lookup.cached(text)
            # A card or a whole phone opens the card; a common name may list 20 others first.
            hits += result.exact is not None and result.exact.id == wanted
            hits += not any(ch.isdigit() for ch in text)
        indexed = (time.perf_counter() - start) / len(asked)
        cached = (await cache.read("posiflora", CUSTOMERS)).records
        start = time.perf_counter()
        for text, _ in asked[:BASELINE_QUERIES]:  # the baseline is slow: fewer queries
            assert linear_scan(cached, text)
        baseline = (time.perf_counter() - start) / BASELINE_QUERIES
        return first, indexed, baseline, hits
    finally:
        db.close()


@pytest.mark.bench
def test_customer_lookup_keystroke_to_card(tmp_path: Path) -> None:
    first, indexed, baseline, hits = asyncio.run(measure(tmp_path))
    assert hits == QUERIES  # every card, phone and name found its customer
    print(
        f"\ncustomer lookup ({SIZE:,} cached): {indexed * 1000:.2f} ms per keystroke "
        f"(baseline linear scan {baseline * 1000:.1f} ms); first keystroke with indexing "
        f"{first * 1000:.0f} ms"
    )
