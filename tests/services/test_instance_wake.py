"""The wake channel over real loopback sockets: a second start reaches the open window, or hears
nothing — quickly — when the address is stale, wrong or unreadable."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from pathlib import Path

import pytest

from app.services import instance_wake
from app.services.instance_wake import (
    WakeServer,
    read_address,
    request_wake,
    wake_file,
    wake_running_instance,
)


class Recorder:
    def __init__(self, answer: bool = True) -> None:
        self.requests: list[str] = []
        self.answer = answer

    def __call__(self, request: str) -> bool:
        self.requests.append(request)
        return self.answer


def free_port() -> int:
    """A port nothing listens on any more: what a crashed window leaves in its file."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def write_address(data_dir: Path, port: int, nonce: str = "a" * 32) -> None:
    wake_file(data_dir).write_text(json.dumps({"port": port, "nonce": nonce, "pid": 1}))


def test_show_request_reaches_the_window_and_is_acknowledged(tmp_path: Path) -> None:
    handler = Recorder()

    async def scenario() -> bool:
        server = WakeServer(tmp_path, handler)
        await server.start()
        try:
            return await request_wake(tmp_path)
        finally:
            await server.aclose()

    assert asyncio.run(scenario()) is True
    assert handler.requests == ["show"]


def test_nonce_never_reaches_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario() -> str:
        server = WakeServer(tmp_path, Recorder())
        await server.start()
        try:
            address = read_address(tmp_path)
            assert address is not None
            write_address(tmp_path, address.port, "b" * 32)  # a wrong nonce gets logged as such
            await request_wake(tmp_path)
            return address.nonce
        finally:
            await server.aclose()

    nonce = asyncio.run(scenario())
    assert nonce not in caplog.text
    assert "b" * 32 not in caplog.text


def test_wrong_nonce_is_ignored(tmp_path: Path) -> None:
    handler = Recorder()

    async def scenario() -> bool:
        server = WakeServer(tmp_path, handler)
        await server.start()
        try:
            assert server.port is not None
            write_address(tmp_path, server.port, "0123456789abcdef" * 2)
            return await request_wake(tmp_path)
        finally:
            await server.aclose()

    assert asyncio.run(scenario()) is False
    assert handler.requests == []


def test_garbage_from_another_program_is_ignored_and_the_window_still_answers(
    tmp_path: Path,
) -> None:
    handler = Recorder()

    async def poke(port: int, payload: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(payload)
        writer.write_eof()
        answer = await reader.read()
        writer.close()
        await writer.wait_closed()
        return answer

    async def scenario() -> tuple[list[bytes], bool]:
        server = WakeServer(tmp_path, handler)
        await server.start()
        try:
            assert server.port is not None
            answers = [
                await poke(server.port, payload)
                for payload in (
                    b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"\xff\xfe\x00 show\n",
                    b"x" * 5000 + b"\n",
                    b"",
                    b"show\n",
                )
            ]
            return answers, await request_wake(tmp_path)
        finally:
            await server.aclose()

    answers, woke = asyncio.run(scenario())
    assert answers == [b""] * 5
    assert woke is True
    assert handler.requests == ["show"]


def test_unknown_request_or_a_refusing_window_is_not_acknowledged(tmp_path: Path) -> None:
    refusing = Recorder(answer=False)

    async def scenario() -> bool:
        server = WakeServer(tmp_path, refusing)
        await server.start()
        try:
            return await request_wake(tmp_path, "format-disk")
        finally:
            await server.aclose()

    assert asyncio.run(scenario()) is False
    assert refusing.requests == ["format-disk"]


def test_stale_file_is_no_answer_and_quick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # With a long answer limit, only a refused connection can make this return in seconds.
    monkeypatch.setattr(instance_wake, "ANSWER_SECONDS", 60.0)
    write_address(tmp_path, free_port())
    started = time.monotonic()
    assert wake_running_instance(tmp_path) is False
    assert time.monotonic() - started < 20


def test_hung_window_is_no_answer_after_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instance_wake, "ANSWER_SECONDS", 0.3)
    with socket.socket() as silent:  # accepts (the OS does) but never replies, like a hung window
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        write_address(tmp_path, silent.getsockname()[1])
        assert wake_running_instance(tmp_path) is False


def test_file_is_written_while_listening_and_removed_on_close(tmp_path: Path) -> None:
    async def scenario() -> None:
        server = WakeServer(tmp_path, Recorder())
        await server.start()
        address = read_address(tmp_path)
        assert address is not None and address.port == server.port
        await server.aclose()
        assert not wake_file(tmp_path).exists()
        assert await request_wake(tmp_path) is False

    asyncio.run(scenario())
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_close_does_not_wait_for_a_silent_connection(tmp_path: Path) -> None:
    async def scenario() -> None:
        server = WakeServer(tmp_path, Recorder())
        await server.start()
        assert server.port is not None
        _, writer = await asyncio.open_connection("127.0.0.1", server.port)
        await asyncio.sleep(0)  # let the server take the connection
        await asyncio.wait_for(server.aclose(), timeout=30)
        writer.close()

    asyncio.run(scenario())


def test_missing_file_is_no_answer(tmp_path: Path) -> None:
    assert wake_running_instance(tmp_path / "never-created") is False


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{",
        "[]",
        "null",
        '{"port": "4000", "nonce": "' + "a" * 32 + '"}',
        '{"port": true, "nonce": "' + "a" * 32 + '"}',
        '{"port": 70000, "nonce": "' + "a" * 32 + '"}',
        '{"port": 4000, "nonce": "short"}',
        '{"port": 4000, "nonce": "' + "a b" * 10 + '"}',
        '{"port": 4000}',
        '{"port": 4000, "nonce": "' + "a" * 32 + '", "pid": -3}',
    ],
)
def test_malformed_file_is_no_address(tmp_path: Path, content: str) -> None:
    wake_file(tmp_path).write_text(content)
    assert read_address(tmp_path) is None
    assert wake_running_instance(tmp_path) is False


def test_binary_junk_file_is_no_address(tmp_path: Path) -> None:
    wake_file(tmp_path).write_bytes(b"\x00\xff" * 10_000)
    assert read_address(tmp_path) is None
