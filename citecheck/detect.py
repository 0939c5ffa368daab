"""Telling wikitext from text copied off a rendered page or any other prose."""

from __future__ import annotations

import re

from citecheck.model import SourceFormat

_WIKITEXT_SIGNS = (
    (re.compile(r"<ref[\s>/]", re.IGNORECASE), 3),
    (re.compile(r"\{\{[^{}\n]{1,80}(?:\||\}\})"), 2),
    (re.compile(r"\[\[[^\[\]\n]{1,200}\]\]"), 2),
    (re.compile(r"^={2,6}[^=\n]+={2,6}\s*$", re.MULTILINE), 2),
    (re.compile(r"'''[^'\n]+'''"), 1),
    (re.compile(r"^\{\|", re.MULTILINE), 2),
    (re.compile(r"<references\s*/?>|\{\{\s*reflist", re.IGNORECASE), 3),
    (re.compile(r"^#redirect\s*\[\[", re.IGNORECASE), 5),
)
_RENDERED_SIGNS = (
    (re.compile(r"\S\[\d{1,4}\]"), 2),
    (re.compile(r"\[edit\]\s*$", re.MULTILINE), 3),
    (re.compile(r"^\s*\d{1,4}\.\s*[\^↑]", re.MULTILINE), 3),
    (re.compile(r"^\s*[\^↑]\s", re.MULTILINE), 2),
    (re.compile(r"From Wikipedia, the free encyclopedia"), 3),
    (re.compile(r"\[citation needed\]"), 2),
)
_SAMPLE = 100_000
_CERTAIN = 7
"""A wikitext score no copied page reaches (footnote tags, templates and links together)."""


def detect_format(text: str) -> SourceFormat:
    """Wikitext when its markup outweighs the marks of copied text; text otherwise."""
    sample = text[:_SAMPLE]
    wikitext = 0
    for pattern, weight in _WIKITEXT_SIGNS:
        if pattern.search(sample):
            wikitext += weight
            if wikitext >= _CERTAIN:
                return SourceFormat.WIKITEXT
    rendered = sum(weight for pattern, weight in _RENDERED_SIGNS if pattern.search(sample))
    if wikitext >= 2 and wikitext > rendered:
        return SourceFormat.WIKITEXT
    return SourceFormat.TEXT
