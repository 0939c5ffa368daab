"""How reliable the cited sources are, by a list of rated domains and source names.

The default list ships inside the package (``citecheck/data/reliability.json``); it is built
by ``scripts/build_reliability.py`` from the perennial-sources data kept in
``fixtures/reliability/``, and its ``about`` records where that data comes from and the date
the list reflects. A user's configuration adds or overrides entries (``[reliability]``).

A URL is rated by its host: the host itself, then each parent domain up to and including the
registrable domain, the first entry found winning, so ``news.bbc.co.uk`` takes the rating of
``bbc.co.uk`` and ``foo.blogspot.com`` that of ``blogspot.com``, while an entry for
``abcnews.go.com`` rates that host and its subdomains but not ``go.com``. The walk never goes
above the registrable domain into a public suffix (``co.uk``): where that boundary lies is
the ICANN section of the Public Suffix List, which the ``publicsuffixlist`` package ships (no
network, no cache directory; its private section would make ``blogspot.com`` itself a suffix
and stop the walk below it). An entry may name a path too (``google.com/maps``): it matches
URLs under that path, before the entry of the host. Archive captures are rated by the page
they captured; the archives themselves are never rated.

Citations also name their source (``work=``, ``publisher=``): a name the perennial list
gives for a source (its title on the list, or a name it lists beside the title), compared
without case, wiki markup or a leading "The", rates a citation template whose URL is not
rated, or has none, or is rated only by a WikiProject's list (a newspaper archive such as
newspapers.com is rated there, while the clipping it serves is the named newspaper's). A URL
rated by the perennial list, the platforms or the configuration wins over the name: the
name is the citer's word, the URL is where the text is. A name that looks like a domain
(``website=OpIndia.com``) is looked up as one.
"""

from __future__ import annotations

import functools
import html
import ipaddress
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

from citecheck.links.archives import parse_archive_url
from citecheck.links.urls import cited_url
from citecheck.model import (
    Article,
    CitationTemplate,
    RatedBy,
    Rating,
    RatingOrigin,
    Reference,
    SourceFormat,
    SourceRating,
    Span,
)

UNRATED = "unrated"
"""What a configuration says to take a domain off the list."""

ARCHIVE_HOSTS = frozenset(
    {
        "archive.org", "archive.today", "archive.ph", "archive.is", "archive.li", "archive.md",
        "archive.vn", "archive.fo", "archive-it.org", "arquivo.pt", "webcitation.org",
        "ghostarchive.org", "perma.cc", "perma-archives.org", "wikiwix.com", "megalodon.jp",
        "webarchive.org.uk", "webarchive.loc.gov", "webarchive.nla.gov.au",
        "webarchive.nationalarchives.gov.uk", "webarchive.proni.gov.uk", "webharvest.gov",
        "webarchive.bac-lac.gc.ca", "vefsafn.is", "veebiarhiiv.digar.ee", "archive.bibalex.org",
        "europarchive.org", "internetmemory.org", "waybackmachine.org", "mementoweb.org",
        "freezepage.com", "webcache.googleusercontent.com", "swap.stanford.edu",
        "arhiv.nuk.uni-lj.si", "webrecorder.io", "conifer.rhizome.org",
    }
)  # fmt: skip
"""Web archives (and their subdomains): what they hold is rated by the page they captured."""

_URL_PARAMETERS = (
    "url", "URL", "chapter-url", "chapterurl", "contribution-url", "entry-url", "section-url",
    "conference-url", "transcript-url", "article-url", "titre-url",
)  # fmt: skip
_ARCHIVE_PARAMETERS = ("archive-url", "archiveurl", "archiv-url")
_WORK_PARAMETERS = (
    "work", "website", "newspaper", "magazine", "periodical", "journal", "encyclopedia",
    "encyclopaedia", "site", "périodique", "Zeitung", "Werk",
)  # fmt: skip
_PUBLISHER_PARAMETERS = ("publisher", "éditeur", "verlag", "editorial")
_NAME_PARAMETERS = ((_WORK_PARAMETERS, RatedBy.WORK), (_PUBLISHER_PARAMETERS, RatedBy.PUBLISHER))
_NOT_CITATIONS = frozenset(
    {"external links", "external link", "further reading", "links", "see also", "weblinks",
     "liens externes", "lien externe", "pour approfondir", "enlaces externos",
     "collegamenti esterni", "ligações externas"}
)  # fmt: skip
"""Section titles whose links are not citations: a link there supports no statement."""

