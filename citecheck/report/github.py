"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

One line per finding, ``::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=CC101
uncited-claim::MESSAGE`` (info findings are notices), escaped exactly as GitHub's own toolkit
escapes them, so neither article text nor a file name can end a command early, add a
property or start a second command: newlines are encoded, and every line this reporter
prints is its own. The message is the finding's, then on a second line the statement it
concerns, shortened: wikitext paragraphs are single long lines, and the annotation alone
would not say which sentence it means.

GitHub takes columns only within one line, so a range over several lines gives lines only;
end columns name the last character (inclusive), and the runner rejects a range that ends
before it starts, so an empty span ends where it starts. Inputs that could not be read
are error annotations on the file (or on no file, for standard input).

The last line is a plain summary, ``citecheck: 2 articles checked: ...``: it never begins
with ``::``, so the runner prints it as it is, and it holds counts only, no text from any
input.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import Article, Finding, Report, Severity
from citecheck.report.base import Failure, RenderOptions, excerpt, plural, shorten

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    lines = [_annotation(report.article, f) for report in reports for f in report.findings]
    lines += [_failure(failure) for failure in failures]
    lines.append(_summary(reports, failures))
    return "\n".join(lines) + "\n"


def escape_data(text: str) -> str:
    """A command's message, as ``escapeData`` in @actions/core encodes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value, as ``escapeProperty`` in @actions/core encodes it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Sequence[tuple[str, str | int]], message: str) -> str:
    """One workflow command line, properties in the order given."""
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    head = f"{name} {listed}" if listed else name
    return f"::{head}::{escape_data(message)}"


def _annotation(article: Article, finding: Finding) -> str:
    line, column = article.lines.position(finding.span.start)
    # The last character of the span; an empty span is its own start.
    end_line, end_column = article.lines.position(max(finding.span.start, finding.span.end - 1))
    message = f"{finding.message}\n{shorten(excerpt(article, finding))}"
    properties: list[tuple[str, str | int]] = []
    if article.source == "-":
        message = f"standard input, line {line}: {message}"
    else:
        properties += [("file", article.source), ("line", line)]
        if end_line == line:
            properties += [("col", column), ("endLine", line), ("endColumn", end_column)]
        else:
            properties.append(("endLine", end_line))
    properties.append(("title", f"{finding.code} {finding.rule}"))
    return command(COMMANDS[finding.severity], properties, message)


def _failure(failure: Failure) -> str:
    if failure.source == "-":
        return command("error", [], f"standard input could not be checked: {failure.message}")
    return command("error", [("file", failure.source)], f"could not be checked: {failure.message}")


def _summary(reports: Sequence[Report], failures: Sequence[Failure]) -> str:
    totals = dict.fromkeys(Severity, 0)
    for report in reports:
        for finding in report.findings:
            totals[finding.severity] += 1
    counts = ", ".join(
        plural(totals[severity], str(severity)) if severity is not Severity.INFO
        else f"{totals[severity]} info"
        for severity in Severity
    )  # fmt: skip
    line = f"citecheck: {plural(len(reports), 'article')} checked: {counts}"
    if failures:
        line += f"; {plural(len(failures), 'input')} could not be checked"
    return line
