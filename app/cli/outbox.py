"""``outbox list`` / ``outbox retry [ID]``: writes on their way to vendors."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from app.cli import InputError, fail
from app.services.context import AppContext
from app.services.instance import ALREADY_RUNNING, InstanceLock
from app.services.outbox import OutboxEntry, OutboxState, OutboxStateError
from app.services.outbox_store import PENDING_STATES
from app.services.runtime import Runtime, open_runtime
from app.vendors import display_name


def describe(entry: OutboxEntry, now: datetime) -> str:
    minutes = int((now - entry.created_at).total_seconds() // 60)
    age = f"{minutes} min" if minutes < 120 else f"{minutes // 60} h"
    line = (
        f"#{entry.id:<5} {entry.state.value:<10} {display_name(entry.vendor):<20} "
        f"{age:>7}  attempts {entry.attempts}  {entry.summary}"
    )
    if entry.last_message:
        line += f"\n        {entry.last_message}"
    return line


async def run(args: argparse.Namespace, context: AppContext) -> int:
    if args.outbox_command == "list":
        return await list_pending(context)
    lock = InstanceLock(context.paths.data_dir)
    if not lock.acquire():
        fail(ALREADY_RUNNING)
        return 1
    try:
        runtime = await open_runtime(context)
        try:
            return await retry(runtime, args.id)
        finally:
            await runtime.aclose()
    finally:
        lock.release()


async def list_pending(context: AppContext) -> int:
    runtime = await open_runtime(context, sender=False)
    try:
        entries = await runtime.outbox.list(PENDING_STATES)
    finally:
        await runtime.aclose()
    if not entries:
        print("The outbox is empty: every write has reached its vendor.")
        return 0
    now = datetime.now(UTC)
    for entry in entries:
        print(describe(entry, now))
    return 0


async def retry(runtime: Runtime, entry_id: int | None) -> int:
    outbox = runtime.outbox
    if entry_id is not None:
        entry = await outbox.get(entry_id)
        if entry is None:
            raise InputError(f"ID {entry_id}: there is no such write in the outbox")
        targets = [entry]
    else:
        targets = await outbox.list(PENDING_STATES)
    for entry in targets:
        try:
            await outbox.retry(entry.id)
        except OutboxStateError as exc:
            raise InputError(f"ID {entry.id}: {exc}") from exc
    await runtime.worker.drain()
    now = datetime.now(UTC)
    left = [e for e in await outbox.list(PENDING_STATES) if e.id in {t.id for t in targets}]
    for entry in targets:
        current = await outbox.get(entry.id)
        if current is not None:
            print(describe(current, now))
    if left:
        stuck = left[0]
        fail(
            f"{len(left)} write(s) did not reach their vendor; they stay in the outbox. "
            f"{display_name(stuck.vendor)}: {stuck.last_message or 'no answer yet'}"
        )
        return 1
    return 0


__all__ = ["OutboxState", "run"]
