"""The manager PIN is stored salted and hashed, and checked; the margin floor setting."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from app.services.config import AppConfig
from app.services.manager_pin import (
    DEFAULT_FLOOR,
    PinError,
    check_pin,
    clear_pin,
    margin_floor,
    pin_is_set,
    set_margin_floor,
    set_pin,
)


def test_no_pin_means_no_gate(tmp_path: Path) -> None:
    config = AppConfig(tmp_path / "c.toml")
    assert not pin_is_set(config) and check_pin(config, "")


def test_pin_is_saved_as_salted_hash_never_plain(tmp_path: Path) -> None:
    config = AppConfig(tmp_path / "c.toml")
    set_pin(config, "482913")
    text = config.file.read_text(encoding="utf-8")
    assert "482913" not in text
    table = tomllib.loads(text)["pricing"]
    assert set(table) == {"pin_hash", "pin_salt"}
    assert check_pin(config, "482913") and not check_pin(config, "482914")
    other = AppConfig(tmp_path / "d.toml")
    set_pin(other, "482913")
    assert other.sections["pricing"]["pin_hash"] != table["pin_hash"]  # salted
    clear_pin(config)
    assert not pin_is_set(config) and check_pin(config, "anything")


@pytest.mark.parametrize("pin", ["12", "abcd", ""])
def test_weak_pins_are_refused(tmp_path: Path, pin: str) -> None:
    with pytest.raises(PinError):
        set_pin(AppConfig(tmp_path / "c.toml"), pin)


def test_margin_floor_default_and_saved(tmp_path: Path) -> None:
    config = AppConfig(tmp_path / "c.toml")
    assert margin_floor(config) == DEFAULT_FLOOR
    set_margin_floor(config, Decimal("22.5"))
    assert (
        tomllib.loads(config.file.read_text(encoding="utf-8"))["pricing"]["margin_floor"] == "22.5"
    )
    config.sections["pricing"]["margin_floor"] = "lots"
    assert margin_floor(config) == DEFAULT_FLOOR
