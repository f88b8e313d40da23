"""Headless commands (sync, export, outbox, dropship) on the same services as the window.

Exit codes (CONTRACT.md): 0 done; 1 a vendor or the network failed; 2 bad input or configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from app.services.context import AppContext
from app.vendors.errors import VendorError

log = logging.getLogger("counterpart.cli")

Command = Callable[[argparse.Namespace, AppContext], Coroutine[Any, Any, int]]

COMMAND_MODULES = {
    "sync": "app.cli.sync",
    "export": "app.cli.export",
    "outbox": "app.cli.outbox",
    "dropship": "app.cli.dropship",
}


class InputError(Exception):
    """Bad input from the person at the keyboard; the message names the field (exit 2)."""


def fail(message: str) -> None:
    print(f"counterpart: {message}", file=sys.stderr)


def run_command(args: argparse.Namespace, context: AppContext) -> int:
    try:
        module = importlib.import_module(COMMAND_MODULES[args.command])
    except ModuleNotFoundError:
        fail(f"the '{args.command}' command is not available in this version.")
        return 2
    command: Command = module.run
    try:
        return asyncio.run(command(args, context))
    except InputError as exc:
        fail(str(exc))
        return 2
    except VendorError as exc:
        fail(exc.message)
        return 1
    except KeyboardInterrupt:
        fail("stopped. Queued writes stay queued and are sent next time.")
        return 1
    except Exception:
        log.exception("the %s command failed", args.command)
        fail(
            f"the '{args.command}' command failed unexpectedly; nothing queued was lost. "
            "The details are in the log file."
        )
        return 1
