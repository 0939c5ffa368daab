"""The Markdown reporter: figures per article, findings by article, article text made inert.

The escaping is checked on the text and, where cmarkgfm (the bindings of GitHub's own
Markdown renderer) is installed, on the HTML GitHub would make of it. After a deliberate
change to the output, regenerate the golden file with
``CITECHECK_UPDATE_GOLDEN=1 pytest tests/report``.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck import Config, Policy, Report, SourceFormat, check
from citecheck.report.base import Failure, RenderOptions
from citecheck.report.markdown import MAX_ARTICLES, MAX_FINDINGS, escape, render

TESTS = Path(__file__).resolve().parent.parent
DRAFTS = TESTS / "data" / "ci"
GOLDEN = TESTS / "golden" / "ci" / "drafts.md"
OPTIONS = RenderOptions()
HOSTILE = (
    "The council wrote <script>alert(1)</script> and <img src=x onerror=alert(1)> in 1999. "
    "Turnout was 100% | 50% as [click](javascript:alert(1)) and ![x](http://t/x.png) said. "
    "The motto was `code` and *bold* and _em_ and ~~gone~~ and $x^2$ and &lt;b&gt; and @octocat."
)


def draft(name: str, source: str | None = None) -> Report:
    text = (DRAFTS / f"{name}.wiki").read_text(encoding="utf-8")
    return check(text, source=source or f"drafts/{name}.wiki", config=Config(links=False))


def plain(text: str, source: str) -> Report:
    return check(text, source=source, config=Config(links=False, input_format=SourceFormat.TEXT))


def table_rows(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("| ")]


def test_matches_golden() -> None:
    reports = [draft("lake_varna"), draft("clean"), draft("hostile")]
    output = render(reports, [Failure("drafts/missing.wiki", "no such file")], OPTIONS)
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_the_table_has_the_figures_of_each_article() -> None:
    output = render([draft("lake_varna"), draft("clean")], [], OPTIONS)
    assert output.startswith("## citecheck: 3 errors, 4 warnings, 1 info\n\n2 articles checked.\n")
    header, _, lake, clean = table_rows(output)
    assert header == (
        "| Article | Claims | Cited | Covered by paragraph | Uncited | Coverage (paragraph) "
        "| Errors | Warnings | Info |"
    )
    assert lake == "| drafts/lake\\_varna.wiki | 8 | 3 | 0 | 5 | 38% | 3 | 4 | 1 |"
    assert clean == "| drafts/clean.wiki | 3 | 3 | 0 | 0 | 100% | 0 | 0 | 0 |"


def test_coverage_follows_the_policy() -> None:
    article = "The lake is 42 km long. It is 30 m deep.<ref>Atlas.</ref>\n\n{{reflist}}\n"
    report = check(article, source="x.wiki", config=Config(links=False))
    paragraph = table_rows(render([report], [], RenderOptions(policy=Policy.PARAGRAPH)))[-1]
    sentence = table_rows(render([report], [], RenderOptions(policy=Policy.SENTENCE)))[-1]
    assert "| 2 | 1 | 1 | 0 | 100% |" in paragraph
    assert "| 2 | 1 | 1 | 0 | 50% |" in sentence


def test_an_article_without_claims_has_no_coverage() -> None:
    report = check("== See also ==\n* [[Lake]]\n", source="x.wiki", config=Config(links=False))
    assert "| x.wiki | 0 | 0 | 0 | 0 | – |" in table_rows(render([report], [], OPTIONS))[-1]


def test_known_and_suppressed_counts_show_only_when_there_are_some() -> None:
    lake = draft("lake_varna")
    assert "Known" not in render([lake], [], OPTIONS)
    first, second, *rest = lake.findings
    quiet = replace(lake, findings=tuple(rest), known=(first,), suppressed=(second,))
    header, _, row = table_rows(render([quiet, draft("clean")], [], OPTIONS))[:3]
    assert header.endswith("| Errors | Warnings | Info | Known | Suppressed |")
    assert row.endswith("| 2 | 3 | 1 | 1 | 1 |")
    only_known = replace(lake, known=(first,))
    header = table_rows(render([only_known], [], OPTIONS))[0]
    assert header.endswith("| Info | Known |")


def test_findings_are_grouped_by_article() -> None:
    output = render([draft("lake_varna"), draft("clean"), draft("hostile")], [], OPTIONS)
    findings = output[output.index("### Findings") :]
    assert re.findall(r"^#### (.*)$", findings, re.MULTILINE) == [
        "drafts/lake\\_varna.wiki",
        "drafts/hostile.wiki",
    ]
    assert (
        "- drafts/lake\\_varna.wiki:4:62 **error** `CC101 uncited-claim`: "
        "Statistic with no citation\n"
        "  > Its shoreline is 42 km long and 75% of it is forested.\n"
    ) in findings


def test_long_statements_are_shortened() -> None:
    statement = "The lake is 42 km long and " + "very " * 60 + "deep."
    output = render([plain(statement + "\n", "x.txt")], [], OPTIONS)
    (quoted,) = re.findall(r"^  > (.*)$", output, re.MULTILINE)
    assert len(quoted) == 160
    assert quoted.endswith("…")
    assert statement.startswith(quoted[:-1])


def test_the_list_stops_after_the_cap() -> None:
    many = plain("".join(f"The lake had {n} boats in {1900 + n}.\n\n" for n in range(60)), "x.txt")
    assert len(many.findings) == 60
    output = render([many, many], [], OPTIONS)
    assert len(re.findall(r"^- ", output, re.MULTILINE)) == MAX_FINDINGS
    assert output.endswith("…and 70 more findings; see the full report for them.\n")
    assert output.count("#### x.txt") == 1


def test_the_table_stops_after_the_cap() -> None:
    report = plain("The lake is 42 km long.\n", "x.txt")
    output = render([report] * (MAX_ARTICLES + 2), [], OPTIONS)
    assert len(table_rows(output)) == 2 + MAX_ARTICLES
    assert "\n…and 2 more articles.\n" in output


def test_unreadable_inputs_are_listed() -> None:
    output = render([], [Failure("drafts/<gone>.wiki", "no such file")], OPTIONS)
    assert output == (
        "## citecheck: no findings\n\n0 articles checked; 1 input could not be checked.\n\n"
        "### Could not be checked\n\n- drafts/\\<gone\\>.wiki: no such file\n"
    )


def test_an_empty_run() -> None:
    assert render([], [], OPTIONS) == "## citecheck: no findings\n\n0 articles checked.\n"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("a | b", "a \\| b"),
        ("# not a heading", "\\# not a heading"),
        (
            "`code` *b* _i_ ~s~ $m$ &amp; !x",
            "\\`code\\` \\*b\\* \\_i\\_ \\~s\\~ \\$m\\$ \\&amp; \\!x",
        ),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\n\n- item", "two lines - item"),
        ("bell\x07 and\x9b", "bell and"),
        ("@octocat", "@\u2060octocat"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_hostile_text_stays_text_and_in_its_cell() -> None:
    report = plain(HOSTILE + "\n", "drafts/a|b <i>.txt")
    finding = replace(report.findings[0], message="Quoted <script>x</script> | [y](javascript:z)")
    output = render([replace(report, findings=(finding, *report.findings[1:]))], [], OPTIONS)
    # The report's own markup has no "<", "[" or "_": any of them comes from the input.
    assert not re.search(r"(?<!\\)[<\[\]_]", output)
    for escaped in ("\\<script\\>", "\\<img", "\\<i\\>", "\\](javascript", "\\`code\\`"):
        assert escaped in output
    header, _, row = table_rows(output)
    unescaped_pipes = re.compile(r"(?<!\\)\|")
    assert len(unescaped_pipes.findall(row)) == len(unescaped_pipes.findall(header))


def test_github_renders_hostile_text_as_text() -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    report = plain(HOSTILE + "\n", "drafts/a|b <i>.txt")
    finding = replace(report.findings[0], message="Quoted <script>x</script> | [y](javascript:z)")
    markdown = render([replace(report, findings=(finding, *report.findings[1:]))], [], OPTIONS)
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
                    "strong", "code", "blockquote", "a"}  # fmt: skip
    assert "javascript" not in "".join(re.findall(r'href="([^"]*)"', html))
    assert html.count("<td") == 9
    assert '<td align="left">drafts/a|b &lt;i&gt;.txt</td>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[click](javascript:alert(1))" in html
    assert "`code` and *bold* and _em_ and ~~gone~~ and $x^2$ and &amp;lt;b&amp;gt;" in html
