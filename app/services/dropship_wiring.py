"""Both dropship vendors share one DropshipService on the runtime, whichever plug runs first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from app.services.dropship import OPERATION, DropshipService, DropshipSource
from app.services.dropship_catalog import DropshipCatalog

if TYPE_CHECKING:
    from app.services.runtime import Runtime


def attach_dropship(runtime: Runtime, source: DropshipSource) -> DropshipService:
    """Add a vendor to ``runtime.dropship`` (created on first use) and register its placement."""
    service = runtime.dropship
    if service is None:
        service = DropshipService(runtime.outbox, {source.vendor: source})
        runtime.dropship = service
        return service
    service.sources[source.vendor] = source
    runtime.outbox.register(source.vendor, OPERATION, source.placement)
    return service


# The sync sources that keep each vendor's UPC index (see the plugs).
INDEX_SOURCES = {"endless-aisles": "endless-aisles-catalog", "fabric": "fabric-inventory"}


def catalog_for(runtime: Runtime, service: DropshipService) -> DropshipCatalog:
    """The combined search, able to build a UPC index on demand through the scheduler."""
    names = {source.name for source in runtime.scheduler.sources}
    refresh: dict[str, Callable[[], Awaitable[object]]] = {}
    for vendor, name in INDEX_SOURCES.items():
        if name in names:
            refresh[vendor] = _refresher(runtime, name)
    return DropshipCatalog(service, runtime.cache, refresh)


def _refresher(runtime: Runtime, name: str) -> Callable[[], Awaitable[object]]:
    async def refresh() -> object:
        return await runtime.scheduler.refresh_now(name)

    return refresh
