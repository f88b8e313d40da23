"""Credentials: static headers, OAuth tokens and vendor sessions, renewed without loops."""

from __future__ import annotations

import asyncio
import base64
from datetime import timedelta
from typing import Any

import httpx
import pytest
import respx

from app.vendors.errors import VendorAuthFailed, VendorRejected
from app.vendors.http import (
    BasicAuth,
    BearerToken,
    HeaderToken,
    HttpEvent,
    OAuthClientCredentials,
    SessionToken,
    TokenSession,
    VendorHttp,
)
from tests.vendors.http.conftest import START, FakeClock, make_http

API = "https://api.test/v1/items"
TOKEN_URL = "https://auth.test/v1/auth/token/"


async def _slow_ok(request: httpx.Request) -> httpx.Response:
    """An answer that lets other requests run meanwhile, so concurrency is real."""
    for _ in range(3):
        await asyncio.sleep(0)
    return httpx.Response(200, json={"auth": request.headers.get("Authorization")})


def _bearers(route: respx.Route) -> list[str]:
    return [call.request.headers["Authorization"] for call in route.calls]


def _token(access: str, expires_in: int | None = 3600) -> httpx.Response:
    body: dict[str, Any] = {"access_token": access, "token_type": "Bearer"}
    if expires_in is not None:
        body["expires_in"] = expires_in
    return httpx.Response(200, json=body)


def _oauth(clock: FakeClock, **kwargs: Any) -> VendorHttp:
    auth = OAuthClientCredentials(TOKEN_URL, "abc", "s3cret", refresh_margin=600, **kwargs)
    return make_http(clock, "fabric", auth=auth)


@pytest.mark.parametrize(
    ("auth", "header", "value"),
    [
        (
            BasicAuth("m@example.com", "pw"),
            "Authorization",
            "Basic " + base64.b64encode(b"m@example.com:pw").decode(),
        ),
        (BearerToken("yod-tok"), "Authorization", "Bearer yod-tok"),
        (HeaderToken("X-EA-REQUEST-TOKEN", "ea-tok"), "X-EA-REQUEST-TOKEN", "ea-tok"),
    ],
)
def test_static_credentials_go_on_every_request(
    clock: FakeClock, auth: Any, header: str, value: str
) -> None:
    async def go() -> None:
        http = make_http(clock, auth=auth)
        try:
            await http.get_json("/items")
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        route = router.get(API).respond(200, json=[])
        asyncio.run(go())
    assert [c.request.headers[header] for c in route.calls] == [value, value]
    assert "pw" not in repr(auth) and "tok" not in repr(auth)


def test_static_credentials_refused_fail_at_once(clock: FakeClock) -> None:
    async def go() -> None:
        http = make_http(clock, auth=BearerToken("old"))
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        route = router.get(API).respond(401)
        with pytest.raises(VendorAuthFailed):
            asyncio.run(go())
    assert route.call_count == 1


def test_oauth_token_is_fetched_with_a_form_and_reused(clock: FakeClock) -> None:
    async def go() -> VendorHttp:
        http = _oauth(clock)
        try:
            await http.get_json("/items")
            await http.get_json("/items")
        finally:
            await http.aclose()
        return http

    with respx.mock() as router:
        token = router.post(TOKEN_URL).mock(side_effect=[_token("T1")])
        api = router.get(API).respond(200, json={})
        http = asyncio.run(go())
    sent = token.calls.last.request
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.content == b"grant_type=client_credentials&client_id=abc&client_secret=s3cret"
    assert _bearers(api) == ["Bearer T1", "Bearer T1"]
    assert http.token_expires_at == START + timedelta(hours=1)


def test_oauth_token_is_renewed_a_margin_before_it_expires(clock: FakeClock) -> None:
    async def go() -> None:
        http = _oauth(clock)
        try:
            await http.get_json("/items")
            clock.advance(2999)  # 1 s before the 10-minute margin
            await http.get_json("/items")
            clock.advance(2)  # inside the margin, still before expiry
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        token = router.post(TOKEN_URL).mock(side_effect=[_token("T1"), _token("T2")])
        api = router.get(API).respond(200, json={})
        asyncio.run(go())
    assert token.call_count == 2
    assert _bearers(api) == ["Bearer T1", "Bearer T1", "Bearer T2"]