_URL_IN_TEXT = re.compile(r"(?:https?:)?//[^\s\[\]<>|{}\"'\\]+", re.IGNORECASE)
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]")
_MARKUP = re.compile(r"'{2,}|<[^>]*>")
_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*")
_HOST_LABELS = re.compile(
    r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)+"
)
_WWW = re.compile(r"www[0-9]*\.")


# -- hosts and names, normalised once --------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _public_suffixes() -> PublicSuffixList:
    # The ICANN section only: see the module's docstring.
    return PublicSuffixList(only_icann=True)


@functools.lru_cache(maxsize=16384)
def normalize_host(host: str) -> str | None:
    """A host as the list keys it: lower case, IDNA (``xn--``), no port, no trailing dot and
    no ``www.``; None for an IP address or something that is no host name."""
    host = host.strip().rstrip(".").lower()
    if not host:
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if host.startswith("[") or _is_ip(host):
        return None
    host = _WWW.sub("", host, count=1) if _WWW.match(host) and host.count(".") > 1 else host
    return host if _HOST_LABELS.fullmatch(host) else None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def domain_key(text: str) -> str | None:
    """An entry's key from how a list or a user writes it: ``WWW.Example.com``,
    ``https://example.com/news/``, ``example.com/blogs*``. None when it names no host."""
    text = text.strip()
    text = re.sub(r"^(?:[a-z][a-z0-9+.-]*:)?//", "", text, flags=re.IGNORECASE)
    host, slash, path = text.partition("/")
    host = host.rpartition("@")[2]
    if re.fullmatch(r".+:[0-9]*", host):
        host = host.rsplit(":", 1)[0]
    normal = normalize_host(host)
    if normal is None:
        return None
    path = path.split("?", 1)[0].split("#", 1)[0]
    return f"{normal}/{path}" if slash and path else normal


@functools.lru_cache(maxsize=16384)
def host_candidates(host: str) -> tuple[str, ...]:
    """The host, then each parent domain up to its registrable domain (ICANN suffixes)."""
    if host.count(".") < 2:
        return (host,)  # example.com, co.uk: nothing to climb to either way
    registrable = _public_suffixes().privatesuffix(host)
    if registrable is None or registrable == host or not host.endswith("." + registrable):
        return (host,)
    found = [host]
    rest = host
    while rest != registrable:
        rest = rest.partition(".")[2]
        found.append(rest)
    return tuple(found)


@functools.lru_cache(maxsize=16384)
def is_archive_host(host: str) -> bool:
    return any(candidate in ARCHIVE_HOSTS for candidate in _all_parents(host))


def _all_parents(host: str) -> Iterator[str]:
    while host:
        yield host
        host = host.partition(".")[2]


def name_key(text: str) -> str:
    """A source's name as compared: no wiki links, italics or tags, no case, no leading
    "The", single spaces; ``""`` for a name built by a template."""
    if "{{" in text:
        return ""
    text = _MARKUP.sub("", _WIKILINK.sub(r"\1", html.unescape(text)))
    text = " ".join(text.split()).casefold().strip(" .,;:")
    return text[4:] if text.startswith("the ") else text


# -- the list --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListEntry:
    rating: Rating | None
    """None: the user took the domain off the list (it and its subdomains go unrated)."""
    source: str | None
    origin: RatingOrigin


@dataclass(frozen=True, slots=True)
class _PathEntry:
    prefix: str
    """Casefolded, without the host and its slash."""
    wildcard: bool
    """Written with a trailing ``*``: any path that starts with the prefix."""
    key: str
    entry: ListEntry

    def matches(self, path: str) -> bool:
        if not path.startswith(self.prefix):
            return False
        if self.wildcard or self.prefix.endswith("/") or len(path) == len(self.prefix):
            return True
        return path[len(self.prefix)] in "/?#;"


