"""Archive URLs and the dates around them, understood offline.

An ``archive-url`` should be a capture of the cited page taken around the ``archive-date``, and
most archives spell both out in the URL, so this is checked without fetching anything. Wayback
replay URLs are recognised on any host (many archives run that software, including the fake ones
tests start on loopback), the other services by host; embedded originals are repaired the way
the Wayback mangles them, and CS1 date forms are parsed to compare with capture timestamps.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, unquote


@dataclass(frozen=True, slots=True)
class ArchiveCapture:
    """What an archive URL says about itself.

    ``timestamp`` is the capture time as digits (1-14 of ``YYYYMMDDhhmmss``), ``original`` the
    archived URL with a scheme; either is None when the archive URL does not carry it (short
    ids). ``is_capture`` is False for calendar and search pages.
    """

    url: str
    service: str
    timestamp: str | None
    original: str | None
    is_capture: bool


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        month, day = (1 if v is None else v for v in (self.month, self.day))
        date(self.year, month, day)  # raises ValueError when out of range

    @property
    def precision(self) -> int:
        """How many of year, month and day are known (1 to 3)."""
        return 1 if self.month is None else 2 if self.day is None else 3

    @property
    def parts(self) -> tuple[int, ...]:
        """The known fields, most significant first."""
        return (self.year, self.month or 1, self.day or 1)[: self.precision]

    def as_timestamp(self) -> str:
        """The Wayback-style digits of the known fields: ``2017``, ``201706``, ``20170601``."""
        return "".join(f"{v:0{w}d}" for v, w in zip(self.parts, (4, 2, 2), strict=False))


# RFC 3986, appendix B: splits any string whatsoever, so URL handling can never raise.
_URI = re.compile(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)
_ARCHIVE = re.compile(r"(?:https?:)?//([^/?#]*)(.*)", re.DOTALL | re.IGNORECASE)
# After the prefix: a 1-14 digit timestamp and/or "*" (calendar), an optional flag, the original.
_TAIL = re.compile(r"(?P<ts>[0-9]{1,14})?(?P<star>\*)?(?:[a-z]{2}_)?/(?P<orig>.*)", re.DOTALL)
_TIMESTAMP = re.compile(r"[0-9]{1,14}")
_ENCODED_SCHEME = re.compile(r"(?:https?|ftp)%(?:25)*3a", re.IGNORECASE)
_SCHEME = re.compile(r"(https?|ftp):/*", re.IGNORECASE)

_IA_HOST = re.compile(r"(?:[a-z0-9-]+\.)*archive\.org")
_WEB = re.compile(r"/web/", re.IGNORECASE)
# Archives with their own replay prefix, each followed by a Wayback-style tail.
_PREFIXED = (
    ("arquivo.pt", re.compile(r"arquivo\.pt"), re.compile(r"/(?:wayback|noframe/replay)/", re.I)),
    ("ukwa", re.compile(r"webarchive\.org\.uk"), re.compile(r"/wayback/(?:[a-z]{2}/)?archive/")),
    ("loc", re.compile(r"webarchive\.loc\.gov"), re.compile(r"/(?:all|legacy|lcwa[0-9]+)/")),
    ("archive-it", re.compile(r"wayback\.archive-it\.org"), re.compile(r"/(?:[0-9]+|all)/")),
    ("nla", re.compile(r"(?:content\.)?webarchive\.nla\.gov\.au"), re.compile(r"/(?:awa|gov)/")),
    ("wikiwix", re.compile(r"(?:archive\.)?wikiwix\.com"), re.compile(r"/cache/")),
)
_ARCHIVE_TODAY = frozenset(
    f"archive.{tld}" for tld in ("today", "ph", "is", "li", "md", "vn", "fo")
)
_AT_DOTTED = re.compile(r"/([0-9]{4})\.([0-9]{2})\.([0-9]{2})(?:-([0-9]{6}))?/(.*)", re.DOTALL)
_AT_DIGITS = re.compile(r"/([0-9]{4,14})/(.*)", re.DOTALL)
_AT_NEWEST = re.compile(r"/(?:newest|oldest)/(.*)", re.DOTALL)
_AT_ID = re.compile(r"/(?:wip/)?[A-Za-z0-9]{4,5}/?")
_WEBCITE_ID = re.compile(r"/[A-Za-z0-9]{5,12}/?")
_GHOST_ID = re.compile(r"/v?archive/[A-Za-z0-9]+/?")
_PERMA_ID = re.compile(r"/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}/?")
# Parameters that may follow an unencoded original (and so end it) in query-based archives.
_WEBCITE_KEYS = frozenset({"url", "date", "id"})
_WIKIWIX_KEYS = frozenset({"url", "title", "t", "apiurl", "lang"})


@functools.lru_cache(maxsize=8192)  # every rule and reporter asks again for the same URLs
def parse_archive_url(url: str) -> ArchiveCapture | None:
    """The capture an archive URL points at, or None when it is not an archive URL."""
    match = _ARCHIVE.fullmatch(url.strip())
    if match is None:
        return None
    host, rest = _host_port(match[1])[0], match[2]
    if _IA_HOST.fullmatch(host):
        return _ia(url, host, rest)
    for service, host_re, prefix in _PREFIXED:
        if host_re.fullmatch(host) and (head := prefix.match(rest)):
            found = _tail(url, service, rest[head.end() :], strict=False)
            if found is not None:
                return found
    _, _, path, query = _split(rest)
    if host in _ARCHIVE_TODAY:
        return _archive_today(url, rest)
    if host == "webcitation.org":
        return _webcite(url, path, query)
    if host == "wikiwix.com" or host == "archive.wikiwix.com":
        original = _repair(_param(query, "url", _WIKIWIX_KEYS) or "")
        stamp = _param(query, "t", _WIKIWIX_KEYS)
        stamp = stamp if stamp and _TIMESTAMP.fullmatch(stamp) else None
        return ArchiveCapture(url, "wikiwix", stamp, original, True) if original else None
    if host == "ghostarchive.org" and _GHOST_ID.fullmatch(path):
        return ArchiveCapture(url, "ghostarchive", None, None, True)
    if host == "perma.cc" and _PERMA_ID.fullmatch(path):
        return ArchiveCapture(url, "perma.cc", None, None, True)
    if head := _WEB.match(rest):
        return _tail(url, "wayback-style", rest[head.end() :], strict=True)
    return None


def _ia(url: str, host: str, rest: str) -> ArchiveCapture | None:
    head = _WEB.match(rest)
    if head is None:
        # Only the replay hosts serve captures without "/web/"; archive.org itself has items.
        if host == "archive.org" or not rest.startswith("/"):
            return None
        return _tail(url, "wayback", rest[1:], strict=False)
    tail = rest[head.end() :]
    found = _tail(url, "wayback", tail, strict=False)
    if found is None and _hostlike(tail):
        # "/web/<url>" without a timestamp redirects to the newest capture.
        return ArchiveCapture(url, "wayback", None, _repair(tail), True)
    return found


def _tail(url: str, service: str, tail: str, *, strict: bool) -> ArchiveCapture | None:
    match = _TAIL.fullmatch(tail)
    if match is None or not (match["ts"] or match["star"]):
        return None
    if strict and not _hostlike(match["orig"]):
        # Any site may have a "/web/2017/..." path; only an embedded URL makes it an archive.
        return None
    original = _repair(match["orig"])
    return ArchiveCapture(url, service, match["ts"], original, bool(original and not match["star"]))


def _archive_today(url: str, rest: str) -> ArchiveCapture | None:
    if match := _AT_DOTTED.fullmatch(rest):
        stamp = "".join(match.group(1, 2, 3)) + (match[4] or "")
        return ArchiveCapture(url, "archive.today", stamp, _repair(match[5]), True)
    if match := _AT_DIGITS.fullmatch(rest):
        return ArchiveCapture(url, "archive.today", match[1], _repair(match[2]), True)
    if match := _AT_NEWEST.fullmatch(rest):
        return ArchiveCapture(url, "archive.today", None, _repair(match[1]), True)
    path = rest.partition("#")[0].partition("?")[0]
    if _AT_ID.fullmatch(path):
        return ArchiveCapture(url, "archive.today", None, None, True)
    if _hostlike(rest[1:]):
        # "/<url>" lists every capture of that URL.
        return ArchiveCapture(url, "archive.today", None, _repair(rest[1:]), False)
    return None


def _webcite(url: str, path: str, query: str) -> ArchiveCapture | None:
    original = _repair(_param(query, "url", _WEBCITE_KEYS) or "")
    if path.rstrip("/") == "/query":
        if original is None and not _param(query, "id", _WEBCITE_KEYS):
            return None
        when = parse_citation_date(unquote(_param(query, "date", _WEBCITE_KEYS) or ""))
        stamp = when.as_timestamp() if when else None
        return ArchiveCapture(url, "webcitation", stamp, original, True)
    if _WEBCITE_ID.fullmatch(path):
        return ArchiveCapture(url, "webcitation", None, original, True)
    return None


def _param(query: str, name: str, keys: frozenset[str]) -> str | None:
    parts = query.split("&")
    for i, part in enumerate(parts):
        key, eq, value = part.partition("=")
        if key.lower() != name or not eq:
            continue
        if name == "url" and "?" in value:
            # An unencoded original keeps its own query, up to the archive's next parameter.
            for extra in parts[i + 1 :]:
                if extra.partition("=")[0].lower() in keys:
                    break
                value += "&" + extra
        return value
    return None


def _split(url: str) -> tuple[str, str, str, str]:
    """Scheme, authority, path and query of any string, empty when absent."""
    match = _URI.fullmatch(url)
    assert match is not None  # every part of the pattern is optional
    return match[1] or "", match[2] or "", match[3] or "", match[4] or ""


def _hostlike(text: str) -> bool:
    first = text.partition("/")[0].partition("?")[0].partition("#")[0].lower()
    return "." in first or ":" in first or "%3a" in first or first == "localhost"


def _repair(raw: str) -> str | None:
    """The embedded original as a usable URL, or None when it names no host."""
    text = raw.strip()
    for _ in range(3):  # archives encode once, wikis sometimes twice
        if not _ENCODED_SCHEME.match(text):
            break
        text = unquote(text)
    if match := _SCHEME.match(text):
        scheme, rest = match[1].lower(), text[match.end() :]
    else:
        scheme, rest = "http", text.lstrip("/")
    if not rest or rest[0] in "?#":
        return None
    return f"{scheme}://{rest}"


def _host_port(netloc: str) -> tuple[str, str]:
    hostport = netloc.rpartition("@")[2].lower()
    if hostport.startswith("[") and "]" in hostport:
        host, _, after = hostport.partition("]")
        host, port = host + "]", after.removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    return host.rstrip(".").removeprefix("www."), port


# ---------------------------------------------------------------- dates

_MONTHS = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_MONTH_NUMBERS = {name: i for i, full in enumerate(_MONTHS, 1) for name in (full, full[:3])}
_MONTH_NUMBERS["sept"] = 9
_MON = r"(?P<mon>[A-Za-z]+)\.?"
_DATE_FORMS = (
    re.compile(
        r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2})"
        r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?P<d>[0-9]{{1,2}}) {_MON} (?P<y>[0-9]{{4}})"),
    re.compile(rf"{_MON} (?P<d>[0-9]{{1,2}}),? (?P<y>[0-9]{{4}})"),
    re.compile(rf"{_MON},? (?P<y>[0-9]{{4}})"),
)
_BLANKS = re.compile(r"(?:\s|&nbsp;|&#160;)+", re.IGNORECASE)


def _partial(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def timestamp_date(timestamp: str) -> PartialDate | None:
    """The date of a Wayback-style timestamp, to the precision it is given (None when invalid)."""
    if not _TIMESTAMP.fullmatch(timestamp) or len(timestamp) < 4:
        return None
    month = int(timestamp[4:6]) if len(timestamp) >= 6 else None
    day = int(timestamp[6:8]) if len(timestamp) >= 8 else None
    return _partial(int(timestamp[:4]), month, day)


def parse_citation_date(text: str) -> PartialDate | None:
    """A CS1 date (ISO, day-month-year, month-day-year, month-year or year), None otherwise."""
    cleaned = _BLANKS.sub(" ", text).strip().rstrip(". ")
    for form in _DATE_FORMS:
        match = form.fullmatch(cleaned)
        if match is None:
            continue
        fields = match.groupdict()
        if fields.get("mon") is not None:
            month = _MONTH_NUMBERS.get(fields["mon"].lower())
            if month is None:
                return None
        else:
            month = int(fields["m"]) if fields.get("m") else None
        day = int(fields["d"]) if fields.get("d") else None
        return _partial(int(fields["y"]), month, day)
    return None


def dates_agree(timestamp: str, archive_date: str, *, tolerance_days: int = 1) -> bool | None:
    """Whether a capture timestamp matches a citation's archive-date (None when unparseable)."""
    taken, cited = timestamp_date(timestamp), parse_citation_date(archive_date)
    if taken is None or cited is None:
        return None
    if taken.precision == cited.precision == 3:
        apart = date(*taken.parts) - date(*cited.parts)
        return abs(apart.days) <= max(tolerance_days, 0)
    shared = min(taken.precision, cited.precision)
    return taken.parts[:shared] == cited.parts[:shared]


