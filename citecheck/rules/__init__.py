"""Every rule citecheck knows, in one explicit tuple, and the audit that runs them."""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.model import Article, Finding
from citecheck.rules import (
    archives,
    citations,
    coverage,
    identifiers,
    links,
    references,
    reliability,
    rendered,
    suppressions,
)
from citecheck.rules.base import Rule, RuleContext

RULES: tuple[Rule, ...] = (
    coverage.RULES
    + references.RULES
    + rendered.RULES
    + links.RULES
    + archives.RULES
    + reliability.RULES
    + citations.RULES
    + identifiers.RULES
    + suppressions.RULES
)


class UnknownRuleError(ValueError):
    pass


def find_rule(key: str) -> Rule:
    """A rule by its name (``uncited-claim``) or its code (``CC101``)."""
    wanted = key.strip()
    for rule in RULES:
        if wanted == rule.name or wanted.upper() == rule.code:
            return rule
    raise UnknownRuleError(f"unknown rule {key!r} (see `citecheck rules`)")


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> tuple[Rule, ...]:
    chosen = RULES if select is None else tuple(dict.fromkeys(find_rule(k) for k in select))
    ignored = {find_rule(key) for key in ignore}
    return tuple(rule for rule in RULES if rule in chosen and rule not in ignored)


def audit(
    article: Article, *, rules: Iterable[Rule] = RULES, context: RuleContext | None = None
) -> list[Finding]:
    context = context or RuleContext()
    findings = [finding for rule in rules for finding in rule.run(article, context)]
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return findings


__all__ = ["RULES", "Rule", "RuleContext", "UnknownRuleError", "audit", "find_rule", "select_rules"]