def test_oauth_without_expires_in_assumes_ten_hours(clock: FakeClock) -> None:
    async def go() -> VendorHttp:
        http = _oauth(clock)
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()
        return http

    with respx.mock() as router:
        router.post(TOKEN_URL).mock(side_effect=[_token("T1", expires_in=None)])
        router.get(API).respond(200, json={})
        http = asyncio.run(go())
    assert http.token_expires_at == START + timedelta(hours=10)


def test_oauth_401_renews_exactly_once_then_gives_up(clock: FakeClock) -> None:
    events: list[HttpEvent] = []

    async def go() -> None:
        http = _oauth(clock)
        http.listener = events.append
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        token = router.post(TOKEN_URL).mock(side_effect=[_token("T1"), _token("T2"), _token("T3")])
        api = router.get(API).respond(401)
        with pytest.raises(VendorAuthFailed) as caught:
            asyncio.run(go())
    assert token.call_count == 2
    assert _bearers(api) == ["Bearer T1", "Bearer T2"]
    assert "Settings > fabric Marketplace" in caught.value.message
    assert len(events) == 1 and events[0].token_expires_at == START + timedelta(hours=1)


def test_oauth_401_then_success_with_the_new_token(clock: FakeClock) -> None:
    async def go() -> Any:
        http = _oauth(clock)
        try:
            return await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.post(TOKEN_URL).mock(side_effect=[_token("T1"), _token("T2")])
        router.get(API).mock(side_effect=[httpx.Response(401), httpx.Response(200, json=[1])])
        assert asyncio.run(go()) == [1]


def test_oauth_refused_client_secret_is_an_auth_failure(clock: FakeClock) -> None:
    async def go() -> None:
        http = _oauth(clock)
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock(assert_all_called=False) as router:
        token = router.post(TOKEN_URL).respond(400, json={"error": "invalid_client"})
        api = router.get(API).respond(200, json={})
        with pytest.raises(VendorAuthFailed):
            asyncio.run(go())
    assert token.call_count == 1 and api.call_count == 0


def test_concurrent_requests_share_one_token_fetch(clock: FakeClock) -> None:
    async def slow_token(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)
        return _token(f"T{token.call_count + 1}")

    async def go() -> None:
        http = _oauth(clock)
        try:
            await asyncio.gather(*(http.get_json("/items") for _ in range(6)))
        finally:
            await http.aclose()

    with respx.mock() as router:
        token = router.post(TOKEN_URL).mock(side_effect=slow_token)
        api = router.get(API).mock(side_effect=_slow_ok)
        asyncio.run(go())
    assert token.call_count == 1
    assert set(_bearers(api)) == {"Bearer T1"}


