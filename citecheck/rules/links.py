"""Rules about what the cited URLs and their archived copies answered.

They run only when links were checked (not with ``--no-links``), and never call a link
dead that merely could not be verified: a 403, a timeout or a bot challenge is reported
as unverifiable, at info.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from citecheck.links.urls import reference_urls, with_archive_parameter
from citecheck.model import (
    Article,
    Finding,
    LinkReport,
    LinkResult,
    LinkStatus,
    Reference,
    Severity,
)
from citecheck.rules.base import Check, Rule, RuleContext


@dataclass(frozen=True, slots=True)
class _Cited:
    reference: Reference
    url: str | None
    archive_url: str | None
    link: LinkResult | None
    archive: LinkResult | None
    suggestion: str | None


def _cited(article: Article, links: LinkReport | None) -> Iterator[_Cited]:
    if links is None:
        return
    for reference in article.references:
        url, archive_url = reference_urls(reference)
        if url is None and archive_url is None:
            continue
        yield _Cited(
            reference,
            url,
            archive_url,
            links.results.get(url) if url else None,
            links.results.get(archive_url) if archive_url else None,
            links.suggestions.get(url) if url else None,
        )


def _why(result: LinkResult) -> str:
    return f" ({result.detail})" if result.detail else ""


def _archive_hint(cited: _Cited) -> str:
    if cited.suggestion:
        return f"; an archived copy exists: {cited.suggestion}"
    return "; no archived copy was found"


def _unarchived(
    rule: Rule, article: Article, context: RuleContext, status: LinkStatus, label: str
) -> Iterator[Finding]:
    """Citations whose URL has this status and which give no archived copy."""
    for cited in _cited(article, context.links):
        link = cited.link
        if link and link.status is status and not cited.archive_url:
            yield rule.finding(
                f"{label} {cited.url}{_why(link)}{_archive_hint(cited)}",
                cited.reference.span,
                reference=cited.reference.id,
            )


def _dead_link(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A cited URL that is gone (404, 410, unknown host, redirect loop) and has no archive.

    **What it flags.** A citation whose ``url`` answers 404 or 410, whose host no longer
    exists, or whose redirects go round in a loop, when the citation gives no
    ``archive-url``. When an archived copy exists, the message names it.

    **Why.** The reader can no longer check the claim against the source.

    **Example.**

        <ref>{{cite web |url=https://example.com/gone |title=Report}}</ref>   (answers 404)

    **Fix.** Add ``|archive-url=`` and ``|archive-date=`` of a capture (the message gives
    one when the Wayback Machine has it) with ``|url-status=dead``, or replace the source.
    """
    yield from _unarchived(rule, article, context, LinkStatus.DEAD, "Dead link")


