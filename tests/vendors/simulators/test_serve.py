"""The simulator as its own process: it outlives a SIGKILLed client and says what it recorded."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.vendors.simulators.example import AUTH

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


def read_line(proc: subprocess.Popen[str], timeout: float = 20.0) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError("the simulator process printed nothing")
    return proc.stdout.readline()


def python(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    state = tmp_path / "state.json"
    proc = python(
        "-m",
        "app.vendors.simulators.serve",
        "--vendor",
        "tests.vendors.simulators.example:ShopSimulator",
        "--port",
        "0",
        "--state",
        str(state),
    )
    try:
        first = read_line(proc)
        assert re.fullmatch(r"listening on http://127\.0\.0\.1:\d+\n", first), first
        assert proc.stdout is not None
        # Both lines come in one write, so the second is already buffered: no select.
        base_url = proc.stdout.readline().removeprefix("base_url ").strip()
        yield base_url, state
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0  # a clean shutdown on SIGTERM
        assert proc.stdout is not None
        proc.stdout.close()


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.02)


def test_served_simulator_answers_and_reports_a_dropped_write(served: tuple[str, Path]) -> None:
    base_url, state = served
    root = base_url.removesuffix("/api/v1")
    rule = {"kind": "drop_after_commit", "method": "POST", "path": "/orders", "times": 1}
    assert httpx.post(root + "/__sim__/faults", json=rule).status_code == 201
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        httpx.post(base_url + "/orders", json={"id": "A7"}, headers=AUTH)
    logged = httpx.get(root + "/__sim__/requests").json()
    assert logged["requests"] == [{"method": "POST", "path": "/orders", "query": ""}]
    assert httpx.get(root + "/__sim__/snapshot").json()["state"]["orders"] == ["A7"]
    assert json.loads(state.read_text())["state"]["orders"] == ["A7"]


def test_simulator_survives_a_killed_client(served: tuple[str, Path]) -> None:
    base_url, _ = served
    root = base_url.removesuffix("/api/v1")
    rule = {"kind": "latency", "seconds": 30, "times": 1}
    httpx.post(root + "/__sim__/faults", json=rule).raise_for_status()
    client_code = (
        "import httpx; "
        f"httpx.put('{base_url}/orders/K1', json={{'status': 'paid'}}, "
        f"headers={AUTH!r}, timeout=60)"
    )
    client = python("-c", client_code)
    try:
        wait_for(lambda: httpx.get(root + "/__sim__/requests").json()["count"] == 1)
        client.kill()  # SIGKILL while the simulator is still "slow" to answer
        client.wait(timeout=10)
    finally:
        if client.poll() is None:
            client.kill()
        assert client.stdout is not None
        client.stdout.close()
    assert httpx.get(base_url + "/orders/K1", headers=AUTH).json()["status"] == "paid"
