"""``sync [--vendor NAME ...]``: pull what the views show into the local cache."""

from __future__ import annotations

import argparse

from app.services.context import AppContext
from app.services.runtime import open_runtime
from app.vendors import display_name


async def run(args: argparse.Namespace, context: AppContext) -> int:
    chosen = args.vendor or context.vendors_in_use
    missing = [v for v in chosen if v not in context.vendors_in_use]
    if missing:
        from app.cli import InputError

        raise InputError(
            f"--vendor {missing[0]}: not configured in {context.config.file}; "
            "add its [vendors] section or connect it in Settings"
        )
    # Syncing touches only the cache: it never sends writes, so it may run beside the window.
    runtime = await open_runtime(context, sender=False)
    try:
        results = await runtime.scheduler.run_all_once(chosen)
    finally:
        await runtime.aclose()
    if not results:
        print("nothing to sync: no vendor has data to pull yet")
        return 0
    for result in results:
        outcome = "ok" if result.ok else f"error: {result.error}"
        print(
            f"{display_name(result.vendor):<20} {result.source:<20} "
            f"{result.records:>7} records {result.seconds:>7.1f} s  {outcome}"
        )
    return 0 if all(r.ok for r in results) else 1
