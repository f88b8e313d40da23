"""Vendor health: is each vendor answering, since when, and what went wrong last.

Fed by the HTTP runtime's events and by sync results; read by the status bar and its tooltips.
A vendor is ``ok`` after a success, ``degraded`` after one or two failures in a row, ``down``
from the third (or at once when its credentials are refused), ``unknown`` until first contact.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Protocol

from app.services.db import Clock, utc_now
from app.services.sync import SyncResult
from app.vendors import VENDOR_NAMES, display_name
from app.vendors.errors import VendorAuthFailed

log = logging.getLogger("counterpart.health")
DOWN_AFTER = 3


class HealthState(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    DOWN = "down"
    UNKNOWN = "unknown"


class HttpEventLike(Protocol):
    """What the registry reads from app.vendors.http.HttpEvent (duck-typed)."""

    @property
    def vendor(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def error(self) -> object | None: ...
    @property
    def at(self) -> datetime: ...
    @property
    def token_expires_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class VendorHealth:
    vendor: str
    state: HealthState = HealthState.UNKNOWN
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0
    backoff_until: datetime | None = None
    token_expires_at: datetime | None = None


Listener = Callable[[VendorHealth], None]


class HealthRegistry:
    def __init__(
        self,
        vendors: Iterable[str] = VENDOR_NAMES,
        *,
        clock: Clock = utc_now,
        display_tz: tzinfo | None = None,
    ) -> None:
        self._health = {v: VendorHealth(v) for v in vendors}
        self._clock = clock
        self._tz = display_tz  # None: the PC's local time zone
        self._listeners: list[Listener] = []

    def get(self, vendor: str) -> VendorHealth:
        return self._health.get(vendor) or VendorHealth(vendor)

    def all(self) -> list[VendorHealth]:
        return list(self._health.values())

    def on_change(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def record_event(self, event: HttpEventLike) -> None:
        """An HTTP exchange finished (after its retries): the runtime's ``listener``."""
        if event.token_expires_at is not None:
            self._update(replace(self.get(event.vendor), token_expires_at=event.token_expires_at))
        if event.ok:
            self.record_success(event.vendor, event.at)
        else:
            fatal = isinstance(event.error, VendorAuthFailed)
            self.record_failure(event.vendor, _text(event.error), event.at, fatal=fatal)

    def record_sync(self, result: SyncResult) -> None:
        """A sync run finished: the scheduler's ``on_result`` listener."""
        if result.ok:
            self.record_success(result.vendor, result.finished_at)
        else:
            self.record_failure(result.vendor, result.error or "", result.finished_at)

    def record_success(self, vendor: str, at: datetime) -> None:
        current = self.get(vendor)
        self._update(
            replace(current, state=HealthState.OK, last_success=at, failures=0, backoff_until=None)
        )

    def record_failure(
        self, vendor: str, message: str, at: datetime, *, fatal: bool = False
    ) -> None:
        current = self.get(vendor)
        failures = current.failures + 1
        down = fatal or failures >= DOWN_AFTER
        state = HealthState.DOWN if down else HealthState.DEGRADED
        self._update(
            replace(current, state=state, last_error=message, last_error_at=at, failures=failures)
        )

    def set_backoff(self, vendor: str, until: datetime | None) -> None:
        """The outbox worker or scheduler will not try ``vendor`` again before ``until``."""
        self._update(replace(self.get(vendor), backoff_until=until))

    def describe(self, vendor: str) -> str:
        """One sentence for a tooltip: "Vroom: last update 12:04:10; OK"."""
        health = self.get(vendor)
        parts = [f"{display_name(vendor)}: {self._last_update(health)}"]
        troubled = health.state in (HealthState.DEGRADED, HealthState.DOWN)
        if health.state is HealthState.OK:
            parts.append("OK")
        elif troubled:
            down = health.state is HealthState.DOWN
            parts.append("not answering" if down else "having trouble")
        now = self._clock()
        if health.backoff_until is not None and health.backoff_until > now:
            parts.append(f"next try {self._time(health.backoff_until)}")
        if health.token_expires_at is not None and health.token_expires_at <= now:
            parts.append("sign-in expired")
        sentence = "; ".join(parts)
        return f"{sentence} — {health.last_error}" if troubled and health.last_error else sentence

    def _last_update(self, health: VendorHealth) -> str:
        if health.last_success is None:
            return "no contact yet" if health.last_error is None else "no successful update yet"
        return f"last update {self._time(health.last_success)}"

    def _time(self, moment: datetime) -> str:
        local = moment.astimezone(self._tz)
        today = self._clock().astimezone(self._tz).date()
        return local.strftime("%H:%M:%S" if local.date() == today else "%Y-%m-%d %H:%M")

    def _update(self, health: VendorHealth) -> None:
        if self._health.get(health.vendor) == health:
            return
        self._health[health.vendor] = health
        for listener in list(self._listeners):
            try:
                listener(health)
            except Exception:
                log.exception("health listener failed for %s", health.vendor)


def _text(error: object | None) -> str:
    # VendorError.__str__ is its cashier-ready sentence; anything else is a bug's text.
    return str(error) if error is not None else "the request failed"
