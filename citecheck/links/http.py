"""The HTTP session: requests with requests-cache, an adapter that reads only a prefix of a body.

The cache stores what a server said, not what we concluded: 2xx, redirects and the
definite 4xx answers (404, 410, and 401/403 which say "not for you" every time), never a
429, a 5xx or a timeout, which are transient and must be asked again next run.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import zlib
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests_cache import CachedSession, SQLiteCache
from urllib3 import HTTPResponse
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.util import Timeout

from citecheck import __version__
from citecheck.config import LinkOptions
from citecheck.links.safety import GuardedHTTPConnection, GuardedHTTPSConnection
from citecheck.links.store import WriteBehindDict
from citecheck.links.watchdog import Deadline, watched_classes

HOME_PAGE = "https://github.com/citecheck/citecheck"
# No "link" in it: many servers refuse agents that call themselves link checkers.
USER_AGENT = f"citecheck/{__version__} (citation verifier; +{HOME_PAGE})"

CACHED_STATUSES = (200, 203, 204, 206, 300, 301, 302, 303, 307, 308, 401, 403, 404, 405, 410, 451)
CACHE_NAME = "citecheck/http"
"""Under the user's cache directory: ``~/.cache/citecheck/http.sqlite`` on Linux."""

_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
_DECODED_LIMIT_FACTOR = 8


class BoundedAdapter(HTTPAdapter):
    """Reads at most ``body_limit`` bytes of a body, within ``body_seconds``, then hangs up.

    The rest of the exchange, requests-cache included, sees an ordinary response whose
    body is that prefix (decoded here, so a cut-off gzip stream cannot break it, and at
    most ``decoded_limit`` bytes of it), with ``X-Citecheck-Truncated`` set when it is not
    the whole body.
    """

    def __init__(
        self,
        *,
        body_limit: int,
        body_seconds: float,
        pools: dict[str, type[HTTPConnectionPool]],
        pool_maxsize: int,
        decoded_limit: int | None = None,
    ) -> None:
        self._body_limit = body_limit
        self._body_seconds = body_seconds
        self._decoded_limit = (
            body_limit * _DECODED_LIMIT_FACTOR if decoded_limit is None else decoded_limit
        )
        self._pools = pools
        super().__init__(pool_connections=256, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pools

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = self._pools
        return manager

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        response = super().build_response(req, resp)
        if req.method != "HEAD":
            response.raw = self._prefix(resp)
            # The headers that go with the body as read: decoded, its length, cut or not.
            response.headers = CaseInsensitiveDict(response.raw.headers)
        return response

    def _prefix(self, raw: HTTPResponse) -> HTTPResponse:
        chunks: list[bytes] = []
        size = 0
        complete = False
        stop = time.monotonic() + self._body_seconds
        try:
            while size < self._body_limit and time.monotonic() < stop:
                chunk = raw.read1(min(65536, self._body_limit - size), decode_content=False)
                if not chunk:
                    complete = True
                    break
                chunks.append(chunk)
                size += len(chunk)
        except (Urllib3Error, OSError):
            complete = False
        if complete:
            raw.release_conn()
        else:
            # A connection left mid-body cannot carry another request.
            raw.close()
            raw.release_conn()
        body = _decode(
            b"".join(chunks), raw.headers.get("Content-Encoding", ""), self._decoded_limit
        )
        if len(body) >= self._decoded_limit:
            complete = False  # the decoded body filled its limit: there may be more of it
        headers = raw.headers.copy()
        for name in ("Content-Encoding", "Transfer-Encoding"):
            headers.discard(name)
        headers["Content-Length"] = str(len(body))
        if not complete:
            headers["X-Citecheck-Truncated"] = "1"
        return HTTPResponse(
            body=io.BytesIO(body),
            headers=headers,
            status=raw.status,
            version=raw.version,
            reason=raw.reason,
            preload_content=False,
            decode_content=False,
            request_url=raw.url,
            request_method="GET",
        )


def _decode(body: bytes, encoding: str, limit: int) -> bytes:
    """Tolerant decoding of a possibly cut-off compressed body, never past ``limit`` bytes."""
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 47 if encoding != "deflate" else 15
        try:
            return zlib.decompressobj(wbits).decompress(body, limit)
        except zlib.error:
            if encoding == "deflate":
                try:
                    return zlib.decompressobj(-15).decompress(body, limit)
                except zlib.error:
                    return b""
            return b""
    if encoding in ("", "identity"):
        return body
    return b""  # brotli, zstd …: we did not ask for them and cannot read them


def pool_classes(*, guarded: bool, deadline: Deadline) -> dict[str, type[HTTPConnectionPool]]:
    """urllib3 pools whose connections refuse private addresses (when guarded) and whose
    wait for an answer the run's watchdog can cut at the URL's deadline."""
    http_base: type[HTTPConnection] = GuardedHTTPConnection if guarded else HTTPConnection
    https_base: type[HTTPSConnection] = GuardedHTTPSConnection if guarded else HTTPSConnection
    http, https = watched_classes(deadline, http_base, https_base)
    return {
        "http": type("CitecheckHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("CitecheckHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }


def open_session(options: LinkOptions, *, deadline: Deadline) -> CachedSession:
    """A cached session for one run, its adapter set to the run's limits."""
    session = new_session(
        options,
        cache_name=CACHE_NAME,
        cache_file=options.cache,
        adapter=BoundedAdapter(
            body_limit=options.body_limit,
            body_seconds=options.timeout,
            pools=pool_classes(guarded=not options.allow_private_hosts, deadline=deadline),
            pool_maxsize=max(options.per_host, 1),
        ),
        headers={"Accept": _ACCEPT, "Accept-Language": "en;q=0.9, *;q=0.5"},
        expire_after=options.ttl,
        allowable_codes=CACHED_STATUSES,
        allowable_methods=("GET", "HEAD"),
        cache_control=False,
        stale_if_error=False,
    )
    if isinstance(session.cache, SQLiteCache):
        _write_behind(session.cache)
    return session


def new_session(
    options: LinkOptions,
    *,
    cache_name: str,
    cache_file: Path | None,
    adapter: HTTPAdapter,
    headers: dict[str, str],
    **settings: Any,
) -> CachedSession:
    """A requests-cache session with citecheck's User-Agent, sending through ``adapter``.

    Its answers are kept in ``cache_file``, or in ``cache_name`` under the user's cache
    directory, or in memory only when the options turn the cache off. ``settings`` go to
    requests-cache.
    """
    if not options.use_cache:
        session = CachedSession(backend="memory", **settings)
    elif cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        session = CachedSession(str(cache_file), backend="sqlite", wal=True, **settings)
    else:
        session = CachedSession(
            cache_name, backend="sqlite", use_cache_dir=True, wal=True, **settings
        )
    session.settings.key_fn = _cache_key
    # requests reads proxies and CA bundles from the environment on every request, a good
    # share of a request's cost here. Read once; only proxies (with their no_proxy
    # exceptions, which depend on each URL) still need requests to look each time.
    if not any(name.lower().endswith("_proxy") for name in os.environ):
        session.trust_env = False
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            session.verify = bundle
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "User-Agent": options.user_agent or USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            **headers,
        }
    )
    return session


