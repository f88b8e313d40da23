"""Run one simulator as its own process, for tests that SIGKILL the client.

    python -m app.vendors.simulators.serve --vendor MODULE:CLASS [--port 0] [--seed 0]
                                           [--state FILE]

Prints ``listening on http://127.0.0.1:PORT`` (then ``base_url ...``) and serves until SIGTERM or
SIGINT. ``GET /__sim__/requests`` and ``GET /__sim__/snapshot`` say what it recorded;
``--state FILE`` also writes that (JSON) after every request, atomically.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType

from app.vendors.simulators.admin import report
from app.vendors.simulators.harness import Simulator
from app.vendors.simulators.loopback import LoopbackServer
from app.vendors.simulators.request import json_bytes


def load_simulator_class(spec: str) -> type[Simulator]:
    """``package.module:ClassName`` -> the Simulator subclass it names."""
    module_name, sep, class_name = spec.partition(":")
    if not sep or not module_name or not class_name:
        raise SystemExit(f"--vendor must look like MODULE:CLASS, not {spec!r}")
    cls = getattr(importlib.import_module(module_name), class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Simulator)):
        raise SystemExit(f"{spec} is not a Simulator subclass")
    return cls


def state_writer(sim: Simulator, path: Path) -> Callable[[], None]:
    """A callback writing ``report(sim)`` to ``path`` atomically (readers never see half)."""
    lock = threading.Lock()

    def write() -> None:
        data = json_bytes(report(sim))
        with lock:
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(data)
            os.replace(temporary, path)

    return write


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app.vendors.simulators.serve")
    parser.add_argument("--vendor", required=True, help="MODULE:CLASS of the simulator")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--state", type=Path, default=None, help="JSON file kept up to date")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sim = load_simulator_class(args.vendor)(seed=args.seed)
    writer = state_writer(sim, args.state) if args.state else None
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server = LoopbackServer(sim, port=args.port, after_request=writer)
    base_url = server.start()
    try:
        if writer is not None:
            writer()
        sys.stdout.write(f"listening on {server.root_url}\nbase_url {base_url}\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
