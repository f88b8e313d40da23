"""The configuration file (TOML): load, check, and write back without ever holding a secret.

A vendor is enabled when its ``[vendors.<name>]`` section is present (and not ``enabled = false``).
Every problem becomes one :class:`ConfigError` line naming the file, the section and the field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from app.services.config_schema import VENDOR_SPECS, check_value, normalise
from app.services.secrets import SecretStore


class ConfigError(Exception):
    """A configuration problem: ``<file>: [<section>] <field>: <problem>``."""

    def __init__(self, file: Path, section: str, field_name: str, problem: str) -> None:
        self.file, self.section, self.field_name, self.problem = file, section, field_name, problem
        where = f"[{section}] " if section else ""
        name = f"{field_name}: " if field_name else ""
        super().__init__(f"{file}: {where}{name}{problem}")


@dataclass
class VendorConfig:
    name: str
    values: dict[str, Any]
    enabled: bool = True
    secret: str | None = field(default=None, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass
class AppConfig:
    file: Path
    vendors: dict[str, VendorConfig] = field(default_factory=dict)
    # Other top-level tables ([stores], [board], [alerts], ...) are read by the service they
    # belong to; kept here verbatim so writing the file back never loses them.
    sections: dict[str, Any] = field(default_factory=dict)

    @property
    def enabled_vendors(self) -> list[str]:
        return [name for name, vendor in self.vendors.items() if vendor.enabled]

    def section(self, name: str) -> dict[str, Any]:
        value = self.sections.get(name, {})
        return value if isinstance(value, dict) else {}


def load_config(path: Path, secrets: SecretStore | None, *, need_secrets: bool = True) -> AppConfig:
    """Read and check ``path``; a missing file is an empty configuration (demo mode)."""
    if not path.exists():
        return AppConfig(file=path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", "", f"not valid TOML ({exc})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", "", f"cannot be read ({exc})") from exc
    config = AppConfig(file=path, sections={k: v for k, v in raw.items() if k != "vendors"})
    vendors = raw.get("vendors", {})
    if not isinstance(vendors, dict):
        raise ConfigError(path, "vendors", "", "must be a table of [vendors.<name>] sections")
    for name, values in vendors.items():
        config.vendors[name] = _load_vendor(path, name, values)
    if need_secrets and secrets is not None:
        attach_secrets(config, secrets)
    return config


def _load_vendor(path: Path, name: str, values: object) -> VendorConfig:
    section = f"vendors.{name}"
    spec = VENDOR_SPECS.get(name)
    if spec is None:
        known = ", ".join(VENDOR_SPECS)
        raise ConfigError(path, section, "", f"unknown vendor (known vendors: {known})")
    if not isinstance(values, dict):
        raise ConfigError(path, section, "", "must be a table of settings")
    if spec.secret_field in values:
        raise ConfigError(
            path,
            section,
            spec.secret_field,
            f"secrets never go in the file; store it in Settings or set {spec.secret_env}",
        )
    enabled = values.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(path, section, "enabled", "must be true or false")
    clean: dict[str, Any] = {}
    for spec_field in spec.fields:
        value = values.get(spec_field.name)
        problem = check_value(spec_field, value)
        if problem:
            raise ConfigError(path, section, spec_field.name, problem)
        if value is not None:
            clean[spec_field.name] = normalise(spec_field, value)
    known_keys = {f.name for f in spec.fields} | {"enabled"}
    for key in values:
        if key not in known_keys:
            raise ConfigError(path, section, key, "unknown setting for this vendor")
    return VendorConfig(name, clean, enabled)


def attach_secrets(config: AppConfig, secrets: SecretStore) -> None:
    """Fetch each enabled vendor's secret; a missing one is a configuration error."""
    for vendor in config.enabled_vendors:
        spec = VENDOR_SPECS[vendor]
        secret = secrets.get(vendor)
        if not secret:
            raise ConfigError(
                config.file,
                f"vendors.{vendor}",
                spec.secret_field,
                f"no {spec.secret_label.lower()} found; enter it in Settings "
                f"(kept in the system keyring) or set {spec.secret_env}",
            )
        config.vendors[vendor].secret = secret


def save_config(config: AppConfig) -> None:
    """Write the file back atomically; secrets are never part of what is written."""
    document: dict[str, Any] = dict(config.sections)
    vendors: dict[str, Any] = {}
    for name, vendor in config.vendors.items():
        values = {k: v for k, v in vendor.values.items() if v not in (None, "", [])}
        if not vendor.enabled:
            values["enabled"] = False
        vendors[name] = values
    if vendors:
        document["vendors"] = vendors
    config.file.parent.mkdir(parents=True, exist_ok=True)
    temp = config.file.with_suffix(".toml.tmp")
    temp.write_text(tomli_w.dumps(document), encoding="utf-8")
    temp.replace(config.file)