def _write_behind(cache: SQLiteCache) -> None:
    lock = cache.responses._lock
    path = cache.responses.db_path
    responses = WriteBehindDict(
        path, table_name="responses", serializer=cache.responses.serializer, lock=lock
    )
    redirects = WriteBehindDict(path, table_name="redirects", serializer=None, lock=lock)
    cache.responses.close()
    cache.redirects.close()
    cache.responses, cache.redirects = responses, redirects


def flush(session: CachedSession) -> None:
    """Store what the run learnt (see :mod:`citecheck.links.store`)."""
    if isinstance(session.cache, SQLiteCache):
        for table in (session.cache.responses, session.cache.redirects):
            if isinstance(table, WriteBehindDict):
                table.flush()


def _cache_key(request: requests.PreparedRequest, **_: Any) -> str:
    """Method and URL: our requests carry nothing else that changes the answer.

    requests-cache's own key normalises the URL and headers on every request, which costs
    as much as the request itself on loopback; URLs here are cleaned once, at the edge.
    """
    text = f"{request.method} {request.url}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def cache_path(session: CachedSession) -> Path | None:
    """The SQLite file behind a session, None when it keeps answers in memory."""
    if not isinstance(session.cache, SQLiteCache):
        return None
    return Path(session.cache.db_path)


def request_timeout(options: LinkOptions, remaining: float) -> Timeout:
    budget = max(min(options.timeout, remaining), 0.05)
    return Timeout(connect=budget, read=budget)
