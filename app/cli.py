"""Headless commands (sync, export, outbox, dropship) on the same services as the GUI."""

from __future__ import annotations

import argparse
import sys

from app.services.context import AppContext


def run_command(args: argparse.Namespace, context: AppContext) -> int:
    print(
        f"counterpart: the '{args.command}' command is not available in this build yet.",
        file=sys.stderr,
    )
    return 2
