"""How each vendor joins the runtime: its client, outbox handlers, sync sources and services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from app.services.config import VendorConfig
from app.services.plugs import posiflora

if TYPE_CHECKING:
    from app.services.runtime import Runtime

Plug = Callable[["Runtime", VendorConfig | None], Awaitable[None]]

PLUGS: dict[str, Plug] = {
    "posiflora": posiflora.plug,
}
