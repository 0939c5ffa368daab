"""Articles fetched from a MediaWiki's Action API (a simulated one, on loopback)."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from wikiapi import FakeWiki

from citecheck.config import LinkOptions
from citecheck.links.http import USER_AGENT
from citecheck.links.wiki import (
    MAX_TITLES,
    WikiError,
    WikiFailure,
    WikiPage,
    api_url,
    fetch_pages,
)

XU = "'''Xu Junping''' is a painter.<ref>A source.</ref>"


@pytest.fixture
def wiki() -> Iterator[FakeWiki]:
    with FakeWiki() as api:
        api.add_revision("Xu Junping", "An early draft.")
        api.add_revision("Xu Junping", XU)
        api.add_redirect("Xu J.", "Xu Junping")
        api.add_redirect("Xu junping", "Xu Junping")
        api.add_revision("Other page", "Something else.")
        yield api


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port bound but not listening: connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


class Sleeps(list[float]):
    """Stands in for time.sleep: remembers the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fetch(
    wiki: FakeWiki,
    *titles: str,
    options: LinkOptions | None = None,
    revision: int | None = None,
    maxlag: int = 5,
    retries: int = 4,
    sleep: Sleeps | None = None,
) -> list[WikiPage | WikiFailure]:
    """The wiki's pages, never waiting for real."""
    return fetch_pages(
        wiki.api,
        titles,
        revision=revision,
        options=options or LinkOptions(),
        maxlag=maxlag,
        retries=retries,
        sleep=Sleeps() if sleep is None else sleep,
    )


def page(result: WikiPage | WikiFailure) -> WikiPage:
    assert isinstance(result, WikiPage), result
    return result


def failure(result: WikiPage | WikiFailure) -> str:
    assert isinstance(result, WikiFailure), result
    return result.message


# ---------------------------------------------------------------------- the wiki's address


@pytest.mark.parametrize(
    ("wiki", "api"),
    [
        ("en.wikipedia.org", "https://en.wikipedia.org/w/api.php"),
        (" EN.Wikipedia.org ", "https://en.wikipedia.org/w/api.php"),
        ("wiki.example.org:8443", "https://wiki.example.org:8443/w/api.php"),
        ("https://en.wikipedia.org/w/api.php", "https://en.wikipedia.org/w/api.php"),
        ("http://127.0.0.1:8080/w/api.php", "http://127.0.0.1:8080/w/api.php"),
        ("https://wiki.example.org/api.php", "https://wiki.example.org/api.php"),
    ],
)
def test_api_url(wiki: str, api: str) -> None:
    assert api_url(wiki) == api


@pytest.mark.parametrize(
    "wiki",
    [
        "",
        "not a host",
        "en.wikipedia.org/wiki/Xu_Junping",
        "-bad-.org",
        "ftp://en.wikipedia.org/w/api.php",
        "https://en.wikipedia.org/wiki/Xu_Junping",
        "https://en.wikipedia.org/w/api.php?action=query",
        "https://user:secret@en.wikipedia.org/w/api.php",
        "https://en.wikipedia.org:port/w/api.php",
        "https:///w/api.php",
    ],
)
def test_garbage_is_not_a_wiki(wiki: str) -> None:
    with pytest.raises(WikiError, match="is not a wiki"):
        api_url(wiki)
    with pytest.raises(WikiError, match="is not a wiki"):
        fetch_pages(wiki, ["Xu Junping"], options=LinkOptions())


# ---------------------------------------------------------------------- pages by title


def test_the_current_revision_of_a_page(wiki: FakeWiki) -> None:
    [result] = fetch(wiki, "Xu Junping")
    got = page(result)
    assert got.text == XU
    assert got.title == got.requested == "Xu Junping"
    assert got.redirected_from is None
    assert got.wiki == f"127.0.0.1:{wiki.port}"
    assert got.timestamp == "2024-01-02T12:00:00Z"
    assert (
        got.url == f"http://127.0.0.1:{wiki.port}/w/index.php?title=Xu_Junping&oldid={got.revision}"
    )
    assert got.from_cache is False
    assert wiki.count == 1


