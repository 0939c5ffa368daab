"""Rules about statements and the citations that cover them."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.config import Policy
from citecheck.model import (
    SERIOUS_REASONS,
    Article,
    Coverage,
    Exemption,
    Finding,
    Reason,
    Severity,
    Span,
    Statement,
    TagKind,
)
from citecheck.rules.base import Rule, RuleContext

_REASON_WORDS = {
    Reason.QUOTATION: "quotation",
    Reason.STATISTIC: "statistic",
    Reason.CONTENTIOUS: "contentious claim",
    Reason.SUPERLATIVE: "superlative",
    Reason.WEASEL: "vague attribution",
    Reason.ATTRIBUTION: "attributed claim",
    Reason.OPINION: "judgement",
}

OVERKILL_LIMIT = 3


def describe_reasons(reasons: tuple[Reason, ...]) -> str:
    """``quotation, statistic and superlative``; ``claim`` when there is no special reason."""
    words = [_REASON_WORDS[reason] for reason in reasons]
    if not words:
        return "claim"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def uncited_severity(statement: Statement, *, strict_lead: bool = False) -> Severity:
    if statement.exempt is Exemption.LEAD and not strict_lead:
        return Severity.INFO
    if SERIOUS_REASONS.intersection(statement.reasons):
        return Severity.ERROR
    return Severity.WARNING


def _uncited_claim(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A statement that needs a citation and has none.

    **What it flags.** A statement that makes a claim with no citation of its own and,
    under ``--policy paragraph`` (the default), no citation later in the same paragraph
    either. A statement tagged ``{{citation needed}}`` is never
    covered by a later citation: the tag says the paragraph's source does not support it.

    **Why.** Material that is challenged or likely to be challenged, and every quotation,
    must be attributed to a reliable source with an inline citation.

    **Reasons.** Every statement carries the reasons it is likely to be challenged:
    ``quotation`` (direct speech), ``statistic`` (figures, percentages, money),
    ``contentious`` (crime, allegations, health, private life), ``superlative``,
    ``weasel`` (vague attribution and hedges: "reportedly", "it is believed"),
    ``attribution`` ("according to", "said") and ``opinion`` (peacock and judgement
    words). A plain factual statement has none and still needs a source.

    **Severity.** `error` when the statement is a quotation, a statistic or a contentious
    claim (crime, allegations, health, private life); `warning` for other claims
    (superlatives, vague attribution, attributed speech, judgements, plain facts); `info`
    in the lead of an article, which summarises a body where the facts are cited
    (``--strict-lead`` judges the lead like the body).
    Plot summaries and non-prose sections (See also, External links, References,
    Bibliography, Works…) are exempt.

    **Example.**

        He earned $5 million in 2001. He retired in 2005.<ref>…</ref>     (passes: paragraph)
        He was "the best engineer in the world."                          (fails: quotation)

    **Fix.** Add an inline citation to a reliable source right after the claim, or
    remove the claim.
    """
    for statement in article.statements:
        if not statement.needs_citation or statement.coverage is Coverage.CITED:
            continue
        if statement.coverage is Coverage.PARAGRAPH and context.policy is Policy.PARAGRAPH:
            continue
        message = f"{describe_reasons(statement.reasons)} with no citation"
        if statement.coverage is Coverage.PARAGRAPH:
            message += " of its own (a later statement of the paragraph is cited)"
        if statement.exempt is Exemption.LEAD:
            message += " in the lead"
        message = message[0].upper() + message[1:]
        yield rule.finding(
            message,
            statement.span,
            severity=uncited_severity(statement, strict_lead=context.strict_lead),
            statement=statement.id,
        )


