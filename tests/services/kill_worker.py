"""The process the kill test SIGKILLs: queue N writes (or resume) and send them all.

    python -m tests.services.kill_worker --db FILE --url http://127.0.0.1:PORT --count N

Exit 0 once every write is sent; 3 if some could not be (they stay in the outbox).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

from app.services.db import Database
from app.services.outbox import Outbox, OutboxEntry
from app.services.outbox_worker import OutboxWorker
from app.vendors.errors import VendorRejected, VendorUnavailable, VendorUncertain

VENDOR = "endless-aisles"  # any vendor name; it only shows in messages
OPERATION = "ledger_append"


def key_for(number: int) -> str:
    return f"K{number:04d}"


class LedgerHandler:
    """Sends a write to the ledger simulator; looks it up by key to reconcile."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, entry: OutboxEntry) -> str:
        body = {"key": entry.idempotency_key, **entry.payload}
        try:
            response = await self._http.post("/ledger", json=body)
        except httpx.ConnectError as exc:
            raise VendorUnavailable(VENDOR, "The ledger could not be reached.") from exc
        except httpx.TransportError as exc:
            raise VendorUncertain(VENDOR, "The ledger's answer was lost.") from exc
        if response.status_code >= 500:
            raise VendorUnavailable(VENDOR, "The ledger is busy.", status=response.status_code)
        if response.status_code != 201:
            raise VendorRejected(VENDOR, f"The ledger refused it ({response.status_code}).")
        return str(response.json()["ref"])

    async def reconcile(self, entry: OutboxEntry) -> str | None:
        try:
            response = await self._http.get(f"/ledger/{entry.idempotency_key}")
        except httpx.TransportError as exc:
            raise VendorUnavailable(VENDOR, "The ledger could not be reached.") from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise VendorUnavailable(VENDOR, "The ledger is busy.", status=response.status_code)
        return str(response.json()["ref"])


async def run(db_path: Path, url: str, count: int) -> int:
    db = await Database.open(db_path)
    print("ready", flush=True)  # the test counts its random kill delay from here
    try:
        outbox = Outbox(db)
        async with httpx.AsyncClient(base_url=url, timeout=5.0) as http:
            outbox.register(VENDOR, OPERATION, LedgerHandler(http))
            for number in range(count):  # on a restart every key is already there: no-ops
                key = key_for(number)
                await outbox.enqueue(VENDOR, OPERATION, {"n": number}, key, f"Ledger line {key}")
            worker = OutboxWorker(outbox)
            for _ in range(1000):  # injected 503s and lost answers need more rounds
                if not await outbox.due():
                    break
                await worker.drain()
        return 0 if await outbox.pending_count() == 0 else 3
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    return asyncio.run(run(args.db, args.url, args.count))


if __name__ == "__main__":
    sys.exit(main())
