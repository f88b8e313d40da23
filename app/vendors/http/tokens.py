"""Tokens that expire: renewed a margin before expiry, once after a 401, one renewal at a time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx

from app.vendors.errors import VendorAuthFailed, VendorProtocolError, VendorRejected
from app.vendors.http.auth import AuthStrategy
from app.vendors.http.errors_map import auth_failed, protocol_error

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp

_log = logging.getLogger("counterpart.http.auth")

# Failures that mean "these credentials or this token will not do", as opposed to "no network".
_REFUSED = (VendorRejected, VendorAuthFailed)


@dataclass(frozen=True, slots=True)
class SessionToken:
    """A session as a vendor hands it out. ``refresh`` may be None if the vendor has none."""

    access: str = field(repr=False)
    refresh: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None


class RenewingAuth(AuthStrategy):
    """A cached bearer token, renewed under one lock so concurrent requests never stampede."""

    def __init__(self, refresh_margin: float) -> None:
        self._margin = timedelta(seconds=refresh_margin)
        self._lock = asyncio.Lock()
        self._access: str | None = None
        self._expires_at: datetime | None = None
        self._renew_at: datetime | None = None

    @property
    def expires_at(self) -> datetime | None:
        return self._expires_at

    def _store(self, access: str, expires_at: datetime | None, now: datetime) -> None:
        self._access, self._expires_at = access, expires_at
        if expires_at is None:
            self._renew_at = None
            return
        # A short-lived token must not be renewed on every request: use at most half its life.
        margin = min(self._margin, max(expires_at - now, timedelta(0)) / 2)
        self._renew_at = expires_at - margin

    def _fresh(self, now: datetime) -> bool:
        return self._access is not None and (self._renew_at is None or now < self._renew_at)

    async def apply(self, request: httpx.Request, http: VendorHttp) -> str | None:
        if not self._fresh(http.clock.now()):
            async with self._lock:
                if not self._fresh(http.clock.now()):  # another request may have just renewed it
                    await self._renew(http)
        assert self._access is not None  # _renew stores a token or raises
        request.headers["Authorization"] = f"Bearer {self._access}"
        return self._access

    async def on_unauthorized(self, http: VendorHttp, used: str) -> bool:
        async with self._lock:
            if self._access is not None and self._access != used:
                return True  # renewed by a concurrent request while this one was in flight
            await self._renew(http)
        return True

    async def _renew(self, http: VendorHttp) -> None:
        raise NotImplementedError


class OAuthClientCredentials(RenewingAuth):
    """OAuth2 client-credentials grant, credentials in a form body (fabric.md §2)."""

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        *,
        refresh_margin: float = 600.0,
        default_lifetime: float = 36000.0,  # fabric.md §2: tokens are valid for 10 hours
    ) -> None:
        super().__init__(refresh_margin)
        self.token_url = token_url
        self._form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        }
        self._default_lifetime = default_lifetime

    async def _renew(self, http: VendorHttp) -> None:
        try:
            response = await http.request(
                "POST", self.token_url, data=self._form, retry=True, authenticate=False
            )
        except _REFUSED as error:
            raise auth_failed(http.vendor, error.status) from error
        body = http.parse_json(response)
        access = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(access, str) or not access:
            raise protocol_error(http.vendor, "token answer without access_token")
        lifetime = _seconds(body.get("expires_in"), self._default_lifetime)
        now = http.clock.now()
        self._store(access, now + timedelta(seconds=lifetime), now)


def _seconds(value: Any, default: float) -> float:
    # fabric.md §2: the token answer is undocumented; expires_in may be absent or a string.
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return default
    return seconds if seconds > 0 else default


CreateSession = Callable[["VendorHttp"], Awaitable[SessionToken]]
RefreshSession = Callable[["VendorHttp", SessionToken], Awaitable[SessionToken]]


class TokenSession(RenewingAuth):
    """A vendor session: refresh it while the refresh token lasts, otherwise start a new one.

    ``create`` and ``refresh`` do the vendor's own calls through ``http`` with
    ``authenticate=False`` (posiflora.md §2.1-2.2).
    """

    def __init__(
        self,
        create: CreateSession,
        refresh: RefreshSession | None = None,
        *,
        refresh_margin: float = 60.0,  # posiflora.md §2.3: refresh when now > expireAt - 60 s
    ) -> None:
        super().__init__(refresh_margin)
        self._create = create
        self._refresh = refresh
        self.session: SessionToken | None = None

    async def _renew(self, http: VendorHttp) -> None:
        now = http.clock.now()
        renewed = await self._try_refresh(http, now)
        if renewed is None:
            try:
                renewed = await self._create(http)
            except _REFUSED as error:
                raise auth_failed(http.vendor, error.status) from error
        self._keep(renewed, now)

    async def _try_refresh(self, http: VendorHttp, now: datetime) -> SessionToken | None:
        current = self.session
        if self._refresh is None or current is None or current.refresh is None:
            return None
        if current.refresh_expires_at is not None and now >= current.refresh_expires_at:
            return None
        try:
            return await self._refresh(http, current)
        except (*_REFUSED, VendorProtocolError):
            _log.info("%s: session refresh refused; starting a new session", http.vendor)
            return None

    def _keep(self, renewed: SessionToken, now: datetime) -> None:
        previous = self.session
        # posiflora.md §2.2: keep the old refresh token when the answer carries none.
        if renewed.refresh is None and previous is not None and previous.refresh is not None:
            renewed = replace(
                renewed,
                refresh=previous.refresh,
                refresh_expires_at=renewed.refresh_expires_at or previous.refresh_expires_at,
            )
        self.session = renewed
        self._store(renewed.access, renewed.expires_at, now)
