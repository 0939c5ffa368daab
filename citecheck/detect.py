"""Telling rendered HTML, wikitext, and text copied off a rendered page or any other prose apart."""

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
# A document, or a wiki's rendered content: what no wikitext article and no copied text has.
_HTML_DOCUMENT = re.compile(r"\A(?:\ufeff)?\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_HTML_SIGNS = re.compile(r"<div\s[^<>]*\bclass=\"[^\"<>]*\bmw-parser-output\b|\btypeof=\"mw:")
# A fragment: it opens with a tag and has closed elements, but not the markup of wikitext.
_HTML_FRAGMENT = re.compile(r"\A(?:\ufeff)?\s*<[a-zA-Z]")
_CLOSING_TAGS = re.compile(
    r"</(?:p|div|span|li|sup|a|table|td|ul|ol|section|h[1-6])>", re.IGNORECASE
)
_FRAGMENT_CLOSINGS = 3
_SAMPLE = 100_000
_CERTAIN = 7
"""A wikitext score no copied page reaches (footnote tags, templates and links together)."""


def detect_format(text: str) -> SourceFormat:
    """HTML when it is a document or a wiki's rendered content; then wikitext when its markup
    outweighs the marks of copied text; text otherwise."""
    sample = text[:_SAMPLE]
    if _HTML_DOCUMENT.match(sample) or _HTML_SIGNS.search(sample):
        return SourceFormat.HTML
    wikitext = 0
    for pattern, weight in _WIKITEXT_SIGNS:
        if pattern.search(sample):
            wikitext += weight
            if wikitext >= _CERTAIN:
                return SourceFormat.WIKITEXT
    if (
        _HTML_FRAGMENT.match(sample)
        and len(_CLOSING_TAGS.findall(sample, 0, 20_000)) >= _FRAGMENT_CLOSINGS
    ):
        return SourceFormat.HTML
    rendered = sum(weight for pattern, weight in _RENDERED_SIGNS if pattern.search(sample))
    if wikitext >= 2 and wikitext > rendered:
        return SourceFormat.WIKITEXT
    return SourceFormat.TEXT
