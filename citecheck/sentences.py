"""Sentence boundaries for encyclopedic prose."""

from __future__ import annotations

import re
from collections.abc import Collection

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[A-Z0-9\"“(]|\s*$)")


def split_sentences(text: str, *, breaks: Collection[int] = ()) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of one paragraph.

    Each sentence is trimmed of surrounding whitespace and the sentences cover every
    non-space character of ``text``. ``breaks`` are offsets where a citation stood in
    the source: terminal punctuation right before one is a strong sign of a sentence end.
    """
    # Placeholder until the real splitter lands.
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            result.append((a, b))
    return result