class SourceList:
    """Rated domains (with optional paths) and names: built once, then only looked up."""

    def __init__(
        self,
        domains: Mapping[str, ListEntry],
        names: Mapping[str, ListEntry],
        about: Mapping[str, Any] | None = None,
    ) -> None:
        self.domains = dict(domains)
        self.names = dict(names)
        self.about = dict(about or {})
        self._hosts: dict[str, tuple[str, ListEntry]] = {}
        paths: dict[str, list[_PathEntry]] = {}
        for key, entry in self.domains.items():
            host, slash, path = key.partition("/")
            if not slash:
                self._hosts[host] = (key, entry)
                continue
            wildcard = path.endswith("*")
            prefix = path.rstrip("*").casefold()
            paths.setdefault(host, []).append(_PathEntry(prefix, wildcard, key, entry))
        self._paths = {
            host: tuple(sorted(found, key=lambda p: (-len(p.prefix), p.key)))
            for host, found in paths.items()
        }

    def with_overrides(self, overrides: Mapping[str, Rating | None]) -> SourceList:
        """This list with the user's entries added, replacing the list's own for a key."""
        domains = dict(self.domains)
        for key, rating in overrides.items():
            domains[key] = ListEntry(rating, None, RatingOrigin.CONFIGURATION)
        return SourceList(domains, self.names, self.about)

    def rate_url(self, url: str) -> SourceRating | None:
        """What the list says of a cited URL's site; None when it says nothing."""
        found = self.match_url(url)
        return _rating(found[0], found[1], RatedBy.URL) if found is not None else None

    def match_url(self, url: str) -> tuple[ListEntry, str] | None:
        """The entry that rates a cited URL and its key, even one the user made unrated."""
        capture = parse_archive_url(url)
        if capture is not None:
            if not capture.original:
                return None
            url = capture.original
        host, path = _host_and_path(url)
        if host is None or is_archive_host(host):
            return None
        folded = path.casefold()
        for candidate in host_candidates(host):
            for entry in self._paths.get(candidate, ()):
                if entry.matches(folded):
                    return entry.entry, entry.key
            found = self._hosts.get(candidate)
            if found is not None:
                return found[1], found[0]
        return None

    def rate_name(self, value: str, by: RatedBy) -> SourceRating | None:
        """What the list says of a source named in a citation (``work=``, ``publisher=``)."""
        key = name_key(value)
        if not key:
            return None
        if _DOMAIN_LIKE.fullmatch(key):
            host = normalize_host(key)
            found = self._hosts.get(host) if host else None
            if found is not None:
                return _rating(found[1], found[0], by)
            return None
        entry = self.names.get(key)
        return _rating(entry, key, by) if entry is not None else None


def _rating(entry: ListEntry, matched: str, by: RatedBy) -> SourceRating | None:
    if entry.rating is None:
        return None
    return SourceRating(
        rating=entry.rating, source=entry.source, matched=matched, by=by, origin=entry.origin
    )


def _host_and_path(url: str) -> tuple[str | None, str]:
    """The normalised host and the path (without its first slash) of a URL; a URL written
    without a scheme (``www.example.com/a``) is read as http."""
    text = url.strip()
    if "://" not in text[:12] and not text.startswith("//"):
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None, ""
    if not host:
        return None, ""
    return normalize_host(host), parts.path.lstrip("/")


@functools.lru_cache(maxsize=1)
def default_list() -> SourceList:
    """The list shipped in the package, read once per process."""
    data = resources.files("citecheck").joinpath("data/reliability.json").read_text("utf-8")
    return read_list(json.loads(data))


def read_list(document: Mapping[str, Any]) -> SourceList:
    """A list from the shipped JSON document (see scripts/build_reliability.py)."""
    domains = {
        key: ListEntry(Rating(rating), source or None, RatingOrigin(origin))
        for key, (rating, source, origin) in document["domains"].items()
    }
    names = {
        key: ListEntry(Rating(rating), source or None, RatingOrigin.PERENNIAL)
        for key, (rating, source) in document["names"].items()
    }
    return SourceList(domains, names, document.get("about"))


@functools.lru_cache(maxsize=32)
def _with_overrides(overrides: tuple[tuple[str, Rating | None], ...]) -> SourceList:
    return default_list().with_overrides(dict(overrides))


def source_list(overrides: Mapping[str, Rating | None] | None = None) -> SourceList:
    """The default list with a configuration's entries, built once per distinct configuration."""
    if not overrides:
        return default_list()
    return _with_overrides(tuple(sorted(overrides.items())))


# -- what an article cites -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RatedCitation:
    """One rated source that a reference cites, and where it is named."""

    reference: str
    rating: SourceRating
    span: Span
    """The ``url=`` or ``work=`` parameter, the link itself, or else the reference."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every rated source an article cites, worked out once for the rules and reporters."""

    citations: tuple[RatedCitation, ...] = ()
    by_reference: Mapping[str, SourceRating] = field(default_factory=dict)
    """Reference id -> the most severe rating among the sources it cites."""
    page: SourceRating | None = None
    """The article's own site, when the article knows its address."""


