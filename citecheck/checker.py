"""The core: text in, article and findings out. Only :func:`check_links` does I/O."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from citecheck.config import Config, LinkOptions
from citecheck.detect import detect_format
from citecheck.model import Article, LinkReport, Report, SourceFormat
from citecheck.parse.text import parse_text
from citecheck.parse.wikitext import parse_wikitext
from citecheck.rules import RuleContext, audit, select_rules


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
    return parse_text(text, source=source, title=title)


def review(article: Article, *, config: Config, links: LinkReport | None = None) -> Report:
    """Run the selected rules on a parsed article (link rules only when ``links`` is given)."""
    rules = select_rules(config.select, config.ignore)
    if links is None:
        rules = tuple(rule for rule in rules if not rule.needs_links)
    context = RuleContext(policy=config.policy, strict_lead=config.strict_lead, links=links)
    findings = tuple(audit(article, rules=rules, context=context))
    return Report(article=article, findings=findings, links=links)


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
