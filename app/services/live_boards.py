"""Live boards on the runtime: one LiveOrdersService per vendor, driven by the sync scheduler.

A vendor joins the orders board with :func:`add_live_board`; the scheduler then refreshes it on
the configured interval (coalesced, with the health bar following), the last good board is kept
in the cache so the window paints it at once on the next start, and the view shows one section
per entry of ``runtime.live_boards``. Settings are read again on every refresh, the interval
included, so a saved change needs no restart (:func:`apply_refresh_interval` applies it at once).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain.orders_board import BoardRow, StoreRef, board_columns
from app.services.board_settings import BoardSettings, read_board_settings
from app.services.live_orders import BoardSnapshot, LiveOrdersService
from app.services.sync import SyncSource

if TYPE_CHECKING:
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.live_orders")
RESOURCE = "live-orders"


def live_source_name(vendor: str) -> str:
    """The sync source that refreshes ``vendor``'s board (unique per vendor)."""
    return f"{RESOURCE}:{vendor}"


def board_settings(runtime: Runtime) -> BoardSettings:
    return read_board_settings(runtime.context.config, demo=runtime.demo)


def apply_settings(
    service: LiveOrdersService, settings: BoardSettings, store_ids: list[str]
) -> None:
    """Thresholds, alert hush and store names as the settings say now (read every refresh)."""
    service.set_groups(settings.status_groups())
    service.alerter.muted = settings.muted
    service.alerter.quiet_hours = settings.quiet_hours
    names = {s.store_id: s.store_name for s in service.stores}
    service.stores = [StoreRef(i, settings.store_name(i, names.get(i))) for i in store_ids]


def add_live_board(
    runtime: Runtime, vendor: str, service: LiveOrdersService, store_ids: list[str]
) -> SyncSource:
    """Put ``service`` on the board and on the scheduler; ``store_ids`` always get a row."""
    settings = board_settings(runtime)
    apply_settings(service, settings, store_ids)
    runtime.live_boards[vendor] = service

    async def run() -> int:
        # Without configured ids, the stores seen last time keep their place and names.
        known = store_ids or [row.store_id for row in service.snapshot.rows]
        current = board_settings(runtime)
        apply_settings(service, current, known)
        # A saved interval reaches the scheduler here at the latest: the wait after this run
        # is the new one, even when nobody told the runtime about the save.
        runtime.scheduler.set_interval(live_source_name(vendor), current.refresh_seconds)
        snapshot = await service.refresh()
        if snapshot.stale and snapshot.error is not None:
            raise snapshot.error  # the health bar and the scheduler see the outage
        await save_board(runtime, vendor, snapshot)
        return len(snapshot.rows)

    interval = timedelta(seconds=settings.refresh_seconds)
    source = SyncSource(live_source_name(vendor), vendor, interval, run)
    runtime.add_source(source)
    return source


def apply_refresh_interval(runtime: Runtime) -> None:
    """Every board refreshes on the saved interval from now on (Settings calls this on Save)."""
    seconds = board_settings(runtime).refresh_seconds
    names = {source.name for source in runtime.scheduler.sources}
    for vendor in runtime.live_boards:
        if live_source_name(vendor) in names:
            runtime.scheduler.set_interval(live_source_name(vendor), seconds)


async def save_board(runtime: Runtime, vendor: str, snapshot: BoardSnapshot) -> None:
    if snapshot.as_of is None:
        return
    as_of = snapshot.as_of.isoformat()
    records = {
        row.store_id: {**_row_record(row), "position": i, "as_of": as_of}
        for i, row in enumerate(snapshot.rows)
    }
    await runtime.cache.replace(vendor, RESOURCE, records)


async def restore_board(runtime: Runtime, vendor: str) -> BoardSnapshot:
    """Seed the service with the last board saved, unless it already has a live one.

    The restored board is marked stale until the first refresh lands: its numbers are old.
    """
    service = runtime.live_boards[vendor]
    if service.snapshot.loaded:
        return service.snapshot
    cached = await runtime.cache.read(vendor, RESOURCE)
    if not cached.records:
        return service.snapshot
    records = sorted(cached.records.values(), key=lambda r: int(r.get("position", 0)))
    try:
        rows = tuple(_row_from(r) for r in records)
        as_of = datetime.fromisoformat(str(records[0]["as_of"]))
    except (KeyError, TypeError, ValueError):
        log.warning("the saved %s board could not be read; waiting for a refresh", vendor)
        return service.snapshot
    columns = tuple(board_columns(service.groups))
    service.snapshot = replace(
        service.snapshot, rows=rows, columns=columns, as_of=as_of, stale=True
    )
    return service.snapshot


def _row_record(row: BoardRow) -> dict[str, Any]:
    return {
        "store_id": row.store_id,
        "store_name": row.store_name,
        "group_counts": row.group_counts,
        "late_counts": row.late_counts,
        "order_ids": {k: list(v) for k, v in row.order_ids.items()},
        "late_order_ids": {k: list(v) for k, v in row.late_order_ids.items()},
    }


def _row_from(record: dict[str, Any]) -> BoardRow:
    return BoardRow(
        store_id=str(record["store_id"]),
        store_name=str(record["store_name"]),
        group_counts={str(k): int(v) for k, v in record["group_counts"].items()},
        late_counts={str(k): int(v) for k, v in record["late_counts"].items()},
        order_ids={str(k): tuple(map(str, v)) for k, v in record["order_ids"].items()},
        late_order_ids={str(k): tuple(map(str, v)) for k, v in record["late_order_ids"].items()},
    )
