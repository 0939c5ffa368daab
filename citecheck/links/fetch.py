"""One URL, checked to a verdict: redirects followed by hand, retries, waits, deadlines.

Redirects are followed one hop at a time (not by requests) so that each hop is checked
for its scheme and address, loops are seen, and the judgement can tell a permanent move
from a temporary one and a moved page from one sent to the home page.

Pages are fetched with a GET that reads only a prefix of the body: a HEAD cannot show a
soft 404 ("Page not found" served with 200), and a HEAD followed by a GET would double
every round trip. A URL that names a file (``.pdf``, ``.zip`` …) is asked with HEAD
first, and with GET only when the HEAD answer is odd (405, 403, 404, 501 …) or says the
"file" is an HTML page after all.
"""

from __future__ import annotations

import email.utils
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from requests.cookies import RequestsCookieJar
from requests_cache import CachedSession

from citecheck.config import LinkOptions
from citecheck.links import judge
from citecheck.links.http import request_timeout
from citecheck.links.safety import find_unsafe
from citecheck.links.watchdog import Deadline, Watchdog
from citecheck.model import LinkResult, LinkStatus

_FILE_SUFFIXES = frozenset(
    {"pdf", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "iso", "dmg", "exe", "msi",
     "mp3", "mp4", "m4a", "m4v", "avi", "mov", "mkv", "webm", "wav", "flac", "ogg", "oga",
     "ogv", "jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "webp", "svg", "djvu", "epub",
     "mobi", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "rtf"}
)  # fmt: skip
_PERMANENT = frozenset({301, 308})
_REDIRECT = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_WAIT_STATUSES = frozenset({429, 503})
_MAX_RETRY_AFTER = 120.0
# A host that is down would otherwise cost every URL on it the full deadline; after this many
# failures in a row its remaining URLs get the same verdict at once.
_UNREACHABLE_AFTER = 3


def netloc_key(url: str) -> str:
    """The "host" that politeness limits apply to: scheme, name and port."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2].lower()}"


@dataclass(slots=True)
class _Gate:
    """One host's politeness: its request slots, its Retry-After, its run of failures."""

    slots: threading.BoundedSemaphore
    not_before: float = 0.0
    failures: int = 0
    """Consecutive requests that could not reach the host at all."""
    last_failure: RequestFailure | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def unreachable(self) -> RequestFailure | None:
        """The host's failure, once it has failed too often in a row to be worth asking."""
        with self.lock:
            failure = self.last_failure
            if self.failures < _UNREACHABLE_AFTER or failure is None:
                return None
            detail = f"{failure.detail} (the host failed {self.failures} times in a row)"
        return RequestFailure(failure.status, detail)

    def record(self, failure: RequestFailure | None) -> None:
        with self.lock:
            self.failures = 0 if failure is None else self.failures + 1
            self.last_failure = failure

    def hold_off(self, until: float) -> None:
        with self.lock:
            self.not_before = max(self.not_before, until)


@dataclass(slots=True)
class HostGates:
    """At most ``per_host`` requests at a time to one host, and none before its Retry-After."""

    per_host: int
    _gates: dict[str, _Gate] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def gate(self, url: str) -> _Gate:
        key = netloc_key(url)
        with self._lock:
            gate = self._gates.get(key)
            if gate is None:
                gate = self._gates[key] = _Gate(threading.BoundedSemaphore(self.per_host))
            return gate


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: requests.structures.CaseInsensitiveDict[str]
    body: bytes
    from_cache: bool

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


