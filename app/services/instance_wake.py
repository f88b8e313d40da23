"""A second start asks the open Counterpart to come forward instead of silently exiting.

The open window listens on a loopback port chosen by the OS and writes the port and a random nonce
to ``counterpart.wake`` beside ``counterpart.lock``. A second start reads the file, connects, sends
``<nonce> show`` on one line and waits briefly for ``ok``. Anything else — a missing or malformed
file, nothing listening (a stale file after a crash), a wrong nonce, another local program's bytes —
is "no answer", never an error. The nonce only keeps unrelated local programs from poking the
window; it is not a secret worth more than that, but it still never goes to a log.

Plain asyncio streams on the caller's loop (the window's qasync loop): no threads, no QtNetwork.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("counterpart.wake")

WAKE_FILE = "counterpart.wake"
SHOW = "show"
ACK = b"ok\n"
HOST = "127.0.0.1"
ANSWER_SECONDS = 2.0  # how long a second start waits before telling the person something is off
_READ_SECONDS = 2.0  # a connection that says nothing is dropped after this
_LINE_LIMIT = 256  # a request is ~40 bytes; anything longer is someone else's traffic
_FILE_LIMIT = 4096

# Return True to acknowledge (the request was handled, or will be once the window exists).
WakeHandler = Callable[[str], bool]


def wake_file(data_dir: Path) -> Path:
    return data_dir / WAKE_FILE


class WakeAddress(NamedTuple):
    port: int
    nonce: str
    pid: int


def read_address(data_dir: Path) -> WakeAddress | None:
    """The running window's address from the wake file, or None if missing or not what we wrote."""
    try:
        with wake_file(data_dir).open("rb") as handle:
            data = json.loads(handle.read(_FILE_LIMIT))
        port, nonce, pid = data["port"], data["nonce"], data.get("pid", 0)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not _is_int(port) or not 0 < port < 65536 or not _is_int(pid) or pid < 0:
        return None
    if not isinstance(nonce, str) or not nonce.isalnum() or not 16 <= len(nonce) <= 128:
        return None
    return WakeAddress(port, nonce, pid)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class WakeServer:
    """Listens for wake requests while the window runs; ``aclose`` removes the file."""

    def __init__(self, data_dir: Path, handler: WakeHandler) -> None:
        self._file = wake_file(data_dir)
        self._handler = handler
        self._nonce = secrets.token_hex(16)
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def port(self) -> int | None:
        if self._server is None or not self._server.sockets:
            return None
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def start(self) -> None:
        """Listen, then publish the address; raises OSError if either fails."""
        self._server = await asyncio.start_server(self._serve, HOST, 0, limit=_LINE_LIMIT)
        try:
            self._publish()
        except OSError:
            await self.aclose()
            raise
        log.info("wake channel listening on %s:%s", HOST, self.port)

    def _publish(self) -> None:
        # Written aside and renamed, so a second start never reads half a file; 0600 because only
        # this user's Counterpart has any business reading the nonce.
        temporary = self._file.with_name(self._file.name + ".tmp")
        body = json.dumps({"port": self.port, "nonce": self._nonce, "pid": os.getpid()}).encode()
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(body)
        os.replace(temporary, self._file)

    async def aclose(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        with contextlib.suppress(OSError):
            if self._owns_file():  # never remove an address another start has since written
                self._file.unlink(missing_ok=True)
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    def _owns_file(self) -> bool:
        address = read_address(self._file.parent)
        return address is not None and hmac.compare_digest(address.nonce, self._nonce)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        try:
            line = await asyncio.wait_for(reader.readline(), _READ_SECONDS)
            if self._answer(line):
                writer.write(ACK)
                await writer.drain()
        except (OSError, TimeoutError, ValueError):
            pass  # a dropped, silent or oversized connection: not ours to care about
        finally:
            if task is not None:
                self._connections.discard(task)
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    def _answer(self, line: bytes) -> bool:
        try:
            nonce, request = line.decode("ascii").split()
        except (UnicodeDecodeError, ValueError):
            return False
        if not hmac.compare_digest(nonce.encode(), self._nonce.encode()):
            log.info("wake request with a wrong nonce ignored")
            return False
        try:
            return self._handler(request)
        except Exception:  # the window's trouble must not take the listener down with it
            log.exception("wake request %r failed", request)
            return False


async def request_wake(data_dir: Path, request: str = SHOW) -> bool:
    """True if the running Counterpart acknowledged ``request`` within ANSWER_SECONDS."""
    address = read_address(data_dir)
    if address is None:
        return False
    _allow_foreground(address.pid)
    try:
        line = f"{address.nonce} {request}\n"
        return await asyncio.wait_for(_exchange(address.port, line), ANSWER_SECONDS)
    except (OSError, TimeoutError, ValueError):
        return False  # nothing listening (stale file), hung, or not ours


async def _exchange(port: int, line: str) -> bool:
    reader, writer = await asyncio.open_connection(HOST, port, limit=_LINE_LIMIT)
    try:
        writer.write(line.encode("ascii"))
        await writer.drain()
        return await reader.readline() == ACK
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


def _allow_foreground(pid: int) -> None:
    """Windows lets only the process the person just started take the foreground; pass it on."""
    if sys.platform == "win32" and pid:
        import ctypes

        # Without this the running window only flashes its taskbar button instead of coming up.
        ctypes.windll.user32.AllowSetForegroundWindow(pid)


def wake_running_instance(data_dir: Path, request: str = SHOW) -> bool:
    """``request_wake`` for a process that has no event loop yet (a second start, before Qt)."""
    # A private loop rather than asyncio.run, which would reset whatever loop is current.
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(request_wake(data_dir, request))
    finally:
        loop.close()