def _soft_404(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A cited URL that answers, but with a "not found" page or the site's home page.

    **What it flags.** A URL that answers 200 with a page titled "Page not found" (or
    saying so in its heading or opening text), or that redirects to the site's home
    page or to an error page, when the citation gives no ``archive-url``.

    **Why.** Link checkers that look only at the status code call these alive; the reader
    still finds no source.

    **Example.**

        <ref>{{cite news |url=https://example.com/2009/story |title=Story}}</ref>
        (redirects to https://example.com/)

    **Fix.** As for a dead link: an archived copy with ``|url-status=dead``, or a new source.
    """
    yield from _unarchived(rule, article, context, LinkStatus.SOFT_404, "Soft 404:")


def _dead_link_marked_live(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A dead URL with an archived copy whose citation still says ``url-status=live``.

    **What it flags.** ``|url-status=live`` (or ``|dead-url=no``) on a citation whose
    ``url`` is dead or a soft 404 and which has an ``archive-url``.

    **Why.** With ``live`` the wiki links the title to the dead original and the archive
    only after it; readers follow the dead link.

    **Example.**

        {{cite web |url=https://example.com/gone |archive-url=https://web.archive.org/web/
        2019/https://example.com/gone |archive-date=1 May 2019 |url-status=live}}

    **Fix.** Set ``|url-status=dead``.
    """
    for cited in _cited(article, context.links):
        link = cited.link
        if (
            link
            and link.status.is_dead
            and cited.archive_url
            and cited.reference.url_status == "live"
        ):
            yield rule.finding(
                f"{cited.url} is {link.status}{_why(link)} but the citation says "
                "url-status=live; set url-status=dead so readers get the archived copy",
                cited.reference.span,
                reference=cited.reference.id,
            )


def _live_link_marked_dead(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A URL marked ``url-status=dead`` that answers normally again.

    **What it flags.** ``|url-status=dead`` (or ``|dead-url=yes``) on a citation whose
    ``url`` is alive; also an ``archive-url`` with no ``url-status`` at all, which the
    citation template treats as dead.

    **Why.** Sites come back; readers are sent to the archive when the original, perhaps
    updated, is there.

    **Example.**

        {{cite web |url=https://example.com/page |archive-url=… |url-status=dead}}
        (the page answers 200)

    **Fix.** Check that the page still supports the claim, then set ``|url-status=live``.
    """
    templated = with_archive_parameter(article)
    for cited in _cited(article, context.links):
        link = cited.link
        if not link or not link.status.is_alive:
            continue
        if cited.reference.url_status == "dead":
            yield rule.finding(
                f"{cited.url} is marked url-status=dead but answers{_why(link)}",
                cited.reference.span,
                reference=cited.reference.id,
            )
        elif (
            cited.reference.url_status is None
            and cited.archive_url
            and cited.reference.id in templated
        ):
            yield rule.finding(
                f"{cited.url} answers{_why(link)}, but with an archive-url and no url-status "
                "the citation template treats it as dead; add url-status=live",
                cited.reference.span,
                reference=cited.reference.id,
            )


def _redirected_link(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A cited URL that has moved permanently (301 or 308) to a page that is alive.

    **What it flags.** A URL whose redirects include a permanent one and end on a live page
    that is not the site's home page or an error page.

    **Why.** Old addresses stop redirecting when sites are rebuilt; the new one lasts longer.

    **Example.**

        <ref>{{cite web |url=http://example.com/old |title=Page}}</ref>
        (301 to https://example.com/new)

    **Fix.** Use the new URL given in the message, after checking it is the same page.
    """
    for cited in _cited(article, context.links):
        link = cited.link
        if link and link.status is LinkStatus.REDIRECTED:
            yield rule.finding(
                f"{cited.url} has moved permanently to {link.final_url}",
                cited.reference.span,
                reference=cited.reference.id,
            )


def _link_unverifiable(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A cited URL or archive that could not be verified either way.

    **What it flags.** A URL that answered 401, 403 or 429, showed a bot challenge, timed
    out, failed with a 5xx after retries, or was refused because its host resolves to a
    private or loopback address (that one at warning: an article should not point there).

    **Why.** These are not dead links, and no tool should call them dead; but nobody
    checked the source either. Often it is a server that refuses automated requests.

    **Example.**

        <ref>{{cite web |url=https://example.com/members/report |title=Report}}</ref>
        (answers 403)

    **Fix.** Open the URL in a browser. If it works, nothing to do; if not, archive it.
    """
    for cited in _cited(article, context.links):
        for label, url, result in (
            ("URL", cited.url, cited.link),
            ("archive URL", cited.archive_url, cited.archive),
        ):
            if result and result.status.is_unverifiable:
                unsafe = result.status is LinkStatus.UNSAFE
                yield rule.finding(
                    f"Could not verify the {label} {url}: {result.status}{_why(result)}",
                    cited.reference.span,
                    severity=Severity.WARNING if unsafe else None,
                    reference=cited.reference.id,
                )


def _archive_unavailable(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """An ``archive-url`` that does not lead to a capture.

    **What it flags.** An archive URL that answers 404 ("Wayback Machine has not archived
    that URL"), is dead, or shows a "not found" page.

    **Why.** The archive is the reader's fallback; when it is broken and the original is
    dead, the claim has no checkable source at all.

    **Example.**

        {{cite web |url=https://example.com/a |archive-url=https://web.archive.org/web/2019/
        https://example.com/typo |archive-date=1 May 2019}}

    **Fix.** Find a working capture (the Wayback Machine's calendar for the URL) and use it.
    """
    for cited in _cited(article, context.links):
        archive = cited.archive
        if archive and archive.status.is_dead:
            original = ""
            if cited.link and cited.link.status.is_dead:
                original = f"; the original {cited.url} is {cited.link.status} too"
            yield rule.finding(
                f"The archived copy {cited.archive_url} is not available{_why(archive)}{original}",
                cited.reference.span,
                reference=cited.reference.id,
            )


def _rule(code: str, name: str, severity: Severity, summary: str, check: Check) -> Rule:
    return Rule(
        code=code, name=name, severity=severity, summary=summary, check=check, needs_links=True
    )


RULES: tuple[Rule, ...] = (
    _rule(
        "CC401",
        "dead-link",
        Severity.ERROR,
        "A cited URL is dead and has no archived copy.",
        _dead_link,
    ),
    _rule(
        "CC402",
        "dead-link-marked-live",
        Severity.WARNING,
        "A dead URL with an archived copy is still marked url-status=live.",
        _dead_link_marked_live,
    ),
    _rule(
        "CC403",
        "live-link-marked-dead",
        Severity.INFO,
        "A URL marked url-status=dead answers normally.",
        _live_link_marked_dead,
    ),
    _rule(
        "CC404",
        "soft-404",
        Severity.WARNING,
        "A cited URL answers with a 'not found' page or the site's home page.",
        _soft_404,
    ),
    _rule(
        "CC405",
        "redirected-link",
        Severity.INFO,
        "A cited URL has moved permanently.",
        _redirected_link,
    ),
    _rule(
        "CC406",
        "link-unverifiable",
        Severity.INFO,
        "A cited URL or archive could not be verified either way.",
        _link_unverifiable,
    ),
    _rule(
        "CC407",
        "archive-unavailable",
        Severity.ERROR,
        "An archive-url does not lead to a capture.",
        _archive_unavailable,
    ),
)
