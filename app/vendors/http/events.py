"""What the runtime tells vendor health after each logical request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.vendors.errors import VendorError


@dataclass(frozen=True, slots=True)
class HttpEvent:
    """One finished request (after retries): did it work, and if not, why."""

    vendor: str
    ok: bool
    error: VendorError | None
    at: datetime
    token_expires_at: datetime | None = None


Listener = Callable[[HttpEvent], None]
