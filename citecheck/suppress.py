"""Suppression comments: ``<!-- citecheck: ignore RULE... -->`` in the article's own text.

``ignore`` silences the statement that follows the comment, with the footnotes after it;
``ignore-file`` silences the whole article. Either names rules (names or codes, separated by
spaces or commas) or none, which means every rule; words after ``--`` give the reason. The
comment is invisible to readers of the article, so an exception stays beside the text it
excuses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from citecheck.model import Article, Finding, Span, Statement
from citecheck.rules.base import Rule

_DIRECTIVE = re.compile(r"<!--\s*citecheck\s*:(?P<body>.*?)-->", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"[^\s,]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n=")


class Scope(StrEnum):
    STATEMENT = "ignore"
    FILE = "ignore-file"


@dataclass(frozen=True, slots=True)
class Suppression:
    """One comment, and what it covers."""

    span: Span
    """The comment itself."""
    scope: Scope | None
    """None when the comment's verb is not one citecheck knows."""
    names: tuple[str, ...]
    """The rule names or codes as written; empty for every rule."""
    rules: frozenset[str] | None
    """The codes of the known rules named; None for every rule."""
    unknown: tuple[str, ...] = ()
    """Names that are no rule."""
    region: Span | None = None
    """What a statement-scope comment silences; None when no statement follows it."""
    statement: str | None = None
    """The id of the statement a statement-scope comment silences."""

    def covers(self, finding: Finding) -> bool:
        if self.scope is None or (self.rules is not None and finding.code not in self.rules):
            return False
        if self.scope is Scope.FILE:
            return True
        if self.region is None:
            return False
        if finding.statement is not None and finding.statement == self.statement:
            return True
        return self.region.start <= finding.span.start < self.region.end


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the suppressions of one article did to its findings."""

    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...]
    unused: tuple[Suppression, ...]
    """Comments that silenced nothing although every rule they name ran."""

    def silenced_by_file(self, finding: Finding) -> bool:
        return any(s.scope is Scope.FILE and s.covers(finding) for s in self.suppressions)


def find_suppressions(article: Article, rules: Sequence[Rule]) -> tuple[Suppression, ...]:
    """Every ``citecheck:`` comment of the article, its rules resolved against ``rules``."""
    by_key = {rule.name: rule.code for rule in rules} | {rule.code: rule.code for rule in rules}
    starts = [statement.span.start for statement in article.statements]
    found = []
    for match in _DIRECTIVE.finditer(article.text):
        # Words after "--" give the reason, for people: no rule name has a double hyphen.
        words = _WORD.findall(match["body"].split("--", 1)[0])
        verb = words[0].lower() if words else ""
        scope = Scope(verb) if verb in Scope._value2member_map_ else None
        names = tuple(words[1:])
        codes = {by_key.get(name) or by_key.get(name.upper()) for name in names}
        unknown = tuple(n for n in names if not (by_key.get(n) or by_key.get(n.upper())))
        span = Span(match.start(), match.end())
        target = _next_statement(article, starts, span.end) if scope is Scope.STATEMENT else None
        found.append(
            Suppression(
                span=span,
                scope=scope,
                names=names,
                rules=frozenset(c for c in codes if c) if names else None,
                unknown=unknown,
                region=target[1] if target else None,
                statement=target[0].id if target else None,
            )
        )
    return tuple(found)


def _next_statement(
    article: Article, starts: list[int], after: int
) -> tuple[Statement, Span] | None:
    """The statement after a comment, and its region: from its start to where its footnotes end.

    That is the start of the following statement of the same paragraph, or else the end of
    the paragraph (a blank line), so a comment never reaches into the next paragraph.
    """
    index = bisect.bisect_left(starts, after)
    if index == len(starts):
        return None
    statement = article.statements[index]
    if _PARAGRAPH_BREAK.search(article.text, after, statement.span.start):
        return None  # the comment ends its paragraph; it excuses nothing beyond
    following = article.statements[index + 1] if index + 1 < len(starts) else None
    if following is not None and following.paragraph == statement.paragraph:
        return statement, Span(statement.span.start, following.span.start)
    blank = article.text.find("\n\n", statement.span.end)
    end = len(article.text) if blank < 0 else blank
    if following is not None:
        end = min(end, following.span.start)
    return statement, Span(statement.span.start, max(end, statement.span.end))


def apply_suppressions(
    findings: Iterable[Finding],
    *,
    suppressions: Sequence[Suppression],
    ran: Iterable[Rule],
    every: Iterable[Rule],
) -> Outcome:
    """Split findings into kept and suppressed, and tell which comments silenced nothing."""
    findings = tuple(findings)
    if not suppressions:
        return Outcome(kept=findings, suppressed=(), suppressions=(), unused=())
    used = [False] * len(suppressions)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        silenced = False
        for index, suppression in enumerate(suppressions):
            if suppression.covers(finding):
                used[index] = silenced = True
        (suppressed if silenced else kept).append(finding)
    ran_codes = {rule.code for rule in ran}
    every_code = frozenset(rule.code for rule in every)
    unused = tuple(
        suppression
        for suppression, was_used in zip(suppressions, used, strict=True)
        if not was_used and _provably_unused(suppression, ran_codes, every_code)
    )
    return Outcome(
        kept=tuple(kept),
        suppressed=tuple(suppressed),
        suppressions=tuple(suppressions),
        unused=unused,
    )


def _provably_unused(suppression: Suppression, ran: set[str], every: frozenset[str]) -> bool:
    """Silence proves a comment useless only when every rule it names has run."""
    if suppression.scope is None:
        return False
    named = every if suppression.rules is None else suppression.rules
    return bool(named) and named <= ran
