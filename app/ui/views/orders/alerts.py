"""Late-order alerts at the counter: one chime per batch, one tray notification per order.

QtMultimedia is not part of PySide6-Essentials, so the chime is the shipped WAV played by the
platform (winsound on Windows, afplay on macOS, paplay/aplay on Linux), else the system beep.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QProcess
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.services.board_settings import BoardSettings
from app.services.live_orders import LateOrderAlert
from app.ui.resources import resource_path

log = logging.getLogger("counterpart.ui.alerts")
SOUND = "sounds/late-order.wav"
SHOW_MS = 10_000


class LateNotifier(Protocol):
    """Where alerts go; tests pass a recorder, the window a :class:`TrayNotifier`."""

    def chime(self) -> None: ...

    def notify(self, title: str, text: str) -> None: ...


class TrayNotifier:
    """The system tray and the speaker; silent (log only) on a screen-less platform."""

    def __init__(self) -> None:
        self.tray: QSystemTrayIcon | None = None
        self.headless = QGuiApplication.platformName() in ("offscreen", "minimal")

    def _tray(self) -> QSystemTrayIcon | None:
        if self.tray is None and not self.headless and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QIcon(str(resource_path("icons/counterpart.png"))))
            self.tray.setToolTip("Counterpart — late order alerts")
            self.tray.show()
        return self.tray

    def notify(self, title: str, text: str) -> None:
        log.info("late order alert: %s", text)
        tray = self._tray()
        if tray is not None:
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, SHOW_MS)

    def chime(self) -> None:
        if self.headless:
            return
        play_sound(str(resource_path(SOUND)))


def play_sound(path: str) -> None:
    """Play a WAV without blocking the counter; the system beep when nothing can play it."""
    if sys.platform == "win32":
        import winsound

        winsound.PlaySound(path, winsound.SND_FILENAME | winsound.SND_ASYNC)
        return
    players = ("afplay",) if sys.platform == "darwin" else ("paplay", "pw-play", "aplay")
    for player in players:
        if shutil.which(player) and QProcess.startDetached(player, [path])[0]:
            return
    QApplication.beep()


class AlertPresenter:
    """Turns the services' late-order alerts into a chime and notifications, unless hushed.

    The services' alerter already hushes; the settings are checked again here so that muting in
    Settings takes effect at once, not only from the next refresh.
    """

    def __init__(
        self,
        notifier: LateNotifier,
        settings: Callable[[], BoardSettings],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.notifier = notifier
        self.settings = settings
        self.clock = clock

    def present(self, vendor_name: str, alerts: Sequence[LateOrderAlert]) -> int:
        """Announce ``alerts``; returns how many notifications went out."""
        settings = self.settings()
        if not alerts or settings.hushed(self.clock()):
            return 0
        self.notifier.chime()
        for alert in alerts:
            named = replace(alert, store_name=settings.store_name(alert.store_id, alert.store_name))
            self.notifier.notify(f"{vendor_name}: late order", named.text)
        return len(alerts)
