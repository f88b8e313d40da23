"""Asks before quitting while writes have not reached their vendor.

The writes are safe on disk either way; the question is whether the person expected them to be
sent before walking away from the till.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.services.outbox import Outbox, OutboxEntry


class QuitGuard:
    def __init__(self, window: QMainWindow, outbox: Outbox | None) -> None:
        self._window = window
        self._outbox = outbox
        self.pending: list[OutboxEntry] = []
        self._confirmed = False
        self.box: QMessageBox | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._unsubscribe = outbox.on_change(lambda _e: self.refresh()) if outbox else None
        if outbox is not None:
            self.refresh()

    def refresh(self) -> None:
        """Keep the pending list current (closeEvent cannot await)."""
        try:
            task = asyncio.get_running_loop().create_task(self._count())
        except RuntimeError:  # no loop yet (tests building a bare window)
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _count(self) -> None:
        if self._outbox is not None:
            self.pending = await self._outbox.unsent_summary()

    def may_close(self) -> bool:
        if self._confirmed or not self.pending:
            return True
        self._ask()
        return False

    def _ask(self) -> None:
        count = len(self.pending)
        listed = "\n".join(f"• {entry.summary}" for entry in self.pending[:5])
        more = f"\n…and {count - 5} more" if count > 5 else ""
        noun = "change has" if count == 1 else "changes have"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Quit with changes not yet sent?",
            f"{count} {noun} not reached the vendor yet:\n{listed}{more}\n\n"
            "They are saved and will be sent the next time Counterpart starts.",
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.addButton("Keep Counterpart open", QMessageBox.ButtonRole.RejectRole)
        quit_button = box.addButton("Quit anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(lambda button: self._answered(button is quit_button))
        self.box = box
        box.open()  # never exec() inside the event loop

    def _answered(self, quit_now: bool) -> None:
        if quit_now:
            self._confirmed = True
            self._window.close()

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        for task in list(self._tasks):
            task.cancel()
