"""JUnit XML, the test report every CI server can show: Jenkins, GitLab, Azure, CircleCI...

Each article is a test suite named by its path. Each finding, whatever its severity, is a
failed test case named ``CC101 uncited-claim at 4:62``, its failure typed by the severity,
with the message as the failure's message and the statement as its text; whether the run
fails is still decided by ``--fail-on`` and the exit code, not by this report. An article
without findings has one passing test case, so every article checked shows up. Findings
silenced in the source or known from a baseline are left out: they are not failures.
An input that could not be read is a suite of its own with one test case in error.

The tree is built with ElementTree, so markup in article text is always escaped; characters
XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE and U+FFFF) are
dropped, since no escape exists for them and a parser would reject the whole file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from citecheck.model import Article, Finding, Report
from citecheck.report.base import Failure, RenderOptions, excerpt

PASSED = "no findings"
"""The name of the one test case of an article without findings."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="citecheck")
    for report in reports:
        root.append(_suite(report))
    for failure in failures:
        root.append(_unreadable(failure))
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(suite.get(total, "0")) for suite in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def xml_text(text: str) -> str:
    """The text with every character XML 1.0 forbids removed."""
    return _NOT_XML.sub("", text)


def _suite(report: Report) -> ET.Element:
    article = report.article
    source = xml_text(article.source)
    suite = ET.Element("testsuite", name=source)
    for finding in report.findings:
        suite.append(_case(article, finding))
    if not report.findings:
        ET.SubElement(suite, "testcase", classname=source, name=PASSED)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(len(report.findings)))
    suite.set("errors", "0")
    return suite


def _case(article: Article, finding: Finding) -> ET.Element:
    line, column = article.lines.position(finding.span.start)
    name = f"{finding.code} {finding.rule} at {line}:{column}"
    case = ET.Element("testcase", classname=xml_text(article.source), name=name)
    failure = ET.SubElement(
        case, "failure", type=str(finding.severity), message=xml_text(finding.message)
    )
    failure.text = xml_text(excerpt(article, finding))
    return case


def _unreadable(failure: Failure) -> ET.Element:
    source = xml_text(failure.source)
    suite = ET.Element("testsuite", name=source, tests="1", failures="0", errors="1")
    case = ET.SubElement(suite, "testcase", classname=source, name="could not be checked")
    ET.SubElement(case, "error", type="unreadable", message=xml_text(failure.message))
    return suite
