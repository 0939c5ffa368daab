"""Names a finding by what it concerns, not where: the key of baselines and diffs.

A fingerprint hashes the rule's code with the whitespace-collapsed text of the statement or
reference the finding concerns (or of its span, when it concerns neither). Moving a
paragraph, re-wrapping its lines or editing another part of the article leaves it unchanged;
editing the statement itself changes it. Two identical statements with the same finding share
a fingerprint: matching counts them (see :class:`citecheck.baseline.KnownFindings`).
"""

from __future__ import annotations

import hashlib

from citecheck.model import Article, Finding

FINGERPRINT_VERSION = "1"
"""Changes when the recipe does, so old baselines never match by accident."""


def fingerprint(article: Article, finding: Finding) -> str:
    """Sixteen hex digits naming the finding by rule and content."""
    if finding.statement is not None:
        kind, content = "statement", article.statement(finding.statement).text
    elif finding.reference is not None:
        reference = article.reference(finding.reference)
        kind, content = "reference", reference.raw or reference.text or reference.id
    else:
        kind, content = "span", article.text[finding.span.start : finding.span.end]
    normalized = " ".join(content.split())
    key = "\0".join((FINGERPRINT_VERSION, finding.code, kind, normalized))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
