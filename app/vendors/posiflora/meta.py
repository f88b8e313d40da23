"""Page information from both meta shapes, and the error document as sentences."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True, slots=True)
class PageInfo:
    """Where a list page sits; ``size`` is ``None`` when the server did not page."""

    number: int = 1
    size: int | None = None
    total: int | None = None

    def has_more(self, rows: int) -> bool:
        """Whether another page should be asked for after one that held ``rows`` records."""
        if self.size is None or rows == 0 or rows < self.size:
            return False
        return self.total is None or self.number * self.size < self.total


def _int(value: object) -> int | None:
    # posiflora.md §3 "Pagination": total is sometimes a string ("35073"); size may be null.
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def page_info(meta: Mapping[str, Any], requested: int | None = None) -> PageInfo:
    """Read ``meta.page{number,size}`` or ``meta.pageNumber/pageSize`` (posiflora.md §3).

    ``size: null`` means the server did not page; a meta without either shape is taken to have
    used the ``requested`` size.
    """
    page = meta.get("page")
    if isinstance(page, dict):
        number, size = page.get("number"), page.get("size") if "size" in page else requested
    elif "pageNumber" in meta or "pageSize" in meta:
        number, size = meta.get("pageNumber"), meta.get("pageSize")
    else:
        number, size = None, requested
    return PageInfo(_int(number) or 1, _int(size), _int(meta.get("total")))


def _message(error: Mapping[str, Any]) -> str:
    title = str(error.get("title") or "").strip().rstrip(".")
    detail = str(error.get("detail") or "").strip().rstrip(".")
    if title and detail and title.lower() not in detail.lower():
        return f"{title}: {detail}"
    return (
        detail or title or f"error {error.get('code') or error.get('status') or 'without details'}"
    )


def _where(error: Mapping[str, Any]) -> str:
    source = error.get("source")
    if not isinstance(source, dict):
        return ""
    if source.get("parameter"):
        return f" (parameter {source['parameter']})"
    field = str(source.get("pointer") or "").rstrip("/").rsplit("/", 1)[-1]
    return f" (field {field})" if field else ""


def _sentence(error: Mapping[str, Any]) -> str:
    text = _message(error)
    return text[0].upper() + text[1:] + _where(error) + "."


def error_sentences(body: object) -> list[str]:
    """Each entry of a JSON:API ``errors`` array as one plain sentence (posiflora.md §7)."""
    if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return []
    return [_sentence(item) for item in body["errors"] if isinstance(item, dict)]


def read_errors(response: httpx.Response) -> list[str]:
    """The runtime's ``error_reader``: the error document, or the raw text when it is not one."""
    try:
        sentences = error_sentences(response.json())
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        sentences = []
    if sentences:
        return sentences
    text = response.text.strip()
    return [text[:200]] if text and not text.startswith("<") else []
