"""Trade account lookup for the customers view: discount level and the discounts it brings."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

from tests.services.wholesale_helpers import demo_runtime


def test_lookup_by_email_or_name_shows_level_and_discounts(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            lookup = demo.runtime.trade_accounts
            assert lookup is not None
            by_email = await lookup.find("ORDERS@petalpushers")  # pulls once: cache empty
            (found,) = by_email.matches
            assert found.level is not None and found.level.name == "Event Designer"
            assert found.summary.startswith("Petal Pushers: Event Designer")
            assert found.brand_discounts
            assert all(d.discount_level_id == found.level.level_id for d in found.brand_discounts)
            assert found.quantity_discounts[0].percent_for(30) == Decimal(10)
            assert by_email.fetched_at is not None and by_email.error is None

            demo.sim.token = "revoked"  # from here on only the cache answers
            by_name = await lookup.find("petal pushers")
            assert [m.account.account_id for m in by_name.matches] == [found.account.account_id]
            assert (await lookup.find("nobody-like-this")).matches == ()

    asyncio.run(go())
