"""The simulated web of ``tests/simweb.py``, checked route by route with the standard library."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from simweb import BIG_SIZE, DEFAULT_CAPTURE_TIMESTAMP, PDF_SIZE, SITE_NAME, SimulatedWeb

TIMEOUT = 5.0
SIMWEB = Path(__file__).with_name("simweb.py")


@pytest.fixture(scope="module")
def web() -> Iterator[SimulatedWeb]:
    with SimulatedWeb(hosts=3, latency=0.0, refused_hosts=1) as simulated:
        yield simulated


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


def connect(url: str, timeout: float = TIMEOUT) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port_of(url), timeout=timeout)


def fetch(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, Message, bytes]:
    """One request on a fresh connection; redirects are not followed."""
    parts = urlsplit(url)
    conn = connect(url)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()


def title_of(body: bytes) -> str:
    match = re.search(rb"<title>(.*?)</title>", body, re.S)
    assert match is not None, body[:200]
    return match.group(1).decode("utf-8")


def raw_exchange(url: str, data: bytes) -> bytes:
    """Send raw bytes and read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port_of(url)), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


# ---------------------------------------------------------------------- API and protocol


def test_hosts_refused_and_url(web: SimulatedWeb) -> None:
    assert len(web.hosts) == 3
    assert len(web.refused) == 1
    assert all(re.fullmatch(r"http://127\.0\.0\.1:\d+", h) for h in web.hosts + web.refused)
    assert len(set(web.hosts + web.refused)) == 4
    assert web.url(1, "/ok/x") == f"{web.hosts[1]}/ok/x"
    assert web.url(2, "ok/x") == f"{web.hosts[2]}/ok/x"


def test_refused_port_refuses(web: SimulatedWeb) -> None:
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port_of(web.refused[0])), timeout=TIMEOUT)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(web.refused[0] + "/ok/x", timeout=TIMEOUT)


def test_ok_page_and_common_headers(web: SimulatedWeb) -> None:
    status, headers, body = fetch(web.url(0, "/ok/hello"))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Server"] == "simweb"
    assert parsedate_to_datetime(headers["Date"]).year >= 2024
    assert int(headers["Content-Length"]) == len(body)
    assert title_of(body) == "Page hello"
    assert body.rstrip().endswith(b"</html>")


def test_ok_page_with_urllib(web: SimulatedWeb) -> None:
    with urllib.request.urlopen(web.url(1, "/ok/via-urllib?q=1"), timeout=TIMEOUT) as response:
        assert response.status == 200
        assert title_of(response.read()) == "Page via-urllib"


@pytest.mark.parametrize(
    "path",
    ["/", "/ok/a", "/status/404", "/redirect/301/ok/a", "/nowhere", "/web/2020/http://x.invalid/"],
)
def test_date_and_server_on_every_response(web: SimulatedWeb, path: str) -> None:
    _, headers, _ = fetch(web.url(0, path))
    assert headers["Server"] == "simweb"
    assert headers["Date"].endswith(" GMT")


def test_keep_alive_two_requests_one_connection(web: SimulatedWeb) -> None:
    conn = connect(web.hosts[0])
    try:
        conn.request("GET", "/ok/first")
        first = conn.getresponse()
        assert first.getheader("Connection") == "keep-alive"
        assert title_of(first.read()) == "Page first"
        sock = conn.sock
        assert sock is not None
        conn.request("GET", "/ok/second")
        second = conn.getresponse()
        assert title_of(second.read()) == "Page second"
        assert conn.sock is sock  # no reconnection happened
    finally:
        conn.close()


def test_head_has_no_body_and_same_headers(web: SimulatedWeb) -> None:
    _, get_headers, get_body = fetch(web.url(0, "/ok/same"))
    conn = connect(web.hosts[0])
    try:
        conn.request("HEAD", "/ok/same")
        head = conn.getresponse()
        assert head.status == 200
        assert head.getheader("Content-Length") == str(len(get_body))
        assert head.getheader("Content-Type") == get_headers["Content-Type"]
        assert head.read() == b""
        # A body after the HEAD response would corrupt the next response on this connection.
        conn.request("GET", "/ok/after-head")
        after = conn.getresponse()
        assert title_of(after.read()) == "Page after-head"
    finally:
        conn.close()
    raw = raw_exchange(web.hosts[0], b"HEAD /ok/same HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 200 OK\r\n")
    assert raw.endswith(b"\r\n\r\n")
    assert raw.count(b"\r\n\r\n") == 1


