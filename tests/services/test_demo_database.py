"""Demo mode keeps its own database: simulated writes can never reach a real vendor."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from app.services.runtime import open_runtime
from tests.ui.helpers import make_context

SHOP = """
[yodify]
base_url = "http://127.0.0.1:9/api/v1"
"""


def queued_writes(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT vendor, operation FROM outbox").fetchall()


def test_a_write_queued_in_demo_is_not_in_the_shops_outbox(counterpart_home: Path) -> None:
    async def demo_then_shop() -> None:
        demo = await open_runtime(make_context(counterpart_home, demo=True), sender=False)
        try:
            await demo.outbox.enqueue(
                "yodify", "update_price", {"sku_id": 1, "price": "9.99"}, "demo-1", "SKU 1 9.99"
            )
        finally:
            await demo.aclose()
        shop = await open_runtime(
            make_context(counterpart_home, demo=False, config_text=SHOP), sender=False
        )
        try:
            assert await shop.outbox.pending_count() == 0
        finally:
            await shop.aclose()

    asyncio.run(demo_then_shop())
    data = counterpart_home / "data"
    assert queued_writes(data / "demo.sqlite3") == [("yodify", "update_price")]
    assert queued_writes(data / "counterpart.sqlite3") == []
