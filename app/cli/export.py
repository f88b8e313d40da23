"""``export REPORT --out FILE.csv [--from] [--to] [--store]``: a report as CSV."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path

from app.cli import InputError
from app.services.context import AppContext
from app.services.exports import ReportRequest, ReportUnavailable, builder_for, write_csv
from app.services.runtime import open_runtime


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value}: must be a date like 2026-11-21") from None


async def run(args: argparse.Namespace, context: AppContext) -> int:
    request = ReportRequest(
        parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to"), args.store
    )
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise InputError(f"--from {args.date_from}: is after --to {args.date_to}")
    try:
        build = builder_for(args.report)
    except ReportUnavailable as exc:
        raise InputError(str(exc)) from exc
    out = Path(args.out)
    if out.is_dir():  # noqa: ASYNC240 - one stat before any work starts
        raise InputError(f"--out {out}: is a folder; give a file name such as report.csv")
    runtime = await open_runtime(context, sender=False)
    try:
        table = await build(runtime, request)
    finally:
        await runtime.aclose()
    try:
        rows = await asyncio.get_running_loop().run_in_executor(None, write_csv, table, out)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot be written ({exc.strerror})") from exc
    print(f"wrote {rows} rows to {out}")
    for note in table.notes:  # a vendor did not answer: the file holds what the cache had
        print(f"counterpart: {note}", file=sys.stderr)
    return 1 if table.notes else 0
