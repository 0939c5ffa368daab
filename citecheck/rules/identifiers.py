"""Identifiers in citations (ISBN, ISSN, DOI, PMID, PMC) that cannot exist."""

from __future__ import annotations

from citecheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
