"""Settings: vendor connections validated as you type; secrets to the keyring, never the file."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services.logs import setup_logging
from app.ui.views.settings.view import SettingsView
from tests.conftest import MemoryKeyring
from tests.ui.helpers import make_context


def make_view(qtbot: QtBot, loop: asyncio.AbstractEventLoop, home: Path) -> SettingsView:
    view = SettingsView(make_context(home))
    qtbot.addWidget(view)
    view.show()
    loop.run_until_complete(view.load())
    return view


def test_fields_are_checked_as_you_type(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path
) -> None:
    view = make_view(qtbot, qloop, counterpart_home)
    form = view.forms["vroom"]
    form.enabled.setChecked(True)
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(form.inputs["email"], "manager")
    assert form.errors["email"].isVisible()
    assert "e-mail address" in form.errors["email"].text()
    qtbot.keyClicks(form.inputs["email"], "@example.com")
    assert not form.errors["email"].isVisible()
    qtbot.keyClicks(form.inputs["base_url"], "https://www.vroomdelivery.com/api/retailer/v1")
    assert not form.save_button.isEnabled()  # the password is still missing
    qtbot.keyClicks(form.secret, "portal-pass-1")
    assert form.save_button.isEnabled()


def test_saving_puts_the_secret_in_the_keyring_and_nowhere_else(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    counterpart_home: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    log_file = setup_logging(counterpart_home / "logs")
    view = make_view(qtbot, qloop, counterpart_home)
    form = view.forms["endless-aisles"]
    form.enabled.setChecked(True)
    qtbot.keyClicks(form.inputs["base_url"], "https://app-qa.endlessaisles.io")
    qtbot.keyClicks(form.secret, "ea-token-5551234")
    form.save_button.click()
    assert memory_keyring.entries[("Counterpart", "endless-aisles.token")] == "ea-token-5551234"
    config_text = (counterpart_home / "config.toml").read_text(encoding="utf-8")
    assert "[vendors.endless-aisles]" in config_text
    assert "ea-token-5551234" not in config_text
    logging.getLogger("counterpart.test").info("token was ea-token-5551234")
    for handler in logging.getLogger("counterpart").handlers:
        handler.flush()
    assert "ea-token-5551234" not in log_file.read_text(encoding="utf-8")
    assert "Stored in the system keyring" in form.secret_hint.text()
    assert view.context.messages.history[-1].text.startswith("Endless Aisles settings saved")
