"""The citation template rules (CC601-CC609) beyond their case files.

The malformed templates of a citation bot's test suite go through every rule without an
error; the day dates are judged against is fixed here, so the slack for time zones is tested
on both sides.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import Config, check, parse
from citecheck.parse.cs1_dates import DateKind, judge_date
from citecheck.rules import audit, find_rule
from citecheck.rules.base import RuleContext
from citecheck.rules.citations import generic_title, retired_parameter, wayback_problem

ROOT = Path(__file__).resolve().parent.parent
CITE_STRINGS = ROOT / "fixtures" / "corpus" / "templates" / "citation_bot_test_cite_strings.jsonl"


def test_malformed_templates_run_through_every_rule() -> None:
    rows = [json.loads(line) for line in CITE_STRINGS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 1400
    found: Counter[str] = Counter()
    config = Config(links=False)
    for row in rows:
        text = f"The bridge opened in 1932.<ref>{row['text']}</ref>\n\n{{{{reflist}}}}\n"
        report = check(text, source=f"{row['file']}:{row['line']}", config=config)
        for finding in report.findings:
            assert 0 <= finding.span.start <= finding.span.end <= len(text)
            found[finding.rule] += 1
    for rule in (
        "citation-missing-title",
        "cite-web-missing-url",
        "archive-url-without-url",
        "access-date-without-url",
        "invalid-url-status",
        "malformed-archive-url",
        "invalid-date",
        "deprecated-parameter",
        "generic-title",
    ):
        assert found[rule] > 0, rule


def _findings(text: str, rule: str, today: date) -> list[str]:
    article = parse(text, source="case")
    context = RuleContext(today=today)
    return [f.message for f in audit(article, rules=[find_rule(rule)], context=context)]


@pytest.mark.parametrize(
    ("value", "flagged"),
    [
        ("1 January 2026", False),
        ("2 January 2026", False),  # tomorrow: somewhere it is already that day
        ("3 January 2026", True),
        ("2026-01-03", True),
    ],
)
def test_access_dates_may_be_tomorrow_but_not_later(value: str, flagged: bool) -> None:
    text = f"Claim.<ref>{{{{cite web |url=https://a.example/ |title=T |accessdate={value}}}}}</ref>"
    assert bool(_findings(text, "invalid-date", date(2026, 1, 1))) is flagged


@pytest.mark.parametrize(
    ("value", "flagged"), [("2027", False), ("December 2027", False), ("2028", True)]
)
def test_publication_dates_may_be_next_year_as_the_module_allows(value: str, flagged: bool) -> None:
    text = f"A claim.<ref>{{{{cite book |title=T |date={value}}}}}</ref>"
    assert bool(_findings(text, "invalid-date", date(2026, 1, 1))) is flagged


def test_the_day_of_the_run_is_the_default() -> None:
    text = "A claim.<ref>{{cite web |url=https://a.example/ |title=T |accessdate=5 May 2019}}</ref>"
    article = parse(text, source="case")
    assert audit(article, rules=[find_rule("invalid-date")]) == []


def test_an_archive_with_no_url_is_reported_once() -> None:
    text = (
        "A claim.<ref>{{cite web |title=T |archive-url=https://web.archive.org/web/"
        "20170601000000/https://example.com/ |archive-date=1 June 2017}}</ref>\n\n{{reflist}}\n"
    )
    report = check(text, source="case", config=Config(links=False))
    about_the_url = [
        f.rule
        for f in report.findings
        if f.rule in ("archive-without-url", "archive-url-without-url", "cite-web-missing-url")
    ]
    assert about_the_url == ["archive-url-without-url"]


@pytest.mark.parametrize(
    ("value", "kind", "problem"),
    [
        ("Winter 2018–19", DateKind.PUBLICATION, None),
        ("Spring 2018–19", DateKind.PUBLICATION, "only Winter and Summer span two years"),
        ("June–May 2019", DateKind.PUBLICATION, "the range ends before it starts"),
        ("2011-12", DateKind.PUBLICATION, "YYYY-MM"),  # December 2011, or 2011–2012?
        ("2011–13", DateKind.PUBLICATION, None),
        ("Feb–March 2019", DateKind.PUBLICATION, "both months in full or both abbreviated"),
        ("May–Jun 2019", DateKind.PUBLICATION, None),
        ("Fall–Winter 2019", DateKind.PUBLICATION, None),
        ("Summer–Spring 2019", DateKind.PUBLICATION, "the range ends before it starts"),
        ("5 May – 7 May 2019", DateKind.PUBLICATION, "the range ends before it starts"),
        ("7 May – 5 June 2019", DateKind.PUBLICATION, None),
        ("31 May – 31 June 2019", DateKind.PUBLICATION, "June 2019 has no day 31"),
        ("1581-10-20", DateKind.PUBLICATION, "Gregorian calendar"),
        ("2019-05-XX", DateKind.PUBLICATION, None),
        ("2019-13-XX", DateKind.PUBLICATION, "not a calendar month"),
        ("May 2019", DateKind.ARCHIVE, "not a full date"),
        ("c. 2019", DateKind.YEAR, None),
        ("5 May 2019", DateKind.YEAR, "not a year"),
        ("Sept 2019", DateKind.PUBLICATION, None),  # French and German abbreviate so too
        ("Jan. 2019", DateKind.PUBLICATION, "not a date form"),
        ("5 May 2019a", DateKind.ACCESS, "not a full date"),
    ],
)
def test_strict_dates(value: str, kind: DateKind, problem: str | None) -> None:
    verdict = judge_date(value, kind, today=date(2026, 1, 1), strict=True)
    assert verdict is None if problem is None else problem in (verdict or "")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("31 avril 2019", "April 2019 has no day 31"),
        ("12/31/2019", None),  # month first: still a real day
        ("12.13.2019", None),
        ("Frühjahr 2019", None),  # not read: not judged
        ("2030-01-01", "in the future"),
    ],
)
def test_lenient_dates(value: str, problem: str | None) -> None:
    verdict = judge_date(value, DateKind.ACCESS, today=date(2026, 1, 1), strict=False)
    assert verdict is None if problem is None else problem in (verdict or "")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://web.archive.org/web/20170601123456/https://example.com/", None),
        ("https://web.archive.org/web/20170601123456im_/https://example.com/a.png", None),
        ("https://web.archive.org/web/20170601/https://example.com/", "has 8 digits"),
        ("https://web.archive.org/web/2017*/https://example.com/", "calendar"),
        ("https://web.archive.org/save/https://example.com/", "save link"),
        ("https://web.archive.org/https://example.com/", "no timestamp"),
        ("https://archive.ph/2017.06.01-000000/https://example.com/", None),
    ],
)
def test_wayback_problems(url: str, problem: str | None) -> None:
    found = wayback_problem(url)
    assert found is None if problem is None else problem in (found or "")


def test_retired_parameters_keep_their_number() -> None:
    assert retired_parameter("authormask3") == "|author3-mask="
    assert retired_parameter("editor2link") == "|editor2-link="
    assert retired_parameter("author-link") is None
    assert retired_parameter("authorlink2") is None  # still taken: too common to retire
    assert retired_parameter("accessdate") is None
    assert retired_parameter("last2") is None


def test_generic_titles_are_matched_on_the_whole_title_or_as_the_module_does() -> None:
    assert generic_title("ARCHIVED COPY") is not None
    assert generic_title("Error 404 - Example") is not None
    assert generic_title("Home page") is not None
    assert generic_title("Homes for sale in Foo") is None
    assert generic_title("") is None


_DATE_PIECES = st.sampled_from(
    [
        *("0", "00", "1", "12", "29", "31", "0000", "1500", "1582", "2019", "2999", "9999"),
        *("May", "may", "Sep", "Sept", "February", "février", "März", "Winter", "Fall"),
        *("First Quarter", "Easter", "c.", "n.d.", "XX", "a", " ", "  ", "-", "–", "/", "."),
        *(",", "&nbsp;", "&ndash;", "{{", "}}", "<", "\u00a0", "\t", "1er", "de"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=9).map("".join))
def test_any_date_text_is_judged_without_error(text: str) -> None:
    for kind in DateKind:
        for strict in (True, False):
            verdict = judge_date(text, kind, today=date(2026, 1, 1), strict=strict)
            assert verdict is None or isinstance(verdict, str)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="htps:/web.archiveorg0123456789*_id", max_size=60))
def test_any_archive_url_is_judged_without_error(tail: str) -> None:
    wayback_problem("https://web.archive.org/" + tail)
    wayback_problem(tail)
