"""Errors in the citation templates themselves, in the spirit of the wiki's citation module."""

from __future__ import annotations

from citecheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