def test_sixty_titles_take_two_requests(wiki: FakeWiki) -> None:
    titles = [f"Page {number}" for number in range(60)]
    for title in titles:
        wiki.add_revision(title, f"Text of {title}.")
    results = fetch(wiki, *titles)
    assert [page(result).text for result in results] == [f"Text of {t}." for t in titles]
    assert wiki.count == 2
    sizes = sorted(len(request.params["titles"].split("|")) for request in wiki.requests)
    assert sizes == [10, MAX_TITLES]


def test_results_follow_the_order_asked_and_a_title_twice_is_asked_once(wiki: FakeWiki) -> None:
    results = fetch(wiki, "Other page", "Xu Junping", "Other page")
    assert [page(result).title for result in results] == ["Other page", "Xu Junping", "Other page"]
    assert wiki.count == 1
    assert wiki.requests[0].params["titles"] == "Other page|Xu Junping"


def test_a_redirect_is_followed(wiki: FakeWiki) -> None:
    [result] = fetch(wiki, "Xu J.")
    got = page(result)
    assert (got.title, got.requested, got.redirected_from) == ("Xu Junping", "Xu J.", "Xu J.")
    assert got.text == XU
    assert "title=Xu_Junping&" in got.url


def test_a_chain_of_redirects_is_followed(wiki: FakeWiki) -> None:
    wiki.add_redirect("Junping", "Xu J.")
    got = page(fetch(wiki, "Junping")[0])
    assert (got.title, got.redirected_from) == ("Xu Junping", "Junping")


def test_titles_are_normalised(wiki: FakeWiki) -> None:
    underscored, lower = fetch(wiki, "xu_Junping", "xu junping")
    assert (page(underscored).title, page(underscored).redirected_from) == ("Xu Junping", None)
    assert page(underscored).requested == "xu_Junping"
    # "xu junping" is normalised to "Xu junping", a redirect to "Xu Junping".
    assert (page(lower).title, page(lower).redirected_from) == ("Xu Junping", "Xu junping")
    assert page(lower).requested == "xu junping"


def test_a_missing_page(wiki: FakeWiki) -> None:
    wiki.add_redirect("Broken", "Nowhere")
    missing, broken = fetch(wiki, "No such page", "Broken")
    assert failure(missing) == f"no page with this title on 127.0.0.1:{wiki.port}"
    assert "“Broken” redirects to “Nowhere”, a page that does not exist" in failure(broken)


def test_invalid_titles(wiki: FakeWiki) -> None:
    results = fetch(wiki, "Foo<bar>", "A|B", "  ", "Xu Junping")
    assert "not a valid title on" in failure(results[0])
    assert "invalid characters" in failure(results[0])
    assert "“|”" in failure(results[1])
    assert failure(results[2]) == "an empty title"
    assert page(results[3]).text == XU
    assert wiki.count == 1
    assert wiki.requests[0].params["titles"] == "Foo<bar>|Xu Junping"


def test_special_and_interwiki_titles(wiki: FakeWiki) -> None:
    special, elsewhere = fetch(wiki, "Special:Random", "wikt:painter")
    assert "special page" in failure(special)
    assert "“wikt:painter” is on another wiki" in failure(elsewhere)


def test_a_page_that_is_not_wikitext(wiki: FakeWiki) -> None:
    wiki.add_revision("Data.json", "{}", model="json")
    assert failure(fetch(wiki, "Data.json")[0]) == "“Data.json” holds json content, not wikitext"


def test_a_long_answer_is_continued(wiki: FakeWiki) -> None:
    wiki.per_answer = 2
    titles = [f"Page {number}" for number in range(5)]
    for title in titles:
        wiki.add_revision(title, f"Text of {title}.")
    results = fetch(wiki, *titles)
    assert [page(result).text for result in results] == [f"Text of {t}." for t in titles]
    assert wiki.count == 3
    assert "rvcontinue" in wiki.requests[2].params
    fetch(wiki, *titles)
    assert wiki.count == 3


# ---------------------------------------------------------------------- a pinned revision


