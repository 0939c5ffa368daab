"""Settings of one run, gathered in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from citecheck.model import Severity, SourceFormat


class Policy(StrEnum):
    PARAGRAPH = "paragraph"
    """A citation at the end of a paragraph covers the paragraph's earlier statements."""
    SENTENCE = "sentence"
    """Every statement that needs a citation needs its own."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    policy: Policy = Policy.PARAGRAPH
    strict_lead: bool = False
    """Report uncited lead statements like the body's, not at info."""
    select: frozenset[str] | None = None
    """Rule names or codes to run; None runs them all."""
    ignore: frozenset[str] = frozenset()
    fail_on: Severity | None = Severity.ERROR
    """The least severity that makes the run fail; None never fails on findings."""
    input_format: SourceFormat | None = None
    """None detects the format from the content."""
    links: bool = True
