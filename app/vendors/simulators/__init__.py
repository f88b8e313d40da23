"""Stateful in-process fakes of the vendors, for demo mode and tests.

``harness`` holds the base class and routing, ``faults`` the fault plan, ``transport`` the
in-process httpx transport, ``loopback`` a real 127.0.0.1 server, ``serve`` a separate process.
"""

from app.vendors.simulators.faults import FaultDecision, FaultKind, FaultPlan, FaultRule
from app.vendors.simulators.harness import Action, Outcome, Simulator, to_response
from app.vendors.simulators.loopback import LoopbackServer
from app.vendors.simulators.request import SimError, SimRequest, json_response
from app.vendors.simulators.routing import route
from app.vendors.simulators.transport import SimTransport

__all__ = [
    "Action",
    "FaultDecision",
    "FaultKind",
    "FaultPlan",
    "FaultRule",
    "LoopbackServer",
    "Outcome",
    "SimError",
    "SimRequest",
    "SimTransport",
    "Simulator",
    "json_response",
    "route",
    "to_response",
]
