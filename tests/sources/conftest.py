"""Fixtures for the sources tests: a local HTTP server on 127.0.0.1 and a client that never waits.

Every test here is also guarded: a connection to anything but loopback (or a Unix socket, for
the test database) fails the test, so no test can reach the internet by mistake.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from etl.sources.http import HostRateLimiter, RetryPolicy, SourceClient


@pytest.fixture(scope="session")
def _loopback_server() -> Iterator[HTTPServer]:
    # Threaded, so a deliberately slow handler does not hold up the next request.
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def httpserver(_loopback_server: HTTPServer) -> HTTPServer:
    """pytest-httpserver's server, bound to 127.0.0.1 only, cleared for each test."""
    _loopback_server.clear()
    return _loopback_server


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else str(address)
            if not ipaddress.ip_address(host).is_loopback:
                raise AssertionError(f"a test tried to reach {host}: only loopback is allowed")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


class Sleeps(list[float]):
    """Records the waits the code asked for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(sleeps: Sleeps) -> Iterator[SourceClient]:
    """A client with a short timeout, 3 attempts and recorded (not real) waits."""
    with SourceClient(
        timeout=0.5,
        retry=RetryPolicy(attempts=3, base_delay=0.1, max_delay=5.0, sleep=sleeps),
        rate_limiter=HostRateLimiter(min_interval=0.0, sleep=sleeps),
    ) as source_client:
        yield source_client