def test_connection_close_is_honoured(web: SimulatedWeb) -> None:
    raw = raw_exchange(web.hosts[1], b"GET /ok/bye HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert b"Connection: close\r\n" in raw
    assert raw.endswith(b"</html>\n")
    raw10 = raw_exchange(web.hosts[1], b"GET /ok/old HTTP/1.0\r\n\r\n")
    assert raw10.startswith(b"HTTP/1.1 200 ")
    assert b"Connection: close\r\n" in raw10


def test_pipelined_requests(web: SimulatedWeb) -> None:
    raw = raw_exchange(
        web.hosts[0],
        b"GET /ok/p1 HTTP/1.1\r\n\r\nGET /ok/p2 HTTP/1.1\r\nConnection: close\r\n\r\n",
    )
    assert raw.count(b"HTTP/1.1 200 OK") == 2
    assert raw.index(b"Page p1") < raw.index(b"Page p2")


def test_bad_request_and_other_methods(web: SimulatedWeb) -> None:
    assert raw_exchange(web.hosts[0], b"nonsense\r\n\r\n").startswith(b"HTTP/1.1 400 ")
    conn = connect(web.hosts[0])
    try:
        conn.request("POST", "/ok/x", body=b"a=1" * 100)
        response = conn.getresponse()
        assert response.status == 405
        assert response.getheader("Allow") == "GET, HEAD"
        response.read()
        conn.request("GET", "/ok/after-post")  # the request body was consumed
        assert title_of(conn.getresponse().read()) == "Page after-post"
    finally:
        conn.close()


def test_unknown_path_is_404(web: SimulatedWeb) -> None:
    status, _, body = fetch(web.url(0, "/no/such/page"))
    assert status == 404
    assert b"Not Found" in body


def test_counters_log_and_reset(web: SimulatedWeb) -> None:
    fetch(web.url(0, "/ok/counted-1?x=1"))
    fetch(web.url(1, "/ok/counted-2"), method="HEAD")
    assert web.hits("/ok/counted-") == 2
    assert web.hits("/ok/counted-1?x=") == 1
    log = web.requests_log()
    assert log[-2:] == [
        (web.hosts[0], "GET", "/ok/counted-1?x=1"),
        (web.hosts[1], "HEAD", "/ok/counted-2"),
    ]
    assert web.hits() >= 2
    web.reset_counters()
    assert web.hits() == 0
    assert web.requests_log() == []


# ---------------------------------------------------------------------- content routes


def test_home_page(web: SimulatedWeb) -> None:
    status, _, body = fetch(web.hosts[2] + "/")
    assert status == 200
    assert title_of(body) == "Home"


def test_pdf_file(web: SimulatedWeb) -> None:
    status, headers, body = fetch(web.url(0, "/file/report.pdf"))
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert len(body) == PDF_SIZE == 50 * 1024
    assert body.startswith(b"%PDF-")
    assert fetch(web.url(0, "/file/report.txt"))[0] == 404


def test_big_head_prefix_and_full_read(web: SimulatedWeb) -> None:
    status, headers, body = fetch(web.url(0, "/big/b"), method="HEAD")
    assert status == 200
    assert int(headers["Content-Length"]) == BIG_SIZE == 10 * 1024 * 1024
    assert body == b""
    conn = connect(web.hosts[0])
    try:
        conn.request("GET", "/big/b")
        response = conn.getresponse()
        assert int(response.getheader("Content-Length") or 0) == BIG_SIZE
        prefix = response.read(65536)
        assert title_of(prefix) == "Big page b"
    finally:
        conn.close()  # hang up in the middle of the body
    started = time.monotonic()
    status, _, body = fetch(web.url(0, "/big/full"))
    assert status == 200
    assert len(body) == BIG_SIZE
    assert time.monotonic() - started < 3
    assert fetch(web.url(0, "/ok/still-alive"))[0] == 200


def test_cookie_wall_is_a_normal_large_page(web: SimulatedWeb) -> None:
    status, _, body = fetch(web.url(0, "/cookie-wall/story"))
    assert status == 200
    assert len(body) > 50_000
    assert title_of(body) == f"Article story - {SITE_NAME}"


def test_gzip(web: SimulatedWeb) -> None:
    status, headers, body = fetch(web.url(0, "/gzip/z"), headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body)
    assert title_of(gzip.decompress(body)) == "Page z"


def test_soft_404_pages(web: SimulatedWeb) -> None:
    status, _, body = fetch(web.url(0, "/soft404/gone"))
    assert status == 200
    assert title_of(body) == "Page not found"
    assert b"Sorry, the page you requested could not be found." in body
    status, _, body = fetch(web.url(0, "/soft404-h1/gone"))
    assert status == 200
    assert title_of(body) == "Example News"
    assert "<h1>404 – Page Not Found</h1>".encode() in body


def test_challenge(web: SimulatedWeb) -> None:
    status, headers, body = fetch(web.url(0, "/challenge/x"))
    assert status == 403
    assert headers["cf-mitigated"] == "challenge"
    assert headers["Server"] == "cloudflare"
    assert title_of(body) == "Just a moment..."


# ---------------------------------------------------------------------- statuses


@pytest.mark.parametrize("code", [200, 401, 402, 403, 404, 410, 429, 451, 500, 503])
def test_status(web: SimulatedWeb, code: int) -> None:
    status, headers, body = fetch(web.url(0, f"/status/{code}"))
    assert status == code
    assert int(headers["Content-Length"]) == len(body) > 0
    if code == 401:
        assert "WWW-Authenticate" in headers
    if code != 200:
        assert title_of(body).startswith(f"{code} ")


def test_status_with_suffix_and_no_content(web: SimulatedWeb) -> None:
    assert fetch(web.url(0, "/status/404/captured/x"))[0] == 404
    status, headers, body = fetch(web.url(0, "/status/204"))
    assert (status, body) == (204, b"")
    assert "Content-Length" not in headers
    assert fetch(web.url(0, "/status/999"))[0] == 404


@pytest.mark.parametrize("code", [403, 404, 405, 501])
def test_head_refused_get_works(web: SimulatedWeb, code: int) -> None:
    status, headers, body = fetch(web.url(0, f"/head-{code}/page"), method="HEAD")
    assert status == code
    assert body == b""
    if code == 405:
        assert headers["Allow"] == "GET"
    status, _, body = fetch(web.url(0, f"/head-{code}/page"))
    assert status == 200
    assert b"<title>" in body


@pytest.mark.parametrize(("route", "code"), [("retry-after", 429), ("retry-after-503", 503)])
def test_retry_after_seconds(web: SimulatedWeb, route: str, code: int) -> None:
    url = web.url(0, f"/{route}/2/7/thing")
    for _ in range(2):
        status, headers, _ = fetch(url)
        assert status == code
        assert headers["Retry-After"] == "7"
    assert fetch(url)[0] == 200
    assert fetch(web.url(1, f"/{route}/2/7/thing"))[0] == code  # counted per host


def test_retry_after_date(web: SimulatedWeb) -> None:
    url = web.url(0, "/retry-after-date/1/thing")
    status, headers, _ = fetch(url)
    assert status == 429
    delta = parsedate_to_datetime(headers["Retry-After"]) - datetime.now(UTC)
    assert 0.5 < delta.total_seconds() <= 2.5
    assert fetch(url)[0] == 200


def test_flaky_and_always_500(web: SimulatedWeb) -> None:
    url = web.url(0, "/flaky/2/f")
    assert [fetch(url)[0] for _ in range(3)] == [500, 500, 200]
    web.reset_counters()
    assert fetch(url)[0] == 500
    assert [fetch(web.url(0, "/always-500/x"))[0] for _ in range(3)] == [500, 500, 500]


def test_reset_closes_without_answer(web: SimulatedWeb) -> None:
    with pytest.raises(ConnectionError):
        fetch(web.url(0, "/reset/x"))
    assert fetch(web.url(0, "/ok/after-reset"))[0] == 200


# ---------------------------------------------------------------------- redirects


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirect_relative_keeps_query(web: SimulatedWeb, code: int) -> None:
    status, headers, _ = fetch(web.url(0, f"/redirect/{code}/ok/x?q=1&r=2"))
    assert status == code
    assert headers["Location"] == "/ok/x?q=1&r=2"


@pytest.mark.parametrize("target", ["ftp://x", "http://10.0.0.1/", "cross-host"])
def test_redirect_absolute(web: SimulatedWeb, target: str) -> None:
    to = web.url(1, "/ok/cross") if target == "cross-host" else target
    status, headers, _ = fetch(web.url(0, "/redirect-abs/302?" + urlencode({"to": to})))
    assert status == 302
    assert headers["Location"] == to


def test_chain(web: SimulatedWeb) -> None:
    path, seen = "/chain/3/ok/a?k=v", []
    for _ in range(5):
        status, headers, body = fetch(web.url(0, path))
        if status != 301:
            break
        path = headers["Location"]
        seen.append(path)
    assert seen == ["/chain/2/ok/a?k=v", "/chain/1/ok/a?k=v", "/ok/a?k=v"]
    assert (status, title_of(body)) == (200, "Page a")


def test_loops(web: SimulatedWeb) -> None:
    assert fetch(web.url(0, "/loop/a"))[1]["Location"] == "/loop/b"
    assert fetch(web.url(0, "/loop/b"))[1]["Location"] == "/loop/a"
    status, headers, _ = fetch(web.url(0, "/loop/self"))
    assert (status, headers["Location"]) == (302, "/loop/self")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(web.url(0, "/loop/a"), timeout=TIMEOUT)


def test_to_root_and_to_notfound(web: SimulatedWeb) -> None:
    status, headers, _ = fetch(web.url(0, "/to-root/old"))
    assert (status, headers["Location"]) == (301, "/")
    status, headers, _ = fetch(web.url(0, "/to-notfound/old"))
    assert status == 302
    assert headers["Location"] == "/errors/404.html?from=" + quote("/to-notfound/old", safe="")
    status, _, body = fetch(web.url(0, headers["Location"]))
    assert (status, title_of(body)) == (200, "Error")


# ---------------------------------------------------------------------- timing


def test_slow_does_not_delay_other_requests(web: SimulatedWeb) -> None:
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        slow = pool.submit(fetch, web.url(0, "/slow/1/s"))
        time.sleep(0.05)
        assert fetch(web.url(0, "/ok/fast"))[0] == 200
        assert time.monotonic() - started < 0.6
        assert slow.result(timeout=TIMEOUT)[0] == 200
        assert time.monotonic() - started >= 1.0


def test_drip_sends_headers_then_a_byte_at_a_time(web: SimulatedWeb) -> None:
    conn = connect(web.hosts[0], timeout=3)
    try:
        started = time.monotonic()
        conn.request("GET", "/drip/d")
        response = conn.getresponse()
        assert response.status == 200
        assert response.getheader("Transfer-Encoding") == "chunked"
        assert time.monotonic() - started < 0.5
        assert response.read(1) == b"."
        assert 0.5 < time.monotonic() - started < 2.5
    finally:
        conn.close()


def test_latency_delays_each_request_concurrently() -> None:
    with SimulatedWeb(hosts=1, latency=0.2, refused_hosts=0) as slow_web:
        assert slow_web.refused == []
        with ThreadPoolExecutor(4) as pool:
            started = time.monotonic()
            results = list(pool.map(fetch, [slow_web.url(0, f"/ok/{i}") for i in range(4)]))
            elapsed = time.monotonic() - started
        assert [status for status, _, _ in results] == [200] * 4
        assert 0.2 <= elapsed < 0.6


def test_stop_is_bounded_with_open_connections() -> None:
    web = SimulatedWeb(hosts=1).start()
    host = web.hosts[0]
    drip = connect(host, timeout=3)
    drip.request("GET", "/drip/forever")
    drip.getresponse()
    slow = socket.create_connection(("127.0.0.1", port_of(host)), timeout=3)
    slow.sendall(b"GET /slow/30/x HTTP/1.1\r\n\r\n")
    idle = connect(host)
    idle.request("GET", "/ok/idle")
    idle.getresponse().read()
    time.sleep(0.05)
    started = time.monotonic()
    web.stop()
    assert time.monotonic() - started < 5
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port_of(host)), timeout=TIMEOUT)
    for conn in (drip, idle):
        conn.close()
    slow.close()


