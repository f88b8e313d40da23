"""Quitting with writes that have not reached their vendor asks first."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services.runtime import open_runtime
from app.ui.main_window import MainWindow
from tests.ui.helpers import make_context


def test_close_asks_while_writes_are_pending_and_quits_on_confirmation(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    counterpart_home: Path,
    wait_until: Callable[..., None],
) -> None:
    runtime = qloop.run_until_complete(open_runtime(make_context(counterpart_home)))
    try:
        window = MainWindow(runtime.context, runtime)
        qtbot.addWidget(window)
        window.show()
        qloop.run_until_complete(
            runtime.outbox.enqueue("yodify", "unplugged", {}, "q-1", "Stock of SKU R-9")
        )
        wait_until(lambda: len(window.quit_guard.pending) == 1)
        with qtbot.assertNotEmitted(window.closed):
            window.close()
        box = window.quit_guard.box
        assert box is not None and box.isVisible()
        assert "1 change has not reached the vendor yet" in box.text()
        assert "Stock of SKU R-9" in box.text()
        assert window.isVisible()
        quit_button = next(b for b in box.buttons() if b.text() == "Quit anyway")
        with qtbot.waitSignal(window.closed):
            quit_button.click()
        assert not window.isVisible()
        qloop.run_until_complete(window.shutdown())
    finally:
        qloop.run_until_complete(runtime.aclose())


def test_close_without_pending_writes_does_not_ask(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path
) -> None:
    runtime = qloop.run_until_complete(open_runtime(make_context(counterpart_home)))
    try:
        window = MainWindow(runtime.context, runtime)
        qtbot.addWidget(window)
        window.show()
        qloop.run_until_complete(asyncio.sleep(0.1))
        with qtbot.waitSignal(window.closed):
            window.close()
        assert window.quit_guard.box is None
        qloop.run_until_complete(window.shutdown())
    finally:
        qloop.run_until_complete(runtime.aclose())