def test_a_pinned_revision(wiki: FakeWiki) -> None:
    first = wiki.add_revision("Pinned", "First words.")
    wiki.add_revision("Pinned", "Second words.")
    [result] = fetch(wiki, "Pinned", revision=first)
    got = page(result)
    assert (got.text, got.revision, got.title) == ("First words.", first, "Pinned")
    assert got.url.endswith(f"?title=Pinned&oldid={first}")
    assert wiki.requests[0].params["revids"] == str(first)
    assert "titles" not in wiki.requests[0].params
    assert wiki.count == 1  # the page's own title: nothing more to ask


def test_a_pinned_revision_through_normalisation_and_redirect(wiki: FakeWiki) -> None:
    current = page(fetch(wiki, "Xu Junping")[0]).revision
    got = page(fetch(wiki, "xu junping", revision=current)[0])
    assert (got.title, got.redirected_from, got.text) == ("Xu Junping", "Xu junping", XU)
    assert wiki.count == 3  # the revision, then what the title leads to


def test_a_pinned_revision_of_another_page(wiki: FakeWiki) -> None:
    other = page(fetch(wiki, "Other page")[0]).revision
    message = failure(fetch(wiki, "Xu Junping", revision=other)[0])
    assert message == f"revision {other} is of the page “Other page”, not of this one"


def test_a_deleted_or_suppressed_revision(wiki: FakeWiki) -> None:
    deleted = wiki.add_revision("Xu Junping", "Libel.", hidden=True)
    suppressed = wiki.add_revision("Xu Junping", "Worse.", hidden=True, suppressed=True)
    wiki.add_revision("Xu Junping", XU)
    assert failure(fetch(wiki, "Xu Junping", revision=deleted)[0]) == (
        f"revision {deleted} was deleted: its text is hidden"
    )
    assert failure(fetch(wiki, "Xu Junping", revision=suppressed)[0]) == (
        f"revision {suppressed} was suppressed: its text is hidden"
    )


def test_a_revision_that_is_no_more(wiki: FakeWiki) -> None:
    gone = wiki.add_revision("Deleted page", "Gone.")
    wiki.archive(gone)
    message = failure(fetch(wiki, "Deleted page", revision=gone)[0])
    assert message.startswith(f"no revision {gone} on 127.0.0.1:")


def test_a_revision_is_pinned_for_one_title_only(wiki: FakeWiki) -> None:
    with pytest.raises(ValueError, match="exactly one title"):
        fetch(wiki, "Xu Junping", "Other page", revision=1)


# ---------------------------------------------------------------------- waits and failures


def test_maxlag_is_waited_out(wiki: FakeWiki) -> None:
    wiki.fail_next("maxlag", times=2, retry_after="3")
    sleeps = Sleeps()
    assert page(fetch(wiki, "Xu Junping", sleep=sleeps)[0]).text == XU
    assert sleeps == [3.0, 3.0]
    assert wiki.count == 3


def test_maxlag_without_retry_after_waits_five_seconds(wiki: FakeWiki) -> None:
    wiki.fail_next("maxlag", retry_after=None)
    sleeps = Sleeps()
    assert page(fetch(wiki, "Xu Junping", sleep=sleeps)[0]).text == XU
    assert sleeps == [5.0]


def test_maxlag_that_does_not_pass_gives_up_and_is_not_cached(wiki: FakeWiki) -> None:
    wiki.fail_next("maxlag", times=3)
    sleeps = Sleeps()
    with pytest.raises(WikiError, match=r"is busy: its data lag 7 s.*\(asked 3 times\)"):
        fetch(wiki, "Xu Junping", retries=2, sleep=sleeps)
    assert sleeps == [1.0, 1.0]
    assert wiki.count == 3
    assert page(fetch(wiki, "Xu Junping")[0]).from_cache is False
    assert wiki.count == 4


def test_a_wait_past_the_deadline_is_not_waited(wiki: FakeWiki) -> None:
    wiki.fail_next("maxlag", retry_after="3600")
    sleeps = Sleeps()
    with pytest.raises(WikiError, match="asked to wait 3600 s more"):
        fetch(wiki, "Xu Junping", sleep=sleeps)
    assert sleeps == []
    assert wiki.count == 1


