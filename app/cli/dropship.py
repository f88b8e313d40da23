"""``dropship place ORDER.json`` and ``dropship status REFERENCE`` (CONTRACT.md).

A price under the minimum advertised price does not stop a script: the CONTRACT makes it a
warning (not bad input), and nobody is there to confirm, so the command prints the warning on
stderr and places the order. Every other problem is refused with exit 2 before anything is sent.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli import InputError, fail
from app.domain.dropship import DropshipOrder
from app.domain.dropship_validation import OrderInvalid, parse_order
from app.services.context import AppContext
from app.services.dropship import DropshipService, UnknownReference
from app.services.dropship_text import describe_place, describe_status
from app.services.instance import ALREADY_RUNNING, InstanceLock
from app.services.outbox import OutboxStateError
from app.services.runtime import Runtime, open_runtime
from app.vendors import display_name


async def run(args: argparse.Namespace, context: AppContext) -> int:
    if args.dropship_command == "status":
        return await status(context, args.reference)
    order = read_order(Path(args.order_file))
    if order.vendor not in context.vendors_in_use:
        raise InputError(
            f"vendor: {order.vendor} is not configured in {context.config.file}; "
            "add its [vendors] section or connect it in Settings"
        )
    lock = InstanceLock(context.paths.data_dir)
    if not lock.acquire():
        fail(ALREADY_RUNNING)
        return 1
    try:
        runtime = await open_runtime(context)
        try:
            return await place(service_of(runtime, order.vendor), order)
        finally:
            await runtime.aclose()
    finally:
        lock.release()


def read_order(path: Path) -> DropshipOrder:
    """The order file, parsed and checked; every problem names the line and field."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"ORDER.json: {path} does not exist") from None
    except OSError as exc:
        raise InputError(f"ORDER.json: {path} cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"ORDER.json: {path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
    try:
        return parse_order(data)
    except OrderInvalid as exc:
        raise InputError(problems(path, exc.errors)) from None


def problems(path: Path, errors: tuple[str, ...]) -> str:
    return f"{path} was not placed:\n  " + "\n  ".join(errors)


def service_of(runtime: Runtime, vendor: str) -> DropshipService:
    if runtime.dropship is None or vendor not in runtime.dropship.sources:
        raise InputError(f"vendor: {display_name(vendor)} cannot take dropship orders here")
    return runtime.dropship


async def place(service: DropshipService, order: DropshipOrder) -> int:
    try:
        result = await service.place(order)
        if result.state == "needs_confirmation":
            for warning in result.warnings:
                fail(f"warning: {warning}; placing it anyway")
            result = await service.place(order, confirmed=True)
    except OrderInvalid as exc:
        raise InputError(
            f"{order.reference} was not placed:\n  " + "\n  ".join(exc.errors)
        ) from None
    except OutboxStateError as exc:
        raise InputError(f"reference: {exc}") from None
    if result.placed:
        print(result.vendor_order_id)
        return 0
    vendor = display_name(order.vendor)
    fail(f"{vendor}: {describe_place(result)}")
    if result.state != "failed":
        fail(
            f"The order stays in the outbox under {order.reference}. Run this command again "
            "(or 'outbox retry') when the network is back; it will not be placed twice."
        )
    return 1


async def status(context: AppContext, reference: str) -> int:
    # Only reads: it may run while the window is open (the window owns sending).
    runtime = await open_runtime(context, sender=False)
    try:
        if runtime.dropship is None:
            raise InputError("REFERENCE: no dropship vendor is set up here")
        try:
            found = await runtime.dropship.status(reference)
        except UnknownReference as exc:
            raise InputError(f"REFERENCE {reference}: {exc}") from None
    finally:
        await runtime.aclose()
    print(describe_status(found))
    return 0
