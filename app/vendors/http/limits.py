"""Per-vendor politeness: requests per second (a token bucket) and requests in flight."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.vendors.http.clock import Clock


@dataclass(frozen=True, slots=True)
class RateLimit:
    """Declared once per vendor when its client is built.

    ``per_second`` None means no spacing; ``burst`` is how many requests may go at once after a
    quiet spell before spacing starts.
    """

    per_second: float | None = None
    max_concurrency: int = 4
    burst: int = 1

    def __post_init__(self) -> None:
        if self.per_second is not None and self.per_second <= 0:
            raise ValueError("per_second must be positive")
        if self.max_concurrency < 1 or self.burst < 1:
            raise ValueError("max_concurrency and burst must be at least 1")


class RateLimiter:
    """Token bucket that reserves a slot without holding a lock across the wait.

    Each caller takes a token at once, possibly driving the balance negative; the debt tells it
    how long to wait, so callers are spaced in arrival order without a queue.
    """

    def __init__(self, limit: RateLimit, clock: Clock) -> None:
        self._rate = limit.per_second
        self._burst = float(limit.burst)
        self._clock = clock
        self._tokens = self._burst
        self._last = clock.monotonic()
        self._paused_until = 0.0
        self.semaphore = asyncio.Semaphore(limit.max_concurrency)

    def pause(self, seconds: float) -> None:
        """Hold every request for ``seconds`` (the vendor said Retry-After)."""
        self._paused_until = max(self._paused_until, self._clock.monotonic() + seconds)

    def _reserve(self) -> float:
        now = self._clock.monotonic()
        wait = max(0.0, self._paused_until - now)
        if self._rate is not None:
            self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
            self._last = now
            self._tokens -= 1.0
            wait = max(wait, -self._tokens / self._rate)
        return wait

    async def acquire(self) -> None:
        """Wait for this request's slot."""
        wait = self._reserve()
        if wait > 0:
            await self._clock.sleep(wait)