# ---------------------------------------------------------------- URL identity

_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "/:@!$&'()*+,;=%"
_QUERY_SAFE = "/:@!$'()*+,;=?%"


_DOT_SEGMENT = re.compile(r"/(?:\.?/)+")
# Escapes of characters a path may hold as they are (RFC 3986 sub-delims, ":" and "@").
_SUB_DELIM_ESCAPE = re.compile(r"%(2[1246-9ABC]|3[ABD]|40)", re.IGNORECASE)
_ENCODED_QUERY = re.compile(r"%3F", re.IGNORECASE)


def _canonical_escapes(text: str, safe: str) -> str:
    # Decode what never needed escaping, upper-case the escapes that remain and escape the raw
    # characters a browser would, so that every spelling of the same URL converges.
    text = _ESCAPE.sub(_unescape_unreserved, _LONE_PERCENT.sub("%25", text))
    return quote(text, safe=safe, errors="surrogatepass")


def _unescape_unreserved(match: re.Match[str]) -> str:
    char = chr(int(match[1], 16))
    return char if char in _UNRESERVED else match[0].upper()


def _query_pair(pair: str) -> tuple[str, str, bool]:
    key, eq, value = pair.partition("=")
    return _canonical_escapes(key, _QUERY_SAFE), _canonical_escapes(value, _QUERY_SAFE), bool(eq)


