"""A tiny vendor for the kill test: it appends every create it receives, duplicates included.

It deliberately does NOT deduplicate by key — if the outbox ever sent a write twice, the ledger
would show it twice. Run as its own process:
``python -m app.vendors.simulators.serve --vendor tests.services.ledger_sim:LedgerSimulator``.
"""

from __future__ import annotations

from typing import Any

from app.vendors.simulators.faults import FaultKind, FaultPlan
from app.vendors.simulators.harness import Simulator, route
from app.vendors.simulators.request import SimError, SimRequest


class LedgerSimulator(Simulator):
    vendor = "ledger"

    def __init__(self, seed: int = 0, clock: Any = None, faults: FaultPlan | None = None) -> None:
        super().__init__(seed, clock, faults or _faults(seed))
        self.creates: list[str] = []
        self.refs: dict[str, str] = {}
        self.lookups = 0
        self.found = 0

    @route("POST", "/ledger")
    def create(self, req: SimRequest) -> tuple[int, dict[str, str]]:
        key = str(req.json()["key"])
        self.creates.append(key)
        ref = f"L-{len(self.creates)}"
        self.refs.setdefault(key, ref)
        return 201, {"ref": ref}

    @route("GET", "/ledger/{key}")
    def lookup(self, req: SimRequest) -> dict[str, str]:
        self.lookups += 1
        ref = self.refs.get(req.params["key"])
        if ref is None:
            raise SimError(404, {"error": "no such entry"})
        self.found += 1
        return {"ref": ref}

    def snapshot(self) -> dict[str, Any]:
        return {"creates": list(self.creates), "lookups": self.lookups, "found": self.found}


def _faults(seed: int) -> FaultPlan:
    plan = FaultPlan(seed=seed)
    # The answer to a create comes 15 ms after it is stored: kills often land in that gap.
    plan.sometimes(FaultKind.LATENCY, 1.0, method="POST", path="/ledger", seconds=0.015)
    # Now and then the answer is lost after the create was stored, or the vendor is busy.
    plan.sometimes(FaultKind.DROP_AFTER_COMMIT, 0.04, method="POST", path="/ledger")
    plan.sometimes(FaultKind.SERVER_ERROR, 0.04, method="POST", path="/ledger", status=503)
    return plan
