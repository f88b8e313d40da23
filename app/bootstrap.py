"""Composition root: settings -> cache -> vendor clients -> services -> window or command line."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from app.cli_args import build_parser
from app.services.config import ConfigError, load_config
from app.services.context import AppContext
from app.services.logs import setup_logging
from app.services.paths import resolve_config_file, resolve_paths
from app.services.secrets import SecretStore

log = logging.getLogger("counterpart.bootstrap")


def build_context(demo: bool, config_path: str | None) -> AppContext:
    """Read paths and configuration; raises ConfigError with the user's one-line message."""
    paths = resolve_paths()
    paths.ensure()
    setup_logging(paths.log_dir)
    secrets = SecretStore()
    config_file = resolve_config_file(paths, config_path)
    # In demo mode the real vendors are not contacted, so a missing secret is no reason to stop.
    config = load_config(config_file, secrets, need_secrets=not demo)
    return AppContext(paths, config, secrets, demo=demo or not config.enabled_vendors)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        context = build_context(args.demo, args.config)
    except ConfigError as exc:
        print(f"counterpart: {exc}", file=sys.stderr)
        return 2
    log.info("starting (%s, demo=%s)", args.command or "gui", context.demo)
    if args.command:
        from app.cli import run_command

        return run_command(args, context)
    from app.ui.app import run_gui

    return run_gui(context, screenshot_dir=args.screenshot)
