"""How each vendor joins the runtime: its client, outbox handlers, sync sources and services.

Each vendor's plug lives in ``app/services/plugs/<module>.py`` as ``async def plug(runtime,
config)``; ``config`` is ``None`` in demo mode (connect to the vendor's simulator).
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, cast

from app.services.config import VendorConfig

if TYPE_CHECKING:
    from app.services.runtime import Runtime

Plug = Callable[["Runtime", VendorConfig | None], Awaitable[None]]

PLUG_MODULES = {
    "vroom": "app.services.plugs.vroom",
    "posiflora": "app.services.plugs.posiflora",
    "yodify": "app.services.plugs.yodify",
    "endless-aisles": "app.services.plugs.endless_aisles",
    "fabric": "app.services.plugs.fabric",
}


def plug_for(vendor: str) -> Plug | None:
    """The vendor's plug, or None while it has none."""
    name = PLUG_MODULES.get(vendor)
    if name is None:
        return None
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
    return cast(Plug, module.plug)
