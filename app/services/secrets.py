"""Secrets come from the environment (automation) or the OS keyring; never from a file.

Keyring entries live under service ``Counterpart`` with keys ``<vendor>.<field>``. Every secret read
is registered with the log redactor so it can never reach a log line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

import keyring
import keyring.errors

from app.services.config_schema import VENDOR_SPECS
from app.services.logs import register_secret

KEYRING_SERVICE = "Counterpart"
log = logging.getLogger("counterpart.secrets")


class SecretStoreError(Exception):
    """The keyring could not be used; the message says what to do."""


class SecretStore:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if environ is None else environ

    @staticmethod
    def key(vendor: str) -> str:
        return f"{vendor}.{VENDOR_SPECS[vendor].secret_field}"

    def get(self, vendor: str) -> str | None:
        """The vendor's secret: its environment variable wins over the keyring."""
        spec = VENDOR_SPECS[vendor]
        value = self._env.get(spec.secret_env) or self._from_keyring(vendor)
        if value:
            register_secret(value)
        return value or None

    def source(self, vendor: str) -> str:
        """Where the secret would come from, for the settings view: env, keyring or nowhere."""
        if self._env.get(VENDOR_SPECS[vendor].secret_env):
            return "env"
        return "keyring" if self._from_keyring(vendor) else "missing"

    def set(self, vendor: str, value: str) -> None:
        register_secret(value)
        self._call(lambda: keyring.set_password(KEYRING_SERVICE, self.key(vendor), value))

    def delete(self, vendor: str) -> None:
        try:
            self._call(lambda: keyring.delete_password(KEYRING_SERVICE, self.key(vendor)))
        except SecretStoreError:
            log.info("no keyring entry to delete for %s", vendor)

    def _from_keyring(self, vendor: str) -> str | None:
        try:
            return keyring.get_password(KEYRING_SERVICE, self.key(vendor))
        except keyring.errors.KeyringError as exc:
            log.warning("keyring unavailable reading %s: %s", self.key(vendor), type(exc).__name__)
            return None

    @staticmethod
    def _call(action: Callable[[], object]) -> None:
        try:
            action()
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(
                "The system keyring is not available, so the secret could not be saved. "
                "Unlock or install a keyring, or set the COUNTERPART_* environment variable."
            ) from exc
