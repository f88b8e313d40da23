"""Dropship operations on the simulators: validated, recorded first, placed exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.domain.dropship_validation import OrderInvalid, parse_order
from app.services.db import Database
from app.services.dropship import DropshipService, UnknownReference
from app.services.outbox import Outbox, OutboxState
from app.services.outbox_store import Change
from app.vendors.endless_aisles.dropship import EndlessAislesDropship
from app.vendors.errors import VendorRejected
from app.vendors.fabric.dropship import FabricDropship
from app.vendors.simulators.endless_aisles import EndlessAislesSimulator
from app.vendors.simulators.fabric import FabricSimulator
from app.vendors.simulators.faults import FaultKind
from tests.vendors.endless_aisles.fakes import FakeTime, ea_pair, fabric_pair, order_data

T = TypeVar("T")
PUT_ORDERS = ("PUT", "/api/orders")
POST_PO = ("POST", "/v1/retailers/{r}/orders/")


@dataclass
class World:
    db: Database
    service: DropshipService
    ea: EndlessAislesSimulator
    fabric: FabricSimulator
    time: FakeTime

    def restart(self) -> DropshipService:
        """A new Outbox and service on the same database, as after the program was killed."""
        outbox = Outbox(self.db, self.time)
        return DropshipService(outbox, self.service.sources)


def run(path: Path, body: Callable[[World], Awaitable[T]]) -> T:
    async def main() -> T:
        time = FakeTime()
        ea, ea_client, _ = ea_pair(time)
        fabric, fabric_client, _ = fabric_pair(time)
        fabric.variants[452].inventory = 30
        db = await Database.open(path / "counterpart.sqlite3")
        sources: dict[str, Any] = {
            "endless-aisles": EndlessAislesDropship(ea_client),
            "fabric": FabricDropship(fabric_client),
        }
        try:
            service = DropshipService(Outbox(db, time), sources)
            return await body(World(db, service, ea, fabric, time))
        finally:
            await ea_client.aclose()
            await fabric_client.aclose()
            db.close()

    return asyncio.run(main())


def ea_order(**line: Any) -> Any:
    data = order_data()
    data["lines"][0].update(line)
    return parse_order(data)


def fabric_order(world: World) -> Any:
    data = order_data(vendor="fabric", reference="PO-STORE12-9")
    upc = world.fabric.variants[452].upc
    data["lines"] = [{"item": "452", "upc": upc, "quantity": 1, "price": "99.00"}]
    return parse_order(data)


def vendor_orders(world: World, vendor: str) -> int:
    return len(world.ea.orders) if vendor == "endless-aisles" else len(world.fabric.orders)


def test_a_valid_order_is_recorded_then_placed_and_its_vendor_id_returned(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        result = await w.service.place(ea_order())
        assert (result.state, result.vendor_order_id) == ("sent", "10031")
        assert result.message == "Placed at Endless Aisles as order 10031."
        entry = await w.service.outbox.find("STORE12-000123")
        assert entry is not None and entry.state is OutboxState.SENT
        assert (
            entry.summary == "Dropship order STORE12-000123 for Ada Lovelace: 2 items from "
            "Endless Aisles"
        )
        assert len(w.ea.orders) == 1

    run(tmp_path, body)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"quantity": 41}, "lines[0].quantity: only 40 of Phundamental Puppy Phood in stock"),
        ({"item": "99999"}, "lines[0].item: unknown item 99999"),
        (
            {"upc": "1877527745422"},
            "lines[0].upc: 1877527745422 is not the UPC of item 66543 (1877527745411)",
        ),
    ],
)
def test_bad_lines_are_refused_before_anything_is_recorded_or_sent(
    tmp_path: Path, line: dict[str, Any], message: str
) -> None:
    async def body(w: World) -> None:
        with pytest.raises(OrderInvalid) as caught:
            await w.service.place(ea_order(**line))
        assert message in caught.value.errors
        assert await w.service.outbox.list() == []
        assert w.ea.count(*PUT_ORDERS) == 0

    run(tmp_path, body)


def test_validate_returns_errors_and_warnings(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        errors, warnings = await w.service.validate(ea_order(price="8.00"))
        assert errors == ()
        assert warnings == (
            "lines[0].price: $8.00 is under the minimum advertised price $9.99 "
            "for Phundamental Puppy Phood",
        )

    run(tmp_path, body)


def test_a_price_under_map_waits_for_confirmation(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        unconfirmed = await w.service.place(ea_order(price="8.00"))
        assert unconfirmed.state == "needs_confirmation"
        assert unconfirmed.warnings and not unconfirmed.placed
        assert await w.service.outbox.list() == [] and w.ea.orders == {}
        confirmed = await w.service.place(ea_order(price="8.00"), confirmed=True)
        assert confirmed.vendor_order_id == "10031"

    run(tmp_path, body)


@pytest.mark.parametrize("vendor", ["endless-aisles", "fabric"])
def test_drop_after_commit_then_retry_gives_exactly_one_vendor_order(
    tmp_path: Path, vendor: str
) -> None:
    async def body(w: World) -> None:
        order = ea_order() if vendor == "endless-aisles" else fabric_order(w)
        sim = w.ea if vendor == "endless-aisles" else w.fabric
        method, path = PUT_ORDERS if vendor == "endless-aisles" else POST_PO
        sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method=method, path=path)
        first = await w.service.place(order)
        assert first.state == "uncertain" and not first.placed
        assert first.message is not None and "check" in first.message
        assert vendor_orders(w, vendor) == 1
        w.time.advance(timedelta(minutes=2))
        again = await w.service.place(order)  # the cashier presses Place again / CLI re-run
        assert again.state == "sent" and again.placed
        assert vendor_orders(w, vendor) == 1
        assert sim.count(method, path) == 1  # looked up, never resent

    run(tmp_path, body)


def test_a_request_that_never_arrived_is_sent_again_once(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        w.ea.faults.script(FaultKind.TIMEOUT, method="PUT", path="/api/orders")
        assert (await w.service.place(ea_order())).state == "uncertain"
        assert w.ea.orders == {}
        again = await w.service.place(ea_order())
        assert (again.state, again.vendor_order_id) == ("sent", "10031")
        assert len(w.ea.orders) == 1

    run(tmp_path, body)


def test_when_the_lookup_fails_nothing_is_resent(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        w.ea.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/api/orders")
        await w.service.place(ea_order())
        w.ea.faults.script(FaultKind.SERVER_ERROR, method="GET", path="/api/orders", times=20)
        stuck = await w.service.place(ea_order())
        assert stuck.state == "uncertain"
        assert stuck.error is not None and stuck.error.vendor == "endless-aisles"
        assert w.ea.count(*PUT_ORDERS) == 1
        w.ea.faults.clear()
        assert (await w.service.place(ea_order())).state == "sent"
        assert len(w.ea.orders) == 1

    run(tmp_path, body)


@pytest.mark.parametrize("arrived", [True, False])
def test_killed_while_sending_then_restarted_neither_loses_nor_doubles(
    tmp_path: Path, arrived: bool
) -> None:
    async def body(w: World) -> None:
        order = ea_order()
        outbox = w.service.outbox
        entry = await outbox.enqueue(
            "endless-aisles", "place_order", order.to_payload(), order.reference, "Dropship order"
        )
        # The process claimed the write (committed "sending") and died mid-request.
        await outbox.store.change(entry.id, Change(OutboxState.SENDING, needs_reconcile=True))
        if arrived:
            await w.service.sources["endless-aisles"].placement.send(entry)
        service = w.restart()
        result = await service.place(order)
        assert (result.state, result.vendor_order_id) == ("sent", "10031")
        assert len(w.ea.orders) == 1

    run(tmp_path, body)


def test_a_reference_used_by_another_order_is_refused(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        await w.service.place(ea_order())
        with pytest.raises(OrderInvalid, match="already used by another order"):
            await w.service.place(ea_order(quantity=1))
        assert len(w.ea.orders) == 1

    run(tmp_path, body)


def test_status_follows_the_order_from_placed_to_shipped_with_tracking(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        await w.service.place(ea_order())
        assert (await w.service.status("STORE12-000123")).state == "placed"
        w.time.advance(timedelta(hours=3))
        shipped = await w.service.status("STORE12-000123")
        assert shipped.state == "shipped"
        assert shipped.vendor_order is not None
        assert shipped.vendor_order.shipments[0].tracking_number
        with pytest.raises(UnknownReference):
            await w.service.status("NOPE")

    run(tmp_path, body)


def test_status_of_a_fabric_order_acknowledges_its_shipment(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        await w.service.place(fabric_order(w))
        w.time.advance(timedelta(hours=4))
        status = await w.service.status("PO-STORE12-9")
        assert status.state == "shipped"
        assert all(s.acknowledged_at is not None for s in w.fabric.shipments.values())

    run(tmp_path, body)


def test_cancel_within_the_window_and_the_vendor_reason_after_it(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        await w.service.place(ea_order())
        assert (await w.service.cancel("STORE12-000123")).state == "canceled"
        second = order_data(reference="STORE12-000124")
        await w.service.place(parse_order(second))
        w.time.advance(timedelta(hours=1))
        with pytest.raises(VendorRejected, match="can no longer be cancelled"):
            await w.service.cancel("STORE12-000124")

    run(tmp_path, body)


def test_an_uncertain_order_has_no_vendor_state_yet(tmp_path: Path) -> None:
    async def body(w: World) -> None:
        w.ea.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/api/orders")
        await w.service.place(ea_order())
        status = await w.service.status("STORE12-000123")
        assert status.state == "uncertain" and status.vendor_order is None
        with pytest.raises(OrderInvalid, match="has not reached Endless Aisles yet"):
            await w.service.cancel("STORE12-000123")

    run(tmp_path, body)
