"""citecheck: audit encyclopedia articles for verifiability.

The public API: :func:`parse` reads an article into an :class:`Article`; :func:`check`
parses and audits it into a :class:`Report` of :class:`Finding` objects.
"""

__version__ = "0.1.0"

from citecheck.checker import check, parse
from citecheck.config import Config, Policy
from citecheck.model import (
    Article,
    Coverage,
    Finding,
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
    "parse",
]
