"""The status bar: each vendor in use with its health, and how old the data on screen is."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.vendors import display_name

_MARKS = {"ok": "●", "degraded": "◐", "down": "○", "unknown": "·", "demo": "◇"}


class VendorStatusBar(QStatusBar):
    def __init__(self, vendors: list[str], demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.labels: dict[str, QLabel] = {}
        for vendor in vendors:
            label = QLabel()
            label.setObjectName(f"health-{vendor}")
            self.labels[vendor] = label
            self.addPermanentWidget(label)
            if demo:
                self.set_state(vendor, "demo", f"{display_name(vendor)} is simulated (demo data).")
            else:
                self.set_state(vendor, "unknown", f"{display_name(vendor)}: not contacted yet.")
        self.data_age = QLabel()
        self.data_age.setObjectName("dataAge")
        self.addWidget(self.data_age, 1)

    def set_state(self, vendor: str, state: str, explanation: str) -> None:
        label = self.labels.get(vendor)
        if label is None:
            return
        word = {"demo": "demo", "ok": "OK", "degraded": "slow", "down": "offline"}.get(state, "—")
        label.setText(f"{_MARKS.get(state, '·')} {display_name(vendor)} {word}")
        label.setToolTip(explanation)
        label.setProperty("health", state)
        label.style().unpolish(label)
        label.style().polish(label)

    def set_data_age(self, text: str) -> None:
        self.data_age.setText(text)
