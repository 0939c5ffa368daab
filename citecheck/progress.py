"""A progress bar on standard error, for people watching a terminal (never in pipes or CI logs)."""

from __future__ import annotations

import threading
import time
from typing import TextIO

_WIDTH = 30
_INTERVAL = 0.1


class ProgressBar:
    """Called as ``bar(done, total)`` from any thread; redraws at most ten times a second."""

    def __init__(self, stream: TextIO, *, label: str = "links") -> None:
        self._stream = stream
        self._label = label
        self._lock = threading.Lock()
        self._last = 0.0
        self._start = time.monotonic()
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last < _INTERVAL:
                return
            self._last = now
            filled = _WIDTH * done // total if total else _WIDTH
            rate = done / (now - self._start) if now > self._start else 0.0
            bar = "#" * filled + "-" * (_WIDTH - filled)
            self._stream.write(f"\r{self._label} [{bar}] {done}/{total}  {rate:.0f}/s ")
            self._stream.flush()
            self._drawn = True

    def close(self) -> None:
        with self._lock:
            if self._drawn:
                self._stream.write("\r\033[K")
                self._stream.flush()
                self._drawn = False
