"""SARIF 2.1.0: the report code-scanning services read (GitHub code scanning, Azure DevOps...).

One run describes every rule (so a viewer can show a rule's documentation next to its
results) and holds one result per finding. Findings silenced by an in-source comment stay
in the log as suppressed results, which viewers hide but keep counting; findings a baseline
already knew are left out, since reporting them again is what the baseline exists to avoid.
Inputs that could not be read become tool execution notifications, and mark the invocation
as unsuccessful.

Columns are Python string positions, that is Unicode code points, which the run declares
with ``columnKind``; a region's end column is exclusive, as SARIF defines it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.fingerprint import FINGERPRINT_VERSION, fingerprint
from citecheck.model import Article, Finding, Report, Severity
from citecheck.report.base import Failure, RenderOptions
from citecheck.rules import RULES, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/citecheck/citecheck"
RULES_DOCUMENT = "https://github.com/citecheck/citecheck/blob/main/docs/rules.md"
SOURCE_ROOT = "%SRCROOT%"
"""The base a relative artifact URI is resolved against: where the run started."""
FINGERPRINT_KEY = f"citecheck/v{FINGERPRINT_VERSION}"
"""Named after the fingerprint recipe, so a new recipe never matches old fingerprints."""

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RULE_INDEX = {rule.code: index for index, rule in enumerate(RULES)}


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    invocation: dict[str, Any] = {"executionSuccessful": not failures}
    if failures:
        invocation["toolExecutionNotifications"] = [_notification(f) for f in failures]
    run = {
        "tool": {"driver": _driver()},
        "columnKind": "unicodeCodePoints",
        "invocations": [invocation],
        "results": [result for report in reports for result in _results(report)],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _driver() -> dict[str, Any]:
    return {
        "name": "citecheck",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in RULES],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    """A rule's descriptor: the documentation's opening sentence describes it, the whole
    documentation is its help, and the heading's anchor on docs/rules.md its help page."""
    documentation = rule.documentation
    opening = " ".join(documentation.split("\n\n", 1)[0].split())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": opening},
        "help": {"text": documentation, "markdown": documentation},
        "helpUri": f"{RULES_DOCUMENT}#{github_anchor(f'{rule.code} `{rule.name}`')}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def github_anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading: lower case, punctuation dropped, dashes.

    The headings of docs/rules.md are ``CC101 `uncited-claim```; code spans lose their
    backticks when rendered, so ``cc101-uncited-claim``.
    """
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _results(report: Report) -> list[dict[str, Any]]:
    """Reported and suppressed findings together, in the order they occur in the article."""
    tagged = [(f, False) for f in report.findings] + [(f, True) for f in report.suppressed]
    tagged.sort(key=lambda pair: (pair[0].span.start, pair[0].span.end, pair[0].code))
    return [_result(report.article, finding, suppressed) for finding, suppressed in tagged]


def _result(article: Article, finding: Finding, suppressed: bool) -> dict[str, Any]:
    start_line, start_column = article.lines.position(finding.span.start)
    end_line, end_column = article.lines.position(finding.span.end)
    region = {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": {"text": article.text[finding.span.start : finding.span.end]},
    }
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in _RULE_INDEX:
        result["ruleIndex"] = _RULE_INDEX[finding.code]
    result |= {
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(article.source),
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(article, finding)},
    }
    if suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def _notification(failure: Failure) -> dict[str, Any]:
    location = {"physicalLocation": {"artifactLocation": artifact_location(failure.source)}}
    return {
        "level": "error",
        "message": {"text": f"{failure.source}: could not be checked: {failure.message}"},
        "locations": [location],
    }


def artifact_location(source: str) -> dict[str, str]:
    """Where an input lives, as SARIF wants it: a URI, relative to the source root if it can be.

    Standard input has no path; ``stdin`` names it without claiming a file of the project.
    """
    if source == "-":
        return {"uri": "stdin"}
    windows = PureWindowsPath(source)
    if windows.drive and windows.root:
        return {"uri": windows.as_uri()}
    path = PurePath(source).as_posix()
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    while path.startswith("./"):
        path = path[2:]
    # Everything but unreserved characters and "/" is percent-encoded: a ":" in the first
    # segment would otherwise read as a URI scheme, a "#" or "?" would end the path.
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}
