"""A real Runtime in demo mode with its Yodify simulator, for the wholesale tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from app.services.outbox import OutboxEntry
from app.services.runtime import Runtime, open_runtime
from app.services.wholesale import WholesaleService
from app.vendors.simulators.yodify import YodifySimulator
from tests.ui.helpers import make_context


@dataclass
class Demo:
    runtime: Runtime
    sim: YodifySimulator

    @property
    def wholesale(self) -> WholesaleService:
        assert self.runtime.wholesale is not None
        return self.runtime.wholesale

    async def send(self) -> list[OutboxEntry]:
        """What the background worker does: every due Yodify write, once."""
        attempts = await self.runtime.worker.drain(["yodify"])
        return [attempt.entry for attempt in attempts]

    def errors(self) -> list[str]:
        return [m.text for m in self.runtime.context.messages.history if m.level.value == "error"]


@asynccontextmanager
async def demo_runtime(home: Path) -> AsyncIterator[Demo]:
    runtime = await open_runtime(make_context(home, demo=True))
    try:
        link = runtime.links["yodify"]
        assert isinstance(link.simulator, YodifySimulator)
        yield Demo(runtime, link.simulator)
    finally:
        await runtime.aclose()
