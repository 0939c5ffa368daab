"""Articles fetched by title from a live MediaWiki, through its Action API.

The API's etiquette is kept: a User-Agent that names citecheck, one request at a time,
up to 50 titles in one request, ``maxlag`` on every request, and a wait as long as the
server asks (``Retry-After``) before asking again, a few times at most and never past a
deadline.

Answers are cached with requests-cache in a SQLite file of their own, next to the link
cache (``~/.cache/citecheck/wiki.sqlite``), so that a second identical run sends nothing.
Only answers read and understood are stored: never a maxlag error, a 5xx or an error
page. An answer for the current revisions of titles stays fresh for ``LATEST_TTL``
(articles change); one for a pinned revision for the options' ``ttl`` (revisions do not).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import requests
from requests_cache import CachedSession

from citecheck.config import LinkOptions
from citecheck.links.fetch import classify_error, retry_after
from citecheck.links.http import BoundedAdapter, new_session, pool_classes, request_timeout
from citecheck.links.watchdog import Deadline, Watchdog

MAX_TITLES = 50
"""Titles in one request: the API's limit for clients without the bot right."""
MAX_ANSWER = 16 * 1024 * 1024
"""Bytes of one answer at most (MediaWiki itself sends no more than 8 MiB of result)."""
CACHE_NAME = "citecheck/wiki"
"""Under the user's cache directory: ``~/.cache/citecheck/wiki.sqlite`` on Linux."""
LATEST_TTL = 15 * 60.0
"""Seconds an answer about the current revisions of titles stays fresh in the cache."""

