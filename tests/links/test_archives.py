"""Archive URLs, capture timestamps and citation dates, parsed without any network access."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citecheck.links.archives import (
    ArchiveCapture,
    PartialDate,
    dates_agree,
    parse_archive_url,
    parse_citation_date,
    same_resource,
    timestamp_date,
)

WB = "https://web.archive.org/web"
TS = "20170601123456"

# (archive URL, service, timestamp, original, is_capture)
CAPTURES = [
    # Internet Archive, the plain form and its flags
    (f"{WB}/{TS}/https://example.com/page", "wayback", TS, "https://example.com/page", True),
    (f"http://web.archive.org/web/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True),
    (f"{WB}/{TS}id_/http://e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}if_/http://e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}im_/http://e.com/a.png", "wayback", TS, "http://e.com/a.png", True),
    (f"{WB}/{TS}js_/http://e.com/a.js", "wayback", TS, "http://e.com/a.js", True),
    (f"{WB}/{TS}cs_/http://e.com/a.css", "wayback", TS, "http://e.com/a.css", True),
    (f"{WB}/{TS}oe_/http://e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}fw_/http://e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}zz_/http://e.com/a", "wayback", TS, "http://e.com/a", True),
    # truncated timestamps
    (f"{WB}/2017/http://e.com/a", "wayback", "2017", "http://e.com/a", True),
    (f"{WB}/201706/http://e.com/a", "wayback", "201706", "http://e.com/a", True),
    (f"{WB}/2/http://e.com/a", "wayback", "2", "http://e.com/a", True),
    (f"{WB}/2017id_/http://e.com/a", "wayback", "2017", "http://e.com/a", True),
    # other Internet Archive hosts and spellings
    (f"https://web.archive.org/{TS}/http://e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"https://wayback.archive.org/web/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True),
    (f"https://archive.org/web/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True),
    (f"https://web.archive.org:443/web/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True),
    (f"HTTPS://WEB.ARCHIVE.ORG/web/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True),
    (f"//web.archive.org/web/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True),
    (f"  {WB}/{TS}/http://e.com/  ", "wayback", TS, "http://e.com/", True),
    # newest capture (no timestamp)
    (f"{WB}/https://e.com/a", "wayback", None, "https://e.com/a", True),
    # mangled originals
    (f"{WB}/{TS}/http:/e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}/https:/e.com/a", "wayback", TS, "https://e.com/a", True),
    (f"{WB}/{TS}/HTTP://e.com/a", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}/e.com/page", "wayback", TS, "http://e.com/page", True),
    (f"{WB}/2017/www.e.com", "wayback", "2017", "http://www.e.com", True),
    (f"{WB}/{TS}/http%3A%2F%2Fe.com%2Fa", "wayback", TS, "http://e.com/a", True),
    (f"{WB}/{TS}/https%3a//e.com/a", "wayback", TS, "https://e.com/a", True),
    (f"{WB}/{TS}/http://e.com/a?b=1&c=2", "wayback", TS, "http://e.com/a?b=1&c=2", True),
    (f"{WB}/{TS}/http://e.com/a?b=1#top", "wayback", TS, "http://e.com/a?b=1#top", True),
    # calendar and search pages
    (f"{WB}/*/http://e.com/a", "wayback", None, "http://e.com/a", False),
    (f"{WB}/2017*/http://e.com/a", "wayback", "2017", "http://e.com/a", False),
    (f"{WB}/20170601*/e.com/*", "wayback", "20170601", "http://e.com/*", False),
    (f"{WB}/{TS}/", "wayback", TS, None, False),
    # the same software on other hosts, loopback test archives included
    (f"http://localhost:8123/web/{TS}/http://e.com/", "wayback-style", TS, "http://e.com/", True),
    (f"http://127.0.0.1:9000/web/{TS}/http://e.com/", "wayback-style", TS, "http://e.com/", True),
    ("http://127.0.0.1:9000/web/2017id_/e.com/a", "wayback-style", "2017", "http://e.com/a", True),
    (f"http://[::1]:9000/web/{TS}/http://e.com/", "wayback-style", TS, "http://e.com/", True),
    (
        "https://web.archive.bibalex.org/web/2006/http://e.eg/",
        "wayback-style",
        "2006",
        "http://e.eg/",
        True,
    ),
    ("http://localhost:8123/web/*/http://e.com/", "wayback-style", None, "http://e.com/", False),
    (
        f"http://localhost:8123/web/{TS}/localhost:8124/x",
        "wayback-style",
        TS,
        "http://localhost:8124/x",
        True,
    ),
    # archive.today and its mirrors
    (
        "https://archive.ph/2017.06.01-123456/https://e.com/",
        "archive.today",
        TS,
        "https://e.com/",
        True,
    ),
    (
        "https://archive.is/2017.06.01-123456/http://e.com/a?b=1",
        "archive.today",
        TS,
        "http://e.com/a?b=1",
        True,
    ),
    (
        "http://archive.today/2017.06.01/http://e.com/",
        "archive.today",
        "20170601",
        "http://e.com/",
        True,
    ),
    (f"https://archive.li/{TS}/http://e.com/", "archive.today", TS, "http://e.com/", True),
    (f"https://archive.md/{TS}/e.com/", "archive.today", TS, "http://e.com/", True),
    ("https://archive.vn/newest/http://e.com/", "archive.today", None, "http://e.com/", True),
    ("https://archive.fo/oldest/http://e.com/", "archive.today", None, "http://e.com/", True),
    ("https://archive.ph/AbC12", "archive.today", None, None, True),
    ("https://www.archive.ph/AbC12/", "archive.today", None, None, True),
    ("https://archive.ph/AbC12#selection-101.0-101.9", "archive.today", None, None, True),
    ("https://archive.ph/wip/AbC12", "archive.today", None, None, True),
    ("https://archive.ph/https://e.com/", "archive.today", None, "https://e.com/", False),
    # WebCite
    ("http://www.webcitation.org/5abcDEF12", "webcitation", None, None, True),
    (
        "https://webcitation.org/5abcDEF12?url=http://e.com/a",
        "webcitation",
        None,
        "http://e.com/a",
        True,
    ),
    (
        "http://www.webcitation.org/query?url=http%3A%2F%2Fe.com%2Fa&date=2017-06-01",
        "webcitation",
        "20170601",
        "http://e.com/a",
        True,
    ),
    ("http://www.webcitation.org/query?id=1234567890", "webcitation", None, None, True),
    # the rest
    ("https://ghostarchive.org/archive/AbCdE", "ghostarchive", None, None, True),
    ("https://ghostarchive.org/varchive/xYz12", "ghostarchive", None, None, True),
    (f"https://arquivo.pt/wayback/{TS}/http://e.pt/", "arquivo.pt", TS, "http://e.pt/", True),
    (f"https://arquivo.pt/wayback/{TS}id_/http://e.pt/", "arquivo.pt", TS, "http://e.pt/", True),
    (
        f"https://www.webarchive.org.uk/wayback/archive/{TS}/http://e.uk/",
        "ukwa",
        TS,
        "http://e.uk/",
        True,
    ),
    (
        f"https://www.webarchive.org.uk/wayback/en/archive/{TS}/e.uk/",
        "ukwa",
        TS,
        "http://e.uk/",
        True,
    ),
    (f"https://webarchive.loc.gov/all/{TS}/http://e.gov/", "loc", TS, "http://e.gov/", True),
    (f"https://webarchive.loc.gov/legacy/{TS}/http://e.gov/", "loc", TS, "http://e.gov/", True),
    (
        f"https://wayback.archive-it.org/1234/{TS}/http://e.org/",
        "archive-it",
        TS,
        "http://e.org/",
        True,
    ),
    (f"https://webarchive.nla.gov.au/awa/{TS}/http://e.au/", "nla", TS, "http://e.au/", True),
    ("https://perma.cc/ABC1-DEF2", "perma.cc", None, None, True),
    ("https://perma.cc/abc1-def2/", "perma.cc", None, None, True),
    (
        "https://archive.wikiwix.com/cache/?url=http%3A%2F%2Fe.com%2Fa",
        "wikiwix",
        None,
        "http://e.com/a",
        True,
    ),
    (
        "http://archive.wikiwix.com/cache/index2.php?url=https%253A%252F%252Fe.com%252Fa&title=T",
        "wikiwix",
        None,
        "https://e.com/a",
        True,
    ),
    (
        "https://archive.wikiwix.com/cache/?url=http://e.com/a?b=1&c=2&title=T",
        "wikiwix",
        None,
        "http://e.com/a?b=1&c=2",
        True,
    ),
    (
        f"https://archive.wikiwix.com/cache/index.html?t={TS}&url=http://e.com/",
        "wikiwix",
        TS,
        "http://e.com/",
        True,
    ),
    (f"https://archive.wikiwix.com/cache/{TS}/http://e.fr/", "wikiwix", TS, "http://e.fr/", True),
]


@pytest.mark.parametrize(("url", "service", "timestamp", "original", "is_capture"), CAPTURES)
def test_parse_archive_url(
    url: str, service: str, timestamp: str | None, original: str | None, is_capture: bool
) -> None:
    assert parse_archive_url(url) == ArchiveCapture(url, service, timestamp, original, is_capture)


def test_capture_is_frozen_data() -> None:
    capture = parse_archive_url(f"{WB}/{TS}/http://e.com/")
    assert capture == ArchiveCapture(
        f"{WB}/{TS}/http://e.com/", "wayback", TS, "http://e.com/", True
    )
    with pytest.raises(AttributeError):
        capture.service = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "garbage",
        "not a url at all",
        "web.archive.org",
        "https://web.archive.org",
        "https://web.archive.org/",
        "https://web.archive.org/web/",
        "https://web.archive.org/save/https://e.com/",
        "https://archive.org/details/historyofengland00hume",
        "https://archive.org/",
        "https://archive.org/2017/http://e.com/",
        "https://example.com/page",
        "https://example.com/web/2017/my-post",
        "https://example.com/web/20170601/",
        f"{WB}/201706011234567/http://e.com/",
        f"ftp://web.archive.org/web/{TS}/http://e.com/",
        "https://archive.ph/",
        "https://archive.ph/faq",
        "https://archive.ph/submit/",
        "https://www.webcitation.org/",
        "https://www.webcitation.org/faq.html",
        "https://www.webcitation.org/query",
        "https://ghostarchive.org/",
        "https://ghostarchive.org/search?term=e.com",
        "https://perma.cc/",
        "https://perma.cc/about",
        "https://archive.wikiwix.com/cache/",
        "https://arquivo.pt/",
        "https://webarchive.loc.gov/",
        "http://",
        "//",
        "https://[::1",
        "https://e.com:notaport/web/2017/x",
    ],
)
def test_not_an_archive_url(url: str) -> None:
    assert parse_archive_url(url) is None


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        ("2017", PartialDate(2017)),
        ("20170", PartialDate(2017)),
        ("201706", PartialDate(2017, 6)),
        ("2017061", PartialDate(2017, 6)),
        ("20170601", PartialDate(2017, 6, 1)),
        (TS, PartialDate(2017, 6, 1)),
        ("20000229000000", PartialDate(2000, 2, 29)),
        ("201713", None),
        ("201700", None),
        ("20170631", None),
        ("20170229", None),
        ("20170600", None),
        ("0000", None),
        ("201", None),
        ("", None),
        ("2017-06-01", None),
        ("abcd", None),
        ("２０１７", None),
        ("201706011234567", None),
    ],
)
def test_timestamp_date(timestamp: str, expected: PartialDate | None) -> None:
    assert timestamp_date(timestamp) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 June 2017", PartialDate(2017, 6, 1)),
        ("June 1, 2017", PartialDate(2017, 6, 1)),
        ("June 1 2017", PartialDate(2017, 6, 1)),
        ("2017-06-01", PartialDate(2017, 6, 1)),
        ("Jun 1, 2017", PartialDate(2017, 6, 1)),
        ("1 Jun 2017", PartialDate(2017, 6, 1)),
        ("1 jun. 2017", PartialDate(2017, 6, 1)),
        ("Sept. 1, 2017", PartialDate(2017, 9, 1)),
        ("Sep 1, 2017", PartialDate(2017, 9, 1)),
        ("01 June 2017", PartialDate(2017, 6, 1)),
        ("June 2017", PartialDate(2017, 6)),
        ("Dec. 2017", PartialDate(2017, 12)),
        ("2017", PartialDate(2017)),
        ("2017-06", PartialDate(2017, 6)),
        ("1 June 2017.", PartialDate(2017, 6, 1)),
        ("  June 2017 . ", PartialDate(2017, 6)),
        ("2017-06-01T12:00:00Z", PartialDate(2017, 6, 1)),
        ("2017-06-01T12:00", PartialDate(2017, 6, 1)),
        ("2017-06-01 12:00:00+02:00", PartialDate(2017, 6, 1)),
        ("1\u00a0June\u00a02017", PartialDate(2017, 6, 1)),
        ("June\u00a01, 2017", PartialDate(2017, 6, 1)),
        ("1&nbsp;June 2017", PartialDate(2017, 6, 1)),
        ("29 February 2016", PartialDate(2016, 2, 29)),
        ("", None),
        ("   ", None),
        ("n.d.", None),
        ("June", None),
        ("Juno 1, 2017", None),
        ("31 June 2017", None),
        ("29 February 2017", None),
        ("2017-13-01", None),
        ("2017-06-31", None),
        ("17 June", None),
        ("2017–2018", None),
        ("June 1st, 2017", None),
        ("1 June 17", None),
        ("Summer 2017", None),
        ("٢٠١٧", None),
    ],
)
def test_parse_citation_date(text: str, expected: PartialDate | None) -> None:
    assert parse_citation_date(text) == expected


@pytest.mark.parametrize(
    ("timestamp", "archive_date", "kwargs", "expected"),
    [
        (TS, "1 June 2017", {}, True),
        (TS, "2017-06-01", {}, True),
        (TS, "2 June 2017", {}, True),
        (TS, "31 May 2017", {}, True),
        (TS, "3 June 2017", {}, False),
        (TS, "3 June 2017", {"tolerance_days": 2}, True),
        (TS, "2 June 2017", {"tolerance_days": 0}, False),
        (TS, "1 June 2017", {"tolerance_days": 0}, True),
        (TS, "1 June 2017", {"tolerance_days": -5}, True),
        ("20161231233000", "1 January 2017", {}, True),
        (TS, "1 June 2016", {}, False),
        # the coarser precision decides
        ("2017", "25 December 2017", {}, True),
        ("2017", "1 January 2018", {}, False),
        ("201706", "30 June 2017", {}, True),
        ("201706", "1 July 2017", {}, False),
        (TS, "June 2017", {}, True),
        (TS, "May 2017", {}, False),
        (TS, "2017", {}, True),
        (TS, "2018", {}, False),
        ("2017", "June 2017", {}, True),
        ("201706", "2017", {}, True),
        # unparseable sides
        ("", "1 June 2017", {}, None),
        ("20171301", "1 June 2017", {}, None),
        (TS, "", {}, None),
        (TS, "sometime in June", {}, None),
    ],
)
def test_dates_agree(
    timestamp: str, archive_date: str, kwargs: dict[str, int], expected: bool | None
) -> None:
    assert dates_agree(timestamp, archive_date, **kwargs) is expected


def test_tolerance_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        dates_agree(TS, "1 June 2017", 3)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("date", "precision", "digits"),
    [
        (PartialDate(2017), 1, "2017"),
        (PartialDate(2017, 6), 2, "201706"),
        (PartialDate(2017, 6, 1), 3, "20170601"),
        (PartialDate(987, 1, 2), 3, "09870102"),
    ],
)
def test_partial_date_helpers(date: PartialDate, precision: int, digits: str) -> None:
    assert date.precision == precision
    assert date.as_timestamp() == digits
    assert timestamp_date(digits) == date


@pytest.mark.parametrize(("year", "month", "day"), [(2017, None, 1), (2017, 13, None), (0, 1, 1)])
def test_partial_date_rejects_impossible_dates(
    year: int, month: int | None, day: int | None
) -> None:
    with pytest.raises(ValueError):
        PartialDate(year, month, day)


@pytest.mark.parametrize(
    ("cited", "archived"),
    [
        ("http://e.com/a", "http://e.com/a"),
        ("http://e.com/a", "https://e.com/a"),
        ("http://E.COM/a", "http://e.com/a"),
        ("http://www.e.com/a", "http://e.com/a"),
        ("http://e.com:80/a", "http://e.com/a"),
        ("https://e.com:443/a", "https://e.com/a"),
        ("http://e.com/a/", "http://e.com/a"),
        ("http://e.com/", "http://e.com"),
        ("http://e.com/a#part", "http://e.com/a"),
        ("http://e.com/%7Euser", "http://e.com/~user"),
        ("http://e.com/a%2db", "http://e.com/a-b"),
        ("http://e.com/a%2fb", "http://e.com/a%2Fb"),
        ("http://e.com/caf%c3%a9", "http://e.com/café"),
        ("http://e.com/a b", "http://e.com/a%20b"),
        ("http://e.com/a?", "http://e.com/a"),
        ("http://e.com/a?x=1&y=2", "http://e.com/a?y=2&x=1"),
        ("http://e.com/a?x=%7E", "http://e.com/a?x=~"),
        ("http://e.com/a?x=1&x=2", "http://e.com/a?x=2&x=1"),
        ("http://e.com./a", "http://e.com/a"),
        ("http://e.com/a", "e.com/a"),
        ("http://e.com/a", "http:/e.com/a"),
        ("http://e.com/a", "http%3A%2F%2Fe.com%2Fa"),
        ("  http://e.com/a ", "http://e.com/a"),
        ("http://[::1]:80/a", "http://[::1]/a"),
        ("http://localhost:8123/a", "http://localhost:8123/a/"),
        ("http://e.com/WWW/Study/Page.HTM", "http://e.com/www/study/page.htm"),
        ("http://e.com/././index.cfm?id=2", "http://e.com/index.cfm?id=2"),
        ("http://e.com/A%2BB/C+D.htm", "http://e.com/A+B/C%2BD.htm"),
        ("http://e.com/0%2C1518%2C357997%2C00.html", "http://e.com/0,1518,357997,00.html"),
        ("http://e.com/product.php%3Fcode%3D2314", "http://e.com/product.php?code=2314"),
        ("https://e.com//news/81989", "https://e.com/news/81989"),
        ("https://www.youtube.com/watch?v=q9k3", "http://www.youtube.com/watch?v=q9k3&hl=en"),
    ],
)
def test_same_resource(cited: str, archived: str) -> None:
    assert same_resource(cited, archived)
    assert same_resource(archived, cited)


@pytest.mark.parametrize(
    ("cited", "archived"),
    [
        ("http://e.com/a", "http://e.com/b"),
        ("http://e.com/a", "http://e.org/a"),
        ("http://e.com/a", "http://sub.e.com/a"),
        ("http://e.com:8080/a", "http://e.com/a"),
        ("http://e.com/a?x=1", "http://e.com/a"),
        ("http://e.com/a?x=1", "http://e.com/a?x=2"),
        ("http://e.com/a?x=1", "http://e.com/a?X=1"),
        ("http://e.com/a?x", "http://e.com/a?x="),
        ("http://e.com/a/b", "http://e.com/a%2Fb"),
        ("http://e.com/a?x=1%262", "http://e.com/a?x=1&2"),
        ("ftp://e.com/a", "http://e.com/a"),
        ("http://user@e.com/a", "http://e.com/a"),
        ("", ""),
        ("garbage", "http://e.com/"),
        ("http://", "http://"),
        ("http://e.com:99999999999999999999/a", "http://e.com/a"),
        ("http://[::1/a", "http://[::1]/a"),
    ],
)
def test_different_resources(cited: str, archived: str) -> None:
    assert not same_resource(cited, archived)
    assert not same_resource(archived, cited)


def test_archived_original_matches_cited_url() -> None:
    capture = parse_archive_url(f"{WB}/{TS}id_/http:/www.e.com/a/?y=2&x=1#top")
    assert capture is not None and capture.original is not None
    assert same_resource("https://e.com/a?x=1&y=2", capture.original)


URLISH = st.one_of(
    st.text(),
    st.builds(
        str.__add__,
        st.sampled_from(
            [
                f"{WB}/",
                "https://web.archive.org/",
                "http://localhost:8123/web/",
                "https://archive.ph/",
                "https://www.webcitation.org/",
                "https://www.webcitation.org/query?",
                "https://archive.wikiwix.com/cache/?url=",
                "https://perma.cc/",
                "https://ghostarchive.org/archive/",
                "https://webarchive.loc.gov/all/",
                "http://[",
                "http://e.com:",
                "http%3A%2F%2F",
            ]
        ),
        st.text(alphabet=st.sampled_from("0123456789*/:.?&=#%_aZ-[]@ \u00a0é\ud800")),
    ),
)


@given(URLISH, URLISH, st.text())
def test_never_raises(first: str, second: str, text: str) -> None:
    capture = parse_archive_url(first)
    assert capture is None or capture.url == first
    assert isinstance(same_resource(first, second), bool)
    parse_citation_date(text)
    parse_citation_date(first)
    if capture is not None and capture.timestamp is not None:
        dates_agree(capture.timestamp, text)