def assess(article: Article, sources: SourceList) -> Assessment:
    """Rate every source each reference cites (each URL, and names where no URL is rated)."""
    templates: dict[str, list[CitationTemplate]] = {}
    for template in article.citation_templates:
        if template.reference is not None:
            templates.setdefault(template.reference, []).append(template)
    skipped = _link_sections(article)
    found: list[RatedCitation] = []
    by_reference: dict[str, SourceRating] = {}
    for reference in article.references:
        if not reference.defined or _in_sections(reference.span, skipped):
            continue
        seen: set[tuple[str, str]] = set()
        for rating, span in _rate_reference(
            article, reference, templates.get(reference.id, ()), sources
        ):
            key = (str(rating.rating), rating.source or rating.matched)
            if key in seen:
                continue
            seen.add(key)
            found.append(RatedCitation(reference.id, rating, span))
            best = by_reference.get(reference.id)
            if best is None or rating.rating.rank > best.rating.rank:
                by_reference[reference.id] = rating
    page = sources.rate_url(article.url) if article.url else None
    return Assessment(citations=tuple(found), by_reference=by_reference, page=page)


def _rate_reference(
    article: Article,
    reference: Reference,
    templates: Iterable[CitationTemplate],
    sources: SourceList,
) -> Iterator[tuple[SourceRating, Span]]:
    covered: list[Span] = []
    any_url = False
    for template in templates:
        covered.append(template.span)
        parameter = template.get(*_URL_PARAMETERS) or template.get(*_ARCHIVE_PARAMETERS)
        url = cited_url(parameter.value) if parameter else None
        entry = sources.match_url(url) if url else None
        any_url = any_url or bool(url)
        by_url = _rating(entry[0], entry[1], RatedBy.URL) if entry else None
        if entry is not None and entry[0].origin is not RatingOrigin.WIKIPROJECT:
            if by_url is not None and parameter is not None:
                yield by_url, parameter.span
            continue  # rated by the URL (or left unrated by the user): the name says no more
        by_name = _rate_names(template, sources)
        if (
            by_url is not None
            and parameter is not None
            and (by_name is None or by_name[0].origin is RatingOrigin.WIKIPROJECT)
        ):
            by_name = by_url, parameter.span
        if by_name is not None:
            yield by_name
    start, end = reference.span.start, reference.span.end
    source = article.text
    if source.find("//", start, end) >= 0:
        text = source[start:end]
        html_page = article.format is SourceFormat.HTML
        for found in _URL_IN_TEXT.finditer(text):
            at = start + found.start()
            if _inside(at, covered) or (html_page and _wiki_link(text, found.start())):
                continue
            url = cited_url(found.group().rstrip(".,;:!?)"))
            if not url:
                continue
            any_url = True
            rating = sources.rate_url(url)
            if rating is not None:
                yield rating, Span(at, start + found.end())
    if not any_url and reference.url:
        url = cited_url(reference.url)
        rating = sources.rate_url(url) if url else None
        if rating is not None:
            yield rating, reference.span


def _rate_names(
    template: CitationTemplate, sources: SourceList
) -> tuple[SourceRating, Span] | None:
    """The perennial list's rating of the work a citation names, else of its publisher."""
    for names, by in _NAME_PARAMETERS:
        named = template.get(*names)
        rating = sources.rate_name(named.value, by) if named else None
        if rating is not None and named is not None:
            return rating, named.span
    return None


def _wiki_link(html_text: str, offset: int) -> bool:
    """Whether a URL in HTML is the address of a link to another wiki's article (an
    interlanguage link), which the page shows as a link, not as a citation."""
    opening = html_text.rfind("<", 0, offset)
    if opening < 0 or html_text.rfind(">", 0, offset) > opening:
        return False
    closing = html_text.find(">", offset)
    tag = html_text[opening : closing if closing >= 0 else len(html_text)]
    return "extiw" in tag or "mw:WikiLink" in tag


def _inside(offset: int, spans: list[Span]) -> bool:
    return any(span.start <= offset < span.end for span in spans)


def _link_sections(article: Article) -> list[Span]:
    return [
        section.span for section in article.sections if name_key(section.title) in _NOT_CITATIONS
    ]


def _in_sections(span: Span, sections: list[Span]) -> bool:
    return any(section.start <= span.start < section.end for section in sections)