def _citation_needed(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A statement already tagged as needing a source.

    **What it flags.** Every ``{{citation needed}}`` (and its aliases ``{{cn}}``,
    ``{{fact}}``, ``{{source needed}}``…) in wikitext, and every ``[citation needed]``
    marker in text copied from a rendered page, with the date the tag was placed.

    **Why.** A tag is a request that has not been answered; the older it is, the stronger
    the case for removing the claim.

    **Example.**

        He was born in Paris.{{citation needed|date=March 2020}}

    **Fix.** Find a reliable source and cite it, then remove the tag; or remove the claim.
    """
    for tag in article.tags:
        if tag.kind is not TagKind.NEEDS_SOURCE:
            continue
        since = f" since {tag.date}" if tag.date else " (undated)"
        yield rule.finding(f'Marked "{tag.name}"{since}', tag.span, statement=tag.statement)


def _unreferenced_section(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """A section whose claims have no citation at all.

    **What it flags.** A body section (not the lead, not an exempt section such as Plot or
    See also) with at least one statement that needs a citation and not a single cited
    statement. Subsections are judged on their own text.

    **Why.** A whole section without sources cannot be verified; it is the situation
    ``{{unreferenced section}}`` exists for.

    **Example.**

        == Career ==
        She joined the company in 1990 and led it for a decade.

    **Fix.** Cite the sources the section is based on, statement by statement.
    """
    claims: dict[int, int] = {}
    cited: set[int] = set()
    for statement in article.statements:
        if statement.citations:
            cited.add(statement.section)
        if statement.needs_citation:
            claims[statement.section] = claims.get(statement.section, 0) + 1
    for section in article.sections:
        if section.index == 0 or section.exempt is not None or section.index in cited:
            continue
        count = claims.get(section.index, 0)
        if count:
            plural = "claim" if count == 1 else "claims"
            yield rule.finding(
                f'Section "{section.title}" has {count} {plural} and no citation',
                section.heading,
            )


def _citation_overkill(rule: Rule, article: Article, context: RuleContext) -> Iterator[Finding]:
    """More than three citations on one statement.

    **What it flags.** A statement followed by four or more footnotes.

    **Why.** Long runs of footnote markers clutter the text and usually mean the claim is
    contested or that the best source has not been chosen.

    **Example.**

        Dogs are loyal.[1][2][3][4][5]

    **Fix.** Keep the best one or two sources, or bundle them into one footnote.
    """
    for statement in article.statements:
        count = len(statement.citations)
        if count > OVERKILL_LIMIT:
            yield rule.finding(
                f"{count} citations on one statement (more than {OVERKILL_LIMIT} is clutter)",
                statement.span,
                statement=statement.id,
            )


def covered_share(*, cited: int, paragraph: int, claims: int, policy: Policy) -> float | None:
    """The share of claims the policy counts as cited; None when there are no claims."""
    if not claims:
        return None
    return (cited + (paragraph if policy is Policy.PARAGRAPH else 0)) / claims


def _coverage_below_threshold(
    rule: Rule, article: Article, context: RuleContext
) -> Iterator[Finding]:
    """The share of cited claims is below the floor set by ``--min-coverage``.

    **What it flags.** An article where the claims counted as cited under the policy
    (their own citation, or under ``--policy paragraph`` a later citation in the
    paragraph) are fewer than ``--min-coverage`` percent of all claims. Exempt statements
    (plot, non-prose sections) do not count. An article without claims passes. The finding
    sits on the article's first line. Without ``--min-coverage`` the rule never fires.

    **Why.** A floor on coverage lets a project hold every draft to a standard, and stops a
    draft from sliding below it one uncited sentence at a time. Unlike other findings, it
    is reported whatever a baseline or ``--diff-against`` knew: the floor is absolute.

    **Example.** With ``--min-coverage 80``, an article with ten claims of which seven are
    cited fails (70%).

    **Fix.** Cite more of the claims, or remove the ones no source supports.
    """
    if context.min_coverage is None:
        return
    claims = cited = paragraph = 0
    for statement in article.statements:
        if statement.needs_citation:
            claims += 1
            cited += statement.coverage is Coverage.CITED
            paragraph += statement.coverage is Coverage.PARAGRAPH
    share = covered_share(cited=cited, paragraph=paragraph, claims=claims, policy=context.policy)
    if share is None or share >= context.min_coverage:
        return
    first_line = article.text.find("\n")
    yield rule.finding(
        f"{share:.0%} of {claims} claims are cited under the {context.policy} policy, "
        f"below the minimum of {context.min_coverage:.0%}",
        Span(0, len(article.text) if first_line < 0 else first_line),
    )


UNCITED_CLAIM = Rule(
    code="CC101",
    name="uncited-claim",
    severity=Severity.WARNING,
    summary="A statement that needs a citation has none.",
    check=_uncited_claim,
)
CITATION_NEEDED = Rule(
    code="CC102",
    name="citation-needed",
    severity=Severity.WARNING,
    summary="A statement is tagged as needing a citation.",
    check=_citation_needed,
)
UNREFERENCED_SECTION = Rule(
    code="CC103",
    name="unreferenced-section",
    severity=Severity.WARNING,
    summary="A section's claims have no citation at all.",
    check=_unreferenced_section,
)
CITATION_OVERKILL = Rule(
    code="CC104",
    name="citation-overkill",
    severity=Severity.INFO,
    summary="More than three citations on one statement.",
    check=_citation_overkill,
)

COVERAGE_BELOW_THRESHOLD = Rule(
    code="CC105",
    name="coverage-below-threshold",
    severity=Severity.ERROR,
    summary="Fewer claims are cited than --min-coverage asks.",
    check=_coverage_below_threshold,
)

RULES = (
    UNCITED_CLAIM,
    CITATION_NEEDED,
    UNREFERENCED_SECTION,
    CITATION_OVERKILL,
    COVERAGE_BELOW_THRESHOLD,
)
