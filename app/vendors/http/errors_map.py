"""Turn what went wrong on the wire into a VendorError a cashier can act on."""

from __future__ import annotations

import httpx

from app.vendors import display_name
from app.vendors.errors import (
    VendorAuthFailed,
    VendorError,
    VendorProtocolError,
    VendorRateLimited,
    VendorRejected,
    VendorUnavailable,
    VendorUncertain,
)

# Failures that happen before a byte of the request left: nothing can have reached the vendor.
NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
)

# A server error on a write may come after the vendor committed it. fabric.md §5: "On timeouts or
# 5xx the order may exist, so reconcile before re-POSTing". 503 says the server did not take it.
MAYBE_APPLIED_STATUSES = frozenset({500, 502, 504})

_MAX_DETAIL_CHARS = 400


def unavailable(vendor: str, status: int | None = None) -> VendorUnavailable:
    name = display_name(vendor)
    if status is None:
        text = (
            f"{name} did not answer. Check the internet connection; "
            "the data on screen is from the last successful update."
        )
    else:
        text = (
            f"{name} is having trouble right now (error {status}). Try again in a few "
            "minutes; the data on screen is from the last successful update."
        )
    return VendorUnavailable(vendor, text, status=status)


def uncertain(vendor: str, status: int | None = None) -> VendorUncertain:
    name = display_name(vendor)
    text = (
        f"The request was sent to {name} but no answer came back, so {name} may or may "
        "not have received it; it will be checked before anything is resent."
    )
    return VendorUncertain(vendor, text, status=status)


def rate_limited(vendor: str, retry_after: float | None) -> VendorRateLimited:
    name = display_name(vendor)
    when = f"in {round(retry_after)} seconds" if retry_after else "in a moment"
    text = f"{name} asked Counterpart to slow down. It will try again {when}."
    return VendorRateLimited(vendor, text, retry_after=retry_after)


def auth_failed(vendor: str, status: int | None = None) -> VendorAuthFailed:
    name = display_name(vendor)
    text = f"{name} refused the credentials. Check them in Settings > {name}."
    return VendorAuthFailed(vendor, text, status=status)


def rejected(vendor: str, status: int, details: list[str]) -> VendorRejected:
    name = display_name(vendor)
    clean = tuple(d.strip() for d in details if d and d.strip())
    if clean:
        joined = " ".join(d if d.endswith((".", "!", "?")) else f"{d}." for d in clean)
        text = f"{name} refused the request: {joined}"
        if len(text) > _MAX_DETAIL_CHARS:
            text = text[: _MAX_DETAIL_CHARS - 1] + "…"
    elif status == 404:
        text = f"{name} could not find what was asked for (error 404). It may have been removed."
    else:
        text = (
            f"{name} refused the request (error {status}). Check the entry and try again; "
            "if it keeps happening, contact the vendor's support."
        )
    return VendorRejected(vendor, text, details=clean, status=status)


def protocol_error(vendor: str, what: str | None = None, status: int | None = None) -> VendorError:
    name = display_name(vendor)
    text = (
        f"{name} sent an answer Counterpart could not read. Try again later; if it keeps "
        "happening, report it to support."
    )
    error = VendorProtocolError(vendor, text, status=status)
    error.add_note(what or "unreadable answer")  # for the log, never shown to staff
    return error
