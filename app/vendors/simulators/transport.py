"""In-process httpx transport: an ``httpx.AsyncClient`` talks to a simulator without sockets."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from app.vendors.simulators.harness import Action, Outcome, Simulator

# Hop-by-hop headers are recomputed for the body actually sent.
_SKIP_HEADERS = {"content-length", "transfer-encoding", "connection"}


def _read_timeout(request: httpx.Request) -> float | None:
    timeout: dict[str, float | None] = request.extensions.get("timeout", {})
    return timeout.get("read")


def copy_response(response: httpx.Response) -> httpx.Response:
    """A fresh response carrying only status, headers and body, ready for a new request."""
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _SKIP_HEADERS]
    return httpx.Response(response.status_code, headers=headers, content=response.content)


class SimTransport(httpx.AsyncBaseTransport):
    """Serves requests from ``sim``; faults become the exceptions a real network would raise."""

    def __init__(
        self, sim: Simulator, *, sleep: Callable[[float], Awaitable[Any]] | None = None
    ) -> None:
        self.sim = sim
        self._sleep = sleep or asyncio.sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        target = request.url.raw_path.decode("ascii")
        outcome = self.sim.handle(request.method, target, request.headers, body)
        await self._wait(outcome, request)
        if outcome.action is Action.TIMEOUT:
            # The real server hangs past the read timeout; in-process we skip the waiting.
            raise httpx.ReadTimeout("simulated: no answer before the read timeout", request=request)
        if outcome.action is Action.DROP:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        assert outcome.response is not None
        return copy_response(outcome.response)

    async def _wait(self, outcome: Outcome, request: httpx.Request) -> None:
        """Apply latency; latency beyond the client's read timeout is a read timeout."""
        if outcome.delay <= 0:
            return
        limit = _read_timeout(request)
        if limit is not None and outcome.delay > limit:
            await self._sleep(limit)
            raise httpx.ReadTimeout(
                "simulated: answer slower than the read timeout", request=request
            )
        await self._sleep(outcome.delay)
