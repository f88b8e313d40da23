"""The base every vendor simulator builds on: routing, auth hook, one state lock, faults.

A subclass declares handlers with ``@route`` and keeps its state on ``self``; the harness records
each request, rolls the fault plan, checks auth and calls the handler under ``self.lock``. Both the
in-process transport and the loopback server go through ``Simulator.handle``.
"""

from __future__ import annotations

import enum
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

import httpx

from app.vendors.simulators.faults import FaultKind, FaultPlan, FaultRule
from app.vendors.simulators.request import (
    JSON_TYPE,
    SimError,
    SimRequest,
    json_response,
    split_target,
)
from app.vendors.simulators.routing import Route, collect_routes, find_route, path_matches, route

if TYPE_CHECKING:
    from app.vendors.simulators.transport import SimTransport

__all__ = [
    "Action",
    "FaultKind",
    "FaultPlan",
    "FaultRule",
    "Outcome",
    "SimError",
    "SimRequest",
    "Simulator",
    "json_response",
    "route",
]

log = logging.getLogger("counterpart.simulators")

ADMIN_PREFIX = "/__sim__/"
Clock = Callable[[], datetime]


class Action(enum.Enum):
    RESPOND = "respond"
    TIMEOUT = "timeout"  # never answer (handler did not run)
    DROP = "drop"  # close the connection without an answer (handler ran, state kept)


@dataclass(frozen=True)
class Outcome:
    """What a transport does with one request, after waiting ``delay`` seconds."""

    action: Action
    response: httpx.Response | None = None
    delay: float = 0.0
    hang_seconds: float = 30.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


def to_response(value: object) -> httpx.Response:
    """A handler's return value as a response: Response, dict/list, None, (status, body[, hdrs])."""
    if isinstance(value, httpx.Response):
        return value
    if value is None:
        return httpx.Response(204)
    if isinstance(value, dict | list):
        return json_response(value)
    if isinstance(value, tuple) and len(value) in (2, 3):
        status, body = value[0], value[1]
        headers = dict(value[2]) if len(value) == 3 else {}
        if isinstance(body, bytes | str):
            content = body.encode("utf-8") if isinstance(body, str) else body
            return httpx.Response(int(status), headers=headers, content=content)
        return json_response(body, status=int(status), headers=headers)
    raise TypeError(f"a simulator handler returned {type(value).__name__}")


