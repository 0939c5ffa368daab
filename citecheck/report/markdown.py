"""A Markdown summary for a pull-request comment or a GitHub Actions job summary.

A heading with the run's totals, a table of figures per article, then the findings grouped
by article, each with its place, severity, rule, message and the statement it concerns.
A comment has to stay readable and within GitHub's size limit, so the table shows at most
:data:`MAX_ARTICLES` articles and the list at most :data:`MAX_FINDINGS` findings per run,
then says how many more there are.

Article text is untrusted, and GitHub renders Markdown and some HTML in comments: every
piece of text that comes from an input (paths, statements, messages that quote them) goes
through :func:`escape`, which keeps it on one line and backslash-escapes every character
that could start markup, so ``<img src=x onerror=...>`` or ``[click](javascript:...)``
shows as the text it is and cannot break the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck.config import Policy
from citecheck.model import Article, Finding, Report, Severity
from citecheck.report.base import Failure, RenderOptions, excerpt, plural, shorten
from citecheck.report.summary import Summary, summarize

MAX_FINDINGS = 50
MAX_ARTICLES = 100
_MARKUP = re.compile(r"([\\`*_\[\]<>&|~$#!])")
"""Characters that open emphasis, code, links, HTML, entities, table cells, strikethrough,
math or headings; CommonMark reads a backslash before any of them as the plain character."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_MENTION = "@\u2060"
"""An at sign with a word joiner after it: shown as ``@``, but it mentions (and notifies)
no one, whatever name an article puts after it."""


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    summaries = [summarize(report) for report in reports]
    out = [f"## citecheck: {_totals(summaries)}", "", _checked_line(reports, failures), ""]
    if reports:
        out += _table(reports, summaries, options.policy)
    if failures:
        out += ["### Could not be checked", ""]
        out += [f"- {escape(f.source)}: {escape(f.message)}" for f in failures]
        out.append("")
    if any(report.findings for report in reports):
        out += _findings(reports)
    return "\n".join(out).rstrip("\n") + "\n"


def escape(text: str) -> str:
    """Untrusted text as inline Markdown that shows as that text: one line, no markup.

    Runs of whitespace become one space and control characters go, so nothing can start a
    block (a heading, a list, a table row); every markup character is backslash-escaped.
    """
    text = _CONTROL.sub("", " ".join(text.split()))
    return _MARKUP.sub(r"\\\1", text).replace("@", _MENTION)


def _severities(counts: dict[Severity, int]) -> str:
    return ", ".join(
        plural(counts[severity], str(severity)) if severity is not Severity.INFO
        else f"{counts[severity]} info"
        for severity in Severity
    )  # fmt: skip


def _totals(summaries: Sequence[Summary]) -> str:
    totals = {s: sum(summary.findings[s] for summary in summaries) for s in Severity}
    return _severities(totals) if any(totals.values()) else "no findings"


def _checked_line(reports: Sequence[Report], failures: Sequence[Failure]) -> str:
    line = f"{plural(len(reports), 'article')} checked"
    if failures:
        line += f"; {plural(len(failures), 'input')} could not be checked"
    return line + "."


def _table(reports: Sequence[Report], summaries: Sequence[Summary], policy: Policy) -> list[str]:
    known = any(report.known for report in reports)
    suppressed = any(report.suppressed for report in reports)
    header = ["Article", "Claims", "Cited", "Covered by paragraph", "Uncited"]
    header += [f"Coverage ({policy})", "Errors", "Warnings", "Info"]
    header += ["Known"] * known + ["Suppressed"] * suppressed
    rows = [_row(header), _row([":--", *["--:"] * (len(header) - 1)])]
    for report, summary in list(zip(reports, summaries, strict=True))[:MAX_ARTICLES]:
        share = summary.covered_share(policy)
        cells = [escape(report.article.source), str(summary.needs_citation), str(summary.cited)]
        cells += [str(summary.paragraph), str(summary.uncited)]
        cells.append("–" if share is None else f"{share:.0%}")
        cells += [str(summary.findings[severity]) for severity in Severity]
        cells += [str(len(report.known))] * known + [str(len(report.suppressed))] * suppressed
        rows.append(_row(cells))
    if len(reports) > MAX_ARTICLES:
        rows += ["", f"…and {plural(len(reports) - MAX_ARTICLES, 'more article')}."]
    return [*rows, ""]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _findings(reports: Sequence[Report]) -> list[str]:
    out = ["### Findings", ""]
    shown = 0
    for report in reports:
        listed = report.findings[: MAX_FINDINGS - shown]
        if not listed:
            continue
        out += [f"#### {escape(report.article.source)}", ""]
        out += [_item(report.article, finding) for finding in listed]
        out.append("")
        shown += len(listed)
    hidden = sum(len(report.findings) for report in reports) - shown
    if hidden:
        out.append(f"…and {plural(hidden, 'more finding')}; see the full report for them.")
    return out


def _item(article: Article, finding: Finding) -> str:
    line, column = article.lines.position(finding.span.start)
    place = escape(f"{article.source}:{line}:{column}")
    head = f"- {place} **{finding.severity}** `{finding.code} {finding.rule}`"
    quoted = escape(shorten(excerpt(article, finding)))
    return f"{head}: {escape(finding.message)}\n  > {quoted}"
