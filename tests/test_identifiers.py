"""The identifier rules (invalid-isbn, -issn, -doi, -pmid, -pmc): their judgements one value at
a time, where their findings point, and that no input, however malformed, makes them fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck import Config, Severity, check
from citecheck.rules.identifiers import (
    PMC_LIMIT,
    PMID_LIMIT,
    RULES,
    doi_problem,
    isbn_problem,
    issn_problem,
    pmc_problem,
    pmid_problem,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NAMES = frozenset(rule.name for rule in RULES)
CONFIG = Config(links=False, select=NAMES)


def _findings(text: str) -> list:
    report = check(text, source="test", config=CONFIG)
    for finding in report.findings:
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
    return list(report.findings)


# --- One value at a time --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "978-0-306-40615-7",
        "9780306406157",
        "978 0 306 40615 7",
        "0-306-40615-2",
        "0-8044-2957-X",
        "979-10-90636-07-1",
        "978-0-394-50294-6",
    ],
)
def test_valid_isbns(value: str) -> None:
    assert isbn_problem(value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("978-0-306-40615-8", "check digit should be 7"),
        ("0-306-40615-3", "check digit should be 2"),
        ("0-8044-2957-x", "the check digit X must be a capital X"),
        ("0-8044-2957-1", "check digit should be X"),
        ("X-306-40615-2", "X can only be the last"),
        ("978030640615X", "an ISBN-13 has no X"),
        ("977-0-306-40615-7", "begins with 978 or 979, not 977"),
        ("9790260000438", "979-0 numbers are ISMNs"),
        ("6301234561", "Amazon's ASINs"),
        ("030640615", "an old 9-digit SBN goes in |sbn="),
        ("", "is 0 characters long"),
        ("٩٧٨٠٣٠٦٤٠٦١٥٧", "the non-ASCII digit '٩' (U+0669)"),
        ("９７８０３０６４０６１５７", "the non-ASCII digit '９' (U+FF19)"),
        ("978\u00a00306406157", "the invisible character U+00A0"),
        ("978-0-306-40615-7&nbsp;", "the HTML entity &nbsp;"),
        ("978‐0‐306‐40615‐7", "'‐'"),
        ("isbn 978-0-306-40615-7", "remove the 'ISBN' label"),
        ("978-0-306-40615-7 0-306-40615-2", "holds more than one ISBN"),
        ("978-0-306-40615-7 (hardback)", "contains '('"),
        ("Xxxx", "contains 'x'"),
    ],
)
def test_invalid_isbns(value: str, message: str) -> None:
    problem = isbn_problem(value)
    assert problem is not None
    assert message in problem.message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0378-5955", None),
        ("0028 0836", None),
        ("2434-561X", None),
        ("0378-5954", "check digit should be 5"),
        ("2434-561x", "the check digit X must be a capital X"),
        ("X434-5610", "X can only be the last"),
        ("0378-59555", "is 9 characters long"),
        ("０３７８-５９５５", "the non-ASCII digit"),
        ("eISSN 1476-4687", "remove the 'ISSN' label"),
    ],
)
def test_issns(value: str, message: str | None) -> None:
    problem = issn_problem(value)
    assert (problem and problem.message) is None if message is None else message in problem.message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("10.1038/nature12373", None),
        ("10.1000/182", None),
        ("10.1000.10/123456", None),
        ("10.123.4/abc", None),
        ("10.31234/osf.io/abcde", None),
        ("10.78901/x", None),
        ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", None),
        ("10.1093/ajae/aaq063)", None),
        ("https://doi.org/10.1038/nature12373", "remove the doi.org URL"),
        ("http://dx.doi.org/10.1038/nature12373", "remove the doi.org URL"),
        ("doi.org/10.1038/nature12373", "remove the doi.org URL"),
        ("doi: 10.1038/nature12373", "remove the doi label"),
        ("https://example.org/article/10.1038/nature12373", "a URL, not a DOI"),
        ("nature12373", "a DOI begins with 10."),
        ("", "a DOI begins with 10."),
        ("10.1038", "no / after the registrant code"),
        ("10.1038%2Fnature12373", "URL-encoded"),
        ("10.1038/", "the suffix is missing"),
        ("10.1038/nature 12373", "contains a space"),
        ("10.1038/nature\u00a012373", "contains a space"),
        ("10.1038/a–b", "contains an en dash"),
        ("10.1038/nature12373,", "ends with ','"),
        ("10.5555/12345678", "10.5555 is not a registrant code"),
        ("10.12/abc", "10.12 is not a registrant code"),
        ("10.12.3/abc", "10.12.3 is not a registrant code"),
        ("10.0123/abc", "10.0123 is not a registrant code"),
        ("10.１０３８/abc", "is not a registrant code"),
    ],
)
def test_dois(value: str, message: str | None) -> None:
    problem = doi_problem(value)
    assert (problem and problem.message) is None if message is None else message in problem.message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("17322060", None),
        ("1", None),
        ("017322060", None),
        (str(PMID_LIMIT), None),
        (str(PMID_LIMIT + 1), "larger than any PMID issued"),
        ("0", "PMIDs start at 1"),
        ("PMID: 17322060", "remove the 'PMID' label"),
        ("PMC3159765", "it goes in |pmc="),
        ("17322060.", "contains '.'"),
        ("１７３２２０６０", "the non-ASCII digit"),
        ("-5", "contains '-'"),
        ("1e6", "contains 'e'"),
    ],
)
def test_pmids(value: str, message: str | None) -> None:
    problem = pmid_problem(value)
    assert (problem and problem.message) is None if message is None else message in problem.message


@pytest.mark.parametrize(
    ("value", "message", "severity"),
    [
        ("3159765", None, None),
        (str(PMC_LIMIT), None, None),
        ("PMC3159765", "without the PMC prefix (3159765)", Severity.WARNING),
        ("pmc0003159765", "without the PMC prefix (3159765)", Severity.WARNING),
        ("PMC 3159765", "remove the 'PMC' label", None),
        ("PMC0", "PMCIDs start at 1", None),
        (str(PMC_LIMIT + 1), "larger than any PMCID issued", None),
        ("3159765a", "contains 'a'", None),
    ],
)
def test_pmcs(value: str, message: str | None, severity: Severity | None) -> None:
    problem = pmc_problem(value)
    if message is None:
        assert problem is None
    else:
        assert problem is not None and message in problem.message
        assert problem.severity == severity


# --- In an article --------------------------------------------------------------------------


def test_a_finding_points_at_the_parameter_and_names_its_footnote() -> None:
    text = (
        "A claim.<ref name=cosmos>{{cite book |title=Cosmos |isbn=978-0-394-50294-5 "
        "|pmid=17322060}}</ref>\n\n{{reflist}}\n"
    )
    report = check(text, source="test", config=CONFIG)
    (finding,) = report.findings
    assert finding.rule == "invalid-isbn" and finding.code == "CC701"
    assert finding.severity is Severity.ERROR
    assert text[finding.span.start : finding.span.end] == "isbn=978-0-394-50294-5 "
    (reference,) = report.article.references
    assert finding.reference == reference.id


def test_a_standalone_template_points_at_its_value() -> None:
    text = "* Smith, ''Bridges'', 1990, {{ISBN|link=no|0-306-40615-3}}.\n"
    (finding,) = _findings(text)
    assert text[finding.span.start : finding.span.end] == "0-306-40615-3"
    assert finding.reference is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        " ",
        "<!-- -->",
        "<!-- 978-0-306-40615-8 -->",
        "((978-0-306-40615-8))",
        "{{Format ISBN|9780306406158}}",
        "{{{isbn|}}}",
    ],
)
def test_values_that_are_not_judged(value: str) -> None:
    assert _findings(f"A.<ref>{{{{cite book |title=T |isbn={value} |doi={value}}}}}</ref>\n") == []


def test_a_pipe_written_as_a_template_is_a_pipe() -> None:
    (finding,) = _findings("A.<ref>{{cite book |title=T |isbn=0-306-40615-2{{!}}}}</ref>\n")
    assert "contains '|'" in finding.message


MALFORMED = [
    "{{cite book |isbn=",
    "{{cite book |isbn=}}",
    "{{cite book |isbn}}",
    "{{cite book |=978-0-306-40615-8}}",
    "{{cite book |isbn=978-0-306-40615-8",
    "{{cite book |isbn=978-0-306-40615-8 |isbn=0-306-40615-3 |ISBN=x}}",
    "{{cite book |isbn=[[Special:BookSources/0306406153|0-306-40615-3]]}}",
    "{{cite book |isbn={{ISBN|}}}}",
    "{{cite book |isbn={{ISBN}}}}",
    "{{cite book |isbn={{ISBN|{{!}}}}}}",
    "{{cite book |isbn=((}}",
    "{{cite book |isbn=(())}}",
    "{{cite book |isbn=((978-0-306-40615-8}}",
    "{{cite journal |doi=10.}}",
    "{{cite journal |doi=10./}}",
    "{{cite journal |doi=/}}",
    "{{cite journal |doi=10.1234/<nowiki>abc</nowiki>}}",
    "{{cite journal |doi=10.1234/abc<ref>x</ref>}}",
    "{{cite journal |doi=10.1234/abc|}}",
    "{{cite journal |doi=doi:}}",
    "{{cite journal |doi=https://doi.org/}}",
    "{{cite journal |pmid=((}} {{cite journal |pmc=((PMC))}}",
    "{{cite journal |pmid=99999999999999999999999999999999999999}}",
    "{{cite journal |pmc=PMC99999999999999999999999999999999999}}",
    "{{cite journal |pmc=PMC}} {{cite journal |pmc=pmc-}}",
    "{{cite journal |issn=----}} {{cite journal |eissn=X}}",
    "{{ISBN}} {{ISBN|}} {{ISBN||}} {{ISBN|=}} {{ISBN|1=}} {{ISBN|2=0-306-40615-3}}",
    "{{ISBN|<!--}} {{doi|10.1/}} {{PMID|}} {{PMC|PMC}} {{ISSN|X}}",
    "{{Template:ISBN|0-306-40615-3}} {{ ISBN | 0-306-40615-3 }}",
    "<ref>{{ISBN|0-306-40615-3",
    "<nowiki>{{ISBN|0-306-40615-3}}",
    "<pre/>{{ISBN|0-306-40615-3}}",
    "<!-- {{ISBN|0-306-40615-3}}",
    "{{cite book |isbn=0-306-40615-3\n|doi=10.1000/182\n}}",
    "{{cite book |isbn=\u200b0-306-40615-2\u200b}}",
    "{{cite book |isbn=0-306-40615-2\U0001f600}}",
    "{{cite book |isbn=\x00}}",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_templates_do_not_break_the_rules(text: str) -> None:
    _findings(text)
    _findings(f"Claim.<ref>{text}</ref>\n\n{{{{reflist}}}}\n")


CITE_STRINGS = FIXTURES / "corpus" / "templates" / "citation_bot_test_cite_strings.jsonl"


def test_the_citation_bot_test_strings_do_not_break_the_rules() -> None:
    """The citation bot's test strings: many deliberately malformed templates."""
    lines = CITE_STRINGS.read_text(encoding="utf-8").splitlines()
    strings = [json.loads(line)["text"] for line in lines if line.strip()]
    assert len(strings) > 1000
    flagged = {finding.rule for text in strings for finding in _findings(text)}
    assert flagged == NAMES - {"invalid-pmid"}  # the strings hold no bad PMID


_ALPHABET = st.sampled_from(
    [*"0123456789Xx-. /:;,()[]{}|=<>!&%'\"", "\u00a0", "–", "９", "٣", "PMC", "10.", "doi:"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["isbn", "ISBN", "issn", "eissn", "doi", "pmid", "pmc", "PMC"]),
    value=st.lists(_ALPHABET, max_size=20).map("".join),
    standalone=st.booleans(),
)
def test_any_value_is_judged_without_failing(name: str, value: str, standalone: bool) -> None:
    template = f"{{{{{name}|{value}}}}}" if standalone else f"{{{{cite book |{name}={value}}}}}"
    for finding in _findings(f"Claim.<ref>{template}</ref>\n\n{{{{reflist}}}}\n"):
        assert finding.rule in NAMES and finding.message
