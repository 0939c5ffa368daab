"""A bound on the whole answer, not only on each read of it.

Socket timeouts bound each read, so a server that sends its status line and headers one
byte every few seconds would hold a check for as long as it likes. The watchdog cuts such
a connection when the URL's deadline passes: one thread for the whole run, woken a few
times a second, shutting down the sockets whose answer is late.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection

_TICK = 0.2


class Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[int, tuple[socket.socket, float]] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(self, sock: socket.socket, deadline: float) -> None:
        with self._lock:
            self._watched[id(sock)] = (sock, deadline)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="citecheck-watchdog", daemon=True
                )
                self._thread.start()

    def unwatch(self, sock: socket.socket) -> None:
        with self._lock:
            self._watched.pop(id(sock), None)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1.0)

    def _run(self) -> None:
        while not self._stop.wait(_TICK):
            now = time.monotonic()
            with self._lock:
                late = [sock for sock, deadline in self._watched.values() if deadline <= now]
            for sock in late:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class Deadline(threading.local):
    """The watchdog and deadline of the request this thread is making, if any."""

    watch: tuple[Watchdog, float] | None = None


class _WatchedResponseMixin:
    deadline: Deadline

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        current = self.deadline.watch
        sock = getattr(self, "sock", None)
        if current is None or sock is None:
            return super().getresponse(*args, **kwargs)  # type: ignore[misc]
        watchdog, deadline = current
        watchdog.watch(sock, deadline)
        try:
            return super().getresponse(*args, **kwargs)  # type: ignore[misc]
        finally:
            watchdog.unwatch(sock)


def watched_classes(
    deadline: Deadline, http: type[HTTPConnection], https: type[HTTPSConnection]
) -> tuple[type[HTTPConnection], type[HTTPSConnection]]:
    """Connection classes whose wait for an answer the watchdog may cut short."""
    attributes = {"deadline": deadline}
    watched_http = type("WatchedHTTPConnection", (_WatchedResponseMixin, http), attributes)
    watched_https = type("WatchedHTTPSConnection", (_WatchedResponseMixin, https), attributes)
    return watched_http, watched_https  # type: ignore[return-value]
