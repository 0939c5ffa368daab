"""The GitHub Actions reporter: one annotation per finding, escaped as GitHub's toolkit does.

Each line is read back the way the Actions runner parses workflow commands, so these tests
check what GitHub would show, not only what was printed. After a deliberate change to the
output, regenerate the golden file with ``CITECHECK_UPDATE_GOLDEN=1 pytest tests/report``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from citecheck import Config, Report, SourceFormat, check
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.github import escape_data, escape_property, render

TESTS = Path(__file__).resolve().parent.parent
DRAFTS = TESTS / "data" / "ci"
GOLDEN = TESTS / "golden" / "ci" / "drafts.github.txt"
OPTIONS = RenderOptions()


def draft(name: str, source: str | None = None) -> Report:
    text = (DRAFTS / f"{name}.wiki").read_text(encoding="utf-8")
    return check(text, source=source or f"drafts/{name}.wiki", config=Config(links=False))


def _unescape(text: str, *, property_value: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if property_value:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for escaped, plain in [*pairs, ("%25", "%")]:
        text = text.replace(escaped, plain)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A command as the runner reads it: name, properties and message, unescaped."""
    assert line.startswith("::")
    head, separator, message = line[2:].partition("::")
    assert separator, line
    name, _, listed = head.partition(" ")
    properties = {}
    for pair in filter(None, listed.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, property_value=True)
    return name, properties, _unescape(message, property_value=False)


def test_matches_golden() -> None:
    reports = [draft("lake_varna"), draft("clean"), draft("hostile")]
    output = render(reports, [Failure("drafts/missing.wiki", "no such file")], OPTIONS)
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_one_annotation_per_finding_then_a_plain_summary() -> None:
    lake = draft("lake_varna")
    *commands, summary = render([lake, draft("clean")], [], OPTIONS).splitlines()
    assert len(commands) == len(lake.findings)
    assert summary == "citecheck: 2 articles checked: 3 errors, 4 warnings, 1 info"
    assert not summary.startswith("::")
    names = [parse(line)[0] for line in commands]
    assert names == [
        {"error": "error", "warning": "warning", "info": "notice"}[str(f.severity)]
        for f in lake.findings
    ]


def test_annotations_locate_and_title_each_finding() -> None:
    lake = draft("lake_varna")
    first = render([lake], [], OPTIONS).splitlines()[1]
    name, properties, message = parse(first)
    assert name == "error"
    assert properties == {
        "file": "drafts/lake_varna.wiki",
        "line": "4",
        "col": "62",
        "endLine": "4",
        "endColumn": "115",
        "title": "CC101 uncited-claim",
    }
    assert message == (
        "Statistic with no citation\nIts shoreline is 42 km long and 75% of it is forested."
    )
    statement = lake.article.text.split("\n")[3][62 - 1 : 115]
    assert statement == "Its shoreline is 42 km long and 75% of it is forested."


def test_escaping_follows_the_toolkit() -> None:
    assert escape_data("100%\r\nok: a, b") == "100%25%0D%0Aok: a, b"
    assert escape_property("100%\r\nok: a, b") == "100%25%0D%0Aok%3A a%2C b"
    assert escape_data("%0A") == "%250A"


def test_hostile_text_cannot_forge_commands_or_properties() -> None:
    hostile = draft("hostile", source="drafts/a,b:c%0A::d.wiki")
    output = render([hostile], [], OPTIONS)
    *commands, _ = output.splitlines()
    assert len(commands) == len(hostile.findings)
    for line in commands:
        _, properties, _ = parse(line)
        assert properties["file"] == "drafts/a,b:c%0A::d.wiki"
        assert set(properties) <= {"file", "line", "col", "endLine", "endColumn", "title"}
    messages = [parse(line)[2] for line in commands]
    assert 'The motto was "::error::fake" and @octocat, *bold* and `code` signed it.' in (
        message.split("\n")[1] for message in messages
    )
    assert any("100% | 50%" in message for message in messages)


def test_a_range_over_two_lines_has_no_columns() -> None:
    hostile = draft("hostile")
    commands = render([hostile], [], OPTIONS).splitlines()[:-1]
    (wrapped,) = [parse(line) for line in commands if "line that continued" in parse(line)[2]]
    _, properties, message = wrapped
    assert properties == {
        "file": "drafts/hostile.wiki",
        "line": "6",
        "endLine": "7",
        "title": "CC101 uncited-claim",
    }
    assert message.split("\n")[1] == (
        "The mayor counted 5,000 votes on the line that continued here in 2004."
    )


def test_an_empty_span_ends_where_it_starts() -> None:
    lake = draft("lake_varna")
    finding = replace(lake.findings[0], span=replace(lake.findings[0].span, end=125))
    line = render([replace(lake, findings=(finding,))], [], OPTIONS).splitlines()[0]
    _, properties, _ = parse(line)
    assert (properties["col"], properties["endColumn"]) == ("1", "1")


def test_standard_input_has_no_file() -> None:
    config = Config(links=False, input_format=SourceFormat.TEXT)
    report = check("The lake is 42 km long.\n", source="-", config=config)
    name, properties, message = parse(render([report], [], OPTIONS).splitlines()[0])
    assert name == "error"
    assert properties == {"title": "CC101 uncited-claim"}
    assert message.startswith("standard input, line 1: Statistic with no citation\n")


def test_unreadable_inputs_are_errors() -> None:
    failures = [Failure("drafts/x,y.wiki", "no such file"), Failure("-", "not text: a PDF")]
    output = render([], failures, OPTIONS)
    first, second, summary = output.splitlines()
    assert parse(first) == (
        "error",
        {"file": "drafts/x,y.wiki"},
        "could not be checked: no such file",
    )
    assert parse(second) == ("error", {}, "standard input could not be checked: not text: a PDF")
    assert summary == (
        "citecheck: 0 articles checked: 0 errors, 0 warnings, 0 info; 2 inputs could not be checked"
    )


def test_an_empty_run_prints_only_the_summary() -> None:
    assert (
        render([], [], OPTIONS) == "citecheck: 0 articles checked: 0 errors, 0 warnings, 0 info\n"
    )
