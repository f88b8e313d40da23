"""A second start of Counterpart brings the open window forward, or explains why it cannot."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.instance import InstanceLock
from app.services.instance_wake import request_wake, wake_file
from app.ui import app as gui
from app.ui.main_window import MainWindow
from app.ui.single_instance import BROUGHT_FORWARD_LINE, WindowWaker, start_wake_server
from tests.ui.helpers import make_context

ROOT = Path(__file__).resolve().parents[2]
Wait = Callable[..., None]


@pytest.fixture
def window_lock(counterpart_home: Path) -> Iterator[InstanceLock]:
    """The first Counterpart, as far as the lock file is concerned."""
    lock = InstanceLock(make_context(counterpart_home).paths.data_dir)
    assert lock.acquire()
    yield lock
    lock.release()


def minimized_window(qtbot: QtBot, home: Path, *, maximized: bool = False) -> MainWindow:
    window = MainWindow(make_context(home))
    qtbot.addWidget(window)
    window.show()
    extra = Qt.WindowState.WindowMaximized if maximized else Qt.WindowState.WindowNoState
    window.setWindowState(Qt.WindowState.WindowMinimized | extra)
    assert window.isMinimized()
    return window


def test_wake_request_brings_the_minimized_window_forward(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path
) -> None:
    window = minimized_window(qtbot, counterpart_home, maximized=True)
    data_dir = window.context.paths.data_dir
    waker = WindowWaker()
    waker.window = window

    async def second_start() -> bool:
        server = await start_wake_server(data_dir, waker)
        assert server is not None
        try:
            return await request_wake(data_dir)
        finally:
            await server.aclose()

    assert qloop.run_until_complete(second_start()) is True
    assert not window.isMinimized()
    assert window.isVisible()
    assert window.windowState() & Qt.WindowState.WindowMaximized  # left as the cashier had it
    assert not wake_file(data_dir).exists()


def test_a_closing_window_does_not_answer(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path
) -> None:
    window = minimized_window(qtbot, counterpart_home)
    data_dir = window.context.paths.data_dir
    waker = WindowWaker()
    waker.window, waker.closing = window, True

    async def second_start() -> bool:
        server = await start_wake_server(data_dir, waker)
        assert server is not None
        try:
            return await request_wake(data_dir)
        finally:
            await server.aclose()

    assert qloop.run_until_complete(second_start()) is False
    assert window.isMinimized()


def second_start_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERPART_")}
    env.update(
        COUNTERPART_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


@pytest.mark.slow
def test_second_start_process_raises_the_window_and_exits_quietly(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    wait_until: Wait,
    counterpart_home: Path,
    window_lock: InstanceLock,
) -> None:
    window = minimized_window(qtbot, counterpart_home)
    waker = WindowWaker()
    waker.window = window
    server = qloop.run_until_complete(start_wake_server(window.context.paths.data_dir, waker))
    assert server is not None
    try:
        # The real double-click: `python main.py` while this process holds the lock and listens.
        second = subprocess.Popen(
            [sys.executable, "main.py"],
            cwd=ROOT,
            env=second_start_env(counterpart_home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until(lambda: second.poll() is not None, timeout=120)
        finally:
            if second.poll() is None:
                second.kill()
            out, err = second.communicate()
    finally:
        qloop.run_until_complete(server.aclose())
    assert second.returncode == 0, err
    assert not window.isMinimized()
    assert "Traceback" not in err
    assert err.strip().splitlines() == [BROUGHT_FORWARD_LINE]
    assert out == ""


def test_no_answer_offscreen_says_already_open_and_exits_1(
    counterpart_home: Path,
    window_lock: InstanceLock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The lock is held (say by `outbox retry`) and nothing listens: no box offscreen, just a line.
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail("no box offscreen"))
    assert gui.run_gui(make_context(counterpart_home)) == 1
    assert "already open on this PC" in capsys.readouterr().err


def test_screenshot_run_does_not_wake_the_open_window(
    counterpart_home: Path,
    window_lock: InstanceLock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[Path] = []

    def answering_window(data_dir: Path) -> bool:
        asked.append(data_dir)
        return True

    monkeypatch.setattr(gui, "wake_running_instance", answering_window)
    code = gui.run_gui(make_context(counterpart_home), screenshot_dir=str(counterpart_home))
    assert code == 1  # no pictures were written, so no success either
    assert asked == []  # and the cashier's window was left alone
    assert "already open on this PC" in capsys.readouterr().err


def test_no_answer_on_a_desktop_shows_a_calm_box_then_exits_1(
    counterpart_home: Path,
    window_lock: InstanceLock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(gui, "is_offscreen", lambda environ: False)
    # The test's own QApplication, so the shop's style sheet does not leak into later tests.
    monkeypatch.setattr(gui, "make_application", QApplication.instance)
    monkeypatch.setattr(QMessageBox, "exec", record)
    assert gui.run_gui(make_context(counterpart_home)) == 1
    assert len(shown) == 1
    box = shown[0]
    assert box.text() == "Counterpart is already open on this PC."
    assert box.icon() == QMessageBox.Icon.Information
    assert "wait a minute and open it again" in box.informativeText()
    assert "taskbar" in box.informativeText()
    box.deleteLater()
