"""THE DROPSHIP KILL TEST: ``dropship place`` SIGKILLed at random moments, then run again.

The Endless Aisles simulator runs as its own process (it outlives the killed command) and, like
the real vendor, does not deduplicate on ``custom_order_id``: a blind resend would double the
order. Answers to PUT /api/orders are held back a little, so kills land after the vendor stored
the order but before the command heard about it. Whatever happens, exactly one order exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.vendors.simulators.endless_aisles import SIM_TOKEN
from tests.vendors.endless_aisles.fakes import order_data

ROOT = Path(__file__).resolve().parents[2]
KILLS = 12
REFERENCE = "STORE12-000123"


@dataclass
class Vendor:
    root_url: str
    base_url: str

    def admin(self, method: str, name: str, body: object = None) -> httpx.Response:
        return httpx.request(method, f"{self.root_url}/__sim__/{name}", json=body, timeout=10)

    def references(self) -> list[str]:
        state = self.admin("GET", "snapshot").json()["state"]
        return list(state["references"])

    def count(self, method: str, path: str) -> int:
        found = self.admin("GET", "requests").json()["requests"]
        return sum(1 for r in found if (r["method"], r["path"]) == (method, path))


@pytest.fixture
def vendor(tmp_path: Path) -> Iterator[Vendor]:
    command = [sys.executable, "-m", "app.vendors.simulators.serve", "--port", "0"]
    command += ["--vendor", "app.vendors.simulators.endless_aisles:EndlessAislesSimulator"]
    command += ["--seed", "1", "--state", str(tmp_path / "sim-state.json")]
    with (tmp_path / "sim.log").open("w") as log:
        sim = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        assert sim.stdout is not None
        root = sim.stdout.readline().strip().removeprefix("listening on ")
        base = sim.stdout.readline().strip().removeprefix("base_url ")
        assert root.startswith("http://127.0.0.1:"), root
        yield Vendor(root, base)
    finally:
        sim.terminate()
        sim.wait(10)


@pytest.fixture
def shop(tmp_path: Path, vendor: Vendor) -> dict[str, str]:
    """The environment of the command: its home, a config naming the simulator, the token."""
    config = tmp_path / "config.toml"
    config.write_text(f'[vendors.endless-aisles]\nbase_url = "{vendor.base_url}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERPART_")}
    env |= {
        "COUNTERPART_HOME": str(tmp_path / "home"),
        "COUNTERPART_CONFIG": str(config),
        "COUNTERPART_ENDLESS_AISLES_TOKEN": SIM_TOKEN,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    (tmp_path / "order.json").write_text(json.dumps(order_data()), encoding="utf-8")
    return env


def command(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def place(
    tmp_path: Path,
    env: dict[str, str],
    kill_after: float | None = None,
    vendor: Vendor | None = None,
) -> int | None:
    """Run ``dropship place``; SIGKILL it ``kill_after`` s after it started, or (``vendor``) as
    soon as its PUT reached the vendor, whose answer is held back. None when it was killed."""
    proc = command(tmp_path, env, "dropship", "place", str(tmp_path / "order.json"))
    try:
        if vendor is not None:
            while proc.poll() is None and vendor.count("PUT", "/api/orders") == 0:
                vendor_wait(proc)
            kill_after = 0.0
        proc.communicate(timeout=kill_after if kill_after is not None else 60)
    except subprocess.TimeoutExpired:  # the kill moment, not a synchronisation
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        return None
    return proc.returncode


def vendor_wait(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=0.02)  # polling the vendor's request log for the PUT


def outbox_rows(home: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(home / "data" / "counterpart.sqlite3") as conn:
        return conn.execute("SELECT state, vendor_ref FROM outbox").fetchall()


@pytest.mark.slow
def test_killed_while_placing_then_run_again_places_exactly_one_order(
    tmp_path: Path, vendor: Vendor, shop: dict[str, str]
) -> None:
    latency = {"kind": "latency", "method": "PUT", "path": "/api/orders", "seconds": 0.5}
    assert vendor.admin("POST", "faults", latency).status_code == 201
    rng = random.Random(20260302)
    # Early kills (start-up, validation, recording), one kill while the vendor holds the answer
    # to the PUT it has stored, then kills anywhere, including during the look-ups that follow.
    codes = [place(tmp_path, shop, rng.uniform(0.05, 0.6)) for _ in range(4)]
    mid_send = not vendor.references()
    if mid_send:
        codes.append(place(tmp_path, shop, vendor=vendor))
        assert vendor.references() == [REFERENCE]
    codes += [place(tmp_path, shop, rng.uniform(0.3, 2.0)) for _ in range(KILLS)]
    assert all(code in (None, 0, 1) for code in codes), codes
    assert place(tmp_path, shop) == 0

    assert vendor.references() == [REFERENCE], "the order was lost or placed twice"
    assert outbox_rows(Path(shop["COUNTERPART_HOME"])) == [("sent", "10031")]
    assert codes.count(None) >= KILLS // 3, "the kills must really interrupt the command"
    if mid_send:  # a restart found the order in flight and looked it up instead of resending
        assert vendor.count("GET", "/api/orders") >= 1
    status = command(tmp_path, shop, "dropship", "status", REFERENCE)
    out, _ = status.communicate(timeout=60)
    assert status.returncode == 0 and "placed — Endless Aisles order 10031" in out


@pytest.mark.slow
def test_drop_after_commit_on_the_command_line_then_retry_gives_one_order(
    tmp_path: Path, vendor: Vendor, shop: dict[str, str]
) -> None:
    drop = {"kind": "drop_after_commit", "method": "PUT", "path": "/api/orders", "times": 1}
    assert vendor.admin("POST", "faults", drop).status_code == 201
    first = command(tmp_path, shop, "dropship", "place", str(tmp_path / "order.json"))
    out, err = first.communicate(timeout=60)
    assert (first.returncode, out) == (1, "")
    assert "Endless Aisles" in err and "stays in the outbox" in err
    retry = command(tmp_path, shop, "outbox", "retry")
    out, _ = retry.communicate(timeout=60)
    assert retry.returncode == 0, out
    assert vendor.references() == [REFERENCE]
    assert vendor.count("PUT", "/api/orders") == 1, "looked up, never resent"
