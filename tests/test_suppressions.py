"""Suppression comments: ``<!-- citecheck: ignore RULE... -->`` and ``ignore-file``.

Unit tests go through the public API (``citecheck.check``), the command line through
``main``. Links are off, or the article cites no URL, so nothing touches the network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import citecheck
from citecheck import Config, Finding, Report, Severity
from citecheck.cli import ExitCode, main

LEAD = "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
END = "\n\n{{reflist}}\n"
FIRST = "It was founded by settlers from the coast."
SECOND = "It was built in 1850 by Smith."
TAGGED = FIRST + "{{citation needed|date=May 2020}}"
"""A claim that draws two findings: uncited-claim and citation-needed."""
UNCITED_QUOTE = (
    "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
    'The mayor said: "We will never surrender the bridge to anyone."\n\n{{reflist}}\n'
)


pytestmark = pytest.mark.usefixtures("no_network")


def article(body: str) -> str:
    """A cited lead, a History section with ``body``, and a reference list."""
    return LEAD + body + END


def audit(text: str, **options: Any) -> Report:
    return citecheck.check(text, config=Config(links=False, **options))


def where(report: Report, finding: Finding) -> str | None:
    """The text of the statement a finding is about; None for findings about no statement."""
    if finding.statement is None:
        return None
    return report.article.statement(finding.statement).text


def listed(report: Report, findings: tuple[Finding, ...]) -> set[tuple[str, str | None]]:
    return {(finding.rule, where(report, finding)) for finding in findings}


def kept(report: Report) -> set[tuple[str, str | None]]:
    return listed(report, report.findings)


def silenced(report: Report) -> set[tuple[str, str | None]]:
    return listed(report, report.suppressed)


def rules(findings: tuple[Finding, ...]) -> list[str]:
    return [finding.rule for finding in findings]


def write(path: Path, content: str) -> str:
    path.write_text(content, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory, with a settings file saying nothing, so no file above counts."""
    (tmp_path / "citecheck.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- what a statement comment silences ---------------------------------------------------


def test_without_comments_both_statements_are_reported() -> None:
    report = audit(article(f"{FIRST} {SECOND}"))
    assert kept(report) >= {("uncited-claim", FIRST), ("uncited-claim", SECOND)}
    assert report.suppressed == ()


@pytest.mark.parametrize("name", ["uncited-claim", "CC101", "cc101"])
def test_ignore_silences_the_next_statement_only(name: str) -> None:
    report = audit(article(f"<!-- citecheck: ignore {name} -->\n{FIRST} {SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST)}
    assert ("uncited-claim", SECOND) in kept(report)
    assert ("uncited-claim", FIRST) not in kept(report)
    # The section-level finding is about the heading, not the statement.
    assert ("unreferenced-section", None) in kept(report)
    assert report.suppressed[0].severity is Severity.WARNING  # kept as it was found


def test_ignore_in_the_middle_of_a_paragraph() -> None:
    report = audit(article(f"{FIRST} <!-- citecheck: ignore uncited-claim --> {SECOND}"))
    assert silenced(report) == {("uncited-claim", SECOND)}
    assert ("uncited-claim", FIRST) in kept(report)


def test_ignore_with_the_comment_right_before_the_text() -> None:
    report = audit(article(f"<!--citecheck:ignore uncited-claim-->{FIRST} {SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST)}


def test_ignore_names_one_rule_and_leaves_the_others() -> None:
    report = audit(article(f"<!-- citecheck: ignore uncited-claim -->\n{TAGGED} {SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST)}
    assert ("citation-needed", FIRST) in kept(report)


@pytest.mark.parametrize(
    "names",
    [
        "uncited-claim citation-needed",
        "uncited-claim,citation-needed",
        "uncited-claim, citation-needed",
        "CC101 , CC102",
        "citation-needed\n  uncited-claim",
    ],
)
def test_ignore_several_rules(names: str) -> None:
    report = audit(article(f"<!-- citecheck: ignore {names} -->\n{TAGGED} {SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST), ("citation-needed", FIRST)}
    assert ("uncited-claim", SECOND) in kept(report)
    assert "invalid-suppression" not in rules(report.findings)


def test_ignore_without_names_silences_every_rule_for_that_statement() -> None:
    report = audit(article(f"<!-- citecheck: ignore -->\n{TAGGED} {SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST), ("citation-needed", FIRST)}
    assert kept(report) == {("unreferenced-section", None), ("uncited-claim", SECOND)}


def test_words_after_a_double_hyphen_are_the_reason() -> None:
    text = article(
        f"<!-- citecheck: ignore uncited-claim -- sourced in the lead, see talk page -->\n"
        f"{FIRST} {SECOND}"
    )
    report = audit(text)
    assert silenced(report) == {("uncited-claim", FIRST)}
    assert "invalid-suppression" not in rules(report.findings)


def test_a_reason_alone_still_means_every_rule() -> None:
    report = audit(article(f"<!-- citecheck: ignore -- common knowledge -->\n{TAGGED}"))
    assert silenced(report) == {("uncited-claim", FIRST), ("citation-needed", FIRST)}


def test_two_comments_on_one_statement_are_both_used() -> None:
    report = audit(
        article(
            "<!-- citecheck: ignore uncited-claim -->\n"
            "<!-- citecheck: ignore citation-needed -->\n"
            f"{TAGGED} {SECOND}"
        )
    )
    assert silenced(report) == {("uncited-claim", FIRST), ("citation-needed", FIRST)}
    assert "unused-suppression" not in rules(report.findings)


def test_verb_is_case_insensitive() -> None:
    report = audit(article(f"<!-- citecheck: IGNORE uncited-claim -->\n{FIRST} {SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST)}


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- CITECHECK: ignore uncited-claim -->",
        "<!-- CiteCheck: Ignore uncited-claim -->",
        "<!-- CITECHECK: IGNORE-FILE uncited-claim -->",
    ],
)
def test_tool_name_is_case_insensitive(comment: str) -> None:
    report = audit(article(f"{comment}\n{FIRST}"))
    assert silenced(report) == {("uncited-claim", FIRST)}


def test_upper_case_name_works_when_the_text_also_has_lower_case() -> None:
    # The same comment is understood once the lower-case word appears anywhere in the text.
    report = audit(
        article(f"<!-- CITECHECK: ignore uncited-claim -->\n{FIRST}\n<!-- citecheck note -->")
    )
    assert silenced(report) == {("uncited-claim", FIRST)}


# --- paragraphs --------------------------------------------------------------------------


def test_a_comment_silences_nothing_beyond_its_paragraph() -> None:
    report = audit(article(f"<!-- citecheck: ignore uncited-claim -->\n{FIRST}\n\n{SECOND}"))
    assert silenced(report) == {("uncited-claim", FIRST)}
    assert ("uncited-claim", SECOND) in kept(report)


def test_a_comment_at_the_start_of_a_paragraph_silences_its_first_statement() -> None:
    report = audit(
        article(f"{FIRST}<ref>B.</ref>\n\n<!-- citecheck: ignore uncited-claim -->\n{SECOND}")
    )
    assert silenced(report) == {("uncited-claim", SECOND)}


@pytest.mark.parametrize(
    "between",
    [
        " <!-- citecheck: ignore uncited-claim -->\n\n",
        "\n<!-- citecheck: ignore uncited-claim -->\n\n",
        "<!-- citecheck: ignore uncited-claim -->\n\n\n",
        " <!-- citecheck: ignore uncited-claim -->\n\n== Later ==\n",
    ],
    ids=["same-line", "own-line", "no-space", "before-a-heading"],
)
def test_a_comment_ending_a_paragraph_does_not_reach_into_the_next(between: str) -> None:
    report = audit(article(f"{FIRST}<ref>B.</ref>{between}{SECOND}"))
    assert ("uncited-claim", SECOND) in kept(report)
    assert report.suppressed == ()


def test_a_comment_at_the_end_of_the_article_has_no_statement() -> None:
    report = audit(article(f"{FIRST}<ref>B.</ref>\n<!-- citecheck: ignore uncited-claim -->"))
    (unused,) = [f for f in report.findings if f.rule == "unused-suppression"]
    assert unused.code == "CC901"
    assert unused.severity is Severity.INFO
    assert "has no statement after it" in unused.message


# --- ignore-file -------------------------------------------------------------------------


@pytest.mark.parametrize("position", ["top", "middle", "bottom"])
def test_ignore_file_without_names_silences_the_whole_article(position: str) -> None:
    comment = "<!-- citecheck: ignore-file -->"
    body = {
        "top": f"{comment}\n{TAGGED} {SECOND}",
        "middle": f"{TAGGED}\n\n{comment}\n\n{SECOND}",
        "bottom": f"{TAGGED} {SECOND}\n\n{comment}",
    }[position]
    report = audit(article(body) + "More.<ref></ref>\n")
    assert report.findings == ()
    assert set(rules(report.suppressed)) == {
        "unreferenced-section",
        "uncited-claim",
        "citation-needed",
        "empty-ref",
    }


@pytest.mark.parametrize("names", ["uncited-claim", "CC101", "uncited-claim, empty-ref"])
def test_ignore_file_with_names_silences_only_those(names: str) -> None:
    text = article(f"<!-- citecheck: ignore-file {names} -->\n{TAGGED}\n\n{SECOND}")
    report = audit(text + "More.<ref></ref>\n")
    assert silenced(report) >= {("uncited-claim", FIRST), ("uncited-claim", SECOND)}
    assert "uncited-claim" not in rules(report.findings)
    assert {"unreferenced-section", "citation-needed"} <= set(rules(report.findings))
    assert ("empty-ref" in rules(report.suppressed)) is ("empty-ref" in names)


def test_ignore_file_verb_is_case_insensitive() -> None:
    report = audit(article(f"<!-- citecheck: Ignore-File uncited-claim -->\n{FIRST}"))
    assert silenced(report) == {("uncited-claim", FIRST)}


# --- counting, reports and exit codes ----------------------------------------------------


def test_report_counts_what_was_suppressed() -> None:
    report = audit(article(f"<!-- citecheck: ignore -->\n{TAGGED} {SECOND}"))
    assert len(report.suppressed) == 2
    assert len(report.findings) == 2  # unreferenced-section and the second statement


def test_suppressed_findings_do_not_fail_the_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = write(project / "plain.wiki", UNCITED_QUOTE)
    code, out, _ = run(capsys, "check", "--no-links", plain)
    assert code == ExitCode.FINDINGS
    assert "error uncited-claim" in out
    quiet = UNCITED_QUOTE.replace(
        "The mayor", "<!-- citecheck: ignore uncited-claim -->\nThe mayor"
    )
    path = write(project / "quiet.wiki", quiet)
    code, out, _ = run(capsys, "check", "--no-links", path)
    assert code == ExitCode.OK
    assert "error" not in out.replace("0 errors", "")
    assert "; 1 suppressed by comments" in out


def test_suppressed_findings_do_not_fail_the_run_at_any_severity(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = article(f"<!-- citecheck: ignore-file uncited-claim unreferenced-section -->\n{FIRST}")
    path = write(project / "a.wiki", text)
    argv = ["check", "--no-links", "--fail-on", "info", "--severity", "uncited-claim=error"]
    code, out, _ = run(capsys, *argv, path)
    assert code == ExitCode.OK, out
    assert "no findings; 2 suppressed by comments" in out


def test_json_summary_counts_suppressed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(project / "a.wiki", article(f"<!-- citecheck: ignore -->\n{TAGGED} {SECOND}"))
    code, out, _ = run(capsys, "check", "--no-links", "--output-format", "json", path)
    assert code == ExitCode.OK
    (report,) = json.loads(out)["articles"]
    assert report["summary"]["suppressed"] == 2
    assert {f["rule"] for f in report["findings"]} == {"unreferenced-section", "uncited-claim"}
    assert report["summary"]["findings"] == {"error": 0, "warning": 2, "info": 0}


def test_text_summary_says_nothing_when_nothing_was_suppressed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(project / "a.wiki", article(f"{FIRST} {SECOND}"))
    _, out, _ = run(capsys, "check", "--no-links", path)
    assert "suppressed" not in out


def test_comments_still_silence_when_only_some_rules_are_selected() -> None:
    report = audit(
        article(f"<!-- citecheck: ignore uncited-claim -->\n{FIRST} {SECOND}"),
        select=frozenset({"uncited-claim"}),
    )
    assert silenced(report) == {("uncited-claim", FIRST)}
    assert kept(report) == {("uncited-claim", SECOND)}


# --- unused suppressions -----------------------------------------------------------------


def test_a_comment_that_silences_nothing_is_reported_at_info() -> None:
    report = audit(article(f"<!-- citecheck: ignore citation-needed -->\n{FIRST} {SECOND}"))
    (unused,) = [f for f in report.findings if f.code == "CC901"]
    assert unused.rule == "unused-suppression"
    assert unused.severity is Severity.INFO
    assert unused.message == (
        "Suppression of citation-needed silences nothing in the next statement"
    )
    assert report.article.text[unused.span.start : unused.span.end] == (
        "<!-- citecheck: ignore citation-needed -->"
    )
    assert ("uncited-claim", FIRST) in kept(report)


def test_an_unused_ignore_file_is_reported() -> None:
    text = article(f"<!-- citecheck: ignore-file citation-needed -->\n{FIRST}<ref>B.</ref>")
    (unused,) = [f for f in audit(text).findings if f.code == "CC901"]
    assert unused.message == "Suppression of citation-needed silences nothing in this article"


def test_a_comment_over_a_cited_statement_is_unused() -> None:
    text = article(f"<!-- citecheck: ignore uncited-claim -->\n{FIRST}<ref>B.</ref>")
    report = audit(text)
    assert rules(report.findings) == ["unused-suppression"]


def test_a_comment_naming_a_rule_that_did_not_run_is_not_judged() -> None:
    # dead-link needs links, which are off; citation-needed is ignored by the configuration.
    text = article(
        "<!-- citecheck: ignore dead-link -->\n"
        f"{FIRST}<ref>B.</ref>\n\n"
        "<!-- citecheck: ignore citation-needed -->\n"
        f"{SECOND}<ref>C.</ref>\n\n"
        "<!-- citecheck: ignore-file dead-link -->"
    )
    report = audit(text, ignore=frozenset({"citation-needed"}))
    assert report.findings == ()
    assert report.suppressed == ()


def test_a_comment_naming_every_rule_is_not_judged_without_links() -> None:
    text = article(f"<!-- citecheck: ignore -->\n{FIRST}<ref>B.</ref>")
    assert audit(text).findings == ()


def test_unused_suppressions_from_the_command_line_depend_on_links(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The article cites no URL, so checking links asks no server.
    text = article(
        f"<!-- citecheck: ignore dead-link -->\n{FIRST}<ref>B.</ref>\n\n"
        f"<!-- citecheck: ignore -->\n{SECOND}<ref>C.</ref>"
    )
    path = write(project / "a.wiki", text)
    code, out, _ = run(capsys, "check", "--no-links", path)
    assert code == ExitCode.OK
    assert "unused-suppression" not in out
    code, out, _ = run(capsys, "check", "--links", path)
    assert code == ExitCode.OK
    assert "info unused-suppression: Suppression of dead-link silences nothing" in out
    assert "info unused-suppression: Suppression of every rule silences nothing" in out
    assert "0 errors, 0 warnings, 2 info" in out


def test_unused_suppression_can_be_made_to_fail_the_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = article(f"<!-- citecheck: ignore citation-needed -->\n{FIRST}<ref>B.</ref>")
    report = audit(text, severity={"unused-suppression": Severity.ERROR})
    assert [(f.rule, f.severity) for f in report.findings] == [
        ("unused-suppression", Severity.ERROR)
    ]
    path = write(project / "a.wiki", text)
    assert run(capsys, "check", "--no-links", path)[0] == ExitCode.OK
    code, out, _ = run(capsys, "check", "--no-links", "--severity", "CC901=error", path)
    assert code == ExitCode.FINDINGS
    assert "error unused-suppression" in out


def test_ignore_file_unused_suppression_silences_those() -> None:
    text = article(
        "<!-- citecheck: ignore-file unused-suppression -->\n"
        f"<!-- citecheck: ignore citation-needed -->\n{FIRST}<ref>B.</ref>"
    )
    report = audit(text)
    assert report.findings == ()
    assert rules(report.suppressed) == ["unused-suppression"]


def test_unused_suppression_rule_can_be_deselected() -> None:
    text = article(f"<!-- citecheck: ignore citation-needed -->\n{FIRST}<ref>B.</ref>")
    assert audit(text, ignore=frozenset({"CC901"})).findings == ()


# --- invalid suppressions ----------------------------------------------------------------


@pytest.mark.parametrize("verb", ["ignroe", "ignore-line", "disable", "ignorefile", ""])
def test_a_misspelt_verb_is_reported_and_silences_nothing(verb: str) -> None:
    comment = f"<!-- citecheck: {verb} uncited-claim -->"
    report = audit(article(f"{comment}\n{FIRST}"))
    (invalid,) = [f for f in report.findings if f.code == "CC902"]
    assert invalid.rule == "invalid-suppression"
    assert invalid.severity is Severity.WARNING
    assert "not understood" in invalid.message
    assert report.article.text[invalid.span.start : invalid.span.end] == comment
    assert ("uncited-claim", FIRST) in kept(report)
    assert report.suppressed == ()
    assert "unused-suppression" not in rules(report.findings)


@pytest.mark.parametrize("verb", ["ignore", "ignore-file"])
def test_an_unknown_rule_name_is_reported(verb: str) -> None:
    report = audit(article(f"<!-- citecheck: {verb} uncited-claims -->\n{FIRST}"))
    (invalid,) = [f for f in report.findings if f.code == "CC902"]
    assert "unknown rule 'uncited-claims'" in invalid.message
    # A comment naming only unknown rules silences nothing, rather than everything.
    assert ("uncited-claim", FIRST) in kept(report)
    assert report.suppressed == ()
    assert "unused-suppression" not in rules(report.findings)


def test_known_names_still_work_beside_unknown_ones() -> None:
    report = audit(article(f"<!-- citecheck: ignore uncited-claim CC999, nope -->\n{FIRST}"))
    assert silenced(report) == {("uncited-claim", FIRST)}
    messages = [f.message for f in report.findings if f.code == "CC902"]
    assert len(messages) == 2
    assert "'CC999'" in messages[0]
    assert "'nope'" in messages[1]


def test_ignore_file_invalid_suppression_silences_those() -> None:
    text = article(
        "<!-- citecheck: ignore-file invalid-suppression -->\n"
        f"<!-- citecheck: ignroe uncited-claim -->\n{FIRST}"
    )
    report = audit(text)
    assert "invalid-suppression" not in rules(report.findings)
    assert "invalid-suppression" in rules(report.suppressed)
    assert ("uncited-claim", FIRST) in kept(report)


def test_invalid_suppression_from_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(project / "a.wiki", article(f"<!-- citecheck: ignroe -->\n{FIRST}<ref>B.</ref>"))
    code, out, _ = run(capsys, "check", "--no-links", path)
    assert code == ExitCode.OK
    assert f"{path}:4:1: warning invalid-suppression: Suppression comment not understood" in out
    assert run(capsys, "check", "--no-links", "--fail-on", "warning", path)[0] == 1


# --- odd places ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        f"{FIRST}<ref>B.<!-- citecheck: ignore uncited-claim --></ref> {SECOND}",
        f"{FIRST}<ref><!-- citecheck: ignore --></ref> {SECOND}",
        f'{FIRST}<ref name="b"><!-- citecheck: ignore-file --></ref> {SECOND}',
        f"{FIRST}<ref>{{{{cite book |title=B <!-- citecheck: ignore --> |year=1900}}}}</ref>",
        f"{FIRST}{{{{efn|A note. <!-- citecheck: ignore-file --> More.}}}} {SECOND}",
        f"{{{{Infobox town |name=Foo <!-- citecheck: ignore uncited-claim -->}}}}\n{FIRST}",
        f"{FIRST}<ref>B.</ref> <!-- citecheck: ignore uncited-claim",  # never closed
        f"<!-- citecheck: -->\n{FIRST}",
        f"<!-- citecheck: ignore <!-- citecheck: ignore-file --> -->\n{FIRST}",
        f"<nowiki><!-- citecheck: ignore --></nowiki>{FIRST}",
    ],
)
def test_comments_in_odd_places_do_not_crash(
    body: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = audit(article(body))
    assert report.article.statements
    for finding in (*report.findings, *report.suppressed):
        assert 0 <= finding.span.start <= finding.span.end <= len(report.article.text)
    path = write(project / "a.wiki", article(body))
    code, out, err = run(capsys, "check", "--no-links", "--output-format", "json", path)
    assert code in (ExitCode.OK, ExitCode.FINDINGS), err
    assert json.loads(out)["errors"] == []
    assert "internal error" not in err


def test_ignore_file_inside_a_footnote_still_covers_the_article() -> None:
    report = audit(article(f"{FIRST}{{{{efn|A note. <!-- citecheck: ignore-file --> More.}}}}"))
    assert report.findings == ()
    assert ("uncited-claim", report.article.statements[1].text) in silenced(report)


# --- the public API ----------------------------------------------------------------------


def test_public_check_applies_suppressions() -> None:
    text = article(f"<!-- citecheck: ignore uncited-claim -->\n{FIRST} {SECOND}")
    report = citecheck.check(text, config=Config(links=False))
    assert isinstance(report, citecheck.Report)
    assert [f.rule for f in report.suppressed] == ["uncited-claim"]
    assert [f.rule for f in report.findings] == ["unreferenced-section", "uncited-claim"]
    # The default configuration, too: check() never checks links unless given their results.
    assert citecheck.check(text).suppressed == report.suppressed


def test_public_check_severities_apply_before_suppressions() -> None:
    text = article(f"<!-- citecheck: ignore -->\n{FIRST} {SECOND}")
    report = citecheck.check(text, config=Config(links=False, severity={"CC101": Severity.ERROR}))
    assert [(f.rule, f.severity) for f in report.suppressed] == [("uncited-claim", Severity.ERROR)]
    assert ("uncited-claim", Severity.ERROR) in [(f.rule, f.severity) for f in report.findings]


def test_text_without_comments_is_untouched() -> None:
    text = article(f"{FIRST} {SECOND}<!-- an ordinary comment -->")
    report = citecheck.check(text, config=Config(links=False))
    assert report.suppressed == ()
    assert not {"unused-suppression", "invalid-suppression"} & set(rules(report.findings))