# ---------------------------------------------------------------------- archive


def test_wayback_capture_of_ok_url(web: SimulatedWeb) -> None:
    original = web.url(1, "/ok/archived?x=1")
    status, headers, body = fetch(web.url(0, f"/web/{DEFAULT_CAPTURE_TIMESTAMP}/{original}"))
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Memento-Datetime"] == "Wed, 01 Jan 2020 00:00:00 GMT"
    assert f'<{original}>; rel="original"' in headers["Link"]
    assert title_of(body) == f"Archived copy of {original}"


def test_wayback_redirects_to_capture_timestamp(web: SimulatedWeb) -> None:
    original = web.url(1, "/ok/archived?x=1")
    status, headers, _ = fetch(web.url(0, f"/web/2019/{original}"))
    assert status == 302
    assert headers["Location"] == f"/web/{DEFAULT_CAPTURE_TIMESTAMP}/{original}"
    status, headers, _ = fetch(web.url(0, f"/web/20190101000000id_/{original}"))
    assert (status, headers["Location"]) == (302, f"/web/{DEFAULT_CAPTURE_TIMESTAMP}id_/{original}")
    assert fetch(web.url(0, f"/web/{DEFAULT_CAPTURE_TIMESTAMP}id_/{original}"))[0] == 200


def test_wayback_not_archived(web: SimulatedWeb) -> None:
    status, _, body = fetch(web.url(0, "/web/20200101000000/http://example.invalid/gone"))
    assert status == 404
    assert b"Hrm. Wayback Machine has not archived that URL." in body


