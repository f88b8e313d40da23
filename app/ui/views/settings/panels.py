"""Preference panels that features add to Settings, below the vendor connections.

A panel module (e.g. ``app.ui.views.orders.settings_panel``) exposes ``make_panel(context,
runtime) -> QWidget`` (``runtime`` is the running one, or None, for panels whose changes apply
without a restart); the widget reads and writes its own top-level table of the configuration file
(``[board]``, ``[alerts]``, ``[stores]`` ...) through ``context.config.sections`` and
``save_config``.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.services.context import AppContext

if TYPE_CHECKING:
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.ui.settings")

PANEL_MODULES = (
    "app.ui.views.orders.settings_panel",
    "app.ui.views.customers.settings_panel",
    "app.ui.views.pricing.settings_panel",
)


def make_panels(context: AppContext, runtime: Runtime | None = None) -> list[QWidget]:
    panels: list[QWidget] = []
    for name in PANEL_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        panels.append(module.make_panel(context, runtime))
    return panels
