"""What can go wrong talking to a vendor, in classes the UI can switch on.

Every error carries the vendor and a sentence a cashier can act on: what happened and what to do.
"""

from __future__ import annotations

from app.vendors import display_name


class VendorError(Exception):
    """Base of every failure talking to a vendor."""

    kind = "error"

    def __init__(self, vendor: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.vendor = vendor
        self.message = message
        self.status = status

    @property
    def vendor_name(self) -> str:
        return display_name(self.vendor)

    def __str__(self) -> str:
        return self.message


class VendorUnavailable(VendorError):
    """Network down, timeout or a 5xx: try again later; queued writes stay queued."""

    kind = "unavailable"


class VendorRateLimited(VendorError):
    """The vendor asked us to slow down (429)."""

    kind = "rate_limited"

    def __init__(
        self, vendor: str, message: str, *, retry_after: float | None = None, status: int = 429
    ) -> None:
        super().__init__(vendor, message, status=status)
        self.retry_after = retry_after


class VendorRejected(VendorError):
    """The vendor refused the request (4xx) and said why; ``details`` are plain sentences."""

    kind = "rejected"

    def __init__(
        self, vendor: str, message: str, *, details: tuple[str, ...] = (), status: int | None = None
    ) -> None:
        super().__init__(vendor, message, status=status)
        self.details = details


class VendorAuthFailed(VendorError):
    """Credentials were refused: someone must fix them in Settings."""

    kind = "auth_failed"


class VendorProtocolError(VendorError):
    """The vendor answered with something we cannot understand."""

    kind = "protocol"


class VendorUncertain(VendorUnavailable):
    """A write was sent but no answer came back: it may or may not have been applied."""

    kind = "uncertain"