def test_503_with_retry_after(wiki: FakeWiki) -> None:
    wiki.fail_next("503", retry_after="2")
    sleeps = Sleeps()
    assert page(fetch(wiki, "Xu Junping", sleep=sleeps)[0]).text == XU
    assert sleeps == [2.0]


def test_429_and_5xx_without_retry_after_back_off(wiki: FakeWiki) -> None:
    wiki.fail_next("429", times=2, retry_after=None)
    sleeps = Sleeps()
    assert page(fetch(wiki, "Xu Junping", sleep=sleeps)[0]).text == XU
    assert sleeps == [1.0, 2.0]


def test_a_503_that_lasts(wiki: FakeWiki) -> None:
    wiki.fail_next("503", times=5)
    with pytest.raises(WikiError, match=r"answered HTTP 503, text/html “Wikimedia Error”"):
        fetch(wiki, "Xu Junping")
    assert wiki.count == 5


def test_waits_are_real_by_default(wiki: FakeWiki) -> None:
    wiki.fail_next("maxlag", retry_after="1")
    start = time.monotonic()
    page(fetch_pages(wiki.api, ["Xu Junping"], options=LinkOptions())[0])
    assert 1.0 <= time.monotonic() - start < 5.0


def test_an_unreachable_wiki(closed_port: int) -> None:
    sleeps = Sleeps()
    with pytest.raises(WikiError, match=rf"^127.0.0.1:{closed_port} could not be reached: conn"):
        fetch_pages(
            f"http://127.0.0.1:{closed_port}/w/api.php",
            ["Xu Junping", "Other page"],
            options=LinkOptions(),
            sleep=sleeps,
        )
    assert sleeps == []


def test_an_answer_that_is_not_json(wiki: FakeWiki) -> None:
    wiki.fail_next("html")
    with pytest.raises(WikiError, match=r"does not answer like a MediaWiki API .*“Log in - Exam"):
        fetch(wiki, "Xu Junping")
    assert page(fetch(wiki, "Xu Junping")[0]).from_cache is False
    assert wiki.count == 2


def test_not_the_api(wiki: FakeWiki) -> None:
    elsewhere = wiki.api.replace("/w/", "/x/")
    with pytest.raises(WikiError, match=rf"^{elsewhere} does not exist \(HTTP 404, text/html"):
        fetch_pages(elsewhere, ["Xu Junping"], options=LinkOptions())


def test_an_api_error(wiki: FakeWiki) -> None:
    wiki.fail_next("error")
    with pytest.raises(WikiError, match=r"refused the query: You need read permission.*\(readapi"):
        fetch(wiki, "Xu Junping")
    assert wiki.count == 1


def test_an_answer_too_large(wiki: FakeWiki) -> None:
    wiki.fail_next("huge")
    with pytest.raises(WikiError, match="sent more than 16 MiB in one answer"):
        fetch(wiki, "Xu Junping")


# ---------------------------------------------------------------------- the cache


def test_a_second_run_sends_nothing(wiki: FakeWiki) -> None:
    first = fetch(wiki, "Xu Junping", "Xu J.", "No such page")
    asked = wiki.count
    second = fetch(wiki, "Xu Junping", "No such page", "Xu J.")
    assert wiki.count == asked
    assert [page(result).from_cache for result in second if isinstance(result, WikiPage)] == [
        True,
        True,
    ]
    assert page(second[0]).text == page(first[0]).text
    assert failure(second[1]) == failure(first[2])
    assert (Path(os.environ["XDG_CACHE_HOME"]) / "citecheck" / "wiki.sqlite").is_file()


def test_a_pinned_revision_is_cached(wiki: FakeWiki) -> None:
    current = page(fetch(wiki, "Xu Junping")[0]).revision
    fetch(wiki, "xu junping", revision=current)
    asked = wiki.count
    assert page(fetch(wiki, "xu junping", revision=current)[0]).from_cache is True
    assert wiki.count == asked