def malformed(response: httpx.Response) -> httpx.Response:
    """The same answer with its JSON cut off halfway, as a flaky proxy would deliver it."""
    content = response.content
    broken = content[: len(content) // 2] if len(content) > 2 else b'{"data": ['
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    headers["content-type"] = JSON_TYPE
    return httpx.Response(response.status_code, headers=headers, content=broken)


class Simulator:
    """A stateful fake of one vendor's API. Subclasses add ``@route`` handlers and state."""

    vendor: ClassVar[str] = "simulator"
    base_path: ClassVar[str] = ""
    routes: ClassVar[list[Route]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.routes = collect_routes(cls)

    def __init__(
        self, seed: int = 0, clock: Clock | None = None, faults: FaultPlan | None = None
    ) -> None:
        self.seed = seed
        self.random = random.Random(seed)
        self.clock: Clock = clock or _utc_now
        self.faults = faults or FaultPlan(seed=seed)
        # One re-entrant lock around all state: the loopback server calls handlers from threads.
        self.lock = threading.RLock()
        self.requests: list[tuple[str, str]] = []
        self.received: list[SimRequest] = []

    # -- hooks for subclasses -------------------------------------------------------------------

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        """None lets the request through; a response (401/403) answers it instead."""
        return None

    def snapshot(self) -> dict[str, Any]:
        """A JSON-able summary of the state, for tests and ``GET /__sim__/snapshot``."""
        return {"vendor": self.vendor}

    # -- helpers for handlers and tests ---------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def count(self, method: str, path: str) -> int:
        """How many requests matched ``method`` and ``path`` (a template or a literal path)."""
        with self.lock:
            log_copy = list(self.requests)
        return sum(1 for m, p in log_copy if m == method.upper() and path_matches(path, p))

    def transport(self, *, sleep: Callable[[float], Any] | None = None) -> SimTransport:
        """An httpx transport serving this simulator in-process (``sleep`` for fake clocks)."""
        from app.vendors.simulators.transport import SimTransport

        return SimTransport(self, sleep=sleep)

    def relative_path(self, raw_path: str) -> str | None:
        """``raw_path`` after ``base_path``; None when it is not under it."""
        base = self.base_path.rstrip("/")
        if not base:
            return raw_path
        if raw_path == base or raw_path.startswith(base + "/"):
            return raw_path[len(base) :] or "/"
        return None

    # -- the pipeline ---------------------------------------------------------------------------

    def handle(self, method: str, target: str, headers: httpx.Headers, body: bytes) -> Outcome:
        """Serve one request: log it, roll faults, route, check auth, run the handler."""
        method = method.upper()
        raw_path, query = split_target(target)
        relative = self.relative_path(raw_path)
        path = raw_path if relative is None else relative
        req = SimRequest(method, path, query, headers, body, full_path=raw_path)
        admin = self._admin(req, raw_path)
        if admin is not None:
            return Outcome(Action.RESPOND, admin)
        with self.lock:
            self.requests.append((method, path))
            self.received.append(req)
        decision = self.faults.decide(method, {path, raw_path})
        hang = self.faults.hang_seconds
        kind = decision.kind
        if kind is FaultKind.TIMEOUT:
            return Outcome(Action.TIMEOUT, None, decision.delay, hang)
        if kind in (FaultKind.SERVER_ERROR, FaultKind.RATE_LIMIT):
            assert decision.rule is not None
            return Outcome(Action.RESPOND, self._fault_response(decision.rule), decision.delay)
        response = self.respond(req) if relative is not None else self._not_found(raw_path)
        if kind is FaultKind.DROP_AFTER_COMMIT:
            return Outcome(Action.DROP, None, decision.delay, hang)
        if kind is FaultKind.MALFORMED_JSON:
            response = malformed(response)
        return Outcome(Action.RESPOND, response, decision.delay, hang)

    def respond(self, req: SimRequest) -> httpx.Response:
        """Route, authenticate and run the handler under the state lock; no faults."""
        found = find_route(self.routes, req.method, req.path)
        if found.route is None:
            if found.allowed:
                body = {"error": "method not allowed", "allowed": list(found.allowed)}
                return json_response(body, 405, {"Allow": ", ".join(found.allowed)})
            return self._not_found(req.path)
        req.params = found.params
        req.route = found.route.spec.template
        handler = getattr(self, found.route.handler_name)
        with self.lock:
            try:
                if found.route.spec.auth:
                    denied = self.check_auth(req)
                    if denied is not None:
                        return denied
                return to_response(handler(req))
            except SimError as exc:
                return exc.response()
            except Exception as exc:
                log.exception("%s simulator: %s %s failed", self.vendor, req.method, req.route)
                body = {"error": "simulator handler failed", "detail": repr(exc)}
                return json_response(body, 500)

    def _not_found(self, path: str) -> httpx.Response:
        return json_response({"error": "not found", "path": path}, 404)

    def _fault_response(self, rule: FaultRule) -> httpx.Response:
        if rule.kind is FaultKind.RATE_LIMIT:
            body = {"error": "too many requests (simulated)"}
            return json_response(body, 429, {"Retry-After": str(rule.retry_after)})
        return json_response({"error": "server error (simulated)"}, rule.status)

    def _admin(self, req: SimRequest, raw_path: str) -> httpx.Response | None:
        path = raw_path if raw_path.startswith(ADMIN_PREFIX) else req.path
        if not path.startswith(ADMIN_PREFIX):
            return None
        from app.vendors.simulators.admin import admin_response

        return admin_response(self, req.method, path[len(ADMIN_PREFIX) :], req)