_PATIENCE = 4
"""A query's default deadline, waits and retries included, in the options' deadlines."""
_MAXLAG_WAIT = 5.0
"""Seconds to wait after a maxlag error that names no Retry-After (MediaWiki's least)."""
_BUSY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_TITLES_CHARS = 6000
"""Characters of encoded titles in one request: long URLs are refused by some servers."""
_MAX_HOPS = 20
_TITLE_SAFE = ";@$!*(),/~:"
"""What MediaWiki leaves unencoded in a title in a URL."""
_CONTENT = {
    "prop": "revisions",
    "rvprop": "content|ids|timestamp",
    "rvslots": "main",
}
_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"(?::[0-9]{1,5})?",
    re.IGNORECASE,
)
_HTML_TITLE = re.compile(r"<title[^>]*>([^<]{1,200})", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class WikiPage:
    wiki: str
    """The wiki's host (and port, when not the default), e.g. ``en.wikipedia.org``."""
    title: str
    """The title as the wiki normalises it, after redirects."""
    requested: str
    """The title as asked."""
    redirected_from: str | None
    """The (normalised) title asked, when it is a redirect to ``title``."""
    revision: int
    timestamp: str
    """When the revision was saved, ISO 8601 in UTC."""
    text: str
    """The wikitext."""
    url: str
    """A permanent link to the revision."""
    from_cache: bool


@dataclass(frozen=True, slots=True)
class WikiFailure:
    requested: str
    message: str
    """For the user, e.g. "no page with this title on en.wikipedia.org"."""


class WikiError(Exception):
    """The wiki as a whole cannot be used: a bad wiki name, an API that cannot be reached
    or that does not answer like a MediaWiki."""


def api_url(wiki: str) -> str:
    """The Action API of a wiki given by host (``en.wikipedia.org``: its ``/w/api.php`` over
    HTTPS, as on Wikimedia's wikis) or by the full URL of its ``api.php``."""
    text = wiki.strip()
    if "://" not in text:
        if not _HOST.fullmatch(text):
            raise WikiError(f"{wiki!r} is not a wiki: give a host such as en.wikipedia.org")
        return f"https://{text.lower()}/w/api.php"
    parts = urlsplit(text)
    try:
        usable = (
            parts.scheme.lower() in ("http", "https")
            and bool(parts.hostname)
            and parts.port != 0  # raises ValueError when the port is not a number
            and "@" not in parts.netloc
            and parts.path.endswith("/api.php")
            and not parts.query
            and not parts.fragment
        )
    except ValueError:
        usable = False
    if not usable:
        raise WikiError(
            f"{wiki!r} is not a wiki: give a host such as en.wikipedia.org or the URL of the"
            " wiki's api.php, such as https://en.wikipedia.org/w/api.php"
        )
    return text


def cache_file(options: LinkOptions) -> Path | None:
    """Where the wiki's answers are kept when the options name the link cache's file:
    beside it, ``-wiki`` added to its name. None: in the user's cache directory."""
    if options.cache is None:
        return None
    return options.cache.with_name(f"{options.cache.stem}-wiki{options.cache.suffix or '.sqlite'}")


def fetch_pages(
    wiki: str,
    titles: Sequence[str],
    *,
    revision: int | None = None,
    options: LinkOptions,
    maxlag: int = 5,
    retries: int = 4,
    patience: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[WikiPage | WikiFailure]:
    """The current wikitext of each title (or, with ``revision``, that revision of the one
    title given): one result per title, in order.

    ``retries`` bounds the further attempts of one request after a maxlag error, a 429 or
    5xx answer, a timeout or a reset; ``patience`` (seconds; default four times the
    options' deadline) bounds one request with all its waits. ``sleep`` does the waiting.
    Requests are made one at a time: callers must not fetch from one wiki in parallel.
    Raises WikiError when the wiki cannot be used at all.
    """
    api = api_url(wiki)
    if revision is not None and len(titles) != 1:
        raise ValueError("a revision can be fetched for exactly one title")
    if not titles:
        return []
    client = _Api(
        api,
        options,
        maxlag=maxlag,
        retries=retries,
        patience=options.deadline * _PATIENCE if patience is None else patience,
        sleep=sleep,
    )
    try:
        if revision is not None:
            return [_pinned(client, titles[0], revision)]
        return _latest(client, titles)
    finally:
        client.close()


@dataclass(frozen=True, slots=True)
class _Answer:
    """What the answers to one query (its continuations included) said, merged."""

    normalized: dict[str, str]
    redirects: dict[str, str]
    interwiki: frozenset[str]
    pages: dict[str, dict[str, Any]]
    """By title; an invalid title by the title as sent."""
    badrevids: frozenset[int]
    from_cache: bool

    @classmethod
    def merge(cls, answers: list[dict[str, Any]], *, from_cache: bool) -> _Answer:
        normalized: dict[str, str] = {}
        redirects: dict[str, str] = {}
        interwiki: set[str] = set()
        pages: dict[str, dict[str, Any]] = {}
        badrevids: set[int] = set()
        for answer in answers:
            query = answer["query"]
            normalized.update(_pairs(query.get("normalized")))
            redirects.update(_pairs(query.get("redirects")))
            interwiki.update(
                item["title"] for item in _items(query.get("interwiki")) if _text(item, "title")
            )
            for page in _items(query.get("pages")):
                title = page.get("title")
                if not isinstance(title, str):
                    continue
                # A continued query lists every page in every answer, each page's revision
                # in only one of them.
                if title not in pages or page.get("revisions"):
                    pages[title] = page
            bad = query.get("badrevids")
            for item in _items(list(bad.values()) if isinstance(bad, dict) else bad):
                if isinstance(item.get("revid"), int):
                    badrevids.add(item["revid"])
        return cls(
            normalized, redirects, frozenset(interwiki), pages, frozenset(badrevids), from_cache
        )

    def chain(self, title: str) -> list[str]:
        """The titles that ``title`` leads to: normalised, then each redirect's target."""
        names = [self.normalized.get(title, title)]
        while names[-1] in self.redirects and len(names) <= _MAX_HOPS:
            target = self.redirects[names[-1]]
            if target in names:
                break
            names.append(target)
        return names


@dataclass(frozen=True, slots=True)
class _Busy:
    """The wiki asked to be asked again later (or failed in a way that may pass)."""

    reason: str
    wait: float | None
    """Seconds it asked for; None: it did not say."""


class _Api:
    """One wiki's Action API, asked one request at a time."""

    def __init__(
        self,
        api: str,
        options: LinkOptions,
        *,
        maxlag: int,
        retries: int,
        patience: float,
        sleep: Callable[[float], None],
    ) -> None:
        self.api = api
        self.host = urlsplit(api).netloc.lower()
        self.options = options
        self._maxlag = maxlag
        self._retries = retries
        self._patience = patience
        self._sleep = sleep
        self._deadline = Deadline()
        self._watchdog = Watchdog()
        self._session = _open_session(options, deadline=self._deadline, body_seconds=patience)

    def close(self) -> None:
        self._session.close()
        self._watchdog.close()

    def not_cached(self, requested: str) -> WikiFailure:
        return WikiFailure(requested, f"not in the cache, and {self.host} is not asked offline")

    def page(
        self,
        *,
        requested: str,
        title: str,
        redirected_from: str | None,
        revision: dict[str, Any],
        from_cache: bool,
    ) -> WikiPage | WikiFailure:
        """The page for one revision as the API described it, or why it cannot be had."""
        revid = revision.get("revid")
        timestamp = revision.get("timestamp")
        if not isinstance(revid, int) or not isinstance(timestamp, str):
            return WikiFailure(
                requested, f"{self.host} described a revision without its id or date"
            )
        # MediaWiki before 1.32 (no slots) puts the main slot's fields in the revision.
        slots = revision.get("slots")
        slot = slots.get("main") if isinstance(slots, dict) else revision
        if not isinstance(slot, dict):
            return WikiFailure(requested, f"revision {revid} has no main text (slot)")
        if revision.get("texthidden") or slot.get("texthidden"):
            how = "suppressed" if revision.get("suppressed") else "deleted"
            return WikiFailure(requested, f"revision {revid} was {how}: its text is hidden")
        model = slot.get("contentmodel", "wikitext")
        if model != "wikitext":
            return WikiFailure(requested, f"“{title}” holds {model} content, not wikitext")
        text = slot.get("content")
        if not isinstance(text, str):
            return WikiFailure(
                requested, f"{self.host} could not give the text of revision {revid}"
            )
        return WikiPage(
            wiki=self.host,
            title=title,
            requested=requested,
            redirected_from=redirected_from,
            revision=revid,
            timestamp=timestamp,
            text=text,
            url=_permalink(self.api, title, revid),
            from_cache=from_cache,
        )

    def query(self, params: dict[str, str], *, ttl: float) -> _Answer | None:
        """The answer to a query, its continuations followed; None offline when the cache
        lacks it."""
        answers: list[dict[str, Any]] = []
        from_cache = True
        more: dict[str, str] = {}
        # Each continuation brings at least one more page's text.
        for _ in range(MAX_TITLES + 2):
            got = self._get({**params, **more}, ttl=ttl)
            if got is None:
                return None
            answer, cached = got
            answers.append(answer)
            from_cache = from_cache and cached
            follow = answer.get("continue")
            if not isinstance(follow, dict):
                return _Answer.merge(answers, from_cache=from_cache)
            more = {str(key): str(value) for key, value in follow.items()}
        raise WikiError(f"{self.host} did not stop continuing its answer")

    def _get(self, params: dict[str, str], *, ttl: float) -> tuple[dict[str, Any], bool] | None:
        query = {
            "action": "query",
            "format": "json",
            "formatversion": "2",
            "maxlag": str(self._maxlag),
            **params,
        }
        url = f"{self.api}?{urlencode(query)}"
        deadline = time.monotonic() + self._patience
        attempt = 0
        while True:
            outcome = self._ask(url, deadline=deadline, ttl=ttl)
            if not isinstance(outcome, _Busy):
                return outcome
            if attempt >= self._retries:
                raise WikiError(f"{outcome.reason} (asked {attempt + 1} times)")
            wait = min(2.0**attempt, 30.0) if outcome.wait is None else outcome.wait
            if time.monotonic() + wait > deadline:
                raise WikiError(f"{outcome.reason}, and asked to wait {wait:g} s more")
            self._sleep(wait)
            attempt += 1

    def _ask(
        self, url: str, *, deadline: float, ttl: float
    ) -> tuple[dict[str, Any], bool] | _Busy | None:
        self._deadline.watch = (self._watchdog, deadline)
        try:
            response = self._session.get(
                url,
                timeout=request_timeout(self.options, deadline - time.monotonic()),
                only_if_cached=self.options.offline,
                force_refresh=self.options.refresh,
            )
        except requests.RequestException as error:
            failure = classify_error(error)
            message = f"{self.host} could not be reached: {failure.detail}"
            # An unknown or refusing host is no better a second later.
            if failure.retry and not failure.host:
                return _Busy(message, None)
            raise WikiError(message) from error
        finally:
            self._deadline.watch = None
        if self.options.offline and response.status_code == 504 and response.reason == "Not Cached":
            return None
        from_cache = bool(getattr(response, "from_cache", False))
        status = response.status_code
        if status in _BUSY_STATUSES:
            wait = retry_after(response.headers.get("Retry-After"))
            return _Busy(f"{self.host} answered {_described(response)}", wait)
        if response.headers.get("X-Citecheck-Truncated"):
            if len(response.content) >= MAX_ANSWER:
                raise WikiError(f"{self.host} sent more than {MAX_ANSWER >> 20} MiB in one answer")
            raise WikiError(f"{self.host} sent an incomplete answer: too slow, or cut off")
        if status in (404, 410):
            raise WikiError(f"{self.api} does not exist ({_described(response)})")
        if status != 200:
            raise WikiError(f"{self.host} refused the request ({_described(response)})")
        answer = _json_object(response.content)
        if answer is None:
            raise WikiError(
                f"{self.api} does not answer like a MediaWiki API ({_described(response)})"
            )
        error = answer.get("error")
        if isinstance(error, dict):
            code = str(error.get("code", "?"))
            if code == "maxlag":
                wait = retry_after(response.headers.get("Retry-After"))
                lag = response.headers.get("X-Database-Lag") or error.get("lag", "?")
                return _Busy(
                    f"{self.host} is busy: its data lag {lag} s, more than the {self._maxlag} s"
                    " allowed",
                    _MAXLAG_WAIT if wait is None else wait,
                )
            info = str(error.get("info", "")).strip() or "no reason given"
            raise WikiError(f"{self.host} refused the query: {info} ({code})")
        if not isinstance(answer.get("query"), dict):
            raise WikiError(f"{self.api} does not answer like a MediaWiki API (no query result)")
        if not from_cache:
            expires = datetime.now(UTC) + timedelta(seconds=ttl)
            self._session.cache.save_response(response, expires=expires)
        return answer, from_cache


def _open_session(
    options: LinkOptions, *, deadline: Deadline, body_seconds: float
) -> CachedSession:
    session = new_session(
        options,
        cache_name=CACHE_NAME,
        cache_file=cache_file(options),
        # The wiki is the user's choice, not an article's: loopback and private hosts are
        # allowed.
        adapter=BoundedAdapter(
            body_limit=MAX_ANSWER,
            decoded_limit=MAX_ANSWER,
            body_seconds=body_seconds,
            pools=pool_classes(guarded=False, deadline=deadline),
            pool_maxsize=1,
        ),
        headers={"Accept": "application/json"},
        allowable_methods=("GET",),
        cache_control=False,
        # Answers are stored by _Api._ask once understood; stored blindly, a maxlag error
        # (sent with status 200) would be replayed on every later run.
        read_only=True,
        # Offline, an old copy of an article is better than none; its revision says which.
        stale_if_error=options.offline,
        # Redacting (the default) stores the request with its parameters re-ordered, and
        # then the check of the server's "Vary" against it fails on every later run.
        # Nothing here is secret.
        ignored_parameters=(),
    )
    session.max_redirects = options.max_redirects
    # MediaWiki answers "Vary: Cookie": a cookie picked up on one request would make the
    # cached answers miss on the next run.
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    return session


def _latest(client: _Api, titles: Sequence[str]) -> list[WikiPage | WikiFailure]:
    results: dict[str, WikiPage | WikiFailure] = {}
    wanted: list[str] = []
    for title in dict.fromkeys(titles):
        problem = _local_problem(title)
        if problem is None:
            wanted.append(title)
        else:
            results[title] = WikiFailure(title, problem)
    # Sorted, so that the same titles make the same requests (and hit the cache) whatever
    # their order.
    for batch in _batches(sorted(wanted)):
        answer = client.query(
            {**_CONTENT, "titles": "|".join(batch), "redirects": "1"}, ttl=LATEST_TTL
        )
        for title in batch:
            results[title] = (
                client.not_cached(title) if answer is None else _current(client, answer, title)
            )
    return [results[title] for title in titles]


def _current(client: _Api, answer: _Answer, requested: str) -> WikiPage | WikiFailure:
    chain = answer.chain(requested)
    final = chain[-1]
    redirected_from = chain[0] if len(chain) > 1 else None
    if final in answer.interwiki:
        return WikiFailure(requested, f"“{final}” is on another wiki, not on {client.host}")
    page = answer.pages.get(final) or answer.pages.get(requested)
    if page is None:
        return WikiFailure(requested, f"{client.host} said nothing about this title")
    if page.get("invalid"):
        reason = page.get("invalidreason") or "the wiki refused it"
        return WikiFailure(requested, f"not a valid title on {client.host}: {reason}")
    if page.get("special"):
        return WikiFailure(requested, f"“{final}” is a special page, which has no wikitext")
    if page.get("missing"):
        if redirected_from is not None:
            return WikiFailure(
                requested,
                f"“{redirected_from}” redirects to “{final}”, a page that does not exist on"
                f" {client.host}",
            )
        return WikiFailure(requested, f"no page with this title on {client.host}")
    revisions = _items(page.get("revisions"))
    if not revisions:
        return WikiFailure(requested, f"{client.host} sent no revision of “{final}”")
    return client.page(
        requested=requested,
        title=final,
        redirected_from=redirected_from,
        revision=revisions[0],
        from_cache=answer.from_cache,
    )


def _pinned(client: _Api, requested: str, revision: int) -> WikiPage | WikiFailure:
    problem = _local_problem(requested)
    if problem is not None:
        return WikiFailure(requested, problem)
    # No "redirects": a revision of a redirect page is what was asked for, not its target.
    answer = client.query({**_CONTENT, "revids": str(revision)}, ttl=client.options.ttl)
    if answer is None:
        return client.not_cached(requested)
    if revision in answer.badrevids:
        return WikiFailure(
            requested, f"no revision {revision} on {client.host}: it never was, or was deleted"
        )
    found = [
        (title, revisions[0])
        for title, page in answer.pages.items()
        if (revisions := _items(page.get("revisions"))) and revisions[0].get("revid") == revision
    ]
    if not found:
        return WikiFailure(requested, f"{client.host} sent no revision {revision}")
    owner, described = found[0]
    redirected_from = None
    from_cache = answer.from_cache
    if owner != requested:
        # The API takes titles or revision ids, never both: what the title leads to is a
        # second question.
        names = client.query({"titles": requested, "redirects": "1"}, ttl=LATEST_TTL)
        if names is None:
            return client.not_cached(requested)
        chain = names.chain(requested)
        if owner not in chain:
            return WikiFailure(
                requested, f"revision {revision} is of the page “{owner}”, not of this one"
            )
        if owner != chain[0]:
            redirected_from = chain[0]
        from_cache = from_cache and names.from_cache
    return client.page(
        requested=requested,
        title=owner,
        redirected_from=redirected_from,
        revision=described,
        from_cache=from_cache,
    )


def _local_problem(title: str) -> str | None:
    """Why a title cannot even be asked for: the API would read it as several, or none."""
    if not title.strip():
        return "an empty title"
    if "|" in title or any(ord(character) < 32 for character in title):
        return "not a valid title: “|” and control characters cannot be in one"
    return None


def _batches(titles: list[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for title in titles:
        length = len(quote(title, safe="")) + 3  # and the encoded "|" before it
        if batch and (len(batch) == MAX_TITLES or size + length > _MAX_TITLES_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(title)
        size += length
    if batch:
        yield batch


def _permalink(api: str, title: str, revision: int) -> str:
    index = api.removesuffix("api.php") + "index.php"
    return f"{index}?title={quote(title.replace(' ', '_'), safe=_TITLE_SAFE)}&oldid={revision}"


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _described(response: requests.Response) -> str:
    """The status and kind of an answer, with the title of an HTML page (an error page or
    a login form says what it is there)."""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip() or "no content type"
    found = _HTML_TITLE.search(response.content[:8192].decode("utf-8", "replace"))
    page = f" “{' '.join(found.group(1).split())}”" if found else ""
    return f"HTTP {response.status_code}, {kind}{page}"


def _items(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(item: dict[str, Any], key: str) -> bool:
    return isinstance(item.get(key), str)


def _pairs(value: object) -> dict[str, str]:
    """A "from" -> "to" mapping from the API's normalized or redirects list."""
    return {
        item["from"]: item["to"]
        for item in _items(value)
        if _text(item, "from") and _text(item, "to")
    }
