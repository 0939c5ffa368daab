"""A run's link checks: each distinct URL once, many at a time, politely, cached.

Two caches work together. requests-cache keeps what each server said, so a redirect
target or a page shared by several URLs is asked once, and ``--offline`` can answer from
it. On top, each URL's verdict is kept in the same SQLite file: a warm run then looks up
one small row per URL instead of replaying its exchange, which is what makes it some
hundred times faster than the first. Verdicts that came from transient trouble (a
timeout, a 5xx, a 429) are never kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests_cache import CachedSession

from citecheck.config import LinkOptions
from citecheck.links.archives import parse_archive_url, parse_citation_date
from citecheck.links.fetch import Fetcher, HostGates, netloc_key
from citecheck.links.http import cache_path, flush, open_session
from citecheck.links.store import WriteBehindDict
from citecheck.links.urls import cited_url, reference_urls
from citecheck.links.watchdog import Deadline, Watchdog
from citecheck.model import LinkReport, LinkResult, LinkStatus, Reference

VERDICT_VERSION = 1
"""Bump when the judgement changes, so that verdicts of the old judgement are not reused."""

_CACHEABLE = frozenset(
    {LinkStatus.ALIVE, LinkStatus.REDIRECTED, LinkStatus.DEAD, LinkStatus.SOFT_404}
)
_CACHEABLE_UNKNOWN = frozenset({401, 403, 451})

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class _Task:
    url: str
    suggest_at: str | None
    """Look up an archived copy when the URL is dead (YYYYMMDD or empty for the newest)."""


class _HostQueue:
    """Hands out URLs round-robin over hosts, never more at once to a host than it allows.

    A worker that took a URL of a busy host would only wait on that host's gate and keep
    a slot of the global limit idle; so a host at its limit is passed over until one of
    its requests ends.
    """

    def __init__(self, tasks: Iterable[_Task], per_host: int) -> None:
        self._pending: dict[str, deque[_Task]] = {}
        for task in tasks:
            self._pending.setdefault(netloc_key(task.url), deque()).append(task)
        self._order: deque[str] = deque(self._pending)
        self._active: dict[str, int] = dict.fromkeys(self._pending, 0)
        self._per_host = per_host
        self._ready = threading.Condition()

    def take(self) -> _Task | None:
        with self._ready:
            while self._order:
                for _ in range(len(self._order)):
                    host = self._order[0]
                    self._order.rotate(-1)
                    if self._active[host] < self._per_host:
                        self._active[host] += 1
                        queue = self._pending[host]
                        task = queue.popleft()
                        if not queue:
                            self._order.remove(host)
                            if not self._order:
                                self._ready.notify_all()  # the waiting workers can stop
                        return task
                self._ready.wait()
            return None

    def done(self, task: _Task) -> None:
        with self._ready:
            self._active[netloc_key(task.url)] -= 1
            # Any waiting worker may be the one whose host just got room.
            self._ready.notify_all()


class LinkChecker:
    """Checks the URLs and archives cited by a run's articles; use it as a context manager."""

    def __init__(self, options: LinkOptions, *, progress: Progress | None = None) -> None:
        self._options = options
        self._progress = progress
        self._excluded = [re.compile(pattern) for pattern in options.exclude]
        deadline = Deadline()
        self._watchdog = Watchdog()
        self._session: CachedSession = open_session(options, deadline=deadline)
        self._verdicts = _open_verdicts(self._session)
        self._fetcher = Fetcher(
            self._session,
            options,
            HostGates(max(options.per_host, 1)),
            watch=(self._watchdog, deadline),
        )

    def __enter__(self) -> LinkChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            flush(self._session)
            if isinstance(self._verdicts, WriteBehindDict):
                self._verdicts.close()
        except Exception:  # a cache that cannot be written costs speed next run, nothing else
            pass
        finally:
            self._session.close()
            self._watchdog.close()

    def check_references(self, references: Iterable[Reference]) -> LinkReport:
        """Check every URL and archive URL the references cite, each distinct one once."""
        suggest_at: dict[str, str | None] = {}
        urls: dict[str, None] = {}
        for reference in references:
            url, archive_url = reference_urls(reference)
            for candidate in (url, archive_url):
                if candidate:
                    urls.setdefault(candidate)
            if (
                self._options.suggest_archives
                and url
                and not archive_url
                and parse_archive_url(url) is None
            ):
                suggest_at.setdefault(url, _timestamp(reference))
        results, suggestions = self._check([_Task(url, suggest_at.get(url)) for url in urls])
        return LinkReport(results=results, suggestions=suggestions)

    def check_urls(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        """Check URLs, keyed by their cleaned form (:func:`~citecheck.links.urls.cited_url`)."""
        cleaned = dict.fromkeys(url for raw in urls if (url := cited_url(raw)))
        results, _ = self._check([_Task(url, None) for url in cleaned])
        return results

    def _check(self, tasks: list[_Task]) -> tuple[dict[str, LinkResult], dict[str, str]]:
        results: dict[str, LinkResult] = {}
        suggestions: dict[str, str] = {}
        to_fetch: list[_Task] = []
        for task in tasks:
            skipped = self._skip(task.url)
            if skipped is not None:
                results[task.url] = skipped
        verdicts = (
            {}
            if self._options.refresh
            else self._cached_verdicts([task.url for task in tasks if task.url not in results])
        )
        for task in tasks:
            if task.url in results:
                continue
            cached = verdicts.get(task.url)
            if cached is not None:
                results[task.url] = cached
                if cached.status.is_dead and task.suggest_at is not None:
                    to_fetch.append(_Task(task.url, task.suggest_at))
            else:
                to_fetch.append(task)
        done = len(tasks) - len(to_fetch)
        total = len(tasks)
        if self._progress:
            self._progress(done, total)
        lock = threading.Lock()
        queue = _HostQueue(to_fetch, max(self._options.per_host, 1))

        def work() -> None:
            nonlocal done
            while (task := queue.take()) is not None:
                try:
                    result = results.get(task.url) or self._checked(task.url)
                    suggestion = None
                    if result.status.is_dead and task.suggest_at is not None:
                        suggestion = self._suggest(task.url, task.suggest_at)
                finally:
                    queue.done(task)
                with lock:
                    results[task.url] = result
                    if suggestion:
                        suggestions[task.url] = suggestion
                    done += 1
                    if self._progress:
                        self._progress(done, total)

        workers = [
            threading.Thread(target=work, name=f"citecheck-link-{n}", daemon=True)
            for n in range(min(max(self._options.concurrency, 1), len(to_fetch)))
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        _doubt_unknown_hosts(results)
        self._store(result for result in results.values() if not result.from_cache)
        return {task.url: results[task.url] for task in tasks}, suggestions

    def _checked(self, url: str) -> LinkResult:
        try:
            return self._fetcher.check(url)
        except Exception as error:  # one URL's surprise must not cost the others their results
            detail = f"internal error, please report it: {type(error).__name__}: {error}"
            return LinkResult(url=url, status=LinkStatus.ERROR, detail=detail)

    def _skip(self, url: str) -> LinkResult | None:
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            return LinkResult(url=url, status=LinkStatus.SKIPPED, detail="not a usable URL")
        if scheme not in ("http", "https"):
            detail = f"{scheme}: URLs are not checked" if scheme else "not an absolute URL"
            return LinkResult(url=url, status=LinkStatus.SKIPPED, detail=detail)
        for pattern in self._excluded:
            if pattern.search(url):
                return LinkResult(
                    url=url, status=LinkStatus.SKIPPED, detail=f"excluded by {pattern.pattern!r}"
                )
        return None

    def _key(self, url: str) -> str:
        private = "private" if self._options.allow_private_hosts else "public"
        text = f"{VERDICT_VERSION}|{private}|{url}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _cached_verdicts(self, urls: list[str]) -> dict[str, LinkResult]:
        keys = {self._key(url): url for url in urls}
        try:
            if isinstance(self._verdicts, WriteBehindDict):
                rows = self._verdicts.get_many(keys)
            else:
                rows = {key: self._verdicts[key] for key in keys if key in self._verdicts}
        except Exception:  # a damaged cache is a cache miss, never a failed run
            return {}
        now = time.time()
        found = {}
        for key, row in rows.items():
            try:
                status, http_status, final_url, detail, expires = json.loads(row)
                if expires < now:
                    continue
                found[keys[key]] = LinkResult(
                    url=keys[key],
                    status=LinkStatus(status),
                    http_status=http_status,
                    final_url=final_url,
                    from_cache=True,
                    detail=detail,
                )
            except (ValueError, TypeError):
                continue
        return found

    def _store(self, results: Iterable[LinkResult]) -> None:
        if self._options.offline:
            return
        expires = time.time() + self._options.ttl
        rows = {
            self._key(result.url): json.dumps(
                [result.status, result.http_status, result.final_url, result.detail, expires]
            )
            for result in results
            # Without an HTTP answer (an unknown host) a verdict is the resolver's word only,
            # and resolvers fail for a while: ask again next run.
            if result.http_status is not None
            and (
                result.status in _CACHEABLE
                or (
                    result.status is LinkStatus.UNKNOWN and result.http_status in _CACHEABLE_UNKNOWN
                )
            )
        }
        if not rows:
            return
        self._verdicts.update(rows)

    def _suggest(self, url: str, timestamp: str) -> str | None:
        """The capture closest to the citation's date, from the availability API."""
        params = {"url": url}
        if timestamp:
            params["timestamp"] = timestamp
        try:
            response = self._session.get(
                self._options.wayback_api,
                params=params,
                timeout=self._options.timeout,
                only_if_cached=self._options.offline,
            )
            if response.status_code != 200:
                return None
            closest = response.json().get("archived_snapshots", {}).get("closest") or {}
        except (requests.RequestException, ValueError, AttributeError):
            return None
        if closest.get("available") and str(closest.get("status", "200")) == "200":
            capture = closest.get("url")
            if isinstance(capture, str) and capture.startswith(("http://", "https://")):
                return capture
        return None


def _doubt_unknown_hosts(results: dict[str, LinkResult]) -> None:
    """No name resolved and none of them known: more likely no network than all dead.

    A machine without a resolver (a sandboxed CI job) answers "unknown host" for every
    name, which would report every link dead. When no URL got an HTTP answer at all and
    several hosts were unknown, those verdicts become errors (unverifiable) instead.
    """
    if any(result.http_status is not None for result in results.values()):
        return
    unknown = {
        url: result
        for url, result in results.items()
        if result.status is LinkStatus.DEAD and result.http_status is None
    }
    if len({netloc_key(url) for url in unknown}) < 2:
        return
    for url, result in unknown.items():
        results[url] = dataclasses.replace(
            result,
            status=LinkStatus.ERROR,
            detail=f"{result.detail}, but no host resolved at all: is this machine offline?",
        )


def _open_verdicts(session: CachedSession) -> MutableMapping[str, Any]:
    path = cache_path(session)
    if path is None:
        return {}
    try:
        return WriteBehindDict(path, table_name="verdicts", serializer=None)
    except Exception:  # an unusable cache file: check everything, keep nothing
        return {}


def _timestamp(reference: Reference) -> str:
    """YYYYMMDD of the citation's access date, for the capture nearest to what was read."""
    date = parse_citation_date(reference.access_date or "")
    if date is None:
        return ""
    return f"{date.year:04d}{date.month or 1:02d}{date.day or 1:02d}"
