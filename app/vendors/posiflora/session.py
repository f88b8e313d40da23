"""Posiflora sessions: created with username and password, refreshed with the refresh token.

posiflora.md §2: ``POST /v1/sessions`` and ``PATCH /v1/sessions`` take no bearer token and answer
200 with a ``sessions`` resource carrying ``accessToken``, ``expireAt``, ``refreshToken`` and
``refreshExpireAt``. The runtime's :class:`TokenSession` decides when to call which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.vendors.errors import VendorProtocolError
from app.vendors.http.tokens import SessionToken, TokenSession
from app.vendors.posiflora.jsonapi import MEDIA_TYPE, VENDOR, encode, parse_document, resource_body
from app.vendors.posiflora.wire import timestamp

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp

SESSIONS_PATH = "/v1/sessions"
HEADERS = {"Content-Type": MEDIA_TYPE, "Accept": MEDIA_TYPE}


def _token(body: Any) -> SessionToken:
    attrs = parse_document(body).one().attributes
    access = attrs.get("accessToken")
    if not isinstance(access, str) or not access:
        raise VendorProtocolError(VENDOR, "Posiflora answered the sign-in without an access token.")
    refresh = attrs.get("refreshToken")
    return SessionToken(
        access=access,
        refresh=refresh if isinstance(refresh, str) and refresh else None,
        expires_at=timestamp(attrs.get("expireAt")),
        refresh_expires_at=timestamp(attrs.get("refreshExpireAt")),
    )


class PosifloraSessions:
    """The two session calls, for ``TokenSession(create=..., refresh=...)``."""

    def __init__(self, username: str, password: str) -> None:
        self._username = username
        self._password = password

    def __repr__(self) -> str:  # never show the password
        return f"PosifloraSessions(username={self._username!r})"

    async def create(self, http: VendorHttp) -> SessionToken:
        body = resource_body("sessions", {"username": self._username, "password": self._password})
        return await self._call(http, "POST", body)

    async def refresh(self, http: VendorHttp, current: SessionToken) -> SessionToken:
        body = resource_body("sessions", {"refreshToken": current.refresh})
        return await self._call(http, "PATCH", body)

    async def _call(self, http: VendorHttp, method: str, body: dict[str, Any]) -> SessionToken:
        # A session call changes nothing a retry could double: safe to retry like a read.
        response = await http.request(
            method,
            SESSIONS_PATH,
            content=encode(body),
            headers=HEADERS,
            retry=True,
            authenticate=False,
        )
        return _token(http.parse_json(response))

    def auth(self, *, refresh_margin: float = 60.0) -> TokenSession:
        """The runtime strategy: refresh a minute before ``expireAt`` (posiflora.md §2.3)."""
        return TokenSession(self.create, self.refresh, refresh_margin=refresh_margin)