def test_wayback_registered_capture(web: SimulatedWeb) -> None:
    original = "http://example.invalid/registered/page"
    web.add_capture(original, "20150505050505")
    web.add_capture(original, "20220202020202")
    status, headers, _ = fetch(web.url(0, f"/web/2016/{original}"))
    assert (status, headers["Location"]) == (302, f"/web/20150505050505/{original}")
    status, headers, _ = fetch(web.url(0, f"/web/20150505050505/{original}"))
    assert status == 200
    assert headers["Memento-Datetime"] == "Tue, 05 May 2015 05:05:05 GMT"
    with pytest.raises(ValueError):
        web.add_capture(original, "yesterday")


def test_availability_api(web: SimulatedWeb) -> None:
    def available(url: str, timestamp: str | None = None) -> dict[str, object]:
        query = {"url": url} | ({"timestamp": timestamp} if timestamp else {})
        status, headers, body = fetch(web.url(0, "/wayback/available?" + urlencode(query)))
        assert status == 200
        assert headers["Content-Type"] == "application/json"
        result: dict[str, object] = json.loads(body)
        return result

    dead_captured = web.url(1, "/status/404/captured/x")
    answer = available(dead_captured, "20210101")
    assert answer == {
        "url": dead_captured,
        "archived_snapshots": {
            "closest": {
                "status": "200",
                "available": True,
                "url": f"{web.hosts[0]}/web/{DEFAULT_CAPTURE_TIMESTAMP}/{dead_captured}",
                "timestamp": DEFAULT_CAPTURE_TIMESTAMP,
            }
        },
        "timestamp": "20210101",
    }
    assert available("http://example.invalid/never") == {
        "url": "http://example.invalid/never",
        "archived_snapshots": {},
    }
    web.add_capture("https://www.example.invalid/later", "20230303030303")
    closest = available("http://example.invalid/later", "2024")["archived_snapshots"]
    assert isinstance(closest, dict)
    assert closest["closest"]["timestamp"] == "20230303030303"


# ---------------------------------------------------------------------- script mode


def start_script(*args: str) -> tuple[subprocess.Popen[str], dict[str, list[str]]]:
    proc = subprocess.Popen(
        [sys.executable, str(SIMWEB), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
    if not ready:
        proc.kill()
        pytest.fail("simweb script printed nothing")
    return proc, json.loads(proc.stdout.readline())


@pytest.mark.parametrize("how", ["stdin-eof", "sigterm", "sigint"])
def test_script_mode(how: str) -> None:
    proc, ports = start_script("--hosts", "2", "--latency", "0", "--refused", "1")
    try:
        assert len(ports["hosts"]) == 2
        assert len(ports["refused"]) == 1
        status, _, body = fetch(ports["hosts"][1] + "/ok/script")
        assert (status, title_of(body)) == (200, "Page script")
        if how == "stdin-eof":
            assert proc.stdin is not None
            proc.stdin.close()
        else:
            proc.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGINT)
        assert proc.wait(timeout=TIMEOUT) == 0
        assert proc.stderr is not None
        assert proc.stderr.read() == ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
