"""A logical request: what to send, whether it may be sent again, and what its attempts learned."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

QueryParams = Mapping[str, Any] | list[tuple[str, Any]] | None

# Set while credentials are being fetched, so a token request is not retried inside a request
# that is itself retried (attempts would multiply).
IN_AUTH: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "counterpart_http_in_auth", default=False
)


@dataclass(slots=True)
class Call:
    """A logical request and what its attempts have learned so far."""

    method: str
    url: str
    kwargs: dict[str, Any]
    retryable: bool
    is_write: bool  # a real write: an unanswered attempt leaves its outcome unknown
    authenticate: bool
    maybe_sent: bool = False
    retry_after: float | None = None

    def build(self, client: httpx.AsyncClient) -> httpx.Request:
        return client.build_request(self.method, self.url, **self.kwargs)


def is_retryable(method: str, *, idempotency_key: str | None, retry: bool | None) -> bool:
    """Reads, keyed writes and writes the caller vouches for; ``retry=False`` forbids it."""
    if retry is not None:
        return retry
    return method.upper() in SAFE_METHODS or idempotency_key is not None


def make_call(
    method: str,
    url: str,
    *,
    send: dict[str, Any],
    idempotency_key: str | None,
    idempotency_header: str | None,
    retry: bool | None,
    authenticate: bool,
) -> Call:
    """``send`` holds httpx's params/json/data/content/headers; None values are dropped."""
    method = method.upper()
    headers = dict(send.get("headers") or {})
    if idempotency_key is not None and idempotency_header:
        headers[idempotency_header] = idempotency_key
    kwargs = {k: v for k, v in {**send, "headers": headers}.items() if v is not None}
    return Call(
        method=method,
        url=url,
        kwargs=kwargs,
        retryable=is_retryable(method, idempotency_key=idempotency_key, retry=retry)
        and not IN_AUTH.get(),
        # retry=True marks a POST that is really a read (Vroom's /analytics/*).
        is_write=method not in SAFE_METHODS and retry is not True,
        authenticate=authenticate,
    )
