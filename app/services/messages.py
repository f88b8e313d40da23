"""One message API for services: say something to the person at the counter without a widget.

The main window subscribes and shows messages in its message area; the command line prints them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum

log = logging.getLogger("counterpart.messages")


class Level(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Message:
    level: Level
    text: str
    vendor: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


Listener = Callable[[Message], None]


class MessageBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self.history: list[Message] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Listen to every message from now on; returns a function that stops listening."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def post(self, level: Level, text: str, vendor: str | None = None) -> Message:
        message = Message(level, text, vendor)
        self.history = [*self.history[-199:], message]
        log.log(_LOG_LEVEL[level], "%s%s", f"[{vendor}] " if vendor else "", text)
        for listener in list(self._listeners):
            listener(message)
        return message

    def info(self, text: str, vendor: str | None = None) -> Message:
        return self.post(Level.INFO, text, vendor)

    def warning(self, text: str, vendor: str | None = None) -> Message:
        return self.post(Level.WARNING, text, vendor)

    def error(self, text: str, vendor: str | None = None) -> Message:
        return self.post(Level.ERROR, text, vendor)


_LOG_LEVEL = {Level.INFO: logging.INFO, Level.WARNING: logging.WARNING, Level.ERROR: logging.ERROR}
