"""A small MediaWiki Action API on loopback, for the wiki fetcher's tests.

It answers ``GET /w/api.php?action=query`` in JSON with ``formatversion=2`` as MediaWiki
does, for the pages it was given: ``prop=revisions`` (``rvslots=main``) by ``titles`` or by
``revids``, ``redirects=1``, the ``normalized``, ``redirects``, ``interwiki`` and
``badrevids`` lists, missing, invalid and special titles, hidden (deleted or suppressed)
revision text and, when ``per_answer`` is set, continuation (``rvcontinue``) after that
many pages' text. Any other path is a 404 page.

Titles are normalised like MediaWiki's: underscores become spaces, runs of spaces one, and
the first letter is upper-cased. ``<>[]{}|`` make a title invalid; ``Special:`` titles are
special pages; ``wikt:`` titles are interwiki links.

Every answer carries ``Vary: Accept-Encoding, Cookie`` and sets a cookie, as Wikimedia's
do, and is gzipped when the client accepts it. Every request is recorded
(:attr:`FakeWiki.requests`) and held for ``delay`` seconds, so that requests made at the
same time overlap and show in :attr:`FakeWiki.max_in_flight`.

:meth:`FakeWiki.fail_next` makes the next requests fail: ``maxlag`` (status 200, a maxlag
error, ``Retry-After`` and ``X-Database-Lag``), ``503`` and ``429`` (an HTML page with
``Retry-After``), ``html`` (a login page with status 200), ``error`` (an API error that is
not maxlag) or ``huge`` (17 MiB of JSON).
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["FakeWiki", "Recorded", "Revision"]

HOST = "127.0.0.1"
_INVALID = set("<>[]{}|")
_FAILURES = frozenset({"maxlag", "503", "429", "html", "error", "huge"})


@dataclass(slots=True)
class Revision:
    id: int
    parent: int
    timestamp: str
    text: str
    model: str = "wikitext"
    hidden: bool = False
    suppressed: bool = False


@dataclass(slots=True)
class _Page:
    id: int
    title: str
    revisions: list[Revision] = field(default_factory=list)

    @property
    def redirect(self) -> str | None:
        text = self.revisions[-1].text
        if not text.upper().startswith("#REDIRECT [[") or "]]" not in text:
            return None
        return normalize(text[len("#REDIRECT [[") : text.index("]]")])


@dataclass(frozen=True, slots=True)
class Recorded:
    """One request the API received."""

    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass(slots=True)
class _Failure:
    kind: str
    retry_after: str | None


def normalize(title: str) -> str | None:
    """The title as MediaWiki would show it, None when it is not a valid title."""
    name = " ".join(title.replace("_", " ").split())
    if not name or _INVALID.intersection(name):
        return None
    return name[0].upper() + name[1:]


class FakeWiki:
    """One wiki's Action API on 127.0.0.1, served by a thread per request."""

    def __init__(self, *, delay: float = 0.005, per_answer: int | None = None) -> None:
        self.delay = delay
        self.per_answer = per_answer
        self.requests: list[Recorded] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._pages: dict[str, _Page] = {}
        self._archived: set[int] = set()
        self._failures: deque[_Failure] = deque()
        self._next_id = 100
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((HOST, 0), self._handler())
        self._server.daemon_threads = True
        # A short poll: shutdown() waits for the serving loop to look up.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # ------------------------------------------------------------------ set-up

    def __enter__(self) -> FakeWiki:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def api(self) -> str:
        return f"http://{HOST}:{self.port}/w/api.php"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def add_revision(
        self,
        title: str,
        text: str,
        *,
        model: str = "wikitext",
        hidden: bool = False,
        suppressed: bool = False,
    ) -> int:
        """A new revision of a page (created if needed); its id."""
        name = normalize(title)
        assert name is not None, title
        with self._lock:
            page = self._pages.get(name)
            if page is None:
                page = self._pages[name] = _Page(self._new_id(), name)
            revision = Revision(
                id=self._new_id(),
                parent=page.revisions[-1].id if page.revisions else 0,
                timestamp=f"2024-01-{len(page.revisions) + 1:02d}T12:00:00Z",
                text=text,
                model=model,
                hidden=hidden,
                suppressed=suppressed,
            )
            page.revisions.append(revision)
        return revision.id

    def add_redirect(self, source: str, target: str) -> int:
        return self.add_revision(source, f"#REDIRECT [[{target}]]")

    def archive(self, revision: int) -> None:
        """The revision is gone with its deleted page: the API knows it no more."""
        with self._lock:
            self._archived.add(revision)

    def fail_next(self, kind: str, *, times: int = 1, retry_after: str | None = "1") -> None:
        assert kind in _FAILURES, kind
        with self._lock:
            self._failures.extend(_Failure(kind, retry_after) for _ in range(times))

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    # ------------------------------------------------------------------ serving

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        wiki = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                wiki._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = {key: values[0] for key, values in parse_qs(parts.query).items()}
        with self._lock:
            self.requests.append(Recorded(parts.path, params, dict(handler.headers.items())))
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            failure = self._failures.popleft() if self._failures else None
        try:
            time.sleep(self.delay)
            if parts.path != "/w/api.php":
                status, headers, body = _html(404, "Not Found")
            elif failure is not None:
                status, headers, body = _failure(failure)
            else:
                with self._lock:
                    answer = self._answer(params)
                status, headers, body = _json(answer)
            self._send(handler, status, headers, body)
        finally:
            with self._lock:
                self._in_flight -= 1

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, headers: list[tuple[str, str]], body: bytes
    ) -> None:
        if "gzip" in handler.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=1, mtime=0)
            headers = [*headers, ("Content-Encoding", "gzip")]
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Vary", "Accept-Encoding, Cookie")
        handler.send_header("Set-Cookie", "WMF-Last-Access=01-Jan-2024; Path=/; HttpOnly")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    # ------------------------------------------------------------------ the API

    def _answer(self, params: dict[str, str]) -> dict[str, Any]:
        if params.get("action") != "query" or params.get("formatversion") != "2":
            return _error("badparams", "only action=query with formatversion=2 is simulated")
        if "titles" in params and "revids" in params:
            return _error(
                "invalidparammix", 'The parameters "titles" and "revids" can not be used together.'
            )
        if "revids" in params:
            return {"batchcomplete": True, "query": self._by_revision(params)}
        titles = params.get("titles", "").split("|")
        if len(titles) > 50:
            return _error("toomanyvalues", 'Too many values supplied for parameter "titles".')
        return self._by_title(titles, params)

    def _by_title(self, titles: list[str], params: dict[str, str]) -> dict[str, Any]:
        normalized: dict[str, str] = {}
        redirects: dict[str, str] = {}
        interwiki: list[dict[str, Any]] = []
        pages: dict[str, dict[str, Any]] = {}
        found: list[_Page] = []
        for raw in titles:
            if raw.lower().startswith("wikt:"):
                interwiki.append({"title": raw, "iw": "wikt"})
                continue
            name = normalize(raw)
            if name is None:
                reason = f'The requested page title contains invalid characters: "{raw}".'
                pages[raw] = {"title": raw, "invalidreason": reason, "invalid": True}
                continue
            if name != raw:
                normalized[raw] = name
            if name.startswith("Special:"):
                pages[name] = {"ns": -1, "title": name, "special": True}
                continue
            seen: set[str] = set()
            while params.get("redirects") and name in self._pages and name not in seen:
                target = self._pages[name].redirect
                if target is None:
                    break
                seen.add(name)
                redirects[name] = target
                name = target
            page = self._pages.get(name)
            if page is None:
                pages[name] = {"ns": 0, "title": name, "missing": True}
            else:
                pages[name] = {"pageid": page.id, "ns": 0, "title": name}
                found.append(page)
        query: dict[str, Any] = {}
        answer: dict[str, Any] = {"batchcomplete": True, "query": query}
        if params.get("prop") == "revisions":
            found.sort(key=lambda page: page.id)
            start = int(params.get("rvcontinue", "0"))
            given = [page for page in found if page.id >= start]
            if self.per_answer is not None and len(given) > self.per_answer:
                del answer["batchcomplete"]
                answer["continue"] = {
                    "rvcontinue": str(given[self.per_answer].id),
                    "continue": "||",
                }
                given = given[: self.per_answer]
            for page in given:
                pages[page.title]["revisions"] = [_revision(page.revisions[-1])]
        if normalized:
            query["normalized"] = [
                {"fromencoded": False, "from": source, "to": target}
                for source, target in normalized.items()
            ]
        if redirects:
            query["redirects"] = [
                {"from": source, "to": target} for source, target in redirects.items()
            ]
        if interwiki:
            query["interwiki"] = interwiki
        query["pages"] = list(pages.values())
        return answer

    def _by_revision(self, params: dict[str, str]) -> dict[str, Any]:
        pages: list[dict[str, Any]] = []
        bad: dict[str, Any] = {}
        for text in params["revids"].split("|"):
            revid = int(text)
            hit = [
                (page, revision)
                for page in self._pages.values()
                for revision in page.revisions
                if revision.id == revid and revid not in self._archived
            ]
            if not hit:
                bad[text] = {"revid": revid, "missing": True}
                continue
            page, revision = hit[0]
            entry = {"pageid": page.id, "ns": 0, "title": page.title}
            if params.get("prop") == "revisions":
                entry["revisions"] = [_revision(revision)]
            pages.append(entry)
        query: dict[str, Any] = {"pages": pages}
        if bad:
            query["badrevids"] = bad
        return query


