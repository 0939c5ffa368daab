"""Every outcome the link checker must tell apart, against the simulated web on loopback."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from simweb import SimulatedWeb

from citecheck.config import LinkOptions
from citecheck.links.runner import LinkChecker
from citecheck.model import LinkResult, LinkStatus


def _options(tmp_path: Path, **overrides: object) -> LinkOptions:
    settings: dict[str, object] = {
        "allow_private_hosts": True,
        "timeout": 1.0,
        "deadline": 4.0,
        "retries": 1,
        "cache": tmp_path / "cache.sqlite",
    }
    settings.update(overrides)
    return LinkOptions(**settings)  # type: ignore[arg-type]


def _check(web: SimulatedWeb, tmp_path: Path, path: str, **overrides: object) -> LinkResult:
    url = web.url(0, path)
    with LinkChecker(_options(tmp_path, **overrides)) as checker:
        return checker.check_urls([url])[url]


@pytest.mark.parametrize(
    ("path", "status", "http_status"),
    [
        ("/ok/plain", LinkStatus.ALIVE, 200),
        ("/gzip/page", LinkStatus.ALIVE, 200),
        ("/status/404", LinkStatus.DEAD, 404),
        ("/status/410", LinkStatus.DEAD, 410),
        ("/redirect/301/ok/moved", LinkStatus.REDIRECTED, 200),
        ("/redirect/308/ok/moved", LinkStatus.REDIRECTED, 200),
        ("/redirect/302/ok/temporary", LinkStatus.ALIVE, 200),
        ("/redirect/307/ok/temporary", LinkStatus.ALIVE, 200),
        ("/chain/4/ok/chained", LinkStatus.REDIRECTED, 200),
        ("/chain/12/ok/too-long", LinkStatus.ERROR, None),
        ("/loop/a", LinkStatus.DEAD, 302),
        ("/loop/self", LinkStatus.DEAD, 302),
        ("/to-root/gone", LinkStatus.SOFT_404, 200),
        ("/to-notfound/gone", LinkStatus.SOFT_404, 200),
        ("/soft404/gone", LinkStatus.SOFT_404, 200),
        ("/soft404-h1/gone", LinkStatus.SOFT_404, 200),
        ("/status/401", LinkStatus.UNKNOWN, 401),
        ("/status/403", LinkStatus.UNKNOWN, 403),
        ("/status/451", LinkStatus.UNKNOWN, 451),
        ("/challenge/page", LinkStatus.UNKNOWN, 403),
        ("/always-500/x", LinkStatus.ERROR, 500),
        ("/reset/x", LinkStatus.ERROR, None),
        ("/head-405/report.pdf", LinkStatus.ALIVE, 200),
        ("/head-403/report.pdf", LinkStatus.ALIVE, 200),
        ("/head-404/report.pdf", LinkStatus.ALIVE, 200),
        ("/head-501/report.pdf", LinkStatus.ALIVE, 200),
        ("/file/report.pdf", LinkStatus.ALIVE, 200),
        ("/cookie-wall/x", LinkStatus.ALIVE, 200),
    ],
)
def test_each_outcome_gets_its_status(
    web: SimulatedWeb, tmp_path: Path, path: str, status: LinkStatus, http_status: int | None
) -> None:
    result = _check(web, tmp_path, path)
    assert (result.status, result.http_status) == (status, http_status), result.detail


def test_a_permanent_redirect_keeps_the_final_url(web: SimulatedWeb, tmp_path: Path) -> None:
    result = _check(web, tmp_path, "/redirect/301/ok/new-home")
    assert result.final_url == web.url(0, "/ok/new-home")


def test_a_cross_host_redirect_is_followed(web: SimulatedWeb, tmp_path: Path) -> None:
    target = web.url(1, "/ok/elsewhere")
    result = _check(web, tmp_path, f"/redirect-abs/301?to={quote(target, safe='')}")
    assert result.status is LinkStatus.REDIRECTED
    assert result.final_url == target


def test_a_redirect_to_another_scheme_is_refused(web: SimulatedWeb, tmp_path: Path) -> None:
    result = _check(web, tmp_path, f"/redirect-abs/302?to={quote('file:///etc/passwd')}")
    assert result.status is LinkStatus.UNSAFE


def test_refused_connection_is_an_error_not_dead(web: SimulatedWeb, tmp_path: Path) -> None:
    url = web.refused[0] + "/ok/x"
    with LinkChecker(_options(tmp_path)) as checker:
        result = checker.check_urls([url])[url]
    assert result.status is LinkStatus.ERROR
    assert "refused" in result.detail


def test_a_server_slower_than_the_timeout_times_out(web: SimulatedWeb, tmp_path: Path) -> None:
    start = time.monotonic()
    result = _check(web, tmp_path, "/slow/10/x", timeout=0.5, deadline=2.0, retries=1)
    assert result.status is LinkStatus.TIMEOUT
    assert time.monotonic() - start < 3.0


def test_a_dripping_body_is_cut_at_the_timeout(web: SimulatedWeb, tmp_path: Path) -> None:
    start = time.monotonic()
    result = _check(web, tmp_path, "/drip/x", timeout=1.0)
    assert result.status is LinkStatus.ALIVE
    assert time.monotonic() - start < 3.0


def test_a_10_mb_body_is_not_downloaded(web: SimulatedWeb, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    result = _check(web, tmp_path, "/big/x", cache=path)
    assert result.status is LinkStatus.ALIVE
    # The cache holds what was read: a prefix, never the 10 MB.
    assert path.stat().st_size < 1_000_000


def test_retry_after_is_honoured(web: SimulatedWeb, tmp_path: Path) -> None:
    start = time.monotonic()
    result = _check(web, tmp_path, "/retry-after/1/1/x", deadline=5.0)
    assert result.status is LinkStatus.ALIVE
    assert time.monotonic() - start >= 0.9
    assert web.hits("/retry-after/1/1/x") == 2


def test_retry_after_as_a_date_is_honoured(web: SimulatedWeb, tmp_path: Path) -> None:
    assert _check(web, tmp_path, "/retry-after-date/1/x", deadline=5.0).status is LinkStatus.ALIVE


def test_retry_after_503_is_honoured(web: SimulatedWeb, tmp_path: Path) -> None:
    assert _check(web, tmp_path, "/retry-after-503/1/1/x", deadline=5.0).status is LinkStatus.ALIVE


def test_retry_after_beyond_the_deadline_is_not_waited_for(
    web: SimulatedWeb, tmp_path: Path
) -> None:
    start = time.monotonic()
    result = _check(web, tmp_path, "/retry-after/5/60/x", deadline=3.0)
    assert result.status is LinkStatus.UNKNOWN
    assert result.http_status == 429
    assert time.monotonic() - start < 2.0


def test_a_flaky_server_is_retried(web: SimulatedWeb, tmp_path: Path) -> None:
    assert _check(web, tmp_path, "/flaky/1/x").status is LinkStatus.ALIVE
    assert _check(web, tmp_path, "/flaky/3/y", retries=1).status is LinkStatus.ERROR


def test_loopback_is_unsafe_unless_allowed(web: SimulatedWeb, tmp_path: Path) -> None:
    result = _check(web, tmp_path, "/ok/x", allow_private_hosts=False)
    assert result.status is LinkStatus.UNSAFE
    assert "127.0.0.1" in result.detail
    assert web.hits("/ok/x") == 0 or result.status is LinkStatus.UNSAFE


def test_a_redirect_to_a_private_address_is_unsafe(tmp_path: Path) -> None:
    # The checker refuses before any connection: no server needed, nothing leaves the machine.
    options = _options(tmp_path, allow_private_hosts=False)
    urls = ["http://10.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/"]
    with LinkChecker(options) as checker:
        results = checker.check_urls(urls)
    assert {r.status for r in results.values()} == {LinkStatus.UNSAFE}


def test_wayback_capture_and_missing_capture(web: SimulatedWeb, tmp_path: Path) -> None:
    captured = "/web/20200101000000/http://example.com/ok/page"
    assert _check(web, tmp_path, captured).status is LinkStatus.ALIVE
    missing = "/web/20200101000000/http://example.com/never-archived"
    assert _check(web, tmp_path, missing).status is LinkStatus.DEAD
    # Another timestamp redirects (302) to the capture, which is still a capture.
    nearby = "/web/2019/http://example.com/ok/page"
    assert _check(web, tmp_path, nearby).status is LinkStatus.ALIVE


def test_non_http_urls_and_exclusions_are_skipped(tmp_path: Path) -> None:
    options = _options(tmp_path, exclude=(r"example\.org",))
    urls = ["ftp://example.com/file", "mailto:someone@example.com", "https://example.org/x"]
    with LinkChecker(options) as checker:
        results = checker.check_urls(urls)
    assert {r.status for r in results.values()} == {LinkStatus.SKIPPED}


def test_each_distinct_url_is_checked_once(web: SimulatedWeb, tmp_path: Path) -> None:
    web.reset_counters()
    url = web.url(0, "/ok/once")
    with LinkChecker(_options(tmp_path, use_cache=False)) as checker:
        checker.check_urls([url, url, url + "#section"])
    assert web.hits("/ok/once") == 1


def test_a_warm_cache_sends_nothing(web: SimulatedWeb, tmp_path: Path) -> None:
    paths = ["/ok/warm", "/status/404/warm", "/redirect/301/ok/warm2", "/soft404/warm"]
    urls = [web.url(1, path) for path in paths]
    options = _options(tmp_path)
    with LinkChecker(options) as checker:
        cold = checker.check_urls(urls)
    web.reset_counters()
    with LinkChecker(options) as checker:
        warm = checker.check_urls(urls)
    assert web.hits() == 0
    assert all(result.from_cache for result in warm.values())
    assert [r.status for r in warm.values()] == [r.status for r in cold.values()]


def test_transient_failures_are_not_cached(web: SimulatedWeb, tmp_path: Path) -> None:
    url = web.url(1, "/always-500/not-cached")
    options = _options(tmp_path, retries=0)
    for _ in range(2):
        with LinkChecker(options) as checker:
            assert checker.check_urls([url])[url].status is LinkStatus.ERROR
    assert web.hits("/always-500/not-cached") == 2


def test_offline_answers_only_from_the_cache(web: SimulatedWeb, tmp_path: Path) -> None:
    known, unknown = web.url(2, "/ok/offline-known"), web.url(2, "/ok/offline-unknown")
    with LinkChecker(_options(tmp_path)) as checker:
        checker.check_urls([known])
    web.reset_counters()
    with LinkChecker(_options(tmp_path, offline=True)) as checker:
        results = checker.check_urls([known, unknown])
    assert web.hits() == 0
    assert results[known].status is LinkStatus.ALIVE and results[known].from_cache
    assert results[unknown].status is LinkStatus.UNKNOWN
    assert "cache" in results[unknown].detail


def test_refresh_asks_again(web: SimulatedWeb, tmp_path: Path) -> None:
    url = web.url(2, "/ok/refresh")
    with LinkChecker(_options(tmp_path)) as checker:
        checker.check_urls([url])
    web.reset_counters()
    with LinkChecker(_options(tmp_path, refresh=True)) as checker:
        result = checker.check_urls([url])[url]
    assert web.hits("/ok/refresh") == 1
    assert not result.from_cache


def test_the_per_host_limit_holds(web: SimulatedWeb, tmp_path: Path) -> None:
    web.latency = 0.2
    try:
        urls = [web.url(2, f"/ok/limit-{n}") for n in range(8)]
        start = time.monotonic()
        with LinkChecker(_options(tmp_path, per_host=2, concurrency=8, use_cache=False)) as c:
            c.check_urls(urls)
        elapsed = time.monotonic() - start
    finally:
        web.latency = 0.0
    # Eight requests, two at a time, 0.2 s each: at least four rounds.
    assert elapsed >= 0.75


def test_dead_links_get_a_suggested_archive(web: SimulatedWeb, tmp_path: Path) -> None:
    from citecheck.checker import check_links, parse

    api = web.url(1, "/wayback/available")
    dead = web.url(0, "/status/404/captured/story")
    lost = web.url(0, "/status/404/lost")
    article = parse(
        f"A fact.<ref>{{{{cite web |url={dead} |title=A |access-date=1 May 2020}}}}</ref> "
        f"Another.<ref>[{lost} B]</ref>\n\n{{{{reflist}}}}\n"
    )
    links = check_links([article], options=_options(tmp_path, wayback_api=api))
    assert links.results[dead].status is LinkStatus.DEAD
    assert links.suggestions[dead].startswith(web.url(1, "/web/"))
    assert lost not in links.suggestions


def test_a_host_that_is_down_is_given_up_on(web: SimulatedWeb, tmp_path: Path) -> None:
    urls = [f"{web.refused[0]}/ok/down-{n}" for n in range(12)]
    start = time.monotonic()
    with LinkChecker(_options(tmp_path, retries=2, per_host=1, concurrency=4)) as checker:
        results = checker.check_urls(urls)
    assert {r.status for r in results.values()} == {LinkStatus.ERROR}
    assert any("in a row" in r.detail for r in results.values())
    # Without giving up, each URL would wait through its retries' backoff one after another.
    assert time.monotonic() - start < 3.0


def _no_such_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names under .test do not exist; everything else resolves as usual."""
    real = socket.getaddrinfo

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if isinstance(host, str) and host.endswith(".test"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_an_unknown_host_is_dead(
    web: SimulatedWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_such_names(monkeypatch)
    urls = ["http://gone.test/a", "http://also-gone.test/b", web.url(0, "/ok/resolves")]
    with LinkChecker(_options(tmp_path)) as checker:
        results = checker.check_urls(urls)
    assert results["http://gone.test/a"].status is LinkStatus.DEAD
    assert results["http://gone.test/a"].detail == "unknown host"


def test_when_no_name_resolves_the_machine_is_probably_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_such_names(monkeypatch)
    urls = ["http://gone.test/a", "http://also-gone.test/b"]
    with LinkChecker(_options(tmp_path)) as checker:
        results = checker.check_urls(urls)
    assert {r.status for r in results.values()} == {LinkStatus.ERROR}
    assert "offline" in results["http://gone.test/a"].detail


def test_headers_sent_one_byte_at_a_time_are_cut_at_the_deadline(
    web: SimulatedWeb, tmp_path: Path
) -> None:
    web.drip_interval = 0.3  # each byte well within the read timeout
    try:
        start = time.monotonic()
        result = _check(web, tmp_path, "/drip-headers/x", timeout=1.0, deadline=2.0)
        elapsed = time.monotonic() - start
    finally:
        web.drip_interval = 1.0
    assert result.status is LinkStatus.TIMEOUT
    assert elapsed < 3.0
