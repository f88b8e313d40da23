"""``export live-orders``: the board as a table, one row per vendor and store.

Columns come from the boards' status groups (a count per group, and a late count for groups that
can be late), so another vendor's groups join without code here. A vendor that does not answer
contributes its last saved board and is named in the notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.domain.orders_board import BoardRow, StatusGroup
from app.services.exports import ReportRequest, ReportTable
from app.services.live_boards import board_settings, restore_board, save_board
from app.services.live_orders import BoardSnapshot
from app.vendors import display_name

if TYPE_CHECKING:
    from app.services.runtime import Runtime

LEAD = ("vendor", "store_id", "store")


def group_headers(groups: Sequence[StatusGroup]) -> list[tuple[str, str, bool]]:
    """(header, group key, late?) for every group, once each: vendor by vendor (as given), each
    vendor's in its board order, so one source's columns stand together in the spreadsheet."""
    headers: list[tuple[str, str, bool]] = []
    for group in groups:
        headers.append((group.key, group.key, False))
        if group.late_after is not None:
            headers.append((f"{group.key}_late", group.key, True))
    return headers


async def _fresh(runtime: Runtime, vendor: str) -> tuple[BoardSnapshot, str | None]:
    """The vendor's board now, or its saved one with a note saying why."""
    service = runtime.live_boards[vendor]
    snapshot = await service.refresh()
    if not snapshot.stale:
        await save_board(runtime, vendor, snapshot)
        return snapshot, None
    saved = await restore_board(runtime, vendor)
    reason = snapshot.error.message if snapshot.error else "it did not answer"
    when = f"the board saved at {saved.as_of.isoformat()}" if saved.as_of else "no saved board"
    return saved, f"{display_name(vendor)} could not be reached ({reason}); exported {when}."


def _cells(row: BoardRow, headers: list[tuple[str, str, bool]]) -> list[str]:
    return [
        str(row.late_counts.get(key, 0) if late else row.group_counts.get(key, 0))
        for _, key, late in headers
    ]


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    settings = board_settings(runtime)
    groups: dict[str, StatusGroup] = {}
    for service in runtime.live_boards.values():
        ordered = sorted(service.groups, key=lambda g: g.order)
        groups.update((g.key, g) for g in ordered if g.key not in groups)
    headers = group_headers(list(groups.values()))
    rows: list[list[str]] = []
    notes: list[str] = []
    for vendor in runtime.live_boards:
        snapshot, note = await _fresh(runtime, vendor)
        if note:
            notes.append(note)
        as_of = snapshot.as_of.replace(microsecond=0).isoformat() if snapshot.as_of else ""
        for row in snapshot.rows:
            if request.store and row.store_id != request.store:
                continue
            name = settings.store_name(row.store_id, row.store_name)
            rows.append([vendor, row.store_id, name, *_cells(row, headers), as_of])
    return ReportTable([*LEAD, *(h for h, _, _ in headers), "as_of"], rows, notes)
