"""citecheck: audit encyclopedia articles for verifiability.

The public API: :func:`parse` reads an article into an :class:`Article`; :func:`check`
parses and audits it into a :class:`Report` of :class:`Finding` objects, offline;
:func:`check_links` checks the URLs articles cite, and :func:`review` audits an article
with those results.
"""

__version__ = "0.1.0"

from citecheck.checker import check, check_links, parse, review
from citecheck.config import Config, LinkOptions, Policy
from citecheck.model import (
    Article,
    Coverage,
    Finding,
    LinkReport,
    LinkResult,
    LinkStatus,
    Reason,
    Reference,
    Report,
    Severity,
    SourceFormat,
    Span,
    Statement,
)
from citecheck.rules import RULES, Rule

__all__ = [
    "RULES",
    "Article",
    "Config",
    "Coverage",
    "Finding",
    "LinkOptions",
    "LinkReport",
    "LinkResult",
    "LinkStatus",
    "Policy",
    "Reason",
    "Reference",
    "Report",
    "Rule",
    "Severity",
    "SourceFormat",
    "Span",
    "Statement",
    "__version__",
    "check",
    "check_links",
    "parse",
    "review",
]
