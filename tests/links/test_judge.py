"""Soft 404s and bot challenges, judged from what a reader would see; unknown hosts; addresses."""

from __future__ import annotations

import ipaddress
import socket

import pytest
import requests

from citecheck.links import judge
from citecheck.links.fetch import classify_error, retry_after
from citecheck.links.safety import is_public
from citecheck.model import LinkStatus


def _page(title: str = "", heading: str = "", body: str = "") -> judge.Page:
    html = f"<html><head><title>{title}</title></head><body><h1>{heading}</h1>{body}</body></html>"
    return judge.Page.read(html.encode(), "text/html; charset=utf-8")


@pytest.mark.parametrize(
    "title",
    [
        "Page not found",
        "404 Not Found",
        "Error 404 | Example News",
        "Page Not Found – The Times",
        "Not Found",
        "Oops! That page can't be found.",
        "This page does not exist",
        "Article not found - BBC",
        "404 – Page Not Found",
        "Sorry, this page is no longer available",
    ],
)
def test_not_found_titles(title: str) -> None:
    verdict = judge.page_verdict(_page(title=title))
    assert verdict is not None and verdict.status is LinkStatus.SOFT_404


@pytest.mark.parametrize(
    "title",
    [
        "Lost and Found (album) - review",
        "Page 404 of the annual report",
        "Route 404 reopens after repairs",
        "Found: the missing manuscript",
        "The 404 Club: a history",
        "Error correction in quantum computers",
        "Home",
    ],
)
def test_ordinary_titles_are_not_soft_404s(title: str) -> None:
    assert judge.page_verdict(_page(title=title)) is None


def test_body_text_of_a_not_found_page() -> None:
    page = _page(
        title="Example News", body="<p>Sorry, the page you requested could not be found.</p>"
    )
    assert judge.page_verdict(page) is not None


def test_an_article_that_mentions_missing_pages_is_alive() -> None:
    body = "<p>Editors found that many cited pages had moved; archives keep copies.</p>"
    assert judge.page_verdict(_page(title="Link rot", body=body)) is None


@pytest.mark.parametrize(
    ("original", "final", "status"),
    [
        ("https://e.com/2009/story", "https://e.com/", LinkStatus.SOFT_404),
        ("http://e.com/a/b", "https://www.e.com", LinkStatus.SOFT_404),
        ("https://e.com/a", "https://e.com/errors/404.html?from=/a", LinkStatus.SOFT_404),
        ("https://e.com/a", "https://e.com/page-not-found", LinkStatus.SOFT_404),
        ("https://e.com/a", "https://e.com/login?next=/a", LinkStatus.UNKNOWN),
    ],
)
def test_redirects_that_land_somewhere_telling(
    original: str, final: str, status: LinkStatus
) -> None:
    verdict = judge.redirect_verdict(original, final)
    assert verdict is not None and verdict.status is status


@pytest.mark.parametrize(
    ("original", "final"),
    [
        ("http://e.com/", "https://e.com/"),
        ("http://e.com", "https://www.e.com/"),
        ("https://e.com/news/404-reasons", "https://e.com/news/404-reasons/"),
        ("https://e.com/a", "https://e.com/b"),
    ],
)
def test_ordinary_redirects(original: str, final: str) -> None:
    assert judge.redirect_verdict(original, final) is None


def test_bot_challenges() -> None:
    page = _page(title="Just a moment...")
    assert judge.is_challenge(403, {"cf-mitigated": "challenge"}, _page())
    assert judge.is_challenge(503, {}, page)
    assert not judge.is_challenge(200, {}, _page(title="Morning news"))


def test_status_vocabulary() -> None:
    assert judge.status_verdict(404).status is LinkStatus.DEAD
    assert judge.status_verdict(410).status is LinkStatus.DEAD
    assert judge.status_verdict(403).status is LinkStatus.UNKNOWN
    assert judge.status_verdict(429).status is LinkStatus.UNKNOWN
    assert judge.status_verdict(503).status is LinkStatus.ERROR
    assert judge.status_verdict(204).status is LinkStatus.ALIVE
    assert judge.status_verdict(400).status is LinkStatus.UNKNOWN


def test_predicates_never_call_unverifiable_dead() -> None:
    for status in LinkStatus:
        assert not (status.is_dead and status.is_unverifiable)
    assert {s for s in LinkStatus if s.is_dead} == {LinkStatus.DEAD, LinkStatus.SOFT_404}


def test_unknown_host_is_dead_and_a_failed_lookup_is_not() -> None:
    def wrapped(errno: int) -> requests.ConnectionError:
        error = requests.ConnectionError("lookup failed")
        error.__cause__ = socket.gaierror(errno, "lookup")
        return error

    assert classify_error(wrapped(socket.EAI_NONAME)).status is LinkStatus.DEAD
    assert classify_error(wrapped(socket.EAI_AGAIN)).status is LinkStatus.ERROR


def test_retry_after_forms() -> None:
    assert retry_after("3") == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: now
    assert retry_after("soon") is None
    assert retry_after(None) is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    "body",
    [
        "Hrm. The Wayback Machine has not archived that URL.",
        "Sorry. This URL has been excluded from the Wayback Machine.",
        "The Wayback Machine doesn't have that page archived.",
    ],
)
def test_archive_pages_that_are_not_captures(body: str) -> None:
    assert judge.page_verdict(_page(title="Wayback Machine", body=f"<p>{body}</p>")) is not None
