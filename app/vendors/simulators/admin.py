"""Built-in ``/__sim__/`` routes: what a simulator recorded, and faults set from outside.

A simulator running as its own process (``serve``) outlives a killed client; tests ask it here
what arrived and what state it holds. These routes skip auth, faults and the request log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from app.vendors.simulators.faults import FaultRule
from app.vendors.simulators.request import SimError, SimRequest, json_response

if TYPE_CHECKING:
    from app.vendors.simulators.harness import Simulator


def request_log(sim: Simulator) -> list[dict[str, str]]:
    """Every request the simulator served (admin routes aside), oldest first."""
    with sim.lock:
        return [{"method": r.method, "path": r.path, "query": r.query_string} for r in sim.received]


def report(sim: Simulator) -> dict[str, Any]:
    """The request log and the state summary, taken together under the state lock."""
    with sim.lock:
        return {"vendor": sim.vendor, "requests": request_log(sim), "state": sim.snapshot()}


def _requests(sim: Simulator) -> httpx.Response:
    items = request_log(sim)
    return json_response({"count": len(items), "requests": items})


def _snapshot(sim: Simulator) -> httpx.Response:
    with sim.lock:
        state = sim.snapshot()
        count = len(sim.requests)
    return json_response({"vendor": sim.vendor, "requests": count, "state": state})


def _faults(sim: Simulator, method: str, req: SimRequest) -> httpx.Response:
    if method == "POST":
        try:
            rule = sim.faults.add(FaultRule.from_dict(req.json()))
        except (KeyError, TypeError, ValueError) as exc:
            raise SimError(400, {"error": f"bad fault rule: {exc}"}) from exc
        return json_response(rule.to_dict(), 201)
    if method == "DELETE":
        sim.faults.clear()
        return httpx.Response(204)
    return json_response([rule.to_dict() for rule in sim.faults.rules])


def admin_response(sim: Simulator, method: str, name: str, req: SimRequest) -> httpx.Response:
    """Answer ``/__sim__/<name>``."""
    try:
        if name == "requests" and method == "GET":
            return _requests(sim)
        if name == "snapshot" and method == "GET":
            return _snapshot(sim)
        if name == "faults" and method in ("GET", "POST", "DELETE"):
            return _faults(sim, method, req)
    except SimError as exc:
        return exc.response()
    return json_response({"error": "unknown simulator admin route", "path": name}, 404)
