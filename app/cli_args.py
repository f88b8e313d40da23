"""The command line of CONTRACT.md: global options, the GUI switches and the headless commands."""

from __future__ import annotations

import argparse

from app import APP_NAME, version
from app.vendors import VENDOR_NAMES

REPORTS = (
    "live-orders",
    "orders",
    "sales-by-product",
    "transactions",
    "customers",
    "inventory",
    "bouquets",
)


def _globals(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--demo and --config work before or after a command (``main.py sync --demo``)."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="run on the embedded simulated vendors, whatever is configured",
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=default,
        help="configuration file (default: config.toml in the user config folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counterpart", description=f"{APP_NAME}: the point-of-sale companion."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {version()}")
    _globals(parser, suppress=False)
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help="open the GUI, wait for every view's first load, save DIR/<view>.png, exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sync = commands.add_parser("sync", help="pull vendor data into the local cache")
    _globals(sync, suppress=True)
    sync.add_argument(
        "--vendor",
        action="append",
        choices=VENDOR_NAMES,
        metavar="NAME",
        help=f"only this vendor (repeatable): {', '.join(VENDOR_NAMES)}",
    )

    export = commands.add_parser("export", help="write a report as CSV")
    _globals(export, suppress=True)
    export.add_argument(
        "report", choices=REPORTS, metavar="REPORT", help=f"one of: {', '.join(REPORTS)}"
    )
    export.add_argument("--out", required=True, metavar="FILE.csv")
    export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    export.add_argument("--store", metavar="ID")

    outbox = commands.add_parser("outbox", help="queued, failed and uncertain writes")
    _globals(outbox, suppress=True)
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    _globals(outbox_commands.add_parser("list", help="show pending writes"), suppress=True)
    retry = outbox_commands.add_parser("retry", help="resend (after reconciling uncertain ones)")
    _globals(retry, suppress=True)
    retry.add_argument("id", nargs="?", type=int, help="one write's id (default: all)")

    dropship = commands.add_parser("dropship", help="place and track dropship orders")
    _globals(dropship, suppress=True)
    dropship_commands = dropship.add_subparsers(
        dest="dropship_command", metavar="ACTION", required=True
    )
    place = dropship_commands.add_parser("place", help="validate, record and send an order file")
    _globals(place, suppress=True)
    place.add_argument("order_file", metavar="ORDER.json")
    status = dropship_commands.add_parser("status", help="the order's state at the vendor")
    _globals(status, suppress=True)
    status.add_argument("reference", metavar="REFERENCE")
    return parser
