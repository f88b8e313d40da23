"""Both dropship plugs on one runtime: a shared service, the UPC index, inventory kept on disk."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from app.services.db import Database
from app.services.dropship_wiring import catalog_for
from app.services.plugs.endless_aisles import plug as plug_endless_aisles
from app.services.plugs.fabric import SOURCE_NAME as FABRIC_INVENTORY
from app.services.plugs.fabric import plug as plug_fabric
from app.services.runtime import Runtime
from app.vendors.fabric.dropship import FabricDropship
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.harness import Simulator
from tests.ui.helpers import make_context

T = TypeVar("T")


async def dropship_runtime(home: Path, *, fabric_first: bool = False) -> Runtime:
    context = make_context(home)
    runtime = Runtime(context, await Database.open(context.database))
    plugs = [plug_endless_aisles, plug_fabric]
    for plug in reversed(plugs) if fabric_first else plugs:
        await plug(runtime, None)
    return runtime


def run(home: Path, body: Callable[[Runtime], Awaitable[T]], **options: bool) -> T:
    async def main() -> T:
        runtime = await dropship_runtime(home, **options)
        try:
            return await body(runtime)
        finally:
            await runtime.aclose()

    return asyncio.run(main())


def simulator(runtime: Runtime, vendor: str) -> Simulator:
    found = runtime.links[vendor].simulator
    assert found is not None
    return found


def test_both_vendors_share_one_service_whichever_plug_runs_first(tmp_path: Path) -> None:
    async def body(runtime: Runtime) -> list[str]:
        assert runtime.dropship is not None
        return sorted(runtime.dropship.sources)

    assert run(tmp_path, body) == ["endless-aisles", "fabric"]
    assert run(tmp_path / "b", body, fabric_first=True) == ["endless-aisles", "fabric"]


def test_fabric_stock_is_found_by_upc_after_a_restart_without_asking_fabric(
    tmp_path: Path,
) -> None:
    async def first(runtime: Runtime) -> str:
        result = await runtime.scheduler.refresh_now(FABRIC_INVENTORY)
        assert result.ok and result.records > 0
        source = runtime.dropship.sources["fabric"] if runtime.dropship else None
        assert isinstance(source, FabricDropship)
        return next(iter(source.levels.values())).upc

    upc = run(tmp_path, first)

    async def after_restart(runtime: Runtime) -> None:
        source = runtime.dropship.sources["fabric"] if runtime.dropship else None
        assert isinstance(source, FabricDropship)
        level = source.by_upc(upc)
        assert level is not None and level.upc == upc
        assert source.synced_until is not None
        sim = simulator(runtime, "fabric")
        assert sim.requests == [], "restored from the cache, not fetched"
        await runtime.scheduler.refresh_now(FABRIC_INVENTORY)
        inventory = [r for r in sim.received if r.path.endswith("/inventory/")]
        assert "updated_at_gte" in inventory[0].query, "the next sync is incremental"

    run(tmp_path, after_restart)


def test_a_scanned_upc_builds_the_endless_aisles_index_on_first_use(tmp_path: Path) -> None:
    async def body(runtime: Runtime) -> None:
        assert runtime.dropship is not None
        catalog = catalog_for(runtime, runtime.dropship)
        found = await catalog.search("1877527745411")
        assert [(i.vendor, i.item_id, i.stock) for i in found.items] == [
            ("endless-aisles", "66543", 40)
        ]
        assert await runtime.cache.fetched_at("endless-aisles", "catalog") is not None

    run(tmp_path, body)


def test_a_vendor_that_fails_leaves_a_note_and_the_other_still_answers(tmp_path: Path) -> None:
    async def body(runtime: Runtime) -> None:
        assert runtime.dropship is not None
        ea = simulator(runtime, "endless-aisles")
        ea.faults.script(FaultKind.SERVER_ERROR, method="GET", path="/api/products", times=20)
        catalog = catalog_for(runtime, runtime.dropship)
        found = await catalog.featured()
        assert {i.vendor for i in found.items} == {"fabric"}
        assert len(found.notes) == 1
        assert found.notes[0].startswith("Endless Aisles could not be searched:")

    run(tmp_path, body)
