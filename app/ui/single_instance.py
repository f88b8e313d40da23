"""The window's side of a second start: come forward when asked, or explain why nothing came."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.instance_wake import SHOW, WakeServer

log = logging.getLogger("counterpart.ui")

ALREADY_OPEN_LINE = "counterpart: Counterpart is already open on this PC."
BROUGHT_FORWARD_LINE = "counterpart: Counterpart is already open; its window was brought forward."


def bring_forward(window: QWidget) -> None:
    """Un-minimize (keeping maximized if it was), raise and focus the window."""
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        # Clearing just the minimized bit, rather than showNormal(), keeps a maximized till
        # window maximized, which is how cashiers leave it.
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class WindowWaker:
    """Answers wake requests for whichever window is current.

    Before the window exists (still starting) a "show" is acknowledged: the window is about to
    appear anyway. Once the window has closed it is not, so a second start during shutdown hears
    nothing rather than being told all is well by a program that is going away.
    """

    def __init__(self) -> None:
        self.window: QWidget | None = None
        self.closing = False

    def __call__(self, request: str) -> bool:
        if request != SHOW or self.closing:
            return False
        if self.window is not None:
            bring_forward(self.window)
        log.info("a second start asked for the window")
        return True


async def start_wake_server(data_dir: Path, waker: WindowWaker) -> WakeServer | None:
    """The listener, or None if it cannot start: a second start then just explains instead."""
    server = WakeServer(data_dir, waker)
    try:
        await server.start()
    except OSError as exc:
        log.warning("second starts cannot bring this window forward: %s", exc)
        return None
    return server


def already_open_box() -> QMessageBox:
    """Shown by a second start that got no answer: the first is busy, starting or a command."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Counterpart",
        "Counterpart is already open on this PC.",
        QMessageBox.StandardButton.Ok,
    )
    box.setInformativeText(
        "Its window did not come forward: it may still be starting, or busy sending queued "
        "changes for a command (outbox retry, dropship place).\n\n"
        "Look for Counterpart on the taskbar, or wait a minute and open it again. If it still "
        "does not appear, restart the computer."
    )
    return box
