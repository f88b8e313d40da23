"""What a simulator handler sees of a request, and how it answers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx

JSON_TYPE = "application/json"


class SimError(Exception):
    """Raised by a handler (or the harness) to answer with ``status`` and a JSON body."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        super().__init__(f"{status}: {body!r}")
        self.status = status
        self.body = body
        self.headers = headers or {}

    def response(self) -> httpx.Response:
        return json_response(self.body, status=self.status, headers=self.headers)


def _encode_default(value: object) -> object:
    if isinstance(value, Decimal):
        # Money stays Decimal in simulator state; on the wire it is a JSON number, and a float
        # whose repr equals the decimal text prints the same digits (12.99 -> 12.99).
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def json_bytes(body: Any) -> bytes:
    """``body`` as compact UTF-8 JSON; Decimal and datetime are written as vendors write them."""
    return json.dumps(body, default=_encode_default, ensure_ascii=False).encode("utf-8")


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> httpx.Response:
    """A JSON response; ``body=None`` with a 204 gives an empty one."""
    all_headers = {"Content-Type": JSON_TYPE, **(headers or {})}
    if body is None and status == 204:
        return httpx.Response(status, headers=headers or {})
    return httpx.Response(status, headers=all_headers, content=json_bytes(body))


def _parse_pairs(raw: str) -> list[tuple[str, str]]:
    return parse_qsl(raw, keep_blank_values=True)


def _first_values(pairs: list[tuple[str, str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for key, value in pairs:
        result.setdefault(key, value)
    return result


@dataclass
class SimRequest:
    """One request as a handler sees it; ``path`` is relative to the simulator's base path."""

    method: str
    path: str
    query_string: str = ""
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    body: bytes = b""
    params: dict[str, str] = field(default_factory=dict)
    full_path: str = ""
    route: str = ""

    def __post_init__(self) -> None:
        self._pairs = _parse_pairs(self.query_string)
        # First value wins, as in most web frameworks; use query_list for repeated keys.
        self.query: dict[str, str] = _first_values(self._pairs)
        if not self.full_path:
            self.full_path = self.path

    def query_list(self, name: str) -> list[str]:
        """Every value of a repeated key (``Statuses=a&Statuses=b``), also ``name[]=`` style."""
        names = {name, name + "[]"}
        return [value for key, value in self._pairs if key in names]

    query_all = query_list

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON; anything else answers 400 with a JSON error."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SimError(400, {"error": "invalid JSON body", "detail": str(exc)}) from exc

    def form(self) -> dict[str, str]:
        """An ``application/x-www-form-urlencoded`` body; first value wins."""
        try:
            return _first_values(_parse_pairs(self.body.decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise SimError(400, {"error": "invalid form body"}) from exc

    def form_list(self, name: str) -> list[str]:
        pairs = _parse_pairs(self.body.decode("utf-8", errors="replace"))
        return [value for key, value in pairs if key in {name, name + "[]"}]


def split_target(target: str) -> tuple[str, str]:
    """A request target (``/a/b?x=1``) split into its raw path and query string."""
    path, _, query = target.partition("?")
    return path or "/", query


def decode_param(raw: str) -> str:
    return unquote(raw)
