"""``dropship place`` / ``dropship status`` against simulators on real loopback sockets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import main
from app.services.instance import InstanceLock
from app.vendors.simulators.endless_aisles import SIM_TOKEN, EndlessAislesSimulator
from app.vendors.simulators.fabric import SIM_CLIENT_ID, SIM_CLIENT_SECRET, FabricSimulator
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.loopback import LoopbackServer
from tests.vendors.endless_aisles.fakes import order_data


class ShiftedClock:
    """The simulators' clock: the real time (the command's outbox stamps real times, and the
    vendor's order list is searched from that day) moved forward only when a test says so."""

    def __init__(self) -> None:
        self.shift = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.shift

    def advance(self, delta: timedelta) -> None:
        self.shift += delta


@dataclass
class Shop:
    ea: EndlessAislesSimulator
    fabric: FabricSimulator
    time: ShiftedClock
    folder: Path
    capsys: pytest.CaptureFixture[str]

    def run(self, *args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def order_file(self, **changes: Any) -> str:
        path = self.folder / f"order-{len(list(self.folder.glob('order-*')))}.json"
        path.write_text(json.dumps(order_data(**changes)), encoding="utf-8")
        return str(path)

    def fabric_order(self, reference: str = "PO-CLI-1") -> str:
        variant = self.fabric.variants[452]
        line = {"item": "452", "upc": variant.upc, "quantity": 1, "price": str(variant.price)}
        return self.order_file(vendor="fabric", reference=reference, lines=[line])


@pytest.fixture
def shop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Shop]:
    time = ShiftedClock()
    ea = EndlessAislesSimulator(seed=1, clock=time)
    fabric = FabricSimulator(seed=1, clock=time)
    fabric.variants[452].inventory = 30
    with LoopbackServer(ea) as ea_url, LoopbackServer(fabric) as fabric_url:
        config = tmp_path / "config.toml"
        config.write_text(
            f'[vendors.endless-aisles]\nbase_url = "{ea_url}"\n\n'
            f'[vendors.fabric]\nbase_url = "{fabric_url}"\nretailer_id = 500\n'
            f'client_id = "{SIM_CLIENT_ID}"\n',
            encoding="utf-8",
        )
        monkeypatch.setenv("COUNTERPART_CONFIG", str(config))
        monkeypatch.setenv("COUNTERPART_ENDLESS_AISLES_TOKEN", SIM_TOKEN)
        monkeypatch.setenv("COUNTERPART_FABRIC_CLIENT_SECRET", SIM_CLIENT_SECRET)
        yield Shop(ea, fabric, time, tmp_path, capsys)


def test_place_prints_the_vendor_order_id_and_status_follows_it(shop: Shop) -> None:
    code, out, err = shop.run("dropship", "place", shop.order_file())
    assert (code, out.strip(), err) == (0, "10031", "")
    assert [o.custom_order_id for o in shop.ea.orders.values()] == ["STORE12-000123"]
    code, out, _ = shop.run("dropship", "status", "STORE12-000123")
    assert code == 0
    assert out.startswith("STORE12-000123: placed — Endless Aisles order 10031")
    shop.time.advance(timedelta(hours=3))
    code, out, _ = shop.run("dropship", "status", "STORE12-000123")
    assert code == 0 and "shipped" in out and "tracking" in out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"quantity": 0}, "lines[0].quantity: must be at least 1"),
        ({"quantity": 41}, "lines[0].quantity: only 40 of Phundamental Puppy Phood in stock"),
        ({"item": "99999"}, "lines[0].item: unknown item 99999"),
    ],
)
def test_bad_lines_exit_2_naming_line_and_field_and_send_nothing(
    shop: Shop, line: dict[str, Any], message: str
) -> None:
    data = order_data()
    data["lines"][0].update(line)
    code, out, err = shop.run("dropship", "place", shop.order_file(lines=data["lines"]))
    assert (code, out) == (2, "")
    assert message in err
    assert shop.ea.orders == {}


