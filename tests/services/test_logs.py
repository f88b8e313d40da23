"""Secrets never reach the log file, whatever shape they travel in."""

from __future__ import annotations

import logging
from pathlib import Path

from app.services.logs import setup_logging
from app.services.secrets import SecretStore


def read_log(path: Path) -> str:
    for handler in logging.getLogger("counterpart").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_known_secrets_and_auth_headers_are_redacted(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    SecretStore({"COUNTERPART_YODIFY_TOKEN": "tok-9f8e7d6c"}).get("yodify")
    log = logging.getLogger("counterpart.http.yodify")
    log.info("sent with token %s", "tok-9f8e7d6c")
    log.info("headers: {'Authorization': 'Basic bWFuYWdlcjpodW50ZXIy'}")
    log.info("X-EA-REQUEST-TOKEN: ea-abcdef123")
    log.info('body {"password": "hunter22", "username": "manager"}')
    try:
        raise RuntimeError("failed with tok-9f8e7d6c")
    except RuntimeError:
        log.exception("boom")
    text = read_log(path)
    for secret in ("tok-9f8e7d6c", "bWFuYWdlcjpodW50ZXIy", "ea-abcdef123", "hunter22"):
        assert secret not in text
    assert "[redacted]" in text
    assert "username" in text and "manager" in text  # only secrets go, not the whole line
    assert "RuntimeError" in text  # the traceback itself is kept


def test_log_rotates_instead_of_growing_forever(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("counterpart.test")
    line = "x" * 1000
    for _ in range(2500):
        log.info(line)
    read_log(path)
    assert (tmp_path / "logs" / "counterpart.log.1").exists()
    assert path.stat().st_size <= 2_000_000
