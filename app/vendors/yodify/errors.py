"""Yodify's error body (``ValidationProblemDetails``, yodify.md §4.14) as plain sentences."""

from __future__ import annotations

import re
from typing import Any

import httpx

from app.vendors.yodify.wire import WireError, decode_json

# ASP.NET's generic title says nothing a cashier can use when the errors list is there.
_GENERIC_TITLES = frozenset(
    {"one or more validation errors occurred.", "bad request", "unauthorized"}
)
_JSON_PATH = re.compile(r"Path: \$\.?([\w.\[\]]*)")


def read_problem(response: httpx.Response) -> list[str]:
    """Sentences from a problem body; ``[]`` when there is none (403 and 429 have no body)."""
    if not response.content.strip():
        return []
    try:
        body = decode_json(response.content)
    except WireError:
        return []
    if not isinstance(body, dict):
        return []
    return problem_sentences(body)


def problem_sentences(body: dict[str, Any]) -> list[str]:
    """``errors`` first (each property's reasons), then ``detail``, then a specific ``title``."""
    sentences: list[str] = []
    errors = body.get("errors")
    if isinstance(errors, dict):
        for prop, messages in errors.items():
            for message in messages if isinstance(messages, list) else [messages]:
                sentence = _sentence(str(prop), str(message or ""))
                if sentence:
                    sentences.append(sentence)
    detail = body.get("detail")
    if isinstance(detail, str) and detail.strip():
        sentences.append(_finish(detail))
    title = body.get("title")
    specific = isinstance(title, str) and title.strip().lower() not in _GENERIC_TITLES
    if not sentences and specific and str(title).strip():
        sentences.append(_finish(str(title)))
    return _unique(sentences)


def _sentence(prop: str, message: str) -> str:
    message = message.strip()
    field = prop.strip().lstrip("$").lstrip(".")
    if not message:
        return f"{field} is not valid." if field else ""
    if "could not be converted" in message or "JSON value" in message:
        # System.Text.Json's own wording is for programmers; name the field instead.
        found = _JSON_PATH.search(message)
        name = (found.group(1) if found else "") or field
        return f"The value for {name or 'a field'} has the wrong type."
    if field and field.lower() not in message.lower() and field.lower() != "generalerrors":
        return _finish(f"{_spaced(field)}: {message}")
    return _finish(message)


def _spaced(name: str) -> str:
    """``CreatedOnMin`` -> ``Created on min``; ``order_id`` -> ``Order id``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").split()
    return " ".join(words).capitalize() if words else name


def _finish(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
