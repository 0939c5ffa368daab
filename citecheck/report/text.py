"""The report for people: one line per finding, the statement it concerns, a summary."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.config import Policy
from citecheck.model import LinkStatus, Report, Severity
from citecheck.report.base import Failure, RenderOptions, excerpt, plural, shorten
from citecheck.report.summary import Summary, summarize

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"


def render(reports: Sequence[Report], failures: Sequence[Failure], options: RenderOptions) -> str:
    out: list[str] = []
    for report in reports:
        _findings(report, options, out)
        if report.page_rating is not None:
            out.append(_page_rating_line(report))
        out.append(_summary_line(report, summarize(report), options.policy))
        out.append("")
    for failure in failures:
        out.append(f"{failure.source}: could not be checked: {failure.message}")
    if len(reports) + len(failures) > 1:
        out.append(_total_line(reports, failures))
    return "\n".join(out).rstrip("\n") + "\n"


def _findings(report: Report, options: RenderOptions, out: list[str]) -> None:
    article = report.article
    for finding in report.findings:
        line, column = article.lines.position(finding.span.start)
        severity = str(finding.severity)
        if options.color:
            severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        out.append(
            f"{article.source}:{line}:{column}: {severity} {finding.rule}: {finding.message}"
        )
        out.append("    " + shorten(excerpt(article, finding)))


def _page_rating_line(report: Report) -> str:
    """The rating of the page's own site: ``opindia.com: blacklisted (OpIndia)``."""
    rating = report.page_rating
    assert rating is not None
    source = f" ({rating.source})" if rating.source else ""
    return f"{report.article.source}: the page's site {rating.matched}: {rating.rating}{source}"


def _summary_line(report: Report, summary: Summary, policy: Policy) -> str:
    parts = [plural(summary.statements, "statement")]
    if summary.needs_citation:
        share = summary.covered_share(policy) or 0.0
        parts.append(
            f"{plural(summary.needs_citation, 'claim')}: {summary.cited} cited, "
            f"{summary.paragraph} covered by their paragraph, {summary.uncited} uncited "
            f"({share:.0%} covered under the {policy} policy)"
        )
    parts.append(plural(summary.references, "reference"))
    if summary.links:  # an article that cites no URL has nothing to say about links
        parts.append(_link_counts(summary))
    parts.append(_severity_counts(summary.findings))
    if report.known:
        parts.append(f"{plural(len(report.known), 'known finding')} not shown")
    if report.suppressed:
        parts.append(f"{len(report.suppressed)} suppressed by comments")
    return f"{report.article.source}: " + "; ".join(parts)


def _link_counts(summary: Summary) -> str:
    counts = summary.links or {}
    total = sum(counts.values())
    by_status = ", ".join(
        f"{counts[status]} {status}" for status in LinkStatus if counts.get(status)
    )
    cached = f", {summary.links_from_cache} from cache" if summary.links_from_cache else ""
    return f"{plural(total, 'link')} ({by_status}{cached})"


def _severity_counts(counts: dict[Severity, int]) -> str:
    if not any(counts.values()):
        return "no findings"
    return ", ".join(
        plural(counts[severity], str(severity)) if severity is not Severity.INFO
        else f"{counts[severity]} info"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )  # fmt: skip


def _total_line(reports: Sequence[Report], failures: Sequence[Failure]) -> str:
    totals = dict.fromkeys(Severity, 0)
    for report in reports:
        for finding in report.findings:
            totals[finding.severity] += 1
    line = f"{plural(len(reports), 'article')} checked: {_severity_counts(totals)}"
    if failures:
        line += f"; {plural(len(failures), 'input')} could not be checked"
    return line