def test_concurrent_401s_share_one_renewal(clock: FakeClock) -> None:
    async def api_answer(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)
        if request.headers["Authorization"] == "Bearer T1":
            return httpx.Response(401)
        return await _slow_ok(request)

    async def go() -> None:
        http = _oauth(clock)
        try:
            await http.get_json("/items")  # holds T1
            await asyncio.gather(*(http.get_json("/items") for _ in range(5)))
        finally:
            await http.aclose()

    calls = {"n": 0}

    async def first_ok_then(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(200, json={})
        return await api_answer(request)

    with respx.mock() as router:
        token = router.post(TOKEN_URL).mock(side_effect=[_token("T1"), _token("T2"), _token("T3")])
        router.get(API).mock(side_effect=first_ok_then)
        asyncio.run(go())
    assert token.call_count == 2  # the first token and exactly one renewal


# --- TokenSession (posiflora.md §2) ------------------------------------------------------------


class Sessions:
    """Scripted create/refresh callables that count their calls."""

    def __init__(self, clock: FakeClock, refresh_ok: bool = True, create_ok: bool = True) -> None:
        self.clock, self.refresh_ok, self.create_ok = clock, refresh_ok, create_ok
        self.created = self.refreshed = 0

    def _session(self, access: str) -> SessionToken:
        return SessionToken(
            access,
            f"R-{access}",
            self.clock.now() + timedelta(hours=1),
            self.clock.now() + timedelta(days=30),
        )

    async def create(self, http: VendorHttp) -> SessionToken:
        self.created += 1
        await asyncio.sleep(0)
        if not self.create_ok:
            raise VendorRejected(http.vendor, "bad password", status=400)
        return self._session(f"C{self.created}")

    async def refresh(self, http: VendorHttp, current: SessionToken) -> SessionToken:
        self.refreshed += 1
        assert current.refresh == f"R-{current.access}"
        if not self.refresh_ok:
            raise VendorAuthFailed(http.vendor, "refresh token expired", status=401)
        return self._session(f"F{self.refreshed}")


def _posiflora(clock: FakeClock, sessions: Sessions) -> VendorHttp:
    auth = TokenSession(sessions.create, sessions.refresh)
    return make_http(clock, "posiflora", auth=auth)


def test_session_is_created_then_refreshed_before_expiry(clock: FakeClock) -> None:
    sessions = Sessions(clock)

    async def go() -> VendorHttp:
        http = _posiflora(clock, sessions)
        try:
            await http.get_json("/items")
            clock.advance(3600 - 61)
            await http.get_json("/items")
            clock.advance(2)  # now within 60 s of expireAt
            await http.get_json("/items")
        finally:
            await http.aclose()
        return http

    with respx.mock() as router:
        api = router.get(API).respond(200, json={})
        http = asyncio.run(go())
    assert (sessions.created, sessions.refreshed) == (1, 1)
    assert _bearers(api) == ["Bearer C1", "Bearer C1", "Bearer F1"]
    assert http.token_expires_at == clock.now() + timedelta(hours=1)


def test_session_401_refresh_fails_new_session_then_gives_up(clock: FakeClock) -> None:
    sessions = Sessions(clock, refresh_ok=False)

    async def go() -> None:
        http = _posiflora(clock, sessions)
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        api = router.get(API).respond(401)
        with pytest.raises(VendorAuthFailed) as caught:
            asyncio.run(go())
    assert (sessions.refreshed, sessions.created) == (1, 2)
    assert _bearers(api) == ["Bearer C1", "Bearer C2"]
    assert caught.value.message == (
        "Posiflora refused the credentials. Check them in Settings > Posiflora."
    )


def test_session_that_cannot_be_created_is_an_auth_failure(clock: FakeClock) -> None:
    sessions = Sessions(clock, create_ok=False)

    async def go() -> None:
        http = _posiflora(clock, sessions)
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock(assert_all_called=False) as router:
        api = router.get(API).respond(200, json={})
        with pytest.raises(VendorAuthFailed):
            asyncio.run(go())
    assert sessions.created == 1 and api.call_count == 0


def test_concurrent_requests_share_one_new_session(clock: FakeClock) -> None:
    sessions = Sessions(clock)

    async def go() -> None:
        http = _posiflora(clock, sessions)
        try:
            await asyncio.gather(*(http.get_json("/items") for _ in range(5)))
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.get(API).mock(side_effect=_slow_ok)
        asyncio.run(go())
    assert (sessions.created, sessions.refreshed) == (1, 0)


def test_session_calls_go_through_the_runtime_without_bearer(clock: FakeClock) -> None:
    async def create(http: VendorHttp) -> SessionToken:
        body = await http.post_json(
            "/sessions", json={"data": {"type": "sessions"}}, authenticate=False
        )
        attrs = body["data"]["attributes"]
        return SessionToken(
            attrs["accessToken"], attrs["refreshToken"], clock.now() + timedelta(hours=1)
        )

    async def go() -> None:
        http = make_http(clock, "posiflora", auth=TokenSession(create))
        try:
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        made = router.post("https://api.test/v1/sessions").respond(
            200, json={"data": {"attributes": {"accessToken": "A", "refreshToken": "R"}}}
        )
        api = router.get(API).respond(200, json={})
        asyncio.run(go())
    assert "Authorization" not in made.calls.last.request.headers
    assert _bearers(api) == ["Bearer A"]
