"""A tolerant reader for the error bodies our vendors send, as plain sentences.

Vendor clients may pass their own ``error_reader``; this one knows every shape in the digests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

ErrorReader = Callable[[httpx.Response], list[str]]

_MAX_TEXT = 300


def default_error_reader(response: httpx.Response) -> list[str]:
    """Sentences from a JSON error body, or a short plain-text body; [] when nothing useful."""
    try:
        body = response.json()
    except (ValueError, UnicodeDecodeError):
        return _plain_text(response)
    return _from_json(body)


def _plain_text(response: httpx.Response) -> list[str]:
    text = response.text.strip()
    # An HTML error page from a proxy says nothing a cashier can use.
    if not text or text.startswith("<") or len(text) > _MAX_TEXT:
        return []
    return [text]


def _from_json(body: Any) -> list[str]:
    if isinstance(body, str):
        return _from_error_string(body)
    if isinstance(body, list):
        return [m for item in body for m in _from_json(item)]
    if not isinstance(body, dict):
        return []
    errors = body.get("errors")
    if isinstance(errors, list):
        return [m for item in errors for m in _jsonapi_error(item)]
    if isinstance(errors, dict):  # yodify.md §4.14: ValidationProblemDetails
        found = _field_messages(errors)
        return found or _first_text(body, "detail", "title")
    if "error" in body:  # vroom-and-endless-aisles.md §B7: {"error": "..."}
        return _from_json(body["error"])
    found = _first_text(body, "detail", "message", "title")
    return found or _field_messages(body)  # fabric.md §5: DRF {"field": ["msg"]}


def _from_error_string(text: str) -> list[str]:
    # vroom-and-endless-aisles.md §B7: the string may hold a JSON-encoded array of messages.
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            decoded = json.loads(stripped)
        except ValueError:
            return [stripped]
        if isinstance(decoded, list):
            return [str(m).strip() for m in decoded if str(m).strip()]
    return [stripped] if stripped else []


def _jsonapi_error(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return _from_json(item)
    text = _first_text(item, "detail", "title", "message")
    source = item.get("source")
    pointer = source.get("pointer") or source.get("parameter") if isinstance(source, dict) else None
    if text and isinstance(pointer, str) and pointer.strip("/"):
        field = pointer.rstrip("/").rsplit("/", 1)[-1]
        return [f"{field}: {text[0]}"]
    return text


def _field_messages(fields: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for name, value in fields.items():
        messages = value if isinstance(value, list) else [value]
        for message in messages:
            if isinstance(message, str) and message.strip():
                general = name in ("non_field_errors", "", "$")
                found.append(message.strip() if general else f"{name}: {message.strip()}")
    return found


def _first_text(body: dict[str, Any], *keys: str) -> list[str]:
    for key in keys:
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return [value.strip()]
    return []
