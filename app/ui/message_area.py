"""The message area: the latest thing services said to the person at the counter."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.messages import Message, MessageBus
from app.vendors import display_name


class _Bridge(QObject):
    """Hands messages to the GUI thread, whichever thread a service posted from."""

    arrived = Signal(object)


class MessageArea(QFrame):
    def __init__(self, bus: MessageBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self._bridge = _Bridge(self)
        self._bridge.arrived.connect(self.show_message, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.subscribe(self._bridge.arrived.emit)
        self.text = QLabel()
        self.text.setObjectName("messageText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.setFlat(True)
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 8, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(dismiss)
        self.hide()

    def show_message(self, message: Message) -> None:
        prefix = f"{display_name(message.vendor)}: " if message.vendor else ""
        stamp = message.at.astimezone().strftime("%H:%M")
        self.text.setText(f"{stamp}  {prefix}{message.text}")
        self.setProperty("level", message.level.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def detach(self) -> None:
        self._unsubscribe()
