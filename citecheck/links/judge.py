"""What an answer means: alive, dead, a soft 404, or a server that will not say.

Every other link checker stops at the status code, and so calls alive every page that
says "not found" with a 200 and every redirect that dumps the reader on the site's home
page. These are judged here from what a reader would see: where the redirects ended, and
the page's title, first heading and opening text.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from citecheck.model import LinkStatus

# Phrases a "not found" page uses for itself. Kept strict: a title like "Lost and Found"
# or an article about error pages must not match.
_NOT_FOUND_TITLE = re.compile(
    r"page\s+not\s+found|\bnot\s+found\s*$|^\s*not\s+found\b|\b(?:file|article|content|document|"
    r"story|post|item|resource)\s+not\s+found|^\s*(?:error\s*)?404\b|"
    r"\b404\s*[-:–—|]?\s*(?:error|page|not\s+found)\b|\berror\s*[-:–—]?\s*404\b|"
    r"page\s+(?:does\s+not|doesn'?t|could\s+not|cannot|can'?t)\s+(?:exist|be\s+found)|"
    r"page\s+(?:is\s+)?(?:unavailable|missing|no\s+longer\s+available)|"
    r"no\s+longer\s+(?:exists|available)|(?:could|can)\s*not\s+be\s+found|"
    r"wayback\s+machine\s+has\s+not\s+archived",
    re.IGNORECASE,
)
_NOT_FOUND_BODY = re.compile(
    r"(?:page|article|content|file|story)\s+(?:you\s+(?:requested|are\s+looking\s+for|were\s+"
    r"looking\s+for|tried\s+to\s+(?:reach|access))\s+)(?:could\s+not|cannot|can'?t|was\s+not|"
    r"wasn'?t|does\s+not|doesn'?t|is\s+no\s+longer|has\s+been)|"
    r"we\s+(?:could\s+not|couldn'?t|can'?t|cannot)\s+find\s+(?:that|the|this|your)\s+page|"
    r"this\s+page\s+(?:does\s+not|doesn'?t)\s+exist|"
    r"(?:this|the|that)\s+page\s+(?:could\s+not|cannot|can'?t)\s+be\s+found|"
    r"wayback\s+machine\s+has\s+not\s+archived\s+that\s+url|"
    r"(?:has\s+been|is)\s+excluded\s+from\s+the\s+wayback\s+machine|"
    r"wayback\s+machine\s+doesn'?t\s+have\s+that\s+page\s+archived",
    re.IGNORECASE,
)
_CHALLENGE_TITLE = re.compile(
    r"just\s+a\s+moment|attention\s+required|checking\s+your\s+browser|ddos-guard|"
    r"access\s+denied|are\s+you\s+a\s+robot|verify\s+you\s+are\s+human|captcha|"
    r"request\s+rejected|bot\s+verification",
    re.IGNORECASE,
)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_ERROR_PATH = re.compile(
    r"(?:^|[/_.=-])(404|410|not-?found|page-?not-?found|notfound|error-?page|pagenotfound)"
    r"(?:$|[/_.?=&-])",
    re.IGNORECASE,
)
_LOGIN_PATH = re.compile(
    r"(?:^|/)(?:login|log-in|signin|sign-in|sign_in|auth|sso|account/login|subscribe|paywall)"
    r"(?:$|[/?.])",
    re.IGNORECASE,
)
_TEXT_LIMIT = 3000


@dataclass(frozen=True, slots=True)
class Verdict:
    status: LinkStatus
    detail: str


@dataclass(frozen=True, slots=True)
class Page:
    """What a reader would see of a page: its title, first heading and opening text."""

    title: str
    heading: str
    text: str

    @classmethod
    def read(cls, body: bytes, content_type: str) -> Page:
        if body and "html" not in content_type and content_type and "xml" not in content_type:
            return cls("", "", "")
        source = body.decode(_charset(content_type), errors="replace")
        title = _TITLE.search(source)
        heading = _H1.search(source)
        start = _BODY.search(source)
        text = _SCRIPT.sub(" ", source[start.end() if start else 0 :])
        return cls(
            _visible(title.group(1)) if title else "",
            _visible(heading.group(1)) if heading else "",
            _visible(text)[:_TEXT_LIMIT],
        )


def _charset(content_type: str) -> str:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if match:
        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def _visible(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def _is_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def redirect_verdict(original: str, final: str) -> Verdict | None:
    """A redirect that tells by itself where the reader lands: home page, error or login."""
    if _is_root(final) and not _is_root(original):
        return Verdict(LinkStatus.SOFT_404, f"redirected to the site's home page {final}")
    final_parts = urlsplit(final)
    final_where = final_parts.path + ("?" + final_parts.query if final_parts.query else "")
    error_page = _ERROR_PATH.search(final_where)
    # "/news/404-reasons" moving to "/news/404-reasons/" is not an error page.
    if error_page and error_page.group(1).lower() not in original.lower():
        return Verdict(LinkStatus.SOFT_404, f"redirected to an error page {final}")
    if _LOGIN_PATH.search(final_parts.path) and not _LOGIN_PATH.search(urlsplit(original).path):
        return Verdict(LinkStatus.UNKNOWN, f"redirected to a login or subscription page {final}")
    return None


def is_challenge(status: int, headers: Mapping[str, str], page: Page) -> bool:
    """A bot check (Cloudflare and the like) stands between us and the page."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    return status in (200, 403, 429, 503) and bool(_CHALLENGE_TITLE.search(page.title))


def page_verdict(page: Page) -> Verdict | None:
    """A 200 page that says it is not the page that was asked for."""
    for where, text in (("title", page.title), ("heading", page.heading)):
        if text and _NOT_FOUND_TITLE.search(text):
            return Verdict(LinkStatus.SOFT_404, f"the page's {where} says {text[:80]!r}")
    match = _NOT_FOUND_BODY.search(page.text)
    if match:
        return Verdict(LinkStatus.SOFT_404, f"the page says {match.group(0)!r}")
    return None


def status_verdict(status: int) -> Verdict:
    """What a final status code alone says (redirects already followed, retries spent)."""
    if 200 <= status < 300:
        return Verdict(LinkStatus.ALIVE, f"HTTP {status}")
    if status in (404, 410):
        return Verdict(LinkStatus.DEAD, f"HTTP {status}")
    if status in (401, 402, 403, 407, 429, 451, 999):
        return Verdict(LinkStatus.UNKNOWN, f"HTTP {status}: the server would not say")
    if status >= 500:
        return Verdict(LinkStatus.ERROR, f"HTTP {status}")
    if 300 <= status < 400:
        return Verdict(LinkStatus.ERROR, f"HTTP {status} without a usable Location")
    return Verdict(LinkStatus.UNKNOWN, f"HTTP {status}")