def _revision(revision: Revision) -> dict[str, Any]:
    out: dict[str, Any] = {
        "revid": revision.id,
        "parentid": revision.parent,
        "timestamp": revision.timestamp,
    }
    if revision.hidden:
        out["slots"] = {"main": {"texthidden": True}}
        if revision.suppressed:
            out["suppressed"] = True
        return out
    out["slots"] = {
        "main": {
            "contentmodel": revision.model,
            "contentformat": "text/x-wiki" if revision.model == "wikitext" else "text/plain",
            "content": revision.text,
        }
    }
    return out


def _error(code: str, info: str, **more: Any) -> dict[str, Any]:
    return {"error": {"code": code, "info": info, **more}, "servedby": "fakewiki"}


def _json(answer: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [
        ("Content-Type", "application/json; charset=utf-8"),
        ("Cache-Control", "private, must-revalidate, max-age=0"),
    ]
    error = answer.get("error")
    if error is not None:
        headers.append(("MediaWiki-API-Error", error["code"]))
    return 200, headers, json.dumps(answer).encode("utf-8")


def _html(status: int, title: str) -> tuple[int, list[tuple[str, str]], bytes]:
    page = f"<!DOCTYPE html><html><head><title>{title}</title></head><body></body></html>"
    return status, [("Content-Type", "text/html; charset=utf-8")], page.encode("utf-8")


def _failure(failure: _Failure) -> tuple[int, list[tuple[str, str]], bytes]:
    wait = [("Retry-After", failure.retry_after)] if failure.retry_after is not None else []
    if failure.kind == "maxlag":
        status, headers, body = _json(
            _error(
                "maxlag",
                "Waiting for 10.0.0.7: 7 seconds lagged.",
                host="10.0.0.7",
                lag=7,
                type="db",
            )
        )
        return status, [*headers, *wait, ("X-Database-Lag", "7")], body
    if failure.kind in ("503", "429"):
        status, headers, body = _html(int(failure.kind), "Wikimedia Error")
        return status, [*headers, *wait], body
    if failure.kind == "html":
        return _html(200, "Log in - Example Wiki")
    if failure.kind == "error":
        return _json(_error("readapidenied", "You need read permission to use this module."))
    filler = "x" * (17 * 1024 * 1024)
    return 200, [("Content-Type", "application/json")], json.dumps({"filler": filler}).encode()
