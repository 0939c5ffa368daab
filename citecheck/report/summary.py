"""The figures every report shows about an article."""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.config import Policy
from citecheck.links.urls import reference_urls
from citecheck.model import Coverage, LinkResult, LinkStatus, Report, Severity
from citecheck.rules.coverage import covered_share


@dataclass(frozen=True, slots=True)
class Summary:
    statements: int
    needs_citation: int
    """Statements that make a claim and are not exempt (plot, non-prose...)."""
    cited: int
    """Of those, statements with a citation of their own."""
    paragraph: int
    """Of those, statements covered only by a later citation in their paragraph."""
    uncited: int
    """Of those, statements with no citation at all."""
    references: int
    findings: dict[Severity, int]
    links: dict[LinkStatus, int] | None = None
    """Distinct URLs and archive URLs of the article by status; None when not checked."""
    links_from_cache: int = 0

    def covered_share(self, policy: Policy) -> float | None:
        """The share of claims the policy counts as cited; None when there are no claims."""
        return covered_share(
            cited=self.cited, paragraph=self.paragraph, claims=self.needs_citation, policy=policy
        )


def summarize(report: Report) -> Summary:
    counts = dict.fromkeys(Coverage, 0)
    needs = 0
    for statement in report.article.statements:
        if statement.needs_citation:
            needs += 1
            counts[statement.coverage] += 1
    findings = dict.fromkeys(Severity, 0)
    for finding in report.findings:
        findings[finding.severity] += 1
    links = None
    from_cache = 0
    if report.links is not None:
        links = {}
        for result in article_links(report).values():
            links[result.status] = links.get(result.status, 0) + 1
            from_cache += result.from_cache
    return Summary(
        links=links,
        links_from_cache=from_cache,
        statements=len(report.article.statements),
        needs_citation=needs,
        cited=counts[Coverage.CITED],
        paragraph=counts[Coverage.PARAGRAPH],
        uncited=counts[Coverage.NONE],
        references=len(report.article.references),
        findings=findings,
    )


def article_links(report: Report) -> dict[str, LinkResult]:
    """The link results of the URLs this article cites, each URL once."""
    if report.links is None:
        return {}
    found: dict[str, LinkResult] = {}
    for reference in report.article.references:
        for url in reference_urls(reference):
            if url and url not in found and url in report.links.results:
                found[url] = report.links.results[url]
    return found
