"""What a rule is: a stable code, a name, a default severity and a check over an article."""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citecheck.config import Policy
from citecheck.model import Article, Finding, LinkReport, Severity, Span

if TYPE_CHECKING:
    from citecheck.reliability import Assessment
    from citecheck.suppress import Outcome


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleContext:
    policy: Policy = Policy.PARAGRAPH
    strict_lead: bool = False
    """Hold the lead to the body's standard instead of reporting it at info."""
    links: LinkReport | None = None
    """What checking the cited URLs found; None when links were not checked."""
    min_coverage: float | None = None
    """The least share of claims that must be cited (0 to 1); None sets no floor."""
    suppressions: Outcome | None = None
    """What the article's suppression comments did; set only for the rules that read it."""
    reliability: Assessment | None = None
    """The rated sources the article cites; None: rate them by the default list."""
    today: datetime.date | None = None
    """The day dates are judged against (future dates); None means the day of the run."""


Check = Callable[["Rule", Article, RuleContext], Iterator[Finding]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    check: Check
    needs_links: bool = False
    """It judges what the cited URLs answered, so selecting it means checking them."""
    reads_suppressions: bool = False
    """It judges the suppression comments, so it runs after they have silenced the others."""

    @property
    def documentation(self) -> str:
        """What it flags, why, an example and the fix: the check's docstring."""
        return inspect.cleandoc(self.check.__doc__ or self.summary)

    def finding(
        self,
        message: str,
        span: Span,
        *,
        severity: Severity | None = None,
        statement: str | None = None,
        reference: str | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            message=message,
            span=span,
            statement=statement,
            reference=reference,
        )

    def run(self, article: Article, context: RuleContext) -> Iterator[Finding]:
        return self.check(self, article, context)
