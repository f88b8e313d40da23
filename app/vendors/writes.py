"""What a vendor's write handler reads of an outbox entry.

The services' ``OutboxEntry`` fits this; vendors describe it here rather than import services.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol


class PendingWrite(Protocol):
    @property
    def payload(self) -> dict[str, Any]: ...

    @property
    def idempotency_key(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...
