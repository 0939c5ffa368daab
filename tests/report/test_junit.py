"""The JUnit XML reporter: well-formed whatever the article holds, one test case per finding.

After a deliberate change to the output, regenerate the golden file with
``CITECHECK_UPDATE_GOLDEN=1 pytest tests/report``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from citecheck import Config, Report, SourceFormat, check
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.junit import render, xml_text

TESTS = Path(__file__).resolve().parent.parent
DRAFTS = TESTS / "data" / "ci"
GOLDEN = TESTS / "golden" / "ci" / "drafts.junit.xml"
OPTIONS = RenderOptions()


def draft(name: str) -> Report:
    text = (DRAFTS / f"{name}.wiki").read_text(encoding="utf-8")
    return check(text, source=f"drafts/{name}.wiki", config=Config(links=False))


def test_matches_golden() -> None:
    reports = [draft("lake_varna"), draft("clean"), draft("hostile")]
    output = render(reports, [Failure("drafts/missing.wiki", "no such file")], OPTIONS)
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_one_suite_per_article_and_one_failed_case_per_finding() -> None:
    lake = draft("lake_varna")
    root = ET.fromstring(render([lake, draft("clean")], [], OPTIONS))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("9", "8", "0")
    lake_suite, clean_suite = root
    assert lake_suite.get("name") == "drafts/lake_varna.wiki"
    assert clean_suite.get("name") == "drafts/clean.wiki"
    assert (lake_suite.get("tests"), lake_suite.get("failures")) == ("8", "8")
    cases = list(lake_suite)
    assert [case.get("classname") for case in cases] == ["drafts/lake_varna.wiki"] * 8
    assert cases[1].get("name") == "CC101 uncited-claim at 4:62"
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == "Statistic with no citation"
    assert failure.text == "Its shoreline is 42 km long and 75% of it is forested."
    assert [case.find("failure").get("type") for case in cases] == [  # type: ignore[union-attr]
        str(finding.severity) for finding in lake.findings
    ]


def test_an_article_without_findings_has_one_passing_case() -> None:
    (suite,) = ET.fromstring(render([draft("clean")], [], OPTIONS))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")
    (case,) = suite
    assert case.attrib == {"classname": "drafts/clean.wiki", "name": "no findings"}
    assert len(case) == 0


def test_unreadable_inputs_are_cases_in_error() -> None:
    root = ET.fromstring(render([], [Failure("drafts/gone.wiki", "no such file")], OPTIONS))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "1")
    (suite,) = root
    assert suite.get("name") == "drafts/gone.wiki"
    error = suite.find("testcase/error")
    assert error is not None
    assert error.get("message") == "no such file"


def test_an_empty_run_is_an_empty_but_valid_report() -> None:
    output = render([], [], OPTIONS)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(output)
    assert root.attrib == {"name": "citecheck", "tests": "0", "failures": "0", "errors": "0"}


def test_markup_in_articles_is_escaped() -> None:
    statement = "The council wrote <script>alert(1)</script> & </failure> on the wall in 1999."
    config = Config(links=False, input_format=SourceFormat.TEXT)
    report = check(statement + "\n", source='drafts/<b>"&".txt', config=config)
    output = render([report], [], OPTIONS)
    assert "<script>" not in output and "<b>" not in output
    (suite,) = ET.fromstring(output)
    assert suite.get("name") == 'drafts/<b>"&".txt'
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert failure.text == statement


def test_characters_xml_cannot_carry_are_dropped() -> None:
    article = "The lake\x01 is 42 km long\ud800 and 75% of it\ufffe is forested.\n"
    config = Config(links=False, input_format=SourceFormat.TEXT)
    report = check(article, source="drafts/odd\x1b.txt", config=config)
    assert report.findings
    output = render([report], [Failure("bad\x00name", "not\x08 text")], OPTIONS)
    output.encode("utf-8")  # what the command line writes: no lone surrogate left
    root = ET.fromstring(output)
    suite, unreadable = root
    assert suite.get("name") == "drafts/odd.txt"
    failure = suite.find("testcase/failure")
    assert failure is not None
    assert failure.text == "The lake is 42 km long and 75% of it is forested."
    assert unreadable.get("name") == "badname"
    error = unreadable.find("testcase/error")
    assert error is not None
    assert error.get("message") == "not text"


def test_xml_text_keeps_what_xml_allows() -> None:
    allowed = "tab\tnewline\nreturn\r é 中 😀 \ud7ff \ue000 \ufffd \U0010ffff"
    assert xml_text(allowed) == allowed
    assert xml_text("\x00\x1f\ud800\udfff\ufffe\uffff") == ""
