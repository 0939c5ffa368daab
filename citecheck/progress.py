"""Progress on standard error, for people watching a terminal (never in pipes or CI logs)."""

from __future__ import annotations

import threading
import time
from typing import TextIO

_WIDTH = 30
_INTERVAL = 0.1


class _StatusLine:
    """One line redrawn in place, at most ten times a second, from any thread."""

    def __init__(self, stream: TextIO, *, label: str) -> None:
        self._stream = stream
        self._label = label
        self._lock = threading.Lock()
        self._last = 0.0
        self._start = time.monotonic()
        self._drawn = False

    def _draw(self, done: int, text: str, *, force: bool = False) -> None:
        """Draws ``label text  rate/s`` unless the last drawing is too recent."""
        now = time.monotonic()
        with self._lock:
            if not force and now - self._last < _INTERVAL:
                return
            self._last = now
            rate = done / (now - self._start) if now > self._start else 0.0
            self._stream.write(f"\r{self._label} {text}  {rate:.0f}/s ")
            self._stream.flush()
            self._drawn = True

    def close(self) -> None:
        with self._lock:
            if self._drawn:
                self._stream.write("\r\033[K")
                self._stream.flush()
                self._drawn = False


class ProgressBar(_StatusLine):
    """Called as ``bar(done, total)``; the last step is always drawn."""

    def __init__(self, stream: TextIO, *, label: str = "links") -> None:
        super().__init__(stream, label=label)

    def __call__(self, done: int, total: int) -> None:
        filled = _WIDTH * done // total if total else _WIDTH
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self._draw(done, f"[{bar}] {done}/{total}", force=done >= total)


class ProgressCounter(_StatusLine):
    """Called as ``counter(done)`` when the total is not known: ``articles 1234  310/s``,
    the rate taken over the whole run; or as ``counter(done, read, size)`` when how much of
    the input has been read is known (bytes of a dump), which draws a bar of that share."""

    def __init__(self, stream: TextIO, *, label: str = "articles") -> None:
        super().__init__(stream, label=label)

    def __call__(self, done: int, read: int = 0, size: int = 0) -> None:
        if size <= 0:
            self._draw(done, str(done))
            return
        read = min(read, size)
        filled = _WIDTH * read // size
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self._draw(done, f"{done} [{bar}] {100 * read // size}%")
