"""Logging: a rotating file per install, per-subsystem loggers, and secrets scrubbed from it all.

Loggers are named ``counterpart.<subsystem>`` (``counterpart.http.vroom``, ``counterpart.outbox``).
"""

from __future__ import annotations

import logging
import re
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

REDACTED = "[redacted]"
_known_secrets: set[str] = set()
_lock = threading.Lock()

# Header and parameter shapes that carry credentials whatever their value.
_PATTERNS = (
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(basic|bearer)?\s*[^\s\"',}]+"),
    re.compile(r"(?i)(x-ea-request-token[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
    re.compile(
        r"(?i)([\"']?(?:password|client_secret|access_?token|refresh_?token|token)[\"']?"
        r"\s*[:=]\s*[\"']?)[^\s\"',}&]+"
    ),
)


def register_secret(value: str) -> None:
    """Remember a secret so it is replaced wherever it shows up in a log record."""
    if value and len(value) >= 4:
        with _lock:
            _known_secrets.add(value)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
    with _lock:
        secrets = sorted(_known_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class RedactingFormatter(logging.Formatter):
    """Scrubs the finished line, traceback included.

    A formatter rather than a filter: a filter would have to rewrite the shared record, and every
    other handler (a console, a test's capture) would then lose the traceback too.
    """

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send ``counterpart.*`` records to ``log_dir/counterpart.log`` (5 x 2 MB, rotating)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "counterpart.log"
    root = logging.getLogger("counterpart")
    for handler in list(root.handlers):
        if getattr(handler, "_counterpart", False):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter(_FORMAT))
    handler._counterpart = True  # type: ignore[attr-defined]  # marks our own handler
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs request lines at INFO; route them through the same scrubbed file.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("httpx").addHandler(handler)
    return path
