"""Whether the sources cited are reliable, by the list of perennial sources."""

from __future__ import annotations

from citecheck.rules.base import Rule

RULES: tuple[Rule, ...] = ()
