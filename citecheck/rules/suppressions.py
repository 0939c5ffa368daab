"""Rules about the suppression comments themselves, so that exceptions do not rot."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Article, Finding, Severity
from citecheck.rules.base import Rule, RuleContext
from citecheck.suppress import Scope


def _describe(names: tuple[str, ...]) -> str:
    return ", ".join(names) if names else "every rule"


def _unused_suppression(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A suppression comment that silences nothing.

    **What it flags.** A ``<!-- citecheck: ignore … -->`` or
    ``<!-- citecheck: ignore-file … -->`` comment when no finding of the rules it names was
    silenced by it. A comment is only judged when every rule it names has run: under
    ``--no-links`` a comment that silences ``dead-link`` is left alone, and so is one that
    names no rule (it names them all, the link rules among them).

    **Why.** A suppression outlives the problem it excused: once the claim is cited or the
    sentence rewritten, the comment would silently excuse the next problem at that place.

    **Example.**

        <!-- citecheck: ignore uncited-claim -->
        He was born in 1950.<ref>Smith 2001.</ref>          (the claim is cited now)

    **Fix.** Delete the comment.
    """
    outcome = context.suppressions
    if outcome is None:
        return
    for suppression in outcome.unused:
        names = _describe(suppression.names)
        if suppression.scope is Scope.STATEMENT and suppression.region is None:
            message = f"Suppression of {names} has no statement after it"
        else:
            where = "this article" if suppression.scope is Scope.FILE else "the next statement"
            message = f"Suppression of {names} silences nothing in {where}"
        yield rule.finding(message, suppression.span)


def _invalid_suppression(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A suppression comment citecheck cannot read.

    **What it flags.** A ``<!-- citecheck: … -->`` comment whose first word is neither
    ``ignore`` nor ``ignore-file``, or that names a rule that does not exist (see
    ``citecheck rules``).

    **Why.** A misspelt comment silences nothing, or less than its author meant, and
    nobody notices until the check fails on the findings it was meant to excuse.

    **Example.**

        <!-- citecheck: ignroe uncited-claim -->
        <!-- citecheck: ignore uncited-claims -->

    **Fix.** Use ``ignore`` or ``ignore-file`` followed by rule names or codes, or nothing
    for every rule.
    """
    outcome = context.suppressions
    if outcome is None:
        return
    for suppression in outcome.suppressions:
        if suppression.scope is None:
            yield rule.finding(
                "Suppression comment not understood: it must start with "
                "'citecheck: ignore' or 'citecheck: ignore-file'",
                suppression.span,
            )
        for name in suppression.unknown:
            yield rule.finding(
                f"Suppression names unknown rule {name!r} (see `citecheck rules`)",
                suppression.span,
            )


RULES: tuple[Rule, ...] = (
    Rule(
        code="CC901",
        name="unused-suppression",
        severity=Severity.INFO,
        summary="A suppression comment silences nothing.",
        check=_unused_suppression,
        reads_suppressions=True,
    ),
    Rule(
        code="CC902",
        name="invalid-suppression",
        severity=Severity.WARNING,
        summary="A suppression comment cannot be read.",
        check=_invalid_suppression,
        reads_suppressions=True,
    ),
)
