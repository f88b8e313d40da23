"""The status bar: each vendor in use with its health, and how old the data on screen is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.services.health import HealthRegistry, HealthState, VendorHealth
from app.vendors import display_name

_MARKS = {"ok": "●", "degraded": "◐", "down": "○", "unknown": "·", "demo": "◇"}


class VendorStatusBar(QStatusBar):
    def __init__(self, vendors: list[str], demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.demo = demo
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
        self._unsubscribe: Callable[[], None] | None = None
        self._health: HealthRegistry | None = None
        self.data_age = QLabel()
        self.data_age.setObjectName("dataAge")
        self.addWidget(self.data_age, 1)

    def set_state(self, vendor: str, state: str, explanation: str) -> None:
        label = self.labels.get(vendor)
        if label is None:
            return
        word = {"demo": "demo", "ok": "OK", "degraded": "having trouble", "down": "offline"}.get(
            state, "—"
        )
        label.setText(f"{_MARKS.get(state, '·')} {display_name(vendor)} {word}")
        label.setToolTip(explanation)
        label.setProperty("health", state)
        label.style().unpolish(label)
        label.style().polish(label)

    def follow(self, health: HealthRegistry) -> None:
        """Show each vendor's health as it changes; hovering explains it in a sentence."""
        self._health = health
        self._unsubscribe = health.on_change(self._show_health)
        for vendor_health in health.all():
            if vendor_health.state is not HealthState.UNKNOWN:
                self._show_health(vendor_health)

    def _show_health(self, vendor_health: VendorHealth) -> None:
        if self._health is None:
            return
        state = vendor_health.state.value
        if state == "unknown" and "demo" in (
            self.labels[vendor_health.vendor].text() if vendor_health.vendor in self.labels else ""
        ):
            return
        self.set_state(vendor_health.vendor, state, self._health.describe(vendor_health.vendor))

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def set_data_age(self, text: str) -> None:
        self.data_age.setText(text)
