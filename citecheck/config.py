"""Settings of one run, gathered in one frozen object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from citecheck.model import Rating, Severity, SourceFormat


class Policy(StrEnum):
    PARAGRAPH = "paragraph"
    """A citation at the end of a paragraph covers the paragraph's earlier statements."""
    SENTENCE = "sentence"
    """Every statement that needs a citation needs its own."""


DEFAULT_WAYBACK_API = "https://archive.org/wayback/available"


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkOptions:
    """How cited URLs are checked: limits, politeness, cache and safety."""

    concurrency: int = 32
    """Requests in flight at once, over all hosts."""
    per_host: int = 4
    """Requests in flight at once to one host (scheme, name and port)."""
    timeout: float = 10.0
    """Seconds for one request to connect, and then between bytes of its answer."""
    deadline: float = 30.0
    """Seconds for one URL in all: redirects, retries and waits for Retry-After."""
    retries: int = 2
    """Further attempts after a timeout, a reset or a 5xx answer."""
    max_redirects: int = 10
    body_limit: int = 64 * 1024
    """Bytes of a page read at most: enough to see its title and opening text."""
    user_agent: str | None = None
    """None: citecheck's own, naming the tool and its home page."""
    cache: Path | None = None
    """The SQLite cache file; None for the default in the user's cache directory."""
    use_cache: bool = True
    """False keeps answers in memory for this run only."""
    ttl: float = 7 * 24 * 3600.0
    """Seconds an answer stays fresh in the cache."""
    offline: bool = False
    """Answer only from the cache; what it lacks is reported unverifiable."""
    refresh: bool = False
    """Ask every server again, and store the new answers."""
    allow_private_hosts: bool = False
    """Let URLs reach loopback, private and other non-public addresses."""
    exclude: tuple[str, ...] = ()
    """Regular expressions: a URL that matches one is skipped."""
    suggest_archives: bool = True
    """Look up an archived copy for each dead link that has none."""
    wayback_api: str = DEFAULT_WAYBACK_API


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    policy: Policy = Policy.PARAGRAPH
    strict_lead: bool = False
    """Report uncited lead statements like the body's, not at info."""
    select: frozenset[str] | None = None
    """Rule names or codes to run; None runs them all."""
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Rule name or code -> the severity every finding of that rule is reported at."""
    fail_on: Severity | None = Severity.ERROR
    """The least severity that makes the run fail; None never fails on findings."""
    min_coverage: float | None = None
    """The least share (0 to 1) of an article's claims that must be cited; None for no floor."""
    input_format: SourceFormat | None = None
    """None detects the format from the content."""
    links: bool = True
    """Check cited URLs and archived copies (the only part of a run that uses the network)."""
    link_options: LinkOptions = field(default_factory=LinkOptions)
    reliability: Mapping[str, Rating | None] = field(default_factory=dict)
    """The user's source ratings, added to the default list or replacing its own: a domain
    (``example.com``, or a path on it: ``example.com/blogs``) -> its rating, or None to leave
    the domain and its subdomains unrated."""
