"""THE KILL TEST: SIGKILL the sending process at random moments; no write is lost or doubled.

A ledger simulator runs in its own process and records every create it receives, duplicates
included. A worker process queues N writes and sends them; the test kills it with SIGKILL after
a seeded random delay, again and again, then lets it finish. Each key must be in the ledger once.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.services.kill_worker import key_for

ROOT = Path(__file__).resolve().parents[2]
WRITES = 60
KILLS = 20
# Each write is answered this long after the ledger recorded it: a run killed within
# MAX_DELAY sends at most MAX_DELAY / ANSWER_DELAY writes, so finishing all WRITES takes at
# least WRITES * ANSWER_DELAY / MAX_DELAY killed runs, however fast or loaded the machine is.
ANSWER_DELAY = 0.05
MAX_DELAY = 0.6


@pytest.fixture
def ledger_url(tmp_path: Path) -> Iterator[str]:
    command = [
        sys.executable,
        "-m",
        "app.vendors.simulators.serve",
        "--vendor",
        "tests.services.ledger_sim:LedgerSimulator",
        "--port",
        "0",
        "--seed",
        "11",
    ]
    # The server's stderr (broken pipes from killed clients) goes to a file, not the test output.
    with (tmp_path / "ledger.log").open("w") as log:
        sim = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        assert sim.stdout is not None
        line = sim.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        url = line.removeprefix("listening on ")
        slow = {"kind": "latency", "method": "POST", "seconds": ANSWER_DELAY}
        httpx.post(f"{url}/__sim__/faults", json=slow, timeout=10).raise_for_status()
        yield url
    finally:
        sim.terminate()
        sim.wait(10)


def _worker(db: Path, url: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.services.kill_worker"]
    command += ["--db", str(db), "--url", url, "--count", str(WRITES)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def _run_and_kill(db: Path, url: str, delay: float) -> bool:
    """Run the worker, SIGKILL it ``delay`` s after it opened the database; True if killed."""
    worker = _worker(db, url)
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "ready"
    try:
        worker.wait(timeout=delay)  # the kill moment, not a synchronisation
    except subprocess.TimeoutExpired:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        return True
    finally:
        worker.stdout.close()
    assert worker.returncode == 0
    return False


@pytest.mark.slow
def test_no_write_is_lost_or_doubled_when_the_sender_is_killed(
    tmp_path: Path, ledger_url: str
) -> None:
    db = tmp_path / "outbox.sqlite3"
    rng = random.Random(20260302)
    kills = sum(_run_and_kill(db, ledger_url, rng.uniform(0.0, MAX_DELAY)) for _ in range(KILLS))
    assert not _run_and_kill(db, ledger_url, 60.0), "the last run must finish by itself"

    state = httpx.get(f"{ledger_url}/__sim__/snapshot", timeout=10).json()["state"]
    created = Counter(state["creates"])
    expected = {key_for(n) for n in range(WRITES)}
    assert set(created) == expected, f"lost: {sorted(expected - set(created))}"
    assert [k for k, n in created.items() if n > 1] == [], "a write reached the vendor twice"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT state, vendor_ref FROM outbox").fetchall()
    assert len(rows) == WRITES
    assert {state for state, _ in rows} == {"sent"}
    assert all(ref for _, ref in rows)
    # The kills really landed mid-work: restarts found writes in flight and looked them up.
    assert kills >= WRITES * ANSWER_DELAY / MAX_DELAY
    assert state["lookups"] > 0
