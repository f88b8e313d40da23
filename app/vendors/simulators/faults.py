"""Faults a simulator can inject: slow answers, 5xx, 429, hangs, bad JSON, lost answers.

Rules are scoped by method and path pattern and are either scripted ("the next N matching
requests") or probabilistic (rolled on a seeded ``random.Random``, so a run is repeatable).
"""

from __future__ import annotations

import enum
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from app.vendors.simulators.routing import path_matches


class FaultKind(enum.Enum):
    LATENCY = "latency"  # answer after ``seconds``
    SERVER_ERROR = "server_error"  # ``status`` (5xx) without running the handler
    RATE_LIMIT = "rate_limit"  # 429 with Retry-After: ``retry_after``, handler not run
    TIMEOUT = "timeout"  # no answer before the client's read timeout, handler not run
    MALFORMED_JSON = "malformed_json"  # handler runs; its body is cut short
    DROP_AFTER_COMMIT = "drop_after_commit"  # handler runs, state kept, connection closed


@dataclass
class FaultRule:
    """One fault, where it applies and how often. ``times=None`` means no limit."""

    kind: FaultKind
    method: str | None = None
    path: str | None = None
    probability: float = 1.0
    times: int | None = None
    status: int = 503
    retry_after: int = 1
    seconds: float = 0.0
    hits: int = 0

    @property
    def scripted(self) -> bool:
        return self.times is not None

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.times <= 0

    def covers(self, method: str, paths: Iterable[str]) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.path is None:
            return True
        return any(path_matches(self.path, path) for path in paths)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "hits"}
        fields["kind"] = FaultKind(str(fields["kind"]))
        return cls(**fields)


@dataclass(frozen=True)
class FaultDecision:
    """What to do with one request: wait ``delay`` seconds, then apply ``rule`` if any."""

    delay: float = 0.0
    rule: FaultRule | None = None

    @property
    def kind(self) -> FaultKind | None:
        return self.rule.kind if self.rule else None


NO_FAULT = FaultDecision()


class FaultPlan:
    """The faults a simulator applies; thread-safe, deterministic for a given ``seed``."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        error_rate: float = 0.0,
        error_status: int = 503,
        rate_limit_rate: float = 0.0,
        retry_after: int = 1,
        timeout_rate: float = 0.0,
        malformed_rate: float = 0.0,
        drop_rate: float = 0.0,
        max_per_second: int | None = None,
        hang_seconds: float = 30.0,
        seed: int = 0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rules: list[FaultRule] = []
        self.random = random.Random(seed)
        self.hang_seconds = hang_seconds
        self.max_per_second = max_per_second
        self.retry_after = retry_after
        self._monotonic = monotonic
        self._window: deque[float] = deque()
        self._lock = threading.Lock()
        if latency:
            self.sometimes(FaultKind.LATENCY, 1.0, seconds=latency)
        for kind, rate in (
            (FaultKind.SERVER_ERROR, error_rate),
            (FaultKind.RATE_LIMIT, rate_limit_rate),
            (FaultKind.TIMEOUT, timeout_rate),
            (FaultKind.MALFORMED_JSON, malformed_rate),
            (FaultKind.DROP_AFTER_COMMIT, drop_rate),
        ):
            if rate:
                self.sometimes(kind, rate, status=error_status, retry_after=retry_after)

    def script(
        self,
        kind: FaultKind,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int = 1,
        **options: Any,
    ) -> FaultRule:
        """Apply ``kind`` to the next ``times`` requests matching ``method`` and ``path``."""
        return self.add(FaultRule(kind, method, path, 1.0, times, **options))

    def sometimes(
        self,
        kind: FaultKind,
        probability: float,
        *,
        method: str | None = None,
        path: str | None = None,
        **options: Any,
    ) -> FaultRule:
        """Apply ``kind`` to each matching request with ``probability`` (seeded)."""
        return self.add(FaultRule(kind, method, path, probability, None, **options))

    def add(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self._window.clear()

    def decide(self, method: str, paths: Iterable[str]) -> FaultDecision:
        """Roll the rules for one request: scripted rules first, the rate window last."""
        paths = tuple(paths)
        with self._lock:
            delay = 0.0
            chosen: FaultRule | None = None
            ordered = [r for r in self.rules if r.scripted] + [
                r for r in self.rules if not r.scripted
            ]
            for rule in ordered:
                if rule.exhausted or not rule.covers(method, paths):
                    continue
                if rule.kind is not FaultKind.LATENCY and chosen is not None:
                    continue
                if rule.probability < 1.0 and self.random.random() >= rule.probability:
                    continue
                self._consume(rule)
                if rule.kind is FaultKind.LATENCY:
                    delay += rule.seconds
                else:
                    chosen = rule
            if chosen is None:
                chosen = self._over_rate_limit()
            return FaultDecision(delay, chosen)

    def _consume(self, rule: FaultRule) -> None:
        rule.hits += 1
        if rule.times is not None:
            rule.times -= 1

    def _over_rate_limit(self) -> FaultRule | None:
        """A 429 once more than ``max_per_second`` requests arrived in the last second."""
        if self.max_per_second is None:
            return None
        now = self._monotonic()
        while self._window and now - self._window[0] >= 1.0:
            self._window.popleft()
        if len(self._window) >= self.max_per_second:
            wait = max(1, math.ceil(1.0 - (now - self._window[0])))
            return FaultRule(FaultKind.RATE_LIMIT, retry_after=wait, hits=1)
        self._window.append(now)
        return None