def test_offline_answers_from_the_cache_only(wiki: FakeWiki) -> None:
    fetch(wiki, "Xu Junping")
    asked = wiki.count
    offline = LinkOptions(offline=True)
    assert page(fetch(wiki, "Xu Junping", options=offline)[0]).from_cache is True
    message = failure(fetch(wiki, "Other page", options=offline)[0])
    assert message == f"not in the cache, and 127.0.0.1:{wiki.port} is not asked offline"
    assert wiki.count == asked


def test_offline_uses_answers_past_their_time(wiki: FakeWiki) -> None:
    current = page(fetch(wiki, "Xu Junping")[0]).revision
    stale = LinkOptions(ttl=0.0)
    fetch(wiki, "Xu Junping", revision=current, options=stale)
    asked = wiki.count
    fetch(wiki, "Xu Junping", revision=current, options=stale)
    assert wiki.count == asked + 1  # expired: asked again online
    got = page(fetch(wiki, "Xu Junping", revision=current, options=LinkOptions(offline=True))[0])
    assert (got.text, got.from_cache) == (XU, True)
    assert wiki.count == asked + 1


def test_refresh_asks_again(wiki: FakeWiki) -> None:
    fetch(wiki, "Xu Junping")
    wiki.add_revision("Xu Junping", "Rewritten.")
    assert page(fetch(wiki, "Xu Junping")[0]).text == XU
    got = page(fetch(wiki, "Xu Junping", options=LinkOptions(refresh=True))[0])
    assert (got.text, got.from_cache) == ("Rewritten.", False)
    assert page(fetch(wiki, "Xu Junping")[0]).text == "Rewritten."
    assert wiki.count == 2


def test_without_the_cache_nothing_is_kept(wiki: FakeWiki) -> None:
    options = LinkOptions(use_cache=False)
    fetch(wiki, "Xu Junping", options=options)
    fetch(wiki, "Xu Junping", options=options)
    assert wiki.count == 2
    assert not (Path(os.environ["XDG_CACHE_HOME"]) / "citecheck").exists()


def test_a_named_cache_file_keeps_the_wiki_beside_it(wiki: FakeWiki, tmp_path: Path) -> None:
    options = LinkOptions(cache=tmp_path / "cache" / "links.sqlite")
    fetch(wiki, "Xu Junping", options=options)
    assert (tmp_path / "cache" / "links-wiki.sqlite").is_file()
    assert page(fetch(wiki, "Xu Junping", options=options)[0]).from_cache is True
    assert wiki.count == 1


# ---------------------------------------------------------------------- etiquette


def test_every_request_is_polite(wiki: FakeWiki) -> None:
    wiki.per_answer = 1
    wiki.fail_next("maxlag")
    current = page(fetch(wiki, "Xu Junping", "Other page")[0]).revision
    fetch(wiki, "xu junping", revision=current)
    assert wiki.count == 5  # maxlag, two continued answers, the revision, the title
    for request in wiki.requests:
        assert request.params["maxlag"] == "5"
        assert (request.params["format"], request.params["formatversion"]) == ("json", "2")
        assert request.headers["User-Agent"] == USER_AGENT
        assert "gzip" in request.headers["Accept-Encoding"]
        assert "Cookie" not in request.headers  # the wiki's cookies are not sent back
    assert wiki.max_in_flight == 1


def test_the_user_agent_and_maxlag_can_be_set(wiki: FakeWiki) -> None:
    fetch(wiki, "Xu Junping", options=LinkOptions(user_agent="Bot/1.0 (me@example.org)"), maxlag=2)
    assert wiki.requests[0].headers["User-Agent"] == "Bot/1.0 (me@example.org)"
    assert wiki.requests[0].params["maxlag"] == "2"


def test_one_request_at_a_time(wiki: FakeWiki) -> None:
    wiki.delay = 0.05
    titles = [f"Page {number}" for number in range(120)]
    fetch(wiki, *titles)
    assert wiki.count == 3
    assert wiki.max_in_flight == 1


def test_no_titles_no_requests(wiki: FakeWiki) -> None:
    assert fetch(wiki) == []
    assert wiki.count == 0