class RequestFailure(Exception):
    def __init__(
        self, status: LinkStatus, detail: str, *, retry: bool = False, host: bool = False
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.retry = retry
        self.host = host
        """The host could not be reached at all (not this URL's own trouble)."""


def retry_after(value: str | None) -> float | None:
    """Seconds to wait, from either form of the header (delta-seconds or an HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(when.timestamp() - time.time(), 0.0)


def classify_error(error: requests.RequestException) -> RequestFailure:
    unsafe = find_unsafe(error)
    if unsafe is not None:
        return RequestFailure(LinkStatus.UNSAFE, str(unsafe).split(": ", 1)[-1])
    if isinstance(error, requests.ConnectTimeout):
        return RequestFailure(
            LinkStatus.TIMEOUT, "could not connect within the timeout", retry=True, host=True
        )
    if isinstance(error, requests.Timeout):
        return RequestFailure(LinkStatus.TIMEOUT, "no answer within the timeout", retry=True)
    text = str(error)
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
                return RequestFailure(LinkStatus.DEAD, "unknown host", host=True)
            return RequestFailure(
                LinkStatus.ERROR, f"name lookup failed: {cause}", retry=True, host=True
            )
        cause = cause.__cause__ or cause.__context__
    if "NameResolutionError" in text or "Name or service not known" in text:
        return RequestFailure(LinkStatus.DEAD, "unknown host", host=True)
    if isinstance(error, requests.exceptions.SSLError):
        return RequestFailure(
            LinkStatus.ERROR, "TLS failure: the certificate or handshake was refused"
        )
    if "Connection refused" in text:
        return RequestFailure(LinkStatus.ERROR, "connection refused", retry=True, host=True)
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema):
        return RequestFailure(LinkStatus.SKIPPED, "not a usable URL")
    return RequestFailure(LinkStatus.ERROR, "connection failed or reset", retry=True)


class Fetcher:
    """Checks single URLs; shared by the threads of one run (it holds no per-URL state)."""

    def __init__(
        self,
        session: CachedSession,
        options: LinkOptions,
        gates: HostGates,
        *,
        watch: tuple[Watchdog, Deadline],
    ) -> None:
        self._session = session
        self._options = options
        self._gates = gates
        self._watchdog, self._deadline = watch
        self._random = random.Random(0)  # jitter for backoff; seeded so runs are repeatable

    def check(self, url: str) -> LinkResult:
        deadline = time.monotonic() + self._options.deadline
        method = "HEAD" if _names_a_file(url) else "GET"
        try:
            return self._follow(url, method, deadline)
        except RequestFailure as failure:
            return LinkResult(url=url, status=failure.status, detail=failure.detail)

    def _follow(self, url: str, method: str, deadline: float) -> LinkResult:
        jar = RequestsCookieJar()
        # A site may redirect to itself once it has set a cookie: a loop only when a URL
        # comes round again with no new cookie since.
        seen: dict[str, int] = {}
        current = url
        permanent = False
        all_cached = True
        for _ in range(self._options.max_redirects + 1):
            if urlsplit(current).scheme.lower() not in ("http", "https"):
                return LinkResult(
                    url=url,
                    status=LinkStatus.UNSAFE,
                    final_url=current,
                    detail=f"redirects to {current[:80]}, which is not http or https",
                )
            seen[current] = len(jar)
            answer = self._ask(method, current, jar, deadline)
            if method == "HEAD" and _odd_head(answer):
                method = "GET"
                answer = self._ask(method, current, jar, deadline)
            all_cached = all_cached and answer.from_cache
            if answer.status in _REDIRECT and answer.location:
                target = urljoin(current, answer.location.strip())
                target = target.split("#", 1)[0]
                permanent = permanent or answer.status in _PERMANENT
                if seen.get(target) == len(jar):
                    return LinkResult(
                        url=url,
                        status=LinkStatus.DEAD,
                        http_status=answer.status,
                        final_url=target,
                        from_cache=all_cached,
                        detail="redirect loop",
                    )
                if answer.status == 303:
                    method = "GET"
                current = target
                continue
            return self._judge(url, current, answer, permanent=permanent, cached=all_cached)
        return LinkResult(
            url=url,
            status=LinkStatus.ERROR,
            final_url=current,
            from_cache=all_cached,
            detail=f"more than {self._options.max_redirects} redirects",
        )

    def _judge(
        self, url: str, final: str, answer: _Answer, *, permanent: bool, cached: bool
    ) -> LinkResult:
        def result(status: LinkStatus, detail: str) -> LinkResult:
            return LinkResult(
                url=url,
                status=status,
                http_status=answer.status,
                final_url=final,
                from_cache=cached,
                detail=detail,
            )

        page = judge.Page.read(answer.body, answer.headers.get("Content-Type", ""))
        if judge.is_challenge(answer.status, answer.headers, page):
            return result(LinkStatus.UNKNOWN, "a bot challenge answered instead of the page")
        verdict = judge.status_verdict(answer.status)
        if verdict.status is not LinkStatus.ALIVE:
            return result(verdict.status, verdict.detail)
        if final != url:
            moved = judge.redirect_verdict(url, final)
            if moved is not None:
                return result(moved.status, moved.detail)
        soft = judge.page_verdict(page)
        if soft is not None:
            return result(soft.status, soft.detail)
        if final != url and permanent:
            return result(LinkStatus.REDIRECTED, f"moved permanently to {final}")
        return result(LinkStatus.ALIVE, verdict.detail)

    def _ask(self, method: str, url: str, jar: RequestsCookieJar, deadline: float) -> _Answer:
        """One request, retried on transient failures within the URL's deadline."""
        attempt = 0
        while True:
            try:
                answer = self._send(method, url, jar, deadline)
            except RequestFailure as failure:
                if not failure.retry or not self._may_retry(attempt, deadline, None):
                    raise
                attempt += 1
                continue
            if answer.status not in _RETRY_STATUSES or answer.from_cache:
                return answer
            wait = None
            if answer.status in _WAIT_STATUSES:
                wait = retry_after(answer.headers.get("Retry-After"))
                if wait is not None:
                    if wait > _MAX_RETRY_AFTER or time.monotonic() + wait > deadline:
                        return answer
                    self._gates.gate(url).hold_off(time.monotonic() + wait)
            if not self._may_retry(attempt, deadline, wait):
                return answer
            attempt += 1

    def _may_retry(self, attempt: int, deadline: float, wait: float | None) -> bool:
        if attempt >= self._options.retries:
            return False
        if wait is None:
            wait = min(0.25 * 2**attempt, 4.0) * (0.5 + self._random.random())
        if time.monotonic() + wait >= deadline:
            return False
        time.sleep(wait)
        return True

    def _send(self, method: str, url: str, jar: RequestsCookieJar, deadline: float) -> _Answer:
        gate = self._gates.gate(url)
        down = gate.unreachable()
        if down is not None:
            raise down
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RequestFailure(LinkStatus.TIMEOUT, "the URL's deadline passed")
        if not gate.slots.acquire(timeout=remaining):
            raise RequestFailure(
                LinkStatus.TIMEOUT, "the URL's deadline passed waiting for its host"
            )
        try:
            hold = gate.not_before - time.monotonic()
            if hold > 0:
                if time.monotonic() + hold > deadline:
                    raise RequestFailure(
                        LinkStatus.UNKNOWN, "the host asked to wait past the deadline"
                    )
                time.sleep(hold)
            self._deadline.watch = (self._watchdog, deadline)
            try:
                response = self._session.request(
                    method,
                    url,
                    cookies=jar,
                    allow_redirects=False,
                    stream=True,
                    timeout=request_timeout(self._options, deadline - time.monotonic()),
                    only_if_cached=self._options.offline,
                    force_refresh=self._options.refresh,
                )
                body = b"" if method == "HEAD" else _read(response)
            except requests.RequestException as error:
                if time.monotonic() >= deadline:
                    raise RequestFailure(
                        LinkStatus.TIMEOUT, "no complete answer by the URL's deadline"
                    ) from error
                failure = classify_error(error)
                if failure.host:
                    gate.record(failure)
                raise failure from error
            except (ValueError, UnicodeError) as error:
                raise RequestFailure(LinkStatus.SKIPPED, f"not a usable URL: {error}") from error
        finally:
            self._deadline.watch = None
            gate.slots.release()
        gate.record(None)
        if (
            self._options.offline
            and response.status_code == 504
            and response.reason == "Not Cached"
        ):
            raise RequestFailure(LinkStatus.UNKNOWN, "not in the cache (--offline)")
        jar.update(response.cookies)
        return _Answer(
            status=response.status_code,
            headers=response.headers,
            body=body,
            from_cache=bool(getattr(response, "from_cache", False)),
        )


def _read(response: requests.Response) -> bytes:
    try:
        return response.content or b""
    except (requests.RequestException, OSError):
        return b""


def _names_a_file(url: str) -> bool:
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    return "." in name and name.rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES


def _odd_head(answer: _Answer) -> bool:
    """A HEAD answer not worth believing, or one that hides a page that must be read."""
    if answer.status in _REDIRECT:
        return False
    if not 200 <= answer.status < 300:
        return True
    return "html" in answer.headers.get("Content-Type", "text/html").lower()
