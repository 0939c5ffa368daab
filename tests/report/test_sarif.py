"""The SARIF reporter: valid against the official 2.1.0 schema, and faithful to the findings.

The schema is the OASIS one, vendored in tests/data (see tests/data/PROVENANCE.md), so these
tests never need the network.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from citecheck import RULES, Config, Report, Severity, SourceFormat, __version__, check
from citecheck.fingerprint import fingerprint
from citecheck.report import text
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.sarif import artifact_location, github_anchor, render

TESTS = Path(__file__).resolve().parent.parent
DRAFTS = TESTS / "data" / "ci"
SCHEMA = json.loads((TESTS / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
OPTIONS = RenderOptions()
# What RFC 3986 allows in a URI reference, "%" only as part of an escape.
URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*")


def draft(name: str) -> Report:
    source = (DRAFTS / f"{name}.wiki").read_text(encoding="utf-8")
    return check(source, source=f"drafts/{name}.wiki", config=Config(links=False))


def sarif(reports: list[Report], failures: list[Failure] | None = None) -> dict[str, Any]:
    return json.loads(render(reports, failures or [], OPTIONS))


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    (run,) = log["runs"]
    return run["results"]


def region(result: dict[str, Any]) -> dict[str, Any]:
    (location,) = result["locations"]
    return location["physicalLocation"]["region"]


def test_the_vendored_schema_is_the_oasis_one() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["$id"].endswith("/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json")


def test_a_full_run_is_valid_sarif() -> None:
    lake, clean, hostile = draft("lake_varna"), draft("clean"), draft("hostile")
    silenced = replace(lake, findings=lake.findings[1:], suppressed=lake.findings[:1])
    failure = Failure("drafts/missing, really.wiki", "no such file")
    log = sarif([silenced, clean, hostile], [failure])
    VALIDATOR.validate(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(results(log)) == len(lake.findings) + len(hostile.findings)


def test_an_empty_run_is_valid_sarif() -> None:
    log = sarif([])
    VALIDATOR.validate(log)
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert len(run["tool"]["driver"]["rules"]) == len(RULES)


def test_the_driver_describes_every_rule() -> None:
    (run,) = sarif([])["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("citecheck", __version__)
    assert driver["informationUri"] == "https://github.com/citecheck/citecheck"
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for described, rule in zip(driver["rules"], RULES, strict=True):
        assert (described["id"], described["name"]) == (rule.code, rule.name)
        assert described["shortDescription"] == {"text": rule.summary}
        assert described["help"] == {"text": rule.documentation, "markdown": rule.documentation}
        assert described["defaultConfiguration"] == {"level": levels[rule.severity]}
        assert described["helpUri"] == (
            "https://github.com/citecheck/citecheck/blob/main/docs/rules.md"
            f"#{rule.code.lower()}-{rule.name}"
        )
        assert described["fullDescription"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_help_anchors_are_the_ones_github_gives_the_rules_page_headings() -> None:
    rules_page = (TESTS.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (CC\d+ `[a-z0-9-]+`)$", rules_page, flags=re.MULTILINE)
    assert headings
    (run,) = sarif([])["runs"]
    help_uris = {rule["id"]: rule["helpUri"] for rule in run["tool"]["driver"]["rules"]}
    for heading in headings:
        code = heading.split()[0]
        if code in help_uris:  # a rule the page does not describe yet has no heading to match
            assert help_uris[code].endswith("#" + github_anchor(heading))
    assert github_anchor("CC101 `uncited-claim`") == "cc101-uncited-claim"
    assert github_anchor("Hello, World! (v2)") == "hello-world-v2"


def test_results_name_their_rule_level_and_fingerprint() -> None:
    lake = draft("lake_varna")
    found = results(sarif([lake]))
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    assert {finding.severity for finding in lake.findings} == set(Severity)
    for result, finding in zip(found, lake.findings, strict=True):
        assert result["ruleId"] == finding.code
        assert RULES[result["ruleIndex"]].code == finding.code
        assert result["level"] == levels[finding.severity]
        assert result["message"] == {"text": finding.message}
        assert result["partialFingerprints"] == {"citecheck/v1": fingerprint(lake.article, finding)}
        assert "suppressions" not in result


def test_regions_agree_with_the_text_report() -> None:
    reports = [draft("lake_varna"), draft("hostile")]
    printed = text.render(reports, [], OPTIONS)
    positions = [
        (source, int(line), int(column))
        for source, line, column in re.findall(r"^(\S+):(\d+):(\d+): ", printed, re.MULTILINE)
    ]
    located = []
    for result in results(sarif(reports)):
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        located.append((uri, region(result)["startLine"], region(result)["startColumn"]))
    assert located == positions


def test_regions_end_after_their_last_character() -> None:
    for name in ("lake_varna", "hostile"):
        report = draft(name)
        lines = report.article.text.split("\n")
        for result, finding in zip(results(sarif([report])), report.findings, strict=True):
            where = region(result)
            first, last = where["startLine"] - 1, where["endLine"] - 1
            covered = "\n".join(lines[first : last + 1])
            end = len(covered) - len(lines[last]) + where["endColumn"] - 1
            spanned = covered[where["startColumn"] - 1 : end]
            assert spanned == report.article.text[finding.span.start : finding.span.end]
            assert where["snippet"] == {"text": spanned}


def test_a_statement_over_two_lines_has_a_region_over_two_lines() -> None:
    hostile = draft("hostile")
    (wrapped,) = [r for r in results(sarif([hostile])) if "\n" in region(r)["snippet"]["text"]]
    where = region(wrapped)
    assert (where["startLine"], where["startColumn"]) == (6, 1)
    assert (where["endLine"], where["endColumn"]) == (7, 29)


def test_columns_count_code_points() -> None:
    line = "The 🌊 lake is 42 km long and 75% of it is forested."
    config = Config(links=False, input_format=SourceFormat.TEXT)
    (result,) = results(sarif([check(line + "\n", source="x.txt", config=config)]))
    assert len(line) == 51 and len(line.encode("utf-16-le")) // 2 == 52
    assert (region(result)["startColumn"], region(result)["endColumn"]) == (1, 52)


def test_suppressed_findings_are_kept_as_suppressed_and_known_ones_left_out() -> None:
    lake = draft("lake_varna")
    first, second, *rest = lake.findings
    report = replace(lake, findings=tuple(rest), suppressed=(second,), known=(first,))
    found = results(sarif([report]))
    assert len(found) == len(lake.findings) - 1
    silenced = [result for result in found if "suppressions" in result]
    assert silenced == [found[0]]
    assert silenced[0]["suppressions"] == [{"kind": "inSource"}]
    assert region(found[0])["startColumn"] == lake.article.lines.position(second.span.start)[1]
    VALIDATOR.validate(sarif([report]))


def test_unreadable_inputs_are_notifications_of_an_unsuccessful_run() -> None:
    log = sarif([draft("clean")], [Failure("drafts/gone.wiki", "no such file"), Failure("-", "?")])
    (run,) = log["runs"]
    assert run["results"] == []
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    gone, stdin = invocation["toolExecutionNotifications"]
    assert gone["level"] == "error"
    assert gone["message"]["text"] == "drafts/gone.wiki: could not be checked: no such file"
    assert gone["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "drafts/gone.wiki", "uriBaseId": "%SRCROOT%"}
            }
        }
    ]
    assert stdin["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "stdin"}
    VALIDATOR.validate(log)


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("drafts/x.wiki", "drafts/x.wiki"),
        ("./drafts/x.wiki", "drafts/x.wiki"),
        ("drafts/lake varna.wiki", "drafts/lake%20varna.wiki"),
        ("drafts/a,b.wiki", "drafts/a%2Cb.wiki"),
        ("c:olon.wiki", "c%3Aolon.wiki"),
        ("50%#?.wiki", "50%25%23%3F.wiki"),
        ("Zürich.wiki", "Z%C3%BCrich.wiki"),
        ("../elsewhere/x.wiki", "../elsewhere/x.wiki"),
    ],
)
def test_relative_sources_are_percent_encoded_relative_uris(source: str, uri: str) -> None:
    assert artifact_location(source) == {"uri": uri, "uriBaseId": "%SRCROOT%"}
    assert URI_CHARACTERS.fullmatch(uri)
    assert set(uri) <= set(string.printable)


def test_absolute_sources_and_standard_input() -> None:
    assert artifact_location("/srv/wiki/lake varna.wiki") == {
        "uri": "file:///srv/wiki/lake%20varna.wiki"
    }
    assert artifact_location("C:\\wiki\\lake.wiki") == {"uri": "file:///C:/wiki/lake.wiki"}
    assert artifact_location("-") == {"uri": "stdin"}


def test_output_is_deterministic_and_keeps_text_as_it_is() -> None:
    reports = [draft("lake_varna"), draft("hostile")]
    first = render(reports, [], OPTIONS)
    assert first == render(reports, [], OPTIONS)
    assert first.endswith("}\n")
    assert "<script>alert(1)</script>" in first
    assert '"text": "The motto was \\"::error::fake\\" and @octocat' in first