def _resource_key(url: str) -> tuple[object, ...] | None:
    repaired = _repair(url)
    if repaired is None:
        return None
    scheme, netloc, path, query = _split(repaired)
    if not query and _ENCODED_QUERY.search(path):
        # The Wayback sometimes keeps a query escaped inside the path: "page.php%3Fid%3D2".
        path, _, query = unquote(path).partition("?")
    host, port = _host_port(netloc)
    if not host:
        return None
    if port.lstrip("0") in ("", "80", "443"):
        port = ""
    pairs = sorted(_query_pair(pair) for pair in query.split("&") if pair)
    # Archives and editors disagree in ways that never change the page: "/./" and "//", a
    # "," or "+" escaped or not, and the case of paths on servers that ignore it (and most
    # case-only differences between a citation and its capture are such servers).
    path = _SUB_DELIM_ESCAPE.sub(lambda m: chr(int(m[1], 16)), _canonical_escapes(path, _PATH_SAFE))
    path = _DOT_SEGMENT.sub("/", path).rstrip("/").casefold()
    scheme = "http" if scheme.lower() == "https" else scheme.lower()
    return (scheme, netloc.rpartition("@")[0], host, port, path, pairs)


def same_resource(cited: str, archived: str) -> bool:
    """Whether two URLs name the same resource, as far as the text of the URLs can tell."""
    key, other = _resource_key(cited), _resource_key(archived)
    if key is None or other is None:
        return False
    if key == other:
        return True
    # One side with extra parameters (tracking, language: "&hl=en") on the same page.
    *place, pairs = key
    *other_place, other_pairs = other
    if place != other_place or not pairs or not other_pairs:
        return False
    smaller, larger = sorted((pairs, other_pairs), key=len)
    return all(pair in larger for pair in smaller)
