"""The core: text in, article and findings out. Only :func:`check_links` does I/O."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterable, Mapping

from citecheck.config import Config, LinkOptions
from citecheck.detect import detect_format
from citecheck.model import Article, Finding, LinkReport, Report, Severity, SourceFormat
from citecheck.parse.html import parse_html
from citecheck.parse.text import parse_text
from citecheck.parse.wikitext import parse_wikitext
from citecheck.reliability import assess, source_list
from citecheck.rules import RULES, RuleContext, audit, find_rule, select_rules
from citecheck.suppress import apply_suppressions, find_suppressions


def parse(
    text: str,
    *,
    source: str = "-",
    input_format: SourceFormat | None = None,
    title: str | None = None,
) -> Article:
    """Read an article; the format is detected from the content unless given."""
    chosen = input_format or detect_format(text)
    if chosen is SourceFormat.WIKITEXT:
        return parse_wikitext(text, source=source, title=title)
    if chosen is SourceFormat.HTML:
        return parse_html(text, source=source, title=title)
    return parse_text(text, source=source, title=title)


def review(article: Article, *, config: Config, links: LinkReport | None = None) -> Report:
    """Run the selected rules on a parsed article (link rules only when ``links`` is given).

    Suppression comments in the article silence what they name; the rules about the
    comments themselves run last, once it is known what each comment silenced.
    """
    rules = select_rules(config.select, config.ignore)
    if links is None:
        rules = tuple(rule for rule in rules if not rule.needs_links)
    reliability = assess(article, source_list(config.reliability))
    context = RuleContext(
        policy=config.policy,
        strict_lead=config.strict_lead,
        links=links,
        min_coverage=config.min_coverage,
        reliability=reliability,
    )
    regular = [rule for rule in rules if not rule.reads_suppressions]
    found = _with_severities(audit(article, rules=regular, context=context), config.severity)
    suppressions = find_suppressions(article, RULES)
    outcome = apply_suppressions(
        found,
        suppressions=suppressions,
        ran=regular,
        every=[rule for rule in RULES if not rule.reads_suppressions],
    )
    findings, suppressed = list(outcome.kept), list(outcome.suppressed)
    about_comments = [rule for rule in rules if rule.reads_suppressions]
    if suppressions and about_comments:
        context = dataclasses.replace(context, suppressions=outcome)
        for finding in _with_severities(
            audit(article, rules=about_comments, context=context), config.severity
        ):
            (suppressed if outcome.silenced_by_file(finding) else findings).append(finding)
        findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return Report(
        article=article,
        findings=tuple(findings),
        links=links,
        suppressed=tuple(suppressed),
        ratings=reliability.by_reference,
        page_rating=reliability.page,
    )


def _with_severities(findings: list[Finding], severities: Mapping[str, Severity]) -> list[Finding]:
    """Findings at the severity the configuration sets for their rule, if it sets one."""
    if not severities:
        return findings
    by_code = {find_rule(key).code: severity for key, severity in severities.items()}
    return [
        dataclasses.replace(finding, severity=by_code[finding.code])
        if finding.code in by_code
        else finding
        for finding in findings
    ]


def check(
    text: str,
    *,
    source: str = "-",
    config: Config | None = None,
    title: str | None = None,
    links: LinkReport | None = None,
) -> Report:
    """Parse an article and run the selected rules on it, offline unless ``links`` is given."""
    config = config or Config()
    article = parse(text, source=source, input_format=config.input_format, title=title)
    return review(article, config=config, links=links)


class LinkCheckError(Exception):
    """Links could not be checked at all (the cache cannot be opened, say)."""


def wants_links(config: Config) -> bool:
    """Whether the run checks URLs: links are on and a selected rule judges them."""
    return config.links and any(
        rule.needs_links for rule in select_rules(config.select, config.ignore)
    )


def check_links(
    articles: Iterable[Article],
    *,
    options: LinkOptions,
    progress: Callable[[int, int], None] | None = None,
) -> LinkReport:
    """Check every URL and archive the articles cite, each distinct one once."""
    references = [
        reference
        for article in articles
        for reference in article.references
        if reference.url or reference.archive_url
    ]
    if not references:
        return LinkReport(results={}, suggestions={})
    # Imported here so that an offline run never pays for importing requests.
    from citecheck.links.runner import LinkChecker

    try:
        checker = LinkChecker(options, progress=progress)
    except (sqlite3.Error, OSError) as error:
        where = f"the cache {options.cache}" if options.cache else "the cache"
        raise LinkCheckError(
            f"{where} cannot be used ({error}); try --no-cache or another --cache"
        ) from error
    with checker:
        return checker.check_references(references)
