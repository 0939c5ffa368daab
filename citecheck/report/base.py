"""What every reporter receives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from citecheck.config import Policy
from citecheck.model import Article, Finding, Report

EXCERPT_WIDTH = 160


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be checked, and why, in words for the user."""

    source: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderOptions:
    policy: Policy = Policy.PARAGRAPH
    color: bool = False


Reporter = Callable[[Sequence[Report], Sequence[Failure], RenderOptions], str]


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def shorten(text: str, width: int = EXCERPT_WIDTH) -> str:
    """The text on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def excerpt(article: Article, finding: Finding) -> str:
    """What a finding concerns, as the article has it: its statement, or else its span."""
    if finding.statement is not None:
        return article.statement(finding.statement).text
    return article.text[finding.span.start : finding.span.end]
