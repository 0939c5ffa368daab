"""A simulated web on loopback, for the link checker's tests and benchmarks.

Each listening port on 127.0.0.1 stands for one web "host". All ports are served by one
asyncio event loop running a small hand-written HTTP/1.1 server: keep-alive (the HTTP/1.1
default; ``Connection: close`` is honoured; HTTP/1.0 only with ``Connection: keep-alive``),
pipelining, GET and HEAD (HEAD gets the same status and headers as GET, never a body), any
other method 405. Nothing is logged per request and no thread is started per request.

Use it from tests::

    with SimulatedWeb(hosts=4, latency=0.0) as web:
        urllib.request.urlopen(web.url(0, "/ok/x"), timeout=5)
        assert web.hits("/ok/") == 1

or as a subprocess (for benchmarks)::

    python tests/simweb.py --hosts 40 --latency 0.05 [--refused 1] [--ignore-stdin]

which prints ``{"hosts": [...], "refused": [...]}`` as one JSON line on stdout, then serves
until SIGTERM/SIGINT or until its stdin reaches end of file (so it dies with its parent; pass
``--ignore-stdin`` when stdin is /dev/null). It exits with status 0.

Every request is delayed by ``latency`` seconds (``asyncio.sleep``, no CPU) before the
status line is written. Every response carries ``Date`` and ``Server: simweb`` (except the
challenge page, which says ``Server: cloudflare``) and a ``Content-Length`` (the drip body is
chunked; 204 and 304 have neither). ``Connection`` is always sent (``keep-alive``/``close``).

Routes (identical on every host; ``<x>`` means any rest of the path; the query string is
ignored unless stated)::

    Path                                  Answer
    ------------------------------------  ---------------------------------------------------
    /                                     200 home page, title "Home"
    /ok/<x>                               200 text/html; charset=utf-8, title "Page <x>"
    /file/<x>.pdf                         200 application/pdf, 50 KiB (PDF_SIZE) body
    /big/<x>                              200 text/html, 10 MiB (BIG_SIZE) body with a
                                          Content-Length, streamed in 64 KiB writes (clients
                                          may read a prefix and hang up); HEAD: same length
    /status/<code>[/<x>]                  <code> (200-599) with a short page titled
                                          "<code> <reason>"; 204 and 304: no body
                                          (401 adds WWW-Authenticate, 405 adds Allow)
    /redirect/<code>/<target...>          <code> (any 3xx but 304), Location: /<target...>
                                          relative, query string kept
                                          (/redirect/301/ok/x?q=1 -> /ok/x?q=1)
    /redirect-abs/<code>?to=<url>         <code>, Location: <url> as given (URL-encode it):
                                          cross-host, ftp://..., http://10.0.0.1/ ...
    /chain/<n>/<target...>                301 to /chain/<n-1>/<target...>; n <= 1: 301 to
                                          /<target...> (query string kept)
    /loop/a, /loop/b                      302 to each other
    /loop/self                            302 to itself
    /to-root/<x>                          301 to /
    /to-notfound/<x>                      302 to /errors/404.html?from=<quoted path>
    /errors/<x>                           200 normal-looking page titled "Error"
    /soft404/<x>                          200 text/html, title "Page not found", body "Sorry,
                                          the page you requested could not be found."
    /soft404-h1/<x>                       200, title "Example News" (SITE_NAME),
                                          <h1>404 – Page Not Found</h1>
    /head-<code>/<x>                      HEAD: <code> (e.g. 403, 404, 405 with Allow: GET,
                                          501); GET: 200 page
    /retry-after/<n>/<secs>/<x>           first n requests to this path on this host: 429
                                          with Retry-After: <secs>; then 200
    /retry-after-503/<n>/<secs>/<x>       the same with 503
    /retry-after-date/<n>/<x>             first n: 429 with Retry-After as an HTTP-date 1-2 s
                                          in the future; then 200
    /flaky/<n>/<x>                        first n requests to this path on this host: 500;
                                          then 200
    /always-500/<x>                       500
    /reset/<x>                            connection reset (RST) without any answer
    /slow/<secs>/<x>                      200 page after <secs> more seconds (other requests
                                          are not held up)
    /drip/<x>                             200, chunked, headers at once then one body byte
                                          every ``drip_interval`` (1 s) until the client leaves
    /drip-headers/<x>                     200, but the status line and headers come one byte
                                          every ``drip_interval``
    /challenge/<x>                        403, cf-mitigated: challenge, Server: cloudflare,
                                          title "Just a moment..."
    /cookie-wall/<x>                      200 page of about 100 KiB, cookie banner + article
    /gzip/<x>                             200, Content-Encoding: gzip (always), a small page
    /web/<ts><flag>/<url>                 Wayback-like archive (see below)
    /wayback/available?url=<u>&timestamp=<ts>
                                          archive.org-like availability JSON (see below)
    /__stats[?reset=1]                    200 application/json {"requests": <n>}: requests
                                          received so far (all hosts; /__stats itself is
                                          neither counted nor delayed); reset=1 then clears
                                          the counters like :meth:`reset_counters`
    anything else                         404 "Not Found"

Archive. ``<ts>`` is 1-14 digits, ``<flag>`` optional (``id_``, ``if_``, ...), ``<url>`` is
everything after the slash, its own query string included (``http:/x`` is read as
``http://x``; ``/web/<url>`` without a timestamp means the latest capture). A URL is
captured when it was registered with :meth:`SimulatedWeb.add_capture` (matched ignoring the
scheme, a leading ``www.``, host case and default ports; the registered timestamp closest to
the requested one wins) or, at timestamp ``DEFAULT_CAPTURE_TIMESTAMP`` (20200101000000),
when its path contains ``/ok/``, ``/captured/`` or ``/status/404/captured`` (so
``/status/404/captured/x`` is dead *and* captured). ``/web/`` answers:

* captured, requested timestamp == capture timestamp: 200 text/html with
  ``Memento-Datetime`` (HTTP date of the capture) and a ``Link`` header (original, memento,
  timemap);
* captured, other timestamp: 302 to ``/web/<capture ts><flag>/<url>``;
* not captured: 404 page saying "Hrm. Wayback Machine has not archived that URL."

``/wayback/available`` answers ``{"url": u, "archived_snapshots": {"closest": {"status":
"200", "available": true, "url": "http://127.0.0.1:PORT/web/<ts>/<u>", "timestamp": "<ts>"}}}``
(PORT: the host asked) when captured, ``{"url": u, "archived_snapshots": {}}`` when not, with
``"timestamp"`` echoed at top level when one was given.

Ports listed in :attr:`SimulatedWeb.refused` are bound but never listen, so a connection is
refused (and no other process can take the port while the web runs).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import html
import json
import os
import re
import signal
import socket
import struct
import sys
import threading
import time
import traceback
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, formatdate
from http import HTTPStatus
from types import FrameType, TracebackType
from urllib.parse import parse_qs, quote, urlsplit

__all__ = [
    "BIG_SIZE",
    "DEFAULT_CAPTURE_TIMESTAMP",
    "PDF_SIZE",
    "SITE_NAME",
    "SimulatedWeb",
    "main",
]

HOST = "127.0.0.1"
SITE_NAME = "Example News"
DEFAULT_CAPTURE_TIMESTAMP = "20200101000000"
BIG_SIZE = 10 * 1024 * 1024
PDF_SIZE = 50 * 1024

_STREAM_CHUNK = 64 * 1024
_MAX_HEAD = 64 * 1024
_BACKLOG = 1024
_TS_TEMPLATE = "19700101000000"
_TS_SEGMENT = re.compile(r"(\d{1,14})([a-z]{2}_)?")
_SCHEME_ONE_SLASH = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):/(?!/)")
_LOREM = (
    "The council met on Tuesday to discuss the new bridge. Residents asked about the "
    "budget, the schedule and the noise during construction. The mayor promised a public "
    "report before the end of the year. "
)
_BIG_BLOCK = (_LOREM * (_STREAM_CHUNK // len(_LOREM) + 1)).encode("ascii")[:_STREAM_CHUNK]
_PDF_HEAD = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
_PDF_TAIL = b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
_PDF_BODY = _PDF_HEAD + b"%" * (PDF_SIZE - len(_PDF_HEAD) - len(_PDF_TAIL)) + _PDF_TAIL
_HTML = "text/html; charset=utf-8"


class _BadRequest(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(slots=True)
class _Request:
    port: int
    method: str
    target: str  # path + query, origin form
    path: str
    query: str
    headers: dict[str, str]
    keep_alive: bool


@dataclass(slots=True)
class _Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    stream: Callable[[], AsyncGenerator[bytes, None]] | None = None
    length: int | None = None  # Content-Length of a streamed body; None: chunked
    delay: float = 0.0  # extra delay on top of the web's latency
    reset: bool = False  # abort the connection with an RST instead of answering
    drip_head: bool = False  # send the status line and headers one byte per drip_interval


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _page(
    title: str,
    body_html: str,
    *,
    status: int = 200,
    headers: list[tuple[str, str]] | None = None,
) -> _Response:
    doc = (
        f"<!DOCTYPE html>\n<html><head><title>{html.escape(title)}</title></head>\n"
        f"<body>\n{body_html}\n</body></html>\n"
    )
    return _Response(status, [("Content-Type", _HTML), *(headers or [])], doc.encode("utf-8"))


def _text(words: str) -> str:
    return f"<p>{html.escape(words)}</p><p>{_LOREM}</p>"


def _status_page(status: int, headers: list[tuple[str, str]] | None = None) -> _Response:
    title = f"{status} {_reason(status)}"
    return _page(title, f"<h1>{html.escape(title)}</h1>", status=status, headers=headers)


def _not_found() -> _Response:
    return _page("404 Not Found", "<h1>Not Found</h1>", status=404)


def _redirect(status: int, location: str) -> _Response:
    return _page(
        "Redirecting",
        f'<p>Moved to <a href="{html.escape(location)}">{html.escape(location)}</a>.</p>',
        status=status,
        headers=[("Location", location)],
    )


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _full_timestamp(ts: str) -> str:
    """Pad a 1-14 digit Wayback timestamp to 14 digits (``2020`` -> ``20200101000000``)."""
    return ts + _TS_TEMPLATE[len(ts) :]


def _timestamp_http_date(ts: str) -> str:
    try:
        moment = datetime.strptime(_full_timestamp(ts), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        moment = datetime(2020, 1, 1, tzinfo=UTC)
    return format_datetime(moment, usegmt=True)


def _fix_scheme(url: str) -> str:
    return _SCHEME_ONE_SLASH.sub(r"\1://", url.strip(), count=1)


def _capture_key(url: str) -> str:
    """Normalise a URL for capture lookups: no scheme, no ``www.``, no default port."""
    url = _fix_scheme(url)
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port not in (None, 80, 443) else host
    return _with_query(netloc + (parts.path or "/"), parts.query)


def _auto_captured(url: str) -> bool:
    url = _fix_scheme(url)
    path = urlsplit(url if "://" in url else f"http://{url}").path
    return "/ok/" in path or "/captured/" in path or "/status/404/captured" in path


class SimulatedWeb:
    """Many HTTP hosts on 127.0.0.1 served by one asyncio loop in a daemon thread.

    ``latency`` and ``drip_interval`` (seconds between two bytes of ``/drip/``) are plain
    attributes that may be changed while the web runs. ``hosts`` and ``refused`` raise
    RuntimeError before :meth:`start`. An instance can be started only once.
    """

    def __init__(self, *, hosts: int = 4, latency: float = 0.0, refused_hosts: int = 1) -> None:
        if hosts < 1 or refused_hosts < 0 or latency < 0:
            raise ValueError("need hosts >= 1, refused_hosts >= 0 and latency >= 0")
        self.latency = latency
        self.drip_interval = 1.0
        self._n_hosts = hosts
        self._n_refused = refused_hosts
        self._lock = threading.Lock()
        self._log: list[tuple[str, str, str]] = []
        self._path_counts: dict[tuple[int, str], int] = {}
        self._captures: dict[str, list[str]] = {}
        self._hosts: list[str] = []
        self._refused: list[str] = []
        self._reserved: list[socket.socket] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._servers: list[asyncio.Server] = []
        self._conn_tasks: set[asyncio.Task[None]] = set()
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._date_cache: tuple[int, str] = (0, "")
        self._routes: dict[str, Callable[[_Request, str], _Response]] = {
            "": self._r_home,
            "ok": self._r_ok,
            "file": self._r_file,
            "big": self._r_big,
            "status": self._r_status,
            "redirect": self._r_redirect,
            "redirect-abs": self._r_redirect_abs,
            "chain": self._r_chain,
            "loop": self._r_loop,
            "to-root": lambda req, rest: _redirect(301, "/"),
            "to-notfound": self._r_to_notfound,
            "errors": self._r_errors,
            "soft404": self._r_soft404,
            "soft404-h1": self._r_soft404_h1,
            "retry-after": self._r_retry_after,
            "retry-after-503": self._r_retry_after,
            "retry-after-date": self._r_retry_after_date,
            "flaky": self._r_flaky,
            "always-500": lambda req, rest: _status_page(500),
            "reset": lambda req, rest: _Response(0, reset=True),
            "slow": self._r_slow,
            "drip": self._r_drip,
            "drip-headers": self._r_drip_headers,
            "challenge": self._r_challenge,
            "cookie-wall": self._r_cookie_wall,
            "gzip": self._r_gzip,
            "web": self._r_web,
            "wayback": self._r_wayback,
        }

    # ------------------------------------------------------------------ public API

    def start(self) -> SimulatedWeb:
        """Bind all ports, start the event loop thread and return once every port listens."""
        if self._thread is not None or self._loop is not None:
            raise RuntimeError("a SimulatedWeb can be started only once")
        listening: list[socket.socket] = []
        try:
            for _ in range(self._n_hosts):
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                listening.append(sock)
                sock.bind((HOST, 0))
                sock.listen(_BACKLOG)
                sock.setblocking(False)
            for _ in range(self._n_refused):
                # Bound but never listening: connections are refused, and the port stays ours.
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                self._reserved.append(sock)
                sock.bind((HOST, 0))
        except BaseException:
            for sock in listening + self._reserved:
                sock.close()
            self._reserved.clear()
            raise
        self._hosts = [f"http://{HOST}:{s.getsockname()[1]}" for s in listening]
        self._refused = [f"http://{HOST}:{s.getsockname()[1]}" for s in self._reserved]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._run, args=(listening,), name="simweb", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(10) or self._start_error is not None:
            self.stop()
            raise RuntimeError("simweb failed to start") from self._start_error
        return self

    def stop(self) -> None:
        """Close every socket and join the loop thread (gives up after about 5 s)."""
        thread, loop = self._thread, self._loop
        if thread is not None and loop is not None and thread.is_alive():
            with contextlib.suppress(Exception):
                future = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
                future.result(timeout=2.5)
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=2.0)
        for sock in self._reserved:
            sock.close()
        self._reserved.clear()
        self._thread = None

    def __enter__(self) -> SimulatedWeb:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def hosts(self) -> list[str]:
        """``http://127.0.0.1:PORT`` for each live host."""
        if not self._hosts:
            raise RuntimeError("SimulatedWeb not started")
        return list(self._hosts)

    @property
    def refused(self) -> list[str]:
        """``http://127.0.0.1:PORT`` for each port where nothing listens."""
        if not self._hosts:
            raise RuntimeError("SimulatedWeb not started")
        return list(self._refused)

    def url(self, host_index: int, path: str) -> str:
        """The absolute URL of ``path`` on live host number ``host_index``."""
        return self.hosts[host_index] + (path if path.startswith("/") else f"/{path}")

    def hits(self, path_prefix: str = "") -> int:
        """Requests received (all hosts, any method) whose path+query starts with the prefix."""
        with self._lock:
            return sum(1 for _, _, target in self._log if target.startswith(path_prefix))

    def requests_log(self) -> list[tuple[str, str, str]]:
        """``(host, method, path+query)`` of every request received, in arrival order."""
        with self._lock:
            return list(self._log)

    def reset_counters(self) -> None:
        """Forget the request log and the per-path counters of the retry/flaky routes."""
        with self._lock:
            self._log.clear()
            self._path_counts.clear()

    def add_capture(self, original_url: str, timestamp: str) -> None:
        """Register an archive capture of ``original_url`` at ``timestamp`` (4-14 digits)."""
        if not re.fullmatch(r"\d{4,14}", timestamp):
            raise ValueError(f"bad Wayback timestamp: {timestamp!r}")
        key = _capture_key(original_url)
        with self._lock:
            stamps = self._captures.setdefault(key, [])
            full = _full_timestamp(timestamp)
            if full not in stamps:
                stamps.append(full)

    # ------------------------------------------------------------------ loop and server

    def _run(self, listening: list[socket.socket]) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._start_servers(listening))
        except BaseException as exc:
            self._start_error = exc
            for sock in listening:
                sock.close()
            loop.close()
            self._ready.set()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.wait(pending, timeout=1.0))
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _start_servers(self, listening: list[socket.socket]) -> None:
        for sock in listening:
            port = sock.getsockname()[1]

            async def on_connect(
                reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int = port
            ) -> None:
                # Swallow the cancellation of stop(): Python 3.11's StreamReaderProtocol
                # would log a traceback for a connection task that ends cancelled.
                with contextlib.suppress(asyncio.CancelledError):
                    await self._serve_connection(reader, writer, port)

            server = await asyncio.start_server(
                on_connect, sock=sock, backlog=_BACKLOG, limit=_MAX_HEAD
            )
            self._servers.append(server)

    async def _shutdown(self) -> None:
        for server in self._servers:
            server.close()
        tasks = list(self._conn_tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=1.5)

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int
    ) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._conn_tasks.add(task)
        try:
            while True:
                try:
                    request = await self._read_request(reader, writer, port)
                except _BadRequest as bad:
                    head = self._head(bad.status, [("Content-Length", "0")], keep_alive=False)
                    writer.write(head)
                    await writer.drain()
                    return
                if request is None:
                    return
                stats = request.path == "/__stats"
                if not stats:
                    self._record(request)
                response = self._r_stats(request) if stats else self._dispatch(request)
                delay = 0.0 if stats else self.latency + response.delay
                if delay > 0:
                    await asyncio.sleep(delay)
                if response.reset:
                    self._abort(writer)
                    return
                if not await self._send(reader, writer, request, response):
                    return
        except (OSError, asyncio.IncompleteReadError):
            pass  # the client went away
        finally:
            if task is not None:
                self._conn_tasks.discard(task)
            with contextlib.suppress(Exception):
                writer.close()

    async def _read_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int
    ) -> _Request | None:
        lines: list[str] = []
        while not lines:
            try:
                raw = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                return None
            except asyncio.LimitOverrunError:
                raise _BadRequest(431) from None
            lines = raw.decode("latin-1").split("\r\n")
            while lines and not lines[0]:
                lines.pop(0)  # stray CRLFs between requests
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise _BadRequest(400)
        method, target, version = parts
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if not line:
                continue
            name, colon, value = line.partition(":")
            if not colon or not name or name != name.strip():
                raise _BadRequest(400)
            headers[name.lower()] = value.strip()
        tokens = {t.strip().lower() for t in headers.get("connection", "").split(",")}
        keep_alive = "close" not in tokens if version != "HTTP/1.0" else "keep-alive" in tokens
        if target.startswith(("http://", "https://")):
            parts_ = urlsplit(target)
            target = _with_query(parts_.path or "/", parts_.query)
        if not target.startswith("/"):
            raise _BadRequest(400)
        await self._discard_body(reader, writer, headers)
        path, _, query = target.partition("?")
        return _Request(port, method, target, path, query, headers, keep_alive)

    @staticmethod
    async def _discard_body(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, headers: dict[str, str]
    ) -> None:
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        length_text = headers.get("content-length", "0")
        if not length_text.isdigit():
            raise _BadRequest(400)
        length = int(length_text)
        if not chunked and length == 0:
            return
        if headers.get("expect", "").lower() == "100-continue":
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        if not chunked:
            while length > 0:
                data = await reader.read(min(length, _STREAM_CHUNK))
                if not data:
                    raise asyncio.IncompleteReadError(b"", length)
                length -= len(data)
            return
        while True:
            size_line = await reader.readuntil(b"\r\n")
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadRequest(400) from None
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass  # trailers
                return
            await reader.readexactly(size + 2)

    def _record(self, request: _Request) -> None:
        entry = (f"http://{HOST}:{request.port}", request.method, request.target)
        with self._lock:
            self._log.append(entry)

    def _dispatch(self, request: _Request) -> _Response:
        if request.method not in ("GET", "HEAD"):
            return _status_page(405, [("Allow", "GET, HEAD")])
        first, _, rest = request.path[1:].partition("/")
        handler = self._routes.get(first)
        if handler is None and first.startswith("head-"):
            handler = self._r_head_status
            rest = first.removeprefix("head-")
        if handler is None:
            return _not_found()
        try:
            return handler(request, rest)
        except Exception:
            traceback.print_exc(file=sys.stderr)  # a bug in simweb, not a client error
            return _status_page(500)

    def _http_date(self) -> str:
        now = int(time.time())
        if self._date_cache[0] != now:
            self._date_cache = (now, formatdate(now, usegmt=True))
        return self._date_cache[1]

    def _head(self, status: int, headers: list[tuple[str, str]], *, keep_alive: bool) -> bytes:
        lines = [f"HTTP/1.1 {status} {_reason(status)}", f"Date: {self._http_date()}"]
        if not any(name.lower() == "server" for name, _ in headers):
            lines.append("Server: simweb")
        lines.extend(f"{name}: {value}" for name, value in headers)
        lines.append("Connection: keep-alive" if keep_alive else "Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")

    async def _send(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        request: _Request,
        response: _Response,
    ) -> bool:
        """Write the response; return whether the connection may be reused."""
        keep_alive = request.keep_alive
        headers = list(response.headers)
        bodyless_status = response.status in (204, 304) or response.status < 200
        if bodyless_status:
            pass
        elif response.stream is not None and response.length is None:
            headers.append(("Transfer-Encoding", "chunked"))
        else:
            length = response.length if response.stream is not None else len(response.body)
            headers.append(("Content-Length", str(length)))
        head = self._head(response.status, headers, keep_alive=keep_alive)
        if response.drip_head:
            for index in range(len(head)):
                writer.write(head[index : index + 1])
                await writer.drain()
                await asyncio.sleep(self.drip_interval)
                if reader.at_eof():
                    return False
            head = b""
        if request.method == "HEAD" or bodyless_status:
            writer.write(head)
        elif response.stream is None:
            writer.write(head + response.body)
        else:
            writer.write(head)
            chunked = response.length is None
            async with contextlib.aclosing(response.stream()) as chunks:
                async for chunk in chunks:
                    writer.write(b"%x\r\n%b\r\n" % (len(chunk), chunk) if chunked else chunk)
                    await writer.drain()
                    if reader.at_eof():
                        return False
            if chunked:
                writer.write(b"0\r\n\r\n")
        await writer.drain()
        return keep_alive

    @staticmethod
    def _abort(writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    def _bump(self, request: _Request) -> int:
        """Count a request to this exact path on this host; return the count before it."""
        key = (request.port, request.path)
        with self._lock:
            seen = self._path_counts.get(key, 0)
            self._path_counts[key] = seen + 1
        return seen

    # ------------------------------------------------------------------ routes

    def _r_home(self, request: _Request, rest: str) -> _Response:
        if request.path != "/":
            return _not_found()
        return _page("Home", f"<h1>{SITE_NAME}</h1>" + _text("Welcome to the home page."))

    def _r_ok(self, request: _Request, rest: str) -> _Response:
        return _page(f"Page {rest}", _text(f"This is page {rest}."))

    def _r_file(self, request: _Request, rest: str) -> _Response:
        if not rest.endswith(".pdf"):
            return _not_found()
        return _Response(200, [("Content-Type", "application/pdf")], _PDF_BODY)

    def _r_big(self, request: _Request, rest: str) -> _Response:
        head = (
            f"<!DOCTYPE html>\n<html><head><title>Big page {html.escape(rest)}</title></head>"
            "\n<body>\n<p>"
        ).encode()

        async def body() -> AsyncGenerator[bytes, None]:
            yield head + _BIG_BLOCK[len(head) :]
            for _ in range(BIG_SIZE // _STREAM_CHUNK - 1):
                yield _BIG_BLOCK
            yield _BIG_BLOCK[: BIG_SIZE % _STREAM_CHUNK]

        return _Response(200, [("Content-Type", _HTML)], stream=body, length=BIG_SIZE)

    def _r_status(self, request: _Request, rest: str) -> _Response:
        code = rest.partition("/")[0]
        if not code.isdigit() or not 200 <= int(code) <= 599:
            return _not_found()
        status = int(code)
        if status in (204, 304):
            return _Response(status)
        if status == 200:
            return _page("Status 200", _text("All is well."))
        extra: list[tuple[str, str]] = []
        if status == 401:
            extra.append(("WWW-Authenticate", 'Basic realm="simweb"'))
        elif status == 405:
            extra.append(("Allow", "GET, HEAD"))
        return _status_page(status, extra)

    @staticmethod
    def _redirect_code(text: str) -> int | None:
        if text.isdigit() and 300 <= int(text) <= 399 and int(text) != 304:
            return int(text)
        return None

    def _r_redirect(self, request: _Request, rest: str) -> _Response:
        code, _, target = rest.partition("/")
        status = self._redirect_code(code)
        if status is None:
            return _not_found()
        return _redirect(status, _with_query(f"/{target}", request.query))

    def _r_redirect_abs(self, request: _Request, rest: str) -> _Response:
        status = self._redirect_code(rest.partition("/")[0])
        to = parse_qs(request.query).get("to")
        if status is None or not to:
            return _not_found()
        return _redirect(status, to[0])

    def _r_chain(self, request: _Request, rest: str) -> _Response:
        count, _, target = rest.partition("/")
        if not count.isdigit():
            return _not_found()
        n = int(count)
        location = f"/chain/{n - 1}/{target}" if n > 1 else f"/{target}"
        return _redirect(301, _with_query(location, request.query))

    def _r_loop(self, request: _Request, rest: str) -> _Response:
        other = {"a": "/loop/b", "b": "/loop/a", "self": "/loop/self"}.get(rest)
        return _redirect(302, other) if other else _not_found()

    def _r_to_notfound(self, request: _Request, rest: str) -> _Response:
        return _redirect(302, f"/errors/404.html?from={quote(request.path, safe='')}")

    def _r_errors(self, request: _Request, rest: str) -> _Response:
        return _page(
            "Error",
            f"<h1>{SITE_NAME}</h1><p>Oops, something went wrong. Try the home page.</p>",
        )

    def _r_soft404(self, request: _Request, rest: str) -> _Response:
        return _page(
            "Page not found",
            "<h1>Page not found</h1><p>Sorry, the page you requested could not be found.</p>",
        )

    def _r_soft404_h1(self, request: _Request, rest: str) -> _Response:
        return _page(
            SITE_NAME,
            "<h1>404 – Page Not Found</h1><p>Try searching the archive instead.</p>",
        )

    def _r_head_status(self, request: _Request, code: str) -> _Response:
        if not code.isdigit() or not 400 <= int(code) <= 599:
            return _not_found()
        if request.method != "HEAD":
            return _page(f"Page {request.path}", _text("HEAD is refused here, GET works."))
        status = int(code)
        return _status_page(status, [("Allow", "GET")] if status == 405 else None)

    def _r_retry_after(self, request: _Request, rest: str) -> _Response:
        count, _, rest = rest.partition("/")
        seconds = rest.partition("/")[0]
        if not count.isdigit() or not seconds.isdigit():
            return _not_found()
        if self._bump(request) < int(count):
            status = 503 if request.path.startswith("/retry-after-503/") else 429
            return _status_page(status, [("Retry-After", seconds)])
        return _page(f"Page {request.path}", _text("Thanks for waiting."))

    def _r_retry_after_date(self, request: _Request, rest: str) -> _Response:
        count = rest.partition("/")[0]
        if not count.isdigit():
            return _not_found()
        if self._bump(request) < int(count):
            when = formatdate(int(time.time()) + 2, usegmt=True)
            return _status_page(429, [("Retry-After", when)])
        return _page(f"Page {request.path}", _text("Thanks for waiting."))

    def _r_flaky(self, request: _Request, rest: str) -> _Response:
        count = rest.partition("/")[0]
        if not count.isdigit():
            return _not_found()
        if self._bump(request) < int(count):
            return _status_page(500)
        return _page(f"Page {request.path}", _text("Working again."))

    def _r_slow(self, request: _Request, rest: str) -> _Response:
        seconds_text, _, name = rest.partition("/")
        try:
            seconds = float(seconds_text)
        except ValueError:
            return _not_found()
        if not 0 <= seconds <= 3600:
            return _not_found()
        response = _page(f"Slow page {name}", _text(f"Answered after {seconds_text} s."))
        response.delay = seconds
        return response

    def _r_drip(self, request: _Request, rest: str) -> _Response:
        async def body() -> AsyncGenerator[bytes, None]:
            while True:
                await asyncio.sleep(self.drip_interval)
                yield b"."

        return _Response(200, [("Content-Type", _HTML)], stream=body)

    def _r_drip_headers(self, request: _Request, rest: str) -> _Response:
        response = _page("Slow headers", _text("Every byte of the head came slowly."))
        response.drip_head = True
        return response

    def _r_challenge(self, request: _Request, rest: str) -> _Response:
        return _page(
            "Just a moment...",
            "<noscript>Enable JavaScript and cookies to continue</noscript>",
            status=403,
            headers=[
                ("Server", "cloudflare"),
                ("cf-mitigated", "challenge"),
                ("Cache-Control", "private, max-age=0, no-store, no-cache, must-revalidate"),
            ],
        )

    def _r_cookie_wall(self, request: _Request, rest: str) -> _Response:
        banner = (
            '<div id="consent"><p>We value your privacy. We and our partners use cookies '
            "to store and access information on your device.</p>"
            "<button>Accept all</button><button>Manage options</button></div>"
        )
        article = "".join(f"<p>{i}. {_LOREM}</p>" for i in range(500))
        return _page(f"Article {rest} - {SITE_NAME}", banner + f"<article>{article}</article>")

    def _r_gzip(self, request: _Request, rest: str) -> _Response:
        page = _page(f"Page {rest}", _text(f"This page {rest} was sent gzipped."))
        page.body = gzip.compress(page.body, mtime=0)
        page.headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        return page

    def _r_stats(self, request: _Request) -> _Response:
        reset = "1" in parse_qs(request.query).get("reset", ())
        with self._lock:
            count = len(self._log)
            if reset:
                self._log.clear()
                self._path_counts.clear()
        body = json.dumps({"requests": count}).encode("utf-8")
        return _Response(200, [("Content-Type", "application/json")], body)

    # ------------------------------------------------------------------ archive

    def _capture_for(self, url: str, wanted: str | None) -> str | None:
        """The capture timestamp of ``url`` closest to ``wanted`` (latest if None)."""
        with self._lock:
            stamps = list(self._captures.get(_capture_key(url), ()))
        if not stamps:
            return DEFAULT_CAPTURE_TIMESTAMP if _auto_captured(url) else None
        if wanted is None:
            return max(stamps)
        target = int(_full_timestamp(wanted))
        return min(stamps, key=lambda ts: (abs(int(ts) - target), ts))

    def _r_web(self, request: _Request, rest: str) -> _Response:
        remainder = request.target.removeprefix("/web/")
        first, slash, original = remainder.partition("/")
        match = _TS_SEGMENT.fullmatch(first)
        if match and slash:
            wanted: str | None = match.group(1)
            flag = match.group(2) or ""
        else:
            wanted, flag, original = None, "", remainder
        original = _fix_scheme(original)
        capture = self._capture_for(original, wanted) if original else None
        if capture is None:
            return _page(
                "Wayback Machine",
                "<p>Hrm. Wayback Machine has not archived that URL.</p>",
                status=404,
            )
        if wanted != capture:
            return _redirect(302, f"/web/{capture}{flag}/{original}")
        base = f"http://{HOST}:{request.port}"
        memento_date = _timestamp_http_date(capture)
        link = (
            f'<{original}>; rel="original", '
            f'<{base}/web/{capture}/{original}>; rel="memento"; datetime="{memento_date}", '
            f'<{base}/web/timemap/link/{original}>; rel="timemap"; '
            'type="application/link-format"'
        )
        return _page(
            f"Archived copy of {original}",
            _text(f"This is the capture of {original} taken at {capture}."),
            headers=[("Memento-Datetime", memento_date), ("Link", link)],
        )

    def _r_wayback(self, request: _Request, rest: str) -> _Response:
        if rest != "available":
            return _not_found()
        params = parse_qs(request.query)
        url = params.get("url", [""])[0]
        wanted = params.get("timestamp", [None])[0]
        if wanted is not None and not re.fullmatch(r"\d{1,14}", wanted):
            wanted = None
        answer: dict[str, object] = {"url": url, "archived_snapshots": {}}
        capture = self._capture_for(url, wanted) if url else None
        if capture is not None:
            answer["archived_snapshots"] = {
                "closest": {
                    "status": "200",
                    "available": True,
                    "url": f"http://{HOST}:{request.port}/web/{capture}/{url}",
                    "timestamp": capture,
                }
            }
        if wanted is not None:
            answer["timestamp"] = wanted
        body = json.dumps(answer).encode("utf-8")
        return _Response(200, [("Content-Type", "application/json")], body)


# ---------------------------------------------------------------------- script mode


def main(argv: list[str] | None = None) -> int:
    """Serve a SimulatedWeb until SIGTERM/SIGINT or end of stdin; print the ports first."""
    parser = argparse.ArgumentParser(description="A simulated web of HTTP hosts on loopback.")
    parser.add_argument("--hosts", type=int, default=4, help="live hosts (ports)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    parser.add_argument("--refused", type=int, default=1, help="ports that refuse connections")
    parser.add_argument(
        "--ignore-stdin", action="store_true", help="do not stop when stdin reaches end of file"
    )
    args = parser.parse_args(argv)
    done = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    web = SimulatedWeb(hosts=args.hosts, latency=args.latency, refused_hosts=args.refused)
    web.start()
    try:
        with contextlib.suppress(BrokenPipeError):
            print(json.dumps({"hosts": web.hosts, "refused": web.refused}), flush=True)
        if not args.ignore_stdin and sys.stdin is not None:
            stdin_fd = sys.stdin.fileno()

            def watch_stdin() -> None:
                # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader
                # makes the interpreter abort at exit.
                with contextlib.suppress(OSError):
                    while os.read(stdin_fd, 65536):
                        pass
                done.set()

            threading.Thread(target=watch_stdin, name="simweb-stdin", daemon=True).start()
        while not done.wait(0.5):
            pass
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
