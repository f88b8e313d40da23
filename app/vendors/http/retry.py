"""When to try again, and how long to wait first."""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from app.vendors.errors import VendorRateLimited, VendorUnavailable, VendorUncertain
from app.vendors.http.call import Call
from app.vendors.http.errors_map import uncertain


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Capped exponential back-off with jitter.

    ``attempts`` counts the first try. The n-th wait is ``base_backoff * 2**(n-1)`` capped at
    ``max_backoff``; with ``jitter`` j the wait is drawn from ``[(1-j)*d, d]`` so that clients
    woken by the same outage do not all come back in the same instant.
    """

    attempts: int = 4
    base_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.5
    rand: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter is a fraction between 0 and 1")

    def backoff(self, failed_attempts: int) -> float:
        """Seconds to wait after the ``failed_attempts``-th failure."""
        delay = min(self.max_backoff, self.base_backoff * 2.0 ** (failed_attempts - 1))
        return float(delay * (1.0 - self.jitter * self.rand()))

    def honour(self, retry_after: float) -> float:
        """The vendor's Retry-After, but never longer than we are willing to wait."""
        return max(0.0, min(retry_after, self.max_retry_after))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: either delta-seconds or an HTTP-date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _transient(error: BaseException) -> bool:
    return isinstance(error, VendorUnavailable | VendorRateLimited)


async def run_with_retries(
    call: Call,
    attempt: Callable[[Call], Awaitable[httpx.Response]],
    *,
    policy: RetryPolicy,
    sleep: Callable[[float], Awaitable[None]],
    vendor: str,
    log: logging.Logger,
) -> httpx.Response:
    """Run ``attempt`` until it succeeds, fails for good, or the policy's attempts run out."""

    def wait(state: RetryCallState) -> float:
        if call.retry_after is not None:
            delay, call.retry_after = policy.honour(call.retry_after), None
            return delay
        return policy.backoff(state.attempt_number)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.attempts if call.retryable else 1),
        wait=wait,
        retry=retry_if_exception(_transient),
        sleep=sleep,
        before_sleep=partial(_log_retry, log),
        reraise=True,
    )
    try:
        return await retrying(attempt, call)
    except VendorUnavailable as error:
        # An earlier attempt of this write may have landed even if the last one did not.
        if call.maybe_sent and not isinstance(error, VendorUncertain):
            raise uncertain(vendor, error.status) from error
        raise


def _log_retry(log: logging.Logger, state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.info(
        "attempt %d failed (%s); retrying in %.1f s",
        state.attempt_number,
        type(error).__name__,
        wait,
    )
