"""VendorHttp: the one HTTP runtime every vendor client talks through."""

from __future__ import annotations

import functools
import logging
import ssl
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from app import version
from app.vendors.errors import VendorError
from app.vendors.http.auth import AuthStrategy
from app.vendors.http.call import Call, QueryParams, make_call
from app.vendors.http.clock import Clock, SystemClock
from app.vendors.http.error_reader import ErrorReader, default_error_reader
from app.vendors.http.errors_map import protocol_error
from app.vendors.http.events import HttpEvent, Listener
from app.vendors.http.exchange import Exchange
from app.vendors.http.limits import RateLimit, RateLimiter
from app.vendors.http.retry import RetryPolicy, run_with_retries

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)


@functools.cache
def _tls() -> ssl.SSLContext:
    # One certificate store for every vendor: loading it costs tens of milliseconds per client.
    return httpx.create_ssl_context()


class VendorHttp:
    """One long-lived ``httpx.AsyncClient`` for one vendor, with its auth, limits and retries.

    Built by the composition root; ``aclose()`` on quit. ``transport`` lets demo mode and tests
    plug in a simulator.
    """

    def __init__(
        self,
        vendor: str,
        base_url: str,
        *,
        auth: AuthStrategy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        rate_limit: RateLimit | None = None,
        retry: RetryPolicy | None = None,
        error_reader: ErrorReader | None = None,
        listener: Listener | None = None,
        clock: Clock | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
        idempotency_header: str | None = "Idempotency-Key",
    ) -> None:
        self.vendor = vendor
        self.auth = auth or AuthStrategy()
        self.clock: Clock = clock or SystemClock()
        self.rate_limit = rate_limit or RateLimit()
        self.retry_policy = retry or RetryPolicy()
        self.limiter = RateLimiter(self.rate_limit, self.clock)
        self.error_reader: ErrorReader = error_reader or default_error_reader
        self.listener = listener
        self._idempotency_header = idempotency_header
        self._log = logging.getLogger(f"counterpart.http.{vendor}")
        base_headers = {"User-Agent": f"Counterpart/{version()}", "Accept": "application/json"}
        self._client = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={**base_headers, **(headers or {})},
            verify=_tls(),
            follow_redirects=False,  # a redirect would carry credentials to another place
        )
        self._exchange = Exchange(self, self._client)

    @property
    def base_url(self) -> httpx.URL:
        return self._client.base_url

    @property
    def max_concurrency(self) -> int:
        return self.rate_limit.max_concurrency

    @property
    def token_expires_at(self) -> datetime | None:
        """When the current access token expires (None if static or not fetched yet)."""
        return self.auth.expires_at

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> VendorHttp:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: QueryParams = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        retry: bool | None = None,
        authenticate: bool = True,
    ) -> httpx.Response:
        """Send one logical request (retried per policy); a 2xx response or a VendorError."""
        send = {
            "params": params,
            "json": json,
            "data": data,
            "content": content,
            "headers": headers,
        }
        call = self._call(method, url, send, idempotency_key, retry, authenticate)
        response, _ = await self._perform(call, parse=False)
        return response

    async def get_json(
        self,
        url: str,
        *,
        params: QueryParams = None,
        headers: Mapping[str, str] | None = None,
        retry: bool | None = None,
        authenticate: bool = True,
    ) -> Any:
        """GET and parse JSON; an unreadable body is a VendorProtocolError."""
        send = {"params": params, "headers": headers}
        call = self._call("GET", url, send, None, retry, authenticate)
        _, body = await self._perform(call, parse=True)
        return body

    async def post_json(
        self,
        url: str,
        *,
        json: Any = None,
        params: QueryParams = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        retry: bool | None = None,
        authenticate: bool = True,
    ) -> Any:
        """POST JSON, parse the JSON answer. Not retried unless keyed or ``retry=True``."""
        return await self.send_json(
            "POST",
            url,
            json=json,
            params=params,
            headers=headers,
            idempotency_key=idempotency_key,
            retry=retry,
            authenticate=authenticate,
        )

    async def send_json(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        params: QueryParams = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        retry: bool | None = None,
        authenticate: bool = True,
    ) -> Any:
        """Any method with a JSON body and a JSON answer (None for an empty answer)."""
        send = {"params": params, "json": json, "headers": headers}
        call = self._call(method, url, send, idempotency_key, retry, authenticate)
        _, body = await self._perform(call, parse=True)
        return body

    def parse_json(self, response: httpx.Response) -> Any:
        """The response's JSON, None for an empty body, or a VendorProtocolError."""
        if not response.content.strip():
            return None
        try:
            return response.json()
        except (ValueError, UnicodeDecodeError) as error:
            raise protocol_error(
                self.vendor, f"invalid JSON from {response.url.path}", response.status_code
            ) from error

    def protocol_error(self, what: str) -> VendorError:
        """For vendor clients: an answer had the wrong shape (``what`` goes to the log only)."""
        return protocol_error(self.vendor, what)

    async def _perform(self, call: Call, *, parse: bool) -> tuple[httpx.Response, Any]:
        try:
            response = await self._run(call)
            body = self.parse_json(response) if parse else None
        except VendorError as error:
            if call.authenticate:
                self._emit(error)
            raise
        if call.authenticate:
            self._emit(None)
        return response, body

    async def _run(self, call: Call) -> httpx.Response:
        return await run_with_retries(
            call,
            self._exchange.attempt,
            policy=self.retry_policy,
            sleep=self.clock.sleep,
            vendor=self.vendor,
            log=self._log,
        )

    def _call(
        self,
        method: str,
        url: str,
        send: dict[str, Any],
        idempotency_key: str | None,
        retry: bool | None,
        authenticate: bool,
    ) -> Call:
        return make_call(
            method,
            url,
            send=send,
            idempotency_key=idempotency_key,
            idempotency_header=self._idempotency_header,
            retry=retry,
            authenticate=authenticate,
        )

    def _emit(self, error: VendorError | None) -> None:
        if self.listener is None:
            return
        event = HttpEvent(
            vendor=self.vendor,
            ok=error is None,
            error=error,
            at=self.clock.now(),
            token_expires_at=self.auth.expires_at,
        )
        try:
            self.listener(event)
        except Exception:  # vendor health must never break a request
            self._log.exception("HTTP event listener failed")
