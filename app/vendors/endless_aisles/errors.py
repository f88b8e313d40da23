"""Endless Aisles error bodies -> plain sentences (vroom-and-endless-aisles.md B7).

Two documented shapes: ``{"error": "A product option with that id does not exist."}`` and
``{"error": " [\\"The pick pack field is required.\\",\\"The freight field is required.\\"]"}`` —
a string holding a JSON array after a leading space. Laravel's own shapes (``message``/``errors``)
are read too, since status codes and other bodies are undocumented (B10).
"""

from __future__ import annotations

import json

import httpx


def error_sentences(body: object) -> list[str]:
    """Every message found in a decoded error body, in order, without duplicates."""
    found: list[str] = []
    if isinstance(body, dict):
        for key in ("error", "message", "errors"):
            found.extend(_flatten(body.get(key)))
    else:
        found.extend(_flatten(body))
    unique: list[str] = []
    for sentence in found:
        if sentence not in unique:
            unique.append(sentence)
    return unique


def _flatten(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            # B7: the array arrives JSON-encoded inside the string.
            try:
                return _flatten(json.loads(text))
            except ValueError:
                pass
        return [text] if text else []
    if isinstance(value, list):
        return [s for part in value for s in _flatten(part)]
    if isinstance(value, dict):
        return [s for part in value.values() for s in _flatten(part)]
    return [str(value)]


def error_reader(response: httpx.Response) -> list[str]:
    """The runtime's ``error_reader`` hook for Endless Aisles."""
    try:
        body = response.json()
    except ValueError:
        text = response.text.strip()
        return [text] if text and len(text) < 300 and "<" not in text else []
    return error_sentences(body)