def test_a_state_that_is_not_two_letters_is_refused(shop: Shop) -> None:
    ship_to = dict(order_data()["ship_to"], state="New York")
    code, _, err = shop.run("dropship", "place", shop.order_file(ship_to=ship_to))
    assert code == 2 and "ship_to.state: must be two letters" in err
    assert shop.ea.count("PUT", "/api/orders") == 0


def test_a_file_that_is_not_json_names_its_line(shop: Shop) -> None:
    path = shop.folder / "broken.json"
    path.write_text('{\n  "reference": "X",\n  oops\n}', encoding="utf-8")
    code, _, err = shop.run("dropship", "place", str(path))
    assert code == 2 and f"{path} line 3: not valid JSON" in err


def test_a_price_under_map_is_placed_with_a_printed_warning(shop: Shop) -> None:
    data = order_data()
    data["lines"][0]["price"] = "8.00"
    code, out, err = shop.run("dropship", "place", shop.order_file(lines=data["lines"]))
    assert (code, out.strip()) == (0, "10031")
    assert "warning: lines[0].price: $8.00 is under the minimum advertised price $9.99" in err


def test_drop_after_commit_then_running_again_places_exactly_one_order(shop: Shop) -> None:
    shop.ea.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/api/orders")
    order = shop.order_file()
    code, out, err = shop.run("dropship", "place", order)
    assert (code, out) == (1, "")
    assert "Endless Aisles" in err and "will not be placed twice" in err
    assert len(shop.ea.orders) == 1
    code, out, _ = shop.run("dropship", "place", order)
    assert (code, out.strip()) == (0, "10031")
    assert len(shop.ea.orders) == 1 and shop.ea.count("PUT", "/api/orders") == 1


def test_drop_after_commit_then_outbox_retry_places_exactly_one_order(shop: Shop) -> None:
    shop.ea.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/api/orders")
    assert shop.run("dropship", "place", shop.order_file())[0] == 1
    code, out, _ = shop.run("outbox", "retry")
    assert code == 0 and "sent" in out
    assert len(shop.ea.orders) == 1
    code, out, _ = shop.run("dropship", "status", "STORE12-000123")
    assert "Endless Aisles order 10031" in out


def test_a_vendor_outage_exits_1_and_the_order_stays_queued(shop: Shop) -> None:
    shop.ea.faults.script(FaultKind.SERVER_ERROR, method="PUT", path="/api/orders", times=5)
    order = shop.order_file()
    code, _, err = shop.run("dropship", "place", order)
    assert code == 1 and err.startswith("counterpart: Endless Aisles:")
    code, out, _ = shop.run("outbox", "list")
    assert "Dropship order STORE12-000123" in out
    shop.ea.faults.clear()
    assert shop.run("dropship", "place", order)[:2] == (0, "10031\n")
    assert len(shop.ea.orders) == 1


def test_fabric_orders_are_placed_by_po_number_and_tracked(shop: Shop) -> None:
    code, out, _ = shop.run("dropship", "place", shop.fabric_order())
    assert code == 0 and out.strip() == "1015"
    shop.time.advance(timedelta(hours=4))
    code, out, _ = shop.run("dropship", "status", "PO-CLI-1")
    assert code == 0 and "shipped — fabric" in out and "tracking" in out
    assert all(s.acknowledged_at is not None for s in shop.fabric.shipments.values())


def test_status_of_an_unknown_reference_is_bad_input(shop: Shop) -> None:
    code, _, err = shop.run("dropship", "status", "NOPE-1")
    assert code == 2 and "REFERENCE NOPE-1" in err


def test_place_refuses_while_the_window_is_open(shop: Shop, counterpart_home: Path) -> None:
    window = InstanceLock(counterpart_home / "data")
    assert window.acquire()
    try:
        code, _, err = shop.run("dropship", "place", shop.order_file())
    finally:
        window.release()
    assert code == 1 and "already open" in err
    assert shop.ea.orders == {}
