"""fabric error bodies -> plain sentences (fabric.md §5: DRF style, formally undocumented).

DRF nests field errors: ``{"order_lines": [{"variant": ["Invalid pk ..."]}, {}]}``; each message
gets the path of the field it is about, so staff can tell which line was refused.
"""

from __future__ import annotations

import httpx

_GENERAL = ("detail", "non_field_errors", "error", "message")


def error_sentences(body: object, where: str = "") -> list[str]:
    """Every message in a decoded DRF error body, prefixed with its field path."""
    if isinstance(body, str):
        text = body.strip()
        if not text:
            return []
        return [f"{where}: {text}" if where else text]
    if isinstance(body, list):
        found: list[str] = []
        nested = any(isinstance(item, dict) for item in body)
        for index, item in enumerate(body):
            path = f"{where}[{index}]" if nested and where else where
            found.extend(error_sentences(item, path))
        return found
    if isinstance(body, dict):
        found = []
        for key, value in body.items():
            child = f"{where}.{key}" if where else str(key)
            path = where if key in _GENERAL else child
            found.extend(error_sentences(value, path))
        return found
    return []


def error_reader(response: httpx.Response) -> list[str]:
    """The runtime's ``error_reader`` hook for fabric."""
    try:
        body = response.json()
    except ValueError:
        text = response.text.strip()
        return [text] if text and len(text) < 300 and not text.startswith("<") else []
    return error_sentences(body)
