"""Rules about a citation's archived copy that need no network: the archive URL says it all.

A Wayback-style URL carries the capture's timestamp and the URL it captured, so whether it
is a capture of the cited page, taken on the cited date, can be checked offline (and so
these run with ``--no-links`` too).
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.links.archives import dates_agree, parse_archive_url, same_resource
from citecheck.links.urls import cited_url, reference_urls, with_archive_parameter
from citecheck.model import Article, Finding, Severity
from citecheck.rules.base import Rule, RuleContext


def _archive_url_mismatch(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ``archive-url`` that captured another page than the cited ``url``.

    **What it flags.** A Wayback-style (or archive.today, Wikiwix …) archive URL whose
    embedded original is not the cited URL, ignoring http/https, ``www.``, a trailing slash,
    default ports, the fragment and the order of query parameters.

    **Why.** Usually a copy-paste slip: the archive then supports some other page, and a
    reader who follows it cannot verify the claim.

    **Example.**

        {{cite web |url=https://example.com/report-2019 |archive-url=https://web.archive.org/
        web/20190501000000/https://example.com/report-2018 |archive-date=1 May 2019}}

    **Fix.** Use the capture of the cited page, or correct ``url``.
    """
    for reference in article.references:
        url, archive_url = reference_urls(reference)
        if not url or not archive_url:
            continue
        capture = parse_archive_url(archive_url)
        cited = parse_archive_url(url)
        if cited and cited.original:
            url = cited.original  # a capture cited as the url: what matters is what it captured
        if capture and capture.original and not same_resource(url, capture.original):
            yield rule.finding(
                f"The archive-url captures {capture.original}, not the cited {url}",
                reference.span,
                reference=reference.id,
            )


def _archive_date_mismatch(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ``archive-date`` that disagrees with the capture's own timestamp.

    **What it flags.** A Wayback-style archive URL whose timestamp (``/web/20170601…/``)
    names another day than ``archive-date`` (a day either way is allowed: time zones), or
    another month or year when either side gives only that.

    **Why.** The archive date tells readers which version of the page was read; a wrong one
    misleads them and often means the archive URL was swapped without the date.

    **Example.**

        |archive-url=https://web.archive.org/web/20170601000000/https://example.com/
        |archive-date=3 March 2015

    **Fix.** Set ``archive-date`` to the capture's date (from the URL's timestamp).
    """
    for reference in article.references:
        archive_url = cited_url(reference.archive_url)
        if not archive_url or not reference.archive_date:
            continue
        capture = parse_archive_url(archive_url)
        if (
            capture
            and capture.timestamp
            and dates_agree(capture.timestamp, reference.archive_date) is False
        ):
            yield rule.finding(
                f"archive-date {reference.archive_date.strip()!r} disagrees with the "
                f"capture's timestamp {capture.timestamp}",
                reference.span,
                reference=reference.id,
            )


def _archive_missing_date(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ``archive-url`` with no ``archive-date``.

    **What it flags.** A citation template with ``archive-url`` but no (or an empty)
    ``archive-date``.

    **Why.** The citation template shows an error without it, and readers cannot tell which
    version of the page supported the claim.

    **Example.**

        {{cite web |url=https://example.com/ |archive-url=https://web.archive.org/web/
        20170601000000/https://example.com/}}

    **Fix.** Add ``|archive-date=`` (the capture's date is in the archive URL's timestamp).
    """
    templated = with_archive_parameter(article)
    for reference in article.references:
        if not cited_url(reference.archive_url) or reference.id not in templated:
            continue
        if not (reference.archive_date or "").strip():
            capture = parse_archive_url(cited_url(reference.archive_url) or "")
            hint = ""
            if capture and capture.timestamp and len(capture.timestamp) >= 8:
                stamp = capture.timestamp
                hint = f" (the capture is of {stamp[:4]}-{stamp[4:6]}-{stamp[6:8]})"
            yield rule.finding(
                f"archive-url without archive-date{hint}",
                reference.span,
                reference=reference.id,
            )


def _archive_without_url(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A citation that links only to an archived copy, not to the original.

    **What it flags.** ``url`` itself an archive capture
    (``url=https://web.archive.org/web/…/https://example.com/``) with no ``archive-url``, and a
    bare link to a capture (``[https://archive.ph/…/https://example.com/ …]``); and an archived
    copy given outside a citation template's ``archive-url`` (a ``{{webarchive}}`` after a
    hand-written reference, or after a citation with no URL) with no original URL. A citation
    template's own ``archive-url`` with no ``url`` is ``archive-url-without-url`` (CC603), not
    reported twice.

    **Why.** The original URL is what the citation cites: without it, tools (and readers)
    cannot tell whether the original still exists or has moved, and the capture stands for a
    page nobody can check against.

    **Example.**

        {{cite web |url=https://web.archive.org/web/20170601000000/https://example.com/a
        |title=A}}

    **Fix.** Put the original in ``url`` (the message gives it when the archive URL carries
    it) and the capture in ``archive-url``, with ``archive-date``.
    """
    in_templates = _references_with_template_archives(article)
    for reference in article.references:
        url, archive_url = reference_urls(reference)
        if archive_url and not url:
            if reference.id in in_templates:
                continue  # the template's own archive-url: archive-url-without-url says it
            yield rule.finding(
                "only an archived copy is cited: give the original URL too",
                reference.span,
                reference=reference.id,
            )
        elif url and not archive_url:
            capture = parse_archive_url(url)
            if capture and capture.is_capture:
                original = f" ({capture.original})" if capture.original else ""
                yield rule.finding(
                    f"The cited URL is an archived copy; put the original{original} in url "
                    "and the capture in archive-url",
                    reference.span,
                    reference=reference.id,
                )


_TEMPLATE_ARCHIVES = ("archive-url", "archiveurl", "archiv-url")


def _references_with_template_archives(article: Article) -> set[str]:
    """The references holding a citation template that gives its own archive URL."""
    return {
        template.reference
        for template in article.citation_templates
        if template.reference is not None and template.get(*_TEMPLATE_ARCHIVES)
    }


RULES: tuple[Rule, ...] = (
    Rule(
        code="CC408",
        name="archive-url-mismatch",
        severity=Severity.WARNING,
        summary="An archive-url captured another page than the cited url.",
        check=_archive_url_mismatch,
    ),
    Rule(
        code="CC409",
        name="archive-date-mismatch",
        severity=Severity.WARNING,
        summary="An archive-date disagrees with the capture's timestamp.",
        check=_archive_date_mismatch,
    ),
    Rule(
        code="CC410",
        name="archive-missing-date",
        severity=Severity.WARNING,
        summary="An archive-url has no archive-date.",
        check=_archive_missing_date,
    ),
    Rule(
        code="CC411",
        name="archive-without-url",
        severity=Severity.WARNING,
        summary="A citation links only to an archived copy, not to the original.",
        check=_archive_without_url,
    ),
)
