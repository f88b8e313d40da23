"""The headless commands as a scheduled task or an installer runs them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.bootstrap import build_context, main
from app.domain.customers import ContactChanges
from app.services.instance import InstanceLock
from app.services.runtime import open_runtime
from app.vendors.posiflora.outbox import CUSTOMER_UPDATE, update_payload
from app.vendors.simulators.posiflora import PosifloraSimulator


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def enqueue(operation: str, payload: dict[str, object], key: str) -> None:
    async def work() -> None:
        runtime = await open_runtime(build_context(True, None))
        try:
            await runtime.outbox.enqueue("posiflora", operation, payload, key, f"write {key}")
        finally:
            await runtime.aclose()

    asyncio.run(work())


def test_sync_prints_a_line_per_vendor_and_resource(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--demo", "sync", "--vendor", "posiflora"], capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert any(line.startswith("Posiflora") and "customers" in line for line in lines)
    assert all(line.rstrip().endswith("ok") for line in lines)
    assert all("records" in line and " s " in line for line in lines)


def test_sync_of_a_vendor_not_configured_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[vendors.yodify]\nbase_url = "https://y.example"\n')
    monkeypatch.setenv("COUNTERPART_YODIFY_TOKEN", "token-123456")
    code, _, err = run(["--config", str(config), "sync", "--vendor", "fabric"], capsys)
    assert code == 2
    assert err.strip() == (
        f"counterpart: --vendor fabric: not configured in {config}; "
        "add its [vendors] section or connect it in Settings"
    )


def test_outbox_list_and_retry_send_what_was_queued(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["--demo", "outbox", "list"], capsys)
    assert (code, out.strip()) == (0, "The outbox is empty: every write has reached its vendor.")
    customer_id = next(iter(PosifloraSimulator(seed=11, customers=400).customers))
    payload = update_payload(customer_id, ContactChanges(email="new-address@example.com"))
    enqueue(CUSTOMER_UPDATE, payload, "contact-1")
    code, out, _ = run(["--demo", "outbox", "list"], capsys)
    assert code == 0
    assert "queued" in out and "Posiflora" in out and "write contact-1" in out
    code, out, err = run(["--demo", "outbox", "retry"], capsys)
    assert (code, err) == (0, "")
    assert "sent" in out and "write contact-1" in out
    code, out, _ = run(["--demo", "outbox", "list"], capsys)
    assert out.strip() == "The outbox is empty: every write has reached its vendor."


def test_outbox_retry_refuses_while_the_window_is_open(
    counterpart_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window_lock = InstanceLock(counterpart_home / "data")
    assert window_lock.acquire()
    try:
        code, _, err = run(["--demo", "outbox", "retry"], capsys)
    finally:
        window_lock.release()
    assert code == 1
    assert "already open on this PC" in err


def test_outbox_retry_of_an_unknown_id_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["--demo", "outbox", "retry", "999"], capsys)
    assert code == 2
    assert err.strip() == "counterpart: ID 999: there is no such write in the outbox"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2026-02-30"],
            "counterpart: --from 2026-02-30: must be a date like 2026-11-21",
        ),
        (
            ["--from", "2026-11-21", "--to", "2026-11-20"],
            "counterpart: --from 2026-11-21: is after --to 2026-11-20",
        ),
    ],
)
def test_export_refuses_bad_dates_naming_the_option(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["--demo", "export", "orders", "--out", str(tmp_path / "o.csv"), *args], capsys
    )
    assert code == 2
    assert err.strip() == message
    assert not (tmp_path / "o.csv").exists()
