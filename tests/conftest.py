"""Tests run offscreen, with a private COUNTERPART_HOME, a keyring in memory and a qasync loop."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from pathlib import Path

# Set before Qt is imported anywhere: tests never need a display. The offscreen screen is made
# 1920x1080 (its default is 800x600, which clamps window geometry).
_SCREEN = Path(__file__).resolve().parent.parent / "app" / "resources" / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

import keyring
import pytest
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring held in memory so tests never touch the developer's real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def counterpart_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own COUNTERPART_HOME and no COUNTERPART_* leaking from the shell."""
    for name in list(os.environ):
        if name.startswith("COUNTERPART_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("COUNTERPART_HOME", str(home))
    return home


@pytest.fixture
def qloop(qapp: object) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop made current for the test, so ``asyncSlot`` coroutines really run."""
    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)
    assert not pending, f"test left {len(pending)} task(s) running: {pending}"


@pytest.fixture
def wait_until(qloop: asyncio.AbstractEventLoop) -> Callable[..., None]:
    """Run the qasync loop until ``predicate()`` holds (or fail after ``timeout`` seconds).

    Use this rather than ``qtbot.waitUntil`` when coroutines must progress: inside waitUntil the
    loop pumps Qt events but is not *running*, so ``asyncio.get_running_loop()`` fails in tasks.
    """

    def wait(predicate: Callable[[], object], timeout: float = 5.0) -> None:
        async def poll() -> None:
            deadline = qloop.time() + timeout
            while not predicate():
                if qloop.time() > deadline:
                    raise AssertionError(f"condition not met within {timeout} s")
                await asyncio.sleep(0.02)

        qloop.run_until_complete(poll())

    return wait
