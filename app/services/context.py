"""What the composition root hands to the GUI and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.services.config import AppConfig
from app.services.messages import MessageBus
from app.services.paths import AppPaths
from app.services.secrets import SecretStore


@dataclass
class AppContext:
    paths: AppPaths
    config: AppConfig
    secrets: SecretStore
    demo: bool
    messages: MessageBus = field(default_factory=MessageBus)

    @property
    def vendors_in_use(self) -> list[str]:
        """Demo mode shows every vendor (simulated); otherwise the enabled ones."""
        from app.vendors import VENDOR_NAMES

        return list(VENDOR_NAMES) if self.demo else self.config.enabled_vendors

    @property
    def database(self) -> Path:
        """The SQLite file this run reads and writes: demo data never mixes with the shop's."""
        return self.paths.demo_database if self.demo else self.paths.database
