"""A bug in a click ends in the log with its traceback and a calm sentence naming the view."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.services.logs import setup_logging
from app.services.messages import Level, MessageBus
from app.ui.async_slot import async_slot
from app.ui.excepthook import install_excepthook


class RedeemButton(QPushButton):
    """asyncSlot on a method, as views use it (on a free function with a zero-argument signal
    qasync 0.28 never starts the coroutine: qasync issue #177)."""

    def __init__(self) -> None:
        super().__init__("Redeem")
        self.clicked.connect(self.on_click)

    @async_slot()
    async def on_click(self) -> None:
        await asyncio.sleep(0)
        raise ValueError("points cannot be negative")


def test_async_slot_errors_become_a_calm_message_and_a_logged_traceback(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    log_file = setup_logging(tmp_path / "logs")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bus = MessageBus()
    install_excepthook(bus, lambda: "Customers")

    button = RedeemButton()
    qtbot.addWidget(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(bus.history), timeout=3000)
    message = bus.history[-1]
    assert message.level is Level.ERROR
    assert message.text.startswith("Something went wrong in the Customers view.")
    assert "Traceback" not in message.text and "ValueError" not in message.text
    for handler in logging.getLogger("counterpart").handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "points cannot be negative" in logged


def test_the_failing_view_is_named_from_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bus = MessageBus()
    hook = install_excepthook(bus, lambda: "Live orders")
    namespace: dict[str, object] = {}
    code = compile(
        "def fail():\n    raise KeyError('sku')\n", "/x/app/ui/views/pricing/view.py", "exec"
    )
    exec(code, namespace)
    try:
        namespace["fail"]()  # type: ignore[operator]
    except KeyError as exc:
        hook(KeyError, exc, exc.__traceback__)
    assert bus.history[-1].text.startswith("Something went wrong in the Pricing view.")
