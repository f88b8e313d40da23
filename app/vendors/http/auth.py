"""How each vendor wants to be told who we are. Static credentials live here; tokens that expire
live in ``tokens``.

A strategy puts credentials on a request (``apply``) and, for expiring tokens, gets a new one once
after a 401 (``on_unauthorized``). ``apply`` returns the credential it used so that a 401 for an
already-replaced token does not trigger a second renewal.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp


class AuthStrategy:
    """No credentials at all; the base of every strategy."""

    @property
    def expires_at(self) -> datetime | None:
        """When the current token stops working (None: it does not expire, or none yet)."""
        return None

    async def apply(self, request: httpx.Request, http: VendorHttp) -> str | None:
        """Add credentials to ``request``; return the token used when it can be renewed."""
        return None

    async def on_unauthorized(self, http: VendorHttp, used: str) -> bool:
        """After a 401 for ``used``: renew once and say whether to send the request again."""
        return False

    def __repr__(self) -> str:  # never show a secret in a log or traceback
        return f"{type(self).__name__}(…)"


class BasicAuth(AuthStrategy):
    """HTTP Basic (vroom-and-endless-aisles.md §A1: portal email and password)."""

    def __init__(self, username: str, password: str) -> None:
        raw = f"{username}:{password}".encode()
        self._header = "Basic " + base64.b64encode(raw).decode("ascii")

    async def apply(self, request: httpx.Request, http: VendorHttp) -> str | None:
        request.headers["Authorization"] = self._header
        return None


class HeaderToken(AuthStrategy):
    """A static token in a header of the vendor's choosing (Endless Aisles: X-EA-REQUEST-TOKEN)."""

    def __init__(self, header: str, token: str, *, prefix: str = "") -> None:
        self._header = header
        self._value = f"{prefix}{token}"

    async def apply(self, request: httpx.Request, http: VendorHttp) -> str | None:
        request.headers[self._header] = self._value
        return None


class BearerToken(HeaderToken):
    """A static ``Authorization: Bearer`` token from configuration (Yodify)."""

    def __init__(self, token: str) -> None:
        super().__init__("Authorization", token, prefix="Bearer ")
