"""A real HTTP/1.1 server on 127.0.0.1 serving a simulator from a background thread.

Faults happen on the wire here: latency sleeps, a timeout hangs and then closes, a drop closes the
socket without writing a byte. ``stop()`` wakes every hanging handler, closes kept-alive
connections and joins every thread it started.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

from app.vendors.simulators.harness import Action, Outcome, Simulator
from app.vendors.simulators.request import json_response

log = logging.getLogger("counterpart.simulators.loopback")

_SKIP_HEADERS = {"content-length", "transfer-encoding", "connection", "server", "date"}


class _Server(ThreadingHTTPServer):
    # Handler threads are joined on close (no leaked threads); stop() makes sure they finish.
    daemon_threads = False
    block_on_close = True

    def __init__(
        self, address: tuple[str, int], sim: Simulator, after: Callable[[], None] | None
    ) -> None:
        self.sim = sim
        self.after_request = after
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def track(self, conn: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(conn)
        if self.stopping.is_set():
            _shut(conn)

    def untrack(self, conn: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(conn)

    def close_connections(self) -> None:
        with self._connections_lock:
            open_now = list(self._connections)
        for conn in open_now:
            _shut(conn)


def _shut(conn: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the peer
        conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 30  # an idle kept-alive connection does not hold a thread forever

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle plus delayed ACKs
        # add ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s: " + format, self.server.sim.vendor, *args)

    def do_any(self) -> None:
        try:
            outcome = self.server.sim.handle(self.command, self.path, self._headers(), self._body())
        except Exception:
            log.exception("%s simulator: %s %s", self.server.sim.vendor, self.command, self.path)
            outcome = Outcome(Action.RESPOND, json_response({"error": "simulator failed"}, 500))
        # Before any drop closes the socket: whoever sees the connection end may read the
        # state file at once.
        if self.server.after_request is not None:
            self.server.after_request()
        self._deliver(outcome)

    # http.server dispatches on do_<METHOD> names; every method goes through the simulator.
    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_any  # noqa: N815
    do_HEAD = do_OPTIONS = do_any  # noqa: N815

    def _headers(self) -> httpx.Headers:
        return httpx.Headers(list(self.headers.items()))

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._chunked_body()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _chunked_body(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline()

    def _deliver(self, outcome: Outcome) -> None:
        stopping = self.server.stopping
        if outcome.delay > 0 and stopping.wait(outcome.delay):
            self.close_connection = True
            return
        if outcome.action is Action.TIMEOUT:
            stopping.wait(outcome.hang_seconds)
            self.close_connection = True
            return
        if outcome.action is Action.DROP:
            # The handler ran and its state change is kept; the client never hears back.
            self.close_connection = True
            return
        assert outcome.response is not None
        self._write(outcome.response)

    def _write(self, response: httpx.Response) -> None:
        body = response.content
        self.send_response(response.status_code)
        for key, value in response.headers.multi_items():
            if key.lower() not in _SKIP_HEADERS:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)


class LoopbackServer:
    """``with LoopbackServer(sim) as base_url:`` serves ``sim`` on 127.0.0.1 (port 0 = any)."""

    def __init__(
        self,
        sim: Simulator,
        port: int = 0,
        host: str = "127.0.0.1",
        *,
        after_request: Callable[[], None] | None = None,
    ) -> None:
        """``after_request`` runs in the handler thread once a request has been handled."""
        self.sim = sim
        self.after_request = after_request
        self.host = host
        self.requested_port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the loopback server is not running")
        return int(self._server.server_address[1])

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The base URL a vendor client is configured with, including ``sim.base_path``."""
        return self.root_url + self.sim.base_path.rstrip("/")

    def start(self) -> str:
        if self._server is not None:
            return self.url
        self._server = _Server((self.host, self.requested_port), self.sim, self.after_request)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sim-{self.sim.vendor}-{self.port}",
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()  # joins the handler threads
        thread.join()
        self._server = self._thread = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
