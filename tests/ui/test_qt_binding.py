"""The Qt binding itself must not corrupt reference counts: a till PC runs for days."""

from __future__ import annotations

import asyncio
import sys
import threading

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 lost a reference to None on each such call; on Python 3.11, where None is
    # not yet immortal, the process aborted after a few thousand label updates.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("12 orders waiting")
        label.setVisible(False)
    # A handful of references come and go with caches; the bug cost one per call (-4000 here).
    assert abs(sys.getrefcount(None) - before) < 50


def test_waking_the_loop_from_a_thread_keeps_true_alive(qloop: asyncio.AbstractEventLoop) -> None:
    # Every database call wakes the qasync loop from the database thread. Under PySide6 6.12.0
    # each wake-up cost True one reference and the process aborted at exit (bool_dealloc).
    async def wake_from_threads() -> None:
        for _ in range(300):
            event = asyncio.Event()
            worker = threading.Thread(target=qloop.call_soon_threadsafe, args=(event.set,))
            worker.start()
            await event.wait()
            worker.join()

    before = sys.getrefcount(True)
    qloop.run_until_complete(wake_from_threads())
    assert abs(sys.getrefcount(True) - before) < 50
