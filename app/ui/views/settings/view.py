"""Settings: vendor connections (secrets to the keyring) and the shop's own preferences."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from app.services.config import VendorConfig, save_config
from app.services.config_schema import VENDOR_SPECS
from app.services.context import AppContext
from app.services.runtime import Runtime
from app.services.secrets import SecretStoreError
from app.ui.views.base import BaseView, ViewHeader
from app.ui.views.settings.panels import make_panels
from app.ui.views.settings.vendor_form import VendorForm
from app.vendors import display_name

log = logging.getLogger("counterpart.ui.settings")


class SettingsView(BaseView):
    key = "settings"
    title = "Settings"
    context: AppContext  # always given: settings edit the configuration

    def __init__(
        self, context: AppContext, runtime: Runtime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runtime, parent)
        self.context = context
        self.forms: dict[str, VendorForm] = {}
        content = QWidget()
        column = QVBoxLayout(content)
        for name, spec in VENDOR_SPECS.items():
            form = VendorForm(spec)
            form.save_requested.connect(self.save_vendor)
            self.forms[name] = form
            column.addWidget(form)
        for panel in make_panels(context, runtime):
            column.addWidget(panel)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        subtitle = (
            "Vendor connections. Passwords and tokens go to the system keyring, never a file."
        )
        layout.addWidget(ViewHeader(self.title, subtitle))
        layout.addWidget(scroll, 1)

    async def load(self) -> None:
        for name, form in self.forms.items():
            form.load(self.context.config.vendors.get(name), self.context.secrets.source(name))

    def save_vendor(self, name: str) -> None:
        form = self.forms[name]
        if form.problems():
            return
        config = self.context.config
        values = form.values()
        if form.enabled.isChecked() or values:
            config.vendors[name] = VendorConfig(name, values, form.enabled.isChecked())
        else:
            config.vendors.pop(name, None)
        try:
            if form.secret.text():
                self.context.secrets.set(name, form.secret.text())
            save_config(config)
        except (SecretStoreError, OSError) as exc:
            log.warning("saving %s settings failed: %s", name, exc)
            self.context.messages.error(f"Settings were not saved: {exc}", vendor=name)
            return
        form.load(config.vendors.get(name), self.context.secrets.source(name))
        self.context.messages.info(
            f"{display_name(name)} settings saved to {config.file}. "
            "They take effect the next time Counterpart starts.",
            vendor=name,
        )
