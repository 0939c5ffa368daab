"""Source reliability: the shipped list, how URLs and names are matched, the configuration,
and what the reports say. Everything here is offline."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck import Config, check, parse, review
from citecheck.cli import main
from citecheck.model import RatedBy, Rating, RatingOrigin
from citecheck.reliability import (
    assess,
    default_list,
    domain_key,
    host_candidates,
    name_key,
    source_list,
)
from citecheck.report import REPORTERS, RenderOptions
from citecheck.settings import ConfigError, load_config

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "citecheck" / "data" / "reliability.json"
SCRIPT = ROOT / "scripts" / "build_reliability.py"
SEED = ROOT / "fixtures" / "dong_jingwei_defection.webpage.txt"
OFFLINE = Config(links=False)
RELIABILITY_RULES = frozenset(
    {
        "blacklisted-source",
        "deprecated-source",
        "unreliable-source",
        "self-published-source",
        "no-consensus-source",
    }
)

# -- the shipped list ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "rating", "source", "matched"),
    [
        ("https://www.nytimes.com/2020/01/01/us/a.html", "generally-reliable",
         "The New York Times", "nytimes.com"),
        ("https://www.bbc.co.uk/news/uk-1", "generally-reliable", "BBC", "bbc.co.uk"),
        ("http://news.bbc.co.uk/1/hi/uk/1.stm", "generally-reliable", "BBC", "bbc.co.uk"),
        ("https://www.theguardian.com/uk", "generally-reliable", "The Guardian",
         "theguardian.com"),
        ("https://www.dailymail.co.uk/news/article-1/a.html", "deprecated", "Daily Mail",
         "dailymail.co.uk"),
        ("https://www.opindia.com/2021/06/a/", "blacklisted", "OpIndia", "opindia.com"),
        ("https://www.breitbart.com/politics/a/", "blacklisted", "Breitbart News",
         "breitbart.com"),
        ("https://www.infowars.com/posts/a", "blacklisted", "Infowars", "infowars.com"),
        # The parsed perennial rows lack RT's; a WikiProject list discards it.
        ("https://www.rt.com/news/1-a/", "generally-unreliable", None, "rt.com"),
        # Rated by topic on the list; the main row (news outside politics) wins.
        ("https://www.foxnews.com/us/a", "no-consensus", "Fox News", "foxnews.com"),
        ("https://www.imdb.com/title/tt0000001/", "generally-unreliable", "IMDb", "imdb.com"),
        ("https://www.youtube.com/watch?v=a", "generally-unreliable", "YouTube", "youtube.com"),
        ("https://m.youtube.com/watch?v=a", "generally-unreliable", "YouTube", "youtube.com"),
        ("https://someone.wordpress.com/2010/a/", "generally-unreliable", "WordPress.com",
         "wordpress.com"),
        ("http://someband.blogspot.com/2004/05/a.html", "generally-unreliable",
         "Blogger (service)", "blogspot.com"),
        ("https://someone.substack.com/p/a", "self-published", "Substack", "substack.com"),
        ("https://abcnews.go.com/US/a", "generally-reliable", "ABC News (United States)",
         "abcnews.go.com"),
    ],
)  # fmt: skip
def test_well_known_domains(url: str, rating: str, source: str | None, matched: str) -> None:
    found = default_list().rate_url(url)
    assert found is not None
    assert (str(found.rating), found.source, found.matched) == (rating, source, matched)
    assert found.by is RatedBy.URL


@pytest.mark.parametrize(
    "url",
    [
        "https://espn.go.com/a",  # abcnews.go.com is rated, go.com is not
        "https://go.com/",
        "https://books.google.com/books?id=a",  # only google.com/maps is rated
        "https://notopindia.com/a",
        "https://opindia.com.example.org/a",
        "https://co.uk/",
        "https://192.0.2.1/a",
        "https://localhost/a",
        "not a url at all",
        "",
    ],
)
def test_unrated(url: str) -> None:
    assert default_list().rate_url(url) is None


def test_the_default_list_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    output = tmp_path / "reliability.json"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(output)],
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    assert output.read_bytes() == DATA.read_bytes()


def test_the_list_records_where_it_comes_from() -> None:
    about = json.loads(DATA.read_text(encoding="utf-8"))["about"]
    assert about["reflects"] == {
        "perennial-sources": "2026-04-19",
        "wikiproject-sources": "2026-08-13",
    }
    for source in about["inputs"]:
        assert len(source["commit"]) == 40 and source["repository"]
        copy = ROOT / "fixtures" / "reliability" / source["file"]
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == source["sha256"]
    assert about["counts"]["domains"] > 3000


def test_the_list_is_read_once() -> None:
    assert default_list() is default_list()
    assert source_list({}) is default_list()
    overrides = {"example.com": Rating.DEPRECATED}
    assert source_list(overrides) is source_list(dict(overrides))


def test_archives_are_never_rated_but_what_they_captured_is() -> None:
    rate = default_list().rate_url
    capture = rate("https://web.archive.org/web/20210620000000/https://www.opindia.com/2021/06/a/")
    assert capture is not None and capture.matched == "opindia.com"
    protocol_relative = rate("//web.archive.org/web/2019/http://www.dailymail.co.uk/a")
    assert protocol_relative is not None and protocol_relative.rating is Rating.DEPRECATED
    assert rate("https://archive.ph/2021.06.20-000000/https://www.breitbart.com/a") is not None
    for url in (
        "https://web.archive.org/",
        "https://archive.org/details/book",
        "https://archive.ph/AbCd1",
        "https://www.webcitation.org/5abcd",
        "https://ghostarchive.org/archive/abc",
    ):
        assert rate(url) is None, url
    # Even a user's own rating of an archive does not rate its captures as the archive.
    mine = default_list().with_overrides({"archive.org": Rating.BLACKLISTED})
    assert mine.rate_url("https://archive.org/details/book") is None


# -- matching hosts --------------------------------------------------------------------------


def test_hosts_are_normalised() -> None:
    rate = default_list().rate_url
    for url in (
        "HTTPS://WWW.OPINDIA.COM/A",
        "https://www.opindia.com:8443/a",
        "https://user@opindia.com/a",
        "https://opindia.com./a",
        "www.opindia.com/2021/a",
        "//opindia.com/a",
    ):
        found = rate(url)
        assert found is not None and found.matched == "opindia.com", url


def test_the_walk_stops_at_the_registrable_domain() -> None:
    assert host_candidates("a.b.news.bbc.co.uk") == (
        "a.b.news.bbc.co.uk",
        "b.news.bbc.co.uk",
        "news.bbc.co.uk",
        "bbc.co.uk",
    )
    # blogspot.com is a suffix only in the list's private section: it is still rated.
    assert host_candidates("foo.blogspot.com") == ("foo.blogspot.com", "blogspot.com")
    assert host_candidates("co.uk") == ("co.uk",)
    # A rating of a public suffix never spreads to the domains under it.
    mine = default_list().with_overrides({"co.uk": Rating.DEPRECATED})
    assert mine.rate_url("https://example.co.uk/") is None
    assert mine.rate_url("https://co.uk/").rating is Rating.DEPRECATED  # type: ignore[union-attr]


def test_international_domain_names() -> None:
    assert domain_key("Bücher.Example") == "xn--bcher-kva.example"
    mine = default_list().with_overrides({domain_key("bücher.example") or "": Rating.DEPRECATED})
    for url in ("https://www.bücher.example/a", "https://xn--bcher-kva.example/a"):
        found = mine.rate_url(url)
        assert found is not None and found.matched == "xn--bcher-kva.example", url


def test_paths_on_a_host() -> None:
    rate = default_list().rate_url
    maps = rate("https://www.google.com/maps/place/Foo")
    assert maps is not None and maps.matched == "google.com/maps"
    assert rate("https://www.google.com/mapsearch") is None  # not under /maps
    mail = rate("https://www.pressreader.com/uk/daily-mail/20200101/a")
    assert mail is not None and mail.rating is Rating.DEPRECATED
    assert rate("https://www.pressreader.com/uk/the-times/20200101/a") is None


def test_names() -> None:
    assert name_key("''[[The Guardian]]''") == "guardian"
    assert name_key("[[Daily Mail|The Daily Mail]].") == "daily mail"
    assert name_key("{{lang|fr|Le Monde}}") == ""
    rate = default_list().rate_name
    guardian = rate("[[The Guardian|the guardian]]", RatedBy.WORK)
    assert guardian is not None and guardian.rating is Rating.GENERALLY_RELIABLE
    assert guardian.by is RatedBy.WORK
    domain_like = rate("OpIndia.com", RatedBy.PUBLISHER)
    assert domain_like is not None and domain_like.rating is Rating.BLACKLISTED
    assert rate("Substack", RatedBy.WORK) is None  # platforms are rated by URL only
    assert rate("AA", RatedBy.WORK) is None  # too short to trust


# -- articles ---------------------------------------------------------------------------------


OPINDIA_ARTICLE = (
    "'''Dong Jingwei''' is a Chinese intelligence officer.<ref>{{cite news "
    "|url=https://www.bbc.co.uk/news/world-asia-china-1 |title=Profile |work=BBC News}}</ref>\n"
    "\n"
    "== Defection rumours ==\n"
    "In June 2021 he was said to have defected.<ref>{{cite web "
    "|url=https://www.opindia.com/2021/06/top-chinese-counterintelligence-officer-defected/ "
    "|title=Top Chinese counterintelligence officer defected |website=OpIndia}}</ref>\n"
    "\n"
    "== References ==\n"
    "{{reflist}}\n"
)


def test_a_wikitext_article_citing_the_seed_site() -> None:
    report = check(OPINDIA_ARTICLE, source="a.wiki", config=OFFLINE)
    flagged = [f for f in report.findings if f.code.startswith("CC5")]
    assert [(f.code, f.rule, str(f.severity), f.reference) for f in flagged] == [
        ("CC501", "blacklisted-source", "error", "r2")
    ]
    (finding,) = flagged
    assert finding.message.startswith("opindia.com (OpIndia) is on the spam blacklist")
    assert OPINDIA_ARTICLE[finding.span.start : finding.span.end].startswith("url=https://www.opi")
    assert {key: str(value.rating) for key, value in report.ratings.items()} == {
        "r1": "generally-reliable",
        "r2": "blacklisted",
    }


def test_a_bundle_rates_each_source_once() -> None:
    text = (
        "It happened.<ref>[https://www.imdb.com/a A]; [https://www.imdb.com/b B]; "
        "{{cite web |url=https://www.dailymail.co.uk/c |title=C}}</ref>\n\n{{reflist}}\n"
    )
    report = check(text, config=Config(links=False, select=RELIABILITY_RULES))
    assert [f.rule for f in report.findings] == ["unreliable-source", "deprecated-source"]
    assert report.ratings["r1"].rating is Rating.DEPRECATED  # the most severe of the bundle


def test_the_seed_page_is_rated_by_its_own_site() -> None:
    text = SEED.read_text(encoding="utf-8")
    article = parse(text, source=str(SEED))
    assert article.url == "https://www.opindia.com"
    report = review(article, config=OFFLINE)
    assert report.page_rating is not None
    assert (report.page_rating.rating, report.page_rating.source) == (
        Rating.BLACKLISTED,
        "OpIndia",
    )
    printed = REPORTERS["text"]([report], [], RenderOptions())
    assert "opindia.com: blacklisted (OpIndia)" in printed
    document = json.loads(REPORTERS["json"]([report], [], RenderOptions()))
    assert document["articles"][0]["reliability"] == {
        "rating": "blacklisted",
        "source": "OpIndia",
        "matched": "opindia.com",
        "by": "url",
        "origin": "perennial-sources",
    }


def test_a_page_saved_with_its_address_on_the_first_line() -> None:
    text = (
        "https://www.dailymail.co.uk/news/article-1/mayor.html\n\nThe mayor resigns\n\n"
        "The mayor of Foo resigned on Tuesday after a vote of the council. He had served for "
        "twelve years, longer than any mayor before him.\n"
    )
    report = check(text, config=OFFLINE)
    assert report.article.url == "https://www.dailymail.co.uk/news/article-1/mayor.html"
    assert all("dailymail" not in s.text for s in report.article.statements)
    assert report.page_rating is not None and report.page_rating.rating is Rating.DEPRECATED


def test_a_rendered_wiki_copy_has_no_address_of_its_own() -> None:
    text = (ROOT / "fixtures" / "xu_junping.rendered.txt").read_text(encoding="utf-8")
    report = check(text, config=OFFLINE)
    assert report.article.url is None and report.page_rating is None


def test_json_references_carry_their_rating() -> None:
    report = check(OPINDIA_ARTICLE, source="a.wiki", config=OFFLINE)
    document = json.loads(REPORTERS["json"]([report], [], RenderOptions()))
    (article,) = document["articles"]
    assert article["reliability"] is None
    ratings = [reference["reliability"] for reference in article["references"]]
    assert ratings == [
        {
            "rating": "generally-reliable",
            "source": "BBC",
            "matched": "bbc.co.uk",
            "by": "url",
            "origin": "perennial-sources",
        },
        {
            "rating": "blacklisted",
            "source": "OpIndia",
            "matched": "opindia.com",
            "by": "url",
            "origin": "perennial-sources",
        },
    ]


@pytest.mark.parametrize("name", ["markdown", "html", "sarif", "github", "junit", "jsonl"])
def test_other_reports_show_the_findings(name: str) -> None:
    report = check(OPINDIA_ARTICLE, source="a.wiki", config=OFFLINE)
    assert "blacklisted-source" in REPORTERS[name]([report], [], RenderOptions())


def test_the_html_report_shows_each_reference_and_the_page_rated() -> None:
    report = check(OPINDIA_ARTICLE, source="a.wiki", config=OFFLINE)
    page = REPORTERS["html"]([report], [], RenderOptions())
    assert "source bbc.co.uk: generally-reliable (BBC)" in page
    assert "source opindia.com: blacklisted (OpIndia)" in page
    seed = review(parse(SEED.read_text(encoding="utf-8"), source=str(SEED)), config=OFFLINE)
    assert "the page&#x27;s site opindia.com: blacklisted (OpIndia)" in REPORTERS["html"](
        [seed], [], RenderOptions()
    )


# -- configuration ------------------------------------------------------------------------------


def test_configuration_adds_and_overrides_ratings(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text(
        "[reliability]\n"
        '"Example.com" = "generally-unreliable"\n'
        'opindia.com = "unrated"\n'  # unquoted: TOML makes it a nested table
        '"https://www.nytimes.com/wirecutter" = "no-consensus"\n',
        encoding="utf-8",
    )
    values = load_config(path, output_formats=REPORTERS)
    assert values["reliability"] == {
        "example.com": Rating.GENERALLY_UNRELIABLE,
        "opindia.com": None,
        "nytimes.com/wirecutter": Rating.NO_CONSENSUS,
    }
    mine = source_list(values["reliability"])
    found = mine.rate_url("https://blog.example.com/a")
    assert found is not None and found.origin is RatingOrigin.CONFIGURATION
    assert found.source is None
    assert mine.rate_url("https://www.opindia.com/a") is None
    wirecutter = mine.rate_url("https://www.nytimes.com/wirecutter/reviews/a/")
    assert wirecutter is not None and wirecutter.rating is Rating.NO_CONSENSUS
    times = mine.rate_url("https://www.nytimes.com/2020/a.html")
    assert times is not None and times.rating is Rating.GENERALLY_RELIABLE


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('"example.com" = "unreliable"', "did you mean 'generally-unreliable'?"),
        ('"example.com" = 3', "must be one of blacklisted, deprecated, generally-unreliable"),
        ('"not a domain" = "deprecated"', "'not a domain' is not a domain"),
    ],
)
def test_bad_ratings_name_the_file_and_key(tmp_path: Path, table: str, expected: str) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text(f"[reliability]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path, output_formats=REPORTERS)
    assert str(error.value).startswith(f"{path}: reliability: ")
    assert expected in str(error.value)


def test_the_cli_uses_the_configured_ratings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.wiki").write_text(OPINDIA_ARTICLE, encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text(
        'links = false\nselect = ["CC501", "CC502", "CC503", "CC504", "CC505"]\n'
        '[reliability]\n"bbc.co.uk" = "deprecated"\n"opindia.com" = "unrated"\n',
        encoding="utf-8",
    )
    assert main(["check", "a.wiki", "--output-format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    (article,) = document["articles"]
    assert [(f["rule"], f["reference"]) for f in article["findings"]] == [
        ("deprecated-source", "r1")
    ]
    assert "(per the configuration)" in article["findings"][0]["message"]
    assert article["references"][1]["reliability"] is None


def test_the_rules_work_without_a_precomputed_assessment() -> None:
    from citecheck.rules import audit, select_rules

    article = parse(OPINDIA_ARTICLE)
    findings = audit(article, rules=select_rules(["blacklisted-source"]))
    assert [f.code for f in findings] == ["CC501"]
    assert assess(article, default_list()).by_reference["r2"].rating is Rating.BLACKLISTED


def test_a_comment_silences_a_rating_like_any_finding() -> None:
    text = OPINDIA_ARTICLE.replace(
        "In June 2021",
        "<!-- citecheck: ignore blacklisted-source -- cited as an example -->In June 2021",
    )
    report = check(text, config=Config(links=False, select=RELIABILITY_RULES))
    assert report.findings == ()
    assert [f.rule for f in report.suppressed] == ["blacklisted-source"]


def test_interlanguage_links_in_html_are_not_citations() -> None:
    html = (
        "<html><body><p>Foo is a museum."
        '<sup class="reference" id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup></p>'
        '<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink">'
        '<a href="#cite_ref-1">^</a></span> <span class="reference-text">'
        '<a href="https://en.wikipedia.org/wiki/Foo" class="extiw" title="en:Foo">Foo</a>; '
        '<a rel="nofollow" class="external text" href="https://www.dailymail.co.uk/a">A</a>'
        "</span></li></ol></body></html>"
    )
    report = check(html, config=Config(links=False, select=RELIABILITY_RULES))
    assert [f.rule for f in report.findings] == ["deprecated-source"]
