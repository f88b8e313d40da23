"""One attempt at one request: credentials, limits, the wire, and what the answer means."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import httpx

from app.vendors.http.call import IN_AUTH, Call
from app.vendors.http.errors_map import (
    MAYBE_APPLIED_STATUSES,
    NOT_SENT,
    auth_failed,
    protocol_error,
    rate_limited,
    rejected,
    unavailable,
    uncertain,
)
from app.vendors.http.retry import parse_retry_after

if TYPE_CHECKING:
    from app.vendors.http.client import VendorHttp


class Exchange:
    """Runs single attempts for a ``VendorHttp``; the retry loop is ``retry.run_with_retries``."""

    def __init__(self, http: VendorHttp, client: httpx.AsyncClient) -> None:
        self._http = http
        self._client = client
        self._log = logging.getLogger(f"counterpart.http.{http.vendor}")

    async def attempt(self, call: Call) -> httpx.Response:
        """Send once (twice if a renewable token was refused); raise a VendorError on failure."""
        response, used = await self._send_authenticated(call)
        if response.status_code == 401 and used is not None:
            token = IN_AUTH.set(True)
            try:
                again = await self._http.auth.on_unauthorized(self._http, used)
            finally:
                IN_AUTH.reset(token)
            if again:
                response, _ = await self._send_authenticated(call)
        return self._check(call, response)

    async def _send_authenticated(self, call: Call) -> tuple[httpx.Response, str | None]:
        request = call.build(self._client)
        used: str | None = None
        if call.authenticate:
            token = IN_AUTH.set(True)
            try:
                used = await self._http.auth.apply(request, self._http)
            finally:
                IN_AUTH.reset(token)
        return await self._send(call, request), used

    async def _send(self, call: Call, request: httpx.Request) -> httpx.Response:
        limiter = self._http.limiter
        async with limiter.semaphore:
            await limiter.acquire()
            started = time.perf_counter()
            try:
                response = await self._client.send(request)
            except httpx.TransportError as error:
                self._trace(request, type(error).__name__, started)
                raise self._transport_failure(call, error) from error
            except httpx.DecodingError as error:
                self._trace(request, "undecodable body", started)
                raise protocol_error(self._http.vendor, str(error)) from error
        self._trace(request, str(response.status_code), started)
        return response

    def _trace(self, request: httpx.Request, outcome: str, started: float) -> None:
        # Path only: query strings and headers may carry secrets.
        ms = round((time.perf_counter() - started) * 1000)
        self._log.info("%s %s -> %s in %d ms", request.method, request.url.path, outcome, ms)

    def _transport_failure(self, call: Call, error: httpx.TransportError) -> Exception:
        vendor = self._http.vendor
        if isinstance(error, NOT_SENT) or not call.is_write:
            return unavailable(vendor)
        call.maybe_sent = True
        return uncertain(vendor)

    def _check(self, call: Call, response: httpx.Response) -> httpx.Response:
        status, vendor = response.status_code, self._http.vendor
        if 200 <= status < 300:
            return response
        if status in (401, 403):
            raise auth_failed(vendor, status)
        if status == 429:
            raise self._rate_limited(call, response)
        if 400 <= status < 500:
            raise rejected(vendor, status, self._read_errors(response))
        if status >= 500:
            if status == 503:
                call.retry_after = self._retry_after(response)
            if call.is_write and status in MAYBE_APPLIED_STATUSES:
                call.maybe_sent = True
                raise uncertain(vendor, status)
            raise unavailable(vendor, status)
        raise protocol_error(vendor, f"unexpected HTTP {status}", status)

    def _rate_limited(self, call: Call, response: httpx.Response) -> Exception:
        call.retry_after = self._retry_after(response)
        if call.retry_after is not None:
            # Hold the vendor's other requests too: they would only earn more 429s.
            self._http.limiter.pause(self._http.retry_policy.honour(call.retry_after))
        return rate_limited(self._http.vendor, call.retry_after)

    def _retry_after(self, response: httpx.Response) -> float | None:
        return parse_retry_after(response.headers.get("Retry-After"), self._http.clock.now())

    def _read_errors(self, response: httpx.Response) -> list[str]:
        try:
            return list(self._http.error_reader(response))
        except Exception:  # a reader bug must not hide the vendor's refusal
            self._log.exception("error reader failed for HTTP %s", response.status_code)
            return []
