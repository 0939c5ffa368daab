"""Does a statement need a citation, and why?"""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.model import Reason


@dataclass(frozen=True, slots=True)
class Assessment:
    needs_citation: bool
    reasons: tuple[Reason, ...] = ()


def assess(text: str, *, quoted: bool = False) -> Assessment:
    """Placeholder until the real classifier lands."""
    reasons = (Reason.QUOTATION,) if quoted or '"' in text or "“" in text else ()
    return Assessment(needs_citation=len(text.split()) >= 3, reasons=reasons)
