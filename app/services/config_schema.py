"""What each vendor's section of the configuration file holds, and how to check a value.

The settings view builds its forms from these specs, so the file and the screen never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlparse

FieldKind = Literal["url", "email", "text", "int", "list"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: FieldKind = "text"
    required: bool = True
    placeholder: str = ""


@dataclass(frozen=True)
class VendorSpec:
    name: str
    fields: tuple[FieldSpec, ...]
    secret_field: str
    secret_label: str

    @property
    def secret_env(self) -> str:
        """``COUNTERPART_<VENDOR>_<FIELD>``, e.g. ``COUNTERPART_ENDLESS_AISLES_TOKEN``."""
        vendor = self.name.upper().replace("-", "_")
        return f"COUNTERPART_{vendor}_{self.secret_field.upper()}"

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


VENDOR_SPECS: dict[str, VendorSpec] = {
    spec.name: spec
    for spec in (
        VendorSpec(
            "vroom",
            (
                FieldSpec(
                    "base_url",
                    "Base URL",
                    "url",
                    placeholder="https://www.vroomdelivery.com/api/retailer/v1",
                ),
                FieldSpec("email", "Portal e-mail", "email", placeholder="manager@example.com"),
                FieldSpec(
                    "site_ids",
                    "Store site ids",
                    "list",
                    required=False,
                    placeholder="1001, 1002 (empty: all stores)",
                ),
            ),
            "password",
            "Portal password",
        ),
        VendorSpec(
            "posiflora",
            (
                FieldSpec(
                    "base_url", "Base URL", "url", placeholder="https://example.posiflora.com/api"
                ),
                FieldSpec("username", "User name", placeholder="manager"),
            ),
            "password",
            "Password",
        ),
        VendorSpec(
            "yodify",
            (FieldSpec("base_url", "Base URL", "url", placeholder="https://example.yodify.com"),),
            "token",
            "API token",
        ),
        VendorSpec(
            "endless-aisles",
            (
                FieldSpec(
                    "base_url", "Base URL", "url", placeholder="https://app-qa.endlessaisles.io"
                ),
            ),
            "token",
            "Request token",
        ),
        VendorSpec(
            "fabric",
            (
                FieldSpec(
                    "base_url",
                    "Base URL",
                    "url",
                    placeholder="https://marketplace-api-sandbox.fabric.inc",
                ),
                FieldSpec("retailer_id", "Retailer id", "int", placeholder="500"),
                FieldSpec("client_id", "Client id", placeholder="abc"),
                FieldSpec(
                    "token_url",
                    "Token URL",
                    "url",
                    required=False,
                    placeholder="https://marketplace-api-sandbox.fabric.inc/v1/auth/token/",
                ),
            ),
            "client_secret",
            "Client secret",
        ),
    )
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_value(spec: FieldSpec, value: object) -> str | None:
    """The problem with ``value`` for this field in plain words, or ``None`` when it is fine."""
    if value is None or value == "" or value == []:
        return "required field is missing" if spec.required else None
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int | str):
            return "must be a whole number"
        if isinstance(value, str) and not value.strip().isdigit():
            return "must be a whole number"
        return None
    if spec.kind == "list":
        if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
            return None
        return 'must be a list such as ["1001", "1002"]'
    if not isinstance(value, str):
        return "must be text in quotes"
    if spec.kind == "url":
        parsed = urlparse(value.strip())
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            return "must be a web address starting with https://"
    if spec.kind == "email" and not _EMAIL.match(value.strip()):
        return "must be an e-mail address such as manager@example.com"
    return None


def normalise(spec: FieldSpec, value: object) -> object:
    """The value as the rest of the program wants it (ints as int, site ids as strings)."""
    if spec.kind == "int" and isinstance(value, str):
        return int(value.strip())
    if spec.kind == "list" and isinstance(value, list):
        return [str(v).strip() for v in value]
    if spec.kind == "list" and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, str):
        return value.strip()
    return value
