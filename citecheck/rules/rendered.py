"""Rules for text copied from a rendered page, where footnotes are markers and a list."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Article, Finding, ReferenceKind, Severity
from citecheck.rules.base import Rule, RuleContext


def _marker_without_entry(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A footnote marker with no entry in the reference list.

    **What it flags.** A marker such as ``[7]`` in copied text when the References list has
    no entry 7.

    **Why.** The claim points at a source nobody can look up. In copied text it also
    shows that the copy lost part of the page, or that the list was edited apart from
    the text.

    **Example.**

        The fort was built in 1620.[7]          (the list stops at 6)

    **Fix.** Copy the whole page, or restore the missing entry.
    """
    for reference in article.references:
        if reference.kind is ReferenceKind.ENTRY and not reference.defined:
            yield rule.finding(
                f"Marker [{reference.name or reference.number}] has no entry in the reference list",
                reference.span,
                reference=reference.id,
            )


def _backlink_mismatch(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A reference list entry whose backlinks disagree with its markers.

    **What it flags.** An entry ``3. ^ a b …`` (two backlinks: cited twice) when the text
    has a different number of ``[3]`` markers; ``^`` alone means one use, and Parsoid's
    ``↑ 1 2 3`` means three.

    **Why.** The backlinks are how the wiki counted the uses; a different count in the
    copy means markers were lost or added by hand, so the statement-to-source mapping
    cannot be trusted.

    **Example.**

        Text.[1] More.[1]
        1. ^ Smith, J. (2001). Title.            (one backlink, two markers)

    **Fix.** Re-copy the page, or correct the markers.
    """
    for reference in article.references:
        if (
            reference.kind is ReferenceKind.ENTRY
            and reference.defined
            and reference.backlinks is not None
            and reference.backlinks != reference.uses
        ):
            yield rule.finding(
                f"Entry {reference.number or reference.name} shows {reference.backlinks} "
                f"backlink{'s' if reference.backlinks != 1 else ''} but the text has "
                f"{reference.uses} marker{'s' if reference.uses != 1 else ''}",
                reference.span,
                reference=reference.id,
            )


MARKER_WITHOUT_ENTRY = Rule(
    code="CC301",
    name="marker-without-entry",
    severity=Severity.ERROR,
    summary="A footnote marker has no entry in the reference list.",
    check=_marker_without_entry,
)
BACKLINK_MISMATCH = Rule(
    code="CC302",
    name="backlink-mismatch",
    severity=Severity.WARNING,
    summary="An entry's backlinks disagree with the markers in the text.",
    check=_backlink_mismatch,
)

RULES = (MARKER_WITHOUT_ENTRY, BACKLINK_MISMATCH)
